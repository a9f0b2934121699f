"""The reports as a ledning laptop shows them: index.html and every report opened in
headless Chromium (Debian's, installed by scripts/setup-browser.sh) with the network
unused. Each page must load without script errors, request nothing but its own file
and embedded data, show its charts and a working table of contents. Screenshots are
kept in test-artifacts/ for a human to look at."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sonanalys import paths
from sonanalys.report.pdf import FLAGS  # the flags Chromium needs here, as for PDFs

CHROMIUM = os.environ.get("SONANALYS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = paths.ROOT / "test-artifacts"
# what nbconvert's lab template renders a code cell's input as
CODE = ".jp-CodeCell .jp-InputArea, .jp-CodeMirrorEditor, .jp-InputPrompt, div.highlight"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium saknas ({CHROMIUM}); installera med scripts/setup-browser.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def open_page(browser, path: Path):
    """The page loaded, with everything it logged as an error and every URL it asked for."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: errors.append(f"misslyckad begäran {r.url}"))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri(), wait_until="load")
    return page, errors, requests


def foreign(requests: list[str]) -> list[str]:
    return [u for u in requests if not u.startswith(("file:", "data:"))]


def test_index_opens_and_links_every_report(browser, reports_run):
    page, errors, requests = open_page(browser, reports_run.out / "index.html")
    assert errors == [] and foreign(requests) == []
    assert page.title() == "Rapporter"
    links = page.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    # each report, then its tables as a workbook ("underlag i Excel")
    assert links == [f for r in reports_run.results for f in (r.html, r.xlsx)]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "index.png"), full_page=True)
    page.close()


def test_every_report_renders_offline_with_charts_and_toc(browser, reports_run):
    ARTIFACTS.mkdir(exist_ok=True)
    for r in reports_run.results:
        page, errors, requests = open_page(browser, reports_run.out / r.html)
        assert errors == [], (r.name, errors)
        assert foreign(requests) == [], r.name
        assert page.title() == r.title
        widths = page.evaluate("Array.from(document.images).map(i => i.naturalWidth)")
        assert widths and all(w > 0 for w in widths), r.name  # every chart decoded
        toc = page.locator("nav.toc a")
        assert toc.count() >= 2, r.name
        target = toc.nth(toc.count() - 1).get_attribute("href")
        found = page.evaluate(
            "h => !!(document.getElementById(h) || document.getElementById(decodeURIComponent(h)))",
            target[1:],
        )
        assert found, (r.name, target)  # the anchor exists
        toc.nth(toc.count() - 1).click()
        assert page.evaluate("window.scrollY") > 0, r.name  # and the link goes there
        assert page.locator(CODE).count() == 0, r.name
        page.screenshot(path=str(ARTIFACTS / f"{r.name}.png"), full_page=True)
        page.close()


# A4 less the PDF's side margins (report.pdf: 12 mm each), in CSS pixels
A4_TEXT_WIDTH = round((210 - 2 * 12) / 25.4 * 96)


def test_every_table_fits_the_printed_page(browser, reports_run):
    """In print (the PDF bilaga), no table is wider than the column it stands in: a wider
    one is cut at the page's edge (05's forecast tables lost their last column so)."""
    for r in reports_run.results:
        page = browser.new_page(viewport={"width": A4_TEXT_WIDTH, "height": 1000})
        page.goto((reports_run.out / r.html).as_uri(), wait_until="load")
        page.emulate_media(media="print")
        over = page.evaluate(
            """() => [...document.querySelectorAll('table.sv-table')].map(t => {
                 const box = t.closest('.jp-OutputArea-child') || document.body;
                 return [t.caption ? t.caption.textContent.slice(0, 60) : '',
                         t.getBoundingClientRect().width, box.getBoundingClientRect().width];
               }).filter(([, w, room]) => w > room + 0.5)"""
        )
        assert over == [], (r.name, over)
        page.close()


def test_a_column_of_running_text_keeps_a_readable_width_in_print(browser, reports_run):
    """A column whose cells are sentences (04's "planens text", the Kontroller's
    "förklaring") is at least 12 ems of its own type wide in print: about 25 characters a
    line. Every text column once had the same minimum, so the sentence column of 04's
    "Planernas text" table got 8 ems (about 10 characters a line) and ran over 3 pages."""
    seen = []
    for r in reports_run.results:
        page = browser.new_page(viewport={"width": A4_TEXT_WIDTH, "height": 1000})
        page.goto((reports_run.out / r.html).as_uri(), wait_until="load")
        page.emulate_media(media="print")
        # per column of text: its header, the text cells' mean length, its width in ems
        cols = page.evaluate(
            """() => [...document.querySelectorAll('table.sv-table')].flatMap(t => {
                 const heads = [...t.tHead.rows[0].cells];
                 return heads.map((h, i) => {
                   const cells = [...t.tBodies[0].rows].map(r => r.cells[i])
                     .filter(c => c && c.tagName === 'TD' && c.style.textAlign === 'left');
                   if (!cells.length) return null;
                   const mean = cells.reduce((n, c) => n + c.textContent.length, 0) / cells.length;
                   const em = parseFloat(getComputedStyle(cells[0]).fontSize);
                   return [h.textContent, mean, cells[0].getBoundingClientRect().width / em];
                 }).filter(x => x);
               })"""
        )
        page.close()
        prose = [(r.name, head, round(ems, 1)) for head, mean, ems in cols if mean >= 80]
        seen += prose
        assert [p for p in prose if p[2] < 12] == [], prose
    assert ("04", "planens text") in {(n[:2], h) for n, h, _ in seen}


