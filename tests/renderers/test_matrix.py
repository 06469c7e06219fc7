"""The HTML map's priority matrix and evidence badges: structure, links, safety."""

from __future__ import annotations

import re
from datetime import date
from xml.etree.ElementTree import Element

import pytest

from cjmctl import load
from cjmctl.journey import loader
from cjmctl.journey.labels import EN
from cjmctl.journey.matrix import quadrant
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.htmlmap import render
from cjmctl.renderers.matrix import BOTTOM, LEFT, NAMED, RADIUS, RIGHT, TOP, view, x_of, y_of
from tests.conftest import EXAMPLES
from tests.htmlpage import parse

TODAY = RenderOptions(today=date(2026, 10, 1))
SVG = "{http://www.w3.org/2000/svg}"
HEAD = "cjm: 1\ntitle: T\nstages:\n  - id: s\n    name: S\n    touchpoints:\n"


def page(text: str) -> Element:
    return parse(render(loader.load_bytes(text.encode(), "j.yaml"), TODAY))


def text(element: Element) -> str:
    return "".join(element.itertext())


def test_no_matrix_without_importance() -> None:
    found = page(HEAD + "      - {id: a, name: A, satisfaction: 2, emotion: 1}\n")
    assert found.find(".//section[@class='matrix']") is None
    assert found.find(".//ul[@aria-label='How it is known']") is None


def test_each_rated_touchpoint_is_one_point_linked_to_its_column_in_its_quadrant() -> None:
    journey = load(EXAMPLES / "bank-branch.yaml")
    found = parse(render(journey, TODAY))
    section = found.find(".//section[@class='matrix']")
    assert section is not None
    columns = {th.get("id") for th in found.iter("th") if th.get("id", "").startswith("tp-")}
    points = section.findall(f".//{SVG}a[@class='matrix-point']")
    rated = {
        tp.id: (tp.importance, tp.satisfaction)
        for _, tp in journey.touchpoints()
        if tp.importance is not None
    }
    # Every touchpoint with an importance but the one no satisfaction is known for.
    assert sorted(p.get("data-touchpoint", "") for p in points) == sorted(
        set(rated) - {"followup-call"}
    )
    for point in points:
        assert point.get("href") in {f"#{c}" for c in columns}
        circle = point.find(f"{SVG}circle")
        assert circle is not None
        x, y = float(circle.get("cx", "")), float(circle.get("cy", ""))
        importance, satisfaction = (
            float(point.get("data-importance", "")),
            float(point.get("data-satisfaction", "")),
        )
        expected = quadrant(importance, satisfaction)
        assert point.get("data-quadrant") == expected
        right = expected in {"keep_up", "possible_overkill"}
        top = expected in {"fix_first", "keep_up"}
        assert ((x > x_of(3)), (y < y_of(3))) == (right, top), point.get("data-touchpoint")
        assert LEFT + RADIUS <= x <= RIGHT - RADIUS
        assert TOP + RADIUS <= y <= BOTTOM - RADIUS
    names = [text(q) for q in section.iter(f"{SVG}text") if "quadrant-name" in q.get("class", "")]
    assert names == ["Fix first", "Keep up", "Low priority", "Possible overkill"]
    unrated = section.find(".//p[@class='matrix-unrated']")
    assert unrated is not None
    assert text(unrated) == "Not on the matrix, no satisfaction known: Satisfaction call"


def test_the_table_fallback_ranks_by_gap_and_names_the_study_of_a_derived_satisfaction() -> None:
    found = parse(render(load(EXAMPLES / "bank-branch.yaml"), TODAY))
    rows = found.findall(".//table[@class='list matrix-table']/tbody/tr")
    cells = [[" ".join(text(c).split()) for c in row] for row in rows]
    first = ["1", "Waiting for the ticket to be called", "5", "5", "5", "1", "+4.00", "Fix first"]
    assert cells[0] == first
    greeter = next(c for c in cells if c[1] == "Floor greeter")
    # The derived satisfaction, then (on a line of its own) the study it comes from.
    assert greeter[4:] == [
        "3",
        "3.53from Mystery shopper audit, three branches, Q2 2026",
        "-0.53",
        "Possible overkill",
    ]
    link = rows[cells.index(greeter)].find(".//a[@class='matrix-source']")
    assert link is not None
    assert link.get("href") == "#research-mystery-shopping"
    assert found.find(".//tr[@id='research-mystery-shopping']") is not None


