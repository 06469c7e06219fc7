"""One persona's map (`--persona ID`) in HTML and Mermaid: named in the title, only theirs."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

import pytest

from cjmctl import load
from cjmctl.journey.labels import LABELS
from cjmctl.journey.states import current_journey
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.htmlmap import render as render_html
from cjmctl.renderers.mermaid import render as render_mermaid
from tests import mermaid_cli
from tests.conftest import EXAMPLES, ROOT
from tests.htmlpage import parse

WIDE = ROOT / "tests" / "fixtures" / "wide"
SVG = "{http://www.w3.org/2000/svg}"
CASES = [
    (WIDE / "en-40.yaml", "boris", "Boris", "Journey of Boris"),
    (WIDE / "ru-27.yaml", "olga", "Ольга", "Путь персоны: Ольга"),
    (EXAMPLES / "bank-branch.yaml", "daniel", "Daniel", "Journey of Daniel"),
]
VIEWS = [pytest.param(*case, id=case[0].stem) for case in CASES]


def text(element: Element | None) -> str:
    assert element is not None
    return "".join(element.itertext())


@pytest.mark.parametrize(("path", "pid", "name", "view"), VIEWS)
def test_the_html_view_names_the_persona_and_shows_only_them(
    path: Path, pid: str, name: str, view: str
) -> None:
    journey = load(path)
    page = parse(render_html(journey, RenderOptions(persona=pid)))
    title = f"{journey.title} · {view} · {LABELS[journey.locale]['journey']}"
    assert text(page.find(".//title")) == title
    assert text(page.find(".//header/p[@class='view-of']")) == view
    cards = page.findall(".//section[@class='personas']//article")
    assert [card.get("id") for card in cards] == [f"persona-{pid}"]
    # One curve, every face on it this persona's, and the legend names nobody else.
    chart = page.find(".//td[@class='chart']")
    assert chart is not None
    assert len(chart.findall(f".//{SVG}polyline")) >= 1
    stroke = {line.get("stroke") for line in chart.iter(f"{SVG}polyline")}
    assert len(stroke) == 1
    points = [g for g in chart.iter(f"{SVG}g") if "point" in (g.get("class") or "").split()]
    faces = [text(g.find(f"{SVG}title")) for g in points]
    assert faces
    assert all(f"— {name}:" in face for face in faces)
    keyed = [text(li) for li in page.findall(".//ul[@class='legend']/li")]
    others = [p.name for p in journey.personas if p.id != pid]
    assert not any(other in key for key in keyed for other in others)
    # Every column stays: touchpoints are everyone's.
    heads = page.findall(".//tr[@class='touchpoints']/th[@scope='col']")
    assert len(heads) == len(journey.touchpoints())


def test_the_html_view_of_everyone_names_no_persona() -> None:
    page = parse(render_html(load(WIDE / "en-40.yaml"), RenderOptions()))
    assert page.find(".//p[@class='view-of']") is None
    assert text(page.find(".//title")) == "A big map: buying furniture · Customer journey map"
    assert len(page.findall(".//section[@class='personas']//article")) == 3


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict[str, object]]:
    mermaid_cli.require()
    diagrams = {
        f"{path.stem}-{pid}": render_mermaid(load(path), RenderOptions(persona=pid)).decode()
        for path, pid, _, _ in CASES
    }
    return mermaid_cli.parse_all(diagrams)


@pytest.mark.parametrize(("path", "pid", "name", "view"), VIEWS)
def test_the_mermaid_view_is_titled_for_the_persona_and_parses(
    parsed: dict[str, dict[str, object]], path: Path, pid: str, name: str, view: str
) -> None:
    journey = load(path)
    source = render_mermaid(journey, RenderOptions(persona=pid)).decode()
    assert source.splitlines()[1] == f"    title {journey.title} · {view}"
    db = parsed[f"{path.stem}-{pid}"]
    assert "error" not in db
    assert db["title"] == f"{journey.title} · {view}"
    tasks = db["tasks"]
    assert isinstance(tasks, list)
    assert len(tasks) == len(current_journey(journey).touchpoints())  # the current state
    assert {tuple(t["people"]) for t in tasks} <= {(name,), ()}
