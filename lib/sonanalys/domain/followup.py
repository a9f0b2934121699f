"""Plan follow-up: a measure of one action plan matched to the same measure in the next
plan of the same municipality, so the planned effect, the later plan's account of it
(``tidigare beslutad``, ``reviderad``) and its status sit side by side.

Names change between plans (``Akutboendeteam`` / ``Akutboende``, ``Psykiatrisk
hemtjänst`` / ``Hemtjänst med inriktning mot psykiatri``). Two names match when one
contains the other, or when they share enough word stems (six letters, so ``psykiatrisk``
meets ``psykiatri``). Pairs are taken best first, one to one; a measure without a partner
is listed with the side it has, never dropped.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from itertools import pairwise

import pandas as pd

MATCHES = ("matchad", "endast tidigare plan", "endast senare plan")
COLUMNS = [
    "municipality",
    "earlier_source",
    "later_source",
    "measure_earlier",
    "measure_later",
    "match",
    "similarity",
    "status",
    "plan",
    "effect_kind",
    "year",
    "value_mnkr",
    "source",
    "line",
]
THRESHOLD = 0.5
_STOP = {
    "för", "och", "av", "med", "samt", "att", "genom", "till", "nya", "ny", "inom", "vid",
    "det", "som", "den", "de", "på", "i", "om", "en", "ett", "ej", "mot", "kring", "rörande",
}  # fmt: skip
# stems that name a kind of change, not what is changed
_GENERIC = {
    "reduce", "föränd", "översy", "riktli", "uppdra", "minska", "minskn", "utökni", "utöka",
    "åtgärd", "kostna", "insats", "effekt", "verksa", "försla", "tjänst", "arbets",
}  # fmt: skip
RARE_SCORE = 0.6


def _stems(name: str) -> set[str]:
    words = re.findall(r"[a-zåäöéü]+", name.lower())
    return {w[:6] for w in words if w not in _STOP and len(w) > 2} - _GENERIC


def _long_stems(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-zåäöéü]{8,}", name.lower()) if w[:6] not in _GENERIC}


def _compact(name: str) -> str:
    return re.sub(r"[^a-zåäö0-9]", "", name.lower())


def similarity(a: str, b: str, rare: frozenset[str] = frozenset()) -> float:
    """1.0 when one name contains the other; else the share of the shorter name's word
    stems found in the longer, nudged by character similarity. Sharing a long word that
    no other measure uses (``rare``: ``vakansprövning``) scores at least RARE_SCORE."""
    ca, cb = _compact(a), _compact(b)
    if not ca or not cb:
        return 0.0
    if ca in cb or cb in ca:
        return 1.0
    sa, sb = _stems(a), _stems(b)
    if not sa or not sb:
        return 0.0
    overlap = len(sa & sb) / min(len(sa), len(sb))
    score = round(0.8 * overlap + 0.2 * SequenceMatcher(None, ca, cb).ratio(), 4)
    if _long_stems(a) & _long_stems(b) & rare:
        score = max(score, RARE_SCORE)
    return score


def _score(
    a: str,
    b: str,
    rare: frozenset[str],
    stems: dict[str, frozenset[str]],
    longs: dict[str, frozenset[str]],
) -> float:
    """``similarity`` where it can reach THRESHOLD, else 0: with too few shared stems the
    character ratio (at most 0,2) cannot lift a pair over it, so it is not computed.
    ``stems`` and ``longs`` are each name's word stems and long words, computed once per
    name by the call that compares them (nothing is kept between calls or documents)."""
    sa, sb = stems[a], stems[b]
    hopeless = sa and sb and 0.8 * len(sa & sb) / min(len(sa), len(sb)) + 0.2 < THRESHOLD
    if hopeless and not (longs[a] & longs[b] & rare):
        ca, cb = _compact(a), _compact(b)
        if not (ca and cb and (ca in cb or cb in ca)):
            return 0.0
    return similarity(a, b, rare)


def match_measures(earlier: list[str], later: list[str]) -> list[tuple[str, str, float]]:
    """Best-first one-to-one pairs with similarity ≥ THRESHOLD; unmatched names are
    returned with '' for the missing side and similarity 0."""
    names = list(dict.fromkeys(earlier + later))
    stems = {name: frozenset(_stems(name)) for name in names}
    longs = {name: frozenset(_long_stems(name)) for name in names}
    counts: dict[str, int] = {}
    for name in names:
        for st in longs[name]:
            counts[st] = counts.get(st, 0) + 1
    rare = frozenset(st for st, n in counts.items() if n == 2)
    scored = sorted(
        (
            (_score(a, b, rare, stems, longs), i, j)
            for i, a in enumerate(earlier)
            for j, b in enumerate(later)
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[tuple[str, str, float]] = []
    for score, i, j in scored:
        if score < THRESHOLD:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((earlier[i], later[j], score))
    pairs += [(a, "", 0.0) for i, a in enumerate(earlier) if i not in used_a]
    pairs += [("", b, 0.0) for j, b in enumerate(later) if j not in used_b]
    return pairs


_FIELDS = ["effect_kind", "year", "value_mnkr", "source", "line"]  # of each effect value
# all a follow-up reads of the åtgärder frame
_READS = ["doc_type", "level", "municipality", "doc_year", "measure", "status", *_FIELDS]


def followup_rows(atgarder: pd.DataFrame) -> pd.DataFrame:
    """The rows and columns of ``atgarder`` that ``followup`` reads: the plans'
    measures. ``followup`` of these equals ``followup`` of the whole frame, so a caller
    that builds a batch of documents at a time keeps only these until the end."""
    return _plans(atgarder)[_READS]


def _plans(atgarder: pd.DataFrame) -> pd.DataFrame:
    return atgarder[(atgarder["doc_type"] == "atgardsplan") & (atgarder["level"] == "åtgärd")]


def followup(atgarder: pd.DataFrame) -> pd.DataFrame:
    """For each municipality, each action plan (``doc_type == 'atgardsplan'``) against the
    next one by year: one row per matched measure × effect value of either plan."""
    plans = _plans(atgarder)
    out: list[dict] = []
    for muni, p in plans.groupby("municipality", sort=True):
        docs = p[["source", "doc_year"]].drop_duplicates().sort_values(["doc_year", "source"])
        srcs = docs["source"].tolist()
        # each plan's rows per measure, in the frame's order, as plain records
        by_plan: dict[str, dict[str, list[dict]]] = {}
        for rec in p[["measure", "status", *_FIELDS]].to_dict("records"):
            by_plan.setdefault(rec["source"], {}).setdefault(rec["measure"], []).append(rec)
        for early, late in pairwise(srcs):
            a, b = by_plan[early], by_plan[late]
            for ma, mb, score in match_measures(list(a), list(b)):
                match = (
                    "matchad"
                    if ma and mb
                    else ("endast tidigare plan" if ma else "endast senare plan")
                )
                status = (
                    " ".join(dict.fromkeys(r["status"] for r in b[mb] if r["status"])) if mb else ""
                )
                for side, name, plan in ((a, ma, "tidigare"), (b, mb, "senare")):
                    if not name:
                        continue
                    for r in side[name]:
                        out.append(
                            {
                                "municipality": muni,
                                "earlier_source": early,
                                "later_source": late,
                                "measure_earlier": ma,
                                "measure_later": mb,
                                "match": match,
                                "similarity": score,
                                "status": status,
                                "plan": plan,
                                **{k: r[k] for k in _FIELDS},
                            }
                        )
    if not out:
        return pd.DataFrame(columns=COLUMNS)
    res = pd.DataFrame(out)[COLUMNS]
    res["year"] = pd.array(res["year"], dtype="Int64")
    return res
