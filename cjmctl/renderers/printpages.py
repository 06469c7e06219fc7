"""The printed map: the journey's columns cut into paper-sized pages, and the paper's CSS.

Chromium cannot split one wide table across pages: it shrinks or cuts it. So the HTML carries,
besides the screen table, one table per printed page over a slice of the columns, each with its
own lane names. Pages break between touchpoints, at stage boundaries where a whole stage fits;
a stage wider than a page starts on a fresh page, is cut between touchpoints, and its later
parts repeat the stage's name, marked as continued.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import Any, Literal

from markupsafe import Markup

from cjmctl.journey.diagnostics import shorten
from cjmctl.renderers.textwidth import longest_word

Paper = Literal["a3", "a4"]

MM = 96 / 25.4
"""CSS pixels per millimetre."""
MARGIN_MM = 10
FOOTER_MM = 8
PRINT_COLUMN_WIDTH = 160
"""A touchpoint's least column on paper, in CSS pixels: 8 fit on A3, 5 on A4 (landscape), beside
lane names up to 230 px wide."""
PRINT_LANE_WIDTH = 128
"""The lane column's least width on paper; `lane_width` widens it for a locale's lane names."""
# How map.css prints lane names: 14 px capitals 0.05em apart, 8 px padding a side, a 1 px rule,
# and 4 px to spare for rounding.
PRINT_LANE_TYPE = (14, 0.05)
PRINT_LANE_EDGES = 2 * 8 + 1 + 4


@dataclass(frozen=True, slots=True)
class PaperSize:
    """A sheet in landscape: its CSS name and its width in millimetres."""

    css: str
    width_mm: float

    def capacity(self, lane_width: int = PRINT_LANE_WIDTH) -> int:
        """How many touchpoint columns fit across the sheet beside lane names this wide."""
        printable = (self.width_mm - 2 * MARGIN_MM) * MM
        return max(1, int((printable - lane_width) // PRINT_COLUMN_WIDTH))


PAPERS: dict[str, PaperSize] = {"a3": PaperSize("A3", 420), "a4": PaperSize("A4", 297)}


@dataclass(frozen=True, slots=True)
class Page:
    """One printed page: its columns, its stage heads, and its window onto the emotion chart."""

    number: int
    first: int
    """The index of its first column in the whole map."""
    columns: list[Any]
    stages: list[Any]
    """Copies of the map's columns and stage heads, with anchors unique to the page."""
    x: int
    """Where its window onto the whole map's chart starts, and how wide it is, in pixels."""
    width: int


def lane_width(names: list[str]) -> int:
    """The lane column's width on paper in px: no word of these lane names is cut."""
    needed = longest_word(names, *PRINT_LANE_TYPE) + PRINT_LANE_EDGES
    return max(PRINT_LANE_WIDTH, 4 * math.ceil(needed / 4))


def cut(spans: list[int], capacity: int) -> list[list[tuple[int, int, bool]]]:
    """Cut stages of these widths into pages: per page, (stage index, columns, continued).

    Greedy in file order: a stage goes on the current page if it fits, else on a new one; a
    stage wider than a page starts on a new page and fills as many pages as it needs.
    """
    pages: list[list[tuple[int, int, bool]]] = []
    used = capacity  # no page yet: as if the last one were full
    for index, span in enumerate(spans):
        if span > capacity - used and (span <= capacity or used > 0):
            pages.append([])
            used = 0
        left, continued = span, False
        while left:
            if used == capacity:
                pages.append([])
                used = 0
            take = min(left, capacity - used)
            pages[-1].append((index, take, continued))
            used += take
            left -= take
            continued = True
    return pages


def paginate(
    columns: list[Any],
    stages: list[Any],
    capacity: int,
    column_width: int,
    *,
    printed: bool = False,
) -> list[Page]:
    """The printed pages of a map; `column_width` is the chart's, in the screen's pixels.

    Columns and stage heads are copied with anchors unique to their page, so no id repeats.
    `printed`: the page is for paper only, and links must land on the printed copies, so the
    first copy of each column and stage keeps its own anchor (the caller renames the screen's).
    """
    pages: list[Page] = []
    start = 0
    for number, parts in enumerate(cut([s.span for s in stages], capacity), 1):
        count = sum(take for _, take, _ in parts)
        prefix = f"print-{number}-"
        heads = [
            replace(
                stages[i],
                span=take,
                continued=continued,
                anchor=stages[i].anchor if printed and not continued else prefix + stages[i].anchor,
            )
            for i, take, continued in parts
        ]
        cells = [
            replace(c, anchor=c.anchor if printed else prefix + c.anchor)
            for c in columns[start : start + count]
        ]
        pages.append(Page(number, start, cells, heads, start * column_width, count * column_width))
        start += count
    return pages


