"""The map of journeys as a drawing: journeys as boxes in columns, links as arrows between them.

A small layered layout of its own, not Graphviz: the site's index pages then hold no output of
a program whose version changes them, and need no `dot` to build. A journey's column is the
longest chain of links that leads into it (links that close a loop are drawn back, below the
boxes); within a column, journeys keep the project's order. Coordinates are rounded, so pages
are byte-exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from cjmctl.site.summary import Summary

WIDTH = 256
HEIGHT = 60
GAP_X = 88
GAP_Y = 28
PAD = 16
LONGEST_TITLE = 27


@dataclass(frozen=True, slots=True)
class Box:
    """A journey's box: its top-left corner, its title (shortened) and its map's address."""

    id: str
    x: int
    y: int
    title: str
    full_title: str
    href: str


@dataclass(frozen=True, slots=True)
class Arrow:
    """A link drawn from one journey's box to another's: its SVG path and what it says."""

    path: str
    title: str
    back: bool


@dataclass(frozen=True, slots=True)
class Drawing:
    """The whole map of journeys, in a box of `width` x `height` units."""

    width: int
    height: int
    boxes: list[Box]
    arrows: list[Arrow]


def href(journey_id: str, suffix: str = ".html") -> str:
    """The relative address of a journey's page, from the site's root."""
    return quote(journey_id + suffix)


def edges(summaries: list[Summary]) -> dict[tuple[str, str], list[str]]:
    """(from, to) journey ids with the names of the stages and touchpoints that link them."""
    known = {s.id for s in summaries if s.valid}
    found: dict[tuple[str, str], list[str]] = {}
    for summary in summaries:
        for link in summary.links:
            if link.target in known and link.target != summary.id:
                found.setdefault((summary.id, link.target), []).append(link.name)
    return found


def draw(summaries: list[Summary]) -> Drawing | None:
    """Lay out the journeys that link or are linked to; None when no journey links to another."""
    found = edges(summaries)
    if not found:
        return None
    linked = {end for pair in found for end in pair}
    order = [s for s in summaries if s.id in linked]
    ranks = _ranks([s.id for s in order], found)
    rows: dict[int, int] = {}
    boxes: dict[str, Box] = {}
    for summary in order:
        rank = ranks[summary.id]
        row = rows.get(rank, 0)
        rows[rank] = row + 1
        title = summary.title
        short = title if len(title) <= LONGEST_TITLE else title[: LONGEST_TITLE - 1] + "…"
        x, y = PAD + rank * (WIDTH + GAP_X), PAD + row * (HEIGHT + GAP_Y)
        boxes[summary.id] = Box(summary.id, x, y, short, title, href(summary.id))
    arrows = [
        _arrow(boxes[a], boxes[b], ranks[b] <= ranks[a], names) for (a, b), names in found.items()
    ]
    width = PAD * 2 + (max(ranks.values()) + 1) * (WIDTH + GAP_X) - GAP_X
    height = (
        PAD * 2
        + max(rows.values()) * (HEIGHT + GAP_Y)
        - GAP_Y
        + (HEIGHT if any(a.back for a in arrows) else 0)
    )
    return Drawing(width, height, list(boxes.values()), arrows)


def _ranks(ids: list[str], found: dict[tuple[str, str], list[str]]) -> dict[str, int]:
    """Each journey's column: the longest chain of forward links into it.

    Links are taken in project order; one that would close a loop (its target already leads,
    through forward links, to its source) counts as a back link and sets no column.
    """
    forward: dict[str, list[str]] = {i: [] for i in ids}
    for a, b in found:
        if not _reaches(forward, b, a):
            forward[a].append(b)
    rank = dict.fromkeys(ids, 0)
    for _ in ids:  # longest paths in a DAG: at most len(ids) rounds of relaxing
        changed = False
        for a in ids:
            for b in forward[a]:
                if rank[b] < rank[a] + 1:
                    rank[b], changed = rank[a] + 1, True
        if not changed:
            break
    return rank


def _reaches(forward: dict[str, list[str]], start: str, goal: str) -> bool:
    seen, stack = set(), [start]
    while stack:
        here = stack.pop()
        if here == goal:
            return True
        if here not in seen:
            seen.add(here)
            stack += forward[here]
    return False


def _arrow(a: Box, b: Box, back: bool, names: list[str]) -> Arrow:
    title = " · ".join(dict.fromkeys(names))
    if back:  # below the boxes, from bottom to bottom
        x1, y1 = a.x + WIDTH // 2, a.y + HEIGHT
        x2, y2 = b.x + WIDTH // 2, b.y + HEIGHT
        low = max(y1, y2) + HEIGHT * 3 // 4
        return Arrow(f"M{x1} {y1} C{x1} {low} {x2} {low} {x2} {y2 + 4}", title, True)
    x1, y1 = a.x + WIDTH, a.y + HEIGHT // 2
    x2, y2 = b.x, b.y + HEIGHT // 2
    bend = GAP_X // 2
    return Arrow(f"M{x1} {y1} C{x1 + bend} {y1} {x2 - bend} {y2} {x2 - 4} {y2}", title, False)
