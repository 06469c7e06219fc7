"""The per-persona marker shapes: true to their shape at every size the curve draws them."""

from __future__ import annotations

import re

import pytest

from cjmctl.renderers.markers import marker


@pytest.mark.parametrize("size", [4.5, 6.05, 5.17, 3.33])
def test_the_circle_is_a_circle_at_any_size(size: float) -> None:
    # Two half-circle arcs whose chord is the diameter; a chord a rounding shorter than the
    # diameter makes each arc the larger one and draws an egg.
    arcs = re.findall(r"a([\d.]+) ([\d.]+) 0 1 0 (-?[\d.]+) 0", marker(0, 100.0, 50.0, size))
    assert len(arcs) == 2
    for rx, ry, chord in arcs:
        assert rx == ry
        assert abs(float(chord)) == pytest.approx(2 * float(rx))
