"""The package as users get it: a wheel that works outside the checkout, one version,
the optional PDF extra, the charts' theme from seaborn."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

import sonanalys
from sonanalys import paths

CHECKOUT = Path(__file__).resolve().parents[1]
SEED = CHECKOUT / "data" / "raw" / "001_atgardsplan_2020_linkoping_son.txt"


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment of a user's shell: none of the test run's pointers to the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "SONANALYS_ROOT"}}
    env.update(extra)
    return env


def _build_wheel(dest: Path) -> Path:
    """The wheel, built from a copy of what the sdist holds (MANIFEST.in), so the build
    leaves nothing in the checkout."""
    src = dest / "src"
    top = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE", "CHANGELOG.md")
    for name in top:
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(CHECKOUT / name, src / name)
    shutil.copytree(
        CHECKOUT / "lib", src / "lib", ignore=shutil.ignore_patterns("__pycache__", "_data")
    )
    shutil.copytree(CHECKOUT / "notebooks", src / "notebooks")
    shutil.copytree(CHECKOUT / "data" / "raw" / "kolada", src / "data" / "raw" / "kolada")
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(dest / "dist"), str(src)],
        capture_output=True, text=True, env=_clean_env(),
    )  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr
    assert "warning" not in out.stderr.lower(), out.stderr  # e.g. setuptools' license form
    (wheel,) = (dest / "dist").glob("sonanalys-*.whl")
    return wheel


def test_sdist_carries_what_the_wheel_is_built_from(tmp_path):
    """The wheel built from the sdist (as ``python -m build`` does) holds the same data:
    MANIFEST.in takes the notebooks, the reference data and the license into the sdist."""
    import tarfile

    _build_wheel(tmp_path)  # lays out the source copy in tmp_path / "src"
    src = tmp_path / "src"
    made = subprocess.run(
        [sys.executable, "-c",
         "import sys; from setuptools import build_meta as b; print(b.build_sdist(sys.argv[1]))",
         str(tmp_path / "sdist")],
        cwd=src, capture_output=True, text=True, env=_clean_env(),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    sdist = tmp_path / "sdist" / made.stdout.strip().splitlines()[-1]
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    assert {"LICENSE", "CHANGELOG.md", "setup.py", "data/raw/kolada/municipalities.csv",
            "notebooks/05_delarsrapport.ipynb"} <= names  # fmt: skip
    assert not any(n.startswith("data/raw/0") for n in names)  # no documents
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(tmp_path / "from-sdist"), str(sdist)],
        capture_output=True, text=True, env=_clean_env(),
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (tmp_path / "from-sdist").glob("*.whl")
    assert "sonanalys/_data/kolada/groups.csv" in zipfile.ZipFile(wheel).namelist()


def test_wheel_carries_its_data_and_license(tmp_path):
    wheel = _build_wheel(tmp_path)
    assert wheel.name.startswith(f"sonanalys-{sonanalys.__version__}-")
    names = set(zipfile.ZipFile(wheel).namelist())
    for f in ("municipalities.csv", "groups.csv", "kpi_metadata.csv", "snapshot.csv"):
        assert f"sonanalys/_data/kolada/{f}" in names
    for nb in sorted((CHECKOUT / "notebooks").glob("*.ipynb")):
        assert f"sonanalys/_data/notebooks/{nb.name}" in names
    assert not any(n.endswith(".txt") and "/_data/" in n for n in names)  # no documents
    meta = (
        zipfile.ZipFile(wheel)
        .read(f"sonanalys-{sonanalys.__version__}.dist-info/METADATA")
        .decode()
    )
    assert "License-Expression: MIT" in meta
    assert f"Version: {sonanalys.__version__}" in meta
    assert "Provides-Extra: pdf" in meta
    assert not any("playwright" in line and "extra" not in line for line in meta.splitlines())
    lic = [n for n in names if n.endswith("/LICENSE")]
    assert lic and "Jeremy Singer-Vine" in zipfile.ZipFile(wheel).read(lic[0]).decode()


def test_wheel_installed_alone_parses_and_reports(tmp_path):
    """Build the wheel, install it into a new venv outside the checkout, and from an empty
    folder parse a document and render a report.

    Honest shortcut, to keep CI's time sane: the new venv does not download the
    dependencies again. A ``.pth`` file gives it the site-packages of the venv running the
    tests (only paths: that venv's own ``.pth`` files, among them the editable install of
    the checkout, are not processed), and the wheel is installed with ``--no-deps``. The
    dependencies' Jupyter data files (nbconvert's templates) live in that venv's
    ``share/jupyter``, which ``JUPYTER_PATH`` names for the same reason. The test checks
    that ``sonanalys``, its reference data and its notebooks come from the new venv, not
    the checkout."""
    wheel = _build_wheel(tmp_path)
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True, env=_clean_env(),
    ).stdout.strip()  # fmt: skip
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(site) / "_test_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    got = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         "--no-deps", "--no-index", str(wheel)],
        capture_output=True, text=True, env=_clean_env(),
    )  # fmt: skip
    assert got.returncode == 0, got.stdout + got.stderr

    work = tmp_path / "tom mapp"  # empty, outside the checkout, a space in its name
    work.mkdir()
    env = _clean_env(JUPYTER_PATH=str(Path(sys.prefix) / "share" / "jupyter"))

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(bindir / "sonanalys"), *args],  # the console script the wheel installs
            cwd=work, capture_output=True, text=True, env=env, timeout=900,
        )  # fmt: skip

    where = subprocess.run(
        [str(python), "-c",
         "import sonanalys, sonanalys.paths as p; print(sonanalys.__file__); "
         "print(p.KOLADA_REF); print(p.NOTEBOOKS); print(p.ROOT)"],
        cwd=work, capture_output=True, text=True, env=env, check=True,
    ).stdout.splitlines()  # fmt: skip
    for line in where[:3]:
        assert Path(line).resolve().is_relative_to(env_dir.resolve()), where
    assert Path(where[3]).resolve() == work.resolve()

    version = run("--version")
    assert version.stdout.strip() == f"sonanalys {sonanalys.__version__}"

    docs = tmp_path / "dokument"
    docs.mkdir()
    shutil.copy2(SEED, docs / SEED.name)
    parsed = run("parse", str(docs), "--out", "tabeller")
    assert parsed.returncode == 0, parsed.stdout + parsed.stderr
    assert "1 dokument" in parsed.stdout
    assert (work / "tabeller" / "observations.csv").exists()

    made = run(
        "report", "--data", str(docs), "--only", "04_atgarder", "--out", "rapporter",
        "--municipality", "Linköping", "--date", "2026-01-01",
    )  # fmt: skip
    assert made.returncode == 0, made.stdout + made.stderr
    (made_page,) = (work / "rapporter").glob("04_atgarder_linkoping_*.html")  # its plan's years
    page = made_page.read_text("utf-8")
    assert SEED.name in page  # the document it was made from, named as its source
    assert not (work / "notebooks").exists()  # ran from the package's own notebooks


def test_version_is_one():
    from importlib.metadata import version

    from sonanalys.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    conf = tomllib.loads((CHECKOUT / "pyproject.toml").read_text("utf-8"))
    assert "version" not in conf["project"] and "version" in conf["project"]["dynamic"]
    assert conf["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "sonanalys.__version__"}
    assert version("sonanalys") == sonanalys.__version__


def test_pdf_without_playwright_says_how_to_get_it(monkeypatch, tmp_path):
    import importlib.util

    from sonanalys.report import pdf

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "playwright" else real(name)
    )
    with pytest.raises(pdf.NoBrowserError) as err:
        pdf.html_to_pdf([(tmp_path / "a.html", tmp_path / "a.pdf", "A")])
    assert 'pip install "sonanalys[pdf]"' in str(err.value)
    assert "ingen PDF skrevs" in str(err.value)


def test_chart_theme_is_seaborns():
    """Every chart takes seaborn's "whitegrid" theme and its colour-blind-safe palette
    (present.use_style), with our print sizes on top."""
    import matplotlib as mpl
    import seaborn as sns

    from sonanalys.report import present

    with mpl.rc_context():
        mpl.rcdefaults()
        present.use_style()
        theirs = {**sns.axes_style("whitegrid"), **sns.plotting_context("notebook")}
        shared = [k for k in theirs if k not in present._OURS]
        assert len(shared) > 25
        assert {k: mpl.rcParams[k] for k in shared} == {k: theirs[k] for k in shared}
        cycle = [mpl.colors.to_hex(c) for c in mpl.rcParams["axes.prop_cycle"].by_key()["color"]]
        assert cycle == sns.color_palette("colorblind").as_hex()
        assert mpl.rcParams["savefig.dpi"] == 150 and not mpl.rcParams["axes.spines.top"]


def test_package_data_in_a_checkout_is_the_checkouts():
    """In a checkout the package holds no copy: the files edited are the files read (an
    installed wheel's copy: test_wheel_installed_alone_parses_and_reports)."""
    assert paths.package_data("kolada") is None  # this run: the checkout's lib/
    assert paths.KOLADA_REF == paths.RAW / "kolada"
    shipped = Path(sonanalys.__file__).parent / "_data"
    assert not shipped.exists()


def _conda_packages(name: str) -> list[str]:
    """The conda packages a file of ours lists (``  - name>=version``), pip's own left out."""
    text = (CHECKOUT / name).read_text(encoding="utf-8")
    lines = text.split("\ndependencies:\n", 1)[1].splitlines()
    out = [ln.strip()[2:] for ln in lines if ln.startswith("  - ")]
    return [p for p in out if p not in ("pip", "pip:") and not p.startswith("python=")]


def test_the_conda_files_list_what_pip_installs():
    """environment.yml is a user's environment (the dependencies and [pdf], as
    scripts/setup.sh and the README's conda line give them), environment-dev.yml the
    developers' tools ([dev] without the package itself): each exactly pyproject's, so
    they cannot drift apart, and a user's conda environment holds no test tools."""
    project = tomllib.loads((CHECKOUT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    assert _conda_packages("environment.yml") == [*project["dependencies"], *extras["pdf"]]
    dev = [p for p in extras["dev"] if not p.startswith("sonanalys")]
    assert _conda_packages("environment-dev.yml") == dev
