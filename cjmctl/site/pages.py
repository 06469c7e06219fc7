"""The site's cross-journey pages: the action plan, personas, channels and research of a project.

Pure functions from summaries to HTML bytes: each page gets a plain view (groups, rows, cells,
hrefs, formatted numbers and dates), and its template only loops and escapes. Journeys that do
not load (`valid=False`) are left out here; the index shows them. Every list is sorted by keys
spelled out below, never by the order of a dict or a file system, so a rebuild changes no byte.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, get_args
from urllib.parse import quote

from cjmctl.i18n import long_date, number
from cjmctl.journey.labels import LABELS
from cjmctl.journey.metrics import ResearchKind
from cjmctl.journey.scale import EmotionScale
from cjmctl.journey.slugs import slugify
from cjmctl.renderers.emotion import COLOURS, level, spread, word
from cjmctl.site import index
from cjmctl.site.summary import Summary

if TYPE_CHECKING:
    from cjmctl.site.build import Project

PAGES = ("plan", "personas", "channels", "research")
"""The pages; each is written as `<name>.html`, in the site's one layout (`index.render`)."""
NAMES = tuple(f"{name}.html" for name in PAGES)
"""The files this module makes, at the site's root."""
STATUSES = ("in_progress", "planned", "done", "dropped")
"""The plan's status groups, in the order an owner works through them."""
OPEN = frozenset({"in_progress", "planned"})
KINDS = frozenset(get_args(ResearchKind))
"""Research kinds, each with a label; another kind (a summary made elsewhere) is shown as is."""


@dataclass(frozen=True, slots=True)
class JourneyRef:
    """A journey as the pages link to it."""

    id: str
    title: str
    href: str


@dataclass(frozen=True, slots=True)
class Action:
    """One action of the plan, with the journey it belongs to and its due date in words."""

    id: str
    title: str
    journey: JourneyRef
    addresses: list[str]
    due: str | None
    overdue: bool
    metric: str | None


@dataclass(frozen=True, slots=True)
class StatusGroup:
    """An owner's actions of one status."""

    status: str
    actions: list[Action]


@dataclass(frozen=True, slots=True)
class Owner:
    """Everything one owner (or nobody) is to do, across journeys, with counts for the top."""

    name: str | None
    """None: the actions nobody owns."""
    anchor: str
    statuses: list[StatusGroup]
    open: int
    overdue: int
    total: int


@dataclass(frozen=True, slots=True)
class Moment:
    """A persona's lowest moment in one journey, linked to its touchpoint's column."""

    touchpoint: str
    href: str
    stage: str
    journey: JourneyRef
    score: float
    emotion: str
    """The score as the journey writes it: signed on a scale with negatives (`-2`, `+0.50`)."""
    level: int
    colour: str
    word: str = ""
    """The level's name: the journey's own, else its band's."""
    spread: float = 0.0
    """Where the score lies on its journey's scale, as -2..+2: how moments of journeys on
    different scales are ordered."""


@dataclass(frozen=True, slots=True)
class Persona:
    """A persona once across the project: the journeys it appears in, its lowest moments."""

    id: str
    name: str
    journeys: list[JourneyRef]
    moments: list[Moment]


@dataclass(frozen=True, slots=True)
class Channel:
    """A row of the channel x journey matrix."""

    id: str
    name: str
    cells: list[int]
    """Touchpoints per journey, in the order of the matrix's columns."""
    journeys: int


@dataclass(frozen=True, slots=True)
class Backing:
    """What one study backs in one journey: the touchpoints whose evidence cites it."""

    journey: JourneyRef
    touchpoints: list[str]


@dataclass(slots=True)
class StudyView:
    """A study and every journey it backs."""

    id: str
    title: str
    kind: str
    date: str | None
    shared: bool
    backings: list[Backing] = field(default_factory=list)


def build(project: Project, summaries: list[Summary], locale: str) -> dict[str, bytes]:
    """Render the four cross-journey pages of a project, by file name."""
    valid = sorted((s for s in summaries if s.valid), key=_journey_key)
    views: dict[str, dict[str, object]] = {
        "plan": {"owners": plan(valid, locale)},
        "personas": personas(valid, locale),
        "channels": channels(valid),
        "research": research(valid, locale),
    }
    return {
        f"{name}.html": index.render(project, locale, f"{name}.html", **views[name])
        for name in PAGES
    }


def _journey_key(summary: Summary) -> tuple[str, str]:
    return summary.title.casefold(), summary.id


def href(journey: str, anchor: str | None = None) -> str:
    """The relative link from the site root to a journey's map (`retail/sofa.html#tp-ask`)."""
    link = quote(f"{journey}.html")
    return f"{link}#{quote(anchor)}" if anchor else link


def _ref(summary: Summary) -> JourneyRef:
    return JourneyRef(summary.id, summary.title, href(summary.id))


def _date(text: str | None, locale: str) -> str | None:
    """A YYYY-MM-DD date as people read it; other text as it is written."""
    if text is None:
        return None
    try:
        return long_date(date.fromisoformat(text), locale)
    except ValueError:
        return text


