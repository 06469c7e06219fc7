"""Routes: which touchpoints leave the plain walk from column to column, and how."""

from __future__ import annotations

from cjmctl.journey import loader
from cjmctl.renderers.routes import routes, transitions

JOURNEY = b"""\
cjm: 1
title: Routes
stages:
  - id: s1
    name: One
    touchpoints:
      - {id: a, name: A, next: [b]}
      - {id: b, name: B, next: [c, s2]}
      - {id: c, name: C, next: [b]}
      - {id: d, name: D, next: []}
  - id: s2
    name: Empty
  - id: s3
    name: Three
    touchpoints:
      - {id: e, name: E, next: [s3]}
      - {id: f, name: F}
      - {id: g, name: G, next: [a]}
"""


def test_each_touchpoint_is_told_plain_exit_or_where_it_goes() -> None:
    found = routes(loader.load_bytes(JOURNEY, "routes.yaml"))
    assert [
        (r.source.id, r.plain, r.exit, [(s.target.id, s.back, s.beside) for s in r.steps])
        for r in found
    ] == [
        ("a", True, False, [("b", False, True)]),  # `next` naming the next column is plain
        ("b", False, False, [("c", False, True), ("e", False, False)]),  # s2 is empty: s3's first
        ("c", False, False, [("b", True, True)]),  # a loop back to the one right before
        ("d", False, True, []),  # `next: []` with touchpoints after it: an exit
        ("e", False, False, [("e", True, True)]),  # a stage id, here its own stage: itself
        ("f", True, False, [("g", False, True)]),  # no `next`: simply the next column
        ("g", False, False, [("a", True, False)]),  # the last one, looping far back
    ]


def test_the_last_touchpoint_ending_the_journey_is_plain_not_an_exit() -> None:
    journey = loader.load_bytes(JOURNEY.replace(b"next: [a]", b"next: []"), "routes.yaml")
    last = routes(journey)[-1]
    assert (last.source.id, last.plain, last.exit, last.steps) == ("g", True, False, ())


def test_transitions_follow_the_journey_s_flow_in_order() -> None:
    journey = loader.load_bytes(JOURNEY, "routes.yaml")
    assert [(t.source, t.target) for t in transitions(journey)] == journey.flow()
