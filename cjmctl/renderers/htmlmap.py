"""The HTML journey map: a self-contained page, stages as columns and lanes as rows.

This module turns a journey into a plain view (columns, lanes, chart points, tables) and hands it
to the jinja2 template, which only loops and escapes. Autoescaping is on for the whole template:
journey text is always data, never markup.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

from cjmctl.i18n import long_date, number
from cjmctl.journey import links
from cjmctl.journey.branding import Brand
from cjmctl.journey.labels import LABELS
from cjmctl.journey.model import Journey
from cjmctl.renderers import RenderOptions, blueprint, claimbadges, futureview, kpi, themed
from cjmctl.renderers import matrix as priority
from cjmctl.renderers.audit import lane_scores, outlet_tables, research_scores
from cjmctl.renderers.curve import Chart
from cjmctl.renderers.emotion import COLOURS, persona_name, words
from cjmctl.renderers.funnel import steps
from cjmctl.renderers.futurecurve import curves
from cjmctl.renderers.jinja import environment
from cjmctl.renderers.overview import overview, wanted
from cjmctl.renderers.printpages import (
    PAPERS,
    css_string,
    footer_title,
    page_counter,
    paginate,
    windows,
)
from cjmctl.renderers.printpages import lane_width as print_lane_width
from cjmctl.renderers.review import overdue, review_status
from cjmctl.renderers.routes import routes
from cjmctl.renderers.scalelegend import legend
from cjmctl.renderers.survey import results as survey_results
from cjmctl.renderers.textwidth import longest_word
from cjmctl.renderers.wording import SCORES_KEYS, labels_of

COLUMN_WIDTH = 200
LANE_WIDTH = 148
"""The lane column's least width; `lane_width` widens it where a locale's lane names need it."""
# How map.css sets lane names: 12 px capitals 0.05em apart, 11 px padding a side, a 1 px rule,
# and 4 px to spare for rounding.
_LANE_TYPE = (12, 0.05)
_LANE_EDGES = 2 * 11 + 1 + 4
SCREEN = "screen-"
"""Prefix of the screen table's anchors on a page that is only printed."""


@dataclass(slots=True)
class Link:
    """A reference to another part of the page."""

    anchor: str
    text: str
    status: str = ""


@dataclass(frozen=True, slots=True)
class Onward:
    """One place the journey goes from a touchpoint, in the "Next step" lane."""

    kind: str
    """`to` (a branch or a skip ahead), `back` (a loop back) or `exit` (the journey ends)."""
    glyph: str
    before: str
    anchor: str = ""
    """The target touchpoint's column; none for an exit."""
    name: str = ""
    after: str = ""


@dataclass(frozen=True, slots=True)
class Away:
    """A link to another journey of the project: "Continues in: <its title> ↗"."""

    href: str
    before: str
    title: str
    after: str


def _away(link: str | None, options: RenderOptions, labels: dict[str, str]) -> Away | None:
    if link is None:
        return None
    href, title = links.view(link, options.journey_id, options.links, ".html")
    before, _, after = labels["continues_in"].partition("{title}")
    return Away(href, before, title, after)


@dataclass(slots=True)
class Column:
    """One touchpoint's column of the map (or the empty column of a stage without any)."""

    anchor: str
    name: str
    wow: bool = False
    empty: bool = False
    lanes: dict[str, Any] = field(default_factory=dict)
    """What each lane shows in this column: text, a list of texts, links or scores."""
    away: Away | None = None
    """Where the customer goes on in another journey from this touchpoint."""
    state: str = "both"
    """Which states have the touchpoint: `future` (added there), `current` (removed) or both."""


@dataclass(slots=True)
class StageHead:
    """A stage's header cell, spanning its touchpoints' columns."""

    anchor: str
    name: str
    goal: str | None
    expectations: list[str]
    span: int
    actions: list[Link]
    reached: str | None = None
    share: float = 0.0
    conversion: str | None = None
    drop_off: str | None = None
    index: int = 0
    """The stage's place in the journey: its colour, also on a printed page of later stages."""
    continued: bool = False
    """On a printed page: the stage began on an earlier page."""
    away: Away | None = None
    """The other journey this stage continues in."""

    @property
    def about(self) -> bool:
        """Whether the stage has a goal, expectations or actions for the map's goal row."""
        return bool(self.goal or self.expectations or self.actions)


