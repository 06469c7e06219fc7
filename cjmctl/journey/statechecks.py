"""Rules of the current and future state that no single field sees: where `future:` belongs.

A touchpoint added in the future (`state: future`) is its future: its own fields say it. One
removed in the future (`state: current`) has none. Either with `future:` is a mistake, and
the finding points at that key.
"""

from __future__ import annotations

from cjmctl.i18n import N_, _
from cjmctl.journey.checks import Finding, Loc
from cjmctl.journey.model import Journey

_MISPLACED = {
    "future": (
        N_("`future:` on a touchpoint added in the future state (`state: future`)"),
        N_(
            "an added touchpoint describes its future in its own fields (emotion, action, "
            "thoughts, pains): move these there and drop `future:`"
        ),
    ),
    "current": (
        N_("`future:` on a touchpoint removed in the future state (`state: current`)"),
        N_(
            "a removed touchpoint has no future: drop `future:`, or drop `state: current` if the "
            "touchpoint stays"
        ),
    ),
}
"""(message, hint) by the state of a touchpoint that has `future:`, translated where said."""


def findings(journey: Journey) -> list[Finding]:
    """Every `future:` written on a touchpoint that exists in one state only."""
    found: list[Finding] = []
    for i, stage in enumerate(journey.stages):
        for j, tp in enumerate(stage.touchpoints):
            if tp.future is None or tp.state == "both":
                continue
            at: Loc = ("stages", i, "touchpoints", j, "future")
            message, hint = _MISPLACED[tp.state]
            found.append(Finding(at, _(message), _(hint), "state", at_key=True))
    return found
