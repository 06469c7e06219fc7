r"""The flow diagram: touchpoints as nodes in stage clusters, laid out by Graphviz's `dot`.

`to_dot` builds the graph with the graphviz package and returns its source; it needs no
Graphviz installed. SVG, PNG and PDF pipe that source through the `dot` program.

All journey text goes into HTML-like labels, escaped by `_text`: Graphviz decodes entities and
then expands `\\N`, `\\G`, `\\l` in them, so backslashes are doubled as well, and `]` is written
`&#93;`, which dot's HTML-label lexer cannot read alone; node ids are made
from journey ids (slugs), never from text; long text is cut visibly, because a quoted string of
16 KiB or more is a syntax error for `dot`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from typing import TypeGuard

import graphviz

from cjmctl.journey import links
from cjmctl.journey.labels import LABELS
from cjmctl.journey.model import Journey, Stage, Touchpoint
from cjmctl.renderers import RenderError, RenderOptions, dotrun, flowlanes, graphemes
from cjmctl.renderers.emotion import (
    COLOURS,
    SIGNS,
    TINTS,
    level,
    lowest_touchpoint,
    persona_name,
    stage_mean,
    touchpoint_score,
    word,
    written,
    written_mean,
)
from cjmctl.renderers.funnel import Step, steps
from cjmctl.renderers.futureview import MARKS
from cjmctl.renderers.kpibadge import Badge, badges
from cjmctl.renderers.routes import Transition, routes, transitions

FONT = "DejaVu Sans"  # has Cyrillic; Debian's fonts-dejavu-core, installed by scripts/test.sh
STAGE_FILL = ("#eef3ff", "#e9f7f1", "#fff6e6", "#f7eefa", "#eaf6f9", "#fdeeee")
STAGE_EDGE = ("#4c6ef5", "#12b886", "#f59f00", "#ae3ec9", "#1098ad", "#f03e3e")
MAX_TEXT = 160
_URL_ATTRIBUTE = re.compile(r' URL="[a-z0-9_./#-]*"|URL="[a-z0-9_./#-]*" ')
LINE = 28
CROSSED_RANKS = 1000
"""How many ranks the steps of one flow may cross, in all, before the skipping ones are stubs."""
LOOP_EDGE = {"style": "dashed", "arrowhead": "vee", "color": "#7048e8"}
"""A loop back to the touchpoint right beside it: a short edge, dashed like a stub, that
leaves and enters on the side across the flow, so it arcs clear of the step forward."""
LOOP_SIDE = {"LR": "n", "TB": "e"}
EXIT_EDGE = {"color": "#a61e1e", "arrowhead": "tee"}
FUTURE_EDGE = {"style": "dashed", "color": "#2b8a3e", "arrowhead": "vee"}
"""A step of the future flow into or out of a touchpoint added there."""
"""A touchpoint with `next: []` before the end leads to an end marker: the journey stops."""
EXIT_NODE = {
    "shape": "box",
    "style": "rounded,filled",
    "fillcolor": "white",
    "color": "#a61e1e",
    "margin": "0.08,0.03",
    "height": "0.3",
}


# Any white space but the no-break space, which holds a number to its unit ("9 min").
_BREAKS = re.compile(r"[^\S\u00a0]+")


def _wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap; a long word is broken between whole characters, never inside one.

    textwrap does the same at five times the cost, and splits a letter from its marks.
    """
    lines: list[str] = []
    line = ""
    for whole in _BREAKS.split(text):
        if not whole:
            continue
        word = whole
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            head = graphemes.cut(word, width)
            lines.append(head)
            word = word[len(head) :]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line or not lines:
        lines.append(line)
    return lines


def _text(value: str, width: int = LINE, lines: int = 4) -> str:
    """Escape text for an HTML-like label, wrapped into short lines and cut visibly if long."""
    if len(value) > MAX_TEXT:
        value = graphemes.cut(value, MAX_TEXT - 1) + "…"
    wrapped = _wrap(value, width)
    if len(wrapped) > lines:
        wrapped = [*wrapped[: lines - 1], graphemes.cut(wrapped[lines - 1], width - 1) + "…"]
    escaped = (
        line.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\\", "\\\\")
        # dot's lexer hands expat a label piece by piece, and expat holds back a piece of only
        # `]` (it might start `]]>`), so `<B>]</B>` reaches the parser as `<B></B>`.
        .replace("]", "&#93;")
        for line in wrapped
    )
    return "<BR/>".join(escaped)


