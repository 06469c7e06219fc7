"""Golden diffs of metrics, outlets, checklists and study waves, in each of the three formats."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from cjmctl import i18n
from cjmctl.health import diffreport, semdiff
from cjmctl.journey.loader import load

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "data"
EXPECTED = ROOT / "tests" / "expected" / "diff"


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_metrics_and_waves_diff_matches_its_golden(
    fmt: str, cli: Callable[..., tuple[int, str]], golden: Callable[[Path, str], None]
) -> None:
    old, new = (str((FIXTURES / f"diff-{v}.yaml").relative_to(ROOT)) for v in ("old", "new"))
    code, output = cli("diff", old, new, "-F", fmt)
    assert code == 0, output
    suffix = {"text": "txt", "markdown": "md", "json": "json"}[fmt]
    golden(EXPECTED / f"metrics.{suffix}", output)


def test_metric_values_are_said_in_the_maps_terms() -> None:
    found = semdiff.diff(load(FIXTURES / "diff-old.yaml"), load(FIXTURES / "diff-new.yaml"))
    text = diffreport.format_text(found).splitlines()
    assert '  "CSAT at pick-up" (csat-pickup): target: 80 -> 85' in text
    assert '  "CSAT at pick-up" (csat-pickup): 2026-09: 62 -> 64' in text
    assert '  "CSAT at pick-up" (csat-pickup): value for 2026-10 added: 66.5' in text
    assert '  "CSAT at pick-up" (csat-pickup): value for 2026-08 removed: 58' in text
    document = json.loads(diffreport.format_json(found))
    assert [m["id"] for m in document["metrics"]] == ["nps", "abandon"]
    target = next(f for f in document["fields"] if f["field"] == "target")
    assert (target["old"], target["new"]) == (80, 85)  # as written, not 80.0
    assert isinstance(target["old"], int)


def test_russian_markdown_writes_decimal_commas_and_russian_words() -> None:
    old, new = load(FIXTURES / "diff-old.yaml"), load(FIXTURES / "diff-new.yaml")
    i18n.use("ru")
    markdown = diffreport.format_markdown(semdiff.diff(old, new))
    assert "### Метрики" in markdown
    assert "  - значение за `2026-10` добавлено: 66,5" in markdown.splitlines()


def test_a_criterion_is_matched_within_its_own_checklist() -> None:
    """Two touchpoints may each have a criterion `greeting`: one changing is one change."""
    old = load(FIXTURES / "diff-old.yaml")
    stage = old.stages[0]
    twin = stage.touchpoints[0].model_copy(update={"id": "desk", "name": "Desk"})
    old = old.model_copy(
        update={"stages": [stage.model_copy(update={"touchpoints": [*stage.touchpoints, twin]})]}
    )
    changed = twin.model_copy(update={"checklist": twin.checklist[:1]})
    touchpoints = [stage.touchpoints[0], changed]
    new = old.model_copy(update={"stages": [stage.model_copy(update={"touchpoints": touchpoints})]})
    found = semdiff.diff(old, new)
    removed = semdiff.PartChange("removed", "waiting", "Waits under 10 min", "desk")
    assert found.criteria == [removed]
