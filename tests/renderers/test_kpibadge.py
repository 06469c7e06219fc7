"""KPI badges on the flow diagram: latest value / target with a status mark, escaped for dot."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest

from cjmctl.journey import loader
from cjmctl.renderers import RenderOptions, flow
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "survey" / "kpi-flow.yaml"


def test_a_touchpoint_shows_its_metrics_and_its_stages_with_a_status_mark(
    golden: Callable[[Path, str], None],
) -> None:
    source = flow.to_dot(loader.load(FIXTURE), RenderOptions())
    golden(ROOT / "tests" / "expected" / "survey" / "kpi-flow.dot", source)
    pickup = next(line for line in source.splitlines() if line.lstrip().startswith("tp_pickup"))
    assert '<FONT POINT-SIZE="9" COLOR="#a61e1e"><B>CSAT 66 / 80 ✗</B></FONT>' in pickup
    # The stage's metric reaches every touchpoint of the stage; names are escaped.
    escaped = "Carts left at &lt;checkout&gt; &amp; &quot;more&quot;<BR/>18.5 / 20 ✓"
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
