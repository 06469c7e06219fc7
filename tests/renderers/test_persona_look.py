"""A persona keeps their look in their own view: colour, dash and marker follow `personas`."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

import pytest

from cjmctl import load
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.htmlmap import render as render_html
from tests.conftest import EXAMPLES, ROOT
from tests.htmlpage import parse

SVG = "{http://www.w3.org/2000/svg}"
MAPS = [ROOT / "tests" / "fixtures" / "wide" / "en-40.yaml", EXAMPLES / "bank-branch.yaml"]
CASES = [
    pytest.param(path, p.id, p.name, id=f"{path.stem}-{p.id}")
    for path in MAPS
    for p in load(path).personas
]
Look = tuple[str, str, str]


def _legend(page: Element, name: str) -> Look:
    """The (class, dash, marker shape) the legend shows for `name`."""
    for item in page.findall(".//ul[@class='legend']/li"):
        if "".join(item.itertext()) == name:
            line, shape = item.find(f".//{SVG}line"), item.find(f".//{SVG}path")
            assert line is not None
            assert shape is not None, f"{name} has no marker in the legend"
            assert shape.get("class") == f"marker {line.get('class', '').split()[-1]}"
            return line.get("class", ""), line.get("stroke-dasharray", ""), shape.get("d", "")
    raise AssertionError(f"{name} is not in the legend")


def _curve(page: Element, css: str) -> set[tuple[str, str]]:
    """The (class, dash) of every main-line polyline and face marker of the series `css`."""
    chart = page.find(".//td[@class='chart']")
    assert chart is not None
    found = {
        (line.get("class", ""), line.get("stroke-dasharray", ""))
        for line in chart.iter(f"{SVG}polyline")
        if css in line.get("class", "").split()
        and not {"branch", "future"} & set(line.get("class", "").split())
    }
    found |= {
        ("marker", path.get("class", ""))
        for path in chart.iter(f"{SVG}path")
        if path.get("class") == f"marker {css}"
    }
    return found


@pytest.mark.parametrize(("path", "pid", "name"), CASES)
def test_a_persona_looks_the_same_in_the_full_map_and_in_their_view(
    path: Path, pid: str, name: str
) -> None:
    journey = load(path)
    full = parse(render_html(journey, RenderOptions()))
    own = parse(render_html(journey, RenderOptions(persona=pid)))
    look = _legend(full, name)
    assert _legend(own, name) == look
    css = look[0].split()[-1]
    expected = {(look[0], look[1]), ("marker", f"marker {css}")}
    assert _curve(full, css) == expected
    assert _curve(own, css) == expected
    # The future state's curve (the bank branch has one) keeps the persona's colour, dashed.
    assert _future(full, css) == _future(own, css)
    assert _future(full, css) <= {("series " + css + " future", "7 5")}


def _future(page: Element, css: str) -> set[tuple[str, str]]:
    """The (class, dash) of the future state's polylines of the series `css`."""
    chart = page.find(".//td[@class='chart']")
    assert chart is not None
    return {
        (line.get("class", ""), line.get("stroke-dasharray", ""))
        for line in chart.iter(f"{SVG}polyline")
        if {css, "future"} <= set(line.get("class", "").split())
    }
