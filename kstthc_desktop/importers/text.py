"""Plain text (.txt, .tsv, .csv with TABs): what copying a plan out of a PDF or Word gives.

Two layouts occur. Rows on one line with TAB between cells, a page break showing as blank lines followed by a
row that continues the one above; or one cell per line (each starting with a TAB), rows separated by blank lines,
a line without a TAB continuing the cell above. Cells may carry stray HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from kstthc_desktop.errors import UserError
from kstthc_desktop.importers.base import Block, Cell, Paragraph, Reader, Row, Table
from kstthc_desktop.importers.htmltext import html_text
from kstthc_desktop.importers.safety import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, MAX_TEXT_LINES, tick
from kstthc_desktop.text import clean

_MARKDOWN = re.compile(r"^\s*#+\s*|\*\*|__")


class TextReader(Reader):
    name = "text"
    suffixes = (".txt", ".tsv", ".text", ".tab")

    def blocks(self, path: Path) -> list[Block]:
        return text_blocks(decode(path.read_bytes(), path.name), self.notes)


def decode(data: bytes, name: str = "") -> str:
    """Text from bytes: UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is not a plan text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif data[:4096].count(b"\x00") * 100 <= len(data[:4096]):  # a stray NUL is cleaned; UTF-16 is half NULs
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    raise UserError(
        f"Tệp \"{name}\" không phải văn bản Unicode (UTF-8) đọc được: hãy mở kế hoạch trong Word và lưu lại "
        "dạng .docx, hoặc sao chép bảng rồi dán vào chương trình."
    )


def cell(text: str) -> str:
    return html_text(text.replace("**", "").replace("__", ""))


def paragraph(text: str) -> str:
    return clean(html_text(_MARKDOWN.sub("", text)))


_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _pipe_to_tabs(line: str) -> str:
    """A Markdown table row "| 1 | Nội dung | … |" as a TAB row; its "|---|---|" rule as nothing."""
    if _PIPE_RULE.match(line):
        return ""
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        return "\t".join(cell.strip() for cell in stripped[1:-1].split("|"))
    return line


_TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)


