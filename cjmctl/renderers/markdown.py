"""The Markdown document: the whole journey as CommonMark with GitHub tables, for repositories.

Title, description and metadata; the personas with their goals, habits, pains, fears and empathy
map; the map as one table per stage (lanes as rows, touchpoints as columns, only the lanes
that have data); the emotion curve as a ```mermaid block (GitHub draws it); the action plan and
the research as tables. Labels follow the journey's locale.

Journey text is always text, never markup (`markdowntext.text`): whitespace and line breaks
become one space, and every character that could start markup is backslash-escaped: emphasis,
code, links, HTML and entities, table cells, strikethrough, GitHub math, headings; at the start
of a line also list, quote and setext markers. So a pipe never splits a cell and `<b>` shows as
typed. Nor does journey text mention anyone or link an issue (`@team`, `#12`, `GH-12`): a
zero-width space after the sign keeps the text and breaks the reference. Bare URLs are left as
they are; GitHub makes them links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from cjmctl.i18n import long_date, number
from cjmctl.journey import links
from cjmctl.journey.model import Journey, Persona, Stage, Touchpoint
from cjmctl.journey.scale import EmotionScale
from cjmctl.renderers import RenderOptions, audit, kpi
from cjmctl.renderers.claimbadges import Badge, badges
from cjmctl.renderers.emotion import persona_name, word, written
from cjmctl.renderers.funnel import Step, steps
from cjmctl.renderers.futureview import MARKS
from cjmctl.renderers.markdowntext import block, table, text
from cjmctl.renderers.mermaid import to_mermaid
from cjmctl.renderers.review import overdue, review_status
from cjmctl.renderers.survey import results as survey_results
from cjmctl.renderers.wording import labels_of

_BACKTICKS = re.compile(r"`+")
LANES = (
    "channel",
    "action",
    "thoughts",
    "emotion",
    "future",
    "feeling",
    "motives",
    "pains",
    "frontstage",
    "backstage",
    "backstage_owner",
    "support_processes",
    "opportunities",
    "owner",
    "evidence",
    "claims_legend",
    "scores",
    "kpi",
)
"""The rows of a stage's table, in the order the HTML map shows them; `claims_legend` is how
each claim is known ("How it is known"), which the map badges in the claim's own cell."""


def bullets(cells: Iterable[str]) -> str:
    """Join escaped items into one table cell: the item itself, or `• a • b` for several."""
    items = list(cells)
    return items[0] if len(items) == 1 else " ".join(f"• {item}" for item in items)


def facts(pairs: Iterable[tuple[str, str | list[str]]]) -> str | None:
    """A list of `**Label:** text` items; a list of several texts becomes a nested list.

    Blank texts are left out: an empty nested item `  -` would underline the label as a heading.
    """
    lines: list[str] = []
    for label, value in pairs:
        items = [item for item in ([value] if isinstance(value, str) else value) if item.strip()]
        if not items:
            continue
        head = f"- **{text(label)}:**"
        if len(items) == 1:
            lines.append(f"{head} {text(items[0])}")
        else:
            lines += [head, *(f"  - {block(item)}" for item in items)]
    return "\n".join(lines) or None


def _feeling(score: int, scale: EmotionScale, labels: dict[str, str]) -> str:
    """An emotion as written and its level's name: `+1 positive`, `0 neutral`, `4 Pleased`."""
    sign = written(score, scale) if score else "0"
    return f"{sign} {text(word(score, scale, labels))}"


def _header(journey: Journey, options: RenderOptions, labels: dict[str, str]) -> list[str]:
    blocks = [f"# {text(journey.title)}"]
    if journey.description:
        blocks.append(block(journey.description))
    review = ""
    if journey.reviewed:
        parts = [long_date(journey.reviewed, journey.locale)]
        if journey.review_every_days:
            parts.append(labels["review_every"].format(days=journey.review_every_days))
        note, stale = review_status(journey, options.today)
        parts += [f"⚠ {note}" if stale else note] if note else []
        review = " · ".join(parts)
    meta = facts([(labels["owner"], journey.owner or ""), (labels["reviewed"], review)])
    return blocks + ([meta] if meta else [])


