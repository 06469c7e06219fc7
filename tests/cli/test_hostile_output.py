"""Every output for people shows hostile text and file names escaped: nothing drives a terminal,
fakes a GitHub Actions command line, or hides and reorders what is shown.

The file name holds a newline and a forged workflow command, an OSC title and a CSI colour
sequence, a right-to-left override and a zero-width space; journey text can hold all but the
escape sequences (the loader refuses control characters), so it gets the rest.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cjmctl.batch import Job
from cjmctl.cli import render
from cjmctl.renderers import RenderOptions
from tests.conftest import EXAMPLES, ROOT, copy_example, write

Run = Callable[..., tuple[int, str]]
NAME = "j\n::error file=x::forged\x1b]0;title\x07\x1b[31m\u202e\u200b"
SHOWN = "j\\x0a::error file=x::forged\\x1b]0;title\\x07\\x1b[31m\\u202e\\u200b"
RAW = ("\x1b", "\x07", "\u202e", "\u200b")
# In YAML's double quotes: a newline, the forged command, U+202E and U+200B.
TEXT = r'"T\n::error file=x::forged\u202e\u200b"'
TEXT_SHOWN = "T\\x0a::error file=x::forged\\u202e\\u200b"
HOSTILE = f"""cjm: 1
title: {TEXT}
channels: [{{id: web, name: {TEXT}}}]
stages:
  - id: s
    name: {TEXT}
    touchpoints:
      - {{id: t, name: {TEXT}, channel: web, emotion: -2, pains: [{TEXT}]}}
