"""What render, site and init say, in English and in Russian: summaries, --check, refusals.

Each case runs in a folder of its own with relative paths, so the golden files name no machine;
the time a command took is the one part that varies, and is written `(T s)` in them.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from cjmctl import i18n
from cjmctl.cli.render import _render_summary
from cjmctl.cli.site import _summary
from cjmctl.site.build import Report
from tests.conftest import ROOT, STANDALONE, STANDALONE_BANK

Streams = Callable[..., tuple[int, bytes, str]]
LANGS = ("en", "ru")
DAY = date(2026, 12, 1)
"""The day `init` writes as the starter's `reviewed`, through SOURCE_DATE_EPOCH."""
TIME = re.compile(r"\(\d+[.,]\d (s|с)\)")


def _expected(lang: str, name: str) -> Path:
    folder = ROOT / "tests" / "expected"
    return (folder / "cli" if lang == "en" else folder / lang / "cli") / name


def _shown(code: int, out: bytes, err: str) -> str:
    """A run as its golden file holds it: the exit code, then each stream."""
    shown = TIME.sub(r"(T \1)", err)
    return f"exit {code}\n--- stdout\n{out.decode('utf-8')}--- stderr\n{shown}"


@pytest.fixture
def maps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two journeys that need no project."""
    shutil.copy(STANDALONE, tmp_path / "furniture-store.yaml")
    shutil.copy(STANDALONE_BANK, tmp_path / "bank-branch.yaml")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str((DAY - date(1970, 1, 1)).days * 86400))
    return tmp_path


@pytest.fixture
def here(cli_streams: Streams, maps: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The journeys' folder as the working folder (after `cli_streams` moved to the root)."""
    monkeypatch.chdir(maps)
    return maps


@pytest.mark.parametrize("lang", LANGS)
def test_rendering_one_journey_names_its_file(
    cli_streams: Streams, here: Path, lang: str, golden: Callable[[Path, str], None]
) -> None:
    result = cli_streams("--lang", lang, "render", "furniture-store.yaml")
    assert result[0] == 0
    golden(_expected(lang, "render-one.txt"), _shown(*result))


@pytest.mark.parametrize("lang", LANGS)
def test_rendering_a_batch_counts_its_files(
    cli_streams: Streams, here: Path, lang: str, golden: Callable[[Path, str], None]
) -> None:
    result = cli_streams("--lang", lang, "render", ".", "-f", "html", "-f", "md", "-j", "1")
    assert result[0] == 0
    golden(_expected(lang, "render-batch.txt"), _shown(*result))


@pytest.mark.parametrize("lang", LANGS)
def test_check_says_all_is_up_to_date_then_what_would_change(
    cli_streams: Streams, here: Path, lang: str, golden: Callable[[Path, str], None]
) -> None:
    args = ("--lang", lang, "render", ".", "-f", "html", "-f", "md", "-j", "1")
    assert cli_streams(*args)[0] == 0
    current = cli_streams(*args, "--check")
    assert current[0] == 0
    golden(_expected(lang, "render-check-current.txt"), _shown(*current))
    (here / "bank-branch.md").write_text("edited by hand\n", encoding="utf-8")
    (here / "furniture-store.html").unlink()
    stale = cli_streams(*args, "--check")
    assert stale[0] == 1
    golden(_expected(lang, "render-check-stale.txt"), _shown(*stale))


@pytest.mark.parametrize("lang", LANGS)
def test_init_writes_the_starter_of_the_language_it_speaks(
    cli_streams: Streams, here: Path, lang: str, golden: Callable[[Path, str], None]
) -> None:
    result = cli_streams("--lang", lang, "init", "new.yaml")
    assert result[0] == 0
    golden(_expected(lang, "init.txt"), _shown(*result))
    starter = (ROOT / "cjmctl" / "starters" / f"blank.{lang}.yaml").read_text(encoding="utf-8")
    written = (here / "new.yaml").read_text(encoding="utf-8")
    assert written == starter.replace("reviewed: 2026-01-01", f"reviewed: {DAY}", 1)
    golden(_expected(lang, "init-starter.yaml"), written)


def test_an_explicit_locale_wins_over_the_language(cli_streams: Streams, here: Path) -> None:
    code, _, err = cli_streams("--lang", "ru", "init", "new.yaml", "--locale", "en")
    assert (code, err) == (0, "")
    assert (
        (here / "new.yaml")
        .read_bytes()
        .startswith((ROOT / "cjmctl" / "starters" / "blank.en.yaml").read_bytes()[:200])
    )
    code, out, _ = cli_streams("--lang", "en", "init", "-")
    assert out == (ROOT / "cjmctl" / "starters" / "blank.en.yaml").read_bytes().replace(
        b"reviewed: 2026-01-01", f"reviewed: {DAY}".encode(), 1
    )


def test_init_in_russian_says_so_in_russian(cli_streams: Streams, here: Path) -> None:
    code, out, _ = cli_streams("--lang", "ru", "init", "new.yaml")
    assert (code, out.decode()) == (
        0,
        "записан new.yaml (blank, ru); отредактируйте его, затем: cjmctl render new.yaml\n",
    )
    code, _, err = cli_streams("--lang", "ru", "init", "new.yaml")
    assert (code, err) == (
        1,
        "cjmctl: new.yaml уже существует; чтобы перезаписать его, добавьте --force\n",
    )


