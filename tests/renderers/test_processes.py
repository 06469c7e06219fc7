"""Scratch folders of the programs renderers run: removed even when their process is killed."""

from __future__ import annotations

import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from cjmctl.renderers import processes
from tests.conftest import ROOT

_HOLD = """
import sys, time
from cjmctl.renderers import processes
with processes.scratch("print") as work:
    open(f"{work}/map.html", "w").write("<p>half a page")
    print(work, flush=True)
    time.sleep(60)
"""


def test_a_killed_process_s_scratch_is_removed_by_its_killer_and_no_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    other = tmp_path / "cjmctl-1-print-kept"
    other.mkdir()
    held = subprocess.Popen(
        [sys.executable, "-c", _HOLD], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert held.stdout is not None
    work = Path(held.stdout.readline().strip())
    held.send_signal(signal.SIGKILL)
    held.wait()
    held.stdout.close()
    assert work.parent == tmp_path
    assert work.name.startswith(f"cjmctl-{held.pid}-print-")
    assert (work / "map.html").is_file()  # what a worker killed meanwhile leaves
    processes.remove_scratch(held.pid)
    assert sorted(tmp_path.iterdir()) == [other]


def test_a_scratch_folder_is_removed_when_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with processes.scratch("print") as work:
        assert Path(work).is_dir()
    assert list(tmp_path.iterdir()) == []