def _shown(value: str | None) -> TypeGuard[str]:
    """Whether optional text has anything to draw: dot refuses an empty `<FONT></FONT>`."""
    return bool(value) and not str(value).isspace()


def _score(tp: Touchpoint, journey: Journey, persona: str | None) -> int | None:
    """The band that colours a node: of one persona's score, or of the mean of all personas'."""
    score = touchpoint_score(tp, persona)
    return None if score is None else level(score, journey.emotion_scale)


def _feeling(tp: Touchpoint, band: int, journey: Journey, persona: str | None) -> str:
    """The node's word: the touchpoint's feeling, else its score's level name (of one score)."""
    if _shown(tp.feeling):
        return tp.feeling
    one = tp.emotion_for(persona) if persona is not None or isinstance(tp.emotion, int) else None
    labels = LABELS[journey.locale]
    return labels[f"emotion_{band}"] if one is None else word(one, journey.emotion_scale, labels)


def _node_label(
    tp: Touchpoint,
    score: int | None,
    lowest: bool,
    journey: Journey,
    kpis: Sequence[Badge] = (),
    *,
    away: str = "",
    persona: str | None = None,
) -> str:
    labels = LABELS[journey.locale]
    channels = {c.id: c.name for c in journey.channels}
    name = f"<S>{_text(tp.name)}</S>" if tp.state == "current" else _text(tp.name)
    rows = [f"<TR><TD><B>{name}</B></TD></TR>"]
    where = [channels.get(tp.channel, tp.channel) if tp.channel else None, tp.owner]
    details = " · ".join(w for w in where if _shown(w))
    if details:
        rows.append(f'<TR><TD><FONT POINT-SIZE="9">{_text(details, 34, 4)}</FONT></TD></TR>')
    if score is not None:
        feeling = _feeling(tp, score, journey, persona)
        rows.append(f"<TR><TD>{_text(f'{SIGNS[score]} {feeling}', 30, 3)}</TD></TR>")
    if isinstance(tp.emotion, dict):
        names = {p.id: p.name for p in journey.personas}
        scores = " · ".join(
            f"{names.get(k, k)} {written(v, journey.emotion_scale)}"
            for k, v in list(tp.emotion.items())[:6]
        )
        rows.append(f'<TR><TD><FONT POINT-SIZE="9">{_text(scores, 34, 4)}</FONT></TD></TR>')
    for kpi in kpis[:4]:
        mark = f" {kpi.mark}" if kpi.mark else ""
        rows.append(
            f'<TR><TD><FONT POINT-SIZE="9" COLOR="{kpi.colour}"><B>'
            f"{_text(kpi.text + mark, 34, 2)}</B></FONT></TD></TR>"
        )
    if tp.wow:
        rows.append(f"<TR><TD><B>★ {_text(labels['wow'])}</B></TD></TR>")
    if lowest:
        rows.append(f"<TR><TD><B>▼ {_text(labels['lowest'])}</B></TD></TR>")
    if away:
        rows.append(f'<TR><TD><FONT POINT-SIZE="9" COLOR="#1c3faa"><U>{away}</U></FONT></TD></TR>')
    if tp.state in MARKS:
        key, glyph = MARKS[tp.state]
        mark = f"{glyph} {_text(labels[key])}"
        rows.append(f'<TR><TD><FONT POINT-SIZE="9"><I>{mark}</I></FONT></TD></TR>')
    # A light tint behind the text, the full colour on the border; wow and lowest stand out.
    fill = TINTS[score] if score is not None else "#f1f3f5"
    edge = COLOURS[score] if score is not None else "#868e96"
    border, colour = ("3", "#b35c00") if tp.wow else ("3", "#a61e1e") if lowest else ("2", edge)
    if tp.state == "current":  # removed in the future state: greyed
        fill, colour = "#f1f3f5", "#868e96"
    style = "ROUNDED,DASHED" if tp.state == "future" else "ROUNDED"
    return (
        f'<<TABLE BORDER="{border}" COLOR="{colour}" CELLBORDER="0" CELLSPACING="0" '
        f'CELLPADDING="3" BGCOLOR="{fill}" STYLE="{style}">{"".join(rows)}</TABLE>>'
    )


def _exit_label(journey: Journey) -> str:
    text = _text(LABELS[journey.locale]["exit"])
    return f'<<FONT POINT-SIZE="9" COLOR="#a61e1e"><B>■ {text}</B></FONT>>'


