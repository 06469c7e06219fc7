"""Custom emotion scales (#15) in every renderer: 1..5, 1..10 and -3..+3 beside -2..+2.

Each journey holds one touchpoint per level of its scale (its scores as written), plus one
scored per persona, so every level is drawn, named and mapped; a 1..5 journey is also compared
with its -2..+2 twin (every score minus 3), which must be drawn alike.
"""

from __future__ import annotations

import itertools
import re
from datetime import date

import pytest

from cjmctl.journey.labels import EN
from cjmctl.journey.loader import load_bytes
from cjmctl.journey.model import Journey
from cjmctl.journey.scale import EmotionScale
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.curve import BOTTOM, TOP, Chart, chart
from cjmctl.renderers.emotion import COLOURS, TINTS, lowest_touchpoint
from cjmctl.renderers.flow import render_dot
from cjmctl.renderers.htmlmap import COLUMN_WIDTH
from cjmctl.renderers.htmlmap import render as render_html
from cjmctl.renderers.markdown import render as render_md
from cjmctl.renderers.mermaid import to_mermaid
from cjmctl.renderers.overview import overview
from tests.htmlpage import parse

TODAY = RenderOptions(today=date(2026, 11, 23))
SVG = "{http://www.w3.org/2000/svg}"
NAMED = ["Furious", "Annoyed", "Indifferent", "Pleased", "Delighted"]
SCALES = {
    "1..5": "{min: 1, max: 5, names: [" + ", ".join(NAMED) + "]}",
    "1..10": "{min: 1, max: 10}",
    "-3..+3": "{min: -3, max: 3}",
}


def _journey(
    scale: str | None, scores: list[int], personas: dict[str, int] | None = None
) -> Journey:
    """One stage, a touchpoint `t<n>` per score in order, then one scored per persona."""
    lines = ["cjm: 1", "title: Scaled"]
    if scale is not None:
        lines.append(f"emotion_scale: {scale}")
    if personas:
        lines.append(
            "personas: [" + ", ".join(f"{{id: {p}, name: {p.title()}}}" for p in personas) + "]"
        )
    lines += ["stages:", "  - id: s", "    name: S", "    touchpoints:"]
    lines += [
        f"      - {{id: t{n}, name: T{n}, emotion: {score}}}" for n, score in enumerate(scores)
    ]
    if personas:
        each = ", ".join(f"{p}: {s}" for p, s in personas.items())
        lines.append(f"      - {{id: both, name: Both, emotion: {{{each}}}}}")
    return load_bytes(("\n".join(lines) + "\n").encode(), "scaled.yaml")


def _every_level(key: str) -> Journey:
    scale = EmotionScale.model_validate(_yaml_scale(key))
    return _journey(SCALES[key], list(scale.scores()))


def _yaml_scale(key: str) -> dict[str, object]:
    import yaml

    found: dict[str, object] = yaml.safe_load(SCALES[key])
    return found


def _chart(journey: Journey) -> Chart:
    return chart(journey, COLUMN_WIDTH, [tp.id for _, tp in journey.touchpoints()])


# --- the HTML curve ----------------------------------------------------------------------------


@pytest.mark.parametrize("key", list(SCALES))
def test_the_curve_has_a_row_per_level_spread_evenly_over_the_default_height(key: str) -> None:
    journey = _every_level(key)
    scale = journey.emotion_scale
    curve = _chart(journey)
    assert [score for score, _ in curve.levels] == list(reversed(scale.scores()))
    heights = [y for _, y in curve.levels]
    assert (heights[0], heights[-1]) == (TOP, BOTTOM)
    gaps = {round(b - a, 1) for a, b in itertools.pairwise(heights)}
    assert max(gaps) - min(gaps) <= 0.1
    assert curve.height == _chart(_journey(None, [0])).height


@pytest.mark.parametrize("key", list(SCALES))
def test_points_sit_on_their_levels_higher_for_higher_scores(key: str) -> None:
    curve = _chart(_every_level(key))
    assert [p.y for p in curve.points] == [curve.y(p.score) for p in curve.points]
    ordered = sorted(curve.points, key=lambda p: p.score)
    assert all(a.y > b.y for a, b in itertools.pairwise(ordered))


@pytest.mark.parametrize("key", list(SCALES))
def test_faces_are_coloured_by_their_band_and_titled_as_written(key: str) -> None:
    journey = _every_level(key)
    scale = journey.emotion_scale
    curve = _chart(journey)
    assert [p.face.score for p in curve.points] == [scale.level(s) for s in scale.scores()]
    written = [p.label.rsplit(": ", 1)[1] for p in curve.points]
    assert written == [f"{s:+d}" if scale.min < 0 else str(s) for s in scale.scores()]


