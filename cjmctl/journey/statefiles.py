"""Two journey files as one (`--future FILE`): refused on two scales, checked as a whole.

`states.combine` joins two valid journeys; what it makes was never written in a file. So the
pair is refused where the combination would misread one file (its scores on the other's
scale), and the combination is validated as a file is: nothing invalid reaches a renderer.
Each problem points into the file it comes from.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from pydantic import ValidationError

from cjmctl.i18n import _
from cjmctl.journey import checks, messages, scale, validators
from cjmctl.journey.diagnostics import Diagnostic
from cjmctl.journey.model import Journey
from cjmctl.journey.scale import DEFAULT_SCALE

if TYPE_CHECKING:
    from cjmctl.journey.loader import Document

Loc = tuple[str | int, ...]
_LISTS = ("personas", "channels", "actions", "research", "metrics", "outlets")


def other_scale(current: Document, future: Document) -> list[Diagnostic]:
    """The future file's scale, if it is not the journey's: its scores would mean other levels.

    Said at the file's `emotion_scale` key, or at its first score where it picks none (the
    default -2..+2 then); a file with neither scores nothing, so any scale fits it. Names
    need not match: the journey's are shown.
    """
    ours, theirs = current.journey.emotion_scale, future.journey.emotion_scale
    if (ours.min, ours.max) == (theirs.min, theirs.max):
        return []
    picked = future.source_at(("emotion_scale",)) is not None
    at = ("emotion_scale",) if picked else _first_score(future.journey)
    if at is None:
        return []
    if (ours.min, ours.max) == (DEFAULT_SCALE.min, DEFAULT_SCALE.max):
        hint = _(
            "score both files on one scale: -2..+2, the journey's; drop the `emotion_scale` here"
        )
    else:
        hint = _(
            "score both files on one scale: give this file the journey's "
            "`emotion_scale: {{min: {min}, max: {max}}}` and its scores on it"
        ).format(min=ours.min, max=ours.max)
    message = _(
        "the future state's file uses the emotion scale {theirs}, the journey {ours}"
    ).format(theirs=theirs.written(), ours=ours.written())
    where = future.locate(at, at_key=picked)
    return [replace(where, message=message, hint=hint, rule="scale")]


def _first_score(journey: Journey) -> Loc | None:
    for i, stage in enumerate(journey.stages):
        for j, tp in enumerate(stage.touchpoints):
            at: Loc = ("stages", i, "touchpoints", j)
            if tp.emotion is not None:
                return (*at, "emotion")
            if tp.future is not None and tp.future.emotion is not None:
                return (*at, "future", "emotion")
    return None


def check_whole(
    journey: Journey, current: Document, future: Document
) -> tuple[Journey | None, list[Diagnostic]]:
    """The combined journey validated as a file is, or its problems in the files they come from.

    Its fields each come from a valid file; what they may break together is a rule across
    parts: an id the one file gives a touchpoint and the other a persona.
    """
    data = journey.model_dump(mode="json")
    try:
        whole = validators.validate(Journey, data, scale.context(data))
    except ValidationError as error:
        found = [
            (tuple(e["loc"]), *messages.explain(e, None), "value")
            for e in error.errors(include_url=False)
        ]
    else:
        found = [(f.loc, f.message, f.hint, f.rule) for f in checks.check(whole)]
        if not found:
            return whole, []
    return None, [
        replace(
            _located(journey, loc, current, future),
            message=_("the two files combined: {message}").format(message=message),
            hint=hint,
            rule=rule,
        )
        for loc, message, hint, rule in found
    ]


def _located(journey: Journey, loc: Loc, current: Document, future: Document) -> Diagnostic:
    """Where in the files a problem of the combination is: at the part it is in, by its id.

    The future file first, as what it brings is new to the journey; then the current file.
    """
    part, rest = _part(journey, loc)
    if part is not None:
        held = [
            (document, (*at, *rest))
            for document in (future, current)
            if (at := _places(document.journey).get(part)) is not None
        ]
        for document, at in held:
            if document.source_at(at) is not None:
                return document.locate(at)
        if held:
            return held[0][0].locate(held[0][1])
    return future.locate(())


def _part(journey: Journey, loc: Loc) -> tuple[str | None, Loc]:
    """The id of the part `loc` lies in, and the rest of `loc` inside that part."""
    if loc[:1] == ("stages",) and len(loc) >= 2 and isinstance(loc[1], int):
        stage = journey.stages[loc[1]]
        if len(loc) >= 4 and loc[2] == "touchpoints" and isinstance(loc[3], int):
            return stage.touchpoints[loc[3]].id, loc[4:]
        return stage.id, loc[2:]
    if loc[:1] and loc[0] in _LISTS and len(loc) >= 2 and isinstance(loc[1], int):
        return getattr(journey, str(loc[0]))[loc[1]].id, loc[2:]
    return None, loc


def _places(journey: Journey) -> dict[str, Loc]:
    """Where each part is in its file, by id (the first, where an id is given twice)."""
    found: dict[str, Loc] = {}
    for name in _LISTS:
        for i, part in enumerate(getattr(journey, name)):
            found.setdefault(part.id, (name, i))
    for i, stage in enumerate(journey.stages):
        found.setdefault(stage.id, ("stages", i))
        for j, tp in enumerate(stage.touchpoints):
            found.setdefault(tp.id, ("stages", i, "touchpoints", j))
    return found
