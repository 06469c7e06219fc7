"""The site's cross-journey pages: goldens, groups, counts, links, the matrix, labels, safety."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest

from cjmctl.journey.labels import LABELS
from cjmctl.site import pages
from cjmctl.site.build import Project
from cjmctl.site.summary import Moment, Named, PlanItem, Study, Summary
from tests.conftest import ROOT
from tests.htmlpage import parse
from tests.site.project import action, project, summary

EXPECTED = ROOT / "tests" / "expected" / "site-pages"
FILES = ["plan.html", "personas.html", "channels.html", "research.html"]


def build(title: str, summaries: list[Summary], locale: str) -> dict[str, bytes]:
    """The cross-journey pages of a project called `title`."""
    return pages.build(Project(Path("maps"), title), summaries, locale)


def text(element: Element) -> str:
    """The element's text, runs of ASCII white space as one space (no-break spaces kept)."""
    return re.sub(r"[ \t\n]+", " ", "".join(element.itertext())).strip()


def page(name: str, summaries: list[Summary] | None = None, locale: str = "en") -> Element:
    made = build("Our maps", project() if summaries is None else summaries, locale)
    return parse(made[f"{name}.html"])


def by_class(root: Element, tag: str, name: str) -> list[Element]:
    return [e for e in root.iter(tag) if name in e.get("class", "").split()]


@pytest.mark.parametrize("locale", ["en", "ru"])
def test_pages_match_their_goldens(locale: str, golden: Callable[[Path, str], None]) -> None:
    made = build("Our maps", project(), locale)
    assert sorted(made) == sorted(FILES)
    for name in FILES:
        golden(EXPECTED / locale / name, made[name].decode())


def test_pages_do_not_depend_on_the_order_of_summaries() -> None:
    summaries = project()
    assert build("Our maps", summaries, "en") == build("Our maps", summaries[::-1], "en")


def test_every_page_links_the_stylesheet_and_every_other_page() -> None:
    for name in FILES:
        root = page(name.removesuffix(".html"))
        sheets = [link.get("href") for link in root.iter("link")]
        assert sheets == ["site.css"]
        nav = root.find(".//nav")
        assert nav is not None
        hrefs = [a.get("href") for a in nav.iter("a")]
        assert hrefs == ["index.html", "journeys.html", *FILES]
        current = [a.get("href") for a in nav.iter("a") if a.get("aria-current") == "page"]
        assert current == [name]


def test_broken_journeys_are_left_out_of_every_page() -> None:
    for name in FILES:
        root = page(name.removesuffix(".html"))
        assert all(a.get("href") != "broken.html" for a in root.iter("a"))
        assert "broken.yaml" not in text(root)


# --- the plan ------------------------------------------------------------------------------------


def test_plan_groups_by_owner_then_status_with_the_unowned_last() -> None:
    root = page("plan")
    owners = by_class(root, "section", "owner")
    assert [o.get("id") for o in owners] == ["owner-logistics", "owner-sales", "owner-none"]
    sales = owners[1]
    statuses = [text(h) for h in sales.iter("h3")]
    assert statuses == ["In progress 1", "Planned 1", "Dropped 1"]
    actions = [li.get("data-action") for li in by_class(sales, "li", "action")]
    assert actions == ["a1", "a2", "d2"]
    unowned = owners[2]
    assert text(unowned.findall("h2")[0]) == "No owner"
    assert [li.get("data-action") for li in by_class(unowned, "li", "action")] == ["a3", "s1"]
    assert "unowned" in unowned.get("class", "")


