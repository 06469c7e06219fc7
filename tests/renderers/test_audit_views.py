"""Research in waves on the map: the scores lane (latest, trend, weakest), the per-outlet table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

from cjmctl.importers.audit import import_audit
from cjmctl.journey import csvtable, loader
from cjmctl.journey.model import Journey
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.audit import weakest_outlets
from cjmctl.renderers.htmlmap import render
from cjmctl.renderers.markdown import to_markdown
from tests.conftest import ROOT
from tests.htmlpage import parse

FIXTURES = ROOT / "tests" / "fixtures" / "audit"
GOLDENS = ROOT / "tests" / "expected" / "audit"
OPTIONS = RenderOptions(today=date(2026, 6, 1))


def _waves(tmp_path: Path, journey_text: str | None = None) -> Journey:
    """The fixture journey with both waves imported from the agency's CSVs and pasted in."""
    base = journey_text or (FIXTURES / "journey.yaml").read_text(encoding="utf-8")
    plain = loader.load(FIXTURES / "journey.yaml")
    waves = [
        import_audit(csvtable.read((FIXTURES / f"wave-{n}.csv").read_bytes(), "v.csv"), plain).yaml
        for n in (1, 2)
    ]
    path = tmp_path / "map.yaml"
    path.write_text(base + "".join(waves), encoding="utf-8")
    return loader.load(path)


def _words(element: Element | None) -> str:
    assert element is not None
    return " ".join(" ".join(element.itertext()).split())


def _one(parent: Element, path: str) -> Element:
    found = parent.find(path)
    assert found is not None, path
    return found


def _lane(page: Element) -> list[str]:
    row = page.find(".//table[@class='map']//tr[@class='lane lane-scores']")
    assert row is not None
    return [_words(td) for td in row.findall("td")]


def test_the_lane_shows_the_latest_wave_its_trend_and_weakest_outlets(tmp_path: Path) -> None:
    page = parse(render(_waves(tmp_path), OPTIONS))
    cells = _lane(page)
    assert cells[1] == (  # kiosk: north's terminal printed no tickets in Q2
        "Тайный покупатель, 2026 Q2 67 /100 ▼ снизилась на 33 с волны 2026 Q1 "
        "Слабее всех: Северное отделение 0 ⚠ ниже 60"
    )
    assert cells[2] == (  # greeter: the survey as before, then the study's one line
        "Опрос после визита 71 /100 Тайный покупатель, 2026 Q2 100 /100 "
        "▲ выросла на 33 с волны 2026 Q1"
    )
    assert cells[0] == (
        "Тайный покупатель, 2026 Q2 67 /100 = без изменений с волны 2026 Q1 "
        "Слабее всех: Северное отделение 0 ⚠ ниже 60"
    )
    links = page.findall(".//tr[@class='lane lane-scores']//a")
    assert {a.get("href") for a in links} == {"#research-csat", "#research-audit-2026-q2"}


def test_a_single_wave_has_no_trend_and_names_the_lowest_outlet(tmp_path: Path) -> None:
    plain = loader.load(FIXTURES / "journey.yaml")
    wave = import_audit(csvtable.read((FIXTURES / "wave-2.csv").read_bytes(), "v.csv"), plain)
    path = tmp_path / "map.yaml"
    path.write_text(
        (FIXTURES / "journey.yaml").read_text(encoding="utf-8") + wave.yaml, encoding="utf-8"
    )
    cells = _lane(parse(render(loader.load(path), OPTIONS)))
    assert cells[5] == (  # consultant: 83, 57 and 81
        "Опрос после визита 64 /100 Тайный покупатель, 2026 Q2 74 /100 "
        "Слабее всех: Отделение «Набережное» 57 ⚠ ниже 60"
    )
    assert cells[6] == "Тайный покупатель, 2026 Q2 100 /100"  # terms: all outlets equal


def test_the_weakest_are_those_under_the_threshold_else_the_lowest() -> None:
    scores = {"a": 90.0, "b": 40.0, "c": 55.0, "d": 30.0}
    assert weakest_outlets(scores, 60) == [("d", 30.0), ("b", 40.0)]
    assert weakest_outlets({"a": 90.0, "b": 70.0, "c": 80.0}, 60) == [("b", 70.0)]
    assert weakest_outlets({"a": 90.0, "b": 90.2}, 60) == []
    assert weakest_outlets({"a": 10.0}, 60) == []


def test_the_outlet_table_compares_outlets_across_the_latest_waves_touchpoints(
    tmp_path: Path,
) -> None:
    page = parse(render(_waves(tmp_path), OPTIONS))
    block = page.find(".//section[@class='research']//div[@id='outlets-audit-2026-q2']")
    assert block is not None
    assert _words(block.find("h3")) == "Тайный покупатель, 2026 Q2: по точкам продаж"
    table = _one(block, ".//table")
    head = [_words(th) for th in table.findall("thead/tr/th")]
    assert head[:3] == ["Точка продаж", "Город", "Вход и вывеска"]
    assert head[-2:] == ["Среднее", "Изменение"]
    assert len(head) == 2 + 10 + 2
    rows = [[_words(c) for c in tr] for tr in table.findall("tbody/tr")]
    assert rows[1][:6] == [
        "Отделение «Набережное»",
        "Казань",
        "100",
        "100",
        "100",
        "⚠ 34 , ниже 60",
    ]
    assert rows[1][-2:] == ["69", "▲ выросла на 17 с волны 2026 Q1"]
    assert [r[0] for r in rows] == [
        "Центральное отделение",
        "Отделение «Набережное»",
        "Северное отделение",
    ]
    weak = table.findall(".//td[@class='number weak']")
    assert len(weak) == 7
    assert all(_one(td, "span[@class='under']").text == "⚠" for td in weak)
    key = block.find("p[@class='outlet-key']")
    assert _words(key) == "⚠ ниже 60 — оценка, при которой карте нужно действие"


def test_markdown_shows_waves_the_same_way(
    tmp_path: Path, golden: Callable[[Path, str], None]
) -> None:
    golden(GOLDENS / "waves.ru.md", to_markdown(_waves(tmp_path), OPTIONS))


HOSTILE = "<b>x</b> | *y* `z` @team #1 &amp;"


def test_hostile_outlet_names_and_cities_stay_text(tmp_path: Path) -> None:
    text = (FIXTURES / "journey.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Северное отделение", f"name: '{HOSTILE}'")
    text = text.replace("city: Набережные Челны", f"city: '{HOSTILE} city'")
    journey = _waves(tmp_path, text)
    page = parse(render(journey, OPTIONS))
    assert page.findall(".//b") == []
    assert HOSTILE in _words(page.find(".//div[@id='outlets-audit-2026-q2']"))
    assert f"Слабее всех: {HOSTILE} 0 ⚠" in _lane(page)[0]
    markdown = to_markdown(journey, OPTIONS)
    assert "<b>" not in markdown
    assert "| \\<b\\>x\\</b\\> \\| \\*y\\* \\`z\\` @&#8203;team \\#&#8203;1 \\&amp; |" in markdown
