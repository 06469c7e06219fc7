"""The render and watch commands: many journeys to many formats, written atomically.

The work itself is `cjmctl.batch`; these functions check the options, write or compare what
it returns, and report.
"""

import contextlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from cjmctl.cli.common import (
    MAX_SECONDS,
    Blueprint,
    BrowserTimeout,
    Compact,
    Direction,
    DirectionOption,
    DotTimeout,
    Exclude,
    Formats,
    FutureFile,
    Legend,
    OutDir,
    Output,
    Paper,
    PaperOption,
    Paths,
    Persona,
    Quiet,
    Report,
    ReportFormat,
    State,
    StateOption,
    ThemeFile,
    Today,
    echo,
    elapsed,
    formats,
    invalid_journeys,
    journeys,
    refuse_ignored,
    refuse_together,
    render_options,
    report,
    seconds,
    targets,
    theme_file,
)
from cjmctl.i18n import _, ngettext
from cjmctl.renderers import BROWSER_TIMEOUT, DOT_TIMEOUT, FORMATS

if TYPE_CHECKING:
    from cjmctl import batch
    from cjmctl.files import Target
    from cjmctl.journey.diagnostics import Diagnostic
    from cjmctl.renderers import RenderOptions


def render(
    ctx: typer.Context,
    paths: Paths,
    fmt: Formats = None,
    output: Output = None,
    out_dir: OutDir = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Write nothing; exit 1 listing every output that is missing or out of date.",
        ),
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="With --check: show a unified diff for text formats.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            help="Render in this many processes, at most one per file and per CPU. "
            "Default: the number of CPUs.",
            metavar="N",
            min=1,
            show_default=False,
        ),
    ] = None,
    today: Today = None,
    exclude: Exclude = None,
    direction: DirectionOption = Direction.LR,
    persona: Persona = None,
    compact: Compact = False,
    legend: Legend = True,
    blueprint: Blueprint = False,
    dot_timeout: DotTimeout = DOT_TIMEOUT,
    paper: PaperOption = Paper.a3,
    browser_timeout: BrowserTimeout = BROWSER_TIMEOUT,
    state: StateOption = State.both,
    future: FutureFile = None,
    theme: ThemeFile = None,
    errors: Report = ReportFormat.text,
    quiet: Quiet = False,
) -> None:
    """Render journeys: the HTML map by default; nothing is written for an invalid file."""
    from cjmctl import batch

    started = time.perf_counter()
    names = formats(fmt)
    refuse_ignored(ctx, names)
    refuse_together(ctx)
    if output is not None and out_dir is not None:
        raise typer.BadParameter(
            _("give --output or --out-dir, not both"), param_hint="'--out-dir'"
        )
    if diff and not check:
        raise typer.BadParameter(_("--diff goes with --check"), param_hint="'--diff'")
    found_targets = journeys(targets(paths, exclude), "render")
    if not found_targets:
        return
    if future is not None and len(found_targets) != 1:
        raise typer.BadParameter(_many_futures(len(found_targets)), param_hint="'--future'")
    single = len(found_targets) == 1 and len(names) == 1
    if output is not None and not output.endswith("/") and not Path(output).is_dir() and not single:
        raise typer.BadParameter(
            _("with several inputs or formats, give a folder (ending in /) or no --output"),
            param_hint="'--output'",
        )
    if check and output == "-":
        raise typer.BadParameter(_("--check compares files; it cannot check stdout"))
    options = _options(ctx)
    mode: Literal["write", "check", "diff"] = ("diff" if diff else "check") if check else "write"
    work = [
        batch.Job(
            target.path,
            tuple((name, _destination(target, name, output, out_dir)) for name in names),
            options,
            mode,
            future,
        )
        for target in found_targets
    ]
    _refuse_clashes(
        [(job.source, path) for job in work for _fmt, path in job.targets], output, out_dir
    )
    workers = 1 if output == "-" else (jobs or os.cpu_count() or 1)
    show = _progress(len(work)) if sys.stderr.isatty() and not quiet and len(work) > 1 else None
    found: list[Diagnostic] = []
    failures: list[str] = []
    written: list[Path] = []
    stale = checked = invalid = 0
    for done, result in enumerate(batch.run(work, workers), 1):
        found += result.diagnostics
        invalid += bool(result.diagnostics)
        failures += [f"cjmctl: {f}" for f in result.failures]
        written += result.written
        checked += result.checked
        stale += len(result.stale)
        for lines in result.stale:
            for line in lines:
                echo(line)
        for data in result.stdout:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        if show:
            show(done)
    if show:
        typer.echo("\r\033[K", err=True, nl=False)
    report(found, errors, len(found_targets), summary=None, err=True)
    for failure in dict.fromkeys(failures):
        echo(failure, err=True)
    if not quiet and (written or check or invalid):
        seconds = time.perf_counter() - started
        echo(_render_summary(written, check, stale, checked, invalid, seconds), err=True)
    if found or failures or stale:
        raise typer.Exit(1)


