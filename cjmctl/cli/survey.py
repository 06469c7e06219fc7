"""`cjmctl import survey`: a survey export (CSV) and its mapping become one research entry."""

import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cjmctl.cli.common import ReportFormat, echo, report

if TYPE_CHECKING:
    from cjmctl.importers.survey import Mapping, Survey


def import_survey(
    responses: Annotated[
        Path, typer.Argument(help="The survey's responses as CSV, e.g. a Google Forms download.")
    ],
    mapping: Annotated[
        Path,
        typer.Option(
            "--mapping",
            help="YAML: the rating scale, which column is which touchpoint, the reasons and "
            "timestamp columns.",
            metavar="FILE",
        ),
    ],
    journey: Annotated[
        Path | None,
        typer.Option(
            "--journey",
            help="A journey whose touchpoint ids the mapping must name.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    entry_id: Annotated[
        str, typer.Option("--id", help="The research entry's id.", metavar="ID")
    ] = "survey",
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            help="The entry's title. Default: the CSV file's name.",
            metavar="TEXT",
            show_default=False,
        ),
    ] = None,
    day: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="When the survey ran, YYYY-MM-DD. Default: the latest timestamp.",
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    encoding: Annotated[
        str, typer.Option("--encoding", help="The CSV's encoding, e.g. cp1251.")
    ] = "utf-8",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The YAML file to write, or - for stdout (the default).",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Count a survey's ratings per touchpoint and its reasons for not buying.

    Writes one research entry (kind survey) to paste under the journey's `research:`: the
    sample, the answer scale, the distribution of answers and mean score per touchpoint, and
    the reasons ranked by how many respondents gave them. Every answer that cannot be counted
    is an error at file.csv:line:column.
    """
    from cjmctl import files
    from cjmctl.importers import survey
    from cjmctl.journey import csvtable, diagnostics, loader
    from cjmctl.journey.diagnostics import printable
    from cjmctl.journey.slugs import SLUG_PATTERN

    if not re.match(SLUG_PATTERN, entry_id):
        raise typer.BadParameter(
            printable(f"{entry_id!r} is not an id: lowercase letters, digits, '-' and '_'"),
            param_hint="'--id'",
        )
    written = _date(day)
    target = output or Path("-")
    for source in (responses, mapping, journey):
        if source is not None and str(target) != "-" and target.resolve() == source.resolve():
            raise typer.BadParameter(
                printable(f"{target} is an input; write the entry to another file"),
                param_hint="'--output'",
            )
    ids = None
    try:
        if journey is not None:
            ids = [tp.id for _, tp in loader.load(journey).touchpoints()]
        text = loader.decode(loader.read_limited(mapping), str(mapping))
        chosen = survey.read_mapping(text, str(mapping), ids)
        table = csvtable.read(
            loader.read_limited(responses, csvtable.MAX_BYTES + 1),
            str(responses),
            encoding=encoding,
        )
        counted = survey.summarise(table, chosen)
    except OSError as error:
        echo(f"cjmctl: cannot read {error.filename}: {error.strerror}", err=True)
        raise typer.Exit(1) from None
    except LookupError:
        raise typer.BadParameter(
            printable(f"{encoding!r} is not an encoding Python knows"), param_hint="'--encoding'"
        ) from None
    except diagnostics.JourneyError as error:
        report(error.diagnostics, ReportFormat.text, 1, summary=None, err=True)
        raise typer.Exit(1) from None
    when = written or counted.latest
    if when is None:
        raise typer.BadParameter(
            "the mapping names no `timestamp:` column to date the survey by; give --date",
            param_hint="'--date'",
        )
    entry = survey.to_yaml(
        counted, entry_id=entry_id, title=title or responses.stem or "survey", day=when
    )
    for line in _summary(responses, chosen, counted):
        echo(line, err=True)
    if str(target) == "-":
        sys.stdout.write(entry)
        return
    if target.exists() and not force:
        echo(f"cjmctl: {target} exists; use --force to overwrite it", err=True)
        raise typer.Exit(1)
    try:
        files.write_atomic(target, entry.encode("utf-8"))
    except OSError as error:
        echo(f"cjmctl: cannot write {target}: {error.strerror}", err=True)
        raise typer.Exit(1) from None
    echo(f"wrote {target}; paste it under `research:` in the journey", err=True)


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        written = date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
    except ValueError:
        written = None
    if written is None:
        raise typer.BadParameter(
            f"{value!r} is not a date written as YYYY-MM-DD", param_hint="'--date'"
        )
    return written


def _summary(responses: Path, mapping: "Mapping", counted: "Survey") -> list[str]:
    """What was read, on stderr: respondents, answers per touchpoint and who skipped, reasons."""
    lines = [f"{responses}: {counted.respondents} respondents"]
    for mapped in mapping.touchpoints:
        tp_id = mapped.touchpoint
        answers = sum(counted.ratings[tp_id])
        line = f"  {tp_id}: {answers} answers"
        if counted.skipped[tp_id]:
            line += f", {counted.skipped[tp_id]} skipped the question (not counted)"
        lines.append(line)
    if mapping.reasons is not None:
        given = sum(n for _, n in counted.reasons)
        lines.append(f"  reasons: {given} given, {len(counted.reasons)} different")
    return lines
