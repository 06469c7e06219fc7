"""Authoring commands: init writes a starter; import turns diagrams and audit CSVs into data."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from cjmctl.cli.common import ReportFormat, echo, report, today

STARTERS = ("blank", "ecommerce", "service")


def init(
    file: Annotated[
        Path, typer.Argument(help="The file to write, or - for stdout.", metavar="FILE")
    ] = Path("journey.yaml"),
    locale: Annotated[
        str,
        typer.Option(
            "--locale",
            help="Language of the starter: en or ru.",
            autocompletion=lambda: ["en", "ru"],
        ),
    ] = "en",
    template: Annotated[
        str,
        typer.Option(
            "--template",
            help="blank (a skeleton), ecommerce (an online shop) or service (an appointment).",
            autocompletion=lambda: list(STARTERS),
        ),
    ] = "blank",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter journey with the schema line for editors."""
    from importlib import resources

    from cjmctl import files

    if template not in STARTERS:
        raise typer.BadParameter(f"choose from {', '.join(STARTERS)}", param_hint="'--template'")
    if locale not in ("en", "ru"):
        raise typer.BadParameter("choose from en, ru", param_hint="'--locale'")
    text = (resources.files("cjmctl") / "starters" / f"{template}.{locale}.yaml").read_bytes()
    # A new map was reviewed today; the starter says 2026-01-01 so that it validates as it is.
    text = text.replace(b"reviewed: 2026-01-01", f"reviewed: {today(None)}".encode(), 1)
    if str(file) == "-":
        sys.stdout.buffer.write(text)
        return
    if file.exists() and not force:
        echo(f"cjmctl: {file} exists; use --force to overwrite it", err=True)
        raise typer.Exit(1)
    try:
        files.write_atomic(file, text)
    except OSError as error:
        echo(f"cjmctl: cannot write {file}: {error.strerror}", err=True)
        raise typer.Exit(1) from None
    shown = f"-- {file}" if str(file).startswith("-") else str(file)  # a name, not an option
    echo(f"wrote {file} ({template}, {locale}); edit it, then: cjmctl render {shown}")


