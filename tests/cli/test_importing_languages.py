"""The imports in both languages: summaries, warnings and errors at file:line:column, plurals.

Each case is run in English and in Russian and compared with its golden: the English one beside
the importer's other goldens, the Russian one under tests/expected/ru/.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cjmctl import i18n
from tests.conftest import ROOT

Streams = Callable[..., tuple[int, bytes, str]]
Golden = Callable[[Path, str], None]
EXPECTED = ROOT / "tests" / "expected"
SURVEY = "tests/fixtures/survey"
AUDIT = "tests/fixtures/audit"
MERMAID = ROOT / "tests" / "fixtures" / "mermaid"
WARNED = (
    "acc-descr-single",
    "accessibility",
    "demo-init-directive",
    "empty-actors",
    "no-section",
    "odd-spacing",
    "scores-out-of-range",
    "unsupported",
)
"""The Mermaid fixtures the importer warns about."""
LANGUAGES = pytest.mark.parametrize("lang", ["en", "ru"])


def _golden(lang: str, area: str, name: str) -> Path:
    return EXPECTED / (area if lang == "en" else f"ru/{area}") / name


@LANGUAGES
@pytest.mark.parametrize("stem", WARNED)
def test_mermaid_warnings_at_their_lines(
    cli_streams: Streams, golden: Golden, lang: str, stem: str
) -> None:
    code, out, err = cli_streams(
        "--lang", lang, "import", "mermaid", f"tests/fixtures/mermaid/{stem}.mmd", "-o", "-"
    )
    assert code == 0
    assert out == (EXPECTED / "import" / f"{stem}.yaml").read_bytes()  # YAML in any language
    golden(_golden(lang, "import", f"{stem}.warnings.txt"), err)


SURVEYS = {
    "summary-forms-en": (
        f"{SURVEY}/forms-en.csv",
        f"{SURVEY}/forms-en.mapping.yaml",
        "--journey",
        f"{SURVEY}/journey.yaml",
    ),
    "summary-forms-ru": (f"{SURVEY}/forms-ru.csv", f"{SURVEY}/forms-ru.mapping.yaml"),
    "errors-forms-bad": (f"{SURVEY}/forms-bad.csv", f"{SURVEY}/forms-en.mapping.yaml"),
    "errors-forms-open-quote": (
        f"{SURVEY}/forms-open-quote.csv",
        f"{SURVEY}/forms-en.mapping.yaml",
    ),
    "errors-bad-mapping": (f"{SURVEY}/forms-en.csv", f"{SURVEY}/bad.mapping.yaml"),
}


@LANGUAGES
@pytest.mark.parametrize("name", SURVEYS)
def test_survey_summaries_and_errors(
    cli_streams: Streams, golden: Golden, lang: str, name: str
) -> None:
    responses, mapping, *more = SURVEYS[name]
    code, _out, err = cli_streams(
        "--lang", lang, "import", "survey", responses, "--mapping", mapping, *more
    )
    assert code == (1 if name.startswith("errors") else 0)
    golden(_golden(lang, "survey", f"{name}.txt"), err)


AUDITS = ("wave-1", "wave-2", "wave-bad", "wave-bad-header")


@LANGUAGES
@pytest.mark.parametrize("stem", AUDITS)
def test_audit_summaries_and_errors(
    cli_streams: Streams, golden: Golden, lang: str, stem: str
) -> None:
    code, _out, err = cli_streams(
        "--lang",
        lang,
        "import",
        "audit",
        f"{AUDIT}/{stem}.csv",
        "--journey",
        f"{AUDIT}/journey.yaml",
    )
    assert code == (1 if "bad" in stem else 0)
    golden(_golden(lang, "audit", f"{stem}.txt"), err)


def test_the_english_summaries_are_as_before(cli_streams: Streams) -> None:
    code, _out, err = cli_streams(
        "import", "audit", f"{AUDIT}/wave-1.csv", "--journey", f"{AUDIT}/journey.yaml"
    )
    assert code == 0
    assert err == (
        f"{AUDIT}/wave-1.csv: 3 visits to 3 outlets (39 rows) as research entry "
        f"'audit-2026-q1'; paste it under `research:` in {AUDIT}/journey.yaml\n"
    )


# Plurals: 1, 21 take the first Russian form; 2 the second; 5 and 11 the third.
RESPONDENTS = {
    1: ("1 respondent", "1 респондент", "1 answer", "1 ответ"),
    2: ("2 respondents", "2 респондента", "2 answers", "2 ответа"),
    5: ("5 respondents", "5 респондентов", "5 answers", "5 ответов"),
    11: ("11 respondents", "11 респондентов", "11 answers", "11 ответов"),
    21: ("21 respondents", "21 респондент", "21 answers", "21 ответ"),
}


def _responses(tmp_path: Path, n: int) -> tuple[Path, Path]:
    csv = tmp_path / "forms.csv"
    rows = [f"2026-09-{1 + i % 28:02d},{1 + i % 5},Parking" for i in range(n)]
    csv.write_text("Timestamp,Rating,Why\n" + "\n".join(rows) + "\n", encoding="utf-8")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "scale: [1, 5]\ntimestamp: Timestamp\ntouchpoints: {Rating: order}\nreasons: Why\n",
        encoding="utf-8",
    )
    return csv, mapping


@pytest.mark.parametrize("n", RESPONDENTS)
def test_the_survey_summary_says_its_counts_in_russian_plurals(
    cli_streams: Streams, tmp_path: Path, n: int
) -> None:
    csv, mapping = _responses(tmp_path, n)
    en_people, ru_people, en_answers, ru_answers = RESPONDENTS[n]
    ru = cli_streams("--lang", "ru", "import", "survey", str(csv), "--mapping", str(mapping))
    forms = {1: "упоминание", 2: "упоминания", 5: "упоминаний", 11: "упоминаний", 21: "упоминание"}
    assert ru[2] == (
        f"{csv}: {ru_people}\n  order: {ru_answers}\n  причины: {n} {forms[n]}, 1 различная\n"
    )
    en = cli_streams("--lang", "en", "import", "survey", str(csv), "--mapping", str(mapping))
    assert (
        en[2] == f"{csv}: {en_people}\n  order: {en_answers}\n  reasons: {n} given, 1 different\n"
    )


def _visits(tmp_path: Path, n: int) -> Path:
    """`n` rows, each a visit to the same outlet on a day of its own."""
    csv = tmp_path / "visits.csv"
    rows = [f"2026-03-{1 + i:02d};central;entrance;signage;да;" for i in range(n)]
    header = "дата;филиал;точка контакта;критерий;оценка;комментарий\n"
    csv.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    return csv


VISITS = {
    1: "1 визит в 1 точку продаж (1 строка)",
    2: "2 визита в 1 точку продаж (2 строки)",
    5: "5 визитов в 1 точку продаж (5 строк)",
    11: "11 визитов в 1 точку продаж (11 строк)",
    21: "21 визит в 1 точку продаж (21 строка)",
}


@pytest.mark.parametrize("n", VISITS)
def test_the_audit_summary_says_its_counts_in_russian_plurals(
    cli_streams: Streams, tmp_path: Path, n: int
) -> None:
    csv = _visits(tmp_path, n)
    code, _out, err = cli_streams(
        "--lang", "ru", "import", "audit", str(csv), "--journey", f"{AUDIT}/journey.yaml"
    )
    assert code == 0, err
    assert err == (
        f"{csv}: {VISITS[n]} — запись исследования 'audit-2026-q1'; "
        f"вставьте её в `research:` в {AUDIT}/journey.yaml\n"
    )
    visits = "1 visit" if n == 1 else f"{n} visits"
    rows = "1 row" if n == 1 else f"{n} rows"
    english = cli_streams(
        "--lang", "en", "import", "audit", str(csv), "--journey", f"{AUDIT}/journey.yaml"
    )[2]
    assert english.startswith(f"{csv}: {visits} to 1 outlet ({rows}) as research entry")


@pytest.mark.parametrize(
    ("n", "missing", "beyond"),
    [
        (1, "не хватает столбца: date", "ячейка за пределами заголовка: в нём 1 столбец"),
        (2, "не хватает столбцов: date, outlet", "ячейка за пределами заголовка: в нём 2 столбца"),
        (
            5,
            "не хватает столбцов: a, b, c, d, e",
            "ячейка за пределами заголовка: в нём 5 столбцов",
        ),
        (11, None, "ячейка за пределами заголовка: в нём 11 столбцов"),
        (21, None, "ячейка за пределами заголовка: в нём 21 столбец"),
    ],
)
def test_the_csv_messages_take_russian_plurals(n: int, missing: str | None, beyond: str) -> None:
    i18n.use("ru")
    if missing is not None:
        names = missing.split(": ", 1)[1]
        form = i18n.ngettext("missing column: {columns}", "missing columns: {columns}", n)
        assert form.format(columns=names) == missing
    form = i18n.ngettext(
        "a cell beyond the header's {n} column", "a cell beyond the header's {n} columns", n
    )
    assert form.format(n=n) == beyond


def test_a_survey_entry_comment_follows_the_journey_locale_not_the_language(
    cli_streams: Streams,
) -> None:
    """The comment is written into the file: in the journey's locale, whoever runs the import."""
    english_map = (f"{SURVEY}/forms-en.csv", "--mapping", f"{SURVEY}/forms-en.mapping.yaml")
    journey = ("--journey", f"{SURVEY}/journey.yaml")
    out = cli_streams("--lang", "ru", "import", "survey", *english_map, *journey)[1]
    assert out.startswith(b"# A survey entry from cjmctl import survey: paste it under")
    russian = (f"{SURVEY}/forms-ru.csv", "--mapping", f"{SURVEY}/forms-ru.mapping.yaml")
    out = cli_streams("import", "survey", *russian)[1]  # no journey: its Cyrillic texts say ru
    assert out.decode().startswith(
        "# Запись опроса из cjmctl import survey: вставьте её в `research:` в карте.\n"
    )
