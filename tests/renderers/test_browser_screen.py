"""A big map on a big screen, in headless Chromium: sticky headers, the overview, persona cards.

Runs wherever Chromium and chromedriver are installed; skips with the reason elsewhere, except
under CI, where a missing browser fails (as tests/renderers/test_browser.py does).
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
from tests.conftest import EXAMPLES, ROOT

pytestmark = browser.required()

WIDE = ROOT / "tests" / "fixtures" / "wide" / "en-40.yaml"

# Bring the map's box to the top of the window, scroll it sideways into a stage far right
# and down to a lane (and the page, for what the box cannot show), then report what a reader
# sees: the element painted just right of the lane names, at the stage name's height and in
# the touchpoint row, and whether each stays inside the visible area.
SCROLLED = """
const [stageId, laneKey] = arguments;
const scroller = document.querySelector('section.journey .scroll');
scroller.scrollIntoView({block: 'start'});
const table = scroller.querySelector('table.map');
const stage = document.getElementById(stageId);
const lane = table.querySelector('tr.lane-' + laneKey);
const laneWidth = table.querySelector('tr.touchpoints > th').offsetWidth;
scroller.scrollLeft = stage.offsetLeft + 400 - laneWidth;
scroller.scrollTop = lane.offsetTop;
const below = lane.getBoundingClientRect().bottom - window.innerHeight;
if (below > 0) window.scrollBy(0, below);  // what the box cannot show, the page must
const box = scroller.getBoundingClientRect();
const left = box.left + scroller.clientLeft + laneWidth;
const inside = (r, from = left) => r.left >= from - 1 && r.right <= box.right + 1
  && r.top >= Math.max(box.top, 0) - 1 && r.bottom <= Math.min(box.bottom, window.innerHeight) + 1;
const under = r => document.elementFromPoint(left + 12, r.top + r.height / 2);
const stageNames = [...table.querySelectorAll('th.stage')].filter(th => {
  const r = th.getBoundingClientRect();
  return r.left <= left + 1 && r.right > left + 1;
});
const current = stageNames[0];
const name = current.querySelector('.stage-name').getBoundingClientRect();
const tps = [...table.querySelectorAll('tr.touchpoints > th.tp')];
const tp = tps.find(th => {
  const r = th.getBoundingClientRect();
  return r.left <= left + 12 && r.right > left + 12;
});
const tpRect = tp.getBoundingClientRect();
const corner = table.querySelector('.corner').getBoundingClientRect();
const atCorner = document.elementFromPoint(corner.left + 8, corner.top + 8);
return {
  scrolledLeft: scroller.scrollLeft, scrolledDown: scroller.scrollTop,
  laneInView: inside(lane.querySelector('th').getBoundingClientRect(), box.left),
  stage: current.id,
  nameInView: inside(name),
  nameText: current.querySelector('.stage-name').textContent,
  stageUnderEdge: (under(name).closest('th') || {}).id,
  textUnderEdge: under(name).textContent,
  tpInView: inside(tpRect),
  tpUnderEdge: (under(tpRect).closest('th') || {}).id,
  tp: tp.id,
  corner: atCorner.classList.contains('corner'),
};
"""

OVERVIEW_LINKS = """
return [...document.querySelectorAll('nav.overview a')].map(a => [
  a.getAttribute('href'), a.getAttribute('aria-label'),
  document.getElementById(a.getAttribute('href').slice(1)) !== null,
]);
"""

TARGET_SHOWN = """
const scroller = document.querySelector('section.journey .scroll');
const th = document.getElementById(arguments[0]);
const box = scroller.getBoundingClientRect();
const laneWidth = scroller.querySelector('tr.touchpoints > th').offsetWidth;
const r = th.getBoundingClientRect();
return [scroller.scrollLeft > 0, r.left >= box.left + laneWidth - 1 && r.right <= box.right + 1,
        r.top >= 0 && r.bottom <= window.innerHeight];
