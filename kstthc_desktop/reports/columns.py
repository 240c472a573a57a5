"""One column spec per report table: heading, width and how a task fills the cell, declared once.

The PDF and Word appendix read ``APPENDIX_COLUMNS`` (widths in millimetres on a landscape A4 page; the one column
with ``width_mm=0`` takes what is left), the workbook reads ``WORKBOOK_COLUMNS`` (widths in characters). Adding a
column is one line here; no writer keeps its own list of headings, widths or cells.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from kstthc_desktop.reports.data import ReportTask
from kstthc_desktop.text import nfc
from kstthc_desktop.vndates import text_date

#: The most characters an appendix cell prints (about 20 lines of its narrowest wide column): a row must fit
#: on one landscape page; the full text is in part I and in the workbook.
APPENDIX_CELL_CHARS = 900


def short(text: str, limit: int = APPENDIX_CELL_CHARS) -> str:
    text = nfc(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    cell: Callable[[ReportTask], Any]
    width_mm: float = 0.0  # paper tables: 0 = the rest of the width
    width_chars: float = 0.0  # workbook
    center: bool = False
    number_format: str = ""  # workbook cells holding dates


def _deadline(task: ReportTask) -> str:
    deadline = task.deadline_text or ""
    if task.due and text_date(task.due) not in deadline:
        deadline = f"{deadline}\n(hạn {text_date(task.due)})".strip()
    return short(deadline, 300)


def appendix_results(task: ReportTask) -> str:
    """The appendix's short "Kết quả trong kỳ" (part I has the details): the documents by number and date,
    else the latest entry and how many there were."""
    if task.evidence:
        return "; ".join(f"{e.number} ngày {text_date(e.issued)}" if e.issued and e.number else e.citation
                         for e in task.evidence)
    if not task.progress:
        return ""
    latest = task.progress[-1].text
    return f"{latest} ({len(task.progress)} lần cập nhật)" if len(task.progress) > 1 else latest


APPENDIX_COLUMNS: tuple[Column, ...] = (
    Column("stt", "STT", lambda t: short(t.stt, 20), width_mm=14, center=True),
    Column("content", "Nội dung nhiệm vụ", lambda t: short(t.title)),
    Column("lead", "Cơ quan chủ trì", lambda t: short(t.lead, 300), width_mm=38),
    Column("deadline", "Thời hạn", _deadline, width_mm=30),
    Column("status", "Tình trạng", lambda t: t.status_label, width_mm=32),
    Column("results", "Kết quả, văn bản trong kỳ", lambda t: short(appendix_results(t)), width_mm=70),
)

WORKBOOK_COLUMNS: tuple[Column, ...] = (
    Column("stt", "STT", lambda t: nfc(t.stt), width_chars=7),
    Column("content", "Nội dung nhiệm vụ", lambda t: nfc(t.content), width_chars=50),
    Column("lead", "Cơ quan chủ trì", lambda t: nfc(t.lead), width_chars=22),
    Column("cooperate", "Cơ quan phối hợp", lambda t: nfc(t.cooperate), width_chars=20),
    Column("deadline", "Thời hạn", lambda t: nfc(t.deadline_text), width_chars=18),
    Column("due", "Hạn (ngày)", lambda t: t.due, width_chars=12, number_format="DD/MM/YYYY"),
    Column("status", "Tình trạng", lambda t: nfc(t.status_label), width_chars=20),
    Column("done", "Kết quả trong kỳ", lambda t: nfc(t.done_text), width_chars=45),
    Column("documents", "Văn bản", lambda t: nfc(t.evidence_text), width_chars=45),
)


def widths_mm(columns: tuple[Column, ...], total_mm: float) -> list[float]:
    """Each column's width in millimetres; the column declared with 0 takes what the others leave of ``total_mm``."""
    fixed = sum(c.width_mm for c in columns)
    return [c.width_mm or max(total_mm - fixed, 20.0) for c in columns]


def is_date(value: Any) -> bool:
    return isinstance(value, date)
