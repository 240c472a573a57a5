"""The import wizard through its real widgets: a plan file to saved tasks (with corrections on the way),
a re-import showing what will change before it does, a table pasted from Word."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QMimeData, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWizard

from kstthc_desktop.domain import Concern, DeadlineKind
from kstthc_desktop.store import Store

PLANS = Path(__file__).parent / "fixtures" / "plans"

pytestmark = pytest.mark.gui


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "kstthc.sqlite3") as s:
        yield s


@pytest.fixture
def messages(monkeypatch):
    shown: list[str] = []
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(lambda parent, title, text, *a, **k: shown.append(text)))
    return shown


def make_wizard(qtbot, store, today=date(2024, 1, 15)):
    from kstthc_desktop.gui.import_wizard import ImportWizard

    wizard = ImportWizard(store, today)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def open_through_button(qtbot, wizard, monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    qtbot.mouseClick(wizard.source_page.open_button, Qt.LeftButton)


def click(qtbot, wizard, which) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.LeftButton)


def shown_column(page, column: int) -> list[str]:
    model = page.table.model()
    return [model.index(r, column).data() or "" for r in range(model.rowCount())]


def test_plan_file_to_saved_tasks_with_corrections(qtbot, store, messages, monkeypatch):
    from kstthc_desktop.gui.import_preview_model import WARN_BRUSH, PreviewModel

    saved: list[int] = []
    wizard = make_wizard(qtbot, store)
    wizard.planSaved.connect(saved.append)
    open_through_button(qtbot, wizard, monkeypatch, PLANS / "vinh-long-2024.xlsx")

    assert wizard.currentId() == wizard.PAGE_PREVIEW
    page = wizard.preview_page
    model = page.table.model()
    plan = wizard.plan
    # Sections appear as their own rows, the tasks under them.
    assert model.rowCount() == len(plan.sections) + len(plan.tasks)
    assert "II. Kiểm soát quy định về TTHC" in shown_column(page, 0)
    assert page.year_spin.value() == 2024
    # The deadline the importer could not read is flagged at its row and listed among the warnings.
    warned = next(i for i, t in enumerate(plan.tasks) if t.deadline_text == "Báo cáo kết quả kiểm tra")
    row = model.row_of_task(warned)
    assert model.index(row, PreviewModel.COL_CONTENT).data(Qt.BackgroundRole) == WARN_BRUSH
    assert "không đọc được thời hạn" in model.index(row, PreviewModel.COL_CONTENT).data(Qt.ToolTipRole)
    item = next(page.warning_list.item(i) for i in range(page.warning_list.count())
                if "Báo cáo kết quả kiểm tra" in page.warning_list.item(i).text())
    rect = page.warning_list.visualItemRect(item)
    qtbot.mouseClick(page.warning_list.viewport(), Qt.LeftButton, pos=rect.center())
    assert page.selected_task_indexes() == [warned]  # clicking the warning goes to its row

    # The officer reads that deadline as "by 15 December 2024" …
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(DeadlineKind.DATED.value))
    page.due_edit.setDate(QDate(2024, 12, 15))
    assert model.index(row, PreviewModel.COL_READING).data() == "Hạn 15/12/2024"
    # … and marks the first two tasks of section I as led by the body.
    first = model.index(model.row_of_task(0), 0)
    second = model.index(model.row_of_task(1), 0)
    qtbot.mouseClick(page.table.viewport(), Qt.LeftButton, pos=page.table.visualRect(first).center())
    qtbot.mouseClick(page.table.viewport(), Qt.LeftButton, Qt.ShiftModifier, page.table.visualRect(second).center())
    assert page.selected_task_indexes() == [0, 1]
    page.concern_combo.setCurrentIndex(page.concern_combo.findData(Concern.LEAD.value))
    page.concern_combo.activated.emit(page.concern_combo.currentIndex())
    assert model.index(model.row_of_task(1), PreviewModel.COL_CONCERN).data() == "Chủ trì"

    click(qtbot, wizard, QWizard.NextButton)
    assert wizard.currentId() == wizard.PAGE_CONFIRM
    assert "Kế hoạch năm 2024 sẽ được lưu" in wizard.confirm_page.intro.text()
    assert wizard.button(QWizard.FinishButton).text() == "Lưu kế hoạch"
    click(qtbot, wizard, QWizard.FinishButton)

    assert messages == []
    assert len(saved) == 1 and store.plan_id_for_year(2024) == saved[0]
    tasks = store.tasks(saved[0])
    assert len(tasks) == 40
    fixed = next(t for t in tasks if t.deadline_text == "Báo cáo kết quả kiểm tra")
    assert fixed.deadline.kind == DeadlineKind.DATED and fixed.deadline.due == date(2024, 12, 15)
    assert [t.concern for t in tasks[:2]] == [Concern.LEAD, Concern.LEAD]
    from kstthc_desktop.store.backup import list_backups

    assert any(b.reason == "truoc-nhap" for b in list_backups(store.path))  # backed up before writing


def test_fixing_a_column_role_reads_the_file_again(qtbot, store, messages, monkeypatch):
    from kstthc_desktop.gui.import_preview_model import PreviewModel

    wizard = make_wizard(qtbot, store)
    open_through_button(qtbot, wizard, monkeypatch, PLANS / "dong-nai-so-noi-vu-2022.xlsx")
    page = wizard.preview_page
    qtbot.mouseClick(page.roles_button, Qt.LeftButton)
    assert page.roles_box.isVisible()
    headings = wizard.plan.header
    result_column = headings.index("Kết quả")
    assert page.chosen_columns()[result_column] == "result"
    combo = page.role_combos[result_column]
    combo.setCurrentIndex(combo.findData("note"))  # the officer says: that column is only notes
    qtbot.mouseClick(page.reread_button, Qt.LeftButton)

    assert messages == []
    assert wizard.plan.tasks[0].result == ""
    assert wizard.plan.tasks[0].note == "Quyết định, Văn bản"
    assert page.chosen_columns()[result_column] == "note"  # the choice stays shown
    assert shown_column(page, PreviewModel.COL_RESULT).count("") == page.table.model().rowCount()