def test_the_axis_names_the_levels_or_writes_their_scores() -> None:
    assert [name for _, name in _chart(_every_level("1..5")).axis] == NAMED[::-1]
    assert [name for _, name in _chart(_every_level("1..10")).axis] == [
        str(s) for s in range(10, 0, -1)
    ]
    assert [name for _, name in _chart(_every_level("-3..+3")).axis] == [
        "+3", "+2", "+1", "+0", "-1", "-2", "-3"
    ]  # fmt: skip
    assert _chart(_journey(None, [0])).axis == []


def test_the_neutral_line_lies_between_two_levels_on_an_even_scale() -> None:
    curve = _chart(_every_level("1..10"))
    assert curve.zero == round((curve.y(5) + curve.y(6)) / 2, 1)
    assert curve.zero not in [y for _, y in curve.levels]
    html = render_html(_every_level("1..10"), TODAY).decode()
    page = parse(html.encode())
    svg = page.find(f".//{SVG}svg[@class='curve']")
    assert svg is not None
    zero = [line for line in svg.iter(SVG + "line") if line.get("class") == "level zero"]
    assert [line.get("y1") for line in zero] == [str(curve.zero)]
    rows = [line for line in svg.iter(SVG + "line") if "level" in (line.get("class") or "")]
    assert len(rows) == 11  # ten levels and the neutral middle


def test_faces_of_neighbouring_levels_in_one_column_stand_side_by_side() -> None:
    journey = _journey(SCALES["1..10"], [], {"anna": 6, "boris": 7})
    points = sorted(_chart(journey).points, key=lambda p: p.series)
    assert [p.y for p in points] == [_chart(journey).y(6), _chart(journey).y(7)]
    a, b = points
    assert abs(a.x - b.x) >= float(a.face.r) + float(b.face.r)


def test_the_lowest_moment_is_the_lowest_below_neutral() -> None:
    assert lowest_touchpoint(_journey(SCALES["1..5"], [3, 4, 5])) is None
    low = lowest_touchpoint(_journey(SCALES["1..5"], [3, 2, 4, 2]))
    assert low is not None
    assert low.id == "t1"
    assert lowest_touchpoint(_journey(SCALES["1..10"], [6, 9])) is None
    low = lowest_touchpoint(_journey(SCALES["1..10"], [6, 5, 9]))
    assert low is not None
    assert low.id == "t1"


@pytest.mark.parametrize("key", list(SCALES))
def test_the_legend_lists_every_level_with_its_face_colour(key: str) -> None:
    journey = _every_level(key)
    scale = journey.emotion_scale
    page = parse(render_html(journey, TODAY))
    legend = page.find(".//ul[@class='legend']")
    assert legend is not None
    items = legend.findall("li")[: len(scale.scores())]
    texts = ["".join(li.itertext()).strip() for li in items]
    faces = [li.find(f".//{SVG}circle[@class='face']") for li in items]
    fills = [face.get("fill") if face is not None else None for face in faces]
    assert fills == [COLOURS[scale.level(s)] for s in scale.scores()]
    if key == "1..5":
        assert texts == [f"{n} {name}" for n, name in enumerate(NAMED, 1)]
    elif key == "1..10":
        bands = [scale.level(s) for s in scale.scores()]
        assert texts == [
            f"{s} {EN[f'emotion_{b}']}" for s, b in zip(scale.scores(), bands, strict=True)
        ]
    else:
        assert texts[0] == "-3 very negative"
        assert texts[3] == "+0 neutral"
        assert texts[-1] == "+3 very positive"


def test_the_default_legend_keeps_its_signs() -> None:
    page = parse(render_html(_journey(None, [-2, 0, 2]), TODAY))
    legend = page.find(".//ul[@class='legend']")
    assert legend is not None
    texts = ["".join(li.itertext()).strip() for li in legend.findall("li")[:5]]
    assert texts == [
        "−− very negative",
        "− negative",
        "0 neutral",
        "+ positive",
        "++ very positive",
    ]


def test_point_titles_name_the_level() -> None:
    page = parse(render_html(_every_level("1..5"), TODAY))
    titles = [
        g.findtext(SVG + "title")
        for g in page.iter(SVG + "g")
        if "point" in (g.get("class") or "").split()
    ]
    assert titles == [f"T{n - 1}: {n} ({name})" for n, name in enumerate(NAMED, 1)]


def test_printed_pages_carry_the_axis_at_their_own_left_edge() -> None:
    journey = _journey(SCALES["1..5"], [1, 2, 3, 4, 5] * 6)
    page = parse(render_html(journey, TODAY), printed=True)
    curves = [svg for svg in page.iter(SVG + "svg") if svg.get("class") == "curve"]
    assert len(curves) >= 3  # the screen map and at least two printed pages
    for svg in curves:
        left = float((svg.get("viewBox") or "").split()[0])
        texts = [t for g in svg.iter(SVG + "g") if g.get("class") == "axis" for t in g]
        assert ["".join(t.itertext()) for t in texts] == NAMED[::-1]
        assert {float(t.get("x") or "nan") for t in texts} == {left + 6}
    assert len({svg.get("viewBox") for svg in curves}) == len(curves)


