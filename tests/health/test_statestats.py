"""Stats and diff of a journey with a future state: both states' numbers, and readable changes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from cjmctl import i18n
from cjmctl.health import diffreport, semdiff, stats
from cjmctl.journey.loader import load_bytes
from cjmctl.journey.model import Journey
from tests.conftest import write

SOURCE = """\
cjm: 1
title: Branch
stages:
  - id: arrive
    name: Arrive
    touchpoints:
      - {id: kiosk, name: Kiosk, emotion: -1, state: current}
      - {id: app, name: App, emotion: 2, state: future}
      - {id: desk, name: Desk, emotion: -2, future: {emotion: 1, change: Names}}
  - id: leave
    name: Leave
    touchpoints:
      - {id: bye, name: Bye, emotion: 0}
"""


def _journey(text: str = SOURCE) -> Journey:
    return load_bytes(text.encode(), "branch.yaml")


def test_stats_put_both_states_side_by_side() -> None:
    found = stats.stats(_journey())
    assert found["counts"]["touchpoints"] == 3  # the current state's: kiosk, desk, bye
    assert found["states"] == {
        "current": {
            "mean": -1.0,
            "stages": {"arrive": -1.5, "leave": 0.0},
            "lowest": {"touchpoint": "desk", "name": "Desk", "score": -2.0},
        },
        "future": {
            "mean": 1.0,
            "stages": {"arrive": 1.5, "leave": 0.0},
            "lowest": None,
        },
        "touchpoints": {"added": 1, "removed": 1, "changed": 1},
    }
    assert json.loads(stats.format_json(found))["states"] == found["states"]


def test_stats_text_shows_both_states() -> None:
    text = stats.format_text(stats.stats(_journey()))
    assert text.endswith(
        "\n".join(
            [
                "Current and future state",
                "                 current     future",
                "  overall        -1.00       +1.00",
                "  arrive         -1.50       +1.50",
                "  leave          0.00        0.00",
                "  lowest moment  desk -2.00  no data",
                "  Touchpoints: added 1 · removed 1 · changed 1",
            ]
        )
    )


def test_stats_write_both_states_on_the_journey_s_scale() -> None:
    # 1..5 has no negatives: its means are written as the rest of the stats write them, unsigned.
    shifted = (
        SOURCE.replace("stages:", "emotion_scale: {min: 1, max: 5}\nstages:")
        .replace("emotion: -1,", "emotion: 2,")
        .replace("emotion: 2, state: future", "emotion: 5, state: future")
        .replace("emotion: -2, future: {emotion: 1,", "emotion: 1, future: {emotion: 4,")
        .replace("emotion: 0}", "emotion: 3}")
    )
    text = stats.format_text(stats.stats(_journey(shifted)))
    assert text.endswith(
        "\n".join(
            [
                "Current and future state",
                "                 current    future",
                "  overall        2.00       4.00",
                "  arrive         1.50       4.50",
                "  leave          3.00       3.00",
                "  lowest moment  desk 1.00  no data",
                "  Touchpoints: added 1 · removed 1 · changed 1",
            ]
        )
    )
    assert "+" not in text.rpartition("Current and future state")[2]


def test_stats_without_a_future_state_say_nothing_of_one() -> None:
    plain = SOURCE.replace(", state: current", "").replace("      - {id: app", "      # {id: app")
    found = stats.stats(_journey(plain.replace(", future: {emotion: 1, change: Names}", "")))
    assert found["states"] is None
    assert "Current and future state" not in stats.format_text(found)


def test_diff_names_the_future_state() -> None:
    new = SOURCE.replace("future: {emotion: 1,", "future: {emotion: 2,").replace(
        "emotion: 0}", "emotion: 0, state: current}"
    )
    text = diffreport.format_text(semdiff.diff(_journey(), _journey(new)))
    assert text.splitlines() == [
        "Touchpoints",
        '  "Desk" (desk): future emotion: 1 -> 2',
        "  \"Bye\" (bye): state: 'both' -> 'current', now removed in the future state",
    ]


def test_diff_in_markdown_speaks_the_user_s_language() -> None:
    old = SOURCE
    new = old.replace("future: {emotion: 1,", "future: {emotion: 2,")
    i18n.use("ru")
    found = diffreport.format_markdown(semdiff.diff(_journey(old), _journey(new)))
    assert "  - в будущем `emotion`: 1 -> 2" in found.splitlines()


def test_cli_stats_compares_two_files(cli: Callable[..., tuple[int, str]], tmp_path: Path) -> None:
    now = write(tmp_path, SOURCE.replace(", future: {emotion: 1, change: Names}", ""), "now.yaml")
    then = write(tmp_path, SOURCE.replace("emotion: -2,", "emotion: 1,"), "then.yaml")
    code, out = cli("stats", str(now), "--future", str(then), "-F", "json")
    assert code == 0, out
    states = json.loads(out)["states"]
    # The future file's own `state: current` kiosk is not in its future; its added app is.
    assert states["touchpoints"] == {"added": 1, "removed": 1, "changed": 1}
    assert states["future"]["mean"] == 1.0
