"""The emotion curve shows the flow: a line between neighbours, a dashed connector for the rest."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest

from cjmctl import load
from cjmctl.journey.loader import load_bytes
from cjmctl.journey.model import Journey
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.connectors import LONG
from cjmctl.renderers.curve import chart
from cjmctl.renderers.htmlmap import COLUMN_WIDTH
from cjmctl.renderers.htmlmap import render as render_html
from cjmctl.renderers.routes import routes, transitions
from tests.conftest import EXAMPLES, ROOT
from tests.htmlpage import parse

WIDE = ROOT / "tests" / "fixtures" / "wide"
SVG = "{http://www.w3.org/2000/svg}"
MAPS = [
    EXAMPLES / "furniture-store.yaml",
    EXAMPLES / "bank-branch.yaml",
    WIDE / "en-40.yaml",
    WIDE / "ru-27.yaml",
]


def _css(element: Element) -> str:
    return next(c for c in (element.get("class") or "").split() if c.startswith("series-"))


def _curve(journey: Journey, persona: str | None = None) -> Element:
    page = parse(render_html(journey, RenderOptions(persona=persona)))
    svg = page.find(".//td[@class='chart']/*")
    assert svg is not None
    return svg


Hop = tuple[str, int, int, str | None]
"""A connector as drawn: its series, its source and target columns, and which stub it is."""


def _drawn(
    svg: Element, future: bool = False
) -> tuple[dict[str, set[int]], dict[str, set[tuple[int, int]]], set[Hop]]:
    """What the curve draws: scored columns, neighbours in one line, and connectors, by series.

    The current curve's, or with `future` the future state's dashed one (its points: rings).
    """
    scored: dict[str, set[int]] = {}
    for g in svg.iter(f"{SVG}g"):
        if future and "future-point" in (g.get("class") or "").split():
            ring = next(g.iter(f"{SVG}circle"))
            scored.setdefault(_css(ring), set()).add(int(g.get("data-column") or -1))
        if not future and "point" in (g.get("class") or "").split():
            marks = [m for m in g.iter(f"{SVG}path") if "marker" in (m.get("class") or "")]
            series = _css(marks[0]) if marks else "series-all"
            scored.setdefault(series, set()).add(int(g.get("data-column") or -1))
    lines: dict[str, set[tuple[int, int]]] = {}
    for line in svg.iter(f"{SVG}polyline"):
        if ("future" in (line.get("class") or "").split()) != future:
            continue
        xs = [float(pair.split(",")[0]) for pair in (line.get("points") or "").split()]
        columns = [int(x // COLUMN_WIDTH) for x in xs]
        lines.setdefault(_css(line), set()).update(pairwise(columns))
    hops = {
        (_css(p), int(p.get("data-from") or -1), int(p.get("data-to") or -1), p.get("data-part"))
        for p in svg.iter(f"{SVG}path")
        if "connector" in (p.get("class") or "").split()
        and ("future" in (p.get("class") or "").split()) == future
    }
    return scored, lines, hops


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_every_forward_step_between_two_scored_touchpoints_is_drawn(path: Path) -> None:
    journey = load(path)
    assert all(stage.touchpoints for stage in journey.stages)  # columns are touchpoints
    column = {tp.id: i for i, (_, tp) in enumerate(journey.touchpoints())}
    exits = {column[r.source.id] for r in routes(journey) if r.exit}
    scored, lines, hops = _drawn(_curve(journey))
    checked = 0
    for step in transitions(journey):
        i, j = column[step.source.id], column[step.target.id]
        for series, columns in scored.items():
            if step.back or i not in columns or j not in columns:
                continue
            checked += 1
            joined = (i, j) in lines.get(series, set())
            whole = (series, i, j, None) in hops
            stubs = {(series, i, j, "out"), (series, i, j, "in")} <= hops
            assert joined or whole or stubs, (series, step.source.id, step.target.id)
            if all(k in exits for k in range(i + 1, j)) and j not in exits:
                assert joined, (series, step.source.id, step.target.id)  # neighbours: one line
            if j - i > LONG:
                assert stubs, (series, step.source.id, step.target.id)
                assert not whole, (series, step.source.id, step.target.id)
    assert checked >= 10


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_loops_back_and_steps_not_in_the_flow_are_not_drawn(path: Path) -> None:
    journey = load(path)
    column = {tp.id: i for i, (_, tp) in enumerate(journey.touchpoints())}
    forward = {
        (column[t.source.id], column[t.target.id]) for t in transitions(journey) if not t.back
    }
    _, lines, hops = _drawn(_curve(journey))
    assert {(i, j) for _, i, j, _ in hops} <= forward
    assert all(pair in forward for pairs in lines.values() for pair in pairs)


def test_furniture_store_purchase_stage_is_joined_to_its_neighbours() -> None:
    journey = load(EXAMPLES / "furniture-store.yaml")
    _, lines, hops = _drawn(_curve(journey))
    for series in ("series-0", "series-1"):
        assert (series, 4, 6, None) in hops  # Trying sofas -> Order at the sales desk
        assert (series, 5, 7, None) in hops  # Online checkout -> Payment, over the desk
        assert (6, 7) in lines[series]  # Order at the sales desk -> Payment: the line
        assert {(series, 7, 12, "out"), (series, 7, 12, "in")} <= hops  # -> delivery slot
        assert (series, 16, 2, None) not in hops  # the loop back to the catalog


def test_a_long_jump_is_two_stubs_titled_with_both_ends() -> None:
    svg = _curve(load(EXAMPLES / "furniture-store.yaml"), "anna")
    stubs = [
        p for p in svg.iter(f"{SVG}path") if p.get("data-from") == "7" and p.get("data-to") == "12"
    ]
    assert [p.get("data-part") for p in stubs] == ["out", "in"]
    for stub in stubs:
        title = stub.find(f"{SVG}title")
        assert title is not None
        assert title.text == "Payment → Choosing a delivery slot — Anna"
    # Each stub stays within a column's width of its own end, not across the map.
    ends = [re.findall(r"-?\d+\.\d", p.get("d") or "") for p in stubs]
    for numbers, end in zip(ends, (7, 12), strict=True):
        xs = [float(x) for x in numbers[0::2]]
        assert max(xs) - min(xs) < COLUMN_WIDTH / 2
        assert any(abs(x - (end + 0.5) * COLUMN_WIDTH) < COLUMN_WIDTH / 2 for x in xs)


def test_a_hop_over_a_column_clears_the_face_between() -> None:
    source = b"""cjm: 1
