"""The HTML map parsed as a screen shows it, for structural tests of the page."""

from __future__ import annotations

from xml.etree.ElementTree import Element

import html5lib


def parse(html: bytes, *, printed: bool = False) -> Element:
    """The page as text: `<wbr>` break points joined away, and without the print-only pages
    (which repeat every cell) unless `printed`."""
    tree: Element = html5lib.parse(html, namespaceHTMLElements=False)
    for parent in list(tree.iter()):
        for child in list(parent):
            if child.tag == "wbr":  # a place a long word may break, not text: join around it
                at = list(parent).index(child)
                if at == 0:
                    parent.text = (parent.text or "") + (child.tail or "")
                else:
                    before = parent[at - 1]
                    before.tail = (before.tail or "") + (child.tail or "")
                parent.remove(child)
    if not printed:
        for parent in tree.iter():
            for child in list(parent):
                if child.get("class") == "print-pages":
                    parent.remove(child)
    return tree
