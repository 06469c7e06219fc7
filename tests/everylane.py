"""A small journey that fills every lane of the map, for tests of the built-in words (issue 12 §5).

`journey(locale, kinds)` gives it in English or Russian, with one research entry with scores per
kind in `kinds`, so the scores lane's name can be checked for every kind of research behind it.
"""

from __future__ import annotations

from typing import Any

import yaml

from cjmctl.journey.loader import load_bytes
from cjmctl.journey.model import Journey


def data(locale: str, kinds: tuple[str, ...] = ("mystery_shopping",)) -> dict[str, Any]:
    """The journey as YAML data: two stages, three touchpoints (one skips), every lane filled.

    Every lane includes the service blueprint's three and the future state's (issue 15).
    """
    ru = locale == "ru"

    def tp(n: int) -> dict[str, Any]:
        return {
            "id": f"tp{n}",
            "name": f"Точка {n}" if ru else f"Touchpoint {n}",
            "channel": "web",
            "action": "Ищет диван" if ru else "Looks for a sofa",
            "thoughts": "Где скидка?" if ru else "Where is the discount?",
            "emotion": -1 + n,
            "feeling": "Сомнение" if ru else "Doubt",
            "motives": ["Цена" if ru else "Price"],
            "pains": ["Долго" if ru else "Slow"],
            "opportunities": ["Фильтр" if ru else "A filter"],
            "owner": "Маркетинг" if ru else "Marketing",
            "evidence": ["r0"],
            "frontstage": ["Консультант в чате" if ru else "A chat consultant"],
            "backstage": ["Склад проверяет остаток" if ru else "The warehouse checks stock"],
            "backstage_owner": "Склад" if ru else "Warehouse",
            "support": ["CRM"],
            "future": {"emotion": 1, "change": "Остаток на сайте" if ru else "Stock on the page"},
        }

    return {
        "cjm": 1,
        "title": "Все дорожки" if ru else "Every lane",
        "locale": locale,
        "reviewed": "2026-11-01",
        "review_every_days": 90,
        "channels": [{"id": "web", "name": "Сайт" if ru else "Website", "kind": "digital"}],
        "stages": [
            {"id": "search", "name": "Поиск" if ru else "Search", "reached": 27000,
             "touchpoints": [{**tp(1), "next": ["tp3"]}, tp(2)]},
            {"id": "buy", "name": "Покупка" if ru else "Buying", "reached": 2700,
             "touchpoints": [tp(3)]},
        ],
        "actions": [
            {"id": "fix", "title": "Починить фильтр" if ru else "Fix the filter",
             "addresses": ["tp1"], "due": "2027-03-31", "status": "planned"},
        ],
        "metrics": [
            {"id": "csat", "name": "CSAT", "kind": "csat", "unit": "из 5" if ru else "of 5",
             "scale": [1, 5], "target": 4.5, "warning": 4, "at": ["tp1", "buy"],
             "values": {"2026-09": 3.9, "2026-10": 4.2}},
        ],
        "research": [
            {"id": f"r{i}", "kind": kind, "title": f"{kind} {i}", "date": "2026-10-01",
             "sample": 2700, "scores": {"tp1": 55, "tp3": 85}}
            for i, kind in enumerate(kinds)
        ],
    }  # fmt: skip


def text(locale: str, kinds: tuple[str, ...] = ("mystery_shopping",)) -> str:
    """The journey as a YAML file's text."""
    return yaml.safe_dump(data(locale, kinds), allow_unicode=True, sort_keys=False)


def journey(locale: str, kinds: tuple[str, ...] = ("mystery_shopping",)) -> Journey:
    """The journey, loaded and checked."""
    return load_bytes(text(locale, kinds).encode(), f"every-lane-{locale}.yaml")
