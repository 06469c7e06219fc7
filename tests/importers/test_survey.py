"""Survey exports: answers counted per touchpoint, reasons ranked, every bad cell at its place."""

from __future__ import annotations

from datetime import date

import pytest

from cjmctl.importers import survey
from cjmctl.journey import csvtable
from cjmctl.journey.diagnostics import JourneyError

MAPPING = """scale: [1, 5]
timestamp: Timestamp
touchpoints:
  Ordering: order
  Pick-up: pickup
reasons: Why not?
"""


def _count(csv: str, mapping: str = MAPPING) -> survey.Survey:
    table = csvtable.read(csv.encode(), "r.csv")
    return survey.summarise(table, survey.read_mapping(mapping, "m.yaml"))


def _problems(csv: str, mapping: str = MAPPING) -> list[str]:
    with pytest.raises(JourneyError) as caught:
        _count(csv, mapping)
    found = caught.value.diagnostics
    return [f"{d.file}:{d.line}:{d.column}: {d.message} ({d.hint})" for d in found]


def _mapping_problems(mapping: str, ids: list[str] | None = None) -> list[str]:
    with pytest.raises(JourneyError) as caught:
        survey.read_mapping(mapping, "m.yaml", ids)
    return [f"{d.line}:{d.column}: {d.message} ({d.hint})" for d in caught.value.diagnostics]


def test_answers_are_counted_per_touchpoint_and_skipped_ones_apart() -> None:
    counted = _count(
        "Timestamp,Ordering,Pick-up,Why not?\n"
        "2026-09-01 10:00,5,2,\n"
        "2026-09-03 11:00,4,,Parking\n"
        "2026-09-02 12:00, 1 ,3,\n"
    )
    assert counted.respondents == 3
    assert counted.ratings == {"order": [1, 0, 0, 1, 1], "pickup": [0, 1, 1, 0, 0]}
    assert counted.skipped == {"order": 0, "pickup": 1}
    assert counted.latest == date(2026, 9, 3)
    # (0 + 3 + 4) / 3 of 4 is 58.33; (1 + 2) / 2 of 4 is 37.5, rounded half up.
    assert counted.scores() == {"order": 58, "pickup": 38}


def test_reasons_are_ranked_by_count_ties_in_order_of_first_appearance() -> None:
    rows = ["Price", " parking ", "Stock", "", "Parking", "stock", "PRICE", "Colour", "   "]
    csv = "Timestamp,Ordering,Pick-up,Why not?\n" + "".join(
        f"2026-09-01,5,5,{reason}\n" for reason in rows
    )
    assert _count(csv).reasons == [("Price", 2), ("parking", 2), ("Stock", 2), ("Colour", 1)]


def test_a_checkbox_column_is_split_where_forms_joins_its_answers() -> None:
    mapping = MAPPING + 'reasons_split: ", "\n'
    csv = (
        "Timestamp,Ordering,Pick-up,Why not?\n"
        '2026-09-01,5,5,"Parking, Price"\n'
        "2026-09-01,5,5,Price\n"
    )
    assert _count(csv, mapping).reasons == [("Price", 2), ("Parking", 1)]


@pytest.mark.parametrize(
    ("stamp", "day"),
    [
        ("2026/09/14 10:32:11 AM GMT+3", date(2026, 9, 14)),
        ("2026-09-14T10:32:11", date(2026, 9, 14)),
        ("14.09.2026 10:32:11", date(2026, 9, 14)),
        ("9/14/2026 10:32:11", date(2026, 9, 14)),
        ("2026-09-14", date(2026, 9, 14)),
    ],
)
def test_timestamps_as_survey_tools_write_them(stamp: str, day: date) -> None:
    csv = f"Timestamp,Ordering,Pick-up,Why not?\n{stamp},5,5,\n"
    assert _count(csv).latest == day


