"""The lint, diff and stats commands: is a map healthy, what changed, what it holds.

The checks, the diff and the numbers live in `cjmctl.health.lint`, `cjmctl.health.semdiff` and
`cjmctl.health.stats`; these functions read the files, print and set exit codes.
"""

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cjmctl.cli.common import (
    Exclude,
    FutureFile,
    Paths,
    Quiet,
    ReportFormat,
    Today,
    journeys,
    report,
    targets,
    today,
)
from cjmctl.i18n import _, language, ngettext, number, reason

if TYPE_CHECKING:
    from cjmctl.journey.model import Journey


class DiffFormat(enum.StrEnum):
    """How `cjmctl diff` prints: for a terminal, a pull request comment, or tools."""

    text = "text"
    markdown = "markdown"
    json = "json"


class StatsFormat(enum.StrEnum):
    """How `cjmctl stats` prints; markdown is for the evidence report."""

    text = "text"
    json = "json"
    markdown = "markdown"


def lint(
    paths: Paths,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-F", help="How to print findings.")
    ] = ReportFormat.text,
    disable: Annotated[
        list[str] | None,
        typer.Option(
            "--disable",
            "-d",
            help="Switch a rule off for this run (repeatable); see the README for the rules.",
            metavar="RULE",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 on warnings too, not only on errors.")
    ] = False,
    fail_on: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when this rule finds anything, whatever its severity (repeatable), "
            "e.g. --fail-on kpi-off-target --fail-on kpi-stale in a scheduled job.",
            metavar="RULE",
            show_default=False,
        ),
    ] = None,
    when: Today = None,
    exclude: Exclude = None,
    quiet: Quiet = False,
) -> None:
    """Check maps for health beyond validity: pains nobody works on, stale reviews, dead ends.

    Also the loop of research, plan and measuring: KPIs off target or stale, actions whose
    metric has no data or missed its target.
    """
    from cjmctl.health import lint as rules
    from cjmctl.health import repeats
    from cjmctl.journey import loader
    from cjmctl.journey.diagnostics import Diagnostic, JourneyError

    try:
        rules.check_rule_ids(disable or ())
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="'--disable'") from None
    try:
        rules.check_rule_ids(fail_on or ())
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="'--fail-on'") from None
    found_targets = journeys(targets(paths, exclude), "lint")
    if not found_targets:
        return
    reference = today(when)
    met: list[repeats.Met] = []
    for target in found_targets:
        name = str(target.path)
        try:
            document = loader.read(target.path)
        except JourneyError as error:
            reads = loader.shared_inputs(target.path)
            met.append(repeats.Met(name, reads, error.diagnostics))
            continue
        except OSError as error:
            message = _("cannot read the file: {reason}").format(reason=reason(error))
            met.append(repeats.Met(name, (), [Diagnostic(name, 1, 1, message, rule="io")]))
            continue
        findings = rules.lint(document, today=reference, disable=disable or ())
        met.append(repeats.Met(name, repeats.reads(document), findings))
    found = repeats.in_order(met)  # a shared file's finding once, not once per journey
    counts = {s: sum(d.severity == s for d in found) for s in ("error", "warning", "info")}
    summary = lint_summary(len(found_targets), counts)
    report(found, fmt, len(found_targets), summary=None if quiet else summary)
    failing = set(fail_on or ())
    if counts["error"] or (strict and counts["warning"]) or any(d.rule in failing for d in found):
        raise typer.Exit(1)


def _number(count: int) -> str:
    return number(count, language())


def lint_summary(files: int, counts: dict[str, int]) -> str:
    """`2 files linted: 0 errors, 1 warning, 0 infos`, with each language's plural forms."""
    errors, warnings, infos = counts["error"], counts["warning"], counts["info"]
    return _("{files}: {errors}, {warnings}, {infos}").format(
        files=ngettext("{n} file linted", "{n} files linted", files).format(n=_number(files)),
        errors=ngettext("{n} error", "{n} errors", errors).format(n=_number(errors)),
        warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=_number(warnings)),
        infos=ngettext("{n} info", "{n} infos", infos).format(n=_number(infos)),
    )


