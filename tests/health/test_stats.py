"""Journey statistics: numbers worked out by hand from the YAML, and their text layout."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from cjmctl import i18n
from cjmctl.health import stats
from cjmctl.journey import loader
from cjmctl.journey.model import Journey
from tests.conftest import EXAMPLES, ROOT


def journey(text: str) -> Journey:
    return loader.load_bytes(text.encode(), "j.yaml")


def moment(tp: str, name: str, stage: str, score: int, persona: str | None = None) -> object:
    return {"touchpoint": tp, "name": name, "stage": stage, "score": score, "persona": persona}


FURNITURE_STAGES = ["search", "showroom", "purchase", "pickup", "delivery", "loyalty"]


def row(channel: str, *counts: int) -> object:
    return {"channel": channel, "stages": dict(zip(FURNITURE_STAGES, counts, strict=True))}


def test_furniture_store() -> None:
    found = stats.stats(loader.load(EXAMPLES / "furniture-store.yaml"))
    assert list(found) == [
        "title",
        "counts",
        "emotion_scale",
        "mean_emotion",
        "lowest",
        "highest",
        "ties",
        "coverage",
        "funnel",
        "metrics",
        "studies",
        "priority",
        "evidence",
        "states",
    ]
    assert found["states"] is None  # no future state
    assert found["title"] == "Buying a sofa at Mebel Plus"
    assert found["emotion_scale"] == {"min": -2, "max": 2, "names": []}
    # The counts of metrics and research data are the example's to change (tests/test_examples).
    assert dict(list(found["counts"].items())[:7]) == {
        "stages": 6,
        "touchpoints": 17,
        "channels": 9,
        "personas": 2,
        "actions": 4,
        "actions_by_status": {"planned": 1, "in_progress": 0, "done": 2, "dropped": 1},
        "research": 4,
    }
    # A touchpoint scored per persona counts with the mean of its personas' scores. Search:
    # 1, 0.5 and 0 make 1.5 over 3; showroom 1.5 and 2 over 2; purchase 0, 1 and 1 over 3;
    # pick-up 1, -2, 1 and -1 over 4; delivery 0 and 2 over 2; loyalty 0.5, 1 and 1 over 3.
    assert found["mean_emotion"]["stages"] == {
        "search": 0.5,
        "showroom": 1.75,
        "purchase": 0.67,
        "pickup": -0.25,
        "delivery": 1.0,
        "loyalty": 0.83,
    }
    # All 17 touchpoints count for each persona (a shared score is everyone's): 12/17 and 9/17.
    assert found["mean_emotion"]["personas"] == {"anna": 0.71, "boris": 0.53}
    assert found["lowest"] == [
        moment("pickup-parking", "Parking at the pick-up gate", "pickup", -2),
        moment("checkout-online", "Online checkout", "purchase", -1, "boris"),
        moment("cancel-call", "Cancelling or switching to delivery", "pickup", -1),
    ]
    assert found["highest"] == [
        moment("consultant-talk", "Talking to a consultant", "showroom", 2, "anna"),
        moment("try-sofas", "Trying sofas", "showroom", 2),
        moment("assembly", "Free assembly", "delivery", 2),
    ]
    assert found["coverage"] == [
        row("Instagram ads", 1, 0, 0, 0, 0, 0),
        row("Yandex search", 1, 0, 0, 0, 0, 0),
        row("mebelplus.ru website", 1, 0, 2, 0, 0, 1),
        row("SMS and e-mail", 0, 0, 0, 1, 0, 2),
        row("Showroom on Pobedy Ave", 0, 1, 0, 0, 0, 0),
        row("Sales consultant", 0, 1, 1, 0, 0, 0),
        row("Call centre", 0, 0, 0, 1, 1, 0),
        row("Pick-up warehouse", 0, 0, 0, 2, 0, 0),
        row("Delivery and assembly crew", 0, 0, 0, 0, 1, 0),
    ]
    # Pick-up (430) is followed by delivery (720): a wider stage, so no conversion there.
    assert found["funnel"] == [
        {
            "stage": "search",
            "reached": 12400,
            "conversion": 0.1895,
            "lost": 10050,
            "grows_to": None,
        },
        {
            "stage": "showroom",
            "reached": 2350,
            "conversion": 0.4596,
            "lost": 1270,
            "grows_to": None,
        },
        {"stage": "purchase", "reached": 1080, "conversion": 0.3981, "lost": 650, "grows_to": None},
        {"stage": "pickup", "reached": 430, "conversion": None, "lost": None, "grows_to": 720},
        {"stage": "delivery", "reached": 720, "conversion": 0.5278, "lost": 340, "grows_to": None},
        {"stage": "loyalty", "reached": 380, "conversion": None, "lost": None, "grows_to": None},
    ]


SMALL = """\
cjm: 1
title: Small | shop
personas: [{id: anna, name: Anna}, {id: boris, name: Boris}]
stages:
  - id: find
    name: Find
    reached: 1000
    touchpoints:
      - {id: ad, name: Ad, channel: Web, emotion: -1}
      - {id: call, name: Call, channel: Phone, emotion: {anna: 2}}
      - {id: note, name: Note}
  - id: buy
    name: Buy
    reached: 0
    touchpoints:
      - {id: pay, name: Pay, channel: Web}
  - id: use
    name: Use
    reached: 10
