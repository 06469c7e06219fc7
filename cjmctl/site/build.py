"""Building a project's site: which journeys changed, rendering them in workers, the site's pages.

A journey's pages are its HTML map and flow diagram (`<id>.html`, `<id>.svg`, mirroring the
project's tree); a journey whose inputs hash to what the manifest recorded, and whose pages
on disk are still the ones recorded, is not loaded again: its cached summary stands in. The
index and the map of journeys are made from the summaries on every build (they are cheap).
Outputs are written atomically, and a file whose bytes would not change is left untouched, so
rebuilding an unchanged project changes no byte and no modification time.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Literal

from cjmctl import __version__, batch, files
from cjmctl.health.lint import lint
from cjmctl.i18n import _, reason
from cjmctl.journey import links, project, yamltree
from cjmctl.journey.diagnostics import Diagnostic, JourneyError
from cjmctl.journey.loader import read
from cjmctl.journey.project import PROJECT_FILE
from cjmctl.journey.reading import check_text, read_limited
from cjmctl.renderers import FORMATS, RenderError, RenderOptions
from cjmctl.site import index, manifest
from cjmctl.site import pages as crosspages
from cjmctl.site.manifest import Cached, Manifest, sha
from cjmctl.site.summary import Summary, invalid, summarize

FORMATS_MADE = ("html", "svg")
"""What each journey gets: its map and its flow diagram."""
Mode = Literal["write", "check"]


@dataclass(frozen=True, slots=True)
class Project:
    """The folder of journeys, and how its project file (if any) names it."""

    root: Path
    title: str
    description: str | None = None
    owner: str | None = None


def find_project(folder: Path) -> Project:
    """The project in `folder`: its `cjmctl.yaml` title, description and owner, else its name.

    Read leniently: a broken project file is reported by each journey that loads it.
    """
    fallback = Project(folder, folder.resolve().name or str(folder))
    try:
        path = folder / PROJECT_FILE
        value = yamltree.parse(check_text(read_limited(path), str(path)))[0]
    except (OSError, JourneyError, yamltree.YamlError):
        return fallback
    if not isinstance(value, dict):
        return fallback

    def text(key: str) -> str | None:
        found = value.get(key)
        return found.strip() or None if isinstance(found, str) else None

    return Project(folder, text("title") or fallback.title, text("description"), text("owner"))


@dataclass(frozen=True, slots=True)
class Job:
    """Load, lint, summarise and render one journey; deliver its pages to `targets`."""

    source: Path
    id: str
    root: Path
    out: Path
    targets: tuple[tuple[str, Path], ...]
    options: RenderOptions
    key: str
    mode: Mode = "write"
    journeys: str = ""
    """A digest of the ids of the site's journeys: what a link that leads nowhere may suggest."""


@dataclass(slots=True)
class Outcome:
    """What became of one journey's pages, and the summary the site's pages show of it."""

    id: str
    summary: Summary
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    stale: list[str] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)
    """The digest of each page made, by its path in the site."""
    cached: Cached | None = None
    """The record for the next build; None for a journey that is not to be cached."""
    rendered: bool = True


def render_journey(job: Job) -> Outcome:
    """Run one journey's job; never raises for a user's mistake (a worker's function)."""
    try:
        document = read(job.source)
    except JourneyError as error:
        return _broken(job, error.diagnostics)
    except OSError as error:
        message = _("cannot read the file: {reason}").format(reason=reason(error))
        return _broken(job, [Diagnostic(str(job.source), 1, 1, message, rule="io")])
    today = job.options.today
    # Without a date, the rules that need one judge nothing as stale or overdue.
    findings = lint(document, today=today or date.min)
    outcome = Outcome(job.id, _site_ids(job, summarize(document, job.id, findings, today)))
    options = batch.branded(document, batch.linked(job.source, document.journey, job.options))
    for fmt, destination in job.targets:
        try:
            data = FORMATS[fmt].render(document.journey, options)
        except RenderError as error:
            outcome.failures.append(f"{job.source}: {error}")
            continue
        _tally(outcome, destination, deliver(destination, data, job.mode))
        outcome.outputs[destination.relative_to(job.out).as_posix()] = sha(data)
    if not outcome.failures:
        names = (*document.inputs, *document.assets)
        inputs = [manifest.relative(name, job.root) for name in names]
        digest = manifest.digest(job.root, job.source, inputs, _key(job, outcome.summary))
        outcome.cached = Cached(digest, inputs, sorted(outcome.outputs), outcome.summary)
    return outcome


def _site_ids(job: Job, summary: Summary) -> Summary:
    """The summary with its links' targets named by their ids in the site.

    A link names a journey from its own project's root (`links.place`), which is the site's
    folder except for a journey in a nested project or in a sub-folder of a folder without a
    project file; the site's ids are paths from its folder, so they are made to agree.
    """
    try:
        root = links.place(job.source).root
    except OSError:
        return summary
    prefix = Path(os.path.relpath(root, job.root.resolve())).as_posix()
    if prefix == "." or not summary.links:
        return summary
    moved = [replace(link, target=f"{prefix}/{link.target}") for link in summary.links]
    return replace(summary, links=moved)


