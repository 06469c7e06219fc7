"""The Mermaid export: golden diagrams, the mapping of emotions and personas, text cleaning."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjmctl import load
from cjmctl.importers.mermaid import parse
from cjmctl.journey import loader
from cjmctl.journey.model import Journey
from cjmctl.renderers import FORMATS, RenderOptions
from cjmctl.renderers.mermaid import Kind, clean, render, to_mermaid
from tests.conftest import EXAMPLE_JOURNEYS, EXAMPLES, ROOT
from tests.strategies import CHARACTERS, visible

EXAMPLE_FILES = EXAMPLE_JOURNEYS


def journey(text: str) -> Journey:
    return loader.load_bytes(text.encode(), "test.yaml")


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_examples_match_their_goldens(path: Path, golden: Callable[[Path, str], None]) -> None:
    golden(ROOT / "tests" / "expected" / "mermaid" / f"{path.stem}.mmd", to_mermaid(load(path)))


def test_format_is_registered() -> None:
    entry = FORMATS["mermaid"]
    assert entry.suffix == ".mmd"
    data = entry.render(load(EXAMPLES / "bank-branch.yaml"), RenderOptions())
    assert data == to_mermaid(load(EXAMPLES / "bank-branch.yaml")).encode()
    assert render(load(EXAMPLES / "bank-branch.yaml"), RenderOptions(compact=True)) == data


PERSONAS = """cjm: 1
title: Two personas
description: |
  Two lines
  of description
personas: [{id: anna, name: Anna}, {id: boris, name: Boris}, {id: vera, name: Vera}]
stages:
  - name: Search
    touchpoints:
      - {name: Shared, emotion: 1}
      - {name: Per persona, emotion: {boris: -2, anna: 2, vera: 2}}
      - {name: One persona, emotion: {vera: 0}}
      - {name: No emotion}
"""


def test_emotions_map_to_scores_and_personas_to_actors_in_the_order_given() -> None:
    assert to_mermaid(journey(PERSONAS)) == (
        "journey\n"
        "    title Two personas\n"
        "    accDescr: Two lines of description\n"
        "    section Search\n"
        "      Shared: 4\n"
        "      Per persona: 1: Boris\n"
        "      Per persona: 5: Anna, Vera\n"
        "      One persona: 3: Vera\n"
        "      No emotion: 3\n"
    )


def test_without_personas_tasks_name_no_actors() -> None:
    source = "cjm: 1\ntitle: T\nstages: [{name: S, touchpoints: [{name: A, emotion: -2}]}]\n"
    assert to_mermaid(journey(source)) == "journey\n    title T\n    section S\n      A: 1\n"


def test_every_score_maps_to_mermaid_one_to_five() -> None:
    points = ", ".join(f"{{name: T{e}, emotion: {e}}}" for e in range(-2, 3))
    source = f"cjm: 1\ntitle: T\nstages: [{{name: S, touchpoints: [{points}]}}]\n"
    tasks = to_mermaid(journey(source)).splitlines()[3:]
    assert tasks == ["      T-2: 1", "      T-1: 2", "      T0: 3", "      T1: 4", "      T2: 5"]


TWINS = """cjm: 1
title: T
personas: [{id: anna, name: A}, {id: a1, name: Ann}, {id: a2, name: Ann}]
stages:
  - {name: S, touchpoints: [{id: first, name: F, emotion: 0}]}
  - {id: later, name: L, touchpoints: [{id: journey, name: J, emotion: {anna: 1, a1: 1, a2: 1}}]}
