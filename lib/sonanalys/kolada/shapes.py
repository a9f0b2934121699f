"""What a well-formed Kolada v3 answer is, checked before it is used or cached.

The shapes are the real v3 ones (``/work/shared/kolada/README.md``, the rows in
``data/raw/kolada``): a data page is ``{"values": [{"kpi", "municipality", "period",
"values": [{"gender", "count", "status", "value"}]}], "count", "next_url"}`` with
``value`` a JSON number or ``null`` (never a string such as ``"761,0"``), ``period`` an
integer year and ``municipality`` an id as text (``"0580"``, ``"G96092"``); a listing is
``{"values": [{"id", "title", …}], …}``; a group has ``members`` as
``member_id``/``member_title``. An answer holding ``error``, a body that is not JSON (an
HTML page, a truncated body), ``NaN``/``Infinity``, or data rows the request did not ask
for are refused: ``check`` raises ``BadAnswer`` saying in Swedish what is wrong.
"""

from __future__ import annotations

import json
import math
import re
from urllib.parse import unquote, urlparse

MAX_SHOWN = 120


class BadAnswer(ValueError):
    """An answer that is not a well-formed Kolada v3 answer; the message says why."""


def _short(x: object) -> str:
    s = x if isinstance(x, str) else json.dumps(x, ensure_ascii=False, default=str)
    s = " ".join(s.split())
    return s if len(s) <= MAX_SHOWN else s[:MAX_SHOWN] + " …"


def no_constant(name: str) -> float:
    raise BadAnswer(f"svaret innehåller {name}, som inte är ett tal i JSON")


