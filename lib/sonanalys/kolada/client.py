"""A client for Kolada's API v3 (https://api.kolada.se/v3/) with an on-disk cache.

- ``data(kpis, municipalities, years)``: a tidy frame, one row per KPI × municipality ×
  year × gender; ``value`` is NaN where Kolada has no value (``null``: suppressed or
  missing, never 0).
- Id lists are split into path segments of at most 25 ids (Kolada answers 422 to more);
  every page is followed through ``next_url``.
- Each request has a timeout; 429 and 5xx are retried with exponential backoff (honouring
  ``Retry-After``); the client keeps a minimum interval between requests.
- Every response is cached on disk under a hash of its URL, so a second identical call,
  and a notebook re-run, make no request. Offline, a cached answer is still served;
  an uncached one fails with a message saying what to do.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import requests

from .. import paths

BASE_URL = "https://api.kolada.se/v3"
MAX_IDS = 25
PER_PAGE = 5000
DATA_COLUMNS = [
    "kpi",
    "municipality_id",
    "municipality",
    "year",
    "gender",
    "value",
    "count",
    "status",
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
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.cache_dir = Path(cache_dir) if cache_dir else paths.DATA / "external" / "kolada"
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.min_interval = min_interval
        self.offline = offline
        self.session = session or requests.Session()
        self.session.headers.setdefault("User-Agent", "sonanalys (socialförvaltningens ekonomer)")
        self.requests_made = 0
        self._last = 0.0
        self._names: dict[str, str] = {}

    # ------------------------------------------------------------------ transport
    def _cache_path(self, url: str) -> Path:
        return self.cache_dir / f"{hashlib.sha256(url.encode()).hexdigest()[:32]}.json"

    def get_json(self, url: str) -> dict:
        """One URL's JSON: from the cache, else from Kolada (and then cached)."""
        cached = self._cache_path(url)
        if cached.exists():
            return json.loads(cached.read_text(encoding="utf-8"))["body"]
        if self.offline:
            raise KoladaError(
                f"{url} finns inte i cachen ({self.cache_dir}) och klienten är offline: "
                "kör `sonanalys kolada fetch …` med nätåtkomst först"
            )
        body = self._fetch(url)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp")
        tmp.write_text(json.dumps({"url": url, "body": body}, ensure_ascii=False), "utf-8")
        tmp.replace(cached)
        return body

    def _fetch(self, url: str) -> dict:
        for attempt in range(self.retries + 1):
            wait = self.min_interval - (time.monotonic() - self._last)
            if wait > 0:
                time.sleep(wait)
            self._last = time.monotonic()
            self.requests_made += 1
            try:
                r = self.session.get(url, timeout=self.timeout)
            except requests.Timeout as exc:
                if attempt < self.retries:
                    time.sleep(self.backoff * 2**attempt)
                    continue
                raise KoladaError(
                    f"Kolada svarade inte inom {self.timeout:g} s ({url}); försök igen senare"
                ) from exc
            except requests.ConnectionError as exc:
                raise KoladaError(
                    f"Kolada kan inte nås ({url}): ingen nätförbindelse? Cachade svar och "
                    "ögonblicksbilden i data/raw/kolada fungerar utan nät"
                ) from exc
            if r.status_code == 200:
                return r.json()
            if r.status_code == 429 or r.status_code >= 500:
                if attempt < self.retries:
                    retry_after = r.headers.get("Retry-After", "")
                    delay = float(retry_after) if retry_after.isdigit() else 0.0
                    time.sleep(max(delay, self.backoff * 2**attempt))
                    continue
                raise KoladaError(
                    f"Kolada svarade {r.status_code} efter {self.retries + 1} försök ({url})"
                )
            if r.status_code == 422:
                raise KoladaError(
                    f"Kolada avvisade frågan (422, högst {MAX_IDS} id per led): {url}"
                )
            raise KoladaError(f"Kolada svarade {r.status_code} ({url}): {r.text[:200]}")
        raise AssertionError("unreachable")

    def _pages(self, url: str) -> Iterator[dict]:
        seen: set[str] = set()
        while url:
            if url in seen:
                raise KoladaError(f"Kolada pekar tillbaka på en redan läst sida ({url})")
            seen.add(url)
            body = self.get_json(url)
            yield body
            url = body.get("next_url") or ""

    # ------------------------------------------------------------------ data
    def data(
        self,
        kpis: Iterable[str] | str,
        municipalities: Iterable[str | int] | str,
        years: Iterable[int] | int,
    ) -> pd.DataFrame:
        """Values of ``kpis`` for ``municipalities`` (ids such as ``0580``, or group ids
        such as ``G96092``) and ``years``, tidy."""
        kpi_ids, muni_ids, year_ids = _ids(kpis), _ids(municipalities), _ids(years)
        rows: list[dict] = []
        for k in chunks(kpi_ids):
            for m in chunks(muni_ids):
                for y in chunks(year_ids):
                    url = (
                        f"{self.base_url}/data/kpi/{','.join(k)}/municipality/{','.join(m)}"
                        f"/year/{','.join(y)}?per_page={PER_PAGE}"
                    )
                    for page in self._pages(url):
                        for v in page.get("values", []):
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
                                    }
                                )
        df = pd.DataFrame(rows, columns=[c for c in DATA_COLUMNS if c != "municipality"])
        df["value"] = pd.to_numeric(df["value"], errors="raise").astype("float64")
        df["count"] = pd.to_numeric(df["count"], errors="raise").astype("float64")
        df["year"] = df["year"].astype("int64")
        df["status"] = df["status"].astype(str)
        df["municipality"] = [self._names.get(m, "") for m in df["municipality_id"]]
        df = df.sort_values(["kpi", "municipality_id", "year", "gender"], kind="stable")
        return df[DATA_COLUMNS].reset_index(drop=True)

    # ------------------------------------------------------------------ metadata
    def _search(self, endpoint: str, search: str | None) -> list[dict]:
        url = f"{self.base_url}/{endpoint}?per_page={PER_PAGE}"
        if search:
            url += f"&title={quote(search)}"
        return [v for page in self._pages(url) for v in page.get("values", [])]

    def kpis(self, search: str | None = None) -> pd.DataFrame:
        vals = self._search("kpi", search)
        cols = ["id", "title", "description", "operating_area", "has_ou_data"]
        return pd.DataFrame([{c: v.get(c, "") for c in cols} for v in vals], columns=cols)

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
        vals = self._search("municipality_groups", search)
        return pd.DataFrame(
            [{"id": v["id"], "title": v.get("title", ""), "n_members": len(v.get("members", []))}
             for v in vals],
            columns=["id", "title", "n_members"],
        )  # fmt: skip

    def group_members(self, group_id: str) -> pd.DataFrame:
        body = self.get_json(f"{self.base_url}/municipality_groups/{quote(group_id)}")
        values = body.get("values", [body]) if "values" in body else [body]
        members = [m for v in values if v.get("id") == group_id for m in v.get("members", [])]
        for m in members:
            self._names[str(m["id"])] = m.get("title", "")
        return pd.DataFrame(
            [{"municipality_id": str(m["id"]), "municipality": m.get("title", "")}
             for m in members],
            columns=["municipality_id", "municipality"],
        )  # fmt: skip

    def name(self, municipality_id: str, title: str) -> None:
        """Remember a municipality's name for ``data`` frames."""
        self._names[municipality_id] = title
