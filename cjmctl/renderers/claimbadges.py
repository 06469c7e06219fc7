"""Evidence badges of the HTML map: how each stated claim is known, in the cell that shows it.

The thoughts' and pains' badges go in their own lanes' cells; the emotion's in the feeling
lane's, under the curve, since the curve is one drawing across every column. A source that is a
research entry shows its title and links to its row of the research table.
"""

from __future__ import annotations

from dataclasses import dataclass

from cjmctl.journey.backing import claims_made
from cjmctl.journey.model import Journey

GLYPHS = {"observed": "✓", "assumed": "?", "proposed": "✎"}
"""The badge's mark beside its word: seen in research, believed, wished for."""
LANE_OF = {"emotion": "feeling", "pains": "pains", "thoughts": "thoughts"}
"""The lane whose cell carries the badge of each claim."""


@dataclass(frozen=True, slots=True)
class SourceLink:
    """A badge's source: a research entry's title with its anchor, or words without one."""

    text: str
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class Badge:
    """One claim's badge."""

    claim: str
    status: str
    glyph: str
    sources: tuple[SourceLink, ...]


def badges(journey: Journey) -> dict[str, dict[str, Badge]]:
    """Per touchpoint id, the badges of its stated claims by the lane that shows them."""
    found: dict[str, dict[str, Badge]] = {}
    for claim in claims_made(journey):
        if not claim.given:
            continue
        sources = tuple(
            SourceLink(s.text, f"research-{s.research}" if s.research else None)
            for s in claim.sources
        )
        badge = Badge(claim.field, claim.status, GLYPHS[claim.status], sources)
        found.setdefault(claim.touchpoint.id, {})[LANE_OF[claim.field]] = badge
    return found


def lanes(found: dict[str, dict[str, Badge]]) -> set[str]:
    """The lanes some badge is in: the map shows them even where they hold no text."""
    return {lane for per_lane in found.values() for lane in per_lane}
