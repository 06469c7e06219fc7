"""The current and the future state: derived journeys, the flow of each, two files combined."""

from __future__ import annotations

import pytest

from cjmctl import load
from cjmctl.journey.checks import check
from cjmctl.journey.diagnostics import JourneyError
from cjmctl.journey.loader import load_bytes
from cjmctl.journey.model import Journey
from cjmctl.journey.states import (
    FutureState,
    combine,
    current_journey,
    future_journey,
    has_future,
    select,
)
from tests.conftest import EXAMPLES

# A removed kiosk, an added app check-in between it and the desk, a next naming the added one.
SOURCE = """\
cjm: 1
title: Branch
personas: [{id: ann, name: Ann}]
stages:
  - id: arrive
    name: Arrive
    touchpoints:
      - {id: door, name: Door, emotion: 0, next: [app]}
      - {id: kiosk, name: Kiosk, emotion: -1, state: current, pains: [Queue]}
      - {id: app, name: App, emotion: 1, state: future}
      - id: desk
        name: Desk
        emotion: {ann: -2}
        feeling: angry
        action: Waits
        claims: {emotion: {status: observed, source: logs}}
        future: {emotion: {ann: 1}, action: Is called by name, pains: [Lunch queue], change: Names}
  - id: leave
    name: Leave
    touchpoints:
      - {id: bye, name: Bye, emotion: 1}
actions:
  - {id: fix, title: Fix, addresses: [kiosk, desk, arrive]}
research:
  - {id: logs, kind: analytics, title: Logs, scores: {kiosk: 20, desk: 40}}
"""


def _journey(text: str = SOURCE) -> Journey:
    return load_bytes(text.encode(), "branch.yaml")


def _steps(journey: Journey, state: str = "current") -> list[tuple[str, str]]:
    return [(a.id, b.id) for a, b in journey.flow(state)]  # type: ignore[arg-type]


def _ids(journey: Journey) -> list[str]:
    return [tp.id for _, tp in journey.touchpoints()]


def test_the_current_flow_passes_over_added_touchpoints_and_resolves_a_next_to_one() -> None:
    # door's `next: [app]` names a touchpoint the current state lacks: it leads to the first
    # one after it that the state has, as a stage without touchpoints does.
    assert _steps(_journey()) == [("door", "desk"), ("kiosk", "desk"), ("desk", "bye")]


def test_the_future_flow_passes_over_removed_touchpoints() -> None:
    assert _steps(_journey(), "future") == [("door", "app"), ("app", "desk"), ("desk", "bye")]


def test_a_next_resolving_to_its_own_touchpoint_or_a_repeat_is_left_out() -> None:
    text = SOURCE.replace("next: [app]", "next: [desk, app]").replace(
        "{id: bye, name: Bye, emotion: 1}", "{id: bye, name: Bye, emotion: 1, next: [app, bye]}"
    )
    journey = _journey(text)
    # door -> desk, and app (-> desk) again is no second step; from bye, `app` leads back to
    # desk, and bye's own loop stays as written.
    assert _steps(journey) == [
        ("door", "desk"),
        ("kiosk", "desk"),
        ("desk", "bye"),
        ("bye", "desk"),
        ("bye", "bye"),
    ]


def test_the_future_journey_applies_future_fields_and_drops_removed_touchpoints() -> None:
    future = future_journey(_journey())
    assert _ids(future) == ["door", "app", "desk", "bye"]
    desk = future.stages[0].touchpoints[2]
    assert (desk.emotion, desk.action, desk.pains) == (
        {"ann": 1},
        "Is called by name",
        ["Lunch queue"],
    )
    assert (desk.feeling, desk.future, desk.state) == (None, None, "both")
    assert desk.claims.emotion is not None
    assert desk.claims.emotion.status == "proposed"
    assert future.actions[0].addresses == ["desk", "arrive"]
    assert future.research[0].scores == {"desk": 40}
    assert not has_future(future)


