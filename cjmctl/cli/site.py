"""The site command: a project's journeys as a static site of plain files.

The work is `cjmctl.site.build`; this checks the options, reports and sets the exit code.
"""

import os
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from cjmctl.site.build import Report

from cjmctl.cli.common import (
    Direction,
    Quiet,
    ReportFormat,
    ThemeFile,
    Today,
    echo,
    elapsed,
    invalid_journeys,
    render_options,
    report,
    theme_file,
)
from cjmctl.i18n import _, ngettext


def site(
    path: Annotated[
        Path,
        typer.Argument(
            help="The project's folder (where its cjmctl.yaml is, if it has one).",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="The folder the site is written to.",
            metavar="DIR",
            show_default=False,
        ),
    ],
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Write nothing; exit 1 listing every page missing, out of date or left over.",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            metavar="N",
            min=1,
            show_default=False,
            help="Render in this many processes. Default: the number of CPUs.",
        ),
    ] = None,
    when: Today = None,
    theme: ThemeFile = None,
    quiet: Quiet = False,
) -> None:
    """Build a project's static site: each journey's map and flow, an index, cross-journey pages.

    Pages mark what is stale or overdue on the day of the build: without --today, the first
    build of each day renders every journey again (pin --today in CI to keep builds cached).
    """
    from cjmctl import files
    from cjmctl.journey.diagnostics import printable
    from cjmctl.site import build

    started = time.perf_counter()
    if not path.is_dir():
        raise typer.BadParameter(_("no such folder: {path}").format(path=path), param_hint="PATH")
    existing = next((p for p in (out, *out.parents) if p.exists()), None)
    if existing is not None and not existing.is_dir():
        message = _("{path} is a file: the site is written to a folder (made if missing)").format(
            path=existing
        )
        raise typer.BadParameter(message, param_hint="'--out'")
    # The PDF's timestamp plays no part in a map or an SVG: kept out, it re-renders nothing.
    options = replace(
        render_options(when, Direction.LR, None, compact=False, legend=True, dot_timeout=600.0),
        timestamp=0,
        theme=theme_file(theme),
    )
    try:
        result = build.build(
            path,
            out,
            options,
            mode="check" if check else "write",
            workers=jobs or os.cpu_count() or 1,
        )
    except (files.MissingPathError, build.InsideProjectError) as error:
        raise typer.BadParameter(printable(str(error)), param_hint="PATH") from None
    except files.OutputError as error:
        lines = map(printable, str(error).splitlines())
        raise typer.BadParameter("\n".join(lines), param_hint="'--out'") from None
    for line in result.stale:
        echo(line)
    report(result.diagnostics, ReportFormat.text, result.journeys, summary=None, err=True)
    for failure in dict.fromkeys(result.failures):
        echo(f"cjmctl: {failure}", err=True)
    if not quiet:
        echo(_summary(result, out, check, time.perf_counter() - started), err=True)
    if result.diagnostics or result.failures or result.stale:
        raise typer.Exit(1)


def _summary(result: "Report", out: Path, check: bool, seconds: float) -> str:
    """The line that ends a build: what was written or checked, the invalid, the time taken."""
    count = result.journeys
    if check:
        head = ngettext(
            "checked site of {n} journey in {out}", "checked site of {n} journeys in {out}", count
        ).format(n=count, out=out)
        if result.stale:
            stale = len(result.stale)
            tail = ngettext("{n} stale or missing", "{n} stale or missing", stale).format(n=stale)
        else:
            tail = _("all up to date")
        text = f"{head}: {tail}"
    else:
        head = ngettext(
            "built site of {n} journey in {out}", "built site of {n} journeys in {out}", count
        ).format(n=count, out=out)
        written = len(result.written)
        parts = [
            ngettext("{n} file written", "{n} files written", written).format(n=written),
            ngettext("{n} unchanged", "{n} unchanged", result.unchanged).format(n=result.unchanged),
        ]
        if result.removed:
            removed = len(result.removed)
            parts.append(ngettext("{n} removed", "{n} removed", removed).format(n=removed))
        text = f"{head}: {', '.join(parts)}"
    if result.invalid:
        text += "; " + invalid_journeys(result.invalid)
    return f"{text} {elapsed(seconds)}"
