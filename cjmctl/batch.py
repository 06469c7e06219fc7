"""Rendering many journeys: one job per file, run in worker processes, results in input order.

A job reads, validates and renders one file to every requested format, then delivers each
output: writes it atomically, compares it with the file on disk (`--check`), or hands the bytes
back for standard output. Workers deliver their own outputs, so a batch's writes run in parallel
too. Renderers are pure and results come back in job order, so `--jobs 8` writes exactly what
`--jobs 1` writes and reports it in the same order.
"""

from __future__ import annotations

import difflib
import importlib
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol, TypeVar

from cjmctl import workers as processes
from cjmctl.files import write_atomic
from cjmctl.i18n import _, reason
from cjmctl.journey import branding, links
from cjmctl.journey.diagnostics import Diagnostic
from cjmctl.journey.loader import Document, read_checked
from cjmctl.journey.reading import read_limited
from cjmctl.renderers import FORMATS, RenderError, RenderOptions

if TYPE_CHECKING:
    from cjmctl.journey.model import Journey

TEXT_FORMATS = frozenset({"html", "dot", "svg", "mermaid", "md", "json", "csv"})


@dataclass(frozen=True, slots=True)
class Job:
    """Render `source` to each (format, destination) in `targets`; None means stdout.

    `mode`: write the outputs, or only compare them with the files on disk (`check`), with a
    unified diff for text formats (`diff`).
    """

    source: Path
    targets: tuple[tuple[str, Path | None], ...]
    options: RenderOptions
    mode: Literal["write", "check", "diff"] = "write"
    future: Path | None = None
    """A journey file of the future state, compared with `source` (`journey.states.combine`)."""


@dataclass(slots=True)
class Result:
    """What one job did."""

    source: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """The problems of an invalid or unreadable file; then nothing was rendered."""
    failures: list[str] = field(default_factory=list)
    """One-line reasons an output could not be made (no `dot`, an unwritable folder)."""
    written: list[Path] = field(default_factory=list)
    stale: list[list[str]] = field(default_factory=list)
    """Per output that is missing or out of date: what to print about it."""
    checked: int = 0
    stdout: list[bytes] = field(default_factory=list)


def run_job(job: Job) -> Result:
    """Load, render and deliver one file; never raises for a user's mistake."""
    document, problems = read_checked(job.source)
    result = Result(job.source, problems)
    journey = None if document is None else document.journey
    if job.future is not None:
        journey, more = combined(document, job.future)
        result.diagnostics += more
    if document is None or journey is None:
        return result
    options = branded(document, linked(job.source, journey, job.options))
    for fmt, destination in job.targets:
        try:
            data = FORMATS[fmt].render(journey, options)
        except RenderError as error:
            result.failures.append(f"{job.source}: {error}")
            continue
        if destination is None:
            result.stdout.append(data)
        elif job.mode == "write":
            try:
                destination.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(destination, data)
            except OSError as error:
                said = _("cannot write {path}: {reason}")
                result.failures.append(said.format(path=destination, reason=reason(error)))
                continue
            result.written.append(destination)
        else:
            result.checked += 1
            lines = stale(destination, fmt, data, diff=job.mode == "diff")
            if lines:
                result.stale.append(lines)
    return result


def combined(current: Document | None, future: Path) -> tuple[Journey | None, list[Diagnostic]]:
    """The journey compared with the future file's (`--future`), or the problems of the pair.

    The future file's own problems come at their positions; so does a scale other than the
    journey's, as its scores would be read on the wrong one. The combination is then checked
    as a whole, as a file is, so that nothing invalid is ever rendered.
    """
    from cjmctl.journey.statefiles import check_whole, other_scale
    from cjmctl.journey.states import combine

    then, problems = read_checked(future)
    if current is None or then is None:
        return None, problems
    problems += other_scale(current, then)
    if problems:
        return None, problems
    return check_whole(combine(current.journey, then.journey), current, then)


def linked(source: Path, journey: Journey, options: RenderOptions) -> RenderOptions:
    """`options` with the journey's id and where its links lead: its outputs link to theirs."""
    if not any(links.links(journey)):
        return options
    journey_id, targets = links.targets(source, journey)
    return replace(options, journey_id=journey_id, links=targets)


