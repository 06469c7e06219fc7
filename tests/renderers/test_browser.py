"""The HTML maps as a person sees them: real layout in headless Chromium.

Runs wherever Chromium and chromedriver are installed (scripts/test.sh installs them as root).
Without them the tests skip with the reason, except under CI, where a missing browser fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cjmctl import load
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.htmlmap import render
from tests import browser
from tests.conftest import EXAMPLE_JOURNEYS

pytestmark = browser.required()

EXAMPLE_FILES = EXAMPLE_JOURNEYS

POINTS_AND_COLUMNS = """
const heads = [...document.querySelectorAll('table.map tr.touchpoints > th')].slice(1);
return [...document.querySelectorAll('.journey > .scroll g.point')].map(g => {
  const face = g.querySelector('circle.face').getBoundingClientRect();
  const head = heads[Number(g.dataset.column)].getBoundingClientRect();
  return [Number(g.dataset.column), face.left + face.width / 2, head.left + head.width / 2,
          (head.width - face.width) / 2];
});
"""

OVERFLOWING = """
return [...document.querySelectorAll('table.map th, table.map td, .persona, .list td, .list th')]
  .filter(el => el.scrollWidth > el.clientWidth + 1 && !el.classList.contains('chart'))
  .map(el => el.tagName + ': ' + el.textContent.trim().slice(0, 60));
"""

STICKY = """
const scroller = document.querySelector('section.journey .scroll');
const lane = document.querySelector('table.map tbody th[scope=row]');
scroller.scrollLeft = 600;
const offset = lane.getBoundingClientRect().left - scroller.getBoundingClientRect().left;
return [scroller.scrollLeft, offset];
"""


LOW_CONTRAST = """
function rgba(text) {
  const m = text.match(/rgba?\\(([^)]+)\\)/);
  if (!m) return null;
  const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
}
function luminance([r, g, b]) {
  const c = [r, g, b].map(v => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}
function background(el) {
  for (; el; el = el.parentElement) {
    const c = rgba(getComputedStyle(el).backgroundColor);
    if (c && c[3] > 0.5) return c;
  }
  return [255, 255, 255, 1];
}
const bad = [];
for (const el of document.body.querySelectorAll('*')) {
  const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  if (!own || el.closest('svg')) continue;
  const style = getComputedStyle(el);
  const fg = rgba(style.color), bg = background(el);
  const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
  const ratio = (a + 0.05) / (b + 0.05);
  const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
  const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
  if (ratio < needed) {
    bad.push(el.tagName + ' ' + ratio.toFixed(2) + ': ' + el.textContent.trim().slice(0, 40));
  }
}
return bad;
"""


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    with browser.chromium(width=1440, height=900) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    options = RenderOptions(today=date(2026, 10, 1))
    out = {}
    for path in EXAMPLE_FILES:
        page = folder / f"{path.stem}.html"
        page.write_bytes(render(load(path), options))
        out[path.stem] = page
    return out


def _open(driver: Any, page: Path) -> None:
    driver.get(page.as_uri())
    driver.get_log("browser")  # drop what an earlier page logged


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLE_FILES])
def test_page_in_a_real_browser(
    driver: Any, pages: dict[str, Path], name: str, tmp_path: Path
) -> None:
    driver.get(pages[name].as_uri())
    points = driver.execute_script(POINTS_AND_COLUMNS)
    assert len(points) >= 5
    # Faces that share a score stand side by side, each wholly inside its own column.
    misplaced = [(c, face, head) for c, face, head, room in points if abs(face - head) > room]
    assert misplaced == []
    assert driver.execute_script(OVERFLOWING) == []
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
    shot = tmp_path / f"{name}.png"
    assert driver.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_lane_names_stay_on_the_left_while_the_map_scrolls(
    driver: Any, pages: dict[str, Path]
) -> None:
    _open(driver, pages["furniture-store"])
    scrolled, offset = driver.execute_script(STICKY)
    assert scrolled == 600
    assert abs(offset - 1) <= 1  # stuck to the left edge, inside the 1px border


def test_dark_mode_and_print_styles_apply(driver: Any, pages: dict[str, Path]) -> None:
    _open(driver, pages["bank-branch"])
    background = "return getComputedStyle(document.body).backgroundColor"
    light = driver.execute_script(background)
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": "dark"}]},
    )
    dark = driver.execute_script(background)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print", "features": []})
    position = driver.execute_script(
        "return getComputedStyle(document.querySelector('table.map th[scope=row]')).position"
    )
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    assert light == "rgb(246, 247, 249)"
    assert dark == "rgb(20, 22, 27)"
    assert position == "static"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_meets_wcag_aa(driver: Any, pages: dict[str, Path], scheme: str) -> None:
    _open(driver, pages["furniture-store"])
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )
    try:
        assert driver.execute_script(LOW_CONTRAST) == []
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