def plan(summaries: list[Summary], locale: str) -> list[Owner]:
    """Every journey's actions by owner (A-Z, the unowned last), then by status.

    Within a status: the earliest due first, undated last, then by journey and action id.
    """
    by_owner: dict[str | None, list[tuple[str, tuple[bool, str, str, str], Action]]] = defaultdict(
        list
    )
    for summary in summaries:
        journey = _ref(summary)
        for item in summary.plan:
            order = (item.due is None, item.due or "", summary.id, item.id)
            action = Action(
                id=item.id,
                title=item.title,
                journey=journey,
                addresses=item.addresses,
                due=_date(item.due, locale),
                overdue=item.overdue,
                metric=item.metric,
            )
            by_owner[item.owner or None].append((item.status, order, action))
    names = sorted((n for n in by_owner if n is not None), key=lambda n: (n.casefold(), n))
    anchors: set[str] = set()
    owners = []
    for name in [*names, None] if None in by_owner else names:
        entries = sorted(by_owner[name], key=lambda entry: entry[1])
        groups = [
            StatusGroup(status, [a for s, _, a in entries if s == status])
            for status in STATUSES
            if any(s == status for s, _, _ in entries)
        ]
        owners.append(
            Owner(
                name=name,
                anchor=_anchor("owner-" + (slugify(name) if name else "none"), anchors),
                statuses=groups,
                open=sum(s in OPEN for s, _, _ in entries),
                overdue=sum(a.overdue for _, _, a in entries),
                total=len(entries),
            )
        )
    return owners


def _anchor(wanted: str, taken: set[str]) -> str:
    """A unique anchor: `owner-sales`, or `owner-sales-2` where two names slug alike."""
    anchor, n = wanted, 1
    while anchor in taken:
        n += 1
        anchor = f"{wanted}-{n}"
    taken.add(anchor)
    return anchor


def _emotion(value: float, locale: str, scale: EmotionScale) -> str:
    digits = 0 if float(value).is_integer() else 2
    return ("+" if value > 0 and scale.min < 0 else "") + number(value, locale, digits)


def personas(summaries: list[Summary], locale: str) -> dict[str, object]:
    """Each persona once, by id, with the journeys it appears in and its lowest moments there.

    Personas A-Z by name, then id; the name is the first journey's (by title, then id).
    Moments: the lowest first, then by journey and touchpoint.
    """
    found: dict[str, Persona] = {}
    bare = []
    for summary in summaries:
        journey = _ref(summary)
        if not summary.personas:
            bare.append(journey)
        for named in summary.personas:
            entry = found.setdefault(named.id, Persona(named.id, named.name, [], []))
            entry.journeys.append(journey)
        own = {named.id for named in summary.personas}
        scale = summary.emotion_scale.emotion_scale()
        for moment in summary.lowest:
            if moment.persona not in own:
                continue  # the journey's lowest moment where it has no personas
            score = level(moment.emotion, scale)
            whole = int(moment.emotion) if float(moment.emotion).is_integer() else None
            found[moment.persona].moments.append(
                Moment(
                    touchpoint=moment.name,
                    href=href(summary.id, f"tp-{moment.touchpoint}"),
                    stage=moment.stage,
                    journey=journey,
                    score=moment.emotion,
                    emotion=_emotion(moment.emotion, locale, scale),
                    level=score,
                    colour=COLOURS[score],
                    word=LABELS[locale][f"emotion_{score}"]
                    if whole is None or not scale.contains(whole)
                    else word(whole, scale, LABELS[locale]),
                    spread=spread(moment.emotion, scale),
                )
            )
    for entry in found.values():
        entry.moments.sort(key=lambda m: (m.spread, m.journey.id, m.touchpoint))
    listed = sorted(found.values(), key=lambda p: (p.name.casefold(), p.id))
    return {"personas": listed, "bare": bare}


def channels(summaries: list[Summary]) -> dict[str, object]:
    """The channel x journey matrix: channels by id, journeys by title then id, as columns."""
    names: dict[str, str] = {}
    for summary in summaries:
        for channel in summary.channels:
            names.setdefault(channel.id, channel.name)
    rows = []
    for channel_id in sorted(names):
        cells = [s.channel_touchpoints.get(channel_id, 0) for s in summaries]
        rows.append(Channel(channel_id, names[channel_id], cells, sum(c > 0 for c in cells)))
    most = max((c for row in rows for c in row.cells), default=0)
    totals = [sum(row.cells[i] for row in rows) for i in range(len(summaries))]
    return {
        "journeys": [_ref(s) for s in summaries],
        "rows": rows,
        "totals": totals,
        "shade": {n: _shade(n, most) for row in rows for n in row.cells},
    }


def _shade(count: int, most: int) -> int:
    """The tint of a cell, 0 (none) to 4 (the most touchpoints of any cell)."""
    return 0 if count <= 0 else max(1, -(-4 * count // most))


def research(summaries: list[Summary], locale: str) -> dict[str, object]:
    """Each study with the journeys it backs: studies backing most journeys first, then by title.

    A shared study is one study across journeys (by id); a journey's own study is its own,
    even where another journey's own study has the same id.
    """
    studies: dict[tuple[str, str], StudyView] = {}
    bare = []
    for summary in summaries:
        journey = _ref(summary)
        if not summary.research:
            bare.append(journey)
        for study in summary.research:
            key = ("", study.id) if study.shared else (summary.id, study.id)
            when = _date(study.date, locale)
            kind = LABELS[locale][study.kind] if study.kind in KINDS else study.kind
            view = studies.setdefault(
                key, StudyView(study.id, study.title, kind, when, study.shared)
            )
            view.backings.append(Backing(journey, study.backs))
    ordered = sorted(
        studies.values(),
        key=lambda s: (
            -len(s.backings),
            not s.shared,
            s.title.casefold(),
            s.id,
            s.backings[0].journey.id,
        ),
    )
    return {"studies": ordered, "bare": bare}
