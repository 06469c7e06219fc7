"""The loader: encodings, limits, model errors mapped back to YAML positions, cross-references."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from pydantic_core.core_schema import ErrorType

from cjmctl.journey import loader, messages, reading
from cjmctl.journey.diagnostics import JourneyError, format_json, format_text
from cjmctl.journey.model import Journey

HEAD = "cjm: 1\ntitle: T\n"


def errors(source: str | bytes) -> list[tuple[int, int, str, str]]:
    data = source.encode() if isinstance(source, str) else source
    with pytest.raises(JourneyError) as caught:
        loader.load_bytes(data, "j.yaml")
    return [(d.line, d.column, d.path, d.message) for d in caught.value.diagnostics]


def hints(source: str) -> list[str]:
    with pytest.raises(JourneyError) as caught:
        loader.load_bytes(source.encode(), "j.yaml")
    return [d.hint for d in caught.value.diagnostics]


def ok(source: str | bytes) -> Journey:
    data = source.encode() if isinstance(source, str) else source
    return loader.load_bytes(data, "j.yaml")


MINIMAL = HEAD + "stages:\n  - name: Search\n    touchpoints:\n      - name: Ad\n"


def test_minimal_journey_loads_with_defaults_and_derived_ids() -> None:
    journey = ok(MINIMAL)
    assert journey.locale == "en"
    assert journey.stages[0].id == "search"
    assert journey.stages[0].touchpoints[0].id == "ad"
    assert journey.stages[0].touchpoints[0].wow is False


def test_load_reads_a_path(tmp_path: Path) -> None:
    path = tmp_path / "j.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert loader.load(path).title == "T"


# --- encodings and bytes ---------------------------------------------------------------------


def test_utf8_bom_and_crlf_are_fine() -> None:
    journey = ok(b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode())
    assert journey.title == "T"


def test_crlf_positions_match_lf_positions() -> None:
    broken = HEAD + "stages:\n  - name: S\n    goal: [x]\n"
    assert errors(broken.replace("\n", "\r\n")) == errors(broken)


def test_utf16_with_bom_is_decoded() -> None:
    assert ok(MINIMAL.encode("utf-16")).stages[0].name == "Search"


def test_latin1_is_refused_at_the_byte() -> None:
    data = (HEAD + "description: Caf\u00e9\n").encode("latin-1") + b"stages: []\n"
    assert errors(data) == [(3, 17, "", "the file is not valid UTF-8: byte 0xE9 cannot stand here")]


def test_utf16_without_bom_is_refused() -> None:
    data = MINIMAL.encode("utf-16-le")
    assert errors(data) == [
        (
            1,
            2,
            "",
            "the file contains a NUL byte: it is binary, or UTF-16 without a byte order mark",
        )
    ]


def test_terminal_control_characters_are_refused_with_positions() -> None:
    assert errors(HEAD + "description: \x1b[31mred\n\x07stages: []\n") == [
        (3, 14, "", "the file contains the control character U+001B"),
        (4, 1, "", "the file contains the control character U+0007"),
    ]


def test_non_characters_are_refused_at_the_character() -> None:
    text = HEAD + 'description: a\ufffeb\ufdd0\n# \U0010ffff\nstages: [{name: "\\uFFFF"}]\n'
    assert errors(text) == [
        (3, 15, "", "the file contains the Unicode non-character U+FFFE"),
        (3, 17, "", "the file contains the Unicode non-character U+FDD0"),
        (4, 3, "", "the file contains the Unicode non-character U+10FFFF"),
    ]
    assert errors(HEAD + 'stages: [{name: "S\\uFFFF"}]\n') == [
        (3, 17, "", "text contains the Unicode non-character U+FFFF")
    ]


def test_oversized_file_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_BYTES", 10)
    assert errors(MINIMAL)[0][3] == "the file is larger than 0 MiB, the limit of a journey file"


@pytest.mark.parametrize("text", ["", "\n\n", "# just a comment\n", "---\n...\n"])
def test_empty_file(text: str) -> None:
    assert errors(text) == [(1, 1, "", "the file is empty")]


def test_top_level_must_be_a_mapping() -> None:
    assert errors("- a\n- b\n") == [
        (1, 1, "", "the top level must be a mapping of keys to values, not a list")
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ghp_SECRETTOKEN123\n", "text"),
        ("'ghp_SECRETTOKEN123'\n", "text"),
        ("|\n  ghp_SECRETTOKEN123\n", "text"),
        ("8675309\n", "a number"),
        ("3.25\n", "a number"),
        ("true\n", "true or false"),
        ("[ghp_SECRETTOKEN123]\n", "a list"),
    ],
)
def test_a_file_that_is_not_a_journey_is_never_quoted(text: str, kind: str) -> None:
    # Such a file may be anything (a token, a password): say what it holds, never what it says.
    assert errors(text) == [
        (1, 1, "", f"the top level must be a mapping of keys to values, not {kind}")
    ]


# --- model errors at their positions -----------------------------------------------------------


def test_unknown_key_points_at_the_key_with_a_did_you_mean() -> None:
    text = HEAD + "stages:\n  - name: S\n    touchpoint: []\n"
    assert errors(text) == [(5, 5, "stages[0].touchpoint", "unknown key 'touchpoint'")]
    assert hints(text) == ["did you mean 'touchpoints'?"]


def test_unknown_key_far_from_any_field_lists_the_allowed_keys() -> None:
    assert hints(HEAD + "stages: [{name: S}]\nzzz: 1\n") == [
        "allowed keys: cjm, title, description, accessible_title, locale, emotion_scale, theme, "
        "owner, reviewed, review_every_days, include, personas, channels, stages, actions, "
        "research, metrics, metric_files, outlets, lint"
    ]


def test_missing_key_points_at_the_mapping_that_lacks_it() -> None:
    text = HEAD + "stages:\n  - goal: Find\n    touchpoints:\n      - {action: x}\n"
    assert errors(text) == [
        (4, 5, "stages[0].name", "missing required key 'name'"),
        (6, 9, "stages[0].touchpoints[0].name", "missing required key 'name'"),
    ]
    assert hints(text)[0] == "add `name:` to this mapping (the stage's name)"


def test_missing_format_version() -> None:
    assert errors("title: T\nstages: [{name: S}]\n") == [
        (1, 1, "cjm", "missing required key 'cjm'")
    ]


def test_unsupported_format_version() -> None:
    text = "cjm: 2\ntitle: T\nstages: [{name: S}]\n"
    assert errors(text) == [(1, 6, "cjm", "unsupported format version: the number 2")]
    assert hints(text) == ["this cjmctl reads journey files that start with `cjm: 1`"]


def test_no_stages_is_an_error() -> None:
    assert errors(HEAD + "stages: []\n") == [(3, 9, "stages", "needs at least 1 item")]


TP = HEAD + "personas: [{id: anna, name: Anna}]\nstages:\n  - name: S\n    touchpoints:\n"


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("emotion: 3", "3 is outside the emotion scale -2..2"),
        ("emotion: -3", "-3 is outside the emotion scale -2..2"),
        ("emotion: 1.5", "expected a whole number, got the number 1.5"),
        ("emotion: '1'", "expected a whole number, got text '1'"),
        ("emotion: yes", "expected a whole number, got text 'yes'"),
        ("emotion: true", "expected a whole number, got true"),
        ("emotion: 012", "expected a whole number, got text '012'"),
        ("emotion: [1]", "expected a whole number, got a list"),
        ("wow: yes", "expected true or false, got text 'yes'"),
        ("wow: 1", "expected true or false, got the number 1"),
        ("id: Insta Ad", "'Insta Ad' is not a valid id"),
        ("next: [Bad Id]", "'Bad Id' is not a valid id"),
    ],
)
def test_touchpoint_field_errors(field: str, message: str) -> None:
    found = errors(TP + f"      - name: X\n        {field}\n")
    assert len(found) == 1
    line, column, _, actual = found[0]
    assert actual == message
    assert line == 8
    assert column > 9


def test_per_persona_emotion_errors_point_inside_the_mapping() -> None:
    found = errors(TP + "      - name: X\n        emotion: {anna: 5}\n")
    assert found == [
        (8, 25, "stages[0].touchpoints[0].emotion.anna", "5 is outside the emotion scale -2..2")
    ]


def test_leading_zero_score_gets_a_concrete_hint() -> None:
    assert hints(TP + "      - name: X\n        emotion: 02\n") == [
        "write 2 as a plain number: no quotes, no leading zero"
    ]


def test_yaml11_booleans_get_a_hint() -> None:
    assert hints(TP + "      - {name: X, wow: on}\n") == [
        "write true or false; words like yes, no, on and off are text in journey files"
    ]


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("012", "012"),
        ("1:20", "1:20"),
        ("2024-01-02", "2024-01-02"),
        ("2024", "2024"),
        ("+2", "+2"),
        ("1.50", "1.50"),
        ("true", "true"),
        ("1e3", "1e3"),
    ],
)
def test_text_fields_keep_exactly_what_was_written(written: str, kept: str) -> None:
    journey = ok(
        f"cjm: 1\ntitle: {written}\nstages:\n  - name: {written}\n    touchpoints:\n"
        f"      - name: X\n        feeling: {written}\n        pains: {written}\n"
        f"        motives: [{written}]\n"
    )
    tp = journey.stages[0].touchpoints[0]
    assert (journey.title, journey.stages[0].name, tp.feeling) == (kept, kept, kept)
    assert tp.pains == [kept]
    assert tp.motives == [kept]


def test_null_in_a_required_text_field_is_an_error() -> None:
    assert errors("cjm: 1\ntitle:\nstages: [{name: S}]\n") == [
        (2, 7, "title", "expected text, got nothing (null)")
    ]


def test_list_fields_take_a_single_string() -> None:
    journey = ok(TP + "      - {name: X, pains: Too slow, evidence: []}\n")
    assert journey.stages[0].touchpoints[0].pains == ["Too slow"]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "2026-13-45",
            "text '2026-13-45' is not a valid date: month value is outside expected range of 1-12",
        ),
        (
            "2026-02-30",
            "text '2026-02-30' is not a valid date: day value is outside expected range",
        ),
        ("15.09.2026", "text '15.09.2026' is not a valid date"),
        ("1700000000", "the number 1700000000 is not a valid date"),
    ],
)
def test_dates_are_iso_dates(written: str, message: str) -> None:
    found = errors(HEAD + f"reviewed: {written}\nstages: [{{name: S}}]\n")
    assert found == [(3, 11, "reviewed", message)]


def test_scores_are_whole_numbers_from_0_to_100() -> None:
    text = (
        HEAD + "stages:\n  - name: S\n    touchpoints: [{id: t, name: T}]\n"
        "research:\n  - kind: mystery_shopping\n    title: Audit\n"
        "    scores: {t: 101}\n  - kind: survey\n    title: S\n    sample: 1.5\n"
    )
    assert errors(text) == [
        (9, 17, "research[0].scores.t", "101 is out of range: must be at most 100"),
        (12, 13, "research[1].sample", "expected a whole number, got the number 1.5"),
    ]


def test_every_error_in_a_file_is_reported_in_position_order() -> None:
    text = (
        "cjm: 1\ntitle: T\nlocale: fr\nstages:\n  - name: S\n    touchpoints:\n"
        "      - {name: A, emotion: 9}\n      - {name: B, wow: maybe}\n"
        "actions:\n  - {title: X, status: someday}\n"
    )
    assert [(line, path) for line, _, path, _ in errors(text)] == [
        (3, "locale"),
        (7, "stages[0].touchpoints[0].emotion"),
        (8, "stages[0].touchpoints[1].wow"),
        (10, "actions[0].status"),
    ]


def test_literal_errors_suggest_the_closest_value() -> None:
    assert hints(HEAD + "stages: [{name: S}]\nactions: [{title: X, status: inprogress}]\n") == [
        "did you mean 'in_progress'?"
    ]


def test_yaml_problems_and_model_errors_are_reported_together() -> None:
    found = errors(HEAD + "title: again\nstages: [{name: S, wow: 1}]\n")
    assert [(line, message) for line, _, _, message in found] == [
        (3, "duplicate key 'title' (first at line 2, column 1)"),
        (4, "unknown key 'wow'"),
    ]


# --- cross-references --------------------------------------------------------------------------

REFS = """cjm: 1
title: T
personas: [{id: anna, name: Anna}]
channels: [{id: web, name: Website}]
stages:
  - id: search
    name: Search
    touchpoints:
      - id: ad
        name: Ad
        channel: wbe
        next: [catalog, nowhere]
        evidence: [survey]
        emotion: {anna: 1, boris: -1}
      - id: catalog
        name: Catalog
        channel: web
