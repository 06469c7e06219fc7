"""`cjmctl render`: where outputs go, what a failure leaves behind, and exit codes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, STANDALONE, copy_example

Streams = Callable[..., tuple[int, bytes, str]]
SOFA = STANDALONE
BROKEN = EXAMPLES / "invalid" / "wrong-values.yaml"


@pytest.fixture
def maps(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # a work tree: shared/ finds the project above it
    for name in ("furniture-store.yaml", "bank-branch.yaml"):
        copy_example(name, tmp_path / name)
    return tmp_path


def _journey_files(folder: Path) -> list[str]:
    """What is in `folder` besides the project and data files that examples bring along."""
    beside = {".git", "cjmctl.yaml", "shared", "brand", "email-marketing-ru.kpi.csv"}
    return sorted(p.name for p in folder.iterdir() if p.name not in beside)


def test_default_output_is_beside_the_journey(cli_streams: Streams, maps: Path) -> None:
    code, out, err = cli_streams("render", str(maps / "furniture-store.yaml"))
    assert (code, out) == (0, b"")
    assert re.fullmatch(rf"rendered 1 file: {maps / 'furniture-store.html'} \(\d+\.\d s\)\n", err)
    assert (maps / "furniture-store.html").read_bytes().startswith(b"<!DOCTYPE html>")


def test_dash_writes_to_stdout_only(cli_streams: Streams, maps: Path) -> None:
    code, out, err = cli_streams("render", str(maps / "furniture-store.yaml"), "-o", "-")
    assert (code, err) == (0, "")
    assert out.startswith(b"<!DOCTYPE html>")
    assert _journey_files(maps) == ["bank-branch.yaml", "furniture-store.yaml"]


def test_folder_output_takes_several_inputs(cli_streams: Streams, maps: Path) -> None:
    target = maps / "out"
    code, _, err = cli_streams("render", str(maps), "-o", f"{target}/", "-q")
    assert (code, err) == (0, "")
    assert sorted(p.name for p in target.iterdir()) == ["bank-branch.html", "furniture-store.html"]


def test_file_output_with_several_inputs_is_a_usage_error(cli_streams: Streams, maps: Path) -> None:
    code, _, err = cli_streams("render", str(maps), "-o", str(maps / "one.html"))
    assert code == 2
    assert "give a folder (ending in /) or no --output" in err


def test_unknown_format_is_a_usage_error(cli_streams: Streams) -> None:
    code, _, err = cli_streams("render", str(SOFA), "-f", "docx")
    assert code == 2
    assert "unknown format 'docx'; choose from html" in err


def test_invalid_journey_writes_nothing_and_keeps_the_old_output(
    cli_streams: Streams, tmp_path: Path
) -> None:
    source = tmp_path / "journey.yaml"
    shutil.copy(BROKEN, source)
    old = tmp_path / "journey.html"
    old.write_text("previous render", encoding="utf-8")
    code, out, err = cli_streams("render", str(source))
    assert (code, out) == (1, b"")
    assert err.startswith(f"{source}:4:9: error: locale: text 'fr' is not one of")
    assert old.read_text(encoding="utf-8") == "previous render"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journey.html", "journey.yaml"]


def test_good_files_render_even_when_another_is_broken(cli_streams: Streams, maps: Path) -> None:
    shutil.copy(BROKEN, maps / "broken.yaml")
    code, _, err = cli_streams("render", str(maps), "--report", "github")
    assert code == 1
    assert err.splitlines()[0].startswith(f"::error file={maps / 'broken.yaml'},line=4,col=9,")
    assert sorted(p.name for p in maps.glob("*.html")) == [
        "bank-branch.html",
        "furniture-store.html",
    ]


UNRENDERABLE = """cjm: 1
title: ''
stages:
  - name: Search
    touchpoints:
      - name: "\\uFFFF"
