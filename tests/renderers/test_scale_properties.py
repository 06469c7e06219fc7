"""Property test: a journey on any valid emotion scale validates and renders in every text format.

Journeys of tests/strategies.py on a drawn scale (3 to 11 levels within -10..+10, named or
not), every emotion a drawn score of it. Each output is checked by its parser as in
test_properties, and for what the scale changes: the curve's rows and legend, Mermaid's 1..5.
"""

from __future__ import annotations

import itertools
import re
import shutil
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cjmctl.journey.model import Journey
from cjmctl.renderers import FORMATS, RenderOptions
from cjmctl.renderers.mermaid import NEUTRAL
from tests import strategies
from tests.htmlpage import parse
from tests.renderers.test_properties import PARSERS, _load

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is missing")
SVG = "{http://www.w3.org/2000/svg}"
TEXT_FORMATS = ("html", "dot", "svg", "md", "mermaid", "json")


def _curve(data: bytes, journey: Journey) -> None:
    scale = journey.emotion_scale
    page = parse(data)
    curve = next((s for s in page.iter(SVG + "svg") if s.get("class") == "curve"), None)
    if curve is None:  # no touchpoint has an emotion: no emotion lane
        assert all(tp.emotion is None for _, tp in journey.touchpoints())
        return
    rows = [ln for ln in curve.iter(SVG + "line") if (ln.get("class") or "").startswith("level")]
    middle = 0 if scale.neutral.denominator == 1 else 1
    assert len(rows) == len(scale.scores()) + middle
    points = [g for g in curve.iter(SVG + "g") if "point" in (g.get("class") or "").split()]
    faces = {int(g.get("data-score") or 0): g.find(SVG + "circle") for g in points}
    heights = {s: float(f.get("cy") or 0) for s, f in faces.items() if f is not None}
    assert all(scale.contains(s) for s in heights)
    ordered = sorted(heights)
    assert all(heights[a] > heights[b] for a, b in itertools.pairwise(ordered))
    legend = page.find(".//ul[@class='legend']")
    assert legend is not None
    named = ["".join(li.itertext()).strip() for li in legend.findall("li")]
    for score in scale.scores():
        name = scale.name(score)
        if name is not None:
            assert any(" ".join(name.split()) in " ".join(item.split()) for item in named)


def _mermaid(data: bytes, journey: Journey, persona: str | None) -> None:
    scale = journey.emotion_scale
    given = re.findall(r"^ {6}.*: ([1-5])(?::.*)?$", data.decode("utf-8"), re.MULTILINE)
    expected = set()
    for _, tp in journey.touchpoints():
        if persona is not None:
            emotions = [tp.emotion_for(persona)]
        elif isinstance(tp.emotion, dict):
            emotions = list(tp.emotion.values())
        else:
            emotions = [tp.emotion]
        expected |= {NEUTRAL if e is None else scale.mermaid(e) for e in emotions}
    assert {int(s) for s in given} == expected


@needs_dot
@given(strategies.scaled_documents(), st.data())
def test_a_journey_on_any_scale_renders_in_every_text_format(
    document: dict[str, Any], data: st.DataObject
) -> None:
    journey = _load(document)
    if journey is None:
        return
    assert journey.emotion_scale.min == document["emotion_scale"]["min"]
    options: RenderOptions = data.draw(strategies.options([p.id for p in journey.personas]))
    for name in TEXT_FORMATS:
        output = FORMATS[name].render(journey, options)
        PARSERS[name](output, journey, options)
        if name == "html":
            _curve(output, journey)
        if name == "mermaid":
            _mermaid(output, journey, options.persona)
