"""The HTML map renderer: golden pages, structure, safety, determinism and labels."""

from __future__ import annotations

import subprocess
import sys
import typing
from collections.abc import Callable
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest

from cjmctl import load
from cjmctl.batch import branded
from cjmctl.i18n import long_date
from cjmctl.journey import loader
from cjmctl.journey.labels import LABELS
from cjmctl.journey.model import Journey
from cjmctl.renderers import FORMATS, RenderOptions
from cjmctl.renderers.emotion import lowest_touchpoint
from cjmctl.renderers.htmlmap import COLUMN_WIDTH, lane_width, render
from tests.conftest import EXAMPLE_JOURNEYS, EXAMPLES, ROOT, write
from tests.hostile import inject
from tests.htmlpage import parse

TODAY = RenderOptions(today=date(2026, 10, 1))
EXAMPLE_FILES = EXAMPLE_JOURNEYS


SVG = "{http://www.w3.org/2000/svg}"


def text(element: Element) -> str:
    return "".join(element.itertext())


def cells(row: Element) -> list[Element]:
    return [c for c in row if c.tag in {"th", "td"}]


def span(cell: Element) -> int:
    return int(cell.get("colspan", "1"))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_example_pages_match_their_goldens(path: Path, golden: Callable[[Path, str], None]) -> None:
    document = loader.read(path)  # as `cjmctl render` draws it: with its theme's logo
    html = render(document.journey, branded(document, TODAY)).decode()
    golden(ROOT / "tests" / "expected" / "html" / f"{path.stem}.html", html)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_map_grid_is_consistent(path: Path) -> None:
    journey = load(path)
    page = parse(render(journey, TODAY))
    table = page.find(".//table[@class='map']")
    assert table is not None
    rows = table.findall(".//tr")
    touchpoints = next(r for r in rows if r.get("class") == "touchpoints")
    columns = cells(touchpoints)[1:]
    expected = sum(max(len(s.touchpoints), 1) for s in journey.stages)
    assert len(columns) == expected
    assert [c.get("id") for c in columns if "empty" not in (c.get("class") or "")] == [
        f"tp-{tp.id}" for _, tp in journey.touchpoints()
    ]
    for row in rows:
        first, *rest = cells(row)
        assert first.tag == "th"
        assert first.get("scope") in {"row", "col"}
        assert sum(span(c) for c in rest) == expected, row.get("class")
    stage_heads = cells(rows[0])[1:]
    assert [text(h).split("\n")[1] for h in stage_heads] == [s.name for s in journey.stages]
    assert all(h.get("scope") == "colgroup" for h in stage_heads)
    assert table.get("style") == f"width: {lane_width(journey.locale) + COLUMN_WIDTH * expected}px"


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_page_is_self_contained(path: Path) -> None:
    page = parse(render(load(path), TODAY))
    assert page.findall(".//script") == []
    assert page.findall(".//link") == []
    assert page.findall(".//img") == []
    for element in page.iter():
        for name in ("src", "href"):
            value = element.get(name)
            # A link to another journey of the project leads to its page beside this one.
            linked = element.get("class") == "journey-link" and value in {
                "sofa-delivery.html",
                "furniture-store.html",
            }
            assert value is None or value.startswith("#") or linked, (element.tag, value)
    assert len(page.findall(".//style")) == 1


def test_emotion_points_sit_at_their_columns() -> None:
    journey = load(EXAMPLES / "furniture-store.yaml")
    page = parse(render(journey, TODAY))
    points = [g for g in page.iter(SVG + "g") if "point" in (g.get("class") or "").split()]
    anna = journey.personas[0].id
    expected = [
        (i, tp.emotion_for(anna))
        for i, (_, tp) in enumerate(journey.touchpoints())
        if tp.emotion_for(anna) is not None
    ]
    series0 = [(int(g.get("data-column", "")), int(g.get("data-score", ""))) for g in points]
    assert series0[: len(expected)] == expected
    for g in points:
        face = g.find(SVG + "circle[@class='face']")
        assert face is not None
        column = int(g.get("data-column", ""))
        # Faces that share a score stand side by side, each wholly inside its column.
        inside = COLUMN_WIDTH / 2 - float(face.get("r", ""))
        assert abs(float(face.get("cx", "")) - (column + 0.5) * COLUMN_WIDTH) <= inside


def test_lowest_points_and_wow_moments_are_marked() -> None:
    journey = load(EXAMPLES / "furniture-store.yaml")
    page = parse(render(journey, TODAY))
    classes = [(g.get("class") or "").split() for g in page.iter(SVG + "g")]
    lowest = [g for g in page.iter(SVG + "g") if g.get("class") == "lowest"]
    low = lowest_touchpoint(journey)
    assert low is not None
    column = [tp.id for _, tp in journey.touchpoints()].index(low.id)
    assert [g.get("data-column") for g in lowest] == [str(column)]
    assert any("is-wow" in c for c in classes)
    wow_heads = [th for th in page.iter("th") if "is-wow" in (th.get("class") or "")]
    assert [text(th).split(" ★")[0] for th in wow_heads] == [
        tp.name for _, tp in journey.touchpoints() if tp.wow
    ]


