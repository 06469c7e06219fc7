"""KPIs in the Markdown document (issue 13): a KPI row per stage table, the metrics table, and
the plan's measured columns; golden files, and structure through a CommonMark parser."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cjmctl import load
from cjmctl.renderers.markdown import to_markdown
from tests.conftest import ROOT
from tests.hostile import inject
from tests.renderers.test_markdown import (
    NOT_MARKUP,
    TODAY,
    _check_structure,
    inline_text,
    seen,
    tables,
)

FIXTURES = sorted((ROOT / "tests" / "fixtures" / "kpi").glob("*.yaml"))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_kpi_documents_match_their_goldens(path: Path, golden: Callable[[Path, str], None]) -> None:
    document = to_markdown(load(path), TODAY)
    golden(ROOT / "tests" / "expected" / "md" / f"kpi-{path.stem}.md", document)


def test_kpi_row_metrics_table_and_measured_plan() -> None:
    journey = load(ROOT / "tests" / "fixtures" / "kpi" / "en.yaml")
    found = tables(_check_structure(journey, to_markdown(journey, TODAY)))
    choose, collect, plan, metrics = found
    assert choose[-1] == [
        "KPI",
        "Visits that become orders (stage Choose): 13% (Oct\u00a02026) ✓ on target, target 12%",
        "",
    ]
    assert collect[-1][1] == (
        "Orders abandoned at pick-up: 3.1% (Q3\u00a02026) ! near target, target 2%"
    )
    assert plan[0][2:7] == ["Metric", "Target", "Baseline", "Latest", "Target met"]
    assert plan[1][2:7] == ["Orders abandoned at pick-up", "2%", "7.5%", "3.1%", "✗ not yet"]
    assert plan[3][2:7] == ["Fewer questions at the entrance", "under 10 a day", "", "", ""]
    assert metrics[0] == ["Metric", "Kind", "Where", "Latest", "Target", "Status", "Trend"]
    assert metrics[2] == [
        "Orders abandoned at pick-up",
        "Abandonment",
        "• Parking • Pick-up desk",
        "3.1% (Q3\u00a02026)",
        "2%",
        "! near target",
        "█▆▁",
    ]
    assert metrics[4][:4] == ["NPS", "NPS", "After", "no values yet"]


def _hostile(n: int) -> str:
    return f"| <b>x</b> *{n}* `c` [l](http://e) @team #{n}\n- item"


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_hostile_metric_names_and_units_stay_text_and_tables_hold(path: Path) -> None:
    journey = load(path)
    for n, metric in enumerate(journey.metrics):
        metric.name, metric.unit = _hostile(n), _hostile(100 + n)
    payloads = [_hostile(n) for n in range(len(journey.metrics))]
    payloads += [_hostile(100 + n) for n, m in enumerate(journey.metrics) if m.values]
    inject(journey.stages[0], _hostile, refs=True)
    tokens = _check_structure(journey, to_markdown(journey, TODAY))
    for token in tokens:
        assert token.type not in {"html_block", "code_block", "hr"}, token
        for child in token.children or []:
            assert child.type in NOT_MARKUP | {
                "strong_open",
                "strong_close",
                "em_open",
                "em_close",
            }, child
    # A unit is set with no-break spaces, so it stays beside its value.
    shown = "\n".join(inline_text(t) for t in tokens if t.type == "inline").replace("\u00a0", " ")
    assert [p for p in payloads if seen(p) not in shown] == []