def _persona(persona: Persona, labels: dict[str, str]) -> list[str]:
    blocks = [f"### {text(persona.name)}"]
    if persona.summary:
        blocks.append(block(persona.summary))
    about = facts(
        (labels[key], getattr(persona, key)) for key in ("goals", "habits", "pains", "fears")
    )
    blocks += [about] if about else []
    empathy = facts(
        (labels[key], getattr(persona.empathy, key)) for key in ("thinks", "feels", "says", "does")
    )
    if empathy:
        blocks += [f"**{text(labels['empathy'])}**", empathy]
    return blocks


@dataclass(frozen=True, slots=True)
class _Names:
    """What ids in a journey stand for, looked up once per document."""

    labels: dict[str, str]
    personas: dict[str, str]
    channels: dict[str, str]
    research: dict[str, str]
    parts: dict[str, str]
    """Stage and touchpoint names by id."""
    scores: dict[str, list[str]]
    """Escaped `research title: score` cells by touchpoint id."""
    persona: str | None = None
    """The persona whose emotions alone are shown (`--persona`)."""
    kpis: dict[str, list[str]] | None = None
    """Escaped KPI cells by touchpoint id (a stage's metric in its first touchpoint's)."""
    views: dict[str, kpi.Kpi] | None = None
    """The metrics' views by id, worked out once."""
    scale: EmotionScale = field(default_factory=EmotionScale)
    """The journey's emotion scale, which names its levels."""
    claims: dict[str, dict[str, Badge]] = field(default_factory=dict)
    """The badges of the stated claims, by touchpoint id and lane, as the HTML map has them."""

    @classmethod
    def of(cls, journey: Journey, persona: str | None = None) -> _Names:
        scores = _score_cells(journey)
        parts = {s.id: s.name for s in journey.stages}
        parts.update({tp.id: tp.name for _, tp in journey.touchpoints()})
        labels = labels_of(journey)
        views = kpi.views(journey, labels)
        kpis = {
            tp: [_kpi(k, labels) for k in found]
            for tp, found in kpi.by_column(journey, views).items()
        }
        return cls(
            labels_of(journey),
            {p.id: p.name for p in journey.personas},
            {c.id: c.name for c in journey.channels},
            {r.id: r.title for r in journey.research},
            parts,
            scores,
            persona,
            kpis,
            views,
            journey.emotion_scale,
            badges(journey),
        )


def _list_cell(items: list[str]) -> str:
    return bullets(text(item) for item in items) if items else ""


def _emotion(tp: Touchpoint, names: _Names) -> str:
    emotion = tp.emotion_for(names.persona) if names.persona is not None else tp.emotion
    if emotion is None:
        return ""
    if isinstance(emotion, int):
        return _feeling(emotion, names.scale, names.labels)
    return bullets(
        f"{text(names.personas.get(pid, pid))}: {_feeling(score, names.scale, names.labels)}"
        for pid, score in emotion.items()
    )


def _cells(tp: Touchpoint, names: _Names) -> dict[str, str]:
    channel = names.channels.get(tp.channel, tp.channel) if tp.channel else ""
    scores = names.scores.get(tp.id, [])
    return {
        "channel": text(channel),
        "action": text(tp.action or ""),
        "thoughts": text(tp.thoughts or ""),
        "emotion": _emotion(tp, names),
        "feeling": text(tp.feeling or ""),
        "motives": _list_cell(tp.motives),
        "pains": _list_cell(tp.pains),
        "frontstage": _list_cell(tp.frontstage),
        "backstage": _list_cell(tp.backstage),
        "backstage_owner": text(tp.backstage_owner or ""),
        "support_processes": _list_cell(tp.support),
        "opportunities": _list_cell(tp.opportunities),
        "owner": text(tp.owner or ""),
        "evidence": _list_cell([names.research.get(r, r) for r in tp.evidence]),
        "scores": bullets(scores) if scores else "",
        "kpi": bullets(kpis) if (kpis := (names.kpis or {}).get(tp.id)) else "",
        "future": _future(tp, names),
        "claims_legend": bullets(
            _claim(b, names.labels) for b in names.claims.get(tp.id, {}).values()
        ),
    }


