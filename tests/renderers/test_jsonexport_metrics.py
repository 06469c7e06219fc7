"""The JSON export of a journey whose metric values come partly from a CSV file beside it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import yaml

from cjmctl.journey import loader
from cjmctl.renderers.jsonexport import to_json
from tests.conftest import ROOT

JOURNEY = ROOT / "tests" / "fixtures" / "data" / "metrics" / "journey.yaml"


def test_merged_values_match_the_golden(golden: Callable[[Path, str], None]) -> None:
    golden(ROOT / "tests" / "expected" / "data" / "metrics.json", to_json(loader.load(JOURNEY)))


def test_values_are_written_as_in_the_files_and_merged_in_time_order() -> None:
    metrics = json.loads(to_json(loader.load(JOURNEY)))["metrics"]
    assert metrics[0]["values"] == {"2026-06": 58, "2026-07": 61, "2026-08": 62.5}
    assert metrics[1]["values"] == {"2026-Q3": 3.75, "2026-09-15": 3}
    assert isinstance(metrics[0]["values"]["2026-07"], int)


def test_the_export_stands_alone_and_reads_back_as_the_same_journey(tmp_path: Path) -> None:
    """Its values are merged, so it names no files: read back, nothing is counted twice."""
    journey = loader.load(JOURNEY)
    text = to_json(journey)
    assert json.loads(text)["metric_files"] == []
    copy = tmp_path / "journey.yaml"
    copy.write_text(yaml.safe_dump(json.loads(text), allow_unicode=True), encoding="utf-8")
    (tmp_path / "kpi.csv").write_bytes((JOURNEY.parent / "kpi.csv").read_bytes())
    again = loader.load(copy)
    assert again.metrics == journey.metrics
