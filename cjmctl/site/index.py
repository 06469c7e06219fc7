"""The site's own pages (the index, the map of journeys), its one layout and its style sheet.

Made from the journeys' summaries alone, in the project's language: `locale` of most of its
journeys (English on a tie). Every address is relative, so the site works from `file://` and
from any sub-path of a Pages host.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import TYPE_CHECKING

from cjmctl.i18n import long_date
from cjmctl.journey.labels import LABELS
from cjmctl.journey.scale import DEFAULT_SCALE, EmotionScale
from cjmctl.renderers.emotion import COLOURS, level, spread
from cjmctl.renderers.jinja import environment
from cjmctl.site import graph
from cjmctl.site.summary import SEVERITIES, Kpi, Summary

if TYPE_CHECKING:
    from cjmctl.site.build import Project

NAMES = ("index.html", "journeys.html", "site.css")
"""The files this module makes, at the site's root."""
NAV = (
    ("index.html", "site_journeys"),
    ("journeys.html", "site_links"),
    ("plan.html", "plan"),
    ("personas.html", "personas"),
    ("channels.html", "site_channels"),
    ("research.html", "research"),
)
"""Every page of the site, in the order the navigation shows them, with the label of each:
the one list the navigation, page titles and headings of every page are made from."""
CURVE_WIDTH = 240
CURVE_HEIGHT = 56
_CURVE_PAD = 6


@dataclass(frozen=True, slots=True)
class Curve:
    """A card's small emotion curve: polylines (a gap where a touchpoint has no emotion)."""

    lines: list[str]
    zero: int
    low: tuple[str, str, str] | None
    """The lowest moment's dot: x, y and colour, where it is below the scale's neutral middle."""


@dataclass(frozen=True, slots=True)
class Card:
    """One journey on the index."""

    summary: Summary
    href: str
    flow: str
    curve: Curve | None
    review: str
    stale: bool
    findings: list[tuple[str, int]]
    open: int
    overdue: int
    off: list[Kpi]
    targets: int
    """KPIs with a target and a value: what "off target" is counted among."""


def locale(summaries: list[Summary]) -> str:
    """The project's language: its valid journeys' most common locale, English on a tie."""
    counted = Counter(s.locale for s in summaries if s.valid)
    return max(sorted(LABELS), key=lambda code: (counted[code], code == "en"))


def curve(values: list[float | None], scale: EmotionScale = DEFAULT_SCALE) -> Curve | None:
    """The curve of a card, or None when no touchpoint has an emotion.

    Drawn by where each score lies on the journey's `scale`, so cards of a -2..+2 map and of a
    1..10 map are alike: neutral on the middle line, each end at the card's top or bottom.
    """
    if not any(v is not None for v in values):
        return None
    inner = CURVE_WIDTH - 2 * _CURVE_PAD
    step = inner / (len(values) - 1) if len(values) > 1 else 0.0
    half = (CURVE_HEIGHT - 2 * _CURVE_PAD) / 2

    def point(i: int, v: float) -> tuple[str, str]:
        x = _CURVE_PAD + (i * step if len(values) > 1 else inner / 2)
        return f"{x:.1f}", f"{CURVE_HEIGHT / 2 - spread(v, scale) * half / 2:.1f}"

    lines: list[str] = []
    run: list[str] = []
    for i, v in enumerate([*values, None]):
        if v is None:
            if run:
                lines.append(" ".join(run if len(run) > 1 else run * 2))
            run = []
        else:
            run.append(",".join(point(i, v)))
    lowest = min((v, i) for i, v in enumerate(values) if v is not None)
    low = None
    if lowest[0] < scale.neutral:
        x, y = point(lowest[1], lowest[0])
        low = (x, y, COLOURS[level(lowest[0], scale)])
    return Curve(lines, CURVE_HEIGHT // 2, low)


def card(summary: Summary, labels: dict[str, str], lang: str) -> Card:
    """The view of one journey's card."""
    review, stale = labels["site_review_unknown"], summary.review == "stale"
    if summary.review_due is not None:
        due = long_date(date.fromisoformat(summary.review_due), lang)
        said = labels["stale" if stale else "review_due"].format(due=due)
        review = f"{said[:1].upper()}{said[1:]}."  # the map's phrase, as the card's sentence
    judged = [k for k in summary.kpis if k.status != "none"]
    return Card(
        summary,
        graph.href(summary.id),
        graph.href(summary.id, ".svg"),
        curve(summary.curve, summary.emotion_scale.emotion_scale()),
        review,
        stale,
        [(s, summary.findings.get(s, 0)) for s in SEVERITIES if summary.findings.get(s, 0)],
        sum(p.status in ("planned", "in_progress") for p in summary.plan),
        sum(p.overdue for p in summary.plan),
        [k for k in judged if k.status == "off"],
        len(judged),
    )


def render(project: Project, lang: str, here: str, **view: object) -> bytes:
    """One page of the site in its one layout, which `site/<here's stem>.html.j2` fills.

    Every page has the project's header, the navigation (`NAV`, `here` marked as the current
    page) and the footer of `site/base.html.j2`, and its title and heading from `NAV`.
    """
    labels = LABELS[lang]
    name = here.removesuffix(".html")
    page = (
        environment()
        .get_template(f"site/{name}.html.j2")
        .render(
            project=project,
            t=labels,
            lang=lang,
            nav=NAV,
            here=here,
            name=name,
            title=labels[dict(NAV)[here]],
            **view,
        )
    )
    return page.encode()


def pages(project: Project, summaries: list[Summary]) -> dict[str, bytes]:
    """The index, the map of journeys and the style sheet, by their names in the site."""
    lang = locale(summaries)
    labels = LABELS[lang]
    cards = [card(s, labels, lang) for s in summaries]
    counts = [
        ("site_count_journeys", len(summaries)),
        ("site_count_stale", sum(c.stale for c in cards)),
        ("site_count_overdue", sum(c.overdue for c in cards)),
        ("site_count_off", sum(len(c.off) for c in cards)),
    ]
    invalid = sum(not s.valid for s in summaries)
    if invalid:
        counts.append(("site_count_invalid", invalid))
    index = render(project, lang, "index.html", cards=cards, counts=counts)
    linked = {end for pair in graph.edges(summaries) for end in pair}
    titles = {s.id: s.title for s in summaries}
    journeys = render(
        project,
        lang,
        "journeys.html",
        drawing=graph.draw(summaries),
        summaries=[s for s in summaries if s.valid],
        linked=linked,
        titles=titles,
        href=graph.href,
        box=(graph.WIDTH, graph.HEIGHT),
    )
    css = resources.files("cjmctl").joinpath("templates/site/site.css").read_bytes()
    return {"index.html": index, "journeys.html": journeys, "site.css": css}
