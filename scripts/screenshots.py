"""Render every example and photograph it in headless Chromium, for the README.

    .venv/bin/python scripts/screenshots.py

writes docs/<example>.png (the whole page), docs/<example>-map.png (the map alone),
docs/<example>-loop.png (the action plan measured against its targets, and the metrics),
docs/<example>-research.png (the research section: waves by outlet, survey results),
docs/<example>-flow.png and -compact.png (the Graphviz diagrams, drawn by `dot`) and
docs/<example>-print.png (the first page of `-f map-pdf`, A3, through pdftoppm),
docs/<example>-markdown.png (the `-f md` export as GitHub would show it: Markdown through
markdown-it-py with GitHub-like CSS, the Mermaid block drawn by Mermaid's CLI). The pages are
rendered with a fixed --today so the pictures only change when the maps do.
"""

from __future__ import annotations

import base64
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cjmctl import load  # noqa: E402
from cjmctl.batch import branded  # noqa: E402
from cjmctl.journey.loader import read  # noqa: E402
from cjmctl.renderers import RenderOptions  # noqa: E402
from cjmctl.renderers.flow import render_png  # noqa: E402
from cjmctl.renderers.htmlmap import render  # noqa: E402
from cjmctl.renderers.mappdf import render as render_map_pdf  # noqa: E402
from cjmctl.renderers.markdown import render as render_markdown  # noqa: E402
from cjmctl.site import build as site  # noqa: E402
from tests import mermaid_cli  # noqa: E402
from tests.browser import chromium  # noqa: E402

GITHUB_CSS = """
body { font: 16px/1.5 -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1f2328;
       max-width: 1012px; margin: 32px auto; padding: 0 32px; }
h1, h2 { border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; }
table { border-collapse: collapse; display: block; overflow: auto; margin: 16px 0; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
tr:nth-child(2n) { background: #f6f8fa; }
code { background: #eff1f3; padding: .2em .4em; border-radius: 6px; font-size: 85%; }
img { max-width: 100%; }
"""


def capture(driver: Any, x: float, y: float, width: float, height: float) -> bytes:
    """A PNG of one region of the page, beyond the window if need be."""
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": x, "y": y, "width": width, "height": height, "scale": 1},
        },
    )
    return base64.b64decode(shot["data"])


def bounds(driver: Any, selector: str) -> list[float]:
    """Where the first element matching `selector` is on the page: x, y, width, height."""
    script = (
        "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
        "return [r.left, r.top + window.scrollY, r.width, r.height];"
    )
    found: list[float] = driver.execute_script(script, selector)
    return found


def markdown_page(path: Path, folder: Path) -> Path:
    """The Markdown export as an HTML page the way GitHub shows it, Mermaid drawn."""
    from markdown_it import MarkdownIt

    source = folder / f"{path.stem}.md"
    source.write_bytes(render_markdown(load(path), RenderOptions(today=TODAY)))
    drawn = folder / f"{path.stem}.out.md"
    result = mermaid_cli.run(source, drawn)
    if result.returncode != 0:
        raise SystemExit(result.stdout + result.stderr)
    body = MarkdownIt("commonmark").enable("table").render(drawn.read_text(encoding="utf-8"))
    page = folder / f"{path.stem}.md.html"
    page.write_text(
        f"<!DOCTYPE html><meta charset=utf-8><style>{GITHUB_CSS}</style>{body}", encoding="utf-8"
    )
    return page


TODAY = date(2026, 10, 1)


SHOWCASE = ("bank-branch", "email-marketing-ru", "furniture-store")


def site_index(driver: Any, target: Path) -> None:
    """Picture the index page of the example project's site, as a laptop shows it."""
    with tempfile.TemporaryDirectory() as folder:
        site.build(ROOT / "examples", Path(folder), RenderOptions(today=TODAY))
        driver.set_window_size(1440, 1000)
        driver.get((Path(folder) / "index.html").as_uri())
        height = driver.execute_script("return document.documentElement.scrollHeight")
        target.write_bytes(capture(driver, 0, 0, 1440, min(height, 2000)))
    print(f"wrote {target.relative_to(ROOT)}")


