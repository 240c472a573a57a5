"""The "Số liệu" page: the chosen period's figures of one unit, typed or imported from a one-stop export.

A grid of fields × the eleven figures of Biểu 06 with the total row computed as the officer types, cells that
break an identity marked, the carry-over from the previous period, the rates, and the change against the previous
period and the same period last year; below it the other figures. Reading, checking and storing are the core's
(``kstthc_desktop.figures``); this page only shows and collects.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kstthc_desktop.figures.compare import carried_over, changes, figures_of, same_period_last_year
from kstthc_desktop.figures.export_reader import parse_number
from kstthc_desktop.figures.forms import DOSSIERS, OTHER, load_form
from kstthc_desktop.figures.model import FigureRow, Figures, broken_identities, column_name
from kstthc_desktop.figures.text import vn_number, vn_percent
from kstthc_desktop.gui.errors import reporting_errors

if TYPE_CHECKING:
    from kstthc_desktop.periods import Period
    from kstthc_desktop.store import Store

BROKEN = QColor("#f8d7da")
TOTAL = QColor("#eef2f7")
ALL_UNITS = "— Cộng tất cả đơn vị —"


def _number_item(value: int | None, *, editable: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem("" if value is None else vn_number(value))
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


class FiguresPage(QWidget):
    """Figures of the period for one unit (or all units added up, read-only)."""

    changed = Signal()  # figures were stored

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.store: Store | None = None
        self.period: Period | None = None
        self._filling = False
        self.dossiers = load_form(DOSSIERS)
        self.other = load_form(OTHER)
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setStyleSheet("font-weight: bold; font-size: 14px;")
        top.addWidget(self.title, 1)
        top.addWidget(QLabel("Đơn vị:"))
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("figuresUnit")
        self.unit_combo.setEditable(True)
        self.unit_combo.setMinimumContentsLength(24)
        self.unit_combo.currentTextChanged.connect(lambda _t: self._load())
        top.addWidget(self.unit_combo)
        self.import_button = QPushButton("Nhập từ tệp Excel…")
        self.import_button.setObjectName("figuresImport")
        self.import_button.setToolTip("Tệp .xlsx xuất từ hệ thống một cửa (hoặc kéo thả tệp vào trang này)")
        self.import_button.clicked.connect(self.choose_file)
        top.addWidget(self.import_button)
        layout.addLayout(top)

        self.grid = QTableWidget(0, 1 + len(self.dossiers.columns))
        self.grid.setObjectName("figuresGrid")
        headers = ["Lĩnh vực"] + [f"({c.number})\n{c.short}" for c in self.dossiers.columns]
        self.grid.setHorizontalHeaderLabels(headers)
        for i, column in enumerate(self.dossiers.columns, start=1):
            header_item = self.grid.horizontalHeaderItem(i)
            if header_item is not None:
                header_item.setToolTip(column_name(self.dossiers, column.key))
        self.grid.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.grid.itemChanged.connect(self._edited)
        layout.addWidget(self.grid, 3)

        rows = QHBoxLayout()
        self.add_row_button = QPushButton("Thêm lĩnh vực")
        self.add_row_button.clicked.connect(lambda: self._append_row(FigureRow("", {})))
        self.remove_row_button = QPushButton("Xóa dòng")
        self.remove_row_button.clicked.connect(self._remove_row)
        rows.addWidget(self.add_row_button)
        rows.addWidget(self.remove_row_button)
        rows.addStretch(1)
        self.save_button = QPushButton("Lưu số liệu")
        self.save_button.setObjectName("figuresSave")
        self.save_button.clicked.connect(self.save)
        rows.addWidget(self.save_button)
        layout.addLayout(rows)

        self.facts = QLabel()
        self.facts.setObjectName("figuresFacts")
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.facts.setWordWrap(True)
        layout.addWidget(self.facts)

        self.other_grid = QTableWidget(len(self.other.columns), 2)
        self.other_grid.setObjectName("otherFigures")
        self.other_grid.setHorizontalHeaderLabels(["Số liệu khác", "Số"])
        self.other_grid.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.other_grid.verticalHeader().hide()
        for r, column in enumerate(self.other.columns):
            label = QTableWidgetItem(f"{self.other.group_label(column.group)}: {column.label}")
            label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.other_grid.setItem(r, 0, label)
            self.other_grid.setItem(r, 1, _number_item(None))
        layout.addWidget(self.other_grid, 2)

    # ------------------------------------------------------------------ context
    def set_context(self, store, period, my_body: str) -> None:
        """Show ``period``'s figures; the unit list holds the officer's body and every unit with figures."""
        from kstthc_desktop.store.figures import units_with_figures

        self.store, self.period = store, period
        units = [my_body] if my_body else []
        units += [u for u in units_with_figures(store, period.key) if u and u not in units]
        current = self.unit_combo.currentText()
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        self.unit_combo.addItems(units + ([ALL_UNITS] if len(units) > 1 else []))
        if current and current in units:
            self.unit_combo.setCurrentText(current)
        self.unit_combo.blockSignals(False)
        self.title.setText(f"Số liệu {period.title}")
        read_only = bool(getattr(store, "read_only", False))
        for button in (self.import_button, self.save_button, self.add_row_button, self.remove_row_button):
            button.setEnabled(not read_only)
        self._load()

    @property
    def unit(self) -> str | None:
        """The unit shown (None: all units added up)."""
        text = self.unit_combo.currentText().strip()
        return None if text == ALL_UNITS else text

    def _load(self) -> None:
        if self.store is None or self.period is None:
            return
        unit = self.unit
        reading = figures_of(self.store, DOSSIERS, self.period, unit) if unit != "" else None
        other = figures_of(self.store, OTHER, self.period, unit) if unit != "" else None
        self._filling = True
        self.grid.setRowCount(0)
        for row in reading.rows if reading else []:
            self._append_row(row)
        self._filling = False
        for r, column in enumerate(self.other.columns):
            value = other.total.get(column.key) if other else None
            self.other_grid.setItem(r, 1, _number_item(value, editable=unit is not None))
        editable = unit is not None and not getattr(self.store, "read_only", False)
        self.grid.setEditTriggers(QTableWidget.EditTrigger.AllEditTriggers if editable
                                  else QTableWidget.EditTrigger.NoEditTriggers)
        self._recompute()

    def _append_row(self, row: FigureRow) -> None:
        filling, self._filling = self._filling, True
        at = self.grid.rowCount() - (1 if self._has_total_row() else 0)
        self.grid.insertRow(at)
        self.grid.setItem(at, 0, QTableWidgetItem(row.name))
        for i, column in enumerate(self.dossiers.columns, start=1):
            self.grid.setItem(at, i, _number_item(row.values.get(column.key)))
        self._filling = filling
        if not filling:
            self._recompute()

    def _remove_row(self) -> None:
        r = self.grid.currentRow()
        if 0 <= r < self.grid.rowCount() - (1 if self._has_total_row() else 0):
            self.grid.removeRow(r)
            self._recompute()

    def _has_total_row(self) -> bool:
        last = self.grid.rowCount() - 1
        item = self.grid.item(last, 0) if last >= 0 else None
        return item is not None and item.data(Qt.ItemDataRole.UserRole) == "total"

    # ------------------------------------------------------------------ reading the grid
    def entered_rows(self) -> list[tuple[str, dict[str, int]]]:
        """The field rows as typed (the total row left out; blank cells are no figure)."""
        rows = []
        for r in range(self.grid.rowCount() - (1 if self._has_total_row() else 0)):
            first = self.grid.item(r, 0)
            name = first.text() if first is not None else ""
            values = {}
            for i, column in enumerate(self.dossiers.columns, start=1):
                item = self.grid.item(r, i)
                number = parse_number(item.text()) if item else None
                if number is not None:
                    values[column.key] = number
            rows.append((name, values))
        return rows

    def entered_other(self) -> dict[str, int]:
        out = {}
        for r, column in enumerate(self.other.columns):
            item = self.other_grid.item(r, 1)
            number = parse_number(item.text()) if item else None
            if number is not None:
                out[column.key] = number
        return out

    def current_reading(self) -> Figures:
        return Figures(self.dossiers, self.unit or "", rows=[FigureRow(n, v) for n, v in self.entered_rows()])

    # ------------------------------------------------------------------ computing as the officer types
    def _edited(self, _item) -> None:
        if not self._filling:
            self._recompute()

    def _recompute(self) -> None:
        """Total row, identity marks, carry-over, rates and changes from the grid as it stands."""
        self._filling = True
        try:
            if self._has_total_row():
                self.grid.removeRow(self.grid.rowCount() - 1)
            reading = self.current_reading()
            for r, (_name, values) in enumerate(self.entered_rows()):
                broken = broken_identities(self.dossiers, values)
                for i in range(self.grid.columnCount()):
                    item = self.grid.item(r, i)
                    if item is not None:
                        item.setBackground(QBrush(BROKEN) if broken else QBrush())
                        item.setToolTip("\n".join(broken))
            total = reading.computed_total()
            if reading.rows:
                at = self.grid.rowCount()
                self.grid.insertRow(at)
                label = QTableWidgetItem("Tổng số")
                label.setData(Qt.ItemDataRole.UserRole, "total")
                label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.grid.setItem(at, 0, label)
                for i, column in enumerate(self.dossiers.columns, start=1):
                    self.grid.setItem(at, i, _number_item(total.get(column.key), editable=False))
                for i in range(self.grid.columnCount()):
                    cell = self.grid.item(at, i)
                    if cell is not None:
                        cell.setBackground(QBrush(TOTAL))
            self.facts.setText(self._facts(reading))
        finally:
            self._filling = False

    def _facts(self, reading: Figures) -> str:
        if self.store is None or self.period is None:
            return ""
        total = reading.computed_total()
        lines = []
        carried = carried_over(self.store, DOSSIERS, self.period, self.unit)
        if carried is not None:
            line = f"Từ kỳ trước (đang giải quyết cuối {self.period.previous().label}): {vn_number(carried)} hồ sơ"
            if "received_carried" in total and total["received_carried"] != carried:
                line += f" — khác số đang ghi ở cột (6): {vn_number(total['received_carried'])}"
            lines.append(line + ".")
        for rate in self.dossiers.rates:
            if total:
                lines.append(f"{rate.label}: {vn_percent(rate.value(total))}.")
        for label, period in (("kỳ trước", self.period.previous()), ("cùng kỳ năm trước",
                                                                     same_period_last_year(self.period))):
            before = figures_of(self.store, DOSSIERS, period, self.unit)
            if before is None or not total:
                continue
            change = next((c for c in changes(reading, before) if c.key == "received_total"), None)
            if change and change.before is not None:
                percent = "" if change.percent is None else f" ({'+' if change.percent >= 0 else ''}" \
                                                            f"{vn_percent(change.percent)})"
                lines.append(f"Tiếp nhận so với {label} ({period.label}): {vn_number(change.now)} / "
                             f"{vn_number(change.before)} hồ sơ{percent}.")
        broken = sum(1 for _, values in self.entered_rows() if broken_identities(self.dossiers, values))
        if broken:
            lines.append(f"{broken} dòng có số liệu không khớp (tô đỏ; rê chuột để xem).")
        return "\n".join(lines)

    # ------------------------------------------------------------------ storing
    def save(self) -> bool:
        from kstthc_desktop.figures.filing import save_entered

        if self.store is None or self.period is None or self.unit is None:
            return False
        with reporting_errors(self):
            save_entered(self.store, self.period.key, self.unit, self.entered_rows(), self.entered_other())
            self.changed.emit()
            return True
        return False

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Chọn tệp số liệu", "", "Bảng tính Excel (*.xlsx *.xlsm)")
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Read and store an export under the shown period (the unit: the file's, else the one shown)."""
        from kstthc_desktop.figures.filing import read_for_filing, store_filing
        from kstthc_desktop.gui.worker import run_with_progress

        if self.store is None or self.period is None:
            return
        with reporting_errors(self):
            filing = run_with_progress(self, "Đang đọc tệp số liệu…", read_for_filing, path,
                                       period_key=self.period.key, default_unit=self.unit or "")
            store_filing(self.store, filing, path.name)
            self.unit_combo.blockSignals(True)
            if self.unit_combo.findText(filing.figures.unit) < 0:
                self.unit_combo.insertItem(0, filing.figures.unit)
            self.unit_combo.setCurrentText(filing.figures.unit)
            self.unit_combo.blockSignals(False)
            self._load()
            self.changed.emit()
            notes = filing.notes + filing.figures.warnings + filing.figures.flags()
            if notes:
                from PySide6.QtWidgets import QMessageBox

                box = QMessageBox(QMessageBox.Icon.Information, "Đã nhập số liệu",
                                  f"Đã lưu số liệu của {filing.figures.unit}. Lưu ý:\n- " + "\n- ".join(notes),
                                  QMessageBox.StandardButton.Ok, self)
                box.setTextFormat(Qt.TextFormat.PlainText)
                box.exec()

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.import_file(Path(url.toLocalFile()))