def branded(document: Document, options: RenderOptions) -> RenderOptions:
    """`options` with the brand the map is drawn with: `--theme`'s over the journey's own."""
    theme = branding.layered(document.journey.theme, document.logo, options.theme)
    return replace(options, theme=theme)


def run(jobs: Sequence[Job], workers: int) -> Iterator[Result]:
    """Run every job, in `workers` processes when that pays; yield results in job order.

    There are never more processes than jobs or CPUs. A job whose worker died (killed, out of
    memory) comes back as a failure saying so; the other jobs' results still come.
    """
    return run_all(jobs, workers, _job, _lost)


def _job(job: Job) -> Result:
    # Looked up when called, in the worker: tests replace `run_job` to make workers misbehave.
    return run_job(job)


class Planned(Protocol):
    """What `run_all` needs of a job: the formats it renders, to import their modules first."""

    @property
    def targets(self) -> Sequence[tuple[str, Path | None]]:
        """Each format to render, and where it goes."""


J = TypeVar("J", bound=Planned)
R = TypeVar("R")


def run_all(
    jobs: Sequence[J], workers: int, work: Callable[[J], R], lost: Callable[[J], R]
) -> Iterator[R]:
    """`run` with another job function (the site's): `work` each job, `lost` one whose worker died.

    `work` must be a module-level function, as it is sent to the worker processes.
    """
    workers = min(workers, len(jobs), processes.cpus())
    if workers <= 1 or len(jobs) < 4:
        yield from map(work, jobs)
        return
    from concurrent.futures.process import BrokenProcessPool

    # Workers are forked where the platform allows: they inherit the modules imported here, so
    # each one skips pydantic's, jinja2's and the model's start-up.
    for fmt in {fmt for job in jobs for fmt, _where in job.targets}:
        importlib.import_module(FORMATS[fmt].function.partition(":")[0])
    size = max(1, len(jobs) // (workers * 8))
    chunks = [jobs[start : start + size] for start in range(0, len(jobs), size)]
    pool = processes.pool(workers)
    try:
        futures = [pool.submit(_run_chunk, work, chunk) for chunk in chunks]
        started = processes.groups(pool)  # forked at the first submit, all of them
        for chunk, future in zip(chunks, futures, strict=True):
            try:
                yield from future.result()
            except BrokenProcessPool:
                # A worker died: the pool ends the others, but the dead one's `dot` lives on.
                processes.end(started)
                yield from (lost(job) for job in chunk)
    except BaseException:
        processes.stop(pool)  # interrupted, or the caller stopped early: no job may run on
        raise
    pool.shutdown()


def _run_chunk(work: Callable[[J], R], jobs: Sequence[J]) -> list[R]:
    return [work(job) for job in jobs]


def _lost(job: Job) -> Result:
    # A broken pool fails every pending future, also of chunks that another worker finished
    # but had not handed back: their outputs may exist, so this says unknown, not undone.
    lost = _(
        "no result: a worker process ended abruptly (killed, or out of memory); "
        "its outputs may be missing or old, render it again"
    )
    return Result(job.source, failures=[f"{job.source}: {lost}"])


def stale(destination: Path, fmt: str, data: bytes, *, diff: bool = False) -> list[str]:
    """Say how the file on disk differs from `data`: nothing when it is current.

    With `diff`, text formats also get a unified diff of what re-rendering would change.
    """
    try:
        if not stat.S_ISREG(destination.stat().st_mode):  # a FIFO would hang, /dev/zero not end
            return [_("{path}: cannot read: not a regular file").format(path=destination)]
        # One byte more than the output tells a longer file apart, whatever its size.
        current = read_limited(destination, len(data) + 1)
    except FileNotFoundError:
        return [_("{path}: missing").format(path=destination)]
    except OSError as error:  # a folder, a symlink loop, no permission: it is not the output
        said = _("{path}: cannot read: {reason}")
        return [said.format(path=destination, reason=reason(error))]
    if current == data:
        return []
    lines = [_("{path}: out of date").format(path=destination)]
    if diff and fmt in TEXT_FORMATS:
        old = current.decode("utf-8", "replace").splitlines(keepends=True)
        new = data.decode("utf-8").splitlines(keepends=True)
        name = str(destination)
        lines += [
            line.rstrip("\n")
            for line in difflib.unified_diff(
                old,
                new,
                _("{path} (on disk)").format(path=name),
                _("{path} (rendered)").format(path=name),
            )
        ]
    return lines