def _read_journey(spec: str) -> "Journey":
    """Load `path` or `REV:path`; a bad revision is a usage error, a bad file exits 2."""
    from cjmctl.gitrev import GitError, read_spec
    from cjmctl.journey.diagnostics import JourneyError, format_text, printable
    from cjmctl.journey.loader import load_bytes

    try:
        data, name, files = read_spec(spec, Path.cwd())
    except (GitError, OSError) as error:
        raise typer.BadParameter(printable(str(error)), param_hint=repr(spec)) from None
    try:
        return load_bytes(data, name, files)
    except JourneyError as error:
        for line in format_text(error.diagnostics):
            typer.echo(line, err=True)
        raise typer.Exit(2) from None


def diff(
    old: Annotated[str, typer.Argument(help="The old version: a path or REV:path.")],
    new: Annotated[str, typer.Argument(help="The new version: a path or REV:path.")],
    fmt: Annotated[
        DiffFormat,
        typer.Option("--format", "-F", help="text, markdown (for a pull request) or json."),
    ] = DiffFormat.text,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when something changed, like git diff.")
    ] = False,
) -> None:
    """Show what changed between two versions of a journey, by meaning, not by line.

    Either side can come from git: cjmctl diff HEAD~3:maps/sofa.yaml maps/sofa.yaml.
    Exit codes: 0 (1 with --exit-code when something changed), 2 when a side is unreadable.
    """
    from cjmctl.health import diffreport, semdiff

    changes = semdiff.diff(_read_journey(old), _read_journey(new))
    formatter = {
        DiffFormat.text: diffreport.format_text,
        DiffFormat.markdown: diffreport.format_markdown,
        DiffFormat.json: diffreport.format_json,
    }[fmt]
    typer.echo(formatter(changes).rstrip("\n"))
    if exit_code and not changes.empty:
        raise typer.Exit(1)


def stats(
    path: Annotated[Path, typer.Argument(help="A journey file.", show_default=False)],
    fmt: Annotated[
        StatsFormat,
        typer.Option("--format", "-F", help="text or json; markdown too with --evidence."),
    ] = StatsFormat.text,
    evidence: Annotated[
        bool,
        typer.Option(
            "--evidence",
            help="The evidence report instead: every claim (emotion, pains, thoughts) with its "
            "status and source, those not backed by research, and the share backed.",
        ),
    ] = False,
    future: FutureFile = None,
) -> None:
    """Count what a map holds and measure it: emotions, lowest and highest moments, funnel.

    Also the touchpoints ranked by gap (importance − satisfaction) and the share of the map
    backed by research; --evidence lists every claim and what backs it. With a future state
    (in the file, or `--future FILE`), both states side by side.
    """
    from cjmctl.files import Target
    from cjmctl.health import evidencereport
    from cjmctl.health import stats as numbers
    from cjmctl.journey.loader import read_checked

    if fmt is StatsFormat.markdown and not evidence:
        raise typer.BadParameter(
            _("markdown is the evidence report's: add --evidence, or use text or json"),
            param_hint="'--format'",
        )
    if not journeys([Target(path, path)], "count"):
        return
    document, problems = read_checked(path)
    journey = None if document is None else document.journey
    if future is not None:
        from cjmctl.batch import combined

        journey, more = combined(document, future)
        problems += more
    if journey is None:
        report(problems, ReportFormat.text, 1 + (future is not None), summary=None, err=True)
        raise typer.Exit(1)
    if evidence:
        claims = evidencereport.report(journey)
        if fmt is StatsFormat.json:
            shown = evidencereport.format_json(claims)
        elif fmt is StatsFormat.markdown:
            shown = evidencereport.format_markdown(claims)
        else:
            shown = evidencereport.format_text(claims)
        typer.echo(shown.rstrip("\n"))
        return
    found = numbers.stats(journey)
    if fmt is StatsFormat.json:
        typer.echo(numbers.format_json(found).rstrip("\n"))
    else:
        typer.echo(numbers.format_text(found).rstrip("\n"))
