"""What the site shows of one journey: plain data, made once per journey and cached as JSON.

The index and the cross-journey pages are built from summaries alone, never from journeys: a
rebuild after one journey changed reads that one journey, and the cached summaries of the rest.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from cjmctl.journey import validators
from cjmctl.journey.scale import EmotionScale
from cjmctl.renderers.emotion import half_away, lowest_touchpoint, touchpoint_score
from cjmctl.renderers.kpi import say
from cjmctl.renderers.review import overdue

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from cjmctl.journey.diagnostics import Diagnostic
    from cjmctl.journey.loader import Document
    from cjmctl.journey.metrics import Metric
    from cjmctl.journey.model import Journey


@dataclass(frozen=True, slots=True)
class Named:
    """A part by its id and name: a persona, a channel, a stage."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Scale:
    """The journey's emotion scale, so cards of journeys on different scales compare."""

    min: int = -2
    max: int = 2
    names: list[str] = field(default_factory=list)

    def emotion_scale(self) -> EmotionScale:
        """The scale as the renderers take it."""
        scale = {"min": self.min, "max": self.max, "names": self.names}
        return validators.validate(EmotionScale, scale)


@dataclass(frozen=True, slots=True)
class Moment:
    """A persona's touchpoint and how it felt there, on the journey's emotion scale."""

    persona: str
    touchpoint: str
    """The touchpoint's id: its map's anchor is `#tp-<id>`."""
    name: str
    stage: str
    """The stage's name."""
    emotion: float


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One action of the journey's plan."""

    id: str
    title: str
    owner: str | None
    status: Literal["planned", "in_progress", "done", "dropped"]
    due: str | None
    """YYYY-MM-DD."""
    overdue: bool
    addresses: list[str]
    """Names of the touchpoints and stages it addresses."""
    metric: str | None
    """The metric's name (or the words the action gives for it)."""


@dataclass(frozen=True, slots=True)
class Kpi:
    """A metric's latest value and its status against its target."""

    id: str
    name: str
    latest: str | None
    """The latest value as the map writes it, with its unit ("4.6%"); None without values."""
    target: str | None
    status: Literal["met", "near", "off", "none"]
    """`none`: no target or no value to judge."""


@dataclass(frozen=True, slots=True)
class Study:
    """A research entry the journey cites, and what of the journey it backs."""

    id: str
    title: str
    kind: str
    date: str | None
    shared: bool
    """Taken from a shared file: the same study backs other journeys too."""
    backs: list[str]
    """Names of the touchpoints whose `evidence` cites it, in map order."""


@dataclass(frozen=True, slots=True)
class Link:
    """A stage or touchpoint of the journey that leads into another journey of the project."""

    source: str
    """The stage's or touchpoint's id in this journey."""
    name: str
    target: str
    """The target journey's id: its path from the project root without `.yaml`."""
    part: str | None
    """The stage or touchpoint id after `#`, if the link names one."""
    anchor: str = ""
    """Where the source is on this journey's map: `stage-<id>` or `tp-<id>`."""


@dataclass(frozen=True, slots=True)
class Summary:
    """One journey of the project as the site's pages see it."""

    id: str
    """The journey's path from the project root without `.yaml` (`retail/sofa`): also where
    its pages are (`retail/sofa.html`, `retail/sofa.svg`)."""
    title: str
    description: str | None
    owner: str | None
    locale: str
    personas: list[Named]
    channels: list[Named]
    """The channels its touchpoints use, in map order; free-text channels get their text as
    both id and name."""
    stages: int
    touchpoints: int
    curve: list[float | None]
    """The emotion at each touchpoint (the mean over personas), in map order, on the journey's
    scale (`emotion_scale`)."""
    review: Literal["current", "stale", "unknown"]
    reviewed: str | None
    review_due: str | None
    findings: dict[str, int] = field(default_factory=dict)
    """Lint findings by severity: `error`, `warning`, `info` (all three keys, zero or more)."""
    plan: list[PlanItem] = field(default_factory=list)
    kpis: list[Kpi] = field(default_factory=list)
    lowest: list[Moment] = field(default_factory=list)
    """Each persona's lowest moment (or the journey's, with persona "", when none are given)."""
    research: list[Study] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    channel_touchpoints: dict[str, int] = field(default_factory=dict)
    """How many touchpoints use each channel, by the ids of `channels` (for the site's
    channel x journey matrix); a channel no touchpoint uses is left out."""
    valid: bool = True
    """False: the journey does not load; only `id`, `title` (its file name) and `problems`
    mean anything, and the site shows it as broken instead of failing the build."""
    problems: list[str] = field(default_factory=list)
    """For an invalid journey: its diagnostics as `file:line:column: message` lines."""
    emotion_scale: Scale = field(default_factory=Scale)


