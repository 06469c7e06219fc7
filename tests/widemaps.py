"""Two big maps of the kind that broke the HTML map (issue 12), written as YAML fixtures.

`en-40.yaml`: 40 touchpoints in 8 stages, three personas with per-persona emotions that meet at
the same score (all three at -2 on one touchpoint, a wow moment shared with a low point), an exit
branch before the last stage, a loop back to the touchpoint right before, and a branch that
skips ahead. `ru-27.yaml`: the same shapes at 27 touchpoints in 7 stages, in Russian, with a
survey (not a mystery-shopper audit) behind the scores and funnel counts in the thousands.

`python -m tests.widemaps` rewrites both files under `tests/fixtures/wide/`; review the diff.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

FOLDER = Path(__file__).parent / "fixtures" / "wide"

EN_STAGES = [
    "Noticing the need",
    "Searching for options",
    "Comparing offers",
    "Choosing in the shop",
    "Paying",
    "Delivery",
    "First use",
    "Coming back",
]
RU_STAGES = [
    "Осознание потребности",
    "Поиск вариантов",
    "Сравнение предложений",
    "Выбор в магазине",
    "Оплата",
    "Доставка",
    "Повторная покупка",
]
EN_PERSONAS = [("anna", "Anna"), ("boris", "Boris"), ("chloe", "Chloe")]
RU_PERSONAS = [("olga", "Ольга"), ("pavel", "Павел"), ("irina", "Ирина")]


def _emotions(i: int, personas: list[tuple[str, str]]) -> dict[str, int]:
    """A varied curve per persona; at touchpoint 7 all three sit at -2, at 12 two share +2."""
    if i == 7:
        return {pid: -2 for pid, _ in personas}
    if i == 12:
        return {personas[0][0]: 2, personas[1][0]: 2, personas[2][0]: -1}
    return {pid: ((i * (3 + k) + k) % 5) - 2 for k, (pid, _) in enumerate(personas)}


def _journey(locale: str, stages: list[str], count: int, personas: list[tuple[str, str]]) -> Any:
    ru = locale == "ru"
    per_stage = [
        count // len(stages) + (1 if s < count % len(stages) else 0) for s in range(len(stages))
    ]
    ids = [f"tp{i + 1:02d}" for i in range(count)]
    exit_at, loop_at, skip_at = count - 8, 10, 15
    out_stages: list[dict[str, Any]] = []
    n = 0
    for s, name in enumerate(stages):
        tps: list[dict[str, Any]] = []
        for _ in range(per_stage[s]):
            i = n
            tp: dict[str, Any] = {
                "id": ids[i],
                "name": (f"Точка контакта номер {i + 1}" if ru else f"Touchpoint number {i + 1}"),
                "channel": ["web", "shop", "phone"][i % 3],
                "action": (
                    f"Клиент делает шаг {i + 1}" if ru else f"The customer takes step {i + 1}"
                ),
                "thoughts": (
                    f"Сколько это стоит, шаг {i + 1}?" if ru else f"What does step {i + 1} cost?"
                ),
                "emotion": _emotions(i, personas),
                "pains": [f"Боль {i + 1}" if ru else f"Pain {i + 1}"],
                "owner": "Ответственный отдел продаж" if ru else "Sales department",
            }
            if i == 12:
                tp["wow"] = True
            if i == exit_at:
                tp["name"] = "Уход к конкуренту" if ru else "Leaving for a competitor"
                tp["next"] = []
            if i == exit_at - 1:
                tp["next"] = [ids[i + 1], ids[i + 2]]
            if i == loop_at:
                tp["name"] = "Повторный поиск" if ru else "Searching again"
                tp["next"] = [ids[i - 1]]
            if i == loop_at - 1:
                tp["next"] = [ids[i + 1], ids[i + 2]]
            if i == skip_at:
                tp["next"] = [ids[i + 3]]
            tps.append(tp)
            n += 1
        out_stages.append(
            {
                "id": f"s{s + 1}",
                "name": name,
                "goal": (f"Цель этапа {s + 1}" if ru else f"Goal of stage {s + 1}"),
                "reached": 27000 - 2700 * s,
                "touchpoints": tps,
            }
        )
    kind = "survey" if ru else "mystery_shopping"
    return {
        "cjm": 1,
        "title": ("Большая карта: покупка мебели" if ru else "A big map: buying furniture"),
        "locale": locale,
        "owner": "Отдел клиентского опыта" if ru else "CX team",
        "reviewed": "2026-11-01",
        "personas": [
            {
                "id": pid,
                "name": pname,
                "summary": (f"Персона {pname}" if ru else f"Persona {pname}"),
                "goals": ["Купить быстро" if ru else "Buy quickly"],
            }
            for pid, pname in personas
        ],
        "channels": [
            {"id": "web", "name": "Сайт" if ru else "Website", "kind": "digital"},
            {"id": "shop", "name": "Магазин" if ru else "Shop", "kind": "physical"},
            {"id": "phone", "name": "Колл-центр" if ru else "Call centre", "kind": "human"},
        ],
        "stages": out_stages,
        "actions": [
            {
                "id": "fix-low",
                "title": "Исправить низшую точку" if ru else "Fix the low point",
                "addresses": [ids[7]],
                "owner": "Отдел продаж" if ru else "Sales",
                "metric": "CSAT",
                "target": "80",
                "due": "2027-03-31",
                "status": "planned",
            },
        ],
        "research": [
            {
                "id": "wave-1",
                "kind": kind,
                "title": "Опрос покупателей" if ru else "Mystery-shopper audit",
                "date": "2026-10-01",
                "sample": 2700,
                "scores": {ids[i]: 40 + (i * 7) % 60 for i in range(0, count, 3)},
            },
        ],
    }


def documents() -> dict[str, Any]:
    """File name -> journey data, for both maps."""
    return {
        "en-40.yaml": _journey("en", EN_STAGES, 40, EN_PERSONAS),
        "ru-27.yaml": _journey("ru", RU_STAGES, 27, RU_PERSONAS),
    }


def main() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for name, data in documents().items():
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        (FOLDER / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
