"""The per-outlet table of a study: its change over the touchpoints both waves audited, the
outlets the latest wave did not visit, and a heading that names the wave once."""

from __future__ import annotations

from datetime import date
from xml.etree.ElementTree import Element

from cjmctl.journey import loader
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.audit import lane_scores, outlet_tables
from cjmctl.renderers.htmlmap import render
from cjmctl.renderers.markdown import to_markdown
from tests.conftest import ROOT
from tests.htmlpage import parse

JOURNEY = ROOT / "tests" / "fixtures" / "views" / "outlets.yaml"
OPTIONS = RenderOptions(today=date(2026, 7, 1))


def _words(element: Element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def test_the_change_compares_the_touchpoints_the_outlet_has_in_both_waves() -> None:
    (table,) = outlet_tables(loader.load(JOURNEY))
    alpha, beta = table.rows[:2]
    # the greeter rose 20 at both; the kiosk, new in Q2, pulls the mean down but is not a change
    assert (alpha.mean, alpha.trend and alpha.trend.words) == ("45", "up 20 since 2026 Q1")
    assert (beta.mean, beta.trend and beta.trend.words) == ("45", "up 20 since 2026 Q1")


def test_the_lanes_trend_compares_the_outlets_both_waves_visited() -> None:
    # Wave 1 also visited Gamma (90): over all outlets the greeter went from 67 to 75, "up 8";
    # at Alpha and Beta, the outlets both waves visited, from 55 to 75.
    (line,) = lane_scores(loader.load(JOURNEY))["greeter"]
    assert line.trend is not None
    assert line.trend.words == "up 20 since 2026 Q1"


def test_the_key_says_what_the_change_compares() -> None:
    page = parse(render(loader.load(JOURNEY), OPTIONS))
    block = page.find(".//div[@id='outlets-audit-q2']")
    assert block is not None
    keys = [_words(p) for p in block.findall("p[@class='outlet-key']")]
    assert keys[-1] == (
        "Change: over the touchpoints audited at the outlet in both 2026 Q1 and this wave"
    )


def test_an_outlet_the_latest_wave_did_not_visit_keeps_its_row() -> None:
    journey = loader.load(JOURNEY)
    (table,) = outlet_tables(journey)
    assert [r.name for r in table.rows] == ["Alpha", "Beta", "Gamma"]
    page = parse(render(journey, OPTIONS))
    rows = page.findall(".//div[@id='outlets-audit-q2']//tbody/tr")
    assert [_words(td) for td in rows[2]] == ["Gamma", "Perm", "not visited in this wave"]
    markdown = to_markdown(journey, OPTIONS)
    assert "| Gamma | Perm | – | – | – | not visited in this wave |" in markdown


def test_a_title_that_names_the_wave_in_another_order_is_not_repeated() -> None:
    journey = loader.load(JOURNEY)
    (table,) = outlet_tables(journey)
    assert table.wave == ""
    assert [s.wave for s in lane_scores(journey)["greeter"]] == [""]
    page = parse(render(journey, OPTIONS))
    heading = page.find(".//div[@id='outlets-audit-q2']/h3")
    assert heading is not None
    assert _words(heading) == "Mystery shopper audit, three branches, Q2 2026: by outlet"
    assert "### Mystery shopper audit, three branches, Q2 2026: by outlet\n" in to_markdown(
        journey, OPTIONS
    )


def test_a_title_without_the_wave_gets_its_label() -> None:
    text = JOURNEY.read_text(encoding="utf-8").replace(", three branches, Q2 2026", "")
    journey = loader.load_bytes(text.encode(), "outlets.yaml")
    (table,) = outlet_tables(journey)
    assert table.wave == "2026 Q2"


def test_markdown_rows_bold_no_numbers() -> None:
    markdown = to_markdown(loader.load(JOURNEY), OPTIONS)
    assert "| Alpha | Kazan | 80 | ⚠ 10 | 45 | ▲ up 20 since 2026 Q1 |" in markdown


def test_markdown_research_table_shows_scores_computed_from_visits_as_the_map_does() -> None:
    journey = loader.load(JOURNEY)
    markdown = to_markdown(journey, OPTIONS)
    assert (
        "| Mystery shopper audit, three branches, Q2 2026 | Mystery shopping "
        "| 20\u00a0June\u00a02026 | • Greeter: 75 • Kiosk: 15 |"
    ) in markdown
    page = parse(render(journey, OPTIONS))
    cells = page.findall(".//section[@class='research']//tbody/tr/td")
    assert "Greeter : 75 Kiosk : 15" in [_words(td) for td in cells]
