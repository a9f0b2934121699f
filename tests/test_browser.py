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