def _funnel_edge(step: Step) -> dict[str, str]:
    """Edge attributes for the step into the next stage: its conversion, width by its flow."""
    if step.grows is not None:
        return {"label": f"<{_text(step.grows, 30, 2)}>"}
    text = f"{step.percent} · {step.drop_off}"
    following = (
        step.share * float(step.percent.rstrip("%").replace(",", ".")) / 100 if step.percent else 0
    )
    return {"label": f"<{_text(text, 30, 2)}>", "penwidth": f"{1 + 5 * following:.2f}"}


def _legend(journey: Journey) -> str:
    labels = LABELS[journey.locale]
    rows = [f'<TR><TD COLSPAN="2"><B>{_text(labels["legend"])}</B></TD></TR>']
    scale = journey.emotion_scale
    for score in scale.scores():
        band = scale.level(score)
        sign = SIGNS[band] if scale.is_default() else written(score, scale)
        rows.append(
            f'<TR><TD BGCOLOR="{TINTS[band]}">{_text(sign)}</TD>'
            f'<TD ALIGN="LEFT">{_text(word(score, scale, labels))}</TD></TR>'
        )
    rows.append(f'<TR><TD>★</TD><TD ALIGN="LEFT">{_text(labels["wow"])}</TD></TR>')
    rows.append(f'<TR><TD>▼</TD><TD ALIGN="LEFT">{_text(labels["lowest"])}</TD></TR>')
    return (
        '<<TABLE BORDER="1" COLOR="#868e96" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" '
        f'BGCOLOR="white">{"".join(rows)}</TABLE>>'
    )


def _graph(journey: Journey, options: RenderOptions) -> graphviz.Digraph:
    title = _text(journey.title, 80, 2)
    if options.persona is not None:
        name = persona_name(journey, options.persona)
        persona = LABELS[journey.locale]["flow_of"].format(persona=name)
        title += f'<BR/><FONT POINT-SIZE="11">{_text(persona, 80, 1)}</FONT>'
    graph = graphviz.Digraph("journey")
    graph.attr(
        "graph",
        rankdir=options.direction,
        label=f"<<B>{title}</B>>",
        labelloc="t",
        fontname=FONT,
        fontsize="16",
        bgcolor="white",
        pad="0.3",
        nodesep="0.25",
        ranksep="0.35",
        newrank="true",
        compound="true",
    )
    graph.attr("node", shape="plain", fontname=FONT, fontsize="11")
    graph.attr("edge", fontname=FONT, fontsize="10", color="#495057", arrowsize="0.7")
    return graph


def _stage_label(stage: Stage, extra: Iterable[str] = ()) -> str:
    rows = f"<B>{_text(stage.name, 40, 2)}</B>"
    if _shown(stage.goal):
        rows += f'<BR/><FONT POINT-SIZE="9">{_text(stage.goal, 44, 2)}</FONT>'
    for line in extra:
        rows += f'<BR/><FONT POINT-SIZE="9">{line}</FONT>'
    return f"<{rows}>"


def _away(link: str | None, options: RenderOptions, locale: str) -> tuple[str, dict[str, str]]:
    """A line `↗ <the linked journey>` and the attributes that make it a link in the SVG.

    The link leads to the other journey's diagram (`.svg`), the format the reader is in; a
    diagram has no anchors for the link's part.
    """
    if link is None:
        return "", {}
    title = links.view(link, options.journey_id, options.links, ".svg")[1]
    url = links.href(options.journey_id, link, ".svg")
    # The tooltip names the link, never the title: dot expands `\\N` and the like in a node's
    # attributes (differently by version), while a link holds only [a-z0-9_-/#].
    tooltip = LABELS[locale]["continues_in_title"].format(title=link)
    return f"↗ {_text(title, 30, 2)}", {"URL": url, "tooltip": tooltip}


