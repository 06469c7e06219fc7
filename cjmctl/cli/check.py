"""The validate and schema commands: is a journey file valid, and what the format allows."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cjmctl.cli.common import Exclude, Paths, Quiet, ReportFormat, echo, report, targets

if TYPE_CHECKING:
    from cjmctl.health.validation import Outcome


def validate(
    paths: Paths,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-F", help="How to print problems.")
    ] = ReportFormat.text,
    exclude: Exclude = None,
    quiet: Quiet = False,
) -> None:
    """Check journey files and report every problem at its file:line:column.

    Project and shared files are checked as what they are, named or read by a journey; a
    folder that holds a whole project also gets the project's checks (shared parts unused,
    ids that collide across shared files, parts copied between journeys).
    """
    from cjmctl.health.validation import validate as check

    outcome = check([target.path for target in targets(paths, exclude)])
    report(
        outcome.diagnostics,
        fmt,
        outcome.files,
        summary=None if quiet else _summary(outcome),
    )
    if outcome.invalid or any(d.severity == "error" for d in outcome.diagnostics):
        raise typer.Exit(1)


def _summary(outcome: "Outcome") -> str:
    files, invalid = outcome.files, outcome.invalid
    kinds = [
        (outcome.journeys, "journey", "journeys"),
        (outcome.projects, "project file", "project files"),
        (outcome.shared, "shared file", "shared files"),
    ]
    if outcome.projects or outcome.shared:
        what = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in kinds if n)
    else:
        what = f"{files} file{'s' * (files != 1)}"
    found = outcome.diagnostics
    errors = sum(d.severity == "error" for d in found)
    text = f"{what} checked: " + (
        "all valid"
        if not invalid
        else f"{files - invalid} valid, {invalid} invalid, {errors} error{'s' * (errors != 1)}"
    )
    others = [
        f"{n} {severity}{'s' * (n != 1)}"
        for severity in ("warning", "info")
        if (n := sum(d.severity == severity for d in found))
    ]
    return text + ("; project checks: " + ", ".join(others) if others else "")


class SchemaKind(StrEnum):
    """The kinds of file cjmctl reads, each with its schema."""

    journey = "journey"
    shared = "shared"
    project = "project"
    theme = "theme"


def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(
            help="Which file's schema: a journey, a shared file of parts, the project file "
            "cjmctl.yaml, or a theme file (--theme FILE).",
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
    """Print the JSON Schema of a journey (or shared, project or theme) file, for editors."""
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
