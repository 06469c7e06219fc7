"""HTML map benchmark: how the render's time and the page's size grow with the map.

Run from the repository root with the project's venv:

    .venv/bin/python tests/benchmarks/bench_html.py [--runs 3] [--tree PATH]

Generated maps of 200, 2,000 and 10,000 touchpoints (stages of 20, three personas, loops back),
each rendered to HTML in fresh processes: the whole `cjmctl render` command, and the render
alone after loading (what the page's size and the print pages cost). Reported as medians of
CPU seconds (user + system: wall time on a machine shared with other jobs measures them too;
the command's wall time is shown beside), with the page's bytes per touchpoint and the growth
ratios (N x the map -> M x the time; linear is M = N). Targets (issue 17): 2,000 touchpoints
render in under 2 s, and 10x the map costs at most ~11x the time (1.1 x N).
`--tree` times another checkout's cjmctl on the same files, e.g. a `git worktree` of an older
commit, for a before/after on one machine.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.benchmarks.generate import journey  # noqa: E402
from tests.benchmarks.timing import ENV, cjmctl  # noqa: E402

SIZES = (10, 100, 500)
"""Stages of 20 touchpoints: 200, 2,000 and 10,000 touchpoints."""
RENDER_ONLY = """
import sys, time
from itertools import pairwise
from pathlib import Path
from cjmctl.journey.loader import load_checked
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.htmlmap import render
journey, _ = load_checked(Path(sys.argv[1]))
start = time.process_time()
page = render(journey, RenderOptions())
print(time.process_time() - start, len(page))
"""


def cpu() -> float:
    """CPU seconds that finished child processes have used so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def command(tree: Path, path: Path, out: Path) -> tuple[float, float]:
    """CPU and wall seconds of one whole `cjmctl render` of `path`, with `tree`'s cjmctl."""
    argv = cjmctl("render", str(path), "-o", str(out), "-q")
    start, before = time.perf_counter(), cpu()
    subprocess.run(argv, cwd=tree, capture_output=True, check=True, env=ENV)
    return cpu() - before, time.perf_counter() - start


def render_only(tree: Path, path: Path) -> tuple[float, int]:
    """CPU seconds of `htmlmap.render` alone on the loaded `path`, and the page's bytes."""
    argv = [sys.executable, "-c", RENDER_ONLY, str(path)]
    done = subprocess.run(argv, cwd=tree, capture_output=True, check=True, env=ENV, text=True)
    seconds, size = done.stdout.split()
    return float(seconds), int(size)


def main() -> int:
    """Print medians, bytes per touchpoint and growth ratios for each map size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose cjmctl runs")
    args = parser.parse_args()
    tree = args.tree.resolve()
    rows: list[tuple[int, float, float, float, int]] = []
    with tempfile.TemporaryDirectory() as folder:
        for stages in SIZES:
            path = Path(folder) / f"j{stages}x20.yaml"
            path.write_text(journey(stages, 20, loops=True, personas=3), encoding="utf-8")
            out = Path(folder) / "out.html"
            command(tree, path, out)  # warm-up: bytecode, page cache
            runs = [command(tree, path, out) for _ in range(args.runs)]
            alone = [render_only(tree, path) for _ in range(args.runs)]
            rows.append(
                (
                    stages * 20,
                    statistics.median(r[0] for r in runs),
                    statistics.median(r[1] for r in runs),
                    statistics.median(a[0] for a in alone),
                    alone[0][1],
                )
            )
    print(f"{tree}: HTML map, median of {args.runs} runs, CPU seconds (wall)")
    print("  touchpoints   command           render    page bytes  bytes/touchpoint")
    for count, used, wall, rendering, size in rows:
        print(
            f"  {count:11,}  {used:6.2f} s ({wall:5.2f})  {rendering:6.2f} s"
            f"  {size:12,}  {size / count:8,.0f}"
        )
    for (n1, w1, _, r1, b1), (n2, w2, _, r2, b2) in pairwise(rows):
        print(
            f"  {n2 // n1}x the map ({n1:,} -> {n2:,}): command {w2 / w1:.1f}x, "
            f"render {r2 / r1:.1f}x, page {b2 / b1:.1f}x (target <= {1.1 * n2 / n1:.1f}x)"
        )
    print(f"  2,000 touchpoints: command {rows[1][1]:.2f} s CPU (target < 2 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