"""


def test_what_no_output_can_draw_is_refused_by_validate_and_render(tmp_path: Path) -> None:
    source = tmp_path / "journey.yaml"
    source.write_text(UNRENDERABLE, encoding="utf-8")
    expected = [
        f"{source}:2:8: error: title: the title is empty [value]",
        "  hint: write the journey's title",
        f"{source}:6:15: error: text contains the Unicode non-character U+FFFF [encoding]",
        "  hint: remove it, or the \\ escape that writes it: journey text must be printable",
    ]
    for command in (["validate"], ["render", "-f", "svg"]):
        result = subprocess.run(
            [sys.executable, "-m", "cjmctl", *command, str(source)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
        )
        assert result.returncode == 1, command
        assert (result.stdout + result.stderr).splitlines()[:4] == expected, command
        assert "Traceback" not in result.stdout + result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journey.yaml"]


def test_a_failing_write_leaves_the_old_file_and_no_temporary(
    cli_streams: Streams, maps: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = maps / "furniture-store.html"
    old.write_text("previous render", encoding="utf-8")

    def broken_replace(self: Path, target: Path) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", broken_replace)
    code, _, err = cli_streams("render", str(maps / "furniture-store.yaml"))
    assert code == 1
    assert f"cannot write {old}: No space left on device" in err
    assert old.read_text(encoding="utf-8") == "previous render"
    assert _journey_files(maps) == [
        "bank-branch.yaml",
        "furniture-store.html",
        "furniture-store.yaml",
    ]


def test_today_decides_staleness(cli_streams: Streams) -> None:
    _, fresh, _ = cli_streams("render", str(SOFA), "-o", "-", "--today", "2026-09-01")
    _, stale, _ = cli_streams("render", str(SOFA), "-o", "-", "--today", "2026-10-01")
    assert b'class="badge fresh"' in fresh
    assert b'class="badge stale"' in stale


def test_source_date_epoch_pins_today(
    cli_streams: Streams, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1788000000")  # 2026-08-29
    _, out, _ = cli_streams("render", str(SOFA), "-o", "-")
    assert b'class="badge fresh"' in out


def test_bad_today_is_a_usage_error(cli_streams: Streams) -> None:
    code, _, err = cli_streams("render", str(SOFA), "--today", "yesterday")
    assert code == 2
    assert "'yesterday' is not a date written as YYYY-MM-DD" in err


def test_same_input_gives_byte_identical_files(cli_streams: Streams, maps: Path) -> None:
    target = maps / "furniture-store.html"
    cli_streams("render", str(maps / "furniture-store.yaml"), "--today", "2026-10-01")
    first = target.read_bytes()
    cli_streams("render", str(maps / "furniture-store.yaml"), "--today", "2026-10-01")
    assert target.read_bytes() == first


@pytest.mark.skipif(not shutil.which("dot"), reason="Graphviz's dot is not installed")
def test_check_passes_right_after_a_pdf_render(
    cli_streams: Streams, maps: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = str(maps / "bank-branch.yaml")
    assert cli_streams("render", source, "-f", "flow-pdf", "-q")[0] == 0
    # Another time zone changes cairo's clock date as another second does, without a wait.
    monkeypatch.setenv("TZ", "MSK-3")
    code, out, err = cli_streams("render", source, "-f", "flow-pdf", "--check")
    assert (code, out) == (0, b""), out
    assert re.fullmatch(r"checked 1 output: all up to date \(\d+\.\d s\)\n", err)


def test_render_loads_no_graphviz() -> None:
    code = (
        "import sys; from cjmctl.cli import main; sys.argv = ['cjmctl', 'render', "
        f"{str(SOFA)!r}, '-o', '-']\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('graphviz' in sys.modules, 'jinja2' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stderr.split() == ["False", "True"]


def test_missing_dot_is_one_clear_line_and_writes_nothing(
    cli_streams: Streams, maps: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = maps / "furniture-store.svg"
    old.write_text("previous diagram", encoding="utf-8")
    monkeypatch.setenv("PATH", str(maps))  # no dot there
    code, out, err = cli_streams("render", str(maps / "furniture-store.yaml"), "-f", "svg")
    assert (code, out) == (1, b"")
    assert err.splitlines() == [
        f"cjmctl: {maps / 'furniture-store.yaml'}: Graphviz's `dot` program is needed for svg, "
        "png and pdf and was not found; install it: `sudo apt-get install graphviz` "
        "(Debian/Ubuntu), `brew install graphviz` (macOS), `winget install graphviz` (Windows); "
        "`-f dot` works without it"
    ]
    assert old.read_text(encoding="utf-8") == "previous diagram"
    assert "Traceback" not in err


def test_dot_source_needs_no_graphviz(
    cli_streams: Streams, maps: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(maps))
    code, out, _ = cli_streams("render", str(maps / "bank-branch.yaml"), "-f", "dot", "-o", "-")
    assert code == 0
    assert out.startswith(b"digraph journey {")


def test_several_formats_in_one_run(cli_streams: Streams, maps: Path) -> None:
    code, _, err = cli_streams(
        "render", str(maps / "bank-branch.yaml"), "-f", "html", "-f", "dot", "-f", "svg"
    )
    assert code == 0
    assert sorted(p.suffix for p in maps.glob("bank-branch.*")) == [
        ".dot",
        ".html",
        ".svg",
        ".yaml",
    ]
    assert re.fullmatch(r"rendered 3 files \(\d+\.\d s\)\n", err)


def test_unknown_persona_fails_that_render(cli_streams: Streams) -> None:
    code, out, err = cli_streams("render", str(SOFA), "-f", "dot", "-o", "-", "--persona", "zoe")
    assert (code, out) == (1, b"")
    assert "no persona 'zoe' in this journey (personas: anna, boris)" in err


# --- nothing lost or overwritten ---------------------------------------------------------------


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def same_names(tmp_path: Path) -> Path:
    """t/a/j.yaml, t/a/j.yml and t/b/j.yaml: three journeys, one file name."""
    for name in ("a/j.yaml", "a/j.yml", "b/j.yaml"):
        (tmp_path / "t" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SOFA, tmp_path / "t" / name)
    return tmp_path / "t"


@pytest.mark.parametrize("check", [(), ("--check",)])
def test_inputs_sharing_an_output_are_refused_before_any_work(
    cli_streams: Streams, same_names: Path, tmp_path: Path, check: tuple[str, ...]
) -> None:
    out = tmp_path / "out"
    code, _, err = cli_streams("render", str(same_names), "-o", f"{out}/", "--jobs", "4", *check)
    assert code == 2
    assert err.splitlines()[-2:] == [
        "Error: Invalid value for '--output': several inputs would be rendered to one file; "
        "rename all but one:",
        f"  {out / 'j.html'} <- {same_names / 'a/j.yaml'}, {same_names / 'a/j.yml'}, "
        f"{same_names / 'b/j.yaml'}",
    ]
    assert not out.exists()


def test_out_dir_refuses_j_yaml_and_j_yml_side_by_side(
    cli_streams: Streams, same_names: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    code, _, err = cli_streams("render", str(same_names), "--out-dir", str(site), "-f", "md")
    assert code == 2
    assert err.splitlines()[-1] == (
        f"  {site / 'a/j.md'} <- {same_names / 'a/j.yaml'}, {same_names / 'a/j.yml'}"
    )
    assert not site.exists()


def test_one_file_reached_twice_is_a_clash_too(
    cli_streams: Streams, same_names: Path, tmp_path: Path
) -> None:
    (tmp_path / "link").symlink_to(same_names / "b", target_is_directory=True)
    first, second = same_names / "b" / "j.yaml", tmp_path / "link" / "j.yaml"
    code, _, err = cli_streams("render", str(first), str(second), "-f", "dot")
    assert code == 2
    assert err.splitlines()[-1] == f"  {same_names / 'b/j.dot'} <- {first}, {second}"
    assert _files(same_names) == ["a/j.yaml", "a/j.yml", "b/j.yaml"]


@pytest.mark.parametrize("spelling", ["{d}/j.yaml", "{d}/./x/../j.yaml", "{d}/link.yaml"])
def test_output_naming_the_input_is_refused(
    cli_streams: Streams, tmp_path: Path, spelling: str
) -> None:
    source = tmp_path / "j.yaml"
    shutil.copy(SOFA, source)
    (tmp_path / "x").mkdir()
    (tmp_path / "link.yaml").symlink_to("j.yaml")
    output = spelling.format(d=tmp_path)
    code, _, err = cli_streams("render", str(source), "-o", output)
    assert code == 2
    assert err.splitlines()[-1] == f"  {Path(output)} is the input {source}"
    assert source.read_bytes() == SOFA.read_bytes()


def test_an_output_beside_or_in_out_dir_never_replaces_its_input(
    cli_streams: Streams, tmp_path: Path
) -> None:
    # JSON is YAML, so a journey may be kept as j.json; `-f json` must not write over it.
    source = tmp_path / "j.json"
    shutil.copy(SOFA, source)
    for where in ((), ("--out-dir", str(tmp_path))):
        code, _, err = cli_streams("render", str(source), "-f", "json", *where)
        assert code == 2
        assert err.splitlines()[-1] == f"  {source} is the input {source}"
    assert source.read_bytes() == SOFA.read_bytes()


def test_out_dir_keeps_inputs_from_above_inside_it(
    cli_streams: Streams, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "work").mkdir()
    shutil.copy(SOFA, tmp_path / "src" / "j.yaml")
    monkeypatch.chdir(tmp_path / "work")
    code, _, err = cli_streams("render", "../src/j.yaml", "--out-dir", "site", "-q")
    assert (code, err) == (0, "")
    assert _files(tmp_path) == ["src/j.yaml", "work/site/src/j.html"]


def test_out_dir_refuses_a_link_that_leads_out_of_it(
    cli_streams: Streams, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "src").mkdir()
    shutil.copy(SOFA, tmp_path / "src" / "j.yaml")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "src").symlink_to(tmp_path / "src", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    code, _, err = cli_streams("render", "src/j.yaml", "--out-dir", "site")
    assert code == 2
    assert err.splitlines()[-2:] == [
        "Error: Invalid value for '--out-dir': a link inside site would take these outputs "
        "out of it:",
        "  site/src/j.html",
    ]
    assert _files(tmp_path) == ["src/j.yaml"]


def test_watch_refuses_a_clash_before_it_starts(same_names: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cjmctl", "watch", str(same_names), "-o", f"{tmp_path / 'out'}/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,  # only against watching forever
        check=False,
    )
    assert result.returncode == 2
    assert "several inputs would be rendered to one file" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_check_against_an_output_that_is_not_a_file_says_so_without_reading_it(
    cli_streams: Streams, tmp_path: Path, kind: str
) -> None:
    source = tmp_path / "j.yaml"
    shutil.copy(SOFA, source)
    output = tmp_path / "j.html"
    if kind == "fifo":
        os.mkfifo(output)  # reading it would wait for a writer forever
    else:
        output.symlink_to("/dev/zero")  # reading it would never end
    code, out, _ = cli_streams("render", str(source), "--check")
    assert code == 1
    assert out.decode().splitlines()[0] == f"{output}: cannot read: not a regular file"


@pytest.mark.parametrize("value", ["inf", "nan", "1e300", "-1"])
@pytest.mark.parametrize(
    "option", [["render", "-f", "svg", "--dot-timeout"], ["watch", "--interval"]]
)
def test_seconds_that_no_clock_can_wait_are_usage_errors(
    cli_streams: Streams, option: list[str], value: str
) -> None:
    code, _, err = cli_streams(*option, value, str(SOFA))
    assert code == 2
    assert f"Invalid value for '{option[-1]}'" in err


def test_source_date_epoch_dates_the_pdf(
    cli_streams: Streams, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    code, _, _ = cli_streams("render", str(SOFA), "-f", "pdf", "-o", str(tmp_path / "m.pdf"))
    assert code == 0
    assert b"/CreationDate (D:20231114221320Z)" in (tmp_path / "m.pdf").read_bytes()