actions:
  - {title: A, status: done}
  - {title: B, status: done}
"""


def test_a_small_journey_with_free_channel_labels_and_gaps() -> None:
    found = stats.stats(journey(SMALL))
    assert found["counts"] == {
        "stages": 3,
        "touchpoints": 4,
        "channels": 2,
        "personas": 2,
        "actions": 2,
        "actions_by_status": {"planned": 0, "in_progress": 0, "done": 2, "dropped": 0},
        "research": 0,
        "metrics": 0,
        "metrics_by_status": {"met": 0, "near": 0, "off": 0, "no_target": 0, "no_values": 0},
        "studies": 0,
        "outlets": 0,
        "visits": 0,
        "respondents": 0,
    }
    assert found["mean_emotion"] == {
        "stages": {"find": 0.5, "buy": None, "use": None},
        "personas": {"anna": 0.5, "boris": -1.0},
    }
    assert found["lowest"] == [
        moment("ad", "Ad", "find", -1),
        moment("call", "Call", "find", 2, "anna"),
    ]
    assert found["highest"] == [
        moment("call", "Call", "find", 2, "anna"),
        moment("ad", "Ad", "find", -1),
    ]
    assert found["coverage"] == [
        {"channel": "Web", "stages": {"find": 1, "buy": 1, "use": 0}},
        {"channel": "Phone", "stages": {"find": 1, "buy": 0, "use": 0}},
    ]
    # Nobody reached `buy`, so `find` has no conversion (the funnel does not narrow to 0).
    assert found["funnel"] == [
        {"stage": "find", "reached": 1000, "conversion": None, "lost": None, "grows_to": None},
        {"stage": "buy", "reached": 0, "conversion": None, "lost": None, "grows_to": 10},
        {"stage": "use", "reached": 10, "conversion": None, "lost": None, "grows_to": None},
    ]


def test_a_journey_without_emotions_personas_channels_or_funnel() -> None:
    found = stats.stats(journey("cjm: 1\ntitle: T\nstages: [{id: s, name: S}]\n"))
    assert found["mean_emotion"] == {"stages": {"s": None}, "personas": {}}
    assert (found["lowest"], found["highest"], found["coverage"], found["funnel"]) == (
        [],
        [],
        [],
        [],
    )
    assert stats.format_text(found) == (
        "T\n\nCounts\n  Stages       1\n  Touchpoints  0\n  Channels     0\n  Personas     0\n"
        "  Actions      0\n  Research     0\n\nMean emotion by stage\n  s  no data"
    )


FUNNEL = """\
cjm: 1
title: T
locale: {locale}
stages:
  - id: top
    name: Top
    reached: 12400
    touchpoints: [{{id: a, name: "A\\tB", channel: Web, emotion: 2}}]
  - id: bottom
    name: Bottom
    reached: 2350
    touchpoints: [{{id: b, name: B, emotion: -1}}]
