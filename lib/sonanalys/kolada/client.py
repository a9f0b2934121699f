"""A client for Kolada's API v3 (https://api.kolada.se/v3/) with an on-disk cache.

- ``data(kpis, municipalities, years)``: a tidy frame, one row per KPI × municipality ×
  year × gender; ``value`` is NaN where Kolada has no value (``null``: suppressed or
  missing, never 0).
- Id lists are split into path segments of at most 25 ids (Kolada answers 422 to more);
  every page is followed through ``next_url``.
- Each request is bounded (``transport``): ``timeout`` per connect and read,
  ``deadline`` for the whole request, ``max_bytes`` of body; 429 and 5xx are retried with
  exponential backoff, honouring ``Retry-After`` up to ``max_retry_after`` seconds (a
  longer wait is not made: the request fails saying so); the client keeps a minimum
  interval between requests.
- Only a well-formed answer is used or cached (``shapes.check``): a 200 holding
  ``error``, a wrongly shaped body, a value given as text, a truncated body or an HTML
  page is refused with one Swedish message naming what was asked and what happened.
- Every answer is cached on disk (``cache``) with the moment it was fetched. An entry
  younger than ``max_age_days`` (default 30: Kolada publishes monthly) is used without a
  request; an older one is fetched again, and when Kolada cannot be reached or answers
  badly the old entry is used and a notice says so, with its date. A corrupt cache file
  is set aside (renamed), named in a notice and fetched again. Offline, a cached answer
  of any age is served; an uncached one fails with a message saying what to do.
  ``notices`` collects these messages (Swedish, one line each) for the caller to show.
- ``stored(kpis, municipalities, years)`` gives whatever the cache holds for them, however
  it was fetched (other years, other id lists), without a request.
- ``refresh(...)`` fetches cached answers again regardless of their age.
- Answers are read in Kolada's real v3 shape: group members as ``member_id`` /
  ``member_title``, values with ``status`` ``""`` or ``"Missing"`` (value ``null``),
  ``count``, and ``isdeleted`` on a row or on a value.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlparse

import pandas as pd
import requests

from .. import paths
from ..numparse import format_sv
from . import shapes, transport
from .cache import Cache, Entry, now_utc
from .reference import municipality_title

BASE_URL = "https://api.kolada.se/v3"
MAX_IDS = 25
PER_PAGE = 5000
MAX_AGE_DAYS = 30.0
DEADLINE = 120.0
MAX_BYTES = 50_000_000
MAX_RETRY_AFTER = 60.0
MAX_PAGES = 1000
DATA_COLUMNS = [
    "kpi",
    "municipality_id",
    "municipality",
    "year",
    "gender",
    "value",
    "count",
    "status",
    "fetched",
]
KPI_COLUMNS = [
    "id",
    "title",
    "description",
    "is_divided_by_gender",
    "municipality_type",
    "auspice",
    "operating_area",
    "perspective",
    "prel_publication_date",
    "publication_date",
    "publ_period",
    "has_ou_data",
]


class KoladaError(RuntimeError):
    """A request Kolada did not answer usefully; the message says what to do."""


def chunks(ids: list[str], size: int = MAX_IDS) -> Iterator[list[str]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _ids(values: Iterable[str | int] | str | int) -> list[str]:
    if isinstance(values, str | int):
        values = [values]
    return list(dict.fromkeys(str(v).strip() for v in values if str(v).strip()))


@dataclass
class RefreshResult:
    """What ``refresh`` did: the URLs fetched anew and those that could not be (with the
    message and the date of the entry that was kept)."""

    refreshed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str, str]] = field(default_factory=list)


class KoladaClient:
    def __init__(
        self,
        base_url: str = BASE_URL,
        cache_dir: str | Path | None = None,
        timeout: float = 30.0,
        retries: int = 4,
        backoff: float = 1.0,
        min_interval: float = 0.2,
        offline: bool = False,
        session: requests.Session | None = None,
        max_age_days: float = MAX_AGE_DAYS,
        deadline: float = DEADLINE,
        max_bytes: int = MAX_BYTES,
        max_retry_after: float = MAX_RETRY_AFTER,
        max_pages: int = MAX_PAGES,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.cache_dir = Path(cache_dir) if cache_dir else paths.DATA / "external" / "kolada"
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.min_interval = min_interval
        self.offline = offline
        self.max_age = dt.timedelta(days=max_age_days)
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.max_retry_after = max_retry_after
        self.max_pages = max_pages
        self.session = transport.watched(session or requests.Session())
        self.session.headers.setdefault("User-Agent", "sonanalys (socialförvaltningens ekonomer)")
        self.requests_made = 0
        self.cache_hits = 0
        self.stale_used = 0
        self.notices: list[str] = []
        self.cache = Cache(self.cache_dir, self.notices)
        self._last = 0.0
        self._names: dict[str, str] = {}
        self._group_titles: dict[str, str] = {}

    # ------------------------------------------------------------------ transport
    def _cache_path(self, url: str) -> Path:
        return self.cache.path(url)

    def get_json(self, url: str) -> dict:
        """One URL's JSON: from the cache, else from Kolada (and then cached)."""
        return self._get(url)[0]

    def _get(self, url: str, force: bool = False) -> tuple[dict, str]:
        """The body and the date it was fetched (``YYYY-MM-DD``; '' for old entries).
        A cached entry is used while younger than the max age (at any age offline);
        ``force`` fetches anew. When a fetch fails, an older entry is used and said."""
        entry = self.cache.read(url)
        if entry is not None and (self.offline or (not force and self._fresh(entry))):
            self.cache_hits += 1
            return entry.body, entry.fetched
        if self.offline:
            raise KoladaError(
                f"{shapes.describe(url)} finns inte i cachen ({self.cache_dir}) och klienten "
                f"är offline: kör `sonanalys kolada fetch …` med nätåtkomst först ({url})"
            )
        try:
            body = self._fetch(url)
        except KoladaError as exc:
            if entry is None:
                raise
            self.stale_used += 1
            self.cache_hits += 1
            self.notices.append(
                f"{exc} — använder cachens svar från {entry.fetched or 'okänt datum'} i stället"
            )
            return entry.body, entry.fetched
        new = self.cache.write(url, body, now_utc())
        return body, new.fetched

    def _fresh(self, entry: Entry) -> bool:
        age = entry.age(now_utc())
        return age is not None and age <= self.max_age

    def _fetch(self, url: str) -> dict:
        what = shapes.describe(url)
        for attempt in range(self.retries + 1):
            wait = self.min_interval - (time.monotonic() - self._last)
            if wait > 0:
                time.sleep(wait)
            self._last = time.monotonic()
            self.requests_made += 1
            try:
                status, headers, raw = transport.get(
                    self.session, url, self.timeout, self.deadline, self.max_bytes
                )
            except transport.TransportError as exc:
                if exc.kind in ("timeout", "broken") and attempt < self.retries:
                    time.sleep(self.backoff * 2**attempt)
                    continue
                if exc.kind in ("timeout", "deadline"):
                    raise KoladaError(
                        f"Kolada svarade inte i tid för {what}: {exc} ({url}); försök igen senare"
                    ) from None
                if exc.kind == "unreachable":
                    raise KoladaError(
                        f"Kolada kan inte nås för {what} ({url}): ingen nätförbindelse? ({exc}). "
                        "Cachade svar och ögonblicksbilden i data/raw/kolada fungerar utan nät"
                    ) from None
                if exc.kind == "bad_url":
                    raise KoladaError(
                        f"Kolada kan inte frågas om {what} på {url}: {exc}; "
                        "kontrollera --base-url (standard https://api.kolada.se/v3)"
                    ) from None
                raise KoladaError(
                    f"Kolada gav inget fullständigt svar för {what}: {exc} ({url})"
                ) from None
            if status == 200:
                try:
                    body = shapes.decode(raw, headers.get("Content-Type", ""))
                    shapes.check(url, body)
                except shapes.BadAnswer as exc:
                    raise KoladaError(
                        f"Kolada gav ett ogiltigt svar för {what}: {exc} ({url}); "
                        "det sparades inte i cachen"
                    ) from None
                assert isinstance(body, dict)  # shapes.check: every kind is an object
                self._check_next(url, body)
                return body
            if status == 429 or status >= 500:
                asked_wait = transport.retry_after(headers.get("Retry-After"))
                if asked_wait is not None and asked_wait > self.max_retry_after:
                    raise KoladaError(
                        f"Kolada svarade {status} för {what} och ber oss vänta "
                        f"{format_sv(asked_wait, 0)} s (Retry-After), mer än gränsen "
                        f"{format_sv(self.max_retry_after)} s: försök igen senare ({url})"
                    )
                if attempt < self.retries:
                    time.sleep(max(asked_wait or 0.0, self.backoff * 2**attempt))
                    continue
                raise KoladaError(
                    f"Kolada svarade {status} efter {self.retries + 1} försök för {what} ({url})"
                )
            if status == 422:
                raise KoladaError(
                    f"Kolada avvisade frågan (422, högst {MAX_IDS} id per led): {url}"
                )
            raise KoladaError(
                f"Kolada svarade {status} för {what} ({url}): "
                f"{shapes._short(raw[:200].decode('utf-8', 'replace'))}"
            )
        raise AssertionError("unreachable")

    def _check_next(self, url: str, body: dict) -> None:
        nxt = body.get("next_url")
        if nxt and urlparse(nxt).netloc != urlparse(url).netloc:
            raise KoladaError(
                f"Kolada pekar nästa sida till en annan server ({nxt}) för "
                f"{shapes.describe(url)}; svaret sparades inte i cachen ({url})"
            )

    def _pages(self, url: str, force: bool = False) -> Iterator[tuple[dict, str]]:
        seen: set[str] = set()
        while url:
            if url in seen:
                raise KoladaError(f"Kolada pekar tillbaka på en redan läst sida ({url})")
            if len(seen) >= self.max_pages:
                raise KoladaError(
                    f"Kolada gav fler än {self.max_pages} sidor för {shapes.describe(url)}; "
                    f"be om färre nyckeltal, kommuner eller år per anrop ({url})"
                )
            seen.add(url)
            body, fetched = self._get(url, force)
            yield body, fetched
            url = body.get("next_url") or ""

    # ------------------------------------------------------------------ data
    def data_urls(
        self,
        kpis: Iterable[str] | str,
        municipalities: Iterable[str | int] | str,
        years: Iterable[int] | int,
    ) -> list[str]:
        """The request URLs for these values: at most 25 ids per path segment."""
        kpi_ids, muni_ids, year_ids = _ids(kpis), _ids(municipalities), _ids(years)
        return [
            f"{self.base_url}/data/kpi/{','.join(k)}/municipality/{','.join(m)}"
            f"/year/{','.join(y)}?per_page={PER_PAGE}"
            for k in chunks(kpi_ids)
            for m in chunks(muni_ids)
            for y in chunks(year_ids)
        ]

    def data(
        self,
        kpis: Iterable[str] | str,
        municipalities: Iterable[str | int] | str,
        years: Iterable[int] | int,
    ) -> pd.DataFrame:
        """Values of ``kpis`` for ``municipalities`` (ids such as ``0580``, or group ids
        such as ``G96092``) and ``years``, tidy."""
        rows: list[dict] = []
        for url in self.data_urls(kpis, municipalities, years):
            rows += self.data_rows(url)
        return self._frame(rows)

    def data_rows(self, url: str) -> list[dict]:
        """The tidy rows of one data URL, all its pages followed."""
        rows: list[dict] = []
        for page, fetched in self._pages(url):
            rows += _value_rows(page, fetched)
        return rows

    def stored(
        self,
        kpis: Iterable[str] | str,
        municipalities: Iterable[str | int] | str,
        years: Iterable[int] | int,
    ) -> pd.DataFrame:
        """What the cache holds for these KPIs, municipalities and years, from any
        data request that was made (other id lists and years included); no request.
        Where two answers hold the same value, the latest fetched is kept. A cache file
        that is not a good entry is set aside; the frame's ``attrs["notices"]`` (and
        ``notices``) say so, for a report to show."""
        kpi_ids, muni_ids = set(_ids(kpis)), set(_ids(municipalities))
        year_ids = {int(y) for y in _ids(years)}
        rows: list[dict] = []
        for entry in self.cache.entries():
            if shapes.kind(entry.url) != "data":
                continue
            rows += [
                r
                for r in _value_rows(entry.body, entry.fetched)
                if r["kpi"] in kpi_ids
                and r["municipality_id"] in muni_ids
                and r["year"] in year_ids
            ]
        df = self._frame(rows)
        df = df.sort_values("fetched", kind="stable").drop_duplicates(
            ["kpi", "municipality_id", "year", "gender"], keep="last"
        )
        df = df.sort_values(["kpi", "municipality_id", "year", "gender"]).reset_index(drop=True)
        df.attrs["notices"] = list(self.notices)  # e.g. a cache file set aside, for the report
        return df

    def refresh(
        self,
        kpis: Iterable[str] | str | None = None,
        municipalities: Iterable[str | int] | str | None = None,
        years: Iterable[int] | int | None = None,
    ) -> RefreshResult:
        """Fetch cached answers again, whatever their age: every one, or the data answers
        that hold any of ``kpis`` / ``municipalities`` / ``years`` (each filter optional).
        With all three given, their URLs are fetched whether cached or not. An answer that
        cannot be fetched keeps its cached entry (a notice says so, with its date)."""
        if kpis is not None and municipalities is not None and years is not None:
            roots = self.data_urls(kpis, municipalities, years)
        else:
            want = {
                "kpi": set(_ids(kpis)) if kpis is not None else None,
                "municipality": set(_ids(municipalities)) if municipalities is not None else None,
                "year": set(_ids(years)) if years is not None else None,
            }
            filtered = any(v is not None for v in want.values())
            entries = list(self.cache.entries())
            followed = {e.body.get("next_url") for e in entries} - {None, ""}
            roots = []
            for e in entries:
                if e.url in followed:
                    continue  # a later page: refreshed through its first page
                if shapes.kind(e.url) != "data":
                    if not filtered:
                        roots.append(e.url)
                    continue
                a = shapes.asked(e.url)
                if all(v is None or (v & a.get(k, set())) for k, v in want.items()):
                    roots.append(e.url)
        result = RefreshResult()
        for url in roots:
            before = len(self.notices)
            stale = self.stale_used
            try:
                for _ in self._pages(url, force=True):
                    pass
            except KoladaError as exc:
                result.failed.append((url, str(exc), ""))
                continue
            if self.stale_used > stale:
                old = self.cache.read(url)
                result.failed.append(
                    (url, " ".join(self.notices[before:]), old.fetched if old else "")
                )
            else:
                result.refreshed.append(url)
        return result

    def _frame(self, rows: list[dict]) -> pd.DataFrame:
        df = pd.DataFrame(rows, columns=[c for c in DATA_COLUMNS if c != "municipality"])
        df["value"] = pd.to_numeric(df["value"], errors="raise").astype("float64")
        df["count"] = pd.to_numeric(df["count"], errors="raise").astype("float64")
        df["year"] = df["year"].astype("int64")
        df["status"] = df["status"].astype(str)
        df["municipality"] = [
            self._names.get(m) or municipality_title(m) for m in df["municipality_id"]
        ]
        df = df.sort_values(["kpi", "municipality_id", "year", "gender"], kind="stable")
        return df[DATA_COLUMNS].reset_index(drop=True)

    # ------------------------------------------------------------------ metadata
    def _search(self, endpoint: str, search: str | None) -> list[dict]:
        url = f"{self.base_url}/{endpoint}?per_page={PER_PAGE}"
        if search:
            url += f"&title={quote(search)}"
        return [v for page, _ in self._pages(url) for v in page.get("values", [])]

    def kpis(self, search: str | None = None) -> pd.DataFrame:
        """KPI metadata in v3's columns (``auspice``, ``is_divided_by_gender`` …)."""
        vals = self._search("kpi", search)
        return pd.DataFrame(
            [{c: v.get(c, "") for c in KPI_COLUMNS} for v in vals], columns=KPI_COLUMNS
        )

    def municipalities(self, search: str | None = None) -> pd.DataFrame:
        vals = self._search("municipality", search)
        for v in vals:
            self._names[str(v["id"])] = v.get("title", "")
        return pd.DataFrame(
            [{"id": str(v["id"]), "title": v.get("title", ""), "type": v.get("type", "")}
             for v in vals],
            columns=["id", "title", "type"],
        )  # fmt: skip

    def groups(self, search: str | None = None) -> pd.DataFrame:
        """The search listing of groups: ``id, title, n_members``."""
        vals = self._search("municipality_groups", search)
        for v in vals:
            self._group_titles[str(v["id"])] = v.get("title", "")
        return pd.DataFrame(
            [{"id": v["id"], "title": v.get("title", ""), "n_members": len(v.get("members", []))}
             for v in vals],
            columns=["id", "title", "n_members"],
        )  # fmt: skip

    def group_members(self, group_id: str) -> pd.DataFrame:
        """A group's members, ``municipality_id, municipality``, from
        ``/municipality_groups/{id}`` (the group itself, or a listing holding it)."""
        body = self.get_json(f"{self.base_url}/municipality_groups/{quote(group_id)}")
        groups_ = body["values"] if isinstance(body.get("values"), list) else [body]
        found = [g for g in groups_ if str(g.get("id")) == group_id]
        members = [_member(m) for g in found for m in g.get("members", [])]
        for g in found:
            self._group_titles[group_id] = g.get("title", "")
        for mid, title in members:
            self._names[mid] = title
        return pd.DataFrame(members, columns=["municipality_id", "municipality"])

    def group_title(self, group_id: str) -> str:
        """The title of a group read by ``groups`` or ``group_members``; '' if none."""
        return self._group_titles.get(group_id, "")

    def name(self, municipality_id: str, title: str) -> None:
        """Remember a municipality's name for ``data`` frames."""
        self._names[municipality_id] = title


def _member(m: dict) -> tuple[str, str]:
    """A group member as v3 gives it (``member_id``/``member_title``); older answers
    said ``id``/``title``."""
    mid = m.get("member_id", m.get("id"))
    if mid is None:
        raise KoladaError(f"en gruppmedlem utan id i Koladas svar: {m!r}")
    return str(mid), str(m.get("member_title", m.get("title", "")))


def _value_rows(page: dict, fetched: str) -> list[dict]:
    """A data page's values as tidy rows; deleted rows and values are left out, a
    missing value (``status`` "Missing", ``value`` null) is kept as NaN, never 0."""
    rows = []
    for v in page.get("values", []):
        if v.get("isdeleted"):
            continue
        for g in v.get("values", []):
            if g.get("isdeleted"):
                continue
            rows.append(
                {
                    "kpi": v["kpi"],
                    "municipality_id": str(v["municipality"]),
                    "year": int(v["period"]),
                    "gender": g.get("gender", "T"),
                    "value": g.get("value"),
                    "count": g.get("count"),
                    "status": g.get("status") or "",
                    "fetched": fetched,
                }
            )
    return rows
