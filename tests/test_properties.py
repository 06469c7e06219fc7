"""Property tests: any text survives loading exactly, and no input makes the loader crash."""

from __future__ import annotations

import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjmctl.journey import loader
from cjmctl.journey.diagnostics import Diagnostic, JourneyError
from cjmctl.journey.slugs import SLUG_PATTERN, slugify
from tests.strategies import CHARACTERS, visible

# Any Unicode a person can type: control characters and non-characters are refused on purpose
# (see test_loader), and so are names and titles that show nothing (see test_fieldtypes).
TEXT = st.text(CHARACTERS, max_size=60)
NAME = TEXT.filter(visible)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(NAME, NAME, NAME, NAME, st.lists(TEXT, max_size=3))
def test_any_text_in_text_fields_loads_back_exactly(
    title: str, stage: str, thoughts: str, persona: str, pains: list[str]
) -> None:
    document = {
        "cjm": 1,
        "title": title,
        "personas": [{"id": "p", "name": persona, "empathy": {"says": pains}}],
        "stages": [
            {
                "name": stage,
                "touchpoints": [{"name": thoughts, "thoughts": thoughts, "pains": pains}],
            }
        ],
        "actions": [{"title": title, "metric": stage}],
    }
    data = yaml.safe_dump(document, allow_unicode=True).encode()
    journey = loader.load_bytes(data, "j.yaml")
    tp = journey.stages[0].touchpoints[0]
    assert (journey.title, journey.stages[0].name, tp.thoughts, tp.pains) == (
        title,
        stage,
        thoughts,
        pains,
    )
    assert journey.personas[0].name == persona
    assert journey.personas[0].empathy.says == pains
    assert journey.actions[0].metric == stage
    ids = [part.id for _, part, _ in journey.parts()]
    assert len(set(ids)) == len(ids)
    assert all(re.match(SLUG_PATTERN, i) for i in ids)


def _diagnostics(data: bytes) -> list[Diagnostic]:
    """Load; return the diagnostics of a JourneyError (any other exception fails the test)."""
    try:
        loader.load_bytes(data, "j.yaml")
    except JourneyError as error:
        return error.diagnostics
    return []


@SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_crash_the_loader(data: bytes) -> None:
    assert all(d.line >= 1 and d.column >= 1 for d in _diagnostics(data))


YAMLISH = st.text(st.sampled_from(list("ab:- []{}&*!|>'\"#\n\t,?1%@`~.\\x")), max_size=120)


@SETTINGS
@given(YAMLISH)
def test_arbitrary_yaml_like_text_never_crashes_the_loader(text: str) -> None:
    data = ("cjm: 1\ntitle: T\nstages: [{name: S}]\n" + text).encode()
    assert all(d.line >= 1 and d.column >= 1 for d in _diagnostics(data))


@SETTINGS
@given(TEXT)
def test_slugify_makes_a_slug_or_nothing(text: str) -> None:
    slug = slugify(text)
    assert slug == "" or re.match(SLUG_PATTERN, slug)