def windows(chart: Any, pages: list[Page], column_width: int) -> list[Any]:
    """Keep of the chart, for each page, what its window shows, and one point beyond each edge.

    Its columns' points, line segments kept to those columns and one beyond each edge (so lines
    leave the page where they would), and the connectors and wow stars reaching into the window.
    The page's SVG crops the whole map's chart with its viewBox, so marks are the map's; this
    only saves what the crop hides, which Chromium would still write into the PDF (every dash of
    every dashed line: megabytes). Generic over the chart's points and polyline segments.

    One pass over the chart for all pages: each mark goes to the few pages whose window holds
    it, so the work and the page grow with the map, not with pages times marks.
    """
    firsts = [page.first for page in pages]
    lows = [page.x - column_width for page in pages]
    highs = [page.x + page.width + column_width for page in pages]
    everywhere = range(len(pages))

    def holding(left: float, right: float) -> range:
        # Windows run left to right and do not nest: both edges are sorted.
        return range(bisect_left(highs, left), bisect_right(lows, right))

    def spots(pairs: list[str]) -> range:
        try:
            xs = [float(pair.partition(",")[0]) for pair in pairs]
        except ValueError:  # not polyline points: keep them everywhere
            return everywhere
        return holding(min(xs), max(xs)) if xs else range(0)

    cut_series: list[list[Any]] = [[] for _ in pages]
    for s in chart.series:
        kept: list[dict[int, list[str]]] = [{} for _ in pages]
        for n, segment in enumerate(s.segments):
            for pair in segment.split():
                for page in spots([pair]):
                    kept[page].setdefault(n, []).append(pair)
        hops: list[list[Any]] = [[] for _ in pages]
        for hop in s.connectors:
            for page in holding(hop.left, hop.right):
                hops[page].append(hop)
        for page in everywhere:
            segments = [" ".join(pairs) for _, pairs in sorted(kept[page].items())]
            cut_series[page].append(replace(s, segments=segments, connectors=hops[page]))
    points: list[list[Any]] = [[] for _ in pages]
    for p in chart.points:
        page = bisect_right(firsts, p.column) - 1
        if page >= 0 and p.column < pages[page].first + len(pages[page].columns):
            points[page].append(p)
    wows: list[list[Any]] = [[] for _ in pages]
    for wow in chart.wows:
        for page in holding(wow[0], wow[0]):
            wows[page].append(wow)
    return [
        replace(chart, series=cut_series[n], points=points[n], wows=wows[n]) for n in everywhere
    ]


FOOTER_TITLE = 90
"""The most characters of the footer's title: it ends well before "page x of y", even in
capitals on A4 (the page counter sits in the same line of the margin)."""
FOOTER_VIEW = 40


def footer_title(title: str, view: str | None) -> str:
    """The title the footer of every sheet shows, with the persona view, cut to fit one line."""
    if view is None:
        return shorten(title, FOOTER_TITLE)
    view = shorten(view, FOOTER_VIEW)
    return f"{shorten(title, FOOTER_TITLE - len(view) - 3)} · {view}"


def css_string(text: str) -> Markup:
    """Write `text` as a CSS string that no text can close, nor the rule or the element.

    Every character but ASCII letters and digits is escaped as six hex digits.

    Spaces too: CSS swallows one white space after an escape as its terminator.
    """
    escaped = "".join(c if c.isascii() and c.isalnum() else f"\\{ord(c):06x}" for c in text)
    return Markup(f'"{escaped}"')  # noqa: S704 - only [A-Za-z0-9\\] inside the quotes


def page_counter(template: str) -> Markup:
    """A label such as `page {page} of {pages}` as CSS `content` with the page counters."""
    parts: list[str] = []
    rest = template
    while rest:
        head, brace, tail = rest.partition("{")
        if head:
            parts.append(css_string(head))
        if not brace:
            break
        name, _, rest = tail.partition("}")
        parts.append(f"counter({'pages' if name == 'pages' else 'page'})")
    return Markup(" ".join(parts))  # noqa: S704 - built from css_string and counter() only