def summarize(
    document: Document, journey_id: str, findings: Sequence[Diagnostic], today: date | None
) -> Summary:
    """Reduce a loaded journey, and lint's findings on it, to what the site shows."""
    journey = document.journey
    names = {part.id: name for _, part, name in journey.parts()}
    due = journey.review_due()
    review: Literal["current", "stale", "unknown"] = "unknown"
    if due is not None:
        review = "stale" if today is not None and today > due else "current"
    counted = Counter[str](d.severity for d in findings)
    return Summary(
        id=journey_id,
        title=journey.title,
        description=journey.description,
        owner=journey.owner,
        locale=journey.locale,
        personas=[Named(p.id, p.name) for p in journey.personas],
        channels=_channels(journey),
        channel_touchpoints=dict(
            Counter(tp.channel for _, tp in journey.touchpoints() if tp.channel)
        ),
        stages=len(journey.stages),
        touchpoints=len(journey.touchpoints()),
        curve=[_score(touchpoint_score(tp)) for _, tp in journey.touchpoints()],
        emotion_scale=Scale(
            journey.emotion_scale.min, journey.emotion_scale.max, list(journey.emotion_scale.names)
        ),
        review=review,
        reviewed=journey.reviewed.isoformat() if journey.reviewed else None,
        review_due=due.isoformat() if due else None,
        findings={severity: counted[severity] for severity in SEVERITIES},
        plan=[
            PlanItem(
                a.id,
                a.title,
                a.owner,
                a.status,
                a.due.isoformat() if a.due else None,
                overdue(a, today),
                [names.get(ref, ref) for ref in a.addresses],
                m.name if (m := journey.metric(a.metric)) else a.metric,
            )
            for a in journey.actions
        ],
        kpis=[_kpi(metric, journey.locale) for metric in journey.metrics],
        lowest=_lowest(journey),
        research=[
            Study(
                entry.id,
                entry.title,
                entry.kind,
                entry.date.isoformat() if entry.date else None,
                _shared(document, i),
                [tp.name for _, tp in journey.touchpoints() if entry.id in tp.evidence],
            )
            for i, entry in enumerate(journey.research)
        ],
        links=_links(journey),
    )


SEVERITIES = ("error", "warning", "info")


def invalid(journey_id: str, name: str, diagnostics: Sequence[Diagnostic]) -> Summary:
    """The summary of a journey that does not load: its file name and its problems."""
    return Summary(
        id=journey_id,
        title=name,
        description=None,
        owner=None,
        locale="en",
        personas=[],
        channels=[],
        stages=0,
        touchpoints=0,
        curve=[],
        review="unknown",
        reviewed=None,
        review_due=None,
        findings=dict.fromkeys(SEVERITIES, 0),
        valid=False,
        problems=[f"{d.file}:{d.line}:{d.column}: {d.message}" for d in diagnostics],
    )


def _score(value: Fraction | None) -> float | None:
    return None if value is None else float(half_away(value, 2))


def _channels(journey: Journey) -> list[Named]:
    known = {c.id: c.name for c in journey.channels}
    used = dict.fromkeys(tp.channel for _, tp in journey.touchpoints() if tp.channel)
    return [Named(ref, known.get(ref, ref)) for ref in used if ref is not None]


def _kpi(metric: Metric, locale: str) -> Kpi:
    latest = metric.latest()
    target = metric.target
    status = metric.status(latest[1]) if latest else None
    return Kpi(
        metric.id,
        metric.name,
        say(latest[1], metric.unit, locale) if latest else None,
        say(target, metric.unit, locale) if target is not None else None,
        status or "none",
    )


def _lowest(journey: Journey) -> list[Moment]:
    stages = {tp.id: stage.name for stage, tp in journey.touchpoints()}
    found: list[Moment] = []
    personas: list[str | None] = [p.id for p in journey.personas]
    for persona in personas or [None]:
        tp = lowest_touchpoint(journey, persona)
        score = None if tp is None else _score(touchpoint_score(tp, persona))
        if tp is not None and score is not None:
            found.append(Moment(persona or "", tp.id, tp.name, stages[tp.id], score))
    return found


def _shared(document: Document, index: int) -> bool:
    """Whether research entry `index` came from a shared file, overridden locally or not.

    An entry the journey overrides keeps the shared file's positions for the keys it did not
    override, so some of its keys name another file.
    """
    source = document.source_at(("research", index))
    if source is None:
        return False
    return source.file is not None or any(e.file is not None for e in source.entries.values())


def _links(journey: Journey) -> list[Link]:
    found: list[Link] = []
    for stage in journey.stages:
        parts = [(stage.id, stage.name, stage.link, "stage-")]
        parts += [(tp.id, tp.name, tp.link, "tp-") for tp in stage.touchpoints]
        for source, name, link, prefix in parts:
            if link is not None:
                target, _, part = link.partition("#")
                found.append(Link(source, name, target, part or None, prefix + source))
    return found


def to_data(summary: Summary) -> dict[str, Any]:
    """The summary as plain JSON data, for the site's manifest."""
    return asdict(summary)


def from_data(data: object) -> Summary:
    """The summary `to_data` gave; ValueError for data of any other shape.

    The manifest is edited by hand at times: each field must have its type, and the data
    must be exactly what `to_data` makes of the summary it gives (nothing missing, added or
    coerced into another value), so that the pages built from it cannot fail on it.
    """
    summary = _adapter().validate_python(data)
    if _adapter().dump_python(summary) != data:  # as `to_data` gives it, and much faster
        # Caught by the manifest's reader: a manifest it cannot use is built anew.
        raise ValueError(
            "not a summary as the site writes it: "  # i18n: not shown
            "keys missing, added or changed"
        )
    return summary


@functools.cache
def _adapter() -> TypeAdapter[Summary]:
    from pydantic import TypeAdapter

    return TypeAdapter(Summary)
