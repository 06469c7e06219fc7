"""Lint rules: each one on a minimal journey, exact messages and positions; disabling rules."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from pathlib import Path

import pytest

from cjmctl.health.lint import RULES, lint
from cjmctl.journey import loader
from cjmctl.journey.loader import Document
from tests.conftest import EXAMPLES

TODAY = date(2026, 11, 23)
HEAD = "cjm: 1\ntitle: T\nreviewed: 2026-11-01\nreview_every_days: 90\n"
# One stage `s` with one touchpoint `t` (lines 5-10); the touchpoint's own lines start at 11:9.
ONE = HEAD + "stages:\n  - id: s\n    name: S\n    touchpoints:\n      - id: t\n        name: T\n"
RESEARCH = "research:\n  - {id: r, kind: survey, title: R}\n"
PERSONAS = "personas: [{id: anna, name: Anna}, {id: boris, name: Boris}]\n"

Found = tuple[int, int, str, str, str]


def read(text: str) -> Document:
    return loader.read_bytes(text.encode(), "j.yaml")


def found(text: str, today: date = TODAY, disable: Collection[str] = ()) -> list[Found]:
    return [
        (d.line, d.column, d.severity, d.rule, d.message)
        for d in lint(read(text), today=today, disable=disable)
    ]


def hints(text: str) -> list[str]:
    return [d.hint for d in lint(read(text), today=TODAY)]


def test_the_rule_registry() -> None:
    assert {rule_id: rule.severity for rule_id, rule in RULES.items()} == {
        "unaddressed-pain": "warning",
        "unmeasured-action": "warning",
        "empty-stage": "warning",
        "unreachable-touchpoint": "warning",
        "dead-end": "warning",
        "unsupported-emotion": "info",
        "stale-map": "warning",
        "low-score": "warning",
        "duplicate-touchpoint": "info",
        "split-sentence": "warning",
        "dash-in-text": "warning",
        "overdue-action": "warning",
        "funnel-grows": "warning",
        "kpi-off-target": "warning",
        "kpi-near-target": "info",
        "kpi-stale": "warning",
        "kpi-unused": "info",
        "target-missed": "warning",
        "measured-differently": "info",
        "link-target-missing": "error",
        "important-unsatisfied": "warning",
        "observed-without-source": "warning",
        "pain-without-backstage-owner": "warning",
    }


def test_a_healthy_journey_has_no_findings() -> None:
    assert found(ONE) == []


# --- unaddressed-pain ------------------------------------------------------------------------


def test_negative_emotion_without_an_action() -> None:
    text = ONE + "        emotion: -1\n        evidence: [r]\n" + RESEARCH
    assert found(text) == [
        (
            11,
            9,
            "warning",
            "unaddressed-pain",
            "touchpoint 'T' has a negative emotion (-1), but no action addresses it",
        )
    ]
    assert hints(text) == [
        "add an action with `addresses: [t]` (or its stage, 's') to the action plan"
    ]


def test_pains_without_an_action_point_at_the_pains() -> None:
    assert found(
        ONE + "        emotion: 0\n        evidence: r\n        pains: Slow\n" + RESEARCH
    ) == [
        (
            13,
            9,
            "warning",
            "unaddressed-pain",
            "touchpoint 'T' has pains, but no action addresses it",
        )
    ]


def test_per_persona_emotion_names_the_unhappy_personas() -> None:
    text = (
        ONE + "        pains: Slow\n        emotion: {anna: -2, boris: 1}\n        evidence: [r]\n"
    )
    assert found(text + RESEARCH + PERSONAS) == [
        (
            12,
            9,
            "warning",
            "unaddressed-pain",
            "touchpoint 'T' has a negative emotion (anna: -2) and pains, "
            "but no action addresses it",
        )
    ]


ACTION = (
    "actions:\n  - {{title: Fix, addresses: [{target}], owner: O, metric: M, status: {status}}}\n"
)


@pytest.mark.parametrize(
    ("target", "status", "count"),
    [("t", "planned", 0), ("s", "done", 0), ("t", "dropped", 1), ("other", "planned", 1)],
)
def test_an_action_on_the_touchpoint_or_its_stage_addresses_it(
    target: str, status: str, count: int
) -> None:
    other = "  - {id: other, name: Other, touchpoints: [{id: o, name: O}]}\n"
    text = ONE + "        pains: Slow\n" + other + ACTION.format(target=target, status=status)
    assert [f[3] for f in found(text)] == ["unaddressed-pain"] * count


# --- unmeasured-action -----------------------------------------------------------------------


def test_action_without_metric_and_owner_gets_one_finding_for_each() -> None:
    text = ONE + "actions:\n  - title: Fix it\n    addresses: t\n"
    assert found(text) == [
        (12, 5, "warning", "unmeasured-action", "action 'Fix it' has no metric"),
        (12, 5, "warning", "unmeasured-action", "action 'Fix it' has no owner"),
    ]
    assert hints(text) == [
        "add `metric:` saying how the effect will be measured",
        "add `owner:` naming who does it",
    ]


def test_action_with_an_owner_lacks_only_the_metric_and_dropped_actions_need_neither() -> None:
    text = ONE + "actions:\n  - {title: A, owner: O}\n  - {title: B, status: dropped}\n"
    assert found(text) == [(12, 5, "warning", "unmeasured-action", "action 'A' has no metric")]


# --- empty-stage -----------------------------------------------------------------------------


def test_stage_without_touchpoints() -> None:
    text = ONE + "  - name: Later\n  - name: Empty\n    touchpoints: []\n"
    assert found(text) == [
        (11, 5, "warning", "empty-stage", "stage 'Later' has no touchpoints"),
        (12, 5, "warning", "empty-stage", "stage 'Empty' has no touchpoints"),
    ]
    assert hints(text)[0] == (
        "add the touchpoints where customers meet the company in this stage, or remove the stage"
    )


# --- unreachable-touchpoint ------------------------------------------------------------------


def test_touchpoints_the_flow_skips_and_those_only_they_lead_to() -> None:
    text = ONE + (
        "        next: [d]\n  - id: s2\n    name: S2\n    touchpoints:\n"
        "      - {id: b, name: B}\n      - {id: c, name: C}\n      - {id: d, name: D}\n"
    )
    assert found(text) == [
        (
            15,
            9,
            "warning",
            "unreachable-touchpoint",
            "touchpoint 'B' cannot be reached from the start of the journey",
        ),
        (
            16,
            9,
            "warning",
            "unreachable-touchpoint",
            "touchpoint 'C' cannot be reached from the start of the journey",
        ),
    ]
    assert hints(text)[0] == (
        "list 'b' in the `next` of a touchpoint customers reach, or remove the touchpoint"
    )


def test_every_touchpoint_of_the_first_stage_is_a_way_in() -> None:
    assert found(ONE + "        next: []\n      - {id: phone, name: Phone}\n") == []


def test_a_loop_back_to_a_stage_reaches_its_first_touchpoint() -> None:
    text = ONE + (
        "        next: [c]\n  - id: s2\n    name: S2\n    touchpoints:\n"
        "      - {id: b, name: B}\n      - {id: c, name: C, next: [s]}\n"
    )
    assert found(text) == [
        (
            15,
            9,
            "warning",
            "unreachable-touchpoint",
            "touchpoint 'B' cannot be reached from the start of the journey",
        )
    ]


# --- dead-end --------------------------------------------------------------------------------


def test_journey_ending_before_the_last_stage() -> None:
    text = ONE + "        next: []\n  - name: Later\n    touchpoints: [{id: u, name: U}]\n"
    assert found(text) == [
        (
            11,
            9,
            "warning",
            "dead-end",
            "the journey ends at touchpoint 'T', before the last stage",
        ),
        (
            13,
            19,
            "warning",
            "unreachable-touchpoint",
            "touchpoint 'U' cannot be reached from the start of the journey",
        ),
    ]
    assert hints(text)[0] == (
        "list where the customer goes next in `next`; if this is an exit, reach it from a fork: "
        "a touchpoint whose `next` lists it beside the way on"
    )


def test_an_exit_offered_by_a_fork_is_no_dead_end() -> None:
    text = ONE + (
        "        next: [u, quit]\n      - {id: quit, name: Quit, next: []}\n"
        "  - name: Later\n    touchpoints: [{id: u, name: U}]\n"
    )
    assert found(text) == []


def test_the_journey_may_end_in_the_last_stage() -> None:
    assert found(ONE + "        next: []\n") == []


# --- unsupported-emotion ---------------------------------------------------------------------


def test_emotion_without_evidence() -> None:
    text = ONE + "        emotion: 1\n"
    assert found(text) == [
        (11, 9, "info", "unsupported-emotion", "the emotion at touchpoint 'T' cites no research")
    ]
    assert hints(text) == [
        "add `evidence:` with the ids of the research entries it comes from, or say how it is "
        "known in `claims: {emotion: {status: assumed}}`; `cjmctl stats --evidence` lists every "
        "claim and what backs it"
    ]


# --- stale-map -------------------------------------------------------------------------------

REVIEWED = "cjm: 1\ntitle: T\nreviewed: 2026-06-15\nreview_every_days: 90\nstages: [{name: S}]\n"


def test_stale_map_points_at_reviewed() -> None:
    assert found(REVIEWED, disable=["empty-stage"]) == [
        (
            3,
            1,
            "warning",
            "stale-map",
            "the map is stale: last reviewed 2026-06-15, a review was due by 2026-09-13",
        )
    ]
    assert [d.hint for d in lint(read(REVIEWED), today=TODAY, disable=["empty-stage"])] == [
        "check the map against current research, then set `reviewed:` to that day"
    ]


@pytest.mark.parametrize(("today", "count"), [(date(2026, 9, 13), 0), (date(2026, 9, 14), 1)])
def test_the_map_is_stale_only_after_the_due_day(today: date, count: int) -> None:
    assert len(found(REVIEWED, today, ["empty-stage"])) == count


def test_missing_reviewed_is_an_info_and_missing_period_is_fine() -> None:
    assert found("cjm: 1\ntitle: T\nstages: [{name: S}]\n", disable=["empty-stage"]) == [
        (1, 1, "info", "stale-map", "the map has no `reviewed` date")
    ]
    no_period = "cjm: 1\ntitle: T\nreviewed: 2020-01-01\nstages: [{name: S}]\n"
    assert found(no_period, disable=["empty-stage"]) == []


# --- low-score -------------------------------------------------------------------------------

AUDIT = "research:\n  - id: audit\n    kind: mystery_shopping\n    title: Audit\n"


@pytest.mark.parametrize(("score", "count"), [(59, 1), (60, 0)])
def test_low_score_below_the_default_threshold(score: int, count: int) -> None:
    text = ONE + AUDIT + f"    scores: {{t: {score}}}\n"
    expected = (
        15,
        14,
        "warning",
        "low-score",
        f"touchpoint 'T' scores {score}, below 60, and no action addresses it",
    )
    assert found(text) == [expected] * count


def test_low_score_uses_the_file_threshold_and_actions() -> None:
    text = ONE + AUDIT + "    scores:\n      t: 69\n"
    assert found(text + "lint: {score_threshold: 70}\n") == [
        (
            16,
            7,
            "warning",
            "low-score",
            "touchpoint 'T' scores 69, below 70, and no action addresses it",
        )
    ]
    assert hints(text + "lint: {score_threshold: 70}\n") == [
        "add an action with `addresses: [t]` to the action plan"
    ]
    action = ACTION.format(target="t", status="in_progress")
    assert found(text + action + "lint: {score_threshold: 70}\n") == []


# --- duplicate-touchpoint --------------------------------------------------------------------


def test_duplicate_touchpoint_ignores_case_and_spaces() -> None:
    text = ONE + (
        "        channel: Web\n      - {id: again, name: '  t ', channel: web}\n"
        "      - {id: by-phone, name: T, channel: Phone}\n"
        "  - {id: other, name: Other, touchpoints: [{id: t3, name: T, channel: Web}]}\n"
    )
    assert found(text) == [
        (
            12,
            9,
            "info",
            "duplicate-touchpoint",
            "touchpoint '  t ' repeats another one of stage 'S' in the same channel",
        )
    ]
    assert hints(text) == [
        "the first is at stages[0].touchpoints[0]; merge the two or tell them apart by name"
    ]


# --- switching rules off ---------------------------------------------------------------------


def test_rules_are_switched_off_per_file_and_per_run() -> None:
    text = ONE + "        emotion: 1\n"
    assert found(text + "lint: {disable: [unsupported-emotion]}\n") == []
    assert found(text, disable=["unsupported-emotion"]) == []
    assert found(text, disable=["stale-map"]) == [
        (11, 9, "info", "unsupported-emotion", "the emotion at touchpoint 'T' cites no research")
    ]


def test_unknown_rule_in_the_file_is_an_error_and_the_rest_still_runs() -> None:
    text = ONE + "        emotion: 1\nlint:\n  disable: [unsupported-emotoin]\n"
    assert found(text) == [
        (11, 9, "info", "unsupported-emotion", "the emotion at touchpoint 'T' cites no research"),
        (13, 13, "error", "unknown-rule", "unknown lint rule 'unsupported-emotoin'"),
    ]
    assert hints(text)[1] == "did you mean 'unsupported-emotion'?"


def test_unknown_rule_far_from_any_lists_the_rules() -> None:
    assert hints(ONE + "lint: {disable: [xyz]}\n") == [
        "known rules: unaddressed-pain, unmeasured-action, empty-stage, unreachable-touchpoint, "
        "dead-end, unsupported-emotion, stale-map, low-score, duplicate-touchpoint, "
        "split-sentence, dash-in-text, overdue-action, funnel-grows, kpi-off-target, "
        "kpi-near-target, kpi-stale, kpi-unused, target-missed, measured-differently, "
        "link-target-missing, important-unsatisfied, observed-without-source, "
        "pain-without-backstage-owner"
    ]


def test_unknown_rule_in_the_run_is_a_value_error() -> None:
    with pytest.raises(
        ValueError, match=r"^unknown lint rule 'dead-ends'; did you mean 'dead-end'\?$"
    ):
        lint(read(ONE), today=TODAY, disable=["dead-ends"])


# --- the examples ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "rules"),
    [
        (
            "bank-branch.yaml",
            {
                *("stale-map", "unaddressed-pain", "unmeasured-action", "overdue-action"),
                "kpi-near-target",  # the wait is near its target, CSAT too
                "important-unsatisfied",  # nobody follows up a customer who walked out
                "pain-without-backstage-owner",  # the kiosk, the wait and the call
            },
        ),
        (
            "email-marketing-ru.yaml",
            {
                *("stale-map", "unaddressed-pain", "unsupported-emotion", "overdue-action"),
                "kpi-near-target",  # open and click rates short of their targets
            },
        ),
        (
            "furniture-store.yaml",
            {
                *("stale-map", "unaddressed-pain", "overdue-action", "kpi-near-target"),
                "measured-differently",  # a survey found the parking, analytics measures it
            },
        ),
    ],
)
def test_examples_lint(name: str, rules: set[str]) -> None:
    path: Path = EXAMPLES / name
    assert {d.rule for d in lint(loader.read(path), today=TODAY)} == rules


def test_messages_quote_long_names_and_ids_short() -> None:
    big = "a" * 2**19  # ten of them stay below the 8 MiB file limit
    text = (
        HEAD
        + f"stages:\n  - id: s{big}\n    name: S{big}\n    touchpoints:\n"
        + f"      - {{id: t{big}, name: T{big}, emotion: -2, next: []}}\n"
        + f"  - {{id: e{big}, name: E{big}}}\n"
        + f"actions: [{{title: A{big}, addresses: [e{big}]}}]\n"
        + f"lint: {{disable: [r{big}]}}\n"
    )
    findings = lint(read(text), today=TODAY)
    assert {d.rule for d in findings} >= {
        "unaddressed-pain",
        "unmeasured-action",
        "empty-stage",
        "dead-end",
        "unsupported-emotion",
        "unknown-rule",
    }
    for d in findings:
        assert len(d.message) + len(d.hint) + len(d.path) < 600, d.rule
        assert "…" in d.message, d.rule


# --- overdue-action --------------------------------------------------------------------------


def action(status: str, due: str = "2026-06-30") -> str:
    """ONE with one action; its `due` value is at 17:10."""
    return ONE + (
        "actions:\n  - id: a\n    title: Call back\n    owner: O\n    metric: M\n"
        f"    addresses: [t]\n    due: {due}\n    status: {status}\n"
    )


@pytest.mark.parametrize(
    ("status", "words"), [("planned", "planned"), ("in_progress", "in progress")]
)
def test_an_open_action_past_its_due_date_points_at_due(status: str, words: str) -> None:
    assert found(action(status), date(2026, 12, 1)) == [
        (
            17,
            10,
            "warning",
            "overdue-action",
            f"action 'Call back' was due 2026-06-30 and is still {words}",
        )
    ]
    assert hints(action(status)) == [
        "finish it and set `status: done`, drop it with `status: dropped`, "
        "or set `due:` to the day it will be done"
    ]


@pytest.mark.parametrize(
    ("status", "today"),
    [
        ("done", date(2026, 12, 1)),
        ("dropped", date(2026, 12, 1)),
        ("planned", date(2026, 6, 30)),  # due that day: not late yet
    ],
)
def test_a_closed_action_or_one_due_today_is_not_overdue(status: str, today: date) -> None:
    assert found(action(status), today) == []


# --- funnel-grows ----------------------------------------------------------------------------

GROWING = HEAD + (
    "stages:\n"
    "  - id: a\n    name: A\n    reached: 4200\n    touchpoints: [{id: t, name: T}]\n"
    "  - id: b\n    name: B\n    reached: 5000\n    touchpoints: [{id: u, name: U}]\n"
    "  - id: c\n    name: C\n    reached: 5000\n    touchpoints: [{id: v, name: V}]\n"
)


def test_a_growing_funnel_points_at_the_later_stage_s_count() -> None:
    assert found(GROWING) == [
        (
            12,
            14,
            "warning",
            "funnel-grows",
            "stage 'B' is reached by 5,000, more than the 4,200 of stage 'A' before it: "
            "the funnel grows, so no conversion can be shown",
        )
    ]
    assert hints(GROWING) == [
        "check both `reached` counts; if customers also come in another way, list that way "
        "in a `next`, or leave `reached` out where it is not known"
    ]


def test_a_larger_stage_that_a_branch_leads_to_is_no_growing_funnel() -> None:
    # C (5000) grows on B (4200), but T leads to it around B: B and C are alternatives.
    branch = HEAD + (
        "stages:\n"
        "  - id: a\n    name: A\n    reached: 9000\n"
        "    touchpoints: [{id: t, name: T, next: [u, v]}]\n"
        "  - id: b\n    name: B\n    reached: 4200\n    touchpoints: [{id: u, name: U}]\n"
        "  - id: c\n    name: C\n    reached: 5000\n    touchpoints: [{id: v, name: V}]\n"
    )
    assert found(branch) == []
    assert found(branch.replace("next: [u, v]", "next: [u]")) == [
        (
            16,
            14,
            "warning",
            "funnel-grows",
            "stage 'C' is reached by 5,000, more than the 4,200 of stage 'B' before it: "
            "the funnel grows, so no conversion can be shown",
        )
    ]


def test_the_readme_lists_every_rule_with_its_severity() -> None:
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    for rule_id, rule in RULES.items():
        assert f"| `{rule_id}` | {rule.severity} |" in readme, rule_id


# --- pain-without-backstage-owner ------------------------------------------------------------

OWNED = "pain-without-backstage-owner"
# Two touchpoints: `t` (lines 11-...) with pains, and `u` after it, which makes the map a
# blueprint when it has a lane.
BLUEPRINT = ONE + "        pains: Slow\n" + "      - id: u\n        name: U\n"


def _owned(text: str) -> list[tuple[int, int, str, str, str, str]]:
    return [
        (d.line, d.column, d.severity, d.path, d.message, d.hint)
        for d in lint(read(text), today=TODAY)
        if d.rule == OWNED
    ]


def test_a_pain_in_a_blueprint_without_a_backstage_owner_points_at_the_pains() -> None:
    for lane in ("frontstage: Greets", "backstage: [Files]", "support: CRM", "backstage_owner: B"):
        assert _owned(BLUEPRINT + f"        {lane}\n") == [
            (
                11,
                9,
                "warning",
                "stages[0].touchpoints[0].pains",
                "touchpoint 'T' has pains, but no backstage owner",
                "add `backstage_owner:` to 't', naming the team that owns the work behind it, "
                "so that someone fixes the cause of its pains",
            )
        ], lane


def test_the_rule_points_at_the_pains_key_wherever_it_is() -> None:
    text = ONE + "        backstage: Files\n        action: A\n        pains: [Slow, Rude]\n"
    assert [(line, column) for line, column, *_ in _owned(text)] == [(13, 9)]


def test_a_backstage_owner_or_no_pains_is_fine() -> None:
    assert _owned(ONE + "        pains: Slow\n        backstage_owner: Operations\n") == []
    assert _owned(ONE + "        backstage: Files\n") == []


def test_a_map_without_blueprint_lanes_is_not_checked() -> None:
    assert _owned(BLUEPRINT) == []
    assert [d.rule for d in lint(read(BLUEPRINT), today=TODAY)] == ["unaddressed-pain"]


def test_the_rule_can_be_switched_off() -> None:
    text = BLUEPRINT + "        backstage: Files\n"
    assert [d for d in lint(read(text), today=TODAY, disable=[OWNED]) if d.rule == OWNED] == []


def test_the_bank_branch_example_names_its_pains_without_a_backstage_owner() -> None:
    document = loader.read(EXAMPLES / "bank-branch.yaml")
    found = [d.path for d in lint(document, today=TODAY) if d.rule == OWNED]
    journey = document.journey
    expected = [
        f"stages[{i}].touchpoints[{j}].pains"
        for i, stage in enumerate(journey.stages)
        for j, tp in enumerate(stage.touchpoints)
        if tp.pains and not tp.backstage_owner
    ]
    assert found == expected
    assert len(expected) == 3
