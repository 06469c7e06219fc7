"""lint, diff and stats in Russian: goldens of the examples, plural forms, JSON unchanged.

The goldens live in `tests/expected/ru/`, beside the English ones; `pytest --update-goldens`
rewrites them. JSON is the same in both languages, so it has no Russian golden: a test says so.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cjmctl import i18n
from cjmctl.cli.health import lint_summary
from cjmctl.health import evidencereport, stats
from tests.conftest import EXAMPLE_JOURNEYS, ROOT

Cli = Callable[..., tuple[int, str]]
Golden = Callable[[Path, str], None]
EXPECTED = ROOT / "tests" / "expected" / "ru"
TODAY = "2026-12-01"
DIFF = [str(Path("tests", "fixtures", "data", f"diff-{v}.yaml")) for v in ("old", "new")]


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", EXAMPLE_JOURNEYS, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["text", "github"])
def test_lint_of_an_example_in_russian_matches_its_golden(
    path: Path, fmt: str, cli: Cli, golden: Golden
) -> None:
    _, output = cli("--lang", "ru", "lint", "--today", TODAY, "-F", fmt, _name(path))
    suffix = ".txt" if fmt == "text" else ".github.txt"
    golden(EXPECTED / "lint" / f"{path.stem}{suffix}", output)


@pytest.mark.parametrize("path", EXAMPLE_JOURNEYS, ids=lambda p: p.stem)
@pytest.mark.parametrize(
    ("args", "suffix"),
    [
        ((), ".txt"),
        (("--evidence",), ".evidence.txt"),
        (("--evidence", "-F", "markdown"), ".evidence.md"),
    ],
    ids=["text", "evidence", "evidence-markdown"],
)
def test_stats_of_an_example_in_russian_matches_its_golden(
    path: Path, args: tuple[str, ...], suffix: str, cli: Cli, golden: Golden
) -> None:
    code, output = cli("--lang", "ru", "stats", *args, _name(path))
    assert code == 0
    golden(EXPECTED / "stats" / f"{path.stem}{suffix}", output)


@pytest.mark.parametrize(("fmt", "suffix"), [("text", ".txt"), ("markdown", ".md")])
def test_diff_in_russian_matches_its_golden(
    fmt: str, suffix: str, cli: Cli, golden: Golden
) -> None:
    code, output = cli("--lang", "ru", "diff", "-F", fmt, *DIFF)
    assert code == 0
    golden(EXPECTED / "diff" / f"metrics{suffix}", output)


@pytest.mark.parametrize("path", EXAMPLE_JOURNEYS, ids=lambda p: p.stem)
def test_json_of_lint_and_stats_is_the_same_in_both_languages(path: Path, cli: Cli) -> None:
    for args in (
        ("stats", "-F", "json"),
        ("stats", "--evidence", "-F", "json"),
        ("lint", "--today", TODAY, "-F", "json"),
    ):
        english, russian = (cli("--lang", lang, *args, _name(path)) for lang in ("en", "ru"))
        if args[0] == "lint":  # the messages are translated; the rest of each finding is not
            assert english[0] == russian[0]
            assert english[1].count('"rule"') == russian[1].count('"rule"')
            continue
        assert english == russian


def test_diff_json_is_the_same_in_both_languages(cli: Cli) -> None:
    assert cli("--lang", "en", "diff", "-F", "json", *DIFF) == cli(
        "--lang", "ru", "diff", "-F", "json", *DIFF
    )


# --- plural forms: 1, 2, 5, 11, 21 ---------------------------------------------------------

PLURALS = [
    (1, "проверено: 1 файл; 1 ошибка, 1 предупреждение, 1 замечание"),
    (2, "проверено: 2 файла; 2 ошибки, 2 предупреждения, 2 замечания"),
    (5, "проверено: 5 файлов; 5 ошибок, 5 предупреждений, 5 замечаний"),
    (11, "проверено: 11 файлов; 11 ошибок, 11 предупреждений, 11 замечаний"),
    (21, "проверено: 21 файл; 21 ошибка, 21 предупреждение, 21 замечание"),
]


@pytest.mark.parametrize(("n", "expected"), PLURALS)
def test_the_lint_summary_says_each_count_with_its_russian_plural(n: int, expected: str) -> None:
    i18n.use("ru")
    assert lint_summary(n, {"error": n, "warning": n, "info": n}) == expected


def test_the_lint_summary_in_english_and_with_counts_of_thousands() -> None:
    counts = {"error": 0, "warning": 1, "info": 1200}
    assert lint_summary(1, counts) == "1 file linted: 0 errors, 1 warning, 1,200 infos"
    i18n.use("ru")
    assert lint_summary(1, counts) == (
        "проверено: 1 файл; 0 ошибок, 1 предупреждение, 1\u00a0200 замечаний"
    )


def test_the_cli_prints_the_russian_summary(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "j.yaml"
    path.write_text("cjm: 1\ntitle: T\nstages:\n  - name: S\n", encoding="utf-8")
    code, output = cli("--lang", "ru", "lint", "--today", TODAY, str(path))
    assert code == 0
    assert output.splitlines()[-1] == ("проверено: 1 файл; 0 ошибок, 1 предупреждение, 1 замечание")


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "1 волна"), (2, "2 волны"), (5, "5 волн"), (11, "11 волн"), (21, "21 волна")],
)
def test_stats_count_the_waves_of_a_study_with_russian_plurals(n: int, expected: str) -> None:
    found = {"studies": [{"study": "audit", "waves": n, "latest": "a", "wave": "Q1"}]}
    i18n.use("ru")
    line = stats._study_lines(found)[-1]
    assert line == f"  audit  {expected}  последняя: Q1"


@pytest.mark.parametrize(
    ("n", "claims"),
    [
        (1, "1 утверждения"),
        (2, "2 утверждений"),
        (5, "5 утверждений"),
        (11, "11 утверждений"),
        (21, "21 утверждения"),
    ],
)
def test_the_evidence_share_says_the_claims_with_russian_plurals(n: int, claims: str) -> None:
    i18n.use("ru")
    line = evidencereport.share_line({"claims": n, "backed": 1, "share": 1 / n})
    assert line == f"Подтверждено исследованиями: 1 из {claims} ({round(100 / n)}%)"


def test_the_english_share_says_one_claim_in_the_singular() -> None:
    assert evidencereport.share_line({"claims": 1, "backed": 0, "share": 0.0}) == (
        "Share backed by research: 0 of 1 claim (0%)"
    )
