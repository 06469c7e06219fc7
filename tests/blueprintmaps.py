"""Small journeys with service-blueprint lanes, for the blueprint tests of every renderer."""

from __future__ import annotations

from cjmctl.journey.loader import load_bytes
from cjmctl.journey.model import Journey

SMALL = """\
cjm: 1
title: Blueprint
locale: {locale}
stages:
  - id: visit
    name: Visit
    touchpoints:
      - id: door
        name: Door
        action: Comes in
        pains: Nobody greets
        owner: Branch network
        frontstage: [The greeter says hello, The greeter asks the purpose]
        backstage: The manager staffs the floor
        backstage_owner: Branch operations
        support: [Rota system, Queue system]
      - id: desk
        name: Desk
        action: Talks to a consultant
        backstage: The consultant reads the file
  - id: later
    name: Later
    touchpoints: []
  - id: home
    name: Home
    touchpoints:
      - id: call
        name: Call
        action: Answers a call
"""


def small(locale: str = "en") -> Journey:
    """Three stages (one without touchpoints), three touchpoints: the first fills every lane,
    the second only the backstage, the third none."""
    return load_bytes(SMALL.format(locale=locale).encode(), "blueprint.yaml")


def plain(locale: str = "en") -> Journey:
    """The same journey without any blueprint lane."""
    lines = [
        line
        for line in SMALL.format(locale=locale).splitlines(keepends=True)
        if not line.lstrip().startswith(("frontstage", "backstage", "support"))
    ]
    return load_bytes("".join(lines).encode(), "plain.yaml")
