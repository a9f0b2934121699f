"""Domain frames: the observations shaped into the few questions economists ask.

``build(result)`` takes a parse result (observations + the tables' text cells) and
returns every frame, validated against its pandera schema, plus the sum checks and the
warnings about tables a document of its kind should have had.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from . import atgarder, budget, care, checks, followup, indikatorer, volymer

# the frames, in the order of ``schemas.SCHEMAS`` (a test holds the two together); the
# schemas themselves (pandera, about 0,5 s to import) are loaded only to validate
FRAMES = (
    "atgarder",
    "atgarder_uppfoljning",
    "budget",
    "placements",
    "varddygn",
    "volymer",
    "indikatorer",
    "checks",
)

# what a document of each kind is expected to hold, as frame → Swedish description
EXPECTED: dict[str, dict[str, str]] = {
    "atgardsplan": {"atgarder": "åtgärder med effekt i mnkr"},
    "delarsrapport": {
        "budget": "driftsammandrag (budget, utfall, prognos)",
        "indikatorer": "indikatorer eller nämndmål",
    },
    "internbudget": {
        "budget": "driftsammandrag (budget, plan)",
        "volymer": "volymutveckling",
        "indikatorer": "nämndindikatorer",
    },
}


@dataclass
class Frames:
    frames: dict[str, pd.DataFrame]
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (source, message)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.frames[name]


def build(
    observations: pd.DataFrame,
    cells: pd.DataFrame,
    documents: list[tuple[str, str]] | None = None,
    with_followup: bool = True,
    report: pd.DataFrame | None = None,
) -> Frames:
    """Every frame; ``documents`` (source, doc_type) lets a document with no values at
    all still be warned about. ``with_followup=False`` leaves out the åtgärder's
    follow-up, which spans plans: a caller that builds a batch of documents at a time
    makes it once, from all batches' åtgärder. ``report`` (the parse report) lets a
    failing check name a value it spans that could not be read (:func:`checks.unread`)."""
    a = atgarder.build(observations, cells)
    b = budget.build(observations)
    frames = {
        "atgarder": a,
        **({"atgarder_uppfoljning": followup.followup(a)} if with_followup else {}),
        "budget": b,
        "placements": care.placements(observations),
        "varddygn": care.varddygn(observations),
        "volymer": volymer.build(observations),
        "indikatorer": indikatorer.build(observations),
        "checks": checks.unread(
            pd.concat(
                [
                    atgarder.check(a),
                    budget.check(b),
                    checks.check_tables(observations, _held(a, b)),
                ],
                ignore_index=True,
            ),
            report,
        ),
    }
    from .schemas import conform

    frames = {name: conform(df, name) for name, df in frames.items()}
    if documents is None:
        docs = observations[["source", "doc_type"]].drop_duplicates("source")
        documents = list(zip(docs["source"], docs["doc_type"], strict=True))
    return Frames(frames, missing_warnings(documents, frames))


def _held(*frames: pd.DataFrame) -> set[tuple[str, str]]:
    """The (source, table_id) of the tables the frames hold (their own checks)."""
    return {k for f in frames for k in zip(f["source"], f["table_id"], strict=True)}


def missing_warnings(
    documents: list[tuple[str, str]], frames: dict[str, pd.DataFrame]
) -> list[tuple[str, str]]:
    """(file, ``dokumenttypen delarsrapport brukar ha driftsammandrag …``) for each
    expected table a document of a known kind lacks."""
    present: dict[str, set] = {}  # frame -> the sources it has rows of (åtgärder: with a value)

    def sources(frame: str) -> set:
        if frame not in present:
            df = frames[frame]
            if frame == "atgarder":
                df = df[df["value_mnkr"].notna()]
            present[frame] = set(df["source"].tolist())
        return present[frame]

    out: list[tuple[str, str]] = []
    for src, kind in documents:
        for frame, what in EXPECTED.get(kind, {}).items():
            if src not in sources(frame):
                out.append((src, f"dokumenttypen {kind} brukar ha {what}, men ingen hittades"))
    return out
