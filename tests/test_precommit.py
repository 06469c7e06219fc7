"""The pre-commit hooks of .pre-commit-hooks.yaml, run for real in a temporary repository.

pre-commit installs this checkout (at its HEAD commit) as a hook repository, in its own
environment, the way a user's repository would use it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, STANDALONE_BANK
from tests.conftest import git as run_git

BIN = Path(sys.executable).parent  # the test environment's scripts: pre-commit, cjmctl
PRE_COMMIT = shutil.which("pre-commit", path=str(BIN)) or shutil.which("pre-commit")
pytestmark = pytest.mark.skipif(
    PRE_COMMIT is None, reason="pre-commit is not installed (pip install -e '.[dev]')"
)
LOCK = ROOT / "requirements" / "dev.lock"


ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1790000000", "GIT_CONFIG_GLOBAL": "/dev/null"}


def _pin_hook_environment(folder: Path) -> None:
    """Give pip in pre-commit's hook environment the lock's versions, as constraints.

    pre-commit pip-installs this checkout into an environment of its own; pinned like the tests'
    environment, a new release of a dependency cannot change what these tests see. The
    newest-releases run (CJMCTL_LATEST) leaves pip free.
    """
    if os.environ.get("CJMCTL_LATEST"):
        return
    pins = [line.split()[0] for line in LOCK.read_text(encoding="utf-8").splitlines() if line]
    path = folder / "constraints.txt"
    path.write_text("\n".join(p for p in pins if "==" in p) + "\n", encoding="utf-8")
    ENV["PIP_CONSTRAINT"] = str(path)


def git(repo: Path, *args: str) -> str:
    return run_git(repo, *args, env=ENV)


def pre_commit(repo: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PRE_COMMIT), "run", "--all-files", "--color", "never"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env=ENV,
        timeout=600,
    )


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    head = git(ROOT, "rev-parse", "HEAD").strip()
    repo = tmp_path_factory.mktemp("user-repo")
    _pin_hook_environment(tmp_path_factory.mktemp("pins"))
    git(repo, "init", "-q", "-b", "main")
    (repo / "maps").mkdir()
    shutil.copy(STANDALONE_BANK, repo / "maps" / "branch.yaml")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n"
        "      - id: cjmctl-validate\n        files: ^maps/\n"
        "      - id: cjmctl-render-check\n        files: ^maps/\n",
        encoding="utf-8",
    )
    return repo


def test_hooks_pass_on_a_valid_journey_with_current_output(repo: Path) -> None:
    subprocess.run(
        [str(BIN / "cjmctl"), "render", "maps/branch.yaml", "-q"],
        cwd=repo,
        check=True,
        env=ENV,
    )
    git(repo, "add", "-A")
    result = pre_commit(repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "validate customer journey maps" in result.stdout
    assert "rendered journey maps are current" in result.stdout


def test_hooks_fail_on_a_stale_render_and_on_a_broken_journey(repo: Path) -> None:
    journey = repo / "maps" / "branch.yaml"
    text = journey.read_text(encoding="utf-8")
    journey.write_text(text.replace("Northbridge", "Southbridge"), encoding="utf-8")
    git(repo, "add", "-A")
    stale = pre_commit(repo)
    assert stale.returncode == 1
    assert "maps/branch.html: out of date" in stale.stdout
    assert "+<title>Opening a deposit or a card at a Southbridge Bank branch" in stale.stdout

    journey.write_text(text.replace("cjm: 1", "cjm: 2"), encoding="utf-8")
    git(repo, "add", "-A")
    broken = pre_commit(repo)
    assert broken.returncode == 1
    assert "maps/branch.yaml:4:6: error: cjm: unsupported format version" in broken.stdout


def test_hooks_take_a_file_whose_name_looks_like_an_option(repo: Path, tmp_path: Path) -> None:
    # `repo` first: it pins the hook environment that this repository shares.
    head = git(ROOT, "rev-parse", "HEAD").strip()
    git(tmp_path, "init", "-q", "-b", "main")
    shutil.copy(STANDALONE_BANK, tmp_path / "--out-dir=x.yaml")
    (tmp_path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n"
        "      - id: cjmctl-validate\n        files: ^--\n"
        "      - id: cjmctl-render-check\n        files: ^--\n",
        encoding="utf-8",
    )
    subprocess.run(
        [str(BIN / "cjmctl"), "render", "-q", "--", "--out-dir=x.yaml"],
        cwd=tmp_path,
        check=True,
        env=ENV,
    )
    git(tmp_path, "add", "-A")
    result = pre_commit(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "--out-dir=x.html").exists()
    assert not (tmp_path / "x.yaml").exists()


def test_hooks_check_a_project_and_its_shared_files(repo: Path, tmp_path: Path) -> None:
    # `repo` first: it pins the hook environment that this repository shares.
    head = git(ROOT, "rev-parse", "HEAD").strip()
    git(tmp_path, "init", "-q", "-b", "main")
    maps = tmp_path / "maps"
    (maps / "shared").mkdir(parents=True)
    (maps / "cjmctl.yaml").write_text(
        "project: 1\ntitle: T\nshared: [shared/personas.yaml]\n", encoding="utf-8"
    )
    people = maps / "shared" / "personas.yaml"
    people.write_text("personas:\n  - {id: anna, name: Anna}\n", encoding="utf-8")
    for name in ("a", "b"):
        (maps / f"{name}.yaml").write_text(
            f"cjm: 1\ntitle: {name}\npersonas: [anna]\nstages: [{{name: S}}]\n", encoding="utf-8"
        )
    (tmp_path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n"
        "      - id: cjmctl-validate\n        files: ^maps/\n"
        "      - id: cjmctl-render-check\n        files: ^maps/\n",
        encoding="utf-8",
    )
    subprocess.run(
        [str(BIN / "cjmctl"), "render", "maps/a.yaml", "maps/b.yaml", "-q"],
        cwd=tmp_path,
        check=True,
        env=ENV,
    )
    git(tmp_path, "add", "-A")
    passing = pre_commit(tmp_path)
    assert passing.returncode == 0, passing.stdout + passing.stderr

    people.write_text("personas:\n  - {id: anna, nam: Anna}\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    broken = pre_commit(tmp_path)
    assert broken.returncode == 1
    validated = broken.stdout.split("rendered journey maps are current")[0]
    assert "maps/shared/personas.yaml:2:16: error: personas[0].nam: unknown key 'nam'" in validated
    assert validated.count("unknown key 'nam'") == 1
