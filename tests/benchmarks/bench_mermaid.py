"""Diagram benchmark: `cjmctl render -f svg` (Graphviz) against Mermaid's `mmdc` on the same maps.

Run from the repository root with the project's venv, after installing Mermaid's CLI
(`PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix tools/mermaid`):

    .venv/bin/python tests/benchmarks/bench_mermaid.py [--runs 5] [--batch 20]

For every example map it times whole processes in pairs and reports medians: cjmctl drawing
the flow diagram as SVG from the YAML, and mmdc drawing the journey's Mermaid export (made
beforehand, not timed) as SVG in headless Chromium. Then the same per map in a batch, where
start-up is paid once: cjmctl rendering `--batch` copies of every example in one command,
mmdc rendering their Mermaid exports from one Markdown file in one browser, both with one
worker per CPU. Target (issue #7):
cjmctl at least 20x faster per map.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
MMDC = ROOT / "tools" / "mermaid" / "node_modules" / ".bin" / "mmdc"
PUPPETEER = ROOT / "tools" / "mermaid" / "puppeteer.json"
# Installed packages carry compiled bytecode; this sandbox sets PYTHONDONTWRITEBYTECODE, which
# would make every run recompile cjmctl's own modules. Measure what users run.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, capture_output=True, check=True, env=ENV, timeout=600)
    return time.perf_counter() - start


def paired(a: list[str], b: list[str], runs: int) -> tuple[float, float]:
    timed(a), timed(b)
    pairs = [(timed(a), timed(b)) for _ in range(runs)]
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def mmdc(source: Path, output: Path, jobs: int = 1) -> list[str]:
    options = ["-q", "-j", str(jobs), "-p", str(PUPPETEER)]
    return [str(MMDC), *options, "-i", str(source), "-o", str(output)]


def report(name: str, ours: float, theirs: float, maps: int = 1) -> None:
    print(
        f"  {name}: cjmctl {1000 * ours / maps:7.1f} ms/map, mmdc {1000 * theirs / maps:7.1f} "
        f"ms/map, cjmctl {theirs / ours:5.1f}x faster (target >= 20x)"
    )


def main() -> int:
    """Print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=20, help="copies of each example per batch")
    args = parser.parse_args()
    if not MMDC.exists() or shutil.which("dot") is None:
        print("needs Mermaid's CLI (npm ci --prefix tools/mermaid) and Graphviz's dot")
        return 1
    cjmctl = str(BIN / "cjmctl")
    examples = [p for p in sorted((ROOT / "examples").glob("*.yaml")) if p.name != "cjmctl.yaml"]
    print(f"median of {args.runs} paired runs; one process per map")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for example in examples:
            source = folder / f"{example.stem}.mmd"
            subprocess.run(
                [cjmctl, "render", str(example), "-f", "mermaid", "-o", str(source), "-q"],
                check=True,
                env=ENV,
            )
            ours, theirs = paired(
                [cjmctl, "render", str(example), "-f", "svg", "-o", str(folder / "ours.svg"), "-q"],
                mmdc(source, folder / "theirs.svg"),
                args.runs,
            )
            report(example.stem, ours, theirs)
        maps = folder / "maps"
        maps.mkdir()
        blocks = []
        for n in range(args.batch):
            for example in examples:
                shutil.copy(example, maps / f"{example.stem}-{n}.yaml")
                for data in example.parent.glob("*.csv"):
                    shutil.copy(data, maps / data.name)
                text = (folder / f"{example.stem}.mmd").read_text(encoding="utf-8")
                blocks.append(f"```mermaid\n{text}```\n")
        batch = folder / "batch.md"
        batch.write_text("\n".join(blocks), encoding="utf-8")
        count, jobs = len(blocks), os.cpu_count() or 1
        print(f"one command for a batch of {count} maps, {jobs} workers each")
        out = str(folder / "out")
        ours, theirs = paired(
            [cjmctl, "render", str(maps), "-f", "svg", "--out-dir", out, "-q", "-j", str(jobs)],
            mmdc(batch, folder / "batch-out.md", jobs),
            max(1, args.runs // 2),
        )
        report(f"batch of {count}", ours, theirs, count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
