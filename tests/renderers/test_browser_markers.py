"""Per-persona markers a reader can tell apart: big enough beside a face, clear of the others."""

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

WIDE = ROOT / "tests" / "fixtures" / "wide"
MAPS = [
    WIDE / "en-40.yaml",
    WIDE / "ru-27.yaml",
    EXAMPLES / "bank-branch.yaml",
    EXAMPLES / "furniture-store.yaml",
]
LEGIBLE = 0.45
"""A marker's smaller side against its face's diameter: at 0.35 a square is a speck in print."""

MARKERS = """
const screen = document.querySelector('.journey > .scroll');  // not the print pages
const points = [...screen.querySelectorAll('g.point')];
const faces = points.map(g => g.querySelector('circle.face').getBoundingClientRect());
const sizes = [], clashes = [];
points.forEach((g, i) => {
  const marker = g.querySelector('path.marker');
  if (!marker) return;
  const m = marker.getBoundingClientRect();
  sizes.push(Math.min(m.width, m.height) / faces[i].width);
  faces.forEach((f, j) => {
    if (j === i) return;
    // The face's circle, not its box: the nearest point of the marker's box to its centre.
    const cx = f.left + f.width / 2, cy = f.top + f.height / 2;
    const dx = Math.max(m.left - cx, 0, cx - m.right), dy = Math.max(m.top - cy, 0, cy - m.bottom);
    if (Math.hypot(dx, dy) < f.width / 2 - 0.5) clashes.push(g.querySelector('title').textContent);
  });
});
return [sizes, clashes];
"""


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    with browser.chromium(1440, 900) as d:
        yield d


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_every_marker_is_legible_and_covers_no_other_face(
    driver: Any, tmp_path: Path, path: Path
) -> None:
    page = tmp_path / f"{path.stem}.html"
    page.write_bytes(render(load(path), RenderOptions(today=date(2026, 10, 1))))
    driver.get(page.as_uri())
    sizes, clashes = driver.execute_script(MARKERS)
    assert len(sizes) >= 14
    assert min(sizes) >= LEGIBLE, sorted(sizes)[:3]
    assert clashes == []
