"""Hostile input at the command line: every limit is an error at its position, never a crash."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, write

Streams = Callable[..., tuple[int, bytes, str]]
DIGITS = "9" * 5_000
LONG = "9" * 59 + "…"  # how messages shorten a long number


def test_a_long_string_aliased_a_thousand_times_fails_validate_at_the_alias(
    cli_streams: Streams, tmp_path: Path
) -> None:
    lines = ["cjm: 1", "title: T", "description: &d " + "x" * 1_000_000, "stages:"]
    lines += ["  - name: S", "    touchpoints:"]
    lines += [f"      - {{name: n{i}, action: *d}}" for i in range(1_000)]
    source = write(tmp_path, "\n".join(lines) + "\n")
    code, out, _ = cli_streams("validate", str(source))
    assert code == 1
    assert out.decode().splitlines()[0] == (
        f"{source}:15:28: error: aliases repeat more than 8,388,608 characters of text "
        "(8 MiB, as much as a journey file may hold) [limit]"
    )
    code, out, err = cli_streams("render", str(source), "-f", "json", "-o", "-")
    assert (code, out) == (1, b"")
    assert err.startswith(f"{source}:15:28: error: aliases repeat more than")


def test_thousands_of_digits_are_text_in_a_title_and_out_of_range_in_a_number(
    cli_streams: Streams, tmp_path: Path
) -> None:
    write(tmp_path, f"cjm: 1\ntitle: {DIGITS}\nstages:\n  - name: S\n", "a-title.yaml")
    write(tmp_path, f"cjm: 1\ntitle: T\nstages:\n  - name: S\n    reached: {DIGITS}\n", "b.yaml")
    write(tmp_path, "cjm: 1\ntitle: T\nstages: []\n", "c.yaml")
    code, out, _ = cli_streams("validate", str(tmp_path))
    assert code == 1
    assert out.decode().splitlines() == [
        f"{tmp_path / 'b.yaml'}:5:14: error: stages[0].reached: {LONG} is out of range: "
        "must be at most 1,000,000,000,000 [range]",
        "  hint: How many customers reached this stage (funnel).",
        f"{tmp_path / 'c.yaml'}:3:9: error: stages: needs at least 1 item [range]",
        "  hint: The stages of the journey, in order.",
        "3 files checked: 1 valid, 2 invalid, 2 errors",
    ]
    code, out, _ = cli_streams("render", str(tmp_path / "a-title.yaml"), "-f", "json", "-o", "-")
    assert code == 0
    assert f'"title": "{DIGITS}"' in out.decode()


BIG = f"""cjm: 1
title: T
reviewed: 2026-01-01
review_every_days: 99999999999
stages:
  - name: S
    reached: {"9" * 400}
research:
  - {{kind: survey, title: R, sample: -{"9" * 400}}}
