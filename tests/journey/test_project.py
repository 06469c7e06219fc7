"""A journey's project file, the roots its files come from, how shared files are told apart."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cjmctl.files import discover
from cjmctl.journey import loader, project
from cjmctl.journey.diagnostics import JourneyError
from cjmctl.journey.reading import LocalFiles
from tests.conftest import write as _write

STAGES = "stages: [{name: S, touchpoints: [{id: tp, name: Tp}]}]\n"
PROJECT = "project: 1\ntitle: P\nshared: [shared/people.yaml]\n"
PEOPLE = "personas:\n  - {id: anna, name: Anna}\n"


def write(folder: Path, text: str, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return _write(folder, text, name)


def _tree(top: Path) -> Path:
    """top/maps/cjmctl.yaml with a shared file, and the journey top/maps/retail/a.yaml."""
    write(top / "maps", PROJECT, "cjmctl.yaml")
    write(top / "maps" / "shared", PEOPLE, "people.yaml")
    return write(top / "maps" / "retail", "cjm: 1\ntitle: A\npersonas: [anna]\n" + STAGES, "a.yaml")


def _problems(path: Path) -> list[tuple[str, int, int, str, str]]:
    with pytest.raises(JourneyError) as error:
        loader.read(path)
    return [
        (Path(d.file).name, d.line, d.column, d.rule, d.message) for d in error.value.diagnostics
    ]


def test_in_a_work_tree_the_project_is_found_up_to_its_top(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journey = _tree(tmp_path / "repo")
    (tmp_path / "repo" / ".git").mkdir()
    write(tmp_path, PROJECT, "cjmctl.yaml")  # above the work tree: never taken
    monkeypatch.chdir(tmp_path)
    assert project.find(journey.parent) == (tmp_path / "repo" / "maps" / "cjmctl.yaml").resolve()
    (tmp_path / "repo" / "maps" / "cjmctl.yaml").unlink()
    assert project.find(journey.parent) is None


def test_outside_a_work_tree_the_project_is_found_above_wherever_cjmctl_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journey = _tree(tmp_path / "home")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    found = (tmp_path / "home" / "maps" / "cjmctl.yaml").resolve()
    assert project.find(journey.parent) == found
    assert loader.read(journey).journey.personas[0].name == "Anna"
    assert discover([tmp_path / "home" / "maps"]).targets[0].path == journey


@pytest.mark.parametrize("mode", [0o777, 0o1777, 0o775])
def test_a_folder_others_may_write_to_ends_the_search(tmp_path: Path, mode: int) -> None:
    """As in /tmp (1777): a `cjmctl.yaml` there, or above it, is anybody's, not the user's."""
    shared = tmp_path / "tmp"
    journey = _tree(shared / "me")
    (shared / "me" / "maps" / "cjmctl.yaml").rename(shared / "cjmctl.yaml")
    (shared / "shared").mkdir()
    (shared / "shared" / "people.yaml").write_text(PEOPLE, encoding="utf-8")
    assert project.find(journey.parent) == (shared / "cjmctl.yaml").resolve()
    shared.chmod(mode)
    try:
        assert project.find(journey.parent) is None
        assert _problems(journey)[0][3:] == (
            "reference",
            "'anna' is not the id of a shared persona",
        )
        assert LocalFiles(journey, "a.yaml").shared_root == journey.parent.resolve()
    finally:
        shared.chmod(0o755)


def test_a_folder_another_user_owns_ends_the_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journey = _tree(tmp_path)
    assert project.find(journey.parent) is not None
    monkeypatch.setattr(os, "getuid", lambda: tmp_path.stat().st_uid + 1)
    assert project.find(journey.parent) is None


def test_the_walk_the_loader_and_role_agree_on_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walking a subfolder still skips the shared files of the project above it."""
    _tree(tmp_path)
    (tmp_path / ".git").mkdir()
    write(tmp_path / "maps" / "shared" / "more", PEOPLE.replace("anna", "bob"), "x.yaml")
    write(tmp_path / "maps", PROJECT.replace("]", ", shared/more/x.yaml]"), "cjmctl.yaml")
    monkeypatch.chdir(tmp_path / "maps" / "retail")
    assert discover([tmp_path / "maps" / "shared"]).targets == []
    assert project.role(tmp_path / "maps" / "shared" / "more" / "x.yaml") == "shared"


