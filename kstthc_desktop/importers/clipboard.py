"""What the clipboard holds after copying a plan's table in Word (or a web page): HTML with <table>.

Word puts a "CF_HTML" header before the HTML, cells with several <p>, and merges as colspan / rowspan. The
parser turns the tables into the same blocks the file readers give (rowspan → vertical merge flags, colspan →
horizontal ones), and text between tables into paragraphs, so the paste goes through the one understanding step.
When there is no HTML, the TAB-separated text of the paste is read like a text export.
"""

from __future__ import annotations

from html.parser import HTMLParser

from kstthc_desktop.errors import UserError
from kstthc_desktop.importers.base import Block, Cell, Paragraph, Row, Table
from kstthc_desktop.importers.safety import (MAX_COLUMNS, MAX_HTML_CHARS, MAX_HTML_TAGS, MAX_ROWS, count_attr, tick,
                                             vi_number)
from kstthc_desktop.text import clean

_CHUNK = 1024 * 1024  # HTML is fed in pieces of this size, the parse deadline checked between them

_BREAK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6"}


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.depth = 0  # table nesting; inner tables become text of the outer cell
        self.text: list[str] = []  # text outside tables
        self.table: Table | None = None
        self.row: list[tuple[str, int, int]] | None = None  # (text, colspan, rowspan)
        self.cell: list[str] | None = None
        self.span = (1, 1)
        self.pending: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
        self.skip = 0  # inside <style>, <script>, <head> title

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """Word's ``<![if !supportLists]>``; a "<![" followed by no name is kept as text (Python 3.11's parser
        stops on it with an AssertionError: a pasted table with one stray "<![" in a cell was refused)."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.handle_data(self.rawdata[i:i + 3])
            return i + 3

    def _flush_text(self) -> None:
        text = clean("".join(self.text))
        if text:
            for line in text.split("\n"):
                self.blocks.append(Paragraph(line))
        self.text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in ("style", "script", "title"):
            self.skip += 1
        elif tag == "table":
            self.depth += 1
            if self.depth == 1:
                self._flush_text()
                self.table = Table()
                self.blocks.append(self.table)
                self.pending = {}
        elif self.depth == 1 and tag == "tr":
            self.row = []
        elif self.depth == 1 and tag in ("td", "th"):
            self.cell = []
            self.span = (_int(attributes.get("colspan"), MAX_COLUMNS), _int(attributes.get("rowspan"), 100))
        elif tag in _BREAK:
            self._target().append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "title"):
            self.skip = max(0, self.skip - 1)
        elif tag == "table":
            self.depth -= 1
            if self.depth == 0:
                self.table = None
        elif self.depth == 1 and tag in ("td", "th") and self.cell is not None and self.row is not None:
            if len(self.row) < MAX_COLUMNS:  # cells past the last column read are not kept
                self.row.append((clean("".join(self.cell)), *self.span))
            self.cell = None
        elif self.depth == 1 and tag == "tr" and self.row is not None:
            self._close_row()
        elif tag in _BREAK:
            self._target().append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._target().append(data)

    def _target(self) -> list[str]:
        if self.depth and self.cell is not None:
            return self.cell
        return self.text if not self.depth else []

    def _close_row(self) -> None:
        assert self.row is not None and self.table is not None  # a <tr> closes inside its <table>
        if len(self.table.rows) >= MAX_ROWS:  # counted, not kept: the warning says how many
            self.table.dropped += 1
            self.row = None
            return
        cells: list[Cell] = []
        column = 0
        queue = list(self.row)
        self.row = None
        while queue or any(c >= column for c in self.pending):
            if self.pending.get(column, 0) > 0:
                self.pending[column] -= 1
                cells.append(Cell(vmerge=True))
                column += 1
                continue
            if not queue:
                column += 1
                if column > 200:
                    break
                continue
            text, colspan, rowspan = queue.pop(0)
            for k in range(colspan):
                cells.append(Cell(text if k == 0 else "", hmerge=k > 0))
                if rowspan > 1:
                    self.pending[column + k] = rowspan - 1
            column += colspan
        self.table.rows.append(Row(cells, line=len(self.table.rows) + 1))

    def close(self) -> None:
        super().close()
        self._flush_text()


def _int(value: str | None, limit: int) -> int:
    """A colspan / rowspan: 1 unless a whole number, at most ``limit``."""
    return max(1, count_attr(value, 1, limit))


def html_blocks(html: str) -> list[Block]:
    if len(html) > MAX_HTML_CHARS or html.count("<") > MAX_HTML_TAGS:  # Python's HTML parser: ~10 µs a tag
        raise UserError(f"Bảng HTML quá lớn ({vi_number(len(html) // 1024)} kB, {vi_number(html.count('<'))} thẻ) để "
                        "là một bảng kế hoạch; hãy chỉ chọn bảng kế hoạch rồi sao chép và dán lại, hoặc dán dạng văn "
                        "bản.")
    start = html.find("<")
    html = html[start:] if start > 0 else html
    parser = _Tables()
    for piece in range(0, len(html), _CHUNK):
        tick()
        parser.feed(html[piece:piece + _CHUNK])
    parser.close()
    return parser.blocks
