"""Render benchmark: `cjmctl render` to HTML against only parsing the same file with PyYAML.

Run from the repository root with the project's venv:

    .venv/bin/python tests/benchmarks/bench_render.py [--runs 11]

Whole processes, timed in pairs (the command and its baseline back to back, so both see the
same machine load), reported as medians. Targets (issue #3): rendering a generated 50-stage x
20-touchpoint journey takes at most 2.5x PyYAML's C loader on that file, and a 500x20 journey
at most 11x the 50x20 time (linear growth). Also reported: the largest example and the
50x20 journey against `python -c pass`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.benchmarks.generate import journey  # noqa: E402
from tests.benchmarks.timing import cjmctl, paired  # noqa: E402

PARSE = "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"


def main() -> int:
    """Print medians and the ratios the issue sets targets for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        small, large = Path(folder) / "j50x20.yaml", Path(folder) / "j500x20.yaml"
        small.write_text(journey(50, 20), encoding="utf-8")
        large.write_text(journey(500, 20), encoding="utf-8")
        out = str(Path(folder) / "out.html")

        def render(path: Path) -> list[str]:
            return cjmctl("render", str(path), "-o", out, "-q")

        r50, p50 = paired(render(small), [sys.executable, "-c", PARSE, str(small)], runs)
        r500, _ = paired(render(large), render(small), max(3, runs // 3))
        example = max((ROOT / "examples").glob("*-*.yaml"), key=lambda p: p.stat().st_size)
        rex, bare = paired(render(example), [sys.executable, "-c", "pass"], runs)
        r50b, bare2 = paired(render(small), [sys.executable, "-c", "pass"], runs)
    print(f"median of {runs} paired runs")
    print(
        f"  50x20 render {r50 * 1000:7.1f} ms  PyYAML C parse {p50 * 1000:7.1f} ms  "
        f"ratio {r50 / p50:.2f}x (target <= 2.5x)"
    )
    print(
        f"  500x20 render {r500 * 1000:7.1f} ms  = {r500 / r50:.1f}x the 50x20 time (target <= 11x)"
    )
    print(
        f"  {example.name} render {rex * 1000:7.1f} ms  python -c pass {bare * 1000:5.1f} ms "
        f"({rex / bare:.1f}x)"
    )
    print(
        f"  50x20 render {r50b * 1000:7.1f} ms  python -c pass {bare2 * 1000:5.1f} ms "
        f"({r50b / bare2:.1f}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
