"""Keep the message catalogs in step with the code: extract, update each `.po`, compile the `.mo`.

    python scripts/i18n.py            extract the messages, update every language's .po, compile
    python scripts/i18n.py --check    change nothing; list what is missing, fuzzy or stale (exit 1)
    python scripts/i18n.py --init de  start a catalog for a new language

The messages come from three places, so that the catalog holds exactly what people are shown:
- the code, where every message goes through `_`, `N_` or `ngettext` (Babel's extractor);
- the help of every command and option, read from the typer app's command tree (the texts
  `cjmctl.cli.language` translates), and the words of click and typer themselves (`Usage:`,
  `Error:`, `No such option`), extracted from their installed sources;
- the field descriptions of the JSON Schemas, which hints quote (`cjmctl.journey.messages`).

`.po` files are written without line numbers and sorted by message, so that moving code does
not churn them; the header dates are fixed, so the `.mo` is the same bytes for the same `.po`.
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import string
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's cjmctl, whatever the venv has installed
PACKAGE = ROOT / "cjmctl"
LOCALE_DIR = PACKAGE / "i18n" / "locale"
KEYWORDS: dict[str, Any] = {"_": None, "N_": None, "ngettext": (1, 2)}
FIXED_DATE = datetime(2026, 12, 1, tzinfo=UTC)
"""The header date of every catalog: a date that changes with each run would change the `.mo`."""
LIBRARY_SOURCES = ("core.py",)
"""typer's modules whose gettext words reach cjmctl's users (`[default: {}]`, `[required]`).

