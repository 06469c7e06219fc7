"""Metric values from CSV files beside a journey: layout, every bad row at file.csv:line:column.

Through `cjmctl validate` where a user would meet them, so the positions, messages and hints are
exactly what a terminal or CI shows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cjmctl.journey import loader
from cjmctl.journey.diagnostics import JourneyError
from cjmctl.journey.reading import DATA_ROOT_VARIABLE
from tests.conftest import ROOT, git

Cli = Callable[..., tuple[int, str]]

JOURNEY = """\
cjm: 1
title: T
stages:
  - id: s
    name: S
    touchpoints: [{{id: pickup, name: Pick-up}}]
metrics:
  - id: csat-pickup
    name: CSAT at pick-up
    kind: csat
    at: [pickup]
    values: {{2026-08: 61}}
  - {{id: abandon, name: Abandoned, kind: abandonment}}
metric_files: [{files}]
"""


@pytest.fixture(autouse=True)
def no_data_root(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`--data-root` sets the variable in this process: undo it after each test."""
    monkeypatch.setenv(DATA_ROOT_VARIABLE, "")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


def journey_with(folder: Path, csv: bytes | str, *, files: str = "kpi.csv") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kpi.csv").write_bytes(csv.encode() if isinstance(csv, str) else csv)
    path = folder / "j.yaml"
    path.write_text(JOURNEY.format(files=files), encoding="utf-8")
    return path


def validate(cli: Cli, path: Path, *options: str) -> tuple[int, list[str]]:
    code, output = cli(*options, "validate", "--quiet", str(path))
    return code, output.splitlines()


def test_russian_headers_semicolons_and_decimal_commas(cli: Cli, tmp_path: Path) -> None:
    csv = "\ufeffдата;метрика;значение;примечание\n2026-09;csat-pickup;62,5;после ремонта\n"
    path = journey_with(tmp_path, csv)
    assert validate(cli, path) == (0, [])
    metric = loader.load(path).metrics[0]
    assert metric.values == {"2026-08": 61, "2026-09": 62.5}


def test_values_from_csv_appear_in_json_as_written(cli: Cli, tmp_path: Path) -> None:
    path = journey_with(
        tmp_path, "date,metric,value\n2026-09,csat-pickup,62\n2026-10,abandon,4.25\n"
    )
    code, output = cli("render", str(path), "-f", "json", "-o", "-")
    assert code == 0, output
    metrics = json.loads(output)["metrics"]
    assert [m["values"] for m in metrics] == [{"2026-08": 61, "2026-09": 62}, {"2026-10": 4.25}]
    assert '"2026-09": 62\n' in output  # not 62.0


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "date,metric,valeu",
            [
                "{csv}:1:13: error: unknown column 'valeu' [csv]",
                "  hint: did you mean 'value'? a metric file has the columns `date`, `metric`, "
                "`value` and `note`",
            ],
        ),
        (
            "date,metric,value,дата",
            ["{csv}:1:19: error: a second 'date' column [csv]", "  hint: keep one"],
        ),
        (
            "date,value",
            [
                "{csv}:1:1: error: missing column: metric [csv]",
                "  hint: the first row names the columns: date, metric, value (and note)",
            ],
        ),
        (
            "note",
            [
                "{csv}:1:1: error: missing columns: date, metric, value [csv]",
                "  hint: the first row names the columns: date, metric, value (and note)",
            ],
        ),
    ],
)
def test_unknown_repeated_and_missing_columns(
    cli: Cli, tmp_path: Path, header: str, expected: list[str]
) -> None:
    path = journey_with(tmp_path, header + "\n2026-09,csat-pickup,62\n")
    code, lines = validate(cli, path)
    assert code == 1
    assert lines == [line.format(csv=tmp_path / "kpi.csv") for line in expected]


