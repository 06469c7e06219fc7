"""The user's language: message catalogs (gettext); numbers and dates as each language writes them.

Every sentence cjmctl says to people goes through `_` or `ngettext` at the moment it is said;
the English text in the code is the message id, and `locale/<lang>/LC_MESSAGES/cjmctl.mo`
(compiled from the `.po` beside it by `scripts/i18n.py`) holds the other languages. The
standard library's gettext reads the catalogs, so running cjmctl needs no extra package.

Two languages are at play and they are not the same: the *user's* language (this module:
messages, hints, summaries, `--help`) and a journey's `locale` (the labels of its rendered map).
`number` and `long_date` serve both, so stats, diff and the map write `2 700` and
`1 декабря 2026` alike.
"""

from __future__ import annotations

import errno
import gettext
import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path

LANGUAGES = ("en", "ru")
"""The languages cjmctl speaks; English is the catalogs' source and needs no catalog."""
DOMAIN = "cjmctl"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
VARIABLE = "CJMCTL_LANG"
"""Chooses the language over the system's locale variables; `--lang` chooses over it."""
SYSTEM_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
"""The POSIX order: the first one that is set (and not empty) decides."""

_language: str | None = None
_catalog: gettext.NullTranslations | None = None


def language_of(value: str) -> str | None:
    """The language cjmctl speaks that a locale name asks for: `ru_RU.UTF-8` -> `ru`; else None."""
    code = value.split(".", 1)[0].split("@", 1)[0].split("_", 1)[0].split("-", 1)[0].lower()
    return code if code in LANGUAGES else None


def from_environment(environ: Mapping[str, str]) -> tuple[str, str | None]:
    """The language the environment asks for, and the value of `CJMCTL_LANG` if it names none.

    A system locale cjmctl does not speak (`de_DE.UTF-8`, `C`) means English, quietly, as every
    gettext program does; `CJMCTL_LANG` is cjmctl's own, so a typo in it is said.
    """
    chosen = environ.get(VARIABLE, "")
    if chosen:
        found = language_of(chosen)
        if found:
            return found, None
        return "en", chosen
    for name in SYSTEM_VARIABLES:
        value = environ.get(name, "")
        if value:
            return language_of(value) or "en", None
    return "en", None


def use(lang: str | None) -> None:
    """Speak `lang` from now on in this process; None asks the environment again.

    The CLI also sets `CJMCTL_LANG`, so that the worker processes of a batch speak it too.
    """
    global _language, _catalog  # noqa: PLW0603 - the one process-wide choice, like gettext's own
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"cjmctl speaks {', '.join(LANGUAGES)}, not {lang!r}")  # i18n: not shown
    _language = lang
    _catalog = None


def language() -> str:
    """The language cjmctl speaks now: set by `use`, else asked of the environment."""
    global _language  # noqa: PLW0603
    if _language is None:
        _language = from_environment(os.environ)[0]
    return _language


def _translations() -> gettext.NullTranslations:
    global _catalog  # noqa: PLW0603
    if _catalog is None:
        lang = language()
        _catalog = (
            gettext.NullTranslations()
            if lang == "en"
            else gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)
        )
    return _catalog


def _(message: str) -> str:
    """`message` in the user's language; the English text is the message id."""
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message that goes with `count`: 1 файл, 2 файла, 5 файлов."""
    return _translations().ngettext(singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for the marker
    """Mark a message for the catalog where it is defined, to be translated with `_` where said."""
    return message


_REASONS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EROFS: N_("Read-only file system"),
    errno.EEXIST: N_("File exists"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.EMFILE: N_("Too many open files"),
    errno.EIO: N_("Input/output error"),
    errno.EPIPE: N_("Broken pipe"),
}
"""The system's reasons people meet most, in the words of Linux's `strerror` (so English is as
the system says it) and translated for the other languages."""


def reason(error: OSError) -> str:
    """Why an operation on a file failed, in the user's language: the system's words otherwise.

    English is the system's own text (`os.strerror`) whenever the system gave one; a reason the
    catalog does not know is the system's text in every language.
    """
    known = _REASONS.get(error.errno) if error.errno is not None else None
    if known is not None and language() != "en":
        return _(known)
    return error.strerror or (known if known is not None else str(error))


_SEPARATORS = {"en": (",", "."), "ru": ("\u00a0", ",")}
"""Thousands and decimal separators, CLDR's: Russian groups with a no-break space (U+00A0)."""


def number(value: float, locale: str, digits: int = 0) -> str:
    """Format a number the way the language writes it: 12,400.5 in English, 12 400,5 in Russian.

    A no-break space is what browsers, spreadsheets and Windows write and read back, in every
    font, and never splits a number over two lines.
    """
    return group_digits(f"{value:,.{digits}f}", locale)


def group_digits(text: str, locale: str) -> str:
    """A number Python wrote as `1,000.5` (`f"{x:,}"`), with `locale`'s separators instead.

    `1,000.5` stays in English and becomes `1 000,5` (U+00A0 between thousands) in Russian.
    """
    group, point = _SEPARATORS[locale]
    if (group, point) != (",", "."):
        text = text.replace(",", "\0").replace(".", point).replace("\0", group)
    return text


NBSP = "\u00a0"
"""Between day, month and year, so a date never wraps over two lines."""


def long_date(value: date, locale: str) -> str:
    """The date as people read it: `31 March 2027`, `31 марта 2027` (the month's genitive)."""
    from cjmctl.journey.labels import LABELS

    month = LABELS[locale][f"month_{value.month}"]
    return f"{value.day}{NBSP}{month}{NBSP}{value.year}"
