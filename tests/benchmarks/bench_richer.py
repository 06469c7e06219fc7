"""Richer maps benchmark (issue 15): what the blueprint, future state, matrix and claims cost.

Run from the repository root with the project's venv:

    .venv/bin/python tests/benchmarks/bench_richer.py [--runs 3]

Generated maps of 200, 2,000 and 10,000 touchpoints (stages of 20, three personas), plain and
with every field of issue 15 on every touchpoint, rendered in this process after loading: HTML,
Markdown, DOT with `--blueprint`, CSV and xlsx. Reported as medians of CPU seconds, with the
ratios that matter: rich against plain (what the new lanes, the second curve and the matrix
cost) and 10x the map against the time (linear is 10x; the goal is at most ~11x).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from cjmctl.journey.loader import load_bytes  # noqa: E402
from cjmctl.journey.model import Journey  # noqa: E402
from cjmctl.renderers import FORMATS, RenderOptions  # noqa: E402
from tests.benchmarks.generate import journey  # noqa: E402

SIZES = (10, 100, 500)
"""Stages of 20 touchpoints: 200, 2,000 and 10,000 touchpoints."""
RUNS: list[tuple[str, RenderOptions]] = [
    *((fmt, RenderOptions()) for fmt in ("html", "md", "csv", "xlsx")),
    ("dot", RenderOptions(blueprint=True)),
]


def _cpu(fmt: str, journey: Journey, options: RenderOptions, runs: int) -> float:
    """The median CPU seconds of rendering `journey` in `fmt`."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        FORMATS[fmt].render(journey, options)
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> int:
    """Print a table of render times, rich against plain, and the growth ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--largest", type=int, default=SIZES[-1], help="stages of the largest")
    args = parser.parse_args()
    sizes = [s for s in SIZES if s <= args.largest]
    print(f"{'format':<6} {'touchpoints':>11} {'plain s':>8} {'rich s':>8} {'rich/plain':>10}")
    growth: dict[str, list[float]] = {}
    for fmt, options in RUNS:
        for stages in sizes:
            plain, rich = (
                load_bytes(journey(stages, 20, personas=3, rich=r).encode(), "gen.yaml")
                for r in (False, True)
            )
            took = [_cpu(fmt, j, options, args.runs) for j in (plain, rich)]
            growth.setdefault(fmt, []).append(took[1])
            ratio = took[1] / took[0] if took[0] else float("nan")
            print(f"{fmt:<6} {stages * 20:>11,} {took[0]:>8.3f} {took[1]:>8.3f} {ratio:>9.2f}x")
    print()
    for fmt, times in growth.items():
        steps = ", ".join(f"{b / a:.1f}x" for a, b in pairwise(times) if a)
        print(f"{fmt}: each 10x the rich map takes {steps} the time (linear: 10x, goal <= 11x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
