"""Lint rules of the priority matrix and of evidence status.

An important touchpoint that customers are unhappy with and no action addresses is the matrix's
"fix first" left undone; an observation that names neither a source nor the touchpoint's
evidence claims research it does not show. The checks give diagnostics with their message and
hint; `lint.py` registers them and gives them their rule and severity.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import replace

from cjmctl.i18n import _, language
from cjmctl.journey.diagnostics import Diagnostic, shorten
from cjmctl.journey.loader import Document
from cjmctl.journey.matrix import ratings
from cjmctl.renderers.kpi import say

IMPORTANT = 4
"""Importance to the customer or to the business from which a touchpoint counts as important."""
UNSATISFIED = 2
"""Satisfaction at or below which customers count as unhappy with a touchpoint."""


def _at(document: Document, loc: tuple[str | int, ...], message: str, hint: str) -> Diagnostic:
    return replace(document.locate(loc, at_key=True), message=message, hint=hint)


def important_unsatisfied(document: Document, addressed: Collection[str]) -> Iterator[Diagnostic]:
    """Touchpoints rated important (>= 4 by either party) and unsatisfying (<= 2), unaddressed."""
    journey = document.journey
    where = {
        tp.id: ("stages", i, "touchpoints", j)
        for i, stage in enumerate(journey.stages)
        for j, tp in enumerate(stage.touchpoints)
    }
    for rating in ratings(journey):
        tp, satisfaction = rating.touchpoint, rating.satisfaction
        by = [
            (_("customer {value}") if party == "customer" else _("business {value}")).format(
                value=value
            )
            for party, value in (("customer", rating.customer), ("business", rating.business))
            if value is not None and value >= IMPORTANT
        ]
        if not by or satisfaction is None or satisfaction > UNSATISFIED or tp.id in addressed:
            continue
        message = (
            _(
                "touchpoint {name!r} is important ({by}) but its satisfaction is {satisfaction} "
                "(the latest score of research {research!r}), and no action addresses it"
            )
            if rating.research
            else _(
                "touchpoint {name!r} is important ({by}) but its satisfaction is {satisfaction}, "
                "and no action addresses it"
            )
        )
        yield _at(
            document,
            (*where[tp.id], "importance"),
            message.format(
                name=shorten(tp.name),
                by=", ".join(by),
                satisfaction=say(satisfaction, None, language()),
                research=shorten(rating.research or ""),
            ),
            _(
                "add an action with `addresses: [{id}]` (or its stage, {stage!r}) "
                "to the action plan: it is the first to fix"
            ).format(id=shorten(tp.id), stage=shorten(rating.stage.id)),
        )


def observed_without_source(document: Document) -> Iterator[Diagnostic]:
    """Claims marked `observed` with no `source` on a touchpoint that cites no `evidence`."""
    for i, stage in enumerate(document.journey.stages):
        for j, tp in enumerate(stage.touchpoints):
            if tp.evidence:
                continue
            for field, claim in tp.claims.given():
                if claim.status != "observed" or claim.source is not None:
                    continue
                yield replace(
                    document.locate(("stages", i, "touchpoints", j, "claims", field, "status")),
                    message=_observed(field).format(name=shorten(tp.name)),
                    hint=_(
                        "add `source:` with the id of the research entry that observed it (or "
                        "`evidence:` to the touchpoint); if no research did, say `status: assumed`"
                    ),
                )


def _observed(field: str) -> str:
    """The message of an observed claim with no source, for the field it is about."""
    if field == "emotion":
        return _(
            "the emotion at touchpoint {name!r} is marked observed, but the claim names no "
            "source and the touchpoint cites no evidence"
        )
    if field == "pains":
        return _(
            "the pains at touchpoint {name!r} are marked observed, but the claim names no "
            "source and the touchpoint cites no evidence"
        )
    return _(
        "the thoughts at touchpoint {name!r} are marked observed, but the claim names no "
        "source and the touchpoint cites no evidence"
    )
