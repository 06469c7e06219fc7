"""Authoring commands: init writes a starter; import mermaid turns a diagram into a journey."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from cjmctl.cli.common import ReportFormat, echo, report, today
from cjmctl.i18n import _, language, number, reason

STARTERS = ("blank", "ecommerce", "service")


def _locales() -> list[str]:
    """The languages of the starters: those of the maps' labels, so that `init` follows `--lang`."""
    from cjmctl.journey.labels import LABELS  # a big table: only `init` reads it

    return list(LABELS)


def init(
    file: Annotated[
        Path, typer.Argument(help="The file to write, or - for stdout.", metavar="FILE")
    ] = Path("journey.yaml"),
    locale: Annotated[
        str | None,
        typer.Option(
            "--locale",
            help="Language of the starter: en or ru. Default: the language cjmctl speaks "
            "(--lang, $CJMCTL_LANG, the system's locale).",
            metavar="LANG",
            autocompletion=_locales,
            show_default=False,
        ),
    ] = None,
    template: Annotated[
        str,
        typer.Option(
            "--template",
            help="blank (a skeleton), ecommerce (an online shop) or service (an appointment).",
            metavar="NAME",
            autocompletion=lambda: list(STARTERS),
        ),
    ] = "blank",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starter journey with the schema line for editors."""
    from importlib import resources

    from cjmctl import files

    if template not in STARTERS:
        message = _("choose from {choices}").format(choices=", ".join(STARTERS))
        raise typer.BadParameter(message, param_hint="'--template'")
    if locale is None:
        locale = language()
    if locale not in _locales():
        message = _("choose from {choices}").format(choices=", ".join(_locales()))
        raise typer.BadParameter(message, param_hint="'--locale'")
    text = (resources.files("cjmctl") / "starters" / f"{template}.{locale}.yaml").read_bytes()
    # A new map was reviewed today; the starter says 2026-01-01 so that it validates as it is.
    text = text.replace(b"reviewed: 2026-01-01", f"reviewed: {today(None)}".encode(), 1)
    if str(file) == "-":
        sys.stdout.buffer.write(text)
        return
    if file.exists() and not force:
        said = _("{path} exists; use --force to overwrite it").format(path=file)
        echo(f"cjmctl: {said}", err=True)
        raise typer.Exit(1)
    try:
        files.write_atomic(file, text)
    except OSError as error:
        said = _("cannot write {path}: {reason}").format(path=file, reason=reason(error))
        echo(f"cjmctl: {said}", err=True)
        raise typer.Exit(1) from None
    shown = f"-- {file}" if str(file).startswith("-") else str(file)  # a name, not an option
    said = _("wrote {path} ({template}, {locale}); edit it, then: cjmctl render {shown}")
    echo(said.format(path=file, template=template, locale=locale, shown=shown))


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
    from cjmctl.journey import diagnostics, reading
    from cjmctl.journey.diagnostics import printable

    name = "<stdin>" if str(source) == "-" else str(source)
    try:
        if name == "<stdin>":
            raw = sys.stdin.buffer.read(reading.MAX_BYTES + 1)
        else:
            raw = reading.read_limited(source)
        text = reading.decode(raw, name)  # a journey's limit and encodings
    except OSError as error:
        said = _("cannot read {path}: {reason}").format(path=name, reason=reason(error))
        echo(f"cjmctl: {said}", err=True)
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
    if size > reading.MAX_BYTES:  # written, it would be refused by every other command
        too_big = _(
            "{name}: the journey would be {size} MiB, more than a journey file may hold "
            "({limit} MiB); split the diagram"
        )
        shown_size = number(size / 2**20, language(), 1)
        said = too_big.format(name=name, size=shown_size, limit=reading.MAX_BYTES // 2**20)
        echo(f"cjmctl: {said}", err=True)
        raise typer.Exit(1)
    if name != "<stdin>" and str(target) != "-" and target.resolve() == source.resolve():
        raise typer.BadParameter(
            printable(
                _("{path} is the diagram itself; write the journey to another file").format(
                    path=target
                )
            ),
            param_hint="'--output'",
        )
    if str(target) == "-":
        sys.stdout.write(journey_text)
        return
    if target.exists() and not force:
        said = _("{path} exists; use --force to overwrite it").format(path=target)
        echo(f"cjmctl: {said}", err=True)
        raise typer.Exit(1)
    try:
        files.write_atomic(target, journey_text.encode("utf-8"))
    except OSError as error:
        said = _("cannot write {path}: {reason}").format(path=target, reason=reason(error))
        echo(f"cjmctl: {said}", err=True)
        raise typer.Exit(1) from None
    echo(_("wrote {path}; check it with: cjmctl validate {path}").format(path=target))
