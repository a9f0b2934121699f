"""``sonanalys report --config bilaga.toml``: what a scheduled bilaga is, in one file.

Keys (every one optional; a flag given on the command line wins over the file)::

    municipality = "Örebro"
    period = "auto"            # jan-aug, jan–aug, januari–augusti, T2, tertial 2, delår 2, helår
    year = 2023                # with a period: the year (auto: the period's own)
    group = "R9"               # 03's comparison group
    kpis = ["N35001", "N33022"]
    reports = ["05"]           # which reports (part of the name), all when left out
    formats = ["html", "pdf", "xlsx"]
    profile = "ledning"
    data = "/mnt/ekonomi/delarsrapporter"
    out = "bilagor"
    log_dir = "bilagor/logg"
    mask_threshold = 5
    jobs = 1
    timeout = 600
    lock_wait = 3600
    kolada_cache = "kolada-cache"

A relative path is relative to the file's own folder, so a schedule may run from anywhere.
Any other key is an error naming the file, the key and the known keys (exit code 2).

There is no key for Kolada's cache max age: a report run never fetches from Kolada (03
reads the cache, ``kolada_cache``, as it is, and names each value's fetch date), so a max
age there would change nothing. A schedule that wants fresh values runs ``sonanalys kolada
fetch … --max-age DAGAR`` (or ``kolada refresh``) before the report; the message for such a
key says so.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

FORMATS = ("html", "pdf", "xlsx")
_TEXT = ("municipality", "period", "group", "profile")
_PATHS = ("data", "out", "log_dir", "kolada_cache")
_INTS = ("year", "mask_threshold", "jobs", "timeout")
_LISTS = ("kpis", "reports", "formats")
KEYS = (*_TEXT, *_PATHS, *_INTS, *_LISTS, "lock_wait")


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message names the file and the key."""


def load(path: str | Path) -> dict:
    """The file's settings, checked, with its relative paths made absolute."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"konfigurationsfilen {path} finns inte") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"konfigurationsfilen {path} kan inte läsas: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: inte giltig TOML: {exc}") from None
    unknown = sorted(set(raw) - set(KEYS))
    if unknown:
        kolada = [k for k in unknown if "age" in k.lower() or "ålder" in k.lower()]
        hint = (
            "; rapporten hämtar inget från Kolada (03 läser cachen som den är och anger varje "
            "värdes hämtdatum): kör sonanalys kolada fetch … --max-age DAGAR eller sonanalys "
            "kolada refresh före rapporten"
            if kolada
            else ""
        )
        raise ConfigError(
            f"{path}: okänd nyckel {', '.join(unknown)}; kända nycklar: {', '.join(KEYS)}{hint}"
        )
    out: dict = {}
    for key, value in raw.items():
        if key in _TEXT or key in _PATHS:
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{path}: {key} ska vara en text, fick {value!r}")
            out[key] = str((path.parent / value).resolve()) if key in _PATHS else value.strip()
        elif key in _INTS:
            if not isinstance(value, int) or isinstance(value, bool):
                raise ConfigError(f"{path}: {key} ska vara ett heltal, fick {value!r}")
            out[key] = value
        elif key == "lock_wait":
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise ConfigError(f"{path}: lock_wait ska vara sekunder, fick {value!r}")
            out[key] = float(value)
        else:  # lists of text
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{path}: {key} ska vara en lista med texter, fick {value!r}")
            out[key] = [v.strip() for v in value]
    for f in out.get("formats", []):
        if f not in FORMATS:
            raise ConfigError(f"{path}: okänt format {f!r} i formats; välj bland html, pdf, xlsx")
    if "formats" in out and "html" not in out["formats"]:
        raise ConfigError(f"{path}: formats måste ha html (rapporten är HTML-sidan)")
    if out.get("profile") not in (None, "ledning", "intern"):
        raise ConfigError(f"{path}: profile ska vara ledning eller intern, fick {raw['profile']!r}")
    return out
