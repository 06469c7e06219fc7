"""A thought is quoted on its own, so its evidence badge comes after the closing quote (issue 15).

Structure through html5lib, on screen and on every printed page; where the quote marks land in
a browser is tests/renderers/test_browser_words.py.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

import pytest

from cjmctl import load
from cjmctl.journey.loader import load_bytes
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.htmlmap import render
from tests.conftest import EXAMPLES
from tests.htmlpage import parse

NO_THOUGHT = b"""\
cjm: 1
title: A claim without a thought
stages:
  - id: visit
    name: Visit
    touchpoints:
      - id: door
        name: Door
        claims:
          thoughts: {status: proposed, source: A hunch}
      - id: desk
        name: Desk
        thoughts: Finally someone
"""


def thought_cells(page: Element) -> list[Element]:
    """The touchpoint cells of every Thoughts row (screen and printed pages), lane name left out."""
    return [
        cell
        for row in page.iter("tr")
        if "lane-thoughts" in row.get("class", "").split()
        for cell in list(row)[1:]
    ]


@pytest.mark.parametrize("printed", [False, True])
def test_the_thought_is_the_quoted_element_and_its_badge_follows_it(printed: bool) -> None:
    journey = load(EXAMPLES / "bank-branch.yaml")
    page = parse(render(journey, RenderOptions()), printed=printed)
    shown = [
        (cell[0].text, [child.get("class") for child in list(cell)[1:]])
        for cell in thought_cells(page)
        if len(cell)
    ]
    touchpoints = [tp for s in journey.stages for tp in s.touchpoints if tp.thoughts]
    expected = [
        (tp.thoughts, ["claim claim-" + tp.claims.thoughts.status] if tp.claims.thoughts else [])
        for tp in touchpoints
    ]
    if printed:  # each printed page repeats its own columns after the screen map
        assert shown[: len(expected)] == expected
        assert sorted(shown[len(expected) :]) == sorted(expected)
    else:
        assert shown == expected
    assert sum(1 for _, badge in expected if badge) >= 2
    for cell in thought_cells(page):
        if len(cell):
            assert cell[0].tag == "q"
            assert (cell.text or "").strip() == ""  # nothing outside the quotes before it


def test_no_thought_is_no_quote_even_with_a_claim_about_it() -> None:
    """A claim on thoughts nobody wrote makes no claim (journey.backing), so no badge either:
    the cell stays empty rather than showing a pair of quotes around nothing."""
    page = parse(render(load_bytes(NO_THOUGHT, "claim.yaml"), RenderOptions()))
    door, desk = thought_cells(page)
    assert list(door) == []
    assert (door.text or "").strip() == ""
    assert [(child.tag, child.text) for child in desk] == [("q", "Finally someone")]
