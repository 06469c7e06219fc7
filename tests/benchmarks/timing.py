"""Timing whole processes for the benchmarks: a checkout's cjmctl, medians of interleaved runs.

Not a benchmark itself; the `bench_*.py` scripts import it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[2]
# Installed packages carry compiled bytecode; this sandbox sets PYTHONDONTWRITEBYTECODE, which
# would make every run recompile cjmctl's own modules. Measure what users run. PYTHONPATH would
# choose which checkout's cjmctl runs; the working directory does (see `cjmctl`).
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
# What the installed `cjmctl` script does, but importing cjmctl from the working directory
# (`-c` puts it first on sys.path), so that a benchmark can time any checkout: the script itself
# always runs the checkout it was installed from, and `python -m` adds runpy's few milliseconds.
ENTRY_POINT = "import sys; from cjmctl.cli import main; sys.argv[0] = 'cjmctl'; sys.exit(main())"

Command = tuple[list[str], Path]
"""An argv and the working directory it runs in."""
Key = TypeVar("Key")


def cjmctl(*args: str) -> list[str]:
    """Return the argv of `cjmctl ARGS` for the checkout it is run in (give it that `cwd`)."""
    return [sys.executable, "-c", ENTRY_POINT, *args]


def timed(argv: list[str], cwd: Path = ROOT, timeout: float = 600) -> float:
    """Run `argv` to completion (it must succeed) and return its wall seconds."""
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, capture_output=True, check=True, env=ENV, timeout=timeout)
    return time.perf_counter() - start


def paired(a: list[str], b: list[str], runs: int) -> tuple[float, float]:
    """Median seconds of `a` and of `b`, run back to back `runs` times after a warm-up."""
    timed(a), timed(b)
    pairs = [(timed(a), timed(b)) for _ in range(runs)]
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def medians(commands: dict[Key, Command], runs: int) -> dict[Key, float]:
    """Run every command once to warm the caches, then `runs` rounds of all of them in turn.

    Interleaving makes every command see the same load on a shared machine; the median of each
    is its time.
    """
    samples: dict[Key, list[float]] = {name: [] for name in commands}
    for argv, cwd in commands.values():
        timed(argv, cwd)
    for _ in range(runs):
        for name, (argv, cwd) in commands.items():
            samples[name].append(timed(argv, cwd))
    return {name: statistics.median(times) for name, times in samples.items()}
