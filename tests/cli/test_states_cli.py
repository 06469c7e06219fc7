"""`render --state` draws one state alone; `render --future FILE` compares two files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from cjmctl.journey.loader import load
from cjmctl.journey.states import current_journey, future_journey
from cjmctl.renderers.jsonexport import to_json
from tests.conftest import EXAMPLES, copy_example, write

Streams = Callable[..., tuple[int, bytes, str]]
BANK = EXAMPLES / "bank-branch.yaml"


def _ids(document: bytes) -> list[str]:
    return [tp["id"] for s in json.loads(document)["stages"] for tp in s["touchpoints"]]


def test_state_future_renders_the_future_journey(cli_streams: Streams) -> None:
    code, out, err = cli_streams("render", str(BANK), "-f", "json", "-o", "-", "--state", "future")
    assert code == 0, err
    assert out.decode() == to_json(future_journey(load(BANK)))
    assert "queue-kiosk" not in _ids(out)
    assert "app-check-in" in _ids(out)


def test_state_current_renders_the_current_journey(cli_streams: Streams) -> None:
    code, out, err = cli_streams("render", str(BANK), "-f", "json", "-o", "-", "--state", "current")
    assert code == 0, err
    assert out.decode() == to_json(current_journey(load(BANK)))
    assert "queue-kiosk" in _ids(out)
    assert "app-check-in" not in _ids(out)


def test_state_future_html_says_which_state_it_shows(cli_streams: Streams) -> None:
    code, out, _ = cli_streams("render", str(BANK), "-o", "-", "--state", "future")
    assert code == 0
    assert '<p class="view-of">Future state</p>' in out.decode()
    assert "future-point" not in out.decode()  # one state alone: one curve


def test_mermaid_shows_the_current_state_unless_asked(cli_streams: Streams) -> None:
    both = cli_streams("render", str(BANK), "-f", "mermaid", "-o", "-")[1].decode()
    future = cli_streams("render", str(BANK), "-f", "mermaid", "-o", "-", "--state", "future")
    assert "Queue ticket kiosk" in both
    assert "Check-in in the app" not in both
    assert "Check-in in the app" in future[1].decode()


def test_an_unknown_state_is_a_usage_error(cli_streams: Streams) -> None:
    code, _, err = cli_streams("render", str(BANK), "--state", "later")
    assert code == 2
    assert "'later' is not one of 'both', 'current', 'future'" in " ".join(err.split())


def test_future_file_is_compared_with_the_journey(cli_streams: Streams, tmp_path: Path) -> None:
    now = copy_example("bank-branch.yaml", tmp_path / "now.yaml")
    journey = load(now)
    write(tmp_path, to_json(current_journey(journey)), "current.json")
    write(tmp_path, to_json(future_journey(journey)), "future.json")
    code, out, err = cli_streams(
        "render",
        str(tmp_path / "current.json"),
        "--future",
        str(tmp_path / "future.json"),
        "-f",
        "json",
        "-o",
        "-",
    )
    assert code == 0, err
    by_id = {tp["id"]: tp for s in json.loads(out)["stages"] for tp in s["touchpoints"]}
    assert by_id["queue-kiosk"]["state"] == "current"
    assert by_id["app-check-in"]["state"] == "future"
    assert by_id["waiting-area"]["future"]["emotion"] == 4
    assert by_id["phone-booking"]["future"] is None


def test_an_invalid_future_file_is_reported_at_its_positions(
    cli_streams: Streams, tmp_path: Path
) -> None:
    now = write(tmp_path, "cjm: 1\ntitle: T\nstages: [{name: S}]\n", "now.yaml")
    bad = write(
        tmp_path, "cjm: 1\ntitle: T\nstages:\n  - name: S\n    touchpoints: 3\n", "then.yaml"
    )
    out_file = tmp_path / "now.html"
    code, out, err = cli_streams("render", str(now), "--future", str(bad), "-o", str(out_file))
    assert code == 1
    assert out == b""
    assert f"{bad}:5:18: error: stages[0].touchpoints: expected a list" in err
    assert not out_file.exists()


def test_an_unreadable_future_file_is_reported(cli_streams: Streams, tmp_path: Path) -> None:
    now = write(tmp_path, "cjm: 1\ntitle: T\nstages: [{name: S}]\n", "now.yaml")
    code, _, err = cli_streams("render", str(now), "--future", str(tmp_path / "gone.yaml"))
    assert code == 1
    assert f"{tmp_path / 'gone.yaml'}:1:1: error: cannot read the file" in err


def test_future_takes_one_journey(cli_streams: Streams, tmp_path: Path) -> None:
    one = write(tmp_path, "cjm: 1\ntitle: T\nstages: [{name: S}]\n", "one.yaml")
    two = write(tmp_path, "cjm: 1\ntitle: U\nstages: [{name: S}]\n", "two.yaml")
    code, _, err = cli_streams("render", str(one), str(two), "--future", str(one))
    assert code == 2
    assert "it compares one journey with its future, but 2 were given" in " ".join(err.split())
