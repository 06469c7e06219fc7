"""The command line: parses options, calls the core, prints, writes files and sets exit codes.

Exit codes: 0 all good, 1 a journey file is invalid, 2 a usage error. Commands import what
they need inside their bodies, so `cjmctl --help` loads neither pydantic nor the renderers.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from cjmctl import __version__

app = typer.Typer(
    name="cjmctl",
    help="Customer journey maps as code: validate YAML journeys and render them as diagrams.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


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
    from cjmctl import diagnostics, files, loader

    try:
        targets = files.discover(paths, exclude or ())
    except files.MissingPathError as error:
        raise typer.BadParameter(str(error), param_hint="PATHS") from None
    if not targets:
        raise typer.BadParameter(
            "no *.yaml or *.yml files found in " + ", ".join(map(str, paths)),
            param_hint="PATHS",
        )
    found: list[diagnostics.Diagnostic] = []
    invalid = 0
    for target in targets:
        try:
            loader.load(target)
        except diagnostics.JourneyError as error:
            found += error.diagnostics
            invalid += 1
        except OSError as error:
            found.append(
                diagnostics.Diagnostic(
                    str(target), 1, 1, f"cannot read the file: {error.strerror}", rule="io"
                )
            )
            invalid += 1
    if report is ReportFormat.json:
        typer.echo(diagnostics.format_json(found, len(targets)))
    else:
        lines = (
            diagnostics.format_github(found)
            if report is ReportFormat.github
            else diagnostics.format_text(found)
        )
        for line in lines:
            typer.echo(line)
        if not quiet:
            typer.echo(_summary(len(targets), invalid, len(found)))
    if invalid:
        raise typer.Exit(1)


def _summary(files: int, invalid: int, errors: int) -> str:
    checked = f"{files} file{'s' * (files != 1)} checked"
    if not invalid:
        return f"{checked}: all valid"
    return (
        f"{checked}: {files - invalid} valid, {invalid} invalid, "
        f"{errors} error{'s' * (errors != 1)}"
    )


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
    app(prog_name="cjmctl")
