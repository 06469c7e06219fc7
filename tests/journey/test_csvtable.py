"""The CSV reader: encodings, delimiters, every cell's line:column, and limits on hostile files."""

from __future__ import annotations

import csv
import re

import pytest

from cjmctl.journey import csvtable, reading
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
        (
            2,
            10,
            "the file contains a NUL byte: it is binary, or UTF-16 without a BOM",
            "save it as 'CSV UTF-8' (or as Excel's 'Unicode Text': UTF-16 with a byte order mark)",
        )
    ]


UNICODE_TEXT = "date\tmetric\tvalue\n2026-09\tcsat\t62,5\n"
"""Excel's "Unicode Text": UTF-16 (little-endian, with a BOM), separated by tabs."""


@pytest.mark.parametrize("options", [{}, {"encoding": "utf-16"}, {"encoding": "UTF_16"}])
def test_utf16_is_read_by_its_bom_or_by_encoding(options: dict[str, str]) -> None:
    table = read(UNICODE_TEXT.encode("utf-16"), **options)
    assert table.delimiter == "\t"
    assert cells(table)[1] == [("2026-09", 2, 1), ("csat", 2, 9), ("62,5", 2, 14)]


def test_a_nul_is_looked_for_in_the_text_and_placed_by_characters() -> None:
    data = "date,note\nдата,a\x00\n".encode("utf-16")
    assert problems(data, encoding="utf-16") == [
        (
            2,
            7,
            "the file contains a NUL character: it is not a CSV text file",
            "save it as 'CSV UTF-8'",
        )
    ]


def test_an_encoding_error_is_placed_by_characters() -> None:
    message = "the file is not valid utf-16-le: byte 0x00 cannot stand here"
    assert problems("a\nбв".encode("utf-16-le") + b"\x00", encoding="utf-16-le")[0][:3] == (
        2,
        3,
        message,
    )


@pytest.mark.parametrize(
    ("encoding", "message"),
    [
        ("base64", "'base64' is not a text encoding; e.g. utf-8, utf-16 or cp1251"),
        ("zlib", "'zlib' is not a text encoding; e.g. utf-8, utf-16 or cp1251"),
        ("klingon", "unknown encoding 'klingon'; e.g. utf-8, utf-16 or cp1251"),
    ],
)
def test_only_a_text_encoding_is_an_encoding(encoding: str, message: str) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        csvtable.text_encoding(encoding)
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        read(b"a\n1\n", encoding=encoding)
    assert csvtable.text_encoding("CP1251") == "cp1251"


DECIMAL_COMMA_HINT = (
    "a decimal comma splits a number in two in a comma-separated file: quote it "
    '("4,5"), write 4.5, or save the file separated by semicolons'
)


def beyond(data: bytes) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.column, d.message, d.hint) for d in read(data).beyond]


def test_a_cell_beyond_the_header_is_a_problem_at_that_cell() -> None:
    table = read(b"date,metric,value\n2026-01,m1,4,5\n2026-02,m1,4,,\n2026-03,m1,3,x,y\n")
    assert [(d.file, d.rule, d.severity) for d in table.beyond] == [("kpi.csv", "csv", "error")] * 3
    assert beyond(b"date,metric,value\n2026-01,m1,4,5\n2026-02,m1,4,,\n2026-03,m1,3,x,y\n") == [
        (2, 14, "a cell beyond the header's 3 columns", DECIMAL_COMMA_HINT),
        (4, 14, "a cell beyond the header's 3 columns", DECIMAL_COMMA_HINT),
        (4, 16, "a cell beyond the header's 3 columns", DECIMAL_COMMA_HINT),
    ]
    hint = "is a quote or delimiter out of place? each row holds one record"
    assert beyond("дата;значение\n2026-01;4;5\n".encode()) == [
        (2, 11, "a cell beyond the header's 2 columns", hint)
    ]
    assert beyond(b"date\n2026-01,4\n") == [
        (2, 9, "a cell beyond the header's 1 column", DECIMAL_COMMA_HINT)
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


def test_data_files_are_fetched_up_to_the_csv_limit() -> None:
    # reading fetches a data file up to its own bound: a lower one would cut a CSV short.
    assert MAX_BYTES == reading.MAX_BYTES


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
    assert csvtable.cell(row, 1) == Cell("csat", 2, 9)
    assert csvtable.cell(row, 2) == Cell("", 2, 14)
    found = table.problem(csvtable.cell(row, 2), "the value is missing", "write it", path="value")
    assert (found.file, found.line, found.column, found.path, found.rule) == (
        "kpi.csv",
        2,
        14,
        "value",
        "csv",
    )
