"""Lint rules `split-sentence` and `dash-in-text`: text split at a comma, text joined at a dash."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from cjmctl.health import prose
from cjmctl.health.lint import lint
from cjmctl.journey import loader
from cjmctl.journey.diagnostics import Diagnostic
from cjmctl.journey.loader import Document
from tests.conftest import EXAMPLE_JOURNEYS, ROOT, write

TODAY = date(2026, 11, 23)
HEAD = "cjm: 1\ntitle: T\nreviewed: 2026-11-01\nreview_every_days: 90\n"
STAGES = "stages:\n  - id: s\n    name: S\n    touchpoints:\n      - {id: t, name: T}\n"
RULES = {"split-sentence", "dash-in-text"}
BUNDLED = EXAMPLE_JOURNEYS + sorted((ROOT / "cjmctl" / "starters").glob("*.yaml"))


def read(text: str) -> Document:
    return loader.read_bytes(text.encode(), "j.yaml")


def findings(text: str) -> list[Diagnostic]:
    return [d for d in lint(read(text), today=TODAY) if d.rule in RULES]


def persona(lines: str) -> str:
    return HEAD + "personas:\n  - id: olga\n    name: Olga\n" + lines + STAGES


# --- split-sentence ----------------------------------------------------------------------------


def test_both_russian_examples_are_found_at_the_item_after_the_comma() -> None:
    found = findings(
        persona("    pains: [Непонятно, какие документы нужны]\n    habits: [Звонит, а не пишет]\n")
    )
    assert [(d.line, d.column, d.severity, d.rule, d.path) for d in found] == [
        (8, 24, "warning", "split-sentence", "personas[0].pains[1]"),
        (9, 22, "warning", "split-sentence", "personas[0].habits[1]"),
    ]
    assert [d.message for d in found] == [
        "`pains` holds 'Непонятно' and 'какие документы нужны' as two items: this looks like "
        "one sentence that the comma in `[ ]` cut in two",
        "`habits` holds 'Звонит' and 'а не пишет' as two items: this looks like one sentence "
        "that the comma in `[ ]` cut in two",
    ]
    assert [d.hint for d in found] == [
        'quote the whole text ("Непонятно, какие документы нужны"), '
        "or use a block list: one `- item` per line",
        'quote the whole text ("Звонит, а не пишет"), or use a block list: one `- item` per line',
    ]


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("goals: [Ждать, пока перезвонят, чтобы уточнить]", [1, 2]),
        ("fears: [Курьер, который не приедет]", [1]),
        ("goals: [Understand the contract, which is long]", [1]),
        ("pains: [Waits on hold, because nobody calls back]", [1]),
        ("pains: [tired, but happy]", [1]),  # a word that follows a comma, whatever came before
        ("habits: [Reads reviews, compares prices]", [1]),  # lowercase after a sentence start
        ("empathy: {thinks: [Дорого, но надёжно]}", [1]),  # a nested field
    ],
)
def test_items_that_continue_a_sentence(line: str, flagged: list[int]) -> None:
    paths = [d.path.rsplit("[", 1)[-1] for d in findings(persona(f"    {line}\n"))]
    assert paths == [f"{i}]" for i in flagged]


@pytest.mark.parametrize(
    "lines",
    [
        "    pains: [Непонятно, Долго]\n",  # each item starts a sentence
        "    habits: [tired, bored]\n",  # a lowercase list, no word that follows a comma
        "    pains: [Ждал час., потом ушёл]\n",  # the first item ends its sentence
        "    habits: [Android, iPhone at work]\n",  # a name, not the middle of a sentence
        "    pains: [Звонит, 3 раза в день]\n",
        '    pains: ["Непонятно", "какие документы нужны"]\n',  # quoted: two items on purpose
        '    pains: ["Непонятно, какие документы нужны"]\n',
        "    pains:\n      - Непонятно\n      - какие документы нужны\n",  # a block list
        "    pains: Непонятно, какие документы нужны\n",  # one text
    ],
)
def test_lists_that_split_no_sentence(lines: str) -> None:
    assert findings(persona(lines)) == []


def test_every_prose_list_of_the_model_is_checked_and_no_slug_list() -> None:
    text = (
        HEAD
        + "personas: [{id: p, name: P, goals: [A, b], habits: [A, b], pains: [A, b], "
        + "fears: [A, b], empathy: {thinks: [A, b], feels: [A, b], says: [A, b], does: [A, b]}}]\n"
        + "stages:\n  - {id: s, name: S, expectations: [A, b], touchpoints: "
        + "[{id: t, name: T, motives: [A, b], pains: [A, b], opportunities: [A, b], "
        + "next: [s, t], evidence: [r]}]}\n"
        + "research: [{id: r, kind: survey, title: R, findings: [A, b]}]\n"
        + "lint: {disable: [stale-map, low-score]}\n"
    )
    assert [d.path for d in findings(text)] == [
        f"personas[0].{field}[1]"
        for field in [
            "goals",
            "habits",
            "pains",
            "fears",
            "empathy.thinks",
            "empathy.feels",
            "empathy.says",
            "empathy.does",
        ]
    ] + [
        "stages[0].expectations[1]",
        "stages[0].touchpoints[0].motives[1]",
        "stages[0].touchpoints[0].pains[1]",
        "stages[0].touchpoints[0].opportunities[1]",
        "research[0].findings[1]",
    ]


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_the_bundled_examples_and_starters_have_no_findings(path: Path) -> None:
    document = loader.read(path)
    assert [d for d in lint(document, today=TODAY) if d.rule in RULES] == []
    pairs = sum(len(items) - 1 for _, items in prose.text_lists(document.journey) if items)
    assert pairs > 0  # the rule had something to look at


def test_the_bundled_files_write_prose_lists_as_blocks() -> None:
    flow = []
    for path in BUNDLED:
        document = loader.read(path)
        for loc, items in prose.text_lists(document.journey):
            source = document.source_at(loc)
            if len(items) > 1 and source is not None and source.style == "flow":
                flow.append(f"{path.name}:{source.line}")
    assert flow == []


# --- dash-in-text ------------------------------------------------------------------------------


def test_a_dash_without_a_space_continues_the_item_above() -> None:
    text = (
        HEAD
        + STAGES
        + "research:\n  - id: r\n    kind: survey\n    title: R\n    findings:\n"
        + "      - Среднее время ожидания 12 минут\n"
        + "        -Среднее время ответа 2 дня\n"
        + "        - Среднее время решения 5 дней\n"
        + "      - Отдельная находка\n"
    )
    document = read(text)
    assert document.journey.research[0].findings == [
        "Среднее время ожидания 12 минут -Среднее время ответа 2 дня - Среднее время решения "
        "5 дней",
        "Отдельная находка",
    ]
    found = findings(text)
    assert [(d.line, d.column, d.severity, d.rule, d.path) for d in found] == [
        (16, 9, "warning", "dash-in-text", "research[0].findings[0]"),
        (17, 9, "warning", "dash-in-text", "research[0].findings[0]"),
    ]
    assert {d.message for d in found} == {
        "this line starts with '-' but continues the text above: YAML joins the two into one text"
    }
    assert {d.hint for d in found} == {
        "to start a new list item, write '- ' (with a space) in the column of the '-' above; "
        "if the dash belongs to the text, quote the text"
    }


def test_a_dash_in_any_plain_text_is_reported_once_even_when_aliased() -> None:
    text = (
        HEAD
        + "description: &d Первая строка\n  -вторая\n"
        + "stages:\n  - id: s\n    name: S\n    goal: *d\n    touchpoints: [{id: t, name: T}]\n"
    )
    assert [(d.line, d.column, d.path) for d in findings(text)] == [(6, 3, "description")]


def test_dashes_inside_one_line_quoted_or_block_text_are_fine() -> None:
    text = (
        HEAD
        + "description: 'Первая\n  -вторая'\nowner: |\n  Отдел\n  -продаж\n"
        + "stages:\n  - id: s\n    name: S - поиск\n    goal: Найти\n      вариант - быстро\n"
        + "    touchpoints: [{id: t, name: T}]\n"
    )
    assert findings(text) == []


def test_the_rules_are_switched_off_like_any_other() -> None:
    text = persona("    pains: [Непонятно, какие документы нужны]\n")
    disabled = lint(read(text), today=TODAY, disable=["split-sentence"])
    assert [d for d in disabled if d.rule in RULES] == []


def test_lint_prints_both_findings_and_strict_fails(
    cli: Callable[..., tuple[int, str]], tmp_path: Path
) -> None:
    text = persona(
        "    pains: [Непонятно, какие документы нужны]\n    goals: Одна\n      -вторая\n"
    )
    path = write(tmp_path, text)
    code, out = cli(
        "lint", "--strict", "--today", "2026-11-23", "-d", "unaddressed-pain", str(path)
    )
    assert code == 1
    assert out.splitlines()[:4] == [
        f"{path}:8:24: warning: personas[0].pains[1]: `pains` holds 'Непонятно' and 'какие "
        "документы нужны' as two items: this looks like one sentence that the comma in `[ ]` "
        "cut in two [split-sentence]",
        '  hint: quote the whole text ("Непонятно, какие документы нужны"), or use a block '
        "list: one `- item` per line",
        f"{path}:10:7: warning: personas[0].goals: this line starts with '-' but continues the "
        "text above: YAML joins the two into one text [dash-in-text]",
        "  hint: to start a new list item, write '- ' (with a space) in the column of the '-' "
        "above; if the dash belongs to the text, quote the text",
    ]