def html_tables(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each ``<table …>…</table>`` in ``text``, the first closing tag ending each: one pass, however
    many tables are left open (a lazy regex from each "<table" to the end took 29 s on 20,000 of them)."""
    position = 0
    while (start := _TABLE_OPEN.search(text, position)) is not None:
        end = _TABLE_CLOSE.search(text, start.end())
        if end is None:
            return  # no table closes after this one, so none after it either
        yield start.start(), end.end()
        position = end.end()


def text_blocks(text: str, notes: list[tuple[str, str]] | None = None) -> list[Block]:
    """Blocks from a text export; an HTML <table> inside it (converters write merged tables so) is read as one.
    Only the first ``MAX_TEXT_LINES`` lines are read (what is left out goes into ``notes``)."""
    text, beyond = _first_lines(text)
    kept = len(notes) if notes is not None else 0
    blocks = _text_blocks(text, notes, beyond)
    if beyond and notes is not None and len(notes) == kept:  # no table was cut short: say where the reading stopped
        notes.append((f"Văn bản dài quá {MAX_TEXT_LINES} dòng: chỉ đọc {MAX_TEXT_LINES} dòng đầu, {beyond} dòng có nội "
                      "dung phía sau không được đọc. Nếu đó là nhiệm vụ của kế hoạch, hãy tách văn bản rồi nhập lại.",
                      "rows_dropped"))
    return blocks


def _text_blocks(text: str, notes: list[tuple[str, str]] | None, beyond: int) -> list[Block]:
    if "<table" not in text.lower():
        return _plain_blocks(text, notes, beyond)
    from kstthc_desktop.importers.clipboard import html_blocks

    blocks: list[Block] = []
    position = 0
    for start, end in html_tables(text):
        blocks += _plain_blocks(text[position:start], notes)
        blocks += html_blocks(text[start:end])
        position = end
    return blocks + _plain_blocks(text[position:], notes, beyond)


def _first_lines(text: str) -> tuple[str, int]:
    """``text`` cut after ``MAX_TEXT_LINES`` lines, and how many lines with words were left out."""
    cut = -1
    for _ in range(MAX_TEXT_LINES):
        cut = text.find("\n", cut + 1)
        if cut < 0:
            return text, 0
    return text[:cut], sum(1 for line in text[cut + 1:].split("\n") if line.strip())


def _plain_blocks(text: str, notes: list[tuple[str, str]] | None = None, beyond: int = 0) -> list[Block]:
    """``beyond``: lines with words past the end of ``text`` that were not read (counted in a note if rows are cut)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    lines = text.split("\n")
    if sum(1 for ln in lines if ln.lstrip().startswith("|")) >= 3:
        lines = [_pipe_to_tabs(ln) for ln in lines]
    per_line = sum(1 for ln in lines if ln.startswith("\t") and ln.count("\t") == 1 and ln.strip())
    rows = sum(1 for ln in lines if "\t" in ln.strip("\t ") or ln.count("\t") > 1)
    if per_line > rows:
        return _cell_per_line(lines, notes, beyond)
    return _row_per_line(lines, notes, beyond)


def _rows_left_out(lines: list[str], notes: list[tuple[str, str]] | None, beyond: int) -> None:
    """The note for a text whose table runs past ``MAX_ROWS`` rows (``lines``: those not read)."""
    rest = sum(1 for line in lines if line.strip()) + beyond
    if notes is not None:
        notes.append((f"Bảng trong văn bản dài quá {MAX_ROWS} dòng: chỉ đọc {MAX_ROWS} dòng đầu, {rest} dòng văn bản "
                      "phía sau không được đọc. Nếu đó là nhiệm vụ của kế hoạch, hãy tách văn bản rồi nhập lại.",
                      "rows_dropped"))


def _grow(text: str, more: str) -> str:
    """A cell's text with another line; a cell already past ``MAX_CELL_CHARS`` takes no more (it is cut, with a
    warning, on the way out), so a text of endless lines costs no more than one of few."""
    if len(text) > MAX_CELL_CHARS:
        return text
    return "\n".join(p for p in (text, more) if p)


def _row_per_line(lines: list[str], notes: list[tuple[str, str]] | None = None, beyond: int = 0) -> list[Block]:
    blocks: list[Block] = []
    table: Table | None = None
    blanks = 0
    width = read = 0  # the widest row of the current table; rows read in all
    for number, line in enumerate(lines, 1):
        tick()
        if not line.strip():
            blanks += 1
            continue
        if "\t" in line:
            if table is None:
                table = Table()
                blocks.append(table)
                width = 0
            parts = line.split("\t", MAX_COLUMNS)
            last = table.rows[-1] if table.rows else None
            first = cell(parts[0]).strip()
            # a row starts with a number ("a)" too), a capital or an empty cell, never in the middle of a sentence
            runs_on = starts_lower(first) and not re.fullmatch(r"\(?[a-zđ]{1,4}\s*[.):]?", first)
            if last is not None and not blanks and (runs_on or (len(last.cells) < width and len(parts) < width
                                                    and len(last.cells) + len(parts) - 1 == width)):
                # Word's "save as text": a cell's next paragraph starts a new line, the row's other cells follow it
                tail = last.cells[-1]
                tail.text = _grow(tail.text, cell(parts[0]))
                last.cells.extend(Cell(cell(part)) for part in parts[1:])
                width = max(width, len(last.cells))
                blanks = 0
                continue
            if read == MAX_ROWS:
                _rows_left_out(lines[number - 1:], notes, beyond)
                break
            cells = [Cell(cell(part)) for part in parts]
            table.rows.append(Row(cells, line=number, after_break=blanks > 0 and bool(table.rows), merges_known=False))
            width, read = max(width, len(cells)), read + 1
        elif table is not None and table.rows and not blanks and not _heading_like(line):
            # a cell's own line break: the words go on in the row's last cell
            last_cell = table.rows[-1].cells[-1]
            last_cell.text = _grow(last_cell.text, cell(line))
        else:
            text = paragraph(line)
            if text:
                blocks.append(Paragraph(text, line=number))
                table = None
        blanks = 0
    for block in blocks:
        for row in getattr(block, "rows", ()):
            for c in row.cells:
                c.text = _unquote(c.text)
    return blocks


def starts_lower(text: str) -> bool:
    from kstthc_desktop.importers.table import starts_lower as lower

    return lower(text)


def _unquote(text: str) -> str:
    """A cell as Excel copies it (TAB text): quoted when it holds a line break or a quote, quotes doubled inside."""
    if len(text) >= 2 and text[0] == text[-1] == '"' and ("\n" in text or '""' in text):
        return text[1:-1].replace('""', '"').strip()
    return text


_CLOSING = re.compile(r"^\s*(nơi nhận|tm\.|kt\.|q\.|lưu:|trên đây|ghi chú:)", re.IGNORECASE)


def _heading_like(line: str) -> bool:
    """A line that starts something new (a heading, the closing block) rather than continuing a cell."""
    from kstthc_desktop.importers.table import looks_like_heading

    return bool(_CLOSING.match(line)) or looks_like_heading(paragraph(line))


def _cell_per_line(lines: list[str], notes: list[tuple[str, str]] | None = None, beyond: int = 0) -> list[Block]:
    blocks: list[Block] = []
    table: Table | None = None
    row: Row | None = None
    parts: list[list[str]] = []
    read = 0

    def close_row() -> None:
        nonlocal row, parts, read
        if row is not None:
            assert table is not None  # a row is only started inside a table
            row.cells = [Cell(cell("\n".join(p))) for p in parts[:MAX_COLUMNS]]
            if any(c.text for c in row.cells):
                table.rows.append(row)
                read += 1
        row, parts = None, []

    for number, line in enumerate(lines, 1):
        tick()
        if read >= MAX_ROWS:
            _rows_left_out(lines[number - 1:], notes, beyond)
            row = None
            break
        if not line.strip() and not line.startswith("\t"):
            close_row()
            continue
        following = lines[number] if number < len(lines) else ""
        if not line.startswith("\t") and line.count("\t") >= 2:
            close_row()  # a whole row on one line among rows of one cell per line (Word: cells without a break)
            if table is None:
                table = Table()
                blocks.append(table)
            table.rows.append(Row([Cell(cell(part)) for part in line.split("\t", MAX_COLUMNS)], line=number,
                                  merges_known=False))
            read += 1
            continue
        if not line.startswith("\t") and "\t" not in line and following.startswith("\t") and row is None \
                and table is not None:
            row = Row([], line=number, merges_known=False)  # the row's first cell, its other cells on TAB lines
            parts.append([line])
            continue
        if line.startswith("\t"):
            if table is None:
                table = Table()
                blocks.append(table)
            if row is None:
                row = Row([], line=number, merges_known=False)
            parts.append([line[1:].replace("\t", " ")])
        elif row is not None:
            parts[-1].append(line)
        else:
            text = paragraph(line)
            if text:
                blocks.append(Paragraph(text, line=number))
                table = None
    close_row()
    return blocks
