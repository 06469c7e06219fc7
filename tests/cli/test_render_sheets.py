"""`cjmctl render -f csv -f xlsx`: written into a folder, checked with --check byte for byte,
dated by $SOURCE_DATE_EPOCH, and openpyxl loaded only for the workbook."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_example

Streams = Callable[..., tuple[int, bytes, str]]


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # a work tree: shared/ finds the project above it
    return copy_example("bank-branch.yaml", tmp_path / "bank-branch.yaml")


def test_both_formats_go_into_the_folder_and_check_as_current(
    cli_streams: Streams, bank: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, _, err = cli_streams("render", str(bank), "-f", "csv", "-f", "xlsx", "-o", f"{out}/")
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["bank-branch.csv", "bank-branch.xlsx"]
    assert (out / "bank-branch.csv").read_bytes().startswith(b"\xef\xbb\xbfStage id,")
    assert zipfile.is_zipfile(out / "bank-branch.xlsx")
    code, stdout, err = cli_streams(
        "render", str(bank), "-f", "csv", "-f", "xlsx", "-o", f"{out}/", "--check"
    )
    assert (code, stdout) == (0, b"")
    assert re.fullmatch(r"checked 2 outputs: all up to date \(\d+\.\d s\)\n", err)


def test_check_finds_a_workbook_of_another_date_out_of_date(
    cli_streams: Streams, bank: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert (
        cli_streams("render", str(bank), "-f", "csv", "-f", "xlsx", "-o", f"{out}/", "-q")[0] == 0
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    code, stdout, _ = cli_streams(
        "render", str(bank), "-f", "csv", "-f", "xlsx", "-o", f"{out}/", "--check"
    )
    # The CSV holds no date; the workbook's properties and zip entries do.
    assert (code, stdout.decode().splitlines()) == (1, [f"{out / 'bank-branch.xlsx'}: out of date"])
    assert cli_streams("render", str(bank), "-f", "xlsx", "-o", f"{out}/", "-q")[0] == 0
    with zipfile.ZipFile(io.BytesIO((out / "bank-branch.xlsx").read_bytes())) as archive:
        core = archive.read("docProps/core.xml").decode()
    assert '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-05-28T20:26:40Z<' in core


def test_check_with_diff_shows_what_changed_in_the_csv(
    cli_streams: Streams, bank: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert cli_streams("render", str(bank), "-f", "csv", "-o", f"{out}/", "-q")[0] == 0
    csv_file = out / "bank-branch.csv"
    csv_file.write_bytes(csv_file.read_bytes().replace(b"Online booking", b"Offline booking"))
    code, stdout, _ = cli_streams(
        "render", str(bank), "-f", "csv", "-o", f"{out}/", "--check", "--diff"
    )
    assert code == 1
    lines = stdout.decode().splitlines()
    assert lines[0] == f"{csv_file}: out of date"
    assert any(
        line.startswith("-booking,Booking an appointment,online-booking,Offline") for line in lines
    )
    assert any(
        line.startswith("+booking,Booking an appointment,online-booking,Online") for line in lines
    )


def test_help_names_both_formats(cli_streams: Streams) -> None:
    code, stdout, _ = cli_streams("render", "--help")
    assert code == 0
    assert re.search(r"json,\s+md,\s+csv,\s+xlsx\.", stdout.decode())


_MODULES = """
import sys
from cjmctl.cli import main
sys.argv = ["cjmctl", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print("openpyxl" in sys.modules, file=sys.stderr)
"""


@pytest.mark.parametrize(
    ("args", "loaded"), [(["--help"], "False"), (["-f", "csv"], "False"), (["-f", "xlsx"], "True")]
)
def test_openpyxl_is_loaded_for_the_workbook_only(bank: Path, args: list[str], loaded: str) -> None:
    command = ["render", str(bank), "-o", "-", *args] if args != ["--help"] else args
    result = subprocess.run(
        [sys.executable, "-c", _MODULES, *command], cwd=ROOT, capture_output=True, check=False
    )
    assert result.stderr.decode().split()[-1] == loaded
