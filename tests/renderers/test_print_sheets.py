"""The printed map as a reader holds it: links that land, pages that keep their scale, heads on
every sheet, a footer that names the view; and a batch that leaves nothing behind when stopped.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from cjmctl.journey.loader import load
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.htmlmap import render
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