def _claim(badge: Badge, labels: dict[str, str]) -> str:
    """A claim as `✓ Emotion: Observed · Queue logs`: its mark, status and sources."""
    status = labels["claim_of"].format(
        claim=labels[badge.claim], status=labels[f"claim_{badge.status}"]
    )
    return " · ".join([f"{badge.glyph} {text(status)}", *(text(s.text) for s in badge.sources)])


def _future(tp: Touchpoint, names: _Names) -> str:
    """The touchpoint in the future state: its target emotion, the change, what is new."""
    future, labels = tp.future, names.labels
    if future is None:
        return ""
    shown = [f"**{text(future.change)}**"] if future.change else []
    emotion = future.emotion
    if isinstance(emotion, dict) and names.persona is None:
        then = ", ".join(
            f"{text(names.personas.get(pid, pid))} {_feeling(score, names.scale, labels)}"
            for pid, score in emotion.items()
        )
    else:
        then = (
            _emotion(tp.model_copy(update={"emotion": emotion}), names)
            if emotion is not None
            else ""
        )
    shown += [f"{text(labels['future_emotion'])}: {then}"] if then else []
    shown += [
        f"{text(labels[key])}: {text(value)}"
        for key, value in (("action", future.action), ("thoughts", future.thoughts))
        if value
    ]
    if future.pains:  # one label for them all: the cell's items are the future's parts
        shown.append(f"{text(labels['pains'])}: " + "; ".join(text(p) for p in future.pains))
    return bullets(shown) if shown else ""


def _away(link: str, options: RenderOptions, words: str = "{title}") -> str:
    """A link to another journey's Markdown: its file, as Markdown output has no anchors."""
    url = links.href(options.journey_id, link, ".md")
    title = links.view(link, options.journey_id, options.links, ".md")[1]
    return f"[→ {text(words.format(title=title))}]({url})"


def _stage(stage: Stage, step: Step | None, names: _Names, options: RenderOptions) -> list[str]:
    labels = names.labels
    blocks = [f"### {text(stage.name)}"]
    if stage.link:
        blocks.append(_away(stage.link, options, labels["continues_in"]))
    shown = (step.reached, step.conversion, step.drop_off, step.grows) if step else ()
    funnel = [s for s in shown if s]
    about = facts(
        [
            (labels["goal"], stage.goal or ""),
            (labels["expectations"], stage.expectations),
            (labels["funnel"], " · ".join(funnel)),
        ]
    )
    blocks += [about] if about else []
    if not stage.touchpoints:
        blocks.append(f"*{text(labels['no_touchpoints'])}*")
        return blocks
    wow = f" (★ {text(labels['wow'])})"
    head = [text(labels["touchpoint"])]
    head += [
        text(tp.name) + (wow if tp.wow else "") + _state_mark(tp, labels)
        for tp in stage.touchpoints
    ]
    columns = [_cells(tp, names) for tp in stage.touchpoints]
    rows = [
        [f"**{text(labels[lane])}**", *(column[lane] for column in columns)]
        for lane in LANES
        if any(column[lane] for column in columns)
    ]
    if any(tp.link for tp in stage.touchpoints):
        away = [_away(tp.link, options) if tp.link else "" for tp in stage.touchpoints]
        rows.append([f"**{text(labels['continues_lane'])}**", *away])
    blocks.append(table(head, rows))
    return blocks


def _state_mark(tp: Touchpoint, labels: dict[str, str]) -> str:
    """` (+ added in the future state)` after the name of a touchpoint of one state only."""
    if tp.state not in MARKS:
        return ""
    key, glyph = MARKS[tp.state]
    return f" ({glyph} {text(labels[key])})"


def _without_empty_columns(head: list[str], rows: list[list[str]]) -> str:
    keep = [i for i in range(len(head)) if i == 0 or any(row[i] for row in rows)]
    return table([head[i] for i in keep], [[row[i] for i in keep] for row in rows])


def _plan(journey: Journey, names: _Names, today: date | None) -> str:
    labels = names.labels
    late = f" ⚠ {text(labels['overdue'])}"
    head = ["title", "addresses", "owner", "metric", "target", "kpi_baseline", "kpi_latest"]
    head += ["kpi_result", "due", "status"]
    rows: list[list[str]] = []
    for a in journey.actions:
        measured = kpi.measured(journey, a)
        target = a.target if a.target is None or isinstance(a.target, str) else f"{a.target:g}"
        rows.append(
            [
                text(a.title),
                _list_cell([names.parts.get(ref, ref) for ref in a.addresses]),
                text(a.owner or ""),
                text(measured.name if measured else a.metric or ""),
                text((measured.target if measured else target) or ""),
                *_measured(measured, labels),
                (long_date(a.due, journey.locale) + (late if overdue(a, today) else ""))
                if a.due
                else "",
                text(labels[a.status]),
            ]
        )
    return _without_empty_columns([text(labels[key]) for key in head], rows)


