"""A unit's return workbook: its tasks to report on, the dossier form to fill in, and a hidden sheet that ties the
file to the plan, period and unit.

Structure cells are locked and input cells open (sheet protection without a password: it guards against slips,
not against intent; the hidden sheet's fingerprint catches an edited structure when the file comes back).
Input is validated where Excel can (numbers in the form, dates in the date column).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kstthc_desktop.errors import UserError
from kstthc_desktop.store.identity import ID_KEY
from kstthc_desktop.figures.forms import DOSSIERS, load_form
from kstthc_desktop.periods import Period
from kstthc_desktop.tracking import printed_section_codes, shown_stt
from kstthc_desktop.vndates import text_date

if TYPE_CHECKING:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection
    from openpyxl.worksheet.worksheet import Worksheet

    from kstthc_desktop.domain import Plan, Task
    from kstthc_desktop.store.store import Store

FORMAT = "kstthc-return/1"
TASKS_SHEET = "Nhiệm vụ"
FIGURES_SHEET = "Số liệu"
META_SHEET = "kstthc"
TASK_HEADINGS = ["Mã", "STT", "Nội dung công việc", "Vai trò", "Thời hạn", "Kết quả thực hiện trong kỳ",
                 "Số, ký hiệu văn bản", "Ngày văn bản (dd/mm/yyyy)", "Đã hoàn thành (ghi x)"]
TASK_HEADER_ROW = 7
INPUT_TASK_COLUMNS = (6, 7, 8, 9)  # result, document number, document date, done
FIGURE_HEADER_ROWS = (7, 8, 9)
FIGURE_NUMBER_ROW = 10
FIGURE_TOTAL_ROW = 11
BLANK_FIELD_ROWS = 15  # room for fields the unit adds
INPUT_FILL = "FFF2CC"


@dataclass
class ReturnMeta:
    """What the hidden sheet records."""

    plan_id: int
    plan_year: int
    plan_issuer: str
    period_key: str
    unit: str
    task_ids: list[int]
    field_rows: int
    database_id: str = ""
    fingerprint: str = ""

    def compute_fingerprint(self) -> str:
        """A hash of everything structural: a return whose structure was edited no longer matches it."""
        parts = [FORMAT, str(self.plan_id), str(self.plan_year), self.plan_issuer, self.period_key, self.unit,
                 ",".join(map(str, self.task_ids)), str(self.field_rows), "|".join(TASK_HEADINGS),
                 "|".join(figure_headings())]
        return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()

    def to_rows(self) -> list[tuple[str, str]]:
        return [("format", FORMAT), ("plan_id", str(self.plan_id)), ("plan_year", str(self.plan_year)),
                ("plan_issuer", self.plan_issuer), ("period", self.period_key), ("unit", self.unit),
                ("task_ids", json.dumps(self.task_ids)), ("field_rows", str(self.field_rows)),
                ("database_id", self.database_id), ("fingerprint", self.compute_fingerprint())]


def figure_headings() -> list[str]:
    """The dossier form's headings, flattened: what the figures sheet must still say when it comes back."""
    form = load_form(DOSSIERS)
    return ["STT", form.row_label] + [f"({c.number}) {c.label}" for c in form.columns]


def due_date(period: Period, report_day: int | None) -> date:
    """The day a unit's return is due: ``report_day`` of the period's last month, else the window's end."""
    if report_day is None:
        return period.window_end
    import calendar

    last = calendar.monthrange(period.year, period.last_month)[1]
    return date(period.year, period.last_month, min(report_day, last))


def _last_fields(store: Store, unit: str, period: Period) -> list[str]:
    """The fields of the unit's most recent figures before this period (its return lists them again)."""
    from kstthc_desktop.store.figures import unit_key

    row = store.conn.execute(
        "select id from figure_sets where form = ? and unit_key = ? and replaced_by is null and period_key != ? "
        "order by coalesce(date_to, stored_at) desc, id desc limit 1", [DOSSIERS, unit_key(unit), period.key]).fetchone()
    if row is None:
        return []
    return [r[0] for r in store.conn.execute(
        "select name from figure_rows where set_id = ? and is_total = 0 order by position", [row[0]])]