"""


def test_names_empty_once_cleaned_fall_back_to_ids_and_twins_are_told_apart() -> None:
    # The loader refuses blank names; code that changes a loaded journey may still blank them.
    blanked = journey(TWINS)
    blanked.title = "  "
    blanked.personas[0].name = " "
    first, later = blanked.stages
    first.name, first.touchpoints[0].name = "", " \ufeff"
    later.name, later.touchpoints[0].name = "\t", ""
    assert to_mermaid(blanked) == (
        "journey\n      first: 3\n    section later\n      “journey”: 4: anna, Ann (a1), Ann (a2)\n"
    )


@pytest.mark.parametrize(
    ("kind", "raw", "cleaned"),
    [
        ("task", "  Line\none\r\n\ttwo\u2028three\ufeff ", "Line<br>one<br>two three"),
        ("task", "\ufeff\n Two \n\n  lines\n", "Two<br><br>lines"),
        ("task", "title\npage", "title<br>page"),  # `title` needs a space after it
        ("section", "Two\rlines", "Two<br>lines"),
        ("actor", "Two\nlines", "Two lines"),
        ("title", "Two\nlines", "Two lines"),
        ("task", "Order #5; then: pay", "Order ＃5； then： pay"),
        ("task", "%off", "％off"),
        ("task", "10% off, 5%% more %%{init}%%", "10% off, 5％％ more ％％{init}％％"),
        ("task", "a<br>b <B>c</b> x < y <-", "a＜br>b ＜B>c</b> x < y <-"),
        ("task", "ﬂ°°35¶ß", "fl°°35¶ ß"),
        ("task", "Journey map", "“Journey map”"),
        ("task", "journey", "“journey”"),
        ("task", "JOURNEY-2", "“JOURNEY-2”"),
        ("task", "Journeyman", "Journeyman"),
        ("task", "Title page", "“Title page”"),
        ("task", "Title", "Title"),
        ("task", "section\t2", "“section 2”"),
        ("task", "accDescr {x}", "“accDescr {x}”"),
        ("task", "accTitle: x", "accTitle： x"),
        ("section", "Title page: 2", "Title page： 2"),
        ("actor", "Smith, John: CEO", "Smith， John： CEO"),
        ("title", "A & B: <b>C</b> > D, E", "A ＆ B: ＜b＞C＜/b＞ ＞ D, E"),
        ("title", "Cost #1; 50%", "Cost ＃1； 50%"),
        ("task", " \n\t", ""),
    ],
)
def test_clean(kind: Kind, raw: str, cleaned: str) -> None:
    assert clean(raw, kind) == cleaned


def test_cleaning_is_idempotent() -> None:
    for kind in ("title", "section", "task", "actor"):
        text = "  %%x #1; a:b, <br> ﬂ Title  "
        once = clean(text, kind)
        assert clean(once, kind) == once


def test_output_is_deterministic() -> None:
    first = to_mermaid(load(EXAMPLES / "furniture-store.yaml"))
    assert to_mermaid(load(EXAMPLES / "furniture-store.yaml")) == first


# --- property: whatever the names, Mermaid's grammar reads back exactly the cleaned text -------

PIECES = ["#", ";", ":", ",", "%", "%%", "<br>", "<b>", ">", "&", "{", "}", "`", "\\", " ", "\t"]
PIECES += ["\n", "title ", "Section ", "journey", "accDescr {", "ﬂ°", "¶ß", "x"]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), CHARACTERS), max_size=12).map("".join)
NAME = TEXT.filter(visible)  # the loader refuses blank names
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(NAME, TEXT, NAME, st.lists(NAME, min_size=1, max_size=4), NAME)
def test_any_text_is_read_back_by_the_journey_grammar_as_cleaned(
    title: str, description: str, stage: str, names: list[str], persona: str
) -> None:
    document = {
        "cjm": 1,
        "title": title,
        "description": description,
        "personas": [{"id": "p", "name": persona}],
        "stages": [
            {"name": stage, "touchpoints": [{"name": n, "emotion": {"p": 1}} for n in names]}
        ],
    }
    journey = loader.load_bytes(yaml.safe_dump(document, allow_unicode=True).encode(), "j.yaml")
    diagram, warnings = parse(to_mermaid(journey))
    assert warnings == []
    assert diagram.title == clean(title, "title")
    assert (diagram.description or "") == clean(description, "title")
    # The importer reads Mermaid's `<br>` as the line break it is.
    assert [s.name for s in diagram.sections] == [clean(stage, "section").replace("<br>", "\n")]
    expected = [clean(tp.name, "task") or clean(tp.id, "task") for _, tp in journey.touchpoints()]
    expected = [name.replace("<br>", "\n") for name in expected]
    assert [t.name for t in diagram.sections[0].tasks] == expected
    assert {t.actors for t in diagram.sections[0].tasks} == {(clean(persona, "actor") or "p",)}
    assert {t.score for t in diagram.sections[0].tasks} == {4}


PAIR = """\
cjm: 1
title: T
personas: [{id: anna, name: Anna}, {id: boris, name: Boris}]
stages:
  - id: s
    name: S
    touchpoints:
      - {id: both, name: Both, emotion: {anna: 1, boris: -2}}
      - {id: shared, name: Shared, emotion: 0}
      - {id: hers, name: Hers, emotion: {anna: 2}}
"""


def test_persona_keeps_that_persona_s_actor_line_alone() -> None:
    journey = loader.load_bytes(PAIR.encode(), "j.yaml")
    # Boris gave Hers no score: a task Mermaid needs, neutral and with nobody.
    assert render(journey, RenderOptions(persona="boris")).decode().splitlines()[3:] == [
        "      Both: 1: Boris",
        "      Shared: 3: Boris",
        "      Hers: 3",
    ]
