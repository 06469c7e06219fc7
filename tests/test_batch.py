"""Batches as CI runs them: folders and globs, --out-dir, --check/--diff, --jobs."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pty
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cjmctl import batch, workers
from cjmctl.renderers import RenderOptions
from tests import fakedot
from tests.benchmarks.generate import journey
from tests.conftest import EXAMPLES, ROOT, copy_example

Streams = Callable[..., tuple[int, bytes, str]]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """maps/ with nested folders: two examples, a generated map and one broken file."""
    maps = tmp_path / "maps"
    (maps / "retail").mkdir(parents=True)
    (maps / "bank").mkdir()
    (maps / ".git").mkdir()  # a work tree: bank/shared/ finds the project file beside it
    copy_example("furniture-store.yaml", maps / "retail" / "sofa.yaml")
    copy_example("bank-branch.yaml", maps / "bank" / "branch.yaml")
    (maps / "retail" / "big.yml").write_text(journey(4, 5), encoding="utf-8")
    return maps


def _tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_out_dir_mirrors_the_input_tree(cli_streams: Streams, tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    code, _, err = cli_streams(
        "render", str(tree), "--out-dir", str(out), "-f", "html", "-f", "dot"
    )
    assert code == 0, err
    assert _tree(out) == [
        "bank/branch.dot",
        "bank/branch.html",
        "retail/big.dot",
        "retail/big.html",
        "retail/sofa.dot",
        "retail/sofa.html",
    ]
    assert re.fullmatch(r"rendered 6 files \(\d+\.\d s\)\n", err)


def test_globs_are_expanded_recursively(cli_streams: Streams, tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    code, _, _ = cli_streams("render", f"{tree}/**/*.yaml", "--out-dir", str(out), "-q")
    assert code == 0
    assert _tree(out) == ["branch.html", "sofa.html"]


def test_glob_without_matches_is_a_usage_error(cli_streams: Streams, tree: Path) -> None:
    code, _, err = cli_streams("render", f"{tree}/**/*.json")
    assert code == 2
    assert "no journey file matches" in err


def test_bad_files_do_not_stop_good_ones(cli_streams: Streams, tree: Path, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "invalid" / "unknown-key.yaml", tree / "bank" / "broken.yaml")
    out = tmp_path / "site"
    code, _, err = cli_streams("render", str(tree), "--out-dir", str(out))
    assert code == 1
    assert "broken.yaml:7:5: error: stages[0].touchpoint: unknown key 'touchpoint'" in err
    assert _tree(out) == ["bank/branch.html", "retail/big.html", "retail/sofa.html"]
    assert re.search(r"rendered 3 files; 1 invalid journey \(\d+\.\d s\)$", err)


def test_check_passes_when_outputs_are_current(cli_streams: Streams, tree: Path) -> None:
    args = ("render", str(tree), "-f", "html", "-f", "svg", "--today", "2026-10-01")
    assert cli_streams(*args)[0] == 0
    before = {p: p.stat().st_mtime_ns for p in tree.rglob("*")}
    code, out, err = cli_streams(*args, "--check")
    assert (code, out) == (0, b"")
    assert re.fullmatch(r"checked 6 outputs: all up to date \(\d+\.\d s\)\n", err)
    assert {p: p.stat().st_mtime_ns for p in tree.rglob("*")} == before


def test_check_lists_stale_and_missing_outputs(cli_streams: Streams, tree: Path) -> None:
    args = ("render", str(tree), "--today", "2026-10-01")
    cli_streams(*args)
    (tree / "bank" / "branch.html").unlink()
    sofa = tree / "retail" / "sofa.yaml"
    sofa.write_text(sofa.read_text(encoding="utf-8").replace("Mebel Plus", "Mebel Max"), "utf-8")
    code, out, err = cli_streams(*args, "--check")
    assert code == 1
    assert out.decode().splitlines() == [
        f"{tree / 'bank' / 'branch.html'}: missing",
        f"{tree / 'retail' / 'sofa.html'}: out of date",
    ]
    assert "checked 3 outputs: 2 stale or missing" in err
    assert not (tree / "bank" / "branch.html").exists()


def test_check_diff_shows_what_would_change(cli_streams: Streams, tree: Path) -> None:
    args = ("render", str(tree / "retail" / "sofa.yaml"), "-f", "dot")
    cli_streams(*args)
    sofa = tree / "retail" / "sofa.yaml"
    sofa.write_text(sofa.read_text(encoding="utf-8").replace("Mebel Plus", "Mebel Max"), "utf-8")
    code, out, _ = cli_streams(*args, "--check", "--diff")
    assert code == 1
    lines = out.decode().splitlines()
    assert lines[:3] == [
        f"{tree / 'retail' / 'sofa.dot'}: out of date",
        f"--- {tree / 'retail' / 'sofa.dot'} (on disk)",
        f"+++ {tree / 'retail' / 'sofa.dot'} (rendered)",
    ]
    assert any(line.startswith("-") and "Mebel Plus" in line for line in lines[3:])
    assert any(line.startswith("+") and "Mebel Max" in line for line in lines[3:])


def test_diff_needs_check(cli_streams: Streams, tree: Path) -> None:
    assert cli_streams("render", str(tree), "--diff")[0] == 2


def test_jobs_give_the_same_bytes_as_one_process(
    cli_streams: Streams, tree: Path, tmp_path: Path
) -> None:
    for n in range(8):
        (tree / "retail" / f"gen{n}.yaml").write_text(journey(3 + n, 4), encoding="utf-8")
    one, two = tmp_path / "one", tmp_path / "two"
    base = ("render", str(tree), "-f", "html", "-f", "dot", "--today", "2026-10-01", "-q")
    assert cli_streams(*base, "--out-dir", str(one), "--jobs", "1")[0] == 0
    assert cli_streams(*base, "--out-dir", str(two), "--jobs", "2")[0] == 0
    assert _tree(one) == _tree(two)
    assert len(_tree(one)) == 22
    for name in _tree(one):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def _stderr_of(args: list[str], *, tty: bool) -> str:
    """Run cjmctl with stderr on a pseudo-terminal (or a pipe); return what it wrote there."""
    if not tty:
        result = subprocess.run(
            [sys.executable, "-m", "cjmctl", *args], cwd=ROOT, capture_output=True, check=True
        )
        return result.stderr.decode()
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "cjmctl", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=follower,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=60) == 0
    return b"".join(chunks).decode()


def test_progress_bar_only_on_a_terminal(tree: Path, tmp_path: Path) -> None:
    args = ["render", str(tree), "--out-dir", str(tmp_path / "out"), "--jobs", "1"]
    on_terminal = _stderr_of(args, tty=True)
    assert "\r[" + "#" * 10 + "." * 20 + "] 1/3" in on_terminal
    assert "] 3/3" in on_terminal
    assert "rendered 3 files" in on_terminal
    piped = _stderr_of(args, tty=False)
    assert "]" not in piped
    assert piped.startswith("rendered 3 files")
    assert "] 3/3" not in _stderr_of([*args, "--quiet"], tty=True)


def _jobs(folder: Path, names: list[str]) -> list[batch.Job]:
    for name in names:
        copy_example("bank-branch.yaml", folder / name)
    return [batch.Job(folder / name, (("dot", None),), RenderOptions()) for name in names]


def test_no_more_workers_than_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "cpus", lambda: 64)
    results = batch.run(_jobs(tmp_path, ["a.yaml", "b.yaml", "c.yaml", "d.yaml"]), 48)
    next(results)
    assert len(multiprocessing.active_children()) == 4
    assert len(list(results)) == 3


def test_no_more_workers_than_cpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "cpus", lambda: 2)
    results = batch.run(_jobs(tmp_path, [f"{n}.yaml" for n in range(6)]), 48)
    next(results)
    assert len(multiprocessing.active_children()) == 2
    assert len(list(results)) == 5


def test_jobs_help_says_the_bound(cli_streams: Streams) -> None:
    _, out, _ = cli_streams("render", "--help")
    assert "at most one per file and per CPU" in " ".join(out.decode().split())


def test_a_killed_worker_fails_its_files_cleanly(
    cli_streams: Streams, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    render = batch.run_job

    def run_job(job: batch.Job) -> batch.Result:
        if job.source.name == "die.yaml":
            os.kill(os.getpid(), signal.SIGKILL)
        return render(job)

    monkeypatch.setattr(workers, "cpus", lambda: 2)
    monkeypatch.setattr(batch, "run_job", run_job)  # forked workers inherit it
    _jobs(tmp_path, ["a.yaml", "b.yaml", "die.yaml", "d.yaml", "e.yaml"])
    code, _, err = cli_streams("render", str(tmp_path), "-f", "dot", "--jobs", "2", "-q")
    assert code == 1
    assert "Traceback" not in err
    lost = (
        "no result: a worker process ended abruptly (killed, or out of memory); "
        "its outputs may be missing or old, render it again"
    )
    lines = err.splitlines()
    assert f"cjmctl: {tmp_path / 'die.yaml'}: {lost}" in lines
    assert not (tmp_path / "die.dot").exists()
    # A file is either reported, or it was rendered: nothing undone passes for done. (A file
    # that the other worker finished but had not handed back yet is reported too.)
    for name in ("a", "b", "d", "e"):
        reported = f"cjmctl: {tmp_path / name}.yaml: {lost}" in lines
        assert reported or (tmp_path / f"{name}.dot").exists(), name


PARENT = """
import multiprocessing, os, signal, sys, time
from pathlib import Path
from cjmctl import batch
from cjmctl.renderers import RenderOptions

