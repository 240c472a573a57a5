"""The settings dialog through its real widgets: values saved in the database, bad values refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox

import conftest
from kstthc_desktop.store import Store

pytestmark = pytest.mark.gui


def type_text(qtbot, widget, text: str) -> None:
    """The settings' fields are typed over (what they held is deleted first)."""
    conftest.type_text(qtbot, widget, text, replace=True)


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "kstthc.sqlite3") as s:
        yield s


@pytest.fixture
def warnings_shown(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text))
    return shown


def test_settings_are_saved_in_the_database(qtbot, store, warnings_shown):
    from kstthc_desktop.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.edits["parent_body"], "UBND TỈNH SÓC TRĂNG")
    type_text(qtbot, dialog.edits["body_name"], "SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    type_text(qtbot, dialog.edits["body_short"], "SKHCN")
    type_text(qtbot, dialog.edits["my_body"], "Sở Khoa học và Công nghệ")
    type_text(qtbot, dialog.edits["place_name"], "Sóc Trăng")
    type_text(qtbot, dialog.edits["signer_authority"], "KT. GIÁM ĐỐC")
    type_text(qtbot, dialog.edits["signer_title"], "PHÓ GIÁM ĐỐC")
    type_text(qtbot, dialog.edits["signer_name"], "Trần Thế Vũ")
    type_text(qtbot, dialog.edits["deadline_quarter"], "19")
    type_text(qtbot, dialog.edits["deadline_month"], "22")
    dialog.recipients_edit.setPlainText("- Văn phòng UBND tỉnh;\nGiám đốc Sở;\n\nLưu: VT, VP.")
    dialog.due_soon_spin.setValue(10)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)

    assert warnings_shown == []
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = store.settings()
    assert saved.body_name == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert saved.signer_name == "Trần Thế Vũ"
    assert saved.place_name == "Sóc Trăng"
    assert saved.recipients == ["Văn phòng UBND tỉnh;", "Giám đốc Sở;", "Lưu: VT, VP."]
    assert saved.report_deadlines == {"month": 22, "quarter": 19}
    assert saved.due_soon_days == 10

    again = SettingsDialog(store)  # opening the dialog again shows what was saved
    qtbot.addWidget(again)
    assert again.edits["signer_title"].text() == "PHÓ GIÁM ĐỐC"
    assert again.edits["deadline_quarter"].text() == "19"
    assert again.edits["deadline_year"].text() == ""


@pytest.mark.parametrize(
    "field, value, words",
    [
        ("deadline_quarter", "35", "báo cáo quý"),
        ("deadline_month", "abc", "báo cáo tháng"),
        ("body_short", "BC/SKHCN", "viết tắt"),
        ("body_name", "", "tên cơ quan"),
    ],
)
def test_a_bad_value_is_refused_and_nothing_is_saved(qtbot, store, warnings_shown, field, value, words):
    from kstthc_desktop.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.edits["body_name"], "SỞ NỘI VỤ")
    type_text(qtbot, dialog.edits["signer_name"], "Nguyễn Văn A")
    type_text(qtbot, dialog.edits[field], value)
    before = store.settings()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)

    assert len(warnings_shown) == 1
    assert words in warnings_shown[0].lower()
    assert dialog.isVisible()  # stays open for the correction
    assert store.settings() == before


def test_damaged_settings_are_pointed_out_and_saving_repairs_them(qtbot, store, warnings_shown):
    from kstthc_desktop.gui.settings_dialog import SettingsDialog

    with store.transaction():  # what a crash of an old version or a hand edit could leave
        store.conn.execute("insert or replace into settings(key, value) values ('due_soon_days', '\"bảy\"')")
        store.conn.execute("insert or replace into settings(key, value) values ('body_name', '\"SỞ NỘI VỤ\"')")
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.damaged_label.isVisible() and "due_soon_days" in dialog.damaged_label.text()
    assert dialog.due_soon_spin.value() == 7  # the default stands in
    assert dialog.edits["body_name"].text() == "SỞ NỘI VỤ"  # sound values are kept
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Save), Qt.LeftButton)
    assert warnings_shown == []
    assert store.settings().due_soon_days == 7
    again = SettingsDialog(store)
    qtbot.addWidget(again)
    assert not again.damaged_label.isVisibleTo(again)
