"""Importing Mermaid journey diagrams written by others: golden YAML, warnings, round trips."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from cjmctl.importers import SCHEMA_COMMENT, Skipped
from cjmctl.importers.mermaid import Diagram, Section, Task, import_mermaid, parse, scalar
from cjmctl.journey import loader
from cjmctl.renderers.mermaid import to_mermaid
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "mermaid"
FIXTURE_FILES = sorted(FIXTURES.glob("*.mmd"))
SUPPORTED = (
    "expected title, section, tasks `Name: score: Actor, ...`, accTitle, accDescr, %% comments"
)
UNTITLED = "no title; the journey is called 'Customer journey map'"
UNNAMED = "no section name; the stage is called 'Stage'"
EMPTY_ACTOR = (
    "empty actor, left out: Mermaid draws an actor without a name here; remove the extra ',' or ':'"
)
WARNINGS = {
    "accessibility": [Skipped(1, UNTITLED)],
    "acc-descr-single": [Skipped(1, UNTITLED)],
    "empty-actors": [Skipped(4, EMPTY_ACTOR), Skipped(5, EMPTY_ACTOR), Skipped(6, EMPTY_ACTOR)],
    "odd-spacing": [Skipped(6, EMPTY_ACTOR)],
    "scores-out-of-range": [
        Skipped(4, "score '6' is out of range 1..5; read as 5"),
        Skipped(5, "score '0' is out of range 1..5; read as 1"),
        Skipped(6, "score '2.5' is not a whole number; read as 3"),
    ],
    "demo-init-directive": [
        Skipped(2, UNTITLED),
        Skipped(3, UNNAMED),
        Skipped(3, "score 'B' is not a number; the task has no emotion"),
    ],
    "no-section": [Skipped(1, UNTITLED), Skipped(2, UNNAMED)],
    "unsupported": [
        Skipped(5, f"unsupported line 'Wash up 2 Me', skipped: {SUPPORTED}"),
        Skipped(6, "unsupported line 'Eat; then rest: 5: Me', skipped: Mermaid rejects ';'"),
        Skipped(7, "score '7' is out of range 1..5; read as 5"),
        Skipped(8, "score '4.5' is not a whole number; read as 5"),
        Skipped(9, "score 'soon' is not a number; the task has no emotion"),
        Skipped(10, "text after the actors is ignored: ' outside'"),
        Skipped(11, f"unsupported line 'click Cook dinner call cook()', skipped: {SUPPORTED}"),
        Skipped(12, "a section name ends at ':'; ': late' is ignored"),
    ],
}


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")  # keeps CRLF, as a user's file has it


def shape(diagram: Diagram) -> tuple[str, list[tuple[str, list[str], list[tuple[str, int, str]]]]]:
    """What makes two diagrams equivalent: the title, and per section its task names in order
    and every (task, score, actor) it holds; a task without actors counts with actor ""."""
    sections = []
    for section in diagram.sections:
        every = [t.name for t in section.tasks]
        names = [n for i, n in enumerate(every) if i == 0 or every[i - 1] != n]
        scored = sorted(
            (t.name, t.score or 0, actor) for t in section.tasks for actor in t.actors or ("",)
        )
        sections.append((section.name, names, scored))
    return diagram.title, sections


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_imports_match_their_goldens(path: Path, golden: Callable[[Path, str], None]) -> None:
    yaml_text, _ = import_mermaid(read(path))
    golden(ROOT / "tests" / "expected" / "import" / f"{path.stem}.yaml", yaml_text)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
def test_imports_warn_exactly_and_validate(path: Path) -> None:
    yaml_text, warnings = import_mermaid(read(path))
    assert warnings == WARNINGS.get(path.stem, [])
    assert yaml_text.startswith(SCHEMA_COMMENT + "\ncjm: 1\n")
    loader.load_bytes(yaml_text.encode(), f"{path.stem}.yaml")


@pytest.mark.parametrize(
    "path", [p for p in FIXTURE_FILES if p.stem not in WARNINGS], ids=lambda p: p.stem
)
def test_import_then_export_gives_an_equivalent_diagram(path: Path) -> None:
    original = read(path)
    journey = loader.load_bytes(import_mermaid(original)[0].encode(), "imported.yaml")
    exported = to_mermaid(journey)
    assert shape(parse(exported)[0]) == shape(parse(original)[0])
    assert parse(exported)[1] == []


def test_the_documentation_example_comes_back_byte_for_byte() -> None:
    original = read(FIXTURES / "docs-working-day.mmd")
    journey = loader.load_bytes(import_mermaid(original)[0].encode(), "imported.yaml")
    assert to_mermaid(journey) == original


def test_parse_reads_what_mermaid_reads() -> None:
    diagram, warnings = parse(read(FIXTURES / "odd-spacing.mmd"))
    assert warnings == [Skipped(6, EMPTY_ACTOR)]
    assert diagram == Diagram(
        "Odd spacing",
        "",
        None,
        [
            Section(
                "First stage", [Task("Wake up", 5, ("Me",)), Task("Make coffee", 4, ("Me", "Cat"))]
            ),
            Section("Second", [Task("Read the news", 2, ("Cat",))]),
        ],
    )


def test_title_falls_back_to_front_matter_and_acc_title_is_kept_apart() -> None:
    assert parse("---\ntitle: Front\n---\njourney\naccTitle: Acc\n")[0].title == "Front"
    diagram = parse("journey\naccTitle: Acc\ntitle Line\n")[0]
    assert (diagram.title, diagram.accessible_title) == ("Line", "Acc")
    diagram = parse("journey\n  accTitle:   Acc  title \n")[0]
    assert (diagram.title, diagram.accessible_title) == ("", "Acc title")


def test_acc_title_comes_back_as_acc_title_beside_the_title() -> None:
    yaml_text, warnings = import_mermaid(read(FIXTURES / "acc-title-and-title.mmd"))
    assert "\ntitle: Visible title\naccessible_title: Accessible title\n" in yaml_text
    assert warnings == []
    exported = to_mermaid(loader.load_bytes(yaml_text.encode(), "acc.yaml"))
    assert exported.startswith("journey\n    title Visible title\n    accTitle: Accessible title\n")


def test_a_statement_after_the_closing_brace_is_read() -> None:
    diagram, warnings = parse(read(FIXTURES / "acc-descr-then-title.mmd"))
    assert (diagram.title, diagram.description) == ("Onboarding", "Two lines\nof description")
    assert warnings == []
    diagram, _ = parse("journey\n  accDescr { one } section Only\n    Task: 3\n")
    assert diagram.sections == [Section("Only", [Task("Task", 3, ())])]
    assert where(parse("journey\n  accDescr {\n  x }  Task: 9\n")[1]) == [
        (3, 8, "score '9' is out of range 1..5; read as 5")
    ]


def test_an_empty_actor_is_warned_where_it_is() -> None:
    assert where(parse(read(FIXTURES / "empty-actors.mmd"))[1]) == [
        (4, 18, EMPTY_ACTOR),
        (5, 30, EMPTY_ACTOR),
        (6, 22, EMPTY_ACTOR),
    ]


def test_br_is_a_line_break_both_ways() -> None:
    diagram, _ = parse(read(FIXTURES / "line-breaks.mmd"))
    assert diagram.sections == [
        Section(
            "Online\nsearch",
            [Task("Search\nresults", 3, ("Me",)), Task("Filter by\nprice\nand size", 4, ("Me",))],
        )
    ]
    journey = loader.load_bytes(import_mermaid(read(FIXTURES / "line-breaks.mmd"))[0].encode(), "b")
    assert to_mermaid(journey).endswith(
        "    section Online<br>search\n"
        "      Search<br>results: 3: Me\n"
        "      Filter by<br>price<br>and size: 4: Me\n"
    )
    assert parse("journey\n  section <br>\n    <br/>: 3\n")[0].sections[0].name == ""


def test_an_unclosed_block_or_front_matter_or_header_is_a_warning() -> None:
    diagram, warnings = parse("journey\naccDescr {\n  first\n  second\n")
    assert diagram.description == "first\nsecond"
    assert warnings == [Skipped(2, "accDescr { is never closed with '}'; read to the end")]
    assert parse("---\ntitle: x\njourney\n")[1] == [
        Skipped(1, "front matter started with '---' is never closed; skipped")
    ]
    diagram, warnings = parse("section A\n  Task: 4\n")
    assert warnings == [Skipped(1, "expected 'journey' first, found 'section A'; read on as one")]
    assert diagram.sections == [Section("A", [Task("Task", 4, ())])]
    assert parse("journey\njourney\n")[1] == [
        Skipped(2, f"unsupported line 'journey', skipped: {SUPPORTED}")
    ]


def test_a_task_without_actors_gets_the_shared_emotion_and_comes_back_without() -> None:
    yaml_text, _ = import_mermaid("journey\n  section S\n    Alone: 1\n    Together: 5: Me\n")
    assert yaml_text.endswith(
        "      - name: Alone\n        emotion: -2\n"
        "      - name: Together\n        emotion: {me: 2}\n"
    )
    journey = loader.load_bytes(yaml_text.encode(), "imported.yaml")
    assert to_mermaid(journey).endswith("      Alone: 1\n      Together: 5: Me\n")


def test_tasks_split_per_persona_merge_back_into_one_touchpoint() -> None:
    yaml_text, _ = import_mermaid(
        "journey\n section S\n  Pay: 4: Anna\n  Pay: 2: Boris\n  Pay: 1: Anna\n  Go: 3: Anna\n"
    )
    assert yaml_text.endswith(
        "      - name: Pay\n        emotion: {anna: 1, boris: -1}\n"
        "      - name: Pay\n        emotion: {anna: -2}\n"
        "      - name: Go\n        emotion: {anna: 0}\n"
    )


def test_persona_ids_are_derived_unique_slugs() -> None:
    yaml_text, _ = import_mermaid("journey\n section S\n  T: 3: Анна, anna, 😀, True, 0o17\n")
    assert (
        "personas:\n"
        "  - id: anna\n    name: Анна\n"
        "  - id: anna-2\n    name: anna\n"
        "  - id: persona-3\n    name: 😀\n"
        "  - id: 'true'\n    name: 'True'\n"
        "  - id: '0o17'\n    name: '0o17'\n"
    ) in yaml_text
    assert "emotion: {anna: 0, anna-2: 0, persona-3: 0, 'true': 0, '0o17': 0}" in yaml_text
    loader.load_bytes(yaml_text.encode(), "ids.yaml")


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Make tea", "Make tea"),
        ("no", "'no'"),
        ("2024", "'2024'"),
        ("1:20", "'1:20'"),
        ("1e5", "'1e5'"),
        ("0x1F", "'0x1F'"),
        (".inf", "'.inf'"),
        ("null", "'null'"),
        ("", "''"),
        ("it's", "it's"),
        ("a: b # c", "'a: b # c'"),
        (" padded ", "' padded '"),
        ("line\nbreak", '"line\\nbreak"'),
        ("Пункт выдачи", "Пункт выдачи"),
    ],
)
def test_scalars_are_quoted_where_yaml_would_retype_them(value: str, written: str) -> None:
    assert scalar(value) == written


def test_control_characters_and_non_characters_become_spaces() -> None:
    yaml_text, _ = import_mermaid("journey\n section S\x07x\uffff\n  T\x1b[31m\ufdd0: 3\n")
    assert "  - name: S x\n" in yaml_text
    assert "      - name: T [31m\n" in yaml_text
    loader.load_bytes(yaml_text.encode(), "controls.yaml")


def test_what_a_journey_must_name_is_named_in_the_locale_with_a_warning() -> None:
    yaml_text, warnings = import_mermaid("%% a comment\njourney\n  Пришёл: 3\n  section Ушёл\n")
    assert warnings == [
        Skipped(2, "no title; the journey is called 'Карта пути клиента'"),
        Skipped(3, "no section name; the stage is called 'Этап'"),
    ]
    journey = loader.load_bytes(yaml_text.encode(), "named.yaml")
    assert (journey.title, [s.name for s in journey.stages]) == (
        "Карта пути клиента",
        ["Этап", "Ушёл"],
    )
    assert import_mermaid("journey\n  title T\n  section S\n    A: 3\n")[1] == []


def test_russian_text_sets_the_locale() -> None:
    assert "\nlocale: ru\n" in import_mermaid(read(FIXTURES / "cyrillic.mmd"))[0]
    assert "locale:" not in import_mermaid(read(FIXTURES / "many-actors.mmd"))[0]


def where(warnings: list[Skipped]) -> list[tuple[int, int, str]]:
    return [(w.line, w.column, w.message) for w in warnings]


def test_a_long_score_is_read_in_linear_time() -> None:
    started = time.perf_counter()
    _, warnings = parse("journey\n  section S\n    Task: " + "1" * 50_000 + "x: Me\n")
    assert time.perf_counter() - started < 10  # a hang guard only: it backtracked for minutes
    assert where(warnings) == [
        (3, 5, "score '" + "1" * 59 + "…' is not a number; the task has no emotion")
    ]


def test_front_matter_is_read_with_the_journeys_limits() -> None:
    diagram, warnings = parse("---\n" + "- " * 5_000 + "x\n---\njourney\n  title T\n")
    assert diagram.title == "T"
    assert where(warnings) == [(2, 129, "front matter: nesting deeper than 64 levels; skipped")]


def test_front_matter_problems_are_warnings_at_their_place() -> None:
    diagram, warnings = parse("\n ---\ntitle: 2024\ntitle: Again\n ---\njourney\n")
    assert diagram.title == "2024"  # as written, the first one
    assert where(warnings) == [
        (4, 1, "front matter: duplicate key 'title' (first at line 3, column 1)")
    ]
    _, warnings = parse("---\ntitle: [unclosed\n---\njourney\n")
    assert [(w.line, w.message.split(":")[0]) for w in warnings] == [(3, "front matter")]
    assert warnings[0].message.endswith("; skipped")
    assert where(parse("  ---\ntitle: x\n")[1]) == [
        (1, 3, "front matter started with '---' is never closed; skipped")
    ]


def test_notes_point_at_the_column_where_the_line_starts() -> None:
    _, warnings = parse("journey\n  section S\n    Task: 4.5: Me\n\taccDescr {\n  text\n")
    assert where(warnings) == [
        (3, 5, "score '4.5' is not a whole number; read as 5"),
        (4, 2, "accDescr { is never closed with '}'; read to the end"),
    ]
