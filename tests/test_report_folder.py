"""The report folder under failure, with real ``sonanalys report`` processes: one run at a
time (an operating-system lock: a lock whose holder is gone, an empty lock file or one
naming a process id now used by another program is taken over and said; a held lock names
its file and what to do), and a run's reports go in as one unit — a run killed with
SIGKILL at any moment leaves the previous reports whole, and the next run never keeps a
mix as "oförändrad"."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sonanalys.report.folder import ReportFolderBusy
from sonanalys.report.runner import run_reports

sys.path.insert(0, str(Path(__file__).parent))
from small_notebooks import small_notebooks

# ``sonanalys report`` in a process of its own, on the notebooks of argv[2]; with a number
# N > 0 in argv[3] it kills itself with SIGKILL right after the N-th file it moves into
# the report folder (as a power cut or `kill -9` would, at a moment of the test's choosing)
RUN = r"""
import os, signal, sys
from pathlib import Path
out, notebooks, kill_at = os.path.abspath(sys.argv[1]), sys.argv[2], int(sys.argv[3])
from sonanalys import paths
paths.NOTEBOOKS = Path(notebooks)
if kill_at:
    real, moved = os.replace, [0]
    def replace(src, dst, **kw):
        real(src, dst, **kw)
        if os.path.abspath(dst).startswith(out + os.sep):
            moved[0] += 1
            if moved[0] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
    os.replace = replace
from sonanalys.cli import main
sys.exit(main(["report", "--out", out, *sys.argv[4:]]))
"""


def report(out: Path, notebooks: Path, *args: str, kill_at: int = 0, **kw):
    cmd = [sys.executable, "-c", RUN, str(out), str(notebooks), str(kill_at), *args]
    return subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


def finish(proc: subprocess.Popen, timeout: float = 300) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=timeout)
    finally:
        with_kernels_gone(proc)
    return proc.returncode, out, err


def with_kernels_gone(proc: subprocess.Popen) -> None:
    """A run killed with SIGKILL cannot stop its kernels (each in a session of its own):
    they stop when they see their parent gone; the test waits for nothing of it."""
    import contextlib

    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


def state(out: Path) -> dict[str, bytes]:
    """Every file of the report folder but the lock, by path, with its bytes."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != ".sonanalys-lock"
    }


def leftovers(out: Path) -> list[str]:
    """What a run leaves beside the folder: temporary folders, the holder file."""
    return sorted(p.name for p in out.parent.glob(f".{out.name}.*"))


def test_a_run_killed_while_its_files_go_in_leaves_the_previous_reports(tmp_path):
    """Killed after the first file, between two reports and after the index: each time
    the folder is the first run's, byte for byte, once the next run has started, and that
    run keeps those reports only because they are whole (a mix used to be kept)."""
    src = small_notebooks(tmp_path / "nb")
    out = tmp_path / "reports"
    first = ["--only", "01", "05", "--date", "2026-11-23"]
    code, _, err = finish(report(out, src, *first))
    assert code == 0, err
    before = state(out)
    # the small notebooks declare no scope: their names say it is not known
    assert {
        f"{n}_kommun-okand_period-okand.html" for n in ("01_placeringar", "05_delarsrapport")
    } <= set(before)
    # the run that is killed differs in its date, so each of its files differs
    for kill_at in (1, 3, 6):
        code, _, _ = finish(report(out, src, "--only", "01", "05", "--date", "2026-11-24",
                                   kill_at=kill_at))  # fmt: skip
        assert code == -signal.SIGKILL, kill_at
        code, said, err = finish(report(out, src, *first))
        assert code == 0, err
        assert state(out) == before, kill_at
        assert said.count("oförändrad, behölls") == 2, said
        assert leftovers(out) == [], kill_at
    # and the killed run's own inputs make its reports whole
    code, said, err = finish(report(out, src, "--only", "01", "05", "--date", "2026-11-24"))
    assert code == 0 and "behölls" not in said, err
    assert "Körd 2026-11-24" in (out / "05_delarsrapport_kommun-okand_period-okand.html").read_text(
        "utf-8"
    )


