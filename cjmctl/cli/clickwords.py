"""click's own words in the user's language: the usage line, the help option and usage errors.

typer 0.29 carries its own copy of click (`typer._click`), whose words are English literals
rather than gettext's: `Usage: `, the help option's `Show this message and exit.`, `Error: `,
`Try 'cjmctl validate -h' for help.` and the usage errors its parser and its type checks raise.
The app (`App`) makes its groups and commands of the classes here, which say them with `_()`.

A usage error is retold as one whole sentence of the catalog: recognised by its English form
(`No such option: {name}`, pydantic's `Input should be greater than or equal to {ge}`), its
values kept as they are. What is not recognised is printed as given: the `BadParameter`
messages of cjmctl's own commands are already in the user's language. In English the error is
left to click, so English output is click's, byte for byte.
"""

from __future__ import annotations

import contextlib
import re
import string
from collections.abc import Iterable, Iterator, Sequence
from difflib import get_close_matches
from functools import cache
from typing import IO, Any

import typer
from typer._click import Command as ClickCommand
from typer._click import Context as ClickContext
from typer._click import HelpFormatter as ClickHelpFormatter
from typer._click._compat import get_text_stderr
from typer._click.exceptions import (
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
    _join_param_hints,
)
from typer._click.parser import _split_opt
from typer._click.utils import echo
from typer.core import TyperCommand, TyperGroup, TyperOption

from cjmctl.i18n import LANGUAGES, N_, _, language, number

try:
    from cjmctl.cli.coercion import quicken
except ImportError:  # typer's internals moved: it coerces every value itself, as before

    def quicken(params: Iterable[object]) -> None:
        """Leave typer's coercion of `params` as it is."""


USAGE_ERRORS = (
    N_("No such option: {name} (Possible options: {options})"),
    N_("No such option: {name}"),
    N_("Missing argument {name}."),
    N_("Missing option {name}."),
    N_("Missing parameter {name}."),
    N_("Option {name} requires an argument."),
    N_("Option {name} requires {n} arguments."),
    N_("Option {name} does not take a value."),
    N_("Argument {name} takes {n} values."),
    N_("Got unexpected extra argument(s) ({arguments})"),
)
"""Usage errors as click words them, whole (`NoSuchOption`, `MissingParameter`, the parser's)."""

BAD_VALUES = (
    N_("Input should be a valid integer, unable to parse string as an integer"),
    N_("Input should be a valid number, unable to parse string as a number"),
    N_("Input should be greater than or equal to {ge}"),
    N_("Input should be less than or equal to {le}"),
    N_("Input should be a finite number"),
    N_("Value error, {value} is not one of {choices}."),
    N_("dir {path} does not exist."),
    N_("dir {path} is a file."),
    N_("dir {path} is not readable."),
)
"""Why typer refused a value (its type checks are pydantic's): the end of `Invalid value for`."""


@cache
def _shape(template: str) -> re.Pattern[str]:
    """A pattern that matches `template` filled in, each field a named group."""
    parts = []
    for literal, field, _spec, _conversion in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field:
            parts.append(f"(?P<{field}>.+?)")
    return re.compile("".join(parts), re.DOTALL)


def said(text: str, templates: Iterable[str]) -> str:
    """`text` in the user's language if it is one of `templates` filled in, else as it is."""
    for template in templates:
        match = _shape(template).fullmatch(text)
        if match:
            fields = {
                name: _limit(value) if name in _LIMITS else value
                for name, value in match.groupdict().items()
            }
            return _(template).format(**fields)
    return text


_LIMITS = frozenset({"ge", "le", "gt", "lt"})
"""The fields of pydantic's bounds: numbers, written as the user's language writes them."""
_DECIMAL = re.compile(r"-?\d+(?:\.(\d+))?")


def _limit(value: str) -> str:
    """A bound as the language writes it (`0.05` -> `0,05`), with the digits it was given."""
    match = _DECIMAL.fullmatch(value)
    if not match or language() == "en":  # English is click's, byte for byte
        return value
    digits = len(match.group(1) or "")
    return number(float(value), language(), digits)


def retold(error: UsageError) -> str:
    """The message of a usage error (click's `format_message()`) in the user's language."""
    if isinstance(error, BadParameter) and not isinstance(error, MissingParameter):
        hint = error.param_hint
        if hint is None and error.param is not None:
            hint = error.param.get_error_hint()
        message = said(error.message, BAD_VALUES)
        if hint is None:
            return _("Invalid value: {message}").format(message=message)
        return _("Invalid value for {name}: {message}").format(
            name=_join_param_hints(hint), message=message
        )
    return said(error.format_message(), USAGE_ERRORS)


def lang_goes_first(error: UsageError, args: Sequence[str]) -> None:
    """`--lang` after the command (`cjmctl validate --lang ru`): say where it goes instead.

    `--lang` is the app's option, read before the command; a command does not know it, and
    click's `No such option: --lang` alone leaves people guessing. In both languages.
    """
    if not isinstance(error, NoSuchOption) or error.option_name != "--lang" or not error.ctx:
        return
    value = "|".join(LANGUAGES)
    for at, word in enumerate(args):
        if word.startswith("--lang="):
            value = word.partition("=")[2] or value
        elif word == "--lang" and at + 1 < len(args):
            value = args[at + 1]
    root = error.ctx.find_root().info_name or "cjmctl"
    command = error.ctx.command_path.removeprefix(root).strip()
    example = f"{root} --lang {value} {command} …"
    error.message = _("No such option: {name}; give it before the command: {example}").format(
        name=error.option_name, example=example
    )
    error.possibilities = None  # the place to put it says more than a similar option