def test_plan_marks_and_counts_overdue_actions_at_the_top_of_each_owner() -> None:
    root = page("plan")
    sales = root.find(".//section[@id='owner-sales']")
    assert sales is not None
    assert [text(s) for s in by_class(sales, "span", "overdue-count")] == ["1 overdue"]
    overdue = by_class(sales, "li", "overdue")
    assert [li.get("data-action") for li in overdue] == ["a1"]
    assert text(by_class(overdue[0], "strong", "late")[0]) == "overdue"
    for other in ("owner-logistics", "owner-none"):
        section = root.find(f".//section[@id='{other}']")
        assert section is not None
        assert by_class(section, "span", "overdue-count") == []
    table = root.find(".//table[@class='owners']")
    assert table is not None
    rows = [[text(c) for c in row] for row in table.iter("tr")]
    assert rows == [
        ["Owner", "Open", "Overdue", "All"],
        ["logistics", "0", "", "1"],
        ["Sales", "2", "1", "3"],
        ["No owner", "2", "", "2"],
    ]
    hrefs = [a.get("href") for a in table.iter("a")]
    assert hrefs == ["#owner-logistics", "#owner-sales", "#owner-none"]


def test_plan_names_each_actions_journey_and_what_it_addresses() -> None:
    root = page("plan")
    a1 = root.find(".//li[@data-action='a1']")
    assert a1 is not None
    assert [a.get("href") for a in a1.iter("a")] == ["retail/furniture.html"]
    assert [text(t) for t in by_class(a1, "span", "tag")] == ["Checkout", "Purchase"]
    assert text(by_class(a1, "span", "due")[0]) == "Due: 1\u00a0September\u00a02026 overdue"
    assert text(by_class(a1, "span", "metric")[0]) == "Metric: Conversion"


def test_owner_anchors_stay_unique_where_names_slug_alike() -> None:
    summaries = [
        summary(
            id="j",
            title="J",
            plan=[action("x", "Sales", "planned"), action("y", "sales!", "planned")],
        )
    ]
    ids = [s.get("id") for s in by_class(page("plan", summaries), "section", "owner")]
    assert ids == ["owner-sales", "owner-sales-2"]


def test_a_project_without_actions_says_so() -> None:
    root = page("plan", [summary(id="j", title="J")])
    assert [text(p) for p in by_class(root, "p", "nothing")] == [
        "No journey has an action plan yet."
    ]


# --- personas ------------------------------------------------------------------------------------


def test_a_shared_persona_appears_once_with_every_journey_and_its_lowest_moments() -> None:
    root = page("personas")
    cards = by_class(root, "section", "persona")
    assert [c.get("id") for c in cards] == ["persona-anna", "persona-ben"]
    anna = cards[0]
    journeys = anna.find(".//ul[@class='journeys']")
    assert journeys is not None
    assert [(a.get("href"), text(a)) for a in journeys.iter("a")] == [
        ("retail/furniture.html", "Buying a sofa"),
        ("delivery.html", "Sofa delivery"),
    ]
    moments = by_class(anna, "li", "moment")
    assert [[a.get("href") for a in m.iter("a")] for m in moments] == [
        ["retail/furniture.html#tp-checkout"],
        ["delivery.html#tp-handover"],
    ]
    assert [text(m) for m in moments] == [
        "-2 very negative Checkout Stage: Purchase Buying a sofa",
        "-1 negative Handover Stage: Delivery Sofa delivery",
    ]
    # The first journey's name (by title): the persona is one, whatever a journey calls it.
    assert text(anna.findall("h2")[0]) == "Anna, moving house anna"


def test_journeys_without_personas_are_listed_and_their_lowest_moment_left_out() -> None:
    root = page("personas")
    bare = root.find(".//section[@class='finding-list']")
    assert bare is not None
    assert [a.get("href") for a in bare.iter("a")] == ["support.html"]
    assert all("#tp-ticket" not in (a.get("href") or "") for a in root.iter("a"))


def test_a_fractional_emotion_is_shown_in_the_locales_digits() -> None:
    moment = by_class(page("personas", locale="ru"), "li", "moment")[2]
    assert text(by_class(moment, "span", "value")[0]) == "-0,50"


# --- channels ------------------------------------------------------------------------------------