# Lanes in the order the map shows them: (key, how the template draws the cells).
LANES = (
    ("next_step", "next"),
    ("channel", "text"),
    ("action", "text"),
    ("thoughts", "text"),
    ("emotion", "chart"),
    ("future", "future"),
    ("feeling", "text"),
    ("motives", "list"),
    ("pains", "list"),
    *((key, "blueprint") for key in blueprint.LANES),
    ("opportunities", "list"),
    ("owner", "text"),
    ("evidence", "links"),
    ("scores", "scores"),
    ("kpi", "kpi"),
    ("funnel", "funnel"),
    ("actions", "links"),
)


def _onward(journey: Journey) -> dict[str, list[Onward]]:
    """Where the journey goes from each touchpoint whose next step is not simply the next column."""
    labels = LABELS[journey.locale]
    before, _, after = labels["back_to"].partition("{name}")
    found: dict[str, list[Onward]] = {}
    for route in routes(journey):
        if route.plain:
            continue
        found[route.source.id] = [
            Onward("back", "↩", before, f"tp-{s.target.id}", s.target.name, after)
            if s.back
            else Onward("to", "→", "", f"tp-{s.target.id}", s.target.name)
            for s in route.steps
        ] or [Onward("exit", "■", labels["exit"])]
    return found


def _columns(
    journey: Journey, kpis: dict[str, list[kpi.Kpi]], options: RenderOptions
) -> list[Column]:
    channels = {c.id: c.name for c in journey.channels}
    research = {r.id: r for r in journey.research}
    scores = lane_scores(journey)
    actions: dict[str, list[Link]] = {}
    for action in journey.actions:
        for ref in action.addresses:
            actions.setdefault(ref, []).append(
                Link(f"action-{action.id}", action.title, action.status)
            )
    onward = _onward(journey)
    badges = claimbadges.badges(journey)
    columns: list[Column] = []
    for stage in journey.stages:
        if not stage.touchpoints:
            columns.append(Column(f"stage-{stage.id}-empty", "", empty=True))
        for tp in stage.touchpoints:
            lanes: dict[str, Any] = {
                "next_step": onward.get(tp.id, []),
                "channel": channels.get(tp.channel or "", tp.channel),
                "action": tp.action,
                "thoughts": tp.thoughts,
                "emotion": tp.emotion,
                "feeling": tp.feeling,
                "motives": tp.motives,
                "pains": tp.pains,
                "opportunities": tp.opportunities,
                "owner": tp.owner,
                "evidence": [Link(f"research-{r}", research[r].title) for r in tp.evidence],
                "scores": scores.get(tp.id, []),
                "kpi": kpis.get(tp.id, []),
                "actions": actions.get(tp.id, []),
                "claims": badges.get(tp.id, {}),
                "future": futureview.cell(tp),
                **blueprint.cells(tp),
            }
            away = _away(tp.link, options, LABELS[journey.locale])
            columns.append(
                Column(f"tp-{tp.id}", tp.name, tp.wow, lanes=lanes, away=away, state=tp.state)
            )
    return columns


def _stages(journey: Journey, options: RenderOptions) -> list[StageHead]:
    funnel = steps(journey)
    heads: list[StageHead] = []
    for i, stage in enumerate(journey.stages):
        head = StageHead(
            f"stage-{stage.id}",
            stage.name,
            stage.goal,
            stage.expectations,
            max(len(stage.touchpoints), 1),
            [
                Link(f"action-{a.id}", a.title, a.status)
                for a in journey.actions
                if stage.id in a.addresses
            ],
            index=i,
            away=_away(stage.link, options, LABELS[journey.locale]),
        )
        if i in funnel:
            step = funnel[i]
            head.reached, head.share = step.reached, 100.0 * step.share
            head.conversion, head.drop_off = step.conversion or step.grows, step.drop_off
        heads.append(head)
    return heads


def lane_names(locale: str) -> list[str]:
    """The built-in names the lane column shows in `locale`."""
    words = LABELS[locale]
    keys = ("stage", "touchpoint", "goal", *(k for k, _ in LANES), *SCORES_KEYS)
    return [words[key] for key in keys]


def lane_width(locale: str) -> int:
    """The lane column's width in px for `locale`: no built-in lane name is cut inside a word."""
    needed = longest_word(lane_names(locale), *_LANE_TYPE) + _LANE_EDGES
    return max(LANE_WIDTH, 4 * math.ceil(needed / 4))


def _lane_has_data(key: str, columns: list[Column], heads: list[StageHead]) -> bool:
    if key == "funnel":
        return any(h.reached is not None for h in heads)
    return any(c.lanes.get(key) not in (None, [], "") for c in columns)


def _unread(journey: Journey) -> Brand | None:
    """The journey's theme without its logo, for a caller that gives no brand: no file is read."""
    return None if journey.theme is None else Brand(journey.theme)


