"""A periodic task whose deadline names no day ("Báo cáo định kỳ hằng quý") is due on the officer's day for that
kind of report (Thiết lập: quarterly reports before the 19th) everywhere the task is read: the table, the
dashboard, the report, the panel, the progress form, the command line and the units' returns. A task that
states its own day ("trước ngày 15 của tháng cuối quý") keeps it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import openpyxl
import pytest

from kstthc_desktop.deadlines import read_deadline
from kstthc_desktop.domain import Plan, PlanDocument, Section, Task
from kstthc_desktop.periods import parse_period
from kstthc_desktop.status import Status
from kstthc_desktop.store import Store
from kstthc_desktop.tracking import dashboard_for, task_rows

TODAY = date(2025, 3, 25)  # after the 19th, before the quarter's last day
Q1 = parse_period("2025-Q1")
UNSTATED = "Báo cáo định kỳ hằng quý"
STATED = "trước ngày 15 của tháng cuối quý"


def _task(stt: str, content: str, deadline_text: str) -> Task:
    return Task(section="I", stt=stt, content=content, lead="Văn phòng", deadline_text=deadline_text,
                deadline=read_deadline(deadline_text, 2025))


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "kstthc.sqlite3") as s:
        s.save_settings(replace(s.settings(), body_name="VĂN PHÒNG", report_deadlines={"quarter": 19}))
        s.save_plan(Plan(document=PlanDocument(title="Kế hoạch KSTTHC năm 2025", year=2025),
                         sections=[Section("I", "Báo cáo")],
                         tasks=[_task("1", "Báo cáo tình hình KSTTHC", UNSTATED),
                                _task("2", "Báo cáo rà soát thủ tục", STATED)]))
        yield s


def _plan_id(store: Store) -> int:
    return store.plan_id_for_year(2025)


def _rows(store: Store) -> dict[str, object]:
    return {row.task.stt: row for row in task_rows(store, _plan_id(store), Q1, TODAY)}


def test_the_table_and_the_dashboard_show_the_task_overdue_from_the_officers_report_day(store):
    rows = _rows(store)
    unstated, stated = rows["1"], rows["2"]
    assert (unstated.status, unstated.printed_due) == (Status.OVERDUE, date(2025, 3, 19))
    assert stated.printed_due == date(2025, 3, 15)  # its own day, not the officer's 19th
    assert stated.due == date(2025, 3, 17)  # 15/3/2025 is a Saturday

    board = dashboard_for(store, _plan_id(store), Q1, TODAY)
    assert board.counts.get(Status.OVERDUE) == 2
    assert [r.task.stt for r in board.overdue] == ["1", "2"]


def test_the_report_says_the_same(store):
    from kstthc_desktop.reports.data import assessment, build_report

    data = build_report(store, _plan_id(store), Q1.key, TODAY, whole_plan=True)
    [unstated] = [t for t in data.all_tasks() if t.stt == "1"]
    assert (unstated.status, unstated.due) == (Status.OVERDUE, date(2025, 3, 19))
    assert "2 nhiệm vụ đã quá hạn nhưng chưa hoàn thành." in assessment(data)
    # Quý II's data window opens on 15/3: the quarter-one reports fall due in it, each on its own day
    next_quarter = {t.stt: t.due for t in data.next_tasks}
    assert next_quarter == {"1": date(2025, 3, 19), "2": date(2025, 3, 17)}


def test_the_panel_and_the_progress_form_name_the_same_due_date_as_the_returns(store, qtbot, monkeypatch, tmp_path):
    from kstthc_desktop.gui.app import make_application
    from kstthc_desktop.gui.entry_dialogs import ProgressDialog
    from kstthc_desktop.gui.task_panel import TaskPanel
    from kstthc_desktop.returns.bulk import write_all_returns
    from kstthc_desktop.returns.occurrence import occurrence_for
    from kstthc_desktop.returns.units import Unit, save_unit

    make_application()
    panel = TaskPanel(store, TODAY)
    qtbot.addWidget(panel)
    panel.set_context(2025, Q1, store.load_plan(_plan_id(store)).sections)
    rows = _rows(store)
    panel.show_task(rows["1"])
    assert "Chưa hoàn thành – quá hạn (kỳ quý I)" in panel.title.text()
    assert "19/3/2025" in panel.details.toPlainText() and "31/3/2025" not in panel.details.toPlainText()

    offered: list[list[str]] = []

    def choices(dialog: ProgressDialog) -> int:
        combo = dialog.ui.periodCombo
        offered.append([combo.itemText(i) for i in range(combo.count())])
        return 0

    monkeypatch.setattr(ProgressDialog, "exec", choices)
    panel.add_progress()
    assert offered[-1][:2] == ["Quý I/2025 (hạn 19/3/2025)", "Quý II/2025 (hạn 19/6/2025)"]

    # the units' returns: a result written in Quý I's window counts for it, and the return is due on the 19th
    assert occurrence_for(store, rows["1"].task.id, Q1, date(2025, 3, 10)) == "2025-Q1"
    save_unit(store, 2025, Unit("Sở Tư pháp"))
    [(_, book)] = write_all_returns(store.path, _plan_id(store), Q1)
    (tmp_path / "return.xlsx").write_bytes(book)
    sheet = openpyxl.load_workbook(tmp_path / "return.xlsx").worksheets[0]
    assert sheet["B4"].value.endswith("ngày 19/3/2025")

    panel.show_task(rows["2"])
    panel.add_progress()
    assert offered[-1][0] == "Quý I/2025 (hạn 15/3/2025)"


def test_kstthc_progress_add_names_the_officers_due_date(store, capsys):
    from kstthc_desktop.cli import main

    path = store.path
    store.close()
    assert main(["progress", "add", "--db", str(path), "--year", "2025", "--today", TODAY.isoformat(),
                 "--task", "I.1", "--period", "2025-Q1", "--text", "Đã gửi báo cáo", "--done"]) == 0
    assert "(Quý I/2025 (hạn 19/3/2025))" in capsys.readouterr().out
