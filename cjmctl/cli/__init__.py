"""The command line's app: the commands of cli/'s modules, registered in the order --help lists.

The cli package is the only layer that parses options, prints, writes files and sets exit codes.

Exit codes: 0 all good, 1 a journey file is invalid, 2 a usage error. Commands import what
they need inside their bodies, so `cjmctl --help` loads neither pydantic nor the renderers.
"""

import errno
import gc
import io
import os
import signal
import sys
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Any, Optional, TextIO

import typer

from cjmctl import __version__
from cjmctl.cli import authoring, check, health, importing, render, site
from cjmctl.cli.clickwords import App
from cjmctl.cli.language import Language, speaking
from cjmctl.i18n import _, reason

if TYPE_CHECKING:
    from collections.abc import Sequence

    from _typeshed import ReadableBuffer

app = App(
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
    lang: Annotated[
        Optional[Language],  # noqa: UP045 - typer reads the annotation at run time
        typer.Option(
            "--lang",
            help="The language of messages, hints, summaries and help. Default: $CJMCTL_LANG, "
            "else the system's locale ($LC_ALL, $LC_MESSAGES, $LANG), else English. A map's "
            "own labels follow its journey's `locale`.",
        ),
    ] = None,
    data_root: Annotated[
        Optional[Path],  # noqa: UP045 - typer reads the annotation at run time
        typer.Option(
            "--data-root",
            metavar="DIR",
            file_okay=False,
            exists=True,
            help="The folder a journey's shared files and data files (metric_files) may be "
            "read from. Default: for shared files, the project's folder (of its cjmctl.yaml), "
            "else the git work tree that holds the journey, else its own folder; for data "
            "files, the git work tree, else the journey's folder.",
        ),
    ] = None,
) -> None:
    """Customer journey maps as code: validate YAML journeys and render them as diagrams."""
    # `--lang` took effect in `main`, before the help texts were translated.
    if data_root is not None:
        # The variable, not a global: worker processes of a batch inherit it.
        os.environ["CJMCTL_DATA_ROOT"] = str(data_root.resolve())


app.command(short_help="Check journey files; report problems at file:line:column.")(check.validate)
app.command(short_help="Print the JSON Schema of a journey, shared, project or theme file.")(
    check.schema
)
app.command(short_help="Write a commented starter journey.")(authoring.init)

import_app = App(
    help="Turn other tools' diagrams into journey files.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(import_app, name="import", short_help="Turn other tools' diagrams into journeys.")
import_app.command("mermaid", short_help="Import a Mermaid journey diagram.")(
    authoring.import_mermaid
)
import_app.command("survey", short_help="Import survey responses (a Google Forms CSV).")(
    importing.import_survey
)
import_app.command("audit", short_help="Import a mystery-shopping agency's visits (CSV).")(
    importing.import_audit
)

app.command(short_help="Render journeys as maps and diagrams.")(render.render)
app.command(short_help="Check the health of maps: pains, reviews, flow.")(health.lint)
app.command(short_help="Show what changed between two versions of a journey.")(health.diff)
app.command(short_help="Count and measure what a journey holds.")(health.stats)
app.command(short_help="Re-render journeys whenever they are saved.")(render.watch)
app.command(short_help="Build a project's static site: maps, flows, an index.")(site.site)


class StdoutError(OSError):
    """Standard output takes nothing more: a full disk, a reader that went away."""


class _StandardOutput(io.FileIO):
    """Standard output's file descriptor, whose write errors say where they come from."""

    def write(self, data: "ReadableBuffer", /) -> int:
        try:
            return super().write(data)
        except OSError as error:
            raise StdoutError(error.errno, error.strerror) from None


def _guarded(stream: TextIO) -> TextIO:
    """`stream` (standard output) writing through `_StandardOutput`, where it is a plain file."""
    buffer = getattr(stream, "buffer", None)
    if type(getattr(buffer, "raw", buffer)) is not io.FileIO:
        return stream  # a console on Windows, a test's capture: left alone
    raw = _StandardOutput(stream.fileno(), "w", closefd=False)
    unbuffered = not isinstance(buffer, io.BufferedWriter)  # python -u, PYTHONUNBUFFERED
    return io.TextIOWrapper(
        raw if unbuffered else io.BufferedWriter(raw),
        encoding=stream.encoding,
        errors=stream.errors,
        line_buffering=bool(stream.line_buffering),
        write_through=unbuffered or getattr(stream, "write_through", False),
    )


def _terminated(signum: int, frame: FrameType | None) -> None:
    # As an exception, SIGTERM unwinds like Ctrl-C does: whatever runs `dot` or workers kills
    # them on the way out instead of leaving them to run on with parent 1.
    raise SystemExit(128 + signum)


GC_THRESHOLDS = (200_000, 30, 30)
"""Collect young objects every 200,000 allocations, not 700, as mypy's command line does.

A big journey allocates millions of small objects that all live to the end of the command;
with Python's defaults, collecting them again and again makes loading superlinear (a file of
20,000 touchpoints took 16x the time of one of 2,000; 11.8x with these thresholds, measured
by tests/benchmarks/bench_limits.py). Inputs are bounded (8 MiB), so memory stays bounded.
"""


def command(argv: "Sequence[str]") -> Any:
    """The app as click runs it, speaking the language that `argv` and the environment ask for."""
    return speaking(typer.main.get_command(app), argv)


def main() -> None:
    """Run the command line; the entry point of the `cjmctl` script and `python -m cjmctl`."""
    signal.signal(signal.SIGTERM, _terminated)
    # On its first model, pydantic scans the entry points of every installed distribution for
    # plugins: about 45 ms per run in a typical venv. cjmctl's models use none; a user who set
    # the variable keeps their choice.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    gc.set_threshold(*GC_THRESHOLDS)
    sys.stdout = _guarded(sys.stdout)
    try:
        try:
            command(sys.argv[1:]).main(prog_name="cjmctl")
        finally:
            sys.stdout.flush()
    except StdoutError as error:
        # Nothing more can go there: point it at /dev/null, so that Python's last flush is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        if error.errno != errno.EPIPE:  # a reader that went away (`| head`) is not a failure
            said = _("cannot write to standard output: {reason}")
            typer.echo(f"cjmctl: {said.format(reason=reason(error))}", err=True)
        sys.exit(1)
