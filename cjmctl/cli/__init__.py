"""The command line: parses options, calls the core, prints, writes files and sets exit codes.

Exit codes: 0 all good, 1 a journey file is invalid, 2 a usage error. Commands import what
they need inside their bodies, so `cjmctl --help` loads neither pydantic nor the renderers.
"""

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from cjmctl import __version__
from cjmctl.cli import health, render
from cjmctl.cli.common import Exclude, Paths, Quiet, ReportFormat, report, targets, today

if TYPE_CHECKING:
    from cjmctl.journey.diagnostics import Diagnostic


app = typer.Typer(
    name="cjmctl",
    help="Customer journey maps as code: validate YAML journeys and render them as diagrams.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


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
    from cjmctl.journey.schema import schema_text

    text = schema_text()
    if output is None:
        sys.stdout.write(text)
        return
    try:
        files.write_atomic(output, text.encode())
    except OSError as error:
        typer.echo(f"cjmctl: cannot write {output}: {error.strerror}", err=True)
        raise typer.Exit(1) from None


STARTERS = ("blank", "ecommerce", "service")


@app.command(short_help="Write a commented starter journey.")
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
        typer.echo(f"cjmctl: {file} exists; use --force to overwrite it", err=True)
        raise typer.Exit(1)
    try:
        files.write_atomic(file, text)
    except OSError as error:
        typer.echo(f"cjmctl: cannot write {file}: {error.strerror}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"wrote {file} ({template}, {locale}); edit it, then: cjmctl render {file}")


import_app = typer.Typer(
    help="Turn other tools' diagrams into journey files.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(import_app, name="import", short_help="Turn other tools' diagrams into journeys.")


@import_app.command("mermaid", short_help="Import a Mermaid journey diagram.")
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

    name = "<stdin>" if str(source) == "-" else str(source)
    try:
        raw = sys.stdin.buffer.read() if name == "<stdin>" else source.read_bytes()
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        typer.echo(f"cjmctl: cannot read {name}: {error}", err=True)
        raise typer.Exit(1) from None
    journey_text, warnings = convert(text)
    for warning in warnings:
        typer.echo(f"{name}:{warning.line}: warning: {warning.message}", err=True)
    target = output or (Path("-") if name == "<stdin>" else source.with_suffix(".yaml"))
    if str(target) == "-":
        sys.stdout.write(journey_text)
        return
    if target.exists() and not force:
        typer.echo(f"cjmctl: {target} exists; use --force to overwrite it", err=True)
        raise typer.Exit(1)
    try:
        files.write_atomic(target, journey_text.encode("utf-8"))
    except OSError as error:
        typer.echo(f"cjmctl: cannot write {target}: {error.strerror}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"wrote {target}; check it with: cjmctl validate {target}")


app.command(short_help="Render journeys as maps and diagrams.")(render.render)
app.command(short_help="Check the health of maps: pains, reviews, flow.")(health.lint)
app.command(short_help="Show what changed between two versions of a journey.")(health.diff)
app.command(short_help="Count and measure what a journey holds.")(health.stats)
app.command(short_help="Re-render journeys whenever they are saved.")(render.watch)


def main() -> None:
    """Run the command line; the entry point of the `cjmctl` script and `python -m cjmctl`."""
    # On its first model, pydantic scans the entry points of every installed distribution for
    # plugins: about 45 ms per run in a typical venv. cjmctl's models use none; a user who set
    # the variable keeps their choice.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    app(prog_name="cjmctl")