def decode(raw: bytes, content_type: str = "") -> object:
    """The JSON of an answer's bytes; ``BadAnswer`` for an empty body, an HTML page,
    text that is not UTF-8, invalid or truncated JSON and ``NaN``/``Infinity``."""
    head = raw[:512].lstrip().lower()
    if not raw.strip():
        raise BadAnswer("svaret är tomt")
    if "html" in content_type.lower() or head.startswith((b"<!doctype", b"<html", b"<")):
        raise BadAnswer(
            f"svaret är en HTML-sida, inte JSON ({_short(raw[:200].decode('utf-8', 'replace'))})"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadAnswer(f"svaret är inte UTF-8-text (byte {exc.start})") from None
    try:
        return json.loads(text, parse_constant=no_constant)
    except BadAnswer:
        raise
    except RecursionError:
        raise BadAnswer("svaret är för djupt nästlat för att vara ett Kolada-svar") from None
    except json.JSONDecodeError as exc:
        end = len(text.rstrip())
        if exc.pos >= end or exc.msg.startswith("Unterminated"):
            raise BadAnswer(
                f"svaret är avbrutet: JSON:en tar slut efter {end} tecken, mitt i en post"
            ) from None
        raise BadAnswer(f"svaret är inte giltig JSON (fel vid tecken {exc.pos + 1})") from None
    except ValueError:  # e.g. an integer longer than Python reads
        raise BadAnswer("svaret innehåller ett tal som inte kan läsas") from None


_ROOTS = ("data", "kpi", "municipality", "municipality_groups", "kpi_groups", "ou")


def _path(url: str) -> list[str]:
    """The URL's path segments after the API's base (``…/v3``, or wherever the first
    of v3's endpoints starts when the base has another path)."""
    parts = [unquote(p) for p in urlparse(url).path.split("/") if p]
    if "v3" in parts:
        return parts[len(parts) - parts[::-1].index("v3") :]
    for i, p in enumerate(parts):
        if p in _ROOTS:
            return parts[i:]
    return parts


def kind(url: str) -> str:
    """``data``, ``group``, ``listing`` or ``other``, from the URL's path."""
    parts = _path(url)
    if parts[:1] == ["data"]:
        return "data"
    if len(parts) == 2 and parts[0] == "municipality_groups":
        return "group"
    if len(parts) == 1 and parts[0] in ("kpi", "municipality", "municipality_groups"):
        return "listing"
    return "other"


def asked(url: str) -> dict[str, set[str]]:
    """What a data URL asks for: ``kpi``, ``municipality`` and ``year`` id sets (a key
    is absent when the path does not name it)."""
    parts = _path(url)[1:]
    out: dict[str, set[str]] = {}
    for key, seg in zip(parts[::2], parts[1::2], strict=False):
        if key in ("kpi", "municipality", "year"):
            out[key] = {s.strip() for s in seg.split(",") if s.strip()}
    return out


def describe(url: str) -> str:
    """``N35001 för 0580, G96092 år 2022`` for a data URL; the path otherwise."""
    k, parts = kind(url), _path(url)
    if k == "group":
        return f"gruppen {parts[1]}"
    if k == "listing":
        return {
            "kpi": "listan över nyckeltal",
            "municipality": "listan över kommuner",
            "municipality_groups": "listan över kommungrupper",
        }[parts[0]]
    if k != "data":
        return "/".join(parts) or url
    a = asked(url)
    out = ", ".join(sorted(a.get("kpi", set()))) or "alla nyckeltal"
    if a.get("municipality"):
        munis = sorted(a["municipality"])
        out += (
            " för "
            + ", ".join(munis[:6])
            + (f" och {len(munis) - 6} till" if len(munis) > 6 else "")
        )
    if a.get("year"):
        out += " år " + ", ".join(sorted(a["year"]))
    return out


def _is_number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def _error(body: object) -> None:
    if isinstance(body, dict) and "error" in body:
        raise BadAnswer(f"Kolada svarade med ett fel: {_short(body['error'])}")


def _values(body: object) -> list:
    if not isinstance(body, dict):
        raise BadAnswer(
            f"svaret är inte ett JSON-objekt utan {type(body).__name__}: {_short(body)}"
        )
    _error(body)
    if "values" not in body:
        raise BadAnswer(f"svaret saknar 'values' (nycklar: {', '.join(map(str, body)) or 'inga'})")
    if not isinstance(body["values"], list):
        raise BadAnswer(f"'values' är inte en lista: {_short(body['values'])}")
    nxt = body.get("next_url")
    if nxt is not None and not isinstance(nxt, str):
        raise BadAnswer(f"'next_url' är varken text eller null: {_short(nxt)}")
    return body["values"]


_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


def _data(url: str, body: object) -> None:
    rows = _values(body)
    a = asked(url)
    for i, row in enumerate(rows):
        where = f"rad {i + 1}"
        if not isinstance(row, dict):
            raise BadAnswer(f"{where} är inte ett objekt: {_short(row)}")
        for key in ("kpi", "municipality", "period", "values"):
            if key not in row:
                raise BadAnswer(f"{where} saknar '{key}': {_short(row)}")
        kpi, muni, period = row["kpi"], row["municipality"], row["period"]
        if not isinstance(kpi, str) or not _ID.match(kpi):
            raise BadAnswer(f"{where}: 'kpi' är inget nyckeltals-id: {_short(kpi)}")
        if not isinstance(muni, str) or not _ID.match(muni):
            raise BadAnswer(f"{where}: 'municipality' är inget id i text: {_short(muni)}")
        if not isinstance(period, int) or isinstance(period, bool) or not 1900 <= period <= 2200:
            raise BadAnswer(f"{where}: 'period' är inget årtal: {_short(period)}")
        if "kpi" in a and kpi not in a["kpi"]:
            raise BadAnswer(f"{where} gäller {kpi}, som inte efterfrågades")
        if "municipality" in a and muni not in a["municipality"]:
            raise BadAnswer(f"{where} gäller {muni}, som inte efterfrågades")
        if "year" in a and str(period) not in a["year"]:
            raise BadAnswer(f"{where} gäller år {period}, som inte efterfrågades")
        if not isinstance(row["values"], list):
            raise BadAnswer(f"{where} ({kpi} {muni} {period}): 'values' är ingen lista")
        for g in row["values"]:
            what = f"{where} ({kpi} {muni} {period})"
            if not isinstance(g, dict):
                raise BadAnswer(f"{what}: ett värde är inget objekt: {_short(g)}")
            value = g.get("value")
            if value is not None and not _is_number(value):
                raise BadAnswer(f"{what}: 'value' är inget tal utan {_short(value)}")
            count = g.get("count")
            if count is not None and not _is_number(count):
                raise BadAnswer(f"{what}: 'count' är inget tal utan {_short(count)}")
            gender = g.get("gender", "T")
            if not isinstance(gender, str) or not gender:
                raise BadAnswer(f"{what}: 'gender' är ingen text: {_short(gender)}")
            status = g.get("status")
            if status is not None and not isinstance(status, str):
                raise BadAnswer(f"{what}: 'status' är ingen text: {_short(status)}")
            if not isinstance(g.get("isdeleted", False), bool):
                raise BadAnswer(f"{what}: 'isdeleted' är inget sant/falskt")
        if not isinstance(row.get("isdeleted", False), bool):
            raise BadAnswer(f"{where}: 'isdeleted' är inget sant/falskt")


def _members(group: dict, where: str) -> None:
    members = group.get("members", [])
    if not isinstance(members, list):
        raise BadAnswer(f"{where}: 'members' är ingen lista: {_short(members)}")
    for m in members:
        if not isinstance(m, dict) or not isinstance(m.get("member_id", m.get("id")), str):
            raise BadAnswer(f"{where}: en medlem utan 'member_id' i text: {_short(m)}")


def _listing(url: str, body: object) -> None:
    groups = _path(url)[:1] == ["municipality_groups"]
    for i, row in enumerate(_values(body)):
        where = f"rad {i + 1}"
        if not isinstance(row, dict) or not isinstance(row.get("id"), str):
            raise BadAnswer(f"{where} saknar 'id' i text: {_short(row)}")
        if not isinstance(row.get("title", ""), str):
            raise BadAnswer(f"{where}: 'title' är ingen text: {_short(row.get('title'))}")
        if groups:
            _members(row, where)


def check(url: str, body: object) -> None:
    """Raise ``BadAnswer`` unless ``body`` is a well-formed v3 answer to ``url``."""
    k = kind(url)
    if k == "data":
        _data(url, body)
    elif k == "listing":
        _listing(url, body)
    elif k == "group":
        _error(body)
        if isinstance(body, dict) and "values" in body:
            _listing(url.rsplit("/", 1)[0], body)
        elif isinstance(body, dict) and isinstance(body.get("id"), str):
            _members(body, "gruppen")
        else:
            raise BadAnswer(f"svaret är ingen grupp (varken 'id' eller 'values'): {_short(body)}")
    else:
        if not isinstance(body, dict):
            raise BadAnswer(f"svaret är inte ett JSON-objekt: {_short(body)}")
        _error(body)
