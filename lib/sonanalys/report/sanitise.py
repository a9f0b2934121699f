"""The last pass over every report page: nothing on it runs that the report did not put
there itself.

Document text is escaped where it meets HTML or Markdown (``present.say``,
``present.table_html``, the page's header and index); this pass is the net under that
rule. It removes every event-handler attribute (``onerror``, ``onload`` …), every
``javascript:``/``vbscript:`` URL and ``data:`` URL other than an image's, every
``<script>`` that is not one of nbconvert's own template scripts (found by exporting an
empty notebook with the same exporter), and the elements that load or run something
else (``iframe``, ``object``, ``embed``, ``base``, ``link``, a ``meta`` refresh). It cuts
only what it removes; a page with nothing to remove comes back byte for byte the same,
and what was removed is returned so a run can say so.
"""

from __future__ import annotations

import functools
import html
import re
from html.parser import HTMLParser

# attributes whose value is a URL a browser follows or loads
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "srcset",
    "lowsrc",
    "dynsrc",
    "ping",
    "codebase",
    "cite",
    "longdesc",
    "manifest",
    "usemap",
}
# elements that load or run something of their own: the tag goes (its text stays text)
ACTIVE_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "link"}
_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.\-]*)\s*:", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+")
_CSS_ACTIVE = re.compile(r"expression\s*\(|javascript:|vbscript:|-moz-binding|behavior\s*:", re.I)


def _bad_url(name: str, value: str, tag: str) -> bool:
    """A URL a page of ours never has: a script scheme, or data: anywhere but an image."""
    v = _INVISIBLE.sub("", html.unescape(value or ""))
    m = _SCHEME.match(v)
    if not m:
        return False
    scheme = m.group(1).lower()
    if scheme in ("javascript", "vbscript", "livescript", "mocha"):
        return True
    if scheme == "data":
        return not (tag == "img" and name == "src" and v.lower().startswith("data:image/"))
    return False


def _bad_attribute(tag: str, name: str, value: str | None) -> bool:
    name = name.lower()
    if name.startswith("on"):
        return True
    if name in URL_ATTRIBUTES:
        return _bad_url(name, value or "", tag)
    if name == "style":
        return bool(_CSS_ACTIVE.search(html.unescape(value or "")))
    return name == "srcdoc"


def _tag(tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> str:
    parts = [
        name if value is None else f'{name}="{html.escape(value, quote=True)}"'
        for name, value in attrs
    ]
    return f"<{tag}{''.join(' ' + p for p in parts)}{' /' if closed else ''}>"


class _Scan(HTMLParser):
    """Where the page has something to remove: ``(start, end, replacement, what)``."""

    def __init__(self, page: str, allowed_scripts: frozenset[str]):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.allowed = allowed_scripts
        self.lines = [0]
        for i, ch in enumerate(page):
            if ch == "\n":
                self.lines.append(i + 1)
        self.cuts: list[tuple[int, int, str, str]] = []
        self.script: int | None = None  # where an open <script> starts

    def _at(self) -> int:
        line, col = self.getpos()
        return self.lines[line - 1] + col

    def _start(self, tag: str, attrs, closed: bool) -> None:
        raw = self.get_starttag_text() or ""
        start = self._at()
        end = start + len(raw)
        if tag == "script":
            self.script = start
            return
        if tag in ACTIVE_ELEMENTS or (
            tag == "meta" and any(n.lower() == "http-equiv" for n, _ in attrs)
        ):
            self.cuts.append((start, end, "", f"<{tag}>"))
            return
        bad = [(n, v) for n, v in attrs if _bad_attribute(tag, n, v)]
        if bad:
            kept = [(n, v) for n, v in attrs if (n, v) not in bad]
            what = ", ".join(f"{n}={(v or '')[:40]!r}" for n, v in bad)
            self.cuts.append((start, end, _tag(tag, kept, closed), f"<{tag} {what}>"))

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, closed=True)

    def handle_endtag(self, tag):
        start = self._at()
        end = self.page.find(">", start) + 1 or len(self.page)
        if tag == "script" and self.script is not None:
            element = self.page[self.script : end]
            if element not in self.allowed:
                self.cuts.append((self.script, end, "", f"<script> {element[:60]!r}"))
            self.script = None
        elif tag in ACTIVE_ELEMENTS:
            self.cuts.append((start, end, "", f"</{tag}>"))


def scripts_of(page: str) -> list[str]:
    """The ``<script>`` elements of a page, each as written."""
    scan = _Scan(page, frozenset())
    scan.feed(page)
    scan.close()
    return [page[s:e] for s, e, _, what in scan.cuts if what.startswith("<script>")]


@functools.cache
def template_scripts() -> frozenset[str]:
    """nbconvert's own scripts on a page (MathJax's configuration, the blanked loaders,
    mermaid's): those of an empty notebook exported as every report is."""
    import nbformat

    from .page import exporter

    body, _ = exporter().from_notebook_node(nbformat.v4.new_notebook())
    return frozenset(scripts_of(body))


def sanitise(page: str, allowed_scripts: frozenset[str] | None = None) -> tuple[str, list[str]]:
    """The page without anything active it should not have (see the module), and what
    was removed."""
    allowed = template_scripts() if allowed_scripts is None else allowed_scripts
    scan = _Scan(page, allowed)
    scan.feed(page)
    scan.close()
    if scan.script is not None:  # a <script> never closed runs to the end of the page
        scan.cuts.append((scan.script, len(page), "", "<script> utan slut"))
    if not scan.cuts:
        return page, []
    out, at = [], 0
    for start, end, replacement, _ in sorted(scan.cuts):
        if start < at:  # inside what was cut already
            continue
        out.append(page[at:start])
        out.append(replacement)
        at = end
    out.append(page[at:])
    return "".join(out), [what for *_, what in sorted(scan.cuts)]
