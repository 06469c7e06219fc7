"""The Markdown document: golden files, and structure checked with a CommonMark parser.

markdown-it-py parses the output as GitHub would (CommonMark plus tables and strikethrough,
HTML allowed), so a test sees tables, headings and any markup that user text might have made.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from cjmctl import load
from cjmctl.journey import loader
from cjmctl.journey.labels import LABELS
from cjmctl.journey.model import Journey
from cjmctl.renderers import FORMATS, RenderOptions, audit
from cjmctl.renderers.markdown import fenced, to_markdown
from cjmctl.renderers.markdowntext import block, table, text
from cjmctl.renderers.mermaid import to_mermaid
from tests.conftest import EXAMPLE_JOURNEYS, EXAMPLES, ROOT
from tests.hostile import inject

TODAY = RenderOptions(today=date(2026, 10, 1))
EXAMPLE_FILES = EXAMPLE_JOURNEYS
PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def parse(document: str) -> list[Token]:
    return PARSER.parse(document)


def inline_text(token: Token) -> str:
    """The text an inline token shows, markup and zero-width spaces left out."""
    shown = "".join(c.content for c in token.children or [] if c.type in {"text", "code_inline"})
    return shown.replace("\u200b", "")


def seen(typed: str) -> str:
    """What a reader sees of typed text: whitespace folded (no-break spaces kept), no zero-width."""
    return re.sub(r"[^\S\u00a0\u2007\u202f]+", " ", typed).strip().replace("\u200b", "")


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Every table as rows of cell texts, the head row first."""
    found: list[list[list[str]]] = []
    for i, token in enumerate(tokens):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            found[-1].append([])
        elif token.type in {"th_open", "td_open"}:
            found[-1][-1].append(inline_text(tokens[i + 1]))
    return found


