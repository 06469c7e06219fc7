"""The per-persona curves as a reader sees them: faces apart, one lowest mark, curves that show."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cjmctl import load
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.emotion import lowest_touchpoint
from cjmctl.renderers.htmlmap import render
from tests import browser
from tests.conftest import EXAMPLES, ROOT

pytestmark = browser.required()

WIDE = ROOT / "tests" / "fixtures" / "wide"
MAPS = [WIDE / "en-40.yaml", WIDE / "ru-27.yaml", EXAMPLES / "bank-branch.yaml"]

HIDDEN = """
const screen = document.querySelector('.journey > .scroll');  // not the print pages
const boxes = [...screen.querySelectorAll('g.point')].map(g => [g.dataset.series,
  g.querySelector('title').textContent, g.querySelector('circle.face').getBoundingClientRect()]);
const stars = [...screen.querySelectorAll('g.wow text.star')].map(s => s.getBoundingClientRect());
const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5
  && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
const found = [];
boxes.forEach(([s, t, a], i) => boxes.slice(i + 1).forEach(([u, v, b]) => {
  if (overlap(a, b)) found.push(t + ' hides ' + v);
}));
stars.forEach(star => boxes.forEach(([s, t, a]) => {
  if (overlap(star, a)) found.push('star on ' + t);
}));
return [boxes.length, found];
"""

LOWEST = """
const screen = document.querySelector('.journey > .scroll');  // not the print pages
const heads = [...screen.querySelectorAll('table.map tr.touchpoints > th')].slice(1);
return [...screen.querySelectorAll('g.lowest rect')].map(r => {
  const box = r.getBoundingClientRect();
  const centre = box.left + box.width / 2;
  return heads.findIndex(h => {
    const c = h.getBoundingClientRect();
    return c.left <= centre && centre < c.right;
  });
});
"""

CONTRAST = """
const screen = document.querySelector('.journey > .scroll');  // not the print pages
function rgb(text) { return text.match(/[\\d.]+/g).slice(0, 3).map(Number); }
function luminance([r, g, b]) {
  const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}
const paper = luminance(rgb(getComputedStyle(document.querySelector('section.journey .scroll'))
  .backgroundColor));
return [...screen.querySelectorAll('polyline.series, path.marker')].map(el => {
  const style = getComputedStyle(el);
  const ink = luminance(rgb(el.tagName === 'path' ? style.fill : style.stroke));
  const [hi, lo] = ink > paper ? [ink, paper] : [paper, ink];
  return [el.getAttribute('class'), (hi + 0.05) / (lo + 0.05)];
});
"""


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    with browser.chromium(1440, 900) as d:
        yield d


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("curves")
    out = {}
    for path in MAPS:
        page = folder / f"{path.stem}.html"
        page.write_bytes(render(load(path), RenderOptions(today=date(2026, 10, 1))))
        out[path.stem] = page
    return out


def _scheme(driver: Any, scheme: str) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_no_persona_s_marker_hides_another_s(
    driver: Any, pages: dict[str, Path], path: Path
) -> None:
    driver.get(pages[path.stem].as_uri())
    count, hidden = driver.execute_script(HIDDEN)
    assert count >= 14
    assert hidden == []


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_the_one_lowest_mark_is_on_the_rule_s_column(
    driver: Any, pages: dict[str, Path], path: Path
) -> None:
    journey = load(path)
    low = lowest_touchpoint(journey)
    assert low is not None
    driver.get(pages[path.stem].as_uri())
    column = [tp.id for _, tp in journey.touchpoints()].index(low.id)
    assert driver.execute_script(LOWEST) == [column]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["ru-27", "en-40"])
def test_every_curve_stands_out_from_the_paper(
    driver: Any, pages: dict[str, Path], scheme: str, name: str
) -> None:
    _scheme(driver, scheme)
    try:
        driver.get(pages[name].as_uri())
        ratios = driver.execute_script(CONTRAST)
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    assert len(ratios) >= 3
    faint = [(css, round(ratio, 2)) for css, ratio in ratios if ratio < 3.0]
    assert faint == []