def watch(
    ctx: typer.Context,
    paths: Paths,
    fmt: Formats = None,
    output: Output = None,
    out_dir: OutDir = None,
    interval: Annotated[
        float,
        typer.Option(
            "--interval",
            metavar="SECONDS",
            min=0.05,
            max=MAX_SECONDS,
            callback=seconds,
            help="Seconds between looks for changes.",
        ),
    ] = 0.5,
    today: Today = None,
    exclude: Exclude = None,
    direction: DirectionOption = Direction.LR,
    persona: Persona = None,
    compact: Compact = False,
    legend: Legend = True,
    blueprint: Blueprint = False,
    dot_timeout: DotTimeout = DOT_TIMEOUT,
    paper: PaperOption = Paper.a3,
    browser_timeout: BrowserTimeout = BROWSER_TIMEOUT,
    state: StateOption = State.both,
    theme: ThemeFile = None,
) -> None:
    """Re-render journeys whenever they are saved, until Ctrl-C.

    A broken save prints its problems with their positions and keeps the last good output;
    files that appear in a watched folder are picked up, and a journey's project file, shared
    files and metric files (`metric_files`) are watched with it. A `--theme` file is read
    once, at the start.
    """
    from cjmctl import batch, files

    names = formats(fmt)
    refuse_ignored(ctx, names)
    refuse_together(ctx)
    if output == "-":
        raise typer.BadParameter(_("watch writes files; give a folder or no --output"))
    options = _options(ctx)
    named = targets(paths, exclude)
    watched = journeys(named, "watch")
    skipped = {t.path for t in named} - {t.path for t in watched}
    plan = [(t.path, _destination(t, n, output, out_dir)) for t in watched for n in names]
    _refuse_clashes(plan, output, out_dir)
    count = len(watched)
    watching = ngettext(
        "watching {n} file; Ctrl-C stops", "watching {n} files; Ctrl-C stops", count
    )
    typer.echo(watching.format(n=count), err=True)
    seen: dict[Path, tuple[tuple[int, int] | None, ...]] = {}
    data: dict[Path, list[Path]] = {}
    try:
        while True:
            with contextlib.suppress(files.MissingPathError):  # an editor replacing a file
                found = files.discover(paths, exclude or ()).targets
                watched = [t for t in found if t.path not in skipped]
            for target in watched:
                own = _stamp(target.path)
                if own is None:
                    continue
                if seen.get(target.path, (None,))[0] != own:
                    data[target.path] = _data_files(target.path)
                stamp = (own, *map(_stamp, data[target.path]))
                if seen.get(target.path) != stamp:
                    seen[target.path] = stamp
                    jobs = tuple((n, _destination(target, n, output, out_dir)) for n in names)
                    _rerender(batch.Job(target.path, jobs, options))
            time.sleep(interval)
    except KeyboardInterrupt:
        typer.echo(_("stopped"), err=True)


def _many_futures(given: int) -> str:
    """Why `--future` refuses `given` journeys: it compares one."""
    message = ngettext(
        "it compares one journey with its future, but {n} was given; render them one at a time",
        "it compares one journey with its future, but {n} were given; render them one at a time",
        given,
    )
    return message.format(n=given)