def test_a_killed_run_holding_the_folder_is_taken_over_and_said(tmp_path):
    flag = tmp_path / "sov"
    src = small_notebooks(tmp_path / "nb", wait_for=flag)
    out = tmp_path / "reports"
    code, _, err = finish(report(out, src, "--only", "05", "--date", "2026-11-23"))
    assert code == 0, err
    before = state(out)
    flag.touch()
    proc = report(out, src, "--only", "05", "--date", "2026-11-24")
    deadline = time.monotonic() + 120
    while not Path(f"{flag}.started").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert Path(f"{flag}.started").exists()
    os.kill(proc.pid, signal.SIGKILL)  # mid-notebook, holding the folder
    finish(proc)
    flag.unlink()
    holder = tmp_path / ".reports.lock"
    assert json.loads(holder.read_text("utf-8"))["pid"] == proc.pid  # left behind
    code, said, err = finish(report(out, src, "--only", "05", "--date", "2026-11-23"))
    assert code == 0, err
    assert f"tar över låsfilen {holder}" in err and f"pid {proc.pid}" in err
    assert state(out) == before and "oförändrad, behölls" in said
    assert leftovers(out) == []  # its temporary folder and the holder file are gone


@pytest.mark.parametrize("content", ["", "reused"])
def test_an_empty_lock_file_or_a_reused_pid_is_taken_over_and_said(tmp_path, capsys, content):
    """A lock file that is empty, or names a process id that now belongs to another program
    (here: this test's own process), used to make every run wait (``pid None``)."""
    src = small_notebooks(tmp_path / "nb")
    out = tmp_path / "reports"
    holder = tmp_path / ".reports.lock"
    if content == "reused":
        content = json.dumps({"pid": os.getpid(), "started": "2026-11-27T08:00:00"})
    holder.write_text(content, encoding="utf-8")
    s = run_reports(out=out, notebooks_dir=src, only=["05"], progress=False, lock_wait=1)
    assert s.failed == [] and (out / "05_delarsrapport_kommun-okand_period-okand.html").exists()
    err = capsys.readouterr().err
    assert f"tar över låsfilen {holder}" in err
    assert ("tom" in err) if not content else ("numret har återanvänts" in err)
    assert not holder.exists()


def test_a_held_folder_names_the_run_its_lock_file_and_what_to_do(tmp_path):
    flag = tmp_path / "sov"
    src = small_notebooks(tmp_path / "nb", wait_for=flag)
    out = tmp_path / "reports"
    flag.touch()
    proc = report(out, src, "--only", "05")
    try:
        deadline = time.monotonic() + 120
        while not Path(f"{flag}.started").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        holder = tmp_path / ".reports.lock"
        with pytest.raises(ReportFolderBusy) as busy:
            run_reports(out=out, notebooks_dir=src, only=["01"], progress=False, lock_wait=0.5)
        said = str(busy.value)
        assert f"pid {proc.pid}" in said and f"låsfil {holder}" in said
        assert "vänta tills den är klar och kör igen" in said and "--lock-wait" in said
        # the command says it in Swedish, with its own exit code, without a traceback
        cli = report(out, src, "--only", "01", "--lock-wait", "0.5")
        code, _, err = finish(cli, timeout=120)
        assert code == 4 and f"låsfil {holder}" in err and "Traceback" not in err, err
    finally:
        flag.unlink()
        code, _, err = finish(proc)
    assert code == 0, err


def test_a_report_whose_files_are_not_its_manifests_runs_again(tmp_path):
    """A file of a report that is not the one its manifest entry was written with (a file
    copied in by hand, a run of an earlier version killed mid-way) is never kept."""
    src = small_notebooks(tmp_path / "nb")
    out = tmp_path / "reports"
    go = dict(out=out, notebooks_dir=src, only=["01", "05"], progress=False)
    run_reports(**go, run_date="2026-11-23")
    page = (out / "05_delarsrapport_kommun-okand_period-okand.html").read_text("utf-8")
    (out / "05_delarsrapport_kommun-okand_period-okand.html").write_text(
        page.replace("2026-11-23", "2026-11-24"), "utf-8"
    )
    again = run_reports(**go, run_date="2026-11-23")
    assert [r.name for r in again.reused] == ["01_placeringar"]
    assert (out / "05_delarsrapport_kommun-okand_period-okand.html").read_text("utf-8") == page


