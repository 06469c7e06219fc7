"""Words that fit (issue 12 §5): numbers, dates and the scores lane's name in each locale.

The layout side (no word cut, quotes, dates on one line) is measured in test_browser_words.py.
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
import yaml

from cjmctl import i18n
from cjmctl.health import diffreport, semdiff, stats
from cjmctl.i18n import long_date
from cjmctl.journey.loader import load_bytes
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.htmlmap import lane_width, render
from cjmctl.renderers.markdown import to_markdown
from tests import everylane

NBSP = "\u00a0"
GROUPED = {"en": "2,700", "ru": f"2{NBSP}700"}
WIDE = {"en": "27,000", "ru": f"27{NBSP}000"}
DUE = {"en": f"31{NBSP}March{NBSP}2027", "ru": f"31{NBSP}марта{NBSP}2027"}


def _html(locale: str, kinds: tuple[str, ...] = ("mystery_shopping",)) -> str:
    return render(everylane.journey(locale, kinds), RenderOptions()).decode()


def _lane_label(html: str, lane: str) -> str:
    found = re.search(rf'<tr class="lane lane-{lane}">\n<th scope="row">([^<]*)</th>', html)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize("locale", ["en", "ru"])
def test_map_groups_counts_and_samples_as_the_locale_does(locale: str) -> None:
    html = _html(locale)
    assert f'<td class="number">{GROUPED[locale]}</td>' in html
    assert f'<p class="reached">{WIDE[locale]} ' in html


@pytest.mark.parametrize("locale", ["en", "ru"])
def test_markdown_groups_counts_and_samples_as_the_locale_does(locale: str) -> None:
    markdown = to_markdown(everylane.journey(locale), RenderOptions())
    assert f"| {GROUPED[locale]} |" in markdown
    assert f"{WIDE[locale]} " in markdown


@pytest.mark.parametrize("locale", ["en", "ru"])
def test_stats_text_groups_funnel_counts_and_json_keeps_numbers(locale: str) -> None:
    found = stats.stats(everylane.journey(locale))
    i18n.use(locale)
    text = stats.format_text(found)
    assert f"  buy      {GROUPED[locale]}" in text
    assert json.loads(stats.format_json(found))["funnel"][1]["reached"] == 2700


def _changed(locale: str) -> semdiff.Changes:
    """A funnel count, a sample and a due date changed in the every-lane journey."""
    new = everylane.data(locale)
    new["stages"][1]["reached"] = 3000
    new["research"][0]["sample"] = 12500
    new["actions"][0]["due"] = "2027-04-30"
    after = load_bytes(yaml.safe_dump(new, allow_unicode=True).encode(), "new.yaml")
    return semdiff.diff(everylane.journey(locale), after)


@pytest.mark.parametrize("locale", ["en", "ru"])
def test_diff_groups_numbers_and_says_dates_as_the_language_does(locale: str) -> None:
    changes = _changed(locale)
    i18n.use(locale)
    three = "3,000" if locale == "en" else f"3{NBSP}000"
    sample = "12,500" if locale == "en" else f"12{NBSP}500"
    text = diffreport.format_text(changes)
    assert f"{GROUPED[locale]} -> {three} (+300)" in text
    assert f"sample: {GROUPED[locale]} -> {sample}" in text
    assert f"due: {i18n.long_date(date(2027, 3, 31), locale)} -> " in text
    markdown = diffreport.format_markdown(changes)
    assert f"| {GROUPED[locale]} | {three} | +300 |" in markdown
    assert f"`sample`: {GROUPED[locale]} -> {sample}" in markdown
    document = json.loads(diffreport.format_json(changes))
    assert document["funnel"][0]["new"] == 3000
    assert {"field": "due", "old": "2027-03-31", "new": "2027-04-30"}.items() <= next(
        f for f in document["fields"] if f["field"] == "due"
    ).items()


@pytest.mark.parametrize("locale", ["en", "ru"])
def test_dates_read_naturally_for_people_and_stay_iso_for_machines(locale: str) -> None:
    html = _html(locale)
    assert f'<time datetime="2027-03-31">{DUE[locale]}</time>' in html
    assert '<time datetime="2026-10-01">1' in html
    markdown = to_markdown(everylane.journey(locale), RenderOptions())
    assert f"| {DUE[locale]} |" in markdown
    reviewed = "1\u00a0November\u00a02026" if locale == "en" else "1\u00a0ноября\u00a02026"
    assert reviewed in markdown
    assert "2027-03-31" not in markdown


def test_every_month_has_its_name_in_both_locales() -> None:
    en = [long_date(date(2027, m, 1), "en").split(NBSP)[1] for m in range(1, 13)]
    ru = [long_date(date(2027, m, 1), "ru").split(NBSP)[1] for m in range(1, 13)]
    assert (en[0], en[11]) == ("January", "December")
    assert ru == [
        "января", "февраля", "марта", "апреля", "мая", "июня",
        "июля", "августа", "сентября", "октября", "ноября", "декабря",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("kinds", "en", "ru"),
    [
        (("mystery_shopping",), "Service audit", "Тайный покупатель"),
        (("survey",), "Survey scores", "Оценки опроса"),
        (("survey", "mystery_shopping"), "Research scores", "Оценки исследований"),
        (("interview",), "Research scores", "Оценки исследований"),
    ],
)
def test_the_scores_lane_is_named_by_the_research_behind_it(
    kinds: tuple[str, ...], en: str, ru: str
) -> None:
    for locale, label in (("en", en), ("ru", ru)):
        html = _html(locale, kinds)
        assert _lane_label(html, "scores") == label
        markdown = to_markdown(everylane.journey(locale, kinds), RenderOptions())
        assert f"| **{label}** |" in markdown


def test_the_russian_lane_column_is_wide_enough_for_its_longest_label() -> None:
    assert lane_width("en") == 148
    assert lane_width("ru") > 148
    html = _html("ru")
    assert f'<col class="lane-col" style="width: {lane_width("ru")}px">' in html