"""


def test_text_format() -> None:
    found = stats.stats(journey(FUNNEL.format(locale="en")))
    assert stats.format_text(found) == (
        "T\n"
        "\n"
        "Counts\n"
        "  Stages       2\n"
        "  Touchpoints  2\n"
        "  Channels     1\n"
        "  Personas     0\n"
        "  Actions      0\n"
        "  Research     0\n"
        "\n"
        "Mean emotion by stage\n"
        "  top     +2.00\n"
        "  bottom  -1.00\n"
        "\n"
        "Lowest moments\n"
        "  -1  b  bottom  B\n"
        "  +2  a  top     A\tB\n"
        "\n"
        "Highest moments\n"
        "  +2  a  top     A\tB\n"
        "  -1  b  bottom  B\n"
        "\n"
        "Touchpoints per channel and stage\n"
        "       top  bottom\n"
        "  Web    1       ·\n"
        "\n"
        "Funnel\n"
        "  top     12,400  reached  19.0% go on to the next stage  10,050 lost\n"
        "  bottom   2,350  reached"
    )


def test_text_format_in_russian() -> None:
    found = stats.stats(journey(FUNNEL.format(locale="ru")))
    i18n.use("ru")
    lines = stats.format_text(found).splitlines()
    assert lines[2:4] == ["Сводка", "  Этапы           2"]
    assert lines[10:13] == ["Средняя эмоция по этапам", "  top     +2,00", "  bottom  -1,00"]
    assert lines[-3:] == [
        "Воронка",
        "  top     12\u00a0400  дошли до этапа  конверсия в следующий этап: 19,0%  "
        "отток: 10\u00a0050",
        "  bottom   2\u00a0350  дошли до этапа",
    ]


def test_text_format_keeps_control_characters_off_the_terminal() -> None:
    found = stats.stats(journey(SMALL))
    found["title"] = "evil\x1b[2J"
    found["lowest"][0]["name"] = "\x1b]0;owned\x07"
    text = stats.format_text(found)
    assert "\x1b" not in text
    assert text.splitlines()[0] == "evil\\x1b[2J"
    assert "  -1  ad           find  \\x1b]0;owned\\x07" in text.splitlines()


def test_json_format() -> None:
    found = stats.stats(journey(SMALL))
    text = stats.format_json(found)
    assert json.loads(text) == found
    assert text.startswith('{\n  "title": "Small | shop",\n  "counts": {\n    "stages": 3,')


def test_means_are_exact_and_round_half_away_from_zero() -> None:
    found = stats.stats(
        journey(
            """\
cjm: 1
title: T
personas: [{id: a, name: A}, {id: b, name: B}]
stages:
  - id: s
    name: S
    touchpoints:
      - {id: one, name: One, emotion: {a: -1, b: 0}}
      - {id: two, name: Two, emotion: -1}
      - {id: three, name: Three, emotion: {a: -2, b: -1}}
      - {id: four, name: Four, emotion: -1}
  - id: u
    name: U
    touchpoints:
      - {id: five, name: Five, emotion: {a: 1, b: 0}}
      - {id: six, name: Six, emotion: 1}
      - {id: seven, name: Seven, emotion: {a: -1, b: 1}}
      - {id: eight, name: Eight, emotion: -1}
