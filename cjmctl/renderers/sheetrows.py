"""The tables of the spreadsheet exports: one row per touchpoint, and the journey's other parts.

Shared by the CSV export (the touchpoints' table alone) and the xlsx workbook (every table, a
sheet each), so both hold the same cells. A cell keeps its type: numbers stay numbers (a -1 is a
score, not text), dates stay dates, a list of texts is one cell with a line per item. Scores are
written as the journey gives them, on its own emotion scale, which the emotion columns' headers
name. Ids and enumerations (`state`, `status`, `kind`) are written as the format spells them, so
a sheet can be filtered and mapped back to the file; headers are in the journey's language.

Text that a spreadsheet would read as a formula is not made safe here but by the writers, the
one place each format's cells are made: `risky` says which text that is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from cjmctl.journey.evidence import Claim
from cjmctl.journey.fieldtypes import Emotion
from cjmctl.journey.labels import LABELS
from cjmctl.journey.model import Journey, Stage, Touchpoint

Value = str | int | float | bool | date | None
"""One cell: None is an empty cell."""

TRIGGERS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
"""First characters that make a spreadsheet read a cell as a formula (OWASP's list: `=`, `+`,
`-`, `@`, tab, carriage return), and, as a precaution, the full-width `＝＋－＠` that input
methods of East Asian locales turn into them."""


def risky(text: str) -> bool:
    """Whether a spreadsheet could take `text` for a formula.

    Also after leading white space (`  =1+1`, a line break first), which some applications
    skip before they look for a formula.
    """
    return text[:1] in TRIGGERS or text.lstrip()[:1] in TRIGGERS


def inert(text: str) -> str:
    """`text` with an apostrophe before it where it is `risky`, as OWASP recommends.

    Excel, LibreOffice and Google Sheets take a leading apostrophe as the mark of text.
    """
    return "'" + text if risky(text) else text


@dataclass(frozen=True, slots=True)
class Sheet:
    """One table: its name (a sheet's tab), its header row and its rows, in the journey's order."""

    name: str
    header: list[str]
    rows: list[list[Value]]


Row = Callable[[Stage, Touchpoint], Value]


def lines(items: Sequence[str]) -> str | None:
    """A list of texts as one cell, an item a line; None for none."""
    return "\n".join(items) if items else None


def _score(emotion: Emotion | None, persona: str | None) -> int | None:
    """One persona's score (a shared score applies to everyone), or without one the shared score."""
    if isinstance(emotion, dict):
        return emotion.get(persona) if persona is not None else None
    return emotion


def _claim(part: str, field: str) -> Row:
    def cell(_: Stage, tp: Touchpoint) -> Value:
        claim: Claim | None = getattr(tp.claims, part)
        return None if claim is None else getattr(claim, field)

    return cell


def touchpoint_columns(journey: Journey) -> list[tuple[str, Row]]:
    """The touchpoints' table as (header, cell) pairs, in the order of the map's lanes."""
    labels = LABELS[journey.locale]
    scale = journey.emotion_scale.written()
    registry = {c.id: c.name for c in journey.channels}
    following: dict[str, list[str]] = {}
    for start, end in journey.flow():
        following.setdefault(start.id, []).append(end.id)

    def future(name: str) -> Row:
        return lambda _, tp: None if tp.future is None else getattr(tp.future, name)

    def persona_emotions(key: str, now: bool) -> list[tuple[str, Row]]:
        def cell(persona: str) -> Row:
            def get(_: Stage, tp: Touchpoint) -> Value:
                emotion = tp.emotion if now else tp.future.emotion if tp.future else None
                return _score(emotion, persona)

            return get

        return [(labels[key].format(persona=p.name), cell(p.id)) for p in journey.personas]

    columns: list[tuple[str, Row]] = [
        (labels["sheet_stage_id"], lambda stage, _: stage.id),
        (labels["stage"], lambda stage, _: stage.name),
        (labels["sheet_touchpoint_id"], lambda _, tp: tp.id),
        (labels["touchpoint"], lambda _, tp: tp.name),
        (labels["sheet_channel_id"], lambda _, tp: tp.channel if tp.channel in registry else None),
        (labels["channel"], lambda _, tp: registry.get(tp.channel or "", tp.channel)),
        (labels["action"], lambda _, tp: tp.action),
        (labels["thoughts"], lambda _, tp: tp.thoughts),
        (labels["sheet_emotion"].format(scale=scale), lambda _, tp: _score(tp.emotion, None)),
        *persona_emotions("sheet_emotion_of", now=True),
        (labels["feeling"], lambda _, tp: tp.feeling),
        (labels["motives"], lambda _, tp: lines(tp.motives)),
        (labels["pains"], lambda _, tp: lines(tp.pains)),
        (labels["opportunities"], lambda _, tp: lines(tp.opportunities)),
        (labels["owner"], lambda _, tp: tp.owner),
        (labels["wow"], lambda _, tp: tp.wow),
        (labels["sheet_next"], lambda _, tp: lines(following.get(tp.id, []))),
        (labels["sheet_link"], lambda _, tp: tp.link),
        (labels["evidence"], lambda _, tp: lines(tp.evidence)),
        (labels["sheet_frontstage"], lambda _, tp: lines(tp.frontstage)),
        (labels["sheet_backstage"], lambda _, tp: lines(tp.backstage)),
        (labels["sheet_support"], lambda _, tp: lines(tp.support)),
        (labels["sheet_backstage_owner"], lambda _, tp: tp.backstage_owner),
        (labels["sheet_state"], lambda _, tp: tp.state),
        (
            labels["sheet_future_emotion"].format(scale=scale),
            lambda _, tp: _score(tp.future.emotion, None) if tp.future else None,
        ),
        *persona_emotions("sheet_future_emotion_of", now=False),
        (labels["sheet_future_action"], future("action")),
        (labels["sheet_future_thoughts"], future("thoughts")),
        (labels["sheet_future_pains"], lambda _, tp: lines(tp.future.pains) if tp.future else None),
        (labels["sheet_change"], future("change")),
        (
            labels["sheet_importance_customer"],
            lambda _, tp: tp.importance.customer if tp.importance else None,
        ),
        (
            labels["sheet_importance_business"],
            lambda _, tp: tp.importance.business if tp.importance else None,
        ),
        (labels["sheet_satisfaction"], lambda _, tp: tp.satisfaction),
    ]
    for part in ("emotion", "pains", "thoughts"):
        columns.append(
            (labels["sheet_claim_status"].format(claim=labels[part]), _claim(part, "status"))
        )
        columns.append(
            (labels["sheet_claim_source"].format(claim=labels[part]), _claim(part, "source"))
        )
    return columns


def touchpoints(journey: Journey) -> Sheet:
    """The table of touchpoints: a row each, in map order, with every lane."""
    columns = touchpoint_columns(journey)
    rows = [[cell(stage, tp) for _, cell in columns] for stage, tp in journey.touchpoints()]
    return Sheet(LABELS[journey.locale]["sheet_touchpoints"], [h for h, _ in columns], rows)
