"""Survey results in the research section: ratings per touchpoint, reasons ranked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cjmctl.journey import loader
from cjmctl.renderers import RenderOptions, htmlmap, markdown
from tests.conftest import ROOT
from tests.htmlpage import parse
from tests.renderers.test_markdown import parse as parse_markdown

FIXTURES = ROOT / "tests" / "fixtures" / "survey"
EXPECTED = ROOT / "tests" / "expected" / "survey"


def _text(element: object) -> str:
    return " ".join("".join(element.itertext()).split())  # type: ignore[attr-defined]


def _survey(name: str) -> object:
    page = parse(htmlmap.render(loader.load(FIXTURES / name), RenderOptions()))
    (section,) = page.findall(".//section[@class='survey']")
    return section


def test_each_touchpoint_shows_mean_respondents_and_the_count_of_each_answer() -> None:
    section = _survey("map-en.yaml")
    assert _text(section.find("h3")) == "Post-purchase survey, September"  # type: ignore[attr-defined]
    rows = section.findall(".//table[@class='list survey-ratings']/tbody/tr")  # type: ignore[attr-defined]
    cells = [[_text(cell) for cell in row][:3] for row in rows]
    assert cells == [
        ["Order on the website", "4.0 of 5 score 75", "8"],
        ["Delivery", "3.9 of 5 score 71", "7"],
        ["Pick-up at the warehouse", "2.6 of 5 score 39", "7"],
    ]
    assert rows[2].find("th/a").get("href") == "#tp-pickup"
    bars = rows[2].findall(".//ol[@class='survey-bars']/li")
    # Each count is text and named for screen readers; the bar's height is the shape only.
    assert [b.get("aria-label") for b in bars] == [
        f"answer {n}: {c}" for n, c in zip(range(1, 6), [2, 2, 1, 1, 1], strict=True)
    ]
    assert [_text(b) for b in bars] == ["2 1", "2 2", "1 3", "1 4", "1 5"]
    heights = [b.find(".//span[@class='survey-bar']/span").get("style") for b in bars]
    assert heights == [
        "height: 100.0%",
        "height: 100.0%",
        "height: 50.0%",
        "height: 50.0%",
        "height: 50.0%",
    ]


def test_reasons_are_a_ranked_list_with_counts_and_shares_of_respondents() -> None:
    section = _survey("map-en.yaml")
    title = section.find("h4")  # type: ignore[attr-defined]
    assert _text(title) == "Reasons for not buying % of respondents, 8 in all"
    items = section.findall(".//ol[@class='survey-reasons']/li")  # type: ignore[attr-defined]
    assert [_text(i) for i in items] == [
        "Parking at pick-up 4 · 50%",
        "Delivery costs too much 2 · 25%",
        "The sofa I wanted was out of stock 2 · 25%",
    ]


def test_a_russian_survey_reads_in_russian() -> None:
    section = _survey("map-ru.yaml")
    head = section.findall(".//thead/tr/th")  # type: ignore[attr-defined]
    assert [_text(h) for h in head] == [
        "Точка контакта",
        "Среднее",
        "Ответили",
        "Распределение оценок",
    ]
    first = section.find(".//tbody/tr")  # type: ignore[attr-defined]
    assert [_text(c) for c in first][:3] == ["Заказ на сайте", "3,8 из 5 балл 71", "6"]
    assert _text(section.find("h4")) == (  # type: ignore[attr-defined]
        "Причины отказа от покупки % от числа респондентов, всего 6"
    )


def test_a_touchpoint_nobody_rated_says_so_and_reasons_without_sample_share_of_all(
    tmp_path: Path,
) -> None:
    text = (FIXTURES / "map-en.yaml").read_text(encoding="utf-8")
    text = text.replace("pickup: [2, 2, 1, 1, 1]", "pickup: [0, 0, 0, 0, 0]")
    text = text.replace("      pickup: 39\n", "").replace("    sample: 8\n", "")
    path = tmp_path / "j.yaml"
    path.write_text(text, encoding="utf-8")
    page = parse(htmlmap.render(loader.load(path), RenderOptions()))
    rows = page.findall(".//table[@class='list survey-ratings']/tbody/tr")
    assert [_text(c) for c in rows[2]][:3] == ["Pick-up at the warehouse", "no answers", "0"]
    assert _text(page.find(".//section[@class='survey']/h4")) == (
        "Reasons for not buying % of the reasons given, 8 in all"
    )


def test_hostile_reasons_and_titles_are_text(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script> | **bold** [x](javascript:1) 1. @team #12"
    text = (FIXTURES / "map-en.yaml").read_text(encoding="utf-8")
    text = text.replace("reason: Parking at pick-up", f"reason: {hostile!r}")
    path = tmp_path / "j.yaml"
    path.write_text(text, encoding="utf-8")
    journey = loader.load(path)
    html = htmlmap.render(journey, RenderOptions())
    assert b"<script>" not in html
    item = parse(html).find(".//ol[@class='survey-reasons']/li")
    assert _text(item) == f"{hostile} 4 · 50%"
    document = markdown.to_markdown(journey, RenderOptions())
    assert len([t for t in parse_markdown(document) if t.type == "ordered_list_open"]) == 1
    inline = [t for t in parse_markdown(document) if t.type == "inline" and "alert" in t.content]
    assert [t.children[0].type for t in inline if t.children] == ["text"]  # no markup made


@pytest.mark.parametrize("name", ["map-en", "map-ru"])
def test_markdown_of_a_survey(name: str, golden: Callable[[Path, str], None]) -> None:
    document = markdown.to_markdown(loader.load(FIXTURES / f"{name}.yaml"), RenderOptions())
    golden(EXPECTED / f"{name}.md", document)
    tokens = parse_markdown(document)
    last = max(i for i, t in enumerate(tokens) if t.type == "table_open")  # the ratings
    rows = [t for t in tokens[last:] if t.type == "tr_open"]
    heads = [t for t in tokens[last:] if t.type == "th_open"]
    assert (len(rows), len(heads)) == (4 if name == "map-en" else 3, 4)
    items = [t for t in tokens if t.type == "list_item_open" and t.markup == "."]
    assert len(items) == 3
