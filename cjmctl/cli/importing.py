"""`cjmctl import survey` and `import audit`: survey and agency CSVs become research entries."""

import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cjmctl.cli.common import ReportFormat, echo, report
from cjmctl.i18n import _, ngettext, reason

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
        str,
        typer.Option("--encoding", help="The CSV's encoding, e.g. cp1251.", metavar="ENCODING"),
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
    from cjmctl.importers import survey
    from cjmctl.journey import csvtable, diagnostics, loader, reading

    _check_encoding(encoding)
    _check_id(entry_id, "--id")
    written = _date(day)
    _refuse_an_input(output, responses, mapping, journey)
    ids = None
    locale = None
    try:
        if journey is not None:
            parsed = loader.load(journey)
            ids = [tp.id for _stage, tp in parsed.touchpoints()]
            locale = parsed.locale
        text = reading.decode(reading.read_limited(mapping), str(mapping))
        chosen = survey.read_mapping(text, str(mapping), ids)
        table = csvtable.read(
            reading.read_limited(responses, csvtable.MAX_BYTES + 1),
            str(responses),
            encoding=encoding,
        )
        counted = survey.summarise(table, chosen)
    except OSError as error:
        message = _("cjmctl: cannot read {file}: {reason}")
        echo(message.format(file=error.filename, reason=reason(error)), err=True)
        raise typer.Exit(1) from None
    except diagnostics.JourneyError as error:
        report(error.diagnostics, ReportFormat.text, 1, summary=None, err=True)
        raise typer.Exit(1) from None
    when = written or counted.latest
    if when is None:
        raise typer.BadParameter(
            _("the mapping names no `timestamp:` column to date the survey by; give --date"),
            param_hint="'--date'",
        )
    named = title or responses.stem or "survey"
    entry = survey.to_yaml(
        counted,
        entry_id=entry_id,
        title=named,
        day=when,
        locale=locale or survey.locale_of(chosen, counted, named),
    )
    for line in _summary(responses, chosen, counted):
        echo(line, err=True)
    if _write(output, entry, force=force):
        message = _("wrote {file}; paste it under `research:` in the journey")
        echo(message.format(file=output), err=True)


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        written = date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
    except ValueError:
        written = None
    if written is None:
        raise typer.BadParameter(
            _("{value!r} is not a date written as YYYY-MM-DD").format(value=value),
            param_hint="'--date'",
        )
    return written


def _summary(responses: Path, mapping: "Mapping", counted: "Survey") -> list[str]:
    """What was read, on stderr: respondents, answers per touchpoint and who skipped, reasons."""
    n = counted.respondents
    lines = [
        ngettext("{file}: {n} respondent", "{file}: {n} respondents", n).format(file=responses, n=n)
    ]
    for mapped in mapping.touchpoints:
        tp_id = mapped.touchpoint
        answers = sum(counted.ratings[tp_id])
        counts = [ngettext("{n} answer", "{n} answers", answers).format(n=answers)]
        skipped = counted.skipped[tp_id]
        if skipped:
            counts.append(
                ngettext(
                    "{n} skipped the question (not counted)",
                    "{n} skipped the question (not counted)",
                    skipped,
                ).format(n=skipped)
            )
        lines.append(f"  {tp_id}: " + ", ".join(counts))
    if mapping.reasons is not None:
        given = sum(n for _reason, n in counted.reasons)
        different = len(counted.reasons)
        lines.append(
            "  "
            + _("reasons: {given}, {different}").format(
                given=ngettext("{n} given", "{n} given", given).format(n=given),
                different=ngettext("{n} different", "{n} different", different).format(n=different),
            )
        )
    return lines


