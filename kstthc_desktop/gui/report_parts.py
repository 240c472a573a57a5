"""Two tabs of the report dialog: the sentence each task prints, and the area of part I each plan section goes to.

The sentence of a task is the officer's to edit: the computed one (``words.task_sentence``) is offered first and
only a changed text is kept, with the report (report text "task:<id>"). The areas are the official outline's
(``words.AREAS``); a section's area is kept in the settings (``Settings.section_areas``), for every report.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from kstthc_desktop.reports.words import AREAS, area_of
from kstthc_desktop.text import fold, nfc

OWN_TITLE = "own"  # the section keeps its own title, after the official areas


class TaskTextsPanel(QWidget):
    """Choose a task of the period, read or rewrite what the report says about it."""

    changed = Signal()

    def __init__(self, parent=None, read_only: bool = False):
        super().__init__(parent)
        self.task_box = QComboBox()
        self.task_box.setObjectName("taskBox")
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("taskText")
        self.text_edit.setPlaceholderText("Nhiệm vụ chưa có kết quả trong kỳ: báo cáo gộp vào câu chung của lĩnh "
                                          "vực. Viết vào đây nếu muốn báo cáo riêng nhiệm vụ này.")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setReadOnly(read_only)
        self.reset_button = QPushButton("Dùng câu chương trình soạn")
        self.reset_button.setEnabled(not read_only)
        hint = QLabel("Câu in trong phần I cho nhiệm vụ đã chọn. Chương trình soạn sẵn từ kết quả và văn bản trong "
                      "kỳ; sửa thì câu của anh/chị được giữ cùng báo cáo. Nhiệm vụ chưa có kết quả được gộp thành "
                      "một câu cho cả lĩnh vực.")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.task_box)
        layout.addWidget(self.text_edit, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.reset_button)
        layout.addLayout(row)
        layout.addWidget(hint)
        self._computed: dict[str, str] = {}
        self._own: dict[str, str] = {}
        self._showing = ""
        self.task_box.currentIndexChanged.connect(self._show_current)
        self.text_edit.textChanged.connect(self._edited)
        self.reset_button.clicked.connect(lambda: self.text_edit.setPlainText(self._computed.get(self._showing, "")))

    def set_tasks(self, items: list[tuple[str, str, str]], saved: dict[str, str]) -> None:
        """``items``: (report-text key, label, computed sentence) per task of the period; ``saved``: the texts kept."""
        current = self._showing
        self._computed = {key: computed for key, _, computed in items}
        self._own = {k: v for k, v in saved.items() if k in self._computed and v.strip()}
        self.task_box.blockSignals(True)
        self.task_box.clear()
        for key, label, _ in items:
            self.task_box.addItem(label, key)
        index = self.task_box.findData(current)
        self.task_box.setCurrentIndex(max(index, 0))
        self.task_box.blockSignals(False)
        self._show_current()

    def _show_current(self, *_):
        self._showing = self.task_box.currentData() or ""
        self.text_edit.blockSignals(True)
        self.text_edit.setPlainText(self._own.get(self._showing) or self._computed.get(self._showing, ""))
        self.text_edit.blockSignals(False)

    def _edited(self):
        if not self._showing:
            return
        text = nfc(self.text_edit.toPlainText()).strip()
        if text and text != self._computed.get(self._showing, "").strip():
            self._own[self._showing] = text
        else:
            self._own.pop(self._showing, None)
        self.changed.emit()

    def texts(self) -> dict[str, str]:
        """Every task's kept text ("" for the computed one, so a text reset is forgotten in the store too)."""
        return {key: self._own.get(key, "") for key in self._computed}


class AreaMapPanel(QWidget):
    """One row per plan section: the area of part I it is reported under."""

    changed = Signal()

    def __init__(self, store, sections, parent=None, read_only: bool = False):
        super().__init__(parent)
        self.store = store
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("areaTable")
        self.table.setHorizontalHeaderLabels(["Mục của kế hoạch", "Báo cáo trong lĩnh vực"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        remapped = store.settings().section_areas or {}
        self.combos: dict[str, QComboBox] = {}
        for section in sections:
            title = nfc(section.title).strip()
            if not title or fold(title) in self.combos:
                continue
            row = self.table.rowCount()
            self.table.insertRow(row)
            item = QTableWidgetItem(f"{section.printed_code or section.code}. {title}")
            item.setToolTip(title)
            self.table.setItem(row, 0, item)
            combo = QComboBox()
            for number, area in enumerate(AREAS, 1):
                combo.addItem(f"{number}. {area.title}", area.key)
            combo.addItem("Giữ tên mục của kế hoạch", OWN_TITLE)
            combo.setCurrentIndex(combo.findData(area_of(title, remapped) or OWN_TITLE))
            combo.setEnabled(not read_only)
            combo.currentIndexChanged.connect(lambda _=0, t=title, c=combo: self._chosen(t, c.currentData()))
            self.table.setCellWidget(row, 1, combo)
            self.combos[fold(title)] = combo
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), 260))
        hint = QLabel("Phần I của báo cáo đi theo các lĩnh vực của đề cương; chương trình xếp mỗi mục của kế hoạch "
                      "vào một lĩnh vực theo tên mục. Chọn lại ở đây nếu xếp chưa đúng (giữ cho mọi báo cáo).")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)

    def _chosen(self, title: str, key: str) -> None:
        """Keep the choice in the settings; the area found from the title is not copied there."""
        from dataclasses import replace

        settings = self.store.settings()
        mapping = dict(settings.section_areas or {})
        mapping.pop(fold(title), None)
        if (area_of(title) or OWN_TITLE) != key:
            mapping[fold(title)] = key
        self.store.save_settings(replace(settings, section_areas=mapping))
        self.changed.emit()
