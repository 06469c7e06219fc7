"""The future state of a journey beside its current one (Будущее состояние).

A touchpoint says how it will be once the plan is done (`future:`), or that it exists in one
state only (`state: current` is removed in the future, `state: future` is added). The future
journey is then derived: nothing about the current state is written twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal, TypeVar

from pydantic import Field

from cjmctl.journey import validators
from cjmctl.journey.evidence import Claim
from cjmctl.journey.fieldtypes import Emotion, Text, TextList
from cjmctl.journey.parts import Identified, Part
from cjmctl.journey.terms import term_ru

if TYPE_CHECKING:
    from cjmctl.journey.model import Journey, Touchpoint
    from cjmctl.journey.research import Research

StateName = Literal["both", "current", "future"]
P = TypeVar("P", bound=Identified)


class FutureState(Part):
    """How the touchpoint will be in the future state; what is left out stays as it is now."""

    emotion: Emotion | None = Field(
        None,
        description="The target emotion in the future state, on the journey's emotion scale, "
        "or one per persona as {persona_id: score}.",
        json_schema_extra=term_ru("Целевая эмоция"),
        examples=[1, {"anna": 2, "boris": 1}],
    )
    action: Text | None = Field(
        None,
        description="What the customer will do here instead.",
        json_schema_extra=term_ru("Действия клиента в будущем"),
        examples=["Picks a delivery slot on the product page"],
    )
    thoughts: Text | None = Field(
        None,
        description="What the customer will think here.",
        json_schema_extra=term_ru("Мысли в будущем"),
        examples=["Great, Saturday works"],
    )
    pains: TextList = Field(
        default_factory=list,
        description="Pains that remain in the future state.",
        json_schema_extra=term_ru("Боли в будущем"),
        examples=[["Still no evening slots"]],
    )
    change: Text | None = Field(
        None,
        description="What changes here between the states, in a line.",
        json_schema_extra=term_ru("Что меняется"),
        examples=["Slots move from a phone call to the product page"],
    )


# The derived states: each a plain journey that any renderer draws alone. Defined here, beside
# the format's fields, and typed against the model only: the model imports this module.

View = Literal["both", "current", "future"]
"""What a render shows: both states (the current map with the future marked), or one alone."""
State = Literal["current", "future"]


def has_future(journey: Journey) -> bool:
    """Whether the journey says anything about a future state."""
    return any(tp.state != "both" or tp.future is not None for _, tp in journey.touchpoints())


def changes(tp: Touchpoint) -> bool:
    """Whether a touchpoint of both states is different in the future one."""
    future = tp.future
    if tp.state != "both" or future is None:
        return False
    return future != validators.validate(FutureState, {})


def current_journey(journey: Journey) -> Journey:
    """The current state alone: touchpoints added in the future left out, no `future:`."""
    return _derived(journey, "current", _as_now)


def future_journey(journey: Journey) -> Journey:
    """The future state alone: removed touchpoints left out, `future:` fields applied.

    Where `future:` gives an emotion, action, thoughts or pains, they replace the current ones
    and their claim becomes `proposed` (the future is a proposal until it is measured); a new
    emotion drops the old feeling word. Everything else stays as it is now.
    """
    return _derived(journey, "future", _as_then)


def select(journey: Journey, view: View) -> Journey:
    """The journey a render of `view` draws: as written for both, else one state alone."""
    if view == "both" or not has_future(journey):
        return journey
    return current_journey(journey) if view == "current" else future_journey(journey)


def _as_now(tp: Touchpoint) -> Touchpoint:
    return tp.model_copy(update={"state": "both", "future": None})


def _as_then(tp: Touchpoint) -> Touchpoint:
    future = tp.future or validators.validate(FutureState, {})
    update: dict[str, object] = {"state": "both", "future": None}
    proposed = validators.validate(Claim, {"status": "proposed"})
    claims: dict[str, Claim] = {}
    if future.emotion is not None:
        update |= {"emotion": future.emotion, "feeling": None}
        claims["emotion"] = proposed
    if future.action is not None:
        update["action"] = future.action
    if future.thoughts is not None:
        update["thoughts"] = future.thoughts
        claims["thoughts"] = proposed
    if future.pains:
        update["pains"] = future.pains
        claims["pains"] = proposed
    if claims:
        update["claims"] = tp.claims.model_copy(update=claims)
    return tp.model_copy(update=update)


def _derived(journey: Journey, state: State, apply: Callable[[Touchpoint], Touchpoint]) -> Journey:
    """One state of `journey` as a journey of its own, every reference still resolving.

    A `next` naming a touchpoint the state lacks names where it leads in that state (see
    `Journey.entries`); plan, metrics and research keep only references to what is there.
    """
    entry = journey.entries(state)
    stage_ids = {stage.id for stage in journey.stages}
    kept = stage_ids | {tp.id for _, tp in journey.touchpoints() if tp.in_state(state)}

    def touchpoint(tp: Touchpoint) -> Touchpoint:
        shown = apply(tp)
        if tp.next is None or all(ref in kept for ref in tp.next):
            return shown
        return shown.model_copy(update={"next": _rewritten(tp, entry, kept)})

    stages = [
        stage.model_copy(
            update={"touchpoints": [touchpoint(t) for t in stage.touchpoints if t.in_state(state)]}
        )
        for stage in journey.stages
    ]
    return journey.model_copy(
        update={
            "stages": stages,
            "actions": [
                a.model_copy(update={"addresses": [r for r in a.addresses if r in kept]})
                for a in journey.actions
            ],
            "metrics": [
                m.model_copy(update={"at": [r for r in m.at if r in kept]}) for m in journey.metrics
            ],
            "research": [_research(r, kept) for r in journey.research],
        }
    )


def _rewritten(tp: Touchpoint, entry: dict[str, Touchpoint], kept: set[str]) -> list[str]:
    """`tp.next` with each absent touchpoint replaced by where it leads, as `Journey.onward`."""
    found: list[str] = []
    seen: set[str] = set()
    for ref in tp.next or []:
        target = entry.get(ref)
        if ref in kept:
            found.append(ref)
            seen |= {target.id} if target is not None else set()
        elif target is not None and target.id != tp.id and target.id not in seen:
            found.append(target.id)
            seen.add(target.id)
    return found


def _research(entry: Research, kept: set[str]) -> Research:
    visits = [
        v.model_copy(update={"results": {k: r for k, r in v.results.items() if k in kept}})
        for v in entry.visits
    ]
    return entry.model_copy(
        update={
            "scores": {k: v for k, v in entry.scores.items() if k in kept},
            "ratings": {k: v for k, v in entry.ratings.items() if k in kept},
            "visits": visits,
        }
    )


def combine(current: Journey, future: Journey) -> Journey:
    """Two journey files, one of the current and one of the future state, as one journey.

    Touchpoints are matched by id: one only in the current file is removed in the future
    (`state: current`), one only in the future file added (`state: future`, placed before the
    touchpoint it precedes there), one in both gets a `future:` with the emotion, action,
    thoughts and pains that differ. Stages, personas, channels, research, metrics, outlets and
    actions are the current file's, with those only the future file has added (before the part
    they precede there), so that every reference of an added touchpoint still resolves. Each
    file is read as its own state first: the current file's current state, the future file's
    future state. The format has no future `next`, so the touchpoints of both files keep the
    current file's; an added touchpoint keeps its own.
    """
    now, then = current_journey(current), future_journey(future)
    theirs = {tp.id: tp for _, tp in then.touchpoints()}
    ours = {tp.id for _, tp in now.touchpoints()}
    context = {"emotion_scale": (now.emotion_scale.min, now.emotion_scale.max)}

    def compared(tp: Touchpoint) -> Touchpoint:
        other = theirs.get(tp.id)
        if other is None:
            return tp.model_copy(update={"state": "current"})
        given = {
            key: getattr(other, key)
            for key in ("emotion", "action", "thoughts", "pains")
            if getattr(other, key) not in (None, []) and getattr(other, key) != getattr(tp, key)
        }
        if not given:
            return tp
        return tp.model_copy(update={"future": validators.validate(FutureState, given, context)})

    added = {s.id: [tp for tp in s.touchpoints if tp.id not in ours] for s in then.stages}
    kept_stages = {s.id for s in now.stages}
    stages = []
    for stage in _merged(now.stages, then.stages):
        mine = [compared(tp) for tp in stage.touchpoints] if stage.id in kept_stages else []
        new = [tp.model_copy(update={"state": "future"}) for tp in added.get(stage.id, [])]
        later = next((s for s in then.stages if s.id == stage.id), None)
        order = [tp.id for tp in later.touchpoints] if later is not None else []
        stages.append(stage.model_copy(update={"touchpoints": _placed(mine, new, order)}))
    return now.model_copy(
        update={
            "stages": stages,
            **{
                key: _merged(getattr(now, key), getattr(then, key))
                for key in ("personas", "channels", "actions", "research", "metrics", "outlets")
            },
        }
    )


def _merged(ours: list[P], theirs: list[P]) -> list[P]:
    """`ours`, with each part of `theirs` whose id it lacks before the one it precedes there."""
    found = list(ours)
    have = {p.id for p in ours}
    for n, part in enumerate(theirs):
        if part.id in have:
            continue
        have.add(part.id)
        found.insert(_before(found, [p.id for p in theirs[n + 1 :]]), part)
    return found


def _placed(ours: list[Touchpoint], new: list[Touchpoint], order: list[str]) -> list[Touchpoint]:
    """Touchpoints of one stage: the current file's, each added one before the one it precedes."""
    found = list(ours)
    for tp in new:
        found.insert(_before(found, order[order.index(tp.id) + 1 :]), tp)
    return found


def _before(found: Sequence[Identified], after: list[str]) -> int:
    """Where a part goes: before the first of `after` (the ids following it) already placed."""
    placed = {p.id: k for k, p in enumerate(found)}
    return next((placed[i] for i in after if i in placed), len(found))
