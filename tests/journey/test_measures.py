"""Cross-checks of metrics, checklists, visits, waves and survey ratings, at exact positions.

Also what pydantic says about the new fields, retold by `messages` (a period key, a scale that
does not rise, a weight of 0, a criterion result written `yes`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import write

Cli = Callable[..., tuple[int, str]]

CROSS = """\
cjm: 1
title: T
stages:
  - id: buy
    name: Buy
    touchpoints:
      - id: desk
        name: Desk
        checklist:
          - {id: greet, name: Greets}
          - {id: greet, name: Greets again}
      - {id: door, name: Door}
outlets: [{id: north, name: North}]
metrics:
  - {id: csat, name: CSAT, kind: csat, target: 80, warning: 90, at: [dsk]}
  - {id: ces, name: CES, kind: ces, target: 3, warning: 2}
  - {id: wait, name: Wait, kind: custom, warning: 5}
  - {id: up, name: Up, kind: custom, better: lower, target: 3, warning: 3}
  - {id: big, name: Big, kind: conversion, target: 1234567, warning: 2345678.5}
actions:
  - {id: a1, title: A1, metric: csta}
  - {id: a2, title: A2, metric: CSAT at the desk}
  - {id: a3, title: A3, metric: csat}
research:
  - id: r1
    kind: survey
    title: R1
    study: audit
    visits:
      - {outlet: nort, results: {desk: {greet: true, gret: 10}, door: {x: 1}, dor: {a: true}}}
    scale: [1, 5]
    ratings: {desk: [1, 2, 3], doors: [1, 1, 1, 1, 1]}
  - id: r2
    kind: survey
    title: R2
    ratings: {desk: [1]}
  - id: r3
    kind: survey
    title: R3
    scale: [5, 1]
