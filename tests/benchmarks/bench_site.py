"""Site benchmark: a generated project of journeys sharing a personas file, built as a site.

Run from the repository root with the project's venv:

    .venv/bin/python tests/benchmarks/bench_site.py [--files 500] [--runs 1]

Times `cjmctl site` (a full build into an empty folder) against `cjmctl render --jobs 2 -f html
-f svg --out-dir` of the same journeys, and a rebuild after one journey changed against the
full build. Targets (issue #14): the full build at most 1.2x the render, the rebuild at most
10% of the full build.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.benchmarks.generate import journey  # noqa: E402
from tests.benchmarks.timing import cjmctl, timed  # noqa: E402

PERSONAS = """personas:
  - {id: anna, name: Anna, goals: [Buy fast], pains: [Slow pages]}
  - {id: boris, name: Boris, goals: [Buy cheap], fears: [Fines]}
"""


def project(folder: Path, files: int) -> Path:
    """`files` journeys of 4 stages x 5 touchpoints taking their personas from a shared file."""
    maps = folder / "maps"
    (maps / "shared").mkdir(parents=True)
    (maps / "cjmctl.yaml").write_text(
        "project: 1\ntitle: Generated\nshared: [shared/personas.yaml]\n", encoding="utf-8"
    )
    (maps / "shared" / "personas.yaml").write_text(PERSONAS, encoding="utf-8")
    for n in range(files):
        text = journey(4, 5).replace("Generated journey", f"Generated journey {n}")
        head, _, rest = text.partition("personas:\n")
        rest = rest.split("channels:\n", 1)[1]
        text = f"{head}personas: [anna, boris]\nchannels:\n{rest}"
        (maps / f"j{n:04d}.yaml").write_text(text, encoding="utf-8")
    return maps


def main() -> int:
    """Print the medians and the two ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        maps = project(Path(folder), args.files)
        out = Path(folder) / "out"
        site = Path(folder) / "site"
        renders, builds, rebuilds = [], [], []
        today = "--today", "2026-10-01"
        html_svg = ("-f", "html", "-f", "svg", *today, "-q")
        rendering = cjmctl("render", str(maps), "--out-dir", str(out), "--jobs", "2", *html_svg)
        building = cjmctl("site", str(maps), "-o", str(site), "--jobs", "2", *today, "-q")
        for _ in range(args.runs):
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(site, ignore_errors=True)
            renders.append(timed(rendering))
            builds.append(timed(building))
            one = maps / "j0000.yaml"
            one.write_text(one.read_text().replace("Generated journey 0", "Changed journey 0"))
            rebuilds.append(timed(building))
            one.write_text(one.read_text().replace("Changed journey 0", "Generated journey 0"))
        render, full, again = map(statistics.median, (renders, builds, rebuilds))
    print(f"{args.files} journeys, median of {args.runs}:")
    print(f"  render --jobs 2 -f html -f svg  {render:7.2f} s")
    print(f"  site (full build)               {full:7.2f} s  {full / render:.2f}x (goal <= 1.2x)")
    print(f"  site after one journey changed  {again:7.2f} s  {again / full:.1%} (goal <= 10%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
