"""The one problem type and its three output formats."""

from __future__ import annotations

import json

from cjmctl.journey.diagnostics import (
    Diagnostic,
    JourneyError,
    format_github,
    format_json,
    format_path,
    format_text,
    printable,
    shorten,
)

ONE = Diagnostic(
    "maps/sofa.yaml",
    12,
    18,
    "3 is out of range: must be at most 2",
    "stages[1].touchpoints[0].emotion",
    "an integer from -2 to +2",
    "error",
    "range",
)


def test_text_format_is_file_line_column_then_hint() -> None:
    assert format_text([ONE]) == [
        "maps/sofa.yaml:12:18: error: stages[1].touchpoints[0].emotion: 3 is out of range: "
        "must be at most 2 [range]",
        "  hint: an integer from -2 to +2",
    ]


def test_text_format_without_path_hint_or_rule() -> None:
    assert format_text([Diagnostic("a.yaml", 1, 1, "the file is empty")]) == [
        "a.yaml:1:1: error: the file is empty"
    ]


def test_json_format_counts_and_lists_every_field() -> None:
    document = json.loads(format_json([ONE], files=3))
    assert document == {
        "files": 3,
        "errors": 1,
        "warnings": 0,
        "diagnostics": [
            {
                "file": "maps/sofa.yaml",
                "line": 12,
                "column": 18,
                "message": "3 is out of range: must be at most 2",
                "path": "stages[1].touchpoints[0].emotion",
                "hint": "an integer from -2 to +2",
                "severity": "error",
                "rule": "range",
            }
        ],
    }


def test_github_format_is_a_workflow_command() -> None:
    assert format_github([ONE]) == [
        "::error file=maps/sofa.yaml,line=12,col=18,title=cjmctl range::"
        "stages[1].touchpoints[0].emotion: 3 is out of range: must be at most 2%0A"
        "hint: an integer from -2 to +2"
    ]


def test_github_format_escapes_what_would_end_the_command() -> None:
    odd = Diagnostic("a,b:c%\n.yaml", 1, 2, "100% bad\r\nnext", severity="warning", rule="x")
    assert format_github([odd]) == [
        "::warning file=a%2Cb%3Ac%25%0A.yaml,line=1,col=2,title=cjmctl x::100%25 bad\\x0d\\x0anext"
    ]


def test_control_characters_never_reach_the_terminal() -> None:
    evil = Diagnostic("a.yaml", 1, 1, "unknown key '\x1b[31mred\x07'")
    assert format_text([evil]) == ["a.yaml:1:1: error: unknown key '\\x1b[31mred\\x07'"]
    assert printable("a\u2028b\x9bc\td") == "a\\u2028b\\x9bc\td"


def test_printable_escapes_controls_format_characters_and_separators() -> None:
    hidden = "\n\r\x1b\x7f\x85\xad\u061c\u200b\u200d\u200e\u202a\u202e\u2066\u2069\ufeff\u2029"
    assert printable(hidden) == (
        "\\x0a\\x0d\\x1b\\x7f\\x85\\xad\\u061c\\u200b\\u200d\\u200e\\u202a\\u202e\\u2066\\u2069"
        "\\ufeff\\u2029"
    )
    assert printable("tag\U000e0041 bad\udcff name") == "tag\\U000e0041 bad\\udcff name"
    # Letters of any script, emoji, no-break spaces and tabs are text.
    assert printable("Пункт\u00a0выдачи\t😀 日本") == "Пункт\u00a0выдачи\t😀 日本"


def test_diagnostics_sort_by_file_then_position() -> None:
    later = Diagnostic("a.yaml", 2, 1, "x")
    first = Diagnostic("a.yaml", 1, 5, "y")
    other = Diagnostic("0.yaml", 9, 9, "z")
    assert JourneyError([later, first, other]).diagnostics == [other, first, later]


def test_format_path() -> None:
    assert format_path(["stages", 1, "touchpoints", 0, "emotion", "anna"]) == (
        "stages[1].touchpoints[0].emotion.anna"
    )
    assert format_path([]) == ""


def test_shorten_cuts_long_text_with_an_ellipsis() -> None:
    assert shorten("a" * 60) == "a" * 60
    assert shorten("a" * 61) == "a" * 59 + "…"
    assert shorten("abcdef", 4) == "abc…"