@pytest.mark.parametrize("lang", LANGS)
def test_site_says_what_it_built_then_that_it_is_current(
    cli_streams: Streams, here: Path, lang: str, golden: Callable[[Path, str], None]
) -> None:
    args = ("--lang", lang, "site", ".", "-o", "site", "--today", "2026-10-01", "-j", "1")
    built = cli_streams(*args)
    assert built[0] == 0
    golden(_expected(lang, "site-build.txt"), _shown(*built))
    checked = cli_streams(*args, "--check")
    assert checked[0] == 0
    golden(_expected(lang, "site-check.txt"), _shown(*checked))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("refused-output-and-out-dir", ("-o", "one.html", "--out-dir", "out")),
        ("refused-blueprint-compact", ("-f", "svg", "--blueprint", "--compact")),
        ("refused-persona-for-json", ("-f", "json", "--persona", "anna")),
    ],
)
def test_options_that_do_not_go_together_are_a_usage_error(
    cli_streams: Streams,
    here: Path,
    lang: str,
    name: str,
    args: tuple[str, ...],
    golden: Callable[[Path, str], None],
) -> None:
    result = cli_streams("--lang", lang, "render", "furniture-store.yaml", *args)
    assert result[0] == 2
    golden(_expected(lang, f"{name}.txt"), _shown(*result))


@pytest.fixture
def russian() -> Iterator[None]:
    i18n.use("ru")
    yield
    i18n.use(None)


FORMS = [
    (1, "записан 1 файл"),
    (2, "записано 2 файла"),
    (5, "записано 5 файлов"),
    (11, "записано 11 файлов"),
    (21, "записан 21 файл"),
]


@pytest.mark.parametrize(("count", "said"), FORMS)
def test_files_written_take_the_russian_plural_of_their_count(
    russian: None, count: int, said: str
) -> None:
    report = Report(journeys=count, written=[Path(f"{n}.html") for n in range(count)])
    journeys = "карты" if count % 10 == 1 and count % 100 != 11 else "карт"
    assert _summary(report, Path("site"), False, 0.25) == (
        f"собран сайт из {count} {journeys} в site: {said}, 0 без изменений (0,2 с)"
    )


@pytest.mark.parametrize(
    ("count", "said"),
    [
        (2, "сформировано 2 файла"),
        (5, "сформировано 5 файлов"),
        (11, "сформировано 11 файлов"),
        (21, "сформирован 21 файл"),
    ],
)
def test_files_rendered_take_the_russian_plural_of_their_count(
    russian: None, count: int, said: str
) -> None:
    written = [Path(f"{n}.html") for n in range(count)]
    assert _render_summary(written, False, 0, 0, 0, 1.25) == f"{said} (1,2 с)"


def test_one_file_rendered_is_named(russian: None) -> None:
    assert _render_summary([Path("a.html")], False, 0, 0, 0, 0.4) == (
        "сформирован 1 файл: a.html (0,4 с)"
    )


@pytest.mark.parametrize(
    ("outputs", "stale", "invalid", "said"),
    [
        (1, 0, 0, "проверен 1 файл: актуален (0,1 с)"),
        (2, 1, 0, "проверено 2 файла: 1 устарел или отсутствует (0,1 с)"),
        (5, 2, 1, "проверено 5 файлов: 2 устарели или отсутствуют; 1 карта с ошибками (0,1 с)"),
        (11, 5, 2, "проверено 11 файлов: 5 устарели или отсутствуют; 2 карты с ошибками (0,1 с)"),
        (21, 21, 5, "проверен 21 файл: 21 устарел или отсутствует; 5 карт с ошибками (0,1 с)"),
    ],
)
def test_check_counts_take_the_russian_plural(
    russian: None, outputs: int, stale: int, invalid: int, said: str
) -> None:
    assert _render_summary([], True, stale, outputs, invalid, 0.1) == said


def test_the_english_summaries_are_as_they_were() -> None:
    assert (
        _render_summary([Path("a.html")], False, 0, 0, 0, 0.4) == "rendered 1 file: a.html (0.4 s)"
    )
    assert _render_summary([], True, 0, 1, 1, 0.4) == (
        "checked 1 output: all up to date; 1 invalid journey (0.4 s)"
    )
    assert _render_summary([], True, 2, 5, 3, 12.0) == (
        "checked 5 outputs: 2 stale or missing; 3 invalid journeys (12.0 s)"
    )
    assert (
        _render_summary([Path("a"), Path("b")], False, 0, 0, 0, 0.0) == "rendered 2 files (0.0 s)"
    )
    report = Report(journeys=1, written=[Path("a")], unchanged=2, removed=[Path("b")], invalid=1)
    assert _summary(report, Path("site"), False, 0.5) == (
        "built site of 1 journey in site: 1 file written, 2 unchanged, 1 removed; "
        "1 invalid journey (0.5 s)"
    )
    report = Report(journeys=3, stale=["x", "y"])
    assert _summary(report, Path("site"), True, 0.5) == (
        "checked site of 3 journeys in site: 2 stale or missing (0.5 s)"
    )
