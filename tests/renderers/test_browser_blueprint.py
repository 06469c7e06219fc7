"""In Chromium: the service blueprint's lines lie between their lanes and span the map (issue 15).

On screen, and on the printed pages (print emulation), each line row sits right under the lane
above it and right over the lane below it, reaches from the table's left edge to its right
edge, and draws its line (solid, dashed, dotted) across every cell, in light and dark mode.

Runs wherever Chromium and chromedriver are installed; skips with the reason elsewhere, except
under CI, where a missing browser fails (as tests/renderers/test_browser.py does).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cjmctl import load
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.htmlmap import render
from tests import browser
from tests.conftest import EXAMPLES
from tests.renderers.test_browser import LOW_CONTRAST

pytestmark = browser.required()

# Per map table shown: its box, and per line row the boxes of the rows above and below it, its
# own box, and each of its cells' bottom border (style, width, colour) and label overflow.
LINES = """
const box = e => {
  const r = e.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; };
const shown = [...document.querySelectorAll('table.map')].filter(t => t.offsetParent !== null);
return shown.map(table => [box(table),
  [...table.querySelectorAll('tr.blueprint-line')].map(line => [
    line.className, box(line.previousElementSibling), box(line), box(line.nextElementSibling),
    line.previousElementSibling.className, line.nextElementSibling.className,
    [...line.children].map(cell => {
      const style = getComputedStyle(cell);
      return [style.borderBottomStyle, style.borderBottomWidth, style.borderBottomColor,
              cell.scrollWidth <= cell.clientWidth];
    })])]);
"""
EXPECTED = {
    "blueprint-line line-interaction": ("lane lane-pains", "lane lane-frontstage", "solid"),
    "blueprint-line line-visibility": ("lane lane-frontstage", "lane lane-backstage", "dashed"),
    "blueprint-line line-internal": (
        "lane lane-backstage",
        "lane lane-support_processes",
        "dotted",
    ),
}
LIGHT, DARK = "rgb(54, 79, 199)", "rgb(145, 167, 255)"


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    page = tmp_path_factory.mktemp("blueprint") / "bank-branch.html"
    page.write_bytes(render(load(EXAMPLES / "bank-branch.yaml"), RenderOptions()))
    with browser.chromium(width=1440, height=900) as chromium:
        chromium.get(page.as_uri())
        yield chromium


def _lines(driver: Any, media: str, scheme: str = "light") -> list[Any]:
    features = [{"name": "prefers-color-scheme", "value": scheme}]
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media, "features": features})
    try:
        tables: list[Any] = driver.execute_script(LINES)
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    return tables


@pytest.mark.parametrize("media", ["screen", "print"])
def test_each_line_lies_between_its_lanes_and_spans_the_table(driver: Any, media: str) -> None:
    tables = _lines(driver, media)
    # The screen: one table of 15 columns; print: A3 sheets of 8 columns at most, whole stages.
    assert len(tables) == (1 if media == "screen" else 2)
    for table, lines in tables:
        assert [line[0] for line in lines] == list(EXPECTED)
        for name, above, box, below, above_name, below_name, borders in lines:
            assert (above_name, below_name) == EXPECTED[name][:2]
            left, right, top, bottom = box
            assert abs(left - table[0]) <= 1
            assert abs(right - table[1]) <= 1
            assert abs(top - above[3]) <= 1  # right under the lane above ...
            assert abs(bottom - below[2]) <= 1  # ... and right over the lane below
            assert bottom - top >= 12  # tall enough for its label
            # The line itself: every cell's bottom border, the lane name's cell too.
            assert len(borders) == 2
            for style, width, colour, fits in borders:
                assert (style, width, colour) == (EXPECTED[name][2], "2px", LIGHT)
                assert fits


def test_the_line_of_visibility_is_drawn_in_dark_mode(driver: Any) -> None:
    [(_, lines)] = _lines(driver, "screen", "dark")
    visibility = next(line for line in lines if line[0] == "blueprint-line line-visibility")
    assert [border[:3] for border in visibility[6]] == [["dashed", "2px", DARK]] * 2


def test_print_keeps_the_light_line_colour_in_dark_mode(driver: Any) -> None:
    tables = _lines(driver, "print", "dark")
    assert {border[2] for _, lines in tables for line in lines for border in line[6]} == {LIGHT}


def test_the_lanes_draw_without_browser_errors(driver: Any, tmp_path: Path) -> None:
    driver.execute_script(
        "document.querySelector('.journey > .scroll tr.line-visibility').scrollIntoView()"
    )
    shot = tmp_path / "blueprint.png"
    assert driver.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_lanes_and_line_labels_meet_wcag_aa_contrast(driver: Any, scheme: str) -> None:
    features = [{"name": "prefers-color-scheme", "value": scheme}]
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": features})
    try:
        low = driver.execute_script(LOW_CONTRAST)
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    assert low == []