def test_every_bad_row_is_an_error_at_its_cell(cli: Cli, tmp_path: Path) -> None:
    rows = [
        "date;metric;value",
        "2026-09;csat-pikup;1",
        "2026-13;csat-pickup;62%",
        "2026-11;csat-pickup;1 000",
        "2026-12;csat-pickup;nan",
        "2026-Q1;csat-pickup;1e400",
        "2027-01;csat-pickup",
        "2027-02;;5",
        "٢٠٢٦-٠٩;csat-pickup;٦٢",
    ]
    path = journey_with(tmp_path, "\n".join(rows) + "\n")
    csv = tmp_path / "kpi.csv"
    number = (
        "  hint: write a plain number such as 62 or 4.5 (or 4,5), without units or thousands "
        "separators"
    )
    period = "  hint: write a day, a month or a quarter: 2026-09-15, 2026-09 or 2026-Q3"
    assert validate(cli, path) == (
        1,
        [
            f"{csv}:2:9: error: metric: 'csat-pikup' is not the id of a metric of the journey "
            "[csv]",
            "  hint: did you mean 'csat-pickup'?",
            f"{csv}:3:1: error: date: '2026-13' is not a period [csv]",
            period,
            f"{csv}:3:21: error: value: '62%' is not a number [csv]",
            number,
            f"{csv}:4:21: error: value: '1 000' is not a number [csv]",
            number,
            f"{csv}:5:21: error: value: 'nan' is not a number [csv]",
            number,
            f"{csv}:6:21: error: value: '1e400' is out of range: a value lies within "
            "±1,000,000,000,000 [csv]",
            "  hint: write it in the metric's unit, as a plain number",
            f"{csv}:7:21: error: value: the value is missing [csv]",
            "  hint: write the measured value; a row without one does not belong in the file",
            f"{csv}:8:9: error: metric: the metric is missing [csv]",
            "  hint: write the id of one of the journey's metrics",
            f"{csv}:9:1: error: date: '٢٠٢٦-٠٩' is not a period [csv]",
            period,
            f"{csv}:9:21: error: value: '٦٢' is not a number [csv]",
            number,
        ],
    )


def test_an_unknown_metric_without_a_close_id_lists_the_ids(cli: Cli, tmp_path: Path) -> None:
    path = journey_with(tmp_path, "date,metric,value\n2026-09,revenue,1\n")
    assert validate(cli, path)[1][1] == "  hint: the journey's metrics are: csat-pickup, abandon"


def test_a_value_given_twice_points_at_the_first(cli: Cli, tmp_path: Path) -> None:
    path = journey_with(tmp_path, "date,metric,value\n2026-08,csat-pickup,62\n2026-10,abandon,3\n")
    (tmp_path / "more.csv").write_text("date,metric,value\n2026-10,abandon,4\n", encoding="utf-8")
    path.write_text(JOURNEY.format(files="kpi.csv, more.csv"), encoding="utf-8")
    assert validate(cli, path) == (
        1,
        [
            f"{tmp_path / 'kpi.csv'}:2:1: error: date: a second value for 'csat-pickup' in "
            "2026-08 [csv]",
            f"  hint: the first is at {path}:12:14; keep one",
            f"{tmp_path / 'more.csv'}:2:1: error: date: a second value for 'abandon' in 2026-10 "
            "[csv]",
            f"  hint: the first is at {tmp_path / 'kpi.csv'}:3:17; keep one",
        ],
    )


def test_a_bad_csv_file_is_reported_as_csv(cli: Cli, tmp_path: Path) -> None:
    path = journey_with(tmp_path, 'date,metric,value\n2026-09,"csat-pickup\n')
    assert validate(cli, path) == (
        1,
        [
            f"{tmp_path / 'kpi.csv'}:2:9: error: a quoted cell is never closed [csv]",
            '  hint: close it with a quote ("); a quote inside a cell is written twice ("")',
        ],
    )


OUTSIDE_HINT = (
    "  hint: keep data and shared files inside the project (or the repository), or name "
    "another folder with `cjmctl --data-root DIR`"
)


def paths_journey(tmp_path: Path) -> Path:
    """A journey in maps/ naming files outside it, through a link, absolute, and unreadable."""
    maps, outside = tmp_path / "maps", tmp_path / "outside"
    (maps / "kpi").mkdir(parents=True)
    outside.mkdir()
    (outside / "x.csv").write_text("date,metric,value\n2026-09,abandon,1\n", encoding="utf-8")
    (maps / "kpi" / "link.csv").symlink_to(outside / "x.csv")
    (maps / "folder.csv").mkdir()
    os.mkfifo(maps / "fifo.csv")
    names = "../outside/x.csv, kpi/link.csv, /etc/passwd, missing.csv, folder.csv, fifo.csv"
    path = maps / "j.yaml"
    path.write_text(JOURNEY.format(files=names), encoding="utf-8")
    return path


