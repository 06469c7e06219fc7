"""The command line: parses options, calls the core, prints, writes files and sets exit codes.

Exit codes: 0 all good, 1 a journey file is invalid, 2 a usage error. Commands import what
they need inside their bodies, so `cjmctl --help` loads neither pydantic nor the renderers.
"""

from __future__ import annotations

import enum
import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from cjmctl import __version__
from cjmctl.renderers import FORMATS  # the registry only: renderers load on first use

if TYPE_CHECKING:
    from cjmctl import batch
    from cjmctl.diagnostics import Diagnostic
    from cjmctl.files import Target
    from cjmctl.renderers import RenderOptions


app = typer.Typer(
    name="cjmctl",
    help="Customer journey maps as code: validate YAML journeys and render them as diagrams.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


class Direction(enum.StrEnum):
    """Which way a diagram flows."""

    LR = "LR"
    TB = "TB"


class ReportFormat(enum.StrEnum):
    """How problems are printed: for people, for tools, or as GitHub Actions annotations."""

    text = "text"
    json = "json"
    github = "github"


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"cjmctl {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        Optional[bool],  # noqa: UP045 - typer reads the annotation at run time
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = None,
) -> None:
    """Customer journey maps as code: validate YAML journeys and render them as diagrams."""


@app.command(short_help="Check journey files; report problems at file:line:column.")
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Journey files, or folders to search for *.yaml and *.yml files.",
            metavar="PATH",
            show_default=False,
        ),
    ],
    report: Annotated[
        ReportFormat, typer.Option("--format", "-F", help="How to print problems.")
    ] = ReportFormat.text,
    exclude: Annotated[
        list[str] | None,
        typer.Option(
            "--exclude",
            "-x",
            help="Skip files below a folder whose relative path matches this glob (repeatable).",
            metavar="GLOB",
            show_default=False,
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print no summary line.")] = False,
) -> None:
    """Check journey files and report every problem at its file:line:column."""
    from cjmctl.loader import load_checked

    targets = _targets(paths, exclude)
    found: list[Diagnostic] = []
    invalid = 0
    for target in targets:
        _, problems = load_checked(target.path)
        found += problems
        invalid += bool(problems)
    _report(
        found,
        report,
        len(targets),
        summary=None if quiet else _summary(len(targets), invalid, len(found)),
    )
    if invalid:
        raise typer.Exit(1)


def _targets(paths: list[Path], exclude: list[str] | None) -> list[Target]:
    """Expand the PATH arguments into journey files, or stop with a usage error."""
    from cjmctl import files

    try:
        targets = files.discover(paths, exclude or ())
    except files.MissingPathError as error:
        raise typer.BadParameter(str(error), param_hint="PATHS") from None
    if not targets:
        raise typer.BadParameter(
            "no *.yaml or *.yml files found in " + ", ".join(map(str, paths)),
            param_hint="PATHS",
        )
    return targets


def _report(
    found: list[Diagnostic],
    report: ReportFormat,
    files: int,
    *,
    summary: str | None,
    err: bool = False,
) -> None:
    """Print diagnostics in the chosen format; the summary line only where it cannot confuse."""
    from cjmctl import diagnostics

    if report is ReportFormat.json:
        typer.echo(diagnostics.format_json(found, files), err=err)
        return
    if report is ReportFormat.github:
        lines = diagnostics.format_github(found)
    else:
        lines = diagnostics.format_text(found)
    for line in lines:
        typer.echo(line, err=err)
    if summary:
        typer.echo(summary, err=err)


def _summary(files: int, invalid: int, errors: int) -> str:
    checked = f"{files} file{'s' * (files != 1)} checked"
    if not invalid:
        return f"{checked}: all valid"
    return (
        f"{checked}: {files - invalid} valid, {invalid} invalid, "
        f"{errors} error{'s' * (errors != 1)}"
    )


@app.command(short_help="Render journeys as maps and diagrams.")
def render(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Journey files, or folders to search for *.yaml and *.yml files.",
            metavar="PATH",
            show_default=False,
        ),
    ],
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format (repeatable): " + ", ".join(FORMATS) + ". Default: html.",
            metavar="FORMAT",
            autocompletion=lambda: list(FORMATS),
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="A file, a folder (ending in /), or - for stdout. "
            "Default: beside each journey, journey.yaml -> journey.html.",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            help="The date that decides whether a map is stale (YYYY-MM-DD). "
            "Default: $SOURCE_DATE_EPOCH if set, else today.",
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(
            "--exclude",
            "-x",
            help="Skip files below a folder whose relative path matches this glob (repeatable).",
            metavar="GLOB",
            show_default=False,
        ),
    ] = None,
    direction: Annotated[
        Direction, typer.Option("--direction", help="Diagrams: left to right or top to bottom.")
    ] = Direction.LR,
    persona: Annotated[
        str | None,
        typer.Option(
            "--persona",
            help="Diagrams: colour by this persona's emotions (default: the mean of all).",
            metavar="ID",
            show_default=False,
        ),
    ] = None,
    compact: Annotated[
        bool, typer.Option("--compact", help="Diagrams: stages only, for big maps.")
    ] = False,
    legend: Annotated[
        bool, typer.Option("--legend/--no-legend", help="Diagrams: the legend.")
    ] = True,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir",
            help="Write outputs into this folder, mirroring the input tree.",
            metavar="DIR",
            show_default=False,
        ),
    ] = None,
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
            help="Render in this many processes. Default: the number of CPUs.",
            min=1,
            show_default=False,
        ),
    ] = None,
    report: Annotated[
        ReportFormat, typer.Option("--report", help="How to print problems (to stderr).")
    ] = ReportFormat.text,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print no summary line.")] = False,
) -> None:
    """Render journeys: the HTML map by default; nothing is written for an invalid file."""
    from cjmctl import batch

    started = time.perf_counter()
    names = list(dict.fromkeys(formats or ["html"]))
    unknown = [name for name in names if name not in FORMATS]
    if unknown:
        raise typer.BadParameter(
            f"unknown format {unknown[0]!r}; choose from " + ", ".join(FORMATS),
            param_hint="'--format'",
        )
    if output is not None and out_dir is not None:
        raise typer.BadParameter("give --output or --out-dir, not both", param_hint="'--out-dir'")
    if diff and not check:
        raise typer.BadParameter("--diff goes with --check", param_hint="'--diff'")
    targets = _targets(paths, exclude)
    single = len(targets) == 1 and len(names) == 1
    if output is not None and not output.endswith("/") and not Path(output).is_dir() and not single:
        raise typer.BadParameter(
            "with several inputs or formats, give a folder (ending in /) or no --output",
            param_hint="'--output'",
        )
    if check and output == "-":
        raise typer.BadParameter("--check compares files; it cannot check stdout")
    options = _render_options(today, direction, persona, compact=compact, legend=legend)
    work = [
        batch.Job(
            target.path,
            tuple((name, _destination(target, name, output, out_dir)) for name in names),
            options,
        )
        for target in targets
    ]
    workers = 1 if output == "-" else (jobs or os.cpu_count() or 1)
    show = sys.stderr.isatty() and not quiet and len(work) > 1
    results = batch.run(work, workers, _progress(len(work)) if show else None)
    if show:
        typer.echo("\r\033[K", err=True, nl=False)
    found = [d for r in results for d in r.diagnostics]
    failures = [f"cjmctl: {f}" for r in results for f in r.failures]
    outputs = [o for r in results for o in r.outputs]
    written, stale_count = _deliver(outputs, check=check, diff=diff, failures=failures)
    invalid = sum(bool(r.diagnostics) for r in results)
    _report(found, report, len(targets), summary=None, err=True)
    for failure in dict.fromkeys(failures):
        typer.echo(failure, err=True)
    if not quiet and (written or check or invalid):
        seconds = time.perf_counter() - started
        typer.echo(
            _render_summary(written, check, stale_count, len(outputs), invalid, seconds), err=True
        )
    if found or failures or stale_count:
        raise typer.Exit(1)


