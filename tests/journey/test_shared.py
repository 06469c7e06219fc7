"""Shared files at the loader: what a journey takes from them, and every error at its place."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cjmctl.health import lint
from cjmctl.journey import loader
from cjmctl.journey.diagnostics import Diagnostic, JourneyError
from cjmctl.journey.project import MAX_SHARED_FILES
from tests.conftest import write

STAGES = "stages: [{name: S, touchpoints: [{id: tp, name: Tp, emotion: -2, pains: [Slow]}]}]\n"


def _problems(path: Path) -> list[tuple[str, int, int, str, str]]:
    with pytest.raises(JourneyError) as error:
        loader.read(path)
    return [_short(d) for d in error.value.diagnostics]


def _short(d: Diagnostic) -> tuple[str, int, int, str, str]:
    return (Path(d.file).name, d.line, d.column, d.rule, d.message)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path, "project: 1\ntitle: T\nshared: [shared/people.yaml]\n", "cjmctl.yaml")
    (tmp_path / "shared").mkdir()
    write(
        tmp_path / "shared",
        "personas:\n  - id: anna\n    name: Anna\n    summary: Buys sofas\n",
        "people.yaml",
    )
    return tmp_path


def test_an_error_in_a_shared_file_is_at_its_place_naming_the_journey(project: Path) -> None:
    write(project / "shared", "personas:\n  - id: anna\n    nam: Anna\n", "people.yaml")
    journey = write(project, "cjm: 1\ntitle: T\npersonas: [anna]\n" + STAGES)
    assert _problems(journey) == [
        ("people.yaml", 2, 5, "missing-key", f"missing required key 'name' (used by {journey})"),
        ("people.yaml", 3, 5, "unknown-key", f"unknown key 'nam' (used by {journey})"),
    ]


@pytest.mark.parametrize(
    ("files", "include", "cycle"),
    [
        (
            {"a.yaml": "include: [b.yaml]\n", "b.yaml": "include: [a.yaml]\n"},
            "a.yaml",
            "a -> b -> a",
        ),
        ({"a.yaml": "include: [a.yaml]\n"}, "a.yaml", "a -> a"),
    ],
)
def test_include_cycles(project: Path, files: dict[str, str], include: str, cycle: str) -> None:
    for name, text in files.items():
        write(project / "shared", text, name)
    journey = write(project, f"cjm: 1\ntitle: T\ninclude: [shared/{include}]\n" + STAGES)
    [problem] = _problems(journey)
    shown = " -> ".join(str(project / "shared" / f"{n}.yaml") for n in cycle.split(" -> "))
    assert problem[3:] == (
        "include-cycle",
        f"include cycle: {shown} (used by {journey})",
    )


def test_a_journey_that_includes_itself(project: Path) -> None:
    journey = write(project, "cjm: 1\ntitle: T\ninclude: [journey.yaml]\n" + STAGES)
    [problem] = _problems(journey)
    assert problem[:4] == ("journey.yaml", 3, 11, "include-cycle")


def test_a_missing_include(project: Path) -> None:
    journey = write(project, "cjm: 1\ntitle: T\ninclude: [shared/nope.yaml]\n" + STAGES)
    [problem] = _problems(journey)
    assert problem[:4] == ("journey.yaml", 3, 11, "io")
    assert "nope.yaml" in problem[4]


@pytest.mark.parametrize("ref", ["../../x.yaml", "/etc/hostname", "shared/out.yaml"])
def test_an_include_never_leaves_the_project(project: Path, tmp_path: Path, ref: str) -> None:
    outside = tmp_path.parent / "x.yaml"
    outside.write_text("personas: []\n", encoding="utf-8")
    (project / "shared" / "out.yaml").symlink_to(outside)
    journey = write(project, f"cjm: 1\ntitle: T\ninclude: [{ref}]\n" + STAGES)
    [problem] = _problems(journey)
    assert problem[:4] == ("journey.yaml", 3, 11, "io")
    assert "is outside" in problem[4]


def test_the_same_id_in_two_shared_files(project: Path) -> None:
    write(project / "shared", "personas: [{id: anna, name: A}]\n", "more.yaml")
    journey = write(project, "cjm: 1\ntitle: T\ninclude: [shared/more.yaml]\n" + STAGES)
    [problem] = _problems(journey)
    assert problem[:4] == ("more.yaml", 1, 17, "duplicate-id")
    assert f"people.yaml:2:5 (used by {journey})" in problem[4]


def test_a_text_entry_naming_no_shared_part(project: Path) -> None:
    journey = write(project, "cjm: 1\ntitle: T\npersonas: [ana]\n" + STAGES)
    with pytest.raises(JourneyError) as error:
        loader.read(journey)
    problem = error.value.diagnostics[0]
    assert _short(problem) == (
        "journey.yaml",
        3,
        12,
        "reference",
        "'ana' is not the id of a shared persona",
    )
    assert problem.hint == "did you mean 'anna'?"


def test_an_override_keeps_shared_fields_at_their_place(project: Path) -> None:
    journey = write(
        project,
        "cjm: 1\ntitle: T\npersonas:\n  - {id: anna, name: Anna K}\n" + STAGES,
    )
    document = loader.read(journey)
    [anna] = document.journey.personas
    assert (anna.name, anna.summary) == ("Anna K", "Buys sofas")
    name, summary = (
        document.locate(("personas", 0, "name")),
        document.locate(("personas", 0, "summary")),
    )
    assert (Path(name.file).name, name.line, name.column) == ("journey.yaml", 4, 22)
    assert (Path(summary.file).name, summary.line, summary.column) == ("people.yaml", 4, 14)


@pytest.mark.parametrize(
    ("taken", "where"),
    [("csat", ("kpi.yaml", 2, 71)), ("{id: csat, values: {2020-02: 51}}", ("journey.yaml", 3, 31))],
)
def test_a_lint_finding_points_where_the_field_is(
    project: Path, taken: str, where: tuple[str, int, int]
) -> None:
    write(
        project / "shared",
        "metrics:\n  - {id: csat, name: CSAT, kind: csat, target: 80, at: [tp], values: "
        "{2020-01: 50}}\n",
        "kpi.yaml",
    )
    journey = write(
        project, f"cjm: 1\ninclude: [shared/kpi.yaml]\nmetrics: [{taken}]\ntitle: T\n" + STAGES
    )
    found = [
        d for d in lint.lint(loader.read(journey), today=date(2026, 9, 1)) if d.rule == "kpi-stale"
    ]
    assert [(Path(d.file).name, d.line, d.column) for d in found] == [where]


def test_a_journey_from_stdin_cannot_include(project: Path) -> None:
    with pytest.raises(JourneyError) as error:
        loader.read_bytes(b"cjm: 1\ntitle: T\ninclude: [x.yaml]\n" + STAGES.encode(), "<stdin>")
    [problem] = error.value.diagnostics
    assert (problem.line, problem.column, problem.rule) == (3, 11, "io")
    assert problem.hint == "give the journey's path instead, so its files are read beside it"


def test_a_shared_persona_not_taken_says_how_to_take_it(project: Path) -> None:
    journey = write(
        project,
        "cjm: 1\ntitle: T\nstages: [{name: S, touchpoints: [{id: tp, name: Tp, "
        "emotion: {anna: 1}}]}]\n",
    )
    with pytest.raises(JourneyError) as error:
        loader.read(journey)
    hints = [d.hint for d in error.value.diagnostics]
    assert any(
        "shares it: take it by adding 'anna' to the journey's `personas` list" in h for h in hints
    ), hints


def test_more_shared_files_than_allowed(project: Path) -> None:
    for i in range(MAX_SHARED_FILES + 1):
        write(project / "shared", f"include: [s{i + 1}.yaml]\n", f"s{i}.yaml")
    journey = write(project, "cjm: 1\ntitle: T\ninclude: [shared/s0.yaml]\n" + STAGES)
    problems = _problems(journey)
    assert [p[3] for p in problems] == ["include"]
    assert problems[0][4].startswith(f"more than {MAX_SHARED_FILES} shared files")
