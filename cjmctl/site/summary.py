"""What the site shows of one journey: plain data, made once per journey and cached as JSON.

The index and the cross-journey pages are built from summaries alone, never from journeys: a
rebuild after one journey changed reads that one journey, and the cached summaries of the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, slots=True)
class Named:
    """A part by its id and name: a persona, a channel, a stage."""

    id: str
    name: str


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
    """The emotion at each touchpoint (the mean over personas), in map order, -2..2."""
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