def import_mermaid(
    source: Annotated[
        Path, typer.Argument(help="A Mermaid `journey` diagram (.mmd), or - for stdin.")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The journey file to write, or - for stdout. Default: FILE with .yaml.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Convert a Mermaid `journey` diagram into a journey file that validates and renders.

    Sections become stages, tasks touchpoints, actors personas, and scores 1..5 emotions
    -2..+2. Lines the importer cannot carry over are reported as warnings with their line.
    """
    from cjmctl import files
    from cjmctl.importers.mermaid import import_mermaid as convert
    from cjmctl.journey import diagnostics, loader
    from cjmctl.journey.diagnostics import printable

    name = "<stdin>" if str(source) == "-" else str(source)
    try:
        if name == "<stdin>":
            raw = sys.stdin.buffer.read(loader.MAX_BYTES + 1)
        else:
            raw = loader.read_limited(source)
        text = loader.decode(raw, name)  # a journey's limit and encodings
    except OSError as error:
        echo(f"cjmctl: cannot read {name}: {error}", err=True)
        raise typer.Exit(1) from None
    except diagnostics.JourneyError as error:
        report(error.diagnostics, ReportFormat.text, 1, summary=None, err=True)
        raise typer.Exit(1) from None
    journey_text, warnings = convert(text)
    found = [
        diagnostics.Diagnostic(name, w.line, w.column, w.message, severity="warning")
        for w in warnings
    ]
    report(found, ReportFormat.text, 1, summary=None, err=True)
    target = output or (Path("-") if name == "<stdin>" else source.with_suffix(".yaml"))
    size = len(journey_text.encode("utf-8"))
    if size > loader.MAX_BYTES:  # written, it would be refused by every other command
        echo(
            f"cjmctl: {name}: the journey would be {size / 2**20:.1f} MiB, more than a journey "
            f"file may hold ({loader.MAX_BYTES // 2**20} MiB); split the diagram",
            err=True,
        )
        raise typer.Exit(1)
    if name != "<stdin>" and str(target) != "-" and target.resolve() == source.resolve():
        raise typer.BadParameter(
            printable(f"{target} is the diagram itself; write the journey to another file"),
            param_hint="'--output'",
        )
    if str(target) == "-":
        sys.stdout.write(journey_text)
        return
    if target.exists() and not force:
        echo(f"cjmctl: {target} exists; use --force to overwrite it", err=True)
        raise typer.Exit(1)
    try:
        files.write_atomic(target, journey_text.encode("utf-8"))
    except OSError as error:
        echo(f"cjmctl: cannot write {target}: {error.strerror}", err=True)
        raise typer.Exit(1) from None
    echo(f"wrote {target}; check it with: cjmctl validate {target}")


def import_audit(
    visits: Annotated[
        Path, typer.Argument(help="The agency's CSV: one row per visit and criterion.")
    ],
    journey: Annotated[
        Path,
        typer.Option(
            "--journey", help="The journey whose outlets, touchpoints and checklists it names."
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
        str, typer.Option("--encoding", help="The CSV's encoding, e.g. cp1251.")
    ] = "utf-8",
    entry_id: Annotated[
        str | None, typer.Option("--id", help="The entry's id. Default: STUDY-YEAR-qN.")
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Default: 'Mystery shopping, WAVE'.")
    ] = None,
    study: Annotated[
        str | None,
        typer.Option("--study", help="The study's id. Default: the journey's one audit study."),
    ] = None,
    wave: Annotated[
        str | None,
        typer.Option("--wave", help="The wave's label. Default: the last visit's quarter."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Turn a mystery-shopping agency's CSV of visits into one research entry (a wave).

    Columns: date, outlet, touchpoint, criterion, score (0..100 or yes/no), comment, in
    English or Russian. Prints YAML to paste under the journey's `research:`.
    """
    import codecs
    import re

    from cjmctl import files
    from cjmctl.importers.audit import import_audit as convert
    from cjmctl.journey import csvtable, diagnostics, loader, slugs
    from cjmctl.journey.diagnostics import printable

    try:
        codecs.lookup(encoding)
    except LookupError:
        raise typer.BadParameter(
            printable(f"unknown encoding {encoding!r}; e.g. utf-8 or cp1251"),
            param_hint="'--encoding'",
        ) from None
    for value, option in ((entry_id, "--id"), (study, "--study")):
        if value is not None and not re.fullmatch(slugs.SLUG_PATTERN, value):
            raise typer.BadParameter(
                printable(f"{value!r} is not an id: lowercase a-z, 0-9, '-' and '_'"),
                param_hint=f"'{option}'",
            )
    if output is not None and str(output) != "-":
        for given in (visits, journey):
            if output.resolve() == given.resolve():
                raise typer.BadParameter(
                    printable(f"{output} is an input; write the research entry to another file"),
                    param_hint="'--output'",
                )
    parsed, found = loader.load_checked(journey)
    if parsed is None:
        report(found, ReportFormat.text, 1, summary=None, err=True)
        raise typer.Exit(1)
    try:
        table = csvtable.read(
            loader.read_limited(visits, csvtable.MAX_BYTES + 1), str(visits), encoding=encoding
        )
        wave_entry = convert(table, parsed, entry_id=entry_id, title=title, study=study, wave=wave)
    except OSError as error:
        echo(f"cjmctl: cannot read {visits}: {error.strerror}", err=True)
        raise typer.Exit(1) from None
    except diagnostics.JourneyError as error:
        report(error.diagnostics, ReportFormat.text, 1, summary=None, err=True)
        raise typer.Exit(1) from None
    summary = (
        f"{visits}: {wave_entry.visits} visits to {wave_entry.outlets} outlets "
        f"({wave_entry.rows} rows) as research entry {wave_entry.entry_id!r}; "
        f"paste it under `research:` in {journey}"
    )
    if output is None or str(output) == "-":
        sys.stdout.write(wave_entry.yaml)
        echo(summary, err=True)
        return
    if output.exists() and not force:
        echo(f"cjmctl: {output} exists; use --force to overwrite it", err=True)
        raise typer.Exit(1)
    try:
        files.write_atomic(output, wave_entry.yaml.encode("utf-8"))
    except OSError as error:
        echo(f"cjmctl: cannot write {output}: {error.strerror}", err=True)
        raise typer.Exit(1) from None
    echo(summary.replace(f"{visits}:", f"wrote {output}:", 1), err=True)
