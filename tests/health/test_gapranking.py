"""`cjmctl stats`: the touchpoints ranked by gap, the share backed, and `--evidence`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from cjmctl import i18n
from cjmctl.health import stats
from cjmctl.journey import loader
from tests.conftest import EXAMPLES, write

Streams = Callable[..., tuple[int, bytes, str]]
HEAD = "cjm: 1\ntitle: T\nstages:\n  - id: s\n    name: S\n    touchpoints:\n"
RATED = HEAD + (
    "      - {id: calm, name: Calm, importance: {customer: 2, business: 3}, satisfaction: 5}\n"
    "      - {id: queue, name: Queue, importance: {customer: 5, business: 4}, satisfaction: 1}\n"
    "      - {id: desk, name: Desk, importance: {customer: 4}}\n"
    "      - {id: call, name: Call, importance: {business: 5}}\n"
    "      - id: sms\n        name: SMS\n        emotion: 1\n"
    "        claims: {emotion: {status: assumed}}\n"
    "research:\n  - {id: audit, kind: mystery_shopping, title: Audit, date: 2026-05-01,"
    " scores: {desk: 70}}\n"
)


def test_stats_json_ranks_by_gap_with_quadrant_and_gives_the_share_backed() -> None:
    found = stats.stats(loader.load_bytes(RATED.encode(), "j.yaml"))
    assert found["priority"] == {
        "ranked": [
            {
                "touchpoint": "queue",
                "name": "Queue",
                "stage": "s",
                "importance": 4.5,
                "customer": 5,
                "business": 4,
                "satisfaction": 1.0,
                "research": None,
                "gap": 3.5,
                "quadrant": "fix_first",
            },
            {
                "touchpoint": "desk",
                "name": "Desk",
                "stage": "s",
                "importance": 4.0,
                "customer": 4,
                "business": None,
                "satisfaction": 3.8,
                "research": "audit",
                "gap": 0.2,
                "quadrant": "keep_up",
            },
            {
                "touchpoint": "calm",
                "name": "Calm",
                "stage": "s",
                "importance": 2.5,
                "customer": 2,
                "business": 3,
                "satisfaction": 5.0,
                "research": None,
                "gap": -2.5,
                "quadrant": "possible_overkill",
            },
        ],
        "unrated": ["call"],
    }
    assert found["evidence"] == {
        "claims": 1,
        "backed": 0,
        "share": 0.0,
        "by_status": {"observed": 0, "assumed": 1, "proposed": 0, "unstated": 0},
        "stated": 1,
    }


def test_stats_text_ranks_by_gap_and_gives_the_share_backed() -> None:
    journey = loader.load_bytes(RATED.encode(), "j.yaml")
    lines = stats.format_text(stats.stats(journey)).splitlines()
    assert lines[lines.index("Priority by gap (importance − satisfaction)") :] == [
        "Priority by gap (importance − satisfaction)",
        "    Gap  Touchpoint  Importance  Satisfaction  Quadrant",
        "  +3.50  queue              4.5             1  Fix first",
        "  +0.20  desk                 4           3.8  Keep up · from audit",
        "  -2.50  calm               2.5             5  Possible overkill",
        "  no satisfaction known: call",
        "",
        "Share backed by research: 0 of 1 claim (0%)",
    ]


def test_stats_text_in_russian_uses_the_quadrants_russian_names() -> None:
    journey = loader.load_bytes(RATED.replace("title: T\n", "title: T\nlocale: ru\n").encode(), "j")
    i18n.use("ru")
    text = stats.format_text(stats.stats(journey))
    assert (
        "   +3,50  queue                4,5                  1  Исправить в первую очередь" in text
    )
    assert (
        "   +0,20  desk                   4                3,8  Поддерживать · по данным: audit"
        in text
    )
    assert "   -2,50  calm                 2,5                  5  Возможно, избыточно" in text
    assert text.endswith("Подтверждено исследованиями: 0 из 1 утверждения (0%)")


def test_a_map_without_importance_or_claims_keeps_its_text() -> None:
    journey = loader.load_bytes((HEAD + "      - {id: a, name: A, emotion: 1}\n").encode(), "j")
    text = stats.format_text(stats.stats(journey))
    assert "Priority" not in text
    assert "Share backed" not in text


def test_stats_evidence_command_prints_text_json_and_markdown(
    cli_streams: Streams, tmp_path: Path
) -> None:
    path = write(tmp_path, RATED)
    code, out, _ = cli_streams("stats", "--evidence", str(path))
    assert (code, out.decode().splitlines()) == (
        0,
        [
            "T",
            "",
            "Share backed by research: 0 of 1 claim (0%)",
            "  assumed 1",
            "",
            "Claims",
            "  sms  Emotion  Assumed",
            "",
            "Not backed by research",
            "  sms  Emotion  Assumed",
        ],
    )
    code, out, _ = cli_streams("stats", "--evidence", "-F", "json", str(path))
    assert (code, json.loads(out)["share"]) == (0, 0.0)
    code, out, _ = cli_streams("stats", "--evidence", "-F", "markdown", str(path))
    assert (code, out.decode().splitlines()[0]) == (0, "## Evidence: T")


def test_markdown_without_evidence_is_a_usage_error(cli_streams: Streams) -> None:
    code, _, err = cli_streams("stats", "-F", "markdown", str(EXAMPLES / "bank-branch.yaml"))
    assert code == 2
    assert "markdown is the evidence report's: add --evidence, or use text or json" in err
