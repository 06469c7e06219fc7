"""Mermaid's own parse as the oracle: imports, round trips and exports agree with Mermaid.

Every diagram is parsed by Mermaid 11 itself (`tests/mermaid_parse.mjs`, one browser start for
the module) and compared, in what Mermaid draws, with cjmctl's side: sections and stages, task
names and touchpoints, scores and emotions + 3 (on another scale, `EmotionScale.mermaid` of
them), actors and personas. Where cjmctl documents a
change (a missing title or section name gets the locale's word, an empty actor is left out, a
score is brought into 1..5 and a missing one exported as 3), the oracle's side is changed the
same way; each of those changes is also a warning that tests/importers/test_mermaid.py asserts.
Skipped with the reason when Mermaid is not installed; under CI that is a failure.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest

from cjmctl import load
from cjmctl.importers.mermaid import import_mermaid
from cjmctl.journey import loader
from cjmctl.journey.labels import LABELS
from cjmctl.journey.model import Journey
from cjmctl.journey.states import current_journey
from cjmctl.renderers.mermaid import NEUTRAL, actor_names, clean, to_mermaid
from tests import mermaid_cli
from tests.conftest import EXAMPLE_JOURNEYS, ROOT

FIXTURES = sorted((ROOT / "tests" / "fixtures" / "mermaid").glob("*.mmd"))
REJECTED_BY_MERMAID = {"unsupported"}
ACCEPTED = [p for p in FIXTURES if p.stem not in REJECTED_BY_MERMAID]
EXPORTED = {f"example-{p.stem}": p for p in EXAMPLE_JOURNEYS}
EXPORTED |= {p.stem: p for p in sorted((ROOT / "tests" / "fixtures" / "generated").glob("*.yaml"))}
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)

Shape = tuple[str, list[tuple[str, list[str], list[tuple[str, int | None, str]]]]]


def _drawn(text: str) -> str:
    """Text as Mermaid draws it: lines at `<br>`, runs of spaces as one, no blank end lines."""
    return "\n".join(" ".join(line.split()) for line in _BREAK.split(text)).strip("\n")


def _score(value: float | None, missing: int | None) -> int | None:
    """A Mermaid score as cjmctl carries it: into 1..5, rounded half up; none when unreadable."""
    if value is None or not math.isfinite(value):
        return missing
    return min(5, max(1, math.floor(value + 0.5)))


def _shape(sections: list[tuple[str, list[tuple[str, int | None, list[str]]]]]) -> Shape:
    """Per section its name, its task names in order (repeats next to each other as one, as
    the importer merges them) and every (task, score, actor) it holds, "" for no actor."""
    shaped = []
    for name, tasks in sections:
        every = [task for task, _, _ in tasks]
        names = [n for i, n in enumerate(every) if i == 0 or every[i - 1] != n]
        scored = {(task, score, who) for task, score, people in tasks for who in people or [""]}
        shaped.append((name, names, sorted(scored, key=repr)))
    return "", shaped


def mermaid_shape(parsed: dict[str, Any], locale: str, missing: int | None = None) -> Shape:
    """What Mermaid holds, with cjmctl's documented changes: see the module's docstring."""
    labels = LABELS[locale]
    sections: dict[str, list[tuple[str, int | None, list[str]]]] = {}
    if any(not t["section"] for t in parsed["tasks"]):
        sections[""] = []
    for section in parsed["sections"]:
        sections.setdefault(section, [])
    for task in parsed["tasks"]:
        people = [" ".join(p.split()) for p in task["people"] if p.strip()]
        score = _score(task["score"], missing)
        sections[task["section"]].append((_drawn(task["task"]), score, people))
    shaped = [(_drawn(name) or labels["stage"], tasks) for name, tasks in sections.items()]
    title = _drawn(parsed["title"]) or labels["journey"]
    return title, _shape(shaped)[1]


def journey_shape(
    journey: Journey, names: dict[str, str] | None = None, missing: int | None = None
) -> Shape:
    """What the journey says, in the same terms; actors by persona name or by `names`; a
    touchpoint without an emotion scores `missing`."""
    personas = names or {p.id: p.name for p in journey.personas}
    scale = journey.emotion_scale
    sections = []
    for stage in journey.stages:
        tasks: list[tuple[str, int | None, list[str]]] = []
        for tp in stage.touchpoints:
            emotion = tp.emotion
            if isinstance(emotion, dict):
                tasks += [
                    (tp.name, scale.mermaid(e), [personas[pid]]) for pid, e in emotion.items()
                ]
            else:
                tasks.append((tp.name, missing if emotion is None else scale.mermaid(emotion), []))
        sections.append((stage.name, tasks))
    return journey.title, _shape(sections)[1]


def _imported(path: Path) -> Journey:
    text = path.read_bytes().decode("utf-8")
    return loader.load_bytes(import_mermaid(text)[0].encode(), f"{path.stem}.yaml")


@pytest.fixture(scope="module")
def mermaid() -> dict[str, dict[str, Any]]:
    """Mermaid's parse of every fixture, of its round trip and of every export, by name."""
    mermaid_cli.require()
    diagrams = {f"fixture-{p.stem}": p.read_bytes().decode("utf-8") for p in FIXTURES}
    diagrams |= {f"round-trip-{p.stem}": to_mermaid(_imported(p)) for p in FIXTURES}
    diagrams |= {f"export-{name}": to_mermaid(load(path)) for name, path in EXPORTED.items()}
    return mermaid_cli.parse_all(diagrams)