def matrix(root: Element) -> list[list[str]]:
    table = root.find(".//table[@class='matrix']")
    assert table is not None
    return [[text(c) for c in row] for row in table.iter("tr")]


def test_channel_matrix_counts_touchpoints_per_channel_and_journey() -> None:
    root = page("channels")
    assert matrix(root) == [
        ["Channel", "After-sales support", "Buying a sofa", "Sofa delivery", "Journeys"],
        ["E-mail email", "2", "", "", "1"],
        ["Call centre phone", "", "", "1", "1"],
        ["Store store", "", "2", "", "1"],
        ["Website web", "", "3", "1", "2"],
        ["Touchpoints", "2", "5", "2", ""],
    ]


def test_channel_matrix_is_an_accessible_table() -> None:
    table = page("channels").find(".//table[@class='matrix']")
    assert table is not None
    assert table.find("caption") is not None
    head = table.find("thead")
    assert head is not None
    assert {th.get("scope") for th in head.iter("th")} == {"col"}
    body = table.find("tbody")
    assert body is not None
    for row in body.iter("tr"):
        assert [c.get("scope") for c in row if c.tag == "th"] == ["row"]
    hrefs = [a.get("href") for a in head.iter("a")]
    assert hrefs == ["support.html", "retail/furniture.html", "delivery.html"]
    empty = [td for td in body.iter("td") if "shade-0" in td.get("class", "")]
    assert len(empty) == 7
    assert all(text(td) == "" for td in empty)


# --- research ------------------------------------------------------------------------------------


def test_shared_studies_come_first_with_every_journey_and_touchpoint_they_back() -> None:
    root = page("research")
    studies = by_class(root, "section", "study")
    assert [text(s.findall("h2")[0]) for s in studies] == [
        "Customer survey 2026",
        "Driver interviews",
        "Shop floor interviews",
    ]
    assert "shared" in studies[0].get("class", "").split()
    rows = [[text(c) for c in row] for row in studies[0].iter("tr")]
    assert rows == [
        ["Journey", "Backs"],
        ["Buying a sofa", "Browse Checkout"],
        ["Sofa delivery", "Handover"],
    ]
    assert [a.get("href") for a in studies[0].iter("a")] == [
        "retail/furniture.html",
        "delivery.html",
    ]
    # Two journeys' own studies with one id are two studies, each with its own journey.
    assert [[a.get("href") for a in s.iter("a")] for s in studies[1:]] == [
        ["delivery.html"],
        ["retail/furniture.html"],
    ]
    assert text(by_class(studies[2], "span", "none")[0]) == "No touchpoint in particular."


def test_journeys_citing_no_research_are_listed_as_a_finding() -> None:
    bare = page("research").find(".//section[@class='finding-list']")
    assert bare is not None
    assert text(bare.findall("h2")[0]) == "Journeys citing no research"
    assert [a.get("href") for a in bare.iter("a")] == ["support.html"]


# --- links, labels, safety -----------------------------------------------------------------------


def test_journey_links_are_relative_and_escaped_as_urls() -> None:
    odd = summary(
        id="team a/sofa #1",
        title="Odd",
        personas=[Named("p", "P")],
        lowest=[Moment("p", "tp1", "T", "S", 0.0)],
    )
    hrefs = [a.get("href") for a in page("personas", [odd]).iter("a")]
    assert "team%20a/sofa%20%231.html" in hrefs
    assert "team%20a/sofa%20%231.html#tp-tp1" in hrefs


def test_russian_pages_use_the_glossarys_terms() -> None:
    ru = LABELS["ru"]
    root = page("plan", locale="ru")
    assert root.get("lang") == "ru"
    nav = root.find(".//nav")
    assert nav is not None
    assert [text(a) for a in nav.iter("a")] == [
        "Карты пути",
        "Связи карт",
        "План действий",
        "Персоны",
        "Каналы",
        "Исследования",
    ]
    unowned = root.find(".//section[@id='owner-none']")
    assert unowned is not None
    assert text(unowned.findall("h2")[0]) == "Без ответственного"
    assert text(root.findall(".//table[@class='owners']//th")[0]) == ru["owner"] == "Ответственный"
    a1 = root.find(".//li[@data-action='a1']")
    assert a1 is not None
    assert text(by_class(a1, "span", "due")[0]) == "Срок: 1\u00a0сентября\u00a02026 просрочено"
    assert matrix(page("channels", locale="ru"))[0][0] == "Канал"


