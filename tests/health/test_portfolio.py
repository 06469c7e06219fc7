"""A folder of maps checked as one project: `cjmctl validate` of a project, and its own checks."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import write

Cli = Callable[..., tuple[int, str]]
Streams = Callable[..., tuple[int, bytes, str]]

STAGES = "stages: [{name: S}]\n"


def _project(tmp_path: Path, shared: str = "[shared/people.yaml]") -> Path:
    write(tmp_path, f"project: 1\ntitle: T\nshared: {shared}\n", "cjmctl.yaml")
    (tmp_path / ".git").mkdir(exist_ok=True)  # outside a work tree, shared/ would not see it
    (tmp_path / "shared").mkdir()
    write(
        tmp_path / "shared",
        "personas:\n  - {id: anna, name: Anna}\n  - {id: boris, name: Boris}\n",
        "people.yaml",
    )
    return tmp_path


@pytest.fixture
def drifting(tmp_path: Path) -> Path:
    """A project whose journeys take, override, copy and redefine personas."""
    _project(tmp_path)
    write(
        tmp_path,
        "cjm: 1\ntitle: A\npersonas:\n  - anna\n  - {id: vera, name: Vera}\n"
        "  - {id: gleb, name: Gleb}\n" + STAGES,
        "a.yaml",
    )
    write(
        tmp_path,
        "cjm: 1\ntitle: B\npersonas:\n  - {id: anna, name: Anna B}\n  - {id: vera, name: Vera}\n"
        "  - {id: gleb, name: Gleb the second}\n" + STAGES,
        "b.yaml",
    )
    return tmp_path


def test_a_project_folder_gets_its_own_checks(cli: Cli, drifting: Path) -> None:
    a, b, people = drifting / "a.yaml", drifting / "b.yaml", drifting / "shared" / "people.yaml"
    code, output = cli("validate", str(drifting))
    assert code == 0
    assert output.splitlines() == [
        f"{people}:3:10: warning: no journey of the project takes the shared persona 'boris' "
        "[unused-shared]",
        f"  hint: take it in a journey by adding 'boris' to its `personas` list, or remove it "
        f"from {people}",
        f"{a}:5:5: info: personas[1]: persona 'vera' is copied in 2 journeys: {a}:5:5 and "
        f"{b}:5:5 [copied-part]",
        "  hint: move it to a shared file of the project and take it by id (`personas: [vera]`)",
        f"{a}:6:5: warning: personas[2]: persona 'gleb' is defined differently in {a}:6:5 and "
        f"{b}:6:5 [diverged-part]",
        "  hint: move it to a shared file of the project and take it by id (`personas: [gleb]`); "
        "a journey that needs a variant overrides only the fields that differ",
        "2 journeys, 1 project file, 1 shared file checked: all valid; project checks: "
        "2 warnings, 1 info",
    ]


@pytest.mark.parametrize("fmt", ["json", "github"])
def test_project_findings_go_to_every_output_format(cli: Cli, drifting: Path, fmt: str) -> None:
    code, output = cli("validate", "-F", fmt, str(drifting))
    assert code == 0
    if fmt == "json":
        document = json.loads(output)
        assert (document["files"], document["errors"], document["warnings"]) == (4, 0, 2)
        rules = [d["rule"] for d in document["diagnostics"]]
        assert rules == ["unused-shared", "copied-part", "diverged-part"]
    else:
        assert [line.split(",")[0].split("::")[1] for line in output.splitlines()[:-1]] == [
            "warning file=" + str(drifting / "shared" / "people.yaml"),
            "notice file=" + str(drifting / "a.yaml"),
            "warning file=" + str(drifting / "a.yaml"),
        ]


def test_part_of_a_project_gets_no_project_checks(cli: Cli, drifting: Path) -> None:
    # b.yaml may take boris: with a.yaml alone, nothing says the persona is unused.
    assert cli("validate", str(drifting / "a.yaml")) == (
        0,
        "1 journey, 1 project file, 1 shared file checked: all valid\n",
    )


def test_the_same_id_in_shared_files_no_journey_reads_together(cli: Cli, tmp_path: Path) -> None:
    _project(tmp_path, "[]")
    write(tmp_path / "shared", "personas:\n  - {id: anna, name: Anna}\n", "other.yaml")
    for name, include in (("a.yaml", "people.yaml"), ("b.yaml", "other.yaml")):
        write(
            tmp_path,
            f"cjm: 1\ntitle: T\ninclude: [shared/{include}]\npersonas: [anna]\n" + STAGES,
            name,
        )
    code, output = cli("validate", str(tmp_path))
    people, other = tmp_path / "shared" / "people.yaml", tmp_path / "shared" / "other.yaml"
    assert code == 1
    assert output.splitlines()[:2] == [
        f"{other}:2:10: error: the id 'anna' is already defined in {people}:2:5 [duplicate-id]",
        "  hint: ids are unique across a project's shared files: rename one, or keep one "
        "definition",
    ]
    assert output.count("[duplicate-id]") == 1


def test_the_same_id_read_together_is_said_once_by_the_loader(cli: Cli, tmp_path: Path) -> None:
    _project(tmp_path)
    write(tmp_path / "shared", "personas:\n  - {id: anna, name: Anna}\n", "other.yaml")
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        write(
            tmp_path,
            "cjm: 1\ntitle: T\ninclude: [shared/other.yaml]\npersonas: [anna]\n" + STAGES,
            name,
        )
    code, output = cli("validate", str(tmp_path))
    other = tmp_path / "shared" / "other.yaml"
    assert code == 1
    assert output.count("[duplicate-id]") == 1
    assert (
        f"{other}:2:10: error: the id 'anna' is already defined in "
        f"{tmp_path / 'shared' / 'people.yaml'}:2:5 (used by {tmp_path / 'a.yaml'} and 2 more) "
        "[duplicate-id]"
    ) in output.splitlines()
    assert output.splitlines()[-1] == (
        "3 journeys, 1 project file, 2 shared files checked: 3 valid, 3 invalid, 1 error"
    )


def test_a_broken_shared_file_is_reported_once_at_its_own_position(
    cli: Cli, tmp_path: Path
) -> None:
    _project(tmp_path)
    people = tmp_path / "shared" / "people.yaml"
    people.write_text("personas:\n  - {id: anna, nam: Anna}\n", encoding="utf-8")
    for name in ("a.yaml", "b.yaml"):
        write(tmp_path, "cjm: 1\ntitle: T\npersonas: [anna]\n" + STAGES, name)
    code, output = cli("validate", str(tmp_path))
    assert code == 1
    lines = [line for line in output.splitlines() if not line.startswith("  hint")]
    assert lines == [
        f"{people}:2:5: error: personas[0].name: missing required key 'name' [missing-key]",
        f"{people}:2:16: error: personas[0].nam: unknown key 'nam' [unknown-key]",
        "2 journeys, 1 project file, 1 shared file checked: 1 valid, 3 invalid, 2 errors",
    ]


def test_an_include_cycle_met_by_many_journeys_names_them(cli: Cli, tmp_path: Path) -> None:
    _project(tmp_path, "[shared/x.yaml]")
    (tmp_path / "shared" / "people.yaml").unlink()
    write(tmp_path / "shared", "include: [y.yaml]\n", "x.yaml")
    write(tmp_path / "shared", "include: [x.yaml]\n", "y.yaml")
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        write(tmp_path, "cjm: 1\ntitle: T\n" + STAGES, name)
    code, output = cli("validate", str(tmp_path))
    y = tmp_path / "shared" / "y.yaml"
    assert code == 1
    assert output.count("include cycle") == 1
    assert (
        f"{y}:1:11: error: include cycle: {tmp_path / 'shared' / 'x.yaml'} -> {y} -> "
        f"{tmp_path / 'shared' / 'x.yaml'} (used by {tmp_path / 'a.yaml'} and 2 more) "
        "[include-cycle]"
    ) in output.splitlines()


def test_project_and_shared_files_named_are_checked_as_what_they_are(
    cli: Cli, tmp_path: Path
) -> None:
    _project(tmp_path)
    people = tmp_path / "shared" / "people.yaml"
    assert cli("validate", str(tmp_path / "cjmctl.yaml"), str(people)) == (
        0,
        "1 project file, 1 shared file checked: all valid\n",
    )
    people.write_text("personas:\n  - {id: anna}\n", encoding="utf-8")
    code, output = cli("validate", str(people))
    assert code == 1
    assert output.splitlines()[0] == (
        f"{people}:2:5: error: personas[0].name: missing required key 'name' [missing-key]"
    )
    assert output.splitlines()[-1] == "1 shared file checked: 0 valid, 1 invalid, 1 error"


def test_a_file_a_journey_of_the_run_includes_is_a_shared_file(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "channels: [{id: web, name: Web}]\n", "parts.yaml")
    write(tmp_path, "cjm: 1\ntitle: T\ninclude: [parts.yaml]\nchannels: [web]\n" + STAGES)
    assert cli("validate", str(tmp_path / "parts.yaml"), str(tmp_path / "journey.yaml")) == (
        0,
        "1 journey, 1 shared file checked: all valid\n",
    )


@pytest.mark.parametrize(
    ("command", "verb"), [("render", "render"), ("lint", "lint"), ("stats", "count")]
)
def test_other_commands_skip_a_named_project_file(
    cli_streams: Streams, tmp_path: Path, command: str, verb: str
) -> None:
    _project(tmp_path)
    code, out, err = cli_streams(command, str(tmp_path / "cjmctl.yaml"))
    assert (code, out) == (0, b"")
    assert err == (
        f"cjmctl: {tmp_path / 'cjmctl.yaml'} is a project file, not a journey: nothing to {verb}\n"
    )


def test_render_check_skips_a_named_shared_file(cli_streams: Streams, tmp_path: Path) -> None:
    _project(tmp_path)
    people = tmp_path / "shared" / "people.yaml"
    code, out, err = cli_streams("render", "--check", str(people))
    assert (code, out) == (0, b"")
    assert err == f"cjmctl: {people} is a shared file, not a journey: nothing to render\n"


EXPECTED = Path(__file__).resolve().parent.parent / "expected" / "project"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_examples_project(cli: Cli, golden: Callable[[Path, str], None], fmt: str) -> None:
    code, output = cli("validate", "-F", fmt, "examples")
    assert code == 0
    golden(EXPECTED / f"examples.{fmt}", output)