def _measured(measured: kpi.Measured | None, labels: dict[str, str]) -> list[str]:
    """The plan's baseline, latest and target-met cells of an action measured by a metric."""
    if measured is None:
        return ["", "", ""]
    met = ""
    if measured.met is not None:
        status = "met" if measured.met else "off"
        met = f"{kpi.MARKS[status]} {text(labels['kpi_yes' if measured.met else 'kpi_no'])}"
    return [text(measured.baseline or ""), text(measured.latest or ""), met]


def _kpi(k: kpi.Kpi, labels: dict[str, str]) -> str:
    """A KPI in one line: `name: 4.2 of 5 (2026-10) ! near target, target 4.5 of 5`."""
    name = text(k.name)
    if k.stage is not None:
        name += f" ({text(labels['kpi_stage'].format(name=k.stage))})"
    if k.value is None:
        return f"{name}: {text(labels['kpi_none'])}"
    line = f"{name}: {text(k.value)} ({text(k.period or '')})"
    if k.status is not None:
        line += f" {_status(k.status, labels)}"
    if k.target is not None:
        line += ", " + text(labels["kpi_target"].format(value=k.target))
    return line


def _status(status: str, labels: dict[str, str]) -> str:
    return f"{kpi.MARKS[status]} {text(labels[f'kpi_{status}'])}"


def _metrics(journey: Journey, names: _Names) -> str:
    labels = names.labels
    head = ["metric", "kind", "kpi_where", "kpi_latest", "target", "status", "kpi_trend"]
    rows = [
        [
            text(k.name),
            text(labels[f"kpi_{m.kind}"]),
            _list_cell([names.parts[ref] for ref in where]),
            f"{text(k.value)} ({text(k.period or '')})" if k.value else text(labels["kpi_none"]),
            text(k.target or ""),
            _status(k.status, labels) if k.status else "",
            k.trend,
        ]
        for m, (k, where) in zip(
            journey.metrics, kpi.table(journey, names.views or {}), strict=True
        )
    ]
    return _without_empty_columns([text(labels[key]) for key in head], rows)


def _research(journey: Journey, names: _Names) -> str:
    labels = names.labels
    head = ["source", "kind", "date", "sample", "findings", "scores"]
    scores = audit.research_scores(journey)
    rows = [
        [
            text(r.title),
            text(labels[r.kind]),
            long_date(r.date, journey.locale) if r.date else "",
            number(r.sample, journey.locale) if r.sample is not None else "",
            _list_cell(r.findings),
            bullets(f"{text(names.parts.get(k, k))}: {v}" for k, v in scores[r.id].items())
            if scores[r.id]
            else "",
        ]
        for r in journey.research
    ]
    return _without_empty_columns([text(labels[key]) for key in head], rows)


def _surveys(journey: Journey, labels: dict[str, str]) -> list[str]:
    """Each survey's ratings per touchpoint and its reasons, ranked, below the research table."""
    blocks: list[str] = []
    for s in survey_results(journey, labels):
        blocks.append(f"### {text(s.entry.title)}")
        if s.ratings:
            head = ["touchpoint", "survey_mean", "survey_respondents", "survey_answers"]
            rows = [
                [
                    text(r.name),
                    text(labels["survey_mean_of"].format(mean=r.mean, high=s.high))
                    + (
                        f" ({text(labels['survey_score'].format(score=r.score))})"
                        if r.score is not None
                        else ""
                    )
                    if r.respondents
                    else text(labels["survey_none"]),
                    number(r.respondents, journey.locale),
                    " · ".join(f"{b.answer}: {number(b.count, journey.locale)}" for b in r.bars),
                ]
                for r in s.ratings
            ]
            blocks.append(table([text(labels[key]) for key in head], rows))
        if s.reasons:
            blocks.append(f"**{text(labels['survey_reasons'])}** ({text(s.base)})")
            blocks.append(
                "\n".join(
                    f"{n}. {block(r.reason)} — {number(r.count, journey.locale)} · {r.share}%"
                    for n, r in enumerate(s.reasons, 1)
                )
            )
    return blocks


