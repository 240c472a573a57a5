"""The limits every reader of a file from outside keeps (plans today; units' returns and figures to come).

Files come from other people, hostile ones included, and a reader must refuse them or finish in a couple of
seconds and a few hundred MB. Four kinds of bound, all here so every reader shares them:

- the archive: an .xlsx or .docx is a zip; a hostile one can declare members that inflate to gigabytes (a "zip
  bomb"). The central directory states every member's size, so ``check_zip`` refuses it before a library opens it;
- the shape: ``MAX_ROWS`` rows a table (sheet, Word table, text), ``MAX_COLUMNS`` columns, spans and merges
  clamped to them (``count_attr``: a ``gridSpan`` of 200,000,000 or "abc" is a number in range);
- the text: ``MAX_CELL_CHARS`` characters a cell (``bound_blocks`` cuts longer ones, with a warning naming the
  row), control characters cleaned (``text.clean_control``);
- the time: ``parse_deadline`` / ``tick``, a backstop for what the bounds above do not foresee.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kstthc_desktop.errors import UserError

if TYPE_CHECKING:
    from kstthc_desktop.importers.base import Block

MAX_FILE_BYTES = 50 * 1024 * 1024  # a plan is a few hundred kB; 50 MB leaves room for embedded images
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # everything, embedded pictures included
MAX_XML_BYTES = 20 * 1024 * 1024  # the parts a library parses into memory; a real plan has well under 1 MB
MAX_MEMBER_RATIO = 200  # XML compresses 10-30x; hundreds of times more is a bomb


def check_size(path: Path) -> None:
    size = path.stat().st_size
    if size == 0:
        raise UserError(f"Tệp \"{path.name}\" rỗng (0 byte): không có kế hoạch nào để nhập.")
    if size > MAX_FILE_BYTES:
        raise UserError(
            f"Tệp \"{path.name}\" quá lớn ({size // (1024 * 1024)} MB) để là một kế hoạch; "
            f"giới hạn là {MAX_FILE_BYTES // (1024 * 1024)} MB."
        )


def check_zip(path: Path, kind: str) -> None:
    """Raise UserError unless ``path`` is a sane zip archive (the container of .xlsx and .docx)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UserError(
            f"Không đọc được tệp \"{path.name}\": tệp {kind} bị hỏng, bị cắt cụt hoặc không đúng định dạng."
        ) from exc
    total = sum(info.file_size for info in infos)
    xml = sum(info.file_size for info in infos if info.filename.lower().endswith((".xml", ".rels")))
    worst = max((info.file_size / max(info.compress_size, 1) for info in infos), default=0)
    if total > MAX_UNZIPPED_BYTES or xml > MAX_XML_BYTES or (worst > MAX_MEMBER_RATIO and total > 10 * 1024 * 1024):
        raise UserError(
            f"Từ chối mở tệp \"{path.name}\": khi giải nén tệp sẽ chiếm {max(total, xml) // (1024 * 1024)} MB, "
            "bất thường đối với một kế hoạch (có thể là tệp độc hại)."
        )


# --------------------------------------------------------------------------------------------------------------
# Shape and text

MAX_ROWS = 5000  # rows a table may give (a sheet, a Word table, a text); a plan has a few hundred
MAX_COLUMNS = 40  # columns read; a plan has 4 to 12, Word allows 63
MAX_TEXT_LINES = 30_000  # lines of a text file or paste read (a row may take several lines in a text export)
MAX_MERGED_CELLS = 20_000  # cells a sheet's merges may cover; a plan's cover a few hundred
MAX_CELL_CHARS = 4000  # characters a cell may hold: a task's longest cell is under 1,500; a 1 MB paragraph is not
MAX_FIELD_CHARS = 4 * MAX_CELL_CHARS  # a task's text joined from the rows of a cell broken over pages
MAX_HTML_CHARS = 20 * 1024 * 1024  # the HTML of a paste, as MAX_XML_BYTES for a file
MAX_HTML_TAGS = 60_000  # tags in that HTML: Word's copy of a 300-row plan has about 15,000


