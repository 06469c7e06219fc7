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
    """A lint rule: its usual severity, what it looks for in one line, and its check."""

    severity: Severity
    summary: str
    check: Check


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
        reasons = [f"a negative emotion ({negative})"] if negative else []
        reasons += ["pains"] if tp.pains else []
        yield _report(
            document,
            (*loc, "emotion" if negative else "pains"),
            "unaddressed-pain",
            f"touchpoint {shorten(tp.name)!r} has {' and '.join(reasons)}, "
            "but no action addresses it",
            f"add an action with `addresses: [{shorten(tp.id)}]` "
            f"(or its stage, {shorten(stage.id)!r}) to the action plan",
            at_key=True,
        )


_MEASURES = {
    "metric": "add `metric:` saying how the effect will be measured",
    "owner": "add `owner:` naming who does it",
}


def _unmeasured_action(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    for i, action in enumerate(document.journey.actions):
        if action.status == "dropped":
            continue
        for field, hint in _MEASURES.items():
            if getattr(action, field) is None:
                yield _report(
                    document,
                    ("actions", i),
                    "unmeasured-action",
                    f"action {shorten(action.title)!r} has no {field}",
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
                f"stage {shorten(stage.name)!r} has no touchpoints",
                "add the touchpoints where customers meet the company in this stage, "
                "or remove the stage",
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
    for loc, _, tp in _touchpoint_locs(journey):
        if not any((state, tp.id) in reached for state in ("current", "future")):
            yield _report(
                document,
                loc,
                "unreachable-touchpoint",
                f"touchpoint {shorten(tp.name)!r} cannot be reached from the start of the journey",
                f"list {shorten(tp.id)!r} in the `next` of a touchpoint customers reach, "
                "or remove the touchpoint",
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
                f"the journey ends at touchpoint {shorten(tp.name)!r}, before the last stage",
                "list where the customer goes next in `next`; if this is an exit, reach it from "
                "a fork: a touchpoint whose `next` lists it beside the way on",
                at_key=True,
            )


def _unsupported_emotion(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    """An emotion nothing says how it is known; one whose claim says so is the report's."""
    for loc, _, tp in _touchpoint_locs(document.journey):
        if tp.emotion is not None and not tp.evidence and tp.claims.emotion is None:
            yield _report(
                document,
                (*loc, "emotion"),
                "unsupported-emotion",
                f"the emotion at touchpoint {shorten(tp.name)!r} cites no research",
                "add `evidence:` with the ids of the research entries it comes from, or say how "
                "it is known in `claims: {emotion: {status: assumed}}`; "
                "`cjmctl stats --evidence` lists every claim and what backs it",
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
            "the map has no `reviewed` date",
            "add `reviewed: YYYY-MM-DD` and `review_every_days:` so lint can tell when the "
            "map needs a review",
            severity="info",
        )
        return
    due = journey.review_due()
    if due is not None and due < context.today:
        yield _report(
            document,
            ("reviewed",),
            "stale-map",
            f"the map is stale: last reviewed {journey.reviewed.isoformat()}, "
            f"a review was due by {due.isoformat()}",
            "check the map against current research, then set `reviewed:` to that day",
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
                    f"touchpoint {shorten(names.get(tp_id, tp_id))!r} scores "
                    f"{loop.shown(score)}, below {context.score_threshold}, "
                    "and no action addresses it",
                    f"add an action with `addresses: [{shorten(tp_id)}]` to the action plan",
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
                f"touchpoint {shorten(tp.name)!r} repeats another one of stage "
                f"{shorten(stage.name)!r} in the same channel",
                "the first is at "
                + format_path(("stages", i, "touchpoints", first[key]))
                + "; merge the two or tell them apart by name",
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
                f"action {shorten(action.title)!r} was due {action.due.isoformat()} and is still "
                + action.status.replace("_", " "),
                "finish it and set `status: done`, drop it with `status: dropped`, "
                "or set `due:` to the day it will be done",
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
                f"stage {shorten(later.name)!r} is reached by {wider}, more than the "
                f"{before.reached} of stage {shorten(before.name)!r} before it: the funnel "
                "grows, so no conversion can be shown",
                "check both `reached` counts; if customers also come in another way, list "
                "that way in a `next`, or leave `reached` out where it is not known",
            )


def _link_target_missing(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    yield from journeylinks.check(document)


def _pain_without_backstage_owner(document: Document, context: LintContext) -> Iterator[Diagnostic]:
    yield from backstage.check(document)


RULES: dict[str, Rule] = {
    "unaddressed-pain": Rule(
        "warning",
        "a touchpoint with pains or an emotion <= -1 (on another scale: in a negative band) "
        "that no action (not dropped) addresses",
        _unaddressed_pain,
    ),
    "unmeasured-action": Rule(
        "warning",
        "an action (not dropped) without a metric or an owner, or whose metric has no data",
        _unmeasured_action,
    ),
    "empty-stage": Rule("warning", "a stage without touchpoints", _empty_stage),
    "unreachable-touchpoint": Rule(
        "warning",
        "a touchpoint the flow never reaches from the first stage's touchpoints",
        _unreachable_touchpoint,
    ),
    "dead-end": Rule(
        "warning",
        "`next: []` before the last stage, unless a fork (a `next` of 2+ ids) leads there",
        _dead_end,
    ),
    "unsupported-emotion": Rule(
        "info",
        "a touchpoint with an emotion but no evidence, and no claim saying how it is known",
        _unsupported_emotion,
    ),
    "stale-map": Rule(
        "warning", "the review is overdue (an info when `reviewed` is missing)", _stale_map
    ),
    "low-score": Rule(
        "warning",
        "a research score below the threshold for a touchpoint no action addresses",
        _low_score,
    ),
    "duplicate-touchpoint": Rule(
        "info", "two touchpoints of a stage with one channel and name", _duplicate_touchpoint
    ),
    "split-sentence": Rule(
        "warning",
        "items of a `[a, b]` prose list that look like one sentence cut at a comma",
        _split_sentence,
    ),
    "dash-in-text": Rule(
        "warning",
        "a line of plain text that starts with '-' and so continues the text above",
        _dash_in_text,
    ),
    "overdue-action": Rule(
        "warning",
        "a planned or in-progress action whose `due` date is before `--today`",
        _overdue_action,
    ),
    "funnel-grows": Rule(
        "warning",
        "a stage's `reached` larger than the previous stage's: no conversion can be shown",
        _funnel_grows,
    ),
    "kpi-off-target": Rule(
        "warning",
        "a metric's latest value off its target, past `warning` if it has one",
        loop.kpi_off_target,
    ),
    "kpi-near-target": Rule(
        "info",
        "a metric's latest value short of its target, not past its `warning` threshold",
        loop.kpi_near_target,
    ),
    "kpi-stale": Rule(
        "warning",
        "a metric with no values, or none newer than `lint.kpi_stale_days` (62)",
        loop.kpi_stale,
    ),
    "kpi-unused": Rule(
        "info", "a metric attached to nothing (`at`) that no action measures", loop.kpi_unused
    ),
    "target-missed": Rule(
        "warning",
        "a done action whose metric misses the target `lint.target_after_days` (90) later",
        loop.target_missed,
    ),
    "measured-differently": Rule(
        "info",
        "an action measured by another kind of research than the one that found the problem",
        loop.measured_differently,
    ),
    journeylinks.RULE: Rule(
        journeylinks.SEVERITY,
        "a `link` to a journey of the project that does not exist, does not validate, or has "
        "no such `#part`; or to the journey itself without a part",
        _link_target_missing,
    ),
    # #15 matrix
    "important-unsatisfied": Rule(
        "warning",
        "importance >= 4 (customer or business), satisfaction <= 2, and no action addresses it",
        _important_unsatisfied,
    ),
    "observed-without-source": Rule(
        "warning",
        "a claim marked observed with no source, on a touchpoint that cites no evidence",
        _observed_without_source,
    ),
    backstage.RULE: Rule(
        backstage.SEVERITY,
        "a touchpoint with pains and no `backstage_owner`, in a journey with blueprint lanes",
        _pain_without_backstage_owner,
    ),
}


def _did_you_mean(rule: str) -> str:
    close = difflib.get_close_matches(rule, list(RULES), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else "known rules: " + ", ".join(RULES)


def check_rule_ids(rules: Collection[str]) -> None:
    """Raise ValueError naming the first id in `rules` that is not a lint rule."""
    for rule in rules:
        if rule not in RULES:
            raise ValueError(f"unknown lint rule {shorten(rule)!r}; {_did_you_mean(rule)}")


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
            f"unknown lint rule {shorten(rule)!r}",
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