"""


def assert_safe(output: str, shown: str = SHOWN, *, annotations: str = "") -> None:
    """No raw hostile character; the visible escape is there; only real annotations start `::`."""
    for raw in RAW:
        assert raw not in output
    assert shown in output
    for line in output.split("\n"):
        assert not line.startswith("::") or (annotations and line.startswith(annotations)), line


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    """A valid journey under the hostile name."""
    path = tmp_path / f"{NAME}.yaml"
    copy_example("furniture-store.yaml", path)
    copy_example("sofa-delivery.yaml", tmp_path / "sofa-delivery.yaml")  # `delivery` links it
    return path


@pytest.fixture
def broken_file(tmp_path: Path) -> Path:
    """An invalid journey under the hostile name."""
    return write(tmp_path, "cjm: 1\ntitle: T\nstages: [{name: S, colour: red}]\n", f"{NAME}.yaml")


def test_validate_text(cli: Run, broken_file: Path) -> None:
    code, output = cli("validate", str(broken_file))
    assert code == 1
    assert_safe(output)


def test_validate_text_key_paths(cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path, f"cjm: 1\ntitle: T\nstages: [{{name: S, {TEXT}: 1}}]\n")
    code, output = cli("validate", str(path))
    assert code == 1
    assert_safe(output, f"stages[0].{TEXT_SHOWN}: unknown key")


def test_validate_github(cli: Run, broken_file: Path, tmp_path: Path) -> None:
    keyed = write(tmp_path, f"cjm: 1\ntitle: T\nstages: [{{name: S, {TEXT}: 1}}]\n", "k.yaml")
    code, output = cli("validate", "--format", "github", str(broken_file), str(keyed))
    assert code == 1
    lines = output.split("\n")
    # The file property in GitHub's own escapes, so the annotation still finds the file.
    assert lines[0].startswith(
        f"::error file={tmp_path}/j%0A%3A%3Aerror file=x%3A%3Aforged\\x1b]0;title\\x07\\x1b[31m"
        "\\u202e\\u200b.yaml,line=3,col=20,"
    )
    assert f"stages[0].{TEXT_SHOWN}: unknown key" in lines[1]
    assert_safe(output, "\\u202e", annotations="::error file=")


def test_render_summary_and_failures(cli: Run, hostile_file: Path) -> None:
    code, output = cli("render", str(hostile_file))
    assert code == 0
    assert_safe(output)
    assert f"rendered 1 file: {hostile_file.parent}/{SHOWN}.html (" in output


def test_render_check_lines(cli: Run, hostile_file: Path) -> None:
    code, output = cli("render", "--check", str(hostile_file))
    assert code == 1
    assert_safe(output)
    assert f"{hostile_file.parent}/{SHOWN}.html: missing\n" in output


def test_render_check_diff_lines_show_the_file_on_disk_escaped(
    cli: Run, hostile_file: Path
) -> None:
    hostile_file.with_suffix(".md").write_text(f"# {NAME}\n", encoding="utf-8")
    code, output = cli("render", "--check", "--diff", "-f", "md", str(hostile_file))
    assert code == 1
    assert_safe(output)
    assert "\n-::error file=x::forged\\x1b]0;title\\x07\\x1b[31m\\u202e\\u200b\n" in output


def test_watch_lines(hostile_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    destination = hostile_file.with_suffix(".html")
    render._rerender(Job(hostile_file, (("html", destination),), RenderOptions()))
    output = capsys.readouterr().out
    assert_safe(output)
    assert f" rendered {hostile_file.parent}/{SHOWN}.html\n" in output


def test_lint_text(cli: Run, hostile_file: Path) -> None:
    code, output = cli("lint", "--today", "2026-10-01", str(hostile_file))
    assert code == 0
    assert_safe(output)


def test_stats_text(cli: Run, tmp_path: Path) -> None:
    code, output = cli("stats", str(write(tmp_path, HOSTILE)))
    assert code == 0
    assert_safe(output, TEXT_SHOWN)
    assert output.startswith(f"{TEXT_SHOWN}\n")


def test_diff_text(cli: Run, tmp_path: Path, broken_file: Path) -> None:
    old = write(tmp_path, HOSTILE.replace(f"    name: {TEXT}\n", "    name: Old\n"), "old.yaml")
    code, output = cli("diff", str(old), str(write(tmp_path, HOSTILE, "new.yaml")))
    assert code == 0
    assert_safe(output, "renamed s: 'Old' -> 'T\\n::error file=x::forged\\u202e\\u200b'")
    code, output = cli("diff", str(broken_file), str(old))
    assert code == 2
    assert_safe(output)


def test_import_warnings(cli: Run, tmp_path: Path) -> None:
    source = tmp_path / f"{NAME}.mmd"
    source.write_text("journey\n  section S\n    T: 3\n  oops\n", encoding="utf-8")
    code, output = cli("import", "mermaid", str(source), "-o", "-")
    assert code == 0
    assert_safe(output)
    assert f"{tmp_path}/{SHOWN}.mmd:4:3: warning: unsupported line 'oops'" in output


def test_init_message(cli: Run, tmp_path: Path) -> None:
    code, output = cli("init", str(tmp_path / f"{NAME}.yaml"))
    assert code == 0
    assert_safe(output)


def test_usage_error_echoing_a_path(cli: Run, tmp_path: Path) -> None:
    code, output = cli("validate", str(tmp_path / f"{NAME}.yaml"))
    assert code == 2
    assert_safe(output)
    # `[` makes the name look like a glob
    assert f"no journey file matches {tmp_path}/{SHOWN}.yaml" in output


LEADING = "::stop-commands::tok"


@pytest.mark.parametrize("command", ["validate", "lint", "stats"])
def test_text_that_starts_a_line_cannot_be_a_workflow_command(
    cli: Run, tmp_path: Path, command: str
) -> None:
    """A title or file name of its own that starts with `::` would start a line of the log."""
    source = write(tmp_path, f'cjm: 1\ntitle: "{LEADING}"\nstages: [{{name: "{LEADING}"}}]\n')
    named = tmp_path / f"{LEADING}.yaml"
    source.rename(named)
    _, output = cli(command, str(named) if command == "stats" else str(tmp_path))
    lines = output.splitlines()
    assert lines
    assert not [line for line in lines if line.lstrip().startswith("::")]
    if command == "stats":
        assert lines[0].startswith("\\x3a:stop-commands::tok")


@pytest.mark.parametrize("command", [["validate"], ["lint"], ["render", "--check"]])
def test_a_file_name_that_starts_with_two_colons_is_escaped_where_it_starts_a_line(
    tmp_path: Path, command: list[str]
) -> None:
    (tmp_path / f"{LEADING}.yaml").write_text(
        "cjm: 1\ntitle: T\nstages: [{name: S, touchpoints: [{name: A, emotion: 9}]}]\n",
        encoding="utf-8",
    )
    (tmp_path / "::add-mask::x.yaml").write_bytes((EXAMPLES / "bank-branch.yaml").read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "cjmctl", *command, f"{LEADING}.yaml", "::add-mask::x.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert result.returncode == 1
    lines = (result.stdout + result.stderr).splitlines()
    assert any(line.startswith("\\x3a:") for line in lines), lines
    assert not [line for line in lines if line.lstrip().startswith("::")]
