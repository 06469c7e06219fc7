"""Maps with KPIs for the browser tests and screenshots: the wide fixtures with a metric at
every touchpoint and at every stage, values over two years."""

from __future__ import annotations

from pathlib import Path

from cjmctl import load
from cjmctl.journey.metrics import Metric, MetricKind
from cjmctl.journey.model import Journey

ROOT = Path(__file__).resolve().parents[1]
KINDS: tuple[MetricKind, ...] = ("csat", "conversion", "abandonment", "nps")


def metric(n: int, at: str) -> Metric:
    """A metric at `at` whose 24 monthly values wander around its target."""
    kind = KINDS[n % len(KINDS)]
    scale = {"csat": (1.0, 5.0), "nps": (-100.0, 100.0)}.get(kind)
    base = {"csat": 3.6, "conversion": 12.0, "abandonment": 6.0, "nps": 20.0}[kind]
    step = {"csat": 0.03, "conversion": 0.3, "abandonment": -0.15, "nps": 1.5}[kind]
    values = {
        f"{2025 + m // 12}-{m % 12 + 1:02d}": round(base + step * m + (m * 7 + n) % 5 * step, 2)
        for m in range(24)
    }
    return Metric(
        id=f"m{n}",
        name=f"{kind.upper()} measured at step {n}",
        kind=kind,
        unit={"csat": "of 5", "nps": None}.get(kind, "%"),
        scale=scale,
        target={"csat": 4.5, "conversion": 16.0, "abandonment": 3.0, "nps": 40.0}[kind],
        warning={"csat": 4.2, "conversion": 14.0, "abandonment": 4.0, "nps": 30.0}[kind],
        at=[at],
        values=values,
    )


def wide(name: str = "en-40") -> Journey:
    """A wide fixture with a metric at every touchpoint, and one at every stage."""
    journey = load(ROOT / "tests" / "fixtures" / "wide" / f"{name}.yaml")
    ids = [tp.id for _, tp in journey.touchpoints()] + [s.id for s in journey.stages]
    journey.metrics = [metric(n, ref) for n, ref in enumerate(ids)]
    return journey
