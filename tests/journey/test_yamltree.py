"""The YAML reader: scalar typing, positions, duplicate keys, limits and tags."""

from __future__ import annotations

import time

import pytest

from cjmctl.journey import reading, yamltree
from cjmctl.journey.diagnostics import JourneyError
from cjmctl.journey.yamltree import MAX_ALIAS_NODES, MAX_DEPTH, YamlError, parse


def problems(text: str) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.message) for p in parse(text)[2]]


def fatal(text: str) -> tuple[int, int, str, str]:
    with pytest.raises(YamlError) as caught:
        parse(text)
    last = caught.value.problems[-1]
    return last.line, last.column, last.message, last.rule


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("012", "012"),
        ("0o12", "0o12"),
        ("0x1F", "0x1F"),
        ("1:20", "1:20"),
        ("2024-01-02", "2024-01-02"),
        ("1_000", "1_000"),
        (".inf", ".inf"),
        ("12", 12),
        ("+2", 2),
        ("-2", -2),
        ("0", 0),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
    ],
)
def test_plain_scalars_follow_yaml_12_not_11(text: str, value: object) -> None:
    data, _, _ = parse(f"key: {text}\n")
    assert isinstance(data, dict)
    assert data["key"] == value
    assert type(data["key"]) is type(value)


def test_quoted_and_block_scalars_stay_text() -> None:
    data, _, _ = parse("a: '12'\nb: \"true\"\nc: |\n  1\nd: !!str 5\n")
    assert data == {"a": "12", "b": "true", "c": "1\n", "d": "5"}


def test_plain_scalar_typed_by_yaml_remembers_its_text() -> None:
    _, source, _ = parse("a: +2\nb: true\nc: x\n")
    assert source.entries["a"].raw == "+2"
    assert source.entries["b"].raw == "true"
    assert source.entries["c"].raw is None


def test_positions_are_one_based_and_count_characters() -> None:
    data, source, _ = parse("# comment\nназвание: Поиск\nlist:\n  - {k: v}\n")
    assert data == {"название": "Поиск", "list": [{"k": "v"}]}
    assert (source.line, source.column) == (2, 1)
    assert source.keys["название"] == (2, 1)
    value = source.entries["название"]
    assert (value.line, value.column) == (2, 11)
    item = source.entries["list"].items[0]
    assert (item.kind, item.line, item.column) == ("map", 4, 5)
    assert item.keys["k"] == (4, 6)


def test_the_source_remembers_how_each_value_was_written() -> None:
    _, source, _ = parse("a: [x, 'y', \"z\"]\nb:\n  - {k: v}\nc: |\n  t\nd: >\n  t\n")
    a = source.entries["a"]
    assert (a.style, [item.style for item in a.items]) == ("flow", ["plain", "'", '"'])
    b = source.entries["b"]
    assert (source.style, b.style, b.items[0].style) == ("block", "block", "flow")
    assert (source.entries["c"].style, source.entries["d"].style) == ("|", ">")


def test_continuation_lines_of_plain_text_that_start_with_a_dash() -> None:
    text = (
        "findings:\n"
        "  - Среднее время ожидания 12 минут\n"
        "    -Среднее время ответа 2 дня\r\n"
        "\n"
        "    \t-Среднее время решения\n"
        "  - Второе - с тире внутри\n"
        "    и продолжением\n"
    )
    data, source, _ = parse(text)
    assert data == {
        "findings": [
            "Среднее время ожидания 12 минут -Среднее время ответа 2 дня\n-Среднее время решения",
            "Второе - с тире внутри и продолжением",
        ]
    }
    first, second = source.entries["findings"].items
    assert first.dashes == ((3, 5), (5, 6))
    assert second.dashes == ()


@pytest.mark.parametrize(
    "text",
    [
        "a: [x\n  -y]\n",  # in flow, a dash starts no list item
        "a: 'x\n  -y'\n",
        "a: |\n  x\n  -y\n",
        "a: x\nb: -y\n",
    ],
)
def test_no_dashes_outside_multi_line_plain_text_in_blocks(text: str) -> None:
    _, source, _ = parse(text)
    assert [entry.dashes for entry in source.entries.values()] == [()] * len(source.entries)


def test_keys_are_always_the_text_written() -> None:
    data, _, _ = parse("1: a\nyes: b\nnull: c\n")
    assert data == {"1": "a", "yes": "b", "null": "c"}


def test_duplicate_key_is_reported_and_the_first_value_kept() -> None:
    data, _, found = parse("a: 1\nb: 2\na: 3\n")
    assert data == {"a": 1, "b": 2}
    assert [(p.line, p.column, p.message, p.rule) for p in found] == [
        (3, 1, "duplicate key 'a' (first at line 1, column 1)", "duplicate-key")
    ]


