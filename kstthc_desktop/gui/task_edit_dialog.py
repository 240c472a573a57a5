"""The dialog that corrects one task of the plan (Sửa › Sửa nhiệm vụ / Thêm nhiệm vụ): its texts as printed, its
section and number, the deadline read again as it is typed. Its own module: the Sửa menu is built at start-up, the
dialog only when used."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kstthc_desktop.domain import Task
from kstthc_desktop.tracking import printed_section_codes

_TEXTS = [("content", "Nội dung công việc"), ("result", "Kết quả / sản phẩm"), ("lead", "Cơ quan chủ trì"),
          ("cooperate", "Cơ quan phối hợp"), ("deadline_text", "Thời hạn ghi trong kế hoạch"), ("note", "Ghi chú")]


class TaskEditDialog(QDialog):
    """A task's texts as printed, its section and number; "Lưu" saves them in one transaction."""

    def __init__(self, task: Task, sections: list, year: int | None, parent: QWidget | None = None, *,
                 report_days: dict[str, int] | None = None):
        """``report_days``: the officer's day per kind of report (Cài đặt), named in the deadline's reading."""
        super().__init__(parent)
        self.setObjectName("taskEditDialog")
        self.setWindowTitle("Sửa nhiệm vụ" if task.id else "Thêm nhiệm vụ")
        self.task, self.year, self.report_days = task, year, report_days
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.section_combo = QComboBox()
        shown = printed_section_codes(sections)  # "1.I", "2.I": a Roman number repeated under groups
        for s in sections:
            self.section_combo.addItem(f"{shown[s.code]}. {s.title}", s.code)
        if task.section not in shown:  # a task outside any section stays so unless the officer chooses one
            self.section_combo.insertItem(0, "(không thuộc mục nào)", task.section)
        self.section_combo.setCurrentIndex(max(0, self.section_combo.findData(task.section)))
        form.addRow("Thuộc mục:", self.section_combo)
        self.stt_edit = QLineEdit(task.stt)
        form.addRow("Số thứ tự:", self.stt_edit)
        self.edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        for name, label in _TEXTS:
            edit: QLineEdit | QPlainTextEdit
            if name in ("content", "result"):
                edit = QPlainTextEdit(getattr(task, name))
                edit.setFixedHeight(70 if name == "content" else 50)
            else:
                edit = QLineEdit(getattr(task, name))
            edit.setObjectName(f"{name}Edit")
            self.edits[name] = edit
            form.addRow(label + ":", edit)
        self.reading = QLabel()
        self.reading.setObjectName("deadlineReading")
        self.reading.setWordWrap(True)
        self.reading.setStyleSheet("color: #35506b;")
        form.addRow("Chương trình hiểu là:", self.reading)
        self.edits["deadline_text"].textChanged.connect(self._read_deadline)
        self._read_deadline()
        buttons = self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(620, 480)

    def _read_deadline(self) -> None:
        """The deadline as the program will read it, shown while it is typed."""
        from kstthc_desktop.deadline_text import describe
        from kstthc_desktop.deadlines import read_deadline

        self.reading.setText(describe(read_deadline(self.text("deadline_text"), self.year),
                                      report_days=self.report_days))

    def text(self, name: str) -> str:
        edit = self.edits[name]
        return edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()

    def values(self) -> dict[str, str]:
        values = {name: self.text(name) for name, _ in _TEXTS}
        values.update(section=self.section_combo.currentData() or "", stt=self.stt_edit.text())
        return values