typer's own copy of click says its words (`Usage:`, `Options`) without gettext:
`cjmctl.cli.language` says those itself."""


class _Catalog(Catalog):
    """A catalog whose header names no Babel version: upgrading Babel changes no catalog."""

    def _get_mime_headers(self) -> list[tuple[str, str]]:
        headers = [(k, v) for k, v in super()._get_mime_headers() if k != "Generated-By"]
        return [*headers[:-1], (headers[-1][0], headers[-1][1] + "\n")]

    mime_headers = property(_get_mime_headers, Catalog.mime_headers.fset)  # type: ignore[attr-defined]


HEADER = """Messages of cjmctl, the customer journey map tool, in {language}.
Written with scripts/i18n.py: edit the msgstr lines only, then run it again."""

Found = tuple[str | tuple[str, str], str]
"""A message id (or a singular and plural pair) and where it was found."""


def _pair(message: str | tuple[str, ...]) -> str | tuple[str, str]:
    return message if isinstance(message, str) else (message[0], message[1])


def _code() -> Iterator[Found]:
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        yield _pair(message), f"cjmctl/{filename}:{lineno}"


def _libraries() -> Iterator[Found]:
    import typer

    folder = Path(typer.__file__ or "").parent
    for name in LIBRARY_SOURCES:
        for lineno, message, _comments, _context in extract_from_file(
            "python", str(folder / name), keywords={"_": None, "ngettext": (1, 2)}
        ):
            yield _pair(message), f"typer/{name}:{lineno}"


def _help() -> Iterator[Found]:
    import typer

    from cjmctl.cli import app
    from cjmctl.cli.language import help_texts

    for _owner, attribute, text in help_texts(typer.main.get_command(app)):
        yield text, f"cjmctl --help ({attribute})"


def _descriptions(node: object, kind: str) -> Iterator[Found]:
    if isinstance(node, dict):
        text = node.get("description")
        if isinstance(text, str):
            yield text, f"cjmctl schema {kind}"
        for value in node.values():
            yield from _descriptions(value, kind)
    elif isinstance(node, list):
        for value in node:
            yield from _descriptions(value, kind)


def _schemas() -> Iterator[Found]:
    from cjmctl.journey.schema import journey_schema

    for kind in ("journey", "shared", "project", "theme"):
        yield from _descriptions(journey_schema(kind), kind)


def template() -> Catalog:
    """Every message cjmctl may show, as a catalog without translations."""
    catalog = _Catalog(project="cjmctl", creation_date=FIXED_DATE, revision_date=FIXED_DATE)
    for source in (_code(), _help(), _schemas(), _libraries()):
        for message, where in source:
            if message and (not isinstance(message, tuple) or all(message)):
                filename, _, line = where.rpartition(":")
                place = (filename, int(line)) if line.isdigit() else (where, 0)
                existing = catalog.get(message[0] if isinstance(message, tuple) else message)
                if existing is not None:
                    existing.locations.append(place)
                else:
                    catalog.add(message, locations=[place])
    return catalog


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "cjmctl.po"


def languages() -> list[str]:
    return sorted(p.name for p in LOCALE_DIR.iterdir() if catalog_path(p.name).exists())


def read(lang: str) -> Catalog:
    catalog = _Catalog(locale=lang)
    with catalog_path(lang).open("rb") as file:
        for message in read_po(file, locale=lang):
            if message.id:
                catalog[message.id] = message
    return catalog


def updated(lang: str, source: Catalog) -> Catalog:
    """The catalog of `lang` with every message of `source`; old translations kept, none guessed."""
    catalog = read(lang) if catalog_path(lang).exists() else _Catalog(locale=lang)
    catalog.update(source, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()
    catalog.project = "cjmctl"
    catalog.version = "1"
    catalog.msgid_bugs_address = "https://github.com/cjmctl/cjmctl/issues"
    catalog.header_comment = "\n".join(
        f"# {line}"
        for line in HEADER.format(
            language=catalog.locale.english_name if catalog.locale else lang
        ).splitlines()
    )
    catalog.language_team = f"cjmctl <{lang}>"
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    catalog.last_translator = "cjmctl"
    catalog.fuzzy = False
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    """The `.po` text: sorted by message, no line numbers, lines of at most 100 characters."""
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, include_lineno=False, omit_header=False)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    """The compiled catalog gettext reads; fuzzy entries are left out, as msgfmt does."""
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def fields(text: str) -> set[str]:
    """The `{placeholders}` (and click's `%(name)s`) of a message, with conversion and spec."""
    found = set(re.findall(r"%\(\w+\)[sdr]", text))
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            found.add(
                f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
            )
    return found


def problems(catalog: Catalog) -> Iterator[str]:
    """What keeps a catalog from being complete: untranslated, fuzzy or placeholder mismatches."""
    for message in catalog:
        if not message.id:
            continue
        ids = tuple(message.id) if isinstance(message.id, (tuple, list)) else (message.id,)
        texts = (
            tuple(message.string)
            if isinstance(message.string, (tuple, list))
            else (message.string,)
        )
        texts = tuple(text or "" for text in texts)
        shown = ids[0][:70]
        if message.fuzzy:
            yield f"fuzzy: {shown!r}"
        if not all(texts):
            yield f"not translated: {shown!r}"
            continue
        try:
            want = fields(ids[-1])
            for text in texts:
                if fields(text) != want:
                    got = sorted(fields(text))
                    yield f"placeholders differ: {shown!r}: {got} != {sorted(want)}"
        except ValueError as error:  # a brace that is not a placeholder, unbalanced
            yield f"braces: {shown!r}: {error}"


PROSE = re.compile(r"[A-Za-z]{2,}[,:;]? [a-z]{2,}")
"""Two words: the shape of a sentence for people, not of a key, an id or a CSS class."""
MARKERS = frozenset(KEYWORDS)
NOT_SHOWN = "# i18n: not shown"
"""A comment on a string's line: people never read it (a shell script, XML, a CSS class)."""
_DATA_KEYWORDS = frozenset(
    {"description", "examples", "title", "pattern", "json_schema_extra", "help", "short_help"}
)
"""The schema's words, and `--help`'s: the catalog takes both from where they end up."""
_DATA_FILES = frozenset({"labels.py"})
"""The map's labels, per journey locale: translated by a dict of their own, not the catalog."""


def unmarked(paths: Iterable[Path]) -> Iterator[str]:
    """Texts in the code that read as sentences for people but reach them untranslated.

    Docstrings, the JSON Schema's words (`description=` and such) and the map's labels are
    not messages; a string marked `# i18n: not shown` is not either. `_` of anything but a
    plain literal is refused too: the extractor could not see the message.
    """
    for path in sorted(paths):
        if path.name in _DATA_FILES:
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source)
        skip: set[int] = set()
        where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        for node in ast.walk(tree):
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
                skip.add(id(node.value))  # docstrings, of modules, classes, functions, attributes
            elif isinstance(node, ast.JoinedStr):
                skip.update(id(part) for part in node.values)
            elif isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if name in MARKERS:
                    skip.update(id(inner) for inner in ast.walk(node))
                    count = 2 if name == "ngettext" else 1
                    # `_(CONSTANT)` says a text marked with `N_` where it is defined; a text
                    # built in the call (f-string, `+`, `.format`) is one no catalog can hold.
                    built = any(
                        not isinstance(arg, ast.Constant | ast.Name | ast.Attribute | ast.Subscript)
                        or (isinstance(arg, ast.Constant) and not isinstance(arg.value, str))
                        for arg in node.args[:count]
                    )
                    if built or len(node.args) < count:
                        yield f"{where}:{node.lineno}: {name}() of something not a plain text"
                for keyword in node.keywords:
                    if keyword.arg in _DATA_KEYWORDS:
                        skip.update(id(inner) for inner in ast.walk(keyword.value))
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.JoinedStr):
                text = "".join(
                    str(part.value) if isinstance(part, ast.Constant) else "{}"
                    for part in node.values
                )
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
            else:
                continue
            end = node.end_lineno or node.lineno
            if PROSE.search(text) and not any(
                NOT_SHOWN in lines[n - 1] for n in range(node.lineno, end + 1)
            ):
                yield f"{where}:{node.lineno}: {text[:80]!r}"