def _score_cells(journey: Journey) -> dict[str, list[str]]:
    """Each touchpoint's scores lane as escaped items: a wave with its trend and weakest outlets."""
    labels = labels_of(journey)
    cells: dict[str, list[str]] = {}
    for tp_id, lines in audit.lane_scores(journey).items():
        for s in lines:
            item = text(s.title) + (f" · {text(s.wave)}" if s.wave else "") + f": {s.score}"
            if s.trend:
                item += f" {s.trend.arrow} {text(s.trend.words)}"
            if s.weakest:
                weakest = ", ".join(
                    f"{text(o.name)} {o.score}" + (" ⚠" if o.weak else "") for o in s.weakest
                )
                item += f"; {text(labels['audit_weakest'].lower())}: {weakest}"
            cells.setdefault(tp_id, []).append(item)
    return cells


def _outlet_tables(journey: Journey, labels: dict[str, str]) -> list[str]:
    """Each study's latest wave by outlet, with the cells under the threshold marked ⚠."""
    blocks: list[str] = []
    for t in audit.outlet_tables(journey):
        title = labels["audit_by_outlet"].format(title=t.title)
        head = [labels["audit_outlet"], labels["audit_city"], *(n for _, n in t.touchpoints)]
        head += [labels["audit_mean"], labels["audit_change"]]
        rows = [
            [
                text(row.name),
                text(row.city),
                *(("⚠ " if c.weak else "") + c.score if c.score else "–" for c in row.cells),
                row.mean or "–",
                f"{row.trend.arrow} {text(row.trend.words)}"
                if row.trend
                else text(labels["audit_first_wave" if row.visited else "audit_not_visited"]),
            ]
            for row in t.rows
        ]
        key = labels["audit_under"].format(threshold=t.threshold)
        blocks += [
            f"### {text(title)}" + (f" · {text(t.wave)}" if t.wave else ""),
            table([text(h) for h in head], rows),
            f"⚠ {text(key)}",
        ]
        if t.previous:
            words = labels["audit_change_key"]
            blocks.append(text(words.format(change=labels["audit_change"], wave=t.previous)))
    return blocks


def fenced(code: str, info: str) -> str:
    """A fenced code block whose fence is longer than any run of backticks in `code`."""
    fence = "`" * max(3, 1 + max((len(run) for run in _BACKTICKS.findall(code)), default=0))
    return f"{fence}{info}\n{code.rstrip(chr(10))}\n{fence}"


def to_markdown(journey: Journey, options: RenderOptions) -> str:
    """Write the whole journey as a Markdown document; with `options.persona`, its emotions only."""
    chosen = options.persona
    if chosen is not None:
        persona_name(journey, chosen)
    names = _Names.of(journey, chosen)
    labels = names.labels
    blocks = _header(journey, options, labels)
    if journey.personas:
        blocks.append(f"## {text(labels['personas'])}")
        for persona in journey.personas:
            blocks += _persona(persona, labels)
    blocks.append(f"## {text(labels['map'])}")
    funnel = steps(journey)
    for index, stage in enumerate(journey.stages):
        blocks += _stage(stage, funnel.get(index), names, options)
    blocks.append(f"## {text(labels['emotion_curve'])}")
    blocks.append(fenced(to_mermaid(journey, chosen), "mermaid"))
    if journey.actions:
        blocks += [f"## {text(labels['plan'])}", _plan(journey, names, options.today)]
    if journey.metrics:
        blocks += [f"## {text(labels['kpi_metrics'])}", _metrics(journey, names)]
    if journey.research:
        blocks += [f"## {text(labels['research'])}", _research(journey, names)]
        blocks += _surveys(journey, labels)
        blocks += _outlet_tables(journey, labels)
    return "\n\n".join(blocks) + "\n"


def render(journey: Journey, options: RenderOptions) -> bytes:
    """Render the journey as Markdown; `options.today` decides the stale and overdue marks."""
    return to_markdown(journey, options).encode("utf-8")
