"""Flow-diagram benchmark: `cjmctl render -f svg` against `dot -Tsvg` alone on the same DOT.

Run from the repository root with the project's venv:

    .venv/bin/python tests/benchmarks/bench_flow.py [--runs 5]

For a generated 50-stage x 20-touchpoint journey, plain and with loops back to the first stage
(every tenth touchpoint), it times whole processes in pairs and reports medians. Target (issue
#4): the whole command at most 2x `dot` alone, so our start-up, loading and graph building stay
below the layout cost. It also lays out the loop variant once more with the loops drawn as real
edges instead of cjmctl's short "back to ..." stubs, to show what the stubs save.

Then dense fan-outs (one stage of 30, 40 and 60 touchpoints, each leading to all the others):
the whole command once each, and dot on the same graph with the skipping steps drawn as real
edges instead of "on to ..." stubs, as cjmctl drew them before it counted the ranks they cross.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.benchmarks.generate import fan_out, journey  # noqa: E402
from tests.benchmarks.timing import ENV, cjmctl, paired, timed  # noqa: E402


def with_real_edges(source: str, kind: str = "back") -> str:
    """The same DOT with each `kind` stub ("back" or "on") replaced by a real edge to its target."""
    jumps = re.findall(r"(\S+) -> (jump_\d+)", source)
    named = rf"(jump_\d+) \[label=<.*?{kind} to Touchpoint (\d+)\b"
    targets = dict(re.findall(named, source))
    extra = [f"\t{tail} -> tp_t{targets[stub]}\n" for tail, stub in jumps if stub in targets]
    return source.rstrip().removesuffix("}") + "".join(extra) + "}\n"


def dot_seconds(dot: str, source: Path, out: str, limit: float = 120) -> str:
    """How long dot alone takes on `source`, or that it was stopped after `limit` seconds."""
    try:
        return f"{timed([dot, '-Tsvg', str(source), '-o', out], timeout=limit):.2f} s"
    except subprocess.TimeoutExpired:
        return f"more than {limit:g} s (stopped)"


def fan_outs(dot: str, folder: Path) -> None:
    """Time dense fan-outs with cjmctl's stubs, and with their steps as real edges."""
    print("dense fan-outs (one run each):")
    for size in (30, 40, 60):
        source = folder / f"fan{size}.yaml"
        source.write_text(fan_out(size), encoding="utf-8")
        dot_file = folder / f"fan{size}.dot"
        subprocess.run(
            cjmctl("render", str(source), "-f", "dot", "-o", str(dot_file), "-q"),
            cwd=ROOT,
            check=True,
            env=ENV,
        )
        out = str(folder / "out.svg")
        ours = timed(cjmctl("render", str(source), "-f", "svg", "-o", out, "-q"))
        real = folder / f"fan{size}-real.dot"
        real.write_text(with_real_edges(dot_file.read_text("utf-8"), "on"), encoding="utf-8")
        print(
            f"  {size} touchpoints: cjmctl render -f svg {ours:6.2f} s; "
            f"with the skipping steps as real edges, dot takes {dot_seconds(dot, real, out)}"
        )


def main() -> int:
    """Print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    dot = shutil.which("dot")
    if dot is None:
        print("Graphviz's dot is not installed")
        return 1
    print(f"median of {runs} paired runs")
    with tempfile.TemporaryDirectory() as folder:
        for loops in (False, True):
            name = "50x20 with loops" if loops else "50x20"
            source = Path(folder) / "journey.yaml"
            source.write_text(journey(50, 20, loops=loops), encoding="utf-8")
            dot_file = Path(folder) / "journey.dot"
            subprocess.run(
                cjmctl("render", str(source), "-f", "dot", "-o", str(dot_file), "-q"),
                cwd=ROOT,
                check=True,
                env=ENV,
            )
            out = str(Path(folder) / "out.svg")
            ours, alone = paired(
                cjmctl("render", str(source), "-f", "svg", "-o", out, "-q"),
                [dot, "-Tsvg", str(dot_file), "-o", out],
                runs,
            )
            print(
                f"  {name}: cjmctl render -f svg {ours:6.2f} s, dot -Tsvg alone {alone:6.2f} s, "
                f"ratio {ours / alone:.2f}x (target <= 2x)"
            )
            if loops:
                real = Path(folder) / "real-loops.dot"
                real.write_text(with_real_edges(dot_file.read_text(encoding="utf-8")), "utf-8")
                seconds = dot_seconds(dot, real, out)
                print(f"  the same loops drawn as real edges instead of stubs: dot takes {seconds}")
        fan_outs(dot, Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