"""

CARDS = """
const cards = document.querySelector('.personas .cards').getBoundingClientRect();
return [cards.width, [...document.querySelectorAll('.persona')].map(p => {
  const r = p.getBoundingClientRect();
  const traits = p.querySelector('.traits').getBoundingClientRect();
  const empathy = p.querySelector('.empathy');
  const e = empathy ? empathy.getBoundingClientRect() : null;
  return [r.left, r.right, r.top, e ? [traits.top, traits.right, e.top, e.left] : null];
})];
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("screen")
    options = RenderOptions(today=date(2026, 10, 1))
    out = {}
    for path in (WIDE, EXAMPLES / "furniture-store.yaml"):
        page = folder / f"{path.stem}.html"
        page.write_bytes(render(load(path), options))
        out[path.stem] = page
    return out


@pytest.fixture(scope="module")
def laptop() -> Iterator[Any]:
    with browser.chromium(width=1440, height=900) as chromium:
        yield chromium


@pytest.mark.parametrize(
    ("stage", "lane"), [("stage-s7", "actions"), ("stage-s5", "pains"), ("stage-s6", "funnel")]
)
def test_stage_name_and_touchpoint_row_stay_in_view_when_scrolled(
    laptop: Any, pages: dict[str, Path], stage: str, lane: str
) -> None:
    laptop.get(pages["en-40"].as_uri())
    seen = laptop.execute_script(SCROLLED, stage, lane)
    assert seen["scrolledLeft"] > 3000
    assert seen["scrolledDown"] > 0  # the lanes scroll under the header, inside the map's box
    assert seen["laneInView"]
    assert seen["stage"] == stage
    assert seen["nameInView"]
    assert seen["stageUnderEdge"] == stage
    assert seen["textUnderEdge"] == seen["nameText"]
    assert seen["tpInView"]
    assert seen["tpUnderEdge"] == seen["tp"]
    assert seen["corner"]  # the corner cell stays above both sticky headers


def test_overview_links_every_touchpoint_in_order_and_lands_beside_the_lanes(
    laptop: Any, pages: dict[str, Path]
) -> None:
    journey = load(WIDE)
    laptop.get(pages["en-40"].as_uri())
    links = laptop.execute_script(OVERVIEW_LINKS)
    assert all(exists for _, _, exists in links)
    hrefs = [href for href, _, _ in links]
    assert [h for h in hrefs if h.startswith("#tp-")] == [
        f"#tp-{tp.id}" for _, tp in journey.touchpoints()
    ]
    assert [h for h in hrefs if h.startswith("#stage-")] == [
        f"#stage-{s.id}" for s in journey.stages
    ]
    assert all(label for _, label, _ in links)
    laptop.find_element("css selector", 'nav.overview a[href="#tp-tp33"]').click()
    assert laptop.execute_script(TARGET_SHOWN, "tp-tp33") == [True, True, True]


def test_sticky_headers_are_for_the_screen_only(laptop: Any, pages: dict[str, Path]) -> None:
    laptop.get(pages["en-40"].as_uri())
    positions = """
    return ['table.map thead', 'table.map .stage-name'].map(
      s => getComputedStyle(document.querySelector(s)).position);
    """
    screen = laptop.execute_script(positions)
    laptop.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        printed = laptop.execute_script(positions)
    finally:
        laptop.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert screen == ["sticky", "sticky"]
    assert printed == ["static", "static"]


def test_persona_cards_use_a_wide_screen(pages: dict[str, Path]) -> None:
    with browser.chromium(width=2560, height=1400) as wide:
        wide.get(pages["en-40"].as_uri())
        width, cards = wide.execute_script(CARDS)
        wide.get(pages["furniture-store"].as_uri())
        _, example = wide.execute_script(CARDS)
    assert len(cards) == 3
    assert len({round(top) for _, _, top, _ in cards}) == 1  # one row
    assert (
        max(right for _, right, _, _ in cards) - min(left for left, _, _, _ in cards) > 0.95 * width
    )
    assert all(right - left > 0.3 * width for left, right, _, _ in cards)
    for _, _, _, (traits_top, traits_right, empathy_top, empathy_left) in example:
        assert abs(traits_top - empathy_top) <= 1  # the empathy map beside the traits
        assert empathy_left > traits_right
