"""Hostile-input benchmark: the cases that were quadratic, at N and 10N, and their ratio.

Run from the repository root with the project's venv:

    .venv/bin/python tests/benchmarks/bench_limits.py [--runs 5]

Each case is timed in this process (no start-up), as the median of `--runs` runs, with the
garbage collector's thresholds that the command line sets (`cjmctl.cli.GC_THRESHOLDS`), so that
the ratio is what `cjmctl` itself shows; `--no-gc` pauses the collector instead, as timeit does,
to show the algorithm alone: loading a file of broken references (each `next` a typo of an
id, so every one gets a "did you mean"), loading a file of parts that share one name (derived
ids), loading two versions of a touchpoint with thousands of pains and diffing them (what
`cjmctl diff` does), and loading touchpoints named by one 20 KB alias (derived ids from a name
given many times; 400 of them repeat 8 MB, just under the alias limit). Target (issue #10):
10x the input takes at most 12x the time. Also timed: refusing one 1 MB string aliased 1,000
times.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from cjmctl.cli import GC_THRESHOLDS  # noqa: E402
from cjmctl.health import semdiff  # noqa: E402
from cjmctl.journey import loader  # noqa: E402
from cjmctl.journey.diagnostics import JourneyError  # noqa: E402

HEAD = ["cjm: 1", "title: Limits", "stages:", "  - name: S", "    touchpoints:"]


def load(text: str) -> None:
    """Load a journey; an invalid one counts too (its diagnostics are the work)."""
    with contextlib.suppress(JourneyError):
        loader.load_bytes(text.encode(), "bench.yaml")


def broken_references(n: int) -> Callable[[], object]:
    lines = HEAD + [f"      - {{id: step-{i}, name: N, next: [stpe-{i}]}}" for i in range(n)]
    text = "\n".join(lines) + "\n"
    return lambda: load(text)


def same_names(n: int) -> Callable[[], object]:
    text = "\n".join(HEAD + ["      - name: Same"] * n) + "\n"
    return lambda: load(text)


def pains(n: int) -> Callable[[], object]:
    def version(first: int) -> bytes:
        items = ", ".join(f"pain {i}" for i in range(first, first + n))
        return "\n".join([*HEAD, f"      - {{id: t, name: T, pains: [{items}]}}"]).encode()

    old, new = version(0), version(n // 2)
    return lambda: semdiff.diff(loader.load_bytes(old, "old"), loader.load_bytes(new, "new"))


def aliased_names(n: int) -> Callable[[], object]:
    lines = ["cjm: 1", "title: Limits", "stages:", "  - name: &name " + "word " * 4_000]
    lines += ["    touchpoints:"] + ["      - name: *name"] * n
    text = "\n".join(lines) + "\n"
    return lambda: load(text)


CASES: list[tuple[str, Callable[[int], Callable[[], object]], int]] = [
    ("broken references", broken_references, 1_000),
    ("parts of one name", same_names, 2_000),
    ("diff of pains", pains, 2_000),
    ("touchpoints named by an alias", aliased_names, 40),
]


def median(work: Callable[[], object], runs: int, *, collect: bool) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        if not collect:
            gc.disable()
        try:
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return statistics.median(times)


def main() -> int:
    """Print each case at N and 10N with the ratio the issue sets a target for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-gc", action="store_true", help="pause the garbage collector")
    arguments = parser.parse_args()
    runs, collect = arguments.runs, not arguments.no_gc
    gc.set_threshold(*GC_THRESHOLDS)
    how = f"collector thresholds {GC_THRESHOLDS} as cjmctl sets them" if collect else "no GC"
    print(f"median of {runs} runs, in process, {how}")
    print(f"  {'case':<30} {'N':>7} {'time':>9} {'10N':>7} {'time':>9}  ratio (target <= 12x)")
    for name, case, n in CASES:
        small = median(case(n), runs, collect=collect)
        large = median(case(10 * n), runs, collect=collect)
        print(
            f"  {name:<30} {n:>7,} {small:>8.3f}s {10 * n:>7,} {large:>8.3f}s  "
            f"{large / small:5.1f}x"
        )
    lines = ["a: &big " + "x" * 1_000_000, "b:"] + ["  - *big"] * 1_000
    bomb = "\n".join(lines) + "\n"
    seconds = median(lambda: load(bomb), runs, collect=collect)
    print(f"  one 1 MB string aliased 1,000 times: refused in {seconds:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
