"""HTML reports to PDF appendices with headless Chromium (Debian's ``chromium``, or the
browser ``SONANALYS_CHROMIUM`` names) driven through Playwright: A4, page numbers and the
report's title in the footer, backgrounds printed, no request leaves the machine. Tables
keep their rows whole and their headers on every page (the print CSS in ``run._CSS``).
"""

from __future__ import annotations

import html
import importlib.util
import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# the flags Chromium needs on a closed, screenless machine (and as root)
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOW_TO_GET = (
    "Chromium saknas, så ingen PDF skrevs (HTML-rapporterna är skrivna). På Windows används "
    "Microsoft Edge eller Google Chrome där de installeras; på macOS Google Chrome eller "
    "Chromium i Program; på Linux `sudo apt-get install chromium` (Debian/Ubuntu) eller "
    "`bash scripts/setup-browser.sh`. Eller ange en Chromium/Chrome/Edge med miljövariabeln "
    "SONANALYS_CHROMIUM."
)

NO_PLAYWRIGHT = (
    "PDF kräver tillägget pdf (Playwright), som inte är installerat, så ingen PDF skrevs "
    '(HTML-rapporterna är skrivna). Installera det med `pip install "sonanalys[pdf]"` '
    '(i en utvecklingsmiljö: `pip install -e ".[pdf]"`) och kör igen.'
)


class NoBrowserError(RuntimeError):
    """No Playwright or no Chromium to print with; the message says how to get it."""


def _installed() -> list[Path]:
    """Where Windows' and macOS' installers put a Chromium-based browser (neither puts one on
    the PATH): Edge is on every Windows 10/11."""
    if os.name == "nt":
        roots = [os.environ.get(v) for v in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA")]
        tails = [
            ("Microsoft", "Edge", "Application", "msedge.exe"),
            ("Google", "Chrome", "Application", "chrome.exe"),
            ("Chromium", "Application", "chrome.exe"),
        ]
        return [Path(r).joinpath(*t) for r in roots if r for t in tails]
    apps = Path("/Applications")
    return [
        apps / "Google Chrome.app" / "Contents" / "MacOS" / "Google Chrome",
        apps / "Chromium.app" / "Contents" / "MacOS" / "Chromium",
        apps / "Microsoft Edge.app" / "Contents" / "MacOS" / "Microsoft Edge",
    ]


def find_chromium() -> str | None:
    """The browser to print with: ``SONANALYS_CHROMIUM``, else one on the PATH, else one
    where Windows' or macOS' installers put it."""
    env = os.environ.get("SONANALYS_CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    for path in _installed():
        if path.is_file():
            return str(path)
    return None


def _footer(title: str) -> str:
    return (
        '<div style="font-size:8px;width:100%;padding:0 12mm;color:#555;'
        'display:flex;justify-content:space-between;font-family:sans-serif">'
        f"<span>{html.escape(title)}</span>"
        '<span>Sida <span class="pageNumber"></span> av <span class="totalPages"></span></span>'
        "</div>"
    )


# how a page is printed (Playwright's ``page.pdf``), less the footer, which names the report
PAGE: dict[str, Any] = {
    "format": "A4",
    "print_background": True,
    "outline": True,  # bookmarks from the headings
    "tagged": True,  # a tagged (accessible) PDF
    "display_header_footer": True,
    "header_template": "<span></span>",
    "margin": {"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"},
}


def html_to_pdf(jobs: Iterable[tuple[Path, Path, str]]) -> list[Path]:
    """Print each ``(html, pdf, title)``; returns the PDFs written. ``NoBrowserError``
    when there is no Chromium."""
    jobs = list(jobs)
    if not jobs:
        return []
    if importlib.util.find_spec("playwright") is None:
        raise NoBrowserError(NO_PLAYWRIGHT)
    exe = find_chromium()
    if exe is None:
        raise NoBrowserError(HOW_TO_GET)
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=FLAGS)
        try:
            for src, dst, title in jobs:
                page = browser.new_page()
                page.route(
                    "**/*",
                    lambda route: (
                        route.continue_()
                        if route.request.url.startswith(("file:", "data:"))
                        else route.abort()
                    ),
                )
                page.goto(Path(src).resolve().as_uri(), wait_until="load")
                page.emulate_media(media="print")
                page.pdf(path=str(dst), footer_template=_footer(title), **PAGE)
                page.close()
                mark_own(Path(dst))
                written.append(Path(dst))
        finally:
            browser.close()
    return written


_TRAILER = re.compile(rb"trailer\s*<<(?P<dict>.*?)>>\s*startxref\s+(?P<xref>\d+)\s*%%EOF\s*$", re.S)


def _pdf_text(text: str) -> bytes:
    """A PDF string: printable ASCII as a literal (``(D:2026…)``: dates stay dates), any
    other text UTF-16BE with its byte-order mark, in hex."""
    if text.isascii() and text.isprintable():
        return b"(" + re.sub(rb"([\\()])", rb"\\\1", text.encode("ascii")) + b")"
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def mark_own(path: Path) -> None:
    """Mark a PDF we printed as sonanalys's own: an incremental update (appended; the
    pages stay byte for byte) whose document information keeps the browser's Title,
    Producer and dates and names sonanalys as its Creator (``ours.APPLICATION``), so a
    PDF copied out of its report folder is still known as ours (``ours.own_file``).
    Chromium's PDFs end in a classic cross-reference table and trailer; one that does
    not is an error (a report must not go out unmarked)."""
    import pypdfium2 as pdfium

    from ..ours import APPLICATION

    data = path.read_bytes()
    m = _TRAILER.search(data[-4096:])
    root = re.search(rb"/Root\s+(\d+\s+\d+\s+R)", m.group("dict")) if m else None
    size = re.search(rb"/Size\s+(\d+)", m.group("dict")) if m else None
    if not (m and root and size):
        raise ValueError(f"{path}: PDF:en slutar inte med en xref-tabell och trailer")
    ident = re.search(rb"/ID\s*\[[^\]]*\]", m.group("dict"))
    pdf = pdfium.PdfDocument(data)
    try:
        info = pdf.get_metadata_dict(skip_empty=True)
    finally:
        pdf.close()
    info["Creator"] = APPLICATION
    n = int(size.group(1))
    entries = b"".join(b"/" + k.encode("ascii") + b" " + _pdf_text(v) for k, v in info.items())
    sep = b"" if data.endswith(b"\n") else b"\n"
    start = len(data) + len(sep)
    obj = b"%d 0 obj\n<<%s>>\nendobj\n" % (n, entries)
    xref = len(data) + len(sep) + len(obj)
    trailer = b"<</Size %d /Root %s /Info %d 0 R /Prev %s%s>>" % (
        n + 1, root.group(1), n, m.group("xref"), b" " + ident.group(0) if ident else b""
    )  # fmt: skip
    tail = b"xref\n%d 1\n%010d 00000 n \ntrailer\n%s\nstartxref\n%d\n%%%%EOF\n" % (
        n, start, trailer, xref
    )  # fmt: skip
    with open(path, "ab") as f:
        f.write(sep + obj + tail)
