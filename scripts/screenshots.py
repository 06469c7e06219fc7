"""Render every example and photograph it in headless Chromium, for the README.

    .venv/bin/python scripts/screenshots.py

writes docs/<example>.png (the whole page), docs/<example>-map.png (the map alone) and
docs/<example>-flow.png and -compact.png (the Graphviz diagrams, drawn by `dot`). The pages are
rendered with a fixed --today so the pictures only change when the maps do.
"""

from __future__ import annotations

import base64
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cjmctl import load  # noqa: E402
from cjmctl.renderers import RenderOptions  # noqa: E402
from cjmctl.renderers.flow import render_png  # noqa: E402
from cjmctl.renderers.htmlmap import render  # noqa: E402
from tests.browser import chromium  # noqa: E402

TODAY = date(2026, 10, 1)


def main() -> int:
    """Write docs/<example>.png for every example."""
    docs = ROOT / "docs"
    docs.mkdir(exist_ok=True)
    with chromium(width=1600, height=1000) as driver:
        for path in sorted((ROOT / "examples").glob("*.yaml")):
            page = docs / f"{path.stem}.html"
            page.write_bytes(render(load(path), RenderOptions(today=TODAY)))
            try:
                driver.get(page.as_uri())
                width = driver.execute_script(
                    "return document.querySelector('table.map').offsetWidth + 66"
                )
                driver.set_window_size(max(width, 1280), 1000)
                height = driver.execute_script("return document.documentElement.scrollHeight")
                shot = driver.execute_cdp_cmd(
                    "Page.captureScreenshot",
                    {
                        "format": "png",
                        "captureBeyondViewport": True,
                        "clip": {
                            "x": 0,
                            "y": 0,
                            "width": max(width, 1280),
                            "height": height,
                            "scale": 1,
                        },
                    },
                )
                box = driver.execute_script(
                    "const r = document.querySelector('section.journey').getBoundingClientRect();"
                    "return [r.left, r.top + window.scrollY, r.width, r.height];"
                )
                detail = driver.execute_cdp_cmd(
                    "Page.captureScreenshot",
                    {
                        "format": "png",
                        "captureBeyondViewport": True,
                        "clip": {
                            "x": 0,
                            "y": box[1] - 16,
                            "width": min(box[2] + 64, 1800),
                            "height": box[3] + 32,
                            "scale": 1,
                        },
                    },
                )
            finally:
                page.unlink()
            for suffix, data in (("", shot), ("-map", detail)):
                target = docs / f"{path.stem}{suffix}.png"
                target.write_bytes(base64.b64decode(data["data"]))
                print(f"wrote {target.relative_to(ROOT)}")
            journey = load(path)
            for suffix, options in (
                ("-flow", RenderOptions()),
                ("-compact", RenderOptions(compact=True, direction="TB")),
            ):
                target = docs / f"{path.stem}{suffix}.png"
                target.write_bytes(render_png(journey, options))
                print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
