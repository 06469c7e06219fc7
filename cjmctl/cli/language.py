"""The command line's language: chosen before the app is built, so `--help` speaks it too.

`--lang` beats `CJMCTL_LANG`, which beats the system's locale. The choice is made by looking at
the arguments before typer parses them, because typer formats help and usage errors with texts
fixed when the command tree was built; `--lang` is still a real option, so typer checks its value.
"""

from __future__ import annotations

import enum
import gettext
import inspect
import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from cjmctl import i18n
from cjmctl.cli.common import echo

if TYPE_CHECKING:

    class Language(enum.StrEnum):
        """The values of `--lang`: the languages of `i18n.LANGUAGES`."""

else:  # built from the one list of languages (mypy reads members only from a literal)
    Language = enum.StrEnum("Language", {code: code for code in i18n.LANGUAGES})


_VALUED = frozenset({"--lang", "--data-root"})
"""The app's own options that take a value: the scan before the command skips their values."""


def asked(argv: Sequence[str]) -> str | None:
    """The language `--lang` names before the command (`cjmctl --lang ru validate`), if any.

    Given twice, the last one counts, as for click, which parses it again after this.
    """
    lang = None
    words = iter(argv)
    for word in words:
        if word == "--lang":
            lang = next(words, None)
        elif word.startswith("--lang="):
            lang = word.partition("=")[2]
        elif word in _VALUED:
            next(words, None)
        elif word == "--" or not word.startswith("-"):
            break
    return lang


def speaking(command: Any, argv: Sequence[str]) -> Any:
    """Speak the language asked for from now on, and translate the help of `command`'s tree.

    The choice goes into `CJMCTL_LANG` for the batch's worker processes, and into `LANGUAGE`
    with cjmctl's catalog as gettext's domain, so typer's own gettext words (`Options`,
    `[default: text]`, `[required]`) come from the same catalog. The words of typer's copy of
    click, which are not gettext's (`Usage:`, `Error:`, `No such option`), are said by the
    app's command classes (`cjmctl.cli.clickwords`).
    """
    lang = asked(argv)
    unknown = None
    if lang not in i18n.LANGUAGES:  # typer refuses a wrong `--lang` itself, in that language
        lang, unknown = i18n.from_environment(os.environ)
    i18n.use(lang)
    os.environ[i18n.VARIABLE] = lang
    os.environ["LANGUAGE"] = lang
    gettext.bindtextdomain(i18n.DOMAIN, i18n.LOCALE_DIR)
    gettext.textdomain(i18n.DOMAIN)
    if unknown:
        from cjmctl.journey.diagnostics import shorten  # a 1 MB variable is no reason for 1 MB

        text = i18n._("{variable}={value!r} is not a language cjmctl speaks ({languages}): English")
        line = text.format(
            variable=i18n.VARIABLE, value=shorten(unknown), languages=", ".join(i18n.LANGUAGES)
        )
        echo(f"cjmctl: {line}", err=True)
    for owner, attribute, text in help_texts(command):
        setattr(owner, attribute, i18n._(text))
    return command


def help_texts(command: Any) -> Iterator[tuple[object, str, str]]:
    """Every help text of a command tree: (its owner, the attribute, the text as people see it).

    `scripts/i18n.py` takes the catalog's help entries from here, so the catalog and what is
    translated are the same texts. (Typed loosely: typer builds its tree of its own copy of click.)
    """
    for attribute in ("help", "short_help", "epilog"):
        text = getattr(command, attribute, None)
        if text:
            yield command, attribute, inspect.cleandoc(text)
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            yield param, "help", inspect.cleandoc(text)
    for sub in getattr(command, "commands", {}).values():  # a group's commands
        yield from help_texts(sub)
