"""The Kolada cache on disk: one file per URL holding only well-formed answers.

A file is ``<sha256 of the URL>[:32].json`` holding ``{"url", "fetched", "fetched_at",
"body"}``: ``fetched`` the date (``YYYY-MM-DD``), ``fetched_at`` the moment (ISO 8601,
UTC; entries from before it are dated by ``fetched`` alone). Written whole through a
temporary file and a rename, so a killed run leaves the previous entry.

A file that cannot be read, is not such an entry, belongs to another URL or holds an
answer that is not well-formed (``shapes.check``; also answers cached before they were
checked) is *set aside*: renamed to ``<name>.trasig-<time>`` (never deleted), named in a
notice, and its URL counts as not cached, so it is fetched again. One bad file never
stops the rest of the cache from being read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import shapes


@dataclass(frozen=True)
class Entry:
    url: str
    body: dict
    fetched: str  # YYYY-MM-DD ('' when unknown)
    fetched_at: dt.datetime | None  # aware, UTC
    path: Path

    def age(self, now: dt.datetime) -> dt.timedelta | None:
        """How old the answer is; None when its date is unknown."""
        when = self.fetched_at
        if when is None and self.fetched:
            try:
                when = dt.datetime.fromisoformat(self.fetched).replace(tzinfo=dt.UTC)
            except ValueError:
                return None
        return None if when is None else now - when


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Cache:
    def __init__(self, directory: Path, notices: list[str]):
        self.dir = directory
        self.notices = notices

    def path(self, url: str) -> Path:
        return self.dir / f"{hashlib.sha256(url.encode()).hexdigest()[:32]}.json"

    # ------------------------------------------------------------------ reading
    def read(self, url: str) -> Entry | None:
        """The entry for ``url``; None when there is none or it was set aside."""
        p = self.path(url)
        if not p.exists():
            return None
        return self._load(p, url)

    def entries(self) -> Iterator[Entry]:
        """Every good entry in the cache (bad ones are set aside on the way)."""
        if not self.dir.is_dir():
            return
        for p in sorted(self.dir.glob("*.json")):
            e = self._load(p, None)
            if e is not None:
                yield e

    def _load(self, p: Path, url: str | None) -> Entry | None:
        try:
            raw = p.read_bytes()
        except FileNotFoundError:
            return None  # set aside or replaced by another run meanwhile
        except OSError as exc:
            self.notices.append(
                f"cachefilen {p} kan inte läsas ({exc.strerror or exc}); den hoppas över"
            )
            return None
        try:
            entry = json.loads(raw.decode("utf-8"), parse_constant=shapes.no_constant)
        except (ValueError, RecursionError, shapes.BadAnswer) as exc:
            why = "för djupt nästlad" if isinstance(exc, RecursionError) else str(exc)
            self.set_aside(p, f"inte läsbar JSON: {why}")
            return None
        why = _entry_problem(entry)
        if why:
            self.set_aside(p, why)
            return None
        if self.path(entry["url"]) != p:
            self.set_aside(p, f"filnamnet hör inte till adressen {entry['url']}")
            return None
        if url is not None and entry["url"] != url:
            self.set_aside(p, f"den gäller {entry['url']}, inte {url}")
            return None
        try:
            shapes.check(entry["url"], entry["body"])
        except shapes.BadAnswer as exc:
            self.set_aside(p, f"svaret i den är inte ett giltigt Kolada-svar: {exc}")
            return None
        at = entry.get("fetched_at")
        return Entry(
            url=entry["url"],
            body=entry["body"],
            fetched=entry.get("fetched", ""),
            fetched_at=_moment(at) if isinstance(at, str) else None,
            path=p,
        )

    def set_aside(self, p: Path, why: str) -> Path | None:
        """Rename a bad file out of the cache's way and say so; the new path."""
        stamp = now_utc().strftime("%Y%m%dT%H%M%S%f")
        target = p.with_name(f"{p.name}.trasig-{stamp}")
        try:
            p.rename(target)
        except FileNotFoundError:
            return None
        except OSError as exc:
            self.notices.append(
                f"cachefilen {p} är trasig ({why}) och kunde inte läggas åt sidan "
                f"({exc.strerror or exc}); den hoppas över"
            )
            return None
        self.notices.append(
            f"cachefilen {p} var trasig ({why}); den lades åt sidan som {target.name} "
            "och svaret hämtas på nytt från Kolada när det behövs"
        )
        return target

    # ------------------------------------------------------------------ writing
    def write(self, url: str, body: dict, when: dt.datetime) -> Entry:
        """Store a checked answer whole (temporary file, then rename)."""
        shapes.check(url, body)
        self.dir.mkdir(parents=True, exist_ok=True)
        p = self.path(url)
        fetched = when.date().isoformat()
        entry = {
            "url": url,
            "fetched": fetched,
            "fetched_at": when.isoformat(timespec="seconds"),
            "body": body,
        }
        tmp = p.with_name(f".{p.stem}.{os.getpid()}.tmp")
        try:
            tmp.write_text(json.dumps(entry, ensure_ascii=False), "utf-8")
            tmp.replace(p)
        finally:
            if tmp.exists():
                tmp.unlink()
        self._sweep(p.stem)
        return Entry(url, body, fetched, when, p)

    def _sweep(self, stem: str) -> None:
        """Remove this entry's temporary files left by killed runs (an hour old)."""
        for t in self.dir.glob(f".{stem}.*.tmp"):
            try:
                if time.time() - t.stat().st_mtime > 3600:
                    t.unlink()
            except OSError:
                pass


def _moment(text: str) -> dt.datetime | None:
    try:
        m = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return m if m.tzinfo else m.replace(tzinfo=dt.UTC)


def _entry_problem(entry: object) -> str:
    if not isinstance(entry, dict):
        return "inget cacheobjekt"
    if not isinstance(entry.get("url"), str) or not entry["url"]:
        return "adressen ('url') saknas"
    if "body" not in entry:
        return "svaret ('body') saknas"
    fetched = entry.get("fetched", "")
    if not isinstance(fetched, str):
        return "hämtdatumet ('fetched') är ingen text"
    if fetched:
        try:
            dt.date.fromisoformat(fetched)
        except ValueError:
            return f"hämtdatumet {fetched!r} är inget datum"
    return ""