def test_data_files_keep_the_work_tree_as_root_shared_files_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journey = _tree(tmp_path)
    (tmp_path / ".git").mkdir()
    write(tmp_path / "data", "date,metric,value\n2026-01,nps,40\n", "k.csv")
    write(tmp_path / "data", PEOPLE.replace("anna", "bob"), "more.yaml")
    text = "cjm: 1\ntitle: A\npersonas: [anna]\nmetric_files: [../../data/k.csv]\n"
    text += "metrics: [{id: nps, name: NPS, kind: nps}]\n" + STAGES
    journey.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    document = loader.read(journey)
    assert document.journey.metrics[0].values == {"2026-01": 40}
    journey.write_text(text.replace("\nmetric", "\ninclude: [../../data/more.yaml]\nmetric", 1))
    [problem] = _problems(journey)
    assert problem[:4] == ("a.yaml", 4, 11, "io")
    assert problem[4].startswith(f"'../../data/more.yaml' is outside {tmp_path / 'maps'}")


def test_a_shared_file_reached_by_two_names_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "project: 1\ntitle: P\nshared: [a.yaml, b.yaml]\n", "cjmctl.yaml")
    write(tmp_path, PEOPLE, "a.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    journey = write(tmp_path, "cjm: 1\ntitle: J\npersonas: [anna]\n" + STAGES, "j.yaml")
    monkeypatch.chdir(tmp_path)
    assert loader.read(journey).inputs == (
        str(tmp_path / "cjmctl.yaml"),
        str(tmp_path / "a.yaml"),
    )


def test_an_include_through_a_folder_link_back_is_a_cycle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "project: 1\ntitle: P\nshared: [shared/a.yaml]\n", "cjmctl.yaml")
    write(tmp_path / "shared", "include: [sub/a.yaml]\n" + PEOPLE, "a.yaml")
    (tmp_path / "shared" / "sub").symlink_to(".")
    journey = write(tmp_path, "cjm: 1\ntitle: J\npersonas: [anna]\n" + STAGES, "j.yaml")
    monkeypatch.chdir(tmp_path)
    a, sub = tmp_path / "shared" / "a.yaml", tmp_path / "shared" / "sub" / "a.yaml"
    assert _problems(journey) == [
        ("a.yaml", 1, 11, "include-cycle", f"include cycle: {a} -> {sub} (used by {journey})")
    ]


@pytest.mark.parametrize("written", ["5", "2024", "true"])
def test_an_include_yaml_types_is_the_path_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str
) -> None:
    """Like any text field, `include: [2024]` names the file `2024`: it is read, not skipped."""
    journey = write(tmp_path, f"cjm: 1\ntitle: J\ninclude: [{written}]\n" + STAGES, "j.yaml")
    monkeypatch.chdir(tmp_path)
    [problem] = _problems(journey)
    assert problem[:4] == ("j.yaml", 3, 11, "io")
    assert problem[4].startswith(f"cannot read '{written}'")
    write(tmp_path, PEOPLE, written)
    assert [p.id for p in loader.read(journey).journey.personas] == []
    journey.write_text(f"cjm: 1\ntitle: J\ninclude: [{written}]\npersonas: [anna]\n" + STAGES)
    assert [p.id for p in loader.read(journey).journey.personas] == ["anna"]


def test_a_folder_scan_sees_the_project_files_exclude_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`watch` scans in one process: what the project skips is read again once it changes."""
    journey = _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert [t.path for t in discover([tmp_path / "maps"]).targets] == [journey]
    write(tmp_path / "maps", PROJECT + "exclude: [retail]\n", "cjmctl.yaml")
    assert discover([tmp_path / "maps"]).targets == []
    write(tmp_path / "maps", "project: 1\ntitle: P\n", "cjmctl.yaml")
    assert [t.path for t in discover([tmp_path / "maps"]).targets] == [
        tmp_path / "maps" / "retail" / "a.yaml",
        tmp_path / "maps" / "shared" / "people.yaml",
    ]
