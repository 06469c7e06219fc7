"""The CSV reader: encodings, delimiters, every cell's line:column, and limits on hostile files."""

from __future__ import annotations

import csv

import pytest

from cjmctl.journey import csvtable
from cjmctl.journey.csvtable import MAX_BYTES, MAX_CELL, MAX_COLUMNS, Cell, Table
from cjmctl.journey.diagnostics import JourneyError


def read(data: bytes, **options: str) -> Table:
    return csvtable.read(data, "kpi.csv", **options)


def cells(table: Table) -> list[list[tuple[str, int, int]]]:
    return [[(c.text, c.line, c.column) for c in row] for row in [table.header, *table.rows]]


def problems(data: bytes, **options: str) -> list[tuple[int, int, str, str]]:
    with pytest.raises(JourneyError) as caught:
        read(data, **options)
    assert {d.file for d in caught.value.diagnostics} == {"kpi.csv"}
    return [(d.line, d.column, d.message, d.hint) for d in caught.value.diagnostics]


def test_a_byte_order_mark_is_dropped_and_columns_count_from_1() -> None:
    table = read(b"\xef\xbb\xbfdate,metric,value\n2026-09,csat,62\n")
    assert cells(table) == [
        [("date", 1, 1), ("metric", 1, 6), ("value", 1, 13)],
        [("2026-09", 2, 1), ("csat", 2, 9), ("62", 2, 14)],
    ]


@pytest.mark.parametrize(
    ("data", "delimiter"),
    [
        (b"date;metric;value\n2026-09;csat;62,5\n", ";"),
        (b"date\tmetric\tvalue\n2026-09\tcsat\t62\n", "\t"),
        (b"date,metric,value\n2026-09,csat,62\n", ","),
        (b"date\n2026-09\n", ","),  # one column: a comma, for nothing to split
        (b'"a;b",c,d\n1,2,3\n', ","),  # a delimiter inside quotes does not count
    ],
)
def test_the_delimiter_is_the_one_the_header_holds_most(data: bytes, delimiter: str) -> None:
    assert read(data).delimiter == delimiter


def test_semicolons_keep_decimal_commas_in_their_cell() -> None:
    table = read("дата;метрика;значение\n2026-09;csat;62,5\n".encode())
    assert cells(table)[1] == [("2026-09", 2, 1), ("csat", 2, 9), ("62,5", 2, 14)]


def test_quoted_cells_with_delimiters_and_line_breaks_keep_their_positions() -> None:
    table = read(b'date,note,value\n2026-09,"late, again\nand again",1\n2026-10,"a ""b""",2\n')
    assert cells(table)[1:] == [
        [("2026-09", 2, 1), ("late, again\nand again", 2, 9), ("1", 3, 12)],
        [("2026-10", 4, 1), ('a "b"', 4, 9), ("2", 4, 19)],
    ]


def test_crlf_line_ends_are_one_line_break() -> None:
    table = read(b'date,note,value\r\n2026-09,"a\r\nb",1\r\n2026-10,x,2\r\n')
    assert cells(table)[1:] == [
        [("2026-09", 2, 1), ("a\r\nb", 2, 9), ("1", 3, 4)],
        [("2026-10", 4, 1), ("x", 4, 9), ("2", 4, 11)],
    ]


def test_an_unclosed_quote_is_reported_where_it_opens() -> None:
    assert problems(b'date,note\n2026-09,"open\n2026-10,x\n') == [
        (
            2,
            9,
            "a quoted cell is never closed",
            'close it with a quote ("); a quote inside a cell is written twice ("")',
        )
    ]


def test_text_after_a_closing_quote_is_reported_where_it_starts() -> None:
    hint = 'inside a quoted cell write a quote as two quotes (""), or quote the whole cell'
    message = "a quoted cell goes on after its closing quote"
    assert problems(b'date,note\n2026-09,"closed"x\n') == [(2, 17, message, hint)]
    assert problems(b'date,note\n2026-09,"a\nb"x\n') == [(3, 3, message, hint)]


def test_a_nul_byte_is_not_text() -> None:
    assert problems(b"date,note\n2026-09,a\x00\n") == [
        (2, 10, "the file contains a NUL byte: it is not a CSV text file", "save it as 'CSV UTF-8'")
    ]


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\x7f", "\x85"])
def test_a_control_character_is_reported_at_its_cell(char: str) -> None:
    data = f"date,note\n2026-09,ok\n2026-10,a{char}b\n".encode()
    assert problems(data) == [
        (
            3,
            9,
            f"the cell contains the control character U+{ord(char):04X}",
            "remove it: cells hold printable text only",
        )
    ]


