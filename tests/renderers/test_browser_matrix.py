"""The priority matrix as Chromium draws it: visible, each point in its quadrant, labels apart."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cjmctl import load
from cjmctl.journey import loader
from cjmctl.journey.matrix import ratings
from cjmctl.journey.model import Journey
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.htmlmap import render
from tests import browser
from tests.conftest import EXAMPLES

pytestmark = browser.required()

HEAD = "cjm: 1\ntitle: T\nlocale: ru\nstages:\n  - id: s\n    name: S\n    touchpoints:\n"
NAMES = ["Запись на приём через мобильное приложение", "Звонок", "Очередь у окна выдачи карт"]
# Crowds on one spot and on the lines at 3: names long and short, in Russian.
CROWD = HEAD + "".join(
    f"      - {{id: t{i}, name: {NAMES[i % 3]} {i}, importance: {{customer: {imp}}},"
    f" satisfaction: {sat}}}\n"
    for i, (imp, sat) in enumerate(
        [(5, 1)] * 8 + [(3, 3)] * 6 + [(4, 3)] * 4 + [(3, 4)] * 4 + [(5, 5), (1, 5), (1, 1)]
    )
)

MATRIX = """
const svg = document.querySelector('svg.priority');
const box = r => { const b = r.getBoundingClientRect();
  return {left: b.left, top: b.top, right: b.right, bottom: b.bottom}; };
const quadrants = {};
svg.querySelectorAll('rect.quadrant').forEach(r => { quadrants[r.dataset.quadrant] = box(r); });
const points = [...svg.querySelectorAll('a.matrix-point')].map(a => ({
  id: a.dataset.touchpoint,
  dot: box(a.querySelector('circle')),
  label: a.querySelector('text.point-label') ? box(a.querySelector('text.point-label')) : null,
}));
return {shown: box(svg), visible: getComputedStyle(svg).visibility === 'visible'
  && getComputedStyle(svg).display !== 'none', quadrants, points};
"""


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    with browser.chromium(1280, 900) as d:
        yield d


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    # Half a pixel of anti-aliasing either way is not an overlap.
    return (
        a["left"] < b["right"] - 0.5
        and b["left"] < a["right"] - 0.5
        and a["top"] < b["bottom"] - 0.5
        and b["top"] < a["bottom"] - 0.5
    )


def _expected(journey: Journey) -> dict[str, str]:
    """Each rated touchpoint's quadrant by the documented rule: above 3 is high, 3 is low."""
    found = {}
    for r in ratings(journey):
        if r.satisfaction is None:
            continue
        top, right = r.importance > 3, r.satisfaction > 3
        found[r.touchpoint.id] = {
            (True, False): "fix_first",
            (True, True): "keep_up",
            (False, False): "low_priority",
            (False, True): "possible_overkill",
        }[(top, right)]
    return found


@pytest.mark.parametrize("case", ["bank-branch", "crowd"])
def test_points_lie_in_their_quadrants_and_labels_do_not_overlap(
    driver: Any, tmp_path: Path, case: str
) -> None:
    journey = (
        load(EXAMPLES / "bank-branch.yaml")
        if case == "bank-branch"
        else loader.load_bytes(CROWD.encode(), "crowd.yaml")
    )
    page = tmp_path / f"{case}.html"
    page.write_bytes(render(journey, RenderOptions(today=date(2026, 10, 1))))
    driver.get(page.as_uri())
    found = driver.execute_script(MATRIX)
    assert found["visible"]
    assert found["shown"]["right"] - found["shown"]["left"] > 400
    expected = _expected(journey)
    assert sorted(p["id"] for p in found["points"]) == sorted(expected)
    for p in found["points"]:
        q, dot = found["quadrants"][expected[p["id"]]], p["dot"]
        inside = (
            q["left"] <= dot["left"]
            and dot["right"] <= q["right"]
            and q["top"] <= dot["top"]
            and dot["bottom"] <= q["bottom"]
        )
        assert inside, p["id"]
    dots = [p["dot"] for p in found["points"]]
    labels = [p["label"] for p in found["points"] if p["label"]]
    clashes = [
        (a, b)
        for i, a in enumerate(dots + labels)
        for b in (dots + labels)[i + 1 :]
        if _overlap(a, b)
    ]
    assert clashes == []
    if case == "bank-branch":  # room enough: every point has its name beside it
        assert len(labels) == len(dots)
    else:
        assert len(labels) >= len(dots) // 2
    for p in found["points"]:
        label, dot, q = p["label"], p["dot"], found["quadrants"][expected[p["id"]]]
        if label is None:
            continue
        # Beside its own point: at most a few px from its disc, nearer it than any other disc.
        assert _distance(label, dot) <= NEAR, p["id"]
        others = [o["dot"] for o in found["points"] if o["id"] != p["id"]]
        assert all(_distance(label, o) > _distance(label, dot) for o in others), p["id"]
        assert q["left"] <= label["left"], p["id"]
        assert label["right"] <= q["right"], p["id"]
        assert q["top"] <= label["top"], p["id"]
        assert label["bottom"] <= q["bottom"], p["id"]


NEAR = 6
"""The most px between a name and its point's disc, as Chromium draws them."""


def _distance(a: dict[str, float], b: dict[str, float]) -> float:
    """The gap in px between two boxes; 0 where they touch or overlap."""
    dx = max(b["left"] - a["right"], a["left"] - b["right"], 0)
    dy = max(b["top"] - a["bottom"], a["top"] - b["bottom"], 0)
    return float((dx**2 + dy**2) ** 0.5)