def _jumps(flow: list[Transition], position: dict[str, int], stage_of: dict[str, int]) -> set[int]:
    """The steps of `flow` to draw as stubs: loops back, jumps over stages, and crowded steps.

    A loop back to the touchpoint right beside it stays an edge: it spans one rank, so it
    costs dot nothing and reads better than a stub pointing next door.

    dot routes an edge through every rank between its ends. When a flow is dense (a stage whose
    touchpoints all lead to one another) the ranks its steps cross pile up cubically and the
    layout takes minutes; past `CROSSED_RANKS` in all, every step that skips a rank is a stub.
    """
    jumps: set[int] = set()
    forward: list[tuple[int, str, str]] = []
    for n, step in enumerate(flow):
        source, target = step.source, step.target
        far = stage_of[target.id] - stage_of[source.id] > 2  # skipping one stage is a branch
        if (step.back and not step.beside) or far:
            jumps.add(n)
        elif not step.back:
            forward.append((n, source.id, target.id))
    # The ranks dot will give, near enough: steps go forward in file order, so one pass does.
    rank: dict[str, int] = {}
    for _, tail, head in sorted(forward, key=lambda step: position[step[1]]):
        rank[head] = max(rank.get(head, 0), rank.get(tail, 0) + 1)
    spans = {n: rank[head] - rank.get(tail, 0) for n, tail, head in forward}
    if sum(span - 1 for span in spans.values()) > CROSSED_RANKS:
        jumps.update(n for n, span in spans.items() if span > 1)
    return jumps


def _future_edges(journey: Journey) -> list[tuple[str, str, dict[str, str]]]:
    """The future flow's steps into and out of added touchpoints, dashed like those are."""
    return [
        (f"tp_{source.id}", f"tp_{target.id}", FUTURE_EDGE)
        for source, target in journey.flow("future")
        if "future" in (source.state, target.state)
    ]


def _detailed(journey: Journey, options: RenderOptions, graph: graphviz.Digraph) -> None:
    ordered = journey.touchpoints()
    position = {tp.id: i for i, (_, tp) in enumerate(ordered)}
    stage_of = {tp.id: n for n, stage in enumerate(journey.stages) for tp in stage.touchpoints}
    scores = {tp.id: _score(tp, journey, options.persona) for _, tp in ordered}
    kpis = badges(journey)
    lowest = lowest_touchpoint(journey, options.persona)
    labels = LABELS[journey.locale]
    stubs: dict[int, list[tuple[str, str]]] = {}
    edges: list[tuple[str, str, dict[str, str]]] = []
    funnel = steps(journey)
    labelled: set[int] = set()
    flow = transitions(journey)
    jumps = _jumps(flow, position, stage_of)
    for n, move in enumerate(flow):
        source, target, back = move.source, move.target, move.back
        if n in jumps:
            # Long edges make dot's layout superlinear; a short stub keeps it near-linear.
            stub = f"jump_{n}"
            text = labels["back_to" if back else "on_to"].format(name=target.name)
            arrow = "↩" if back else "↪"
            stubs.setdefault(stage_of[source.id], []).append(
                (stub, f"{arrow} {_text(text, 24, 2)}")
            )
            edges.append((f"tp_{source.id}", stub, {"style": "dashed", "arrowhead": "vee"}))
            continue
        if back:
            side = LOOP_SIDE[options.direction]
            loop = LOOP_EDGE | {"tailport": side, "headport": side}
            edges.append((f"tp_{source.id}", f"tp_{target.id}", loop))
            continue
        attrs: dict[str, str] = {}
        crossing = stage_of[source.id]
        step = funnel.get(crossing)
        if (
            stage_of[target.id] == crossing + 1
            and step
            and (step.percent or step.grows)
            and crossing not in labelled
        ):
            attrs = _funnel_edge(step)
            labelled.add(crossing)
        edges.append((f"tp_{source.id}", f"tp_{target.id}", attrs))
    exits = dict.fromkeys(route.source.id for route in routes(journey) if route.exit)
    for tp_id in exits:
        edges.append((f"tp_{tp_id}", f"exit_{tp_id}", EXIT_EDGE))
    for n, stage in enumerate(journey.stages):
        away, link_attrs = _away(stage.link, options, journey.locale)
        extra = [_text(funnel[n].reached, 30, 1)] if n in funnel else []
        with flowlanes.subgraph(graph, f"cluster_{stage.id}") as cluster:
            cluster.attr(
                label=_stage_label(stage, [*extra, away] if away else extra),
                style="rounded,filled",
                fillcolor=STAGE_FILL[n % len(STAGE_FILL)],
                color=STAGE_EDGE[n % len(STAGE_EDGE)],
                penwidth="2",
                fontname=FONT,
                fontsize="12",
                margin="10",
                **link_attrs,
            )
            if not stage.touchpoints:
                cluster.node(f"empty_{stage.id}", f"<<I>{_text(labels['no_touchpoints'])}</I>>")
            for tp in stage.touchpoints:
                score = scores[tp.id]
                away, link_attrs = _away(tp.link, options, journey.locale)
                badges_here = kpis.get(tp.id, [])
                label = _node_label(
                    tp,
                    score,
                    tp is lowest,
                    journey,
                    badges_here,
                    away=away,
                    persona=options.persona,
                )
                cluster.node(f"tp_{tp.id}", label, **link_attrs)
                if tp.id in exits:
                    cluster.node(f"exit_{tp.id}", _exit_label(journey), **EXIT_NODE)
            for stub, text in stubs.get(n, []):
                cluster.node(stub, f'<<FONT POINT-SIZE="9" COLOR="#495057"><I>{text}</I></FONT>>')
    for tail, head, attrs in [*edges, *_future_edges(journey)]:
        graph.edge(tail, head, **attrs)