@pytest.mark.parametrize("path", ACCEPTED, ids=lambda p: p.stem)
def test_an_import_holds_what_mermaid_reads(path: Path, mermaid: dict[str, Any]) -> None:
    parsed = mermaid[f"fixture-{path.stem}"]
    journey = _imported(path)
    assert "error" not in parsed
    assert journey_shape(journey) == mermaid_shape(parsed, journey.locale)
    assert (journey.accessible_title or "") == _drawn(parsed["accTitle"])
    description = "\n".join(" ".join(line.split()) for line in parsed["accDescription"].split("\n"))
    assert (journey.description or "") == description


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_a_round_trip_gives_mermaid_the_same_diagram(path: Path, mermaid: dict[str, Any]) -> None:
    journey = _imported(path)
    again = mermaid[f"round-trip-{path.stem}"]
    assert "error" not in again
    if path.stem in REJECTED_BY_MERMAID:
        assert "error" in mermaid[f"fixture-{path.stem}"]
        expected = journey_shape(journey)
        expected = (
            expected[0],
            [
                (
                    s,
                    names,
                    sorted({(t, NEUTRAL if v is None else v, a) for t, v, a in scored}, key=repr),
                )
                for s, names, scored in expected[1]
            ],
        )
    else:
        expected = mermaid_shape(mermaid[f"fixture-{path.stem}"], journey.locale, NEUTRAL)
        assert again["accTitle"] == mermaid[f"fixture-{path.stem}"]["accTitle"]
    assert mermaid_shape(again, journey.locale) == expected


@pytest.mark.parametrize("name", list(EXPORTED))
def test_mermaid_reads_every_export_as_the_journey(name: str, mermaid: dict[str, Any]) -> None:
    journey = current_journey(load(EXPORTED[name]))  # Mermaid draws the current state
    parsed = mermaid[f"export-{name}"]
    assert "error" not in parsed
    for stage in journey.stages:
        stage.name = _drawn(clean(stage.name, "section")) or stage.id
        for tp in stage.touchpoints:
            tp.name = _drawn(clean(tp.name, "task")) or clean(tp.id, "task")
    journey.title = clean(journey.title, "title")
    actual = mermaid_shape(parsed, journey.locale)
    if not clean(journey.stages[0].name, "section"):
        actual = actual[0], [(journey.stages[0].name, *actual[1][0][1:]), *actual[1][1:]]
    assert actual == journey_shape(journey, actor_names(journey), NEUTRAL)
