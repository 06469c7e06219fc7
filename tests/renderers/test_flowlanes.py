"""The flow diagram's service-blueprint lanes (`--blueprint`, issue 15), laid out by real `dot`.

The SVG is parsed, never compared: the lanes are clusters under the stages (beside them top to
bottom), in the blueprint's order, each labelled with the line above it; every cell lies in its
lane, on its touchpoint's rank, and is linked to it.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import graphviz
import pytest

from cjmctl import load
from cjmctl.journey.loader import load_bytes
from cjmctl.journey.model import Journey
from cjmctl.renderers import RenderError, RenderOptions
from cjmctl.renderers.flow import render_svg, to_dot
from tests.blueprintmaps import plain, small
from tests.conftest import EXAMPLES
from tests.renderers.test_flow import SVG, needs_dot, svg_text

LANES = ["cluster_lane_frontstage", "cluster_lane_backstage", "cluster_lane_support_processes"]
_PAIR = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")


@dataclass(frozen=True)
class Box:
    left: float
    right: float
    top: float
    bottom: float

    @property
    def middle(self) -> tuple[float, float]:
        return (self.left + self.right) / 2, (self.top + self.bottom) / 2

    def holds(self, other: Box) -> bool:
        return (
            self.left <= other.left
            and other.right <= self.right
            and self.top <= other.top
            and other.bottom <= self.bottom
        )


def _box(group: ET.Element) -> Box | None:
    """The box around a group's outlines (polygons and paths); None for text alone."""
    pairs = [
        (float(x), float(y))
        for shape in group.iter()
        if shape.tag in {f"{SVG}polygon", f"{SVG}path"}
        for x, y in _PAIR.findall(shape.get("points") or shape.get("d") or "")
    ]
    if not pairs:
        return None
    xs, ys = [x for x, _ in pairs], [y for _, y in pairs]
    return Box(min(xs), max(xs), min(ys), max(ys))


@dataclass(frozen=True)
class Drawing:
    clusters: dict[str, Box]
    labels: dict[str, list[str]]
    nodes: dict[str, Box]
    edges: list[tuple[str, str]]


def _drawing(data: bytes) -> Drawing:
    root = ET.fromstring(data)
    clusters: dict[str, Box] = {}
    labels: dict[str, list[str]] = {}
    nodes: dict[str, Box] = {}
    edges: list[tuple[str, str]] = []
    for group in root.iter(f"{SVG}g"):
        title = group.findtext(f"{SVG}title") or ""
        kind = group.get("class")
        box = _box(group)
        if kind == "cluster" and box is not None:
            clusters[title] = box
            labels[title] = [t.text or "" for t in group.iter(f"{SVG}text")]
        elif kind == "node" and box is not None:
            nodes[title] = box
        elif kind == "edge":
            tail, _, head = title.partition("->")
            edges.append((tail, head))
    return Drawing(clusters, labels, nodes, edges)


@needs_dot
def test_left_to_right_the_lanes_lie_under_the_stages_in_blueprint_order() -> None:
    journey = load(EXAMPLES / "bank-branch.yaml")
    drawing = _drawing(render_svg(journey, RenderOptions(blueprint=True)))
    stages = [drawing.clusters[f"cluster_{s.id}"] for s in journey.stages]
    front, back, support = (drawing.clusters[name] for name in LANES)
    assert max(s.bottom for s in stages) <= front.top
    assert front.bottom <= back.top  # the top of the backstage lane: the line of visibility
    assert back.bottom <= support.top
    assert [drawing.labels[name][:2] for name in LANES] == [
        ["Line of interaction", "Frontstage (in view)"],
        ["Line of visibility", "Backstage"],
        ["Line of internal interaction", "Support processes"],
    ]
    # The lines run across the whole flow: each lane reaches under every touchpoint.
    middles = [drawing.nodes[f"tp_{tp.id}"].middle[0] for _, tp in journey.touchpoints()]
    for lane in (front, back, support):
        assert lane.left < min(middles)
        assert lane.right > max(middles)