def test_every_duplicate_in_the_file_is_reported() -> None:
    found = problems("a:\n  x: 1\n  x: 2\nb: [{y: 1, y: 2}]\n")
    assert [(line, col) for line, col, _ in found] == [(3, 3), (4, 12)]


def test_alias_shares_the_anchored_value_and_its_positions() -> None:
    data, source, _ = parse("a: &x {k: v}\nb: *x\n")
    assert data == {"a": {"k": "v"}, "b": {"k": "v"}}
    assert source.entries["b"].keys["k"] == (1, 8)


def test_billion_laughs_fails_fast_on_the_alias_that_breaks_the_limit() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    line, _, message, rule = fatal("\n".join(lines) + "\n")
    assert rule == "limit"
    assert message == f"aliases expand to more than {MAX_ALIAS_NODES:,} values"
    assert line == 6  # 9 + 9**2 + ... passes 100,000 values on the sixth line


def test_unknown_alias_is_an_error_not_a_crash() -> None:
    assert fatal("a: *nowhere\n")[2] == "alias *nowhere refers to no anchor defined before it"


def test_self_referencing_anchor_cannot_loop() -> None:
    assert fatal("a: &x [*x]\n")[2] == "alias *x refers to no anchor defined before it"


def test_nesting_one_level_too_deep_stops_at_the_first_bracket_too_many() -> None:
    line, column, message, rule = fatal("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n")
    assert (line, column, rule) == (1, MAX_DEPTH + 1, "limit")
    assert message == f"nesting deeper than {MAX_DEPTH} levels"


@pytest.mark.parametrize("opening", ["[", "{a: ", "- "])
@pytest.mark.parametrize("depth", [2_000, 60_000])
def test_deep_nesting_is_bounded_whatever_libyaml_does(opening: str, depth: int) -> None:
    """The contract, not one libyaml's internals: 6.0.4's scanner stops flow nesting at 1,000.

    Whichever limit trips first, the error is a `limit` on the line where nesting goes too
    deep, past our own limit and not past libyaml's, and reading ends in bounded time.
    """
    started = time.perf_counter()
    line, column, message, rule = fatal(opening * depth + "x\n")
    assert time.perf_counter() - started < 10
    assert (line, rule) == (1, "limit")
    assert MAX_DEPTH < column <= 1 + 1_000 * len(opening)
    assert message == f"nesting deeper than {MAX_DEPTH} levels"


def test_nesting_up_to_the_limit_is_fine() -> None:
    data, _, _ = parse("[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n")
    assert isinstance(data, list)


def test_syntax_error_names_position_and_hint() -> None:
    line, column, message, rule = fatal("a: [1, 2\nb: c\n")
    assert (line, column, rule) == (2, 2, "syntax")
    assert message.startswith("YAML syntax error: did not find expected ',' or ']'")


def test_tab_indentation_gets_a_hint() -> None:
    with pytest.raises(YamlError) as caught:
        parse("a:\n\tb: 1\n")
    assert "spaces, not tabs" in caught.value.problems[-1].hint


def test_second_document_is_an_error() -> None:
    assert fatal("a: 1\n---\nb: 2\n")[:3] == (
        2,
        1,
        "a journey file holds one YAML document; a second one starts here",
    )


def test_unsafe_and_unknown_tags_are_refused() -> None:
    found = problems("a: !!python/object:os.system x\nb: !custom y\n")
    assert found == [
        (1, 4, "unsupported YAML tag 'tag:yaml.org,2002:python/object:os.system'"),
        (2, 4, "unsupported YAML tag '!custom'"),
    ]


def test_wrong_explicit_tag_is_reported() -> None:
    assert problems("a: !!int x12\n") == [(1, 4, "'x12' is not a valid !!int")]


def test_control_characters_from_escapes_are_refused() -> None:
    found = problems('a: "red \\e[31m"\n')
    assert found == [(1, 4, "text contains the control character U+001B")]


NONCHARACTERS = ["FFFE", "FFFF", "FDD0", "FDEF", "1FFFE", "1FFFF", "EFFFE", "10FFFF"]


@pytest.mark.parametrize("code", NONCHARACTERS)
def test_non_characters_from_escapes_are_refused_at_their_scalar(code: str) -> None:
    escape = f"\\u{code}" if len(code) == 4 else f"\\U{code:0>8}"
    found = parse(f'a: [x, "it is \\u00e9 {escape}"]\n')[2]
    assert [(p.line, p.column, p.message, p.rule) for p in found] == [
        (1, 8, f"text contains the Unicode non-character U+{code}", "encoding")
    ]
    assert (
        found[0].hint
        == "remove it, or the \\ escape that writes it: journey text must be printable"
    )


