"""A report's page: an executed notebook exported by nbconvert to self-contained HTML
without code, with a header (title, parameters, profile, cited documents, run date) and a
table of contents; and the stylesheet the pages and the index share.

nbconvert's defaults are not what ledning needs, so: inputs and prompts are excluded
(``exclude_input``; papermill's report mode alone does not hide code), the injected- and
default-parameter cells are dropped (the parameters are shown in the header instead),
every CDN URL (require.js, MathJax, jQuery, widgets, mermaid) is blanked so a report opens
offline, and a table of contents is built from the headings.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from .. import paths
from ..ours import HTML_GENERATOR
from .registry import HIDDEN_PARAMS, PARAM_LABELS, PROFILES, param_value
from .sanitise import sanitise

CDN_TRAITS = (
    "mathjax_url",
    "require_js_url",
    "jquery_url",
    "jupyter_widgets_base_url",
    "widget_renderer_url",
    "mermaid_js_url",
    "mermaid_layout_elk_js_url",
)
CSS = """
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;}
.sn-header{max-width:1100px;margin:1.5em auto 0;padding:0 1em;}
.sn-header h1{margin-bottom:.2em}
.sn-meta{color:#444;font-size:.95em}
.sn-meta table{border-collapse:collapse;margin:.5em 0}
.sn-meta td,.sn-meta th{padding:.15em .8em .15em 0;text-align:left}
.sn-meta td.sn-param{color:#999;font-size:.8em;font-family:monospace}
.jp-RenderedHTMLCommon table.sv-table tbody th,table.sv-table tbody th{text-align:left}
nav.toc{background:#f6f6f6;border:1px solid #ddd;padding:.6em 1.2em;margin:1em 0}
nav.toc ul{margin:.2em 0;padding-left:1.2em}
table.sv-table{border-collapse:collapse;margin:.8em 0;font-variant-numeric:tabular-nums}
table.sv-table th,table.sv-table td{border-bottom:1px solid #ddd;padding:.25em .6em}
table.sv-table caption{caption-side:top;text-align:left;font-weight:bold;padding:.3em 0}
p.source-note{font-size:.85em;color:#555;margin-top:0}
.sn-error{background:#fee;border:1px solid #c00;padding:.5em 1em}
.sn-nobr{white-space:nowrap}
span.sn-error{padding:0 .3em}
@media print{
  nav.toc{display:none}
  .sn-meta td.sn-param{display:none}
  tr,img,.jp-OutputArea-output{break-inside:avoid}
  /* text runs on across pages: JupyterLab's output area (overflow auto), its child
     (break-inside avoid-page, overflow hidden) and a Markdown output (a table cell) made
     the Sammanfattning's sentences one block that never breaks, so 05's went whole to
     page 2 and left half of page 1 empty; a sentence (li) still keeps together */
  .jp-OutputArea,.jp-OutputArea-child{overflow:visible}
  .jp-OutputArea-child:has(> .jp-RenderedMarkdown){break-inside:auto}
  .jp-OutputArea-output.jp-RenderedMarkdown{display:block;break-inside:auto}
  li{break-inside:avoid}
  thead{display:table-header-group}
  h1,h2,h3{break-after:avoid}
  /* a heading is kept with what follows it: its Markdown cell (the heading and its
     lead-in) neither breaks nor ends a page, so a heading never stands at a page's foot
     with its table on the next (05's "Beläggning i egen regi per månad"); h1–h3's own
     break-after alone does not, the heading being its cell's last but one child */
  .jp-MarkdownCell:has(:is(h1,h2,h3)){break-inside:avoid;break-after:avoid}
  body{font-size:10pt}
  /* a table fits the A4 page: its output area neither scrolls nor clips in print, a
     figure never breaks, the type and padding are a size smaller than on screen. A column
     of short words shrinks to its longest word (never one letter a line: the forecast
     table's "prövning"); a column of long text (class sv-text, present.text_class: a
     plan's name) keeps a readable width of its own, one of running text (sv-prose: a
     plan's sentence, the rows a sum adds) a wider one. A word never breaks inside
     ("omsorgsnäm nden", "Kommunplac erade"): only a cell holding a token too long for
     any column (sv-long, present.LONG_TOKEN: a file name) breaks anywhere */
  .jp-OutputArea-child{display:block}
  .jp-OutputArea-output{overflow:visible !important;max-width:100%}
  table.sv-table{max-width:100%;font-size:8pt}
  table.sv-table th,table.sv-table td{padding:.2em .3em}
  table.sv-table td[style*="text-align:right"]{white-space:nowrap}
  table.sv-table td[style*="text-align:left"]{overflow-wrap:break-word}
  table.sv-table td.sv-text,table.sv-table td.sv-prose{overflow-wrap:break-word;min-width:6em}
  table.sv-table td.sv-prose{min-width:14em}
  table.sv-table td.sv-long{overflow-wrap:anywhere}
  /* a table of six rows or more goes on over a page break (rows whole, the header
     repeated) rather than leave the rest of a page empty before it (05's tables, 04's
     text against the tables); its caption and header keep two rows, its last two rows
     and source note stay together. A shorter table stays whole */
  .jp-OutputArea-child:has(> .jp-OutputArea-output > table.sv-table > tbody > tr:nth-child(6)),
  .jp-OutputArea-output:has(> table.sv-table > tbody > tr:nth-child(6)){break-inside:auto}
  table.sv-table > caption{break-after:avoid}
  table.sv-table > thead,
  table.sv-table > tbody > tr:nth-child(-n+2),
  table.sv-table > tbody > tr:nth-last-child(-n+2){break-before:avoid}
  p.source-note{break-before:avoid}
  /* a table of eight columns or more (04's Kontroller "Summor som inte stämmer"), or of
     seven with a column of running text (05's: its words kept whole), a size smaller
     again */
  table.sv-table:has(tr > :nth-child(8)),
  table.sv-table:has(tr > :nth-child(7)):has(td.sv-prose){font-size:7pt}
}
</style>
"""


def exporter():
    from nbconvert import HTMLExporter

    exp = HTMLExporter(template_name="lab")
    exp.exclude_input = True
    exp.exclude_input_prompt = True
    exp.exclude_output_prompt = True
    for trait in CDN_TRAITS:
        if exp.has_trait(trait):
            setattr(exp, trait, "")
    return exp


def _toc(body: str) -> tuple[str, str]:
    """Give every h1–h3 an id (nbconvert's own where present) and list them."""
    items: list[tuple[int, str, str]] = []
    seen: set[str] = set()

    def repl(m: re.Match) -> str:
        level, attrs, inner = int(m.group(1)), m.group(2), m.group(3)
        text = html.unescape(re.sub(r"<[^>]+>", "", inner)).replace("¶", "").strip()
        idm = re.search(r'id="([^"]+)"', attrs)
        hid = (
            html.unescape(idm.group(1))
            if idm
            else re.sub(r"[^\w-]+", "-", text).strip("-") or "rubrik"
        )
        base, n = hid, 2
        while hid in seen and not idm:
            hid, n = f"{base}-{n}", n + 1
        seen.add(hid)
        items.append((level, hid, text))
        new_attrs = attrs if idm else f'{attrs} id="{hid}"'
        return f"<h{level}{new_attrs}>{inner}</h{level}>"

    body = re.sub(r"<h([1-3])([^>]*)>(.*?)</h\1>", repl, body, flags=re.S)
    lis = "".join(
        f'<li style="margin-left:{(lv - 1) * 1.2}em"><a href="#{html.escape(h)}">'
        f"{html.escape(t)}</a></li>"
        for lv, h, t in items
    )
    return body, f'<nav class="toc"><strong>Innehåll</strong><ul>{lis}</ul></nav>'


def _header(title: str, params: dict, run_date: str, sources: list[str], error: str) -> str:
    shown = {k: v for k, v in params.items() if k not in HIDDEN_PARAMS}
    rows = "".join(
        f"<tr><th>{html.escape(PARAM_LABELS.get(k, k))}</th>"
        f"<td>{html.escape(param_value(v))}</td>"
        f'<td class="sn-param">{html.escape(k)}</td></tr>'
        for k, v in shown.items()
    )
    err = (
        f'<div class="sn-error"><strong>Rapporten kunde inte köras klart:</strong> '
        f"{html.escape(error)}</div>"
        if error
        else ""
    )
    src = "; ".join(html.escape(s) for s in sources) or "–"
    profile = str(params.get("profile", ""))
    about = PROFILES.get(profile, "").format(n=params.get("mask_threshold", ""))
    return (
        f'<div class="sn-header"><h1>{html.escape(title)}</h1><div class="sn-meta">'
        f"<p>Körd {html.escape(run_date)} · profil: <strong>{html.escape(profile)}</strong>"
        + (f" ({html.escape(about)})" if about else "")
        + f"</p><table><tbody>{rows}</tbody></table><p>Datakällor: {src}</p></div>{err}"
    )


def cited_documents(body: str, processed_dir: str | None) -> list[str]:
    """The documents a report cites (their file names appear in its source notes), each
    as ``title (municipality, year; file)``, from the processed ``documents`` frame."""
    path = Path(processed_dir or paths.PROCESSED) / "documents.parquet"
    if not path.exists():
        return []
    import pandas as pd

    docs = pd.read_parquet(path)
    text = html.unescape(body)
    out = []
    for d in docs.itertuples():
        if d.source not in text:
            continue
        where = ", ".join(str(x) for x in (d.municipality, d.doc_year) if pd.notna(x) and x != "")
        label = d.title or d.source
        out.append(f"{label} ({where}; {d.source})" if where else f"{label} ({d.source})")
    return out


# nbconvert's lab template gives every image without alt text this English placeholder
NBCONVERT_NO_ALT = "No description has been provided for this image"
NO_DESCRIPTION = "Diagram (beskrivning saknas)"
_IMG = re.compile(r"<img\b[^>]*>")
_SRC_PNG = re.compile(r'src="data:image/png;base64,([^"]+)"')


def chart_descriptions(nb) -> dict[str, str]:
    """The Swedish description a notebook gives each chart, by the image's data: the
    image output's ``metadata["image/png"]["alt"]`` (``present.show_chart``)."""
    found = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            png = out.get("data", {}).get("image/png")
            alt = (out.get("metadata", {}).get("image/png") or {}).get("alt")
            if png and alt:
                found["".join(str(png).split())] = str(alt)
    return found


def with_alt_text(page: str, nb) -> str:
    """Each chart's ``alt`` its Swedish description, in place of nbconvert's English
    placeholder (``NO_DESCRIPTION`` where a notebook gave none)."""
    alts = chart_descriptions(nb)

    def one(m: re.Match) -> str:
        tag = m.group(0)
        if f'alt="{NBCONVERT_NO_ALT}"' not in tag:
            return tag
        src = _SRC_PNG.search(tag)
        alt = alts.get("".join(html.unescape(src.group(1)).split()), "") if src else ""
        return tag.replace(
            f'alt="{NBCONVERT_NO_ALT}"', f'alt="{html.escape(alt or NO_DESCRIPTION)}"'
        )

    return _IMG.sub(one, page)


def _without_title(content: str, title: str) -> str:
    """The notebook's own first heading goes when it is the report's title: the header
    has it, and a page (and its PDF) shows the title once."""
    m = re.search(r"<h1[^>]*>(.*?)</h1>", content, flags=re.S)
    if m and html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).replace("¶", "").strip() == title:
        return content[: m.start()] + content[m.end() :]
    return content


def export_html(
    nb_path: Path, title: str, params: dict, run_date: str, error: str = ""
) -> tuple[str, list[str], list[str]]:
    """The report page, the documents it cites and what the last pass removed from it
    (``sanitise``: nothing, on a page of ours)."""
    import nbformat

    nb = nbformat.read(nb_path, as_version=4)
    nb.cells = [
        c
        for c in nb.cells
        if not {"parameters", "injected-parameters"} & set(c.get("metadata", {}).get("tags", []))
    ]
    for c in nb.cells:  # a stopped cell's traceback is for the executed copy, not ledning:
        if "outputs" in c:  # the page's header says why it stopped, in Swedish (``error``)
            c.outputs = [o for o in c.outputs if o.get("output_type") != "error"]
    body, _ = exporter().from_notebook_node(nb)
    body = re.sub(r"<html[^>]*>", '<html lang="sv">', body, count=1)
    body = with_alt_text(body, nb)
    sources = cited_documents(body, params.get("processed_dir"))
    inner = re.search(r"<body[^>]*>(.*)</body>", body, flags=re.S)
    content = inner.group(1) if inner else body
    content = _without_title(content, title.split(": ", 1)[0])  # the notebook's heading
    content, toc = _toc(content)
    head = _header(title, params, run_date, sources, error)
    page = re.sub(r"<title>.*?</title>", f"<title>{html.escape(title)}</title>", body, flags=re.S)
    page = page.replace("</head>", CSS + "</head>", 1)
    # marked as ours, first in the head (before nbconvert's styles): never parsed back
    page = re.sub(r"<head[^>]*>", lambda m: m.group(0) + HTML_GENERATOR, page, count=1)
    page = re.sub(
        r"(<body[^>]*>)(.*)(</body>)",
        lambda m: m.group(1) + head + toc + content + m.group(3),
        page,
        count=1,
        flags=re.S,
    )
    page, removed = sanitise(page)
    return page, sources, removed
