"""The JSON Schema: committed and current, documented, and agreeing with the validator."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cjmctl.journey import loader, yamltree
from cjmctl.journey.diagnostics import JourneyError
from cjmctl.journey.schema import Kind, schema_text
from cjmctl.journey.terms import TERM_KEY
from tests.conftest import EXAMPLE_JOURNEYS, EXAMPLES, ROOT

COMMITTED = ROOT / "schemas" / "journey.schema.json"
Cli = Callable[..., tuple[int, str]]
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
SCHEMA_RULES = {"type", "value", "range", "missing-key", "unknown-key", "structure"}


def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _data(path: Path) -> Any:
    return yamltree.parse(path.read_text(encoding="utf-8"))[0]


def test_committed_schema_is_current() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "schemas/journey.schema.json is stale: run `cjmctl schema -o schemas/journey.schema.json`"
    )


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(schema_text()))


def _properties(node: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield from node.get("properties", {}).items()
        for value in node.values():
            yield from _properties(value)


def test_every_field_has_a_description_and_an_example() -> None:
    props = list(_properties(json.loads(schema_text())))
    assert len(props) > 50
    undocumented = [name for name, prop in props if not prop.get("description")]
    assert undocumented == []
    without_examples = [
        name
        for name, prop in props
        if "examples" not in prop and prop.get("type") != "array" and "$ref" not in str(prop)
    ]
    assert without_examples == []


@pytest.mark.parametrize("path", EXAMPLE_JOURNEYS, ids=lambda p: p.name)
def test_schema_accepts_every_example(path: Path) -> None:
    errors = [e.message for e in _validator().iter_errors(_data(path))]
    assert errors == []


def _schema_broken() -> list[Path]:
    """Invalid examples whose problems a JSON Schema can express (not references, not bytes)."""
    found = []
    for path in sorted(EXAMPLES.glob("invalid/*.yaml")):
        try:
            loader.load(path)
        except JourneyError as error:
            if {d.rule for d in error.diagnostics} & SCHEMA_RULES:
                found.append(path)
    return found


def test_the_schema_expressible_invalid_examples_are_these() -> None:
    assert [p.stem for p in _schema_broken()] == [
        "bad-ids",
        "blank-names",
        "comma-in-braces",
        "empty",
        "format-version",
        "huge-number",
        "missing-key",
        "not-a-mapping",
        "unknown-key",
        "wrong-values",
    ]


@pytest.mark.parametrize("path", _schema_broken(), ids=lambda p: p.name)
def test_schema_rejects_the_broken_examples(path: Path) -> None:
    assert not _validator().is_valid(_data(path))


@pytest.mark.parametrize("kind", ["shared", "project", "theme"])
def test_the_committed_schemas_of_shared_and_project_files_are_current(kind: Kind) -> None:
    committed = ROOT / "schemas" / f"{kind}.schema.json"
    assert committed.read_text(encoding="utf-8") == schema_text(kind), (
        f"schemas/{kind}.schema.json is stale: run `cjmctl schema {kind} -o {committed.name}`"
    )
    jsonschema.Draft202012Validator.check_schema(json.loads(schema_text(kind)))


def _validator_of(kind: Kind) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(schema_text(kind)))


@pytest.mark.parametrize(
    ("kind", "path"),
    [("project", EXAMPLES / "cjmctl.yaml")]
    + [("shared", p) for p in sorted((EXAMPLES / "shared").glob("*.yaml"))],
    ids=lambda value: getattr(value, "name", value),
)
def test_the_schemas_accept_the_example_project_and_its_shared_files(
    kind: Kind, path: Path
) -> None:
    assert [e.message for e in _validator_of(kind).iter_errors(_data(path))] == []


@pytest.mark.parametrize(
    ("kind", "text", "complaint"),
    [
        ("project", "title: No version\n", "'project' is a required property"),
        ("project", "project: 1\ntitle: T\nshared: shared.yaml\n", "is not of type 'array'"),
        ("shared", "personas: [{name: No id}]\nstages: []\n", "Additional properties"),
        ("shared", "channels: [{id: Web, name: W}]\n", "does not match"),
        ("theme", "palette: {accent: red}\n", "is not valid under any of the given schemas"),
        ("theme", "palette: {stages: [red]}\n", "does not match"),
        ("theme", "fonts: {body: ['Arial; } body {']}\n", "does not match"),
        ("theme", "logo: 1\n", "is not valid under any of the given schemas"),
    ],
)
def test_the_schemas_reject_what_the_loader_rejects(kind: Kind, text: str, complaint: str) -> None:
    errors = [e.message for e in _validator_of(kind).iter_errors(yamltree.parse(text)[0])]
    assert any(complaint in e for e in errors), errors


def test_a_journey_may_take_shared_parts_by_id_or_override_them_in_its_schema() -> None:
    journey = yamltree.parse(
        "cjm: 1\ntitle: T\npersonas: [anna, {id: boris, summary: an engineer}]\n"
        "channels: [{id: web, name: mebelplus.ru}]\nstages: [{name: S}]\n"
    )[0]
    assert [e.message for e in _validator().iter_errors(journey)] == []
    broken = yamltree.parse("cjm: 1\ntitle: T\npersonas: [Anna Smith]\nstages: [{name: S}]\n")[0]
    assert not _validator().is_valid(broken)


RUSSIAN_TERMS = {
    "Journey": "Карта пути клиента",
    "Journey.emotion_scale": "Шкала эмоций",
    "Journey.theme": "Оформление",
    "Journey.reviewed": "Дата проверки",
    "Journey.review_every_days": "Пересматривать каждые N дней",
    "Journey.personas": "Персоны",
    "Journey.channels": "Каналы",
    "Journey.stages": "Этапы",
    "Journey.actions": "План действий",
    "Journey.research": "Исследования",
    "Journey.metrics": "Метрики",
    "Journey.outlets": "Точки продаж",
    "Persona": "Персона",
    "Persona.goals": "Цели",
    "Persona.habits": "Привычки",
    "Persona.pains": "Боли",
    "Persona.fears": "Страхи",
    "Persona.empathy": "Карта эмпатии",
    "Empathy.thinks": "Думает",
    "Empathy.feels": "Чувствует",
    "Empathy.says": "Говорит",
    "Empathy.does": "Делает",
    "Channel": "Канал",
    "Stage": "Этап",
    "Stage.goal": "Цель",
    "Stage.expectations": "Ожидания",
    "Stage.reached": "Дошли до этапа",
    "Stage.link": "Связанный путь",
    "Stage.touchpoints": "Точки контакта",
    "Touchpoint": "Точка контакта",
    "Touchpoint.channel": "Канал",
    "Touchpoint.action": "Действия клиента",
    "Touchpoint.thoughts": "Мысли",
    "Touchpoint.emotion": "Эмоции",
    "Touchpoint.motives": "Мотивы",
    "Touchpoint.pains": "Боли",
    "Touchpoint.opportunities": "Возможности",
    "Touchpoint.owner": "Ответственный",
    "Touchpoint.frontstage": "Фронт-офис",
    "Touchpoint.backstage": "Бэк-офис",
    "Touchpoint.support": "Поддерживающие процессы и системы",
    "Touchpoint.backstage_owner": "Владелец бэк-офиса",
    "Touchpoint.future": "Будущее состояние",
    "Touchpoint.importance": "Важность",
    "Touchpoint.satisfaction": "Удовлетворённость",
    "Touchpoint.claims": "Доказательность",
    "Touchpoint.wow": "Вау-эффект",
    "Touchpoint.link": "Связанный путь",
    "Touchpoint.checklist": "Чек-лист тайного покупателя",
    "FutureState.emotion": "Целевая эмоция",
    "FutureState.action": "Действия клиента в будущем",
    "FutureState.thoughts": "Мысли в будущем",
    "FutureState.pains": "Боли в будущем",
    "FutureState.change": "Что меняется",
    "Importance": "Важность",
    "Importance.customer": "Для клиента",
    "Importance.business": "Для бизнеса",
    "Claims": "Доказательность",
    "Claim.status": "Наблюдалось / Предположение / Предложение",
    "Action": "План действий",
    "Action.owner": "Ответственный",
    "Action.metric": "Метрика",
    "Action.target": "Цель",
    "Metric": "Метрика",
    "Metric.target": "Цель",
    "Research.study": "Волна исследования",
    "Research.visits": "Визиты тайного покупателя",
    "Research.ratings": "Распределение оценок",
    "Research.reasons": "Причины отказа от покупки",
    "EmotionScale": "Шкала эмоций",
    "EmotionScale.names": "Названия уровней",
    "Shared.personas": "Персоны",
    "Shared.channels": "Каналы",
    "Shared.research": "Исследования",
    "Shared.metrics": "Метрики",
    "Shared.outlets": "Точки продаж",
    "Shared.theme": "Оформление",
}
"""Each model and field with a Russian term, the term GLOSSARY.md gives it (shared ones once)."""
KINDS: tuple[Kind, ...] = ("journey", "shared", "project", "theme")
TOP = {"journey": "Journey", "shared": "Shared", "project": "Project", "theme": "Theme"}


def _schemas() -> dict[str, Any]:
    return {kind: json.loads(schema_text(kind)) for kind in KINDS}


def _terms(kind: str, schema: dict[str, Any]) -> dict[str, str]:
    """`Model` and `Model.field` to the `x-term-ru` each has, or that its `$ref` has."""
    definitions = schema.get("$defs", {})

    def term(node: dict[str, Any]) -> str | None:
        if TERM_KEY in node:
            return str(node[TERM_KEY])
        ref = node.get("$ref", "")
        return term(definitions[ref.rsplit("/", 1)[-1]]) if ref else None

    models = {TOP[kind]: schema} | {
        name: node for name, node in definitions.items() if not name.endswith("Override")
    }
    found: dict[str, str] = {}
    for name, model in models.items():
        for key, node in [(name, model)] + [
            (f"{name}.{field}", prop) for field, prop in model.get("properties", {}).items()
        ]:
            word = term(node) if key != name else model.get(TERM_KEY)
            if word is not None:
                found[key] = word
    return found


def _descriptions(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("description"), str):
            yield node["description"]
        for value in node.values():
            yield from _descriptions(value)
    elif isinstance(node, list):
        for value in node:
            yield from _descriptions(value)


def test_no_description_of_any_schema_has_a_russian_word() -> None:
    for kind, schema in _schemas().items():
        found = list(_descriptions(schema))
        assert len(found) > 5, kind
        assert [text for text in found if CYRILLIC.search(text)] == [], kind


def test_every_russian_term_is_one_x_term_ru_of_its_field_or_model() -> None:
    found: dict[str, str] = {}
    for kind, schema in _schemas().items():
        for key, word in _terms(kind, schema).items():
            assert found.setdefault(key, word) == word, key
    assert found == RUSSIAN_TERMS
    assert all(CYRILLIC.search(word) for word in found.values())


def test_the_russian_terms_are_in_one_form_only() -> None:
    # No term left in a title or a key of another name: take the terms out, and no Russian
    # word is left in the schema.
    for kind, schema in _schemas().items():
        for node in _walk(schema):
            assert not [key for key in node if key.startswith("x-") and key != TERM_KEY], kind
            node.pop(TERM_KEY, None)
        assert not CYRILLIC.search(json.dumps(schema, ensure_ascii=False)), kind


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _hints(cli: Cli, *lang: str) -> dict[str, str]:
    code, output = cli(*lang, "validate", "--format", "json", "examples/invalid/missing-key.yaml")
    assert code == 1
    return {d["path"]: d["hint"] for d in json.loads(output)["diagnostics"]}


def test_a_russian_hint_quotes_the_field_description_in_russian(cli: Cli) -> None:
    # The words around the description are validate's; the description is the schema's.
    hints = _hints(cli, "--lang", "ru")
    assert hints["stages[0].name"].endswith("(название этапа)")
    assert hints["stages[0].touchpoints[0].name"].endswith("(что это за точка контакта)")
    english = _hints(cli, "--lang", "en")
    assert english["stages[0].name"] == "add `name:` to this mapping (the stage's name)"
    assert not CYRILLIC.search("".join(english.values()))


def test_a_hint_that_is_a_description_is_the_russian_one(cli: Cli) -> None:
    code, output = cli("--lang", "ru", "validate", "examples/invalid/wrong-values.yaml")
    assert code == 1
    assert "  подсказка: Сколько клиентов дошли до этапа (воронка).\n" in output
    stale = "Через столько дней после `reviewed` карта считается устаревшей."
    assert f"  подсказка: {stale}\n" in output