"""


def test_every_cross_check_of_the_new_parts_at_its_place(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path, CROSS)
    code, output = cli("validate", "--quiet", str(path))
    assert code == 1
    f = str(path)
    assert output.splitlines() == [
        f"{f}:11:18: error: stages[0].touchpoints[0].checklist[1].id: duplicate criterion "
        "'greet' in this checklist [duplicate-id]",
        "  hint: each criterion of a touchpoint's checklist has its own id",
        f"{f}:15:61: error: metrics[0].warning: the warning threshold 90 is on the better side "
        "of the target 80 [value]",
        "  hint: a warning threshold lies below the target when higher is better",
        f"{f}:15:70: error: metrics[0].at[0]: 'dsk' is not the id of a touchpoint or stage "
        "[reference]",
        "  hint: did you mean 'desk'?",
        f"{f}:16:57: error: metrics[1].warning: the warning threshold 2 is on the better side "
        "of the target 3 [value]",
        "  hint: a warning threshold lies above the target when lower is better",
        f"{f}:17:51: error: metrics[2].warning: a warning threshold needs a target [value]",
        "  hint: add `target:`, the value to reach; `warning:` lies on its worse side",
        # Numbers as people write them (was 2.34568e+06 and 1.23457e+06).
        f"{f}:19:70: error: metrics[4].warning: the warning threshold 2,345,678.5 is on the "
        "better side of the target 1,234,567 [value]",
        "  hint: a warning threshold lies below the target when higher is better",
        # An action's metric that looks like an id must name one; words stay words.
        f"{f}:21:33: error: actions[0].metric: 'csta' is not the id of a metric [reference]",
        "  hint: did you mean 'csat'?",
        f"{f}:28:5: error: research[0].study: a wave of a study needs a date: waves are "
        "ordered by it [missing-key]",
        "  hint: add `date:` (YYYY-MM-DD), the day the wave ended",
        f"{f}:29:5: error: research[0].visits: visits belong to mystery shopping, but this "
        "entry's kind is survey [value]",
        "  hint: set `kind: mystery_shopping`, or move the visits to an entry of that kind",
        f"{f}:30:18: error: research[0].visits[0].outlet: 'nort' is not the id of an outlet "
        "[reference]",
        "  hint: did you mean 'north'?",
        f"{f}:30:54: error: research[0].visits[0].results.desk.gret: 'gret' is not a criterion "
        "of the checklist of touchpoint 'desk' [reference]",
        "  hint: did you mean 'greet'?",
        f"{f}:30:72: error: research[0].visits[0].results.door.x: 'x' is not a criterion of "
        "the checklist of touchpoint 'door' [reference]",
        "  hint: add a `checklist:` to touchpoint 'door'",
        f"{f}:30:79: error: research[0].visits[0].results.dor: 'dor' is not the id of a "
        "touchpoint [reference]",
        "  hint: did you mean 'door'?",
        f"{f}:32:21: error: research[0].ratings.desk: 3 counts for a scale of 5 answers (1 to "
        "5) [value]",
        "  hint: give one count per answer, from the lowest to the highest",
        f"{f}:32:32: error: research[0].ratings.doors: 'doors' is not the id of a touchpoint "
        "[reference]",
        "  hint: did you mean 'door'?",
        f"{f}:36:5: error: research[1].ratings: ratings need the scale their answers are on "
        "[missing-key]",
        "  hint: add `scale: [1, 5]` (the lowest and highest answer) to this entry",
        f"{f}:40:12: error: research[2].scale: the scale [5, 1] does not rise [value]",
        "  hint: write the lowest answer first: [1, 5]",
    ]


def test_the_positions_are_those_of_the_values_named(tmp_path: Path) -> None:
    """The columns above, found from the text itself: each names what it points at."""
    lines = CROSS.splitlines()
    for line, column, text in [
        (11, 18, "greet"),
        (15, 61, "90"),
        (15, 70, "dsk"),
        (19, 70, "2345678.5"),
        (21, 33, "csta"),
        (30, 18, "nort"),
        (30, 54, "gret"),
        (30, 72, "x"),
        (30, 79, "dor"),
        (32, 21, "[1, 2, 3]"),
        (32, 32, "doors"),
        (40, 12, "[5, 1]"),
    ]:
        assert lines[line - 1][column - 1 :].startswith(text), (line, column, text)


@pytest.mark.parametrize(
    ("yaml", "expected"),
    [
        (
            "metrics:\n  - id: m\n    name: M\n    kind: csat\n    values: {2026-13: 5}\n",
            [
                "{f}:9:14: error: metrics[0].values.2026-13: '2026-13' is not a period [value]",
                "  hint: write a day, a month or a quarter: 2026-09-15, 2026-09 or 2026-Q3",
            ],
        ),
        (
            "metrics: [{id: m, name: M, kind: csat, scale: [5, 1]}]\n",
            [
                "{f}:5:47: error: metrics[0].scale: the scale [5, 1] does not rise [value]",
                "  hint: write the lowest value first: [1, 5]",
            ],
        ),
        (
            "metrics: [{id: m, name: M, kind: csat, values: {2026-09: 1e13}}]\n",
            [
                "{f}:5:58: error: metrics[0].values.2026-09: 1e13 is out of range: must be at "
                "most 1,000,000,000,000 [range]",
                "  hint: Measured values by period: a day (2026-09-15), a month (2026-09) or a "
                "quarter (2026-Q3). More can come from `metric_files`.",
            ],
        ),
        (
            "outlets: [{id: o, name: O}]\n"
            "research:\n  - id: r\n    kind: mystery_shopping\n    title: R\n"
            "    visits: [{outlet: o, results: {tp: {c: yes}}}]\n",
            [
                "{f}:10:44: error: research[0].visits[0].results.tp.c: expected true or false, "
                "got text 'yes' [type]",
                "  hint: write true or false; words like yes, no, on and off are text in journey "
                "files",
            ],
        ),
    ],
    ids=["period-key", "metric-scale", "huge-value", "criterion-yes"],
)
def test_pydantic_errors_on_the_new_fields(
    cli: Cli, tmp_path: Path, yaml: str, expected: list[str]
) -> None:
    head = "cjm: 1\ntitle: T\nstages:\n  - {id: s, name: S, touchpoints: [{id: tp, name: Tp}]}\n"
    path = write(tmp_path, head + yaml)
    code, output = cli("validate", "--quiet", str(path))
    assert code == 1
    assert output.splitlines() == [line.format(f=path) for line in expected]


def test_a_weight_of_0_is_out_of_range(cli: Cli, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "cjm: 1\ntitle: T\nstages:\n  - id: s\n    name: S\n    touchpoints:\n"
        "      - id: tp\n        name: Tp\n        checklist: [{id: c, name: C, weight: 0}]\n",
    )
    code, output = cli("validate", "--quiet", str(path))
    assert (code, output.splitlines()) == (
        1,
        [
            f"{path}:9:46: error: stages[0].touchpoints[0].checklist[0].weight: 0 is out of "
            "range: must be at least 1 [range]",
            "  hint: Its weight in the touchpoint's score, 1..100.",
        ],
    )


def test_a_valid_journey_of_every_new_part_has_no_finding(cli: Cli, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "cjm: 1\ntitle: T\nstages:\n  - id: s\n    name: S\n    touchpoints:\n"
        "      - id: tp\n        name: Tp\n        checklist: [{id: c, name: C, weight: 2}]\n"
        "outlets: [{id: o, name: O}]\n"
        "metrics:\n  - {id: m, name: M, kind: ces, target: 3, warning: 4, at: [tp, s]}\n"
        "actions:\n  - {id: a, title: A, metric: m, target: 2, baseline: 5}\n"
        "  - {id: b, title: B, metric: Calls per order}\n"
        "research:\n  - id: r\n    kind: mystery_shopping\n    title: R\n    date: 2026-06-30\n"
        "    study: audit\n    visits: [{outlet: o, results: {tp: {c: true}}}]\n"
        "    scale: [1, 5]\n    ratings: {tp: [1, 2, 3, 4, 5]}\n",
    )
    assert cli("validate", "--quiet", str(path)) == (0, "")


SCALE_HINT = (
    "  hint: write it in the metric's unit, on its scale; or correct `scale:` (a five-point CSAT "
    "is [1, 5], a percentage [0, 100])"
)


def test_a_target_warning_or_value_off_the_metrics_scale_is_an_error_at_it(
    cli: Cli, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        """\
cjm: 1
title: T
stages:
  - {id: s, name: S, touchpoints: [{id: desk, name: Desk}]}
metrics:
  - id: csat
    name: CSAT
    kind: csat
    scale: [1, 5]
    target: 45
    warning: 0.5
    values: {2026-08: 42, 2026-09: 4.5, 2026-10: 5}
""",
    )
    code, output = cli("validate", "--quiet", str(path))
    assert code == 1
    assert output.splitlines() == [
        f"{path}:10:13: error: metrics[0].target: the target 45 is outside the metric's scale "
        "[1, 5] [value]",
        SCALE_HINT,
        f"{path}:11:14: error: metrics[0].warning: the warning threshold 0.5 is outside the "
        "metric's scale [1, 5] [value]",
        SCALE_HINT,
        f"{path}:12:23: error: metrics[0].values.2026-08: the value 42 is outside the metric's "
        "scale [1, 5] [value]",
        SCALE_HINT,
    ]
