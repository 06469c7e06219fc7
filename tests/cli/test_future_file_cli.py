"""`--future FILE` on a file that cannot join the journey: refused at its positions, exit 1.

Two files on different emotion scales would read one file's scores on the other's scale; the
combination of two valid files is checked as a whole, so nothing invalid is ever rendered.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from cjmctl.journey.loader import load, read
from cjmctl.journey.statefiles import check_whole
from cjmctl.journey.states import combine, current_journey, future_journey
from cjmctl.renderers.jsonexport import to_json
from tests.conftest import EXAMPLES, write

Streams = Callable[..., tuple[int, bytes, str]]

NOW = """\
cjm: 1
title: Now
emotion_scale: {min: 1, max: 5}
stages:
  - id: visit
    name: Visit
    touchpoints:
      - {id: door, name: Door, emotion: 3}
"""
THEN = """\
cjm: 1
title: Then
stages:
  - id: visit
    name: Visit
    touchpoints:
      - {id: door, name: Door, emotion: EMOTION}
      - {id: app, name: App, emotion: -2}
"""
ON_ONE_TO_FIVE = "the future state's file uses the emotion scale -2..+2, the journey 1..5"
HINT = (
    "score both files on one scale: give this file the journey's "
    "`emotion_scale: {min: 1, max: 5}` and its scores on it"
)


def _pair(tmp_path: Path, then: str, now: str = NOW) -> tuple[str, str]:
    return str(write(tmp_path, now, "now.yaml")), str(write(tmp_path, then, "then.yaml"))


@pytest.mark.parametrize("fmt", ["md", "html", "json", "csv"])
@pytest.mark.parametrize("emotion", ["-2", "2"])  # 2 is on both scales, and still means another
def test_a_future_file_on_another_scale_is_refused_at_its_first_score(
    cli_streams: Streams, tmp_path: Path, fmt: str, emotion: str
) -> None:
    now, then = _pair(tmp_path, THEN.replace("EMOTION", emotion))
    code, out, err = cli_streams("render", now, "--future", then, "-f", fmt, "-o", "-")
    assert (code, out) == (1, b"")
    assert err.splitlines()[:2] == [
        f"{then}:7:41: error: stages[0].touchpoints[0].emotion: {ON_ONE_TO_FIVE} [scale]",
        f"  hint: {HINT}",
    ]


def test_a_future_file_on_another_scale_is_refused_at_its_emotion_scale_key(
    cli_streams: Streams, tmp_path: Path
) -> None:
    then_text = NOW.replace("{min: 1, max: 5}", "{min: 1, max: 10}")
    now, then = _pair(tmp_path, then_text)
    code, _, err = cli_streams("render", now, "--future", then, "-f", "md", "-o", "-")
    assert code == 1
    message = "the future state's file uses the emotion scale 1..10, the journey 1..5"
    assert err.splitlines()[:2] == [
        f"{then}:3:1: error: emotion_scale: {message} [scale]",
        f"  hint: {HINT}",
    ]


def test_a_default_journey_asks_to_drop_the_future_file_s_scale(
    cli_streams: Streams, tmp_path: Path
) -> None:
    now, then = _pair(tmp_path, NOW, THEN.replace("EMOTION", "0"))
    code, _, err = cli_streams("render", now, "--future", then, "-f", "md", "-o", "-")
    assert code == 1
    message = "the future state's file uses the emotion scale 1..5, the journey -2..+2"
    hint = "score both files on one scale: -2..+2, the journey's; drop the `emotion_scale` here"
    assert err.splitlines()[:2] == [
        f"{then}:3:1: error: emotion_scale: {message} [scale]",
        f"  hint: {hint}",
    ]


def test_stats_refuse_a_future_file_on_another_scale(cli_streams: Streams, tmp_path: Path) -> None:
    now, then = _pair(tmp_path, THEN.replace("EMOTION", "2"))
    code, out, err = cli_streams("stats", now, "--future", then)
    assert (code, out) == (1, b"")
    assert err.splitlines()[0] == (
        f"{then}:7:41: error: stages[0].touchpoints[0].emotion: {ON_ONE_TO_FIVE} [scale]"
    )


def test_a_future_file_without_scores_fits_any_scale(cli_streams: Streams, tmp_path: Path) -> None:
    then_text = THEN.replace(", emotion: EMOTION", "").replace(", emotion: -2", "")
    now, then = _pair(tmp_path, then_text)
    code, out, err = cli_streams("render", now, "--future", then, "-f", "json", "-o", "-")
    assert code == 0, err
    touchpoints = json.loads(out)["stages"][0]["touchpoints"]
    assert [(tp["id"], tp["state"], tp["emotion"]) for tp in touchpoints] == [
        ("door", "both", 3),
        ("app", "future", None),
    ]


def test_a_future_file_on_the_same_scale_combines(cli_streams: Streams, tmp_path: Path) -> None:
    then_text = NOW.replace("emotion: 3}", "emotion: 4}\n      - {id: app, name: App, emotion: 5}")
    now, then = _pair(tmp_path, then_text)
    code, out, err = cli_streams("render", now, "--future", then, "-f", "md", "-o", "-")
    assert code == 0, err
    assert "Target emotion: 4 positive" in out.decode()


def test_an_id_the_two_files_give_two_parts_is_reported_in_the_future_file(
    cli_streams: Streams, tmp_path: Path
) -> None:
    now_text = NOW.replace("stages:", "personas: [{id: app, name: Ann}]\nstages:")
    then_text = THEN.replace("EMOTION", "3").replace("-2", "1")
    then_text = then_text.replace("stages:", "emotion_scale: {min: 1, max: 5}\nstages:")
    now, then = _pair(tmp_path, then_text, now_text)
    code, out, err = cli_streams("render", now, "--future", then, "-f", "html", "-o", "-")
    assert (code, out) == (1, b"")
    assert err.splitlines()[:2] == [
        f"{then}:9:14: error: stages[0].touchpoints[1].id: the two files combined: "
        "duplicate id 'app', already used at personas[0] [duplicate-id]",
        "  hint: ids are unique across the whole file, whatever they name; rename one",
    ]


def test_the_checked_whole_is_the_combined_journey() -> None:
    # The bank branch's two states, as two files: validating the combination changes nothing.
    document = read(EXAMPLES / "bank-branch.yaml")
    journey = load(EXAMPLES / "bank-branch.yaml")
    together = combine(current_journey(journey), future_journey(journey))
    whole, problems = check_whole(together, document, document)
    assert problems == []
    assert whole is not None
    assert to_json(whole) == to_json(together)
