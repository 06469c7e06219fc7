"""Map-health rules beyond schema validity: pains nobody works on, stale maps, dead ends.

A valid journey can still be a poor map. Each rule is a small check over a loaded `Document`
that yields diagnostics pointing into the file; `RULES` is the literal registry, and a file's
`lint.disable` or the caller's `disable` switch rules off.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, replace
from datetime import date

from cjmctl.health import backstage, journeylinks, loop, priorityrules, prose
from cjmctl.i18n import _, language, number
from cjmctl.journey.diagnostics import Diagnostic, Severity, format_path, shorten
from cjmctl.journey.loader import Document
from cjmctl.journey.model import Journey, Stage, Touchpoint
from cjmctl.journey.scale import EmotionScale
from cjmctl.renderers.funnel import grows
from cjmctl.renderers.review import overdue

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class LintContext:
    """What a check needs besides the file: the date that decides staleness, the score bar."""

    today: date
    score_threshold: int


Check = Callable[[Document, LintContext], Iterator[Diagnostic]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A lint rule: its usual severity, its check, and what it looks for in one line.

    The description documents the rule (the README's table); no command prints it.
    """

    severity: Severity
    check: Check
    description: str


def _report(
    document: Document,
    loc: Loc,
    rule: str,
    message: str,
    hint: str,
    *,
    at_key: bool = False,
    severity: Severity | None = None,
) -> Diagnostic:
    return replace(
        document.locate(loc, at_key=at_key),
        message=message,
        hint=hint,
        severity=severity or RULES[rule].severity,
        rule=rule,
    )


def _touchpoint_locs(journey: Journey) -> Iterator[tuple[Loc, Stage, Touchpoint]]:
    for i, stage in enumerate(journey.stages):
        for j, tp in enumerate(stage.touchpoints):
            yield ("stages", i, "touchpoints", j), stage, tp


def _addressed(journey: Journey) -> set[str]:
    """Ids of the touchpoints some live action addresses, directly or through their stage.

    A dropped action is kept only as a record of a decision: it addresses nothing.
    """
    ids = {ref for a in journey.actions if a.status != "dropped" for ref in a.addresses}
    return {tp.id for stage, tp in journey.touchpoints() if tp.id in ids or stage.id in ids}


def _negative_emotions(tp: Touchpoint, scale: EmotionScale) -> str:
    """The touchpoint's emotions in a negative band, as written: `-2`, `anna: -1, boris: -2`.

    Bands (`EmotionScale.level`), not scores, so a 1..5 map is judged as its -2..+2 twin: its
    1 and 2 are negative.
    """
    if isinstance(tp.emotion, dict):
        return ", ".join(
            f"{shorten(p)}: {s}" for p, s in tp.emotion.items() if scale.level(s) <= -1
        )
    negative = tp.emotion is not None and scale.level(tp.emotion) <= -1
    return str(tp.emotion) if negative else ""


