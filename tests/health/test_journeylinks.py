"""The lint rule link-target-missing: each way a link leads nowhere, at the `link` value."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from cjmctl.health.journeylinks import RULE
from cjmctl.health.lint import lint
from cjmctl.journey import loader
from tests.conftest import EXAMPLE_JOURNEYS, EXAMPLES

TODAY = date(2026, 11, 23)
PROJECT = "project: 1\ntitle: P\n"
TARGET = (
    "cjm: 1\ntitle: Delivery\nstages:\n  - id: delivery\n    name: D\n    touchpoints:\n"
    "      - {id: slot, name: Slot}\n"
)


def linking(*links: str) -> str:
    """A journey whose stage `s` (line 4) has touchpoints t0, t1... linking to each of `links`."""
    lines = ["cjm: 1", "title: A", "stages:", "  - id: s", "    name: S", "    touchpoints:"]
    for i, link in enumerate(links):
        lines += [f"      - id: t{i}", f"        name: T{i}", f"        link: {link}"]
    return "\n".join(lines) + "\n"


def findings(tmp_path: Path, text: str, name: str = "a.yaml") -> list[tuple[str, int, int, str]]:
    (tmp_path / ".git").mkdir(exist_ok=True)  # a work tree: shop/ finds the project above it
    (tmp_path / "cjmctl.yaml").write_text(PROJECT)
    (tmp_path / "retail").mkdir(exist_ok=True)
    (tmp_path / "retail" / "delivery.yaml").write_text(TARGET)
    (tmp_path / "broken.yaml").write_text("cjm: 1\ntitle: Broken\n")
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    document = loader.read(path)
    return [
        (Path(d.file).name, d.line, d.column, d.message)
        for d in lint(document, today=TODAY)
        if d.rule == "link-target-missing"
    ]


def hints(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "cjmctl.yaml").write_text(PROJECT)
    path = tmp_path / "a.yaml"
    path.write_text(text)
    found = lint(loader.read(path), today=TODAY)
    return [d.hint for d in found if d.rule == "link-target-missing"]


def test_links_that_lead_somewhere_are_fine(tmp_path: Path) -> None:
    text = linking("retail/delivery", "retail/delivery#slot", "retail/delivery#delivery", "a#t0")
    assert findings(tmp_path, text) == []


def test_a_link_to_a_journey_the_project_does_not_have(tmp_path: Path) -> None:
    assert findings(tmp_path, linking("retail/delivry")) == [
        (
            "a.yaml",
            9,
            15,
            "link 'retail/delivry' leads nowhere: the project has no journey 'retail/delivry'",
        )
    ]
    assert hints(tmp_path, linking("retail/delivry")) == ["did you mean 'retail/delivery'?"]


def test_a_missing_journey_far_from_any_says_what_a_link_is(tmp_path: Path) -> None:
    assert hints(tmp_path, linking("zzz")) == [
        f"a link is a journey's path from the project's folder ({tmp_path.name}/), without `.yaml`"
    ]


def test_a_part_that_is_no_stage_or_touchpoint_of_the_target(tmp_path: Path) -> None:
    text = linking("retail/delivery#slt")
    assert findings(tmp_path, text) == [
        (
            "a.yaml",
            9,
            15,
            "link 'retail/delivery#slt': journey 'retail/delivery' has no stage or touchpoint "
            "'slt'",
        )
    ]
    assert hints(tmp_path, text) == ["did you mean 'retail/delivery#slot'?"]


def test_a_target_that_does_not_validate_is_reported_not_raised(tmp_path: Path) -> None:
    assert findings(tmp_path, linking("retail/delivery", "broken#x")) == [
        (
            "a.yaml",
            12,
            15,
            "link 'broken#x': the linked journey does not validate "
            f"(1 problem, the first at {tmp_path / 'broken.yaml'}:1:1)",
        )
    ]


def test_the_target_is_named_relative_to_the_linking_journey(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()  # a work tree: the project above the working folder counts
    (tmp_path / "cjmctl.yaml").write_text(PROJECT)
    (tmp_path / "broken.yaml").write_text("cjm: 1\ntitle: Broken\n")
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "a.yaml").write_text(linking("broken"))
    monkeypatch.chdir(tmp_path / "shop")
    found = lint(loader.read(Path("a.yaml")), today=TODAY)
    assert [(d.message, d.hint) for d in found if d.rule == "link-target-missing"] == [
        (
            "link 'broken': the linked journey does not validate "
            "(1 problem, the first at ../broken.yaml:1:1)",
            "run `cjmctl validate ../broken.yaml` and fix it",
        )
    ]


def test_a_link_to_the_journey_itself(tmp_path: Path) -> None:
    text = linking("shop/a", "shop/a#t9", "shop/a#t0")
    assert findings(tmp_path, text, "shop/a.yaml") == [
        ("a.yaml", 9, 15, "link 'shop/a' leads to this journey itself"),
        ("a.yaml", 12, 15, "link 'shop/a#t9': journey 'shop/a' has no stage or touchpoint 't9'"),
    ]


def test_a_stages_link_is_checked_at_its_value(tmp_path: Path) -> None:
    text = linking().replace("    name: S\n", "    name: S\n    link: nowhere\n")
    text += "      - {id: t, name: T}\n"
    assert findings(tmp_path, text) == [
        ("a.yaml", 6, 11, "link 'nowhere' leads nowhere: the project has no journey 'nowhere'")
    ]


def test_a_link_is_not_a_flow_step(tmp_path: Path) -> None:
    """A link's part names a touchpoint of another journey, never the next one of this journey."""
    plain = loader.read_bytes(linking("x", "y").replace("link: x", "link: a#t1").encode(), "a.yaml")
    assert [(a.id, b.id) for a, b in plain.journey.flow()] == [("t0", "t1")]
    assert plain.journey.stages[0].touchpoints[0].next is None
    text = linking("retail/delivery#slot", "retail/delivery")
    assert [d.rule for d in lint(loader.read_bytes(text.encode(), "a.yaml"), today=TODAY)] == [
        "stale-map"
    ]


