"""Links to other journeys in the outputs: the HTML map, the flow diagram (real `dot`), Markdown."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from cjmctl.journey import loader
from cjmctl.journey.links import Target
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.flow import render_svg, to_dot
from cjmctl.renderers.htmlmap import render as render_html
from cjmctl.renderers.markdown import to_markdown
from tests.conftest import EXAMPLES
from tests.htmlpage import parse

HOSTILE = 'Evil </a><script>x</script> \\N "q" ]] & <b>'
TEXT = """cjm: 1
title: Buying
locale: {locale}
stages:
  - id: buy
    name: Buy
    link: retail/delivery
    touchpoints:
      - id: pay
        name: Pay
        link: retail/delivery#slot
      - id: wait
        name: Wait
"""
OPTIONS = RenderOptions(
    journey_id="shop/buying",
    links={
        "retail/delivery": Target(HOSTILE),
        "retail/delivery#slot": Target(HOSTILE, "tp-slot"),
    },
)


def journey(locale: str = "en"):  # type: ignore[no-untyped-def]
    return loader.load_bytes(TEXT.format(locale=locale).encode(), "j.yaml")


def journey_links(html: bytes) -> list[tuple[str, str, str]]:
    page = parse(html)
    return [
        (
            a.get("href", ""),
            "".join(a.itertext()),
            next(p for p in page.iter() if a in list(p)).get("id", ""),
        )
        for a in page.iter("a")
        if a.get("class") == "journey-link"
    ]


@pytest.mark.parametrize(("locale", "words"), [("en", "Continues in: "), ("ru", "Продолжение: ")])
def test_the_html_map_links_the_stage_and_the_touchpoint(locale: str, words: str) -> None:
    assert journey_links(render_html(journey(locale), OPTIONS)) == [
        ("../retail/delivery.html", f"{words}{HOSTILE} ↗", "stage-buy"),
        ("../retail/delivery.html#tp-slot", f"{words}{HOSTILE} ↗", "tp-pay"),
    ]


def test_without_the_project_the_link_shows_the_id_and_leads_beside() -> None:
    found = journey_links(render_html(journey(), RenderOptions()))
    assert [(href, text) for href, text, _ in found] == [
        ("retail/delivery.html", "Continues in: retail/delivery ↗"),
        ("retail/delivery.html", "Continues in: retail/delivery ↗"),
    ]


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_the_flow_diagram_marks_links_and_the_svg_follows_them() -> None:
    svg = ET.fromstring(render_svg(journey(), OPTIONS))
    xlink = "{http://www.w3.org/1999/xlink}"
    anchors = [
        (a.get(f"{xlink}href"), a.get(f"{xlink}title"))
        for a in svg.iter("{http://www.w3.org/2000/svg}a")
    ]
    title = "Another journey of the project: "
    assert anchors == [
        ("../retail/delivery.svg", title + "retail/delivery"),
        ("../retail/delivery.svg", title + "retail/delivery#slot"),
    ]
    texts = ["".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert sum(t.startswith("↗ Evil </a><script>x</script>") for t in texts) == 2
    assert 'URL="../retail/delivery.svg"' in to_dot(journey(), OPTIONS)


def test_markdown_links_the_linked_journeys_file() -> None:
    document = to_markdown(journey(), OPTIONS)
    tokens = MarkdownIt("commonmark").enable(["table"]).parse(document)
    found = [
        (child.attrs["href"], "".join(c.content for c in inline.children or [] if c.type == "text"))
        for inline in tokens
        if inline.type == "inline"
        for i, child in enumerate(inline.children or [])
        if child.type == "link_open"
    ]
    assert found == [
        ("../retail/delivery.md", f"→ Continues in: {HOSTILE}"),
        ("../retail/delivery.md", f"→ {HOSTILE}"),
    ]
    assert "<script>" not in document


def test_render_fills_titles_and_anchors_from_the_project(tmp_path: Path, cli: object) -> None:
    out = tmp_path / "out"
    code, output = cli(  # type: ignore[operator]
        "render", str(EXAMPLES / "sofa-delivery.yaml"), str(EXAMPLES / "furniture-store.yaml"),
        "-f", "html", "-f", "md", "-o", f"{out}/", "-q",
    )  # fmt: skip
    assert code == 0, output
    assert journey_links((out / "sofa-delivery.html").read_bytes()) == [
        (
            "furniture-store.html#stage-loyalty",
            "Continues in: Buying a sofa at Mebel Plus ↗",
            "tp-handover",
        )
    ]
    assert journey_links((out / "furniture-store.html").read_bytes()) == [
        (
            "sofa-delivery.html",
            "Continues in: Sofa delivery and assembly at Mebel Plus ↗",
            "stage-delivery",
        )
    ]
    assert (
        "[→ Buying a sofa at Mebel Plus](furniture-store.md)"
        in (out / "sofa-delivery.md").read_text()
    )
