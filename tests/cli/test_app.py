"""The command line: exit codes, output formats, lazy imports and no tracebacks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cjmctl import __version__
from cjmctl.renderers import FORMATS
from tests.cli.test_help import TREE
from tests.conftest import ROOT, STANDALONE, write

Cli = Callable[..., tuple[int, str]]
VALID = "examples/furniture-store.yaml"
BROKEN = "examples/invalid/wrong-values.yaml"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cjmctl", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
    )


def test_version(cli: Cli) -> None:
    assert cli("--version") == (0, f"cjmctl {__version__}\n")


def test_help_lists_the_commands(cli: Cli) -> None:
    code, output = cli("--help")
    assert code == 0
    assert "validate" in output
    assert "schema" in output
    assert "--install-completion" in output


@pytest.mark.parametrize("command", ["validate", "schema"])
def test_every_command_has_help(cli: Cli, command: str) -> None:
    code, output = cli(command, "--help")
    assert code == 0
    assert output.startswith(f"Usage: cjmctl {command} [OPTIONS]")


def test_no_arguments_shows_help_as_a_usage_error(cli: Cli) -> None:
    code, output = cli()
    assert code == 2
    assert "Usage: cjmctl" in output


def test_validate_valid_file(cli: Cli) -> None:
    assert cli("validate", VALID) == (
        0,
        "1 journey, 1 project file, 3 shared files checked: all valid\n",
    )


def test_validate_reports_and_exits_1(cli: Cli) -> None:
    code, output = cli("validate", BROKEN, VALID)
    assert code == 1
    assert output.splitlines()[0] == (
        f"{BROKEN}:4:9: error: locale: text 'fr' is not one of: 'en' or 'ru' [value]"
    )
    assert output.splitlines()[-1] == (
        "2 journeys, 1 project file, 3 shared files checked: 5 valid, 1 invalid, 10 errors"
    )


@pytest.mark.parametrize("pattern", ["invalid", "invalid/*", "inv*"])
def test_validate_folder_with_exclude(cli: Cli, pattern: str) -> None:
    code, output = cli("validate", "examples", "--exclude", pattern)
    assert (code, output.splitlines()[-1]) == (
        0,
        "4 journeys, 1 project file, 3 shared files checked: all valid",
    )


def test_validate_folder_finds_yml_and_skips_hidden(cli: Cli, tmp_path: Path) -> None:
    good = "cjm: 1\ntitle: T\nstages: [{name: S}]\n"
    write(tmp_path, good, "a.yml")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "cjm: 1\n", "b.yaml")
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git", "not: a journey\n", "c.yaml")
    write(tmp_path, "ignored", "notes.txt")
    code, output = cli("validate", str(tmp_path))
    assert code == 1
    assert f"{tmp_path}/sub/b.yaml:1:1: error: title: missing required key 'title'" in output
    assert output.splitlines()[-1] == "2 files checked: 1 valid, 1 invalid, 2 errors"


@pytest.mark.parametrize(
    "args",
    [
        *(("validate", "-F", fmt) for fmt in ("text", "json", "github")),
        *(("lint", "-F", fmt) for fmt in ("text", "json", "github")),
        *(("render", "--report", fmt) for fmt in ("text", "json", "github")),
    ],
)
def test_no_output_shows_what_a_non_journey_file_holds(
    cli_streams: Callable[..., tuple[int, bytes, str]], tmp_path: Path, args: tuple[str, ...]
) -> None:
    write(tmp_path, "ghp_SECRETTOKEN123\n", "token.yaml")
    write(tmp_path, "- ghp_SECRETTOKEN123\n", "list.yaml")
    code, out, err = cli_streams(*args, str(tmp_path))
    assert code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.yaml", "token.yaml"]
    assert "mapping of keys to values, not text" in out.decode() + err
    assert "SECRET" not in out.decode() + err


def test_validate_skips_links_out_of_the_folder_and_says_so(
    cli_streams: Callable[..., tuple[int, bytes, str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    good = "cjm: 1\ntitle: T\nstages: [{name: S}]\n"
    (tmp_path / "maps").mkdir()
    write(tmp_path / "maps", good, "own.yaml")
    write(tmp_path, "ghp_SECRETTOKEN123\n", "secret.yaml")
    (tmp_path / "maps" / "link.yaml").symlink_to("../secret.yaml")
    (tmp_path / "maps" / "same.yaml").symlink_to("own.yaml")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli_streams("validate", "maps")
    assert (code, out) == (0, b"2 files checked: all valid\n")
    assert err == "cjmctl: skipping maps/link.yaml: a link that leads outside maps/\n"


def test_missing_path_is_a_usage_error(cli: Cli) -> None:
    code, output = cli("validate", "no/such.yaml")
    assert code == 2
    assert "no such file or folder: no/such.yaml" in output


def test_folder_without_journeys_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    code, output = cli("validate", str(tmp_path))
    assert code == 2
    assert "no *.yaml or *.yml files found" in output


def test_unknown_option_is_a_usage_error(cli: Cli) -> None:
    assert cli("validate", "--colour", VALID)[0] == 2
    assert cli("validate", "--format", "xml", VALID)[0] == 2


def test_json_format(cli: Cli) -> None:
    code, output = cli("validate", "--format", "json", BROKEN, VALID)
    assert code == 1
    document = json.loads(output)
    assert (document["files"], document["errors"]) == (6, 10)
    first = document["diagnostics"][0]
    assert (first["file"], first["line"], first["column"], first["path"]) == (
        BROKEN,
        4,
        9,
        "locale",
    )


def test_json_format_when_all_is_valid(cli: Cli) -> None:
    code, output = cli("validate", "-F", "json", VALID)
    assert code == 0
    assert json.loads(output) == {"files": 5, "errors": 0, "warnings": 0, "diagnostics": []}


def test_github_format(cli: Cli) -> None:
    code, output = cli("validate", "--format", "github", "examples/invalid/unknown-key.yaml")
    assert code == 1
    assert output.splitlines()[0] == (
        "::error file=examples/invalid/unknown-key.yaml,line=7,col=5,title=cjmctl unknown-key::"
        "stages[0].touchpoint: unknown key 'touchpoint'%0Ahint: did you mean 'touchpoints'?"
    )


def test_unreadable_file_is_reported_not_raised(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = write(tmp_path, "cjm: 1\n", "locked.yaml")
    real = os.open

    def opened(path: Path, flags: int, *args: int) -> int:
        if Path(path) == target:
            raise PermissionError(13, "Permission denied")
        return real(path, flags, *args)

    monkeypatch.setattr(os, "open", opened)
    code, output = cli("validate", str(target), VALID)
    assert code == 1
    assert output.splitlines() == [
        f"{target}:1:1: error: cannot read the file: Permission denied [io]",
        "2 journeys, 1 project file, 3 shared files checked: 5 valid, 1 invalid, 1 error",
    ]


def test_schema_to_stdout_is_the_committed_schema(cli: Cli) -> None:
    code, output = cli("schema")
    assert code == 0
    assert output == (ROOT / "schemas" / "journey.schema.json").read_text(encoding="utf-8")


def test_schema_to_file(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    target.write_text("old", encoding="utf-8")
    assert cli("schema", "-o", str(target)) == (0, "")
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "cjmctl journey"
    assert [p.name for p in tmp_path.iterdir()] == ["schema.json"]


def test_schema_to_a_missing_folder_fails_cleanly(cli: Cli, tmp_path: Path) -> None:
    code, output = cli("schema", "-o", str(tmp_path / "no" / "schema.json"))
    assert code == 1
    assert "cannot write" in output


# --- as a real process -------------------------------------------------------------------------


def test_python_dash_m_runs_the_cli() -> None:
    result = run("--version")
    assert (result.returncode, result.stdout) == (0, f"cjmctl {__version__}\n")


def test_invalid_file_prints_no_traceback() -> None:
    for name in ["billion-laughs", "latin1", "control-characters", "syntax-error", "empty"]:
        result = run("validate", f"examples/invalid/{name}.yaml")
        assert result.returncode == 1
        assert "Traceback" not in result.stdout + result.stderr
        assert "\x1b" not in result.stdout + result.stderr


def test_deeply_nested_file_fails_cleanly(tmp_path: Path) -> None:
    deep = write(tmp_path, "cjm: 1\ntitle: " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = run("validate", str(deep))
    assert result.returncode == 1
    # One error on line 2, wherever the nesting limit tripped: ours (column 72) or, as PyYAML
    # 6.0.4's libyaml does, the scanner's at 1,000 levels.
    first, hint, summary = result.stdout.splitlines()
    where, message = first.split(": error: ")
    name, line, column = where.rsplit(":", 2)
    assert (name, line, message) == (str(deep), "2", "nesting deeper than 64 levels [limit]")
    assert 71 < int(column) <= 1008
    assert hint.startswith("  hint: ")
    assert summary == "1 file checked: 0 valid, 1 invalid, 1 error"


_MODULES = """
import sys, time
from cjmctl.cli import main
if sys.argv[1:2] == ["watch"]:
    def interrupt(seconds):
        raise KeyboardInterrupt  # Ctrl-C at the first pause, after the first render
    time.sleep = interrupt
