"""The bundled examples: valid ones use the whole format, invalid ones fail exactly as shown."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from cjmctl import load
from cjmctl.journey import (
    audits,
    evidence,
    metrics,
    model,
    priority,
    research,
    scale,
    states,
    theme,
)
from cjmctl.journey.loader import load_bytes
from tests.conftest import EXAMPLE_JOURNEYS, EXAMPLES, ROOT, STANDALONE, STANDALONE_BANK

VALID = EXAMPLE_JOURNEYS
INVALID = sorted(EXAMPLES.glob("invalid/*.yaml"))
EXPECTED = ROOT / "tests" / "expected" / "invalid"
EXPECTED_RU = ROOT / "tests" / "expected" / "ru" / "invalid"


def _fields_used(value: object) -> Iterator[str]:
    if isinstance(value, BaseModel):
        for name in value.model_fields_set:
            yield f"{type(value).__name__}.{name}"
            yield from _fields_used(getattr(value, name))
    elif isinstance(value, list):
        for item in value:
            yield from _fields_used(item)


def _all_fields() -> set[str]:
    classes: list[type[BaseModel]] = [
        model.Journey,
        model.Persona,
        model.Empathy,
        model.Channel,
        model.Stage,
        model.Touchpoint,
        model.Action,
        research.Research,
        research.Reason,
        model.LintSettings,
        metrics.Metric,
        audits.Outlet,
        audits.Criterion,
        audits.Visit,
        scale.EmotionScale,
        states.FutureState,
        priority.Importance,
        evidence.Claim,
        evidence.Claims,
        theme.Theme,
        theme.Palette,
        theme.Fonts,
    ]
    return {f"{cls.__name__}.{name}" for cls in classes for name in cls.model_fields}


# What the loop of research, plan and measurement adds (issue 13): each example shows the parts
# that fit its story (audit waves at the bank, pick-up KPIs at the furniture store, monthly
# e-mail rates from a CSV file), and together they show every one.
LOOP = {
    name
    for name in _all_fields()
    if name.split(".")[0] in {"Metric", "Outlet", "Criterion", "Visit", "Reason"}
} | {
    "Journey.metrics",
    "Journey.metric_files",
    "Journey.outlets",
    "Touchpoint.checklist",
    "Action.baseline",
    "Action.started",
    "Action.finished",
    "Research.study",
    "Research.wave",
    "Research.visits",
    "Research.scale",
    "Research.ratings",
    "Research.reasons",
    "LintSettings.kpi_stale_days",
    "LintSettings.target_after_days",
}


# What a project of journeys adds (issue 14): the furniture store includes a shared file and
# links its delivery stage to the sub-journey, which links back from a touchpoint.
PROJECT = {"Journey.include", "Stage.link", "Touchpoint.link"}

# What richer maps add (issue 15): the bank branch is a service blueprint with a future state,
# on a named 1..5 scale, with importance, satisfaction, claims and a theme; it shows every one.
RICHER = {
    name
    for name in _all_fields()
    if name.split(".")[0]
    in {"EmotionScale", "FutureState", "Importance", "Claim", "Claims", "Theme", "Palette", "Fonts"}
} | {
    "Journey.emotion_scale",
    "Journey.theme",
    *(f"Touchpoint.{name}" for name in ("frontstage", "backstage", "support", "backstage_owner")),
    *(f"Touchpoint.{name}" for name in ("state", "future", "importance", "satisfaction")),
    "Touchpoint.claims",
}
SHOWCASE = [p for p in VALID if p.name != "sofa-delivery.yaml"]
"""The three showcase examples; `sofa-delivery.yaml` is the furniture store's sub-journey."""


def test_there_are_the_three_showcase_examples_and_a_sub_journey() -> None:
    assert [p.name for p in VALID] == [
        "bank-branch.yaml",
        "email-marketing-ru.yaml",
        "furniture-store.yaml",
        "sofa-delivery.yaml",
    ]


def test_the_examples_together_use_every_field_of_the_loop_and_of_a_project() -> None:
    used = {name for path in VALID for name in _fields_used(load(path))}
    assert (LOOP | PROJECT) - used == set()


def test_the_bank_branch_uses_every_field_of_a_richer_map() -> None:
    assert RICHER - set(_fields_used(load(EXAMPLES / "bank-branch.yaml"))) == set()


