"""Authoring: `cjmctl init` starters and `cjmctl watch` re-rendering on save."""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from cjmctl.journey import loader
from tests.conftest import ROOT, STANDALONE

Streams = Callable[..., tuple[int, bytes, str]]
SCHEMA_LINE = b"# yaml-language-server: $schema=https://cjmctl.dev/schemas/journey.schema.json\n"


@pytest.mark.parametrize(
    ("template", "locale"), list(itertools.product(["blank", "ecommerce", "service"], ["en", "ru"]))
)
def test_every_starter_is_a_valid_commented_journey(
    cli_streams: Streams,
    tmp_path: Path,
    template: str,
    locale: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    target = tmp_path / "journey.yaml"
    code, out, _ = cli_streams("init", str(target), "--template", template, "--locale", locale)
    assert code == 0
    assert out.decode() == (
        f"wrote {target} ({template}, {locale}); edit it, then: cjmctl render {target}\n"
    )
    data = target.read_bytes()
    assert data.startswith(SCHEMA_LINE)
    assert data.count(b"\n#") + data.count(b" # ") >= 5  # it explains itself
    journey = loader.load_bytes(data, str(target))
    assert journey.reviewed == date(2026, 9, 21)  # SOURCE_DATE_EPOCH, set below
    assert journey.locale == locale
    assert len(journey.stages) >= 3


def test_init_never_overwrites_without_force(cli_streams: Streams, tmp_path: Path) -> None:
    target = tmp_path / "journey.yaml"
    target.write_text("my work", encoding="utf-8")
    code, _, err = cli_streams("init", str(target))
    assert code == 1
    assert err == f"cjmctl: {target} exists; use --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == "my work"
    assert cli_streams("init", str(target), "--force")[0] == 0
    assert target.read_bytes().startswith(SCHEMA_LINE)


def test_init_to_stdout(cli_streams: Streams) -> None:
    code, out, _ = cli_streams("init", "-", "--template", "service", "--locale", "ru")
    assert code == 0
    assert out.startswith(SCHEMA_LINE)
    assert "locale: ru" in out.decode()


@pytest.mark.parametrize(("option", "value"), [("--template", "shop"), ("--locale", "fr")])
def test_init_rejects_unknown_choices(cli_streams: Streams, option: str, value: str) -> None:
    assert cli_streams("init", "-", option, value)[0] == 2


def _wait(condition: Callable[[], bool], seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_watch_rerenders_on_save_and_keeps_the_last_good_output(tmp_path: Path) -> None:
    source = tmp_path / "sofa.yaml"
    text = STANDALONE.read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    page = tmp_path / "out" / "sofa.html"
    log = tmp_path / "watch.log"
    with log.open("w", encoding="utf-8") as stream:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cjmctl",
                "watch",
                str(source),
                "-o",
                f"{tmp_path / 'out'}/",
                "--interval",
                "0.05",
            ],
            cwd=ROOT,
            stdout=stream,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            assert _wait(page.exists), log.read_text(encoding="utf-8")
            assert b"Mebel Plus" in page.read_bytes()

            source.write_text(text.replace("Mebel Plus", "Mebel Max"), encoding="utf-8")
            assert _wait(lambda: b"Mebel Max" in page.read_bytes()), log.read_text("utf-8")

            good = page.read_bytes()
            source.write_text(text.replace("cjm: 1", "cjm: 1\nstages: [", 1), encoding="utf-8")
            assert _wait(lambda: "not rendered" in log.read_text(encoding="utf-8"))
            assert page.read_bytes() == good
            assert f"{source}:" in log.read_text(encoding="utf-8")
        finally:
            process.send_signal(signal.SIGINT)
            code = process.wait(timeout=20)
    output = log.read_text(encoding="utf-8")
    assert code == 0, output
    assert "Traceback" not in output
    assert output.rstrip().endswith("stopped")


def test_init_suggests_a_command_that_reads_a_dash_name_as_a_file(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cjmctl", "init", "--", "-x.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("edit it, then: cjmctl render -- -x.yaml\n")
    assert loader.load(tmp_path / "-x.yaml").title


WATCHED_KPI = (
    "cjm: 1\ntitle: Watched\nstages:\n  - name: S\n    touchpoints: [{id: tp, name: Tp}]\n"
    "metrics: [{id: csat, name: CSAT, kind: csat, target: 80, at: [tp]}]\n"
    "metric_files: [kpi.csv]\n"
)


@contextlib.contextmanager
def _watching(source: Path) -> Iterator[tuple[Path, Path]]:
    """`cjmctl watch` on `source`, to JSON in `out/` beside it.

    Yields the rendered page and the log; stops watch with Ctrl-C and checks it ends well.
    """
    folder = source.parent
    log = folder / "watch.log"
    with log.open("w", encoding="utf-8") as stream:
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "cjmctl", "watch", str(source), "-f", "json"),
                *("-o", f"{folder / 'out'}/", "--interval", "0.05"),
            ],
            cwd=ROOT,
            stdout=stream,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            yield folder / "out" / f"{source.stem}.json", log
        finally:
            process.send_signal(signal.SIGINT)
            code = process.wait(timeout=20)
    assert code == 0, log.read_text(encoding="utf-8")


