"""The text corpus printed as PDFs, the way a Word or Excel document prints: each table
the text reader finds as a table (proportional font, numbers right-aligned and never
wrapped, labels wrapped where the column is narrow), each paragraph and heading as such.
The documents' own annotation lines stay as text. Tables alternate between ruled (every
cell framed) and unruled (a rule under the header only), and cells between top, middle
and bottom vertical alignment, as Word, Excel and web pages print them.

These are not documents as published: they are the corpus's real tables and sentences
set in the layouts PDFs have, so the PDF reader can be measured on many real tables
against the same hand-checked facts (`../facts.csv`, `../round2/facts_round2.csv`) the
text reader is. Rebuild (needs Chromium, as `sonanalys report --pdf`):

    python tests/corpus/printed/make.py
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXTS = (HERE.parent / "text", HERE.parent / "round2")
STRETCH = ("dev_01", "dev_02", "dev_08")  # one-line tables: no table to print
NUMBER = re.compile(r"^[−\-–+]?\s?[\d\s\u00a0\u202f,.%]+$")
ALIGN = ("top", "middle", "bottom")
CSS = (
    "@page{size:A4;margin:18mm}"
    'body{font:10pt "DejaVu Sans",sans-serif}'
    "table{border-collapse:collapse;margin:6pt 0}"
    "td,th{padding:2pt 8pt}"
    "td.n,th.n{text-align:right;white-space:nowrap}"
    "th{font-weight:bold;text-align:left}"
    "table.ruled td,table.ruled th{border:0.5pt solid #000}"
    "table.plain tr.last-header th{border-bottom:0.5pt solid #000}"
)


def page(path: Path, k: int) -> str:
    from sonanalys.model import Heading, Paragraph, Table
    from sonanalys.readers import read

    doc = read(path)
    ruled, align = k % 2 == 0, ALIGN[k % 3]
    out = []
    for b in doc.blocks:
        if isinstance(b, Heading):
            out.append(f"<h3>{html.escape(b.text.lstrip('#').strip())}</h3>")
        elif isinstance(b, Paragraph):
            out.append(f"<p>{html.escape(b.text)}</p>")
        elif isinstance(b, Table):
            if b.caption:
                out.append(f"<p><b>{html.escape(b.caption)}</b></p>")
            head = b.header_rows or 1
            rows = []
            for i, r in enumerate(b.rows):
                tag = "th" if i < head else "td"
                last = " class='last-header'" if i == head - 1 else ""
                cells = "".join(
                    f"<{tag} class='{'n' if NUMBER.match(c.text.strip() or 'x') else 't'}'>"
                    f"{html.escape(c.text)}</{tag}>"
                    for c in r.cells
                )
                rows.append(f"<tr{last}>{cells}</tr>")
            style = f" style='vertical-align:{align}'"
            kind = "ruled" if ruled else "plain"
            out.append(f"<table class='{kind}'{style}>{''.join(rows)}</table>")
    css = CSS + f"td,th{{vertical-align:{align}}}"
    body = "\n".join(out)
    head = f'<head><meta charset="utf-8"><style>{css}</style></head>'
    return f'<html lang="sv">{head}<body>{body}</body></html>'


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("Chromium saknas", file=sys.stderr)
        return 1
    found = sorted(p for d in TEXTS for p in d.glob("dev_*.txt"))
    sources = [p for p in found if not p.name.startswith(STRETCH)]
    with tempfile.TemporaryDirectory() as tmp:
        for k, path in enumerate(sources):
            page_file = Path(tmp) / f"{path.stem}.html"
            page_file.write_text(page(path, k), encoding="utf-8")
            pdf = HERE / f"{path.stem}.pdf"
            subprocess.run(
                [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", f"--user-data-dir={tmp}/profile",
                 "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page_file.as_uri()],
                check=True, capture_output=True,
            )  # fmt: skip
            print(pdf.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