title: T
stages:
  - name: S
    touchpoints:
      - {id: a, name: A, emotion: 0, next: [b, c]}
      - {id: b, name: B, emotion: 0}
      - {id: c, name: C, emotion: 0}
"""
    curve = chart(load_bytes(source, "skip.yaml"), COLUMN_WIDTH, ["a", "b", "c"])
    (series,) = curve.series
    assert len(series.segments) == 1  # a, b, c on one line
    (hop,) = series.connectors
    assert (hop.source, hop.target, hop.part) == (0, 2, "")
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", hop.path)]
    y1, control, y2 = numbers[1], numbers[3], numbers[5]
    between = curve.points[1]
    assert 0.25 * y1 + 0.5 * control + 0.25 * y2 < between.y - float(between.face.r)


def test_an_empty_stage_between_two_touchpoints_keeps_its_gap() -> None:
    source = b"""cjm: 1
title: T
stages:
  - {name: S1, touchpoints: [{id: a, name: A, emotion: 1}]}
  - {name: Empty}
  - {name: S3, touchpoints: [{id: c, name: C, emotion: 1}]}
"""
    curve = chart(load_bytes(source, "empty.yaml"), COLUMN_WIDTH, ["a", None, "c"])
    (series,) = curve.series
    assert len(series.segments) == 2
    assert series.connectors == []


def test_a_printed_page_carries_the_connectors_that_reach_it_and_no_others() -> None:
    journey = load(EXAMPLES / "furniture-store.yaml")
    page = parse(render_html(journey, RenderOptions()), printed=True)
    sheets = page.findall(".//section[@class='print-page']")
    assert len(sheets) > 1
    shown: set[tuple[str | None, str | None, str | None]] = set()
    for sheet in sheets:
        svg = sheet.find(".//td[@class='chart']/*")
        assert svg is not None
        left, _, width, _ = (float(v) for v in (svg.get("viewBox") or "").split())
        for hop in svg.iter(f"{SVG}path"):
            if "connector" in (hop.get("class") or "").split():
                xs = [float(x) for x in re.findall(r"-?\d+\.\d", hop.get("d") or "")[0::2]]
                assert max(xs) >= left - COLUMN_WIDTH, hop.get("d")
                assert min(xs) <= left + width + COLUMN_WIDTH, hop.get("d")
                shown.add((hop.get("data-from"), hop.get("data-to"), hop.get("data-part")))
    _, _, hops = _drawn(_curve(journey))
    assert shown == {(str(i), str(j), part) for _, i, j, part in hops}


def test_the_future_curve_follows_the_future_flow() -> None:
    journey = load(EXAMPLES / "bank-branch.yaml")
    column = {tp.id: i for i, (_, tp) in enumerate(journey.touchpoints())}
    forward = {
        (column[t.source.id], column[t.target.id])
        for t in transitions(journey, "future")
        if not t.back
    }
    scored, lines, hops = _drawn(_curve(journey), future=True)
    assert set(scored) == {"series-0", "series-1"}
    assert all(column["queue-kiosk"] not in columns for columns in scored.values())
    assert all(column["app-check-in"] in columns for columns in scored.values())
    assert {(i, j) for _, i, j, _ in hops} <= forward
    assert all(pair in forward for pairs in lines.values() for pair in pairs)
    # Through the added check-in: from the SMS to it and on to the greeter, in one line.
    for series in ("series-0", "series-1"):
        assert {(2, 4), (4, 5)} <= lines[series]
