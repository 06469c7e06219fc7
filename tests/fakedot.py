"""Stand-ins for Graphviz's `dot` that fail on purpose: put on PATH, they show how cjmctl copes.

Each is a small shell script. `SVG` answers like a working dot; the others exit with an error,
crash with a signal, or sleep (writing their pid first, so a test can see whether they survive).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

SVG = "cat > /dev/null\necho '<svg xmlns=\"http://www.w3.org/2000/svg\"/>'\n"
"""Reads the graph, answers with an empty SVG."""
SYNTAX_ERROR = (
    "cat > /dev/null\n"
    "echo 'Warning: a harmless remark' >&2\n"
    "echo \"Error: <stdin>: syntax error in line 3 near ']'\" >&2\n"
    "echo 'context of the error' >&2\n"
    "exit 1\n"
)
"""Fails like dot on a graph it cannot parse: a warning, then the error, then more."""
SEGFAULT = "cat > /dev/null\nkill -SEGV $$\n"
"""Crashes with SIGSEGV."""


def sleeping(pidfile: Path) -> str:
    """A dot that adds its pid to `pidfile` (one a line) and then never answers (for a minute)."""
    return f"echo $$ >> '{pidfile}'\nexec sleep 60\n"


def pids(pidfile: Path) -> list[int]:
    """The pids the sleeping dots wrote so far."""
    try:
        text = pidfile.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [int(line) for line in text.splitlines(keepends=True) if line.endswith("\n")]


def failing_on(marker: str) -> str:
    """A dot that fails for a graph containing `marker` and draws an empty SVG otherwise."""
    return (
        'graph=$(cat)\ncase "$graph" in\n'
        f"  *'{marker}'*) echo 'Error: <stdin>: syntax error in line 1' >&2; exit 1 ;;\n"
        "esac\n" + SVG.removeprefix("cat > /dev/null\n")
    )


def install(folder: Path, body: str) -> str:
    """Write `folder`/dot with `body` and return a PATH that finds it before anything else."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "dot"
    program.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    program.chmod(0o755)
    return f"{folder}{os.pathsep}{os.environ['PATH']}"


def parent(pid: int) -> int:
    """The parent of process `pid` (Linux's /proc)."""
    return int(Path(f"/proc/{pid}/stat").read_text("utf-8").rpartition(")")[2].split()[1])


def kill_with_parents(pidfile: Path) -> None:
    """Kill the sleeping dots and what started them (cjmctl or its workers): a test's clean-up."""
    for pid in pids(pidfile):
        with contextlib.suppress(OSError, ValueError):
            started_by = parent(pid)
            if started_by not in (1, os.getpid()):
                os.kill(started_by, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def alive(pid: int) -> bool:
    """Whether process `pid` still runs (a zombie waiting for its reaper counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except FileNotFoundError:  # no /proc: trust the signal
        return True
    return stat.rpartition(")")[2].split()[0] != "Z"


def wait_until(condition: Callable[[], bool], seconds: float = 30) -> bool:
    """Poll `condition` until it holds or `seconds` pass; return whether it held."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def nothing_left(pidfile: Path, folder: Path, seconds: float = 10) -> list[str]:
    """Wait until no program of `pidfile` runs and `folder` is empty; return what is left."""
    wait_until(lambda: not any(map(alive, pids(pidfile))), seconds)
    wait_until(lambda: not any(folder.iterdir()), seconds)
    return [f"pid {p}" for p in pids(pidfile) if alive(p)] + sorted(
        p.name for p in folder.iterdir()
    )


@contextlib.contextmanager
def reaped(process: subprocess.Popen[bytes], pidfile: Path) -> Iterator[None]:
    """Run a block with `process`; then kill it and every fake program it started, however
    the block ends, so a failing test leaves nothing running."""
    try:
        yield
    finally:
        process.kill()
        process.wait()
        for pid in pids(pidfile):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
