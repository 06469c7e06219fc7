"""`--help` of every command and the usage errors, in English and in Russian.

The commands come from the app's own tree, so a command added later has no golden file until
someone writes and reviews one (`pytest --update-goldens`): its test fails meanwhile.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer._click.exceptions import UsageError

from cjmctl.cli import app, command
from cjmctl.cli.clickwords import Command, Group, retold, said
from tests.conftest import ROOT

Cli = Callable[..., tuple[int, str]]
Streams = Callable[..., tuple[int, bytes, str]]
EXPECTED = ROOT / "tests" / "expected"
LANGUAGES = {"en": EXPECTED, "ru": EXPECTED / "ru"}


def _tree(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, node
    for name, sub in getattr(node, "commands", {}).items():
        yield from _tree(sub, (*path, name))


TREE = dict(_tree(typer.main.get_command(app)))
"""Every command and group of the app by its path: () is `cjmctl` itself."""


def _name(path: tuple[str, ...]) -> str:
    return "-".join(path) or "cjmctl"


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("path", list(TREE), ids=_name)
def test_help_of_every_command(
    golden: Callable[[Path, str], None], path: tuple[str, ...], lang: str
) -> None:
    # A real terminal's width: in-process, click's test runner formats help 80 columns wide.
    result = subprocess.run(
        [sys.executable, "-m", "cjmctl", "--lang", lang, *path, "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "100", "NO_COLOR": "1"},
    )
    assert (result.returncode, result.stderr) == (0, "")
    golden(LANGUAGES[lang] / "help" / f"{_name(path)}.txt", result.stdout)


def test_every_help_golden_is_of_a_command() -> None:
    names = {f"{_name(path)}.txt" for path in TREE}
    for folder in LANGUAGES.values():
        assert {p.name for p in (folder / "help").glob("*.txt")} <= names


def test_every_command_speaks_the_language() -> None:
    # Commands registered on `App` are `Command`s: their usage line and help option are said
    # with `_()`; a command of typer's own classes would say them in English.
    for path, node in TREE.items():
        assert isinstance(node, Group if hasattr(node, "commands") else Command), path


USAGE_ERRORS = {
    "no-such-option": ["render", "--formt", "html", "map.yaml"],
    "no-such-command": ["validat", "map.yaml"],
    "missing-argument": ["validate"],
    "missing-option": ["site", "examples"],
    "not-a-choice": ["validate", "--format", "xml", "map.yaml"],
    "out-of-range": ["render", "--jobs", "0", "map.yaml"],
    "needs-a-value": ["schema", "--output"],
    "extra-argument": ["schema", "journey", "extra"],
}


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("case", list(USAGE_ERRORS))
def test_usage_errors(
    cli_streams: Streams, golden: Callable[[Path, str], None], case: str, lang: str
) -> None:
    code, stdout, stderr = cli_streams("--lang", lang, *USAGE_ERRORS[case])
    assert (code, stdout) == (2, b"")
    golden(LANGUAGES[lang] / "usage" / f"{case}.txt", stderr)


MORE_USAGE_ERRORS = [
    ["-Z"],
    ["render", "-Zq", "map.yaml"],
    ["render", "--check=yes", "map.yaml"],
    ["render", "--jobs", "many", "map.yaml"],
    ["render", "--dot-timeout", "inf", "map.yaml"],
    ["render", "--dot-timeout", "0", "map.yaml"],
    ["render", "--interval", "x", "map.yaml"],
    ["render", "--paper", "a5", "map.yaml"],
    ["diff", "old.yaml"],
    ["import", "mermaid"],
    ["import", "survey", "answers.csv"],
    ["import", "nothing"],
    ["--data-root", "/nonexistent", "validate", "map.yaml"],
    ["--data-root", "README.md", "validate", "map.yaml"],
    ["--lang", "xx", "validate", "map.yaml"],
    *USAGE_ERRORS.values(),
]


def _usage_error(args: list[str]) -> UsageError:
    with pytest.raises(UsageError) as caught:
        command(args).main(args, prog_name="cjmctl", standalone_mode=False)
    return caught.value


@pytest.mark.parametrize("args", MORE_USAGE_ERRORS, ids=" ".join)
def test_retold_in_english_is_what_click_says(args: list[str]) -> None:
    error = _usage_error(args)
    assert retold(error) == error.format_message()


@pytest.mark.parametrize("args", MORE_USAGE_ERRORS, ids=" ".join)
def test_every_usage_error_of_click_is_said_in_russian(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CJMCTL_LANG", "ru")
    message = _usage_error(args).format_message()
    assert message[0].islower() or message[0] == "'", message
    for word in ("Invalid", "Missing", "No such", "Input", "Option", "Value error", "Did you"):
        assert word not in message


def test_what_cjmctl_says_itself_is_printed_as_given(cli_streams: Streams) -> None:
    # The message of a `BadParameter` of cjmctl's own is in the user's language already.
    assert said("--diff goes with --check", ["Input should be a valid number"]) == (
        "--diff goes with --check"
    )
    code, _out, err = cli_streams("--lang", "ru", "render", "--diff", "map.yaml")
    assert code == 2
    assert "Ошибка: недопустимое значение для '--diff': " in err


def test_russian_help_and_errors_in_detail(cli: Cli, cli_streams: Streams) -> None:
    code, output = cli("--lang", "ru", "validate", "--help")
    assert output.startswith("Использование: cjmctl validate [OPTIONS] {PATH}...\n")
    assert "\nАргументы:\n" in output
    assert "\nПараметры:\n" in output
    assert "[обязательно]" in output
    assert "[по умолчанию: text]" in output
    assert "  -h, --help                      Показать эту справку и выйти.\n" in output
    code, _out, err = cli_streams("--lang", "ru", "validat")
    assert (code, err.splitlines()[1:]) == (
        2,
        [
            "Подробнее: «cjmctl -h».",
            "",
            "Ошибка: нет такой команды 'validat'. Возможно, вы имели в виду 'validate'?",
        ],
    )


def test_the_language_comes_from_the_environment_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CJMCTL_LANG", "ru")
    error = _usage_error(["validate"])
    assert error.format_message() == "не указан аргумент 'PATH'."
