"""The bash scripts (CI runs them) and their PowerShell twins for Windows run the same
steps — the same set-up, commands and flags — so the two cannot drift apart; and
``.gitattributes`` keeps the shell scripts and the fixtures as committed on a Windows
checkout."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"
# each pair runs the same steps; setup-browser gets a browser the platform's own way
# (Debian's chromium; Edge or Chrome where Windows installs them), so only its place in
# test.sh/test.ps1 is compared, not its content
PAIRS = ("setup", "run", "test")
# the test, lint and type tools: test.sh's, never a user's setup (run.sh's)
DEV_INSTALL = '.venv/bin/python -m pip install --quiet -e ".[dev]" -c constraints.txt'
USER_INSTALL = ".venv/bin/python -m pip install --quiet -e . -c constraints.txt"


def _normalise(command: str) -> tuple[str, ...]:
    """A step in one spelling: ``script:NAME`` for a call of another script of the pair,
    ``.venv/bin/TOOL`` for a program of the venv, ``PY`` for the Python that makes it,
    ``ARGS`` for the script's own arguments; quotes and path separators made alike."""
    c = command.strip()
    c = re.sub(r"^bash\s+scripts/([\w-]+)\.sh", r"script:\1", c)
    c = re.sub(r'^"?\$PSScriptRoot[\\/]([\w-]+)\.ps1"?', r"script:\1", c)
    c = re.sub(r"\.venv[\\/](?:bin|Scripts)[\\/]([\w-]+?)(?:\.exe)?(?=\s|$)", r".venv/bin/\1", c)
    c = re.sub(r'"?\$PY"?', "PY", c)
    c = c.replace('"$@"', "ARGS").replace("@args", "ARGS")
    c = c.replace('"', "").replace("'", "")
    return tuple(c.split())


def steps(script: Path) -> list[tuple[str, ...]]:
    """The steps of a script, in order: in bash each line that runs another script, a
    program of the venv or the Python that makes it; in PowerShell each ``Step …`` line."""
    out = []
    for line in script.read_text("utf-8").splitlines():
        line = line.strip()
        if script.suffix == ".ps1":
            if line.startswith("Step "):
                out.append(_normalise(line[len("Step ") :]))
        elif re.match(r'(bash\s|\.venv/bin/|"\$PY")', line):
            out.append(_normalise(line))
    return out


def differences(folder: Path) -> list[str]:
    """What one script of a pair does that its twin does not, one line each."""
    found = []
    for name in PAIRS:
        sh, ps1 = steps(folder / f"{name}.sh"), steps(folder / f"{name}.ps1")
        if sh != ps1:
            only_sh = [" ".join(s) for s in sh if s not in ps1]
            only_ps1 = [" ".join(s) for s in ps1 if s not in sh]
            found.append(f"{name}: only in .sh {only_sh}, only in .ps1 {only_ps1} (or order)")
    return found


def test_every_bash_script_has_a_powershell_twin():
    shells = sorted(p.stem for p in SCRIPTS.glob("*.sh"))
    assert shells == sorted(p.stem for p in SCRIPTS.glob("*.ps1"))
    assert set(PAIRS) < set(shells)


def test_both_pairs_run_the_same_steps():
    assert differences(SCRIPTS) == []
    # and the steps are the ones that matter (the extraction sees them)
    assert steps(SCRIPTS / "test.sh") == [
        ("script:setup",),
        _normalise(DEV_INSTALL),
        ("script:setup-browser",),
        (".venv/bin/ruff", "check", "lib", "tests", "benchmarks", "scripts"),
        (".venv/bin/ruff", "format", "--check", "lib", "tests", "benchmarks", "scripts"),
        *[s for s in steps(SCRIPTS / "test.sh") if s[:1] == (".venv/bin/mypy",)],
        (".venv/bin/python", "-m", "pytest", "ARGS"),
    ]
    assert ("PY", "-m", "venv", ".venv") in steps(SCRIPTS / "setup.ps1")
    assert any("constraints.txt" in s for s in steps(SCRIPTS / "setup.ps1"))
    assert (".venv/bin/sonanalys", "report", "--out", "reports", "--jobs", "2", "ARGS") in (
        steps(SCRIPTS / "run.ps1")
    )