def _stamp(path: Path) -> tuple[int, int] | None:
    """When a file last changed, and its size; None while it cannot be read."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _data_files(path: Path) -> list[Path]:
    """The other files a journey is read from: its project file, shared files and metric files.

    So that a new CSV, or a fixed persona in a shared file, re-renders it too.
    """
    from cjmctl.journey.loader import data_file_refs, shared_inputs

    return [*map(Path, shared_inputs(path)), *(path.parent / ref for ref in data_file_refs(path))]


def _options(ctx: typer.Context) -> "RenderOptions":
    """The renderers' options from the command's: render and watch take the same ones."""
    given = ctx.params
    return render_options(
        given["today"],
        given["direction"],
        given["persona"],
        compact=given["compact"],
        legend=given["legend"],
        blueprint=given["blueprint"],
        dot_timeout=given["dot_timeout"],
        paper=given["paper"],
        browser_timeout=given["browser_timeout"],
        state=given["state"],
        theme=theme_file(given["theme"], given.get("errors", ReportFormat.text)),
    )


def _rerender(job: "batch.Job") -> None:
    """Render one changed file for watch, and say what happened."""
    from cjmctl import batch

    result = batch.run_job(job)
    report(result.diagnostics, ReportFormat.text, 1, summary=None)
    for failure in result.failures:
        echo(f"cjmctl: {failure}")
    clock = time.strftime("%H:%M:%S")
    for path in result.written:
        echo(_("{clock} rendered {path}").format(clock=clock, path=path))
    if result.diagnostics:
        line = _("{clock} {source}: not rendered; the last good output stays")
        echo(line.format(clock=clock, source=job.source))


def _destination(
    target: "Target", fmt: str, output: str | None, out_dir: Path | None
) -> Path | None:
    """Where one format of one file goes: beside it, into -o, or mirrored under --out-dir."""
    from cjmctl import files

    suffix = FORMATS[fmt].suffix
    if out_dir is not None:
        return out_dir / target.relative.with_suffix(suffix)
    return files.output_path(target.path, output, suffix)


def _refuse_clashes(
    plan: "list[tuple[Path, Path | None]]", output: str | None, out_dir: Path | None
) -> None:
    """Stop with a usage error before any work if an output would be lost or misplaced."""
    from cjmctl import files
    from cjmctl.journey.diagnostics import printable

    try:
        files.check_outputs([(source, path) for source, path in plan if path is not None], out_dir)
    except files.OutputError as error:
        hint = "'--out-dir'" if out_dir else "'--output'" if output else "PATHS"
        # Several lines, each naming files: escaped line by line, so the list stays readable.
        lines = map(printable, str(error).splitlines())
        raise typer.BadParameter("\n".join(lines), param_hint=hint) from None


def _progress(total: int) -> Callable[[int], None]:
    def show(done: int) -> None:
        width = 30
        filled = width * done // total
        bar = "#" * filled + "." * (width - filled)
        typer.echo(f"\r[{bar}] {done}/{total}", err=True, nl=False)

    return show


def _render_summary(
    written: list[Path], check: bool, stale: int, outputs: int, invalid: int, seconds: float
) -> str:
    """The line that ends a render: what was written or checked, the invalid, the time taken.

    Its parts are clauses of their own, each with its count (`: ` and `; ` between them), so
    that each is one message with its plural forms.
    """
    if check and stale:
        head = ngettext("checked {n} output", "checked {n} outputs", outputs).format(n=outputs)
        tail = ngettext("{n} stale or missing", "{n} stale or missing", stale)
        text = f"{head}: {tail.format(n=stale)}"
    elif check:  # one sentence: in Russian "up to date" agrees with the count (1 файл: актуален)
        text = ngettext(
            "checked {n} output: all up to date", "checked {n} outputs: all up to date", outputs
        ).format(n=outputs)
    elif len(written) == 1:
        text = _("rendered 1 file: {path}").format(path=written[0])
    else:
        count = len(written)
        text = ngettext("rendered {n} file", "rendered {n} files", count).format(n=count)
    if invalid:
        text += "; " + invalid_journeys(invalid)
    return f"{text} {elapsed(seconds)}"
