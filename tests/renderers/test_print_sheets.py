"""The printed map as a reader holds it: links that land, pages that keep their scale, heads on
every sheet, a footer that names the view; and a batch that leaves nothing behind when stopped.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from cjmctl.journey.loader import load
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.htmlmap import render
from tests import fakedot
from tests.conftest import ROOT
from tests.renderers.test_print import WIDE, needs_browser

_DESTS = re.compile(rb"/Dests (\d+) 0 R")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+) \[")
_LINK = re.compile(rb"/Dest /([^\s/\[\]<>()]+)")


def link_targets(pdf: bytes) -> tuple[list[str], set[str]]:
    """The named destinations the PDF's links go to (one a link), and those the PDF has.

    Skia writes both plainly: each link annotation as `/Dest /name`, the catalogue's /Dests
    as one dictionary object of `/name [page /XYZ x y z]`.
    """
    links = [name.decode("ascii") for name in _LINK.findall(pdf)]
    found = _DESTS.search(pdf)
    if found is None:
        return links, set()
    start = pdf.index(b"%s 0 obj" % found[1])
    body = pdf[start : pdf.index(b"endobj", start)]
    return links, {name.decode("ascii") for name in _NAME.findall(body)}


def map_pdf(sources: list[Path], out: Path, *extra: str) -> None:
    command = [sys.executable, "-m", "cjmctl", "render", *map(str, sources), "-f", "map-pdf"]
    subprocess.run([*command, *extra, "-q", "-o", f"{out}/"], cwd=ROOT, check=True, timeout=300)


@needs_browser
def test_every_link_of_the_map_pdf_lands_on_the_paper(tmp_path: Path) -> None:
    sources = [WIDE / "en-40.yaml", ROOT / "examples" / "bank-branch.yaml"]
    map_pdf(sources, tmp_path)
    for source in sources:
        pdf = (tmp_path / f"{source.stem}.map.pdf").read_bytes()
        links, dests = link_targets(pdf)
        assert len(links) > 40, source.name
        assert sorted({name for name in links if name not in dests}) == [], source.name
    # Next steps and the overview's bars go to touchpoints, its bands to stages.
    assert {"tp-tp01", "stage-s1"} <= link_targets((tmp_path / "en-40.map.pdf").read_bytes())[1]


def test_a_printed_page_keeps_its_ids_unique_and_the_screen_ones_for_html() -> None:
    journey = load(WIDE / "en-40.yaml")
    for printed in (False, True):
        page = render(journey, RenderOptions(), printed=printed).decode()
        ids = re.findall(r' id="([^"]+)"', page)
        assert len(ids) == len(set(ids))
        screen = page[page.index('class="scroll"') : page.index('class="print-pages"')]
        assert ('id="tp-tp01"' in screen, 'id="screen-tp-tp01"' in screen) == (
            not printed,
            printed,
        )


def fake_chromium(folder: Path, pidfile: Path) -> Path:
    """A browser that behaves as Chromium does when it hangs: a temporary folder in $TMPDIR,
    a helper process, then no answer (each pid goes to `pidfile`)."""
    body = 'mktemp -d "${TMPDIR:-/tmp}/org.chromium.Chromium.XXXXXX" > /dev/null\n'
    body += f"sleep 60 &\necho $! >> '{pidfile}'\necho $$ >> '{pidfile}'\nexec sleep 60\n"
    fake = folder / "chromium"
    fake.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    fake.chmod(0o755)
    return fake


@pytest.mark.parametrize(
    ("maps", "stop", "code"),
    [(4, signal.SIGINT, 130), (4, signal.SIGTERM, 143), (1, signal.SIGINT, 130), (1, None, 1)],
)
def test_a_stopped_or_timed_out_print_leaves_no_process_nor_folder(
    tmp_path: Path, maps: int, stop: signal.Signals | None, code: int
) -> None:
    pidfile, temporary = tmp_path / "pids", tmp_path / "tmp"
    temporary.mkdir()
    fake = fake_chromium(tmp_path, pidfile)
    sources = []
    for number in range(maps):
        sources.append(tmp_path / f"map-{number}.yaml")
        shutil.copy(ROOT / "examples" / "email-marketing-ru.yaml", sources[-1])
    command = [sys.executable, "-m", "cjmctl", "render", *map(str, sources), "-f", "map-pdf"]
    command += ["-q", "-j", "2", "-o", f"{tmp_path / 'out'}/"]
    command += ["--browser-timeout", "60" if stop else "0.5"]
    env = {**os.environ, "CJMCTL_CHROMIUM": str(fake), "TMPDIR": str(temporary)}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    try:
        if stop is not None:
            browsers = min(maps, 2)  # as many run at once as there are workers
            assert fakedot.wait_until(lambda: len(fakedot.pids(pidfile)) >= 2 * browsers)
            process.send_signal(stop)
        assert process.wait(timeout=60) == code
        assert len(fakedot.pids(pidfile)) >= 2
        assert fakedot.wait_until(lambda: not any(map(fakedot.alive, fakedot.pids(pidfile))), 10)
        assert fakedot.wait_until(lambda: not any(temporary.iterdir()), 10), sorted(
            p.name for p in temporary.iterdir()
        )
    finally:
        process.kill()
        process.wait()
        for pid in fakedot.pids(pidfile):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