HOSTILE = (
    '<script>alert({n})</script>" onmouseover="alert({n})" \'><img src=x onerror=alert({n})>'
    " {{{{ 7*7 }}}} {{% if 1 %}}{n}{{% endif %}} &amp; #{n}"
)


KEPT = {"id", "status", "due", "date", "kind", "locale", "review", "touchpoint", "persona"}
"""Fields that hold ids, enumerations or dates, not free text."""
NOT_ON_THESE_PAGES = {"owner", "description", "reviewed", "review_due", "problems"}
"""A journey's own owner, description, review and problems: its card on the index shows them."""


def hostile(value: object, payloads: dict[tuple[str, ...], str], key: tuple[str, ...]) -> object:
    """The value with every text in it replaced by a numbered payload, ids and enums kept.

    One part has one payload per field wherever it appears (`key`: its type and id), as a
    shared persona has one name: each page shows a shared part's text once.
    """
    if isinstance(value, Moment) and not value.persona:
        return value  # the journey's own lowest moment, where it has no personas: not shown
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        own = getattr(value, "id", None)
        if own is not None and not isinstance(value, Summary):
            key = (type(value).__name__, own)
        changes = {
            f.name: hostile(getattr(value, f.name), payloads, (*key, f.name))
            for f in dataclasses.fields(value)
            if f.name not in KEPT
            and not (isinstance(value, Summary) and f.name in NOT_ON_THESE_PAGES)
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, str):
        return payloads.setdefault(key, HOSTILE.format(n=len(payloads) + 1))
    if isinstance(value, list):
        return [hostile(item, payloads, (*key, str(n))) for n, item in enumerate(value)]
    return value  # numbers, and channel_touchpoints: counts by channel id


def test_hostile_text_in_every_field_stays_text() -> None:
    payloads: dict[tuple[str, ...], str] = {
        ("site", field): HOSTILE.format(n=n) for n, field in enumerate(["title", "about", "owner"])
    }
    site = Project(Path("maps"), *payloads.values())  # the header every page shows
    summaries = [hostile(s, payloads, (s.id,)) for s in project() if s.valid]
    typed = [s for s in summaries if isinstance(s, Summary)]
    everything = ""
    for name, html in pages.build(site, typed, "en").items():
        root = parse(html)
        assert root.findall(".//script") == [], name
        assert root.findall(".//img") == [], name
        for element in root.iter():
            for attribute in element.attrib:
                assert not attribute.startswith("on"), (name, element.tag, attribute)
        everything += "\n".join(
            [*(e.text or "" for e in root.iter()), *(e.tail or "" for e in root.iter())]
        )
    # Every payload is shown whole, `{{ 7*7 }}` and all: none was run as a template or markup.
    missing = [key for key, payload in payloads.items() if payload not in everything]
    assert missing == []
    assert len(payloads) > 30


def test_hostile_ids_are_escaped_in_links_and_anchors() -> None:
    evil = '"><script>x</script>'
    odd = summary(
        id=evil,
        title="T",
        personas=[Named(evil, "P")],
        channels=[Named(evil, "C")],
        channel_touchpoints={evil: 1},
        plan=[PlanItem(evil, "A", evil, "planned", None, False, [], None)],
        lowest=[Moment(evil, evil, "M", "S", -1.0)],
        research=[Study(evil, "R", evil, None, True, [])],
    )
    for html in build("x", [odd], "en").values():
        root = parse(html)
        assert root.findall(".//script") == []
