"""The cross-checks in Russian: every family of their errors says message and hint in the user's
language (`--lang ru`), whole sentences whatever part they name; English says what it said."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

Cli = Callable[..., tuple[int, str]]
Found = list[tuple[str, str, str]]


def found(cli: Cli, path: Path, lang: str = "ru") -> Found:
    """(path, message, hint) of every diagnostic `validate` gives for `path`, in `lang`."""
    code, out = cli("--lang", lang, "validate", "-F", "json", str(path))
    assert code == 1, out
    return [(d["path"], d["message"], d["hint"]) for d in json.loads(out)["diagnostics"]]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def journey(folder: Path, body: str, name: str = "j.yaml") -> Path:
    return write(folder, name, "cjm: 1\ntitle: T\n" + body)


DUPLICATES = """\
stages:
  - name: S
    id: s
    touchpoints:
      - id: desk
        name: Desk
        checklist:
          - {id: greeting, name: Greets}
          - {id: greeting, name: Greets again}
      - {id: desk, name: Desk two}
"""


def test_duplicate_ids_in_russian(cli: Cli, tmp_path: Path) -> None:
    assert found(cli, journey(tmp_path, DUPLICATES)) == [
        (
            "stages[0].touchpoints[0].checklist[1].id",
            "критерий 'greeting' повторяется в этом чек-листе",
            "у каждого критерия чек-листа точки контакта свой id",
        ),
        (
            "stages[0].touchpoints[1].id",
            "повторяющийся id 'desk', он уже использован в stages[0].touchpoints[0]",
            "id уникальны во всём файле, что бы они ни обозначали; переименуйте один",
        ),
    ]


REFERENCES = """\
personas:
  - {id: anna, name: Anna}
stages:
  - name: S
    id: s
    touchpoints:
      - {id: desk, name: Front desk, next: [dsek], emotion: {ana: 1}}
      - {id: call, name: Call, next: [anna], evidence: [survey]}
"""
BY_NAME = REFERENCES.replace("next: [anna]", "next: [Front desk]")
"""A reference by name (no slug): validation stops before the other cross-checks."""


def test_bad_references_with_did_you_mean_in_russian(cli: Cli, tmp_path: Path) -> None:
    assert found(cli, journey(tmp_path, REFERENCES)) == [
        (
            "stages[0].touchpoints[0].next[0]",
            "'dsek' — не id точки контакта или этапа",
            "может быть, имелось в виду 'desk'?",
        ),
        (
            "stages[0].touchpoints[0].emotion.ana",
            "'ana' — не id персоны",
            "может быть, имелось в виду 'anna'?",
        ),
        (
            "stages[0].touchpoints[1].next[0]",
            "'anna' — это персона, а не точка контакта или этап",
            "укажите здесь точку контакта или этап",
        ),
        (
            "stages[0].touchpoints[1].evidence[0]",
            "'survey' — не id исследования",
            "в файле пока нет исследований; добавьте туда исследование с id 'survey'",
        ),
    ]


def test_a_reference_by_name_in_russian(cli: Cli, tmp_path: Path) -> None:
    assert found(cli, journey(tmp_path, BY_NAME)) == [
        (
            "stages[0].touchpoints[1].next[0]",
            "'Front desk' — не id точки контакта или этапа",
            "может быть, имелось в виду 'desk' — id точки контакта с названием 'Front desk'? "
            "ссылки указывают id, а не названия",
        )
    ]


def test_shared_file_errors_in_russian(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "cjmctl.yaml", "project: 1\ntitle: P\nshared: [one.yaml, two.yaml]\n")
    write(tmp_path, "one.yaml", "personas:\n  - {id: anna, name: Anna}\n  - {name: Boris}\n")
    write(tmp_path, "two.yaml", "channels:\n  - {id: anna, name: Web}\n")
    path = journey(tmp_path, "stages:\n  - name: S\n    touchpoints:\n      - {id: a, name: A}\n")
    assert found(cli, path) == [
        (
            "",
            f"общей персоне нужен `id` (используется в {path})",
            "карты берут общие части по id: задайте его",
        ),
        (
            "",
            f"id 'anna' уже определён в {tmp_path / 'one.yaml'}:2:5 (используется в {path})",
            "id уникальны в пределах карты и всех общих файлов, которые она использует: "
            "переименуйте один или оставьте одно определение и берите его по id",
        ),
    ]


def test_a_shared_part_not_taken_in_russian(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "cjmctl.yaml", "project: 1\ntitle: P\nshared: [people.yaml]\n")
    write(tmp_path, "people.yaml", "personas:\n  - {id: anna, name: Anna}\n")
    body = "personas: []\nstages:\n  - name: S\n    touchpoints:\n"
    path = journey(tmp_path, body + "      - {id: a, name: A, emotion: {anna: 1}}\n")
    assert found(cli, path) == [
        (
            "stages[0].touchpoints[0].emotion.anna",
            "'anna' — не id персоны этой карты",
            f"он есть в общем файле {tmp_path / 'people.yaml'}:2:5: возьмите его, добавив "
            "'anna' в список `personas` карты",
        )
    ]


METRIC_DATA = """\
metric_files: [kpi.csv]
metrics:
  - {id: csat, name: CSAT, kind: csat, scale: [1, 5], values: {2026-08: 4}}
