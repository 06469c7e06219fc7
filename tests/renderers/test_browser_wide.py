"""At 2,560 px the page's blocks share one right edge, and the overview's stage names fit.

Runs wherever Chromium and chromedriver are installed; skips with the reason elsewhere, except
under CI, where a missing browser fails (as tests/renderers/test_browser.py does).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cjmctl import load
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.htmlmap import render
from tests import browser
from tests.conftest import EXAMPLES, ROOT

pytestmark = browser.required()

MAPS = [EXAMPLES / "furniture-store.yaml", ROOT / "tests" / "fixtures" / "wide" / "en-40.yaml"]

# The right edges of the map's box, the overview's box and what it draws, and each persona card;
# and, per stage band of the overview, how wide its name is set against the band (SVG units).
EDGES = """
const right = e => e.getBoundingClientRect().right;
const strip = document.querySelector('nav.overview svg.strip');
const drawn = Math.max(...[...strip.querySelectorAll('.band rect, .slot .hit')].map(right));
const bands = [...strip.querySelectorAll('.band svg')].map(band => [
  band.querySelector('text').getComputedTextLength(), band.width.baseVal.value]);
return [right(document.querySelector('.journey > .scroll')),
        right(document.querySelector('nav.overview')), drawn,
        [...document.querySelectorAll('.personas .persona')].map(right), bands];
"""


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_blocks_share_the_map_box_s_right_edge_and_stage_names_fit(
    tmp_path: Path, path: Path
) -> None:
    page = tmp_path / f"{path.stem}.html"
    page.write_bytes(render(load(path), RenderOptions(today=date(2026, 10, 1))))
    with browser.chromium(width=2560, height=1400) as wide:
        wide.get(page.as_uri())
        box, overview, drawn, cards, bands = wide.execute_script(EDGES)
    assert abs(overview - box) <= 1
    assert box - 40 <= drawn <= box  # the strip's last slot, inside the box's padding
    assert max(cards) == pytest.approx(box, abs=1)
    assert len(bands) > 1
    for text, width in bands:
        assert text <= width - 6, (text, width)  # the name ends inside its band
