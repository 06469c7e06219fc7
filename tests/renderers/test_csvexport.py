"""The CSV export, read back with the csv module: the touchpoints' table cell by cell, Excel's
encoding and line ends, inert formula payloads, goldens of two examples."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from cjmctl import load
from cjmctl.journey import loader
from cjmctl.journey.model import Journey
from cjmctl.renderers import FORMATS, RenderOptions
from cjmctl.renderers.csvexport import render
from tests.conftest import EXAMPLE_JOURNEYS, EXAMPLES, ROOT
from tests.hostile import inject
from tests.renderers.test_xlsx import NOT_EXPORTED, PAYLOADS
from tests.sheetoracle import expected, formula_like
from tests.strategies import documents, dump, names, visible


def read(data: bytes) -> list[list[str]]:
    """The rows as a spreadsheet reads them: BOM first, then UTF-8 CSV."""
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def _written(value: object) -> Callable[[str], bool]:
    """Whether a CSV cell says `value`: text as written or behind an apostrophe where it could
    run, a number as a number, TRUE or FALSE, ISO dates."""
    if value is None or value == "":
        return lambda cell: cell == ""
    if isinstance(value, bool):
        return lambda cell: cell == ("TRUE" if value else "FALSE")
    if isinstance(value, int | float):
        return lambda cell: (
            float(cell) == value and (isinstance(value, float) or cell == str(value))
        )
    if isinstance(value, date):
        return lambda cell: cell == value.isoformat()
    text = str(value)
    return lambda cell: cell == ("'" + text if formula_like(text) else text)


def check_csv(journey: Journey, data: bytes) -> None:
    rows = read(data)
    _, header, cells = expected(journey)[0]
    assert rows[0] == header
    assert len(rows) == len(cells) + 1
    for n, (got, wanted) in enumerate(zip(rows[1:], cells, strict=True), 2):
        assert len(got) == len(wanted), f"row {n}"
        for column, cell, value in zip(header, got, wanted, strict=True):
            assert _written(value)(cell), (n, column, cell, value)


@pytest.mark.parametrize("path", EXAMPLE_JOURNEYS, ids=lambda p: p.stem)
def test_touchpoints_read_back_cell_by_cell(path: Path) -> None:
    journey = load(path)
    check_csv(journey, render(journey, RenderOptions()))


@pytest.mark.parametrize("name", ["bank-branch", "email-marketing-ru"])
def test_examples_match_their_goldens(name: str, golden: Callable[[Path, str], None]) -> None:
    data = render(load(EXAMPLES / f"{name}.yaml"), RenderOptions())
    # Stored with plain line ends, as git keeps text; the CRLF is checked by the test below.
    golden(ROOT / "tests" / "expected" / "csv" / f"{name}.csv", data.decode().replace("\r\n", "\n"))


def test_bom_crlf_rows_and_line_breaks_inside_cells() -> None:
    data = render(load(EXAMPLES / "bank-branch.yaml"), RenderOptions())
    assert data.startswith(b"\xef\xbb\xbfStage id,Stage,Touchpoint id,Touchpoint,")
    body = data.decode("utf-8-sig")
    rows = read(data)
    # A row ends in CRLF; a list's items are separated by a bare LF inside one quoted cell.
    assert body.count("\r\n") == len(rows)
    assert '"Booking service\nStaff calendar"' in body
    assert FORMATS["csv"].suffix == ".csv"
    assert FORMATS["csv"].render(load(EXAMPLES / "bank-branch.yaml"), RenderOptions()) == data


def test_cyrillic_survives() -> None:
    data = render(load(EXAMPLES / "email-marketing-ru.yaml"), RenderOptions())
    rows = read(data)
    assert rows[0][:4] == [
        "Идентификатор этапа",
        "Этап",
        "Идентификатор точки контакта",
        "Точка контакта",
    ]
    assert rows[1][3] == "Всплывающее окно «−10% за подписку»"
    assert "Всплывающее".encode() in data


def test_negative_scores_stay_numbers() -> None:
    rows = read(render(load(EXAMPLES / "furniture-store.yaml"), RenderOptions()))
    header = rows[0]
    parking = next(r for r in rows if r[2] == "pickup-parking")
    assert parking[header.index("Emotion (-2..+2)")] == "-2"
    assert parking[header.index("Emotion: Anna")] == "-2"


@pytest.mark.parametrize("path", EXAMPLE_JOURNEYS, ids=lambda p: p.stem)
def test_formula_payloads_in_every_text_field_come_out_inert(path: Path) -> None:
    journey = load(path)
    put = inject(
        journey,
        lambda n: PAYLOADS[n % len(PAYLOADS)] + str(n),
        refs=bool(journey.channels),
        keep=NOT_EXPORTED,
    )
    data = render(journey, RenderOptions())
    _, header, cells = expected(journey)[0]
    table: list[list[object]] = [list(header), *cells]
    for row, values in zip(read(data), table, strict=True):
        for cell, value in zip(row, values, strict=True):
            # A score of -1 is a number, and stays one: only text is made inert.
            number = isinstance(value, int | float) and not isinstance(value, bool)
            assert float(cell) == value if number else not formula_like(cell), cell
    # And each text is there, behind an apostrophe: the oracle wants exactly that.
    check_csv(journey, data)
    assert any(p.startswith("=HYPERLINK") for p in put)


@given(documents())
def test_any_journey_exports_and_reads_back(document: dict[str, Any]) -> None:
    if not all(visible(n) for n in names(document)):
        return  # a blank name: the loader refuses it (tests/renderers/test_properties.py)
    journey = loader.load_bytes(dump(document), "drawn.yaml")
    check_csv(journey, render(journey, RenderOptions()))
