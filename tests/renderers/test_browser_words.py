"""Words that fit (issue 12 §5), measured in headless Chromium at screen size.

No built-in lane label is cut inside a word, Russian thoughts get «…» and English “…”, and due
dates stay on one line. Skips without Chromium as tests/renderers/test_browser.py does.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cjmctl import load
from cjmctl.journey.labels import LABELS
from cjmctl.renderers import RenderOptions, blueprint
from cjmctl.renderers.htmlmap import LANES, render
from tests import browser, everylane
from tests.conftest import EXAMPLES

pytestmark = browser.required()

KINDS = {
    "audit": ("mystery_shopping",),
    "survey": ("survey",),
    "mixed": ("survey", "mystery_shopping"),
}

# Each word of each lane header as a DOM Range: a word set on one line has one client rect.
BROKEN_WORDS = """
const screen = document.querySelector('.journey > .scroll');  // not the print pages
const heads = screen.querySelectorAll('table.map th[scope=row], table.map .corner');
const found = {labels: [], broken: []};
for (const th of heads) {
  found.labels.push(th.textContent.trim());
  const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (lines.size > 1) found.broken.push(m[0] + ' on ' + lines.size + ' lines');
    }
  }
}
return found;
"""

# The quote marks a thoughts cell shows: from `content`, or from `quotes` for open-quote.
THOUGHT_QUOTES = """
const td = document.querySelector('tr.lane-thoughts td q');
function mark(pseudo, index) {
  const content = getComputedStyle(td, pseudo).content;
  if (!content.endsWith('-quote')) return JSON.parse(content);
  return JSON.parse('[' + getComputedStyle(td).quotes.split(/"\\s+"/).join('","') + ']')[index];
}
return [mark('::before', 0), mark('::after', 1)];
"""

# Where each thought with an evidence badge ends on the page: the quoted element's last line
# (its close-quote is part of it) against the thought's last letter and the badge below, in the
# pages that are shown (the screen map, or the print pages under print media).
QUOTED_BEFORE_BADGE = """
const found = [];
for (const td of document.querySelectorAll('tr.lane-thoughts td')) {
  const badge = td.querySelector('.claim');
  if (!badge || !badge.getClientRects().length) continue;
  const q = td.querySelector('q');
  const text = q.firstChild;
  const letter = document.createRange();
  letter.setStart(text, text.length - 1);
  letter.setEnd(text, text.length);
  const rects = [...q.getClientRects()];
  const last = rects[rects.length - 1];
  const end = [...letter.getClientRects()].pop();
  found.push({
    thought: q.textContent,
    after: getComputedStyle(q, '::after').content,
    cell_after: getComputedStyle(td, '::after').content,
    quote_on_letter_line: Math.round(last.top) === Math.round(end.top),
    quote_right_of_letter: last.right > end.right,
    badge_below: badge.getBoundingClientRect().top >= last.bottom - 1,
    next: q.nextElementSibling === badge,
  });
}
return found;
"""

DATES = """
return [...document.querySelectorAll('time')].map(t => [
  t.getAttribute('datetime'), t.textContent, getComputedStyle(t).whiteSpace,
  new Set([...t.getClientRects()].map(r => Math.round(r.top))).size,
]);
"""


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    with browser.chromium(width=1440, height=900) as chromium:
        yield chromium


def _show(driver: Any, tmp_path: Path, html: bytes, name: str = "page") -> None:
    page = tmp_path / f"{name}.html"
    page.write_bytes(html)
    driver.get(page.as_uri())


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("locale", ["en", "ru"])
def test_no_built_in_lane_label_breaks_inside_a_word(
    driver: Any, tmp_path: Path, locale: str, kind: str
) -> None:
    journey = everylane.journey(locale, KINDS[kind])
    _show(driver, tmp_path, render(journey, RenderOptions()))
    found = driver.execute_script(BROKEN_WORDS)
    t = LABELS[locale]
    # Every lane is there, so every built-in lane label of the locale was measured, and the
    # service blueprint's three lines are labelled in the lane column too.
    assert len(found["labels"]) == 2 + len(LANES) + len(blueprint.LINES)
    assert {t["stage"], t["touchpoint"]} <= set(found["labels"])
    assert found["broken"] == []


def test_the_russian_example_keeps_its_lane_labels_whole(driver: Any, tmp_path: Path) -> None:
    journey = load(EXAMPLES / "email-marketing-ru.yaml")
    _show(driver, tmp_path, render(journey, RenderOptions()))
    found = driver.execute_script(BROKEN_WORDS)
    assert LABELS["ru"]["owner"] in found["labels"]
    assert found["broken"] == []


@pytest.mark.parametrize(("locale", "marks"), [("en", ["“", "”"]), ("ru", ["«", "»"])])
def test_thoughts_are_quoted_as_the_locale_quotes(
    driver: Any, tmp_path: Path, locale: str, marks: list[str]
) -> None:
    _show(driver, tmp_path, render(everylane.journey(locale), RenderOptions()))
    assert driver.execute_script(THOUGHT_QUOTES) == marks


@pytest.mark.parametrize("media", ["screen", "print"])
def test_a_thought_closes_its_quote_before_its_evidence_badge(
    driver: Any, tmp_path: Path, media: str
) -> None:
    journey = load(EXAMPLES / "bank-branch.yaml")
    _show(driver, tmp_path, render(journey, RenderOptions()))
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})
    try:
        found = driver.execute_script(QUOTED_BEFORE_BADGE)
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    badged = {tp.thoughts for s in journey.stages for tp in s.touchpoints if tp.claims.thoughts}
    assert {f["thought"] for f in found} == badged
    assert len(badged) >= 2
    for f in found:
        assert f == {
            "thought": f["thought"],
            "after": "close-quote",
            "cell_after": "none",
            "quote_on_letter_line": True,
            "quote_right_of_letter": True,
            "badge_below": True,
            "next": True,
        }


def test_dates_stay_on_one_line_even_in_a_narrow_window(driver: Any, tmp_path: Path) -> None:
    _show(driver, tmp_path, render(everylane.journey("ru"), RenderOptions()))
    driver.set_window_size(360, 800)
    try:
        dates = driver.execute_script(DATES)
    finally:
        driver.set_window_size(1440, 900)
    assert ["2027-03-31", "31\u00a0марта\u00a02027", "nowrap", 1] in dates
    assert all(space == "nowrap" and lines == 1 for _, _, space, lines in dates)