stages:
  - name: S
    touchpoints:
      - {id: desk, name: Desk}
"""


def test_metric_data_errors_in_russian(cli: Cli, tmp_path: Path) -> None:
    rows = ["дата;метрика;значение", "2026-13;csta;1", "2026-09;csat;9", "2026-10;csat;4 шт"]
    write(tmp_path, "kpi.csv", "\n".join([*rows, "2026-08;csat;3", "2026-11;csat;", ""]))
    path = journey(tmp_path, METRIC_DATA)
    problems = found(cli, path)
    # The empty cell's message is csvtable's; its hint is this module's.
    assert problems[5][2] == "укажите измеренное значение; строке без него в файле не место"
    assert problems[:5] == [
        (
            "date",
            "'2026-13' — не период",
            "укажите день, месяц или квартал: 2026-09-15, 2026-09 или 2026-Q3",
        ),
        ("metric", "'csta' — не id метрики карты", "может быть, имелось в виду 'csat'?"),
        (
            "value",
            "значение 9 вне шкалы метрики [1, 5]",
            "запишите его в единицах метрики, в пределах её шкалы, или исправьте `scale:` "
            "(пятибалльный CSAT — [1, 5], проценты — [0, 100])",
        ),
        (
            "value",
            "'4 шт' — не число",
            "напишите простое число, например 62 или 4.5 (или 4,5), без единиц измерения и "
            "разделителей разрядов",
        ),
        (
            "date",
            "второе значение 'csat' за 2026-08",
            f"первое — в {path}:5:64; оставьте одно",
        ),
    ]


SCALES = """\
metrics:
  - {id: csat, name: CSAT, kind: csat, scale: [1, 5], target: 7}
  - {id: nps, name: NPS, kind: nps, target: 40, warning: 50}
stages:
  - name: S
    touchpoints:
      - {id: desk, name: Desk}
research:
  - id: audit
    kind: survey
    title: Audit
    study: branch-audit
    visits: [{outlet: o, results: {}}]
    scale: [1, 3]
    ratings: {desk: [COUNTS]}
outlets:
  - {id: o, name: O}
