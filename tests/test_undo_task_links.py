"""Issue 14 item 9: a deleted task comes back whole on undo — its link to the plan task it was drafted from and the
unit's result the officer accepted for it, not only its own progress and documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from kstthc_desktop.cli import main
from kstthc_desktop.drafting.draft import DraftOptions, draft_from
from kstthc_desktop.drafting.save import save_draft
from kstthc_desktop.operations.plan_edit import delete_task
from kstthc_desktop.operations.undo import last_action, undo_last
from kstthc_desktop.periods import parse_period
from kstthc_desktop.reports.data import build_report
from kstthc_desktop.returns.filing import accept_result, pending_results
from kstthc_desktop.returns.tracking import unit_states
from kstthc_desktop.store import Store

PLAN = Path(__file__).parent / "fixtures" / "plans" / "vinh-long-2024.docx"
UNIT = "Sở Tư pháp"


def _run(*argv: object) -> None:
    assert main([str(a) for a in argv]) == 0


def _filled_return(db: Path, tmp_path: Path) -> Path:
    """The unit's return for Q3 with a result on its first task, typed in as the unit's officer would."""
    path = tmp_path / "tp.xlsx"
    _run("returns", "template", "--db", db, "--period", "2024-Q3", "--unit", UNIT, "--out", path)
    wb = openpyxl.load_workbook(path)
    sheet = wb["Nhiệm vụ"]
    sheet.cell(8, 6, "Đã rà soát 5 thủ tục")
    sheet.cell(8, 7, "7/BC-STP")
    sheet.cell(8, 8, date(2024, 8, 1))
    wb.save(path)
    return path


def _linked_database(tmp_path: Path) -> tuple[Path, int, int]:
    """A province plan whose task has a unit's accepted result, and the unit's own plan drafted from it (its task
    linked to that task): the database, the province plan's id and the province task's id."""
    db = tmp_path / "k.sqlite3"
    _run("import", PLAN, "--db", db)
    _run("returns", "units", "--db", db, "--year", 2024, "--add", UNIT)
    _run("returns", "import", _filled_return(db, tmp_path), "--db", db, "--today", "2024-09-10")
    with Store.open(db) as store:
        province_id = store.plans()[0].id
        [result] = pending_results(store, "2024-Q3")
        accept_result(store, result.id, today=date(2024, 9, 10))
        save_draft(store, draft_from(store.load_plan(province_id), DraftOptions(UNIT)))
        return db, province_id, result.task_id


def test_undoing_a_task_deletion_brings_back_its_link_and_its_units_result(tmp_path, capsys):
    db, _, task_id = _linked_database(tmp_path)
    capsys.readouterr()
    with Store.open(db) as store:
        own_id = store.plans()[0].id  # the newest plan of the year: the unit's own
        [own_task] = store.linked_tasks(task_id)
        [progress_id] = [e.id for e in store.progress(task_id) if e.task_id == task_id]
        period = parse_period("2024-Q3")

        def seen() -> tuple[object, ...]:
            """What the officer sees: the own plan's task shows the province task's result (the report reads
            the plan's progress this way), and the Đơn vị page lists what the unit's return lacked."""
            report = build_report(store, own_id, "2024-Q3", date(2024, 10, 5))
            own_progress = [p.text for t in report.all_tasks() if t.task_id == own_task for p in t.progress]
            [state] = unit_states(store, 2024, period, date(2024, 10, 20))
            return (store.linked_tasks(own_task), own_progress, state.missing,
                    [r.id for r in pending_results(store, "2024-Q3")])

        before = seen()
        assert before[0] == [task_id] and before[1] == ["Đã rà soát 5 thủ tục (Sở Tư pháp)."]
        assert "kết quả nhiệm vụ" not in before[2] and before[3] == []

        delete_task(store, task_id)
        assert store.linked_tasks(own_task) == [] and "kết quả nhiệm vụ" in seen()[2]
        assert last_action(store) == ("Xóa nhiệm vụ", True)
        undo_last(store)

        assert seen() == before  # linked again, the result accepted (not offered a second time), nothing missing
        [row] = store._query("select progress_id from return_results where task_id = ?", [task_id])
        assert row["progress_id"] == progress_id


@pytest.mark.gui
def test_the_units_page_shows_the_result_again_after_undo_in_the_window(qtbot, tmp_path, capsys):
    from conftest import show_main_window
    from PySide6.QtGui import QAction

    db, province_id, task_id = _linked_database(tmp_path)
    win = show_main_window(qtbot, Store.open(db), date(2024, 10, 20))
    try:
        win.period_combo.setCurrentIndex(win.period_combo.findData("2024-Q3"))
        win.tabs.setCurrentIndex(3)
        qtbot.waitUntil(lambda: win.units_page is not None)
        page = win.units_page

        def missing() -> str:
            return page.table.item(0, 4).text()

        assert "kết quả nhiệm vụ" not in missing()
        delete_task(win.store, task_id)
        win.refresh()
        assert "kết quả nhiệm vụ" in missing()  # the unit's results went with the task
        win.findChild(QAction, "undoAction").trigger()
        qtbot.waitUntil(lambda: "kết quả nhiệm vụ" not in missing())
        assert win.statusBar().currentMessage() == "Đã hoàn tác: Xóa nhiệm vụ."
        assert page.pending.rowCount() == 0  # accepted before: not offered again
        assert province_id in [p.id for p in win.store.plans()]
    finally:
        win.store.close()


def test_undoing_an_accepted_result_offers_it_again(tmp_path, capsys):
    db = tmp_path / "k.sqlite3"
    _run("import", PLAN, "--db", db)
    _run("returns", "units", "--db", db, "--year", 2024, "--add", UNIT)
    _run("returns", "import", _filled_return(db, tmp_path), "--db", db, "--today", "2024-09-10")
    with Store.open(db) as store:
        [result] = pending_results(store, "2024-Q3")
        accept_result(store, result.id, today=date(2024, 9, 10))
        assert pending_results(store, "2024-Q3") == []
        assert last_action(store) == ("Thêm kết quả", True)
        undo_last(store)
        assert [r.id for r in pending_results(store, "2024-Q3")] == [result.id]  # waiting for the officer again
        assert store.progress(result.task_id) == []