def test_a_cell_over_the_limit_is_one_error_at_its_start() -> None:
    message = f"a cell longer than {MAX_CELL:,} characters"
    hint = 'is a quote (") left open? a quoted cell ends at the next lone quote'
    long = b"x" * (MAX_CELL + 1)
    assert problems(b"date,note,more\n2026-09," + long + b",y\n") == [(2, 9, message, hint)]
    # A stray quote that would swallow the rest of the file
    assert problems(b'date,note\n2026-09,"' + long + b"\n2026-10,x\n") == [(2, 9, message, hint)]
    assert read(b"date,note\n2026-09," + long[:-1] + b"\n").rows[0][1].text == long[:-1].decode()


def test_the_field_size_limit_is_restored_after_success_and_failure() -> None:
    before = csv.field_size_limit()
    read(b"a,b\n1,2\n")
    assert csv.field_size_limit() == before
    for broken in (b'a,b\n1,"x', b",".join([b"a"] * (MAX_COLUMNS + 1))):
        try:
            read(broken)
        except JourneyError as error:
            kept = error  # its traceback holds the reader's frames: the limit is back anyway
        assert csv.field_size_limit() == before
        assert kept.diagnostics


def test_too_many_columns_stops_at_the_first_one_past_the_limit() -> None:
    message = f"more than {MAX_COLUMNS:,} columns in one row"
    hint = "is the delimiter right? each row holds one record"
    assert problems(b",".join([b"a"] * (MAX_COLUMNS + 1)) + b"\n") == [
        (1, 2 * MAX_COLUMNS + 1, message, hint)
    ]
    # Millions of cells in one row cost no more than the first past the limit, and a broken
    # quote at the end of such a row is reported as the row's width, which comes first.
    wide = b"a,b\n" + b"x," * (MAX_BYTES // 2 - 8) + b'"q"z\n'
    assert problems(wide) == [(2, 2 * MAX_COLUMNS + 1, message, hint)]


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed() -> None:
    assert problems(b"a\n" + b'"' * MAX_BYTES) == [
        (
            1,
            1,
            "the file is larger than 8 MiB, the limit of a CSV file",
            "split it, for example by year",
        )
    ]
    rows = b"a\n" + (b"1" * (MAX_CELL - 1) + b"\n") * (MAX_BYTES // MAX_CELL - 1)
    at_the_limit = rows + b"1" * (MAX_BYTES - len(rows) - 1) + b"\n"
    assert len(at_the_limit) == MAX_BYTES
    assert len(read(at_the_limit).rows) == MAX_BYTES // MAX_CELL


def test_invalid_utf8_names_the_byte_and_the_usual_cause() -> None:
    data = "дата,note\n2026-09,Привет\n".encode("cp1251")
    assert problems(data) == [
        (
            1,
            1,
            "the file is not valid utf-8: byte 0xE4 cannot stand here",
            "save it as 'CSV UTF-8' (Excel in a Russian locale saves 'CSV' as Windows-1251)",
        )
    ]
    assert problems(b"date,note\n2026-09,ok \xff\n")[0][:3] == (
        2,
        12,
        "the file is not valid utf-8: byte 0xFF cannot stand here",
    )


def test_an_encoding_the_user_names_is_used() -> None:
    data = "дата;примечание\n2026-09;Привет\n".encode("cp1251")
    assert cells(read(data, encoding="cp1251")) == [
        [("дата", 1, 1), ("примечание", 1, 6)],
        [("2026-09", 2, 1), ("Привет", 2, 9)],
    ]


@pytest.mark.parametrize("data", [b"", b"\n\n", b"  \r\n", b"\xef\xbb\xbf"])
def test_an_empty_file_is_one_error(data: bytes) -> None:
    assert problems(data) == [(1, 1, "the file is empty", "the first row names the columns")]


def test_blank_rows_are_dropped_wherever_they_are() -> None:
    table = read(b"date,note\n2026-09,a\n,\n\n2026-10,b\n , \n\n")
    assert [[c.text for c in row] for row in table.rows] == [["2026-09", "a"], ["2026-10", "b"]]
    assert table.rows[1][0] == Cell("2026-10", 5, 1)


def test_a_problem_and_the_end_of_a_short_row_point_into_the_file() -> None:
    table = read(b"date,metric,value\n2026-09,csat\n")
    row = table.rows[0]
    assert table.end_of(row) == Cell("", 2, 14)
    found = table.problem(table.end_of(row), "the value is missing", "write it", path="value")
    assert (found.file, found.line, found.column, found.path, found.rule) == (
        "kpi.csv",
        2,
        14,
        "value",
        "csv",
    )