def test_data_files_stay_inside_the_root_and_are_read_without_hanging(
    cli: Cli, tmp_path: Path
) -> None:
    path = paths_journey(tmp_path)
    maps = tmp_path / "maps"
    outside = f"is outside {maps}, the folder data files are read from [io]"
    assert validate(cli, path) == (
        1,
        [
            # A FIFO nobody writes to reads as empty at once, as a journey does (issue 10).
            f"{maps / 'fifo.csv'}:1:1: error: the file is empty [csv]",
            "  hint: the first row names the columns",
            f"{path}:14:16: error: metric_files[0]: '../outside/x.csv' {outside}",
            OUTSIDE_HINT,
            f"{path}:14:34: error: metric_files[1]: 'kpi/link.csv' {outside}",
            OUTSIDE_HINT,
            f"{path}:14:48: error: metric_files[2]: '/etc/passwd' {outside}",
            OUTSIDE_HINT,
            f"{path}:14:61: error: metric_files[3]: cannot read 'missing.csv': No such file or "
            "directory [io]",
            "  hint: paths are relative to the file that names them",
            f"{path}:14:74: error: metric_files[4]: cannot read 'folder.csv': Is a directory [io]",
            "  hint: paths are relative to the file that names them",
        ],
    )


def test_data_root_widens_the_root(cli: Cli, tmp_path: Path) -> None:
    path = paths_journey(tmp_path)
    code, lines = validate(cli, path, "--data-root", str(tmp_path))
    assert code == 1
    assert not any("is outside" in line and "x.csv" in line for line in lines)
    assert not any("is outside" in line and "link.csv" in line for line in lines)
    assert (
        f"{path}:14:48: error: metric_files[2]: '/etc/passwd' is outside {tmp_path}, the "
        "folder data files are read from [io]" in lines
    )
    # The same file through two paths gives its values twice: the second is an error.
    assert (
        f"{tmp_path / 'maps' / 'kpi' / 'link.csv'}:2:1: error: date: a second value for "
        "'abandon' in 2026-09 [csv]" in lines
    )


