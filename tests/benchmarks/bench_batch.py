"""Batch benchmark: 500 generated journeys (10 stages x 8 touchpoints) rendered to HTML.

Run from the repository root with the project's venv:

    .venv/bin/python tests/benchmarks/bench_batch.py [--runs 3] [--files 500]

Times `cjmctl render DIR --out-dir OUT --jobs 1` and `--jobs 2` in the same run, alternating,
and one single-file invocation. Targets (issue #5): --jobs 2 at least 1.7x faster than
--jobs 1 on a 2-core machine, and the time per map in a batch far below a single-file run
(start-up is paid once).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.benchmarks.generate import journey  # noqa: E402
from tests.benchmarks.timing import cjmctl, timed  # noqa: E402


def main() -> int:
    """Print medians, per-map times and the speed-up of two processes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--files", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        maps = Path(folder) / "maps"
        maps.mkdir()
        for n in range(args.files):
            text = journey(10, 8).replace("Generated journey", f"Generated journey {n}")
            (maps / f"j{n:04d}.yaml").write_text(text, encoding="utf-8")
        out = str(Path(folder) / "out")

        def batch(jobs: int) -> list[str]:
            return cjmctl("render", str(maps), "--out-dir", out, "--jobs", str(jobs), "-q")

        single = cjmctl("render", str(maps / "j0000.yaml"), "-o", f"{out}/single.html", "-q")
        timed(batch(2))  # warm the caches
        one, two, solo = [], [], []
        for _ in range(args.runs):
            one.append(timed(batch(1)))
            two.append(timed(batch(2)))
            solo.append(timed(single))
    t1, t2, ts = statistics.median(one), statistics.median(two), statistics.median(solo)
    print(f"{args.files} journeys of 10x8, median of {args.runs} runs, {os.cpu_count()} CPUs")
    print(f"  --jobs 1: {t1:6.2f} s  ({1000 * t1 / args.files:5.1f} ms per map)")
    print(f"  --jobs 2: {t2:6.2f} s  ({1000 * t2 / args.files:5.1f} ms per map)")
    print(f"  speed-up of --jobs 2: {t1 / t2:.2f}x (target >= 1.7x)")
    print(f"  one map alone: {1000 * ts:6.1f} ms per invocation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