def _unaddressed_pain(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    addressed = _addressed(document.journey)
    for loc, stage, tp in _touchpoint_locs(document.journey):
        negative = _negative_emotions(tp, document.journey.emotion_scale)
        if tp.id in addressed or not (negative or tp.pains):
            continue
        if negative and tp.pains:
            message = _(
                "touchpoint {name!r} has a negative emotion ({emotion}) and pains, "
                "but no action addresses it"
            )
        elif negative:
            message = _(
                "touchpoint {name!r} has a negative emotion ({emotion}), but no action addresses it"
            )
        else:
            message = _("touchpoint {name!r} has pains, but no action addresses it")
        yield _report(
            document,
            (*loc, "emotion" if negative else "pains"),
            "unaddressed-pain",
            message.format(name=shorten(tp.name), emotion=negative),
            _(
                "add an action with `addresses: [{id}]` (or its stage, {stage!r}) "
                "to the action plan"
            ).format(id=shorten(tp.id), stage=shorten(stage.id)),
            at_key=True,
        )


def _unmeasured(field: str) -> tuple[str, str]:
    """The message and hint of an action without `field`: `metric` or `owner`."""
    if field == "metric":
        return (
            _("action {title!r} has no metric"),
            _("add `metric:` saying how the effect will be measured"),
        )
    return _("action {title!r} has no owner"), _("add `owner:` naming who does it")


def _unmeasured_action(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    for i, action in enumerate(document.journey.actions):
        if action.status == "dropped":
            continue
        for field in ("metric", "owner"):
            if getattr(action, field) is None:
                message, hint = _unmeasured(field)
                yield _report(
                    document,
                    ("actions", i),
                    "unmeasured-action",
                    message.format(title=shorten(action.title)),
                    hint,
                )
    yield from loop.without_data(document)


def _empty_stage(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    for i, stage in enumerate(document.journey.stages):
        if not stage.touchpoints:
            yield _report(
                document,
                ("stages", i),
                "empty-stage",
                _("stage {name!r} has no touchpoints").format(name=shorten(stage.name)),
                _(
                    "add the touchpoints where customers meet the company in this stage, "
                    "or remove the stage"
                ),
            )


def _unreachable_touchpoint(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    journey = document.journey
    ordered = journey.touchpoints()
    if not ordered:
        return
    reached: set[tuple[str, str]] = set()
    for state in ("current", "future"):  # a touchpoint is reached in a state it belongs to
        following: dict[str, list[str]] = {}
        for source, target in journey.flow(state):
            following.setdefault(source.id, []).append(target.id)
        # Customers may come in at any touchpoint of the first stage (online or by phone).
        first = next((s.touchpoints for s in journey.stages if s.touchpoints), [])
        todo = [tp.id for tp in first if tp.in_state(state)]
        reached |= {(state, tp_id) for tp_id in todo}
        while todo:
            for tp_id in following.get(todo.pop(), []):
                if (state, tp_id) not in reached:
                    reached.add((state, tp_id))
                    todo.append(tp_id)
    for loc, _stage, tp in _touchpoint_locs(journey):
        if not any((state, tp.id) in reached for state in ("current", "future")):
            yield _report(
                document,
                loc,
                "unreachable-touchpoint",
                _("touchpoint {name!r} cannot be reached from the start of the journey").format(
                    name=shorten(tp.name)
                ),
                _(
                    "list {id!r} in the `next` of a touchpoint customers reach, "
                    "or remove the touchpoint"
                ).format(id=shorten(tp.id)),
            )


def _dead_end(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    journey = document.journey
    forks = {target.id for source, target in journey.flow() if len(source.next or []) > 1}
    last = journey.stages[-1].id
    for loc, stage, tp in _touchpoint_locs(journey):
        if tp.next == [] and stage.id != last and tp.id not in forks:
            yield _report(
                document,
                (*loc, "next"),
                "dead-end",
                _("the journey ends at touchpoint {name!r}, before the last stage").format(
                    name=shorten(tp.name)
                ),
                _(
                    "list where the customer goes next in `next`; if this is an exit, reach it "
                    "from a fork: a touchpoint whose `next` lists it beside the way on"
                ),
                at_key=True,
            )


def _unsupported_emotion(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    """An emotion nothing says how it is known; one whose claim says so is the report's."""
    for loc, _stage, tp in _touchpoint_locs(document.journey):
        if tp.emotion is not None and not tp.evidence and tp.claims.emotion is None:
            yield _report(
                document,
                (*loc, "emotion"),
                "unsupported-emotion",
                _("the emotion at touchpoint {name!r} cites no research").format(
                    name=shorten(tp.name)
                ),
                _(
                    "add `evidence:` with the ids of the research entries it comes from, or say "
                    "how it is known in `claims: {{emotion: {{status: assumed}}}}`; "
                    "`cjmctl stats --evidence` lists every claim and what backs it"
                ).format(),
                at_key=True,
            )


def _important_unsatisfied(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    rule = "important-unsatisfied"
    for found in priorityrules.important_unsatisfied(document, _addressed(document.journey)):
        yield replace(found, severity=RULES[rule].severity, rule=rule)


def _observed_without_source(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    rule = "observed-without-source"
    for found in priorityrules.observed_without_source(document):
        yield replace(found, severity=RULES[rule].severity, rule=rule)


def _stale_map(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    journey = document.journey
    if journey.reviewed is None:
        yield _report(
            document,
            ("reviewed",),
            "stale-map",
            _("the map has no `reviewed` date"),
            _(
                "add `reviewed: YYYY-MM-DD` and `review_every_days:` so lint can tell when the "
                "map needs a review"
            ),
            severity="info",
        )
        return
    due = journey.review_due()
    if due is not None and due < context.today:
        yield _report(
            document,
            ("reviewed",),
            "stale-map",
            _("the map is stale: last reviewed {reviewed}, a review was due by {due}").format(
                reviewed=journey.reviewed.isoformat(), due=due.isoformat()
            ),
            _("check the map against current research, then set `reviewed:` to that day"),
            at_key=True,
        )


def _low_score(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    """Scores of each entry, written or computed; of a repeated study only its latest wave."""
    journey = document.journey
    addressed = _addressed(journey)
    names = {tp.id: tp.name for _, tp in journey.touchpoints()}
    latest = {id(entries[-1]) for entries in journey.waves().values()}
    for i, entry in enumerate(journey.research):
        if entry.study is not None and id(entry) not in latest:
            continue
        for tp_id, score in journey.scores_of(entry).items():
            if score < context.score_threshold and tp_id not in addressed:
                yield _report(
                    document,
                    _score_loc(journey, i, tp_id),
                    "low-score",
                    _(
                        "touchpoint {name!r} scores {score}, below {threshold}, "
                        "and no action addresses it"
                    ).format(
                        name=shorten(names.get(tp_id, tp_id)),
                        score=loop.shown(score),
                        threshold=context.score_threshold,
                    ),
                    _("add an action with `addresses: [{id}]` to the action plan").format(
                        id=shorten(tp_id)
                    ),
                    at_key=True,
                )


def _score_loc(journey: Journey, i: int, tp_id: str) -> Loc:
    """Where a score comes from: its key in `scores`, the `visits`, or its key in `ratings`."""
    entry = journey.research[i]
    if tp_id in entry.scores:
        return ("research", i, "scores", tp_id)
    if tp_id in journey.audit(entry).overall:
        return ("research", i, "visits")
    return ("research", i, "ratings", tp_id)


def _same(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _duplicate_touchpoint(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    for i, stage in enumerate(document.journey.stages):
        first: dict[tuple[str, str], int] = {}
        for j, tp in enumerate(stage.touchpoints):
            key = (_same(tp.channel), _same(tp.name))
            if key not in first:
                first[key] = j
                continue
            yield _report(
                document,
                ("stages", i, "touchpoints", j),
                "duplicate-touchpoint",
                _(
                    "touchpoint {name!r} repeats another one of stage {stage!r} in the same channel"
                ).format(name=shorten(tp.name), stage=shorten(stage.name)),
                _("the first is at {path}; merge the two or tell them apart by name").format(
                    path=format_path(("stages", i, "touchpoints", first[key]))
                ),
            )


def _split_sentence(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    for found in prose.split_sentences(document):
        yield replace(found, severity=RULES["split-sentence"].severity, rule="split-sentence")


def _dash_in_text(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    for found in prose.folded_dashes(document):
        yield replace(found, severity=RULES["dash-in-text"].severity, rule="dash-in-text")


def _overdue_action(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    for i, action in enumerate(document.journey.actions):
        if overdue(action, context.today) and action.due is not None:
            yield _report(
                document,
                ("actions", i, "due"),
                "overdue-action",
                (
                    _("action {title!r} was due {due} and is still planned")
                    if action.status == "planned"
                    else _("action {title!r} was due {due} and is still in progress")
                ).format(title=shorten(action.title), due=action.due.isoformat()),
                _(
                    "finish it and set `status: done`, drop it with `status: dropped`, "
                    "or set `due:` to the day it will be done"
                ),
            )


def _funnel_grows(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    """A later stage that more customers reach, where they can only come from the one before.

    A stage that a flow step reaches around its predecessor is an alternative branch (pick-up
    or delivery): that it is larger says nothing wrong about the counts.
    """
    journey = document.journey
    stage_of = {tp.id: n for n, stage in enumerate(journey.stages) for tp in stage.touchpoints}
    around = {stage_of[b.id] for a, b in journey.flow() if stage_of[a.id] < stage_of[b.id] - 1}
    for i, (before, later) in enumerate(itertools.pairwise(journey.stages)):
        wider = grows(journey, i)
        if wider is not None and i + 1 not in around:
            yield _report(
                document,
                ("stages", i + 1, "reached"),
                "funnel-grows",
                _(
                    "stage {name!r} is reached by {wider}, more than the {reached} of stage "
                    "{before!r} before it: the funnel grows, so no conversion can be shown"
                ).format(
                    name=shorten(later.name),
                    wider=number(wider, language()),
                    reached=number(before.reached or 0, language()),
                    before=shorten(before.name),
                ),
                _(
                    "check both `reached` counts; if customers also come in another way, list "
                    "that way in a `next`, or leave `reached` out where it is not known"
                ),
            )


def _link_target_missing(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    yield from journeylinks.check(document)


def _pain_without_backstage_owner(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    yield from backstage.check(document)


RULES: dict[str, Rule] = {
    "unaddressed-pain": Rule(
        "warning",
        _unaddressed_pain,
        description="a touchpoint with pains or an emotion <= -1 (on another scale: in a "
        "negative band) that no action (not dropped) addresses",
    ),
    "unmeasured-action": Rule(
        "warning",
        _unmeasured_action,
        description="an action (not dropped) without a metric or an owner, or whose metric has no "
        "data",
    ),
    "empty-stage": Rule("warning", _empty_stage, description="a stage without touchpoints"),
    "unreachable-touchpoint": Rule(
        "warning",
        _unreachable_touchpoint,
        description="a touchpoint the flow never reaches from the first stage's touchpoints",
    ),
    "dead-end": Rule(
        "warning",
        _dead_end,
        description="`next: []` before the last stage, unless a fork (a `next` of 2+ ids) leads "
        "there",
    ),
    "unsupported-emotion": Rule(
        "info",
        _unsupported_emotion,
        description="a touchpoint with an emotion but no evidence, and no claim saying how it is "
        "known",
    ),
    "stale-map": Rule(
        "warning",
        _stale_map,
        description="the review is overdue (an info when `reviewed` is missing)",
    ),
    "low-score": Rule(
        "warning",
        _low_score,
        description="a research score below the threshold for a touchpoint no action addresses",
    ),
    "duplicate-touchpoint": Rule(
        "info",
        _duplicate_touchpoint,
        description="two touchpoints of a stage with one channel and name",
    ),
    "split-sentence": Rule(
        "warning",
        _split_sentence,
        description="items of a `[a, b]` prose list that look like one sentence cut at a comma",
    ),
    "dash-in-text": Rule(
        "warning",
        _dash_in_text,
        description="a line of plain text that starts with '-' and so continues the text above",
    ),
    "overdue-action": Rule(
        "warning",
        _overdue_action,
        description="a planned or in-progress action whose `due` date is before `--today`",
    ),
    "funnel-grows": Rule(
        "warning",
        _funnel_grows,
        description="a stage's `reached` larger than the previous stage's: no conversion can be "
        "shown",
    ),
    "kpi-off-target": Rule(
        "warning",
        loop.kpi_off_target,
        description="a metric's latest value off its target, past `warning` if it has one",
    ),
    "kpi-near-target": Rule(
        "info",
        loop.kpi_near_target,
        description="a metric's latest value short of its target, not past its `warning` threshold",
    ),
    "kpi-stale": Rule(
        "warning",
        loop.kpi_stale,
        description="a metric with no values, or none newer than `lint.kpi_stale_days` (62)",
    ),
    "kpi-unused": Rule(
        "info",
        loop.kpi_unused,
        description="a metric attached to nothing (`at`) that no action measures",
    ),
    "target-missed": Rule(
        "warning",
        loop.target_missed,
        description="a done action whose metric misses the target `lint.target_after_days` (90) "
        "later",
    ),
    "measured-differently": Rule(
        "info",
        loop.measured_differently,
        description="an action measured by another kind of research than the one that found the "
        "problem",
    ),
    journeylinks.RULE: Rule(
        journeylinks.SEVERITY,
        _link_target_missing,
        description="a `link` to a journey of the project that does not exist, does not "
        "validate, or has no such `#part`; or to the journey itself without a part",
    ),
    # #15 matrix
    "important-unsatisfied": Rule(
        "warning",
        _important_unsatisfied,
        description="importance >= 4 (customer or business), satisfaction <= 2, and no action "
        "addresses it",
    ),
    "observed-without-source": Rule(
        "warning",
        _observed_without_source,
        description="a claim marked observed with no source, on a touchpoint that cites no "
        "evidence",
    ),
    backstage.RULE: Rule(
        backstage.SEVERITY,
        _pain_without_backstage_owner,
        description="a touchpoint with pains and no `backstage_owner`, in a journey with blueprint "
        "lanes",
    ),
}


def _did_you_mean(rule: str) -> str:
    close = difflib.get_close_matches(rule, list(RULES), n=1, cutoff=0.6)
    if close:
        return _("did you mean {rule!r}?").format(rule=close[0])
    return _("known rules: {rules}").format(rules=", ".join(RULES))


def check_rule_ids(rules: Collection[str]) -> None:
    """Raise ValueError naming the first id in `rules` that is not a lint rule."""
    for rule in rules:
        if rule not in RULES:
            raise ValueError(
                _("unknown lint rule {rule!r}; {suggestion}").format(
                    rule=shorten(rule), suggestion=_did_you_mean(rule)
                )
            )


def lint(document: Document, *, today: date, disable: Collection[str] = ()) -> list[Diagnostic]:
    """Check a loaded journey against every rule that neither `disable` nor the file switch off.

    Raises:
        ValueError: `disable` names a rule that does not exist.
    """
    check_rule_ids(disable)
    journey = document.journey
    found = [
        _report(
            document,
            ("lint", "disable", i),
            "unknown-rule",
            _("unknown lint rule {rule!r}").format(rule=shorten(rule)),
            _did_you_mean(rule),
            severity="error",
        )
        for i, rule in enumerate(journey.lint.disable)
        if rule not in RULES
    ]
    context = LintContext(today, journey.lint.score_threshold)
    off = set(disable) | set(journey.lint.disable)
    for rule_id, rule in RULES.items():
        if rule_id not in off:
            found += rule.check(document, context)
    return sorted(found)
