"""Reading `path` or `REV:path` through git, in a repository made for each test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjmctl.cli import app
from cjmctl.gitrev import GitError, read_spec
from cjmctl.journey.diagnostics import JourneyError
from cjmctl.journey.loader import load_bytes
from cjmctl.journey.metricdata import DataFileError
from tests.conftest import git

V1 = b"cjm: 1\ntitle: First\n"
V2 = b"cjm: 1\ntitle: Second\n"


@pytest.fixture(autouse=True)
def quiet_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the user's git config and language out; never look above the test folder."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.setenv("LC_ALL", "C")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "maps").mkdir(parents=True)
    git(root, "init", "-q")
    for version, message in ((V1, "first"), (V2, "second")):
        (root / "maps" / "sofa.yaml").write_bytes(version)
        git(root, "add", "maps/sofa.yaml")
        git(root, "commit", "-q", "-m", message)
    return root


def test_an_earlier_revision(repo: Path) -> None:
    assert read_spec("HEAD~1:maps/sofa.yaml", repo)[:2] == (V1, "HEAD~1:maps/sofa.yaml")
    assert read_spec("HEAD:maps/sofa.yaml", repo)[:2] == (V2, "HEAD:maps/sofa.yaml")


def test_the_path_is_relative_to_cwd_like_git(repo: Path) -> None:
    assert read_spec("HEAD~1:sofa.yaml", repo / "maps")[:2] == (V1, "HEAD~1:sofa.yaml")
    absolute = str(repo / "maps" / "sofa.yaml")
    assert read_spec(f"HEAD~1:{absolute}", repo)[:2] == (V1, f"HEAD~1:{absolute}")


def test_a_plain_path(repo: Path) -> None:
    (repo / "maps" / "sofa.yaml").write_bytes(b"edited")
    assert read_spec("maps/sofa.yaml", repo)[:2] == (b"edited", "maps/sofa.yaml")


def test_an_existing_file_with_a_colon_wins(tmp_path: Path) -> None:
    (tmp_path / "HEAD:sofa.yaml").write_bytes(V1)
    assert read_spec("HEAD:sofa.yaml", tmp_path)[:2] == (V1, "HEAD:sofa.yaml")


def test_a_missing_plain_path_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_spec("nope.yaml", tmp_path)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            "HEAD~5:maps/sofa.yaml",
            "cannot read HEAD~5:maps/sofa.yaml: invalid object name 'HEAD~5'.",
        ),
        (
            "HEAD:maps/nope.yaml",
            "cannot read HEAD:maps/nope.yaml: path 'maps/nope.yaml' does not exist in 'HEAD'",
        ),
        (
            "--output=x:maps/sofa.yaml",
            "cannot read --output=x:maps/sofa.yaml: a revision cannot start with '-'",
        ),
    ],
)
def test_git_errors_say_what_git_said(repo: Path, spec: str, message: str) -> None:
    with pytest.raises(GitError) as caught:
        read_spec(spec, repo)
    assert str(caught.value) == message


def test_outside_a_repository(tmp_path: Path) -> None:
    with pytest.raises(GitError) as caught:
        read_spec("HEAD:sofa.yaml", tmp_path)
    assert str(caught.value) == (
        "cannot read HEAD:sofa.yaml: not a git repository (or any of the parent directories): .git"
    )


def test_without_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo / "no-bin"))
    with pytest.raises(GitError) as caught:
        read_spec("HEAD~1:maps/sofa.yaml", repo)
    assert str(caught.value) == (
        "cannot read HEAD~1:maps/sofa.yaml: git is not installed or not on PATH "
        "(apt-get install git)"
    )


def test_git_output_is_read_only_to_one_byte_past_the_limit(repo: Path) -> None:
    from cjmctl.journey.reading import MAX_BYTES

    (repo / "maps" / "big.yaml").write_bytes(b"#" * (MAX_BYTES + 4096))
    git(repo, "add", "maps/big.yaml")
    git(repo, "commit", "-q", "-m", "big")
    data = read_spec("HEAD:maps/big.yaml", repo)[0]
    assert data == b"#" * (MAX_BYTES + 1)
    assert read_spec("maps/big.yaml", repo)[0] == data


def test_data_files_of_a_revision_are_confined_to_the_repository_not_to_cwd(
    repo: Path,
) -> None:
    (repo / "maps" / "k.csv").write_bytes(b"date,metric,value\n")
    git(repo, "add", "maps/k.csv")
    git(repo, "commit", "-q", "-m", "data")
    (repo / "sub").mkdir()
    _, _, files = read_spec("HEAD:../maps/sofa.yaml", repo / "sub")
    assert files.fetch("k.csv") == (b"date,metric,value\n", "HEAD:../maps/k.csv")
    for ref in ("../../k.csv", "../../../repo/maps/k.csv"):
        with pytest.raises(DataFileError) as caught:
            files.fetch(ref)
        assert (caught.value.message, caught.value.hint) == (
            f"{ref!r} is outside the repository",
            "keep data files inside the repository",
        )


PROJECT = b"project: 1\ntitle: T\nshared: [shared/people.yaml]\n"
TAKING = b"cjm: 1\ntitle: T\npersonas: [anna]\nstages: [{name: S}]\n"


@pytest.fixture
def project_repo(tmp_path: Path) -> Path:
    """A repository whose journey takes a shared persona; only the shared file changes after."""
    root = tmp_path / "repo"
    (root / "maps" / "shared").mkdir(parents=True)
    git(root, "init", "-q")
    (root / "maps" / "cjmctl.yaml").write_bytes(PROJECT)
    (root / "maps" / "a.yaml").write_bytes(TAKING)
    people = root / "maps" / "shared" / "people.yaml"
    people.write_bytes(b"personas: [{id: anna, name: Anna}]\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "first")
    people.write_bytes(b"personas: [{id: anna, name: Anna Petrova}]\n")
    return root


def test_diff_reads_the_revision_s_shared_files_from_the_revision(
    project_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project_repo)
    result = CliRunner().invoke(app, ["diff", "HEAD:maps/a.yaml", "maps/a.yaml", "-F", "json"])
    assert result.exit_code == 0, result.output
    changes = json.loads(result.stdout)
    assert "Anna Petrova" in json.dumps(changes)
    assert "'Anna'" in result.stdout or '"Anna"' in result.stdout


def test_a_revision_s_shared_file_stays_in_the_repository(project_repo: Path) -> None:
    (project_repo / "maps" / "cjmctl.yaml").write_bytes(
        b"project: 1\ntitle: T\nshared: [../../outside.yaml]\n"
    )
    git(project_repo, "commit", "-q", "-am", "out")
    data, name, files = read_spec("HEAD:maps/a.yaml", project_repo)
    with pytest.raises(JourneyError) as error:
        load_bytes(data, name, files)
    [problem] = error.value.diagnostics
    assert (problem.file, problem.line, problem.column, problem.rule) == (
        "HEAD:maps/cjmctl.yaml",
        3,
        10,
        "io",
    )
    assert (
        problem.message
        == "'../../outside.yaml' is outside the repository (used by HEAD:maps/a.yaml)"
    )