def headings(tokens: list[Token]) -> list[tuple[str, str]]:
    return [
        (token.tag, inline_text(tokens[i + 1]))
        for i, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


def expected_headings(journey: Journey) -> list[tuple[str, str]]:
    labels = LABELS[journey.locale]
    found = [("h1", seen(journey.title))]
    if journey.personas:
        found.append(("h2", labels["personas"]))
        found += [("h3", seen(p.name)) for p in journey.personas]
    found.append(("h2", labels["map"]))
    found += [("h3", seen(s.name)) for s in journey.stages]
    found.append(("h2", labels["emotion_curve"]))
    found += [("h2", labels["plan"])] if journey.actions else []
    found += [("h2", labels["kpi_metrics"])] if journey.metrics else []
    if journey.research:
        found.append(("h2", labels["research"]))
        found += [("h3", seen(r.title)) for r in journey.research if r.ratings or r.reasons]
        found += [("h3", _outlet_heading(t, labels)) for t in audit.outlet_tables(journey)]
    return found


def _outlet_heading(t: audit.OutletTable, labels: dict[str, str]) -> str:
    return seen(labels["audit_by_outlet"].format(title=t.title)) + (
        f" · {seen(t.wave)}" if t.wave else ""
    )


def _tail_tables(journey: Journey) -> int:
    """The tables after the stages': plan, metrics, research, each survey's ratings, outlets."""
    tail = bool(journey.actions) + bool(journey.metrics) + bool(journey.research)
    if journey.research:
        tail += sum(bool(r.ratings) for r in journey.research)
        tail += len(audit.outlet_tables(journey))
    return tail


def _reason_lists(tokens: list[Token], journey: Journey) -> None:
    """The only ordered lists are the surveys' ranked reasons, one plain paragraph per item."""
    expected = [[seen(r.reason) for r in e.reasons] for e in journey.research if e.reasons]
    lists: list[list[str]] = []
    depth = 0
    for i, token in enumerate(tokens):
        if token.type == "ordered_list_open":
            depth += 1
            lists.append([])
        elif token.type == "ordered_list_close":
            depth -= 1
        elif depth and token.type == "list_item_open":
            assert [t.type for t in tokens[i + 1 : i + 5]] == [
                "paragraph_open",
                "inline",
                "paragraph_close",
                "list_item_close",
            ]
            lists[-1].append(inline_text(tokens[i + 2]).split(" — ")[0])
        elif depth:
            assert token.type in {"paragraph_open", "inline", "paragraph_close", "list_item_close"}
    assert lists == expected


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_examples_match_their_goldens(path: Path, golden: Callable[[Path, str], None]) -> None:
    golden(ROOT / "tests" / "expected" / "md" / f"{path.stem}.md", to_markdown(load(path), TODAY))


def _check_structure(journey: Journey, document: str, persona: str | None = None) -> list[Token]:
    """Headings, one table per stage with touchpoints plus plan and research, the diagram."""
    tokens = parse(document)
    assert headings(tokens) == expected_headings(journey)
    found = tables(tokens)
    stages = [s for s in journey.stages if s.touchpoints]
    assert len(found) == len(stages) + _tail_tables(journey)
    words = LABELS[journey.locale]
    wow = f" (★ {words['wow']})"
    marks = {"both": "", "future": f" (+ {words['state_added']})"}
    marks["current"] = f" (− {words['state_removed']})"
    for grid, stage in zip(found, stages, strict=False):
        assert len(grid[0]) == len(stage.touchpoints) + 1
        assert grid[0][1:] == [
            seen(tp.name) + (wow if tp.wow else "") + marks[tp.state] for tp in stage.touchpoints
        ]
    for grid in found:
        assert {len(row) for row in grid} == {len(grid[0])}
    if journey.actions:
        plan = found[len(stages)]
        assert [row[0] for row in plan[1:]] == [seen(a.title) for a in journey.actions]
    fences = [t for t in tokens if t.type == "fence"]
    assert [(f.info, f.content) for f in fences] == [("mermaid", to_mermaid(journey, persona))]
    _reason_lists(tokens, journey)
    return tokens


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_examples_parse_into_headings_tables_and_the_diagram(path: Path) -> None:
    journey = load(path)
    _check_structure(journey, to_markdown(journey, TODAY))


def test_lanes_and_cells_of_a_stage() -> None:
    journey = load(EXAMPLES / "furniture-store.yaml")
    first = tables(parse(to_markdown(journey, TODAY)))[0]
    assert [row[0] for row in first] == [
        "Touchpoint",
        "Channel",
        "Customer action",
        "Thoughts",
        "Emotion",
        "Feeling",
        "Motives",
        "Pains",
        "Opportunities",
        "Owner",
        "Evidence",
    ]
    assert first[4][1:] == ["+1 positive", "• Anna: 0 neutral • Boris: +1 positive", "0 neutral"]


# --- hostile text ------------------------------------------------------------------------------

STARTS = [
    "- ",
    "1. ",
    "> ",
    "# ",
    "===",
    "    code",
    "---",
    "+ ",
    "2) ",
    "***",
    "<div>",
    "[r]: /u",
    "| a |",
]


def _hostile(n: int) -> str:
    return (
        f"{STARTS[n % len(STARTS)]} a|b\\|c \\ *em* _u_ [l](http://x) ![i](y) <b>{n}</b> <br>"
        f" `c` ``` ~~s~~ $m$ &amp; &#35; # h #\nnext\tline <!-- x --> {{x}} |"
    )


NOT_MARKUP = {"text", "softbreak", "code_inline"}


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_hostile_text_in_every_field_stays_text_and_tables_hold(path: Path) -> None:
    journey = load(path)
    payloads = inject(journey, _hostile, refs=bool(journey.channels))
    assert len(payloads) > 60
    document = to_markdown(journey, TODAY)
    tokens = _check_structure(journey, document)
    for token in tokens:
        assert token.type not in {"html_block", "code_block", "hr", "blockquote_open"}, token
        for child in token.children or []:
            # The only links: to the linked journeys' files, whatever their titles hold.
            if child.type == "link_open":
                assert child.attrs["href"] in {"sofa-delivery.md", "furniture-store.md"}, child
                continue
            assert child.type in NOT_MARKUP | {"strong_open", "strong_close", "link_close"}, child
    # A unit's spaces are no-break spaces (kpi.say keeps `4.2 of 5` on one line).
    shown = re.sub(
        "[ \u00a0]+", " ", "\n".join(inline_text(t) for t in tokens if t.type == "inline")
    )
    hidden = _not_shown(journey)
    missing = [p for p in payloads if seen(p) not in shown and p not in hidden]
    assert missing == []


def _not_shown(journey: Journey) -> set[str]:
    """The texts the document need not show, each for its reason.

    The accessible title is the Mermaid block's accTitle, inside its fence. An audit's criteria
    and its shoppers' notes are the data behind the scores, which the map shows per touchpoint
    and outlet (the HTML map does not show them either): the agency's report holds them.
    """
    criteria = {c.name for _, tp in journey.touchpoints() for c in tp.checklist}
    notes = {note for r in journey.research for v in r.visits for note in v.notes}
    return {journey.accessible_title or "", *criteria, *notes}


def test_bold_marks_only_labels() -> None:
    journey = load(EXAMPLES / "furniture-store.yaml")
    inject(journey, _hostile, refs=True)
    tokens = parse(to_markdown(journey, TODAY))
    strong: list[str] = []
    for token in tokens:
        children = token.children or []
        opening = [i for i, child in enumerate(children) if child.type == "strong_open"]
        strong += [children[i + 1].content for i in opening]
    assert len(strong) > 50
    assert {s.removesuffix(":") for s in strong} <= set(LABELS["en"].values())


REASONS = b"""cjm: 1
title: T
stages: [{name: S, touchpoints: [{id: pickup, name: Pick-up}]}]
research:
  - id: why
    kind: survey
    title: Why not
    sample: 10
    reasons:
      - {reason: '---', count: 4}
      - {reason: '- parking', count: 3}
      - {reason: '2) the price', count: 2}
      - {reason: '+ queue', count: 1}
"""


def test_a_reason_that_looks_like_markup_is_one_plain_item_of_the_ranked_list() -> None:
    journey = loader.load_bytes(REASONS, "reasons.yaml")
    document = to_markdown(journey, TODAY)
    _check_structure(journey, document)
    assert document.endswith(
        "1. \\--- — 4 · 40%\n2. \\- parking — 3 · 30%\n3. 2\\) the price — 2 · 20%\n"
        "4. \\+ queue — 1 · 10%\n"
    )


BLANK_WAVE = b"""cjm: 1
title: T
stages: [{name: S, touchpoints: [{id: desk, name: Desk, checklist: [{id: hello, name: Greets}]}]}]
outlets: [{id: north, name: North}]
research:
  - id: q1
    kind: mystery_shopping
    title: Audit
    study: audit
    date: 2026-03-31
    wave: ' '
    visits: [{outlet: north, results: {desk: {hello: false}}}]
"""


def test_a_blank_wave_is_named_by_its_date_not_left_dangling() -> None:
    journey = loader.load_bytes(BLANK_WAVE, "wave.yaml")
    tokens = _check_structure(journey, to_markdown(journey, TODAY))
    assert headings(tokens)[-1] == ("h3", "Audit: by outlet · 31\u00a0March\u00a02026")
    assert tables(tokens)[0][-1] == ["Service audit", "Audit · 31\u00a0March\u00a02026: 0"]


# --- escaping ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "inline", "line_start"),
    [
        ("plain words", "plain words", "plain words"),
        ("a|b", "a\\|b", "a\\|b"),
        ("\\ * _ ` [ ] < > ~ & $ #", "\\\\ \\* \\_ \\` \\[ \\] \\< \\> \\~ \\& \\$ \\#", None),
        ("two\nlines\t and  spaces ", "two lines and spaces", "two lines and spaces"),
        ("- item", "- item", "\\- item"),
        ("+1", "+1", "\\+1"),
        ("===", "===", "\\==="),
        ("12. twelve", "12. twelve", "12\\. twelve"),
        ("3) three", "3) three", "3\\) three"),
        ("19.0% go on", "19.0% go on", "19\\.0% go on"),
        ("# heading", "\\# heading", "\\# heading"),
        ("> quote", "\\> quote", "\\> quote"),
        ("    code", "code", "code"),
    ],
)
def test_escaping(raw: str, inline: str, line_start: str | None) -> None:
    assert text(raw) == inline
    assert block(raw) == (inline if line_start is None else line_start)


