"""Rendering many journeys: one job per file, run in worker processes, results in input order.

A job reads, validates and renders one file to every requested format and returns the bytes;
it writes nothing. The caller decides what to do with them: write them (atomically), compare
them with what is on disk (`--check`) or print them. Because results come back in input order
and renderers are pure, `--jobs 8` gives exactly the output of `--jobs 1`.
"""

from __future__ import annotations

import difflib
import importlib
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from cjmctl.diagnostics import Diagnostic
from cjmctl.loader import load_checked
from cjmctl.renderers import FORMATS, RenderError, RenderOptions

TEXT_FORMATS = frozenset({"html", "dot", "svg", "mermaid", "md", "json"})


@dataclass(frozen=True, slots=True)
class Output:
    """One rendered file: its format, where it goes (None: stdout) and its bytes."""

    fmt: str
    destination: Path | None
    data: bytes


@dataclass(frozen=True, slots=True)
class Job:
    """Render `source` to each (format, destination) in `targets`."""

    source: Path
    targets: tuple[tuple[str, Path | None], ...]
    options: RenderOptions


@dataclass(slots=True)
class Result:
    """What one job produced: outputs, or the diagnostics of an invalid file."""

    source: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    """One-line reasons a format could not be rendered (no `dot`, an unknown persona)."""


def run_job(job: Job) -> Result:
    """Load and render one file; never raises for a user's mistake."""
    journey, problems = load_checked(job.source)
    result = Result(job.source, problems)
    if journey is None:
        return result
    for fmt, destination in job.targets:
        try:
            data = FORMATS[fmt].render(journey, job.options)
        except RenderError as error:
            result.failures.append(f"{job.source}: {error}")
            continue
        result.outputs.append(Output(fmt, destination, data))
    return result


def run(
    jobs: Sequence[Job], workers: int, progress: Callable[[int], None] | None = None
) -> list[Result]:
    """Run every job, in `workers` processes when that pays; results in the order of `jobs`."""
    if workers <= 1 or len(jobs) < 4:
        results = []
        for done, job in enumerate(jobs, 1):
            results.append(run_job(job))
            if progress:
                progress(done)
        return results
    # Workers are forked where the platform allows: they inherit the modules imported here, so
    # each one skips pydantic's, jinja2's and the model's start-up.
    for fmt in {fmt for job in jobs for fmt, _ in job.targets}:
        importlib.import_module(FORMATS[fmt].function.partition(":")[0])
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunk = max(1, len(jobs) // (workers * 8))
    results = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for done, result in enumerate(pool.map(run_job, jobs, chunksize=chunk), 1):
            results.append(result)
            if progress:
                progress(done)
    return results


def stale(output: Output, *, diff: bool = False) -> list[str]:
    """Say how the file on disk differs from `output`: nothing when it is current.

    With `diff`, text formats also get a unified diff of what re-rendering would change.
    """
    assert output.destination is not None
    try:
        current = output.destination.read_bytes()
    except FileNotFoundError:
        return [f"{output.destination}: missing"]
    if current == output.data:
        return []
    lines = [f"{output.destination}: out of date"]
    if diff and output.fmt in TEXT_FORMATS:
        old = current.decode("utf-8", "replace").splitlines(keepends=True)
        new = output.data.decode("utf-8").splitlines(keepends=True)
        name = str(output.destination)
        lines += [
            line.rstrip("\n")
            for line in difflib.unified_diff(old, new, f"{name} (on disk)", f"{name} (rendered)")
        ]
    return lines
