"""The "Đơn vị" page: the units that report to the officer, for the chosen period — who has sent, who is late,
what is missing — with the actions of the exchange: write every unit's workbook into a folder, take returns
back (opened or dropped), accept the units' task results, and a reminder to paste into an e-mail.

The work is the core's (``kstthc_desktop.returns``); this page only shows and collects.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kstthc_desktop.gui.errors import plain, reporting_errors
from kstthc_desktop.returns.tracking import LATE, SENT, reminder, unit_states
from kstthc_desktop.vndates import text_date

if TYPE_CHECKING:
    from kstthc_desktop.periods import Period
    from kstthc_desktop.returns.filing import PendingResult
    from kstthc_desktop.store import Store

COLOURS = {SENT: QColor("#d4edda"), LATE: QColor("#f8d7da")}


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


class UnitsPage(QWidget):
    changed = Signal()  # returns or results were stored

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.store: Store | None = None
        self.period: Period | None = None
        self.plan_id: int | None = None
        self.results: list[PendingResult] = []
        self.today = date.today()
        self.year = 0
        self.states: list = []
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setStyleSheet("font-weight: bold; font-size: 14px;")
        layout.addWidget(self.title)
        buttons = QHBoxLayout()
        self.fill_button = QPushButton("Thêm đơn vị từ kế hoạch")
        self.fill_button.clicked.connect(self.fill_from_plan)
        self.add_button = QPushButton("Thêm đơn vị…")
        self.add_button.clicked.connect(self.add_unit)
        self.remove_button = QPushButton("Xóa đơn vị")
        self.remove_button.clicked.connect(self.remove_unit)
        self.templates_button = QPushButton("Lập mẫu gửi các đơn vị…")
        self.templates_button.setObjectName("writeTemplates")
        self.templates_button.clicked.connect(self.write_templates)
        self.receive_button = QPushButton("Nhận báo cáo của đơn vị…")
        self.receive_button.setObjectName("receiveReturns")
        self.receive_button.setToolTip("Chọn (hoặc kéo thả vào trang này) các tệp đơn vị đã điền")
        self.receive_button.clicked.connect(self.choose_returns)
        self.remind_button = QPushButton("Soạn thư nhắc…")
        self.remind_button.clicked.connect(self.show_reminder)
        for b in (self.fill_button, self.add_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.templates_button, self.receive_button, self.remind_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("unitsTable")
        self.table.setHorizontalHeaderLabels(["Đơn vị", "Trạng thái", "Hạn gửi", "Ngày nhận", "Còn thiếu"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3, 4):
            self.table.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        layout.addWidget(self.table, 2)
        layout.addWidget(QLabel("Kết quả nhiệm vụ do đơn vị gửi, chờ xem xét (bấm đúp để nhận, có thể sửa lời):"))
        self.pending = QTableWidget(0, 4)
        self.pending.setObjectName("pendingResults")
        self.pending.setHorizontalHeaderLabels(["Đơn vị", "Nhiệm vụ", "Kết quả", "Văn bản"])
        for c, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
                                  QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.ResizeToContents)):
            self.pending.horizontalHeader().setSectionResizeMode(c, mode)
        self.pending.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.pending.cellDoubleClicked.connect(lambda row, _c: self.accept(row))
        layout.addWidget(self.pending, 2)

    def set_context(self, store, plan_id: int, year: int, period, today: date) -> None:
        self.store, self.plan_id, self.year, self.period, self.today = store, plan_id, year, period, today
        self.title.setText(f"Đơn vị báo cáo — {period.title}")
        read_only = bool(getattr(store, "read_only", False))
        for b in (self.fill_button, self.add_button, self.remove_button, self.receive_button):
            b.setEnabled(not read_only)
        self.refresh()

    def refresh(self) -> None:
        from kstthc_desktop.returns.filing import pending_results

        if self.store is None or self.period is None or self.plan_id is None:
            return
        default_day = self.store.settings().report_deadlines.get(self.period.kind)
        self.states = unit_states(self.store, self.year, self.period, self.today, default_day=default_day)
        self.table.setRowCount(len(self.states))
        for r, s in enumerate(self.states):
            cells = [s.unit.name, s.label, text_date(s.due), text_date(s.received) if s.received else "",
                     ", ".join(s.missing)]
            for c, text in enumerate(cells):
                item = _item(text)
                if s.state in COLOURS:
                    item.setBackground(QBrush(COLOURS[s.state]))
                self.table.setItem(r, c, item)
        self.results = pending_results(self.store, self.period.key)
        titles = {t.id: t.content for t in self.store.tasks(self.plan_id)} if self.results else {}
        self.pending.setRowCount(len(self.results))
        for r, res in enumerate(self.results):
            doc = res.doc_number + (f" ngày {text_date(res.doc_date)}" if res.doc_date else "")
            for c, text in enumerate([res.unit, titles.get(res.task_id, ""), res.text, doc]):
                self.pending.setItem(r, c, _item(text))
            title_item = self.pending.item(r, 1)
            if title_item is not None:
                title_item.setToolTip(titles.get(res.task_id, ""))

    # ------------------------------------------------------------------ the list of units
    def fill_from_plan(self) -> None:
        if self.store is None or self.plan_id is None:
            return
        from kstthc_desktop.returns.units import fill_from_plan

        with reporting_errors(self):
            added = fill_from_plan(self.store, self.plan_id, exclude=self.store.settings().body_in_text)
            self.refresh()
            QMessageBox.information(self, "Đơn vị", f"Đã thêm {len(added)} đơn vị từ kế hoạch.")

    def add_unit(self) -> None:
        from kstthc_desktop.returns.units import Unit, save_unit

        if self.store is None:
            return
        name, ok = QInputDialog.getText(self, "Thêm đơn vị", "Tên đơn vị:")
        if ok and name.strip():
            with reporting_errors(self):
                save_unit(self.store, self.year, Unit(name))
                self.refresh()

    def remove_unit(self) -> None:
        from kstthc_desktop.returns.units import remove_unit

        r = self.table.currentRow()
        if r < 0 or self.store is None:
            return
        unit = self.states[r].unit
        answer = QMessageBox.question(self, "Xóa đơn vị", plain(f"Xóa \"{unit.name}\" khỏi danh sách đơn vị năm "
                                                                f"{self.year}?\nSố liệu và báo cáo đã nhận của đơn "
                                                                "vị vẫn được giữ."))
        if answer == QMessageBox.StandardButton.Yes:
            with reporting_errors(self):
                remove_unit(self.store, unit.id)
                self.refresh()

    # ------------------------------------------------------------------ the exchange
    def write_templates(self, folder: str | None = None) -> list[Path]:
        """Every unit's workbook for the period into ``folder`` (asked for when not given)."""
        if self.store is None or self.plan_id is None or self.period is None:
            return []
        from kstthc_desktop.gui.worker import run_with_progress
        from kstthc_desktop.returns.bulk import write_all_returns

        folder = folder or QFileDialog.getExistingDirectory(self, "Chọn thư mục lưu mẫu gửi đơn vị")
        if not folder:
            return []
        with reporting_errors(self):
            written = run_with_progress(self, "Đang lập mẫu cho các đơn vị…", write_all_returns, self.store.path,
                                        self.plan_id, self.period)
            target = Path(folder)
            target.mkdir(parents=True, exist_ok=True)
            out = []
            for name, data in written:
                (target / name).write_bytes(data)
                out.append(target / name)
            QMessageBox.information(self, "Đã lập mẫu", plain(f"Đã lập {len(out)} tệp mẫu trong thư mục {target}."))
            return out
        return []

    def choose_returns(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Chọn tệp đơn vị gửi lại", "", "Bảng tính Excel (*.xlsx)")
        if paths:
            self.receive([Path(p) for p in paths])

    def receive(self, paths: list[Path]) -> list[str]:
        """Take each file in; one message at the end lists what was taken and what was refused (and why)."""
        if self.store is None or self.period is None:
            return []
        from kstthc_desktop.errors import UserError
        from kstthc_desktop.returns.filing import store_return
        from kstthc_desktop.returns.reader import read_return

        lines = []
        for path in paths:
            try:
                reading = read_return(path)
                got = store_return(self.store, reading, path, period_key=self.period.key, received=self.today)
                lines.append(f"✓ {reading.meta.unit}: {len(reading.results)} kết quả"
                             + (" (bản sửa lại)" if got.replaced else ""))
                lines += [f"   – {w}" for w in reading.warnings]
            except UserError as exc:
                lines.append(f"✗ {path.name}: {exc.message}")
        self.refresh()
        self.changed.emit()
        box = QMessageBox(QMessageBox.Icon.Information, "Nhận báo cáo của đơn vị", "\n".join(lines),
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()
        return lines

    def accept(self, row: int) -> None:
        from kstthc_desktop.returns.filing import accept_result

        if self.store is None:
            return
        result = self.results[row]
        text, ok = QInputDialog.getMultiLineText(self, "Nhận kết quả của đơn vị",
                                                 plain(f"Kết quả của {result.unit} (có thể sửa trước khi nhận):"),
                                                 result.text)
        if not ok:
            return
        with reporting_errors(self):
            accept_result(self.store, result.id, today=self.today, text=text)
            self.refresh()
            self.changed.emit()

    def show_reminder(self) -> None:
        if self.store is None or self.period is None:
            return
        text = reminder(self.states, self.period, self.today, self.store.settings().body_in_text)
        dialog = QDialog(self)
        dialog.setWindowTitle("Thư nhắc đơn vị chậm gửi")
        layout = QVBoxLayout(dialog)
        edit = QPlainTextEdit(text or "Không có đơn vị nào chậm gửi.")
        layout.addWidget(edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("Sao chép", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(edit.toPlainText()))
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        dialog.resize(640, 320)
        dialog.exec()

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.receive(paths)