def test_a_users_setup_installs_the_package_and_the_tests_add_their_tools():
    # setup (run.sh's first step: a user's install) installs the package with its runtime
    # dependencies only; the test, lint and type tools ([dev]) come with test.sh, which
    # CI's .ci/run calls, so the README's two commands still do everything themselves
    setup = [s for s in steps(SCRIPTS / "setup.sh") if "install" in s and "pip" in s]
    assert setup == [
        (".venv/bin/python", "-m", "pip", "install", "--quiet", "--upgrade", "pip"),
        _normalise(USER_INSTALL),
    ]
    assert steps(SCRIPTS / "run.sh")[0] == ("script:setup",)
    dev = _normalise(DEV_INSTALL)
    assert dev in steps(SCRIPTS / "test.sh") and dev not in steps(SCRIPTS / "run.sh")
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text("utf-8")


@pytest.mark.parametrize(
    "script, step",
    [
        ("test.sh", ".venv/bin/python -m pip check"),
        ("test.ps1", "Step .venv\\Scripts\\python.exe -m pip check"),
        ("setup.sh", '.venv/bin/python -m pip install --quiet -e ".[dev]" --pre'),
        ("run.ps1", 'Step "$PSScriptRoot\\setup-browser.ps1"'),
    ],
)
def test_a_step_on_one_side_only_is_found(tmp_path, script, step):
    scratch = tmp_path / "scripts"
    shutil.copytree(SCRIPTS, scratch)
    with (scratch / script).open("a", encoding="utf-8") as f:
        f.write(step + "\n")
    found = differences(scratch)
    assert len(found) == 1 and found[0].startswith(script.split(".")[0] + ":")


def test_a_changed_flag_is_found(tmp_path):
    scratch = tmp_path / "scripts"
    shutil.copytree(SCRIPTS, scratch)
    ps1 = scratch / "run.ps1"
    ps1.write_text(ps1.read_text("utf-8").replace("--jobs 2", "--jobs 4"), "utf-8")
    assert len(differences(scratch)) == 1


def _attr(path: str, name: str) -> str:
    out = subprocess.run(
        ["git", "check-attr", name, "--", path], cwd=ROOT, capture_output=True, text=True
    )
    return out.stdout.rsplit(": ", 1)[-1].strip()


def test_gitattributes_keep_scripts_lf_and_fixtures_as_committed():
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    for f in [*SCRIPTS.glob("*.sh"), ROOT / ".ci" / "run"]:
        rel = f.relative_to(ROOT).as_posix()
        assert _attr(rel, "eol") == "lf", rel
    for f in SCRIPTS.glob("*.ps1"):
        assert f.read_bytes().isascii()  # Windows PowerShell 5.1 reads a file without BOM as ANSI
    # the documents the tests assert on: bytes exactly as committed, on every checkout
    for rel in (
        "data/raw/001_atgardsplan_2020_linkoping_son.txt",
        "tests/corpus/facts.csv",
        "tests/badinput/files/02_whitespace.txt",
    ):
        assert _attr(rel, "text") == "unset", rel


def test_a_windows_checkout_keeps_scripts_and_fixtures_byte_for_byte(tmp_path):
    """A clone as Git for Windows makes it (core.autocrlf=true): the shell scripts keep LF
    and every fixture keeps its bytes, CR or not."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "-c", "core.autocrlf=true", "clone", "-q", "--no-checkout", str(ROOT), str(clone)],
        check=True,
    )  # fmt: skip
    subprocess.run(["git", "-C", str(clone), "config", "core.autocrlf", "true"], check=True)
    subprocess.run(["git", "-C", str(clone), "checkout", "-q", head], check=True)
    files = subprocess.run(
        ["git", "ls-files", "scripts/*.sh", ".ci/run", "data/raw", "tests/corpus",
         "tests/badinput", "tests/fixtures"],
        cwd=clone, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert len(files) > 40
    for rel in files:
        committed = subprocess.run(
            ["git", "cat-file", "blob", f"{head}:{rel}"], cwd=ROOT, capture_output=True, check=True
        ).stdout
        assert (clone / rel).read_bytes() == committed, rel