def _deliver(
    outputs: list[batch.Output], *, check: bool, diff: bool, failures: list[str]
) -> tuple[list[Path], int]:
    """Write the outputs, or compare them with the files on disk under --check.

    Returns what was written and how many outputs are stale; failed writes go to `failures`.
    """
    from cjmctl import batch, files

    written: list[Path] = []
    stale = 0
    for out in outputs:
        if check:
            lines = batch.stale(out, diff=diff)
            stale += bool(lines)
            for line in lines:
                typer.echo(line)
        elif out.destination is None:
            sys.stdout.buffer.write(out.data)
            sys.stdout.flush()
        else:
            try:
                out.destination.parent.mkdir(parents=True, exist_ok=True)
                files.write_atomic(out.destination, out.data)
            except OSError as error:
                failures.append(f"cjmctl: cannot write {out.destination}: {error.strerror}")
                continue
            written.append(out.destination)
    return written, stale


def _render_options(
    today: str | None, direction: Direction, persona: str | None, *, compact: bool, legend: bool
) -> RenderOptions:
    from cjmctl.renderers import RenderOptions

    return RenderOptions(
        today=_today(today),
        direction=direction.value,
        persona=persona,
        compact=compact,
        legend=legend,
    )


def _destination(target: Target, fmt: str, output: str | None, out_dir: Path | None) -> Path | None:
    """Where one format of one file goes: beside it, into -o, or mirrored under --out-dir."""
    from cjmctl import files

    suffix = FORMATS[fmt].suffix
    if out_dir is not None:
        return out_dir / target.relative.with_suffix(suffix)
    return files.output_path(target.path, output, suffix)


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
    if check:
        text = f"checked {outputs} output{'s' * (outputs != 1)}: "
        text += f"{stale} stale or missing" if stale else "all up to date"
    else:
        text = f"rendered {len(written)} file{'s' * (len(written) != 1)}"
        text += f": {written[0]}" if len(written) == 1 else ""
    if invalid:
        text += f"; {invalid} invalid journey{'s' * (invalid != 1)}"
    return f"{text} ({seconds:.1f} s)"


def _today(value: str | None) -> date:
    """The reference date: --today, else SOURCE_DATE_EPOCH (reproducible builds), else the clock."""
    if value is not None:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise typer.BadParameter(
                f"{value!r} is not a date written as YYYY-MM-DD", param_hint="'--today'"
            ) from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


@app.command(short_help="Print the JSON Schema of the journey format.")
def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the schema to this file instead of stdout.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of the journey format, for editors and other tools."""
    from cjmctl import files
    from cjmctl.schema import schema_text

    text = schema_text()
    if output is None:
        sys.stdout.write(text)
        return
    try:
        files.write_atomic(output, text.encode())
    except OSError as error:
        typer.echo(f"cjmctl: cannot write {output}: {error.strerror}", err=True)
        raise typer.Exit(1) from None


def main() -> None:
    """Run the command line; the entry point of the `cjmctl` script and `python -m cjmctl`."""
    # On its first model, pydantic scans the entry points of every installed distribution for
    # plugins: about 45 ms per run in a typical venv. cjmctl's models use none; a user who set
    # the variable keeps their choice.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    app(prog_name="cjmctl")
