"""The flow diagram's service-blueprint lanes (`--blueprint`): the service behind the touchpoints.

Each lane is a cluster of its own under the stages: frontstage (in the customer's view),
backstage (out of it, with its owner) and support processes. A touchpoint's cells share its
rank (`newrank` lets a rank cross clusters) and hang from it by a chain of dotted edges. Each
lane's cluster is drawn in the style of the line above it, and its label names that line: the
top of the backstage lane is the line of visibility.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import graphviz

from cjmctl.i18n import _
from cjmctl.journey.labels import LABELS
from cjmctl.journey.model import Journey, Touchpoint
from cjmctl.renderers.blueprint import LANES, LINES, Backstage, cells

Text = Callable[[str, int, int], str]
"""The flow diagram's escaping of journey text: `(text, width, lines) -> label HTML`."""
LINE_COLOUR = "#364fc7"
LINE_STYLE = {"frontstage": "solid", "backstage": "dashed", "support_processes": "dotted"}
"""How each line is drawn, as on the HTML map: interaction solid, visibility dashed, internal
interaction dotted."""
FILL = {"frontstage": "#ffffff", "backstage": "#f1f3f5", "support_processes": "#f8f9fa"}
LINK = {"style": "dotted", "dir": "none", "color": "#868e96", "weight": "2"}
"""A touchpoint's link to its cells in the lanes below it."""
MAX_ITEMS = 5
LABEL_SPACE = 6
"""Points between a lane's top border and its label."""


def with_compact() -> str:
    """Why `--blueprint` and `--compact` do not go together: the CLI's usage error, the API's."""
    return _(
        "--blueprint draws the service behind each touchpoint, and --compact draws no "
        "touchpoints; leave one of them out"
    )


@contextmanager
def subgraph(graph: graphviz.Digraph, name: str | None = None) -> Iterator[graphviz.Digraph]:
    """`graph.subgraph(name=...)` without its cost.

    graphviz copies the whole body written so far into every new subgraph (and then drops the
    copy), which made a subgraph per touchpoint quadratic in the size of the map.
    """
    sub = graphviz.Digraph(name=name)
    yield sub
    graph.subgraph(sub)


def _label(line: str, name: str) -> str:
    """A lane's label: the line's name over the lane's, both flush left, below a spacer.

    dot leaves 8 points between stacked clusters whatever their margins, so a label at the
    very top of a band sat on the border of the band above; the spacer keeps it under its own
    line (the band's top), clear of the neighbour's.
    """
    line = f'<FONT POINT-SIZE="9" COLOR="{LINE_COLOUR}"><B>{line}</B></FONT>'
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
        f'<TR><TD HEIGHT="{LABEL_SPACE}"></TD></TR>'
        f'<TR><TD ALIGN="LEFT">{line}</TD></TR>'
        f'<TR><TD ALIGN="LEFT"><B>{name}</B></TD></TR></TABLE>>'
    )


def _node(key: str, value: list[str] | Backstage, journey: Journey, text: Text) -> str:
    rows: list[str] = []
    steps = value.steps if isinstance(value, Backstage) else value
    if isinstance(value, Backstage) and value.owner:
        owner = LABELS[journey.locale]["backstage_owner"]
        owner = f'<FONT POINT-SIZE="9">{text(owner, 30, 1)}</FONT>'
        rows.append(f'<TR><TD ALIGN="LEFT">{owner}</TD></TR>')
        rows.append(f'<TR><TD ALIGN="LEFT"><B>{text(value.owner, 30, 2)}</B></TD></TR>')
    shown = steps[:MAX_ITEMS] if len(steps) <= MAX_ITEMS else steps[: MAX_ITEMS - 1]
    for step in shown:
        rows.append(f'<TR><TD ALIGN="LEFT">• {text(step, 30, 3)}</TD></TR>')
    if len(shown) < len(steps):
        rows.append(f'<TR><TD ALIGN="LEFT">• … (+{len(steps) - len(shown)})</TD></TR>')
    return (
        f'<<TABLE BORDER="1" COLOR="#adb5bd" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2" '
        f'BGCOLOR="white" STYLE="ROUNDED">{"".join(rows)}</TABLE>>'
    )


def _cells(tp: Touchpoint) -> list[tuple[str, list[str] | Backstage]]:
    return [(key, value) for key, value in cells(tp).items() if value]


def _found(journey: Journey) -> dict[str, list[tuple[str, list[str] | Backstage]]]:
    return {tp.id: _cells(tp) for _stage, tp in journey.touchpoints()}


def clusters(
    journey: Journey,
    graph: graphviz.Digraph,
    text: Text,
    font: str,
    *,
    before: bool,
    direction: str,
) -> None:
    """Draw the lanes' clusters, if they go on this side of the stages' clusters in the source.

    dot keeps clusters in the order they are written across a rank: top to bottom left to
    right (the first written at the bottom), left to right top to bottom. So left to right,
    the lanes are written first and from the lowest up; top to bottom, after the stages.
    """
    if before != (direction == "LR"):
        return
    found = _found(journey)
    if not any(found.values()):
        return
    labels = LABELS[journey.locale]
    for key in reversed(LANES) if before else LANES:
        line = text(labels[LINES[key]], 60, 1)
        name = text(labels[key], 60, 1)
        with subgraph(graph, f"cluster_lane_{key}") as lane:
            lane.attr(
                label=_label(line, name),
                labeljust="l",
                style=f"{LINE_STYLE[key]},filled",
                fillcolor=FILL[key],
                color=LINE_COLOUR,
                penwidth="2",
                fontname=font,
                fontsize="11",
                margin="10",
            )
            for tp_id, here in found.items():
                for lane_key, value in here:
                    if lane_key == key:
                        lane.node(f"{key}_{tp_id}", _node(key, value, journey, text))


def links(journey: Journey, graph: graphviz.Digraph) -> None:
    """Tie each touchpoint's cells to it: one rank, a dotted line down through the lanes."""
    for tp_id, here in _found(journey).items():
        if not here:
            continue
        chain = [f"tp_{tp_id}", *(f"{key}_{tp_id}" for key, _ in here)]
        with subgraph(graph) as rank:
            rank.attr(rank="same")
            for node in chain:
                rank.node(node)
        for tail, head in itertools.pairwise(chain):
            graph.edge(tail, head, **LINK)
