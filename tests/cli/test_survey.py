"""`cjmctl import survey`: a Google Forms CSV and its mapping become one research entry."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path

from cjmctl.journey import loader
from cjmctl.journey.model import Journey
from tests.conftest import ROOT

Streams = Callable[..., tuple[int, bytes, str]]
FIXTURES = ROOT / "tests" / "fixtures" / "survey"
EN = ("import", "survey", "tests/fixtures/survey/forms-en.csv")
EN_MAPPING = ("--mapping", "tests/fixtures/survey/forms-en.mapping.yaml")
RU = ("import", "survey", "tests/fixtures/survey/forms-ru.csv")
RU_MAPPING = ("--mapping", "tests/fixtures/survey/forms-ru.mapping.yaml")


def _pasted(entry: bytes, tmp_path: Path) -> Journey:
    """The journey fixture with `entry` pasted under its `research:`, loaded."""
    journey = (FIXTURES / "journey.yaml").read_text(encoding="utf-8")
    text = journey.replace("research: []\n", "research:\n" + entry.decode())
    path = tmp_path / "journey.yaml"
    path.write_text(text, encoding="utf-8")
    return loader.load(path)


def test_a_google_forms_export_becomes_an_entry_that_loads_under_research(
    cli_streams: Streams, tmp_path: Path
) -> None:
    code, out, err = cli_streams(
        *EN, *EN_MAPPING, "--journey", "tests/fixtures/survey/journey.yaml", "--title", "After"
    )
    assert code == 0, err
    assert err == (
        "tests/fixtures/survey/forms-en.csv: 8 respondents\n"
        "  order: 8 answers\n"
        "  delivery: 7 answers, 1 skipped the question (not counted)\n"
        "  pickup: 7 answers, 1 skipped the question (not counted)\n"
        "  reasons: 8 given, 3 different\n"
    )
    (entry,) = _pasted(out, tmp_path).research
    assert (entry.id, entry.kind, entry.title, entry.sample) == ("survey", "survey", "After", 8)
    assert entry.date == date(2026, 9, 12)  # the latest timestamp
    assert entry.scale == (1, 5)
    assert entry.ratings == {
        "order": [0, 1, 1, 3, 3],
        "delivery": [0, 1, 1, 3, 2],
        "pickup": [2, 2, 1, 1, 1],
    }
    assert entry.scores == {"order": 75, "delivery": 71, "pickup": 39}
    assert [(r.reason, r.count) for r in entry.reasons] == [
        ("Parking at pick-up", 4),
        ("Delivery costs too much", 2),
        ("The sofa I wanted was out of stock", 2),
    ]


def test_a_russian_export_with_a_bom_and_semicolons(cli_streams: Streams, tmp_path: Path) -> None:
    assert (FIXTURES / "forms-ru.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    title = "Опрос после покупки"
    code, out, err = cli_streams(*RU, *RU_MAPPING, "--id", "opros", "--title", title)
    assert code == 0, err
    (entry,) = _pasted(out, tmp_path).research
    assert (entry.id, entry.title, entry.sample, entry.date) == (
        "opros",
        "Опрос после покупки",
        6,
        date(2026, 9, 18),
    )
    assert entry.ratings == {"order": [0, 1, 1, 2, 2], "delivery": [0, 1, 1, 2, 1]}
    assert [(r.reason, r.count) for r in entry.reasons] == [
        ("Дорогая доставка", 3),
        ("Не нашёл нужный цвет", 1),
        ("Долго ждать; проще купить в другом месте", 1),
    ]


def test_a_windows_1251_export_is_read_with_encoding(cli_streams: Streams, tmp_path: Path) -> None:
    text = (FIXTURES / "forms-ru.csv").read_text(encoding="utf-8-sig")
    source = tmp_path / "ru.csv"
    source.write_bytes(text.encode("cp1251"))
    code, _, err = cli_streams("import", "survey", str(source), *RU_MAPPING)
    assert code == 1
    assert err.startswith(f"{source}:1:1: error: the file is not valid utf-8: byte 0xCE")
    code, out, err = cli_streams(
        "import", "survey", str(source), *RU_MAPPING, "--encoding", "cp1251"
    )
    assert code == 0, err
    assert "      - reason: Дорогая доставка\n        count: 3\n" in out.decode()


def test_touchpoints_of_the_mapping_are_checked_against_the_journey(
    cli_streams: Streams, tmp_path: Path
) -> None:
    mapping = tmp_path / "m.yaml"
    text = (FIXTURES / "forms-en.mapping.yaml").read_text(encoding="utf-8")
    mapping.write_text(text.replace(": pickup", ": pick-up"), encoding="utf-8")
    code, out, err = cli_streams(
        *EN, "--mapping", str(mapping), "--journey", "tests/fixtures/survey/journey.yaml"
    )
    assert (code, out) == (1, b"")
    assert err == (
        f"{mapping}:7:3: error: the journey has no touchpoint 'pick-up'\n"
        "  hint: did you mean 'pickup'?\n"
    )


def test_bad_rows_are_errors_at_file_line_column_and_nothing_is_written(
    cli_streams: Streams, tmp_path: Path
) -> None:
    source = tmp_path / "r.csv"
    lines = (FIXTURES / "forms-en.csv").read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace('"5","5","3"', '"5","6","3"')
    lines[5] = lines[5].replace("2026/09/05", "2026/13/05")
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "entry.yaml"
    code, out, err = cli_streams("import", "survey", str(source), *EN_MAPPING, "-o", str(target))
    assert (code, out, target.exists()) == (1, b"", False)
    assert err.splitlines()[::2] == [
        f"{source}:4:35: error: How satisfied were you with the delivery?: the answer 6 is "
        "outside the scale [1, 5] [csv]",
        f"{source}:6:1: error: Timestamp: the timestamp '2026/13/05 1:01:09 PM GMT+3' names "
        "no day of the calendar [csv]",
    ]


def test_without_a_timestamp_column_the_date_is_required(
    cli_streams: Streams, tmp_path: Path
) -> None:
    mapping = tmp_path / "m.yaml"
    text = (FIXTURES / "forms-en.mapping.yaml").read_text(encoding="utf-8")
    mapping.write_text(text.replace("timestamp: Timestamp\n", ""), encoding="utf-8")
    code, _, err = cli_streams(*EN, "--mapping", str(mapping))
    assert code == 2
    assert "give --date" in err
    code, out, _ = cli_streams(*EN, "--mapping", str(mapping), "--date", "2026-09-30")
    assert code == 0
    assert b"    date: 2026-09-30\n" in out
    code, _, err = cli_streams(*EN, "--mapping", str(mapping), "--date", "30.09.2026")
    assert code == 2
    assert "'30.09.2026' is not a date written as YYYY-MM-DD" in err


def test_output_to_a_file_never_over_an_input_or_an_existing_file(
    cli_streams: Streams, tmp_path: Path
) -> None:
    target = tmp_path / "entry.yaml"
    code, out, err = cli_streams(*EN, *EN_MAPPING, "-o", str(target))
    assert (code, out) == (0, b"")
    assert err.endswith(f"wrote {target}; paste it under `research:` in the journey\n")
    assert target.read_text(encoding="utf-8").startswith("# A survey entry")
    code, _, err = cli_streams(*EN, *EN_MAPPING, "-o", str(target))
    assert code == 1
    assert err.endswith(f"cjmctl: {target} exists; use --force to overwrite it\n")
    assert cli_streams(*EN, *EN_MAPPING, "-o", str(target), "--force")[0] == 0
    code, _, err = cli_streams(*EN, *EN_MAPPING, "-o", EN_MAPPING[1])
    assert code == 2
    assert "is an input; write the research entry to another file" in err
    code, _, err = cli_streams(*EN, *EN_MAPPING, "--id", "Survey 1")
    assert code == 2
    assert "'Survey 1' is not an id" in err


def test_a_missing_file_is_an_error_without_a_traceback(cli_streams: Streams) -> None:
    code, out, err = cli_streams(*EN, "--mapping", "nowhere.yaml")
    assert (code, out) == (1, b"")
    assert err == "cjmctl: cannot read nowhere.yaml: No such file or directory\n"


def test_an_id_with_a_line_break_after_it_is_not_an_id(cli_streams: Streams) -> None:
    code, out, err = cli_streams(*EN, *EN_MAPPING, "--id", "ok\n")
    assert (code, out) == (2, b"")
    assert err.splitlines()[-1] == (
        "Error: Invalid value for '--id': 'ok\\n' is not an id: lowercase a-z, 0-9, '-' and '_'"
    )


def test_an_encoding_is_checked_as_import_audit_checks_it(cli_streams: Streams) -> None:
    code, out, err = cli_streams(*EN, *EN_MAPPING, "--encoding", "base64")
    assert (code, out) == (2, b"")
    assert err.splitlines()[-1] == (
        "Error: Invalid value for '--encoding': 'base64' is not a text encoding; "
        "e.g. utf-8, utf-16 or cp1251"
    )
    code, out, err = cli_streams(*EN, *EN_MAPPING, "--encoding", "klingon")
    assert (code, out) == (2, b"")
    assert err.splitlines()[-1] == (
        "Error: Invalid value for '--encoding': unknown encoding 'klingon'; "
        "e.g. utf-8, utf-16 or cp1251"
    )


def test_excels_unicode_text_is_read_by_its_bom_or_with_encoding_utf16(
    cli_streams: Streams, tmp_path: Path
) -> None:
    with (FIXTURES / "forms-en.csv").open(encoding="utf-8-sig", newline="") as given:
        rows = list(csv.reader(given))
    source = tmp_path / "forms-en.txt"
    with source.open("w", encoding="utf-16", newline="") as saved:  # as Excel's Unicode Text
        csv.writer(saved, delimiter="\t", lineterminator="\r\n").writerows(rows)
    assert source.read_bytes().startswith(b"\xff\xfe")
    expected = cli_streams(*EN, *EN_MAPPING)[1]
    for options in ((), ("--encoding", "utf-16")):
        code, out, err = cli_streams("import", "survey", str(source), *EN_MAPPING, *options)
        assert (code, out) == (0, expected), err