def test_the_readme_s_richer_map_example_validates() -> None:
    """The YAML under "Richer maps" is a journey less its head, with every new field."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("### Richer maps", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    block = block.replace("  logo: brand/northbridge-logo.png\n", "")  # no file beside it
    journey = load_bytes(("cjm: 1\ntitle: README\n" + block).encode(), "README")
    used = set(_fields_used(journey))
    assert RICHER - used == {"Theme.logo", "Palette.emotions"}


@pytest.mark.parametrize("path", SHOWCASE, ids=lambda p: p.name)
def test_example_is_valid_and_uses_every_field(path: Path) -> None:
    journey = load(path)
    assert _all_fields() - LOOP - PROJECT - RICHER - set(_fields_used(journey)) == set()
    assert journey.metrics
    assert all(m.values and m.target is not None for m in journey.metrics)
    emotions = [tp.emotion for _, tp in journey.touchpoints()]
    assert any(isinstance(e, int) for e in emotions)
    assert any(isinstance(e, dict) for e in emotions)


def test_russian_example_is_in_russian() -> None:
    journey = load(EXAMPLES / "email-marketing-ru.yaml")
    assert journey.locale == "ru"
    assert all(any("а" <= c <= "я" for c in s.name.lower()) for s in journey.stages)


def test_bank_example_carries_mystery_shopper_scores() -> None:
    journey = load(EXAMPLES / "bank-branch.yaml")
    waves = journey.waves()["branch-audit"]
    assert [w.wave for w in waves] == ["2026 Q1", "2026 Q2"]
    assert all({v.outlet for v in w.visits} == {"riverside", "central", "harbour"} for w in waves)
    assert len(journey.scores_of(waves[-1])) >= 10


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_example_reports_exactly(
    path: Path,
    cli: Callable[..., tuple[int, str]],
    golden: Callable[[Path, str], None],
) -> None:
    code, output = cli("validate", "--quiet", str(path.relative_to(ROOT)))
    assert code == 1
    golden(EXPECTED / f"{path.stem}.txt", output)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_example_reports_exactly_in_russian(
    path: Path,
    cli: Callable[..., tuple[int, str]],
    golden: Callable[[Path, str], None],
) -> None:
    code, output = cli("--lang", "ru", "validate", "--quiet", str(path.relative_to(ROOT)))
    assert code == 1
    golden(EXPECTED_RU / f"{path.stem}.txt", output)


@pytest.mark.parametrize("folder", [EXPECTED, EXPECTED_RU], ids=["en", "ru"])
def test_every_golden_has_its_example(folder: Path) -> None:
    assert sorted(p.stem for p in folder.glob("*.txt")) == [p.stem for p in INVALID]


def _readme_sessions() -> list[tuple[list[str], list[str]]]:
    """Each `$ cjmctl ...` console block of the README: its arguments and the lines it shows."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    sessions = []
    for block in text.split("```console\n")[1:]:
        command, *shown = block.split("\n```")[0].splitlines()
        if command.startswith("$ cjmctl "):
            sessions.append((command.removeprefix("$ cjmctl ").split(), shown))
    return sessions


@pytest.mark.parametrize(("args", "shown"), _readme_sessions())
def test_the_readme_shows_what_cjmctl_prints(
    cli: Callable[..., tuple[int, str]], args: list[str], shown: list[str]
) -> None:
    """Lines in order; `...` stands for lines the README leaves out."""
    _, output = cli(*args)
    printed = iter(output.splitlines())
    skipping = False
    for line in shown:
        if line == "...":
            skipping = True
            continue
        for actual in printed:
            if actual == line:
                break
            assert skipping, f"the README shows {line!r} where cjmctl prints {actual!r}"
        else:
            pytest.fail(f"cjmctl does not print the README's line {line!r}")
        skipping = False
    assert next(printed, None) is None, "cjmctl prints more than the README shows"


def test_the_readme_s_loop_example_validates() -> None:
    """The YAML under "Closing the loop" is a journey less its head and its CSV file."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("### Closing the loop", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    assert "metric_files: [kpi/2026.csv]" in block
    journey = load_bytes(
        ("cjm: 1\ntitle: README\n" + block.replace("[kpi/2026.csv]", "[]")).encode(), "README"
    )
    assert [m.id for m in journey.metrics] == ["abandonment-pickup"]
    assert journey.waves()["branch-audit"][0].visits


@pytest.mark.parametrize("standalone_path", [STANDALONE, STANDALONE_BANK], ids=lambda p: p.stem)
def test_a_standalone_copy_is_its_example_with_the_shared_parts_written_in(
    standalone_path: Path,
) -> None:
    example = load(EXAMPLES / standalone_path.name)
    standalone = load(standalone_path)
    assert (standalone.include, standalone.metric_files) == ([], [])
    # A logo is a file beside the journey: the copy keeps the theme without it.
    theme = example.theme and example.theme.model_copy(update={"logo": None})
    assert standalone.theme == theme
    assert (
        standalone.model_copy(
            update={
                "include": example.include,
                "metric_files": example.metric_files,
                "theme": example.theme,
            }
        )
        == example
    )
