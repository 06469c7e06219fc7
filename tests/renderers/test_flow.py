"""The Graphviz flow diagram: golden DOT, real SVG from `dot`, escaping, determinism, options."""

from __future__ import annotations

import json
import re
import shutil
import string
import subprocess
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from cjmctl import load
from cjmctl.journey import loader
from cjmctl.renderers import RenderError, RenderOptions
from cjmctl.renderers.flow import render_pdf, render_png, render_svg, to_dot
from tests import fakedot
from tests.benchmarks.generate import fan_out
from tests.benchmarks.generate import journey as generated
from tests.conftest import EXAMPLE_JOURNEYS, EXAMPLES, ROOT

EXAMPLE_FILES = EXAMPLE_JOURNEYS
OPTIONS = RenderOptions()
HAS_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAS_DOT, reason="Graphviz's dot is not installed")
SVG = "{http://www.w3.org/2000/svg}"
needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext") or not shutil.which("pdfinfo"),
    reason="poppler-utils (pdftotext, pdfinfo) is not installed; scripts/test.sh installs it",
)


def svg_text(data: bytes) -> str:
    """Every text of an SVG, one line of a label after another, joined by spaces."""
    root = ET.fromstring(data)
    return " ".join((t.text or "") for t in root.iter(f"{SVG}text"))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_dot_matches_its_golden(path: Path, golden: Callable[[Path, str], None]) -> None:
    golden(ROOT / "tests" / "expected" / "dot" / f"{path.stem}.dot", to_dot(load(path), OPTIONS))


@needs_dot
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_svg_is_xml_and_names_every_touchpoint(path: Path) -> None:
    journey = load(path)
    text = svg_text(render_svg(journey, OPTIONS))
    for stage, tp in journey.touchpoints():
        assert " ".join(tp.name.split()) in text
        assert " ".join(stage.name.split()) in text


def test_node_ids_come_from_journey_ids() -> None:
    journey = load(EXAMPLES / "furniture-store.yaml")
    source = to_dot(journey, OPTIONS)
    for stage, tp in journey.touchpoints():
        assert f'"tp_{tp.id}" [label=<' in source or f"tp_{tp.id} [label=<" in source
        assert (
            f'subgraph "cluster_{stage.id}"' in source or f"subgraph cluster_{stage.id}" in source
        )


def test_dot_is_deterministic() -> None:
    first = to_dot(load(EXAMPLES / "bank-branch.yaml"), OPTIONS)
    assert to_dot(load(EXAMPLES / "bank-branch.yaml"), OPTIONS) == first


@needs_dot
def test_svg_png_and_pdf_are_deterministic() -> None:
    journey = load(EXAMPLES / "email-marketing-ru.yaml")
    for render in (render_svg, render_png, render_pdf):
        assert render(journey, OPTIONS) == render(journey, OPTIONS)
    assert render_png(journey, OPTIONS)[:8] == b"\x89PNG\r\n\x1a\n"
    assert render_pdf(journey, OPTIONS)[:5] == b"%PDF-"


def _objects_where_the_table_says(pdf: bytes) -> None:
    """Every offset in the cross-reference table, and the table's own, point at what they name."""
    xref = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
    assert pdf[xref:].startswith(b"xref\n")
    count = int(pdf[xref:].split()[2])
    start = xref + len(b"xref\n0 %d\n" % count)
    for number in range(1, count):
        offset = int(pdf[start + 20 * number : start + 20 * number + 10])
        assert pdf[offset:].startswith(b"%d 0 obj" % number), number


@needs_dot
def test_pdfs_rendered_a_second_apart_are_identical() -> None:
    journey = load(EXAMPLES / "bank-branch.yaml")
    first = render_pdf(journey, OPTIONS)
    time.sleep(1.1)  # cairo dates PDFs by the wall clock, which no test can pin
    assert render_pdf(journey, OPTIONS) == first


@needs_dot
def test_pdfs_do_not_depend_on_the_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    journey = load(EXAMPLES / "bank-branch.yaml")
    monkeypatch.setenv("TZ", "UTC0")
    first = render_pdf(journey, OPTIONS)
    # A POSIX zone needs no tzdata; cairo writes `+03'00`, five bytes longer than `Z`.
    monkeypatch.setenv("TZ", "MSK-3")
    second = render_pdf(journey, OPTIONS)
    assert second == first
    _objects_where_the_table_says(second)