def count_attr(value: object, default: int, limit: int) -> int:
    """A count from a file's attribute (Word's ``w:gridSpan``, HTML's ``colspan``): ``default`` when it is not a
    whole number ("abc", "", "1.5"), else clamped to 0..``limit`` (a span of 200,000,000 is the table's width)."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return default
    return max(0, min(number, limit))


def bound_blocks(blocks: list[Block], where: Callable[[int | None, str], str]) -> list[tuple[str, int | None, str, str]]:
    """Keep what every reader hands over within bounds, whatever reader it is: each table at most ``MAX_ROWS``
    rows of ``MAX_COLUMNS`` cells, each cell and paragraph at most ``MAX_CELL_CHARS`` characters, no control
    characters. Returns warnings (message, row, sheet, code) for what was cut; ``where`` names a row ("Dòng 7")."""
    from kstthc_desktop.importers.base import Paragraph
    from kstthc_desktop.text import clean_control

    warnings: list[tuple[str, int | None, str, str]] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            block.text = _bounded(clean_control(block.text))
            continue
        dropped = max(0, len(block.rows) - MAX_ROWS) + block.dropped
        if dropped:
            message = (f"Bảng dài quá {MAX_ROWS} dòng: chỉ đọc {MAX_ROWS} dòng đầu, {dropped} dòng phía sau không được "
                       "đọc. Nếu đó là nhiệm vụ của kế hoạch, hãy tách bảng rồi nhập lại.")
            warnings.append((message, None, "", "rows_dropped"))
            del block.rows[MAX_ROWS:]
            block.dropped = 0
        for row in block.rows:
            del row.cells[MAX_COLUMNS:]
            row.sheet = clean_control(row.sheet)
            for cell in row.cells:
                cell.text = clean_control(cell.text)
                if len(cell.text) > MAX_CELL_CHARS:
                    message = (f"{where(row.line, row.sheet)}: một ô dài {vi_number(len(cell.text))} ký tự, quá giới "
                               f"hạn {vi_number(MAX_CELL_CHARS)} ký tự của một ô; chỉ giữ phần đầu. Hãy xem lại ô này "
                               "trong tệp gốc.")
                    warnings.append((message, row.line, row.sheet, "cell_too_long"))
                    cell.text = _bounded(cell.text)
    return warnings


def _bounded(text: str) -> str:
    return text if len(text) <= MAX_CELL_CHARS else text[:MAX_CELL_CHARS - 1].rstrip() + "…"


def vi_number(number: int) -> str:
    """12345 → "12.345" (Vietnamese digit grouping)."""
    return f"{number:,}".replace(",", ".")


# --------------------------------------------------------------------------------------------------------------
# Time: a backstop

PARSE_SECONDS = 10.0  # a plan reads in well under a second; the bounds above keep every known attack under two

_deadline: contextvars.ContextVar[tuple[float, str, Callable[[], float]] | None] = \
    contextvars.ContextVar("parse_deadline", default=None)


@contextlib.contextmanager
def parse_deadline(name: str, seconds: float = PARSE_SECONDS,
                   clock: Callable[[], float] = time.monotonic) -> Iterator[None]:
    """Within this block, ``tick()`` refuses the file ``name`` once ``seconds`` have passed. Readers call
    ``tick()`` once a row (or a chunk): the check costs nothing, so no reader needs to know the time."""
    token = _deadline.set((clock() + seconds, name, clock))
    try:
        yield
    finally:
        _deadline.reset(token)


def tick() -> None:
    """Raise UserError when the current ``parse_deadline`` has passed (nothing when none is set)."""
    current = _deadline.get()
    if current is not None and current[2]() > current[0]:
        raise UserError(f"Từ chối đọc \"{current[1]}\": tệp có cấu trúc bất thường, đọc quá lâu (có thể là tệp "
                        "độc hại). Hãy mở tệp bằng Word hoặc Excel, lưu lại rồi nhập lại.")
