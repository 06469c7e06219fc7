"""The service blueprint on the HTML map: its three lanes and the lines between them (issue 15).

Structure through html5lib: the lanes come under the customer's, each below its labelled line
row, which spans the whole table, on screen and on every printed page.
"""

from __future__ import annotations

from datetime import date
from xml.etree.ElementTree import Element

import pytest

from cjmctl import load
from cjmctl.journey.labels import LABELS
from cjmctl.renderers import RenderOptions, blueprint
from cjmctl.renderers.htmlmap import lane_names, render
from cjmctl.renderers.textwidth import longest_word
from tests.blueprintmaps import plain, small
from tests.conftest import EXAMPLES
from tests.htmlpage import parse

TODAY = RenderOptions(today=date(2026, 10, 1))
BLUEPRINT = [
    "blueprint-line line-interaction",
    "lane lane-frontstage",
    "blueprint-line line-visibility",
    "lane lane-backstage",
    "blueprint-line line-internal",
    "lane lane-support_processes",
]


def text(element: Element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def rows(table: Element) -> list[str]:
    """The classes of the table's body rows, in order."""
    body = table.find("tbody")
    assert body is not None
    return [row.get("class", "") for row in body.findall("tr")]


def cells(table: Element, name: str) -> list[Element]:
    """The cells of the body row of class `name`, its lane name first."""
    found = [r for r in table.iter("tr") if name in r.get("class", "").split()]
    assert len(found) == 1, name
    return list(found[0])


def map_table(page: Element) -> Element:
    table = page.find(".//table[@class='map']")
    assert table is not None
    return table


def test_the_lanes_come_under_the_customer_s_lanes_each_below_its_line() -> None:
    table = map_table(parse(render(small(), TODAY)))
    assert rows(table) == ["lane lane-action", "lane lane-pains", *BLUEPRINT, "lane lane-owner"]


def test_a_line_is_a_labelled_row_across_every_column() -> None:
    table = map_table(parse(render(small(), TODAY)))
    columns = 4  # three touchpoints and the empty stage's column
    for line, label in [
        ("line-interaction", "Line of interaction"),
        ("line-visibility", "Line of visibility"),
        ("line-internal", "Line of internal interaction"),
    ]:
        head, *rest = cells(table, line)
        assert (head.tag, head.get("scope"), text(head)) == ("th", "row", label)
        assert [(c.tag, c.get("colspan"), text(c)) for c in rest] == [("td", str(columns), "")]


def test_the_cells_show_each_touchpoint_s_lanes_and_the_backstage_owner() -> None:
    table = map_table(parse(render(small(), TODAY)))
    front = cells(table, "lane-frontstage")
    assert [text(c) for c in front] == [
        "Frontstage (in view)",
        "The greeter says hello The greeter asks the purpose",
        "",
        "",
        "",
    ]
    assert [len(c.findall(".//li")) for c in front[1:]] == [2, 0, 0, 0]
    back = cells(table, "lane-backstage")
    assert [text(c) for c in back] == [
        "Backstage",
        "Backstage owner Branch operations The manager staffs the floor",
        "The consultant reads the file",
        "",
        "",
    ]
    owner = back[1].find("p[@class='backstage-owner']")
    assert owner is not None
    assert [text(s) for s in owner.findall("span[@class='label']")] == ["Backstage owner"]
    assert back[2].find("p") is None  # no owner, no owner line
    assert back[3].get("class") == "empty"  # the stage without touchpoints
    support = cells(table, "lane-support_processes")
    assert [text(c) for c in support] == [
        "Support processes",
        "Rota system Queue system",
        "",
        "",
        "",
    ]


def test_every_printed_page_draws_the_lines_across_its_own_columns() -> None:
    page = parse(render(small(), RenderOptions(paper="a4")), printed=True)
    printed = page.findall(".//section[@class='print-page']")
    assert printed
    for sheet in printed:
        table = map_table(sheet)
        columns = len(cells(table, "touchpoints")) - 1
        assert rows(table)[2:8] == BLUEPRINT
        for line in ("line-interaction", "line-visibility", "line-internal"):
            head, data = cells(table, line)
            assert head.get("scope") == "row"
            assert data.get("colspan") == str(columns)


def test_one_blueprint_field_anywhere_shows_all_three_lanes() -> None:
    journey = plain()
    journey.stages[2].touchpoints[0].backstage_owner = "Call centre"
    table = map_table(parse(render(journey, TODAY)))
    assert rows(table)[2:8] == BLUEPRINT
    assert text(cells(table, "lane-backstage")[-1]) == "Backstage owner Call centre"


def test_a_map_without_blueprint_lanes_has_neither_lanes_nor_lines_nor_their_style() -> None:
    html = render(plain(), TODAY)
    assert rows(map_table(parse(html))) == [
        "lane lane-action",
        "lane lane-pains",
        "lane lane-owner",
    ]
    assert b"blueprint" not in html
    assert b"backstage" not in html


def test_russian_lane_and_line_names() -> None:
    words = LABELS["ru"]
    table = map_table(parse(render(small("ru"), TODAY)))
    names = [text(cells(table, name)[0]) for name in [c.split()[-1] for c in BLUEPRINT]]
    assert names == [
        words["line_interaction"],
        words["frontstage"],
        words["line_visibility"],
        words["backstage"],
        words["line_internal"],
        words["support_processes"],
    ]
    assert names == [
        "Линия взаимодействия",
        "Фронт-офис (на виду у клиента)",
        "Линия видимости",
        "Бэк-офис",
        "Линия внутреннего взаимодействия",
        "Процессы поддержки",
    ]


@pytest.mark.parametrize("locale", ["en", "ru"])
def test_the_blueprint_lane_names_do_not_widen_the_lane_column(locale: str) -> None:
    """The lane column is sized for the widest word of every lane name, shown or not: the
    blueprint's words are no wider than the others', so a map without them keeps its width."""
    words = LABELS[locale]
    ours = {words[key] for key in blueprint.LANES}
    others = [name for name in lane_names(locale) if name not in ours]
    assert ours <= set(lane_names(locale))
    assert longest_word(sorted(ours), 12, 0.05) <= longest_word(others, 12, 0.05)


def test_the_bank_branch_example_is_a_blueprint_of_every_touchpoint() -> None:
    journey = load(EXAMPLES / "bank-branch.yaml")
    table = map_table(parse(render(journey, TODAY)))
    tail = rows(table)[rows(table).index("lane lane-pains") + 1 :]
    assert tail[:6] == BLUEPRINT
    touchpoints = [tp for _, tp in journey.touchpoints()]
    back = cells(table, "lane-backstage")[1:]
    assert len(back) == len(touchpoints)
    for cell, tp in zip(back, touchpoints, strict=True):
        owner = f"Backstage owner {tp.backstage_owner} " if tp.backstage_owner else ""
        assert text(cell) == (owner + " ".join(tp.backstage)).strip()