@needs_dot
@needs_poppler
@pytest.mark.parametrize(
    ("timestamp", "date"),
    [
        (0, "1970-01-01T00:00:00Z"),
        (1_700_000_000, "2023-11-14T22:13:20Z"),
        (-86_400, "1969-12-31T00:00:00Z"),
    ],
)
def test_a_pdf_is_dated_by_its_options_and_stays_readable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, timestamp: int, date: str
) -> None:
    """The CLI passes $SOURCE_DATE_EPOCH (checked there) as the timestamp; never the clock."""
    monkeypatch.setenv("TZ", "MSK-3")
    journey = load(EXAMPLES / "furniture-store.yaml")
    path = tmp_path / "map.pdf"
    path.write_bytes(render_pdf(journey, replace(OPTIONS, timestamp=timestamp)))
    _objects_where_the_table_says(path.read_bytes())
    env = {"PATH": "/usr/bin:/bin", "TZ": "UTC0"}
    info = subprocess.run(
        ["pdfinfo", "-isodates", path], capture_output=True, text=True, env=env, check=False
    )
    assert (info.returncode, info.stderr) == (0, "")
    assert re.findall(r"^CreationDate: +(\S+)$", info.stdout, re.M) == [date]
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True)
    words = " ".join(text.stdout.split())
    for stage, tp in journey.touchpoints():
        assert " ".join(tp.name.split()) in words
        assert " ".join(stage.name.split()) in words


@needs_dot
def test_russian_labels_and_a_cyrillic_font() -> None:
    data = render_svg(load(EXAMPLES / "email-marketing-ru.yaml"), OPTIONS)
    assert "Легенда" in svg_text(data)
    assert 'font-family="DejaVu Sans"' in data.decode()


# --- hostile text ------------------------------------------------------------------------------


def _hostile(n: int) -> str:
    return f'AT&T; &bogus; \\N \\G \\l \\n <b>{n}</b> "q" {{x}} a:b:c ]]> \\'