def _write(path: Path, data: bytes, check: bool, stale: list[str]) -> None:
    if path.exists() and path.read_bytes() == data:
        return
    if check:
        stale.append(f"stale: {path.relative_to(ROOT)}; run python scripts/i18n.py")
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def run(check: bool, new: Iterable[str] = ()) -> list[str]:
    """Update (or with `check`, verify) every catalog; return what is wrong."""
    source = template()
    found: list[str] = []
    for lang in sorted({*languages(), *new}):
        catalog = updated(lang, source)
        _write(catalog_path(lang), po_bytes(catalog), check, found)
        _write(catalog_path(lang).with_suffix(".mo"), mo_bytes(catalog), check, found)
        found.extend(f"{lang}: {problem}" for problem in problems(catalog))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if not complete"
    )
    parser.add_argument(
        "--init", metavar="LANG", action="append", default=[], help="start a catalog"
    )
    parser.add_argument(
        "--unmarked", metavar="PATH", nargs="*", help="list texts not marked for translation"
    )
    args = parser.parse_args()
    if args.unmarked is not None:
        roots = [Path(p).resolve() for p in args.unmarked] or [PACKAGE]
        paths = [f for r in roots for f in ([r] if r.is_file() else r.rglob("*.py"))]
        texts = list(unmarked(paths))
        print("\n".join(texts))
        print(f"{len(texts)} texts not marked", file=sys.stderr)
        return 1 if texts else 0
    for code in args.init:  # parser.error exits 2
        try:
            known = Locale.parse(code)
        except (UnknownLocaleError, ValueError) as error:
            parser.error(f"--init {code!r}: not a language Babel knows ({error})")
        if known.modifier or str(known) != code:
            parser.error(
                f"--init {code!r}: write the language as Babel's code, e.g. {known.language!r}"
            )
    found = run(args.check, args.init)
    for line in found:
        print(line)
    for lang in sorted({*languages(), *args.init}):
        count = sum(line.startswith(f"{lang}: ") for line in found)
        print(f"{lang}: {count} {'problem' if count == 1 else 'problems'}", file=sys.stderr)
    stale = sum(line.startswith("stale: ") for line in found)
    if stale:
        print(f"{stale} stale {'file' if stale == 1 else 'files'}", file=sys.stderr)
    return 1 if found and (args.check or any(not f.startswith("stale") for f in found)) else 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["Message", "fields", "mo_bytes", "po_bytes", "problems", "run", "template", "updated"]
