"""The emotion curve's geometry: faces never hide each other, one lowest moment, exits off line."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from cjmctl import load
from cjmctl.journey.loader import load_bytes
from cjmctl.journey.model import Journey
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.curve import Chart, chart
from cjmctl.renderers.emotion import lowest_touchpoint
from cjmctl.renderers.flow import render_dot
from cjmctl.renderers.htmlmap import COLUMN_WIDTH
from tests.conftest import EXAMPLE_JOURNEYS, EXAMPLES, ROOT

WIDE = ROOT / "tests" / "fixtures" / "wide"
MAPS = [WIDE / "en-40.yaml", WIDE / "ru-27.yaml", *EXAMPLE_JOURNEYS]
STAR_HEIGHT = 13.0  # a 14 px ★ reaches about this far above its baseline


def _chart(journey: Journey, persona: str | None = None) -> Chart:
    columns: list[str | None] = [tp.id for _, tp in journey.touchpoints()]
    return chart(journey, COLUMN_WIDTH, columns, persona)


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_no_two_faces_of_one_column_overlap(path: Path) -> None:
    points = _chart(load(path)).points
    for a in points:
        for b in points:
            if a.column == b.column and a.series < b.series:
                gap = math.dist((a.x, a.y), (b.x, b.y))
                assert gap >= float(a.face.r) + float(b.face.r), (a.label, b.label)
        assert abs(a.x - (a.column + 0.5) * COLUMN_WIDTH) <= COLUMN_WIDTH / 2 - float(a.face.r)


def test_three_personas_at_minus_two_stand_side_by_side_on_their_own_lines() -> None:
    curve = _chart(load(WIDE / "en-40.yaml"))
    at_tp08 = [p for p in curve.points if p.column == 7]
    assert [p.score for p in at_tp08] == [-2, -2, -2]
    assert [p.x for p in at_tp08] == [1474.0, 1500.0, 1526.0]
    for point, series in zip(at_tp08, curve.series, strict=True):
        assert any(f"{point.x:.1f},{point.y:.1f}" in s.split() for s in series.segments)
        assert point.marker  # each persona's own shape beside its face
    assert len({s.shape for s in curve.series}) == len({s.dash for s in curve.series}) == 3


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_no_wow_star_covers_a_face(path: Path) -> None:
    curve = _chart(load(path))
    for x, y, _ in curve.wows:
        for p in curve.points:
            if abs(p.x - x) < 9 + float(p.face.r):
                assert y <= p.y - float(p.face.r), p.label  # the star ends above the face
                assert y - STAR_HEIGHT >= 0


LOWEST = {
    "en-40": "tp08",
    "ru-27": "tp08",
    "bank-branch": "waiting-area",  # ties with walk-out at -2: the earlier one
    "email-marketing-ru": "cart",
    "furniture-store": "pickup-parking",
    "sofa-delivery": "carry-up",
}


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_exactly_one_lowest_moment_by_the_documented_rule(path: Path) -> None:
    journey = load(path)
    ids = [tp.id for _, tp in journey.touchpoints()]
    lowest = _chart(journey).lowest
    assert lowest is not None
    assert ids[lowest.column] == LOWEST[path.stem]
    dot = render_dot(journey, RenderOptions()).decode()
    marked = [line.split()[0].strip('"') for line in dot.splitlines() if "<B>▼ " in line]
    assert marked == [f"tp_{LOWEST[path.stem]}"]


def test_one_persona_s_lowest_moment_is_on_that_persona_s_curve() -> None:
    journey = load(WIDE / "en-40.yaml")
    low = lowest_touchpoint(journey, "anna")
    assert low is not None
    assert low.id == "tp01"  # anna is at -2 first on tp01, earlier than the shared tp08
    lowest = _chart(journey, "anna").lowest
    assert lowest is not None
    assert lowest.column == 0


def test_nothing_is_lowest_when_no_moment_is_below_zero() -> None:
    source = b"cjm: 1\ntitle: T\nstages: [{name: S, touchpoints: [{name: A, emotion: 0}]}]\n"
    journey = load_bytes(source, "flat.yaml")
    assert lowest_touchpoint(journey) is None
    assert _chart(journey).lowest is None


@pytest.mark.parametrize(
    ("path", "before", "exit_", "after"),
    [
        (WIDE / "en-40.yaml", 31, 32, 33),
        (WIDE / "ru-27.yaml", 18, 19, 20),
        (EXAMPLES / "bank-branch.yaml", 6, 7, 8),
    ],
    ids=["en-40", "ru-27", "bank-branch"],
)
def test_the_main_line_skips_an_exit_and_a_connector_joins_it(
    path: Path, before: int, exit_: int, after: int
) -> None:
    curve = _chart(load(path))
    for n, series in enumerate(curve.series):
        at = {p.column: f"{p.x:.1f},{p.y:.1f}" for p in curve.points if p.series == n}
        lines = [segment.split() for segment in series.segments]
        assert not any(at[exit_] in line for line in lines)
        assert any(
            at[before] in line and line[line.index(at[before]) + 1] == at[after] for line in lines
        )
        to_exit = [(c.source, c.target) for c in series.connectors if c.target == exit_]
        assert to_exit == [(before, exit_)]
    assert all(p.branch == (p.column == exit_) for p in curve.points)