def _compact(journey: Journey, options: RenderOptions, graph: graphviz.Digraph) -> None:
    labels = LABELS[journey.locale]
    funnel = steps(journey)
    for n, stage in enumerate(journey.stages):
        mean = stage_mean(stage, options.persona)
        extra = [_text(labels["touchpoint_count"].format(count=len(stage.touchpoints)))]
        if mean is not None:
            value = written_mean(mean, journey.emotion_scale, journey.locale)
            extra.append(_text(labels["mean_emotion"].format(value=value)))
        if n in funnel:
            extra.append(_text(funnel[n].reached, 30, 1))
        away, link_attrs = _away(stage.link, options, journey.locale)
        extra += [away] if away else []
        fill = TINTS[level(mean, journey.emotion_scale)] if mean is not None else STAGE_FILL[n % 6]
        graph.node(
            f"stage_{stage.id}",
            _stage_label(stage, extra),
            shape="box",
            style="rounded,filled",
            fillcolor=fill,
            color=STAGE_EDGE[n % len(STAGE_EDGE)],
            penwidth="2",
            margin="0.15,0.1",
            **link_attrs,
        )
    for n, (here, there) in enumerate(itertools.pairwise(journey.stages)):
        step = funnel.get(n)
        attrs = _funnel_edge(step) if step and (step.percent or step.grows) else {}
        graph.edge(f"stage_{here.id}", f"stage_{there.id}", **attrs)


def to_dot(journey: Journey, options: RenderOptions) -> str:
    """Build the flow diagram's Graphviz source."""
    if options.compact and options.blueprint:
        raise RenderError(flowlanes.with_compact())  # the CLI refuses it before any file
    graph = _graph(journey, options)
    if options.compact:
        _compact(journey, options, graph)
    elif options.blueprint:
        flowlanes.clusters(journey, graph, _text, FONT, before=True, direction=options.direction)
        _detailed(journey, options, graph)
        flowlanes.clusters(journey, graph, _text, FONT, before=False, direction=options.direction)
        flowlanes.links(journey, graph)
    else:
        _detailed(journey, options, graph)
    if options.legend:
        graph.node("legend", _legend(journey))
    source: str = graph.source
    return source


def render_dot(journey: Journey, options: RenderOptions) -> bytes:
    """The diagram as Graphviz source: needs no Graphviz installed."""
    return to_dot(journey, options).encode("utf-8")


def render_svg(journey: Journey, options: RenderOptions) -> bytes:
    """The diagram as SVG, laid out by `dot`."""
    return dotrun.run(to_dot(journey, options), "svg", options.dot_timeout)


def render_png(journey: Journey, options: RenderOptions) -> bytes:
    """The diagram as PNG, laid out by `dot`."""
    return dotrun.run(to_dot(journey, options), "png", options.dot_timeout)


def render_pdf(journey: Journey, options: RenderOptions) -> bytes:
    """The diagram as PDF, laid out by `dot`, dated `options.timestamp`, never by the clock."""
    # cairo 1.16 writes a PDF with links whose cross-reference table points two objects at one
    # offset: the PDF's diagram links nothing. A link's URL holds only [a-z0-9_./#-], and
    # labels escape every `"`, so the pattern matches the attribute alone.
    source = _URL_ATTRIBUTE.sub("", to_dot(journey, options))
    pdf = dotrun.run(source, "pdf", options.dot_timeout)
    return dotrun.pin_dates(pdf, dotrun.pdf_date(options.timestamp))
