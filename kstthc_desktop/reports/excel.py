"""The period's report as an Excel workbook the officer can paste into the province's own forms.

Sheet "Nhiệm vụ": one row per task under its section row (bold header, wrapped text, frozen header row,
overdue rows highlighted); sheet "Tổng hợp": counts by status, by section and by lead body.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kstthc_desktop.reports.columns import WORKBOOK_COLUMNS
from kstthc_desktop.reports.data import OUTSIDE_TOTAL, OUTSIDE_TOTAL_NOTE, STATUS_ORDER, ReportData
from kstthc_desktop.text import nfc
from kstthc_desktop.vndates import text_date

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.styles import Border, Font
    from openpyxl.worksheet.worksheet import Worksheet

COLUMNS = WORKBOOK_COLUMNS
OVERDUE_FILL = "FFF4CCCC"  # light red: overdue rows stand out when printed in colour or grey
SECTION_FILL = "FFE7E6E6"
HEADER_FILL = "FFD9E1F2"


def write_xlsx(report_data: ReportData, out_path: Path | str) -> Path:
    """Write the workbook to ``out_path`` (replacing it) and return the path."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    data = report_data
    out_path = Path(out_path)
    wb = Workbook()
    ws = wb.worksheets[0]  # a new workbook's one sheet (wb.active is typed as possibly none)
    ws.title = "Nhiệm vụ"
    thin = Side(style="thin", color="FF808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)

    ws.append([nfc(f"Tình trạng thực hiện nhiệm vụ kiểm soát thủ tục hành chính – {data.period_title}")])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([nfc(data.plan_title)])
    header_row = 3
    ws.append([c.heading for c in COLUMNS])
    for col, column in enumerate(COLUMNS, 1):
        cell = ws.cell(header_row, col)
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = border
        ws.column_dimensions[get_column_letter(col)].width = column.width_chars
    ws.freeze_panes = f"A{header_row + 1}"  # a string: ws.cell() would create row 4 and append after it
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)

    section_fill, overdue_fill = PatternFill("solid", fgColor=SECTION_FILL), PatternFill("solid", fgColor=OVERDUE_FILL)
    formats = {col: c.number_format for col, c in enumerate(COLUMNS, 1) if c.number_format}
    r = header_row  # counted here: ws.max_row scans the sheet, once per row it is quadratic
    for section in data.sections:
        ws.append([nfc(section.label), nfc(section.title)])
        r += 1
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=len(COLUMNS))
        for col in range(1, len(COLUMNS) + 1):
            cell = ws.cell(r, col)
            cell.font = bold
            cell.fill = section_fill
            cell.border = border
            cell.alignment = wrap
        for t in section.tasks:
            ws.append([c.cell(t) for c in COLUMNS])
            r += 1
            for col in range(1, len(COLUMNS) + 1):
                cell = ws.cell(r, col)
                cell.alignment = wrap
                cell.border = border
                if t.overdue:
                    cell.fill = overdue_fill
            for col, number_format in formats.items():
                ws.cell(r, col).number_format = number_format
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(COLUMNS))}{r}"

    _counts_sheet(wb.create_sheet("Tổng hợp"), data, bold, border)
    if data.figures is not None and data.figures.tables:
        _figures_sheet(wb.create_sheet("Số liệu"), data, bold, border)
    _text_is_text(wb)
    wb.properties.title = nfc(data.summary_title)
    wb.properties.creator = "KSTTHC Desktop"
    tmp = out_path.with_name(out_path.name + ".part")
    try:
        wb.save(tmp)
        tmp.replace(out_path)
    except OSError as exc:
        from kstthc_desktop.store.media import write_error

        tmp.unlink(missing_ok=True)
        raise write_error(exc, out_path, "tệp báo cáo") from exc
    return out_path


