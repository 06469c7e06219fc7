"""Each print page's chart carries only what its window shows, so the page grows with the map.

A page's SVG crops the whole map's curve with its viewBox. Marks outside the crop cost bytes on
every page (pages x marks: a quadratic page) and are never seen, so none may be written; the
faces it shows are the screen curve's, drawn by `<use>` rather than written again.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

from cjmctl.journey.loader import load
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.htmlmap import COLUMN_WIDTH, render
from tests.conftest import ROOT
from tests.htmlpage import parse

SVG = "{http://www.w3.org/2000/svg}"
EN_40 = ROOT / "tests" / "fixtures" / "wide" / "en-40.yaml"


def printed_curves(html: bytes) -> list[Element]:
    tree = parse(html, printed=True)
    pages = [s for s in tree.iter("section") if s.get("class") == "print-page"]
    return [svg for page in pages for svg in page.iter(f"{SVG}svg") if svg.get("class") == "curve"]


def xs(points: str) -> list[float]:
    return [float(pair.split(",")[0]) for pair in points.split()]


def stars(svg: Element) -> list[float]:
    return [float(t.get("x", "")) for t in svg.iter(f"{SVG}text") if t.get("class") == "star"]


def test_a_print_page_writes_no_line_star_or_stub_its_window_hides() -> None:
    html = render(load(EN_40), RenderOptions())
    screen = next(svg for svg in parse(html).iter(f"{SVG}svg") if svg.get("class") == "curve")
    curves = printed_curves(html)
    assert len(curves) == 8
    for curve in curves:
        left, _, width, _ = (float(v) for v in curve.get("viewBox", "").split())
        low, high = left - COLUMN_WIDTH, left + width + COLUMN_WIDTH
        lines = [p.get("points", "") for p in curve.iter(f"{SVG}polyline")]
        assert lines, "the page's curve has lines"
        assert all(xs(line) for line in lines), "no empty polyline"
        for line in lines:  # a line or exit stub is kept if it crosses the window
            assert min(xs(line)) <= high, (line, high)
            assert max(xs(line)) >= low, (line, low)
        assert stars(curve) == [x for x in stars(screen) if low <= x <= high]
    assert sum(len(stars(curve)) for curve in curves) >= len(stars(screen)) == 1


def faces(svg: Element) -> dict[str, int]:
    """The column of each face on a curve, by its id."""
    groups = [g for g in svg.iter(f"{SVG}g") if (g.get("class") or "").startswith("point")]
    return {g.get("id", ""): int(g.get("data-column", "")) for g in groups}


def test_a_print_page_draws_the_faces_of_its_columns_by_reference_once_each() -> None:
    html = render(load(EN_40), RenderOptions())
    screen = [svg for svg in parse(html).iter(f"{SVG}svg") if svg.get("class") == "curve"]
    on_screen = faces(screen[0])
    printed: list[str] = []
    for curve in printed_curves(html):
        left, _, width, _ = (float(v) for v in curve.get("viewBox", "").split())
        assert faces(curve) == {}, "a page repeats no face's markup"
        for use in curve.iter(f"{SVG}use"):
            target = use.get("href", "").removeprefix("#")
            assert left <= (on_screen[target] + 0.5) * COLUMN_WIDTH <= left + width
            printed.append(target)
    assert len(printed) == len(on_screen) == 120
    assert sorted(printed) == sorted(on_screen)


def gappy(touchpoints: int) -> str:
    """A map whose every other touchpoint has no emotion: a line broken at every column."""
    out = ["cjm: 1", "title: Gaps", "stages:"]
    for s in range(touchpoints // 8):
        out += [f"  - id: s{s}", f"    name: Stage {s}", "    touchpoints:"]
        for t in range(8):
            n = s * 8 + t
            out += [f"      - id: t{n}", f"        name: Step {n}"]
            out += [f"        emotion: {n % 5 - 2}"] if n % 2 == 0 else []
    return "\n".join(out) + "\n"


def test_the_page_grows_with_the_map_not_with_pages_times_lines(tmp_path: Path) -> None:
    sizes = []
    for count in (80, 800):
        path = tmp_path / f"gaps-{count}.yaml"
        path.write_text(gappy(count), encoding="utf-8")
        sizes.append(len(render(load(path), RenderOptions())))
    assert sizes[1] <= 10.5 * sizes[0], sizes