@pytest.mark.parametrize("beside", ["", "\U0001f600"])
def test_non_characters_are_found_in_text_with_or_without_astral_characters(beside: str) -> None:
    """Astral non-characters are looked for only in text with astral characters (for speed)."""
    assert problems(f'a: "x\\uFFFE {beside}"\n') == [
        (1, 4, "text contains the Unicode non-character U+FFFE")
    ]
    with pytest.raises(JourneyError) as caught:
        reading.check_text(f"a: x\ufdd0 {beside}\n".encode(), "f.yaml")
    assert [d.message for d in caught.value.diagnostics] == [
        "the file contains the Unicode non-character U+FDD0"
    ]


def test_every_character_text_may_not_hold_is_one_python_cannot_print() -> None:
    """So text that `str.isprintable` passes needs no search for them."""
    every = "".join(map(chr, range(0x110000)))
    assert not any(m.group().isprintable() for m in yamltree._CONTROL.full.finditer(every))


def test_surrogates_from_escapes_never_reach_the_text() -> None:
    with pytest.raises(YamlError) as caught:
        parse('a: "\\ud800"\n')
    assert caught.value.problems[-1].rule == "syntax"


def test_characters_next_to_the_non_characters_are_text() -> None:
    text = "\ufdcf\ufdf0\ufffd\U0001fffd\U00010000\U0010fffd"
    escaped = "".join(f"\\U{ord(c):08X}" for c in text)
    assert parse(f'a: "{escaped}"\n')[0] == {"a": text}


def test_merge_keys_and_complex_keys_are_reported() -> None:
    found = problems("base: &b {x: 1}\nm:\n  <<: *b\n? [a]\n: 1\n")
    assert [(line, col, msg) for line, col, msg in found] == [
        (3, 3, "merge keys (<<) are not supported"),
        (4, 3, "a key must be plain text, not a list or mapping"),
    ]


def test_empty_document_has_no_value() -> None:
    assert parse("# only a comment\n")[0] is None
    assert parse("")[0] is None


def test_resolve_plain_is_the_documented_rule_set() -> None:
    assert yamltree.resolve_plain("1.") == 1.0
    assert yamltree.resolve_plain("-.5") == -0.5
    assert yamltree.resolve_plain("1e") == "1e"


