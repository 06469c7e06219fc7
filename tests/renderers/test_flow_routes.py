"""The flow diagram's exits and short loops back, read from the graph `dot` lays out."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cjmctl import load
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.flow import to_dot
from tests.conftest import EXAMPLES, ROOT

WIDE = ROOT / "tests" / "fixtures" / "wide"
needs_dot = pytest.mark.skipif(not shutil.which("dot"), reason="Graphviz's dot is not installed")


@dataclass(frozen=True, slots=True)
class Laid:
    """The graph as `dot -Tjson` lays it out: node names with their labels, and edges."""

    labels: dict[str, str]
    edges: list[tuple[str, str, dict[str, Any]]]


def laid_out(path: Path, options: RenderOptions | None = None) -> Laid:
    source = to_dot(load(path), options or RenderOptions())
    run = subprocess.run(
        ["dot", "-Tjson"], input=source.encode(), capture_output=True, check=True, timeout=120
    )
    graph = json.loads(run.stdout)
    nodes = {o["_gvid"]: o for o in graph["objects"] if "nodes" not in o and "subgraphs" not in o}
    return Laid(
        {o["name"]: o.get("label", "") for o in nodes.values()},
        [(nodes[e["tail"]]["name"], nodes[e["head"]]["name"], e) for e in graph.get("edges", [])],
    )


@needs_dot
@pytest.mark.parametrize(
    ("path", "exits", "word"),
    [
        (EXAMPLES / "bank-branch.yaml", ["walk-out"], "exit"),
        (EXAMPLES / "furniture-store.yaml", ["cancel-call"], "exit"),
        (EXAMPLES / "email-marketing-ru.yaml", ["unsubscribe"], "выход"),
        (WIDE / "en-40.yaml", ["tp33"], "exit"),
        (WIDE / "ru-27.yaml", ["tp20"], "выход"),
    ],
    ids=lambda v: v.stem if isinstance(v, Path) else None,
)
def test_an_exit_leads_to_a_visible_end(path: Path, exits: list[str], word: str) -> None:
    graph = laid_out(path)
    ends = [(tail, head) for tail, head, _ in graph.edges if head.startswith("exit_")]
    assert ends == [(f"tp_{tp}", f"exit_{tp}") for tp in exits]
    for _, head in ends:
        assert f"■ {word}" in graph.labels[head]
    # The end of the last touchpoint is the map's end, not an exit.
    last = load(path).touchpoints()[-1][1].id
    assert f"exit_{last}" not in graph.labels


@needs_dot
@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_a_loop_back_to_the_touchpoint_beside_is_a_real_short_edge(direction: str) -> None:
    graph = laid_out(WIDE / "en-40.yaml", RenderOptions(direction=direction))  # type: ignore[arg-type]
    loops = [(t, h, e) for t, h, e in graph.edges if (t, h) == ("tp_tp11", "tp_tp10")]
    assert len(loops) == 1
    side = "n" if direction == "LR" else "e"
    assert (loops[0][2]["style"], loops[0][2]["tailport"], loops[0][2]["headport"]) == (
        "dashed",
        side,
        side,
    )
    assert not any(t == "tp_tp11" and h.startswith("jump_") for t, h, _ in graph.edges)
    assert not any("back to Touchpoint number 10" in label for label in graph.labels.values())


@needs_dot
def test_a_far_loop_back_stays_a_stub() -> None:
    graph = laid_out(EXAMPLES / "bank-branch.yaml")
    stubs = [h for t, h, _ in graph.edges if t == "tp_followup-call" and h.startswith("jump_")]
    assert len(stubs) == 1
    assert "back to Online booking" in graph.labels[stubs[0]]
