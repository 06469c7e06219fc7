"""Property test: a journey that validates renders in every format, and every output parses.

Journeys are drawn across the whole model (tests/strategies.py), dumped as YAML and read by the
real loader. What it accepts is rendered with drawn options in every format of the registry,
and each output parses and shows the journey: HTML with html5lib without a single parse error,
SVG as XML, DOT through `dot` (the svg, png and pdf formats run it), Markdown with markdown-it
into its headings, tables and diagram (test_markdown's structure check), JSON with json back to
the same journey. Mermaid's CLI reads a few of these journeys in its batch (test_mermaid_cli).

The example count follows the hypothesis profile (tests/conftest.py): `HYPOTHESIS_PROFILE=long`
runs it long.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import html5lib
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from cjmctl.journey import loader, scale
from cjmctl.journey.diagnostics import JourneyError
from cjmctl.journey.model import Journey
from cjmctl.renderers import FORMATS, RenderOptions, flow
from tests import strategies
from tests.renderers.test_csvexport import check_csv
from tests.renderers.test_markdown import _check_structure
from tests.renderers.test_xlsx import check_cells

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is missing")
SVG = "{http://www.w3.org/2000/svg}"


def _html(data: bytes, journey: Journey, options: RenderOptions) -> None:
    page = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(data)
    shown = "".join(page.itertext())
    assert [tp.name for _, tp in journey.touchpoints() if tp.name not in shown] == []


def _svg(data: bytes, journey: Journey, options: RenderOptions) -> None:
    root = ET.fromstring(data)
    assert root.tag == f"{SVG}svg"
    if not options.compact:  # each touchpoint's name starts a node, escaped and wrapped
        shown = {t.text for t in root.iter(f"{SVG}text")}
        first = [flow._wrap(tp.name, flow.LINE)[0] for _, tp in journey.touchpoints()]
        assert [line for line in first if line not in shown] == []


def _markdown(data: bytes, journey: Journey, options: RenderOptions) -> None:
    _check_structure(journey, data.decode("utf-8"), options.persona)


def _json(data: bytes, journey: Journey, options: RenderOptions) -> None:
    raw = json.loads(data)
    # As the loader reads it: emotions are checked against the journey's own scale (#15).
    assert Journey.model_validate(raw, context=scale.context(raw)) == journey


def _starts(magic: bytes) -> Callable[[bytes, Journey, RenderOptions], None]:
    def check(data: bytes, journey: Journey, options: RenderOptions) -> None:
        assert data.startswith(magic)

    return check


def _elsewhere(data: bytes, journey: Journey, options: RenderOptions) -> None:
    """Checked by another test: dot's source by the svg, png and pdf formats that run it,
    Mermaid by Mermaid's CLI in test_mermaid_cli."""


PARSERS: dict[str, Callable[[bytes, Journey, RenderOptions], None]] = {
    "html": _html,
    "dot": _elsewhere,
    "svg": _svg,
    "png": _starts(b"\x89PNG\r\n\x1a\n"),
    "flow-pdf": _starts(b"%PDF-"),
    "map-pdf": _starts(b"%PDF-"),
    "mermaid": _elsewhere,
    "json": _json,
    "md": _markdown,
    "csv": lambda data, journey, _: check_csv(journey, data),
    "xlsx": lambda data, journey, _: check_cells(journey, data),
}


def test_every_format_has_a_parser() -> None:
    assert set(PARSERS) == set(FORMATS)


def _load(document: dict[str, Any]) -> Journey | None:
    """Load a drawn document; a blank name is the one mistake it may hold, told at its place."""
    data = strategies.dump(document)
    if all(strategies.visible(n) for n in strategies.names(document)):
        return loader.load_bytes(data, "drawn.yaml")
    with pytest.raises(JourneyError) as caught:
        loader.load_bytes(data, "drawn.yaml")
    blank = re.compile(r"the (name|title) is (empty|blank: .* is only white space)")
    for found in caught.value.diagnostics:
        assert (found.rule, found.line > 1, found.column > 1) == ("value", True, True)
        assert blank.fullmatch(found.message), found.message
    return None


@needs_dot
@given(strategies.documents(), st.data())
def test_every_valid_journey_renders_in_every_format_and_parses(
    document: dict[str, Any], data: st.DataObject
) -> None:
    journey = _load(document)
    event("valid" if journey else "blank name")
    if journey is None:
        return
    options: RenderOptions = data.draw(strategies.options([p.id for p in journey.personas]))
    for name, fmt in FORMATS.items():
        if name == "map-pdf":  # seconds of Chromium a map: tests/renderers/test_print.py prints
            continue
        PARSERS[name](fmt.render(journey, options), journey, options)