class RetoldError(UsageError):
    """A usage error said in the user's language: the usage line, the help hint, the error."""

    def __init__(self, error: UsageError) -> None:
        super().__init__(retold(error), error.ctx)
        self.exit_code = error.exit_code
        self.show_color = error.show_color

    def format_message(self) -> str:
        """The message, retold already."""
        return self.message

    def show(self, file: IO[Any] | None = None) -> None:
        """Print it as click prints a usage error, in the user's language."""
        if file is None:
            file = get_text_stderr()
        color = self.show_color
        if self.ctx is not None:
            hint = ""
            if self.ctx.command.get_help_option(self.ctx) is not None:
                hint = _("Try '{command} {option}' for help.").format(
                    command=self.ctx.command_path, option=self.ctx.help_option_names[0]
                )
                hint += "\n"
            color = self.ctx.color
            echo(f"{self.ctx.get_usage()}\n{hint}", file=file, color=color)
        echo(_("Error: {message}").format(message=self.message), file=file, color=color)


def _to_retell(error: UsageError) -> bool:
    """Whether `error` is to be retold: not in English (click's words), not twice, not help."""
    return not isinstance(error, (RetoldError, NoArgsIsHelpError)) and language() != "en"


@contextlib.contextmanager
def _retelling() -> Iterator[None]:
    """Let a usage error out in the user's language (`RetoldError`); others as they are."""
    try:
        yield
    except UsageError as error:
        if not _to_retell(error):
            raise
        raise RetoldError(error) from error


class HelpFormatter(ClickHelpFormatter):
    """click's help formatter, whose usage line starts with `Usage:` in the user's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """Write the usage line, `Usage: cjmctl validate [OPTIONS] {PATH}...`."""
        if prefix is None:
            prefix = _("Usage:") + " "
        super().write_usage(prog, args, prefix)


class Context(ClickContext):
    """click's context, formatting help and usage lines with `HelpFormatter`."""

    formatter_class = HelpFormatter


def _help_option(option: TyperOption | None) -> TyperOption | None:
    if option is not None:  # made once per command by click, with an English help
        option.help = _("Show this message and exit.")
    return option


class _Speaking:
    """What commands and groups share, mixed in before typer's classes.

    The context that formats in the user's language, the help option's help, `--lang`
    given after the command told to go before it, and values coerced without pydantic where
    they are plain (`cjmctl.cli.coercion`).
    """

    context_class: type[ClickContext] = Context

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: ClickContext | None = None,
        **extra: Any,
    ) -> ClickContext:
        """Parse the options; `--lang` among them is told to go before the command."""
        given = list(args)
        try:
            context: ClickContext = super().make_context(  # type: ignore[misc]
                info_name, args, parent, **extra
            )
        except UsageError as error:
            lang_goes_first(error, given)
            raise
        return context

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        """Parse the options and arguments, their values coerced by `quicken`'s coercion."""
        quicken(self.get_params(ctx))  # type: ignore[attr-defined]  # the help option too
        rest: list[str] = super().parse_args(ctx, args)  # type: ignore[misc]
        return rest

    def get_help_option(self, ctx: ClickContext) -> TyperOption | None:
        """The `-h, --help` option, its help in the user's language."""
        return _help_option(super().get_help_option(ctx))  # type: ignore[misc]


class Command(_Speaking, TyperCommand):
    """A command whose usage line and help option speak the user's language."""


class Group(_Speaking, TyperGroup):
    """A group of commands (the app, `import`) that speaks the user's language.

    Its usage errors, and those of the commands below it, are retold (`RetoldError`).
    """

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.suggest_commands = False  # `Did you mean`: said whole in `resolve_command`

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: ClickContext | None = None,
        **extra: Any,
    ) -> ClickContext:
        """Parse the group's own options, telling a usage error in the user's language."""
        with _retelling():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: ClickContext) -> Any:
        """Run the command asked for, telling a usage error in the user's language."""
        with _retelling():
            return super().invoke(ctx)

    def resolve_command(
        self, ctx: ClickContext, args: list[str]
    ) -> tuple[str | None, ClickCommand | None, list[str]]:
        """The command `args` name; a name it does not know, with the names close to it."""
        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            matches: Sequence[str] = get_close_matches(args[0], list(self.commands)) if args else ()
            if matches:
                suggestions = ", ".join(f"{match!r}" for match in matches)
                if _split_opt(args[0])[0]:  # an option where the command goes: click's error
                    error.message = _("{message}. Did you mean {suggestions}?").format(
                        message=error.message.rstrip("."), suggestions=suggestions
                    )
                else:
                    error.message = _("No such command {name!r}. Did you mean {suggestions}?")
                    error.message = error.message.format(name=args[0], suggestions=suggestions)
            raise


class App(typer.Typer):
    """A typer app whose groups and commands are `Group` and `Command`: they speak the language."""

    def __init__(self, **options: Any) -> None:
        super().__init__(cls=Group, **options)

    def command(self, *args: Any, **options: Any) -> Any:
        """Register a command, of the class `Command`."""
        return super().command(*args, cls=Command, **options)
