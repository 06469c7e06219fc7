"""The Mermaid export: the journey as a Mermaid `journey` diagram, the emotion curve as text.

What goes where:

- `title` is the journey's title (left out when empty), with `--persona` followed by whose
  view it is (`· Journey of Anna`, in the journey's locale), `accTitle` its `accessible_title`,
  `accDescr` its description;
- one `section` per stage; a first stage with an empty name is written without a section line
  (Mermaid's tasks before any section), a later one is named by its id;
- one task per touchpoint, `Name: score: Actor, Actor`, where Mermaid's score 1..5 is our
  emotion -2..+2 plus 3 (on another scale, the band the score falls in plus 3:
  `EmotionScale.mermaid`), and actors are persona names:
  - a shared emotion names no actors: it is nobody's in particular, and `cjmctl import
    mermaid` reads a task without actors as a shared emotion, so both round trips are exact;
  - emotions per persona give one task line per distinct Mermaid score, naming the personas who gave
    it (`Online checkout: 4: Anna` and `Online checkout: 2: Boris`), because a Mermaid task has
    a single score; personas with the same score share a line; lines and actors follow the
    order the emotion lists the personas in, so a diagram imported by cjmctl comes back as it
    was;
  - a touchpoint without an emotion gets 3 (neutral) and no actors: Mermaid needs a score,
    and nobody gave one;
  - two personas with the same name are told apart as `Name (id)`.

Text is cleaned so that Mermaid's journey lexer (mermaid 11) reads it as the text it is,
deterministically, with look-alikes rather than deletions:

- whitespace runs and control characters become one space; the ends are trimmed; line breaks
  too, except in section and task names, where they become `<br>`, Mermaid's line break there;
- `#` becomes `＃` and `;` becomes `；`: `#` starts a comment, `;` ends a statement, and
  `#name;` is Mermaid's entity syntax;
- a `%` at the start or next to another `%` becomes `％`: a leading `%` makes a comment, `%%`
  starts comments and `%%{` directives anywhere;
- `<` before a letter, digit or `_` becomes `＜`: Mermaid breaks lines at `<br>` and rewrites
  quotes inside anything that looks like an HTML tag;
- `ﬂ` becomes `fl` and `¶ß` becomes `¶ ß`: they are Mermaid's placeholders for entities;
- in section names, task names and actors `:` becomes `：` (it separates name, score and
  actors); in actors `,` becomes `，` (it separates actors);
- in the title and the description `&`, `<` and `>` become `＆`, `＜` and `＞`: Mermaid runs them
  through an HTML sanitiser and then shows the entities it made (`&amp;`) literally;
- a task name that starts like a statement (`journey`, `title `, `section `, `accDescr {`,
  case-insensitively) is put in quotes, `“Title page”`, so the lexer does not take it for one;
- a name that is empty after cleaning is replaced by its id, so every touchpoint keeps a task.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Literal

from cjmctl.journey.labels import LABELS
from cjmctl.journey.model import Journey, Touchpoint
from cjmctl.journey.scale import DEFAULT_SCALE, EmotionScale
from cjmctl.journey.states import current_journey
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.emotion import persona_name

NEUTRAL = 3
"""Mermaid's score for a touchpoint without an emotion."""
SECTION_INDENT = " " * 4
TASK_INDENT = " " * 6

Kind = Literal["title", "section", "task", "actor"]

_BLANK = re.compile(r"[\s\ufeff\x00-\x1f\x7f-\x9f]+")
_PERCENT = re.compile(r"^%|%(?=%)|(?<=%)%")
_LINE_BREAK = re.compile(r"\r\n?|\n")
_TAG = re.compile(r"<(?=[A-Za-z0-9_])")
_STATEMENT = re.compile(r"journey\b|title |section |accdescr ?\{", re.IGNORECASE | re.ASCII)
_EVERYWHERE = str.maketrans({"#": "＃", ";": "；", "ﬂ": "fl"})
_BY_KIND = {
    "title": str.maketrans({"&": "＆", "<": "＜", ">": "＞"}),
    "section": str.maketrans({":": "："}),
    "task": str.maketrans({":": "："}),
    "actor": str.maketrans({":": "：", ",": "，"}),
}