def test_the_current_journey_drops_added_touchpoints_and_every_future() -> None:
    current = current_journey(_journey())
    assert _ids(current) == ["door", "kiosk", "desk", "bye"]
    assert all(tp.future is None and tp.state == "both" for _, tp in current.touchpoints())
    assert current.stages[0].touchpoints[0].next == ["desk"]  # where `app` led
    assert current.stages[0].touchpoints[2].emotion == {"ann": -2}


@pytest.mark.parametrize("state", ["current", "future"])
def test_a_derived_journey_is_valid_and_flows_as_its_state(state: str) -> None:
    journey = _journey()
    derived = current_journey(journey) if state == "current" else future_journey(journey)
    assert check(derived) == []
    assert _steps(derived) == _steps(journey, state)


@pytest.mark.parametrize("state", ["current", "future"])
def test_the_bank_branch_states_are_valid_journeys_of_their_own(state: str) -> None:
    journey = load(EXAMPLES / "bank-branch.yaml")
    derived = select(journey, state)  # type: ignore[arg-type]
    assert check(derived) == []
    assert _steps(derived) == _steps(journey, state)
    # Read back from its JSON, a derived journey is the same journey.
    assert Journey.model_validate_json(derived.model_dump_json()) == derived


def test_select_both_is_the_journey_as_written() -> None:
    journey = _journey()
    assert select(journey, "both") is journey


def test_two_files_combine_into_one_journey_with_both_states() -> None:
    # Without door's `next`: the combined journey keeps the current file's (there is no
    # future `next`), so only the file order flow is the same in both.
    journey = _journey(SOURCE.replace(", next: [app]", ""))
    combined = combine(current_journey(journey), future_journey(journey))
    by_id = {tp.id: tp for _, tp in combined.touchpoints()}
    assert _ids(combined) == ["door", "kiosk", "app", "desk", "bye"]
    assert [by_id[i].state for i in ("door", "kiosk", "app", "desk")] == [
        "both",
        "current",
        "future",
        "both",
    ]
    assert by_id["desk"].future == FutureState(
        emotion={"ann": 1}, action="Is called by name", pains=["Lunch queue"]
    )
    assert by_id["door"].future is None
    assert check(combined) == []
    assert _steps(future_journey(combined)) == _steps(journey, "future")
    assert _steps(current_journey(combined)) == _steps(journey, "current")


def test_combine_adds_the_parts_only_the_future_file_has() -> None:
    now = _journey()
    then = _journey(
        SOURCE.replace("personas: [{id: ann, name: Ann}]", "personas: [{id: bob, name: Bob}]")
        .replace("{ann: -2}", "{bob: -2}")
        .replace("{ann: 1}", "{bob: 1}")
        .replace("  - id: leave\n", "  - {id: pay, name: Pay}\n  - id: leave\n")
    )
    combined = combine(now, then)
    assert [p.id for p in combined.personas] == ["ann", "bob"]
    assert [s.id for s in combined.stages] == ["arrive", "pay", "leave"]
    assert check(combined) == []


@pytest.mark.parametrize(
    ("state", "line", "message"),
    [
        ("future", 8, "`future:` on a touchpoint added in the future state (`state: future`)"),
        ("current", 8, "`future:` on a touchpoint removed in the future state (`state: current`)"),
    ],
)
def test_future_on_a_touchpoint_of_one_state_is_an_error_at_its_key(
    state: str, line: int, message: str
) -> None:
    text = f"""\
cjm: 1
title: T
stages:
  - name: S
    touchpoints:
      - name: A
        state: {state}
        future: {{emotion: 1}}
"""
    with pytest.raises(JourneyError) as caught:
        load_bytes(text.encode(), "t.yaml")
    [problem] = caught.value.diagnostics
    assert (problem.line, problem.column, problem.rule) == (line, 9, "state")
    assert (
        problem.message == f"stages[0].touchpoints[0].future: {message}"
        or problem.message == message
    )