def test_points_sharing_numbers_cluster_near_them_inside_their_quadrant() -> None:
    crowd = "".join(
        f"      - {{id: t{i}, name: T{i}, importance: {{customer: 5}}, satisfaction: 3}}\n"
        for i in range(30)
    )
    matrix = view(loader.load_bytes((HEAD + crowd).encode(), "j.yaml"), EN)
    assert matrix is not None
    spots = [(p.x, p.y) for p in matrix.points]
    for x, y in spots:  # on the low side of the midline, nearer 3 and 5 than any other value
        assert x_of(2.5) < x < x_of(3) - RADIUS
        assert y_of(5.5) <= y < y_of(4.5)
    apart = spots[: len(set(spots))]
    assert len(apart) == 9  # what fits within half a rating: 3 across, 3 down
    for i, (x, y) in enumerate(apart):
        for ox, oy in apart[i + 1 :]:
            assert (x - ox) ** 2 + (y - oy) ** 2 >= (2 * RADIUS) ** 2
    assert spots[9:] == (apart * 3)[:21]  # the rest of the crowd stacks on its own spots
    named = [p.rank for p in matrix.points if p.label]
    assert named
    assert max(named) <= 9


def test_only_the_first_ranks_are_named_and_coordinates_are_to_a_tenth() -> None:
    crowd = "".join(
        f"      - {{id: t{i}, name: T{i}, importance: {{customer: {i % 5 + 1}}},"
        f" satisfaction: {i * 3 % 5 + 1}}}\n"
        for i in range(400)
    )
    journey = loader.load_bytes((HEAD + crowd).encode(), "j.yaml")
    matrix = view(journey, EN)
    assert matrix is not None
    assert max(p.rank for p in matrix.points if p.label) <= NAMED
    html = render(journey, RenderOptions()).decode()
    start = html.index('<svg class="priority"')
    svg = html[start : html.index("</svg>", start)]
    numbers = re.findall(r' (?:x|y|cx|cy|width|height)="(-?[0-9.]+)"', svg)
    assert numbers
    assert all(re.fullmatch(r"-?[0-9]+(\.[0-9])?", n) for n in numbers), numbers


@pytest.mark.parametrize("locale", ["en", "ru"])
def test_badges_show_status_and_source_in_the_claim_s_cell(locale: str) -> None:
    found = page(
        HEAD.replace("title: T\n", f"title: T\nlocale: {locale}\n")
        + "      - id: a\n        name: A\n        emotion: 1\n        pains: [Slow]\n"
        "        thoughts: Hm\n        claims:\n"
        "          emotion: {status: observed, source: csat}\n"
        "          pains: {status: assumed, source: Team workshop}\n"
        "          thoughts: {status: proposed}\n"
        "research:\n  - {id: csat, kind: survey, title: CSAT survey}\n"
    )
    badges = {
        row.get("class", "").removeprefix("lane lane-"): row.find(".//p[@data-claim]")
        for row in found.iter("tr")
        if row.get("class", "").startswith("lane ")
    }
    words = {
        "en": ["✓ Emotion: Observed · CSAT survey", "? Pains: Assumed · Team workshop",
               "✎ Thoughts: Proposed"],
        "ru": ["✓ Эмоции: Наблюдалось · CSAT survey", "? Боли: Предположение · Team workshop",
               "✎ Мысли: Предложение"],
    }[locale]  # fmt: skip
    # The emotion's badge is under the curve, in the feeling lane, shown for it alone.
    shown = [badges[lane] for lane in ("feeling", "pains", "thoughts")]
    assert [" ".join(text(b).split()) for b in shown if b is not None] == words
    link = shown[0].find(".//a") if shown[0] is not None else None
    assert link is not None
    assert link.get("href") == "#research-csat"
    legend = found.find(".//ul[@class='legend claims-legend']")
    assert legend is not None
    assert len(legend.findall("li")) == 4


def test_hostile_claim_sources_stay_text() -> None:
    hostile = '<script>alert(1)</script>" onmouseover="alert(2)" <img src=x onerror=alert(3)>'
    found = page(
        HEAD + "      - id: a\n        name: A\n        emotion: 1\n        pains: [Slow]\n"
        f"        claims:\n          emotion: {{status: assumed, source: '{hostile}'}}\n"
        f"          pains: {{status: observed, source: '{hostile}'}}\n"
        f"        importance: {{customer: 5}}\n        satisfaction: 1\n"
    )
    assert found.findall(".//script") == []
    assert found.findall(".//img") == []
    for element in found.iter():
        assert not any(k.startswith("on") for k in element.attrib)
    sources = [text(p) for p in found.iter("p") if p.get("data-claim")]
    assert sources == [f"? Emotion: Assumed · {hostile}", f"✓ Pains: Observed · {hostile}"]
