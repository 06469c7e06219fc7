"""The printed map as a reader holds it: links that land, pages that keep their scale, heads on
every sheet, a footer that names the view; and a batch that leaves nothing behind when stopped.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from cjmctl.journey.loader import load
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.htmlmap import render
from tests import fakedot
from tests.conftest import ROOT, STANDALONE, copy_example
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
        copy_example("email-marketing-ru.yaml", sources[-1])
    command = [sys.executable, "-m", "cjmctl", "render", *map(str, sources), "-f", "map-pdf"]
    command += ["-q", "-j", "2", "-o", f"{tmp_path / 'out'}/"]
    command += ["--browser-timeout", "60" if stop else "0.5"]
    env = {**os.environ, "CJMCTL_CHROMIUM": str(fake), "TMPDIR": str(temporary)}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    with fakedot.reaped(process, pidfile):
        if stop is not None:
            browsers = min(maps, 2)  # as many run at once as there are workers
            assert fakedot.wait_until(lambda: len(fakedot.pids(pidfile)) >= 2 * browsers)
            process.send_signal(stop)
        assert process.wait(timeout=60) == code
        assert len(fakedot.pids(pidfile)) >= 2
        assert fakedot.nothing_left(pidfile, temporary) == []


_BOX = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<')


def boxes(pdf: Path, page: int) -> list[tuple[float, float, float, str]]:
    """The words of one page (1-based) with their left, top and right edges in points."""
    command = ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"]
    out = subprocess.run(command, capture_output=True, check=True).stdout.decode("utf-8")
    return [(float(x0), float(y0), float(x1), w) for x0, y0, x1, w in _BOX.findall(out)]


def pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)$", info.stdout, re.M)[1])  # type: ignore[index]


def furniture(tmp_path: Path, name: str, old: str, new: str) -> Path:
    source = tmp_path / f"{name}.yaml"
    text = STANDALONE.read_text("utf-8")
    assert old in text
    source.write_text(text.replace(old, new, 1), "utf-8")
    return source


@needs_browser
def test_one_long_word_outside_the_map_table_does_not_shrink_the_sheets(tmp_path: Path) -> None:
    sources = [
        furniture(tmp_path, "plain", "", ""),
        furniture(tmp_path, "title", "title: Buying a sofa at Mebel Plus", "title: " + "W" * 120),
        furniture(tmp_path, "persona", "name: Anna", "name: " + "A" * 120),
        furniture(
            tmp_path,
            "action",
            "title: Move pick-up parking next to the warehouse exit",
            "title: " + "M" * 120,
        ),
        furniture(
            tmp_path,
            "finding",
            "- 87% rated free assembly 5 of 5; 41% told friends about it",
            "- " + "8" * 120,
        ),
    ]
    map_pdf(sources, tmp_path)
    shown = []
    for source in sources:
        pdf = tmp_path / f"{source.stem}.map.pdf"
        # Scaled sheets print the same word narrower: the touchpoint name's width is the scale.
        first = next((x1 - x0) for x0, _, x1, word in boxes(pdf, 1) if word == "Instagram")
        shown.append((source.stem, pages_of(pdf), round(first, 1)))
    # The same sheets, at the same scale; a name of 120 letters takes lines of its own in the
    # persona card and the curve's legend, so that map may run a page longer.
    assert [width for *_, width in shown] == [shown[0][2]] * len(sources), shown
    assert shown[1][1] == shown[0][1], shown


@needs_browser
def test_the_footer_names_the_persona_view_and_ends_before_the_page_counter(
    tmp_path: Path,
) -> None:
    source = furniture(
        tmp_path, "long", "title: Buying a sofa at Mebel Plus", "title: " + "W" * 300
    )
    map_pdf([source], tmp_path, "--persona", "anna")
    pdf = tmp_path / "long.map.pdf"
    total = pages_of(pdf)
    for page in (1, 2, total):
        footer = [b for b in boxes(pdf, page) if b[1] > 800]  # the bottom margin of an A3 sheet
        text = " ".join(word for *_, word in footer)
        assert text == "W" * 71 + "… · Journey of Anna page " + f"{page} of {total}", text
        counter = next(x0 for x0, _, _, word in footer if word == "page")
        assert max(x1 for x0, _, x1, _ in footer if x0 < counter) < counter - 100
