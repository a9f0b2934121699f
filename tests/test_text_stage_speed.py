"""Rules of the text stage rewritten for speed (session 20, textspeed) held to the rules
they replace: the old rule is kept here and both are asked the same questions, on the
seeds' and the corpus's text and on variants built to hit their edges."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from tests.conftest import RAW

from sonanalys import numparse as N
from sonanalys import prose

CORPUS = Path(__file__).parent / "corpus"

# prose._WORD_NUMBER as it was: an ignore-case alternation, tried at every character
OLD_WORD_NUMBER = re.compile(
    r"(?<![\wåäö-])(?P<word>" + "|".join(N.NUMBER_WORDS) + r")(?![\wåäö-])", re.IGNORECASE
)


def _texts() -> list[str]:
    """Every line and paragraph of the seeds and of the text corpus."""
    out = []
    for folder in (RAW, CORPUS / "text", CORPUS / "round2"):
        for f in sorted(folder.glob("*.txt")):
            text = f.read_text(encoding="utf-8")
            out.extend(text.split("\n"))
            out.extend(text.split("\n\n"))
    return out


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


def _word_variants() -> list[str]:
    """Each number word in each case, with the characters ignore-case matching also takes
    for its letters (İ ı ſ Å), glued to what may and may not stand beside a word."""
    out = []
    for word in N.NUMBER_WORDS:
        forms = {word, word.upper(), word.capitalize(), word[:-1] + word[-1].upper()}
        forms |= {word.replace("i", c) for c in "İı"} | {word.replace("s", "ſ")}
        forms |= {word.replace("å", "Å").replace("Å", "\u212b")}
        for form in forms:
            for before in ("", " ", "-", "a", "å", "_", "1", "(", "\n", "–", "é", "”"):
                for after in ("", " ", "-", "a", "ö", "_", "2", ".", ",", "\n", "–", "é"):
                    out.append(f"{before}{form}{after} och {form}")
                    out.append(f"x {before}{form}{after}")
    return out


def test_word_numbers_are_found_as_by_the_ignore_case_alternation(texts):
    for text in [*texts, *_word_variants()]:
        old = [(m.span(), m.group("word")) for m in OLD_WORD_NUMBER.finditer(text)]
        new = [(m.span(), m.group("word")) for m in prose._WORD_NUMBER.finditer(text)]
        assert new == old, text
        assert (prose._WORD_NUMBER.search(text) is None) == (OLD_WORD_NUMBER.search(text) is None)


def test_each_letter_class_is_what_ignore_case_matching_takes():
    """Over every code point: the characters ``re.IGNORECASE`` matches for each letter of
    the number words are exactly those of its class in ``prose._CASES`` (or the letter
    and its upper case), and ``[\\wåäö-]`` ignoring case is ``[\\w-]``."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for letter in sorted(set("".join(N.NUMBER_WORDS))):
        taken = set(re.findall(re.escape(letter), every, re.IGNORECASE))
        assert taken == set(prose._CASES.get(letter, letter + letter.upper())), letter
    assert re.findall(r"[\wåäö-]", every, re.IGNORECASE) == re.findall(r"[\w-]", every)


@pytest.mark.parametrize("cls", [N.Token, N.Quantity])
def test_a_class_filled_at_once_is_made_as_dataclass_makes_it(cls):
    """``numparse._filled_at_once``: the same parameters (names, order, defaults) as the
    ``__init__`` ``dataclass`` writes, the same fields in the same order in the
    instance's dict, still frozen, equal and hashed by its fields."""
    import dataclasses
    import inspect

    plain = dataclasses.make_dataclass(
        cls.__name__,
        [(f.name, f.type, dataclasses.field(default=f.default)) for f in dataclasses.fields(cls)],
        frozen=True,
    )

    def params(init):
        return [(p.name, p.kind, p.default) for p in inspect.signature(init).parameters.values()]

    assert params(cls.__init__) == params(plain.__init__)
    required = [f.name for f in dataclasses.fields(cls) if f.default is dataclasses.MISSING]
    args = {name: k for k, name in enumerate(required)}
    extra = {"year": 2024, "text": "3 av 12", "end": 7}
    for kwargs in (args, {**args, **extra}):
        made, made_plain = cls(**kwargs), plain(**kwargs)
        assert list(made.__dict__.items()) == list(made_plain.__dict__.items())
        assert made == cls(**kwargs) and hash(made) == hash(cls(**kwargs))
        assert made != cls(**{**kwargs, "text": "annat"})
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.year = 1999  # type: ignore[misc]
    with pytest.raises(TypeError):
        cls()


def _tokens_of(texts: list[str]) -> set[str]:
    """Every word of the texts, and built tokens at the number rules' edges."""
    out = {tok for text in texts for tok in text.split()}
    for sign in ("", "-", "−", "–"):
        for digits in ("0", "039", "7", "12", "123", "1234", "2023"):
            for frac in ("", ",5", ",", ".5", ".123", ".1234"):
                for unit in ("", "%", "st", "st.", "ſt", " tkr", "tKr", "mnkr", "x", "MDKR"):
                    out.add(f"{sign}{digits}{frac}{unit}")
    return out | {"-", "–", "..", "…", "x", "%", "ſt", "\u212ar", "Kr", "kronor", "Dygn"}


def test_a_number_token_is_matched_in_one_pass_as_by_its_three_patterns(texts):
    from sonanalys.readers import spaced

    def old(tok: str) -> bool:
        three = spaced._SINGLE.match(tok) or spaced._LAST.match(tok) or spaced._POINT.match(tok)
        return bool(three) or tok in spaced._MISSING

    for tok in _tokens_of(texts):
        assert spaced.is_number_token(tok) == old(tok), tok


def test_a_unit_word_begins_with_one_of_the_first_characters_said(texts):
    """``spaced._UNIT_FIRSTS``: exactly the characters ignore-case matching takes for the
    unit words' first letters (over every code point), so the test before the pattern
    turns away no unit word."""
    from sonanalys.readers import spaced

    words = spaced._UNIT_WORDS.replace("\\.?", "").split("|")
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    taken = set()
    for first in {w[0] for w in words}:
        taken |= set(re.findall(re.escape(first), every, re.IGNORECASE))
    assert taken == set(spaced._UNIT_FIRSTS)
    for tok in _tokens_of(texts):
        if spaced._UNIT_WORD.match(tok):
            assert tok[:1] in spaced._UNIT_FIRSTS, tok
