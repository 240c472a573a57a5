""""Lập kế hoạch của đơn vị": draft the body's own plan from the chosen province plan.

The tasks that concern the body come pre-selected; the officer adds or drops tasks, rewrites the lead and
cooperating cells for internal units, sets the internal deadlines (a number of working days before the province's,
or typed), edits texts and adds the body's own tasks; "Lưu…" writes the Word document and saves the plan, each
task linked to the province task it comes from. The drafting itself is the core's (``kstthc_desktop.drafting``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from kstthc_desktop.deadlines import read_deadline
from kstthc_desktop.domain import Concern
from kstthc_desktop.drafting.draft import Draft, DraftOptions, add_own_task, draft_from, source_name
from kstthc_desktop.drafting.internal import explain
from kstthc_desktop.gui.errors import reporting_errors

COLUMNS = ["Chọn", "Mục", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn (nội bộ)",
           "Thời hạn của tỉnh", "Liên quan"]
EDITABLE = {2: "content", 3: "lead", 4: "cooperate", 5: "deadline_text"}
ROLE = {Concern.LEAD: "Chủ trì", Concern.COOPERATE: "Phối hợp", Concern.NONE: "", Concern.UNKNOWN: ""}


class DraftDialog(QDialog):
    def __init__(self, store, plan_id: int, today: date, parent=None):
        super().__init__(parent)
        self.store, self.today = store, today
        self.source = store.load_plan(plan_id)
        self.draft: Draft | None = None
        self.saved_plan_id: int | None = None
        self.setWindowTitle("Lập kế hoạch kiểm soát TTHC của đơn vị")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.body_edit = QLineEdit(store.settings().body_in_text)
        self.body_edit.setObjectName("draftBody")
        form.addRow("Cơ quan, đơn vị lập kế hoạch:", self.body_edit)
        self.lead_edit = QLineEdit("Văn phòng Sở")
        form.addRow("Chủ trì trong nội bộ:", self.lead_edit)
        self.cooperate_edit = QLineEdit("Các phòng chuyên môn thuộc Sở")
        form.addRow("Phối hợp trong nội bộ:", self.cooperate_edit)
        days = QHBoxLayout()
        self.days_spin = QSpinBox()
        self.days_spin.setRange(0, 30)
        self.days_spin.setValue(5)
        days.addWidget(QLabel("Hoàn thành trước hạn của tỉnh"))
        days.addWidget(self.days_spin)
        days.addWidget(QLabel("ngày làm việc (thời hạn \"Thường xuyên\", định kỳ và khi phát sinh giữ nguyên)"))
        days.addStretch(1)
        form.addRow("Thời hạn nội bộ:", days)
        layout.addLayout(form)
        redraft = QPushButton("Lập lại danh sách theo các lựa chọn trên")
        redraft.clicked.connect(self.redraft)
        layout.addWidget(redraft, 0, Qt.AlignmentFlag.AlignLeft)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("draftTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for c, width in ((0, 50), (1, 50), (3, 140), (4, 140), (5, 150), (6, 150), (7, 70)):
            self.table.setColumnWidth(c, width)
        # three wrapped lines a row, the whole content on hover: sized to their contents, rows grew as tall as
        # a screen (the text measured before the table had its width)
        self.table.verticalHeader().setDefaultSectionSize(3 * self.fontMetrics().lineSpacing() + 8)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.itemChanged.connect(self._edited)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox()
        own = buttons.addButton("Thêm nhiệm vụ của đơn vị…", QDialogButtonBox.ButtonRole.ActionRole)
        own.clicked.connect(self.add_own)
        self.save_button = buttons.addButton("Lưu Word và lưu kế hoạch…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("draftSave")
        self.save_button.clicked.connect(self.save)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1300, 700)
        self.redraft()

    def redraft(self) -> None:
        with reporting_errors(self):
            self.draft = draft_from(self.source, DraftOptions(self.body_edit.text(), self.lead_edit.text(),
                                                              self.cooperate_edit.text(), self.days_spin.value()))
            self._fill()

    def _fill(self) -> None:
        assert self.draft is not None
        provinces = {t.id: t for t in self.source.tasks}
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.draft.rows))
        for r, row in enumerate(self.draft.rows):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Checked if row.chosen else Qt.CheckState.Unchecked)
            self.table.setItem(r, 0, check)
            origin = provinces.get(row.source_id)
            cells = [row.task.section, row.task.content, row.task.lead, row.task.cooperate, row.task.deadline_text,
                     origin.deadline_text if origin else "(của đơn vị)", ROLE.get(row.role, "")]
            for c, text in enumerate(cells, start=1):
                item = QTableWidgetItem(text)
                if c not in EDITABLE:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, item)
            due_item, lead_item = self.table.item(r, 5), self.table.item(r, 2)
            if origin is not None and due_item is not None and lead_item is not None:
                due_item.setToolTip(explain(origin, self.days_spin.value()))
                lead_item.setToolTip(f"Chủ trì theo kế hoạch của tỉnh: {origin.lead}")
        self.table.blockSignals(False)
        self._count()

    def _count(self) -> None:
        chosen = sum(1 for r in self.draft.rows if r.chosen) if self.draft else 0
        self.summary.setText(f"Đã chọn {chosen} / {len(self.draft.rows) if self.draft else 0} nhiệm vụ "
                             "(đánh dấu sẵn các nhiệm vụ đơn vị chủ trì hoặc phối hợp).")

    def _edited(self, item: QTableWidgetItem) -> None:
        if self.draft is None:
            return
        row = self.draft.rows[item.row()]
        if item.column() == 0:
            row.chosen = item.checkState() == Qt.CheckState.Checked
            self._count()
            return
        field = EDITABLE.get(item.column())
        if field is None:
            return
        setattr(row.task, field, item.text().strip())
        if field == "deadline_text":
            row.task.deadline = read_deadline(row.task.deadline_text, self.draft.document.year)

    def add_own(self) -> None:
        draft = self.draft
        if draft is None:
            return
        sections = [f"{s.code}. {s.title}" for s in draft.sections]
        if not sections:
            return
        section, ok = QInputDialog.getItem(self, "Nhiệm vụ của đơn vị", "Thuộc mục:", sections, 0, False)
        if not ok:
            return
        content, ok = QInputDialog.getMultiLineText(self, "Nhiệm vụ của đơn vị", "Nội dung công việc:")
        if ok and content.strip():
            with reporting_errors(self):
                add_own_task(draft, section.split(".", 1)[0], content, lead=self.lead_edit.text(),
                             cooperate=self.cooperate_edit.text())
                self._fill()

    def save(self, path: str | None = None) -> None:
        """Write the Word plan to ``path`` (asked for when not given) and save the plan with its links."""
        from kstthc_desktop.drafting.save import save_draft
        from kstthc_desktop.drafting.word import write_plan_docx

        if self.draft is None:
            return
        if not path:
            suggested = f"Ke-hoach-KSTTHC-{self.draft.document.year}.docx"
            path, _ = QFileDialog.getSaveFileName(self, "Lưu kế hoạch (Word)", suggested, "Tài liệu Word (*.docx)")
        if not path:
            return
        with reporting_errors(self):
            write_plan_docx(self.draft.plan(), self.store.settings(), Path(path), today=self.today,
                            source_title=source_name(self.source))
            self.saved_plan_id = save_draft(self.store, self.draft)
            box = QMessageBox(QMessageBox.Icon.Information, "Đã lập kế hoạch",
                              f"Đã lưu dự thảo kế hoạch vào {path} và lưu kế hoạch vào chương trình; mỗi nhiệm vụ "
                              "gắn với nhiệm vụ tương ứng của tỉnh.", QMessageBox.StandardButton.Ok, self)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
            self.accept()
