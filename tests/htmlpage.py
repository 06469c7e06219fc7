"""The HTML map parsed as a screen shows it, for structural tests of the page."""

from __future__ import annotations

from xml.etree.ElementTree import Element

import html5lib


def parse(html: bytes, *, printed: bool = False) -> Element:
    """The page without the print-only pages (which repeat every cell), unless `printed`."""
    tree: Element = html5lib.parse(html, namespaceHTMLElements=False)
    if not printed:
        for parent in tree.iter():
            for child in list(parent):
                if child.get("class") == "print-pages":
                    parent.remove(child)
    return tree