"""
        )
    )
    # s: -0.5, -1, -1.5 and -1 over 4; u: 0.5, 1, 0 and -1 over 4 is 0.125, a tie at two
    # decimals that goes away from zero (float round() would give 0.12).
    assert found["mean_emotion"]["stages"] == {"s": -1.0, "u": 0.13}
    # a: -1 -1 -2 -1 +1 +1 -1 -1 over 8 is -0.625; b: -2 over 8.
    assert found["mean_emotion"]["personas"] == {"a": -0.63, "b": -0.25}


def test_a_growing_step_says_why_it_has_no_conversion() -> None:
    grown = FUNNEL.format(locale="en").replace("2350", "15000")
    found = stats.stats(journey(grown))
    assert found["funnel"][0] == {
        "stage": "top",
        "reached": 12400,
        "conversion": None,
        "lost": None,
        "grows_to": 15000,
    }
    assert stats.format_text(found).endswith(
        "Funnel\n"
        "  top     12,400  reached  grows: 12,400 -> 15,000, no conversion\n"
        "  bottom  15,000  reached"
    )


def test_moments_tying_with_the_third_are_counted_and_named() -> None:
    tps = ", ".join(
        f"{{id: t{n}, name: T{n}, emotion: {s}}}"
        for n, s in enumerate([-2, 1, -2, -1, -2, -2, -2, 2])
    )
    found = stats.stats(
        journey(f"cjm: 1\ntitle: T\nstages:\n  - {{id: s, name: S, touchpoints: [{tps}]}}\n")
    )
    assert [m["touchpoint"] for m in found["lowest"]] == ["t0", "t2", "t4"]
    assert [m["touchpoint"] for m in found["highest"]] == ["t7", "t1", "t3"]
    assert found["ties"] == {"lowest": 2, "highest": 0}
    lines = stats.format_text(found).splitlines()
    start = lines.index("Lowest moments")
    assert lines[start : start + 6] == [
        "Lowest moments",
        "  -2  t0  s  T0",
        "  -2  t2  s  T2",
        "  -2  t4  s  T4",
        "  and 2 more at -2",
        "",
    ]
    i18n.use("ru")
    assert "и ещё 2 с оценкой -2" in stats.format_text(found)


DATA = ROOT / "tests" / "fixtures" / "data" / "stats.yaml"


@pytest.mark.parametrize("locale", ["en", "ru"])
def test_metrics_and_waves_text_matches_its_golden(
    locale: str, golden: Callable[[Path, str], None]
) -> None:
    found = stats.stats(
        journey(DATA.read_text(encoding="utf-8").replace("locale: en", f"locale: {locale}"))
    )
    i18n.use(locale)
    golden(
        ROOT / "tests" / "expected" / "stats" / f"metrics.{locale}.txt",
        stats.format_text(found) + "\n",
    )


def test_metrics_and_waves_json_matches_its_golden(
    cli: Callable[..., tuple[int, str]], golden: Callable[[Path, str], None]
) -> None:
    code, output = cli("stats", str(DATA.relative_to(ROOT)), "-F", "json")
    assert code == 0, output
    golden(ROOT / "tests" / "expected" / "stats" / "metrics.json", output)


def test_each_metric_stands_where_its_latest_value_is() -> None:
    found = stats.stats(loader.load(DATA))
    assert [
        (m["metric"], m["period"], m["value"], m["target"], m["status"]) for m in found["metrics"]
    ] == [
        ("csat", "2026-Q3", 84, 80, "met"),
        ("wait", "2026-09", 12, 10, "near"),  # lower is better for ces; 15 is the warning
        ("churn", "2026-09-15", 3.25, 2, "off"),
        ("nps", "2026-09", 12, None, "no_target"),
        ("conv", None, None, 30, "no_values"),
    ]
    assert isinstance(found["metrics"][0]["value"], int)  # 84, as written, not 84.0
    counts = found["counts"]
    assert counts["metrics_by_status"] == {
        "met": 1,
        "near": 1,
        "off": 1,
        "no_target": 1,
        "no_values": 1,
    }
    # Respondents: the first survey's most answered touchpoint (1,300), the second's sample.
    assert (counts["studies"], counts["outlets"], counts["visits"], counts["respondents"]) == (
        1,
        2,
        3,
        1550,
    )
    assert found["studies"] == [
        {"study": "audit", "waves": 2, "latest": "audit-2", "wave": None, "date": "2026-06-30"}
    ]


def test_a_map_without_metrics_or_waves_keeps_its_text() -> None:
    text = stats.format_text(stats.stats(journey(SMALL)))
    assert "Metrics" not in text
    assert "Visits" not in text
