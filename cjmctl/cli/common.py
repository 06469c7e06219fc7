"""What the commands share: option types, expanding PATH arguments, printing diagnostics.

Option types are `Annotated` aliases, so every command that takes `--format` or `--today`
declares it the same way, with the same help.
"""

import enum
import math
import os
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cjmctl.i18n import _, language, ngettext, number
from cjmctl.renderers import ALIASES, FORMATS  # the registry only: renderers load on first use

if TYPE_CHECKING:
    from cjmctl.files import Target
    from cjmctl.journey.branding import Brand
    from cjmctl.journey.diagnostics import Diagnostic
    from cjmctl.renderers import RenderOptions


class Direction(enum.StrEnum):
    """Which way a diagram flows."""

    LR = "LR"
    TB = "TB"


class Paper(enum.StrEnum):
    """The landscape sheet a printed map is cut for."""

    a3 = "a3"
    a4 = "a4"


class State(enum.StrEnum):
    """Which state of a journey a render draws."""

    both = "both"
    current = "current"
    future = "future"


class ReportFormat(enum.StrEnum):
    """How problems are printed: for people, for tools, or as GitHub Actions annotations."""

    text = "text"
    json = "json"
    github = "github"


Paths = Annotated[
    list[Path],
    typer.Argument(
        help="Journey files, folders to search for *.yaml and *.yml files, or quoted globs.",
        metavar="PATH",
        show_default=False,
    ),
]
Exclude = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        "-x",
        help="Skip files below a folder whose relative path matches this glob (repeatable).",
        metavar="GLOB",
        show_default=False,
    ),
]
Formats = Annotated[
    list[str] | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format (repeatable): " + ", ".join(FORMATS) + ". Default: html. "
        "map-pdf is the journey map printed (NAME.map.pdf); flow-pdf, like svg and png, is the "
        "flow diagram (NAME.pdf; `pdf` is its old name).",
        metavar="FORMAT",
        autocompletion=lambda: list(FORMATS),
        show_default=False,
    ),
]
Output = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        help="A file, a folder (ending in /), or - for stdout. "
        "Default: beside each journey, journey.yaml -> journey.html.",
        metavar="PATH",
        show_default=False,
    ),
]
OutDir = Annotated[
    Path | None,
    typer.Option(
        "--out-dir",
        help="Write outputs into this folder, mirroring the input tree.",
        metavar="DIR",
        show_default=False,
    ),
]
Today = Annotated[
    str | None,
    typer.Option(
        "--today",
        help="The date that decides whether a map is stale and an action overdue "
        "(YYYY-MM-DD; of render's formats, html and md use it). "
        "Default: $SOURCE_DATE_EPOCH if set, else today.",
        metavar="DATE",
        show_default=False,
    ),
]
DirectionOption = Annotated[
    Direction,
    typer.Option(
        "--direction", help="Diagrams (dot, svg, png, flow-pdf): left to right or top to bottom."
    ),
]
Persona = Annotated[
    str | None,
    typer.Option(
        "--persona",
        help="Diagrams, html, map-pdf, md, mermaid: this persona's emotions only "
        "(default: everyone's).",
        metavar="ID",
        show_default=False,
    ),
]
Compact = Annotated[bool, typer.Option("--compact", help="Diagrams: stages only, for big maps.")]
Legend = Annotated[bool, typer.Option("--legend/--no-legend", help="Diagrams: the legend.")]
Blueprint = Annotated[
    bool,
    typer.Option(
        "--blueprint",
        help="Diagrams: the service blueprint's lanes (frontstage, backstage, support) under "
        "the touchpoints.",
    ),
]
# Seconds a process may wait: a day at most, so `inf` or `1e300` is a usage error, not an
# OverflowError deep in subprocess or time.sleep (NaN fails every range check: see `seconds`).
MAX_SECONDS = 86_400.0


def seconds(value: float) -> float:
    """Refuse NaN, which click's float range lets through (no comparison with it is true)."""
    if not math.isfinite(value):
        raise typer.BadParameter(_("{value} is not a number of seconds").format(value=value))
    return value


