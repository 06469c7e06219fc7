"""Where output cannot go: a full stdout, a reader that went away, an unreadable --check."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.benchmarks.generate import journey
from tests.conftest import ROOT, STANDALONE, STANDALONE_BANK

Streams = Callable[..., tuple[int, bytes, str]]
SOFA = str(STANDALONE)
BANK = str(STANDALONE_BANK)
MERMAID = str(ROOT / "tests" / "fixtures" / "mermaid" / "comments.mmd")
EVERY_COMMAND = [
    ["validate", SOFA],
    ["render", "-o", "-", SOFA],
    ["render", "-o", "-", "-f", "svg", SOFA],
    ["lint", SOFA],
    ["stats", SOFA],
    ["diff", SOFA, BANK],
    ["schema"],
    ["init", "-"],
    ["import", "mermaid", MERMAID, "-o", "-"],
    ["--version"],
    ["--help"],
    ["render", "--help"],
]


def _name(args: list[str]) -> str:
    return " ".join(Path(arg).name for arg in args)


def _run(args: list[str], stdout: int, *, unbuffered: bool = False) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    result = subprocess.run(
        [sys.executable, "-m", "cjmctl", *args],
        cwd=ROOT,
        env={**env, "PYTHONUNBUFFERED": "1"} if unbuffered else env,
        stdout=stdout,
        stderr=subprocess.PIPE,
        check=False,
        timeout=120,
    )
    return result.returncode, result.stderr.decode()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "PYTHONUNBUFFERED"])
@pytest.mark.parametrize("args", EVERY_COMMAND, ids=_name)
def test_a_full_standard_output_is_one_line(args: list[str], unbuffered: bool) -> None:
    with Path("/dev/full").open("wb") as full:
        code, err = _run(args, full.fileno(), unbuffered=unbuffered)
    assert (code, err) == (1, "cjmctl: cannot write to standard output: No space left on device\n")


@pytest.mark.parametrize(
    "args", [["render", "-o", "-", "-f", "json", "big.yaml"], *EVERY_COMMAND], ids=_name
)
def test_a_reader_that_went_away_ends_cjmctl_quietly(args: list[str], tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(journey(100, 20), encoding="utf-8")
    reading, writing = os.pipe()
    os.close(reading)  # like `| head -c1` once head has exited
    try:
        code, err = _run([str(big) if a == "big.yaml" else a for a in args], writing)
    finally:
        os.close(writing)
    assert (code, err) == (1, "")


@pytest.mark.parametrize("kind", ["folder", "symlink loop"])
def test_check_against_an_unreadable_output_is_one_line(
    cli_streams: Streams, tmp_path: Path, kind: str
) -> None:
    shutil.copy(SOFA, tmp_path / "x.yaml")
    shutil.copy(BANK, tmp_path / "y.yaml")
    out = tmp_path / "out"
    assert cli_streams("render", str(tmp_path), "-o", f"{out}/", "--today", "2026-10-01")[0] == 0
    (out / "x.html").unlink()
    if kind == "folder":
        (out / "x.html").mkdir()
        reason = "not a regular file"
    else:
        (out / "x.html").symlink_to(out / "x.html")
        reason = "Too many levels of symbolic links"
    code, stdout, err = cli_streams(
        "render", str(tmp_path), "-o", f"{out}/", "--today", "2026-10-01", "--check"
    )
    assert code == 1
    assert stdout.decode().splitlines() == [f"{out / 'x.html'}: cannot read: {reason}"]
    assert "checked 2 outputs: 1 stale or missing" in err
