"""Speed benchmark: every goal of issue #17 in one run, as ratios of commands timed side by side.

Run from the repository root with the project's venv (and Graphviz's `dot` on PATH):

    .venv/bin/python tests/benchmarks/bench_speed.py [--runs 11] [--tree PATH]

Whole processes, every command once per round, all interleaved, `--runs` rounds after a warm-up;
each command's time is its median wall time. Targets (issue #17), each printed "met" or "not met":
- start-up: `cjmctl validate examples/furniture-store.yaml` at most 1.5x the floor of its
  dependencies, `python -c "import pydantic, typer, yaml"` (`--help`, `--version` and validate
  with no cache, `CJMCTL_NO_CACHE=1`, as a first run after an install or a CI job without a
  cache, are shown against the same floor, for information, and so is what importing pydantic's
  `BaseModel` and `Field` costs on top of it, since `import pydantic` alone imports neither:
  the least any process that defines a pydantic model pays);
- `cjmctl render -f svg` of that map at most 1.5x what it cannot avoid: `validate` plus
  `dot -Tsvg` of its DOT (made beforehand with `-f dot`), each timed alone, medians added;
- the HTML render of that map at most 1.3x `validate`;
- growth, on generated maps as bench_html.py's (stages of 20 touchpoints, three personas, loops
  back): 2,000 touchpoints validate in under 1 s and render to HTML in under 2 s, and take at
  most 11x the time of 200 touchpoints. That ratio is shown for the whole process (the goal as
  the issue states it), minus start-up (`cjmctl --version`), and minus the same command on a
  1-touchpoint map: the last removes every fixed cost (start-up, the model's build, templates),
  which otherwise hides a growth worse than linear, so it is the honest test of the work.
`--tree PATH` also times another checkout's cjmctl, e.g. `git worktree add --detach /tmp/base
COMMIT`, with this venv's Python and libraries, on the same files, interleaved with this one:
both columns are printed, with the speed-up (time with --tree / time here).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.benchmarks.generate import journey  # noqa: E402
from tests.benchmarks.timing import ENV, Command, cjmctl, medians  # noqa: E402

EXAMPLE = ROOT / "examples" / "furniture-store.yaml"
FLOOR = 'python -c "import pydantic, typer, yaml"'
MODELS = "  ... and pydantic's BaseModel, Field"
BASELINES = {
    "python -c pass": [sys.executable, "-c", "pass"],
    FLOOR: [sys.executable, "-c", "import pydantic, typer, yaml"],
    MODELS: [
        sys.executable,
        "-c",
        "import pydantic, typer, yaml; from pydantic import BaseModel, Field",
    ],
}
"""Commands that do not depend on the checkout: timed once, whatever --tree says."""
SIZES = {1: (1, 1), 200: (10, 20), 2000: (100, 20)}
"""Touchpoints of a generated map: (stages, touchpoints per stage)."""
Goal = tuple[str, float, str, float | None]
"""What is measured, its value, its unit ("x" or " s") and its limit (None: only shown)."""


def commands(tree: Path, maps: dict[int, Path], folder: Path) -> dict[str, Command]:
    """Return the commands timed for `tree`'s cjmctl, writing their outputs into `folder`."""
    dot = folder / f"{EXAMPLE.stem}.dot"
    made = cjmctl("render", str(EXAMPLE), "-f", "dot", "-o", str(dot), "-q")
    subprocess.run(made, cwd=tree, capture_output=True, check=True, env=ENV)
    svg, html = str(folder / "out.svg"), str(folder / "out.html")
    timed = {
        "cjmctl --help": cjmctl("--help"),
        "cjmctl --version": cjmctl("--version"),
        "cjmctl validate": cjmctl("validate", str(EXAMPLE)),
        # The first run after an install or upgrade, or in a CI job that keeps no cache.
        "cjmctl validate, no cache": [
            "env",
            "CJMCTL_NO_CACHE=1",
            *cjmctl("validate", str(EXAMPLE)),
        ],
        "dot -Tsvg": ["dot", "-Tsvg", str(dot), "-o", svg],
        "cjmctl render -f svg": cjmctl("render", str(EXAMPLE), "-f", "svg", "-o", svg, "-q"),
        "cjmctl render (HTML)": cjmctl("render", str(EXAMPLE), "-o", html, "-q"),
    }
    for count, path in maps.items():
        timed[f"validate {count:,} tp"] = cjmctl("validate", str(path))
        timed[f"render HTML {count:,} tp"] = cjmctl("render", str(path), "-o", html, "-q")
    return {name: (argv, tree) for name, argv in timed.items()}


