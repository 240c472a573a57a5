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
