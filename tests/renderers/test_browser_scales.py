"""A 1..10 map's curve as Chromium lays it out (#15): ten level rows, faces at their levels."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cjmctl.journey.loader import load_bytes
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.htmlmap import render
from tests import browser

pytestmark = browser.required()

TEN = (
    """\
cjm: 1
title: Ten levels
emotion_scale: {min: 1, max: 10}
personas: [{id: anna, name: Anna}, {id: boris, name: Boris}]
stages:
  - id: s
    name: S
    touchpoints:
"""
    + "".join(f"      - {{id: t{n}, name: T{n}, emotion: {n}}}\n" for n in range(1, 11))
    + ("      - {id: both, name: Both, emotion: {anna: 6, boris: 7}}\n")
)

LAYOUT = """
const screen = document.querySelector('.journey > .scroll');  // not the print pages
const svg = screen.querySelector('svg.curve');
const top = svg.getBoundingClientRect().top;
const rows = [...svg.querySelectorAll('line.level')].map(l => [
  l.getAttribute('class'), l.getBoundingClientRect().top - top, l.getBoundingClientRect().left]);
const faces = [...svg.querySelectorAll('g.point')].map(g => {
  const box = g.querySelector('circle.face').getBoundingClientRect();
  return [Number(g.dataset.score), g.dataset.column, box.top + box.height / 2 - top,
          box.left, box.right, box.top - top, box.bottom - top];
});
const labels = [...svg.querySelectorAll('g.axis text')].map(t => {
  const box = t.getBoundingClientRect();
  return [t.textContent, box.left, box.right, box.top - top, box.bottom - top];
});
return [rows, faces, labels];
"""


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scales") / "ten.html"
    journey = load_bytes(TEN.encode(), "ten.yaml")
    path.write_bytes(render(journey, RenderOptions(today=date(2026, 10, 1))))
    return path


@pytest.fixture(scope="module")
def layout(page: Path) -> Iterator[list[Any]]:
    with browser.chromium(1440, 900) as driver:
        driver.get(page.as_uri())
        yield driver.execute_script(LAYOUT)


def test_a_ten_level_curve_has_ten_evenly_spaced_rows_and_a_neutral_line(
    layout: list[Any],
) -> None:
    rows, _, _ = layout
    levels = [y for css, y, _ in rows if css == "level"]
    assert len(levels) == 10
    gaps = [b - a for a, b in itertools.pairwise(levels)]
    assert max(gaps) - min(gaps) < 1
    (zero,) = [y for css, y, _ in rows if css == "level zero"]
    assert levels[4] < zero < levels[5]  # between 6 and 5, counted from the top


def test_each_face_sits_on_its_own_level_row(layout: list[Any]) -> None:
    rows, faces, _ = layout
    levels = [y for css, y, _ in rows if css == "level"]  # 10 at the top, 1 at the bottom
    for score, _, centre, *_ in faces:
        assert abs(centre - levels[10 - score]) < 1, score


def test_faces_of_neighbouring_levels_in_a_column_do_not_hide_each_other(
    layout: list[Any],
) -> None:
    _, faces, _ = layout
    six, seven = sorted((f for f in faces if f[1] == "10"), key=lambda f: f[0])
    assert six[3] >= seven[4] - 0.5 or seven[3] >= six[4] - 0.5  # apart side by side


def test_the_axis_names_every_level_beside_its_row_and_clear_of_the_faces(
    layout: list[Any],
) -> None:
    rows, faces, labels = layout
    levels = [y for css, y, _ in rows if css == "level"]
    assert [text for text, *_ in labels] == [str(n) for n in range(10, 0, -1)]
    for (_, left, right, top, bottom), y in zip(labels, levels, strict=True):
        assert top < y < bottom  # the row runs through its name
        for face in faces:
            apart = right <= face[3] or face[4] <= left or bottom <= face[5] or face[6] <= top
            assert apart, (left, right, face)


def test_the_neutral_line_starts_after_the_names_of_the_levels(layout: list[Any]) -> None:
    """Between 5 and 6 it would cross the names' column: it starts where the widest one ends,
    and it still runs under the whole curve, from before the first face on."""
    rows, faces, labels = layout
    ((_, _, start),) = [row for row in rows if row[0] == "level zero"]
    assert start >= max(right for _, _, right, *_ in labels)
    assert start <= min(face[3] for face in faces)