def _broken(job: Job, diagnostics: list[Diagnostic]) -> Outcome:
    return Outcome(job.id, invalid(job.id, job.source.name, diagnostics), diagnostics)


def _lost(job: Job) -> Outcome:
    said = _(
        "{path}: no result: a worker process ended abruptly (killed, or out of memory); "
        "build the site again"
    )
    outcome = _broken(job, [])
    outcome.failures.append(said.format(path=job.source))
    return outcome


Delivered = tuple[Literal["written", "unchanged", "stale", "failed"], list[str]]


def deliver(destination: Path, data: bytes, mode: Mode) -> Delivered:
    """Write one page (unless the file already holds these bytes), or compare it (`check`).

    Returns what happened, and the lines to show about it (why it is stale, or not written).
    """
    lines = batch.stale(destination, destination.suffix, data)
    if mode == "check" or not lines:
        return ("stale" if lines else "unchanged"), lines
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        files.write_atomic(destination, data)
    except OSError as error:
        said = _("cannot write {path}: {reason}")
        return "failed", [said.format(path=destination, reason=reason(error))]
    return "written", []


def _tally(outcome: Outcome | Report, destination: Path, delivered: Delivered) -> None:
    what, lines = delivered
    if what == "written":
        outcome.written.append(destination)
    elif what == "unchanged":
        outcome.unchanged += 1
    elif what == "stale":
        outcome.stale += lines
    else:
        outcome.failures += lines


@dataclass(slots=True)
class Report:
    """What a build did, for the command to print."""

    journeys: int = 0
    rendered: int = 0
    """Journeys loaded and rendered; the others' cached pages were still current."""
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    stale: list[str] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    invalid: int = 0
    summaries: list[Summary] = field(default_factory=list)


def build(
    folder: Path, out: Path, options: RenderOptions, *, mode: Mode = "write", workers: int = 1
) -> Report:
    """Build (or, with `check`, compare) the site of the project in `folder` into `out`.

    Raises:
        files.MissingPathError: `folder` does not exist.
        files.OutputError: a page would overwrite an input, collide with another or leave `out`.
        InsideProjectError: `folder` is below the root of the project it is in.
    """
    _project_root(folder)
    project = find_project(folder)
    found = files.discover([folder]).targets
    jobs = [_job(target, project, out, options, mode) for target in found]
    journeys = sha("\0".join(sorted(job.id for job in jobs)).encode())
    jobs = [replace(job, journeys=journeys) for job in jobs]
    site_files = [out / name for name in (*index.NAMES, *crosspages.NAMES)]
    plan = [(job.source, path) for job in jobs for _, path in job.targets]
    _site_pages(plan, site_files)
    files.check_outputs([*plan, *((folder / PROJECT_FILE, p) for p in site_files)], out)
    previous = manifest.load(out)
    report = Report(journeys=len(jobs))
    outcomes = _outcomes(jobs, previous, out, workers)
    record = Manifest()
    for job, outcome in zip(jobs, outcomes, strict=True):
        report.rendered += outcome.rendered
        report.diagnostics += outcome.diagnostics
        report.invalid += not outcome.summary.valid
        report.failures += outcome.failures
        report.written += outcome.written
        report.unchanged += outcome.unchanged
        report.stale += outcome.stale
        report.summaries.append(outcome.summary)
        record.files.update(outcome.outputs)
        if outcome.cached is not None:
            record.journeys[job.id] = outcome.cached
    pages = index.pages(project, report.summaries)
    pages |= crosspages.build(project, report.summaries, index.locale(report.summaries))
    for name, data in pages.items():
        _tally(report, out / name, deliver(out / name, data, mode))
        record.files[name] = sha(data)
    _leftovers(previous, record, out, mode, report)
    if mode == "write" and not report.failures:
        _write_manifest(out, record, report)
    return report


class InsideProjectError(Exception):
    """The folder given lies inside a project whose root is above it: a usage error."""


def _project_root(folder: Path) -> None:
    """Refuse a folder below a project's root: the site is the whole project's.

    A part's pages would link to journeys it does not build, and the project's shared and
    excluded files outside the part would go unnoticed; its ids would not be the project's.

    Raises:
        InsideProjectError: naming the project's root.
    """
    try:
        found = project.find(folder)
    except OSError:
        return
    if found is not None and found.parent != folder.resolve():
        root = Path(os.path.relpath(found.parent)) if not folder.is_absolute() else found.parent
        said = _(
            "{folder} is inside the project {root} (its {file}): a site is built of a whole "
            "project; build it with `cjmctl site {command}`"
        )
        raise InsideProjectError(
            said.format(folder=folder, root=f"{root}{os.sep}", file=PROJECT_FILE, command=root)
        )