HOSTILE = """cjm: 1
title: {t0}
personas: [{{id: anna, name: {t1}}}, {{id: boris, name: {t2}}}]
stages:
  - id: s1
    name: {t3}
    goal: {t4}
    reached: 100
    touchpoints:
      - id: a
        name: {t5}
        channel: {t6}
        owner: {t7}
        feeling: {t8}
        emotion: {{anna: 1, boris: -2}}
        wow: true
      - id: b
        name: {t9}
        emotion: -2
        next: [a]
  - id: s2
    name: {t10}
    reached: 50
    touchpoints:
      - {{id: c, name: {t11}, emotion: 0}}
"""


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@needs_dot
@pytest.mark.parametrize("compact", [False, True])
def test_hostile_text_stays_text_in_the_svg(compact: bool) -> None:
    payloads = [_hostile(n) for n in range(12)]
    source = HOSTILE.format(**{f"t{n}": _quoted(p) for n, p in enumerate(payloads)})
    journey = loader.load_bytes(source.encode(), "hostile.yaml")
    assert journey.title == payloads[0]
    data = render_svg(journey, RenderOptions(compact=compact))
    text = svg_text(data)  # ElementTree refuses SVG that is not well-formed XML
    shown = [0, 3, 4, 10] if compact else [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    for n in shown:
        assert " ".join(payloads[n].split()) in text, n
    assert "<b>" not in re.sub(r"&lt;b&gt;", "", data.decode())


def _alone(text: str) -> str:
    """A journey whose title, only stage and only touchpoint are each exactly `text`."""
    name = json.dumps(text)
    return f"cjm: 1\ntitle: {name}\nstages: [{{name: {name}, touchpoints: [{{name: {name}}}]}}]\n"


@needs_dot
@pytest.mark.parametrize("char", string.punctuation)
def test_every_ascii_punctuation_character_alone_is_drawn_literally(char: str) -> None:
    journey = loader.load_bytes(_alone(char).encode(), "alone.yaml")
    for compact in (False, True):
        data = render_svg(journey, RenderOptions(compact=compact, legend=False))
        texts = [t.text for t in ET.fromstring(data).iter(f"{SVG}text")]
        assert texts.count(char) == (2 if compact else 3), (compact, texts)


@needs_dot
def test_very_long_text_is_cut_visibly_not_fatal() -> None:
    name = "word " * 5000
    source = f"cjm: 1\ntitle: T\nstages: [{{name: S, touchpoints: [{{name: {name}}}]}}]\n"
    data = render_svg(loader.load_bytes(source.encode(), "long.yaml"), OPTIONS)
    assert "…" in svg_text(data)


# --- options -----------------------------------------------------------------------------------


def test_persona_option_colours_by_that_persona() -> None:
    journey = load(EXAMPLES / "furniture-store.yaml")
    anna = to_dot(journey, RenderOptions(persona="anna"))
    boris = to_dot(journey, RenderOptions(persona="boris"))
    assert anna != boris
    assert "Flow of Anna" in anna


def test_unknown_persona_is_an_error() -> None:
    with pytest.raises(
        RenderError, match=r"no persona 'zoe' in this journey \(personas: anna, boris\)"
    ):
        to_dot(load(EXAMPLES / "furniture-store.yaml"), RenderOptions(persona="zoe"))


def test_a_long_unknown_persona_is_quoted_short() -> None:
    with pytest.raises(RenderError) as caught:
        to_dot(load(EXAMPLES / "furniture-store.yaml"), RenderOptions(persona="z" * 2**20))
    assert str(caught.value) == f"no persona '{'z' * 59}…' in this journey (personas: anna, boris)"


def test_compact_mode_draws_stages_only() -> None:
    journey = load(EXAMPLES / "furniture-store.yaml")
    source = to_dot(journey, RenderOptions(compact=True, legend=False))
    nodes = re.findall(r'^\s*"?(stage_[\w-]+)"? \[', source, re.MULTILINE)
    assert nodes == [f"stage_{s.id}" for s in journey.stages]
    assert "tp_" not in source
    assert "legend" not in source


def test_direction_option() -> None:
    journey = load(EXAMPLES / "bank-branch.yaml")
    assert "rankdir=TB" in to_dot(journey, RenderOptions(direction="TB"))
    assert "rankdir=LR" in to_dot(journey, OPTIONS)


def _edges(source: str) -> list[tuple[str, str]]:
    return re.findall(r'^\s*"?([\w-]+)"? -> "?([\w-]+)"?', source, re.MULTILINE)


def test_loops_and_far_jumps_become_short_stubs() -> None:
    journey = loader.load_bytes(generated(6, 10, loops=True).encode(), "loops.yaml")
    source = to_dot(journey, OPTIONS)
    order = {f"tp_{tp.id}": i for i, (_, tp) in enumerate(journey.touchpoints())}
    stage = {f"tp_{tp.id}": int(s.id[1:]) for s, tp in journey.touchpoints()}
    long_steps = [
        (a, b)
        for a, b in ((f"tp_{a.id}", f"tp_{b.id}") for a, b in journey.flow())
        if order[b] <= order[a] or stage[b] - stage[a] > 1
    ]
    assert len(long_steps) == 5
    edges = _edges(source)
    stubs = [(a, b) for a, b in edges if b.startswith("jump_")]
    assert [a for a, _ in stubs] == [a for a, _ in long_steps]
    backward = [(a, b) for a, b in edges if b in order and order[b] <= order[a]]
    assert backward == []
    assert "↩ back to Touchpoint 0" in source


@pytest.mark.parametrize(("size", "crowded"), [(8, False), (30, True)])
def test_a_dense_fan_out_keeps_only_its_chain_as_edges(size: int, crowded: bool) -> None:
    journey = loader.load_bytes(fan_out(size).encode(), "dense.yaml")
    source = to_dot(journey, OPTIONS)
    edges = _edges(source)
    real = [(a, b) for a, b in edges if b.startswith("tp_")]
    chain = [(f"tp_t{n}", f"tp_t{n + 1}") for n in range(size - 1)]
    # Loops back to the touchpoint right before are short edges too, crowded or not.
    loops = [(f"tp_t{n + 1}", f"tp_t{n}") for n in range(size - 1)]
    forward = [edge for edge in real if edge not in loops]
    assert sorted(set(real) - set(forward)) == sorted(loops)
    if crowded:
        assert forward == chain
    else:
        assert len(forward) == size * (size - 1) // 2
    stubs = [a for a, b in edges if b.startswith("jump_")]
    assert len(stubs) + len(real) == len(journey.flow()) == size * (size - 1)
    assert ("↪ on to Touchpoint 2" in source) is crowded


def test_funnel_edges_carry_conversion_and_width() -> None:
    source = to_dot(load(EXAMPLES / "furniture-store.yaml"), OPTIONS)
    assert re.search(r"label=<19\.0% · 10,050 lost> penwidth=1\.95", source)


def test_wrap_keeps_words_and_breaks_only_long_ones() -> None:
    from cjmctl.renderers.flow import _wrap

    assert _wrap("one two three four", 9) == ["one two", "three", "four"]
    assert _wrap("abcdefghijkl x", 5) == ["abcde", "fghij", "kl x"]
    assert _wrap("   ", 5) == [""]


@pytest.mark.parametrize(
    ("word", "width", "lines"),
    [
        ("abcde\u0301fg", 5, ["abcd", "e\u0301fg"]),  # é as e + U+0301 at the cut
        ("\u0431\u0435\u0437\u0438\u0306", 4, ["\u0431\u0435\u0437", "\u0438\u0306"]),  # безй
        ("ab\U0001f469\u200d\U0001f4bbc", 4, ["ab", "\U0001f469\u200d\U0001f4bbc"]),  # 👩‍💻
        ("abc\u2764\ufe0fd", 4, ["abc", "\u2764\ufe0fd"]),  # ❤️
    ],
)
def test_wrap_never_splits_a_letter_from_its_marks(word: str, width: int, lines: list[str]) -> None:
    from cjmctl.renderers.flow import _wrap

    assert _wrap(word, width) == lines


def test_cut_text_ends_before_a_whole_letter() -> None:
    from cjmctl.renderers.flow import MAX_TEXT, _text

    long = "x" * (MAX_TEXT - 2) + "e\u0301" + "y" * 10
    assert _text(long, width=1000, lines=1) == "x" * (MAX_TEXT - 2) + "…"
    assert _text("aaaa bbbbe\u0301 cc", width=6, lines=2) == "aaaa<BR/>bbbb…"


@needs_dot
@pytest.mark.parametrize("compact", [False, True])
def test_blank_optional_text_draws_nothing_rather_than_an_empty_element(compact: bool) -> None:
    source = (
        "cjm: 1\ntitle: T\nstages:\n  - name: S\n    goal: ' '\n    touchpoints:\n"
        "      - {name: A, channel: ' ', owner: \"\\t\", feeling: ' ', emotion: 1}\n"
        "      - {name: B, channel: web, owner: ' '}\n"
    )
    journey = loader.load_bytes(source.encode(), "blank.yaml")
    dot = to_dot(journey, RenderOptions(compact=compact))
    assert re.findall(r"<(\w+)[^>]*></\1>", dot) == []
    texts = [
        t.text
        for t in ET.fromstring(render_svg(journey, RenderOptions(compact=compact))).iter(
            f"{SVG}text"
        )
    ]
    if not compact:
        assert "web" in texts
        assert "web ·" not in " ".join(t or "" for t in texts)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            fakedot.SYNTAX_ERROR,
            "dot -Tsvg failed with exit status 1: Error: <stdin>: syntax error in line 3 near ']'",
        ),
        (fakedot.SEGFAULT, "dot -Tsvg crashed: killed by signal SIGSEGV"),
        ("exit 3\n", "dot -Tsvg failed with exit status 3"),
        (
            "printf 'Error: bad \\033]0;title\\007 line\\n' >&2; exit 2\n",
            "dot -Tsvg failed with exit status 2: Error: bad \\x1b]0;title\\x07 line",
        ),
    ],
    ids=["error", "signal", "silent", "control characters"],
)
def test_a_failing_dot_is_one_line(
    body: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", fakedot.install(tmp_path, body))
    with pytest.raises(RenderError) as caught:
        render_svg(load(EXAMPLES / "bank-branch.yaml"), OPTIONS)
    assert str(caught.value) == message


def test_a_dot_that_cannot_start_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", fakedot.install(tmp_path, "exit 0\n"))
    (tmp_path / "dot").write_bytes(b"\x7fELF, but not a program")
    with pytest.raises(RenderError) as caught:
        render_svg(load(EXAMPLES / "bank-branch.yaml"), OPTIONS)
    assert str(caught.value) == f"cannot run {tmp_path / 'dot'}: Exec format error"


def test_dot_is_stopped_after_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pidfile = tmp_path / "dot.pid"
    monkeypatch.setenv("PATH", fakedot.install(tmp_path / "bin", fakedot.sleeping(pidfile)))
    with pytest.raises(RenderError) as caught:
        render_svg(load(EXAMPLES / "bank-branch.yaml"), RenderOptions(dot_timeout=0.5))
    assert str(caught.value) == (
        "dot took longer than 0.5 s to lay out the diagram and was stopped; "
        "raise --dot-timeout, draw stages only with --compact, or list fewer touchpoints in `next`"
    )
    assert [fakedot.alive(pid) for pid in fakedot.pids(pidfile)] == [False]


@needs_dot
def test_a_letter_with_thousands_of_marks_still_draws() -> None:
    """It validates (text may hold any marks), so dot must get a label it can read."""
    source = 'cjm: 1\ntitle: T\nstages: [{id: s, name: S, touchpoints: [{id: a, name: "a%s"}]}]\n'
    journey = loader.load_bytes((source % ("\u0301" * 9_000)).encode(), "marks.yaml")
    assert len(to_dot(journey, OPTIONS)) < 8_000
    ET.fromstring(render_svg(journey, OPTIONS))


HALVES = """\
cjm: 1
title: Halves
personas: [{id: a, name: A}, {id: b, name: B}]
stages:
  - id: s
    name: S
    touchpoints:
      - {id: down, name: Down, emotion: {a: -1, b: 0}}
      - {id: up, name: Up, emotion: {a: 1, b: 0}}
      - {id: low, name: Low, emotion: {a: -2, b: 0}}
"""


def test_halves_round_away_from_neutral_symmetrically() -> None:
    source = to_dot(loader.load_bytes(HALVES.encode(), "j.yaml"), RenderOptions(legend=False))
    fills = dict(re.findall(r'\btp_(\w+)"? \[label=<<TABLE[^>]*BGCOLOR="(#\w+)"', source))
    # {-1, 0} and {+1, 0} are -0.5 and +0.5: one step below neutral and one above, not 0 and +1.
    assert fills == {"down": "#fdd3b5", "up": "#d3ecbc", "low": "#fdd3b5"}


def test_compact_stage_means_are_the_stats_means() -> None:
    from cjmctl.health import stats

    text = HALVES.replace("touchpoints:\n", "touchpoints:\n      - {id: n, name: N, emotion: -1}\n")
    journey = loader.load_bytes(text.encode(), "j.yaml")
    source = to_dot(journey, RenderOptions(compact=True, legend=False))
    # -1, -0.5, +0.5 and -1 over 4 touchpoints: -0.5 exactly, printed and drawn as stats has it.
    assert stats.stats(journey)["mean_emotion"]["stages"] == {"s": -0.5}
    assert "mean emotion -0.50" in source
    assert 'fillcolor="#fdd3b5"' in source


@pytest.mark.parametrize("compact", [False, True])
def test_a_growing_funnel_step_says_why_it_has_no_conversion(compact: bool) -> None:
    journey = load(EXAMPLES / "furniture-store.yaml")
    source = to_dot(journey, RenderOptions(compact=compact, legend=False))
    edge = "stage_pickup -> stage_delivery" if compact else "tp_loading -> tp_assembly"
    assert f"\t{edge} [label=<grows: 430 -&gt; 720, no<BR/>conversion>]\n" in source
