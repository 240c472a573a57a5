"""The task table: a model over ``tracking.TaskRow`` (sorting done here, on plain Python keys) and a proxy that
only filters, using the set of rows ``tracking.filter_rows`` let through."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from kstthc_desktop.status import Tone
from kstthc_desktop.tracking import RowFilter, TaskRow, filter_rows, printed_section_codes, shown_stt
from kstthc_desktop.text import vi_sort_key
from kstthc_desktop.vndates import text_date

COLUMNS = ("STT", "Nội dung", "Chủ trì", "Thời hạn", "Hạn thực tế", "Trạng thái trong kỳ")
COLUMN_TIPS = (
    "Mục và số thứ tự trong kế hoạch",
    "Nội dung công việc (di chuột để xem đủ)",
    "Cơ quan, đơn vị chủ trì",
    "Thời hạn như ghi trong kế hoạch",
    "Hạn đã lùi qua ngày nghỉ, ngày lễ (Bộ luật Dân sự, Điều 148)",
    "Trạng thái trong kỳ đang chọn",
)
COL_STT, COL_CONTENT, COL_LEAD, COL_DEADLINE, COL_DUE, COL_STATUS = range(6)

#: Colour of each tone: (row background, status text). Calm tints; the status text carries the meaning too.
TONES = {
    Tone.OVERDUE: ("#fde4e2", "#a61b1b"),
    Tone.DUE_SOON: ("#fff2d6", "#8a5a00"),
    Tone.DONE_ON_TIME: ("#e4f4e7", "#1e6b34"),
    Tone.DONE_LATE: ("#edf1da", "#5d6b12"),
    Tone.NO_PROGRESS: ("#efeafa", "#5b3f99"),
    Tone.WITHDRAWN: ("#f3f3f3", "#8a8a8a"),
    Tone.UNSPECIFIED: ("#f4f4f4", "#555555"),
    Tone.PLAIN: ("", "#333333"),
}

TaskIdRole = Qt.ItemDataRole.UserRole + 1
ToneRole = Qt.ItemDataRole.UserRole + 2


def status_label(row: TaskRow, *, full: bool = False) -> str:
    """The official status; the tooltip (``full``) adds "sắp đến hạn" that the row's colour shows."""
    label = row.status.label
    if full and row.tone == Tone.DUE_SOON:
        return f"{label} · sắp đến hạn" + (f" ({text_date(row.due)})" if row.due else "")
    return label