"""


@pytest.mark.parametrize(
    ("count", "said"),
    [
        (1, "дано 1 число"),
        (2, "дано 2 числа"),
        (5, "дано 5 чисел"),
        (11, "дано 11 чисел"),
        (21, "дано 21 число"),
    ],
)
def test_scale_errors_in_russian(cli: Cli, tmp_path: Path, count: int, said: str) -> None:
    body = SCALES.replace("COUNTS", ", ".join(["1"] * count))
    assert found(cli, journey(tmp_path, body)) == [
        (
            "metrics[0].target",
            "целевое значение 7 вне шкалы метрики [1, 5]",
            "запишите его в единицах метрики, в пределах её шкалы, или исправьте `scale:` "
            "(пятибалльный CSAT — [1, 5], проценты — [0, 100])",
        ),
        (
            "metrics[1].warning",
            "порог предупреждения 50 лежит по лучшую сторону от целевого значения 40",
            "когда лучше большее значение, порог предупреждения лежит ниже целевого значения",
        ),
        (
            "research[0].study",
            "волне исследования нужна дата: волны упорядочены по ней",
            "добавьте `date:` (ГГГГ-ММ-ДД) — день, когда закончилась волна",
        ),
        (
            "research[0].visits",
            "визиты бывают только у тайного покупателя, а вид этого исследования — survey",
            "укажите `kind: mystery_shopping` или перенесите визиты в исследование этого вида",
        ),
        (
            "research[0].ratings.desk",
            f"{said}, а у шкалы от 1 до 3 вариантов ответа: 3",
            "укажите по одному числу на каждый вариант ответа, от самого низкого к самому высокому",
        ),
    ]


FUTURE = """\
stages:
  - name: S
    id: s
    touchpoints:
      - {id: new, name: New, state: future, future: {action: Calls}}
      - {id: old, name: Old, emotion: 1, state: current, future: {action: None}}
"""


def test_future_state_errors_in_russian(cli: Cli, tmp_path: Path) -> None:
    assert found(cli, journey(tmp_path, FUTURE)) == [
        (
            "stages[0].touchpoints[0].future",
            "`future:` у точки контакта, добавленной в будущем состоянии (`state: future`)",
            "добавленная точка контакта описывает своё будущее в собственных полях (emotion, "
            "action, thoughts, pains): перенесите значения туда и удалите `future:`",
        ),
        (
            "stages[0].touchpoints[1].future",
            "`future:` у точки контакта, убранной в будущем состоянии (`state: current`)",
            "у убранной точки контакта нет будущего: удалите `future:` или удалите "
            "`state: current`, если точка контакта остаётся",
        ),
    ]


STATE = (
    "stages:\n  - name: S\n    id: s\n    touchpoints:\n      - {id: desk, name: D, emotion: 4}\n"
)


def test_a_future_file_on_another_scale_in_russian(cli: Cli, tmp_path: Path) -> None:
    now = journey(tmp_path, STATE.replace("4", "1"), "now.yaml")
    then = journey(tmp_path, "emotion_scale: {min: 1, max: 5}\n" + STATE, "then.yaml")
    code, out = cli("--lang", "ru", "stats", "--future", str(then), str(now))
    assert code == 1
    assert (
        "emotion_scale: файл будущего состояния использует шкалу эмоций 1..5, а карта — -2..+2 "
        "[scale]\n"
    ) in out
    assert "оценивайте оба файла по одной шкале: -2..+2, как в карте; удалите здесь " in out


THEME = """\
theme:
  palette: {accent: "#12345g", emotions: ["#c92a2a", "#f08c00"]}
  fonts: {body: ["Inter; x"]}
stages:
  - name: S
    touchpoints:
      - {id: desk, name: Desk}
