"""The words of libyaml's syntax errors in the user's language: its problems and their contexts.

libyaml says a fixed set of phrases (`did not find expected key`, `while parsing a block
mapping`); they are marked here, with braces doubled as `str.format` reads them, and looked up by
the phrase libyaml says. A phrase not listed (a newer libyaml, PyYAML's pure-Python parser) is
shown as it is.
"""

from __future__ import annotations

from cjmctl.i18n import N_, _

_PHRASES = (
    # What went wrong.
    N_("block sequence entries are not allowed in this context"),
    N_("control characters are not allowed"),
    N_("could not find expected ':'"),
    N_("could not find expected directive name"),
    N_("did not find URI escaped octet"),
    N_("did not find expected '!'"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}}'"),
    N_("did not find expected '-' indicator"),
    N_("did not find expected <document start>"),
    N_("did not find expected alphabetic or numeric character"),
    N_("did not find expected comment or line break"),
    N_("did not find expected digit or '.' character"),
    N_("did not find expected hexdecimal number"),
    N_("did not find expected key"),
    N_("did not find expected node content"),
    N_("did not find expected tag URI"),
    N_("did not find expected version number"),
    N_("did not find expected whitespace"),
    N_("did not find expected whitespace or line break"),
    N_("did not find the expected '>'"),
    N_("found a tab character that violates indentation"),
    N_("found a tab character where an indentation space is expected"),
    N_("found an incorrect leading UTF-8 octet"),
    N_("found an incorrect trailing UTF-8 octet"),
    N_("found an indentation indicator equal to 0"),
    N_("found character that cannot start any token"),
    N_("found duplicate %TAG directive"),
    N_("found duplicate %YAML directive"),
    N_("found extremely long version number"),
    N_("found incompatible YAML document"),
    N_("found invalid Unicode character escape code"),
    N_("found undefined tag handle"),
    N_("found unexpected ':'"),
    N_("found unexpected document indicator"),
    N_("found unexpected end of stream"),
    N_("found unexpected non-alphabetical character"),
    N_("found unknown directive name"),
    N_("found unknown escape character"),
    N_("mapping keys are not allowed in this context"),
    N_("mapping values are not allowed in this context"),
    # Where it went wrong.
    N_("while parsing a %TAG directive"),
    N_("while parsing a block collection"),
    N_("while parsing a block mapping"),
    N_("while parsing a block node"),
    N_("while parsing a flow mapping"),
    N_("while parsing a flow node"),
    N_("while parsing a flow sequence"),
    N_("while parsing a node"),
    N_("while parsing a quoted scalar"),
    N_("while parsing a tag"),
    N_("while parsing a tag directive"),
    N_("while scanning a %TAG directive"),
    N_("while scanning a %YAML directive"),
    N_("while scanning a block scalar"),
    N_("while scanning a directive"),
    N_("while scanning a plain scalar"),
    N_("while scanning a quoted scalar"),
    N_("while scanning a simple key"),
    N_("while scanning a tag"),
    N_("while scanning a tag directive"),
    N_("while scanning an alias"),
    N_("while scanning an anchor"),
    N_("while scanning for the next token"),
)
_BY_PHRASE = {text.format(): text for text in _PHRASES}


def said(phrase: str) -> str:
    """Say libyaml's `phrase` in the user's language; one not listed, as libyaml says it."""
    text = _BY_PHRASE.get(phrase)
    return _(text).format() if text is not None else phrase