def write_return(store: Store, plan_id: int, period: Period, unit_name: str, out: Path, *,
                 report_day: int | None = None, collector: str = "") -> ReturnMeta:
    """Write the return workbook of ``unit_name`` for ``period`` to ``out``; the metadata it carries."""
    import openpyxl

    from kstthc_desktop.returns.units import unit_tasks

    if out.suffix.lower() != ".xlsx":
        raise UserError("Tệp mẫu báo cáo của đơn vị phải có đuôi .xlsx.")
    plan = store.load_plan(plan_id, tasks=False)
    tasks = unit_tasks(store, plan_id, unit_name)
    fields = _last_fields(store, unit_name, period)
    meta = ReturnMeta(plan_id, plan.document.year or period.year, plan.document.issuer or "", period.key, unit_name,
                      [t.id for t, _ in tasks if t.id is not None], len(fields) + BLANK_FIELD_ROWS, store.meta(ID_KEY) or "")
    meta.fingerprint = meta.compute_fingerprint()
    wb = openpyxl.Workbook()  # its one sheet (``active``) becomes the tasks sheet
    _task_sheet(wb.worksheets[0], plan, tasks, period, unit_name, due_date(period, report_day), collector)
    _figure_sheet(wb.create_sheet(FIGURES_SHEET), period, unit_name, fields, meta.field_rows)
    hidden = wb.create_sheet(META_SHEET)
    for key, value in meta.to_rows():
        hidden.append([key, value])
    hidden.sheet_state = "veryHidden"
    hidden.protection.sheet = True
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    wb.save(part)
    part.replace(out)
    return meta


@dataclass(frozen=True)
class _Styles:
    """The cell styles both sheets use."""

    border: Border
    wrap: Alignment
    center: Alignment
    bold: Font
    title: Font
    input: PatternFill
    open: Protection


def _styles() -> _Styles:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    thin = Side(style="thin", color="999999")
    return _Styles(
        border=Border(left=thin, right=thin, top=thin, bottom=thin),
        wrap=Alignment(wrap_text=True, vertical="top"),
        center=Alignment(horizontal="center", vertical="center", wrap_text=True),
        bold=Font(bold=True),
        title=Font(bold=True, size=13),
        input=PatternFill("solid", fgColor=INPUT_FILL),
        open=Protection(locked=False),
    )