def test_a_git_work_tree_is_the_default_root(cli: Cli, tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    path = journey_with(tmp_path / "maps", "date,metric,value\n2026-09,abandon,1\n")
    (tmp_path / "shared.csv").write_text("date,metric,value\n2026-10,abandon,2\n", encoding="utf-8")
    path.write_text(JOURNEY.format(files="kpi.csv, ../shared.csv"), encoding="utf-8")
    assert validate(cli, path) == (0, [])
    assert loader.load(path).metrics[1].values == {"2026-09": 1, "2026-10": 2}


@pytest.mark.parametrize("root", ["missing-folder", "a-file.txt"])
def test_a_bad_data_root_is_a_usage_error(cli: Cli, tmp_path: Path, root: str) -> None:
    (tmp_path / "a-file.txt").write_text("x", encoding="utf-8")
    path = journey_with(tmp_path, "date,metric,value\n")
    code, output = cli("--data-root", str(tmp_path / root), "validate", str(path))
    assert code == 2
    assert "Invalid value for '--data-root'" in output


def test_a_journey_read_without_a_file_reader_cannot_name_data_files() -> None:
    with pytest.raises(JourneyError) as caught:
        loader.load_bytes(JOURNEY.format(files="kpi.csv").encode(), "<stdin>")
    found = caught.value.diagnostics
    assert [(d.line, d.column, d.path, d.message, d.hint, d.rule) for d in found] == [
        (
            14,
            16,
            "metric_files[0]",
            "the data files of a journey read from standard input cannot be found",
            "give the journey's path instead, so its files are read beside it",
            "io",
        )
    ]


def test_a_huge_data_file_costs_no_more_than_the_limit(cli: Cli, tmp_path: Path) -> None:
    path = journey_with(tmp_path, "")
    with (tmp_path / "kpi.csv").open("wb") as sparse:
        sparse.truncate(64 * 2**30)  # 64 GiB of holes: reading it whole would never end
    assert validate(cli, path) == (
        1,
        [
            f"{tmp_path / 'kpi.csv'}:1:1: error: the file is larger than 8 MiB, the limit of a "
            "CSV file [csv]",
            "  hint: split it, for example by year",
        ],
    )


def test_batch_workers_inherit_the_data_root(tmp_path: Path) -> None:
    """`render --jobs 2` of four journeys: each worker reads files outside the journey's folder."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "kpi.csv").write_text(
        "date,metric,value\n2026-09,abandon,7\n", encoding="utf-8"
    )
    maps = tmp_path / "maps"
    maps.mkdir()
    for name in "abcd":
        (maps / f"{name}.yaml").write_text(
            JOURNEY.format(files="../data/kpi.csv"), encoding="utf-8"
        )
    out = tmp_path / "out"
    command = [sys.executable, "-m", "cjmctl", "--data-root", str(tmp_path), "render", str(maps)]
    command += ["--out-dir", str(out), "-f", "json", "--jobs", "2", "-q"]
    env = {k: v for k, v in os.environ.items() if k != DATA_ROOT_VARIABLE}
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    for name in "abcd":
        document = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        assert document["metrics"][1]["values"] == {"2026-09": 7}
    # Without the flag the same batch fails in every worker, each at its journey's line.
    command.remove("--data-root")
    command.remove(str(tmp_path))
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 1
    assert sorted(
        line.split(":")[0] for line in done.stderr.splitlines() if "is outside" in line
    ) == [str(maps / f"{name}.yaml") for name in "abcd"]


def test_diff_reads_the_csv_of_the_same_revision(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    path = journey_with(repo, "date,metric,value\n2026-09,csat-pickup,62\n")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first")
    (repo / "kpi.csv").write_text(
        "date,metric,value\n2026-09,csat-pickup,64\n2026-10,csat-pickup,66\n", encoding="utf-8"
    )
    git(repo, "commit", "-q", "-am", "second")
    (repo / "kpi.csv").write_text("date,metric,value\n2026-09,csat-pickup,70\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    assert path.exists()
    code, output = cli("diff", "HEAD~1:j.yaml", "HEAD:j.yaml")
    assert (code, output.splitlines()) == (
        0,
        [
            "Metrics",
            '  "CSAT at pick-up" (csat-pickup): 2026-09: 62 -> 64',
            '  "CSAT at pick-up" (csat-pickup): value for 2026-10 added: 66',
        ],
    )
    code, output = cli("diff", "HEAD~1:j.yaml", "j.yaml")  # the work tree: its CSV as it is now
    assert output.splitlines()[1:] == ['  "CSAT at pick-up" (csat-pickup): 2026-09: 62 -> 70']


def test_diff_of_a_revision_without_the_csv_says_so(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    journey_with(repo, "date,metric,value\n")
    git(repo, "init", "-q")
    git(repo, "add", "j.yaml")
    git(repo, "commit", "-q", "-m", "first")
    monkeypatch.chdir(repo)
    code, output = cli("diff", "HEAD:j.yaml", "j.yaml")
    assert code == 2  # as for any journey diff cannot read
    assert output.splitlines()[:2] == [
        "HEAD:j.yaml:14:16: error: metric_files[0]: cannot read HEAD:kpi.csv: path 'kpi.csv' "
        "exists on disk, but not in 'HEAD' [io]",
        "  hint: commit the data file with the journey",
    ]


def test_a_symlink_loop_is_a_file_that_cannot_be_read(cli: Cli, tmp_path: Path) -> None:
    path = journey_with(tmp_path, "date,metric,value\n", files="k.csv")
    (tmp_path / "k.csv").symlink_to("k.csv")
    assert validate(cli, path) == (
        1,
        [
            f"{path}:14:16: error: metric_files[0]: cannot read 'k.csv': a symbolic link that "
            "leads to itself [io]",
            "  hint: point the link at the file, or name the file itself",
        ],
    )


def test_a_decimal_comma_in_a_comma_separated_file_is_an_error_not_a_truncated_value(
    cli: Cli, tmp_path: Path
) -> None:
    path = journey_with(tmp_path, "date,metric,value\n2026-09,csat-pickup,4,5\n")
    assert validate(cli, path) == (
        1,
        [
            f"{tmp_path / 'kpi.csv'}:2:23: error: a cell beyond the header's 3 columns [csv]",
            "  hint: a decimal comma splits a number in two in a comma-separated file: quote "
            'it ("4,5"), write 4.5, or save the file separated by semicolons',
        ],
    )


def test_a_metric_file_saved_as_excels_unicode_text_is_read(cli: Cli, tmp_path: Path) -> None:
    csv = "date\tmetric\tvalue\r\n2026-09\tcsat-pickup\t62,5\r\n".encode("utf-16")
    path = journey_with(tmp_path, csv)
    assert validate(cli, path) == (0, [])
    assert loader.load(path).metrics[0].values == {"2026-08": 61, "2026-09": 62.5}


def test_a_value_off_the_metrics_scale_is_an_error_at_its_cell(cli: Cli, tmp_path: Path) -> None:
    path = journey_with(tmp_path, "date,metric,value\n2026-09,csat-pickup,4\n2026-10,nps,-101\n")
    text = path.read_text(encoding="utf-8").replace(
        "  - {id: abandon,",
        "  - {id: nps, name: NPS, kind: nps, scale: [-100, 100]}\n  - {id: abandon,",
    )
    path.write_text(text, encoding="utf-8")
    assert validate(cli, path) == (
        1,
        [
            f"{tmp_path / 'kpi.csv'}:3:13: error: value: the value -101 is outside the metric's "
            "scale [-100, 100] [csv]",
            "  hint: write it in the metric's unit, on its scale; or correct `scale:` (a "
            "five-point CSAT is [1, 5], a percentage [0, 100])",
        ],
    )
