"""What every reader hands to the table-understanding step, and the small reader interface.

Readers know a file format and nothing about plans: they turn a file into a list of blocks (paragraphs and
tables of cells, merges kept as flags) in reading order. One shared step (``table.understand``) then finds the
header, the sections, the tasks. This is beangulp's identify / extract split: ``identify`` looks at the file's
first bytes and name only, ``blocks`` does the reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kstthc_desktop.errors import UserError


@dataclass
class Cell:
    """One grid cell. ``vmerge``: covered by the cell above (vertical merge); ``hmerge``: by the cell to the left."""

    text: str = ""
    vmerge: bool = False
    hmerge: bool = False


@dataclass
class Row:
    cells: list[Cell]
    line: int | None = None  # where the source shows it (sheet row, table row, text line), 1-based
    after_break: bool = False  # text export: blank lines before it (a page break, usually)
    merges_known: bool = True  # False for plain text: a cell merged down prints as an empty cell there
    sheet: str = ""  # the sheet it is on, when the plan is read from more than one sheet (warnings name it)

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)
    name: str = ""  # sheet title, for workbooks
    dropped: int = 0  # rows past the row limit that the reader counted but did not keep


@dataclass
class Paragraph:
    text: str
    line: int | None = None


Block = Paragraph | Table


class Reader:
    """A file format: ``identify`` from the name and first bytes, ``blocks`` to read it.

    ``notes`` are what the reader itself left out (a hidden sheet, rows past its limit), as Vietnamese sentences
    with a warning code: ``extract`` adds them to the plan's warnings.
    """

    name = ""
    suffixes: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.notes: list[tuple[str, str]] = []  # (message, code)

    def identify(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() in self.suffixes

    def blocks(self, path: Path) -> list[Block]:
        raise NotImplementedError


def where(line: int | None, sheet: str = "") -> str:
    """The start of a warning about a row: "Dòng 7", or "Trang tính "Phụ lục", dòng 7" when the plan spans sheets."""
    return f"Trang tính \"{sheet}\", dòng {line}" if sheet else f"Dòng {line}"


def damaged(path: Path, what: str) -> UserError:
    """The one message for a file that claims a format but cannot be read as it."""
    return UserError(f"Không đọc được tệp \"{path.name}\": tệp {what} bị hỏng hoặc không đúng định dạng.")