def run_job(job):
    if job.source.name == "slow.yaml":
        time.sleep(60)
    return batch.Result(job.source)

batch.run_job = run_job
names = ["a.yaml", "slow.yaml", "b.yaml", "c.yaml", "d.yaml", "e.yaml"]
results = batch.run([batch.Job(Path(n), (), RenderOptions()) for n in names], 2)
next(results)
Path(sys.argv[1]).write_text(" ".join(str(c.pid) for c in multiprocessing.active_children()))
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_workers_end_when_the_parent_is_killed(tmp_path: Path) -> None:
    if workers.cpus() < 2:  # pragma: no cover - the script below needs two workers
        pytest.skip("needs two CPUs")
    pids = tmp_path / "workers"
    log = tmp_path / "log"
    with log.open("wb") as stream:  # not a pipe: surviving workers would hold it open
        code = subprocess.run(
            [sys.executable, "-c", PARENT, str(pids)],
            cwd=ROOT,
            stdout=stream,
            stderr=stream,
            timeout=60,
            check=False,
        ).returncode
    assert code == -signal.SIGKILL, log.read_text(encoding="utf-8")
    children = [int(pid) for pid in pids.read_text(encoding="utf-8").split()]
    assert len(children) == 2
    try:
        gone = fakedot.wait_until(lambda: not any(map(fakedot.alive, children)))
        assert gone, f"workers {children} outlived their parent"
    finally:
        for pid in children:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


MIDDLE = """
import os, sys
from pathlib import Path
from cjmctl import workers

parent = os.getpid()
child = os.fork()
if child == 0:
    os.setpgid(0, 0)
    workers._watch(parent, every=0.05)  # where Linux's parent-death signal is not to be had
    os._exit(0)
Path(sys.argv[1]).write_text(str(child))
"""


def test_without_the_parent_death_signal_a_thread_notices(tmp_path: Path) -> None:
    pid = tmp_path / "child"
    subprocess.run([sys.executable, "-c", MIDDLE, str(pid)], cwd=ROOT, check=True, timeout=60)
    child = int(pid.read_text(encoding="utf-8"))
    try:
        assert fakedot.wait_until(lambda: not fakedot.alive(child)), "the orphan lives on"
    finally:
        with contextlib.suppress(OSError):
            os.kill(child, signal.SIGKILL)