@needs_dot
@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_every_cell_lies_in_its_lane_on_its_touchpoint_s_rank_linked_to_it(
    direction: Literal["LR", "TB"],
) -> None:
    journey = load(EXAMPLES / "bank-branch.yaml")
    options = RenderOptions(blueprint=True, direction=direction)
    drawing = _drawing(render_svg(journey, options))
    drawn = 0
    for _, tp in journey.touchpoints():
        chain = [f"tp_{tp.id}"]
        for key, value in [
            ("frontstage", tp.frontstage),
            ("backstage", tp.backstage or tp.backstage_owner),
            ("support_processes", tp.support),
        ]:
            name = f"{key}_{tp.id}"
            if not value:
                assert name not in drawing.nodes
                continue
            drawn += 1
            cell, node = drawing.nodes[name], drawing.nodes[f"tp_{tp.id}"]
            assert drawing.clusters[f"cluster_lane_{key}"].holds(cell)
            across = 0 if direction == "LR" else 1  # a rank is a column, or a row
            assert cell.middle[across] == pytest.approx(node.middle[across], abs=1)
            chain.append(name)
        linked = sorted((a, b) for a, b in drawing.edges if b in chain[1:])
        assert linked == sorted(itertools.pairwise(chain))
    assert drawn == 33


@needs_dot
def test_top_to_bottom_the_lanes_lie_beside_the_stages() -> None:
    journey = load(EXAMPLES / "bank-branch.yaml")
    drawing = _drawing(render_svg(journey, RenderOptions(blueprint=True, direction="TB")))
    stages = [drawing.clusters[f"cluster_{s.id}"] for s in journey.stages]
    front, back, support = (drawing.clusters[name] for name in LANES)
    assert max(s.right for s in stages) <= front.left
    assert front.right <= back.left
    assert back.right <= support.left


def test_without_the_option_or_without_lanes_the_diagram_is_as_before() -> None:
    journey = load(EXAMPLES / "bank-branch.yaml")
    assert "cluster_lane" not in to_dot(journey, RenderOptions())
    assert to_dot(plain(), RenderOptions(blueprint=True)) == to_dot(plain(), RenderOptions())


def test_the_dot_source_of_a_small_blueprint() -> None:
    source = to_dot(small(), RenderOptions(blueprint=True, legend=False))
    assert source.index("cluster_lane_support_processes") < source.index("cluster_lane_backstage")
    assert source.index("cluster_lane_frontstage") < source.index("cluster_visit")
    assert (
        '\t\tbackstage_door [label=<<TABLE BORDER="1" COLOR="#adb5bd" CELLBORDER="0" '
        'CELLSPACING="0" CELLPADDING="2" BGCOLOR="white" STYLE="ROUNDED">'
        '<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9">Backstage owner</FONT></TD></TR>'
        '<TR><TD ALIGN="LEFT"><B>Branch operations</B></TD></TR>'
        '<TR><TD ALIGN="LEFT">• The manager staffs the floor</TD></TR></TABLE>>]\n'
    ) in source
    assert "• Rota system" in source
    assert "• Queue system" in source
    assert "rank=same" in source
    assert "frontstage_desk" not in source  # the desk has only a backstage
    assert (
        '\ttp_desk -> backstage_desk [color="#868e96" dir=none style=dotted weight=2]\n'
    ) in source
    assert "tp_call ->" not in source  # no lane, no link


@pytest.mark.parametrize("journey", [small, plain], ids=["blueprint", "no-lanes"])
def test_with_compact_it_is_an_error_through_the_python_api(
    journey: Callable[[], Journey],
) -> None:
    """The CLI refuses the pair as a usage error (tests/cli/test_options.py); a program that
    asks for it gets the same words, whether or not the journey has lanes."""
    with pytest.raises(RenderError) as error:
        to_dot(journey(), RenderOptions(blueprint=True, compact=True))
    assert str(error.value) == (
        "--blueprint draws the service behind each touchpoint, and --compact draws no "
        "touchpoints; leave one of them out"
    )


