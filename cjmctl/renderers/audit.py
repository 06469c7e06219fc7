"""Research in waves on the map: per touchpoint the latest score, its trend, the weakest outlets.

A repeated study (entries sharing `study`) is one line per touchpoint, not one per wave: the
latest wave that scored the touchpoint, the change since the wave before it that scored it
(an arrow and words, never colour alone), and the outlets that did worst in the latest wave.
Research entries that are not waves keep one line each. The per-outlet table of a study goes
with the research section: outlets as rows, the touchpoints of its latest wave as columns.
Its change compares an outlet's mean over the touchpoints audited there in both waves only
(a touchpoint first audited now would read as a fall or a rise it is not), and an outlet an
earlier wave visited keeps its row, saying the latest wave did not visit it.

Weakest outlets: those under `lint.score_threshold` (the score below which lint asks for an
action), lowest first, at most `WEAKEST`; when none is under it, the single lowest outlet, so
the lane always says where to look first. Neither when the wave visited one outlet only, or
all outlets scored the same. In the per-outlet table the cells under the threshold are marked.

The HTML map and the Markdown both build their lanes and tables from this module's views.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cjmctl.i18n import long_date, number
from cjmctl.journey.labels import LABELS
from cjmctl.journey.model import Journey
from cjmctl.journey.research import Research

WEAKEST = 2
"""Outlets named as the weakest of a touchpoint, at most."""


@dataclass(frozen=True, slots=True)
class Trend:
    """The change of a score since the previous wave, as an arrow and as words."""

    arrow: str
    """▲ up, ▼ down, = the same (after rounding to whole points)."""
    words: str
    """E.g. "up 6 since 2026 Q1"."""
    direction: str
    """up, down or same: a class name."""


@dataclass(frozen=True, slots=True)
class OutletScore:
    """One outlet's score at a touchpoint in a wave."""

    name: str
    score: str
    weak: bool
    """Under `lint.score_threshold`."""


@dataclass(frozen=True, slots=True)
class LaneScore:
    """One line of a touchpoint's scores lane: a research entry, or a study's latest wave."""

    anchor: str
    title: str
    value: float
    """0..100, for the meter."""
    score: str
    """The score as the locale writes it, whole points."""
    level: str
    """low, mid or good."""
    wave: str = ""
    """The latest wave's label; empty for an entry that is not a wave, or whose title has it."""
    trend: Trend | None = None
    weakest: list[OutletScore] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Cell:
    """One outlet's score at one touchpoint in the per-outlet table; empty where not audited."""

    score: str = ""
    weak: bool = False


@dataclass(frozen=True, slots=True)
class OutletRow:
    """One outlet of the per-outlet table."""

    name: str
    city: str
    cells: list[Cell]
    mean: str
    trend: Trend | None
    visited: bool = True
    """False for an outlet an earlier wave visited and the latest did not: no cells then."""


@dataclass(frozen=True, slots=True)
class OutletTable:
    """A study's latest wave by outlet: the comparison table under the research section."""

    anchor: str
    title: str
    wave: str
    """The latest wave's label; empty where the title has it."""
    previous: str
    """The previous wave's label; empty for a study of one wave."""
    touchpoints: list[tuple[str, str]]
    """(id, name) of each column: the touchpoints the latest wave audited, in map order."""
    rows: list[OutletRow]
    threshold: int


def level(score: float) -> str:
    """The meter's colour class of a 0..100 score (always shown with its number)."""
    return "low" if score < 60 else "mid" if score < 80 else "good"


def wave_label(entry: Research, locale: str) -> str:
    """How a wave is named: its `wave`, else its date, else its title.

    A blank `wave` names nothing: it would leave a dangling ` · ` after the study's title.
    """
    if entry.wave and entry.wave.strip():
        return entry.wave
    return long_date(entry.date, locale) if entry.date else entry.title


_WORD = re.compile(r"\w+")


def _named_in(label: str, title: str) -> bool:
    """Whether `title` already names the wave `label`: has each of its words, in any order.

    "Audit, Q2 2026" names the wave "2026 Q2": appending it would say the wave twice.
    """
    words = set(_WORD.findall(title.casefold()))
    return all(w in words for w in _WORD.findall(label.casefold()))


def _shown_label(entry: Research, locale: str) -> str:
    """The wave's label to show after its title; empty where the title names it already."""
    label = wave_label(entry, locale)
    return "" if _named_in(label, entry.title) else label


def trend(now: float, before: float, since: str, locale: str) -> Trend:
    """The change from `before` to `now` in whole points, since the wave named `since`."""
    labels = LABELS[locale]
    delta = round(now) - round(before)
    if delta > 0:
        return Trend("▲", labels["trend_up"].format(delta=delta, wave=since), "up")
    if delta < 0:
        return Trend("▼", labels["trend_down"].format(delta=-delta, wave=since), "down")
    return Trend("=", labels["trend_same"].format(wave=since), "same")


