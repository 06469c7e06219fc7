"""The site in a browser: from the index opened over file://, every link leads somewhere real."""

from __future__ import annotations

import importlib.util
import shutil
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

from cjmctl.renderers import RenderOptions
from cjmctl.site import build
from tests import browser
from tests.conftest import EXAMPLES
from tests.site.test_site_links import linked_project

pytestmark = browser.required()

LINKS = """return Array.from(document.querySelectorAll('a'), a =>
    a.getAttribute('href') || a.getAttribute('xlink:href') || '');"""
IDS = "return Array.from(document.querySelectorAll('[id]'), e => e.id);"
CROSS_JOURNEY = {"plan.html", "personas.html", "channels.html", "research.html"}
"""The site-pages part's pages: until `cjmctl.site.pages` makes them, links to them dangle."""


def crawl(out: Path) -> tuple[set[str], set[str], list[tuple[str, str, str]]]:
    """Follow every link from `out`'s index: the pages seen, the files missing, and the links
    with a fragment whose page has no element of that id (page, target, fragment)."""
    start = (out / "index.html").as_uri()
    pending, seen = [start], set()
    wanted: list[tuple[str, str, str]] = []  # (page, link, fragment)
    missing: set[str] = set()
    ids: dict[str, set[str]] = {}
    with browser.chromium() as driver:
        while pending:
            page = pending.pop()
            if page in seen:
                continue
            seen.add(page)
            driver.get(page)
            ids[page] = set(driver.execute_script(IDS))
            for href in driver.execute_script(LINKS):
                target, fragment = urldefrag(urljoin(page, href))
                if urlparse(target).scheme != "file":
                    continue
                path = Path(unquote(urlparse(target).path))
                assert path.is_relative_to(out), f"{page} links out of the site: {href}"
                if not path.is_file():
                    missing.add(path.relative_to(out).as_posix())
                    continue
                if fragment:
                    wanted.append((page, target, fragment))
                if path.suffix == ".html":
                    pending.append(target)
    assert wanted  # the map of journeys links to the stages that lead on
    dangling = [(p, t, f) for p, t, f in wanted if t in ids and f not in ids[t]]
    return seen, missing, dangling + [w for w in wanted if w[1] not in ids]


def test_every_link_reachable_from_the_index_leads_to_a_page_and_an_anchor(tmp_path: Path) -> None:
    folder = tmp_path / "maps"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("invalid", "*.html", "site"))
    out = tmp_path / "public"
    build.build(folder, out, RenderOptions(today=date(2026, 10, 1)))
    seen, missing, dangling = crawl(out)
    expected = set() if importlib.util.find_spec("cjmctl.site.pages") else CROSS_JOURNEY
    assert missing == expected
    assert len(seen) >= 6  # the index, the map of journeys and the four maps
    assert dangling == []


def test_links_from_a_sub_folder_journey_lead_up_and_across_to_their_stages(
    tmp_path: Path,
) -> None:
    out = tmp_path / "public"
    build.build(linked_project(tmp_path), out, RenderOptions(today=date(2026, 10, 1)))
    seen, missing, dangling = crawl(out)
    assert missing == set()
    assert dangling == []
    pages = {Path(unquote(urlparse(page).path)).relative_to(out).as_posix() for page in seen}
    assert {"delivery.html", "retail/checkout.html", "retail/returns.html"} <= pages
