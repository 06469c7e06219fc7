"""In Chromium: every KPI and its sparkline lie inside their touchpoint's column, on screen and
on the printed pages, and a sparkline's points are where the values say (issue 13).

Runs wherever Chromium and chromedriver are installed; skips with the reason elsewhere, except
under CI, where a missing browser fails (as tests/renderers/test_browser.py does).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cjmctl.journey.model import Journey
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.htmlmap import render
from tests import browser
from tests.kpimaps import wide

pytestmark = browser.required()

# Per map table shown: for each KPI cell, its column's header box, the cell's box, and the
# boxes of its KPIs and sparklines. Boxes as [left, right, top, bottom].
BOXES = """
const box = e => {
  const r = e.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; };
const shown = [...document.querySelectorAll('table.map')].filter(t => t.offsetParent !== null);
return shown.map(table => {
  const heads = [...table.querySelectorAll('tr.touchpoints > th')].slice(1);
  const cells = [...table.querySelectorAll('tr.lane-kpi > td')];
  return cells.map((cell, i) => [box(heads[i]), box(cell),
    [...cell.querySelectorAll('div.kpi, svg.spark')].map(box)]);
});
"""
# Each sparkline of the screen table: its metric, its box, its points and target line on screen.
POINTS = """
const screen = (svg, x, y) => { const p = new DOMPoint(x, y).matrixTransform(svg.getScreenCTM());
  return [p.x, p.y]; };
return [...document.querySelectorAll('.journey > .scroll tr.lane-kpi div.kpi')].map(kpi => {
  const svg = kpi.querySelector('svg.spark');
  const r = svg.getBoundingClientRect();
  const line = svg.querySelector('line.spark-target');
  return [kpi.dataset.metric, [r.left, r.right, r.top, r.bottom],
    [...svg.querySelector('polyline').points].map(p => screen(svg, p.x, p.y)),
    line ? screen(svg, 0, line.y1.baseVal.value)[1] : null];
});
"""


@pytest.fixture(scope="module")
def journey() -> Journey:
    return wide()


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory, journey: Journey) -> Iterator[Any]:
    page = tmp_path_factory.mktemp("kpi") / "wide.html"
    page.write_bytes(render(journey, RenderOptions(paper="a4")))
    with browser.chromium(width=1440, height=900) as chromium:
        chromium.get(page.as_uri())
        yield chromium


def _inside(inner: list[float], outer: list[float], slack: float = 1.0) -> bool:
    left, right, top, bottom = inner
    return (
        left >= outer[0] - slack
        and right <= outer[1] + slack
        and top >= outer[2] - slack
        and bottom <= outer[3] + slack
    )


@pytest.mark.parametrize("media", ["screen", "print"])
def test_every_kpi_and_sparkline_lies_inside_its_touchpoint_s_column(
    driver: Any, media: str
) -> None:
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})
    try:
        tables = driver.execute_script(BOXES)
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    # The screen: one table of 40 columns; print: A4 pages of 5 columns, a stage each.
    assert len(tables) == (1 if media == "screen" else 8)
    assert sum(len(cells) for cells in tables) == 40
    items = 0
    for cells in tables:
        for head, cell, parts in cells:
            assert abs(head[0] - cell[0]) <= 1
            assert abs(head[1] - cell[1]) <= 1
            assert parts
            items += len(parts)
            assert [p for p in parts if not _inside(p, cell)] == []
    assert items == 2 * (40 + 8)  # a KPI and its sparkline, per touchpoint and per stage


def test_sparkline_points_are_where_the_values_say(driver: Any, journey: Journey) -> None:
    lines = driver.execute_script(POINTS)
    assert len(lines) == 48
    metrics = {m.id: m for m in journey.metrics}
    for metric_id, box, points, target in lines:
        series = metrics[metric_id].series()
        assert len(points) == len(series) == 24
        assert all(_inside([x, x, y, y], box) for x, y in points)
        days = [p.start.toordinal() for p, _ in series]
        values = [v for _, v in series]
        # One scale for the series and the target line: y falls as the value rises ...
        (x0, y0), (x1, y1) = points[0], points[-1]
        per_value = (y0 - y1) / (values[-1] - values[0])
        per_day = (x1 - x0) / (days[-1] - days[0])
        assert per_value > 0
        assert per_day > 0
        for (x, y), day, value in zip(points, days, values, strict=True):
            assert y == pytest.approx(y0 - per_value * (value - values[0]), abs=0.75)
            # ... and x runs with the calendar, not with the count of values.
            assert x == pytest.approx(x0 + per_day * (day - days[0]), abs=0.75)
        goal = metrics[metric_id].target
        assert goal is not None
        assert target == pytest.approx(y0 - per_value * (goal - values[0]), abs=0.75)


def test_the_lane_draws_without_browser_errors_light_and_dark(driver: Any, tmp_path: Path) -> None:
    driver.execute_script(
        "document.querySelector('.journey > .scroll tr.lane-kpi').scrollIntoView()"
    )
    for scheme in ("light", "dark"):
        driver.execute_cdp_cmd(
            "Emulation.setEmulatedMedia",
            {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
        )
        shot = tmp_path / f"kpi-{scheme}.png"
        assert driver.save_screenshot(str(shot))
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
