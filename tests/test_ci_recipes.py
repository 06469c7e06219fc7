"""The scheduled-CI recipes of docs/ci/: they parse, they run on a schedule, and their cjmctl
commands work as written on a folder of maps with a metric CSV beside them."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cjmctl.cli import app
from tests.conftest import ROOT

DOCS = ROOT / "docs" / "ci"
LOOP = ROOT / "tests" / "fixtures" / "loop"


def recipe(name: str) -> Any:
    return yaml.safe_load((DOCS / name).read_text(encoding="utf-8"))


def commands(scripts: list[str]) -> list[list[str]]:
    """The cjmctl commands among shell lines, as argument lists without `cjmctl`."""
    lines = [line.strip() for script in scripts for line in script.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("cjmctl ")]


def github_scripts() -> list[str]:
    workflow = recipe("monitor-github.yml")
    # YAML 1.1 (PyYAML) reads the key `on` as True; GitHub reads it as "on".
    triggers = workflow[True]
    assert triggers["schedule"][0]["cron"] == "0 6 * * 1"
    assert "workflow_dispatch" in triggers
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    assert [s.get("uses", "").split("@")[0] for s in steps if "uses" in s] == [
        "actions/checkout",
        "actions/setup-python",
        "actions/upload-artifact",
    ]
    assert steps[-1]["if"] == "always()"
    assert steps[-1]["with"]["path"] == "site/"
    return [s["run"] for s in steps if "run" in s]


def gitlab_scripts() -> list[str]:
    (job,) = recipe("monitor-gitlab.yml").values()
    assert {"if": '$CI_PIPELINE_SOURCE == "schedule"'} in job["rules"]
    assert job["artifacts"] == {"when": "always", "paths": ["site/"], "expire_in": "30 days"}
    return [*job["before_script"], *job["script"]]


@pytest.mark.parametrize(
    ("scripts", "annotation"),
    [
        (github_scripts, "::warning file=maps/kpi.csv,line=3,col=21,title=cjmctl kpi-off-target::"),
        (gitlab_scripts, "maps/kpi.csv:3:21: warning: metric 'CSAT at pick-up' is 61% in 2026-10"),
    ],
)
def test_the_recipe_renders_and_fails_on_the_kpis(
    scripts: Any, annotation: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = commands(scripts())
    assert [c[0] for c in found] == ["render", "lint"]
    assert found[1][-4:] == ["--fail-on", "kpi-off-target", "--fail-on", "kpi-stale"]
    (tmp_path / "maps").mkdir()
    shutil.copy(LOOP / "journey.yaml", tmp_path / "maps" / "pickup.yaml")
    shutil.copy(LOOP / "kpi.csv", tmp_path / "maps" / "kpi.csv")
    monkeypatch.chdir(tmp_path)
    env = {"SOURCE_DATE_EPOCH": "1795392000", "NO_COLOR": "1", "COLUMNS": "100"}  # 2026-11-23
    render = CliRunner().invoke(app, found[0], env=env)
    assert render.exit_code == 0, render.stderr
    assert (tmp_path / "site" / "pickup.html").is_file()
    check = CliRunner().invoke(app, found[1], env=env)
    assert check.exit_code == 1  # the CSAT at pick-up is off target
    assert check.stdout.splitlines()[0].startswith(annotation)
    assert check.stdout.splitlines()[-1] == "1 file linted: 0 errors, 1 warning, 0 infos"