def page_shots(driver: Any, path: Path, page: Path) -> list[tuple[str, bytes]]:
    """The map page's pictures, by file suffix: whole, map, loop, research (and matrix)."""
    # Drawn as `cjmctl render` draws it: with the theme's logo read from its file.
    options = branded(read(path), RenderOptions(today=TODAY))
    page.write_bytes(render(load(path), options))
    try:
        driver.get(page.as_uri())
        # On screen the map's box is at most a window high and scrolls inside (sticky
        # headers); the picture shows the whole map instead.
        driver.execute_script(
            "document.querySelector('.journey > .scroll').style.maxHeight = 'none'"
        )
        width = driver.execute_script("return document.querySelector('table.map').offsetWidth + 66")
        driver.set_window_size(max(width, 1280), 1000)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        shot = capture(driver, 0, 0, max(width, 1280), height)
        box = bounds(driver, "section.journey")
        detail = capture(driver, 0, box[1] - 16, min(box[2] + 64, 1800), box[3] + 32)
        # The loop closed, in a laptop's window: the plan measured against its targets
        # and the metrics, then the research (waves by outlet, survey results).
        driver.set_window_size(1440, 1000)
        plan, metrics = bounds(driver, "section.plan"), bounds(driver, "section.metrics")
        top, bottom = plan[1] - 16, metrics[1] + metrics[3] + 16
        loop = capture(driver, 0, top, 1440, bottom - top)
        research = bounds(driver, "section.research")
        found = capture(driver, 0, research[1] - 16, 1440, min(research[3] + 32, 2400))
        shots = [("", shot), ("-map", detail), ("-loop", loop), ("-research", found)]
        if driver.execute_script("return !!document.querySelector('section.matrix')"):
            box = bounds(driver, "section.matrix")
            shots.append(("-matrix", capture(driver, 0, box[1] - 16, 1440, box[3] + 32)))
    finally:
        page.unlink()
    return shots


def main() -> int:
    """Write docs/<example>.png for every showcase example, and the example project's site."""
    docs = ROOT / "docs"
    docs.mkdir(exist_ok=True)
    with chromium(width=1600, height=1000) as driver:
        site_index(driver, docs / "site-index.png")
        for path in (ROOT / "examples" / f"{name}.yaml" for name in SHOWCASE):
            shots = page_shots(driver, path, docs / f"{path.stem}.html")
            for suffix, data in shots:
                target = docs / f"{path.stem}{suffix}.png"
                target.write_bytes(data)
                print(f"wrote {target.relative_to(ROOT)}")
            with tempfile.TemporaryDirectory() as folder:
                driver.set_window_size(1100, 1000)
                driver.get(markdown_page(path, Path(folder)).as_uri())
                height = driver.execute_script("return document.documentElement.scrollHeight")
                shot = capture(driver, 0, 0, 1100, min(height, 2600))
                box = bounds(driver, "img")
                curve = capture(driver, box[0] - 8, box[1] - 8, box[2] + 16, box[3] + 16)
            for suffix, data in (("-markdown", shot), ("-mermaid", curve)):
                target = docs / f"{path.stem}{suffix}.png"
                target.write_bytes(data)
                print(f"wrote {target.relative_to(ROOT)}")
            journey = load(path)
            with tempfile.TemporaryDirectory() as folder:
                pdf = Path(folder) / "map.pdf"
                printed = branded(read(path), RenderOptions(today=TODAY))
                pdf.write_bytes(render_map_pdf(journey, printed))
                first = Path(folder) / "page"
                subprocess.run(
                    ["pdftoppm", "-png", "-r", "60", "-l", "1", "-singlefile", pdf, first],
                    check=True,
                )
                target = docs / f"{path.stem}-print.png"
                target.write_bytes(first.with_suffix(".png").read_bytes())
                print(f"wrote {target.relative_to(ROOT)}")
            diagrams = [
                ("-flow", RenderOptions()),
                ("-compact", RenderOptions(compact=True, direction="TB")),
            ]
            if any(tp.backstage for _, tp in journey.touchpoints()):
                diagrams.append(("-blueprint-flow", RenderOptions(blueprint=True)))
            for suffix, options in diagrams:
                target = docs / f"{path.stem}{suffix}.png"
                target.write_bytes(render_png(journey, options))
                print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
