"""The lint rule `pain-without-backstage-owner`: a pain that nobody behind the scenes owns.

A service blueprint names who does the work out of the customer's view; a touchpoint that hurts
and has no backstage owner has no one to fix the cause. Only a journey that is a blueprint (a
touchpoint fills a blueprint lane) is checked: a plain journey map has no backstage to own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from cjmctl.i18n import _
from cjmctl.journey.diagnostics import Diagnostic, Severity, shorten
from cjmctl.journey.loader import Document
from cjmctl.renderers.blueprint import is_blueprint

RULE = "pain-without-backstage-owner"
SEVERITY: Severity = "warning"


def check(document: Document) -> Iterator[Diagnostic]:
    """A diagnostic at the `pains` key of each touchpoint with pains and no `backstage_owner`."""
    journey = document.journey
    if not is_blueprint(journey):
        return
    for i, stage in enumerate(journey.stages):
        for j, tp in enumerate(stage.touchpoints):
            if not tp.pains or tp.backstage_owner:
                continue
            yield replace(
                document.locate(("stages", i, "touchpoints", j, "pains"), at_key=True),
                message=_("touchpoint {name!r} has pains, but no backstage owner").format(
                    name=shorten(tp.name)
                ),
                hint=_(
                    "add `backstage_owner:` to {id!r}, naming the team that owns the work behind "
                    "it, so that someone fixes the cause of its pains"
                ).format(id=shorten(tp.id)),
                severity=SEVERITY,
                rule=RULE,
            )
