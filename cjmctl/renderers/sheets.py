"""The sheets of the xlsx workbook: the touchpoints' table first, then the journey's other parts.

Every sheet is there even when its part is empty, with its header row, so a workbook always has
the same shape and formulas or scripts that read it find their sheet. Long data (research
scores, metric values) has a row per value, so numbers stay numbers a chart or a pivot can use.
"""

from __future__ import annotations

from cjmctl.journey.labels import LABELS
from cjmctl.journey.model import Journey
from cjmctl.renderers.emotion import word
from cjmctl.renderers.sheetrows import Sheet, Value, lines, touchpoints


def workbook(journey: Journey) -> list[Sheet]:
    """Every sheet, in the order of the workbook's tabs."""
    return [
        touchpoints(journey),
        _stages(journey),
        _personas(journey),
        _channels(journey),
        _actions(journey),
        _research(journey),
        _scores(journey),
        _metrics(journey),
        _values(journey),
        _about(journey),
    ]


def _sheet(journey: Journey, name: str, keys: list[str], rows: list[list[Value]]) -> Sheet:
    labels = LABELS[journey.locale]
    return Sheet(labels[name], [labels[key] for key in keys], rows)


def _stages(journey: Journey) -> Sheet:
    rows: list[list[Value]] = [
        [s.id, s.name, s.goal, lines(s.expectations), s.reached, s.link, len(s.touchpoints)]
        for s in journey.stages
    ]
    keys = ["sheet_id", "sheet_name", "goal", "expectations", "sheet_reached", "sheet_link"]
    return _sheet(journey, "sheet_stages", [*keys, "sheet_touchpoints"], rows)


def _personas(journey: Journey) -> Sheet:
    parts = ("goals", "habits", "pains", "fears")
    feelings = ("thinks", "feels", "says", "does")
    rows: list[list[Value]] = [
        [
            p.id,
            p.name,
            p.summary,
            *(lines(getattr(p, key)) for key in parts),
            *(lines(getattr(p.empathy, key)) for key in feelings),
        ]
        for p in journey.personas
    ]
    keys = ["sheet_id", "sheet_name", "sheet_summary", *parts, *feelings]
    return _sheet(journey, "sheet_personas", keys, rows)


def _channels(journey: Journey) -> Sheet:
    rows: list[list[Value]] = [[c.id, c.name, c.kind] for c in journey.channels]
    return _sheet(journey, "sheet_channels", ["sheet_id", "sheet_name", "kind"], rows)


def _actions(journey: Journey) -> Sheet:
    rows: list[list[Value]] = [
        [
            a.id,
            a.title,
            lines(a.addresses),
            a.owner,
            a.metric,
            a.target,
            a.baseline,
            a.started,
            a.finished,
            a.due,
            a.status,
        ]
        for a in journey.actions
    ]
    keys = ["sheet_id", "title", "addresses", "owner", "metric", "target", "sheet_baseline"]
    keys += ["sheet_started", "sheet_finished", "due", "status"]
    return _sheet(journey, "sheet_actions", keys, rows)


def _research(journey: Journey) -> Sheet:
    rows: list[list[Value]] = [
        [r.id, r.kind, r.title, r.date, r.sample, lines(r.findings), r.study, r.wave]
        for r in journey.research
    ]
    keys = ["sheet_id", "kind", "sheet_title", "date", "sample", "findings"]
    return _sheet(journey, "sheet_research", [*keys, "sheet_study", "sheet_wave"], rows)


def _scores(journey: Journey) -> Sheet:
    """Each research entry's score of each touchpoint, written or computed, as the map shows."""
    names = {tp.id: tp.name for _, tp in journey.touchpoints()}
    rows: list[list[Value]] = [
        [entry.id, entry.title, tp_id, names.get(tp_id), score]
        for entry in journey.research
        for tp_id, score in journey.scores_of(entry).items()
    ]
    keys = ["sheet_research_id", "sheet_title", "sheet_touchpoint_id", "touchpoint", "sheet_score"]
    return _sheet(journey, "sheet_scores", keys, rows)


def _metrics(journey: Journey) -> Sheet:
    rows: list[list[Value]] = [
        [
            m.id,
            m.name,
            m.kind,
            m.unit,
            m.scale[0] if m.scale else None,
            m.scale[1] if m.scale else None,
            "lower" if m.lower_is_better() else "higher",
            m.target,
            m.warning,
            lines(m.at),
            m.measured_by(),
        ]
        for m in journey.metrics
    ]
    keys = ["sheet_id", "sheet_name", "kind", "sheet_unit", "sheet_scale_low", "sheet_scale_high"]
    keys += ["sheet_better", "target", "sheet_warning", "sheet_at", "sheet_method"]
    return _sheet(journey, "sheet_metrics", keys, rows)


def _values(journey: Journey) -> Sheet:
    """Every measured value of every metric, in time order: those of `metric_files` too."""
    rows: list[list[Value]] = [
        [m.id, m.name, period.text, period.start, period.end, value]
        for m in journey.metrics
        for period, value in m.series()
    ]
    keys = ["sheet_metric_id", "metric", "sheet_period", "sheet_from", "sheet_to", "sheet_value"]
    return _sheet(journey, "sheet_values", keys, rows)


def _about(journey: Journey) -> Sheet:
    """The journey's own fields, and its emotion scale with a name for every level."""
    labels = LABELS[journey.locale]
    scale = journey.emotion_scale
    rows: list[list[Value]] = [
        [labels["sheet_title"], journey.title],
        [labels["sheet_description"], journey.description],
        [labels["owner"], journey.owner],
        [labels["sheet_locale"], journey.locale],
        [labels["reviewed"], journey.reviewed],
        [labels["sheet_review_every"], journey.review_every_days],
        [labels["sheet_scale"], scale.written()],
    ]
    rows += [
        [
            labels["sheet_level"].format(score=score),
            word(score, scale, labels),
        ]
        for score in scale.scores()
    ]
    return _sheet(journey, "sheet_journey", ["sheet_field", "sheet_value"], rows)
