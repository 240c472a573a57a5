"""Stray HTML in cells (text exports, the clipboard) to plain text: tags dropped, paragraphs and list items kept
as lines, entities decoded. A tiny state machine over ``html.parser``; no HTML library needed."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from kstthc_desktop.text import clean

_TAG = re.compile(r"</?[a-zA-Z][^<>]*>|&[a-zA-Z#0-9]+;")
_BREAKS = {"p", "div", "li", "ul", "ol", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(text: str) -> str:
    """``text`` with any HTML tags removed (paragraphs and <li> become lines); plain text passes unchanged."""
    if not text or not _TAG.search(text):
        return clean(text)
    parser = _Text()
    parser.feed(text)
    parser.close()
    return clean("".join(parser.parts))