def goals(t: dict[str, float]) -> list[Goal]:
    """Return issue #17's goals computed from the medians `t` of one checkout's commands."""
    floor, startup = t[FLOOR], t["cjmctl --version"]
    rows: list[Goal] = [
        ("validate / floor", t["cjmctl validate"] / floor, "x", 1.5),
        ("  validate, no cache / floor", t["cjmctl validate, no cache"] / floor, "x", None),
        ("  --help / floor", t["cjmctl --help"] / floor, "x", None),
        ("  --version / floor", startup / floor, "x", None),
        ("  pydantic's model machinery / floor", t[MODELS] / floor, "x", None),
        (
            "render -f svg / (validate + dot)",
            (t["cjmctl render -f svg"]) / (t["cjmctl validate"] + t["dot -Tsvg"]),
            "x",
            1.5,
        ),
        ("render HTML / validate", t["cjmctl render (HTML)"] / t["cjmctl validate"], "x", 1.3),
        ("validate 2,000 tp", t["validate 2,000 tp"], " s", 1.0),
        ("render HTML 2,000 tp", t["render HTML 2,000 tp"], " s", 2.0),
    ]
    for name in ("validate", "render HTML"):
        large, small, tiny = (t[f"{name} {count:,} tp"] for count in (2000, 200, 1))
        rows += [
            (f"{name} 2,000 / 200 tp", large / small, "x", 11.0),
            ("  minus start-up (--version)", growth(large, small, startup), "x", 11.0),
            ("  minus a 1-tp map", growth(large, small, tiny), "x", 11.0),
        ]
    return rows


def growth(large: float, small: float, fixed: float) -> float:
    """Return how many times more than `small` `large` takes beyond the `fixed` cost of both."""
    # Noise can leave nothing of the small map's time beyond the fixed cost.
    return (large - fixed) / (small - fixed) if small > fixed else float("inf")


def verdict(value: float, unit: str, limit: float | None) -> str:
    """Say whether `value` meets its goal: ratios may equal their limit, seconds stay under it."""
    if limit is None:
        return ""
    return "met" if value < limit or (unit == "x" and value == limit) else "not met"


def revision(tree: Path) -> str:
    """Return `tree` with its short commit, for the header."""
    done = subprocess.run(
        ["git", "-C", str(tree), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return f"{tree} ({done.stdout.strip() or 'not a git checkout'})"


def report(columns: list[dict[str, float]], shared: dict[str, float]) -> None:
    """Print every command's median per checkout (and the speed-up), then the goals."""
    heads = ["here"] if len(columns) == 1 else ["--tree", "here", "speed-up"]
    print(f"  {'':42}" + "".join(f"{head:>11}" for head in heads))
    for name in columns[0]:
        cells = [f"{1000 * column[name]:8.1f} ms" for column in columns]
        if name in shared:
            cells = cells[:1]
        elif len(columns) == 2:
            cells.append(f"{columns[0][name] / columns[1][name]:10.2f}x")
        print(f"  {name:42}" + "".join(cells))
    print(f"{'goals of issue #17':42}" + "".join(f"{head:>20}" for head in heads[: len(columns)]))
    for rows in zip(*(goals(column) for column in columns), strict=True):
        label, _, unit, limit = rows[0]
        cells = [f"{value:8.2f}{unit} {verdict(value, unit, limit):<7}" for _, value, _, _ in rows]
        target = "" if limit is None else f"target {'<=' if unit == 'x' else '<'} {limit:g}{unit}"
        line = f"  {label:40}" + "".join(f"{cell:>20}" for cell in cells) + f"   {target}"
        print(line.rstrip())


def main() -> int:
    """Time every command of every checkout, then print the medians and the goals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--tree", type=Path, help="another checkout whose cjmctl to time too")
    args = parser.parse_args()
    trees = [ROOT] if args.tree is None else [args.tree.resolve(), ROOT]
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        maps = {}
        for count, (stages, per_stage) in SIZES.items():
            maps[count] = folder / f"generated-{count}.yaml"
            text = journey(stages, per_stage, loops=True, personas=3)
            maps[count].write_text(text, encoding="utf-8")
        timed: dict[tuple[int | None, str], Command] = {
            (None, name): (argv, ROOT) for name, argv in BASELINES.items()
        }
        for column, tree in enumerate(trees):
            (folder / str(column)).mkdir()
            for name, command in commands(tree, maps, folder / str(column)).items():
                timed[column, name] = command
        seconds = medians(timed, args.runs)
    shared = {name: seconds[None, name] for name in BASELINES}
    columns = [
        shared | {n: s for (c, n), s in seconds.items() if c == i} for i in range(len(trees))
    ]
    print(
        f"median of {args.runs} interleaved rounds, whole processes, wall time; "
        f"{os.cpu_count()} CPUs"
    )
    if args.tree is not None:
        print(f"  --tree: {revision(trees[0])}")
    print(f"  here:   {revision(ROOT)}")
    print(f"  example: {EXAMPLE.relative_to(ROOT)}; tp = touchpoints of a generated map")
    report(columns, shared)
    return 0


if __name__ == "__main__":
    sys.exit(main())
