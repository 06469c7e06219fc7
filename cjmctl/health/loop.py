"""Rules of the loop: KPIs against their targets, fresh measurements, actions measured by them.

The method is a loop: research finds a problem, an action addresses it, a metric measured by
the same kind of research tells whether the action worked, and the measuring goes on. These
checks tell where the loop is broken. A finding about a value points at that value: its cell
in the CSV file it came from, else its key under `values:`.

Days count as for `overdue-action` and `stale-map`: a limit reached on a day is not yet passed;
the finding comes from the day after.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from cjmctl.i18n import _, language, ngettext, number
from cjmctl.journey.diagnostics import Diagnostic, Severity, shorten
from cjmctl.journey.metrics import Metric
from cjmctl.journey.model import Action, Journey
from cjmctl.journey.periods import Period
from cjmctl.renderers.kpi import digits

if TYPE_CHECKING:
    from cjmctl.health.lint import LintContext
    from cjmctl.journey.loader import Document


def _finding(
    skeleton: Diagnostic, rule: str, severity: Severity, message: str, hint: str
) -> Diagnostic:
    return replace(skeleton, message=message, hint=hint, severity=severity, rule=rule)


def shown(value: float, unit: str | None = None) -> str:
    """A value as a message shows it: `62`, `4.5`, `12,400`, with its unit (`58%`, `4.2 of 5`)."""
    text = number(value, language(), digits(value))  # the map's digits: 0.004 is never 0
    if not unit:
        return text
    return text + ("" if unit == "%" else " ") + shorten(unit)


def _better(metric: Metric) -> str:
    return _("lower is better") if metric.lower_is_better() else _("higher is better")


def _kind(kind: str) -> str:
    """A research kind as a message names it: `mystery shopping`."""
    return {
        "survey": _("survey"),
        "interview": _("interview"),
        "analytics": _("analytics"),
        "mystery_shopping": _("mystery shopping"),
        "support": _("support"),
        "other": _("other research"),
    }.get(kind, kind.replace("_", " "))


def _measuring(journey: Journey) -> list[tuple[int, Action, Metric]]:
    """The live actions whose `metric` is the id of a metric, with their index in the plan."""
    return [
        (i, action, metric)
        for i, action in enumerate(journey.actions)
        if action.status != "dropped" and (metric := journey.metric(action.metric)) is not None
    ]


def _standing(
    document: Document, wanted: str
) -> Iterator[tuple[int, Metric, Period, float, float]]:
    """(index, metric, period, latest value, target) where the latest value is `wanted`."""
    for i, metric in enumerate(document.journey.metrics):
        latest, target = metric.latest(), metric.target
        if latest is not None and target is not None and metric.status(latest[1]) == wanted:
            yield i, metric, *latest, target


def _standing_words(metric: Metric, period: Period, value: float, target: float) -> dict[str, str]:
    """The fields both standing messages name: the metric, its latest value and its target."""
    return {
        "name": shorten(metric.name),
        "value": shown(value, metric.unit),
        "period": period.text,
        "target": shown(target, metric.unit),
        "better": _better(metric),
    }


def kpi_off_target(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    """The latest value of a metric with a target is off it, past the warning threshold if any."""
    for i, metric, period, value, target in _standing(document, "off"):
        yield _finding(
            document.locate_value(i, period.text),
            "kpi-off-target",
            "warning",
            _(
                "metric {name!r} is {value} in {period}, off its target of {target} ({better})"
            ).format(**_standing_words(metric, period, value, target)),
            _(
                "plan an action with `metric: {id}` to bring it back, "
                "or change `target:` if the goal has moved"
            ).format(id=shorten(metric.id)),
        )


def kpi_near_target(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    """The latest value is short of the target but not past the warning threshold.

    A rule of its own, so `--fail-on kpi-off-target` fails only on KPIs that are off target.
    """
    for i, metric, period, value, target in _standing(document, "near"):
        assert metric.warning is not None  # "near" needs a warning threshold
        yield _finding(
            document.locate_value(i, period.text),
            "kpi-near-target",
            "info",
            _(
                "metric {name!r} is {value} in {period}, short of its target of {target} ({better})"
            ).format(**_standing_words(metric, period, value, target)),
            _(
                "it has not passed the warning threshold of {warning} yet; "
                "plan an action before it does"
            ).format(warning=shown(metric.warning, metric.unit)),
        )


def kpi_stale(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    """A metric whose latest value is older than `lint.kpi_stale_days`, or that has none."""
    days = document.journey.lint.kpi_stale_days
    for i, metric in enumerate(document.journey.metrics):
        latest = metric.latest()
        if latest is None:
            yield _finding(
                document.locate(("metrics", i)),
                "kpi-stale",
                "warning",
                _("metric {name!r} has no values yet").format(name=shorten(metric.name)),
                _(
                    "add the measured values under `values:` (`2026-09: 62`) or in a CSV file "
                    "of `metric_files`"
                ),
            )
            continue
        period = latest[0]
        if (context.today - period.end).days > days:
            yield _finding(
                document.locate_value(i, period.text),
                "kpi-stale",
                "warning",
                ngettext(
                    "metric {name!r} was last measured in {period}, "
                    "more than {days} day before {today}",
                    "metric {name!r} was last measured in {period}, "
                    "more than {days} days before {today}",
                    days,
                ).format(
                    name=shorten(metric.name),
                    period=period.text,
                    days=days,
                    today=context.today.isoformat(),
                ),
                _(
                    "add the values measured since, or raise `lint.kpi_stale_days` if it is "
                    "measured less often"
                ),
            )


def kpi_unused(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    """A metric attached to no touchpoint or stage that no live action is measured by."""
    measured = {metric.id for _, _, metric in _measuring(document.journey)}
    for i, metric in enumerate(document.journey.metrics):
        if not metric.at and metric.id not in measured:
            yield _finding(
                document.locate(("metrics", i)),
                "kpi-unused",
                "info",
                _(
                    "metric {name!r} belongs to no touchpoint or stage, "
                    "and no action is measured by it"
                ).format(name=shorten(metric.name)),
                _(
                    "list where it is measured in `at:`, name it in an action's "
                    "`metric: {id}`, or remove it"
                ).format(id=shorten(metric.id)),
            )


def target_missed(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    """A done action whose metric still misses the target `lint.target_after_days` later.

    Judged by the latest value measured since the action finished (else since it was due):
    a period that ended before that says nothing of the action. With no such value, the
    finding says so, since nothing shows yet whether the action reached its target.
    """
    days = document.journey.lint.target_after_days
    for i, action, metric in _measuring(document.journey):
        since = action.finished or action.due
        target = action.target if isinstance(action.target, float | int) else metric.target
        if action.status != "done" or since is None or target is None or not metric.values:
            continue
        after = [(p, v) for p, v in metric.series() if p.end >= since]
        if (context.today - since).days <= days or (
            after and metric.status(after[-1][1], target) == "met"
        ):
            continue
        when = (_("finished {date}") if action.finished else _("due {date}")).format(
            date=since.isoformat()
        )
        named = {"title": shorten(action.title), "when": when, "metric": shorten(metric.id)}
        if not after:
            yield _finding(
                document.locate(("actions", i, "metric"), at_key=True),
                "target-missed",
                "warning",
                ngettext(
                    "action {title!r} was done ({when}), but {metric!r} has no value measured "
                    "since, more than {days} day on",
                    "action {title!r} was done ({when}), but {metric!r} has no value measured "
                    "since, more than {days} days on",
                    days,
                ).format(**named, days=days),
                _(
                    "add the values measured since it was done: only they show whether the "
                    "action reached its target of {target}"
                ).format(target=shown(target, metric.unit)),
            )
            continue
        period, value = after[-1]
        yield _finding(
            document.locate(("actions", i, "metric"), at_key=True),
            "target-missed",
            "warning",
            ngettext(
                "action {title!r} was done ({when}), but {metric!r} is {value} in {period}, "
                "short of the target of {target} ({better}) more than {days} day on",
                "action {title!r} was done ({when}), but {metric!r} is {value} in {period}, "
                "short of the target of {target} ({better}) more than {days} days on",
                days,
            ).format(
                **named,
                value=shown(value, metric.unit),
                period=period.text,
                target=shown(target, metric.unit),
                better=_better(metric),
                days=days,
            ),
            _(
                "plan what to try next (reopen it with `status: in_progress`, or add an action "
                "for the same touchpoints), or change the target if it was wrong"
            ),
        )


def without_data(document: Document) -> Iterator[Diagnostic]:
    """Live actions measured by a metric that has no values, or none since they started."""
    for i, action, metric in _measuring(document.journey):
        series = metric.series()
        if not series:
            message = _("action {title!r} is measured by {metric!r}, which has no values yet")
        elif action.started is not None and all(p.end < action.started for p, _v in series):
            message = _(
                "action {title!r} is measured by {metric!r}, which has no values since the "
                "action started on {started}"
            )
        else:
            continue
        yield _finding(
            document.locate(("actions", i, "metric"), at_key=True),
            "unmeasured-action",
            "warning",
            message.format(
                title=shorten(action.title),
                metric=shorten(metric.id),
                started=action.started.isoformat() if action.started else "",
            ),
            _("add the metric's values under `values:` or in a CSV file of `metric_files`"),
        )


def _kinds_behind(journey: Journey, action: Action) -> list[str]:
    """The research kinds cited as evidence by the touchpoints an action addresses, in order."""
    kinds = {entry.id: entry.kind for entry in journey.research}
    found: dict[str, None] = {}
    for stage, tp in journey.touchpoints():
        if tp.id in action.addresses or stage.id in action.addresses:
            found.update((kinds[r], None) for r in tp.evidence if r in kinds)
    return list(found)


def measured_differently(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    """An action measured by another kind of research than the one that found its problem."""
    journey = document.journey
    for i, action, metric in _measuring(journey):
        kind = metric.measured_by()
        behind = _kinds_behind(journey, action)
        if kind is None or not behind or kind in behind:
            continue
        words = functools.reduce(
            lambda a, b: _("{first} and {second}").format(first=a, second=b), map(_kind, behind)
        )
        yield _finding(
            document.locate(("actions", i, "metric"), at_key=True),
            "measured-differently",
            "info",
            _(
                "action {title!r} is measured by {metric!r} ({kind}), "
                "but the problem was found by {kinds}"
            ).format(
                title=shorten(action.title),
                metric=shorten(metric.id),
                kind=_kind(kind),
                kinds=words,
            ),
            _(
                "measure it with the same kind of research as found the problem: use a metric "
                "of that kind, or set `method:` on {metric!r} if it is one"
            ).format(metric=shorten(metric.id)),
        )
