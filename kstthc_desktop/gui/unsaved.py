"""One question before typed text is thrown away: "Lưu / Bỏ / Quay lại".

Asked when the officer closes a form with Esc, ✕ or "Hủy" after typing, or closes the program with an assignee
typed but not saved. "Quay lại" is the safe default (Enter or Esc on the question keeps the text).
"""

from __future__ import annotations

import enum

from PySide6.QtWidgets import QMessageBox, QWidget


class Choice(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    BACK = "back"


def ask_unsaved(parent: QWidget | None, what: str = "nội dung vừa nhập") -> Choice:
    """Ask whether to save ``what`` before closing; the officer's choice (``BACK`` when the box is closed)."""
    box = QMessageBox(parent)
    box.setObjectName("unsavedQuestion")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Chưa lưu")
    box.setText(f"Bạn có {what} chưa lưu. Lưu lại trước khi đóng?")
    save = box.addButton("Lưu", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Bỏ", QMessageBox.ButtonRole.DestructiveRole)
    back = box.addButton("Quay lại", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is save:
        return Choice.SAVE
    if clicked is discard:
        return Choice.DISCARD
    return Choice.BACK
