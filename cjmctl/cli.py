"""The command line: parses options, calls the core, prints, writes files and sets exit codes.

Exit codes: 0 all good, 1 a journey file is invalid, 2 a usage error. Commands import what
they need inside their bodies, so `cjmctl --help` loads neither pydantic nor the renderers.
"""

from __future__ import annotations

import enum
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from cjmctl import __version__
from cjmctl.renderers import FORMATS  # the registry only: renderers load on first use

if TYPE_CHECKING:
    from cjmctl.diagnostics import Diagnostic
    from cjmctl.model import Journey


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
    targets = _targets(paths, exclude)
    found: list[Diagnostic] = []
    invalid = 0
    for target in targets:
        _, problems = _load(target)
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


def _targets(paths: list[Path], exclude: list[str] | None) -> list[Path]:
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


def _load(target: Path) -> tuple[Journey | None, list[Diagnostic]]:
    """Load one file; a file that is invalid or unreadable gives diagnostics instead."""
    from cjmctl.diagnostics import Diagnostic, JourneyError
    from cjmctl.loader import load

    try:
        return load(target), []
    except JourneyError as error:
        return None, error.diagnostics
    except OSError as error:
        message = f"cannot read the file: {error.strerror}"
        return None, [Diagnostic(str(target), 1, 1, message, rule="io")]


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
    report: Annotated[
        ReportFormat, typer.Option("--report", help="How to print problems (to stderr).")
    ] = ReportFormat.text,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print no summary line.")] = False,
) -> None:
    """Render journeys: the HTML map by default; nothing is written for an invalid file."""
    from cjmctl import files
    from cjmctl.diagnostics import Diagnostic
    from cjmctl.renderers import RenderError, RenderOptions

    names = formats or ["html"]
    unknown = [name for name in names if name not in FORMATS]
    if unknown:
        raise typer.BadParameter(
            f"unknown format {unknown[0]!r}; choose from " + ", ".join(FORMATS),
            param_hint="'--format'",
        )
    names = list(dict.fromkeys(names))
    targets = _targets(paths, exclude)
    single = len(targets) == 1 and len(names) == 1
    if output is not None and not output.endswith("/") and not Path(output).is_dir() and not single:
        raise typer.BadParameter(
            "with several inputs or formats, give a folder (ending in /) or no --output",
            param_hint="'--output'",
        )
    options = RenderOptions(
        today=_today(today),
        direction=direction.value,
        persona=persona,
        compact=compact,
        legend=legend,
    )
    failures: list[str] = []
    found: list[Diagnostic] = []
    written: list[str] = []
    for target in targets:
        journey, problems = _load(target)
        found += problems
        if journey is None:
            continue
        for name in names:
            try:
                data = FORMATS[name].render(journey, options)
            except RenderError as error:
                failures.append(f"cjmctl: {target}: {error}")
                continue
            destination = files.output_path(target, output, FORMATS[name].suffix)
            if destination is None:
                sys.stdout.buffer.write(data)
                sys.stdout.flush()
                continue
            try:
                destination.parent.mkdir(parents=True, exist_ok=True)
                files.write_atomic(destination, data)
            except OSError as error:
                found.append(
                    Diagnostic(
                        str(target),
                        1,
                        1,
                        f"cannot write {destination}: {error.strerror}",
                        rule="io",
                    )
                )
                continue
            written.append(str(destination))
    summary = None
    if not quiet and written:
        summary = f"rendered {len(written)} file{'s' * (len(written) != 1)}: " + ", ".join(
            written[:3]
        )
        summary += ", ..." if len(written) > 3 else ""
    _report(found, report, len(targets), summary=summary, err=True)
    for failure in dict.fromkeys(failures):
        typer.echo(failure, err=True)
    if found or failures:
        raise typer.Exit(1)


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
