"""Issue 14 item 11 in the window: the officer names the aliases that mean "us" in the settings dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

import conftest
from kstthc_desktop.store import Store

pytestmark = pytest.mark.gui


def test_aliases_typed_in_the_settings_are_saved_and_shown_again(qtbot, tmp_path, monkeypatch):
    from kstthc_desktop.gui.settings_dialog import SettingsDialog

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"refused: {a[2]}"))
    with Store.open(tmp_path / "kstthc.sqlite3") as store:
        dialog = SettingsDialog(store)
        qtbot.addWidget(dialog)
        dialog.show()
        conftest.type_text(qtbot, dialog.edits["body_name"], "SỞ XÂY DỰNG", replace=True)
        conftest.type_text(qtbot, dialog.aliases_edit, "Văn phòng Sở;  Phòng chuyên môn thuộc Sở ; Văn phòng Sở")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
        assert store.settings().my_aliases == ["Văn phòng Sở", "Phòng chuyên môn thuộc Sở"]
        again = SettingsDialog(store)
        qtbot.addWidget(again)
        assert again.aliases_edit.text() == "Văn phòng Sở; Phòng chuyên môn thuộc Sở"


def test_several_chosen_tasks_are_marked_ours_at_once_and_undone_at_once(qtbot, tmp_path):
    from datetime import date

    import two_level_plan as layout
    from conftest import show_main_window
    from kstthc_desktop.domain import Settings
    from kstthc_desktop.importers import extract
    from kstthc_desktop.operations.undo import undo_last

    plan = extract(layout.write_docx(tmp_path / "plan.docx"))
    plan.document.issuer = "Ủy ban nhân dân tỉnh Sóc Trăng"  # not our own plan: nothing is ours by itself
    with Store.open(tmp_path / "kstthc.sqlite3") as store:
        store.save_plan(plan)
        store.save_settings(Settings(body_name="SỞ TƯ PHÁP", my_body="Sở Tư pháp"))
        window = show_main_window(qtbot, store, date(2024, 6, 16))
        window.tabs.setCurrentIndex(1)
        page = window.ensure_task_page()
        assert not any(r.mine for r in window.rows)
        table = page.table
        for row in (0, 2, 3):  # Ctrl + click on three rows
            rect = table.visualRect(page.proxy.index(row, 1))
            qtbot.mouseClick(table.viewport(), Qt.LeftButton, Qt.KeyboardModifier.ControlModifier, rect.center())
        assert len(table.selectionModel().selectedRows()) == 3
        window.findChild(type(window.undo_action), "concern_lead").trigger()
        assert sum(r.mine for r in window.rows) == 3
        assert "Đã đánh dấu 3 nhiệm vụ" in window.statusBar().currentMessage()
        assert undo_last(store) == "Sửa nhiệm vụ"  # one action for all three
        window.refresh()
        assert not any(r.mine for r in window.rows)