DotTimeout = Annotated[
    float,
    typer.Option(
        "--dot-timeout",
        help="svg, png, flow-pdf: stop Graphviz's dot after this many seconds on one diagram.",
        metavar="SECONDS",
        min=0.01,
        max=MAX_SECONDS,
        callback=seconds,
    ),
]
PaperOption = Annotated[
    Paper,
    typer.Option("--paper", help="html, map-pdf: the landscape sheet of the printed map's pages."),
]
BrowserTimeout = Annotated[
    float,
    typer.Option(
        "--browser-timeout",
        help="map-pdf: stop Chromium after this many seconds on one map.",
        metavar="SECONDS",
        min=0.01,
        max=MAX_SECONDS,
        callback=seconds,
    ),
]
StateOption = Annotated[
    State,
    typer.Option(
        "--state",
        help="Which state of the journey to draw: current or future alone, or both (the "
        "current map with what the future state changes marked).",
    ),
]
FutureFile = Annotated[
    Path | None,
    typer.Option(
        "--future",
        help="A journey file of the future state: compared with the one given, touchpoint by "
        "touchpoint, as if it described its future (`future:`, `state:`).",
        metavar="FILE",
        show_default=False,
    ),
]
ThemeFile = Annotated[
    Path | None,
    typer.Option(
        "--theme",
        help="html, map-pdf: draw with the theme in this YAML file (palette, fonts, logo), "
        "over the journey's own field by field.",
        metavar="FILE",
        show_default=False,
    ),
]
Report = Annotated[
    ReportFormat, typer.Option("--report", help="How to print problems (to stderr).")
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print no summary line.")]


def formats(names: list[str] | None) -> list[str]:
    """The --format values, defaulting to html, each once; a usage error for an unknown one."""
    for name in names or []:
        if name in ALIASES:
            note = _(
                "note: -f {name} is the flow diagram, now named {new}; "
                "the journey map as PDF is -f map-pdf"
            )
            echo(f"cjmctl: {note.format(name=name, new=ALIASES[name])}", err=True)
    chosen = list(dict.fromkeys(ALIASES.get(name, name) for name in names or ["html"]))
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown:
        raise typer.BadParameter(
            _("unknown format {name!r}; choose from {formats}").format(
                name=unknown[0], formats=", ".join(FORMATS)
            ),
            param_hint="'--format'",
        )
    return chosen


def refuse_ignored(ctx: typer.Context, names: list[str]) -> None:
    """Stop with a usage error for a render option that a format asked for would ignore.

    Which options a format honours is declared in the `FORMATS` registry. `--today` is the
    run's reference date (as SOURCE_DATE_EPOCH is), so it is refused only where no format
    asked for uses a date.
    """
    from cjmctl.renderers import RenderOptions

    for param in ctx.command.params:
        name = param.name or ""
        source = ctx.get_parameter_source(name)
        # By name: typer bundles its own click, whose enum is not importable as click's.
        if name not in RenderOptions.__dataclass_fields__ or source is None:
            continue
        if source.name not in ("COMMANDLINE", "ENVIRONMENT"):
            continue
        honour = [f for f, spec in FORMATS.items() if name in spec.options]
        ignoring = [f for f in names if f not in honour]
        if not ignoring or (name == "today" and len(ignoring) < len(names)):
            continue
        flags = (
            param.secondary_opts
            if ctx.params[name] is False and param.secondary_opts
            else param.opts
        )
        message = _(
            "it applies to {honour} only, not to {ignoring}; "
            "leave it out, or render {ignoring} in a separate command"
        )
        raise typer.BadParameter(
            message.format(honour=", ".join(honour), ignoring=", ".join(ignoring)),
            param_hint=f"'{flags[0]}'",
        )


def refuse_together(ctx: typer.Context) -> None:
    """Stop with a usage error, once per run, for render options that contradict each other.

    Whatever the journeys hold: the mistake is in the command, not in a file.
    """
    if ctx.params.get("blueprint") and ctx.params.get("compact"):
        from cjmctl.renderers.flowlanes import with_compact

        raise typer.BadParameter(with_compact(), param_hint="'--compact'")


def echo(line: str, *, err: bool = False) -> None:
    """Print one line for people, with control, bidi and format characters shown escaped."""
    from cjmctl.journey.diagnostics import printable

    typer.echo(printable(line), err=err)


def targets(paths: list[Path], exclude: list[str] | None) -> "list[Target]":
    """Expand the PATH arguments into journey files, or stop with a usage error.

    Each link that the search skipped because it leads elsewhere is named on stderr.
    """
    from cjmctl import files
    from cjmctl.journey.diagnostics import printable

    try:
        found = files.discover(paths, exclude or ())
    except files.MissingPathError as error:
        raise typer.BadParameter(printable(str(error)), param_hint="PATHS") from None
    for note in found.skipped:
        echo(f"cjmctl: {note}", err=True)
    targets = found.targets
    if not targets:
        message = _("no *.yaml or *.yml files found in {paths}")
        raise typer.BadParameter(
            printable(message.format(paths=", ".join(map(str, paths)))), param_hint="PATHS"
        )
    return targets


def journeys(found: "list[Target]", verb: str) -> "list[Target]":
    """The targets that are journeys; a project or shared file named is skipped, said on stderr.

    `verb` says what the command would do: "render" says "nothing to render".
    """
    from cjmctl.journey.project import role

    kept: list[Target] = []
    for target in found:
        kind = role(target.path)
        if kind is None:
            kept.append(target)
        else:
            said = _not_a_journey(kind, verb).format(path=target.path)
            echo(f"cjmctl: {said}", err=True)
    return kept


def _not_a_journey(kind: str, verb: str) -> str:
    """What is said of a project or shared file named, by what the command would do with it.

    Whole sentences, one per case, as each language words them.
    """
    said = {
        ("project", "render"): _("{path} is a project file, not a journey: nothing to render"),
        ("shared", "render"): _("{path} is a shared file, not a journey: nothing to render"),
        ("project", "watch"): _("{path} is a project file, not a journey: nothing to watch"),
        ("shared", "watch"): _("{path} is a shared file, not a journey: nothing to watch"),
        ("project", "lint"): _("{path} is a project file, not a journey: nothing to lint"),
        ("shared", "lint"): _("{path} is a shared file, not a journey: nothing to lint"),
        ("project", "count"): _("{path} is a project file, not a journey: nothing to count"),
        ("shared", "count"): _("{path} is a shared file, not a journey: nothing to count"),
    }
    if (kind, verb) in said:
        return said[kind, verb]
    if kind == "project":
        return _("{path} is a project file, not a journey: skipped")
    return _("{path} is a shared file, not a journey: skipped")


def report(
    found: "list[Diagnostic]",
    fmt: ReportFormat,
    files: int,
    *,
    summary: str | None,
    err: bool = False,
) -> None:
    """Print diagnostics in the chosen format; the summary line only where it cannot confuse."""
    from cjmctl.journey import diagnostics

    if fmt is ReportFormat.json:
        typer.echo(diagnostics.format_json(found, files), err=err)
        return
    if fmt is ReportFormat.github:
        lines = diagnostics.format_github(found)
    else:
        lines = diagnostics.format_text(found)
    for line in lines:
        typer.echo(line, err=err)
    if summary:
        typer.echo(summary, err=err)


def theme_file(path: Path | None, fmt: ReportFormat = ReportFormat.text) -> "Brand | None":
    """The brand of `--theme FILE`, read once for the whole run; its problems stop the run."""
    if path is None:
        return None
    from cjmctl.journey.diagnostics import JourneyError
    from cjmctl.journey.themefile import read_theme_file

    try:
        return read_theme_file(path)
    except JourneyError as error:
        report(error.diagnostics, fmt, 1, summary=None, err=True)
        raise typer.Exit(1) from None


def today(value: str | None) -> date:
    """The reference date: --today, else SOURCE_DATE_EPOCH (reproducible builds), else the clock."""
    if value is not None:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise typer.BadParameter(
                _("{value!r} is not a date written as YYYY-MM-DD").format(value=value),
                param_hint="'--today'",
            ) from None
    epoch = source_date_epoch()
    if epoch is None:
        return date.today()
    return (_EPOCH + timedelta(seconds=epoch)).date()


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def source_date_epoch() -> int | None:
    """$SOURCE_DATE_EPOCH as seconds (None when unset or empty), or a usage error."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    # At most 12 digits: years 1 to 9999 fit, and int() never sees a hostile length.
    if re.fullmatch(r"-?[0-9]{1,12}", epoch):
        try:
            _EPOCH + timedelta(seconds=int(epoch))
        except OverflowError:
            pass
        else:
            return int(epoch)
    shown = epoch if len(epoch) <= 40 else epoch[:37] + "..."
    message = _(
        "{value!r} is not seconds since 1970 in the years 1 to 9999; set it as "
        "`git log -1 --format=%ct` prints one, or unset it"
    )
    raise typer.BadParameter(message.format(value=shown), param_hint="SOURCE_DATE_EPOCH")


def render_options(
    when: str | None,
    direction: Direction,
    persona: str | None,
    *,
    compact: bool,
    legend: bool,
    dot_timeout: float,
    blueprint: bool = False,
    paper: Paper = Paper.a3,
    browser_timeout: float | None = None,
    state: State = State.both,
    theme: "Brand | None" = None,
) -> "RenderOptions":
    """The renderers' options from the command line's."""
    from cjmctl.renderers import BROWSER_TIMEOUT, RenderOptions

    return RenderOptions(
        paper=paper.value,
        browser_timeout=BROWSER_TIMEOUT if browser_timeout is None else browser_timeout,
        today=today(when),
        direction=direction.value,
        persona=persona,
        compact=compact,
        legend=legend,
        blueprint=blueprint,
        dot_timeout=dot_timeout,
        timestamp=source_date_epoch() or 0,
        state=state.value,
        theme=theme,
    )


def invalid_journeys(count: int) -> str:
    """The clause of a summary that counts invalid journeys: `2 invalid journeys`."""
    return ngettext("{n} invalid journey", "{n} invalid journeys", count).format(n=count)


def elapsed(seconds: float) -> str:
    """How long a command took, as its summary ends: `(0.4 s)`, `(0,4 с)`."""
    return _("({seconds} s)").format(seconds=number(seconds, language(), 1))
