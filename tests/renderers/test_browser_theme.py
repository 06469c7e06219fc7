"""The theme as Chromium draws it: stage heads in the palette's colours, text on them at AA,
and the logo decoded from its data URI."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cjmctl.batch import branded
from cjmctl.journey import loader
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.htmlmap import render
from cjmctl.renderers.themed import TEXT, contrast
from tests import browser
from tests.conftest import EXAMPLES

pytestmark = browser.required()

LOOK = """
const hex = n => (+n).toString(16).padStart(2, '0');
const rgb = c => '#' + c.match(/\\d+/g).slice(0, 3).map(hex).join('');
const heads = [...document.querySelectorAll('.journey > .scroll th.stage')].map(th => [
  rgb(getComputedStyle(th).backgroundColor),
  rgb(getComputedStyle(th.querySelector('.stage-name')).color),
]);
const bands = [...document.querySelectorAll('.strip .band')].map(a => [
  rgb(getComputedStyle(a.querySelector('rect')).fill),
  rgb(getComputedStyle(a.querySelector('text')).fill),
]);
const eyebrow = document.querySelector('.page-head .eyebrow');
const logo = document.querySelector('img.brand-logo');
return {
  heads, bands,
  eyebrow: [rgb(getComputedStyle(eyebrow).backgroundColor), rgb(getComputedStyle(eyebrow).color)],
  logo: [logo.complete, logo.naturalWidth, logo.naturalHeight, logo.alt, logo.src.slice(0, 22)],
  font: getComputedStyle(document.body).fontFamily,
};
"""


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    with browser.chromium(2600, 900) as d:  # wide enough for the overview strip to be drawn
        yield d


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_stage_heads_take_the_palette_and_the_logo_renders(
    driver: Any, tmp_path: Path, scheme: str
) -> None:
    document = loader.read(EXAMPLES / "bank-branch.yaml")
    theme = document.journey.theme
    assert theme is not None
    page = tmp_path / "bank-branch.html"
    page.write_bytes(
        render(document.journey, branded(document, RenderOptions(today=date(2026, 10, 1))))
    )
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )
    driver.get(page.as_uri())
    drawn = driver.execute_script(LOOK)
    stages = theme.palette.stages
    expected = [stages[i % len(stages)] for i in range(len(document.journey.stages))]
    assert [background for background, _ in drawn["heads"]] == expected
    for background, text in drawn["heads"] + drawn["bands"] + [drawn["eyebrow"]]:
        assert contrast(text, background) >= TEXT, (text, background)
    assert drawn["eyebrow"][0] == theme.palette.accent
    assert drawn["logo"] == [True, 96, 96, "Retail CX, Branch network", "data:image/png;base64,"]
    assert drawn["font"] == '"Source Sans 3", Arial, sans-serif'
    assert [background for background, _ in drawn["bands"]] == expected
