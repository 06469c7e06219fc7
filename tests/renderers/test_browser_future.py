"""The future state as a reader sees it: two curves, the future one dashed, what changes marked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cjmctl import load
from cjmctl.journey.states import future_journey
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.curve import chart
from cjmctl.renderers.htmlmap import COLUMN_WIDTH, render
from tests import browser
from tests.conftest import EXAMPLES

pytestmark = browser.required()

BANK = EXAMPLES / "bank-branch.yaml"

CURVES = """
const screen = document.querySelector('.journey > .scroll');  // not the print pages
const svg = screen.querySelector('td.chart svg');
const dash = el => getComputedStyle(el).strokeDasharray;
const lines = [...svg.querySelectorAll('polyline.series')];
const levels = [...svg.querySelectorAll('line.level')].map(l => {
  const box = l.getBoundingClientRect(); return box.top + box.height / 2; });
const rings = [...svg.querySelectorAll('g.future-point')].map(g => {
  const box = g.querySelector('circle').getBoundingClientRect();
  return [Number(g.dataset.column), Number(g.dataset.series), box.top + box.height / 2,
          box.width > 0 && getComputedStyle(g).visibility === 'visible'];
});
return {
  current: lines.filter(l => !l.classList.contains('future')).map(dash),
  future: lines.filter(l => l.classList.contains('future')).map(dash),
  levels: levels,
  rings: rings,
};
"""

MARKS = """
const screen = document.querySelector('.journey > .scroll');
return [...screen.querySelectorAll('tr.touchpoints th.tp')].filter(th =>
  th.querySelector('.state-mark')).map(th => {
    const mark = th.querySelector('.state-mark');
    const box = mark.getBoundingClientRect();
    return [th.id, mark.textContent.trim(), box.width > 0 && box.height > 0,
            getComputedStyle(th).textDecorationLine];
  });
"""

LEGEND = """
const item = document.querySelector('ul.legend li.legend-future');
const line = item.querySelector('line');
return [item.textContent.trim(), getComputedStyle(line).strokeDasharray];
"""


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Path]]:
    page = tmp_path_factory.mktemp("future") / "bank.html"
    page.write_bytes(render(load(BANK), RenderOptions()))
    with browser.chromium(1440, 900) as d:
        d.get(page.as_uri())
        yield d, page


def test_two_curves_the_future_one_dashed(driver: tuple[Any, Path]) -> None:
    d, _ = driver
    found = d.execute_script(CURVES)
    assert found["current"]
    assert found["future"]
    assert set(found["current"]) == {"none"}  # the current curve is solid, every persona's
    assert "none" not in found["future"]
    assert {dash.replace("px", "").replace(",", "") for dash in found["future"]} == {"7 5"}


def test_the_future_points_sit_at_the_future_scores_heights(driver: tuple[Any, Path]) -> None:
    d, _ = driver
    found = d.execute_script(CURVES)
    journey = load(BANK)
    columns: list[str | None] = [tp.id for _, tp in journey.touchpoints()]
    # The oracle: the future emotions as the file gives them, and the browser's level lines.
    then = {tp.id: tp for _, tp in future_journey(journey).touchpoints()}
    personas = [p.id for p in journey.personas]
    levels = chart(journey, COLUMN_WIDTH, columns).levels
    height = {score: found["levels"][n] for n, (score, _) in enumerate(levels)}
    expected = set()
    for column, tp_id in enumerate(columns):
        if tp_id in then:
            for series, persona in enumerate(personas):
                score = then[tp_id].emotion_for(persona)
                if score is not None:
                    expected.add((column, series, score))
    drawn = {(column, series) for column, series, _, _ in found["rings"]}
    assert drawn == {(column, series) for column, series, _ in expected}
    by_place = {(column, series): (y, shown) for column, series, y, shown in found["rings"]}
    for column, series, score in expected:
        y, shown = by_place[column, series]
        assert shown
        assert abs(y - height[score]) < 0.6, (columns[column], series, score)
    removed, added = columns.index("queue-kiosk"), columns.index("app-check-in")
    assert all(column != removed for column, _, _ in expected)  # no future at a removed one
    faces = d.execute_script(
        "return [...document.querySelectorAll('.journey > .scroll g.point')]"
        ".map(g => Number(g.dataset.column));"
    )
    assert removed in faces
    assert added not in faces


def test_added_and_removed_touchpoints_are_marked(driver: tuple[Any, Path]) -> None:
    d, _ = driver
    assert d.execute_script(MARKS) == [
        ["tp-queue-kiosk", "− Removed in the future state", True, "line-through"],
        ["tp-app-check-in", "+ Added in the future state", True, "none"],
    ]


def test_the_legend_names_the_future_state_with_a_dashed_line(driver: tuple[Any, Path]) -> None:
    d, _ = driver
    text, dash = d.execute_script(LEGEND)
    assert text == "Future state"
    assert dash != "none"
