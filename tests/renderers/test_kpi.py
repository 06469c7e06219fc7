"""The KPI lane, the metrics table and the measured plan of the HTML map (issue 13)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest

from cjmctl import load
from cjmctl.journey.loader import load_bytes
from cjmctl.journey.metrics import Metric
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.htmlmap import render
from cjmctl.renderers.kpi import spark, trend
from tests.conftest import ROOT, write
from tests.hostile import inject
from tests.htmlpage import parse

SVG = "{http://www.w3.org/2000/svg}"
FIXTURES = ROOT / "tests" / "fixtures" / "kpi"
TODAY = RenderOptions(today=date(2026, 11, 1))


def text(element: Element) -> str:
    """What a reader sees: words of the element and its children, without sparklines."""
    words: list[str] = []

    def walk(node: Element) -> None:
        words.extend((node.text or "").split())
        for child in node:
            if child.tag != SVG + "svg":
                walk(child)
            words.extend((child.tail or "").split())

    walk(element)
    return " ".join(words)


def page(name: str = "en", *, printed: bool = False) -> Element:
    return parse(render(load(FIXTURES / f"{name}.yaml"), TODAY), printed=printed)


def kpi_cells(table: Element | None) -> list[Element]:
    assert table is not None
    row = table.find(".//tr[@class='lane lane-kpi']")
    assert row is not None
    return [c for c in row if c.tag == "td"]


def test_each_column_shows_the_metrics_of_its_touchpoint_and_a_stage_s_in_its_first() -> None:
    cells = kpi_cells(page().find(".//div[@class='scroll']/table"))
    shown = [[k.get("data-metric") for k in c.findall("div")] for c in cells]
    # Website, Showroom | Parking, Pick-up desk | the stage After has no touchpoint
    assert shown == [
        ["conversion-choose"],
        [],
        ["abandon-pickup"],
        ["csat-pickup", "abandon-pickup", "waiting"],
        [],
    ]
    site = cells[0].find("div")
    assert site is not None
    assert (
        text(site)
        == "Visits that become orders stage Choose 13% +0.6 Oct 2026 ✓ on target target 12%"
    )


def test_a_kpi_says_its_value_change_period_status_and_target_in_words() -> None:
    desk = kpi_cells(page().find(".//div[@class='scroll']/table"))[3]
    csat, abandon, waiting = desk.findall("div")
    assert csat.get("class") == "kpi kpi-near"
    assert text(csat) == "CSAT at pick-up 4.2 of 5 −0.1 Oct 2026 ! near target target 4.5 of 5"
    change = csat.find(".//span[@class='kpi-change kpi-worse']")
    assert change is not None
    assert change.text == "−0.1"  # the minus sign
    better = abandon.find(".//span[@class='kpi-change kpi-better']")
    assert better is not None  # abandonment fell: lower is better
    assert better.text == "−2.9"
    assert text(waiting) == "Minutes waited at the desk 14 min 5 October 2026"
    svg = csat.find(SVG + "svg")
    assert svg is not None
    title = svg.find(SVG + "title")
    assert title is not None
    assert (
        " ".join((title.text or "").split())
        == "CSAT at pick-up · 4.2 of 5 (Oct 2026) · target 4.5 of 5 · near target"
    )
    assert [e.tag.removeprefix(SVG) for e in svg] == ["title", "rect", "line", "polyline", "circle"]


def test_sparkline_spans_the_scale_by_time_with_the_target_line_and_warning_band() -> None:
    metric = load(FIXTURES / "en.yaml").metrics[0]  # csat, scale [1, 5], target 4.5, warning 4
    line = spark(metric, "t")
    assert line is not None
    # x: June 1 .. October 1 over 4..156; y: 5 at the top (5.0) .. 35 at the bottom (1.0)
    assert line.points == "4,15.5 41.4,14 80,11.8 118.6,10.3 156,11"
    assert line.target == 8.8
    assert line.band == (8.8, 3.7)
    assert (line.low, line.high) == (1, 5)


def test_without_a_scale_the_sparkline_spans_values_and_target_and_one_value_is_centred() -> None:
    metric = Metric(
        id="m", name="M", kind="custom", target=10, values={"2026-01": 20, "2026-02": 30}
    )
    line = spark(metric, "t")
    assert line is not None
    assert (line.low, line.high, line.target) == (10, 30, 35)
    assert line.points == "4,20 156,5"
    one = spark(Metric(id="m", name="M", kind="custom", values={"2026-01": 7}), "t")
    assert one is not None
    assert (one.points, one.low, one.high) == ("80,20", 6, 8)
    assert spark(Metric(id="m", name="M", kind="custom"), "t") is None


def test_a_value_outside_the_scale_stays_in_the_box() -> None:
    metric = Metric(id="m", name="M", kind="csat", scale=(1, 5), values={"2026-01": 9})
    line = spark(metric, "t")
    assert line is not None
    assert line.points == "80,5"


def test_trend_in_text_is_the_last_twelve_values_as_blocks() -> None:
    values = {f"2026-{m:02d}": float(m) for m in range(1, 13)} | {"2025-12": 99.0}
    assert trend(Metric(id="m", name="M", kind="custom", values=values)) == "▁▂▂▃▄▄▅▅▆▇▇█"


def test_the_plan_shows_baseline_latest_target_and_whether_it_is_met() -> None:
    plan = page().find(".//section[@class='plan']//table")
    assert plan is not None
    head = [text(th) for th in plan.findall("thead/tr/th")]
    assert head == [
        "Status",
        "Action",
        "Owner",
        "Metric",
        "Target",
        "Baseline",
        "Latest",
        "Target met",
        "Due",
        "Addresses",
    ]
    rows = {r.get("id"): [text(c) for c in r][3:8] for r in plan.findall("tbody/tr")}
    # Baseline: the last quarter that ended before the action started (Q1, not Q2 which it
    # started in); target: the metric's own.
    assert rows["action-near-parking"] == [
        "Orders abandoned at pick-up",
        "2%",
        "7.5%",
        "3.1%",
        "✗ not yet",
    ]
    # The action's own baseline and target.
    assert rows["action-second-desk"] == [
        "CSAT at pick-up",
        "4 of 5",
        "3.5 of 5",
        "4.2 of 5",
        "✓ met",
    ]
    # A metric in words: as written, nothing measured.
    assert rows["action-desk-signs"] == [
        "Fewer questions at the entrance",
        "under 10 a day",
        "",
        "",
        "",
    ]


def test_the_metrics_table_lists_every_metric_with_links_that_land() -> None:
    tree = page()
    table = tree.find(".//section[@class='metrics']//table")
    assert table is not None
    rows = table.findall("tbody/tr")
    assert [r.get("id") for r in rows] == [
        "metric-csat-pickup",
        "metric-abandon-pickup",
        "metric-conversion-choose",
        "metric-nps",
        "metric-waiting",
    ]
    assert [text(c) for c in rows[1]][:6] == [
        "Orders abandoned at pick-up",
        "Abandonment",
        "Parking Pick-up desk",
        "3.1% −2.9 Q3 2026",
        "2%",
        "! near target",
    ]
    assert [text(c) for c in rows[3]][:4] == ["NPS", "NPS", "After", "no values yet"]
    ids = {e.get("id") for e in tree.iter()}
    hrefs = [a.get("href", "") for a in tree.iter("a")]
    assert {h for h in hrefs if h.startswith("#metric-") or "tp-" in h} <= {f"#{i}" for i in ids}


def test_the_kpi_lane_and_its_section_are_left_out_without_metrics(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "cjm: 1\ntitle: T\nstages:\n  - {id: s, name: S, touchpoints: [{id: t, name: T}]}\n",
    )
    tree = parse(render(load(path), TODAY))
    assert tree.find(".//tr[@class='lane lane-kpi']") is None
    assert tree.find(".//section[@class='metrics']") is None


def test_every_print_page_carries_the_kpis_of_its_own_columns() -> None:
    journey = load(FIXTURES / "en.yaml")
    tree = parse(render(journey, RenderOptions(paper="a4")), printed=True)
    screen = [
        [k.get("data-metric") for k in c.findall("div")]
        for c in kpi_cells(tree.find(".//div[@class='scroll']/table"))
    ]
    printed: list[list[str | None]] = []
    for table in tree.findall(".//section[@class='print-page']/table"):
        cols = len(table.findall("colgroup/col")) - 1
        cells = kpi_cells(table)
        assert len(cells) == cols
        printed += [[k.get("data-metric") for k in c.findall("div")] for c in cells]
    assert printed == screen


def test_russian_map_names_the_lane_and_statuses_in_russian() -> None:
    tree = page("ru")
    row = tree.find(".//tr[@class='lane lane-kpi']")
    assert row is not None
    assert text(row[0]) == "Метрики"
    cells = [text(c) for c in row if c.tag == "td"]
    assert cells[0] == "Доля открытых писем 26% +4,75 сент. 2026 ✓ цель достигнута цель 25%"
    assert cells[2].startswith(
        "Доля переходов этап «Переход на сайт» 3,5% +0,5 сент. 2026 ✗ цель не"
    )


def _hostile(n: int) -> str:
    return (
        f'<script>alert({n})</script>" onmouseover="x" \'><img src=x onerror=y>'
        f" {{{{7*7}}}} &amp; #{n}"
    )


def test_hostile_metric_names_units_and_stage_names_stay_text() -> None:
    journey = load(FIXTURES / "en.yaml")
    for n, metric in enumerate(journey.metrics):
        metric.name, metric.unit = _hostile(n), _hostile(100 + n)
    journey.stages[0].name = _hostile(200)
    tree = parse(render(journey, TODAY), printed=True)
    assert tree.findall(".//script") == []
    assert tree.findall(".//img") == []
    for element in tree.iter():
        assert not any(a.startswith("on") for a in element.attrib), element.tag
    kpi = tree.find(".//tr[@class='lane lane-kpi']/td/div")
    assert kpi is not None
    assert _hostile(2) in text(kpi)  # the metric's name, beside the stage's
    assert _hostile(200).split()[0] in text(kpi)


@pytest.mark.parametrize("name", ["en", "ru"])
def test_every_text_survives_hostile_injection_everywhere(name: str) -> None:
    journey = load(FIXTURES / f"{name}.yaml")
    payloads = inject(journey, _hostile, refs=False)
    tree = parse(render(journey, TODAY))
    assert tree.findall(".//script") == []
    everything = "\n".join(
        [
            *("".join(e.itertext()) for e in tree.iter("body")),
            *(e.get("title") or "" for e in tree.iter()),
        ]
    ).replace("\u00a0", " ")  # a unit is kept with its value by no-break spaces
    names = [m.name for m in journey.metrics]
    assert names
    assert all(n in everything for n in names)
    assert [p for p in payloads if p not in everything] == []
    assert len(payloads) >= 14


def test_a_number_target_of_a_metric_in_words_shows_as_a_number(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "cjm: 1\ntitle: T\nlocale: ru\n"
        "stages:\n  - {id: s, name: S, touchpoints: [{id: t, name: T}]}\n"
        "actions:\n  - {id: a, title: A, metric: Orders per day, target: 1200.5}\n",
    )
    row = parse(render(load(path), TODAY)).find(".//tr[@id='action-a']")
    assert row is not None
    assert [text(c) for c in row][3:5] == ["Orders per day", "1 200,5"]


SMALL = (
    "cjm: 1\ntitle: T\nstages: [{id: s, name: S, touchpoints: [{id: t, name: T}]}]\n"
    "metrics: [{id: quit, name: Unsubscribes, kind: custom, unit: '%', better: lower, "
    "target: 0.003, at: [t], values: {2026-09: 0.01, 2026-10: 0.004}}]\n"
)


def test_a_small_value_keeps_its_significant_digits_on_the_map_and_in_markdown() -> None:
    from cjmctl.renderers.markdown import to_markdown

    journey = load_bytes(SMALL.encode(), "small.yaml")
    cell = kpi_cells(parse(render(journey, TODAY)).find(".//div[@class='scroll']/table"))[0]
    shown = text(cell)
    assert "0.004% −0.006" in shown
    assert "target 0.003%" in shown
    document = to_markdown(journey, TODAY)
    assert "| Unsubscribes | Custom | T | 0.004% " in document
    assert "| 0.003% |" in document