def test_every_answer_that_cannot_be_counted_is_an_error_at_its_cell() -> None:
    csv = (
        "Timestamp,Ordering,Pick-up,Why not?\n"
        "2026-09-01,5,7,\n"
        "2026-09-01,four,4.5,\n"
        "yesterday,0,3,\n"
        "2026-02-30,3,3,Price,oops\n"
        ",3,3\n"
    )
    hint = "a rating is a whole number from 1 to 5, or empty if skipped"
    outside = "is outside the scale [1, 5] (is `scale:` in the mapping right? " + hint
    stamp = (
        "write it as 2026-09-14, 2026/09/14, 14.09.2026 or 9/14/2026 (month first); or leave "
        "`timestamp:` out of the mapping and give --date"
    )
    assert _problems(csv) == [
        f"r.csv:2:14: the answer 7 {outside})",
        f"r.csv:3:12: the answer 'four' is not a number ({hint})",
        f"r.csv:3:17: the answer '4.5' is not a whole number ({hint})",
        f"r.csv:4:1: the timestamp 'yesterday' cannot be read as a date ({stamp})",
        f"r.csv:4:11: the answer 0 {outside})",
        f"r.csv:5:1: the timestamp '2026-02-30' names no day of the calendar ({stamp})",
        "r.csv:5:22: a cell beyond the header's 4 columns (a decimal comma splits a number in two "
        'in a comma-separated file: quote it ("4,5"), write 4.5, or save the file separated by '
        "semicolons)",
        f"r.csv:6:1: the timestamp is empty ({stamp})",
    ]


def test_a_mapped_column_missing_from_the_header_is_reported_at_the_mapping() -> None:
    csv = "Timestamp,Ordering,Pickup,Reasons\n2026-09-01,5,5,\n"
    assert _problems(csv) == [
        "m.yaml:5:3: r.csv has no column 'Pick-up' (did you mean 'Pickup'?)",
        "m.yaml:6:1: r.csv has no column 'Why not?' (copy the header from the CSV's first row)",
    ]


def test_headers_match_ignoring_case_and_surrounding_spaces_but_not_twice() -> None:
    assert _count(" timestamp ,ORDERING,pick-up,why NOT?\n2026-09-01,5,5,\n").respondents == 1
    assert _problems("Timestamp,Ordering,Ordering,Pick-up,Why not?\n2026-09-01,5,5,5,\n") == [
        "m.yaml:4:3: 2 columns of r.csv are headed 'Ordering' (rename the questions apart in "
        "the export, so each has its own header)"
    ]


def test_bad_mapping_entries_are_reported_at_their_lines() -> None:
    mapping = """scale: [5, 1]
touchpoints:
  Ordering: Order
  Pick-up: pickup
  Parking: pickup
reason: Why not?
reasons_split: ", "
"""
    assert _mapping_problems(mapping) == [
        "1:1: `scale` is [lowest, highest]: two whole numbers, the lowest first (e.g. "
        "`scale: [1, 5]`; a rating question's answers)",
        "3:3: 'Order' is not a touchpoint id (ids are lowercase letters, digits, '-' and '_', "
        "as in the journey)",
        "5:3: a second column for the touchpoint 'pickup' (the first is at line 4; map one "
        "question to each touchpoint)",
        "6:1: unknown key 'reason' in a survey mapping (did you mean 'reasons'? the keys are "
        "scale, touchpoints, reasons, reasons_split, timestamp)",
        "7:1: `reasons_split` without `reasons` (name the reasons column in `reasons:`)",
    ]


def test_touchpoint_ids_are_checked_against_the_journey() -> None:
    assert _mapping_problems(MAPPING, ["order", "pick-up"]) == [
        "5:3: the journey has no touchpoint 'pickup' (did you mean 'pick-up'?)"
    ]


def test_a_mapping_without_scale_or_touchpoints_says_what_it_needs() -> None:
    assert _mapping_problems("reasons: Why not?\n") == [
        "1:1: the mapping has no `scale:` (add `scale: [1, 5]`: the lowest and highest answer "
        "of the rating questions)",
        "1:1: the mapping needs `touchpoints:`, column headers to touchpoint ids (e.g. "
        '`touchpoints: {"How easy was the pick-up?": pickup}`)',
    ]
    assert _mapping_problems("- scale\n") == [
        "1:1: a survey mapping is a mapping of keys to values (e.g. "
        '`reasons: "Why did you not buy?"`)'
    ]
    assert _mapping_problems("scale: [1, 5\n")[0].startswith("2:1: ")
