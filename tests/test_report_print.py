"""The reports in print (``report --pdf`` and the browser's print): words whole in narrow
columns, long tables going on over a page break instead of leaving half a page empty,
and 03's index chart with no label under the 100 line. The pages are the embedded
documents' reports (``reports_run``), printed by headless Chromium as the PDFs are."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from sonanalys.report import present
from sonanalys.report.pdf import FLAGS

CHROMIUM = os.environ.get("SONANALYS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# A4 less the PDF's side margins (report.pdf: 12 mm each), in CSS pixels
A4_TEXT_WIDTH = round((210 - 2 * 12) / 25.4 * 96)


@pytest.fixture(scope="module")
def printed(reports_run):
    """Each report's page as print lays it out (A4's text width, print media)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium saknas ({CHROMIUM}); installera med scripts/setup-browser.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        pages = {}
        for r in reports_run.results:
            page = browser.new_page(viewport={"width": A4_TEXT_WIDTH, "height": 1000})
            page.goto((reports_run.out / r.html).as_uri(), wait_until="load")
            page.emulate_media(media="print")
            pages[r.name] = page
        yield pages
        browser.close()


# every match of ``pattern`` in the text of the elements ``selector`` finds (but those of
# class ``skip``) that the line breaks inside: its characters stand on more than one line
SPLIT_OVER_LINES = """([selector, skip, pattern]) => {
  const out = [];
  const re = new RegExp(pattern, 'gu');
  for (const el of document.querySelectorAll(selector)) {
    if (skip && el.classList.contains(skip)) continue;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(re)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) out.push(m[0]);
      }
    }
  }
  return out;
}"""

# every word of a table's text cell (a cell marked sv-long, a file name, may break anywhere)
BROKEN_WORDS = ["table.sv-table td", "sv-long", r"[\p{L}\p{N}]{4,}"]


def test_no_word_breaks_inside_in_a_printed_table(printed):
    """04's "Planernas text" table printed its plans' names as "omsorgsnäm nden" and
    "prognostisera t", and 05's Kontroller "Kommunplac erade": a text column could
    shrink below its longest word (overflow-wrap: anywhere). Now a word breaks only in a
    cell holding a token no column can hold (a file name: sv-long)."""
    broken = {name: page.evaluate(SPLIT_OVER_LINES, BROKEN_WORDS) for name, page in printed.items()}
    assert {name: words for name, words in broken.items() if words} == {}


# every place or range (``rad 455–458``, ``s. 3``, ``28,25–28,75``) in a table cell or a
# source note
_N = r"\d+(?:,\d+)?"
BROKEN_RANGES = [
    "table.sv-table td, p.source-note",
    "",
    rf"(?:\b(?:s\.|rad) ){_N}(?:–{_N})?|{_N}–{_N}",
]


def test_no_line_breaks_inside_a_place_or_a_range_in_print(printed):
    """04's status table printed its plans' lines as "rad 455–" over "458" (a line may
    break after a dash): a range read as an open one, the line it ends on on the next
    line. Now a place (``rad 455–458``, ``s. 11``) and a range of figures stay whole."""
    broken = {
        name: page.evaluate(SPLIT_OVER_LINES, BROKEN_RANGES) for name, page in printed.items()
    }
    assert {name: places for name, places in broken.items() if places} == {}


BREAKS = """() => [...document.querySelectorAll('table.sv-table')].map(t => {
  const area = t.closest('.jp-OutputArea-output');
  const child = t.closest('.jp-OutputArea-child');
  return [t.tBodies[0].rows.length, getComputedStyle(area).breakInside,
          getComputedStyle(child).breakInside];
})"""


def test_a_long_table_goes_on_over_a_page_break_and_a_short_one_stays_whole(printed):
    """A table's output area never broke in print, so a table that did not fit the rest
    of a page went whole to the next and left it half empty (05's forecast tables, 04's
    text against the tables). Now a table of six rows or more may go on over a break
    (its rows whole, its header repeated); a shorter one stays whole."""
    seen = 0
    for name, page in printed.items():
        for rows, area, child in page.evaluate(BREAKS):
            if rows >= 6:
                assert (area, child) == ("auto", "auto"), (name, rows)
                seen += 1
            else:
                assert area == "avoid", (name, rows)
    assert seen >= 5


def test_a_file_name_cell_may_break_but_a_long_swedish_word_is_a_word():
    t = present.table_html(
        pd.DataFrame(
            {
                "källa": ["004_delarsrapport_prognos2_2023_orebro_socialnamnden.txt, rad 529"],
                "text": ["kostnadseffektiviseringar på 3 mnkr"],
            }
        )
    )
    assert '<td class="sv-text sv-long" style="text-align:left">004_' in t
    assert '<td style="text-align:left">kostnadseffektiviseringar' in t


def test_the_index_charts_labels_stand_clear_of_the_100_line():
    """03's chart of Linköping in percent of R9 (002 lines 580–582: 993 against 913,
    8 605 against 9 260, 761 against 1 063): the labels of the bars under 100 ("93 (−7 %,
    lägre)", "72 (−28 %, lägre)") were set at the bars' ends, and the 100 line ran
    through them. Now each label stands right of its bar and of the line."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    values = [993 / 913 * 100, 8605 / 9260 * 100, 761 / 1063 * 100]
    fig = present.index_chart(["öppna insatser", "familje- och HVB", "missbruksvård"], values,
                              "Linköping mot R9", "procent av R9")  # fmt: skip
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    (ax,) = fig.axes
    line_x = ax.transData.transform((100, 0))[0]
    texts = [t for t in ax.texts if t.get_text()]
    assert [t.get_text() for t in texts] == [
        "109 (+9 %, högre)",
        "93 (−7 %, lägre)",
        "72 (−28 %, lägre)",
    ]
    axes_box = ax.get_window_extent(renderer)
    for t in texts:
        box = t.get_bbox_patch().get_window_extent(renderer)
        assert box.x0 > line_x, t.get_text()  # right of the 100 line, its ground too
        assert box.x1 < axes_box.x1, t.get_text()  # and inside the chart
    plt.close(fig)
