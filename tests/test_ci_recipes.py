"""The CI recipes of docs/ci/: they parse, run when they say, and their cjmctl commands work as
written: the monitor's on a folder of maps with a metric CSV beside them, the site's on the
examples project, and the site's pull-request comment script for real, with bash and git."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cjmctl.cli import app
from tests.conftest import EXAMPLE_JOURNEYS, EXAMPLES, ROOT, copy_example

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


# --- the site recipes ----------------------------------------------------------------------------

COMMIT_DATE = '"$(git log -1 --format=%cs)"'
"""How the recipes pin `--today`: the commit's date (a fixed one in these tests)."""


def github_site() -> dict[str, Any]:
    workflow = recipe("site-github.yml")
    triggers = workflow[True]  # YAML 1.1 reads `on` as True
    assert triggers == {"push": {"branches": ["main"]}, "pull_request": None}
    return workflow["jobs"]  # type: ignore[no-any-return]


def step(steps: list[dict[str, Any]], name: str) -> dict[str, Any]:
    (found,) = [s for s in steps if s.get("name") == name]
    return found


DIFF_STEP = "What this pull request changes in the maps"


def test_the_github_site_recipe_deploys_on_push_and_comments_on_pull_requests() -> None:
    jobs = github_site()
    assert sorted(jobs) == ["build", "comment", "deploy"]
    steps = jobs["build"]["steps"]
    upload = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload == [
        {
            "uses": "actions/upload-pages-artifact@v3",
            "if": "github.event_name == 'push'",
            "with": {"path": "public/"},
        }
    ]
    deploy = jobs["deploy"]
    assert deploy["if"] == "github.event_name == 'push'"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"] for s in deploy["steps"]] == ["actions/deploy-pages@v4"]
    comment = jobs["comment"]
    assert comment["if"] == "github.event_name == 'pull_request'"
    assert comment["permissions"] == {"pull-requests": "write"}
    assert "gh pr comment" in comment["steps"][-1]["run"]
    diff = step(steps, DIFF_STEP)
    assert diff["if"] == "github.event_name == 'pull_request'"
    assert diff["env"] == {"BASE": "${{ github.event.pull_request.base.sha }}"}


def gitlab_site() -> dict[str, Any]:
    jobs: dict[str, Any] = recipe("site-gitlab.yml")
    assert jobs["pages"]["artifacts"] == {"paths": ["public"]}
    assert jobs["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert jobs["map-diff"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    return jobs


def maps_project(folder: Path) -> Path:
    """The examples project as `folder/maps`: its journeys, shared files, CSVs, broken files."""
    maps = folder / "maps"
    maps.mkdir(parents=True)
    for journey in EXAMPLE_JOURNEYS:
        copy_example(journey.name, maps / journey.name)
    (maps / "invalid").mkdir()  # files the project file excludes: a few, each fails to load
    for broken in ("bad-ids.yaml", "duplicate-keys.yaml", "empty.yaml"):
        shutil.copy(EXAMPLES / "invalid" / broken, maps / "invalid" / broken)
    return maps


@pytest.mark.parametrize(
    "scripts",
    [
        lambda: [
            s["run"] for s in github_site()["build"]["steps"] if "run" in s and "name" not in s
        ],
        lambda: [*gitlab_site()["validate"]["script"], *gitlab_site()["pages"]["script"]],
    ],
    ids=["github", "gitlab"],
)
def test_the_site_recipes_commands_build_the_site(
    scripts: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = commands(scripts())
    assert [c[0] for c in found] == ["validate", "site"]
    site = found[1]
    assert site[:4] == ["site", "maps/", "-o", "public/"]
    assert site[4:] == ["--today", shlex.split(COMMIT_DATE)[0]]
    maps_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    env = {"NO_COLOR": "1", "COLUMNS": "100"}
    checked = CliRunner().invoke(app, found[0], env=env)
    assert checked.exit_code == 0, checked.stdout
    built = CliRunner().invoke(app, [*site[:4], "--today", "2026-10-01"], env=env)
    assert built.exit_code == 0, built.stdout
    assert "built site of 4 journeys in public" in built.output
    assert {"index.html", "plan.html", "sofa-delivery.html"} <= {
        p.name for p in (tmp_path / "public").iterdir()
    }


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True, timeout=60
    )
    return done.stdout.strip()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.skipif(shutil.which("git") is None, reason="the comment script runs git")
@pytest.mark.parametrize(
    ("script", "env"),
    [
        (
            lambda: step(
                github_site()["build"]["steps"], "What this pull request changes in the maps"
            )["run"],
            "BASE",
        ),
        (
            lambda: "\n".join(gitlab_site()["map-diff"]["script"][:2]),
            "CI_MERGE_REQUEST_DIFF_BASE_SHA",
        ),
    ],
    ids=["github", "gitlab"],
)
def test_the_pull_request_comment_names_the_changed_journeys_only(
    script: Any, env: str, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    maps = maps_project(repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "maps@example.org")
    git(repo, "config", "user.name", "Maps")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "the maps")
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "switch", "-q", "-c", "change")
    # Anna is a shared persona: both Mebel Plus journeys take her; one emotion in the bank's.
    edit(maps / "shared" / "personas.yaml", "34, product manager", "35, product lead")
    edit(maps / "bank-branch.yaml", "emotion: 3   # one score", "emotion: 1   # one score")
    git(repo, "commit", "-q", "-am", "older Anna, a worse moment at the bank")
    tools = tmp_path / "bin"
    tools.mkdir()
    wrapper = tools / "cjmctl"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m cjmctl "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    environment = {
        "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
        "HOME": str(tmp_path),
        "NO_COLOR": "1",
        env: base,
    }
    # As GitHub runs a step: bash, stopping at the first failing command.
    ran = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script()],
        check=False,
        cwd=repo,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert ran.returncode == 0, ran.stderr
    comment = (repo / "comment.md").read_text(encoding="utf-8")
    sections = re.findall(r"^### (maps/.+)$", comment, flags=re.M)
    assert sections == [
        "maps/bank-branch.yaml",
        "maps/furniture-store.yaml",
        "maps/sofa-delivery.yaml",
    ]
    assert comment.startswith("## Journey maps changed by this ")
    for part in comment.split("\n### maps/")[2:]:
        assert "35, product lead" in part  # the shared persona's new summary, in each journey
    assert "email-marketing-ru" not in comment
    assert "cjmctl.yaml" not in comment
    assert "shared/" not in comment
