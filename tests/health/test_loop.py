"""Rules of the loop: KPIs against targets, stale and unused metrics, actions measured by them.

Each journey is inline; the metric `csat` (lines 11-18) sits under one stage `s` with one
touchpoint `t`, and its values follow from line 19 (`values:`) on.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

import pytest

from cjmctl.health.lint import lint
from cjmctl.journey import loader
from tests.conftest import ROOT

TODAY = date(2026, 11, 23)
ONE = (
    "cjm: 1\ntitle: T\nreviewed: 2026-11-01\nreview_every_days: 90\n"
    "stages:\n  - id: s\n    name: S\n    touchpoints:\n      - id: t\n        name: T\n"
)
CSAT = (
    "metrics:\n  - id: csat\n    name: CSAT\n    kind: csat\n    unit: '%'\n    at: [t]\n"
    "    target: 80\n    warning: 70\n"
)
LOOP = (
    "kpi-off-target",
    "kpi-near-target",
    "kpi-stale",
    "kpi-unused",
    "target-missed",
    "measured-differently",
)

Found = tuple[int, int, str, str, str]


def found(
    text: str, today: date = TODAY, rules: Collection[str] = LOOP, *, hints: bool = False
) -> list[Found] | list[str]:
    """The findings of `rules` only: (line, column, severity, rule, message), or their hints."""
    document = loader.read_bytes(text.encode(), "j.yaml")
    findings = [d for d in lint(document, today=today) if d.rule in rules]
    if hints:
        return [d.hint for d in findings]
    rows: list[Found] = [(d.line, d.column, d.severity, d.rule, d.message) for d in findings]
    return rows


def values(*pairs: str) -> str:
    """CSAT with values on lines 20, 21...: `values("2026-10: 65")`."""
    return CSAT + "    values:\n" + "".join(f"      {pair}\n" for pair in pairs)


# --- kpi-off-target ----------------------------------------------------------------------


def test_the_latest_value_off_target_is_a_warning_at_its_key() -> None:
    text = ONE + values("2026-10: 65", "2026-09: 90")
    assert found(text) == [
        (
            20,
            7,
            "warning",
            "kpi-off-target",
            "metric 'CSAT' is 65% in 2026-10, off its target of 80% (higher is better)",
        )
    ]
    assert found(text, hints=True) == [
        "plan an action with `metric: csat` to bring it back, or change `target:` if the goal "
        "has moved"
    ]


def test_a_value_between_target_and_warning_is_an_info() -> None:
    text = ONE + values("2026-09: 50", "2026-10: 72.5")
    assert found(text) == [
        (
            21,
            7,
            "info",
            "kpi-near-target",
            "metric 'CSAT' is 72.5% in 2026-10, short of its target of 80% (higher is better)",
        )
    ]
    assert found(text, hints=True) == [
        "it has not passed the warning threshold of 70% yet; plan an action before it does"
    ]


@pytest.mark.parametrize("value", ["80", "95"])
def test_a_value_on_or_past_the_target_is_fine(value: str) -> None:
    assert found(ONE + values("2026-09: 10", f"2026-10: {value}")) == []


def test_lower_is_better_for_abandonment_and_without_a_warning_there_is_no_near() -> None:
    text = ONE + (
        "metrics:\n  - id: quit\n    name: Carts left\n    kind: abandonment\n    at: [s]\n"
        "    target: 5\n    values: {2026-Q4: 5.5}\n"
    )
    assert found(text) == [
        (
            17,
            14,
            "warning",
            "kpi-off-target",
            "metric 'Carts left' is 5.5 in 2026-Q4, off its target of 5 (lower is better)",
        )
    ]
    assert found(text.replace("5.5", "4")) == []


def test_a_small_value_keeps_its_significant_digits() -> None:
    text = ONE + values("2026-10: 0.004").replace("target: 80\n    warning: 70", "target: 0.01")
    assert [f[4] for f in found(text)] == [
        "metric 'CSAT' is 0.004% in 2026-10, off its target of 0.01% (higher is better)"
    ]


def test_a_metric_without_a_target_is_never_off_it() -> None:
    no_target = values("2026-10: 1").replace("    target: 80\n    warning: 70\n", "")
    assert found(ONE + no_target) == []


# --- kpi-stale ---------------------------------------------------------------------------


def test_a_metric_without_values_is_stale() -> None:
    assert found(ONE + CSAT) == [(12, 5, "warning", "kpi-stale", "metric 'CSAT' has no values yet")]
    assert found(ONE + CSAT, hints=True) == [
        "add the measured values under `values:` (`2026-09: 62`) or in a CSV file of `metric_files`"
    ]


@pytest.mark.parametrize(("today", "count"), [(date(2026, 12, 1), 0), (date(2026, 12, 2), 1)])
def test_stale_more_than_62_days_after_the_period_ended(today: date, count: int) -> None:
    # September ends on the 30th; December 1st is 62 days later.
    text = ONE + values("2026-08: 90", "2026-09: 90")
    assert (
        found(text, today)
        == [
            (
                21,
                7,
                "warning",
                "kpi-stale",
                "metric 'CSAT' was last measured in 2026-09, more than 62 days before 2026-12-02",
            )
        ][:count]
    )
    assert (
        found(text, today, hints=True)
        == [
            "add the values measured since, or raise `lint.kpi_stale_days` if it is measured less "
            "often"
        ][:count]
    )


def test_the_file_sets_the_stale_age() -> None:
    text = ONE + values("2026-10: 90") + "lint: {kpi_stale_days: 22}\n"
    assert [f[4] for f in found(text)] == [  # October 31 is 23 days before November 23
        "metric 'CSAT' was last measured in 2026-10, more than 22 days before 2026-11-23"
    ]
    assert found(text.replace("22}", "23}")) == []


# --- kpi-unused --------------------------------------------------------------------------

UNATTACHED = values("2026-10: 90").replace("    at: [t]\n", "")


def test_a_metric_attached_to_nothing_and_measuring_no_action() -> None:
    assert found(ONE + UNATTACHED) == [
        (
            12,
            5,
            "info",
            "kpi-unused",
            "metric 'CSAT' belongs to no touchpoint or stage, and no action is measured by it",
        )
    ]
    assert found(ONE + UNATTACHED, hints=True) == [
        "list where it is measured in `at:`, name it in an action's `metric: csat`, or remove it"
    ]


@pytest.mark.parametrize(("status", "count"), [("planned", 0), ("done", 0), ("dropped", 1)])
def test_a_metric_an_action_is_measured_by_is_used(status: str, count: int) -> None:
    plan = f"actions:\n  - {{title: A, owner: O, addresses: [t], metric: csat, status: {status}}}\n"
    assert [f[3] for f in found(ONE + UNATTACHED + plan)] == ["kpi-unused"] * count


# --- target-missed -----------------------------------------------------------------------


def plan(*fields: str) -> str:
    """One action measured by `csat`, its `metric` key last: 7 + len(fields) lines on."""
    lines = ["title: Parking", "addresses: [t]", "owner: O", "status: done", *fields]
    return (
        "actions:\n  - id: a\n" + "".join(f"    {line}\n" for line in lines) + "    metric: csat\n"
    )


NEAR = ONE + values("2026-09: 75")  # near the target of 80: not met


@pytest.mark.parametrize(("today", "count"), [(date(2026, 9, 28), 0), (date(2026, 9, 29), 1)])
def test_a_done_action_whose_metric_misses_the_target_90_days_on(today: date, count: int) -> None:
    # Finished June 30th: 90 days pass on September 28th.
    text = NEAR + plan("finished: 2026-06-30")
    assert (
        found(text, today, ["target-missed"])
        == [
            (
                28,
                5,
                "warning",
                "target-missed",
                "action 'Parking' was done (finished 2026-06-30), but 'csat' is 75% in 2026-09, "
                "short of the target of 80% (higher is better) more than 90 days on",
            )
        ][:count]
    )
    assert (
        found(text, today, ["target-missed"], hints=True)
        == [
            "plan what to try next (reopen it with `status: in_progress`, or add an action for the "
            "same touchpoints), or change the target if it was wrong"
        ][:count]
    )


def test_without_finished_the_due_date_counts_and_the_file_sets_the_days() -> None:
    text = NEAR + plan("due: 2026-08-01") + "lint: {target_after_days: 30}\n"
    assert [f[4] for f in found(text, rules=["target-missed"])] == [
        "action 'Parking' was done (due 2026-08-01), but 'csat' is 75% in 2026-09, short of "
        "the target of 80% (higher is better) more than 30 days on"
    ]


@pytest.mark.parametrize(
    "fields",
    [
        ("finished: 2026-06-30", "target: 75"),  # the action's own target is met
        ("finished: 2026-06-30", "target: under 5 minutes"),  # words: the metric's (80) counts
        (),  # neither finished nor due: no day to count from
    ],
)
def test_the_action_s_numeric_target_counts_first(fields: tuple[str, ...]) -> None:
    expected = 1 if "target: under 5 minutes" in fields else 0
    assert len(found(NEAR + plan(*fields), rules=["target-missed"])) == expected


@pytest.mark.parametrize("before", ["75", "85"])  # off or met: neither speaks for the action
def test_only_values_measured_since_the_action_finished_judge_it(before: str) -> None:
    text = ONE + values(f"2026-09: {before}") + plan("finished: 2026-10-15")
    assert found(text, date(2027, 2, 1), ["target-missed"]) == [
        (
            28,
            5,
            "warning",
            "target-missed",
            "action 'Parking' was done (finished 2026-10-15), but 'csat' has no value measured "
            "since, more than 90 days on",
        )
    ]
    assert found(text, date(2027, 2, 1), ["target-missed"], hints=True) == [
        "add the values measured since it was done: only they show whether the action reached "
        "its target of 80%"
    ]
    # October ends after the 15th: its value is measured since
    met = ONE + values(f"2026-09: {before}", "2026-10: 85") + plan("finished: 2026-10-15")
    assert found(met, date(2027, 2, 1), ["target-missed"]) == []
    off = met.replace("2026-10: 85", "2026-10: 72")
    assert [f[4] for f in found(off, date(2027, 2, 1), ["target-missed"])] == [
        "action 'Parking' was done (finished 2026-10-15), but 'csat' is 72% in 2026-10, short of "
        "the target of 80% (higher is better) more than 90 days on"
    ]


def test_an_open_action_has_not_missed_its_target() -> None:
    text = NEAR + plan("finished: 2026-06-30").replace("status: done", "status: in_progress")
    assert found(text, rules=["target-missed"]) == []


# --- unmeasured-action, extended ---------------------------------------------------------


def test_an_action_measured_by_a_metric_without_values() -> None:
    text = ONE + CSAT + plan().replace("status: done", "status: planned")
    assert found(text, rules=["unmeasured-action"]) == [
        (
            25,
            5,
            "warning",
            "unmeasured-action",
            "action 'Parking' is measured by 'csat', which has no values yet",
        )
    ]
    assert found(text, rules=["unmeasured-action"], hints=True) == [
        "add the metric's values under `values:` or in a CSV file of `metric_files`"
    ]


@pytest.mark.parametrize(("started", "count"), [("2026-10-01", 1), ("2026-09-30", 0)])
def test_an_action_measured_by_no_value_since_it_started(started: str, count: int) -> None:
    text = NEAR + plan(f"started: {started}").replace("status: done", "status: in_progress")
    assert (
        found(text, rules=["unmeasured-action"])
        == [
            (
                28,
                5,
                "warning",
                "unmeasured-action",
                f"action 'Parking' is measured by 'csat', which has no values since the action "
                f"started on {started}",
            )
        ][:count]
    )


def test_a_metric_named_in_words_needs_no_values() -> None:
    text = ONE + "actions:\n  - {title: A, owner: O, addresses: [t], metric: Calls per day}\n"
    assert found(text, rules=["unmeasured-action"]) == []


# --- measured-differently ----------------------------------------------------------------

AUDITED = ONE.replace("name: T\n", "name: T\n        evidence: [audit, talks]\n") + (
    "research:\n  - {id: audit, kind: mystery_shopping, title: Audit}\n"
    "  - {id: talks, kind: interview, title: Talks}\n"
)


def test_an_action_measured_by_another_kind_of_research_than_found_the_problem() -> None:
    # The action addresses the stage `s`, so the evidence of its touchpoint `t` counts.
    text = AUDITED + values("2026-10: 90") + plan().replace("[t]", "[s]")
    assert found(text) == [
        (
            31,
            5,
            "info",
            "measured-differently",
            "action 'Parking' is measured by 'csat' (survey), but the problem was found by "
            "mystery shopping and interview",
        )
    ]
    assert found(text, hints=True) == [
        "measure it with the same kind of research as found the problem: use a metric of that "
        "kind, or set `method:` on 'csat' if it is one"
    ]


def test_each_kind_behind_the_problem_is_named_once() -> None:
    text = AUDITED.replace("[audit, talks]", "[audit, audit-2]").replace(
        "  - {id: talks, kind: interview, title: Talks}\n",
        "  - {id: audit-2, kind: mystery_shopping, title: Audit 2}\n",
    )
    (finding,) = found(text + values("2026-10: 90") + plan(), rules=["measured-differently"])
    assert finding[4].endswith("but the problem was found by mystery shopping")


@pytest.mark.parametrize(
    "change",
    [
        ("    kind: csat\n", "    kind: csat\n    method: interview\n"),  # one of the kinds
        ("[audit, talks]", "[]"),  # no evidence: nothing to compare with
        ("kind: csat", "kind: custom"),  # a custom metric without `method`: kind unknown
    ],
)
def test_the_same_kind_or_nothing_to_compare_is_fine(change: tuple[str, str]) -> None:
    text = AUDITED + values("2026-10: 90") + plan()
    assert found(text.replace(*change), rules=["measured-differently"]) == []


# --- low-score on computed scores and waves ----------------------------------------------

CHECKED = ONE.replace(
    "name: T\n", "name: T\n        checklist: [{id: hi, name: Greets}, {id: wait, name: Wait}]\n"
)


def wave(entry: str, when: str, *results: str) -> str:
    """A mystery-shopping wave of study `audit`; one visit per result (`{hi: true, wait: 40}`)."""
    visits = "".join(f"      - {{outlet: o, results: {{t: {r}}}}}\n" for r in results)
    return (
        f"  - id: {entry}\n    kind: mystery_shopping\n    title: Audit\n    study: audit\n"
        f"    date: {when}\n    visits:\n{visits}"
    )


def test_only_the_latest_wave_of_a_study_counts_and_points_at_its_visits() -> None:
    head = CHECKED + "outlets: [{id: o, name: O}]\nresearch:\n"
    low = wave("q2", "2026-06-01", "{hi: false, wait: 40}", "{hi: true, wait: 50}")
    high = wave("q1", "2026-03-01", "{hi: true, wait: 90}")
    # Q2, written second and dated later, is the latest: its visits score 20 and 75, 47.5.
    assert found(head + high + low, rules=["low-score"]) == [
        (
            26,
            5,
            "warning",
            "low-score",
            "touchpoint 'T' scores 47.5, below 60, and no action addresses it",
        )
    ]
    assert found(head + low.replace("2026-06-01", "2025-12-01") + high, rules=["low-score"]) == []


def test_a_score_from_survey_ratings_points_at_its_touchpoint_under_ratings() -> None:
    text = ONE + (
        "research:\n  - id: r\n    kind: survey\n    title: R\n    scale: [1, 5]\n"
        "    ratings:\n      t: [10, 10, 0, 0, 0]\n"
    )
    assert found(text, rules=["low-score"]) == [
        (
            17,
            7,
            "warning",
            "low-score",
            "touchpoint 'T' scores 12.5, below 60, and no action addresses it",
        )
    ]


# --- metric values from a CSV file -------------------------------------------------------


def test_findings_about_a_value_from_a_csv_file_point_at_its_cell() -> None:
    document = loader.read(ROOT / "tests" / "fixtures" / "loop" / "journey.yaml")
    findings = lint(document, today=date(2027, 1, 2))
    assert [(d.file, d.line, d.column, d.rule) for d in findings] == [
        (str(ROOT / "tests/fixtures/loop/kpi.csv"), 3, 21, "kpi-off-target"),
        (str(ROOT / "tests/fixtures/loop/kpi.csv"), 3, 21, "kpi-stale"),
    ]
    assert findings[0].message == (
        "metric 'CSAT at pick-up' is 61% in 2026-10, off its target of 80% (higher is better)"
    )


def test_a_written_score_of_an_older_wave_is_history() -> None:
    entry = (
        "  - {{id: {id}, kind: survey, title: R, study: q, date: {day}, scores: {{t: {score}}}}}\n"
    )
    old = entry.format(id="may", day="2026-05-01", score=40)
    new = entry.format(id="june", day="2026-06-01", score=90)
    assert found(ONE + "research:\n" + new + old, rules=["low-score"]) == []
    assert [f[4] for f in found(ONE + "research:\n" + old, rules=["low-score"])] == [
        "touchpoint 'T' scores 40, below 60, and no action addresses it"
    ]