def _one_line(text: str, limit: int = 220) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class TaskTableModel(QAbstractTableModel):
    """Rows of one plan in one period. ``set_rows`` replaces them all (statuses are recomputed by the caller)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[TaskRow] = []
        self._brushes = {tone: (QBrush(QColor(bg)) if bg else None, QBrush(QColor(fg))) for tone, (bg, fg) in TONES.items()}
        self._bold = QFont()
        self._bold.setBold(True)
        self._struck = QFont()
        self._struck.setStrikeOut(True)
        self._sort = (-1, Qt.SortOrder.AscendingOrder)
        self.section_codes: dict[str, str] = {}  # section code -> printed code ("VII-2" -> "VII")

    # --- Qt model API -------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return COLUMN_TIPS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_CONTENT:
                text = row.task.content + (f"\n\nKết quả: {row.task.result}" if row.task.result else "")
                return text
            if col in (COL_LEAD, COL_DEADLINE):
                return self._display(row, col, full=True)
            if col == COL_STATUS:
                return status_label(row, full=True)
            if col == COL_STT:
                return f"Mục {row.task.section}, STT {row.task.stt}"
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._brushes[row.tone][0]
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == COL_STATUS or row.tone == Tone.WITHDRAWN:
                return self._brushes[row.tone][1]
            return None
        if role == Qt.ItemDataRole.FontRole:
            if row.tone == Tone.WITHDRAWN and col == COL_CONTENT:
                return self._struck
            if col == COL_STATUS and row.tone in (Tone.OVERDUE, Tone.DUE_SOON):
                return self._bold
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_STT, COL_DUE):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == TaskIdRole:
            return row.task.id
        if role == ToneRole:
            return row.tone.value
        return None

    def _display(self, row: TaskRow, col: int, full: bool = False) -> str:
        task = row.task
        if col == COL_STT:
            return shown_stt(task, self.section_codes)  # the search finds it as shown
        if col == COL_CONTENT:
            text = task.content if not task.sub else (task.result or task.content)
            return _one_line(text)
        if col == COL_LEAD:
            return task.lead if full else _one_line(task.lead, 80)
        if col == COL_DEADLINE:
            return task.deadline_text if full else _one_line(task.deadline_text or "—", 60)
        if col == COL_DUE:
            return text_date(row.due) if row.due else ""
        if col == COL_STATUS:
            return status_label(row)
        return ""

    # --- our API ------------------------------------------------------------------------------------
    def set_rows(self, rows: list[TaskRow], sections=()) -> None:
        self.beginResetModel()
        self.section_codes = printed_section_codes(sections)
        self.rows = list(rows)
        self._order = {id(r): i for i, r in enumerate(self.rows)}  # plan order, for the STT column
        self.endResetModel()
        if self._sort[0] >= 0:
            self.sort(*self._sort)

    def row_of_task(self, task_id: int) -> int:
        for i, row in enumerate(self.rows):
            if row.task.id == task_id:
                return i
        return -1

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):
        """Sort on plain Python keys (no per-comparison call back from C++)."""
        self._sort = (column, order)
        if column < 0 or not self.rows:
            return
        far = date.max
        plan_order = getattr(self, "_order", {})
        keys = {
            COL_STT: lambda r: plan_order.get(id(r), 0),
            COL_CONTENT: lambda r: vi_sort_key(r.task.content),  # Vietnamese order: "Đề xuất" before "Xây dựng"
            COL_LEAD: lambda r: vi_sort_key(r.task.lead),
            COL_DEADLINE: lambda r: vi_sort_key(r.task.deadline_text),
            COL_DUE: lambda r: (r.due or far, plan_order.get(id(r), 0)),
            COL_STATUS: lambda r: (status_label(r), r.due or far),
        }
        key = keys.get(column)
        if key is None:
            return
        self.layoutAboutToBeChanged.emit()
        old = {id(r): i for i, r in enumerate(self.rows)}
        persistent = self.persistentIndexList()
        self.rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        new = {id(r): i for i, r in enumerate(self.rows)}
        by_old = {old[id(r)]: new[id(r)] for r in self.rows}
        self.changePersistentIndexList(
            persistent, [self.index(by_old[p.row()], p.column()) if p.isValid() else QModelIndex() for p in persistent]
        )
        self.layoutChanged.emit()


class TaskFilterProxy(QSortFilterProxyModel):
    """Filters only: the accepted rows are computed in one pass by ``tracking.filter_rows``; sorting is
    forwarded to the source model."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._accepted: set[int] | None = None
        self.flt = RowFilter()
        self.sections: list = []

    def setSourceModel(self, model) -> None:  # noqa: N802
        self._model = model  # the Python object: no trip through Qt per row in filterAcceptsRow
        super().setSourceModel(model)
        model.modelReset.connect(self.refilter)  # new rows: new row objects to accept

    def set_filter(self, flt: RowFilter) -> None:
        self.flt = flt
        self.refilter()

    def refilter(self) -> None:
        model: TaskTableModel = self.sourceModel()  # type: ignore[assignment]
        rows = model.rows if model is not None else []
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
            self._accepted = {id(rows[i]) for i in filter_rows(rows, self.flt, self.sections)}
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._accepted = {id(rows[i]) for i in filter_rows(rows, self.flt, self.sections)}
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        if self._accepted is None:
            return True
        return id(self._model.rows[source_row]) in self._accepted  # row objects survive sorting

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):
        self.sourceModel().sort(column, order)