REFERENCES = "@team, @org/team (@user) #123 GH-12 gh-7 owner/repo#1 a@b.example :tada: #top"
# What GitHub would turn into a mention or an issue link, in the Markdown or in the page; an
# entity (`&#8203;`) is no reference.
LINKABLE = re.compile(r"@\w|(?<!&)#\d|\bGH-\d", re.IGNORECASE)


def test_text_mentions_no_one_and_links_no_issue() -> None:
    escaped = text(REFERENCES)
    assert LINKABLE.search(escaped) is None
    page = PARSER.render(escaped)
    assert LINKABLE.search(page) is None
    (inline,) = [t for t in parse(escaped) if t.type == "inline"]
    assert {c.type for c in inline.children or []} <= NOT_MARKUP
    assert inline_text(inline) == REFERENCES


def test_fence_is_longer_than_any_backtick_run() -> None:
    assert fenced("a\n", "mermaid") == "```mermaid\na\n```"
    assert fenced("x ```` y", "mermaid") == "`````mermaid\nx ```` y\n`````"


def test_stale_map_is_marked_and_russian_labels_are_used() -> None:
    journey = load(EXAMPLES / "email-marketing-ru.yaml")  # reviewed 2026-07-01, every 60 days
    fresh = to_markdown(journey, RenderOptions(today=date(2026, 8, 30)))
    stale = to_markdown(journey, RenderOptions(today=date(2026, 8, 31)))
    assert "· пересмотреть до 30\u00a0августа\u00a02026\n" in fresh
    assert "· ⚠ устарела: пересмотр нужен с 30\u00a0августа\u00a02026\n" in stale
    assert "## График эмоций\n" in stale
    assert "42\u00a0000 дошли до этапа" in stale


