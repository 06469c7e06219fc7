"""The future state's row in Markdown, read back by a CommonMark parser with GitHub tables."""

from __future__ import annotations

from cjmctl.journey.loader import load_bytes
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.markdown import to_markdown
from tests.renderers.test_markdown import parse, tables

SOURCE = """\
cjm: 1
title: Branch
stages:
  - name: Visit
    touchpoints:
      - name: Desk
        emotion: -1
        pains: [A long queue]
        future:
          emotion: 1
          change: Booked visits
          pains: ["Walk-ins still wait | at lunch", "No *evening* slots"]
"""


def _future_row(source: str) -> str:
    journey = load_bytes(source.encode(), "branch.yaml")
    [table] = tables(parse(to_markdown(journey, RenderOptions(today=None))))
    return next(row[1] for row in table if row[0] == "Future state")


def test_the_future_pains_share_one_label() -> None:
    assert _future_row(SOURCE) == (
        "• Booked visits • Target emotion: +1 positive "
        "• Pains: Walk-ins still wait | at lunch; No *evening* slots"
    )


def test_a_single_future_pain_has_the_label_once() -> None:
    one = SOURCE.replace('["Walk-ins still wait | at lunch", "No *evening* slots"]', "[Lunch]")
    assert _future_row(one) == "• Booked visits • Target emotion: +1 positive • Pains: Lunch"