def import_audit(
    visits: Annotated[
        Path, typer.Argument(help="The agency's CSV: one row per visit and criterion.")
    ],
    journey: Annotated[
        Path,
        typer.Option(
            "--journey",
            help="The journey whose outlets, touchpoints and checklists it names.",
            metavar="FILE",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The file to write the research entry to. Default: stdout.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    encoding: Annotated[
        str,
        typer.Option("--encoding", help="The CSV's encoding, e.g. cp1251.", metavar="ENCODING"),
    ] = "utf-8",
    entry_id: Annotated[
        str | None,
        typer.Option("--id", help="The entry's id. Default: STUDY-YEAR-qN.", metavar="ID"),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option("--title", help="Default: 'Mystery shopping, WAVE'.", metavar="TEXT"),
    ] = None,
    study: Annotated[
        str | None,
        typer.Option(
            "--study", help="The study's id. Default: the journey's one audit study.", metavar="ID"
        ),
    ] = None,
    wave: Annotated[
        str | None,
        typer.Option(
            "--wave", help="The wave's label. Default: the last visit's quarter.", metavar="WAVE"
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Turn a mystery-shopping agency's CSV of visits into one research entry (a wave).

    Columns: date, outlet, touchpoint, criterion, score (0..100 or yes/no), comment, in
    English or Russian. Prints YAML to paste under the journey's `research:`.

    A criterion is scored one way: in points, or yes/no (yes/no, да/нет, true/false, +/-).
    Its 1 and 0 mean yes and no only if all its results in the file are 0, 1 or yes/no words.
    """
    from cjmctl.importers.audit import import_audit as convert
    from cjmctl.journey import csvtable, diagnostics, loader, reading

    _check_encoding(encoding)
    _check_id(entry_id, "--id")
    _check_id(study, "--study")
    _refuse_an_input(output, visits, journey)
    parsed, found = loader.load_checked(journey)
    if parsed is None:
        report(found, ReportFormat.text, 1, summary=None, err=True)
        raise typer.Exit(1)
    try:
        table = csvtable.read(
            reading.read_limited(visits, csvtable.MAX_BYTES + 1), str(visits), encoding=encoding
        )
        wave_entry = convert(table, parsed, entry_id=entry_id, title=title, study=study, wave=wave)
    except OSError as error:
        message = _("cjmctl: cannot read {file}: {reason}")
        echo(message.format(file=visits, reason=reason(error)), err=True)
        raise typer.Exit(1) from None
    except diagnostics.JourneyError as error:
        report(error.diagnostics, ReportFormat.text, 1, summary=None, err=True)
        raise typer.Exit(1) from None
    visits_n, outlets_n, rows_n = wave_entry.visits, wave_entry.outlets, wave_entry.rows
    counted = {
        "visits": ngettext("{n} visit", "{n} visits", visits_n).format(n=visits_n),
        "outlets": ngettext("{n} outlet", "{n} outlets", outlets_n).format(n=outlets_n),
        "rows": ngettext("{n} row", "{n} rows", rows_n).format(n=rows_n),
    }
    if _write(output, wave_entry.yaml, force=force):
        summary = _(
            "wrote {file}: {visits} to {outlets} ({rows}) as research entry {id!r}; "
            "paste it under `research:` in {journey}"
        ).format(file=output, id=wave_entry.entry_id, journey=journey, **counted)
    else:
        summary = _(
            "{file}: {visits} to {outlets} ({rows}) as research entry {id!r}; "
            "paste it under `research:` in {journey}"
        ).format(file=visits, id=wave_entry.entry_id, journey=journey, **counted)
    echo(summary, err=True)


def _check_id(value: str | None, option: str) -> None:
    """Refuse, as a usage error, an --id or --study that is not a slug."""
    from cjmctl.journey.diagnostics import printable
    from cjmctl.journey.slugs import SLUG_PATTERN

    if value is not None and not re.fullmatch(SLUG_PATTERN, value):
        raise typer.BadParameter(
            printable(
                _("{value!r} is not an id: lowercase a-z, 0-9, '-' and '_'").format(value=value)
            ),
            param_hint=f"'{option}'",
        )


def _refuse_an_input(output: Path | None, *inputs: Path | None) -> None:
    """An import never writes over what it reads."""
    from cjmctl.journey.diagnostics import printable

    if output is None or str(output) == "-":
        return
    for given in inputs:
        if given is not None and output.resolve() == given.resolve():
            raise typer.BadParameter(
                printable(
                    _("{file} is an input; write the research entry to another file").format(
                        file=output
                    )
                ),
                param_hint="'--output'",
            )


def _write(output: Path | None, entry: str, *, force: bool) -> bool:
    """Write the entry to `output` (atomically), or to stdout; True when a file was written."""
    from cjmctl import files

    if output is None or str(output) == "-":
        sys.stdout.write(entry)
        return False
    if output.exists() and not force:
        echo(_("cjmctl: {file} exists; use --force to overwrite it").format(file=output), err=True)
        raise typer.Exit(1)
    try:
        files.write_atomic(output, entry.encode("utf-8"))
    except OSError as error:
        message = _("cjmctl: cannot write {file}: {reason}")
        echo(message.format(file=output, reason=reason(error)), err=True)
        raise typer.Exit(1) from None
    return True


def _check_encoding(encoding: str) -> None:
    """Refuse, as a usage error, an --encoding that does not decode bytes to text."""
    from cjmctl.journey import csvtable
    from cjmctl.journey.diagnostics import printable

    try:
        csvtable.text_encoding(encoding)
    except ValueError as error:
        raise typer.BadParameter(printable(str(error)), param_hint="'--encoding'") from None
