"""Start-up benchmark: how long cjmctl takes before it does any work, against baselines.

Run from the repository root with the project's venv:

    .venv/bin/python tests/benchmarks/bench_startup.py [--runs 30]

Absolute times on a shared machine are noise, so every command is timed in the same run,
interleaved, and reported as a median and as a ratio to its baseline. Targets (issue #2):
`cjmctl --help` at most 1.5x `python -c "import click"`; `cjmctl validate` of an example
compared with `python -c pass`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
EXAMPLE = "examples/furniture-store.yaml"

# Installed packages carry compiled bytecode; this sandbox sets PYTHONDONTWRITEBYTECODE, which
# would make every run recompile cjmctl's own modules. Measure what users run.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    'python -c "import click"': [sys.executable, "-c", "import click"],
    "cjmctl --help": [str(BIN / "cjmctl"), "--help"],
    "cjmctl --version": [str(BIN / "cjmctl"), "--version"],
    f"cjmctl validate {EXAMPLE}": [str(BIN / "cjmctl"), "validate", EXAMPLE],
}


def measure(runs: int) -> dict[str, float]:
    """Time every command `runs` times, interleaved, and return the medians in seconds."""
    samples: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for argv in COMMANDS.values():  # warm the file cache and .pyc files
        subprocess.run(argv, cwd=ROOT, capture_output=True, check=True, env=ENV)
    for _ in range(runs):
        for name, argv in COMMANDS.items():
            start = time.perf_counter()
            subprocess.run(argv, cwd=ROOT, capture_output=True, check=True, env=ENV)
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(times) for name, times in samples.items()}


def main() -> int:
    """Print the medians and the ratios the issue sets targets for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    medians = measure(runs)
    print(f"median of {runs} runs each, interleaved")
    for name, seconds in medians.items():
        print(f"  {seconds * 1000:7.1f} ms  {name}")
    help_ratio = medians["cjmctl --help"] / medians['python -c "import click"']
    validate_ratio = medians[f"cjmctl validate {EXAMPLE}"] / medians["python -c pass"]
    print(f'cjmctl --help / python -c "import click": {help_ratio:.2f}x (target <= 1.5x)')
    print(f"cjmctl validate / python -c pass: {validate_ratio:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
