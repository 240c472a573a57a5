"""Reading a unit's filled-in return back: check it is ours and untouched, then take what the unit typed.

Refused with one sentence: a file that is not a return workbook, one made for another plan, period or database,
and one whose structure was edited (rows or columns added, removed or moved; the hidden sheet changed).
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kstthc_desktop.errors import UserError
from kstthc_desktop.figures.export_reader import parse_number
from kstthc_desktop.figures.forms import DOSSIERS, load_form
from kstthc_desktop.figures.model import FigureRow, Figures
from kstthc_desktop.importers.safety import check_size, check_zip
from kstthc_desktop.returns import template as t
from kstthc_desktop.text import clean

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    # a read-only workbook's sheets are ReadOnlyWorksheets, which openpyxl's stubs type as Worksheet
    from openpyxl.worksheet.worksheet import Worksheet


@dataclass
class TaskResult:
    task_id: int
    text: str = ""
    doc_number: str = ""
    doc_date: date | None = None
    done: bool = False


@dataclass
class ReturnReading:
    meta: t.ReturnMeta
    results: list[TaskResult] = field(default_factory=list)
    figures: Figures | None = None
    warnings: list[str] = field(default_factory=list)


def _refuse_edited(path: Path, what: str) -> UserError:
    return UserError(f"Tệp \"{path.name}\" đã bị sửa cấu trúc ({what}); không nhận được. Hãy điền lại vào mẫu "
                     "đã gửi, chỉ ghi vào các ô nền vàng.")


def _meta(path: Path, wb: Workbook) -> t.ReturnMeta:
    if t.META_SHEET not in wb.sheetnames:
        raise UserError(f"Tệp \"{path.name}\" không phải mẫu báo cáo do chương trình gửi cho đơn vị (không có phần "
                        "nhận dạng); nếu đây là tệp xuất từ hệ thống một cửa, hãy nhập ở trang Số liệu.")
    rows = {str(r[0]): "" if r[1] is None else str(r[1])
            for r in wb[t.META_SHEET].iter_rows(max_col=2, values_only=True) if r and r[0]}
    if rows.get("format") != t.FORMAT:
        raise UserError(f"Tệp \"{path.name}\" là mẫu báo cáo của một phiên bản khác; hãy gửi đơn vị mẫu mới.")
    try:
        meta = t.ReturnMeta(int(rows["plan_id"]), int(rows["plan_year"]), rows["plan_issuer"], rows["period"],
                            rows["unit"], [int(i) for i in json.loads(rows["task_ids"])], int(rows["field_rows"]),
                            rows.get("database_id", ""), rows.get("fingerprint", ""))
    except (KeyError, ValueError, TypeError) as exc:
        raise _refuse_edited(path, "phần nhận dạng bị thay đổi") from exc
    if meta.fingerprint != meta.compute_fingerprint():
        raise _refuse_edited(path, "phần nhận dạng bị thay đổi")
    return meta


def _cell_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = clean(str(value or ""))
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _tasks(path: Path, ws: Worksheet, meta: t.ReturnMeta, reading: ReturnReading) -> None:
    header = [clean(str(v or "")) for v in next(ws.iter_rows(min_row=t.TASK_HEADER_ROW, max_row=t.TASK_HEADER_ROW,
                                                               max_col=len(t.TASK_HEADINGS), values_only=True))]
    if header != t.TASK_HEADINGS:
        raise _refuse_edited(path, "tiêu đề cột của trang Nhiệm vụ")
    first = t.TASK_HEADER_ROW + 1
    rows = list(ws.iter_rows(min_row=first, max_row=first + len(meta.task_ids), max_col=len(t.TASK_HEADINGS),
                             values_only=True))
    ids = [r[0] for r in rows[:len(meta.task_ids)]]
    extra = rows[len(meta.task_ids):]
    if [parse_number(i) for i in ids] != meta.task_ids or any(any(v not in (None, "") for v in r) for r in extra):
        raise _refuse_edited(path, "dòng nhiệm vụ bị thêm, xóa hoặc đổi chỗ")
    for offset, row in enumerate(rows[:len(meta.task_ids)]):
        text, number, when, done = (row[c - 1] for c in t.INPUT_TASK_COLUMNS)
        try:
            issued = _cell_date(when)
        except ValueError:
            reading.warnings.append(f"Dòng {first + offset} trang Nhiệm vụ: ngày văn bản \"{when}\" không đúng dạng "
                                    "dd/mm/yyyy; bỏ qua ngày.")
            issued = None
        result = TaskResult(meta.task_ids[offset], clean(str(text or "")), clean(str(number or "")), issued,
                            clean(str(done or "")).lower() in ("x", "có", "co", "đã", "1"))
        if result.text or result.doc_number or result.done:
            reading.results.append(result)


def _figures(path: Path, ws: Worksheet, meta: t.ReturnMeta, reading: ReturnReading) -> None:
    numbers = [clean(str(v or "")) for v in next(ws.iter_rows(min_row=t.FIGURE_NUMBER_ROW, max_row=t.FIGURE_NUMBER_ROW,
                                                                max_col=13, values_only=True))]
    if numbers != [f"({i})" for i in range(1, 14)]:
        raise _refuse_edited(path, "dòng số thứ tự cột (1)…(13) của trang Số liệu")
    form = load_form(DOSSIERS)
    figures = Figures(form, meta.unit)
    first = t.FIGURE_TOTAL_ROW + 1
    for r, row in enumerate(ws.iter_rows(min_row=first, max_row=first + meta.field_rows - 1, min_col=2, max_col=13,
                                         values_only=True), start=first):
        values = {}
        for column, raw in zip(form.columns, row[1:], strict=False):
            number = parse_number(raw)
            if number is None and raw not in (None, ""):
                reading.warnings.append(f"Dòng {r} trang Số liệu: \"{raw}\" không phải số; coi như để trống.")
            elif number is not None:
                values[column.key] = number
        name = clean(str(row[0] or ""))
        if values and not name:
            reading.warnings.append(f"Dòng {r} trang Số liệu có số nhưng chưa ghi lĩnh vực; ghi là \"Dòng {r}\".")
            name = f"Dòng {r}"
        if values:
            figures.rows.append(FigureRow(name, values))
    below = list(ws.iter_rows(min_row=first + meta.field_rows, max_row=first + meta.field_rows + 50, min_col=1,
                              max_col=13, values_only=True))
    if any(any(v not in (None, "") for v in row) for row in below):
        raise _refuse_edited(path, "có số liệu ghi ngoài bảng của trang Số liệu")
    reading.figures = figures if figures.rows else None


def read_return(path: Path) -> ReturnReading:
    """What a unit's return holds (UserError with one sentence when it is not ours or was edited)."""
    if path.suffix.lower() != ".xlsx":
        raise UserError(f"Tệp \"{path.name}\" không phải mẫu báo cáo của đơn vị (.xlsx).")
    if not path.is_file():
        raise UserError(f"Không tìm thấy tệp \"{path}\".")
    check_size(path)
    check_zip(path, "Excel")
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        raise UserError(f"Không đọc được tệp \"{path.name}\": tệp Excel bị hỏng.") from exc
    try:
        meta = _meta(path, wb)
        for sheet in (t.TASKS_SHEET, t.FIGURES_SHEET):
            if sheet not in wb.sheetnames:
                raise _refuse_edited(path, f"thiếu trang \"{sheet}\"")
        reading = ReturnReading(meta)
        _tasks(path, wb[t.TASKS_SHEET], meta, reading)
        _figures(path, wb[t.FIGURES_SHEET], meta, reading)
        return reading
    finally:
        wb.close()
