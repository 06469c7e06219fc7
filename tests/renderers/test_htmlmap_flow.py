"""The map's "Next step" lane: every branch, skip, loop back and exit of the flow, in order."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

import pytest

from cjmctl import load
from cjmctl.journey import loader
from cjmctl.journey.labels import LABELS
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.htmlmap import render
from tests.conftest import EXAMPLE_JOURNEYS, ROOT
from tests.htmlpage import parse

MAPS = [*EXAMPLE_JOURNEYS, *sorted((ROOT / "tests/fixtures/wide").glob("*.yaml"))]


def lane(page: Element) -> Element | None:
    return page.find(".//table[@class='map']//tr[@class='lane lane-next_step']")


def shown(cell: Element) -> list[tuple[str, str | None, str]]:
    """What a lane cell lists: (kind, link target, text without the glyph) per entry."""
    found = []
    for item in cell.iter("li"):
        link = item.find("a")
        words = "".join(item.itertext()).split(None, 1)[1]
        found.append((item.get("class", ""), None if link is None else link.get("href"), words))
    return found


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_every_branch_loop_and_exit_is_shown_under_its_touchpoint(path: Path) -> None:
    journey = load(path)
    labels = LABELS[journey.locale]
    page = parse(render(journey, RenderOptions()))
    row = lane(page)
    assert row is not None
    heads = page.findall(".//table[@class='map']//tr[@class='touchpoints']/th[@scope='col']")
    tds = row.findall("td")
    assert len(tds) == len(heads)
    by_column = {th.get("id"): td for th, td in zip(heads, tds, strict=True)}
    # The lane follows the current state: a column added in the future state lies between two
    # neighbours of the current flow without parting them (it has no next step of its own).
    ordered = [tp for _, tp in journey.touchpoints() if tp.in_state("current")]
    position = {tp.id: i for i, tp in enumerate(ordered)}
    flow = journey.flow()
    marked = 0
    added = [tp for _, tp in journey.touchpoints() if not tp.in_state("current")]
    assert all(shown(by_column[f"tp-{tp.id}"]) == [] for tp in added)
    for i, tp in enumerate(ordered):
        targets = [b for a, b in flow if a is tp]
        following = ordered[i + 1 : i + 2]
        expected: list[tuple[str, str | None, str]] = []
        if targets != following:
            expected = [
                ("onward-back", f"#tp-{b.id}", labels["back_to"].format(name=b.name))
                if position[b.id] <= i
                else ("onward-to", f"#tp-{b.id}", b.name)
                for b in targets
            ] or [("onward-exit", None, labels["exit"])]
            marked += 1
        assert shown(by_column[f"tp-{tp.id}"]) == expected, tp.id
    # Every map here has a branch, a skip, a loop back and an exit; the small sub-journey has
    # a branch back and a branch that skips ahead.
    assert marked >= (2 if path.stem == "sofa-delivery" else 4)


def test_a_map_that_simply_goes_from_column_to_column_has_no_next_step_lane() -> None:
    journey = loader.load_bytes(
        b"cjm: 1\ntitle: Plain\nstages:\n  - name: One\n    touchpoints:\n"
        b"      - {id: a, name: A, next: [b]}\n      - {id: b, name: B, next: []}\n",
        "plain.yaml",
    )
    assert lane(parse(render(journey, RenderOptions()))) is None