def _text_is_text(wb: Workbook) -> None:
    """Every text cell is written as a string: openpyxl reads a text starting with "=" as a formula, and a task
    text from someone else's file must never become a live formula in the officer's report."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"


def _counts_sheet(ws: Worksheet, data: ReportData, bold: Font, border: Border) -> None:
    from openpyxl.styles import Alignment

    ws.column_dimensions["A"].width = 45
    for col in "BCDEFGHIJK":
        ws.column_dimensions[col].width = 14
    ws.append([nfc(f"Tổng hợp – {data.period_title}")])
    ws["A1"].font = bold
    ws.append([f"Số liệu tính đến ngày {text_date(data.window_end)}"])
    ws.append([])

    # Withdrawn tasks are listed after the total, outside it (the dashboard's total leaves them out too).
    counts = data.counts_by_status()
    ws.append(["Tình trạng", "Số nhiệm vụ"])
    _style_header(ws, ws.max_row, 2, bold, border)
    for name, n in counts.items():
        if name not in OUTSIDE_TOTAL:
            ws.append([data.label(name), n])
    ws.append(["Tổng số", data.total()])
    ws.cell(ws.max_row, 1).font = bold
    ws.cell(ws.max_row, 2).font = bold
    for name in OUTSIDE_TOTAL:
        ws.append([f"{data.label(name)} ({OUTSIDE_TOTAL_NOTE})", counts[name]])
    ws.append([])

    present = [name for name in STATUS_ORDER if counts[name] and name not in OUTSIDE_TOTAL]
    outside = [name for name in OUTSIDE_TOTAL if counts[name]]
    for title, table, labels in (
        ("Theo phần của kế hoạch", data.counts_by_section(),
         {s.code: f"{s.label}. {s.title}".strip(". ") for s in data.sections}),
        ("Theo cơ quan chủ trì", data.counts_by_lead(), {}),
    ):
        ws.append([title] + [data.label(name) for name in present] + ["Tổng số"]
                  + [f"{data.label(name)} ({OUTSIDE_TOTAL_NOTE})" for name in outside])
        _style_header(ws, ws.max_row, len(present) + 2 + len(outside), bold, border)
        for key, row in table.items():
            ws.append([nfc(labels.get(key, key))] + [row.get(name, 0) for name in present]
                      + [sum(row.get(name, 0) for name in present)] + [row.get(name, 0) for name in outside])
            ws.cell(ws.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.append([])


def _figures_sheet(ws: Worksheet, data: ReportData, bold: Font, border: Border) -> None:
    """The period's figures in the form's layout: merged headings, the (1)…(13) row, numbers as numbers."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 40
    r = 1
    for ft in data.figures.tables:
        ws.cell(r, 1, nfc(ft.title)).font = bold
        top = r + 1
        for hr, c, cell in ft.placed():
            ws.cell(top + hr, c + 1, cell.text)
            if cell.colspan > 1 or cell.rowspan > 1:
                ws.merge_cells(start_row=top + hr, start_column=c + 1, end_row=top + hr + cell.rowspan - 1,
                               end_column=c + cell.colspan)
        for hr in range(len(ft.head)):
            _style_header(ws, top + hr, ft.width, bold, border)
        r = top + len(ft.head)
        for c, number in enumerate(ft.numbers, start=1):
            ws.cell(r, c, number).alignment = Alignment(horizontal="center")
            ws.cell(r, c).border = border
        for stt, name, values, strong in ft.rows:
            r += 1
            for c, value in enumerate([stt, name, *values], start=1):
                cell = ws.cell(r, c, value)
                cell.border = border
                if strong:
                    cell.font = bold
        r += 2
    for col in range(3, 3 + len(data.figures.tables[0].numbers) - 2):
        ws.column_dimensions[get_column_letter(col)].width = 12


def _style_header(ws: Worksheet, row: int, ncols: int, bold: Font, border: Border) -> None:
    from openpyxl.styles import Alignment

    for col in range(1, ncols + 1):
        cell = ws.cell(row, col)
        cell.font = bold
        cell.border = border
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
