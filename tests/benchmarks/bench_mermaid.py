"""Diagram benchmark: `cjmctl render -f svg` (Graphviz) against Mermaid's `mmdc` on the same maps.

Run from the repository root with the project's venv, after installing Mermaid's CLI
(`PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix tools/mermaid`):

    .venv/bin/python tests/benchmarks/bench_mermaid.py [--runs 5] [--batch 60]

For every example map it times whole processes in pairs and reports medians: cjmctl drawing
the flow diagram as SVG from the YAML, and mmdc drawing the journey's Mermaid export (made
beforehand, not timed) as SVG in headless Chromium. Then the same per map in a batch, where
start-up is paid once: cjmctl rendering `--batch` maps (the examples' project, copied, with
copies of its journeys in turn) in one command, mmdc rendering their Mermaid exports from one
Markdown file in one browser, both with one worker per CPU. Targets (issue #17), each printed
"met" or "not met": cjmctl at least 10x faster per map, one process each, and at least 40x in
a batch.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.benchmarks.timing import ENV, cjmctl, paired  # noqa: E402

MMDC = ROOT / "tools" / "mermaid" / "node_modules" / ".bin" / "mmdc"
PUPPETEER = ROOT / "tools" / "mermaid" / "puppeteer.json"
EXAMPLES = ROOT / "examples"


def mmdc(source: Path, output: Path, jobs: int = 1) -> list[str]:
    options = ["-q", "-j", str(jobs), "-p", str(PUPPETEER)]
    return [str(MMDC), *options, "-i", str(source), "-o", str(output)]


def report(name: str, ours: float, theirs: float, target: float, maps: int = 1) -> None:
    verdict = "met" if theirs / ours >= target else "not met"
    print(
        f"  {name}: cjmctl {1000 * ours / maps:7.1f} ms/map, mmdc {1000 * theirs / maps:7.1f} "
        f"ms/map, cjmctl {theirs / ours:5.1f}x faster (target >= {target:g}x): {verdict}"
    )


def main() -> int:
    """Print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=60, help="maps in the batch")
    args = parser.parse_args()
    if not MMDC.exists() or shutil.which("dot") is None:
        print("needs Mermaid's CLI (npm ci --prefix tools/mermaid) and Graphviz's dot")
        return 1
    examples = [p for p in sorted(EXAMPLES.glob("*.yaml")) if p.name != "cjmctl.yaml"]
    if args.batch < len(examples):
        parser.error(f"--batch: at least {len(examples)}, the examples copied in turn")
    print(f"median of {args.runs} paired runs; one process per map")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for example in examples:
            source = folder / f"{example.stem}.mmd"
            made = cjmctl("render", str(example), "-f", "mermaid", "-o", str(source), "-q")
            subprocess.run(made, cwd=ROOT, check=True, env=ENV)
            ours, theirs = paired(
                cjmctl("render", str(example), "-f", "svg", "-o", str(folder / "ours.svg"), "-q"),
                mmdc(source, folder / "theirs.svg"),
                args.runs,
            )
            report(example.stem, ours, theirs, 10)
        # The whole project, since its journeys take personas and channels from its shared files.
        maps = folder / "maps"
        shutil.copytree(EXAMPLES, maps, ignore=shutil.ignore_patterns("invalid"))
        blocks = []
        for n in range(args.batch):
            example = examples[n % len(examples)]
            if n >= len(examples):
                shutil.copy(example, maps / f"{example.stem}-{n // len(examples)}.yaml")
            text = (folder / f"{example.stem}.mmd").read_text(encoding="utf-8")
            blocks.append(f"```mermaid\n{text}```\n")
        batch = folder / "batch.md"
        batch.write_text("\n".join(blocks), encoding="utf-8")
        count, jobs = len(blocks), os.cpu_count() or 1
        print(f"one command for a batch of {count} maps, {jobs} workers each")
        out = str(folder / "out")
        ours, theirs = paired(
            cjmctl("render", str(maps), "-f", "svg", "--out-dir", out, "-q", "-j", str(jobs)),
            mmdc(batch, folder / "batch-out.md", jobs),
            max(1, args.runs // 2),
        )
        report(f"batch of {count}", ours, theirs, 40, count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
