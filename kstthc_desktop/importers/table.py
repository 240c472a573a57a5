"""Table understanding, shared by every reader: blocks (paragraphs, tables of cells) → a Plan.

What it copes with (docs/domain.md §2): the header row anywhere (a title block above it), headings in any order and
wording, a second header row ("Chủ trì" / "Phối hợp" under "Cơ quan thực hiện"), a row of column numbers, header
rows repeated on every page or table, several tables with group headings between them, section rows (Roman
numerals, "1." headings, titles repeated by merged cells, section rows with a result and deadline of their own),
sub-items (rows without a number that give another result with its own lead or deadline), rows broken at page
ends, a number lost at a page break, multi-paragraph cells. Whatever it is unsure of becomes an ImportWarning
pointing at the row.

Where to add: a heading word ("column word") goes into ``columns._RULES``; a kind of data row into ``ROW_RULES``
(``read_row``); a kind of section row into ``SECTION_RULES`` (``section_of``); a kind of table to find or pass by
into ``Locator``. Each rule's docstring shows the rows it exists for; the first rule that applies wins.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from kstthc_desktop.domain import ImportWarning, Plan, Section, Task
from kstthc_desktop.errors import UserError
from kstthc_desktop.importers.base import Block, Cell, Paragraph, Row, where
from kstthc_desktop.importers.columns import column_role
from kstthc_desktop.importers.safety import MAX_FIELD_CHARS, tick
from kstthc_desktop.text import fold

TEXT_ROLES = ("content", "result", "lead", "cooperate", "deadline", "note")
_ROMAN = re.compile(r"^(?=[IVXLC])M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_CODE_TITLE = re.compile(
    r"^(?:(?:phan|muc|nhom|chuong)\s+)?(?P<code>[ivxlc]+|\d{1,2}(?:\.\d{1,2})*|[a-h])(?P<sep>[.):/-]|\s)\s*(?P<title>\S.*)$",
    re.DOTALL,
)
_TITLE_ROWS_ABOVE_HEADER = 5  # a later sheet or table may print a few title lines above its header
_NUMBERING_CELL = re.compile(r"^\(?(\d{1,2}|[a-z])\)?$")
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[-–•+]?\s*[A-ZĐÀ-Ỹ0-9])")


def is_roman(code: str) -> bool:
    return bool(code) and bool(_ROMAN.match(code.upper()))


def norm_stt(text: str) -> str:
    """A printed number as a key: "1." → "1", "II." → "II", "(3)" → "3". A single lower-case letter stays a
    letter: "c)" and "d)" number items "a)", "b)", … (they are Roman digits only in capitals)."""
    value = " ".join((text or "").split()).strip(" .:)(")
    return value.upper() if is_roman(value) and (len(value) > 1 or value.isupper()) else value


def finished(text: str) -> bool:
    """Whether a cell's text reads as complete (ends like a sentence); an unfinished one may continue below."""
    return text.rstrip().endswith((".", ";", ":", "!", "?", ")", "”", '"', "…"))