MINIMAL = b"""cjm: 1
title: Minimal
stages:
  - name: Search
    touchpoints: [{name: Ad, action: Taps the ad}]
  - name: Empty stage
"""


def test_minimal_journey() -> None:
    assert to_markdown(loader.load_bytes(MINIMAL, "m.yaml"), TODAY) == (
        "# Minimal\n\n"
        "## Journey map\n\n"
        "### Search\n\n"
        "| Touchpoint | Ad |\n"
        "| --- | --- |\n"
        "| **Customer action** | Taps the ad |\n\n"
        "### Empty stage\n\n"
        "*No touchpoints yet*\n\n"
        "## Emotion curve\n\n"
        "```mermaid\n"
        "journey\n"
        "    title Minimal\n"
        "    section Search\n"
        "      Ad: 3\n"
        "    section Empty stage\n"
        "```\n"
    )


def test_blank_items_are_left_out_not_read_as_a_heading_underline() -> None:
    source = (
        b"cjm: 1\ntitle: T\npersonas: [{id: p, name: P, goals: ['', ' '], pains: [' ', x]}]\n"
        b"stages: [{name: S, goal: ' ', expectations: ['', y]}]\n"
    )
    journey = loader.load_bytes(source, "blank.yaml")
    document = to_markdown(journey, TODAY)
    _check_structure(journey, document)
    assert "- **Pains:** x\n" in document
    assert "- **Expectations:** y\n" in document
    assert "Goals" not in document
    assert "- **Goal:**" not in document


def test_format_is_registered_and_deterministic() -> None:
    entry = FORMATS["md"]
    assert entry.suffix == ".md"
    first = entry.render(load(EXAMPLES / "bank-branch.yaml"), TODAY)
    assert first == entry.render(load(EXAMPLES / "bank-branch.yaml"), TODAY)
    assert first == to_markdown(load(EXAMPLES / "bank-branch.yaml"), TODAY).encode()


# --- property: any text shows as typed, in a cell and at the start of a line --------------------

PIECES = [*"|\\*_`[]()<>#!~&$=+-.:;0123456789 \t\n", "1. ", "- ", "<br>", "&amp;", "```"]
TEXT = st.lists(
    st.one_of(st.sampled_from(PIECES), st.characters(exclude_categories=("Cc", "Cs"))),
    max_size=16,
).map("".join)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXT, TEXT)
@example("a|b", "1. one")
@example("\\", "2) two")
@example("`", "- item")
@example("<b>", "===")
@example("&amp;", "# heading #")
def test_any_text_shows_as_typed(cell: str, line: str) -> None:
    tokens = parse(table(["a", "b"], [["x", text(cell)]]) + "\n\n" + block(line) + "\n")
    assert tables(tokens) == [[["a", "b"], ["x", seen(cell)]]]
    end = next(i for i, t in enumerate(tokens) if t.type == "table_close")
    rest = [t.type for t in tokens[end + 1 :]]
    if not line.split():
        assert rest == []
        return
    assert rest == ["paragraph_open", "inline", "paragraph_close"]
    assert {c.type for c in tokens[-2].children or []} <= NOT_MARKUP
    assert inline_text(tokens[-2]) == seen(line)


def test_persona_shows_that_persona_s_emotions_alone() -> None:
    journey = load(EXAMPLES / "furniture-store.yaml")
    document = to_markdown(journey, RenderOptions(persona="boris"))
    emotions = [line for line in document.splitlines() if line.startswith("| **Emotion** |")]
    # Online search: the ad (+1 for all), the results ({anna: 0, boris: 1}), the catalog (0).
    assert emotions[0] == "| **Emotion** | +1 positive | +1 positive | 0 neutral |"
    assert "Anna" not in "".join(emotions)
    diagram = document[document.index("```mermaid") :]
    assert ": Boris" in diagram
    assert "Anna" not in diagram