def _task_sheet(ws: Worksheet, plan: Plan, tasks: list[tuple[Task, str]], period: Period, unit: str, due: date,
                collector: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    st = _styles()
    ws.title = TASKS_SHEET  # column A holds the task ids and is hidden: the heading lines start in B
    ws["B1"] = "BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ KIỂM SOÁT THỦ TỤC HÀNH CHÍNH"
    ws["B1"].font = st.title
    ws["B2"] = f"Đơn vị: {unit}"
    ws["B3"] = f"Kỳ báo cáo: {period.title}"
    ws["B4"] = f"Hạn gửi{(' về ' + collector) if collector else ''}: ngày {text_date(due)}"
    ws["B5"] = ("Cách điền: ghi vào các ô nền vàng (kết quả, số và ngày văn bản, x nếu đã hoàn thành); "
                "không sửa, thêm hoặc xóa dòng, cột khác. Lưu tệp (.xlsx) và gửi lại.")
    ws["B5"].alignment = st.wrap
    ws.merge_cells("B5:I5")
    ws.row_dimensions[5].height = 32
    for col, heading in enumerate(TASK_HEADINGS, start=1):
        cell = ws.cell(TASK_HEADER_ROW, col, heading)
        cell.font, cell.alignment, cell.border = st.bold, st.center, st.border
    codes = printed_section_codes(plan.sections)
    dates = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)", formula2="DATE(2100,12,31)",
                           showErrorMessage=True, errorTitle="Ngày không hợp lệ",
                           error="Hãy ghi ngày dạng dd/mm/yyyy, ví dụ 15/03/2025.")
    done = DataValidation(type="list", formula1='"x"', allow_blank=True, showErrorMessage=True,
                          errorTitle="Chỉ ghi x", error="Ghi x nếu nhiệm vụ đã hoàn thành, để trống nếu chưa.")
    ws.add_data_validation(dates)
    ws.add_data_validation(done)
    for r, (task, role) in enumerate(tasks, start=TASK_HEADER_ROW + 1):
        values = [task.id, shown_stt(task, codes), task.content, role, task.deadline_text]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(r, col, value)
            cell.alignment, cell.border = st.wrap, st.border
        for col in INPUT_TASK_COLUMNS:
            entry = ws.cell(r, col)
            entry.fill, entry.protection, entry.border, entry.alignment = st.input, st.open, st.border, st.wrap
        ws.cell(r, 8).number_format = "dd/mm/yyyy"
        ws.row_dimensions[r].height = 15 * max(2, -(-len(task.content) // 70))  # wrapped content stays readable
        dates.add(ws.cell(r, 8))
        done.add(ws.cell(r, 9))
    for letter, width in zip("ABCDEFGHI", (6, 8, 60, 10, 18, 45, 20, 14, 12), strict=True):
        ws.column_dimensions[letter].width = width
    ws.column_dimensions["A"].hidden = True
    ws.freeze_panes = ws.cell(TASK_HEADER_ROW + 1, 3).coordinate
    ws.protection.sheet = True
    ws.protection.formatRows = False  # row heights may be changed for long results
    _print_on_one_page_width(ws)


def _figure_sheet(ws: Worksheet, period: Period, unit: str, fields: list[str], field_rows: int) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    st = _styles()
    form = load_form(DOSSIERS)
    ws["A1"] = form.code
    ws["A2"] = form.title.upper()
    ws["A2"].font = st.title
    ws["A3"] = f"Đơn vị: {unit}"
    ws["A4"] = f"Kỳ báo cáo: {period.title}"
    ws["A5"] = form.unit_label
    top, mid, low = FIGURE_HEADER_ROWS
    groups = {g.key: g.label for g in form.groups}
    heads: dict[tuple[int, int], str | None] = {(top, 1): "STT", (top, 2): form.row_label}
    merges = [f"A{top}:A{low}", f"B{top}:B{low}"]
    col = 3
    for group in ("received", "resolved", "pending"):
        members = [c for c in form.columns if c.group == group]
        first, last = col, col + len(members) - 1
        heads[(top, first)] = groups[group]
        merges.append(f"{_letter(first)}{top}:{_letter(last)}{top}")
        heads[(mid, first)] = "Tổng số"
        merges.append(f"{_letter(first)}{mid}:{_letter(first)}{low}")
        heads[(mid, first + 1)] = "Trong đó" if group == "received" else (
            "Số hồ sơ đã giải quyết" if group == "resolved" else None)
        if group != "pending":
            merges.append(f"{_letter(first + 1)}{mid}:{_letter(last)}{mid}")
        for i, column in enumerate(members[1:], start=first + 1):
            if group == "pending":
                heads[(mid, i)] = column.label
                merges.append(f"{_letter(i)}{mid}:{_letter(i)}{low}")
            else:
                heads[(low, i)] = column.label
        col = last + 1
    for (r, c), text in heads.items():
        if text:
            ws.cell(r, c, text)
    for rng in merges:
        ws.merge_cells(rng)
    for r in FIGURE_HEADER_ROWS:
        for c in range(1, 14):
            ws.cell(r, c).font, ws.cell(r, c).alignment, ws.cell(r, c).border = st.bold, st.center, st.border
    for r, height in zip(FIGURE_HEADER_ROWS, (30, 30, 58), strict=False):
        ws.row_dimensions[r].height = height
    for c in range(1, 14):
        cell = ws.cell(FIGURE_NUMBER_ROW, c, f"({c})")
        cell.alignment, cell.border = st.center, st.border
    first_field, last_field = FIGURE_TOTAL_ROW + 1, FIGURE_TOTAL_ROW + field_rows
    ws.cell(FIGURE_TOTAL_ROW, 2, "Tổng số").font = st.bold
    for c in range(3, 14):
        letter = _letter(c)
        ws.cell(FIGURE_TOTAL_ROW, c, f"=SUM({letter}{first_field}:{letter}{last_field})").font = st.bold
    numbers = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", showErrorMessage=True,
                             errorTitle="Số không hợp lệ", error="Hãy ghi số hồ sơ: số nguyên không âm.")
    ws.add_data_validation(numbers)
    for i in range(field_rows):
        r = first_field + i
        ws.cell(r, 1, i + 1)
        name = ws.cell(r, 2, fields[i] if i < len(fields) else None)
        name.fill, name.protection = st.input, st.open
        for c in range(3, 14):
            entry = ws.cell(r, c)
            entry.fill, entry.protection = st.input, st.open
            numbers.add(entry)
        for c in range(1, 14):
            ws.cell(r, c).border = st.border
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = 34
    for c in range(3, 14):
        ws.column_dimensions[_letter(c)].width = 11
    ws.protection.sheet = True
    _print_on_one_page_width(ws)


def _print_on_one_page_width(ws: Worksheet) -> None:
    """Landscape A4, every column on the page (rows run on to further pages)."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    # openpyxl gives every sheet a PageSetupProperties; the stubs type the attribute as optional
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)
