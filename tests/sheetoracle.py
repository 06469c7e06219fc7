"""What the spreadsheet exports must hold, read from the journey's JSON export, not from the code
that builds the sheets: the oracle the CSV and the xlsx are checked against, cell by cell.

Each sheet is a list of (English header, Russian header, cell) columns, the cell read from the
JSON of the part a row shows. Headers are written out here, so a renamed or moved column fails.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from cjmctl.journey import periods
from cjmctl.journey.model import Journey
from cjmctl.renderers.jsonexport import to_json

Doc = dict[str, Any]
Cell = Callable[[Doc, Doc], object]
"""A cell from (the row's part, the journey's document)."""
Column = tuple[str, str, Cell]

FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
"""OWASP's formula triggers, and their full-width forms."""


def formula_like(text: str) -> bool:
    """Whether a spreadsheet could run `text`: a trigger first, or after white space."""
    return text[:1] in FORMULA_STARTS or text.lstrip()[:1] in FORMULA_STARTS


def _joined(value: object) -> object:
    if isinstance(value, list):
        return "\n".join(value) or None
    return None if value == "" else value


def field(*path: str) -> Cell:
    """The value at `path` in the row's part (a list joined a line per item)."""

    def get(part: Doc, _: Doc) -> object:
        value: Any = part
        for key in path:
            value = None if value is None else value.get(key)
        return _joined(value)

    return get


def _score(path: tuple[str, ...], persona: str | None) -> Cell:
    def get(part: Doc, _: Doc) -> object:
        emotion: Any = part
        for key in path:
            emotion = None if emotion is None else emotion.get(key)
        if isinstance(emotion, dict):
            return emotion.get(persona) if persona else None
        return emotion

    return get


def touchpoint_columns(doc: Doc, journey: Journey) -> list[Column]:
    """The touchpoints' table, for rows of (touchpoint JSON with its stage as `_stage`)."""
    scale = f"{doc['emotion_scale']['min']}..{doc['emotion_scale']['max']}"
    scale = "-2..+2" if scale == "-2..2" else scale
    channels = {c["id"]: c["name"] for c in doc["channels"]}
    following: dict[str, list[str]] = {}
    for start, end in journey.flow():
        following.setdefault(start.id, []).append(end.id)
    people = doc["personas"]

    def emotions(now: bool) -> list[Column]:
        en, ru = ("Emotion", "Эмоции") if now else ("Future emotion", "Целевая эмоция")
        path = ("emotion",) if now else ("future", "emotion")
        return [(f"{en}: {p['name']}", f"{ru}: {p['name']}", _score(path, p["id"])) for p in people]

    columns: list[Column] = [
        ("Stage id", "Идентификатор этапа", field("_stage", "id")),
        ("Stage", "Этап", field("_stage", "name")),
        ("Touchpoint id", "Идентификатор точки контакта", field("id")),
        ("Touchpoint", "Точка контакта", field("name")),
        (
            "Channel id",
            "Идентификатор канала",
            lambda tp, _: tp["channel"] if tp["channel"] in channels else None,
        ),
        ("Channel", "Канал", lambda tp, _: channels.get(tp["channel"], tp["channel"])),
        ("Customer action", "Действия клиента", field("action")),
        ("Thoughts", "Мысли", field("thoughts")),
        (f"Emotion ({scale})", f"Эмоции ({scale})", _score(("emotion",), None)),
        *emotions(now=True),
        ("Feeling", "Чувство", field("feeling")),
        ("Motives", "Мотивы", field("motives")),
        ("Pains", "Боли", field("pains")),
        ("Opportunities", "Возможности", field("opportunities")),
        ("Owner", "Ответственный", field("owner")),
        ("Wow moment", "Вау-эффект", field("wow")),
        ("Next", "Дальше", lambda tp, _: _joined(following.get(tp["id"], []))),
        ("Linked journey", "Связанный путь", field("link")),
        ("Evidence", "Источники данных", field("evidence")),
        ("Frontstage", "Фронт-офис", field("frontstage")),
        ("Backstage", "Бэк-офис", field("backstage")),
        (
            "Support processes and systems",
            "Поддерживающие процессы и системы",
            field("support"),
        ),
        ("Backstage owner", "Владелец бэк-офиса", field("backstage_owner")),
        ("State", "Состояние", field("state")),
        (
            f"Future emotion ({scale})",
            f"Целевая эмоция ({scale})",
            _score(("future", "emotion"), None),
        ),
        *emotions(now=False),
        ("Future action", "Действия клиента в будущем", field("future", "action")),
        ("Future thoughts", "Мысли в будущем", field("future", "thoughts")),
        ("Future pains", "Боли в будущем", field("future", "pains")),
        ("Change", "Что меняется", field("future", "change")),
        ("Importance to the customer", "Важность для клиента", field("importance", "customer")),
        ("Importance to the business", "Важность для бизнеса", field("importance", "business")),
        ("Satisfaction", "Удовлетворённость", field("satisfaction")),
    ]
    claims = [("emotion", "Emotion", "Эмоции"), ("pains", "Pains", "Боли")]
    for part, en, ru in [*claims, ("thoughts", "Thoughts", "Мысли")]:
        columns.append(
            (f"{en}: evidence", f"{ru}: доказательность", field("claims", part, "status"))
        )
        columns.append(
            (
                f"{en}: evidence source",
                f"{ru}: источник доказательства",
                field("claims", part, "source"),
            )
        )
    return columns


