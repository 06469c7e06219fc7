"""The user's language: catalogs complete and compiled, every message in them, choosing one."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from cjmctl import i18n
from cjmctl.cli.language import asked

ROOT = Path(__file__).resolve().parent.parent
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "scripts" / "i18n.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = _tool()


def test_every_message_is_in_every_catalog_translated_and_compiled() -> None:
    # Extraction runs here: a message added to the code (or to --help, or to the schema's field
    # docs) and not translated, a fuzzy entry, a placeholder the translation lost, and a .po or
    # .mo not rewritten since are each one line of this list.
    assert TOOL.run(check=True) == []


def test_no_text_reaches_people_without_the_catalog() -> None:
    assert list(TOOL.unmarked((ROOT / "cjmctl").rglob("*.py"))) == []


def test_the_scan_finds_a_sentence_not_marked_and_a_marker_it_cannot_read(tmp_path: Path) -> None:
    code = tmp_path / "sample.py"
    code.write_text(
        '"""A docstring is not a message."""\n'
        "from cjmctl.i18n import _\n"
        'a = _("a marked message")\n'
        'b = f"an unmarked {a} message"\n'
        'c = _(f"hidden {a} from the extractor")\n'
        'd = "a shell script line"  # i18n: not shown\n',
        encoding="utf-8",
    )
    found = list(TOOL.unmarked([code]))
    assert [line.split(": ", 1)[1] for line in found] == [
        "_() of something not a plain text",
        "'an unmarked {} message'",
    ]
    assert [line.rsplit(":", 2)[-2] for line in found] == ["5", "4"]


def test_placeholders_are_compared_with_conversion_and_spec() -> None:
    assert TOOL.fields("{n} files in {path!r}, {share:.0%}") == {"{n}", "{path!r}", "{share:.0%}"}
    assert TOOL.fields("%(prog)s {n}") == {"%(prog)s", "{n}"}


@pytest.mark.parametrize(
    ("value", "lang"),
    [
        ("ru_RU.UTF-8", "ru"),
        ("ru", "ru"),
        ("RU_ru", "ru"),
        ("ru_UA.utf8@euro", "ru"),
        ("en_GB.UTF-8", "en"),
        ("de_DE.UTF-8", None),
        ("C.UTF-8", None),
        ("POSIX", None),
    ],
)
def test_a_locale_name_asks_for_its_language(value: str, lang: str | None) -> None:
    assert i18n.language_of(value) == lang


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"CJMCTL_LANG": "ru", "LC_ALL": "en_US.UTF-8"}, ("ru", None)),
        ({"CJMCTL_LANG": "", "LC_ALL": "ru_RU.UTF-8", "LANG": "en_US"}, ("ru", None)),
        ({"LC_ALL": "", "LC_MESSAGES": "ru_RU.UTF-8", "LANG": "en_US"}, ("ru", None)),
        ({"LC_ALL": "de_DE.UTF-8", "LANG": "ru_RU.UTF-8"}, ("en", None)),
        ({"LANG": "ru_RU.UTF-8"}, ("ru", None)),
        ({"LANG": "C.UTF-8"}, ("en", None)),
        ({}, ("en", None)),
        ({"CJMCTL_LANG": "de", "LANG": "ru_RU.UTF-8"}, ("en", "de")),
    ],
)
def test_the_environment_chooses_in_order(
    environ: dict[str, str], expected: tuple[str, str | None]
) -> None:
    assert i18n.from_environment(environ) == expected


@pytest.mark.parametrize(
    ("argv", "lang"),
    [
        (["--lang", "ru", "validate"], "ru"),
        (["--lang=ru", "validate"], "ru"),
        (["--data-root", "--lang", "validate"], None),  # a folder named --lang
        (["--version", "--lang", "en"], "en"),
        (["validate", "--lang", "ru"], None),  # after the command: typer refuses it
        (["--lang", "ru", "validate", "--lang", "en"], "ru"),
        (["--lang", "ru", "--lang", "en", "validate"], "en"),  # the last, as click keeps
        (["--lang=en", "--lang", "ru", "validate"], "ru"),
        (["--lang", "ru", "--data-root", "d", "--lang=en", "validate"], "en"),
        (["--", "--lang", "ru"], None),
        ([], None),
    ],
)
def test_lang_is_read_before_the_command(argv: list[str], lang: str | None) -> None:
    assert asked(argv) == lang


def test_lang_given_twice_speaks_the_last() -> None:
    result = _run("--lang", "ru", "--lang", "en", "validate", "examples/invalid/missing-key.yaml")
    assert result.returncode == 1
    assert not CYRILLIC.search(result.stdout + result.stderr)


@pytest.mark.parametrize(
    ("env", "said"),
    [
        (
            {"CJMCTL_LANG": "en"},
            "Error: No such option: --lang; give it before the command:"
            " cjmctl --lang ru validate …\n",
        ),
        (
            {"CJMCTL_LANG": "ru"},
            "Ошибка: нет такого параметра: --lang; укажите его перед командой:"
            " cjmctl --lang ru validate …\n",
        ),
    ],
)
def test_lang_after_the_command_says_where_it_goes(env: dict[str, str], said: str) -> None:
    result = _run("validate", "--lang", "ru", "examples/furniture-store.yaml", **env)
    assert result.returncode == 2
    assert result.stderr.endswith(said)


def test_numbers_and_dates_follow_the_language() -> None:
    from datetime import date

    assert i18n.number(2700, "en") == "2,700"
    assert i18n.number(2700, "ru") == "2\u00a0700"
    assert i18n.number(-1234567.25, "ru", 2) == "-1\u00a0234\u00a0567,25"
    assert i18n.long_date(date(2026, 12, 1), "ru") == "1\u00a0декабря\u00a02026"
    assert i18n.long_date(date(2026, 12, 1), "en") == "1\u00a0December\u00a02026"


MAPPED_ERRNOS = (
    "ENOENT", "EACCES", "EPERM", "EISDIR", "ENOTDIR", "ENOSPC", "EROFS",
    "EEXIST", "ENAMETOOLONG", "ELOOP", "EMFILE", "EIO", "EPIPE",
)  # fmt: skip


@pytest.mark.parametrize("name", MAPPED_ERRNOS)
def test_a_reason_is_the_systems_own_words_in_english(name: str) -> None:
    import errno

    code = getattr(errno, name)
    error = OSError(code, os.strerror(code), "x.yaml")
    i18n.use("en")
    try:
        assert i18n.reason(error) == os.strerror(code)
        i18n.use("ru")
        translated = i18n.reason(error)
    finally:
        i18n.use(None)
    assert translated != os.strerror(code)
    assert not re.search("[A-Za-z]", translated)


def test_a_reason_is_said_in_russian_and_an_unknown_one_as_the_system_says_it() -> None:
    import errno

    i18n.use("ru")
    try:
        missing = i18n.reason(FileNotFoundError(errno.ENOENT, "No such file or directory"))
        unknown = i18n.reason(OSError(errno.EXDEV, os.strerror(errno.EXDEV)))
    finally:
        i18n.use(None)
    assert missing == "нет такого файла или папки"
    assert unknown == os.strerror(errno.EXDEV)


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in {"CJMCTL_LANG", "LANGUAGE", "LC_ALL"}}
    base.pop("LC_MESSAGES", None)
    base.pop("LANG", None)
    return subprocess.run(
        [sys.executable, "-m", "cjmctl", *args],
        capture_output=True,
        text=True,
        env={**base, **env, "COLUMNS": "100"},
        cwd=ROOT,
        check=False,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("args", "env", "russian"),
    [
        ((), {"LANG": "ru_RU.UTF-8"}, True),
        ((), {"LC_ALL": "ru_RU.UTF-8", "LANG": "en_US.UTF-8"}, True),
        ((), {"LC_MESSAGES": "ru_RU.UTF-8"}, True),
        ((), {"CJMCTL_LANG": "en", "LANG": "ru_RU.UTF-8"}, False),
        (("--lang", "ru"), {"CJMCTL_LANG": "en"}, True),
        (("--lang", "en"), {"LC_ALL": "ru_RU.UTF-8"}, False),
    ],
)
def test_the_language_is_chosen_by_flag_variable_then_locale(
    args: tuple[str, ...], env: dict[str, str], russian: bool
) -> None:
    result = _run(*args, "validate", "examples/invalid/missing-key.yaml", **env)
    assert result.returncode == 1
    assert bool(CYRILLIC.search(result.stdout)) is russian


def test_a_cjmctl_lang_it_does_not_speak_is_said_once_then_english() -> None:
    result = _run("validate", "examples/furniture-store.yaml", CJMCTL_LANG="de")
    assert result.returncode == 0
    assert result.stderr == (
        "cjmctl: CJMCTL_LANG='de' is not a language cjmctl speaks (en, ru): English\n"
    )


def test_a_wrong_lang_is_a_usage_error() -> None:
    result = _run("--lang", "de", "validate", "examples/furniture-store.yaml")
    assert result.returncode == 2
    assert "--lang" in result.stderr


def test_a_huge_cjmctl_lang_is_quoted_cut_short() -> None:
    result = _run("validate", "examples/furniture-store.yaml", CJMCTL_LANG="x" * 100_000)
    assert result.returncode == 0
    assert result.stderr.startswith("cjmctl: CJMCTL_LANG='xxx")
    assert "…'" in result.stderr
    assert len(result.stderr) < 200
