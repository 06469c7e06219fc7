"""The validate and schema commands: is a journey file valid, and what the format allows."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cjmctl.cli.common import Exclude, Paths, Quiet, ReportFormat, echo, report, targets

if TYPE_CHECKING:
    from cjmctl.journey.diagnostics import Diagnostic


def validate(
    paths: Paths,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-F", help="How to print problems.")
    ] = ReportFormat.text,
    exclude: Exclude = None,
    quiet: Quiet = False,
) -> None:
    """Check journey files and report every problem at its file:line:column."""
    from cjmctl.journey.loader import load_checked

    found_targets = targets(paths, exclude)
    found: list[Diagnostic] = []
    invalid = 0
    for target in found_targets:
        _, problems = load_checked(target.path)
        found += problems
        invalid += bool(problems)
    report(
        found,
        fmt,
        len(found_targets),
        summary=None if quiet else _summary(len(found_targets), invalid, len(found)),
    )
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


class SchemaKind(StrEnum):
    """The kinds of file cjmctl reads, each with its schema."""

    journey = "journey"
    shared = "shared"
    project = "project"


def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(
            help="Which file's schema: a journey, a shared file of parts, or the project file "
            "cjmctl.yaml.",
            show_default=True,
        ),
    ] = SchemaKind.journey,
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
    """Print the JSON Schema of a journey (or shared, or project) file, for editors and tools."""
    from cjmctl import files
    from cjmctl.journey.schema import schema_text

    text = schema_text(kind.value)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        files.write_atomic(output, text.encode())
    except OSError as error:
        echo(f"cjmctl: cannot write {output}: {error.strerror}", err=True)
        raise typer.Exit(1) from None