"""


def test_theme_errors_in_russian(cli: Cli, tmp_path: Path) -> None:
    assert found(cli, journey(tmp_path, THEME)) == [
        (
            "theme.palette.accent",
            "'#12345g' — не цвет в виде #rrggbb",
            'напишите «#» и шесть шестнадцатеричных цифр, в кавычках: "#0b5cad"',
        ),
        (
            "theme.palette.emotions",
            "2 цвета эмоций, а эмоции рисуются в 5 полосах",
            "укажите 5 цветов, от очень негативной эмоции к очень позитивной, или уберите "
            "`emotions`",
        ),
        (
            "theme.fonts.body[0]",
            "'Inter; x' — не название семейства шрифтов",
            "напишите только название семейства: буквы, цифры, пробелы, '-' и '_', не больше 63; "
            "без кавычек, запятых и CSS; несколько перечислите так: [Inter, Arial]",
        ),
    ]


LOGO = "theme: {logo: LOGO}\nstages:\n  - name: S\n    touchpoints:\n      - {id: a, name: A}\n"


@pytest.mark.parametrize(
    ("logo", "data", "message", "hint"),
    [
        (
            "logo.png",
            b"GIF89a....",
            "логотип 'logo.png' — изображение GIF, а не изображение PNG, JPEG или WebP",
            "используйте файл PNG, JPEG или WebP; SVG может содержать скрипт",
        ),
        (
            "logo.png",
            b"\x89PNG\r\n\x1a\n cut",
            "логотип 'logo.png' — изображение PNG, обрезанное или повреждённое",
            "сохраните или экспортируйте изображение заново",
        ),
        (
            "/brand/logo.png",
            b"",
            "путь к логотипу '/brand/logo.png' абсолютный",
            "укажите его относительно файла, который задаёт тему, внутри проекта",
        ),
    ],
)
def test_logo_errors_in_russian(
    cli: Cli, tmp_path: Path, logo: str, data: bytes, message: str, hint: str
) -> None:
    (tmp_path / "logo.png").write_bytes(data)
    assert found(cli, journey(tmp_path, LOGO.replace("LOGO", logo))) == [
        ("theme.logo", message, hint)
    ]


def test_a_theme_file_that_is_no_mapping_in_russian(cli: Cli, tmp_path: Path) -> None:
    theme = write(tmp_path, "theme.yaml", "- palette\n")
    path = journey(tmp_path, LOGO.replace("theme: {logo: LOGO}\n", ""))
    out_dir = tmp_path / "out"
    code, out = cli(
        "--lang", "ru", "render", "-f", "html", "--theme", str(theme), "-o", str(out_dir), str(path)
    )
    assert code == 1
    assert "файл темы — " in out
    assert ", а не словарь [structure]\n" in out
    assert "в файле темы лежат `palette:`, `fonts:` и `logo:`, как в `theme:` карты\n" in out


def test_english_is_unchanged(cli: Cli, tmp_path: Path) -> None:
    """The same files in English say what cjmctl said before it spoke Russian."""
    assert found(cli, journey(tmp_path, REFERENCES), "en") == [
        (
            "stages[0].touchpoints[0].next[0]",
            "'dsek' is not the id of a touchpoint or stage",
            "did you mean 'desk'?",
        ),
        (
            "stages[0].touchpoints[0].emotion.ana",
            "'ana' is not the id of a persona",
            "did you mean 'anna'?",
        ),
        (
            "stages[0].touchpoints[1].next[0]",
            "'anna' is the id of a persona, not of a touchpoint or stage",
            "name a touchpoint or stage here",
        ),
        (
            "stages[0].touchpoints[1].evidence[0]",
            "'survey' is not the id of a research entry",
            "the file has no research yet; add a research entry with id 'survey' there",
        ),
    ]
    assert found(cli, journey(tmp_path, BY_NAME), "en") == [
        (
            "stages[0].touchpoints[1].next[0]",
            "'Front desk' is not the id of a touchpoint or stage",
            "did you mean 'desk', the id of the touchpoint named 'Front desk'? references name "
            "ids, not names",
        )
    ]
    assert found(cli, journey(tmp_path, SCALES.replace("COUNTS", "1, 1")), "en") == [
        (
            "metrics[0].target",
            "the target 7 is outside the metric's scale [1, 5]",
            "write it in the metric's unit, on its scale; or correct `scale:` (a five-point CSAT "
            "is [1, 5], a percentage [0, 100])",
        ),
        (
            "metrics[1].warning",
            "the warning threshold 50 is on the better side of the target 40",
            "a warning threshold lies below the target when higher is better",
        ),
        (
            "research[0].study",
            "a wave of a study needs a date: waves are ordered by it",
            "add `date:` (YYYY-MM-DD), the day the wave ended",
        ),
        (
            "research[0].visits",
            "visits belong to mystery shopping, but this entry's kind is survey",
            "set `kind: mystery_shopping`, or move the visits to an entry of that kind",
        ),
        (
            "research[0].ratings.desk",
            "2 counts for a scale of 3 answers (1 to 3)",
            "give one count per answer, from the lowest to the highest",
        ),
    ]
    assert found(cli, journey(tmp_path, THEME), "en")[1][1:] == (
        "2 emotion colours: the emotions are drawn in 5 bands",
        "give 5 colours, from very negative to very positive, or leave `emotions` out",
    )
