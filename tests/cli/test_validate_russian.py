"""validate in Russian: every format's words, the summary's plural forms, the system's locale."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cjmctl import i18n
from cjmctl.cli.check import _summary
from cjmctl.health.validation import Outcome
from cjmctl.journey import diagnostics, messages, yamlwords
from cjmctl.journey.diagnostics import Diagnostic
from tests.conftest import ROOT, write

Cli = Callable[..., tuple[int, str]]
EXPECTED = ROOT / "tests" / "expected" / "ru" / "validate"
JOURNEY = "cjm: 1\ntitle: Путь {n}\nstages:\n  - name: Поиск\n"
BROKEN = "cjm: 1\ntitle: Путь {n}\nstages:\n  - name: Поиск\n    colour: red\n"


@pytest.mark.parametrize("name", ["wrong-values", "missing-key"])
@pytest.mark.parametrize("fmt", ["github", "json"])
def test_github_and_json_reports_in_russian(
    cli: Cli, golden: Callable[[Path, str], None], name: str, fmt: str
) -> None:
    code, output = cli("--lang", "ru", "validate", "-F", fmt, f"examples/invalid/{name}.yaml")
    assert code == 1
    golden(EXPECTED / f"{name}.{fmt}", output)


def test_json_keeps_its_keys_severities_and_rule_ids_english(cli: Cli) -> None:
    _, english = cli("validate", "-F", "json", "examples/invalid/missing-key.yaml")
    _, russian = cli("--lang", "ru", "validate", "-F", "json", "examples/invalid/missing-key.yaml")
    en, ru = json.loads(english), json.loads(russian)
    assert en.keys() == ru.keys()
    for one, other in zip(en["diagnostics"], ru["diagnostics"], strict=True):
        assert {k: v for k, v in one.items() if k not in {"message", "hint"}} == {
            k: v for k, v in other.items() if k not in {"message", "hint"}
        }
    assert ru["diagnostics"][0]["message"] == "нет обязательного ключа 'cjm'"
    assert ru["diagnostics"][0]["severity"] == "error"


def test_the_text_format_says_severity_and_hint_in_russian() -> None:
    found = [
        Diagnostic("a.yaml", 1, 2, "m", "stages", "h", "error", "value"),
        Diagnostic("a.yaml", 3, 4, "m", "", "", "warning", "stale"),
        Diagnostic("a.yaml", 5, 6, "m", "", "", "info", "tip"),
    ]
    i18n.use("ru")
    assert diagnostics.format_text(found) == [
        "a.yaml:1:2: ошибка: stages: m [value]",
        "  подсказка: h",
        "a.yaml:3:4: предупреждение: m [stale]",
        "a.yaml:5:6: замечание: m [tip]",
    ]
    assert diagnostics.format_github(found[:1]) == [
        "::error file=a.yaml,line=1,col=2,title=cjmctl value::stages: m%0Aподсказка: h"
    ]
    i18n.use("en")
    english = diagnostics.format_text(found[:1])
    assert english == ["a.yaml:1:2: error: stages: m [value]", "  hint: h"]


@pytest.mark.parametrize(
    ("n", "files", "errors", "invalid"),
    [
        (1, "1 файл", "1 ошибка", "1 некорректный"),
        (2, "2 файла", "2 ошибки", "2 некорректных"),
        (5, "5 файлов", "5 ошибок", "5 некорректных"),
        (11, "11 файлов", "11 ошибок", "11 некорректных"),
        (21, "21 файл", "21 ошибка", "21 некорректный"),
    ],
)
def test_the_summary_counts_files_and_errors_with_russian_plurals(
    cli: Cli, tmp_path: Path, n: int, files: str, errors: str, invalid: str
) -> None:
    valid = tmp_path / "valid"
    broken = tmp_path / "broken"
    valid.mkdir()
    broken.mkdir()
    for i in range(n):
        write(valid, JOURNEY.format(n=i), f"j{i:02}.yaml")
        write(broken, BROKEN.format(n=i), f"j{i:02}.yaml")
    all_valid = f"проверено: {files}; всё корректно\n"
    assert cli("--lang", "ru", "validate", str(valid)) == (0, all_valid)
    code, output = cli("--lang", "ru", "validate", str(broken))
    assert code == 1
    assert output.splitlines()[-1] == f"проверено: {files}; 0 корректных, {invalid}, {errors}"


@pytest.mark.parametrize(
    ("n", "journeys", "projects", "shared", "warnings", "infos"),
    [
        (1, "1 карта", "1 файл проекта", "1 общий файл", "1 предупреждение", "1 замечание"),
        (2, "2 карты", "2 файла проекта", "2 общих файла", "2 предупреждения", "2 замечания"),
        (5, "5 карт", "5 файлов проекта", "5 общих файлов", "5 предупреждений", "5 замечаний"),
        (
            11,
            "11 карт",
            "11 файлов проекта",
            "11 общих файлов",
            "11 предупреждений",
            "11 замечаний",
        ),
        (21, "21 карта", "21 файл проекта", "21 общий файл", "21 предупреждение", "21 замечание"),
    ],
)
def test_the_summary_of_a_project_counts_each_kind_with_russian_plurals(
    n: int, journeys: str, projects: str, shared: str, warnings: str, infos: str
) -> None:
    found = [Diagnostic("p.yaml", 1, 1, "m", severity="warning")] * n
    found += [Diagnostic("p.yaml", 1, 1, "m", severity="info")] * n
    i18n.use("ru")
    assert _summary(Outcome(found, journeys=n, projects=n, shared=n)) == (
        f"проверено: {journeys}, {projects}, {shared}; всё корректно; проверки проекта: "
        f"{warnings}, {infos}"
    )


def test_the_summary_writes_thousands_as_the_language_does() -> None:
    outcome = Outcome(journeys=1200)
    i18n.use("ru")
    assert _summary(outcome) == "проверено: 1\u00a0200 файлов; всё корректно"
    i18n.use("en")
    assert _summary(outcome) == "1,200 files checked: all valid"


def test_lang_of_the_system_locale_speaks_russian() -> None:
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in {i18n.VARIABLE, "LANGUAGE", "LC_ALL", "LC_MESSAGES"}
    }
    result = subprocess.run(
        [sys.executable, "-m", "cjmctl", "validate", "examples/invalid/empty.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**environ, "LANG": "ru_RU.UTF-8", "NO_COLOR": "1"},
    )
    assert (result.returncode, result.stdout) == (
        1,
        "examples/invalid/empty.yaml:1:1: ошибка: файл пуст [structure]\n"
        "  подсказка: карта начинается с `cjm: 1`, `title:` и списка этапов `stages:`\n"
        "проверено: 1 файл; 0 корректных, 1 некорректный, 1 ошибка\n",
    )


def test_libyaml_s_phrases_are_translated_and_unknown_ones_kept() -> None:
    i18n.use("ru")
    assert yamlwords.said("did not find expected ',' or '}'") == "не найдена ожидаемая ',' или '}'"
    assert yamlwords.said("while parsing a flow mapping") == "при разборе словаря в { }"
    assert yamlwords.said("found something libyaml 9 says") == "found something libyaml 9 says"


def test_numbers_in_messages_follow_the_language() -> None:
    i18n.use("ru")
    assert messages.plain_number(1_000_000) == "1\u00a0000\u00a0000"
    assert messages.plain_number(2.5) == "2,5"
    i18n.use("en")
    assert (messages.plain_number(1_000_000), messages.plain_number(2.5)) == ("1,000,000", "2.5")


@pytest.mark.parametrize(
    ("count", "message"),
    [
        (1, "нужен минимум 1 элемент"),
        (2, "нужно минимум 2 элемента"),
        (5, "нужно минимум 5 элементов"),
        (11, "нужно минимум 11 элементов"),
        (21, "нужен минимум 21 элемент"),
    ],
)
def test_a_pydantic_error_with_a_count_takes_its_plural(count: int, message: str) -> None:
    i18n.use("ru")
    error = {"type": "too_short", "loc": ("stages",), "input": [], "ctx": {"min_length": count}}
    assert messages.explain(error, None)[0] == message
