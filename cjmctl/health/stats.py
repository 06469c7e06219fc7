"""Numbers about a journey: counts, emotions, moments, coverage, the funnel, metrics and waves.

Metrics are judged against their targets (`Metric.status`) as the map judges them; studies
are counted by their waves. Emotions, their means and the lowest and highest moments are on the
journey's own emotion scale, which the output states.

`stats` gives plain JSON-able data in a fixed key order; `format_text` lays it out for people in
the user's language (`cjmctl.i18n`), with the funnel numbers the rendered map shows.
"""

from __future__ import annotations

import json
from typing import Any, get_args

from cjmctl.health import evidencereport, gapranking, statestats
from cjmctl.health.columns import columns as _columns
from cjmctl.health.fieldwalk import plain
from cjmctl.i18n import _, language, ngettext, number
from cjmctl.journey import validators
from cjmctl.journey.diagnostics import printable
from cjmctl.journey.metrics import Status
from cjmctl.journey.model import Action, Journey
from cjmctl.journey.research import Research
from cjmctl.journey.scale import EmotionScale
from cjmctl.journey.states import current_journey
from cjmctl.renderers.emotion import mean, stage_mean, touchpoint_score, written, written_mean
from cjmctl.renderers.funnel import grows, measured, onward

STATUSES: tuple[str, ...] = get_args(Action.model_fields["status"].annotation)
METRIC_STATUSES: tuple[str, ...] = (*get_args(Status), "no_target", "no_values")
"""Where a metric's latest value stands: against its target, or why it cannot be judged."""
MOMENTS = 3


def _moments(journey: Journey) -> list[dict[str, Any]]:
    """Every emotion given, in file order: one per touchpoint, or one per persona of it."""
    found = []
    for stage, tp in journey.touchpoints():
        scores = tp.emotion.items() if isinstance(tp.emotion, dict) else [(None, tp.emotion)]
        found += [
            {"touchpoint": tp.id, "name": tp.name, "stage": stage.id, "score": s, "persona": p}
            for p, s in scores
            if s is not None
        ]
    return found


def _ties(ordered: list[dict[str, Any]]) -> int:
    """How many moments past the listed ones have the last listed one's score."""
    if len(ordered) <= MOMENTS:
        return 0
    last = ordered[MOMENTS - 1]["score"]
    return sum(m["score"] == last for m in ordered[MOMENTS:])


def _channels(journey: Journey) -> list[tuple[str | None, str]]:
    """(id, name) of every channel: the registry's, else the free labels in order of use."""
    if journey.channels:
        return [(c.id, c.name) for c in journey.channels]
    labels = dict.fromkeys(tp.channel for _, tp in journey.touchpoints() if tp.channel)
    return [(label, label) for label in labels if label is not None]


def _funnel(journey: Journey) -> list[dict[str, Any]]:
    found = []
    for i, stage in enumerate(journey.stages):
        if stage.reached is None:
            continue
        following = onward(journey, i)
        found.append(
            {
                "stage": stage.id,
                "reached": stage.reached,
                "conversion": None if following is None else round(following / stage.reached, 4),
                "lost": None if following is None else stage.reached - following,
                "grows_to": grows(journey, i),
            }
        )
    return found


def _metrics(journey: Journey) -> list[dict[str, Any]]:
    """Each metric's latest value and period, its target, and where the value stands."""
    found = []
    for metric in journey.metrics:
        latest = metric.latest()
        status = "no_values" if latest is None else metric.status(latest[1]) or "no_target"
        found.append(
            {
                "metric": metric.id,
                "name": metric.name,
                "unit": metric.unit,
                "period": latest[0].text if latest else None,
                "value": plain(latest[1]) if latest else None,
                "target": plain(metric.target),
                "status": status,
            }
        )
    return found


def _respondents(entry: Research) -> int:
    """How many answered a survey: its `sample`, else the most answers one touchpoint got."""
    if entry.sample is not None:
        return entry.sample
    return max((sum(counts) for counts in entry.ratings.values()), default=0)


