"""The claims a map makes (each touchpoint's emotion, pains and thoughts) and what backs them.

A claim is backed by research when its `claims` entry says `observed` and its source is one of
the journey's research entries, or the touchpoint cites `evidence`; a claim without an entry
counts as backed when the touchpoint cites `evidence`, since that backs the whole touchpoint.
An observation whose source is only words (a workshop, a call) is honest but names no research
the map holds, so it is not backed: the name promises research a reader can look up. `assumed`
and `proposed` are never backed. The share of the map backed by research is the backed claims
over all the claims made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from cjmctl.journey.model import Journey, Stage, Touchpoint
from cjmctl.journey.slugs import SLUG_PATTERN

FIELDS = ("emotion", "pains", "thoughts")
Standing = Literal["observed", "assumed", "proposed", "unstated"]
"""A claim's status, or `unstated` where the touchpoint's `claims` says nothing of it."""
STANDINGS: tuple[Standing, ...] = ("observed", "assumed", "proposed", "unstated")
_ID = re.compile(SLUG_PATTERN)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a claim comes from: a research entry (its id and title) or the words written."""

    text: str
    research: str | None = None
    """The id of the research entry `text` is the title of; None for words."""


@dataclass(frozen=True, slots=True)
class ClaimMade:
    """One claim of a touchpoint, with how it is known."""

    stage: Stage
    touchpoint: Touchpoint
    field: str
    status: Standing
    sources: tuple[Source, ...]
    """The claim's own source; else, for an observation or a claim without an entry, the
    touchpoint's `evidence`."""
    backed: bool
    given: bool
    """Whether the touchpoint's `claims` has an entry for this field."""


def is_id(source: str) -> bool:
    """Whether a source is written as an id (one slug) rather than in words."""
    return _ID.fullmatch(source) is not None


def _made(tp: Touchpoint, field: str) -> bool:
    value = getattr(tp, field)
    return value not in (None, [], "", {})


def claims_made(journey: Journey) -> list[ClaimMade]:
    """Every claim the map makes, by touchpoint in file order, then emotion, pains, thoughts."""
    titles = {r.id: r.title for r in journey.research}
    found: list[ClaimMade] = []
    for stage, tp in journey.touchpoints():
        evidence = tuple(Source(titles.get(ref, ref), ref) for ref in tp.evidence)
        for field in FIELDS:
            if not _made(tp, field):
                continue
            claim = getattr(tp.claims, field)
            if claim is None:
                backed = bool(evidence)
                found.append(ClaimMade(stage, tp, field, "unstated", evidence, backed, False))
                continue
            # An observation without a source of its own is one of the touchpoint's evidence;
            # an assumption or a proposal is not made by research the touchpoint cites.
            sources = evidence if claim.status == "observed" else ()
            named = claim.source is not None and claim.source in titles and is_id(claim.source)
            if claim.source is not None:
                sources = (
                    Source(titles[claim.source], claim.source) if named else Source(claim.source),
                )
            backed = claim.status == "observed" and (named or bool(evidence))
            found.append(ClaimMade(stage, tp, field, claim.status, sources, backed, True))
    return found


def share(claims: list[ClaimMade]) -> float | None:
    """The share of `claims` backed by research, 0..1 to four places; None without claims."""
    if not claims:
        return None
    return round(sum(c.backed for c in claims) / len(claims), 4)
