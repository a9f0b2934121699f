"""``sonanalys --help``: one language (Swedish, the users'), every flag explained, examples
at the end of every command's help."""

from __future__ import annotations

import argparse

import pytest

from sonanalys.cli import build_parser, main


def _parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, (*path, name))


PARSERS = list(_parsers(build_parser()))


def test_every_command_is_walked():
    names = {" ".join(p) for p, _ in PARSERS}
    assert {"", "parse", "report", "score", "kolada", "kolada fetch", "kolada show"} <= names


@pytest.mark.parametrize(
    "path, parser", PARSERS, ids=[" ".join(p) or "sonanalys" for p, _ in PARSERS]
)
def test_help_is_swedish_explains_every_flag_and_ends_with_examples(path, parser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            assert all(a.help for a in action._choices_actions), path
            continue
        assert action.help and action.help != argparse.SUPPRESS, (path, action.dest)
    text = parser.format_help()
    assert text.startswith("användning: sonanalys")
    assert "flaggor:" in text and "visa den här hjälpen och avsluta" in text
    for english in ("usage:", "options:", "positional arguments", "show this help"):
        assert english not in text, (path, english)
    assert "``" not in text and "data/raws" not in text
    tail = text.rstrip().rsplit("\nexempel:\n", 1)
    assert len(tail) == 2, path  # the examples come last
    assert all(line.startswith("  ") for line in tail[1].splitlines())
    assert "sonanalys " in tail[1]


def test_a_wrong_call_is_a_swedish_error(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["kolada", "fetch", "--kpi"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("användning: sonanalys kolada fetch")
    assert "sonanalys kolada fetch: fel: argument --kpi: väntar minst ett värde" in err
    with pytest.raises(SystemExit):
        main(["report", "--profile", "alla"])
    err = capsys.readouterr().err
    assert "ogiltigt val: " in err and "(välj bland " in err and "ledning" in err


def test_version(capsys):
    from sonanalys import __version__

    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"sonanalys {__version__}\n"


def test_the_exit_codes_are_in_the_help():
    from sonanalys import exitcodes

    text = build_parser().format_help()
    codes = [v for k, v in vars(exitcodes).items() if k.isupper() and isinstance(v, int)]
    assert len(codes) >= 10
    block = text.split("slutkoder", 1)[1].split("\nexempel:\n", 1)[0]
    listed = {int(line.split()[0]) for line in block.splitlines() if line[:6].strip().isdigit()}
    assert listed == set(codes)
