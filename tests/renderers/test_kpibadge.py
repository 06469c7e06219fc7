"""KPI badges on the flow diagram: latest value / target with a status mark, escaped for dot."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest

from cjmctl.journey import loader
from cjmctl.journey.labels import LABELS
from cjmctl.renderers import RenderOptions, flow, kpi
from cjmctl.renderers.kpibadge import badge
from tests.conftest import ROOT, write

FIXTURE = ROOT / "tests" / "fixtures" / "survey" / "kpi-flow.yaml"


def test_a_touchpoint_shows_its_metrics_and_its_stages_with_a_status_mark(
    golden: Callable[[Path, str], None],
) -> None:
    source = flow.to_dot(loader.load(FIXTURE), RenderOptions())
    golden(ROOT / "tests" / "expected" / "survey" / "kpi-flow.dot", source)
    pickup = next(line for line in source.splitlines() if line.lstrip().startswith("tp_pickup"))
    assert '<FONT POINT-SIZE="9" COLOR="#a61e1e"><B>CSAT 66\u00a0/\u00a080 ✗</B></FONT>' in pickup
    # The stage's metric reaches every touchpoint of the stage; names are escaped.
    escaped = "Carts left at &lt;checkout&gt; &amp; &quot;more&quot;<BR/>18.5%\u00a0/\u00a020% ✓"
    assert source.count(escaped) == 2


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_hostile_metric_names_reach_dot_as_text(tmp_path: Path) -> None:
    hostile = r'</B></FONT>]]> \N \G <TABLE> & "'
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "name: CSAT at pick-up\n    kind: csat", f"name: {hostile!r}\n    kind: custom"
    )
    path = tmp_path / "j.yaml"
    path.write_text(text, encoding="utf-8")
    source = flow.to_dot(loader.load(path), RenderOptions())
    svg = subprocess.run(
        ["dot", "-Tsvg"], input=source.encode(), capture_output=True, check=True, timeout=60
    ).stdout
    svg_text = "{http://www.w3.org/2000/svg}text"
    shown = " ".join(t.text or "" for t in ElementTree.fromstring(svg).iter(svg_text))
    assert "</B></FONT>]]>" in shown.replace("\u00a0", " ")
    assert "<TABLE>" in shown


METRICS = """\
cjm: 1
title: T
locale: {locale}
stages: [{{id: s, name: S}}]
metrics:
  - {{id: wait, name: Wait, kind: custom, better: lower, unit: min, target: 10,
     values: {{2026-09: 12.25}}}}
  - {{id: csat, name: C, kind: csat, unit: of 5, target: 4.5, values: {{2026-09: 4.5}}}}
  - {{id: orders, name: Orders, kind: custom, unit: orders a day, target: 1200,
     values: {{2026-09: 1250.5}}}}
  - {{id: rate, name: Rate, kind: conversion, unit: "%", values: {{2026-09: 3.14159}}}}
"""


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        (
            "en",
            [
                "Wait 12.25\u00a0min\u00a0/\u00a010\u00a0min",
                "CSAT 4.5\u00a0of\u00a05\u00a0/\u00a04.5\u00a0of\u00a05",
                "Orders 1,250.5\u00a0/\u00a01,200",  # a long unit is left to the map
                "Rate 3.14%",
            ],
        ),
        (
            "ru",
            [
                "Wait 12,25\u00a0min\u00a0/\u00a010\u00a0min",
                "CSAT 4,5\u00a0of\u00a05\u00a0/\u00a04,5\u00a0of\u00a05",
                "Orders 1\u00a0250,5\u00a0/\u00a01\u00a0200",
                "Rate 3,14%",
            ],
        ),
    ],
)
def test_a_badge_writes_its_numbers_as_the_map_does_with_a_short_unit(
    tmp_path: Path, locale: str, expected: list[str]
) -> None:
    journey = loader.load(write(tmp_path, METRICS.format(locale=locale)))
    shown = [badge(m, locale) for m in journey.metrics]
    assert [b.text if b else None for b in shown] == expected
    assert [b.mark if b else None for b in shown] == ["✗", "✓", "✓", ""]
    # The map's KPI lane writes the same numbers.
    lane = kpi.views(journey, LABELS[locale])
    for ref, shown_badge in zip(["wait", "csat"], shown, strict=False):
        assert shown_badge is not None
        assert shown_badge.text.endswith(f" {lane[ref].value}\u00a0/\u00a0{lane[ref].target}")