MINIMAL = b"""cjm: 1
title: Minimal
stages:
  - name: Search
    touchpoints:
      - name: Ad
        action: Taps the ad
  - name: Empty stage
"""


def test_only_lanes_with_data_are_shown() -> None:
    page = parse(render(loader.load_bytes(MINIMAL, "m.yaml"), TODAY))
    lanes = [r.get("class") for r in page.iter("tr") if "lane" in (r.get("class") or "")]
    assert lanes == ["lane lane-action"]
    assert page.findall(".//section[@class='personas']") == []
    assert page.findall(".//section[@class='plan']") == []
    assert page.findall(".//ul[@class='legend']") == []
    empty = [th for th in page.iter("th") if th.get("id") == "stage-empty-stage-empty"]
    assert [text(th) for th in empty] == ["No touchpoints yet"]


@pytest.mark.parametrize(
    ("today", "badge"),
    [
        (date(2026, 9, 13), "badge fresh"),
        (date(2026, 9, 14), "badge stale"),
    ],
)
def test_stale_map_is_marked(today: date, badge: str) -> None:
    journey = load(EXAMPLES / "furniture-store.yaml")  # reviewed 2026-06-15, every 90 days
    page = parse(render(journey, RenderOptions(today=today)))
    badges = [b for b in page.iter("span") if "badge" in (b.get("class") or "")]
    assert [b.get("class") for b in badges] == [badge]


def test_funnel_shows_reach_conversion_and_drop_off() -> None:
    page = parse(render(load(EXAMPLES / "furniture-store.yaml"), TODAY))
    funnel = next(r for r in page.iter("tr") if r.get("class") == "lane lane-funnel")
    first = cells(funnel)[1]
    assert " ".join(text(first).split()) == (
        "12,400 reached 19.0% go on to the next stage 10,050 lost"
    )


def test_russian_map_uses_russian_labels_and_number_format() -> None:
    page = parse(render(load(EXAMPLES / "email-marketing-ru.yaml"), TODAY))
    assert page.get("lang") == "ru"
    heads = [text(th) for th in page.iter("th") if th.get("scope") == "row"]
    assert heads[:5] == ["Точка контакта", "Цель", "Дальше", "Канал", "Действия клиента"]
    assert "Эмоции" in heads
    funnel = next(r for r in page.iter("tr") if r.get("class") == "lane lane-funnel")
    assert "42\u00a0000 дошли до этапа" in text(funnel)


def test_stage_goals_are_a_row_of_their_own_so_the_sticky_head_stays_slim() -> None:
    journey = load(EXAMPLES / "furniture-store.yaml")
    page = parse(render(journey, TODAY))
    heads = page.findall(".//table[@class='map']/thead/tr[@class='stages']/th[@scope='colgroup']")
    names = [text(th.find("span[@class='stage-name']")).strip() for th in heads]  # type: ignore[arg-type]
    assert names == [s.name for s in journey.stages]
    row = page.find(".//table[@class='map']/tbody/tr[@class='lane lane-goal']")
    assert row is not None
    goals = [c for c in cells(row) if c.tag == "td"]
    assert [span(c) for c in goals] == [max(len(s.touchpoints), 1) for s in journey.stages]
    for cell, stage in zip(goals, journey.stages, strict=True):
        assert (stage.goal or "") in text(cell)
        assert all(e in text(cell) for e in stage.expectations)


def test_every_locale_has_every_label() -> None:
    keys = set(LABELS["en"])
    assert {name: set(labels) ^ keys for name, labels in LABELS.items()} == {
        name: set() for name in LABELS
    }
    locale_field = Journey.model_fields["locale"].annotation
    assert set(typing.get_args(locale_field)) == set(LABELS)


def test_every_format_has_a_suffix_and_a_renderer() -> None:
    for name, entry in FORMATS.items():
        assert entry.suffix.startswith("."), name
        module, _, function = entry.function.partition(":")
        assert callable(getattr(__import__(module, fromlist=[function]), function)), name


# --- safety: journey text is data, never markup ------------------------------------------------


def _hostile(n: int) -> str:
    return (
        f'<script>alert({n})</script>" onmouseover="alert({n})" \'><img src=x onerror=alert({n})>'
        f" javascript:alert({n}) {{{{ 7*7 }}}} {{% if 1 %}}{n}{{% endif %}} &amp; &lt;b&gt;#{n}"
    )


def _all_text(page: Element) -> str:
    chunks: list[str] = []
    for element in page.iter():
        chunks += [element.text or "", element.tail or ""]
        chunks += [v for k, v in element.attrib.items() if k in {"title", "aria-label"}]
    return "\n".join(chunks)