def stats(journey: Journey) -> dict[str, Any]:
    """Count and measure a journey; every number in the result is plain JSON, keys in order.

    The numbers are the current state's; `states` puts the future one beside it, if any.
    """
    both, journey = journey, current_journey(journey)
    moments = _moments(journey)
    lowest = sorted(moments, key=lambda m: int(m["score"]))
    highest = sorted(moments, key=lambda m: -int(m["score"]))
    statuses: list[str] = [a.status for a in journey.actions]
    metrics, waves = _metrics(journey), journey.waves()
    return {
        "title": journey.title,
        "counts": {
            "stages": len(journey.stages),
            "touchpoints": len(journey.touchpoints()),
            "channels": len(_channels(journey)),
            "personas": len(journey.personas),
            "actions": len(journey.actions),
            "actions_by_status": {s: statuses.count(s) for s in STATUSES},
            "research": len(journey.research),
            "metrics": len(journey.metrics),
            "metrics_by_status": {
                s: sum(m["status"] == s for m in metrics) for s in METRIC_STATUSES
            },
            "studies": len(waves),
            "outlets": len(journey.outlets),
            "visits": sum(len(r.visits) for r in journey.research),
            "respondents": sum(_respondents(r) for r in journey.research if r.ratings),
        },
        "emotion_scale": journey.emotion_scale.model_dump(),
        "mean_emotion": {
            "stages": {s.id: stage_mean(s) for s in journey.stages},
            "personas": {
                p.id: mean(touchpoint_score(tp, p.id) for _, tp in journey.touchpoints())
                for p in journey.personas
            },
        },
        # sorted() is stable, so equal scores keep file order.
        "lowest": lowest[:MOMENTS],
        "highest": highest[:MOMENTS],
        "ties": {"lowest": _ties(lowest), "highest": _ties(highest)},
        "coverage": [
            {
                "channel": name,
                "stages": {
                    s.id: sum(tp.channel == key for tp in s.touchpoints) for s in journey.stages
                },
            }
            for key, name in _channels(journey)
        ],
        "funnel": _funnel(journey),
        "metrics": metrics,
        "studies": [
            {
                "study": study,
                "waves": len(entries),
                "latest": entries[-1].id,
                "wave": entries[-1].wave,
                "date": entries[-1].date.isoformat() if entries[-1].date else None,
            }
            for study, entries in waves.items()
        ],
        # #15 matrix
        "priority": gapranking.ranking(journey),
        "evidence": evidencereport.summary(journey),
        "states": statestats.states(both),
    }


def format_json(found: dict[str, Any]) -> str:
    """The statistics as one JSON document, keys in the order `stats` gives them."""
    return json.dumps(found, ensure_ascii=False, indent=2)


def _none() -> str:
    return _("no data")


def _mean(value: float | None, scale: EmotionScale) -> str:
    return _none() if value is None else written_mean(value, scale, language())


def _scale_lines(scale: EmotionScale) -> list[str]:
    """The scale, said where it is not the default: `1..5  1 Furious · … · 5 Delighted`."""
    if scale.is_default():
        return []
    names = " · ".join(
        f"{written(s, scale)} {printable(scale.name(s) or '')}" for s in scale.scores()
    )
    return [
        "",
        _("Emotion scale"),
        "  " + scale.written() + (f"  {names}" if scale.names else ""),
    ]


def _onward(step: dict[str, Any]) -> list[str]:
    """The conversion and loss of a funnel step, worded as the rendered map words them."""
    lang, reached = language(), step["reached"]
    if step["grows_to"] is not None:
        wider = number(step["grows_to"], lang)
        grows_line = _("grows: {reached} -> {following}, no conversion")
        return [grows_line.format(reached=number(reached, lang), following=wider), ""]
    if step["lost"] is None:
        return ["", ""]
    # From the counts, not the rounded fraction, so the percent matches the map's.
    percent = number(100.0 * (reached - step["lost"]) / reached, lang, 1) + "%"
    return [
        _("{percent} go on to the next stage").format(percent=percent),
        _("{count} lost").format(count=number(step["lost"], lang)),
    ]


def _with_unit(value: float, unit: str | None) -> str:
    shown = measured(value, language())
    return shown + ("" if unit is None else unit if unit == "%" else f" {unit}")


def metric_status(status: str) -> str:
    """Where a metric's latest value stands, in words: `met`, `near target`, `no values`."""
    return {
        "met": _("met"),
        "near": _("near target"),
        "off": _("off target"),
        "no_target": _("no target"),
    }.get(status, _("no values"))


def _metric_lines(found: dict[str, Any]) -> list[str]:
    """Each metric: its latest value and period, its target, and where it stands."""
    rows = [
        [
            m["metric"],
            _none() if m["value"] is None else _with_unit(m["value"], m["unit"]),
            m["period"] or "",
            ""
            if m["target"] is None
            else _("target {value}").format(value=_with_unit(m["target"], m["unit"])),
            metric_status(m["status"]),
        ]
        for m in found["metrics"]
    ]
    return ["", _("Metrics"), *_columns(rows, {1})] if rows else []