sys.argv = ["cjmctl", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
heavy = sys.stdin.read().split()
loaded = {h for h in heavy for m in sys.modules if m == h or m.startswith(h + ".")}
print(" ".join(sorted(loaded)), file=sys.stderr)
"""
HEAVY = (
    *("pydantic", "yaml", "jinja2", "graphviz", "openpyxl", "PIL", "markdown_it", "rich"),
    "multiprocessing",  # and concurrent.futures' process pool: only a batch of files needs them
    "cjmctl.journey.model",
    "cjmctl.batch",
    *sorted({spec.function.partition(":")[0] for spec in FORMATS.values()}),
    *("cjmctl.health.lint", "cjmctl.health.portfolio", "cjmctl.health.semdiff"),
    *("cjmctl.health.stats", "cjmctl.importers", "cjmctl.site"),
)
"""What a command loads only if it needs it: big libraries and cjmctl's own big parts."""

SURVEY = "tests/fixtures/survey"
MAPPING = f"{SURVEY}/forms-en.mapping.yaml"
AUDIT = "tests/fixtures/audit"
JOURNEY = {"pydantic", "yaml", "cjmctl.journey.model"}
RENDER = {*JOURNEY, "cjmctl.batch"}
HTML = {*RENDER, "jinja2", "cjmctl.renderers.htmlmap"}
FLOW = {*RENDER, "graphviz", "cjmctl.renderers.flow"}
INVOCATIONS: dict[str, tuple[list[str], set[str]]] = {
    "help": (["--help"], set()),
    "validate": (["validate", VALID], JOURNEY),
    "schema": (["schema"], JOURNEY),
    "init": (["init", "{tmp}/new.yaml"], set()),
    **{
        f"render-{fmt}": (["render", "-f", fmt, "-o", f"{{tmp}}/out.{fmt}", VALID], loads)
        for fmt, loads in {
            "html": HTML,
            "map-pdf": {*HTML, "cjmctl.renderers.mappdf"},
            "dot": FLOW,
            "svg": FLOW,
            "png": FLOW,
            "flow-pdf": FLOW,
            "mermaid": {*RENDER, "cjmctl.renderers.mermaid"},
            "json": {*RENDER, "cjmctl.renderers.jsonexport"},
            "md": {*RENDER, "cjmctl.renderers.markdown", "cjmctl.renderers.mermaid"},
            "csv": {*RENDER, "cjmctl.renderers.csvexport"},
            "xlsx": {*RENDER, "openpyxl", "cjmctl.renderers.xlsx"},
        }.items()
    },
    "render-batch": (
        ["render", "-f", "json", "--out-dir", "{tmp}/out", "--jobs", "2", "examples"],
        {*RENDER, "multiprocessing", "cjmctl.renderers.jsonexport"},
    ),
    "lint": (["lint", VALID], {*JOURNEY, "cjmctl.health.lint"}),
    "diff": (
        ["diff", "tests/fixtures/data/diff-old.yaml", "tests/fixtures/data/diff-new.yaml"],
        {*JOURNEY, "cjmctl.health.semdiff"},
    ),
    "stats": (["stats", VALID], {*JOURNEY, "cjmctl.health.stats"}),
    "watch": (["watch", "-o", "{tmp}/watched/", VALID], HTML),
    "site": (
        ["site", "examples", "--out", "{tmp}/site"],
        {*HTML, *FLOW, "multiprocessing", "cjmctl.health.lint", "cjmctl.site"},
    ),
    "import": (["import", "--help"], set()),
    "import-mermaid": (
        ["import", "mermaid", "tests/fixtures/mermaid/docs-working-day.mmd", "-o", "-"],
        {*JOURNEY, "cjmctl.importers"},
    ),
    "import-survey": (
        ["import", "survey", f"{SURVEY}/forms-en.csv", "--mapping", MAPPING, "-o", "-"],
        {*JOURNEY, "cjmctl.importers"},
    ),
    "import-audit": (
        ["import", "audit", f"{AUDIT}/wave-1.csv", "--journey", f"{AUDIT}/journey.yaml", "-o", "-"],
        {*JOURNEY, "cjmctl.importers"},
    ),
}
"""A real run of every command, and all that it may load of `HEAVY`."""


def test_every_command_has_a_run_that_watches_its_imports() -> None:
    commands = {"-".join(path) or "help" for path in TREE}
    named = {name.partition("-")[0] if name.startswith("render") else name for name in INVOCATIONS}
    assert commands <= named
    assert {f"render-{fmt}" for fmt in FORMATS} <= set(INVOCATIONS)


@pytest.mark.parametrize("name", list(INVOCATIONS))
def test_a_command_loads_only_what_it_uses(name: str, tmp_path: Path) -> None:
    args, expected = INVOCATIONS[name]
    result = subprocess.run(
        [sys.executable, "-c", _MODULES, *(arg.format(tmp=tmp_path) for arg in args)],
        cwd=ROOT,
        input=" ".join(HEAVY),
        capture_output=True,
        text=True,
        check=False,
        # map-pdf: a "browser" that prints nothing; the imports are those of a real print.
        env={**os.environ, "CJMCTL_CHROMIUM": "true", "NO_COLOR": "1"},
    )
    assert set(result.stderr.splitlines()[-1].split()) == expected, result.stderr


STARTUP = (
    *("cjmctl.journey.csvtable", "cjmctl.journey.labels", "cjmctl.journey.links"),
    *("csv", "json", "tempfile"),
)
"""Small parts that only some commands use, which the start-up paths tested below do not load."""


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["validate", VALID]])
def test_the_start_up_paths_load_nothing_they_do_not_use(args: list[str], tmp_path: Path) -> None:
    """As users run them, with the validators built by an earlier run; the first run builds
    them, and pydantic's build loads more (`importlib.metadata`, and with it csv and tempfile)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", _MODULES, *args],
            cwd=ROOT,
            input=" ".join(STARTUP),
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )
        for _ in range(2)
    ]
    assert runs[1].stderr.splitlines()[-1] == "", runs[1].stderr


def test_paths_after_a_double_dash_are_files(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(STANDALONE, tmp_path / "--out-dir=x.yaml")
    monkeypatch.chdir(tmp_path)
    assert cli("validate", "--", "--out-dir=x.yaml") == (0, "1 file checked: all valid\n")
    code, output = cli("render", "--check", "--", "--out-dir=x.yaml")
    assert (code, output.splitlines()[0]) == (1, "--out-dir=x.html: missing")
