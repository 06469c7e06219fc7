"""Generate large, realistic-looking journeys for benchmarks: STAGES x TOUCHPOINTS.

    .venv/bin/python tests/benchmarks/generate.py 50 20 > big.yaml [--loops]
    .venv/bin/python tests/benchmarks/generate.py 1 40 --fan-out > dense.yaml
    .venv/bin/python tests/benchmarks/generate.py 100 20 --loops --personas 3 > wide.yaml

Every touchpoint carries the lanes a real map has (channel, action, thoughts, an emotion for two
personas, pains, opportunities, owner, evidence); with --loops, every tenth touchpoint also
jumps back to an early stage, like a repeat purchase. With --personas 3, a third persona gives
emotions too, as on the wide fixtures' maps (three curves). With --fan-out, one stage of TOUCHPOINTS
leads from each touchpoint to all the others (STAGES is ignored).
"""

from __future__ import annotations

import argparse
import sys


def journey(
    stages: int, touchpoints: int, *, loops: bool = False, personas: int = 2, rich: bool = False
) -> str:
    """Return the YAML text of a generated journey.

    `rich`: every touchpoint also has the fields of issue 15 (service-blueprint lanes, a future
    state, importance and satisfaction, claims), so their renderers' growth is measured too.
    """
    out = [
        "cjm: 1",
        f"title: Generated journey {stages}x{touchpoints}",
        "description: A synthetic map for benchmarks.",
        "locale: en",
        "reviewed: 2026-09-01",
        "review_every_days: 90",
        "personas:",
        "  - {id: anna, name: Anna, goals: [Buy fast], pains: [Slow pages]}",
        "  - {id: boris, name: Boris, goals: [Buy cheap], fears: [Fines]}",
        *(["  - {id: carla, name: Carla, goals: [Buy once]}"] if personas > 2 else []),
        "channels:",
        "  - {id: web, name: Website, kind: digital}",
        "  - {id: store, name: Store, kind: physical}",
        "  - {id: call, name: Call centre, kind: human}",
        "research:",
        "  - {id: survey, kind: survey, title: Survey, sample: 500}",
        "stages:",
    ]
    channels = ("web", "store", "call")
    for s in range(stages):
        out += [
            f"  - id: s{s}",
            f"    name: Stage {s}",
            f"    goal: Get through stage {s}",
            f"    reached: {100_000 - s * 50}",
            "    touchpoints:",
        ]
        for t in range(touchpoints):
            n = s * touchpoints + t
            third = f", carla: {(n * 2) % 5 - 2}" if personas > 2 else ""
            out += [
                f"      - id: t{n}",
                f"        name: Touchpoint {n} of stage {s}",
                f"        channel: {channels[n % 3]}",
                f"        action: Does step {n} and reads the page about it",
                f"        thoughts: Is step {n} worth the time?",
                f"        emotion: {{anna: {n % 5 - 2}, boris: {(n * 3) % 5 - 2}{third}}}",
                f"        pains: [Waits at step {n}]",
                f"        opportunities: [Make step {n} faster]",
                "        owner: Operations",
                "        evidence: [survey]",
            ]
            if rich:
                out += [
                    f"        frontstage: [Staff help with step {n}]",
                    f"        backstage: [The office prepares step {n}]",
                    "        backstage_owner: Operations",
                    "        support: [CRM]",
                    f"        future: {{emotion: {{anna: 1}}, change: Step {n} made faster}}",
                    f"        importance: {{customer: {n % 5 + 1}, business: {(n * 2) % 5 + 1}}}",
                    f"        satisfaction: {(n * 3) % 5 + 1}",
                    "        claims: {emotion: {status: observed, source: survey}}",
                ]
            if loops and n % 10 == 9 and s > 1:
                out.append(f"        next: [t{n + 1 if n + 1 < stages * touchpoints else 0}, s0]")
    out += [
        "actions:",
        "  - {id: fix, title: Fix the slowest step, addresses: [t0], owner: Ops, metric: Time}",
    ]
    return "\n".join(out) + "\n"


def fan_out(touchpoints: int) -> str:
    """Return one stage whose touchpoints each lead to all the others: the densest flow."""
    ids = [f"t{n}" for n in range(touchpoints)]
    out = [
        "cjm: 1",
        f"title: Fan-out of {touchpoints}",
        "stages:",
        "  - id: s0",
        "    name: Choosing",
        "    touchpoints:",
    ]
    for n, own in enumerate(ids):
        others = ", ".join(other for other in ids if other != own)
        out += [f"      - id: {own}", f"        name: Touchpoint {n}", f"        next: [{others}]"]
    return "\n".join(out) + "\n"


def main() -> int:
    """Print a generated journey."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stages", type=int)
    parser.add_argument("touchpoints", type=int)
    parser.add_argument("--loops", action="store_true")
    parser.add_argument("--fan-out", action="store_true")
    parser.add_argument("--personas", type=int, choices=(2, 3), default=2)
    args = parser.parse_args()
    if args.fan_out:
        sys.stdout.write(fan_out(args.touchpoints))
    else:
        sys.stdout.write(
            journey(args.stages, args.touchpoints, loops=args.loops, personas=args.personas)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
