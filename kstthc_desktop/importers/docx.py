"""Word documents (.docx): every table in reading order, with the paragraphs between them.

Paragraphs between tables are the group headings of a plan split into several tables. Merged cells come from
the Word XML itself: ``w:gridSpan`` (horizontal) and ``w:vMerge`` (vertical); python-docx opens the package,
and we walk its XML so merges, line breaks and tables inside content controls are all seen.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kstthc_desktop.importers.base import Block, Cell, Paragraph, Reader, Row, Table, damaged
from kstthc_desktop.importers.safety import (MAX_COLUMNS, MAX_ROWS, MAX_TEXT_LINES, check_zip, count_attr, tick,
                                             vi_number)
from kstthc_desktop.text import clean

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: An element of the Word XML: lxml, which ships no type information.
Element = Any


class DocxReader(Reader):
    name = "docx"
    suffixes = (".docx", ".docm")

    def blocks(self, path: Path) -> list[Block]:
        check_zip(path, "Word")
        with zipfile.ZipFile(path) as archive:
            if "word/document.xml" not in archive.namelist():
                raise damaged(path, "Word")
        import docx

        try:
            document = docx.Document(str(path))
        except Exception as exc:  # python-docx / lxml raise many kinds on damaged parts
            raise damaged(path, "Word") from exc
        return self.first_blocks(body_blocks(document.element.body, self.notes))

    def first_blocks(self, blocks: Iterable[Block]) -> list[Block]:
        """The document's blocks until its tables have given more than ``MAX_ROWS`` rows or it has given
        ``MAX_TEXT_LINES`` blocks (a document of 100,000 one-row tables is no plan), with a note when more follow."""
        kept: list[Block] = []
        rows = 0
        for block in blocks:
            if rows > MAX_ROWS or len(kept) >= MAX_TEXT_LINES:
                self.notes.append((f"Tài liệu quá dài: chỉ đọc {vi_number(len(kept))} đoạn và bảng đầu ({vi_number(rows)} "
                                   "dòng bảng), phần sau không được đọc. Nếu đó là nhiệm vụ của kế hoạch, hãy tách tài "
                                   "liệu rồi nhập lại.", "rows_dropped"))
                break
            kept.append(block)
            rows += len(getattr(block, "rows", ()))
        return kept


def body_blocks(body: Element, notes: list[tuple[str, str]] | None = None) -> Iterator[Block]:
    for element in body.iterchildren():
        tick()
        tag = element.tag
        if tag == W + "p":
            text = clean(paragraph_text(element))
            if text:
                yield Paragraph(text)
        elif tag == W + "tbl":
            cells = element.findall(f"{W}tr/{W}tc")
            if len(cells) == 1 and cells[0].find(f".//{W}tbl") is not None:
                yield from body_blocks(cells[0], notes)  # a frame around the appendix: read what is inside it
            else:
                yield table_block(element, notes)
        elif tag == W + "sdt":
            content = element.find(W + "sdtContent")
            if content is not None:
                yield from body_blocks(content, notes)


def paragraph_text(p: Element) -> str:
    parts = []
    for node in p.iter(W + "t", W + "tab", W + "br", W + "cr"):
        if node.tag == W + "t":
            parts.append(node.text or "")
        elif node.tag == W + "tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def cell_text(tc: Element) -> str:
    return clean("\n".join(paragraph_text(p) for p in tc.iter(W + "p")))


def table_block(tbl: Element, notes: list[tuple[str, str]] | None = None) -> Table:
    rows: list[Row] = []
    for number, tr in enumerate(tbl.iterchildren(W + "tr"), 1):
        if number > MAX_ROWS:
            if notes is not None:
                dropped = sum(1 for _ in tbl.iterchildren(W + "tr")) - MAX_ROWS
                notes.append((f"Bảng dài quá {MAX_ROWS} dòng: chỉ đọc {MAX_ROWS} dòng đầu, {dropped} dòng phía sau "
                              "không được đọc. Nếu đó là nhiệm vụ của kế hoạch, hãy tách bảng rồi nhập lại.",
                              "rows_dropped"))
            break
        tick()
        rows.append(Row(row_cells(tr), line=number))
    return Table(rows)


def row_cells(tr: Element) -> list[Cell]:
    """A table row's grid cells: ``w:gridBefore`` empty cells, then each cell and the columns it spans. Counts are
    read as a file from anyone may hold them ("abc" is 1, 200,000,000 is the room left): a row is at most
    ``MAX_COLUMNS`` wide."""
    cells: list[Cell] = []
    tr_pr = tr.find(W + "trPr")
    if tr_pr is not None:
        before = tr_pr.find(W + "gridBefore")
        if before is not None:
            cells.extend(Cell() for _ in range(count_attr(before.get(W + "val"), 0, MAX_COLUMNS)))
    for tc in tr.iterchildren(W + "tc"):
        if len(cells) >= MAX_COLUMNS:
            break
        span, vmerge = 1, False
        tc_pr = tc.find(W + "tcPr")
        if tc_pr is not None:
            grid_span = tc_pr.find(W + "gridSpan")
            if grid_span is not None:
                span = max(1, count_attr(grid_span.get(W + "val"), 1, MAX_COLUMNS - len(cells)))
            v = tc_pr.find(W + "vMerge")
            vmerge = v is not None and v.get(W + "val", "continue") != "restart"
        cells.append(Cell("" if vmerge else cell_text(tc), vmerge=vmerge))
        cells.extend(Cell(hmerge=True, vmerge=vmerge) for _ in range(span - 1))
    return cells