def starts_lower(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return False


def join(above: str, below: str, sep: str) -> str:
    """``above`` and ``below`` joined by ``sep``. Text already past ``MAX_FIELD_CHARS`` takes no more: thousands of
    rows continuing one task would otherwise cost time growing with their square (the import cuts it, warning)."""
    if not above:
        return below
    if not below or len(above) > MAX_FIELD_CHARS:
        return above
    return above + sep + below


@dataclass
class Columns:
    """The role of each column of a table, from its header (or the user's mapping)."""

    roles: list[str | None]
    headings: list[str]
    width: int


def header_cells(row: Row) -> list[str]:
    """Heading per column; a heading merged across columns applies to each of them."""
    out, last = [], ""
    for cell in row.cells:
        if cell.hmerge:
            out.append(last)
        else:
            last = cell.text
            out.append(cell.text)
    return out


def header_score(row: Row) -> set[str]:
    """The distinct roles a row's cells name when read as a header (empty when the row is data)."""
    texts = [c.text for c in row.cells if c.text and not c.hmerge]
    if len(texts) < 2 or any(len(t) > 120 for t in texts):
        return set()
    roles = {role for t in texts if (role := column_role(t)) is not None}
    if "content" in roles and len(roles) >= 3:
        return roles
    return set()


def columns_from_header(rows: list[Row]) -> Columns:
    """Roles from one header row, or two (a parent heading over "Chủ trì" / "Phối hợp")."""
    top = header_cells(rows[0])
    width = len(top)
    headings = list(top)
    if len(rows) > 1:
        below = header_cells(rows[1])
        for j, text in enumerate(below[:width]):
            if text and not rows[1].cells[j].vmerge:
                headings[j] = f"{top[j]} {text}".strip() if top[j] != text else text
    roles: list[str | None] = []
    for j, heading in enumerate(headings):
        sub = header_cells(rows[1])[j] if len(rows) > 1 and j < len(rows[1].cells) else ""
        role = column_role(sub) if sub and sub != top[j] else None
        roles.append(role or column_role(heading))
    # A second number column is a finer number; a second deadline column is usually the start date.
    seen_stt = False
    for j, role in enumerate(roles):
        if role == "stt":
            if seen_stt:
                roles[j] = "stt2"
            seen_stt = True
    deadlines = [j for j, r in enumerate(roles) if r == "deadline"]
    if len(deadlines) > 1:
        keep = next((j for j in deadlines if re.search(r"hoan thanh|ket thuc|thoi han|han\b", fold(headings[j]))), deadlines[-1])
        for j in deadlines:
            if j != keep:
                roles[j] = None
    return Columns(roles, headings, width)


def is_subheader(row: Row, header: Row) -> bool:
    """A second header row: short labels naming roles, no number, under a heading merged across columns."""
    texts = [c.text for c in row.cells if c.text and not c.hmerge]
    if not texts or any(len(t) > 40 for t in texts):
        return False
    spanned = any(c.hmerge for c in header.cells) or any(
        not above.text and below.text for above, below in zip(header.cells, row.cells, strict=False))  # text exports lose spans
    if not spanned:
        return False
    return all(column_role(t) or fold(t) in ("bat dau", "ket thuc", "hoan thanh") for t in texts)


def is_numbering_row(row: Row) -> bool:
    """The row "(1) (2) (3) …" or "1 2 3 …" printed under many headers."""
    cells = [c.text for c in row.cells if c.text and not c.hmerge]
    if len(cells) < 3 or any(len(text) > 40 for text in cells):  # "(12)" is short; a task's cell is not
        return False
    texts = []
    for text in cells:  # one cell at a time: a data row fails at its first long cell, with little folded
        folded = fold(text)
        if not _NUMBERING_CELL.match(folded):
            return False
        texts.append(folded)
    digits = [t.strip("()") for t in texts]
    return digits == [str(i) for i in range(1, len(digits) + 1)] or len(set(digits)) == len(digits)


@dataclass
class Segment:
    """A run of data rows under one column layout, with the group heading printed before its table."""

    rows: list[Row]
    columns: Columns
    heading: str = ""


@dataclass
class Located:
    columns: Columns
    header: list[str]
    document_lines: list[str]
    segments: list[Segment] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # warnings about tables left out (not the plan's)
    after_lines: list[str] = field(default_factory=list)  # text after the header (a fallback for docinfo)
    first_heading: str = ""  # the paragraph just before the first table: its group heading, if tables are grouped


def plan_header(rows: list[Row], index: int) -> bool:
    """A header with the plan's columns: content and a lead or a deadline (in it or in the row under it).
    "STT | Chỉ tiêu | Kết quả năm trước | Mục tiêu năm nay" is a header too, of a table of targets."""
    roles = header_score(rows[index])
    if index + 1 < len(rows):
        roles = roles | {role for c in rows[index + 1].cells
                         if c.text and len(c.text) <= 40 and (role := column_role(c.text)) is not None}
    return "content" in roles and bool(roles & {"lead", "deadline"})


def other_table(rows: list[Row], index: int) -> str:
    shown = " | ".join(c.text.replace("\n", " ") for c in rows[index].cells if c.text and not c.hmerge)
    return (f"Bỏ qua bảng \"{shown[:120]}\": không phải bảng kế hoạch (không có cột chủ trì hay thời hạn như "
            "bảng kế hoạch trong tệp).")


def locate(blocks: list[Block], mapping: list[str | None] | None) -> Located:
    """Find the header, split the data rows into segments (tables), and keep the text around for docinfo.

    When some table has the plan's columns (content and a lead or a deadline), a table whose header lacks them
    (targets, a summary) is left out with a warning rather than read as tasks."""
    tables = [b.rows for b in blocks if not isinstance(b, Paragraph)]
    strict = mapping is None and any(header_score(r) and plan_header(t, i) for t in tables for i, r in enumerate(t))
    walk = Locator(mapping, strict)
    for block in blocks:
        if isinstance(block, Paragraph):
            walk.paragraph(block.text)
        else:
            walk.table(block.rows)
    if walk.found is None:
        raise UserError(
            "Không tìm thấy bảng kế hoạch trong tệp: không có dòng tiêu đề nào có các cột như \"Nội dung\", "
            "\"Chủ trì\", \"Thời gian\". Hãy chọn đúng tệp phụ lục, hoặc chỉ định cột bằng --columns."
        )
    if mapping is None:
        for segment in walk.found.segments:
            segment.columns = infer_number_column(segment.columns, segment.rows)
    return walk.found


class Locator:
    """``locate``'s one walk over the blocks. Before the plan's header: title lines (for docinfo) and tables that
    are not the plan's; at the first table with the header: the columns; after it: more tables of the plan (each a
    segment, headed by the paragraphs printed before it), or tables to leave out (signatures, targets)."""

    def __init__(self, mapping: list[str | None] | None, strict: bool):
        self.mapping = mapping
        self.strict = strict  # some table has the plan's columns: a table without them is not the plan's
        self.doc_lines: list[str] = []
        self.skipped: list[str] = []
        self.found: Located | None = None
        self.pending: list[str] = []  # paragraphs since the last table: the next table's group heading
        self.last_paragraph_before = ""

    def paragraph(self, text: str) -> None:
        if self.found is None:
            self.doc_lines.append(text)
            self.last_paragraph_before = text
        else:
            self.pending.append(text)
            self.found.after_lines.append(text)

    def table(self, rows: list[Row]) -> None:
        start = self.first_table(rows) if self.found is None else self.later_table(rows)
        if start is not None:
            self.read_rows(rows, start)

    def first_table(self, rows: list[Row]) -> int | None:
        """The first table with a header ("STT | Nội dung | Chủ trì | Thời gian"), or any table when the user maps
        the columns: rows above the header are title lines. Where its data starts; None for a table to pass by."""
        index = next((i for i, r in enumerate(rows) if header_score(r)), None)
        if self.strict and index is not None and not plan_header(rows, index):
            self.skipped.append(other_table(rows, index))
            return None
        mapping = self.mapping
        if index is None and mapping is not None and any(len(r.cells) >= len(mapping) - 1 for r in rows):
            index = first_data_row(rows, mapping) - 1  # the row above the first data row, if any, is the header
        if index is None:
            self.doc_lines.extend(row_text(r) for r in rows)
            return None
        self.doc_lines.extend(row_text(r) for r in rows[: max(index, 0)])
        columns, header, start = first_columns(rows, index, mapping)
        self.found = Located(columns, header, self.doc_lines, skipped=self.skipped,
                             first_heading=self.last_paragraph_before)
        self.found.segments.append(Segment([], columns))
        return start

    def later_table(self, rows: list[Row]) -> int | None:
        """A table after the header's: a new segment of the plan (a sheet or table starting again with a title,
        "PHỤ LỤC (tiếp theo)", above its header: those lines are not tasks), or None for a table that is not the
        plan's: a targets table (strict), a signature or other small table of another width."""
        found = self.found
        assert found is not None
        pending, self.pending = self.pending, []
        first_header = next((i for i, r in enumerate(rows[:_TITLE_ROWS_ABOVE_HEADER + 1]) if header_score(r)), None)
        if self.strict and first_header is not None and not plan_header(rows, first_header):
            found.skipped.append(other_table(rows, first_header))
            return None
        width = max((len(r.cells) for r in rows), default=0)
        if not any(header_score(r) for r in rows[:3]) and abs(width - found.columns.width) > 1:
            return None
        found.segments.append(Segment([], found.segments[-1].columns, heading_from(pending)))
        if self.mapping is not None:
            return 0
        start = first_header or 0  # read_rows reads the header itself as a repeated one
        found.after_lines.extend(row_text(r) for r in rows[:start])
        return start

    def read_rows(self, rows: list[Row], start: int) -> None:
        """Data rows into the current segment. The header printed again (a new page or table) is skipped, and
        starts a new segment when its columns differ; a row of column numbers "(1) (2) (3)" before any data too."""
        found = self.found
        assert found is not None
        segment = found.segments[-1]
        i = start
        while i < len(rows):
            row = rows[i]
            if header_score(row) and self.mapping is None:
                header_rows, span = header_block(rows, i)
                new = columns_from_header(header_rows)
                # only the header's top row printed again (its second row "Chủ trì" / "Phối hợp" left out):
                # the same layout, not a new one
                top_again = len(header_rows) == 1 and \
                    [c.text for c in row.cells if c.text and not c.hmerge] == found.header
                if new.roles != segment.columns.roles and not top_again:
                    segment = Segment([], new, "")
                    found.segments.append(segment)
                i += span
                continue
            if not (not segment.rows and is_numbering_row(row)):
                segment.rows.append(row)
            i += 1


def first_columns(rows: list[Row], index: int, mapping: list[str | None] | None) -> tuple[Columns, list[str], int]:
    """The columns, header texts and first data row of the first table, its header at ``index`` (-1: none, the
    user's mapping names the columns). A user's mapping overrides the roles read from the header."""
    if index < 0:
        assert mapping is not None
        columns, header, start = Columns(list(mapping), [""] * len(mapping), len(mapping)), [], 0
    else:
        header = [c.text for c in rows[index].cells if c.text and not c.hmerge]
        if mapping is not None:
            columns, start = Columns(list(mapping), header_cells(rows[index]), len(mapping)), index + 1
        else:
            header_rows, span = header_block(rows, index)
            columns, start = columns_from_header(header_rows), index + span
    if mapping is not None:
        roles = list(mapping) + [None] * max(0, columns.width - len(mapping))
        columns = Columns(roles[: max(columns.width, len(mapping))], columns.headings, columns.width)
    return columns, header, start


def row_text(row: Row) -> str:
    """A row outside the plan table as text for docinfo: each distinct cell on its own line, so the two columns
    of a document's heading (the issuer left, the national motto right) stay apart."""
    return "\n".join(dict.fromkeys(c.text for c in row.cells if c.text))


def header_block(rows: list[Row], index: int) -> tuple[list[Row], int]:
    """The header rows starting at ``index`` (itself and maybe a second header row) and how many rows to skip
    (those and maybe a row of column numbers under them)."""
    header = rows[index:index + 1]
    if index + 1 < len(rows):
        top = widen_top(rows[index], rows[index + 1])
        if is_subheader(rows[index + 1], top):
            header = [top, rows[index + 1]]
    span = len(header)
    if index + span < len(rows) and is_numbering_row(rows[index + span]):
        span += 1
    return header, span


def widen_top(top: Row, sub: Row) -> Row:
    """Text copied out of Word keeps a heading merged across columns as one cell ("Thời gian" over "Bắt đầu" /
    "Hoàn thành"), so the top header row is shorter than the row under it: give each such heading the run of
    named cells below it (two columns each, the last one of an odd run three), leaving the rest one to one."""
    extra = len(sub.cells) - len(top.cells)
    if top.merges_known or extra <= 0 or any(c.hmerge for c in top.cells):
        return top
    names = [bool(c.text) for c in sub.cells]
    cells: list[Cell] = []
    i = j = 0
    while i < len(top.cells) and j < len(names):
        if not names[j] or extra <= 0:
            cells.append(Cell(top.cells[i].text))
            i, j = i + 1, j + 1
            continue
        run = next((k for k in range(j, len(names)) if not names[k]), len(names)) - j
        count = max(1, min(run // 2, len(top.cells) - i))
        spans = [2] * count
        spans[-1] += run - 2 * count
        for span in spans:
            cells.append(Cell(top.cells[i].text))
            cells.extend(Cell(hmerge=True) for _ in range(span - 1))
            extra -= span - 1
            i += 1
        j += run
    if extra != 0 or i != len(top.cells):
        return top  # the cells do not line up: keep what was printed
    cells.extend(Cell() for _ in range(len(names) - len(cells)))
    return Row(cells, line=top.line, after_break=top.after_break, merges_known=False)


_NUMBER = re.compile(r"\d{1,3}(\.\d{1,3})*\.?|[IVXLC]{1,6}\.?|[a-zA-Z][.)]?|-")


def infer_number_column(columns: Columns, rows: list[Row]) -> Columns:
    """A number column printed without a heading: an unnamed column whose cells are numbers and codes."""
    if any(r in ("stt", "stt2") for r in columns.roles):
        return columns
    for j, role in enumerate(columns.roles):
        if role is not None or (columns.headings[j] if j < len(columns.headings) else ""):
            continue
        values = [r.cells[j].text for r in rows if j < len(r.cells) and r.cells[j].text and not r.cells[j].hmerge]
        if values and sum(1 for v in values if _NUMBER.fullmatch(v.strip())) >= 0.7 * len(values):
            roles = list(columns.roles)
            roles[j] = "stt"
            return Columns(roles, columns.headings, columns.width)
    return columns


def first_data_row(rows: list[Row], mapping: list[str | None]) -> int:
    """With a user's mapping and no recognisable header: the first row numbered like a task or section."""
    if "stt" not in mapping:
        return 0
    j = mapping.index("stt")
    for i, row in enumerate(rows):
        text = norm_stt(row.cells[j].text) if j < len(row.cells) else ""
        if re.fullmatch(r"\d{1,3}(\.\d{1,3})*|[IVXLC]+", text or "-"):
            return i
    return 0


def looks_like_heading(text: str) -> bool:
    """A group heading between tables: numbered ("II. …", "Phần 2. …", "1. …") or in capitals, and short."""
    if not text or len(text) > 300:
        return False
    letters = [ch for ch in text if ch.isalpha()]
    return bool(parse_code_title(text)) or (len(letters) > 3 and sum(ch.isupper() for ch in letters) > 0.8 * len(letters))


def heading_from(paragraphs: list[str]) -> str:
    paragraphs = [p for p in paragraphs if p]
    if not any(looks_like_heading(p) for p in paragraphs):
        return ""
    text = " ".join(paragraphs)
    if not text:
        return ""
    if len(text) <= 300:
        return text
    last = paragraphs[-1]
    return last if len(last) <= 200 else ""


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return ch if ch == "\n" else " " if ch.isspace() else (fold(ch) or " ")[:1]


def fold_chars(text: str) -> str:
    """``fold`` one character at a time, so offsets in the folded text are offsets in ``text``."""
    return "".join(map(_fold_char, text))


def parse_code_title(text: str) -> tuple[str, str] | None:
    """"II. Kiểm soát …" → ("II", "Kiểm soát …"); None when the text does not start with a section code."""
    m = _CODE_TITLE.match(fold_chars(text[:60]))
    if not m:
        return None
    code, sep = m.group("code"), m.group("sep")
    if is_roman(code.upper()):
        code = code.upper()
    elif code.isalpha():
        if sep.isspace():
            return None  # "a Title" is a word, not a code
        code = code.upper()
    elif sep.isspace() and "." not in code:
        return None  # "2 tasks" is not a heading; "2. Title" is
    return code, text[m.start("title"):].strip()


def code_style(code: str) -> str:
    """The numbering style of a section code: its level is where that style first appears in the plan."""
    if is_roman(code):
        return "roman"
    if code.isalpha():
        return "letter"
    return f"arabic{code.count('.')}"


class Builder:
    """Walks the data rows once, keeping what a careful reader keeps in mind: the section, the last task."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.stack: list[tuple[int, Section]] = []  # open sections by level
        self.styles: list[str] = []  # numbering styles of section codes, outermost first (as first met)
        self.subs: dict[int, int] = {}  # id(main task) -> sub-items so far
        self.codes: set[str] = set()
        self.section: Section | None = None
        self.main: Task | None = None  # last numbered task
        self.last: Task | None = None  # last task or sub-item
        self.group: Section | None = None
        self.last_letter = ""  # the last section coded by a capital letter ("A", "B", …)
        self.positions: dict[int, int] = {}  # id(task) -> its index in plan.tasks

    # -- sections -------------------------------------------------------------------------------------------
    def open_group(self, heading: str, index: int) -> None:
        parsed = parse_code_title(heading)
        code, title = parsed if parsed else (str(index), heading)
        self.group = self.add_section(code, title, level=-1)
        self.stack = [(-1, self.group)]

    def add_section(self, printed: str, title: str, level: int | None = None) -> Section:
        if level is None:
            style = code_style(printed)
            if style == "roman" and len(printed) == 1 and self.last_letter \
                    and ord(printed) == ord(self.last_letter) + 1:
                style = "letter"  # "C" after "B", "D" after "C": letters that happen to be Roman digits
            if style == "letter":
                self.last_letter = printed
            if style not in self.styles:
                self.styles.append(style)
            level = self.styles.index(style)
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        parent = self.stack[-1][1] if self.stack else None
        code = f"{parent.code}.{printed}" if parent else printed
        unique, n = code, 2
        while unique in self.codes:
            unique, n = f"{code}-{n}", n + 1
        self.codes.add(unique)
        section = Section(code=unique, title=title, parent=parent.code if parent else None)
        if unique != printed:
            section.printed_code = printed
        self.plan.sections.append(section)
        self.stack.append((level, section))
        self.section = section
        self.main = self.last = None
        return section

    def heading_level(self, printed: str, next_stt: str) -> int | None:
        """A heading right above a Roman section whose own code is not Roman ("1", "B", none) is a group: one
        level above the Roman sections. None: the level follows the code's style (``add_section``)."""
        if not is_roman(next_stt) or (printed and code_style(printed) == "roman"):
            return None if printed else (self.stack[-1][0] if self.stack else 0)
        if "roman" not in self.styles:
            if printed and code_style(printed) in self.styles:
                return self.styles.index(code_style(printed))
            self.styles.append(code_style(printed) if printed else "heading")
            return len(self.styles) - 1
        return max(self.styles.index("roman") - 1, -1)

    def next_code(self, next_stt: str) -> str:
        """A code for a heading printed without one: the next number among the sections beside it."""
        level = self.heading_level("", next_stt)
        parent = next((s for lv, s in reversed(self.stack) if lv < level), None) if level is not None else None
        siblings = [s for s in self.plan.sections if s.parent == (parent.code if parent else None)]
        return str(len(siblings) + 1)

    # -- tasks ----------------------------------------------------------------------------------------------
    def add_task(self, task: Task) -> Task:
        task.section = self.section.code if self.section else ""
        self.positions[id(task)] = len(self.plan.tasks)
        self.plan.tasks.append(task)
        if task.sub == 0:
            self.main = task
        self.last = task
        return task

    def next_sub(self, main: Task) -> int:
        self.subs[id(main)] = self.subs.get(id(main), 0) + 1
        return self.subs[id(main)]

    def index(self, task: Task) -> int | None:
        """Where ``task`` is in the plan (None: not added yet); by identity, at no cost however many tasks."""
        return self.positions.get(id(task))

    def warn(self, message: str, row: Row, code: str, task: Task | None = None) -> None:
        index = self.index(task) if task is not None else None
        last = self.plan.warnings[-1] if self.plan.warnings else None
        if last is None or (last.message, last.row) != (message, row.line):
            self.plan.warnings.append(ImportWarning(message=message, row=row.line, task_index=index, code=code))
        if task is not None:
            task.ambiguous = True
            task.why = join(task.why, message, "; ")


@dataclass
class RowView:
    """One data row read through the column roles: own text per role, text inherited by vertical merges."""

    row: Row
    own: dict[str, str]
    inherited: dict[str, str]
    merged: set[str]
    extras: dict[str, str]
    stt: str
    stt_cells: list[str]
    hspan_title: bool  # the first text cell is merged across the rest of the row
    unnumbered: bool = False  # a "-" in the number column, or a table without one: tasks carry no number

    def value(self, role: str) -> str:
        return self.own.get(role) or self.inherited.get(role, "")


def view_row(row: Row, columns: Columns, above: list[str]) -> tuple[RowView, list[str]]:
    own: dict[str, str] = {}
    inherited: dict[str, str] = {}
    merged: set[str] = set()
    extras: dict[str, str] = {}
    resolved: list[str] = []
    stt_cells: list[str] = []
    title_columns: set[int] = set()
    for j, cell in enumerate(row.cells):
        role = columns.roles[j] if j < len(columns.roles) else None
        if cell.vmerge:
            value = above[j] if j < len(above) else ""
            resolved.append(value)
            if role:
                merged.add(role)
                if value:
                    inherited[role] = join(inherited.get(role, ""), value, "\n")
            continue
        resolved.append(cell.text)
        if cell.hmerge or not cell.text:
            continue
        if title_columns and cell.text == row.cells[min(title_columns)].text:
            continue  # a text export prints a title merged across the row in every cell it spans
        if role in ("stt", "stt2") and title_across(row, j):
            role = "content"  # "1 | Thực hiện các nhiệm vụ… (merged from Stt2 to the edge)": the heading's title
            title_columns.add(j)
        if role in ("stt", "stt2"):
            stt_cells.append(cell.text)
        elif role:
            own[role] = join(own.get(role, ""), cell.text, "\n")
        else:
            heading = columns.headings[j] if j < len(columns.headings) else ""
            extras[heading or f"Cột {j + 1}"] = cell.text
    first_text = next((j for j, c in enumerate(row.cells) if c.text and not c.vmerge and (
        j in title_columns or columns.roles[j:j + 1] not in (["stt"], ["stt2"]))), None)
    hspan = bool(title_columns) or (first_text is not None and sum(1 for c in row.cells[first_text + 1:] if c.hmerge) >= 2)
    stt = norm_stt(stt_cells[-1]) if stt_cells else ""
    bullet = bool(stt) and not stt.strip("-–+*•·")
    if bullet:
        stt, stt_cells = "", []
    view = RowView(row, own, inherited, merged, extras, stt, stt_cells, hspan)
    view.unnumbered = bullet or not any(r in ("stt", "stt2") for r in columns.roles)
    return view, resolved


@dataclass
class SectionClues:
    """What the section rules look at in a row."""

    view: RowView
    next_stt: str  # the next number printed below (across page and table breaks)
    b: Builder | None  # the sections and tasks read so far (None: judge the row alone)
    texts: list[str]  # the row's own texts (cells merged into others left out)
    data: bool  # a result, lead, cooperate or deadline of its own (a title merged across the row has none)
    merged_title: str  # the one text merged across the row from another column than the content's

    @property
    def title(self) -> str:
        return self.view.own.get("content", "") or self.merged_title

    @property
    def title_only(self) -> bool:
        """Nothing beside the number and the title: no result, lead, deadline or unnamed column."""
        return not self.data and not self.view.extras


def _arabic(code: str) -> bool:
    return bool(re.fullmatch(r"\d{1,2}(\.\d{1,2})*", code))


def title_alone(c: SectionClues) -> tuple[str, str] | None:
    """One coded title filling the row: "II. Kiểm soát TTHC" in the content cell, merged across the row, or
    printed in every merged cell of a text export ("I. Title\\tI. Title\\tI. Title"). "3. Rà soát" counts only
    with its dot ("3 Rà soát" is a task); Roman and letter codes always."""
    repeated = len(c.texts) > 1 and len(set(c.texts)) == 1
    if not (repeated or (len(c.texts) == 1 and not c.view.extras)):
        return None
    only = c.texts[0]
    if not (repeated or c.view.stt_cells or c.view.hspan_title or c.view.own.get("content") == only):
        return None
    parsed = parse_code_title(only)
    if parsed:
        code, _title = parsed
        if repeated or is_roman(code) or code.isalpha() or "." in only[: len(code) + 2]:
            return parsed
    return None


def capital_code(c: SectionClues, raw: str, code: str) -> tuple[str, str] | None:
    """"II | Kiểm soát TTHC", "B | Nhiệm vụ cụ thể", "III. Truyền thông" alone in the number column: a Roman
    numeral or a capital letter numbers a section, unless the row has no title but data of its own."""
    if not (code.isupper() and (is_roman(code) or (len(code) == 1 and code.isalpha()))):
        return None
    title = c.title
    if not title:
        parsed = parse_code_title(raw)
        title = parsed[1] if parsed else ""
    return (code, title) if title or not c.data else None


def heading_above_its_tasks(c: SectionClues, raw: str, code: str) -> tuple[str, str] | None:
    """"1 | Công tác chỉ đạo" above "1.1", "1.2": a heading (which may carry a task of its own)."""
    return (code, c.title) if _arabic(code) and c.title and c.next_stt.startswith(code + ".") else None


def next_numbered_section(c: SectionClues, raw: str, code: str) -> tuple[str, str] | None:
    """"5 | Truyền thông" after section "4" of tasks "4.1", "4.2": the next section, even with no "5.1" below."""
    if not (_arabic(code) and c.title and c.b is not None and c.b.section is not None and c.b.main is not None):
        return None
    current = c.b.section.printed_code or c.b.section.code
    if current.isdigit() and code == str(int(current) + 1) and c.b.main.stt.startswith(current + "."):
        return code, c.title
    return None


def group_of_sections(c: SectionClues, raw: str, code: str) -> tuple[str, str] | None:
    """"1 | Nhiệm vụ chung" (a title, nothing else) above "I", "II": a group of sections; above items "a)",
    "b)": a heading."""
    if _arabic(code) and c.title and c.title_only and (is_roman(c.next_stt) or re.fullmatch(r"[a-zđ]", c.next_stt)):
        return code, c.title
    return None


def bare_title_heading(c: SectionClues, raw: str, code: str) -> tuple[str, str] | None:
    """"2 | CÔNG TÁC KIỂM TRA" (capitals), or a title merged across the row, with nothing else: a heading."""
    if _arabic(code) and c.title and c.title_only and (c.view.hspan_title or (c.title.isupper() and len(c.title) > 3)):
        return code, c.title
    return None


def letter_subheading(c: SectionClues, raw: str, code: str) -> tuple[str, str] | None:
    """"a. | Thủ tục cấp tỉnh" (a title, nothing else) above tasks "1", "2": a sub-heading."""
    if re.fullmatch(r"[a-zđ]", code) and re.fullmatch(r"\d{1,3}", c.next_stt) and c.title and c.title_only:
        return code, c.title
    return None


def title_in_number_column(c: SectionClues, raw: str, code: str) -> tuple[str, str] | None:
    """"I. Kiểm soát TTHC" printed in the number column, the rest of the row empty or repeated."""
    parsed = parse_code_title(raw)
    return parsed if parsed and parsed[1] and len(raw) > len(code) + 2 else None


# The rules for a row's number cell, in order: the first that names a section wins. ``title_alone`` comes first.
SECTION_RULES: tuple[Callable[[SectionClues, str, str], tuple[str, str] | None], ...] = (
    capital_code, heading_above_its_tasks, next_numbered_section, group_of_sections, bare_title_heading,
    letter_subheading, title_in_number_column,
)


def heading_across(view: RowView, next_stt: str) -> tuple[str, str] | None:
    """A title merged across the content columns with no lead and no deadline is a heading whatever its
    numbering: "1 | Thực hiện các nhiệm vụ…" or "B | …" above "I", or no number at all ("" | "Nhiệm vụ khác").
    The code is "" when none is printed (``Builder.next_code`` gives one). Roman codes and "II. Title" in one
    cell are left to the rules below (they know "C" after "B" is a letter)."""
    title = view.own.get("content", "")
    if not (view.hspan_title and title) or view.extras or view.inherited.get("content"):
        return None
    if any(view.own.get(r) for r in ("result", "lead", "cooperate", "deadline")):
        return None
    if len(view.stt_cells) > 1 or (view.stt and not _NUMBER.fullmatch(view.stt)) or is_roman(view.stt):
        return None
    if view.stt and not is_roman(next_stt):
        return None  # "1 | Title" above tasks "1.1", "1.2" or "a)": the rules below
    if not view.stt and parse_code_title(title):
        return None  # "II. Title" merged across: read by its own code
    return view.stt, title


def section_of(view: RowView, next_stt: str, b: Builder | None = None) -> tuple[str, str] | None:
    """(printed code, title) when the row is a section row: a heading merged across the row
    (``heading_across``), a title filling the row (``title_alone``), else the first of ``SECTION_RULES`` that
    reads its number cell as a section's."""
    texts = [c.text for c in view.row.cells if c.text and not c.hmerge and not c.vmerge]
    if not texts:
        return None
    across = heading_across(view, next_stt)
    if across:
        return across
    others = [c.text for c in view.row.cells if c.text and not c.vmerge and c.text not in view.stt_cells]
    merged_title = others[0] if len(set(others)) == 1 and view.hspan_title else ""
    # a title merged across the row, starting in another column than the content's, carries no data
    data = any(view.own.get(r) for r in ("result", "lead", "cooperate", "deadline")) and \
        not (merged_title and not view.own.get("content"))
    clues = SectionClues(view, next_stt, b, texts, data, merged_title)
    found = title_alone(clues)
    if found:
        return found
    for raw in view.stt_cells:
        code = norm_stt(raw)
        for rule in SECTION_RULES:
            found = rule(clues, raw, code)
            if found:
                return found
    return None


def build(located: Located, plan: Plan) -> None:
    b = Builder(plan)
    segments = located.segments
    grouped = sum(1 for s in segments[1:] if s.heading) >= 1
    if grouped and not segments[0].heading:
        first = located.first_heading
        if first and parse_code_title(first) and not fold(first).startswith("phu luc"):
            segments[0].heading = first
    # The next printed number after each row, across tables: "1" above "1.1" is a heading even at a page's end.
    numbers = [row_number(row, segment.columns) for segment in segments for row in segment.rows]
    following, upcoming = [""] * len(numbers), ""
    for i in range(len(numbers) - 1, -1, -1):
        following[i] = upcoming
        upcoming = numbers[i] or upcoming
    group_index, i = 0, 0
    for segment in segments:
        if grouped and segment.heading:
            group_index += 1
            b.open_group(segment.heading, group_index)
        above: list[str] = []
        for row in segment.rows:
            tick()
            view, above = view_row(row, segment.columns, above)
            read_row(b, view, following[i])
            i += 1


def title_across(row: Row, j: int) -> bool:
    """A number column's cell holding a heading's title merged across the rest of the row, not a number: plans
    with "Stt | Stt2" print a group's or section's number in "Stt" and its title from "Stt2" to the table's edge
    (in a text export: the rest of the row empty, or the title in every cell)."""
    text = row.cells[j].text.strip()
    rest = row.cells[j + 1:]
    if not rest or len(text) <= 8 or _NUMBER.fullmatch(text) or parse_code_title(text):
        return False
    if rest[0].hmerge:
        return True
    # a text export (no spans known): the rest of the row empty, or the title printed again in every cell
    return not row.merges_known and len(rest) >= 2 and all(not c.text or c.text.strip() == text for c in rest)


def row_number(row: Row, columns: Columns) -> str:
    """The row's printed number (the last number column that has one), as a key."""
    texts = [c.text for j, c in enumerate(row.cells)
             if c.text and not c.vmerge and j < len(columns.roles) and columns.roles[j] in ("stt", "stt2")
             and not title_across(row, j)]
    return norm_stt(texts[-1]) if texts else ""


@dataclass
class RowReading:
    """What the rules of ``read_row`` look at: the row, the next printed number, and the tasks read so far."""

    b: Builder
    view: RowView
    next_stt: str
    own: dict[str, str]  # the row's own text per task role (number and unnamed columns left out)

    @property
    def row(self) -> Row:
        return self.view.row

    @functools.cached_property
    def repeats_content(self) -> bool:
        """The row prints the content of the task above again (a sub-item of it). Folded only when a rule asks (a
        numbered row asks only when its number is the task's): thousands of long cells would cost seconds."""
        content, main = self.view.own.get("content", ""), self.b.main
        # a task grown far longer than the row's cell cannot be the same text
        return main is not None and bool(content) and len(main.content) <= 4 * len(content) + 100 and \
            fold(content) == fold(main.content)

    @property
    def target(self) -> Task:
        """The task or sub-item above: there is one for every rule after ``first_task_unnumbered``."""
        assert self.b.last is not None
        return self.b.last

    def has(self, *roles: str) -> bool:
        return any(self.own.get(r) for r in roles)


def empty_row(r: RowReading) -> bool:
    """Nothing of its own to read: every cell empty or merged down from the row above."""
    return not r.view.own and not r.view.stt and not r.view.extras


def section_row(r: RowReading) -> bool:
    """"II. Kiểm soát TTHC", "1 | Công tác chỉ đạo" above "1.1": a section (see ``section_of``); with a result,
    lead or deadline of its own ("I | Rà soát TTHC | Báo cáo | VP | Quý IV") it is also a task."""
    section = section_of(r.view, r.next_stt, r.b)
    if not section:
        return False
    code, title = section
    current = r.b.section
    same = current is not None and (current.printed_code or current.code) == code and fold(current.title) == fold(title)
    if not same:
        r.b.add_section(code or r.b.next_code(r.next_stt), title, level=r.b.heading_level(code, r.next_stt))
    if any(r.view.own.get(role) and fold(r.view.own[role]) not in (fold(title), fold(f"{code}. {title}"))
           for role in ("result", "lead", "cooperate", "deadline")):
        new_task(r.b, r.view, stt=code, content=title)
    return True


def numbered_row(r: RowReading) -> bool:
    """"3 | Rà soát … | Sở Tư pháp | Quý II": a new task; the number of the task above again (with no content, or
    the same content: "3 | | Báo cáo | VP | Quý IV") is another item of that task."""
    if not r.view.stt:
        return False
    main = r.b.main
    if main is not None and r.view.stt == main.stt and (not r.own.get("content") or r.repeats_content):
        add_sub(r.b, r.view)
    else:
        new_task(r.b, r.view, stt=r.view.stt)
    return True


def first_task_unnumbered(r: RowReading) -> bool:
    """The table's first task without a number ("| Rà soát … | Sở Tư pháp |"): a task, with a warning unless the
    table numbers nothing ("-" or no number column); a first row without content is left out."""
    if r.b.last is not None:
        return False
    if r.own.get("content"):
        task = new_task(r.b, r.view)
        if not r.view.unnumbered:
            r.b.warn(f"{where(r.row.line, r.row.sheet)}: nhiệm vụ không có số thứ tự.", r.row, "lost_number", task)
    return True


def page_break_fragment(r: RowReading) -> bool:
    """"| và tổ chức thực hiện. | | |" after a page break: the words go on in the row above (``is_fragment``)."""
    if not is_fragment(r.view, r.own, r.target):
        return False
    continue_fragment(r.b, r.view, r.own, r.target)
    return True


def repeated_content_item(r: RowReading) -> bool:
    """No number, the content of the task above printed again, a result / lead / deadline of its own: another
    item of that task."""
    if not (r.has("result", "lead", "cooperate", "deadline") and r.repeats_content):
        return False
    add_sub(r.b, r.view)
    return True


def unnumbered_task(r: RowReading) -> bool:
    """Content of its own in a table that numbers nothing ("- | Rà soát …", or no number column): a new task."""
    if not (r.own.get("content") and "content" not in r.view.merged and r.view.unnumbered):
        return False
    new_task(r.b, r.view)
    return True


def lost_number_or_more_content(r: RowReading) -> bool:
    """Content of its own without a number: with a result, lead or deadline beside it, a task whose number was
    lost at a page break (guessed from the numbers around it: "5", ?, "7" → "6"); alone, another paragraph of the
    content above ("| Đồng thời công khai kết quả. | | |")."""
    content = r.own.get("content")
    if not content or "content" in r.view.merged:
        return False
    if r.has("result", "lead", "cooperate", "deadline"):
        task = new_task(r.b, r.view, stt=guess_number(r.b.main, r.next_stt))
        shown = f"số {task.stt} suy ra từ thứ tự" if task.stt else "không suy ra được số"
        r.b.warn(f"{where(r.row.line, r.row.sheet)}: mất số thứ tự (thường do ngắt trang); coi là nhiệm vụ mới ({shown}).",
                 r.row, "lost_number", task)
    else:
        r.target.content = join(r.target.content, content, "\n")
        append_rest(r.target, r.view, r.own, "\n")
    return True


def another_result(r: RowReading) -> bool:
    """"| | Kế hoạch | VP | Quý I" under a task: another result (or the same content merged down) with its own
    lead or deadline is another item of the task."""
    if not ((r.own.get("result") or "content" in r.view.merged) and r.has("lead", "deadline", "cooperate")):
        return False
    add_sub(r.b, r.view)
    return True


def merged_content_item(r: RowReading) -> bool:
    """Text export: no number, no content, but a lead and a deadline of their own ("\\t\\tSở Tư pháp\\tQuý III"):
    the content cell was merged down over this row (Word prints it once), so this is another item of the task."""
    fresh = [role for role in ("lead", "deadline", "cooperate") if r.own.get(role) and not starts_lower(r.own[role])]
    if r.row.merges_known or r.b.main is None or len(fresh) < 2 or len(fresh) != len(r.own):
        return False
    sub = add_sub(r.b, r.view)
    r.b.warn(f"{where(r.row.line, r.row.sheet)}: dòng không có số và nội dung nhưng có chủ trì/thời hạn riêng; coi là một ý con "
             "của nhiệm vụ trên (ô nội dung gộp).", r.row, "merged_fragment", sub)
    return True


def more_words(r: RowReading) -> bool:
    """Anything else ("| | | Phòng Tư pháp |"): more words for the cells of the task above."""
    append_rest(r.target, r.view, r.own, "\n")
    return True


# The rules of a data row, in order: the first that applies reads it. A new kind of row gets its rule here.
ROW_RULES: tuple[Callable[[RowReading], bool], ...] = (
    empty_row, section_row, numbered_row, first_task_unnumbered, page_break_fragment, repeated_content_item,
    unnumbered_task, lost_number_or_more_content, another_result, merged_content_item, more_words,
)


def read_row(b: Builder, view: RowView, next_stt: str) -> None:
    """Read one data row: a section, a task, a sub-item, or more words for the task above (``ROW_RULES``)."""
    reading = RowReading(b, view, next_stt, {r: t for r, t in view.own.items() if r in TEXT_ROLES})
    for rule in ROW_RULES:
        if rule(reading):
            return


def new_task(b: Builder, view: RowView, stt: str = "", content: str = "") -> Task:
    task = Task(stt=stt, content=content, source_row=view.row.line, source_sheet=view.row.sheet)
    fill(task, view)
    b.add_task(task)
    inherit_merged_lead(b, task, view.row)
    return task


def inherit_merged_lead(b: Builder, task: Task, row: Row) -> None:
    """Text exports print a lead merged down over several tasks once: a task with an empty lead cell right below
    a task of the same section takes that task's lead (every task of a plan has one), with a warning."""
    if row.merges_known or task.lead:
        return
    tasks = b.plan.tasks
    previous = tasks[-2] if len(tasks) > 1 and tasks[-1] is task else None
    if previous is None or previous.section != task.section or not previous.lead:
        return
    task.lead = previous.lead
    b.warn(f"{where(row.line, row.sheet)}: ô chủ trì trống (có thể là ô gộp với dòng trên); tạm lấy \"{previous.lead[:60]}\".",
           row, "lead_missing", task)


def fill(task: Task, view: RowView) -> None:
    for role in TEXT_ROLES:
        if role == "content" and task.content:
            continue
        setattr(task, role if role != "deadline" else "deadline_text", view.value(role))
    if view.extras:
        task.extra.update(view.extras)


def add_sub(b: Builder, view: RowView) -> Task:
    main = b.main
    assert main is not None  # a sub-item is read only under a numbered task
    sub = Task(stt="", sub=b.next_sub(main), source_row=view.row.line, source_sheet=view.row.sheet)
    fill(sub, view)
    sub.content = main.content
    if not view.row.merges_known:  # in a text export an empty cell may be one merged down from the task's row
        for _role, attr in (("lead", "lead"), ("cooperate", "cooperate"), ("deadline", "deadline_text")):
            if not getattr(sub, attr):
                setattr(sub, attr, getattr(main, attr))
    b.add_task(sub)
    b.main = main
    return sub


def append_rest(target: Task, view: RowView, own: dict[str, str], sep: str) -> None:
    for role, text in own.items():
        if role == "content":
            continue
        attr = "deadline_text" if role == "deadline" else role
        setattr(target, attr, join(getattr(target, attr), text, sep))
    for heading, text in view.extras.items():
        target.extra[heading] = join(target.extra.get(heading, ""), text, sep)


def is_fragment(view: RowView, own: dict[str, str], target: Task) -> bool:
    """A row continuing the words of the row above (a page break inside a row)."""
    if not own:
        return False
    evidence = []
    for role, text in own.items():
        if role in view.merged:
            continue
        above = getattr(target, "deadline_text" if role == "deadline" else role)
        lower = starts_lower(text)
        unfinished = bool(above) and not finished(above)
        evidence.append((lower, unfinished))
    if not evidence:
        return False
    if view.row.after_break:  # after a page break: words that run on, or every cell above left unfinished
        return any(lower for lower, _ in evidence) or all(unfinished for _, unfinished in evidence)
    return any(lower for lower, _ in evidence) and all(lower or unfinished for lower, unfinished in evidence)


def continue_fragment(b: Builder, view: RowView, own: dict[str, str], target: Task) -> None:
    """Join a page-break fragment to the row above; cells that start anew beside it make a sub-item."""
    fresh = {}
    for role in ("lead", "cooperate", "deadline"):
        text = own.get(role)
        above = getattr(target, "deadline_text" if role == "deadline" else role)
        if text and above and finished(above) and not starts_lower(text):
            fresh[role] = text
    split_result = None
    if fresh and own.get("result"):
        parts = _SENTENCE_END.split(own["result"], maxsplit=1)
        if len(parts) == 2:
            split_result = parts
    if not split_result:
        fresh = {}
    for role, text in own.items():
        if role in fresh:
            continue
        if role == "result" and split_result:
            text = split_result[0]
        attr = "deadline_text" if role == "deadline" else role
        owner = unfinished_merged_cell(b, target, attr, text)
        if owner is not None:
            owner_task, owner_attr = owner
            setattr(owner_task, owner_attr, join(getattr(owner_task, owner_attr), text, " "))
            b.warn(f"{where(view.row.line, view.row.sheet)}: phần chữ \"{text[:40]}\" sau ngắt trang được coi là phần cuối của ô "
                   "chưa hết câu ở dòng trên (ô gộp).", view.row, "merged_fragment", owner_task)
            if owner_task is not target:
                b.warn(f"{where(view.row.line, view.row.sheet)}: ô trống có thể là ô gộp với dòng trên.", view.row, "merged_fragment", target)
            continue
        setattr(target, attr, join(getattr(target, attr), text, " "))
    for heading, text in view.extras.items():
        target.extra[heading] = join(target.extra.get(heading, ""), text, " ")
    if split_result:
        main = b.main or target
        sub = Task(stt="", sub=b.next_sub(main), source_row=view.row.line, source_sheet=view.row.sheet)
        sub.content = main.content
        sub.result = split_result[1]
        sub.lead = fresh.get("lead", main.lead)
        sub.cooperate = fresh.get("cooperate", main.cooperate)
        sub.deadline_text = fresh.get("deadline", main.deadline_text)
        b.add_task(sub)
        b.main = main
        message = (f"{where(view.row.line, view.row.sheet)}: phần chữ sau ngắt trang nối vào dòng trên, phần có chủ trì/thời hạn "
                   "riêng tách thành một ý con.")
        b.warn(message, view.row, "merged_fragment", target)
        b.warn(message, view.row, "merged_fragment", sub)
    else:
        b.plan.warnings.append(ImportWarning(
            message=f"{where(view.row.line, view.row.sheet)}: phần chữ bị ngắt trang được nối vào dòng phía trên.",
            row=view.row.line, task_index=b.index(target), code="merged_fragment"))


def unfinished_merged_cell(b: Builder, target: Task, attr: str, text: str) -> tuple[Task, str] | None:
    """Where a page-break fragment goes when the cell above it is complete: the unfinished cell of a row just
    above whose column is blank in ``target`` (a cell merged down over ``target``, printed empty in a text export)."""
    above = getattr(target, attr)
    if not above or not finished(above) or not starts_lower(text):
        return None
    tasks = b.plan.tasks
    found = b.index(target)
    index = found if found is not None else len(tasks)
    for other in (a for a in ("deadline_text", "lead", "cooperate", "result") if a != attr and not getattr(target, a)):
        for earlier in reversed(tasks[max(0, index - 2):index]):
            value = getattr(earlier, other)
            if value:
                if not finished(value) and earlier.section == target.section:
                    return earlier, other
                break
    return None


def guess_number(main: Task | None, nxt: str) -> str:
    """The number a row lost at a page break, when the numbers around it leave exactly one gap."""
    if main is None:
        return ""
    prefix, _, last = main.stt.rpartition(".")
    nprefix, _, nlast = nxt.rpartition(".")
    if last.isdigit() and nlast.isdigit() and prefix == nprefix and int(nlast) == int(last) + 2:
        return f"{prefix}.{int(last) + 1}" if prefix else str(int(last) + 1)
    return ""


def understand(blocks: list[Block], *, mapping: list[str | None] | None = None) -> tuple[Plan, list[str]]:
    """Blocks → Plan (without deadline readings or document info) and the lines of text around the table."""
    located = locate(blocks, mapping)
    plan = Plan(header=located.header)
    plan.warnings.extend(ImportWarning(message=message, code="other_table") for message in located.skipped)
    columns = located.columns
    for j, role in enumerate(columns.roles):
        heading = columns.headings[j] if j < len(columns.headings) else ""
        if role is None and heading and mapping is None:
            plan.warnings.append(ImportWarning(
                message=f"Cột \"{heading}\" không nhận ra được; nội dung của cột được giữ ở phần ghi thêm của nhiệm vụ.",
                code="unknown_column"))
    build(located, plan)
    if not plan.tasks:
        raise UserError("Đã tìm thấy dòng tiêu đề của bảng kế hoạch nhưng bảng không có nhiệm vụ nào.")
    return plan, located.document_lines + [""] + located.after_lines

