"""KPI benchmark: a map with 50 metrics of 5 years of monthly values against the same map without.

Run from the repository root with the project's venv:

    .venv/bin/python tests/benchmarks/bench_metrics.py [--runs 5] [--stages 10]

A generated map (stages of 20 touchpoints, three personas, loops back), once as it is and once
with 50 metrics of 60 monthly values each, attached to touchpoints and stages, with targets
and warning thresholds. Each is rendered to HTML three ways: the whole `cjmctl render` command in
a fresh process (loading the YAML with its 3,000 values, checks, the KPI lane on screen and on
every print page, the metrics table); the render alone after loading, in a fresh process (its
first render: the template loaded too); and the render in this process, loaded once and warm.
Reported as medians of CPU seconds (user + system: wall time on a shared machine measures the
others too), with the ratio with metrics to without. Goal (issue 13): at most 1.5x. No
assertion: a benchmark.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from cjmctl import load  # noqa: E402
from cjmctl.renderers import RenderOptions  # noqa: E402
from cjmctl.renderers.htmlmap import render  # noqa: E402
from tests.benchmarks.bench_html import command, render_only  # noqa: E402
from tests.benchmarks.generate import journey  # noqa: E402

METRICS = 50
MONTHS = 60
KINDS = ("csat", "conversion", "abandonment", "nps", "ces")


def metrics(stages: int, touchpoints: int) -> str:
    """The YAML of METRICS metrics of MONTHS monthly values, spread over the map's columns."""
    out = ["metrics:"]
    for n in range(METRICS):
        kind = KINDS[n % len(KINDS)]
        # Every fifth metric measures a stage, the others a touchpoint along the map.
        at = f"s{n % stages}" if n % 5 == 4 else f"t{(n * 7) % (stages * touchpoints)}"
        values = ", ".join(
            f"{2021 + m // 12}-{m % 12 + 1:02d}: {40 + (m * 3 + n) % 37 + m / 4:g}"
            for m in range(MONTHS)
        )
        out += [
            f"  - id: m{n}",
            f"    name: {kind.upper()} number {n}",
            f"    kind: {kind}",
            "    unit: '%'",
            "    target: 60",
            "    warning: 50" if kind not in ("ces", "abandonment") else "    warning: 70",
            f"    at: [{at}]",
            f"    values: {{{values}}}",
        ]
    return "\n".join(out) + "\n"


def warm(path: Path, runs: int) -> float:
    """Median CPU seconds of rendering `path` in this process, loaded once, after one render."""
    loaded = load(path)
    render(loaded, RenderOptions())
    used: list[float] = []
    for _ in range(runs):
        start = time.process_time()
        render(loaded, RenderOptions())
        used.append(time.process_time() - start)
    return statistics.median(used)


def main() -> int:
    """Print the medians with and without metrics, and their ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--stages", type=int, default=10, help="stages of 20 touchpoints")
    args = parser.parse_args()
    plain = journey(args.stages, 20, loops=True, personas=3)
    rows: dict[str, tuple[float, float, float, int]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, text in (("without", plain), ("with", plain + metrics(args.stages, 20))):
            path = Path(folder) / f"{name}.yaml"
            path.write_text(text, encoding="utf-8")
            out = Path(folder) / f"{name}.html"
            command(ROOT, path, out)  # warm-up: bytecode, page cache
            whole = statistics.median(command(ROOT, path, out)[0] for _ in range(args.runs))
            times = [render_only(ROOT, path) for _ in range(args.runs)]
            first = statistics.median(t[0] for t in times)
            rows[name] = (whole, first, warm(path, 3 * args.runs), times[0][1])
    count = args.stages * 20
    print(f"HTML map of {count:,} touchpoints, median of {args.runs} runs, CPU seconds")
    print("                       command  first render  warm render   page bytes")
    for name, (whole, first, hot, size) in rows.items():
        label = f"{name} {METRICS} metrics x {MONTHS}" if name == "with" else "without metrics"
        print(f"  {label:20}  {whole:6.3f} s    {first:6.3f} s    {hot:6.3f} s  {size:11,}")
    (w1, f1, h1, b1), (w2, f2, h2, b2) = rows["without"], rows["with"]
    print(
        f"  ratio: command {w2 / w1:.2f}x, first render {f2 / f1:.2f}x, warm render"
        f" {h2 / h1:.2f}x, page {b2 / b1:.2f}x (goal <= 1.5x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