def clean(text: str, kind: Kind) -> str:
    """Make `text` safe as a Mermaid journey title, section, task name or actor (see above).

    May return an empty string; callers put an id in its place.
    """
    if kind in ("section", "task"):
        lines = "\n".join(_clean_line(line, kind) for line in _LINE_BREAK.split(text))
        text = lines.strip("\n").replace("\n", "<br>")  # blank lines at the ends dropped
        if kind == "task" and _STATEMENT.match(text):
            text = f"“{text}”"
        return text
    return _clean_line(text, kind)


def _clean_line(text: str, kind: Kind) -> str:
    text = _BLANK.sub(" ", text).strip(" ")
    text = text.translate(_EVERYWHERE).replace("¶ß", "¶ ß")
    text = _PERCENT.sub("％", text)
    text = _TAG.sub("＜", text)
    return text.translate(_BY_KIND[kind])


def actor_names(journey: Journey) -> dict[str, str]:
    """Map each persona id to its actor name in the diagram, unique and cleaned."""
    names = {p.id: clean(p.name, "actor") or p.id for p in journey.personas}
    counts = Counter(names.values())
    return {pid: name if counts[name] == 1 else f"{name} ({pid})" for pid, name in names.items()}


def task_scores(
    tp: Touchpoint,
    actors: dict[str, str],
    persona: str | None = None,
    scale: EmotionScale = DEFAULT_SCALE,
) -> list[tuple[int, list[str]]]:
    """List the (Mermaid score, actor names) task lines of one touchpoint; of `persona` alone."""
    if persona is not None:
        score = tp.emotion_for(persona)
        return [(NEUTRAL, [])] if score is None else [(scale.mermaid(score), [actors[persona]])]
    if tp.emotion is None:
        return [(NEUTRAL, [])]
    if isinstance(tp.emotion, int):
        return [(scale.mermaid(tp.emotion), [])]
    lines: dict[int, list[str]] = {}
    for pid, score in tp.emotion.items():
        lines.setdefault(scale.mermaid(score), []).append(actors.get(pid) or clean(pid, "actor"))
    return list(lines.items())


def to_mermaid(journey: Journey, persona: str | None = None) -> str:
    """Write the journey as the text of a Mermaid `journey` diagram; `persona`'s line alone.

    One persona's diagram says whose it is in its title: `Title · Journey of Anna`. A journey
    diagram draws one curve, so a journey with a future state shows its current one (render
    with `--state future` for the other).
    """
    journey = current_journey(journey)
    actors = actor_names(journey)
    lines = ["journey"]
    title = clean(journey.title, "title")
    if persona is not None:
        view = LABELS[journey.locale]["view_of"].format(persona=persona_name(journey, persona))
        title = " · ".join(filter(None, [title, clean(view, "title")]))
    if title:
        lines.append(f"{SECTION_INDENT}title {title}")
    accessible = clean(journey.accessible_title or "", "title")
    if accessible:
        lines.append(f"{SECTION_INDENT}accTitle: {accessible}")
    description = clean(journey.description or "", "title")
    if description:
        lines.append(f"{SECTION_INDENT}accDescr: {description}")
    for n, stage in enumerate(journey.stages):
        section = clean(stage.name, "section")
        if section or n > 0:
            lines.append(f"{SECTION_INDENT}section {section or stage.id}")
        for tp in stage.touchpoints:
            name = clean(tp.name, "task") or clean(tp.id, "task")
            for score, names in task_scores(tp, actors, persona, journey.emotion_scale):
                who = f": {', '.join(names)}" if names else ""
                lines.append(f"{TASK_INDENT}{name}: {score}{who}")
    return "\n".join(lines) + "\n"


def render(journey: Journey, options: RenderOptions) -> bytes:
    """Render the journey as a Mermaid `journey` diagram; `options.persona` keeps its line alone."""
    if options.persona is not None:
        persona_name(journey, options.persona)
    return to_mermaid(journey, options.persona).encode("utf-8")