# --- a 1..5 map is drawn as its -2..+2 twin --------------------------------------------------


def test_the_overview_draws_a_1_to_5_map_as_its_default_twin() -> None:
    scores = [1, 2, 3, 4, 5, 2, 3]
    scaled = overview(_journey("{min: 1, max: 5}", scores, {"anna": 1, "boris": 5}))
    twin = overview(_journey(None, [s - 3 for s in scores], {"anna": -2, "boris": 2}))
    shape = [(b.top, b.height, b.colour, b.low, b.whisker) for b in scaled.bars]
    assert shape == [(b.top, b.height, b.colour, b.low, b.whisker) for b in twin.bars]
    assert [y for _, y in scaled.levels] == [y for _, y in twin.levels]
    assert [sign for sign, _ in scaled.levels] == ["5", "3", "1"]
    assert [b.label for b in scaled.bars][:2] == ["T0: 1", "T1: 2"]
    assert scaled.bars[-1].label == "Both: 3.00 (1 … 5)"


def test_the_overview_writes_an_even_scale_s_middle_as_a_number() -> None:
    strip = overview(_journey(SCALES["1..10"], [1, 10]))
    assert [sign for sign, _ in strip.levels] == ["10", "5.5", "1"]


# --- the flow diagram ---------------------------------------------------------------------------


def test_flow_nodes_take_their_band_s_tint_and_the_level_s_name() -> None:
    dot = render_dot(_every_level("1..5"), RenderOptions(legend=True)).decode()
    for n, name in enumerate(NAMED):
        node = re.search(rf"tp_t{n} \[label=<(.*)>\]", dot)
        assert node is not None
        assert f'BGCOLOR="{TINTS[n - 2]}"' in node.group(1)
        assert f"<TD>{['−−', '−', '0', '+', '++'][n]} {name}</TD>" in node.group(1)
    legend = re.search(r"legend \[label=<(.*)>\]", dot)
    assert legend is not None
    rows = re.findall(
        r'<TD BGCOLOR="(#\w+)">(\d+)</TD><TD ALIGN="LEFT">(\w+)</TD>', legend.group(1)
    )
    assert rows == [(TINTS[n - 3], str(n), name) for n, name in enumerate(NAMED, 1)]


def test_flow_writes_persona_scores_as_given_and_means_on_the_scale() -> None:
    journey = _journey(SCALES["1..5"], [4], {"anna": 2, "boris": 5})
    dot = render_dot(journey, RenderOptions()).decode()
    assert "Anna 2 · Boris 5" in dot
    compact = render_dot(journey, RenderOptions(compact=True)).decode()
    assert "mean emotion 3.75" in compact  # (4 + 3.5) / 2, on 1..5: no sign


# --- Markdown and Mermaid -------------------------------------------------------------------


def test_markdown_writes_scores_as_given_with_the_level_s_name() -> None:
    journey = _journey(SCALES["1..5"], [4, 1], {"anna": 2, "boris": 5})
    md = render_md(journey, TODAY).decode()
    row = next(line for line in md.splitlines() if line.startswith("| **Emotion**"))
    assert row == (
        "| **Emotion** | 4 Pleased | 1 Furious | • Anna: 2 Annoyed • Boris: 5 Delighted |"
    )
    ten = render_md(_journey(SCALES["1..10"], [10, 1]), TODAY).decode()
    assert "| 10 very positive | 1 very negative |" in ten


@pytest.mark.parametrize(
    ("key", "mermaid"),
    [
        ("1..5", [1, 2, 3, 4, 5]),
        # 1..10 in five bands of the fraction: 1-2, 3-4, 5-6, 7-8, 9-10
        ("1..10", [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]),
        ("-3..+3", [1, 2, 2, 3, 4, 4, 5]),
    ],
)
def test_mermaid_maps_every_level_onto_its_1_to_5(key: str, mermaid: list[int]) -> None:
    text = to_mermaid(_every_level(key))
    assert [int(s) for s in re.findall(r"^ +T\d+: (\d+)$", text, re.MULTILINE)] == mermaid


def test_mermaid_gives_personas_of_one_band_one_task_line() -> None:
    text = to_mermaid(_journey(SCALES["1..10"], [], {"anna": 9, "boris": 10, "carl": 1}))
    assert text.splitlines()[-2:] == ["      Both: 5: Anna, Boris", "      Both: 1: Carl"]