def lane_scores(journey: Journey) -> dict[str, list[LaneScore]]:
    """Each touchpoint's lines of the scores lane, in the order of the research entries."""
    locale = journey.locale
    threshold = journey.lint.score_threshold
    outlets = {o.id: o.name for o in journey.outlets}
    waves = journey.waves()
    scores = {entry.id: journey.scores_of(entry) for entry in journey.research}
    found: dict[str, list[LaneScore]] = {}
    shown: set[tuple[str, str]] = set()
    for entry in journey.research:
        for tp_id, value in scores[entry.id].items():
            if entry.study is None:
                found.setdefault(tp_id, []).append(_plain(entry, value, locale))
                continue
            if (entry.study, tp_id) in shown:
                continue
            shown.add((entry.study, tp_id))
            scored = [w for w in waves[entry.study] if tp_id in scores[w.id]]
            latest = scored[-1]
            line = _plain(latest, scores[latest.id][tp_id], locale)
            before = (
                trend(
                    *_compared(journey, (latest, scored[-2]), tp_id, scores),
                    wave_label(scored[-2], locale),
                    locale,
                )
                if len(scored) > 1
                else None
            )
            by_outlet = journey.audit(latest).by_outlet.get(tp_id, {})
            weakest = [
                OutletScore(outlets.get(o, o), number(s, locale), s < threshold)
                for o, s in weakest_outlets(by_outlet, threshold)
            ]
            found.setdefault(tp_id, []).append(
                LaneScore(
                    line.anchor,
                    line.title,
                    line.value,
                    line.score,
                    line.level,
                    _shown_label(latest, locale),
                    before,
                    weakest,
                )
            )
    return found


def _compared(
    journey: Journey,
    waves: tuple[Research, Research],
    tp_id: str,
    scores: dict[str, dict[str, float]],
) -> tuple[float, float]:
    """A touchpoint's score in the latest wave and the one before, compared like with like.

    Where both waves scored it from visits but not at the same outlets, each is the mean over
    the outlets both visited: a branch audited once only would otherwise move the trend.
    """
    latest, previous = waves
    now = journey.audit(latest).by_outlet.get(tp_id, {})
    then = journey.audit(previous).by_outlet.get(tp_id, {})
    common = [o for o in now if o in then]
    written = tp_id in latest.scores or tp_id in previous.scores
    if written or set(now) == set(then) or not common:
        return scores[latest.id][tp_id], scores[previous.id][tp_id]
    return _mean([now[o] for o in common]), _mean([then[o] for o in common])


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _plain(entry: Research, value: float, locale: str) -> LaneScore:
    return LaneScore(
        f"research-{entry.id}", entry.title, value, number(value, locale), level(round(value))
    )


def weakest_outlets(by_outlet: dict[str, float], threshold: int) -> list[tuple[str, float]]:
    """The outlets to name as the weakest at a touchpoint (see the module's docstring)."""
    if len(by_outlet) < 2 or len({round(s) for s in by_outlet.values()}) < 2:
        return []
    ranked = sorted(by_outlet.items(), key=lambda item: item[1])
    under = [item for item in ranked if item[1] < threshold]
    return under[:WEAKEST] if under else ranked[:1]


def outlet_tables(journey: Journey) -> list[OutletTable]:
    """One table per study whose latest wave has visits, in the order studies first appear."""
    locale = journey.locale
    threshold = journey.lint.score_threshold
    outlets = {o.id: o for o in journey.outlets}
    order = [tp for _, tp in journey.touchpoints()]
    tables: list[OutletTable] = []
    for waves in journey.waves().values():
        latest = waves[-1]
        now = journey.audit(latest).by_outlet
        if not now:
            continue
        before = journey.audit(waves[-2]).by_outlet if len(waves) > 1 else {}
        previous = wave_label(waves[-2], locale) if len(waves) > 1 else ""
        columns = [(tp.id, tp.name) for tp in order if tp.id in now]
        visited = list(dict.fromkeys(o for scores in now.values() for o in scores))
        rows = []
        for outlet_id in visited:
            outlet = outlets.get(outlet_id)
            mine = [now[tp][outlet_id] for tp, _ in columns if outlet_id in now[tp]]
            both = [tp for tp, _ in columns if outlet_id in now[tp]]
            both = [tp for tp in both if outlet_id in before.get(tp, {})]
            then = [before[tp][outlet_id] for tp in both]
            same = [now[tp][outlet_id] for tp in both]
            mean = sum(mine) / len(mine)
            rows.append(
                OutletRow(
                    outlet.name if outlet else outlet_id,
                    (outlet.city or "") if outlet else "",
                    [
                        Cell(number(now[tp][outlet_id], locale), now[tp][outlet_id] < threshold)
                        if outlet_id in now[tp]
                        else Cell()
                        for tp, _ in columns
                    ],
                    number(mean, locale),
                    trend(sum(same) / len(same), sum(then) / len(then), previous, locale)
                    if then
                    else None,
                )
            )
        rows += [
            OutletRow(
                outlets[o].name if o in outlets else o,
                (outlets[o].city or "") if o in outlets else "",
                [Cell() for _ in columns],
                "",
                None,
                visited=False,
            )
            for o in _visited_before(journey, waves[:-1])
            if o not in visited
        ]
        tables.append(
            OutletTable(
                f"outlets-{latest.id}",
                latest.title,
                _shown_label(latest, locale),
                previous,
                columns,
                rows,
                threshold,
            )
        )
    return tables


def _visited_before(journey: Journey, waves: list[Research]) -> list[str]:
    """The outlets the `waves` visited, latest wave first, each once."""
    found: dict[str, None] = {}
    for wave in reversed(waves):
        found.update((o, None) for scores in journey.audit(wave).by_outlet.values() for o in scores)
    return list(found)


def research_scores(journey: Journey) -> dict[str, dict[str, str]]:
    """Each research entry's scores for the research table, by entry id, in whole points.

    Written first, then computed from visits or ratings (`Journey.scores_of`), as the scores
    lane shows them: the HTML map and the Markdown read the same numbers.
    """
    return {
        entry.id: {ref: number(v, journey.locale) for ref, v in journey.scores_of(entry).items()}
        for entry in journey.research
    }