def test_a_folder_that_cannot_be_written_is_said_and_left_as_it_was(tmp_path):
    """A read-only report folder (here made immutable, which binds root too): a Swedish
    message naming the folder and what to do, exit code 5, no traceback, nothing changed."""
    from sonanalys.report.folder import ReportFolderError

    src = small_notebooks(tmp_path / "nb")
    out = tmp_path / "reports"
    run_reports(out=out, notebooks_dir=src, only=["05"], progress=False, run_date="2026-11-23")
    before = state(out)
    if subprocess.run(["chattr", "+i", str(out)], capture_output=True).returncode:
        pytest.skip("chattr +i is not available here")
    try:
        with pytest.raises(ReportFolderError, match=r"kan inte skrivas .*--out"):
            run_reports(out=out, notebooks_dir=src, only=["05"], progress=False,
                        run_date="2026-11-24")  # fmt: skip
        code, _, err = finish(report(out, src, "--only", "05", "--date", "2026-11-24"))
        assert code == 5 and f"rapportmappen {out}" in err and "Traceback" not in err, err
    finally:
        subprocess.run(["chattr", "-i", str(out)], check=True)
    assert state(out) == before
    assert leftovers(out) == []


def test_a_full_disk_is_said_and_leaves_the_folder_as_it_was(tmp_path):
    """A report folder on a small disk that fills up (a 200 kB tmpfs, where the machine
    lets the test mount one): a Swedish message naming the folder, exit code 5 from the
    command, no temporary file left, the folder's files as they were."""
    from sonanalys.report.folder import ReportFolderError

    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(disk)],
                             capture_output=True)  # fmt: skip
    if mounted.returncode:
        pytest.skip("no small disk can be mounted here")
    try:
        src = small_notebooks(tmp_path / "nb")
        out = disk / "reports"
        out.mkdir()
        (out / "index.html").write_text("förra körningens index", encoding="utf-8")
        before = state(out)
        with pytest.raises(ReportFolderError, match="disken är full"):
            run_reports(out=out, notebooks_dir=src, only=["05"], progress=False)
        assert state(out) == before and leftovers(out) == []
        code, _, err = finish(report(out, src, "--only", "05"))
        assert code == 6 and f"rapportmappen {out}: disken är full" in err, err
        assert "Traceback" not in err and state(out) == before and leftovers(out) == []
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_a_scheduled_runs_index_says_title_date_and_profile_not_its_parameters(tmp_path):
    """``sonanalys report --config bilaga.toml`` with 03's group and key figures: the index
    line of 05 listed them (*jämförelsegrupp R12, nyckeltal N35001*), and every run's
    municipality, year and period beside the title that already says them. Now the index
    says the title (whose report, which period), when it ran and the profile; the
    manifest keeps each notebook's own parameters."""
    src = small_notebooks(tmp_path / "nb")
    out = tmp_path / "reports"
    cfg = tmp_path / "bilaga.toml"
    cfg.write_text(
        'group = "R12"\nkpis = ["N35001"]\nreports = ["03", "05"]\nprofile = "intern"\n',
        encoding="utf-8",
    )
    code, _, err = finish(report(out, src, "--config", str(cfg), "--date", "2026-11-23"))
    assert code == 0, err
    index = (out / "index.html").read_text("utf-8")
    # the reports' list (the documents no report covers are listed after it)
    items = re.findall(r"<li>.*?</li>", index.split("Dokument som inte redovisas")[0])
    assert len(items) == 2
    for item in items:
        line = re.sub(r"<[^>]+>", "", item)
        assert line.endswith("— körd 2026-11-23; profil intern"), line
        assert "R12" not in line and "N35001" not in line and "nyckeltal" not in line
    entries = {e["name"]: e for e in json.loads((out / ".sonanalys-reports.json").read_text())}
    # the small notebooks declare kpis but no comparison_group: neither 03 nor 05 gets it
    assert entries["05_delarsrapport"]["params"]["kpis"] == ["N35001"]
    assert "comparison_group" not in entries["05_delarsrapport"]["params"]
