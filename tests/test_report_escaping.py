"""Text is text: document text never becomes markup in a report. Entities are decoded once
(``labels.clean``), document text meets Markdown through ``present.say`` (shown as
written, no link, no HTML), and a last pass over every page removes what runs that the
report did not put there — and nothing from a page of ours."""

from __future__ import annotations

import re

import nbformat
import pytest

from sonanalys import labels
from sonanalys.report.present import md_text
from sonanalys.report.sanitise import sanitise, template_scripts

IMG = "&amp;lt;img src=x onerror=alert(1)&amp;gt;"
LINK = "[Myndighet](javascript:alert(4))"


def test_clean_decodes_entities_once_and_never_makes_a_tag():
    once = labels.clean(IMG)
    assert once == "&lt;img src=x onerror=alert(1)&gt;"  # the text the document shows
    # a label is cleaned more than once on its way (tables, then label_text): no pass may
    # turn it into a live tag
    for text in (once, labels.label_text(IMG), labels.clean(once), labels.label_text(once)):
        assert "<img" not in text and "<" not in text, text
    assert labels.clean("Vård &amp; omsorg") == "Vård & omsorg"
    assert labels.clean("<b>Nettokostnad</b>") == "Nettokostnad"


def _markdown_html(source: str) -> str:
    """A Markdown output as the report shows it: nbconvert's own renderer."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(source)


@pytest.mark.parametrize(
    "text",
    [
        LINK,
        "![bild](javascript:alert(5))",
        "<javascript:alert(6)>",
        "[a]: javascript:alert(7)\n\n[a]",
        "&lt;img src=x onerror=alert(1)&gt;",
        "<img src=x onerror=alert(2)>",
        "\\[x](javascript:alert(8))",
        "<script>alert(3)</script>",
    ],
)
def test_say_shows_document_text_as_text(text):
    # on a line of its own, where a Markdown link definition would start
    shown = _markdown_html(md_text(f"**Störst underskott:**\n\n{text}\n\n−84,6 mnkr."))
    assert "<a " not in shown and "<img" not in shown and "<script" not in shown, shown
    assert "href" not in shown and "src=" not in shown.replace("src=x", ""), shown
    plain = re.sub(r"<[^>]+>", "", shown)
    assert "Störst underskott:" in plain and "<strong>" in shown  # its own Markdown stays


def test_say_keeps_the_words_of_a_link_label_as_written():
    import html as h

    shown = h.unescape(re.sub(r"<[^>]+>", "", _markdown_html(md_text(f"- {LINK}"))))
    assert LINK in shown


def _page(body: str) -> str:
    from sonanalys.report.page import exporter

    page, _ = exporter().from_notebook_node(nbformat.v4.new_notebook())
    return page.replace("</body>", body + "</body>")


@pytest.mark.parametrize(
    ("hostile", "gone"),
    [
        ('<img src=x onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(4)">Myndighet</a>', "javascript:"),
        ('<a href=" JaVa&#x09;ScRiPt&colon;alert(4)">x</a>', "alert(4)"),
        ("<svg><animate onbegin=alert(1) attributeName=x /></svg>", "onbegin"),
        ("<script>alert(3)</script>", "alert(3)"),
        ('<iframe src="data:text/html,<script>alert(1)</script>"></iframe>', "iframe"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:text"),
        ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "refresh"),
        ('<div style="background:url(javascript:alert(1))">x</div>', "javascript:"),
        ('<object data="x.swf"></object><embed src="x"><base href="http://x/">', "object"),
    ],
)
def test_the_last_pass_removes_what_runs(hostile, gone):
    page, removed = sanitise(_page(f"<p>före</p>{hostile}<p>efter</p>"))
    body = page[page.index("<p>före</p>") :]
    assert gone not in body.lower().replace("&#x09;", ""), body
    assert removed and "<p>före</p>" in body and "<p>efter</p>" in body


def test_the_last_pass_keeps_the_templates_scripts_and_an_image():
    scripts = template_scripts()
    assert len(scripts) >= 2 and any("MathJax" in s for s in scripts)
    img = '<img alt="Diagram" src="data:image/png;base64,iVBORw0KGgo="/>'
    page = _page(img)
    assert sanitise(page) == (page, [])


def test_the_last_pass_removes_nothing_from_the_reports(reports_run):
    """Every report of the embedded data, and the index, as the run made them: the pass
    found nothing to remove (a test that fails if it ever cuts a page of ours)."""
    for r in reports_run.results:
        assert r.removed == [], (r.name, r.removed)
        page = (reports_run.out / r.html).read_text(encoding="utf-8")
        assert sanitise(page) == (page, [])
    index = (reports_run.out / "index.html").read_text(encoding="utf-8")
    assert sanitise(index, frozenset()) == (index, [])


def test_a_label_printed_as_escaped_markup_is_read_once_as_its_text(tmp_path):
    # tables clean a cell once; the row label must not be cleaned again (a second pass
    # decodes '&lt;' to '<', strips the "tag" and leaves an empty label that the row
    # would then be named by something else: an invented label)
    from sonanalys import parse

    d = tmp_path / "docs"
    d.mkdir()
    (d / "budget.txt").write_text(
        "Budget 2024, mnkr\n\n"
        "| Verksamhet | Budget 2024 | Utfall 2024 |\n"
        "|---|---|---|\n"
        f"| {IMG} | 12,5 | 13,0 |\n"
        "| Vuxna | 8,0 | 7,5 |\n",
        encoding="utf-8",
    )
    obs = parse([d]).observations
    labels_read = set(obs["row_label"])
    assert "&lt;img src=x onerror=alert(1)&gt;" in labels_read, labels_read
    assert "Vuxna" in labels_read and len(obs) == 4