def _study_lines(found: dict[str, Any]) -> list[str]:
    rows = [
        [
            s["study"],
            ngettext("{count} wave", "{count} waves", s["waves"]).format(
                count=number(s["waves"], language())
            ),
            _("latest: {wave}").format(wave=printable(s["wave"] or s["latest"])),
        ]
        for s in found["studies"]
    ]
    return ["", _("Studies in waves"), *_columns(rows, set())] if rows else []


def _new_counts(counts: dict[str, Any]) -> list[list[str]]:
    """Rows of the counts of metrics and research data, shown only where a journey has them."""
    lang = language()
    by_status = " · ".join(
        f"{metric_status(s)} {number(n, lang)}" for s, n in counts["metrics_by_status"].items() if n
    )
    rows = [
        [_("Metrics"), counts["metrics"], by_status],
        [_("Studies in waves"), counts["studies"], ""],
        [_("Outlets"), counts["outlets"], ""],
        [_("Visits"), counts["visits"], ""],
        [_("Survey respondents"), counts["respondents"], ""],
    ]
    return [[name, number(n, lang), more] for name, n, more in rows if n]


def action_status(status: str) -> str:
    """An action's status as the plan names it: `Planned`, `In progress`, `Done`, `Dropped`."""
    return {
        "planned": _("Planned"),
        "in_progress": _("In progress"),
        "done": _("Done"),
    }.get(status, _("Dropped"))


def _moment_lines(found: dict[str, Any], scale: EmotionScale) -> list[str]:
    out: list[str] = []
    for key, title in (("lowest", _("Lowest moments")), ("highest", _("Highest moments"))):
        if found[key]:
            rows = [
                [
                    written(m["score"], scale) if m["score"] else "0",
                    m["touchpoint"] + (f" ({m['persona']})" if m["persona"] else ""),
                    m["stage"],
                    printable(m["name"]),
                ]
                for m in found[key]
            ]
            out += ["", title, *_columns(rows, {0})]
            if found["ties"][key]:
                more = _("and {count} more at {score}").format(
                    count=number(found["ties"][key], language()), score=rows[-1][0]
                )
                out.append(f"  {more}")
    return out


def format_text(found: dict[str, Any]) -> str:
    """The statistics as aligned text, in the user's language and its number format."""
    lang = language()
    counts = found["counts"]
    by_status = " · ".join(
        f"{action_status(s)} {number(n, lang)}" for s, n in counts["actions_by_status"].items() if n
    )
    count_rows = [
        [_("Stages"), number(counts["stages"], lang), ""],
        [_("Touchpoints"), number(counts["touchpoints"], lang), ""],
        [_("Channels"), number(counts["channels"], lang), ""],
        [_("Personas"), number(counts["personas"], lang), ""],
        [_("Actions"), number(counts["actions"], lang), by_status],
        [_("Research"), number(counts["research"], lang), ""],
        *_new_counts(counts),
    ]
    out = [printable(found["title"]), "", _("Counts"), *_columns(count_rows, {1})]
    scale = validators.validate(EmotionScale, found["emotion_scale"])
    out += _scale_lines(scale)
    for key, title in (
        ("stages", _("Mean emotion by stage")),
        ("personas", _("Mean emotion by persona")),
    ):
        means = found["mean_emotion"][key]
        if means:
            rows = [[k, _mean(v, scale)] for k, v in means.items()]
            out += ["", title, *_columns(rows, {1})]
    out += _moment_lines(found, scale)
    if found["coverage"]:
        stage_ids = list(found["mean_emotion"]["stages"])
        rows = [["", *stage_ids]] + [
            [
                printable(c["channel"]),
                *(number(n, lang) if n else "·" for n in c["stages"].values()),
            ]
            for c in found["coverage"]
        ]
        coverage = _("Touchpoints per channel and stage")
        out += ["", coverage, *_columns(rows, set(range(1, len(stage_ids) + 1)))]
    if found["funnel"]:
        rows = [
            [f["stage"], number(f["reached"], lang), _("reached"), *_onward(f)]
            for f in found["funnel"]
        ]
        out += ["", _("Funnel"), *_columns(rows, {1})]
    out += _metric_lines(found) + _study_lines(found)
    out += gapranking.lines(found["priority"])  # #15 matrix
    if found["evidence"]["stated"]:
        out += ["", evidencereport.share_line(found["evidence"])]
    out += statestats.lines(found.get("states"), scale)
    return "\n".join(out)