def _site_pages(plan: list[tuple[Path, Path]], pages: list[Path]) -> None:
    """Refuse a journey whose page would be one of the site's own pages (`index.html`)."""
    taken = [(source, page) for source, page in plan if page in pages]
    if taken:
        lines = [_("a journey would be rendered to one of the site's own pages; rename it:")]
        each = _("{page} is the site's page, not {source}'s")
        lines += ["  " + each.format(page=page, source=source) for source, page in taken]
        raise files.OutputError("\n".join(lines))


def _job(
    target: files.Target, project: Project, out: Path, options: RenderOptions, mode: Mode
) -> Job:
    journey_id = target.relative.with_suffix("").as_posix()
    targets = tuple((fmt, out / f"{journey_id}{FORMATS[fmt].suffix}") for fmt in FORMATS_MADE)
    key = f"cjmctl {__version__}\0{options!r}\0{FORMATS_MADE}"
    return Job(target.path, journey_id, project.root, out, targets, options, key, mode)


def _outcomes(jobs: Sequence[Job], previous: Manifest, out: Path, workers: int) -> list[Outcome]:
    """Each journey's outcome: from the manifest where nothing changed, else rendered."""
    found: dict[str, Outcome] = {}
    todo: list[Job] = []
    for job in jobs:
        cached = previous.journeys.get(job.id)
        if cached is not None and _current(job, cached, previous, out):
            outcome = Outcome(job.id, cached.summary, cached=cached, rendered=False)
            outcome.outputs = {name: previous.files[name] for name in cached.outputs}
            outcome.unchanged = len(cached.outputs)
            found[job.id] = outcome
        else:
            todo.append(job)
    for outcome in batch.run_all(todo, workers, render_journey, _lost):
        found[outcome.id] = outcome
    return [found[job.id] for job in jobs]


def _current(job: Job, cached: Cached, previous: Manifest, out: Path) -> bool:
    """Whether the journey's inputs are the recorded ones and its pages still the recorded pages."""
    wanted = {path.relative_to(out).as_posix() for _, path in job.targets}
    if set(cached.outputs) != wanted or not wanted <= previous.files.keys():
        return False
    if manifest.digest(job.root, job.source, cached.inputs, _key(job, cached.summary)) != (
        cached.digest
    ):
        return False
    for name in cached.outputs:
        try:
            if sha((out / name).read_bytes()) != previous.files[name]:
                return False
        except OSError:
            return False
    return True


def _key(job: Job, summary: Summary) -> str:
    """The job's key, and what each journey the summary links to is as the pages show it.

    A linked journey's title and parts are on the linking journey's pages, and whether it
    exists and validates is in its lint findings (with, for a link that leads nowhere, the
    journeys the hint may suggest): a change to any of these renders it again.
    """
    found = hashlib.sha256(job.key.encode())
    root = job.root.resolve()
    for target in sorted({link.target for link in summary.links} - {job.id}):
        file = links.target_file(root, target)
        if file is None:
            found.update(f"\0{target}\0missing\0{job.journeys}".encode())
            continue
        linked = links.follow(file)
        problems = [f"{d.line}:{d.column}:{d.message}" for d in linked.problems]
        shown = (target, file.name, linked.title, linked.stages, linked.touchpoints, problems)
        found.update(f"\0{shown!r}".encode())
    return found.hexdigest()


def _leftovers(previous: Manifest, record: Manifest, out: Path, mode: Mode, report: Report) -> None:
    """Files an earlier build wrote that this one no longer makes: removed, or reported.

    Only a regular file really inside `out` is taken: a name or a link leading out of it was
    not written by the site (a hand-edited manifest, a link put there), and is left alone.
    """
    root = os.path.realpath(out)
    for name in sorted(previous.files.keys() - record.files.keys()):
        path = out / name
        if not manifest.page_name(name) or path.is_symlink() or not path.is_file():
            continue
        if os.path.commonpath([root, os.path.realpath(path)]) != root:
            continue
        if mode == "check":
            report.stale.append(_("{path}: no longer part of the site").format(path=path))
            continue
        try:
            path.unlink()
        except OSError as error:
            said = _("cannot remove {path}: {reason}")
            report.failures.append(said.format(path=path, reason=reason(error)))
            continue
        report.removed.append(path)


def _write_manifest(out: Path, record: Manifest, report: Report) -> None:
    data = manifest.dump(record)
    path = out / manifest.NAME
    try:
        if batch.stale(path, ".json", data):
            out.mkdir(parents=True, exist_ok=True)
            files.write_atomic(path, data)
    except OSError as error:
        said = _("cannot write {path}: {reason}")
        report.failures.append(said.format(path=path, reason=reason(error)))
