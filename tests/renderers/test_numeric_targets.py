"""An action's target may be a number since issue 13: every format shows it, none crashes."""

from __future__ import annotations

import pytest

from cjmctl.journey import loader
from cjmctl.renderers import FORMATS, RenderOptions

JOURNEY = b"""\
cjm: 1
title: T
stages: [{id: s, name: S}]
metrics: [{id: m, name: M, kind: csat}]
actions:
  - {id: a, title: A, metric: m, target: 85}
  - {id: b, title: B, metric: m, target: 4.5}
"""


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_a_numeric_target_is_shown_as_written(fmt: str) -> None:
    journey = loader.load_bytes(JOURNEY, "j.yaml")
    text = FORMATS[fmt].render(journey, RenderOptions()).decode()
    # The map's plan shows a measured action's target in a number cell, as kpi.say writes it.
    cell = '<td class="number">{}</td>' if fmt == "html" else " {} |"
    assert cell.format(85) in text
    assert cell.format(4.5) in text