@contextlib.contextmanager
def _watching_kpi(tmp_path: Path, first_csv: str) -> Iterator[tuple[Path, Path, Path]]:
    """`cjmctl watch` on a journey with one metric file (first holding `first_csv`), to JSON.

    Yields the CSV, the rendered page and the log.
    """
    source = tmp_path / "kpi.yaml"
    source.write_text(WATCHED_KPI, encoding="utf-8")
    csv = tmp_path / "kpi.csv"
    csv.write_text(first_csv, encoding="utf-8")
    with _watching(source) as (page, log):
        yield csv, page, log


def test_watch_rerenders_when_a_metric_file_of_the_journey_changes(tmp_path: Path) -> None:
    with _watching_kpi(tmp_path, "date,metric,value\n2026-09,csat,61\n") as (csv, page, log):
        assert _wait(page.exists), log.read_text(encoding="utf-8")
        assert b'"2026-09": 61' in page.read_bytes()
        csv.write_text("date,metric,value\n2026-09,csat,61\n2026-10,csat,73\n", "utf-8")
        assert _wait(lambda: b'"2026-10": 73' in page.read_bytes()), log.read_text("utf-8")


def test_watch_rerenders_when_a_metric_file_broken_at_the_start_is_fixed(tmp_path: Path) -> None:
    with _watching_kpi(tmp_path, "date,metric,value\n2026-09,csat,lots\n") as (csv, page, log):
        assert _wait(lambda: "not rendered" in log.read_text(encoding="utf-8"))
        assert f"{csv}:2:" in log.read_text(encoding="utf-8")
        csv.write_text("date,metric,value\n2026-09,csat,61\n", encoding="utf-8")
        assert _wait(page.exists), log.read_text(encoding="utf-8")
        assert b'"2026-09": 61' in page.read_bytes()


def test_watch_rerenders_when_a_shared_file_broken_at_the_start_is_fixed(tmp_path: Path) -> None:
    (tmp_path / "cjmctl.yaml").write_text(
        "project: 1\ntitle: T\nshared: [shared/people.yaml]\n", encoding="utf-8"
    )
    (tmp_path / "shared").mkdir()
    people = tmp_path / "shared" / "people.yaml"
    people.write_text("personas: [{id: anna, nam: Anna}]\n", encoding="utf-8")
    source = tmp_path / "a.yaml"
    source.write_text("cjm: 1\ntitle: T\npersonas: [anna]\nstages: [{name: S}]\n", encoding="utf-8")
    with _watching(source) as (page, log):
        assert _wait(lambda: "not rendered" in log.read_text(encoding="utf-8"))
        assert f"{people}:1:" in log.read_text(encoding="utf-8")
        people.write_text("personas: [{id: anna, name: Anna}]\n", encoding="utf-8")
        assert _wait(page.exists), log.read_text(encoding="utf-8")
        assert b'"Anna"' in page.read_bytes()
        people.write_text("personas: [{id: anna, name: Anna Petrova}]\n", encoding="utf-8")
        assert _wait(lambda: b"Anna Petrova" in page.read_bytes()), log.read_text("utf-8")
