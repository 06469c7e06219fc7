"""Shared test fixtures: the repository root, the CLI runner and golden files."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.testing
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from cjmctl import i18n
from cjmctl.cli import app, command
from cjmctl.journey.reading import DATA_ROOT_VARIABLE

# The suite speaks English unless a test asks for another language: a developer's or a CI
# machine's Russian locale must not change every golden file (subprocesses inherit this).
os.environ["CJMCTL_LANG"] = "en"
os.environ.pop("LANGUAGE", None)
# A cache folder of the run's own (compiled templates, validators), empty at its start: the
# suite neither writes to the user's nor depends on what an earlier run left there.
CACHE_HOME = tempfile.mkdtemp(prefix="cjmctl-tests-cache-")
os.environ["XDG_CACHE_HOME"] = CACHE_HOME

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE_JOURNEYS = sorted(p for p in EXAMPLES.glob("*.yaml") if p.name != "cjmctl.yaml")
"""The bundled journeys: every YAML file of `examples/` but the project file."""
STANDALONE = ROOT / "tests" / "fixtures" / "standalone" / "furniture-store.yaml"
"""The furniture-store example with its shared parts written in, for tests that copy a journey
anywhere: it needs no project around it."""
STANDALONE_BANK = STANDALONE.with_name("bank-branch.yaml")

# Property tests without their own example count run `ci` by default, a few seconds each;
# `HYPOTHESIS_PROFILE=long` runs them long (see the README's Development section).
settings.register_profile(
    "ci",
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile("long", settings.get_profile("ci"), max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Remove the run's cache folder."""
    shutil.rmtree(CACHE_HOME, ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite expected output files under tests/expected/ instead of comparing.",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[Path, str], None]:
    """Compare text with a golden file, or rewrite it under --update-goldens."""
    update = bool(request.config.getoption("--update-goldens"))

    def check(path: Path, actual: str) -> None:
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"{path} is missing; run pytest --update-goldens and review it"
        assert actual == path.read_text(encoding="utf-8")

    return check


@pytest.fixture(autouse=True)
def _data_root_restored(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """`cjmctl --data-root` and `--lang` set variables in the process (for batch workers): run
    in-process, each test starts without them and leaves none behind; it speaks English."""
    monkeypatch.delenv(DATA_ROOT_VARIABLE, raising=False)
    monkeypatch.setenv(i18n.VARIABLE, "en")
    monkeypatch.delenv("LANGUAGE", raising=False)
    i18n.use(None)
    yield
    i18n.use(None)


def _invoke(
    monkeypatch: pytest.MonkeyPatch, args: list[str], **options: Any
) -> typer.testing.Result:
    """Invoke the app as `cjmctl` does, `--lang` and its translated help included."""
    monkeypatch.setattr(typer.testing, "_get_command", lambda _app: command(args))
    return CliRunner().invoke(app, args, **options)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., tuple[int, str]]:
    """Run cjmctl in-process from the repository root; return (exit code, output)."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")

    def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
        result = _invoke(monkeypatch, list(args), input=stdin, env={"COLUMNS": "100"})
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.exit_code, result.output

    return run


@pytest.fixture
def cli_streams(monkeypatch: pytest.MonkeyPatch) -> Callable[..., tuple[int, bytes, str]]:
    """Run cjmctl in-process; return (exit code, stdout bytes, stderr text) separately."""
    monkeypatch.chdir(ROOT)

    def run(*args: str) -> tuple[int, bytes, str]:
        result = _invoke(monkeypatch, list(args), env={"COLUMNS": "100", "NO_COLOR": "1"})
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.exit_code, result.stdout_bytes, result.stderr

    return run


def git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run git in `cwd` as a throwaway committer; return its output."""
    result = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return result.stdout


def copy_example(name: str, target: Path) -> Path:
    """Copy `examples/NAME` to the file `target`, with the files examples read beside it.

    Those are the data files, the project file, the shared files and the logos (`brand/`):
    the copy is a journey of a project like the original.
    """
    shutil.copy(EXAMPLES / name, target)
    for data in [*EXAMPLES.glob("*.csv"), EXAMPLES / "cjmctl.yaml"]:
        shutil.copy(data, target.parent / data.name)
    for folder in ("shared", "brand"):
        shutil.copytree(EXAMPLES / folder, target.parent / folder, dirs_exist_ok=True)
    return target


def write(tmp_path: Path, text: str, name: str = "journey.yaml") -> Path:
    """Write a journey file for a test and return its path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