NOT_ON_THE_MAP = {
    "Criterion.name": "the auditors' checklist: the map shows the scores it makes, per wave",
    "Visit.notes": "one shopper's words on one visit: the map shows each wave's scores, "
    "trend and weakest outlets; the notes stay with the research",
    "Journey.metric_files": "where the values come from: the map shows the values",
}
"""Texts the map does not show, and why."""


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_hostile_text_in_every_field_stays_text(path: Path) -> None:
    journey = load(path)
    payloads = inject(journey, _hostile, refs=bool(journey.channels), keep=NOT_ON_THE_MAP)
    assert len(payloads) > 60
    page = parse(render(journey, TODAY))
    assert page.findall(".//script") == []
    assert page.findall(".//img") == []
    for element in page.iter():
        for attribute, value in element.attrib.items():
            assert not attribute.startswith("on"), (element.tag, attribute)
            assert "javascript:" not in value or attribute in {"title", "aria-label"}
    # A unit is kept with its value by no-break spaces ("4.2\u00a0of\u00a05").
    everything = _all_text(page).replace("\u00a0", " ")
    missing = [p for p in payloads if p not in everything]
    assert missing == []


# --- determinism -------------------------------------------------------------------------------


def test_rendering_twice_gives_identical_bytes() -> None:
    journey = load(EXAMPLES / "bank-branch.yaml")
    assert render(journey, TODAY) == render(load(EXAMPLES / "bank-branch.yaml"), TODAY)


def test_output_does_not_depend_on_hash_seed() -> None:
    code = (
        "import sys; from datetime import date; from cjmctl import load;"
        "from cjmctl.renderers import RenderOptions; from cjmctl.renderers.htmlmap import render;"
        "sys.stdout.buffer.write(render(load('examples/email-marketing-ru.yaml'),"
        " RenderOptions(today=date(2026, 10, 1))))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            capture_output=True,
            check=True,
            env={"PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


def test_persona_view_draws_that_persona_s_curve_and_shows_only_its_card() -> None:
    journey = load(EXAMPLES / "furniture-store.yaml")
    everyone = render(journey, RenderOptions()).decode()
    page = render(journey, RenderOptions(persona="boris")).decode()
    assert everyone.count('<polyline class="series ') > page.count('<polyline class="series ') > 0
    assert "— Anna:" in everyone
    assert "— Anna:" not in page
    assert "— Boris:" in page
    assert 'id="persona-anna"' not in page
    assert (
        '<article class="persona is-focus" id="persona-boris" aria-current="true">\n'
        "<h3>Boris</h3>\n"
        '<p class="focus">the emotion curve shows this persona</p>'
    ) in page


def test_a_growing_funnel_step_says_why_it_has_no_conversion() -> None:
    page = render(load(EXAMPLES / "furniture-store.yaml"), TODAY).decode()
    assert (
        '<p class="reached">430 reached</p>\n'
        '<p class="conversion">grows: 430 -&gt; 720, no conversion</p>\n</td>'
    ) in page


@pytest.mark.parametrize(
    ("name", "due", "today", "mark"),
    [
        # The parking action was due 2026-09-30 too, but it is done: it is never late.
        ("furniture-store", "2026-11-15", date(2026, 11, 16), "⚠ overdue"),
        ("email-marketing-ru", "2026-09-15", date(2026, 10, 1), "⚠ просрочено"),
    ],
)
def test_an_open_action_past_its_due_date_is_marked_in_words(
    name: str, due: str, today: date, mark: str
) -> None:
    journey = load(EXAMPLES / f"{name}.yaml")
    day = long_date(date.fromisoformat(due), journey.locale)
    cell = f'<td><time datetime="{due}">{day}</time> <span class="badge overdue">{mark}</span></td>'
    page = render(journey, RenderOptions(today=today)).decode()
    assert page.count('class="badge overdue"') == 1
    assert cell in page
    # The day it is due it is not late yet; without a date nothing is.
    assert cell not in render(journey, RenderOptions(today=date.fromisoformat(due))).decode()
    assert "badge overdue" not in render(journey, RenderOptions()).decode()


# --- research table ----------------------------------------------------------------------------


def _research_scores(journey: Journey, entry: str) -> list[str]:
    row = parse(render(journey, TODAY)).find(f".//tr[@id='research-{entry}']")
    assert row is not None
    return [text(li) for li in row[-1].iter("li")]


def test_a_wave_s_row_shows_the_scores_its_visits_make_beside_the_written_ones() -> None:
    scores = _research_scores(load(EXAMPLES / "bank-branch.yaml"), "mystery-shopping-q1")
    # The agency's remote scores as written, then the branches' from the visits, whole points.
    assert scores == [
        "Online booking: 78",
        "Booking by phone: 70",
        "Confirmation SMS: 60",
        "Queue ticket kiosk: 21",  # 20.8
        "Floor greeter: 37",
        "Waiting for the ticket to be called: 26",
        "Needs discussion with the consultant: 77",
        "Signing the contract: 28",
    ]


def test_a_survey_s_row_shows_the_scores_its_ratings_make(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "cjm: 1\ntitle: T\nstages:\n  - {id: s, name: S, touchpoints: [{id: t, name: Desk}]}\n"
        "research:\n  - {id: r, kind: survey, title: R, scale: [1, 5],"
        " ratings: {t: [0, 0, 1, 1, 1]}}\n",
    )
    assert _research_scores(load(path), "r") == ["Desk: 75"]
