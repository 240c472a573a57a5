"""The re-import's questions: each place the officer corrected by hand and the new file changed too, with the choice
"giữ bản đã sửa / lấy theo tệp mới" (the officer's kept unless changed). Shown on the import wizard's last page, whose
list of changes is computed again from the choices each time one changes (``choicesChanged``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, \
    QVBoxLayout, QWidget

if TYPE_CHECKING:
    from kstthc_desktop.importers.reimport_sections import Conflict

KEEP, TAKE = "Giữ bản đã sửa", "Lấy theo tệp mới"
HEADINGS = ["Ở đâu", "Phần", "Bản đã sửa", "Tệp mới", "Giữ lại"]


class ConflictTable(QWidget):
    """The conflicts of a re-import, one row each, with a choice per row; hidden when there is none."""

    choicesChanged = Signal()  # the officer changed a row's choice: what the import will save changed

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.conflicts: list[Conflict] = []
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADINGS))
        self.table.setObjectName("reimportConflicts")
        self.table.setHorizontalHeaderLabels(HEADINGS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column in (1, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addWidget(self.table)
        self.setVisible(False)

    def set_conflicts(self, conflicts: list[Conflict], take_file: set[str] | frozenset[str] = frozenset()) -> None:
        """Show ``conflicts``, those whose keys are in ``take_file`` given to the file (the officer's choices so far)."""
        self.conflicts = list(conflicts)
        self.table.setRowCount(len(self.conflicts))
        for row, conflict in enumerate(self.conflicts):
            for column, text in enumerate((conflict.where, conflict.what, conflict.officer, conflict.file)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
            choice = QComboBox()
            choice.addItems([KEEP, TAKE])
            choice.setCurrentText(TAKE if conflict.key in take_file else KEEP)
            choice.currentIndexChanged.connect(lambda _index: self.choicesChanged.emit())
            self.table.setCellWidget(row, 4, choice)
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        frame = 2 * self.table.frameWidth() + self.table.horizontalScrollBar().sizeHint().height()
        self.table.setMaximumHeight(min(280, rows + self.table.horizontalHeader().height() + frame))  # no empty space
        self.intro.setText(
            f"<b>{len(self.conflicts)} chỗ bạn đã sửa mà tệp mới cũng ghi khác.</b> Chọn bản giữ lại cho từng chỗ "
            "(mặc định giữ bản đã sửa); những chỗ bạn đã sửa mà tệp mới không đổi luôn được giữ.")
        self.setVisible(bool(self.conflicts))

    def choice(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, 4)
        assert isinstance(widget, QComboBox)
        return widget

    def take_file(self) -> set[str]:
        """The keys of the conflicts the officer gave to the file."""
        return {c.key for row, c in enumerate(self.conflicts) if self.choice(row).currentText() == TAKE}
