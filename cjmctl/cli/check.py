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
    """`4 journeys, 1 project file, 3 shared files checked: all valid`, in the user's language."""
    from cjmctl.i18n import _, language, ngettext, number

    def counted(text: str, n: int) -> str:
        return text.format(n=number(n, language()))

    files, invalid = outcome.files, outcome.invalid
    journeys, projects, shared = outcome.journeys, outcome.projects, outcome.shared
    if projects or shared:
        kinds = [
            counted(ngettext("{n} journey", "{n} journeys", journeys), journeys),
            counted(ngettext("{n} project file", "{n} project files", projects), projects),
            counted(ngettext("{n} shared file", "{n} shared files", shared), shared),
        ]
        counts = (journeys, projects, shared)
        what = ", ".join(kind for kind, n in zip(kinds, counts, strict=True) if n)
    else:
        what = counted(ngettext("{n} file", "{n} files", files), files)
    found = outcome.diagnostics
    errors = sum(d.severity == "error" for d in found)
    if not invalid:
        text = _("{files} checked: all valid").format(files=what)
    else:
        text = _("{files} checked: {valid}, {invalid}, {errors}").format(
            files=what,
            valid=counted(ngettext("{n} valid", "{n} valid", files - invalid), files - invalid),
            invalid=counted(ngettext("{n} invalid", "{n} invalid", invalid), invalid),
            errors=counted(ngettext("{n} error", "{n} errors", errors), errors),
        )
    warnings = sum(d.severity == "warning" for d in found)
    infos = sum(d.severity == "info" for d in found)
    others = [
        *(
            [counted(ngettext("{n} warning", "{n} warnings", warnings), warnings)]
            if warnings
            else []
        ),
        *([counted(ngettext("{n} info", "{n} infos", infos), infos)] if infos else []),
    ]
    if others:
        return _("{summary}; project checks: {findings}").format(
            summary=text, findings=", ".join(others)
        )
    return text


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
        from cjmctl.i18n import _, reason

        line = _("cannot write {file}: {reason}").format(file=output, reason=reason(error))
        echo(f"cjmctl: {line}", err=True)
        raise typer.Exit(1) from None
