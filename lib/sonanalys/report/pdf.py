"""HTML reports to PDF appendices with headless Chromium (Debian's ``chromium``, or the
browser ``SONANALYS_CHROMIUM`` names) driven through Playwright: A4, page numbers and the
report's title in the footer, backgrounds printed, no request leaves the machine. Tables
keep their rows whole and their headers on every page (the print CSS in ``run._CSS``).
"""

from __future__ import annotations

import html
import importlib.util
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

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
                page.pdf(
                    path=str(dst),
                    format="A4",
                    print_background=True,
                    outline=True,  # bookmarks from the headings
                    tagged=True,  # a tagged (accessible) PDF
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=_footer(title),
                    margin={"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"},
                )
                page.close()
                written.append(Path(dst))
        finally:
            browser.close()
    return written
