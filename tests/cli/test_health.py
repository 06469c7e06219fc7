"""`cjmctl lint` and `cjmctl diff` as commands: exit codes, formats, git revisions."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, copy_example, git, write

Streams = Callable[..., tuple[int, bytes, str]]
STALE = "cjm: 1\ntitle: T\nreviewed: 2026-01-01\nreview_every_days: 30\nstages:\n  - name: S\n"


def test_lint_warnings_exit_0_unless_strict(cli_streams: Streams, tmp_path: Path) -> None:
    path = write(tmp_path, STALE)
    code, out, _ = cli_streams("lint", str(path), "--today", "2026-11-23")
    assert code == 0
    lines = out.decode().splitlines()
    assert lines[0] == (
        f"{path}:3:1: warning: reviewed: the map is stale: last reviewed 2026-01-01, "
        "a review was due by 2026-01-31 [stale-map]"
    )
    assert lines[-1] == "1 file linted: 0 errors, 2 warnings, 0 infos"
    assert cli_streams("lint", str(path), "--today", "2026-11-23", "--strict")[0] == 1
    assert cli_streams("lint", str(path), "--today", "2026-01-02", "--strict")[0] == 1
    code, out, _ = cli_streams(
        "lint",
        str(path),
        "--today",
        "2026-11-23",
        "--strict",
        "-d",
        "stale-map",
        "-d",
        "empty-stage",
    )
    assert (code, out.decode().splitlines()[-1]) == (
        0,
        "1 file linted: 0 errors, 0 warnings, 0 infos",
    )


def test_lint_unknown_rule_is_a_usage_error(cli_streams: Streams, tmp_path: Path) -> None:
    code, _, err = cli_streams("lint", str(write(tmp_path, STALE)), "--disable", "stale-maps")
    assert code == 2
    assert "unknown lint rule 'stale-maps'; did you mean 'stale-map'?" in err


def test_lint_invalid_file_is_an_error(cli_streams: Streams) -> None:
    code, out, _ = cli_streams("lint", str(EXAMPLES / "invalid" / "unknown-key.yaml"))
    assert code == 1
    assert "unknown key 'touchpoint'" in out.decode()


def test_lint_json_and_github_formats(cli_streams: Streams, tmp_path: Path) -> None:
    path = write(tmp_path, STALE)
    code, out, _ = cli_streams("lint", str(path), "--today", "2026-11-23", "-F", "json")
    document = json.loads(out)
    assert (code, document["warnings"]) == (0, 2)
    assert {d["rule"] for d in document["diagnostics"]} == {"stale-map", "empty-stage"}
    _, out, _ = cli_streams("lint", str(path), "--today", "2026-11-23", "-F", "github")
    assert out.decode().startswith(f"::warning file={path},line=")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    git(tmp_path, "init", "-q")
    (tmp_path / "maps").mkdir()
    sofa = tmp_path / "maps" / "sofa.yaml"
    copy_example("furniture-store.yaml", sofa)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "first")
    text = sofa.read_text(encoding="utf-8")
    sofa.write_text(text.replace("emotion: -2", "emotion: 0", 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_diff_against_a_git_revision(
    cli_streams: Streams, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    code, out, _ = cli_streams("diff", "HEAD:maps/sofa.yaml", "maps/sofa.yaml", "--exit-code")
    assert code == 1
    assert (
        out.decode() == 'Emotions\n  "Parking at the pick-up gate" (pickup-parking): -2 -> 0 (+2)\n'
    )
    code, out, _ = cli_streams("diff", "HEAD:maps/sofa.yaml", "HEAD:maps/sofa.yaml", "--exit-code")
    assert code == 0


def test_diff_bad_revision_is_a_usage_error(
    cli_streams: Streams, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    code, _, err = cli_streams("diff", "HEAD~5:maps/sofa.yaml", "maps/sofa.yaml")
    assert code == 2
    assert "HEAD~5" in err


def test_diff_invalid_side_exits_2(cli_streams: Streams) -> None:
    code, _, err = cli_streams(
        "diff", str(EXAMPLES / "invalid" / "unknown-key.yaml"), str(EXAMPLES / "bank-branch.yaml")
    )
    assert code == 2
    assert "unknown key 'touchpoint'" in err


def test_diff_markdown_and_json(
    cli_streams: Streams, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    _, out, _ = cli_streams("diff", "HEAD:maps/sofa.yaml", "maps/sofa.yaml", "-F", "markdown")
    assert out.decode().startswith("## ")
    _, out, _ = cli_streams("diff", "HEAD:maps/sofa.yaml", "maps/sofa.yaml", "-F", "json")
    assert json.loads(out)["emotions"]


def test_stats_prints_text_and_json(cli_streams: Streams) -> None:
    code, out, _ = cli_streams("stats", str(EXAMPLES / "furniture-store.yaml"), "-F", "json")
    assert code == 0
    numbers = json.loads(out)
    assert (numbers["counts"]["stages"], numbers["counts"]["touchpoints"]) == (6, 17)
    assert numbers["lowest"][0]["touchpoint"] == "pickup-parking"
    code, out, _ = cli_streams("stats", str(EXAMPLES / "furniture-store.yaml"))
    assert code == 0
    assert out.decode().splitlines()[0] == "Buying a sofa at Mebel Plus"


def test_stats_of_an_invalid_file_exits_1(cli_streams: Streams) -> None:
    code, _, err = cli_streams("stats", str(EXAMPLES / "invalid" / "unknown-key.yaml"))
    assert code == 1
    assert "unknown key 'touchpoint'" in err


LOOP = ROOT / "tests" / "fixtures" / "loop" / "journey.yaml"
NEAR = (
    "cjm: 1\ntitle: T\nreviewed: 2026-11-01\nreview_every_days: 90\n"
    "stages: [{id: s, name: S, touchpoints: [{id: t, name: T}]}]\n"
    "metrics: [{id: m, name: M, kind: csat, at: [t], target: 80, warning: 70, "
    "values: {2026-10: 75}}]\n"
)


def test_lint_fail_on_fails_on_a_rule_s_findings_whatever_their_severity(
    cli_streams: Streams, tmp_path: Path
) -> None:
    near = str(write(tmp_path, NEAR))  # one info: 75 is near the target of 80
    assert cli_streams("lint", near, "--today", "2026-11-23", "--strict")[0] == 0
    code, out, _ = cli_streams(
        "lint", near, "--today", "2026-11-23", "--fail-on", "kpi-near-target"
    )
    assert (code, out.decode().splitlines()[-1]) == (
        1,
        "1 file linted: 0 errors, 0 warnings, 1 info",
    )
    # a rule that finds nothing does not fail the run; the rules are repeatable
    assert cli_streams("lint", near, "--today", "2026-11-23", "--fail-on", "kpi-stale")[0] == 0
    failing = ("--fail-on", "kpi-stale", "--fail-on", "kpi-near-target")
    assert cli_streams("lint", near, "--today", "2026-11-23", *failing)[0] == 1


def test_lint_fail_on_kpi_off_target_passes_a_kpi_only_near_its_target(
    cli_streams: Streams, tmp_path: Path
) -> None:
    near = str(write(tmp_path, NEAR))
    code, out, _ = cli_streams("lint", near, "--today", "2026-11-23", "--fail-on", "kpi-off-target")
    assert code == 0
    assert out.decode().splitlines()[0] == (
        f"{near}:6:83: info: metrics[0].values.2026-10: metric 'M' is 75 in 2026-10, "
        "short of its target of 80 "
        "(higher is better) [kpi-near-target]"
    )


def test_lint_fail_on_an_unknown_rule_is_a_usage_error(cli_streams: Streams) -> None:
    code, _, err = cli_streams("lint", str(LOOP), "--fail-on", "kpi-stal")
    assert code == 2
    assert "'--fail-on'" in err
    assert "unknown lint rule 'kpi-stal'; did you mean 'kpi-stale'?" in err


def test_lint_github_annotates_the_csv_row_of_a_value(cli_streams: Streams) -> None:
    journey = "tests/fixtures/loop/journey.yaml"
    code, out, _ = cli_streams(
        "lint", journey, "--today", "2026-11-23", "-F", "github", "--fail-on", "kpi-off-target"
    )
    assert code == 1
    assert out.decode().splitlines()[0] == (
        "::warning file=tests/fixtures/loop/kpi.csv,line=3,col=21,"
        "title=cjmctl kpi-off-target::metric 'CSAT at pick-up' is 61%25 in 2026-10, off its "
        "target of 80%25 (higher is better)%0Ahint: plan an action with `metric: csat-pickup` "
        "to bring it back, or change `target:` if the goal has moved"
    )


def test_lint_says_a_shared_files_finding_once_for_the_journeys_that_take_it(
    cli_streams: Streams, tmp_path: Path
) -> None:
    """As validate does: one warning, one annotation, counted once, naming both journeys."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "shared").mkdir()
    write(tmp_path, "project: 1\ntitle: P\nshared: [shared/personas.yaml]\n", "cjmctl.yaml")
    goals = "[Save time on delivery, which matters at work]"
    write(
        tmp_path / "shared",
        f"personas:\n  - id: anna\n    name: Anna\n    goals: {goals}\n",
        "personas.yaml",
    )
    for name in ("a.yaml", "b.yaml"):
        text = "cjm: 1\ntitle: T\nreviewed: 2026-01-01\npersonas: [anna]\n"
        write(tmp_path, text + "stages: [{name: S, touchpoints: [{id: tp, name: Tp}]}]\n", name)
    people = tmp_path / "shared" / "personas.yaml"
    code, out, _ = cli_streams("lint", str(tmp_path), "-F", "github", "--today", "2026-01-02")
    lines = out.decode().splitlines()
    assert code == 0
    assert [line.split("::")[1] for line in lines[:-1]] == [
        f"warning file={people},line=4,col=36,title=cjmctl split-sentence"
    ]
    assert f"(used by {tmp_path / 'a.yaml'} and {tmp_path / 'b.yaml'})%0A" in lines[0]
    assert lines[-1] == "2 files linted: 0 errors, 1 warning, 0 infos"