def test_no_heading_ends_a_page_apart_from_what_follows_it(browser, reports_run, tmp_path):
    """Printed, every section heading is on the same page as the first line of what
    follows its Markdown cell (the table or text it introduces): 05's "Beläggning i egen
    regi per månad" and its lead-in once ended page 4 with the table on page 5."""
    import pypdfium2 as pdfium

    from sonanalys.report.pdf import PAGE, _footer

    jobs = []
    for r in reports_run.results:
        page = browser.new_page()
        page.goto((reports_run.out / r.html).as_uri(), wait_until="load")
        page.emulate_media(media="print")
        page.pdf(path=str(tmp_path / f"{r.name}.pdf"), footer_template=_footer(r.title), **PAGE)
        page.close()
        jobs.append((reports_run.out / r.html, tmp_path / f"{r.name}.pdf"))

    def flat(text: str) -> str:
        return " ".join(text.replace("¶", "").split())

    def page_of(text: str, pages: list[list[str]], start: int = 0) -> int:
        """The first page from ``start`` with a line that begins ``text`` (a heading or
        caption may wrap)."""
        text = flat(text)
        return next(
            i
            for i in range(start, len(pages))
            if any(len(ln) >= min(12, len(text)) and text.startswith(ln) for ln in pages[i])
        )

    checked = 0
    for src, pdf in jobs:
        page = browser.new_page()
        page.goto(src.as_uri(), wait_until="load")
        pairs = page.evaluate(
            """() => [...document.querySelectorAll('.jp-MarkdownCell')]
                 .filter(c => c.querySelector('h2') && c.nextElementSibling)
                 .map(c => [c.querySelector('h2').textContent,
                            c.nextElementSibling.innerText.trim().split('\\n')[0]])"""
        )
        page.close()
        doc = pdfium.PdfDocument(str(pdf))
        pages = [
            [flat(ln) for ln in p.get_textpage().get_text_range().splitlines() if ln.strip()]
            for p in doc
        ]
        doc.close()
        for heading, after in pairs:
            at = page_of(heading, pages)
            assert page_of(after, pages, at) == at, (pdf.name, heading, after, at)
            checked += 1
    assert checked >= 20


# a delårsrapport whose verksamheter are named to run script in the report: the same
# document as the embedded Örebro one, its table's row labels replaced
HOSTILE = {
    "Övergripande & nämnd": "&amp;lt;img src=x onerror=alert(1)&amp;gt;",
    "Förebyggande & familjecentraler": "<img src=x onerror=alert(2)>",
    "Myndighet": "[Myndighet](javascript:alert(4))",
    "Eget utförande": "![bild](javascript:alert(5))",
    "Externa vård- och behandlingskostnader": "<script>alert(3)</script>Externa",
}


def test_a_report_from_a_hostile_document_runs_nothing_of_it(browser, tmp_path):
    """Issue 30: row labels that are markup, entities of markup and Markdown links reach
    the Sammanfattning and the tables; the report must show them as text and run none of
    them — no dialog, no request, no link to ``javascript:``."""
    from sonanalys.report.runner import run_reports

    seed = next(paths.RAW.glob("004_*.txt"))
    lines = seed.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        for label, hostile in HOSTILE.items():
            if line.startswith(f"| {label} ") and line.count("|") > 5:
                lines[i] = line.replace(f"| {label} ", f"| {hostile} ", 1)
    folder = tmp_path / "dokument"
    folder.mkdir()
    (folder / seed.name).write_text("\n".join(lines), encoding="utf-8")
    s = run_reports(out=tmp_path / "rapporter", raw=folder, processed=tmp_path / "processed",
                    only=["05"], progress=False, run_date="2026-11-23")  # fmt: skip
    assert s.failed == [], s.failed
    page, errors, requests = open_page(browser, s.out / s.results[0].html)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.wait_for_timeout(500)
    page.reload(wait_until="load")
    page.wait_for_timeout(500)
    assert dialogs == [] and errors == [] and foreign(requests) == [], (dialogs, errors)
    assert [u for u in requests if u.startswith("file:") and not u.endswith(".html")] == []
    assert page.locator("[onerror], [onload], script:not([src]):not([type])").count() == 0
    hrefs = page.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href') || '')")
    assert not [h for h in hrefs if "javascript" in h.lower()]
    text = page.inner_text("body")
    # the labels are there, as written (a tag is taken out of a label, never run)
    assert "[Myndighet](javascript:alert(4))" in text
    assert "![bild](javascript:alert(5))" in text
    assert "<img" not in page.content().split("<body", 1)[1].replace("<img alt=", "")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "hostile.png"), full_page=True)
    page.close()
