"""The theme as Chromium draws it: stage heads in the palette's colours, text on them at AA,
and the logo decoded from its data URI."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cjmctl.batch import branded
from cjmctl.journey import loader, logoimage
from cjmctl.journey.branding import media_type
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


DECODE = """
const done = arguments[arguments.length - 1];
const image = new Image();
image.onload = () => done([image.naturalWidth, image.naturalHeight]);
image.onerror = () => done('not decoded');
image.src = arguments[0];
"""
ENCODE = """
const canvas = document.createElement('canvas');
canvas.width = 300;
canvas.height = 200;
const context = canvas.getContext('2d');
context.fillStyle = '#0b4f8a';
context.fillRect(0, 0, 300, 200);
return [canvas.toDataURL('image/jpeg', 0.8), canvas.toDataURL('image/webp', 0.8),
        canvas.toDataURL('image/webp', 1)];
"""
MODERNIZR_WEBP = {  # lossy (VP8), lossless (VP8L), alpha and animation (VP8X): 1 x 1 each
    "UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA",
    "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==",
    "UklGRkoAAABXRUJQVlA4WAoAAAAQAAAAAAAAAAAAQUxQSAwAAAARBxAR/Q9ERP8DAABWUDggGAAAABQBAJ0BKgEAAQAAAP4A"
    "AA3AAP7mtQAAAA==",
    "UklGRlIAAABXRUJQVlA4WAoAAAASAAAAAAAAAAAAQU5JTQYAAAD/////AABBTk1GJgAAAAAAAAAAAAAAAAAAAGQAAABWUDhM"
    "DQAAAC8AAAAQBxAREYiI/gcA",
}


def test_the_logo_size_read_from_its_header_is_the_size_chromium_decodes(driver: Any) -> None:
    """Chromium's own JPEG and WebP, and WebP of every kind, pass the header checks as drawn."""
    driver.get("about:blank")
    uris = driver.execute_script(ENCODE)
    uris += [f"data:image/webp;base64,{data}" for data in sorted(MODERNIZR_WEBP)]
    for uri in uris:
        kind, data = uri.removeprefix("data:").split(";base64,")
        image = base64.b64decode(data)
        assert media_type(image, "logo") == kind
        size = logoimage.jpeg_size(image) if kind == "image/jpeg" else logoimage.webp_size(image)
        assert [*(size or ())] == driver.execute_async_script(DECODE, uri), uri[:40]
