"""The overview strip above a big map: when it shows, what it links to, and the numbers it draws."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cjmctl import load
from cjmctl.renderers import RenderOptions, htmlmap
from cjmctl.renderers.emotion import COLOURS
from cjmctl.renderers.htmlmap import render
from cjmctl.renderers.overview import BAND_PADDING, BAND_TYPE, overview
from cjmctl.renderers.textwidth import fit, text_width
from tests.conftest import EXAMPLES, ROOT
from tests.htmlpage import parse
from tests.renderers.test_htmlmap import SVG

WIDE = ROOT / "tests" / "fixtures" / "wide"
TODAY = RenderOptions(today=date(2026, 10, 1))


def _strip(path: Path, options: RenderOptions = TODAY) -> list[tuple[str, str]]:
    page = parse(render(load(path), options))
    nav = page.find(".//nav[@class='overview']")
    assert nav is not None
    assert page.findall(".//script") == []
    return [(a.get("href", ""), a.get("aria-label", "")) for a in nav.iter(f"{SVG}a")]


def test_big_map_has_an_overview_linking_every_stage_and_touchpoint_in_order() -> None:
    for name in ("en-40", "ru-27"):
        journey = load(WIDE / f"{name}.yaml")
        page = parse(render(journey, TODAY))
        ids = {e.get("id") for e in page.iter() if e.get("id")}
        links = _strip(WIDE / f"{name}.yaml")
        hrefs = [href for href, _ in links]
        assert [h for h in hrefs if h.startswith("#stage-")] == [
            f"#stage-{s.id}" for s in journey.stages
        ]
        assert [h for h in hrefs if h.startswith("#tp-")] == [
            f"#tp-{tp.id}" for _, tp in journey.touchpoints()
        ]
        assert {h[1:] for h in hrefs} <= ids
        assert all(label for _, label in links)


def test_overview_labels_say_the_mean_stats_prints_and_the_personas_range() -> None:
    labels = dict(_strip(WIDE / "en-40.yaml"))
    assert labels["#tp-tp08"] == "Touchpoint number 8: -2.00"
    assert labels["#tp-tp06"] == "Touchpoint number 6: -1.00 (-2 … +0)"
    assert labels["#stage-s1"] == "Stage: Noticing the need"


def test_lowest_mean_is_the_longest_red_bar() -> None:
    strip = overview(load(WIDE / "en-40.yaml"))
    tp08 = next(b for b in strip.bars if b.anchor == "tp-tp08")
    assert tp08.colour == COLOURS[-2]
    assert tp08.low
    assert tp08.height == max(b.height for b in strip.bars)
    assert tp08.top == strip.zero  # drawn downwards from neutral
    assert strip.width <= 1320 + 1  # fits a 1440 px screen beside the page's margins


def test_one_persona_view_draws_that_persona_without_whiskers() -> None:
    strip = overview(load(WIDE / "en-40.yaml"), "anna")
    assert not strip.mean
    assert all(b.whisker is None for b in strip.bars)


def test_small_maps_have_no_overview(tmp_path: Path) -> None:
    page = parse(render(load(ROOT / "tests" / "fixtures" / "wide" / "en-40.yaml"), TODAY))
    assert page.find(".//nav[@class='overview']") is not None
    small = tmp_path / "small.yaml"
    small.write_text(
        "cjm: 1\ntitle: Small\nlocale: en\nstages:\n- id: s1\n  name: One\n  touchpoints:\n"
        "  - id: t1\n    name: First\n    emotion: -1\n",
        encoding="utf-8",
    )
    assert parse(render(load(small), TODAY)).find(".//nav[@class='overview']") is None


def test_the_overview_is_wanted_by_the_map_s_real_lane_width(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 12 touchpoints: 148 + 12 x 200 = 2,548 px fits a 2,560 px screen; lane names 400 px wide
    # (a locale with long ones) make the map 2,800 px, too wide for it.
    touchpoints = "".join(f"  - {{id: t{n}, name: T{n}, emotion: 0}}\n" for n in range(12))
    path = tmp_path / "twelve.yaml"
    path.write_text(f"cjm: 1\ntitle: T\nstages:\n- name: S\n  touchpoints:\n{touchpoints}")
    assert parse(render(load(path), TODAY)).find(".//nav[@class='overview']") is None
    monkeypatch.setattr(htmlmap, "lane_width", lambda locale: 400)
    assert parse(render(load(path), TODAY)).find(".//nav[@class='overview']") is not None


def test_one_persona_s_score_reads_as_a_whole_number() -> None:
    labels = dict(_strip(WIDE / "en-40.yaml", RenderOptions(today=TODAY.today, persona="anna")))
    assert labels["#tp-tp01"] == "Touchpoint number 1: -2"
    assert labels["#tp-tp02"] == "Touchpoint number 2: +1"
    shared = dict(_strip(EXAMPLES / "furniture-store.yaml"))
    assert shared["#tp-insta-ad"] == "Instagram ad: +1"  # one score for everyone
    assert shared["#tp-search-engine"] == "Search engine results: +0.50 (+0 … +1)"


def test_stage_names_are_fitted_to_their_bands_with_an_ellipsis() -> None:
    strip = overview(load(EXAMPLES / "furniture-store.yaml"))
    bands = {b.name: b for b in strip.bands}
    delivery = bands["Delivery and assembly"]
    assert delivery.label == "Delivery and assem…"
    assert bands["Online search"].label == "Online search"
    for band in strip.bands:
        assert text_width(band.label, BAND_TYPE) <= band.width - BAND_PADDING
    page = parse(render(load(EXAMPLES / "furniture-store.yaml"), TODAY))
    link = next(a for a in page.iter(f"{SVG}a") if a.get("href") == "#stage-delivery")
    assert [t.text for t in link.iter(f"{SVG}title")] == ["Delivery and assembly"]
    assert [t.text for t in link.iter(f"{SVG}text")] == ["Delivery and assem…"]


def test_a_name_is_cut_between_whole_letters() -> None:
    name = "Cafe\u0301 " * 8
    fitted = fit(name, 60, BAND_TYPE)
    assert fitted.endswith("…")
    assert not fitted[:-1].endswith("e")  # é keeps its accent
    assert text_width(fitted, BAND_TYPE) <= 60
