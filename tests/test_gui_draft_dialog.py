"""'Lập kế hoạch của đơn vị' driven through its widgets: the body's tasks pre-selected, one dropped, a lead and an
internal deadline rewritten, the Word plan written and the plan saved linked to the province's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

PLAN = Path(__file__).parent / "fixtures" / "plans" / "vinh-long-2024.docx"


@pytest.fixture
def dialog(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from kstthc_desktop.cli import main
    from kstthc_desktop.gui.app import make_application
    from kstthc_desktop.gui.draft_dialog import DraftDialog
    from kstthc_desktop.store import Store

    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Ok)
    db = tmp_path / "k.sqlite3"
    assert main(["import", str(PLAN), "--db", str(db)]) == 0
    store = Store.open(db)
    settings = store.settings()
    settings.my_body = "Sở Tư pháp"
    store.save_settings(settings)
    make_application()
    dlg = DraftDialog(store, store.plans()[0].id, date(2024, 1, 10))
    qtbot.addWidget(dlg)
    yield dlg
    store.close()


def checked(dlg) -> list[int]:
    from PySide6.QtCore import Qt

    return [r for r in range(dlg.table.rowCount()) if dlg.table.item(r, 0).checkState() == Qt.CheckState.Checked]


def test_the_bodys_tasks_come_pre_selected_with_internal_leads_and_deadlines(dialog):
    rows = checked(dialog)
    assert len(rows) == 35 and dialog.table.rowCount() > 35
    assert "Đã chọn 35 /" in dialog.summary.text()
    first = rows[0]
    assert dialog.table.item(first, 3).text() == "Văn phòng Sở"
    assert dialog.table.item(first, 5).text() == "Trước ngày 25/12/2023"  # Tháng 12/2023, 5 working days before
    assert dialog.table.item(first, 6).text() == "Tháng 12/2023"


def test_the_officers_choices_go_into_the_word_plan_and_the_saved_plan(dialog, tmp_path):
    from PySide6.QtCore import Qt

    rows = checked(dialog)
    dialog.table.item(rows[0], 0).setCheckState(Qt.CheckState.Unchecked)  # dropped
    dialog.table.item(rows[1], 3).setText("Phòng Hành chính tư pháp")  # internal lead rewritten
    dialog.table.item(rows[1], 5).setText("Quý I/2024")  # internal deadline typed
    assert "Đã chọn 34 /" in dialog.summary.text()
    out = tmp_path / "kh.docx"
    dialog.save(str(out))
    assert out.exists() and dialog.saved_plan_id is not None
    own = dialog.store.load_plan(dialog.saved_plan_id)
    assert len(own.tasks) == 34 and own.document.issuer == "Sở Tư pháp"
    second = own.tasks[0]
    assert second.lead == "Phòng Hành chính tư pháp" and second.deadline.due == date(2024, 3, 31)
    assert all(dialog.store.linked_tasks(t.id) for t in own.tasks)
