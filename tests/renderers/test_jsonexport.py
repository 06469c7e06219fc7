"""The JSON export: golden documents, normalisation, key order and a round trip through YAML."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from cjmctl import load
from cjmctl.journey import loader
from cjmctl.journey.model import Journey, Stage, Touchpoint
from cjmctl.renderers import FORMATS, RenderOptions
from cjmctl.renderers.jsonexport import to_json
from tests.conftest import EXAMPLE_JOURNEYS, EXAMPLES, ROOT
from tests.hostile import inject

EXAMPLE_FILES = EXAMPLE_JOURNEYS


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_examples_match_their_goldens(path: Path, golden: Callable[[Path, str], None]) -> None:
    golden(ROOT / "tests" / "expected" / "json" / f"{path.stem}.json", to_json(load(path)))


def _reloaded(text: str) -> Journey:
    """The JSON text, dumped to YAML and loaded with cjmctl's loader."""
    dumped = yaml.safe_dump(json.loads(text), allow_unicode=True, sort_keys=False)
    return loader.load_bytes(dumped.encode(), "round-trip.yaml")


def _standalone(journey: Journey) -> Journey:
    """The journey as its export holds it: shared parts and metric values inline, no files."""
    return journey.model_copy(update={"include": [], "metric_files": []})


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_json_dumped_to_yaml_loads_as_the_same_journey(path: Path) -> None:
    journey = load(path)
    assert _reloaded(to_json(journey)) == _standalone(journey)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_round_trip_keeps_any_text(path: Path) -> None:
    journey = load(path)
    inject(journey, lambda n: f"no: {n} 2024-01-0{n % 9 + 1} ~ 'q' \"d\" # {{a: b}} *r", refs=True)
    assert _reloaded(to_json(journey)) == _standalone(journey)


MINIMAL = b"""cjm: 1
title: 2024
stages:
  - name: Search
    expectations: Prices on the first screen
    touchpoints:
      - name: Ad
        pains: Too slow
        emotion: {anna: 1}
      - name: Ad
personas: [{name: Anna, id: anna}]
actions: [{title: Fix it, addresses: ad, due: 2027-01-31}]
"""


def test_output_is_normalised() -> None:
    document = json.loads(to_json(loader.load_bytes(MINIMAL, "minimal.yaml")))
    assert document["title"] == "2024"
    stage = document["stages"][0]
    assert stage["id"] == "search"
    assert stage["expectations"] == ["Prices on the first screen"]
    assert [tp["id"] for tp in stage["touchpoints"]] == ["ad", "ad-2"]
    assert stage["touchpoints"][0]["pains"] == ["Too slow"]
    assert stage["touchpoints"][1]["emotion"] is None
    action = document["actions"][0]
    assert (action["id"], action["addresses"], action["due"]) == ("fix-it", ["ad"], "2027-01-31")
    assert action["status"] == "planned"


def test_keys_follow_the_model_field_order() -> None:
    document = json.loads(to_json(loader.load_bytes(MINIMAL, "minimal.yaml")))
    assert list(document) == list(Journey.model_fields)
    assert list(document["stages"][0]) == list(Stage.model_fields)
    assert list(document["stages"][0]["touchpoints"][0]) == list(Touchpoint.model_fields)
    assert list(document["personas"][0])[:2] == ["id", "name"]


def test_text_is_utf8_indented_and_ends_with_a_newline() -> None:
    text = to_json(load(EXAMPLES / "email-marketing-ru.yaml"))
    assert "Путь подписчика" in text
    assert text.startswith('{\n  "cjm": 1,\n')
    assert text.endswith("}\n")
    data = FORMATS["json"].render(load(EXAMPLES / "email-marketing-ru.yaml"), RenderOptions())
    assert data == text.encode("utf-8")
    assert FORMATS["json"].suffix == ".json"
