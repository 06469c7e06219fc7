"""The output formats of `cjmctl render`: one literal registry, one module per renderer.

A renderer is a function `render(journey, options) -> bytes` that never prints, writes files or
reads the clock. It declares itself here with its format name, file suffix and the dotted path of
that function; the module is imported on first use, so the CLI starts without jinja2 or graphviz.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal, Protocol

from cjmctl.i18n import N_

if TYPE_CHECKING:
    from cjmctl.journey.branding import Brand
    from cjmctl.journey.links import Target
    from cjmctl.journey.model import Journey


DOT_TIMEOUT = 600.0
"""Seconds for one layout, far above real maps: 10,000 touchpoints with loops take 3 min."""
BROWSER_TIMEOUT = 120.0
"""Seconds for headless Chromium to print one map: a 40-touchpoint map takes about 2 s."""


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What a render may depend on besides the journey; the CLI fills it from its flags."""

    today: date | None = None
    """HTML and Markdown: the reference date for "stale" and "overdue" marks; None marks none."""
    direction: Literal["LR", "TB"] = "LR"
    """Diagrams: left to right, or top to bottom."""
    persona: str | None = None
    """Diagrams, HTML, Mermaid, Markdown: this persona's emotions instead of everyone's."""
    compact: bool = False
    """Diagrams: one node per stage instead of one per touchpoint."""
    legend: bool = True
    """Diagrams: draw the legend."""
    blueprint: bool = False
    """Diagrams: draw the service blueprint's lanes (frontstage, backstage, support) under the
    touchpoints; a journey without blueprint lanes draws as without it."""
    dot_timeout: float = DOT_TIMEOUT
    """SVG, PNG, PDF: seconds `dot` may take to lay one out before it is stopped."""
    timestamp: int = 0
    """PDF: when its metadata says it was made, in seconds since 1970: the CLI passes
    $SOURCE_DATE_EPOCH, and never the clock, so the bytes are reproducible."""
    paper: Literal["a3", "a4"] = "a3"
    """HTML and the map's PDF: the landscape sheet the printed map's pages are cut for."""
    browser_timeout: float = BROWSER_TIMEOUT
    """The map's PDF: seconds the browser may take to print it before it is stopped."""
    journey_id: str | None = None
    """HTML, Markdown, diagrams: the journey's id in its project (`retail/checkout`), so that
    links to other journeys are relative to its output; None: they lie beside it."""
    links: Mapping[str, Target] = field(default_factory=dict)
    """HTML, Markdown, diagrams: the linked journeys' titles and anchors, by link; a link
    missing here shows the id it names and leads to that journey's file, without a fragment."""
    state: Literal["both", "current", "future"] = "both"
    """Every format: `current` or `future` draws that state alone (`journey.states.select`);
    `both` the journey as written, the current map with what the future changes marked."""
    theme: Brand | None = None
    """HTML and the map's PDF: the theme drawn, with its logo's bytes. The CLI gives
    `--theme FILE`'s, which `batch.branded` lays over the loaded journey's own; None: the
    journey's theme without its logo (a renderer reads no file), or the built-in look."""


class RenderError(Exception):
    """Rendering could not be done (a missing program, an unknown persona): one line to show."""


class RenderFunction(Protocol):
    """The signature every renderer module exposes."""

    def __call__(self, journey: Journey, options: RenderOptions) -> bytes:
        """Render `journey`; pure: no printing, no files, no clock."""


@dataclass(frozen=True, slots=True)
class Format:
    """One value of `--format`: the suffix of its files and where its renderer lives."""

    suffix: str
    function: str
    """`module:function`, imported on first use."""
    summary: str
    """What the format is, for people: marked for the catalog, said through `i18n._`."""
    options: frozenset[str] = frozenset()
    """The `RenderOptions` fields this format honours; the CLI refuses the others."""

    def render(self, journey: Journey, options: RenderOptions) -> bytes:
        """Render `journey` in this format."""
        from cjmctl.journey.states import select

        module, _, name = self.function.partition(":")
        function: RenderFunction = getattr(importlib.import_module(module), name)
        return function(select(journey, options.state), options)


DIAGRAM = frozenset({"persona", "direction", "compact", "legend", "state", "blueprint"})
"""What the flow diagram honours; its drawn formats also `dot_timeout`."""
DRAWN = DIAGRAM | {"dot_timeout"}

FORMATS: dict[str, Format] = {
    "html": Format(
        ".html",
        "cjmctl.renderers.htmlmap:render",
        N_("the journey map as one self-contained web page"),
        frozenset({"today", "persona", "paper", "state", "theme"}),
    ),
    "map-pdf": Format(
        ".map.pdf",
        "cjmctl.renderers.mappdf:render",
        N_("the journey map as PDF pages, printed by headless Chromium (NAME.map.pdf)"),
        frozenset({"today", "persona", "paper", "browser_timeout", "state", "theme"}),
    ),
    "dot": Format(
        ".dot",
        "cjmctl.renderers.flow:render_dot",
        N_("the flow diagram's Graphviz source"),
        DIAGRAM,
    ),
    "svg": Format(".svg", "cjmctl.renderers.flow:render_svg", N_("the flow diagram as SVG"), DRAWN),
    "png": Format(".png", "cjmctl.renderers.flow:render_png", N_("the flow diagram as PNG"), DRAWN),
    "flow-pdf": Format(
        ".pdf", "cjmctl.renderers.flow:render_pdf", N_("the flow diagram as PDF (NAME.pdf)"), DRAWN
    ),
    "mermaid": Format(
        ".mmd",
        "cjmctl.renderers.mermaid:render",
        N_("the emotion curve as a Mermaid journey diagram"),
        frozenset({"persona", "state"}),
    ),
    "json": Format(
        ".json",
        "cjmctl.renderers.jsonexport:render",
        N_("the normalised journey as JSON"),
        frozenset({"state"}),
    ),
    "md": Format(
        ".md",
        "cjmctl.renderers.markdown:render",
        N_("the whole journey as Markdown"),
        frozenset({"today", "persona", "state"}),
    ),
    "csv": Format(
        ".csv",
        "cjmctl.renderers.csvexport:render",
        N_("the touchpoints as a table, a row each with every lane (UTF-8 with BOM, for Excel)"),
        frozenset({"state"}),
    ),
    "xlsx": Format(
        ".xlsx",
        "cjmctl.renderers.xlsx:render",
        N_(
            "the journey as an Excel workbook: touchpoints, stages, personas, actions, "
            "research, metrics"
        ),
        frozenset({"state"}),
    ),
}

ALIASES = {"pdf": "flow-pdf"}
"""Old format names: still accepted, each with a note naming the format it stands for."""
