"""Periods of KPI values as people read them on the map and in Markdown; ISO in JSON."""

from __future__ import annotations

import json

import pytest

from cjmctl.journey import loader
from cjmctl.journey.periods import parse
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.jsonexport import render
from cjmctl.renderers.wording import period_name
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("text", "en", "ru"),
    [
        ("2026-10", "Oct 2026", "окт. 2026"),
        ("2026-02", "Feb 2026", "февр. 2026"),
        ("2026-05", "May 2026", "май 2026"),
        ("2026-Q3", "Q3 2026", "III кв. 2026"),
        ("2026-Q4", "Q4 2026", "IV кв. 2026"),
        ("2026-10-05", "5 October 2026", "5 октября 2026"),
    ],
)
def test_a_period_reads_as_people_write_it(text: str, en: str, ru: str) -> None:
    period = parse(text)
    assert period is not None
    # no-break spaces, as in long dates: a period never wraps over two lines
    assert period_name(period, "en") == en.replace(" ", "\u00a0")
    assert period_name(period, "ru") == ru.replace(" ", "\u00a0")


def test_json_keeps_the_iso_periods() -> None:
    journey = loader.load(ROOT / "tests" / "fixtures" / "kpi" / "en.yaml")
    data = json.loads(render(journey, RenderOptions()))
    periods = [p for m in data["metrics"] for p in m["values"]]
    assert "2026-10" in periods
    assert "2026-Q3" in periods