def test_a_journey_read_from_bytes_has_no_project_to_check_links_in() -> None:
    document = loader.read_bytes(linking("nowhere").encode(), "a.yaml")
    assert "link-target-missing" not in {d.rule for d in lint(document, today=TODAY)}


def test_the_bundled_examples_link_each_other_without_findings() -> None:
    assert "sofa-delivery" in {p.stem for p in EXAMPLE_JOURNEYS}
    for path in EXAMPLE_JOURNEYS:
        found = lint(loader.read(path), today=TODAY)
        assert [d for d in found if d.rule == "link-target-missing"] == [], path
    assert (EXAMPLES / "furniture-store.yaml").is_file()


def test_lint_command_exits_1_on_a_broken_link(
    tmp_path: Path, cli: Callable[..., tuple[int, str]]
) -> None:
    (tmp_path / "cjmctl.yaml").write_text(PROJECT)
    path = tmp_path / "a.yaml"
    path.write_text(linking("nowhere"))
    code, output = cli("lint", str(path), "-d", "stale-map")
    assert code == 1
    assert output.splitlines()[:2] == [
        f"{path}:9:15: error: stages[0].touchpoints[0].link: link 'nowhere' leads nowhere: "
        "the project has no journey 'nowhere' [link-target-missing]",
        "  hint: a link is a journey's path from the project's folder "
        f"({tmp_path.name}/), without `.yaml`",
    ]


def test_a_link_to_a_file_of_the_project_that_is_not_a_journey(tmp_path: Path) -> None:
    """The site renders no page for them: a link there is broken, and lint says why."""
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d.yaml").write_text(TARGET)
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "personas.yaml").write_text("personas: []\n")
    project = PROJECT + "shared: [shared/personas.yaml]\nexclude: ['drafts/*']\n"
    (tmp_path / ".git").mkdir()
    (tmp_path / "cjmctl.yaml").write_text(project)
    path = tmp_path / "a.yaml"
    path.write_text(linking("drafts/d", "shared/personas", "cjmctl"))
    found = [
        (d.line, d.message, d.hint)
        for d in lint(loader.read(path), today=TODAY)
        if d.rule == "link-target-missing"
    ]
    assert found == [
        (
            9,
            "link 'drafts/d': drafts/d is excluded from the project by cjmctl.yaml's exclude",
            "the site leaves it out: link a journey of the project, or take it out of `exclude`",
        ),
        (
            12,
            "link 'shared/personas': shared/personas is a shared file, not a journey",
            "a link names a journey of the project: its path from the project's folder",
        ),
        (
            15,
            "link 'cjmctl': cjmctl is the project file, not a journey",
            "a link names a journey of the project: its path from the project's folder",
        ),
    ]


def test_the_journeys_suggested_follow_the_project_as_it_changes(tmp_path: Path) -> None:
    """`watch` lints in one process: a journey added, or a folder excluded, changes the hint."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "cjmctl.yaml").write_text(PROJECT)
    path = tmp_path / "a.yaml"
    path.write_text(linking("retail/delivry"))

    def hint() -> str:
        [finding] = [d for d in lint(loader.read(path), today=TODAY) if d.rule == RULE]
        return finding.hint

    assert hint().startswith("a link is a journey's path")
    (tmp_path / "retail").mkdir()
    (tmp_path / "retail" / "delivery.yaml").write_text(TARGET)
    assert hint() == "did you mean 'retail/delivery'?"
    (tmp_path / "cjmctl.yaml").write_text(PROJECT + "exclude: ['retail/*']\n")
    assert hint().startswith("a link is a journey's path")
