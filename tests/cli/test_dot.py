"""`render` and `watch` when Graphviz's dot fails, takes too long, or cjmctl itself is stopped."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from subprocess import Popen

import pytest

from cjmctl.workers import cpus
from tests import fakedot
from tests.benchmarks.generate import journey
from tests.conftest import EXAMPLE_JOURNEYS, ROOT, copy_example

Streams = Callable[..., tuple[int, bytes, str]]


@pytest.fixture
def four(tmp_path: Path) -> Path:
    """maps/ with four journeys; the fake dot of `fakedot.failing_on("Crash me")` fails one."""
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / ".git").mkdir()  # a work tree: shared/ finds the project above it
    for path in EXAMPLE_JOURNEYS:
        copy_example(path.name, maps / path.name)
    crash = journey(2, 2).replace("title: Generated journey 2x2", "title: Crash me")
    (maps / "crash.yaml").write_text(crash, encoding="utf-8")
    return maps


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_failing_dot_fails_its_file_and_the_batch_goes_on(
    cli_streams: Streams, four: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    monkeypatch.setenv("PATH", fakedot.install(tmp_path / "bin", fakedot.failing_on("Crash me")))
    code, out, err = cli_streams("render", str(four), "-f", "svg", "--jobs", jobs, "-q")
    assert (code, out) == (1, b"")
    assert err.splitlines() == [
        f"cjmctl: {four / 'crash.yaml'}: dot -Tsvg failed with exit status 1: "
        "Error: <stdin>: syntax error in line 1"
    ]
    assert sorted(p.name for p in four.glob("*.svg")) == [
        "bank-branch.svg",
        "email-marketing-ru.svg",
        "furniture-store.svg",
        "sofa-delivery.svg",
    ]


def test_a_crashing_dot_is_one_line(
    cli_streams: Streams, four: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", fakedot.install(tmp_path / "bin", fakedot.SEGFAULT))
    code, _, err = cli_streams("render", str(four / "crash.yaml"), "-f", "png")
    assert code == 1
    assert err.splitlines() == [
        f"cjmctl: {four / 'crash.yaml'}: dot -Tpng crashed: killed by signal SIGSEGV"
    ]


def test_dot_timeout_stops_dot_and_names_the_file(
    cli_streams: Streams, four: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pidfile = tmp_path / "dot.pid"
    monkeypatch.setenv("PATH", fakedot.install(tmp_path / "bin", fakedot.sleeping(pidfile)))
    source = four / "bank-branch.yaml"
    code, _, err = cli_streams("render", str(source), "-f", "svg", "--dot-timeout", "0.3")
    assert code == 1
    assert err.splitlines() == [
        f"cjmctl: {source}: dot took longer than 0.3 s to lay out the diagram and was stopped; "
        "raise --dot-timeout, draw stages only with --compact, or list fewer touchpoints in `next`"
    ]
    assert [fakedot.alive(pid) for pid in fakedot.pids(pidfile)] == [False]
    assert not (four / "bank-branch.svg").exists()


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stopping_cjmctl_leaves_no_dot_running(
    four: Path, tmp_path: Path, jobs: str, stop: signal.Signals
) -> None:
    pidfile = tmp_path / "dot.pid"
    path = fakedot.install(tmp_path / "bin", fakedot.sleeping(pidfile))
    process = subprocess.Popen(
        [sys.executable, "-m", "cjmctl", "render", str(four), "-f", "svg", "--jobs", jobs],
        cwd=ROOT,
        env={**os.environ, "PATH": path},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        running = min(int(jobs), cpus())  # one dot per worker
        started = fakedot.wait_until(lambda: len(fakedot.pids(pidfile)) == running)
        assert started, "the fake dots never started"
        process.send_signal(stop)
        _, err = process.communicate(timeout=60)
        dots = fakedot.pids(pidfile)
        gone = fakedot.wait_until(lambda: not any(map(fakedot.alive, dots)))
        assert gone, f"a dot of {dots} outlived cjmctl"
        assert process.returncode == 128 + stop, err  # as shells report a signal's end
        assert b"Traceback" not in err, err
    finally:
        process.kill()
        fakedot.kill_with_parents(pidfile)
    assert list(four.glob("*.svg")) == []


@contextlib.contextmanager
def _two_workers_laying_out(four: Path, tmp_path: Path) -> Iterator[tuple[Popen[str], list[int]]]:
    """`render -f svg --jobs 2` with a `dot` that never answers: cjmctl and its two dots."""
    if cpus() < 2:  # pragma: no cover
        pytest.skip("needs two CPUs")
    pidfile = tmp_path / "dot.pid"
    path = fakedot.install(tmp_path / "bin", fakedot.sleeping(pidfile))
    process = subprocess.Popen(
        [sys.executable, "-m", "cjmctl", "render", str(four), "-f", "svg", "--jobs", "2"],
        cwd=ROOT,
        env={**os.environ, "PATH": path},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert fakedot.wait_until(lambda: len(fakedot.pids(pidfile)) == 2)
        yield process, fakedot.pids(pidfile)
    finally:
        process.kill()
        process.communicate()
        fakedot.kill_with_parents(pidfile)


def test_a_killed_parent_takes_its_workers_and_their_dots(four: Path, tmp_path: Path) -> None:
    with _two_workers_laying_out(four, tmp_path) as (process, dots):
        busy = [fakedot.parent(pid) for pid in dots]
        process.kill()
        process.wait(timeout=60)
        gone = fakedot.wait_until(lambda: not any(map(fakedot.alive, dots + busy)))
        assert gone, f"workers {busy} or dots {dots} outlived cjmctl"


def test_watch_reports_a_failing_dot_and_keeps_watching(four: Path, tmp_path: Path) -> None:
    source = four / "crash.yaml"
    path = fakedot.install(tmp_path / "bin", fakedot.failing_on("Crash me"))
    log = tmp_path / "watch.log"
    with log.open("w", encoding="utf-8") as stream:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cjmctl",
                "watch",
                str(source),
                "-f",
                "svg",
                "--interval",
                "0.1",
            ],
            cwd=ROOT,
            stdout=stream,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PATH": path, "PYTHONUNBUFFERED": "1"},
        )
        try:
            failed = f"cjmctl: {source}: dot -Tsvg failed with exit status 1"
            assert fakedot.wait_until(lambda: failed in log.read_text("utf-8")), log.read_text()
            text = source.read_text(encoding="utf-8")
            source.write_text(text.replace("Crash me", "Fixed"), encoding="utf-8")
            rendered = f"rendered {four / 'crash.svg'}"
            assert fakedot.wait_until(lambda: rendered in log.read_text("utf-8")), log.read_text()
        finally:
            process.send_signal(signal.SIGINT)
            code = process.wait(timeout=60)
    output = log.read_text(encoding="utf-8")
    assert code == 0, output
    assert "Traceback" not in output
    assert (four / "crash.svg").exists()


def test_a_killed_worker_takes_its_dot_with_it(four: Path, tmp_path: Path) -> None:
    """The pool ends the other workers when one dies; the dead one's `dot` must end too."""
    with _two_workers_laying_out(four, tmp_path) as (process, dots):
        os.kill(fakedot.parent(dots[0]), signal.SIGKILL)  # one worker, in the middle of a layout
        _, err = process.communicate(timeout=60)
        assert process.returncode == 1
        assert "Traceback" not in err
        assert "no result: a worker process ended abruptly" in err
        gone = fakedot.wait_until(lambda: not any(map(fakedot.alive, dots)))
        assert gone, f"dots {dots} outlived their killed worker"