def render(journey: Journey, options: RenderOptions, *, printed: bool = False) -> bytes:
    """Render the journey as one HTML page with inline CSS and SVG; no script, no network.

    With `options.persona`, the page is that persona's view: the title names them, the curve is
    theirs alone and theirs is the only persona card. Every column stays, because touchpoints are
    everyone's; where this persona gave no emotion the curve has a gap, never others' scores.

    `printed`: the page is printed, never shown (map-pdf). The print pages then carry the
    columns' and stages' own anchors, so that every link (next steps, the overview, actions,
    research scores) lands on paper; the hidden screen table's anchors are prefixed `screen-`.
    """
    labels = labels_of(journey)
    view = None
    if options.persona is not None:
        view = labels["view_of"].format(persona=persona_name(journey, options.persona))
    kpis = kpi.views(journey, labels)
    columns = _columns(journey, kpi.by_column(journey, kpis), options)
    heads = _stages(journey, options)
    drawn = curves(
        journey,
        COLUMN_WIDTH,
        [None if c.empty else c.anchor.removeprefix("tp-") for c in columns],
        options.persona,
    )
    emotion: Chart = drawn.current
    if options.state != "both":
        state_view = labels[f"view_{options.state}"]
        view = f"{view} · {state_view}" if view else state_view
    badged = claimbadges.lanes({c.anchor: c.lanes.get("claims", {}) for c in columns})
    service = blueprint.is_blueprint(journey)
    lanes = [
        (key, kind)
        for key, kind in LANES
        if _lane_has_data(key, columns, heads) or key in badged or (kind == "blueprint" and service)
    ]
    review, stale = review_status(journey, options.today)
    paper = PAPERS[options.paper]
    print_lane = print_lane_width(lane_names(journey.locale))
    pages = paginate(columns, heads, paper.capacity(print_lane), COLUMN_WIDTH, printed=printed)
    if printed:
        columns = [replace(c, anchor=SCREEN + c.anchor) for c in columns]
        heads = [replace(h, anchor=SCREEN + h.anchor) for h in heads]
    page_charts = windows(emotion, pages, COLUMN_WIDTH)
    page_futures = windows(drawn.future, pages, COLUMN_WIDTH) if drawn.future else []
    look = themed.look(journey, options.theme or _unread(journey), sorted(COLOURS))
    touchpoint_names = {tp.id: tp.name for _, tp in journey.touchpoints()}
    stage_names = {s.id: s.name for s in journey.stages}
    html = (
        environment()
        .get_template("map.html.j2")
        .render(
            j=journey,
            t=labels,
            columns=columns,
            stages=heads,
            lanes=lanes,
            chart=emotion,
            future=drawn.future,
            page_futures=page_futures,
            future_marks=futureview.MARKS,
            overview=themed.recoloured(overview(journey, options.persona), look)
            if wanted(lane_width(journey.locale) + COLUMN_WIDTH * len(columns))
            else None,
            review=review,
            stale=stale,
            persona=options.persona,
            view=view,
            personas=[p for p in journey.personas if options.persona in (None, p.id)],
            outlet_tables=outlet_tables(journey),
            overdue={a.id for a in journey.actions if overdue(a, options.today)},
            column_width=COLUMN_WIDTH,
            print_pages=pages,
            print_lane_width=print_lane,
            page_charts=page_charts,
            paper=paper.css,
            print_title=css_string(footer_title(journey.title, view)),
            print_counter=page_counter(labels["print_page"]),
            lane_width=lane_width(journey.locale),
            metrics=kpi.table(journey, kpis),
            measured={a.id: m for a in journey.actions if (m := kpi.measured(journey, a))},
            spark_size=(kpi.SPARK_WIDTH, kpi.SPARK_HEIGHT),
            kpi_marks=kpi.MARKS,
            plain=lambda n: kpi.say(n, None, journey.locale),
            colours=look.colours(COLOURS),
            look=look,
            legend=legend(journey.emotion_scale, labels),
            level_names=words(journey.emotion_scale, labels),
            target_anchor=lambda ref: ("tp-" if ref in touchpoint_names else "stage-") + ref,
            target_name=lambda ref: touchpoint_names.get(ref) or stage_names.get(ref, ref),
            number=lambda n: number(n, journey.locale),
            day=lambda d: long_date(d, journey.locale),
            surveys=survey_results(journey, labels),
            research_scores=research_scores(journey),
            matrix=priority.view(journey, labels),
            claim_glyphs=claimbadges.GLYPHS if badged else {},
            blueprint_lines=blueprint.LINES,
        )
    )
    return html.encode("utf-8")