def test_many_steps_are_cut_visibly() -> None:
    steps = ", ".join(f"Step {n}" for n in range(8))
    journey = load_bytes(
        f"cjm: 1\ntitle: T\nstages: [{{id: s, name: S, touchpoints: [{{id: t, name: T, "
        f"backstage: [{steps}]}}]}}]\n".encode(),
        "many.yaml",
    )
    source = to_dot(journey, RenderOptions(blueprint=True))
    assert [n for n in range(8) if f"• Step {n}<" in source] == [0, 1, 2, 3]
    assert "• … (+4)" in source


HOSTILE = 'AT&T; &bogus; \\N \\G \\l <b>{n}</b> "q" {{x}} ]]> \\'


@needs_dot
def test_hostile_text_in_the_lanes_stays_text_in_the_svg() -> None:
    journey = small()
    tp = journey.stages[0].touchpoints[0]
    payloads = [HOSTILE.format(n=n) for n in range(5)]
    tp.frontstage, tp.backstage, tp.backstage_owner = [payloads[0]], [payloads[1]], payloads[2]
    tp.support = payloads[3:]
    data = render_svg(journey, RenderOptions(blueprint=True))
    text = svg_text(data)  # ElementTree refuses SVG that is not well-formed XML
    for payload in payloads:
        assert " ".join(payload.split()) in text
    assert "<b>" not in data.decode()


@pytest.mark.parametrize("blueprint", [False, True])
@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_building_the_diagram_never_copies_what_is_written_so_far(
    monkeypatch: pytest.MonkeyPatch, blueprint: bool, direction: Literal["LR", "TB"]
) -> None:
    """graphviz's `graph.subgraph(name=...)` copies the whole body into each new subgraph: one
    per touchpoint (its rank with its cells) made the blueprint quadratic in the map's size."""

    def copied(*args: object, **kwargs: object) -> None:
        raise AssertionError("a subgraph copied the graph's body")

    monkeypatch.setattr(graphviz.Digraph, "_copy_kwargs", copied)
    journey = load(EXAMPLES / "bank-branch.yaml")
    source = to_dot(journey, RenderOptions(blueprint=blueprint, direction=direction))
    clusters = len(journey.stages) + (3 if blueprint else 0)
    assert len(re.findall(r'subgraph "?cluster_', source)) == clusters
    served = [tp for _, tp in journey.touchpoints() if tp.frontstage or tp.backstage or tp.support]
    assert source.count("rank=same") == (len(served) if blueprint else 0)


@needs_dot
@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_each_lane_s_label_sits_flush_left_under_its_own_line_clear_of_the_band_above(
    direction: Literal["LR", "TB"],
) -> None:
    """dot leaves 8 points between stacked bands, so a label right at a band's top read as
    sitting on the border of the band above: it keeps its distance, both lines flush left."""
    journey = load(EXAMPLES / "bank-branch.yaml")
    data = render_svg(journey, RenderOptions(blueprint=True, direction=direction))
    drawing = _drawing(data)
    groups = {
        g.findtext(f"{SVG}title"): g
        for g in ET.fromstring(data).iter(f"{SVG}g")
        if g.get("class") == "cluster"
    }
    for name in LANES:
        band = drawing.clusters[name]
        line, lane = groups[name].findall(f"{SVG}text")[:2]
        assert float(line.get("x", "")) == float(lane.get("x", ""))
        assert line.get("text-anchor") == lane.get("text-anchor") == "start"
        top_of_text = float(line.get("y", "")) - 9  # the line's name is set in 9 points
        assert top_of_text - band.top >= 6, name