"""
BIG_ERRORS = [
    "{file}:4:20: error: review_every_days: 99999999999 is out of range: must be at most 36,500 "
    "[range]",
    "  hint: After this many days since `reviewed` the map counts as stale.",
    f"{{file}}:7:14: error: stages[0].reached: {LONG} is out of range: "
    "must be at most 1,000,000,000,000 [range]",
    "  hint: How many customers reached this stage (funnel).",
    "{file}:9:38: error: research[0].sample: -" + "9" * 58 + "… is out of "
    "range: must be at least 0 [range]",
    "  hint: How many people or visits it covered.",
]


@pytest.mark.parametrize(
    "command",
    [["validate"], ["lint"], ["stats"], ["render", "-f", "html"], ["render", "-f", "md"]],
    ids=" ".join,
)
def test_numbers_too_big_for_dates_and_floats_are_range_errors(
    cli_streams: Streams, tmp_path: Path, command: list[str]
) -> None:
    source = write(tmp_path, BIG)
    code, out, err = cli_streams(*command, str(source), *(["-o", "-"] * (command[0] == "render")))
    printed = (err if command[0] in {"stats", "render"} else out.decode()).splitlines()
    assert code == 1
    assert printed[:6] == [line.format(file=source) for line in BIG_ERRORS]


def test_the_last_day_a_date_can_name_plus_the_longest_period_is_never_stale(
    cli_streams: Streams, tmp_path: Path
) -> None:
    source = write(
        tmp_path,
        "cjm: 1\ntitle: T\nreviewed: 9999-12-31\nreview_every_days: 36500\n"
        "stages:\n  - name: S\n    reached: 1000000000000\n"
        "    touchpoints: [{name: A, emotion: 2}]\n  - {name: S2, reached: 999999999999}\n"
        "research:\n  - {kind: survey, title: R, sample: 1000000000000}\n",
    )
    code, out, _ = cli_streams("lint", str(source), "--today", "9999-12-31")
    assert code == 0
    assert "stale" not in out.decode()
    code, out, _ = cli_streams("render", str(source), "-f", "md", "-o", "-")
    assert code == 0
    assert "review every 36500 days · next review by 31\u00a0December\u00a09999" in out.decode()
    code, out, _ = cli_streams("render", str(source), "-f", "html", "-o", "-")
    assert code == 0
    assert "1,000,000,000,000" in out.decode()
    code, out, _ = cli_streams("stats", str(source))
    assert code == 0
    assert "s   1,000,000,000,000  reached  100.0% go on to the next stage  1 lost" in out.decode()


@pytest.mark.parametrize("value", ["99999999999999999", "253402300800", "-62135596801", "soon"])
@pytest.mark.parametrize("command", [["lint"], ["render", "-o", "-"]], ids=" ".join)
def test_a_source_date_epoch_no_date_can_hold_is_a_usage_error(
    cli_streams: Streams, monkeypatch: pytest.MonkeyPatch, command: list[str], value: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    code, out, err = cli_streams(*command, "examples/furniture-store.yaml")
    assert (code, out) == (2, b"")
    assert (
        f"Invalid value for SOURCE_DATE_EPOCH: {value!r} is not seconds since 1970 in the years "
        "1 to 9999; set it as `git log -1 --format=%ct` prints one, or unset it"
    ) in " ".join(err.replace("│", "").split())


@pytest.mark.parametrize(
    ("value", "reviewed"), [("253402300799", "9999-12-29"), ("-86400", "1969-12-29")]
)
def test_a_source_date_epoch_at_the_ends_of_the_calendar_is_a_date(
    cli_streams: Streams, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str, reviewed: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)  # 9999-12-31 and 1969-12-31
    text = f"cjm: 1\ntitle: T\nreviewed: {reviewed}\nreview_every_days: 1\nstages: [{{name: S}}]\n"
    code, out, _ = cli_streams("lint", str(write(tmp_path, text)))
    assert code == 0
    assert f"a review was due by {reviewed[:-2]}30" in out.decode()


def test_digits_written_as_text_in_a_number_field_are_a_type_error_with_a_short_hint(
    cli_streams: Streams, tmp_path: Path
) -> None:
    source = write(
        tmp_path,
        f'cjm: 1\ntitle: T\nstages:\n  - {{name: S, reached: "0{DIGITS}"}}\n'
        '  - {name: S2, reached: "²"}\n',
    )
    code, out, _ = cli_streams("validate", str(source))
    assert code == 1
    assert out.decode().splitlines()[:4] == [
        f"{source}:4:24: error: stages[0].reached: expected a whole number, got text "
        "'09999999999999999999999999999999999999999999999999999999999…' [type]",
        f"  hint: write {LONG} as a plain number: no quotes, no leading zero",
        f"{source}:5:25: error: stages[1].reached: expected a whole number, got text '²' [type]",
        "  hint: How many customers reached this stage (funnel).",
    ]


def run_bounded(*args: str) -> subprocess.CompletedProcess[str]:
    """cjmctl in a process that may not take more than 1 GiB or 60 s: a regression fails fast."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-m", "cjmctl", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        preexec_fn=limit,  # the test process starts no threads that could deadlock it
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
    )


TOO_BIG = "the file is larger than 8 MiB, the limit of a journey file [encoding]"


@pytest.mark.parametrize(
    ("command", "stream"),
    [(["validate"], "stdout"), (["lint"], "stdout"), (["stats"], "stderr")],
    ids=lambda value: value[0] if isinstance(value, list) else value,
)
def test_an_endless_device_is_read_only_to_the_limit(command: list[str], stream: str) -> None:
    result = run_bounded(*command, "/dev/zero")
    assert result.returncode == 1
    assert getattr(result, stream).splitlines()[0] == f"/dev/zero:1:1: error: {TOO_BIG}"


def test_diff_reads_an_endless_device_only_to_the_limit() -> None:
    result = run_bounded("diff", "/dev/zero", "examples/furniture-store.yaml")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == f"/dev/zero:1:1: error: {TOO_BIG}"


@pytest.mark.parametrize(
    "command", [["validate"], ["lint"], ["stats"], ["render", "-o", "-"]], ids=" ".join
)
def test_a_fifo_nobody_writes_to_is_an_empty_file_not_a_hang(
    tmp_path: Path, command: list[str]
) -> None:
    fifo = tmp_path / "journey.yaml"
    os.mkfifo(fifo)
    result = run_bounded(*command, str(fifo))
    assert result.returncode == 1
    assert f"{fifo}:1:1: error: the file is empty [structure]" in result.stdout + result.stderr


def test_a_folder_given_as_the_file_is_an_error_not_a_traceback(
    cli_streams: Streams, tmp_path: Path
) -> None:
    folder = tmp_path / "journey.yaml"
    folder.mkdir()
    code, _, err = cli_streams("stats", str(folder))
    assert (code, err) == (1, f"{folder}:1:1: error: cannot read the file: Is a directory [io]\n")
    code, _, err = cli_streams("diff", str(folder), str(folder))
    assert code == 2
    assert "Is a directory" in err