def _day(value: object) -> object:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _better(metric: Doc, _: Doc) -> str:
    if metric["better"]:
        return str(metric["better"])
    return "lower" if metric["kind"] in ("ces", "abandonment") else "higher"


def _measured_by(metric: Doc, _: Doc) -> object:
    implied = {"csat": "survey", "nps": "survey", "ces": "survey"}
    implied |= {"conversion": "analytics", "abandonment": "analytics"}
    return metric["method"] or implied.get(metric["kind"])


ID = ("Id", "Идентификатор", field("id"))
NAME = ("Name", "Название", field("name"))


def tables(journey: Journey) -> list[tuple[str, str, list[Column], list[Doc]]]:
    """Every sheet: (English name, Russian name, columns, the parts its rows show), in order."""
    doc: Doc = json.loads(to_json(journey))
    tps = [tp | {"_stage": s} for s in doc["stages"] for tp in s["touchpoints"]]
    names = {tp["id"]: tp["name"] for tp in tps}
    scores = [
        {"research": r.id, "title": r.title, "touchpoint": k, "score": v}
        for r in journey.research
        for k, v in journey.scores_of(r).items()
    ]
    values = [
        {"metric": m["id"], "name": m["name"], "period": key, "value": value}
        for m in doc["metrics"]
        for key, value in sorted(m["values"].items(), key=lambda kv: periods.parse(kv[0]))  # type: ignore[arg-type, return-value]
    ]
    scale = doc["emotion_scale"]
    about = [
        {"field": en, "ru": ru, "value": _day(doc[key]) if key == "reviewed" else doc[key]}
        for key, en, ru in (
            ("title", "Title", "Название"),
            ("description", "Description", "Описание"),
            ("owner", "Owner", "Ответственный"),
            ("locale", "Language", "Язык"),
            ("reviewed", "Last reviewed", "Дата проверки"),
            ("review_every_days", "Review every (days)", "Пересматривать каждые (дней)"),
        )
    ]
    about.append(
        {"field": "Emotion scale", "ru": "Шкала эмоций", "value": journey.emotion_scale.written()}
    )
    bands = {"en": ["very negative", "negative", "neutral", "positive", "very positive"]}
    bands["ru"] = ["очень плохо", "плохо", "нейтрально", "хорошо", "отлично"]
    for n, score in enumerate(range(scale["min"], scale["max"] + 1)):
        band = journey.emotion_scale.level(score) + 2
        name = scale["names"][n] if scale["names"] else bands[doc["locale"]][band]
        about.append({"field": f"Emotion {score}", "ru": f"Эмоция {score}", "value": name})
    return [
        ("Touchpoints", "Точки контакта", touchpoint_columns(doc, journey), tps),
        (
            "Stages",
            "Этапы",
            [
                ID,
                NAME,
                ("Goal", "Цель", field("goal")),
                ("Expectations", "Ожидания", field("expectations")),
                ("Reached", "Дошли до этапа", field("reached")),
                ("Linked journey", "Связанный путь", field("link")),
                ("Touchpoints", "Точки контакта", lambda s, _: len(s["touchpoints"])),
            ],
            doc["stages"],
        ),
        (
            "Personas",
            "Персоны",
            [
                ID,
                NAME,
                ("Summary", "О персоне", field("summary")),
                ("Goals", "Цели", field("goals")),
                ("Habits", "Привычки", field("habits")),
                ("Pains", "Боли", field("pains")),
                ("Fears", "Страхи", field("fears")),
                ("Thinks", "Думает", field("empathy", "thinks")),
                ("Feels", "Чувствует", field("empathy", "feels")),
                ("Says", "Говорит", field("empathy", "says")),
                ("Does", "Делает", field("empathy", "does")),
            ],
            doc["personas"],
        ),
        ("Channels", "Каналы", [ID, NAME, ("Kind", "Вид", field("kind"))], doc["channels"]),
        (
            "Actions",
            "План действий",
            [
                ID,
                ("Action", "Действие", field("title")),
                ("Addresses", "Для чего", field("addresses")),
                ("Owner", "Ответственный", field("owner")),
                ("Metric", "Метрика", field("metric")),
                ("Target", "Цель", field("target")),
                ("Baseline", "Базовое значение", field("baseline")),
                ("Started", "Начато", lambda a, _: _day(a["started"])),
                ("Finished", "Завершено", lambda a, _: _day(a["finished"])),
                ("Due", "Срок", lambda a, _: _day(a["due"])),
                ("Status", "Статус", field("status")),
            ],
            doc["actions"],
        ),
        (
            "Research",
            "Исследования",
            [
                ID,
                ("Kind", "Вид", field("kind")),
                ("Title", "Название", field("title")),
                ("Date", "Дата", lambda r, _: _day(r["date"])),
                ("Sample", "Выборка", field("sample")),
                ("Findings", "Выводы", field("findings")),
                ("Study", "Исследование в волнах", field("study")),
                ("Wave", "Волна", field("wave")),
            ],
            doc["research"],
        ),
        (
            "Scores",
            "Оценки",
            [
                ("Research id", "Идентификатор исследования", field("research")),
                ("Title", "Название", field("title")),
                ("Touchpoint id", "Идентификатор точки контакта", field("touchpoint")),
                ("Touchpoint", "Точка контакта", lambda s, _: names.get(s["touchpoint"])),
                ("Score (0..100)", "Оценка (0..100)", field("score")),
            ],
            scores,
        ),
        (
            "Metrics",
            "Метрики",
            [
                ID,
                NAME,
                ("Kind", "Вид", field("kind")),
                ("Unit", "Единица измерения", field("unit")),
                ("Scale from", "Шкала от", lambda m, _: m["scale"][0] if m["scale"] else None),
                ("Scale to", "Шкала до", lambda m, _: m["scale"][1] if m["scale"] else None),
                ("Better", "Лучше", _better),
                ("Target", "Цель", field("target")),
                ("Warning threshold", "Порог предупреждения", field("warning")),
                ("Measured at", "Где измеряется", field("at")),
                ("Method", "Метод", _measured_by),
            ],
            doc["metrics"],
        ),
        (
            "Metric values",
            "Значения метрик",
            [
                ("Metric id", "Идентификатор метрики", field("metric")),
                ("Metric", "Метрика", field("name")),
                ("Period", "Период", field("period")),
                ("From", "С", lambda v, _: periods.parse(v["period"]).start),  # type: ignore[union-attr]
                ("To", "По", lambda v, _: periods.parse(v["period"]).end),  # type: ignore[union-attr]
                ("Value", "Значение", field("value")),
            ],
            values,
        ),
        (
            "Journey",
            "Карта",
            [
                ("Field", "Поле", lambda r, d: r["field" if d["locale"] == "en" else "ru"]),
                ("Value", "Значение", field("value")),
            ],
            about,
        ),
    ]


def expected(journey: Journey) -> list[tuple[str, list[str], list[list[object]]]]:
    """Every sheet as (name, header, rows of values) in the journey's language."""
    doc: Doc = json.loads(to_json(journey))
    ru = doc["locale"] == "ru"
    found = []
    for en_name, ru_name, columns, parts in tables(journey):
        header = [ru_header if ru else en_header for en_header, ru_header, _ in columns]
        rows = [[cell(part, doc) for _, _, cell in columns] for part in parts]
        found.append((ru_name if ru else en_name, header, rows))
    return found