actions:
  - title: Fix
    addresses: [serch, ad]
research:
  - id: audit
    kind: mystery_shopping
    title: Audit
    scores: {catalogue: 50}
"""


def test_unresolved_references_are_reported_each_at_its_value() -> None:
    assert errors(REFS) == [
        (11, 18, "stages[0].touchpoints[0].channel", "'wbe' is not the id of a channel"),
        (
            12,
            25,
            "stages[0].touchpoints[0].next[1]",
            "'nowhere' is not the id of a touchpoint or stage",
        ),
        (
            13,
            20,
            "stages[0].touchpoints[0].evidence[0]",
            "'survey' is not the id of a research entry",
        ),
        (14, 28, "stages[0].touchpoints[0].emotion.boris", "'boris' is not the id of a persona"),
        (20, 17, "actions[0].addresses[0]", "'serch' is not the id of a touchpoint or stage"),
        (25, 14, "research[0].scores.catalogue", "'catalogue' is not the id of a touchpoint"),
    ]
    assert hints(REFS) == [
        "did you mean 'web'?",
        "add a touchpoint or stage with id 'nowhere' to stages",
        "add a research entry with id 'survey' to research",
        "add a persona with id 'boris' to personas",
        "did you mean 'search'?",
        "did you mean 'catalog'?",
    ]


def test_reference_to_the_wrong_kind_of_part_says_what_it_names() -> None:
    text = (
        HEAD + "stages:\n  - id: pickup\n    name: Pick-up\n    touchpoints:\n"
        "      - {id: gate, name: Gate, next: [survey], evidence: [pickup]}\n"
        "research: [{id: survey, kind: survey, title: S}]\n"
    )
    assert errors(text) == [
        (
            7,
            39,
            "stages[0].touchpoints[0].next[0]",
            "'survey' is the id of a research entry, not of a touchpoint or stage",
        ),
        (
            7,
            59,
            "stages[0].touchpoints[0].evidence[0]",
            "'pickup' is the id of a stage, not of a research entry",
        ),
    ]
    assert hints(text) == ["name a touchpoint or stage here", "name a research entry here"]


def test_empty_per_persona_emotion_is_an_error() -> None:
    assert errors(TP + "      - {name: X, emotion: {}}\n")[0][3] == "needs at least 1 item"


def test_free_channel_labels_are_fine_without_a_registry() -> None:
    journey = ok(HEAD + "stages: [{name: S, touchpoints: [{name: T, channel: Any label}]}]\n")
    assert journey.stages[0].touchpoints[0].channel == "Any label"


def test_single_reference_written_as_text_points_at_that_text() -> None:
    text = HEAD + "stages:\n  - name: S\n    touchpoints:\n      - {name: T, next: elsewhere}\n"
    assert errors(text) == [
        (
            6,
            25,
            "stages[0].touchpoints[0].next[0]",
            "'elsewhere' is not the id of a touchpoint or stage",
        )
    ]


def test_ids_are_unique_across_the_file() -> None:
    text = HEAD + "personas: [{id: search, name: P}]\nstages:\n  - id: search\n    name: S\n"
    assert errors(text) == [
        (5, 9, "stages[0].id", "duplicate id 'search', already used at personas[0]")
    ]


def test_derived_ids_never_collide_with_given_ones() -> None:
    journey = ok(
        HEAD + "stages:\n  - name: Search\n    touchpoints:\n      - {name: Ad}\n"
        "      - {id: ad, name: Other}\n      - {name: Ad}\n"
    )
    assert [tp.id for _, tp in journey.touchpoints()] == ["ad-2", "ad", "ad-3"]


def test_references_may_name_a_stage_for_loops() -> None:
    journey = ok(
        HEAD + "stages:\n  - id: search\n    name: S\n    touchpoints:\n"
        "      - {name: Buy again, next: [search]}\n"
    )
    assert journey.stages[0].touchpoints[0].next == ["search"]


def test_flow_follows_file_order_unless_next_says_otherwise() -> None:
    journey = ok(
        HEAD + "stages:\n"
        "  - id: a\n    name: A\n    touchpoints:\n"
        "      - {id: a1, name: A1}\n"
        "      - {id: a2, name: A2, next: [c, a1]}\n"
        "  - id: b\n    name: B\n"
        "  - id: c\n    name: C\n    touchpoints:\n"
        "      - {id: c1, name: C1}\n"
        "      - {id: c2, name: C2, next: [b]}\n"
        "      - {id: c3, name: C3, next: []}\n"
        "      - {id: c4, name: C4}\n"
    )
    assert [(a.id, b.id) for a, b in journey.flow()] == [
        ("a1", "a2"),
        ("a2", "c1"),
        ("a2", "a1"),
        ("c1", "c2"),
        ("c2", "c1"),
    ]


# --- long user text is quoted short -------------------------------------------------------------

BIG = "a" * 2**20  # a 1 MiB id, key or text
NEAR = "".join(chr(97 + i * 7 % 26) for i in range(150))  # difflib only matches ids < 200 chars
ONE_TP = "    touchpoints:\n      - name: T\n"
# libyaml takes at most 1024 characters in a `key:`; longer keys are written `? key` / `: value`.
LONG = {
    "unknown-key": (f"stages:\n  - name: S\n    ? {BIG}\n    : 1\n", "unknown key 'aaa"),
    "duplicate-key": (
        f"stages:\n  - name: S\n    ? x{BIG}\n    : 1\n    ? x{BIG}\n    : 2\n",
        "duplicate key 'xaaa",
    ),
    "bad-id": (f"stages: [{{id: A{BIG}, name: S}}]\n", "is not a valid id"),
    "reference": (f"stages:\n  - name: S\n{ONE_TP}        next: [{BIG}]\n", "is not the id of"),
    "persona-key": (
        f"stages:\n  - name: S\n{ONE_TP}        emotion:\n          ? {BIG}\n          : 1\n",
        "is not the id of a persona",
    ),
    "duplicate-id": (f"stages: [{{id: {BIG}, name: S}}, {{id: {BIG}, name: S}}]\n", "duplicate id"),
    "did-you-mean": (
        f"stages:\n  - {{id: {NEAR}, name: S}}\n  - name: S\n{ONE_TP}        next: [x{NEAR}]\n",
        "did you mean",
    ),
    "tag": (f"description: !{BIG} x\nstages: [{{name: S}}]\n", "unsupported YAML tag '!aaa"),
    "typed": (f"description: !!int {BIG}\nstages: [{{name: S}}]\n", "is not a valid !!int"),
}


@pytest.mark.parametrize(("source", "quoted"), LONG.values(), ids=LONG)
def test_messages_quote_long_user_text_short(source: str, quoted: str) -> None:
    with pytest.raises(JourneyError) as caught:
        loader.load_bytes((HEAD + source).encode(), "j.yaml")
    found = caught.value.diagnostics
    lines = format_text(found)
    assert any(quoted in line for line in lines), lines
    assert all(len(line) < 300 for line in lines), [len(line) for line in lines]
    assert len(format_json(found, 1)) < 2_000 * len(found)
    assert all("…" in d.message + d.hint + d.path for d in found if quoted in d.message + d.hint)


def test_a_format_version_of_hundreds_of_digits_is_an_unsupported_version() -> None:
    text = f"cjm: {'9' * 400}\ntitle: T\nstages: [{{name: S}}]\n"
    assert errors(text) == [(1, 6, "cjm", f"unsupported format version: the number {'9' * 59}…")]
    assert hints(text) == ["this cjmctl reads journey files that start with `cjm: 1`"]


REACHED_DOC = "How many customers reached this stage (funnel)."


@pytest.mark.parametrize(
    ("kind", "value", "ctx", "message", "hint"),
    [
        (
            "int_parsing_size",
            10**100,
            {},
            "the number 1e100 is too large a number for this key",
            REACHED_DOC,
        ),
        ("int_parsing", "x", {}, "expected a whole number, got text 'x'", REACHED_DOC),
        ("int_from_float", 1.5, {}, "expected a whole number, got the number 1.5", REACHED_DOC),
        ("float_parsing", "x", {}, "expected a number, got text 'x'", REACHED_DOC),
        ("float_type", [], {}, "expected a number, got a list", REACHED_DOC),
        (
            "finite_number",
            float("inf"),
            {},
            "expected a finite number, got the number .inf",
            REACHED_DOC,
        ),
        (
            "string_too_long",
            "abc",
            {"max_length": 2},
            "too long: text 'abc' has more than 2 characters",
            REACHED_DOC,
        ),
        (
            "too_long",
            [1, 2],
            {"max_length": 1},
            "too long: a list has more than 1 item",
            REACHED_DOC,
        ),
        ("value_error", 5, {"error": "odd"}, "the number 5 is not valid here: odd", REACHED_DOC),
        (
            "assertion_error",
            5,
            {"error": "Assertion failed, odd"},
            "the number 5 is not valid here: odd",
            REACHED_DOC,
        ),
        (
            "recursion_loop",
            {},
            {},
            "this value contains itself",
            "write the value out instead of aliasing it inside itself",
        ),
        ("union_tag_invalid", 5, {}, "the number 5 is not valid here", REACHED_DOC),
    ],
    ids=lambda v: v if isinstance(v, str) and v.isidentifier() else "",
)
def test_rare_pydantic_errors_are_told_in_cjmctls_words(
    kind: str, value: object, ctx: dict[str, object], message: str, hint: str
) -> None:
    raw = (
        {10**100: "1e100", 1.5: "1.5", float("inf"): ".inf", 5: "5"}.get(value)
        if isinstance(value, int | float)
        else None
    )
    error = {
        "type": kind,
        "loc": ("stages", 0, "reached"),
        "input": value,
        "ctx": ctx,
        "msg": "pydantic's words",
    }
    assert messages.explain(error, raw) == (message, hint)


def test_no_pydantic_error_type_falls_back_to_pydantics_words() -> None:
    # Every key any error's context may hold, as pydantic fills the ones of its type.
    ctx: dict[str, object] = {"gt": 0, "ge": 0, "lt": 0, "le": 0, "min_length": 1, "max_length": 1}
    ctx |= {"expected": "'a' or 'b'", "error": "odd"}
    for kind in typing.get_args(ErrorType):
        error = {
            "type": kind,
            "loc": ("title",),
            "input": None,
            "ctx": ctx,
            "msg": "pydantic's words",
        }
        message, _ = messages.explain(error, None)
        assert "pydantic's words" not in message, kind


def test_an_unknown_key_cut_off_by_a_comma_inside_braces_says_to_quote_the_text() -> None:
    text = HEAD + (
        "stages: [{name: S}]\n"
        "research:\n"
        "  - {id: g2, kind: survey, title: Review sites (G2, Capterra)}\n"
        "  - {id: g3, kind: survey, title: Ok, colour: red}\n"
    )
    assert errors(text) == [
        (5, 53, "research[0].Capterra)", "unknown key 'Capterra)'"),
        (6, 39, "research[1].colour", "unknown key 'colour'"),
    ]
    assert hints(text) == [
        "inside { } a comma ends a value, so 'Capterra)' became a key of its own: quote text "
        'that holds a comma, as in `title: "…, Capterra)"`',
        "allowed keys: id, kind, title, date, sample, findings, scores, study, wave, visits, "
        "scale, ratings, reasons",
    ]