def test_aliases_that_repeat_too_much_text_fail_at_the_alias_that_breaks_the_limit() -> None:
    # One 1 MB string aliased 1,000 times: 1,000 values, far below the value limit, but 1 GB.
    lines = ["a: &big " + "x" * 1_000_000, "b:"] + ["  - *big"] * 1_000
    started = time.perf_counter()
    line, column, message, rule = fatal("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 30  # a hang guard only: it stops at the 9th alias
    assert (line, column, rule) == (11, 5, "limit")
    assert message == (
        f"aliases repeat more than {yamltree.MAX_ALIAS_TEXT:,} characters of text "
        "(8 MiB, as much as a journey file may hold)"
    )


def test_aliased_text_is_counted_through_nested_anchors_and_keys() -> None:
    unit = yamltree.MAX_ALIAS_TEXT // 4
    text = f"a: &a\n  ? {'k' * unit}\n  : {'v' * unit}\nb: &b [*a]\nc: *b\nd: *b\n"
    assert fatal(text)[:2] == (6, 4)  # b repeats 2 units, c 2 more, d passes the limit
    data, _, _ = parse(f"a: &a {'v' * unit}\nb: [*a, *a, *a, *a]\n")
    assert data == {"a": "v" * unit, "b": ["v" * unit] * 4}  # up to the limit, as before


def test_limits_are_tied_to_the_file_limit() -> None:

    assert yamltree.MAX_ALIAS_TEXT == reading.MAX_BYTES


@pytest.mark.parametrize("sign", ["", "+", "-"])
def test_a_plain_integer_of_thousands_of_digits_is_read_without_int(sign: str) -> None:
    text = sign + "9" * 5_000
    data, source, _ = parse(f"n: {text}\n")
    assert data == {"n": -(10**yamltree.MAX_DIGITS) if sign == "-" else 10**yamltree.MAX_DIGITS}
    assert source.entries["n"].raw == text
    digits = "1" * yamltree.MAX_DIGITS
    assert yamltree.resolve_plain(sign + digits) == int(sign + digits)


def test_an_undefined_alias_with_a_huge_name_is_named_shortly() -> None:
    line, column, message, _ = fatal("a: *" + "x" * 200_000 + "\n")
    assert (line, column) == (1, 4)
    assert message == f"alias *{'x' * 59}… refers to no anchor defined before it"


def syntax(text: str) -> tuple[int, int, str, str]:
    """The fatal problem of `text`: line, column, message and hint."""
    with pytest.raises(YamlError) as caught:
        parse(text)
    last = caught.value.problems[-1]
    assert last.rule == "syntax"
    return last.line, last.column, last.message, last.hint


NO_SPACE = (
    "YAML syntax error: no space after ':' in {!r}, so YAML reads this line as text, "
    "not as a key and its value"
).format


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("after", ["    name: X\n", ""], ids=["key-after", "last-key"])
def test_a_key_with_no_space_after_its_colon_is_named_on_its_own_line(
    newline: str, after: str
) -> None:
    text = "cjm: 1\nstages:\n  - id: a\n    emotion:-1\n" + after
    assert syntax(text.replace("\n", newline)) == (
        4,
        12,
        NO_SPACE("emotion:-1"),
        "put a space after the colon: `emotion: -1`",
    )


def test_a_top_level_key_with_no_space_after_its_colon() -> None:
    assert syntax("cjm: 1\ntitle:Страховой случай\nstages: []\n") == (
        2,
        6,
        NO_SPACE("title:Страховой случай"),
        "put a space after the colon: `title: Страховой случай`",
    )


def test_a_quote_never_closed_is_reported_where_it_opened() -> None:
    text = 'cjm: 1\ntitle: T\nstages:\n  - id: a\n    name: "Unclosed\n    goal: x\n'
    assert syntax(text) == (
        5,
        11,
        "YAML syntax error: the quote opened here is never closed",
        "close the quote where its text ends",
    )


@pytest.mark.parametrize("quote", ['"', "'"])
def test_a_quote_left_open_until_the_next_quote_is_reported_where_it_opened(quote: str) -> None:
    text = (
        'cjm: 1\ntitle: T\nstages:\n  - id: a\n    name: "Unclosed\n    goal: x\n'
        '  - id: b\n    name: B\n    goal: "y"\n    touchpoints: []\n'
    ).replace('"', quote)
    assert syntax(text) == (
        5,
        11,
        "YAML syntax error: the quote opened here runs on to line 9, column 11, "
        "where the next quote closes it",
        "close the quote where its text ends",
    )


def test_a_quote_left_open_in_a_list_is_reported_where_it_opened() -> None:
    text = 'cjm: 1\npains:\n  - "Unclosed\n  - b\n  - "c"\n'
    assert syntax(text)[:3] == (
        3,
        5,
        "YAML syntax error: the quote opened here runs on to line 5, column 5, "
        "where the next quote closes it",
    )


def test_a_quoted_text_over_several_lines_on_purpose_is_fine() -> None:
    assert parse('a: "one\n  two"\nb: 1\n')[0] == {"a": "one two", "b": 1}


def test_a_dedented_key_is_not_called_a_list_item() -> None:
    text = "cjm: 1\nstages:\n  - id: a\n    touchpoints:\n      - id: t\n        name: X\n"
    text += "       goal: y\n"
    assert syntax(text) == (
        7,
        8,
        "YAML syntax error: did not find expected '-' indicator (while parsing a block collection)",
        "this key is indented less than the keys of the item above (column 9); "
        "line it up with them",
    )


def test_a_list_item_out_of_line_keeps_the_list_item_hint() -> None:
    assert syntax("a:\n  - b: 1\n   - c\n")[::3] == (3, "check the indentation of this list item")


@pytest.mark.parametrize(
    ("value", "context"),
    [("*тревога", "an alias"), ("&тревога", "an anchor"), ("!важно текст", "a tag")],
)
def test_text_that_starts_with_an_indicator_gets_a_hint_to_quote_it(
    value: str, context: str
) -> None:
    line, column, message, hint = syntax(f"cjm: 1\nfeeling: {value}\n")
    assert (line, column) == (2, 10)
    assert message.endswith(f"(while scanning {context})")
    assert hint == (
        "quote text that starts with *, & or !: YAML reads them as an alias, an anchor or a tag"
    )


@pytest.mark.parametrize("char", ["@", "`", "%"])
def test_text_that_starts_with_a_reserved_character_has_its_hint(char: str) -> None:
    assert syntax(f"cjm: 1\nfeeling: {char}x\n")[::3] == (
        2,
        "indent with spaces, not tabs, and quote text that starts with a special character "
        "such as @, ` or %",
    )


def test_text_read_as_an_unknown_alias_or_tag_gets_a_hint_to_quote_it() -> None:
    with pytest.raises(YamlError) as caught:
        parse("feeling: *trevoga\n")
    assert caught.value.problems[-1].hint == (
        'define &trevoga earlier in the file, or quote the text if it is not an alias: "*trevoga"'
    )
    assert parse("feeling: !important x\n")[2][0].hint == (
        "remove the tag, or quote the text if it starts with '!'; journey files hold plain "
        "text, numbers, lists and mappings"
    )
