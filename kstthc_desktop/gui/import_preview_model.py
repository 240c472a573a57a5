"""The import preview as a table: the plan's sections as bold group rows, its tasks under them.

The officer must see at a glance what the importer understood and where it was unsure, so every row
the importer warned about (or marked ambiguous) is tinted amber and carries the warning as its tooltip.
The model edits the ``Plan`` in place: the wizard saves exactly what the officer sees.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from kstthc_desktop.deadline_text import describe
from kstthc_desktop.domain import Concern, DeadlineKind, Plan, Task
from kstthc_desktop.tracking import printed_section_codes

WARN_BRUSH = QBrush(QColor("#fff1c2"))  # amber: look here
SECTION_BRUSH = QBrush(QColor("#e8edf3"))
UNREAD_BRUSH = QBrush(QColor("#b3261e"))  # deadline not read: red text
NONE_BRUSH = QBrush(QColor("#7a7a7a"))  # does not concern my body: grey text


@dataclass
class Row:
    """One table row: a section heading (``task_index`` None) or a task."""

    section_code: str
    section_title: str = ""
    task_index: int | None = None


class PreviewModel(QAbstractTableModel):
    COLUMNS = ("Dòng", "STT", "Nội dung", "Kết quả", "Chủ trì", "Phối hợp", "Thời hạn (bản gốc)",
               "Chương trình hiểu là", "Liên quan")
    COL_ROW, COL_STT, COL_CONTENT, COL_RESULT, COL_LEAD, COL_COOP, COL_DEADLINE, COL_READING, COL_CONCERN = range(9)

    HEADER_TIPS: ClassVar[dict[int, str]] = {
        COL_ROW: "Dòng trong tệp gốc (hoặc bảng đã dán) mà chương trình đọc ra nhiệm vụ này",
        COL_STT: "Số thứ tự như in trong kế hoạch; ↳ là một ý tiếp theo của nhiệm vụ phía trên",
        COL_READING: "Cách chương trình hiểu thời hạn; sửa ở khung «Dòng đang chọn» bên dưới nếu chưa đúng",
        COL_CONCERN: "Nhiệm vụ có liên quan đến cơ quan của bạn không (chủ trì, phối hợp, không liên quan)",
    }

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plan = Plan()
        self.rows: list[Row] = []
        self.warnings_by_task: dict[int, list[str]] = {}
        self.before_edit: Callable[[str], None] | None = None  # told before a cell's text changes (for undo)
        self.report_days: dict[str, int] = {}  # the officer's report days: the reading names them (deadline_text)

    # --- loading -------------------------------------------------------------------------------------
    def set_plan(self, plan: Plan) -> None:
        self.beginResetModel()
        self.plan = plan
        self.rows = self._build_rows(plan)
        self.warnings_by_task = self._map_warnings(plan)
        self.endResetModel()

    @staticmethod
    def _build_rows(plan: Plan) -> list[Row]:
        rows: list[Row] = []
        by_section: dict[str, list[int]] = {}
        for i, task in enumerate(plan.tasks):
            by_section.setdefault(task.section, []).append(i)
        known = {s.code for s in plan.sections}
        for i in [i for code, idx in by_section.items() if code not in known for i in idx]:
            rows.append(Row(plan.tasks[i].section, task_index=i))  # tasks outside any section come first
        shown = printed_section_codes(plan.sections)  # "1.I", "2.I" in a plan of groups (as the table shows)
        for section in plan.sections:
            printed = shown[section.code]
            rows.append(Row(section.code, f"{printed}. {section.title}".strip()))
            rows.extend(Row(section.code, task_index=i) for i in by_section.get(section.code, []))
        return rows

    @staticmethod
    def _map_warnings(plan: Plan) -> dict[int, list[str]]:
        """Attach each warning to its task: by index when given, else by the source row it points at."""
        by_row: dict[int, int] = {}
        for i, task in enumerate(plan.tasks):
            if task.source_row is not None:
                by_row.setdefault(task.source_row, i)
        result: dict[int, list[str]] = {}
        for warning in plan.warnings:
            index = warning.task_index
            if index is None and warning.row is not None:
                index = by_row.get(warning.row)
            if index is not None and 0 <= index < len(plan.tasks):
                result.setdefault(index, []).append(warning.message)
        for i, task in enumerate(plan.tasks):
            if task.ambiguous and task.why and task.why not in result.get(i, []):
                result.setdefault(i, []).append(task.why)
        return result

    # --- lookups used by the wizard ---------------------------------------------------------------
    def task_at(self, row: int) -> Task | None:
        index = self.rows[row].task_index if 0 <= row < len(self.rows) else None
        return self.plan.tasks[index] if index is not None else None

    def row_of_task(self, task_index: int) -> int:
        for r, row in enumerate(self.rows):
            if row.task_index == task_index:
                return r
        return -1

    def section_rows(self) -> list[int]:
        return [r for r, row in enumerate(self.rows) if row.task_index is None]

    def warned_task_rows(self) -> list[int]:
        return [self.row_of_task(i) for i in sorted(self.warnings_by_task)]

    def task_changed(self, task_index: int) -> None:
        row = self.row_of_task(task_index)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # --- Qt model API -----------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self.HEADER_TIPS.get(section)
        return None

    #: The printed texts the officer may correct right here (double-click or F2), as Task attributes.
    EDITABLE: ClassVar[dict[int, str]] = {COL_STT: "stt", COL_CONTENT: "content", COL_RESULT: "result", COL_LEAD: "lead",
                COL_COOP: "cooperate", COL_DEADLINE: "deadline_text"}

    def flags(self, index):
        row = self.rows[index.row()] if index.isValid() else None
        if row is not None and row.task_index is not None and index.column() in self.EDITABLE:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):  # noqa: N802 - Qt API
        """A corrected text is kept as typed (NFC, spaces folded); a deadline text is read again at once."""
        from kstthc_desktop.deadlines import read_deadline
        from kstthc_desktop.text import clean

        task = self.task_at(index.row()) if index.isValid() else None
        name = self.EDITABLE.get(index.column())
        if task is None or name is None or role != Qt.ItemDataRole.EditRole:
            return False
        text = clean(str(value))
        if name == "content" and not text:
            return False  # a task has content: an emptied cell keeps the old words
        if getattr(task, name) == text:
            return True
        if self.before_edit is not None:
            self.before_edit("Sửa ô trong bảng")
        setattr(task, name, text)
        if name == "deadline_text":
            task.deadline = read_deadline(text, self.plan.document.year)
        self.task_changed(self.rows[index.row()].task_index)
        return True

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if row.task_index is None:
            return self._section_data(row, col, role)
        task = self.plan.tasks[row.task_index]
        warnings = self.warnings_by_task.get(row.task_index)
        if role == Qt.ItemDataRole.EditRole:
            return getattr(task, self.EDITABLE[col]) if col in self.EDITABLE else None
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._task_text(task, col, one_line=True)
            return f"⚠ {text}" if col == self.COL_ROW and warnings else text
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._task_text(task, col, one_line=False)
            if warnings:
                text = "⚠ " + "\n⚠ ".join(warnings) + ("\n\n" + text if text else "")
            return text or None
        if role == Qt.ItemDataRole.BackgroundRole and warnings:
            return WARN_BRUSH
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == self.COL_READING and task.deadline.kind == DeadlineKind.UNSPECIFIED:
                return UNREAD_BRUSH
            if task.concern == Concern.NONE:
                return NONE_BRUSH
        return None

    def _section_data(self, row: Row, col: int, role):
        if role == Qt.ItemDataRole.DisplayRole and col == 0:
            return row.section_title
        if role == Qt.ItemDataRole.BackgroundRole:
            return SECTION_BRUSH
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return row.section_title
        return None

    def _task_text(self, task: Task, col: int, one_line: bool) -> str:
        def flat(text: str) -> str:
            return " ".join(text.split()) if one_line else text

        if col == self.COL_ROW:
            return "" if task.source_row is None else str(task.source_row)
        if col == self.COL_STT:
            if task.sub:  # another result of the task above (its own lead or deadline)
                return f"↳ {task.stt}" if task.stt else "↳"
            return task.stt
        if col == self.COL_CONTENT:
            return flat(task.content)
        if col == self.COL_RESULT:
            return flat(task.result)
        if col == self.COL_LEAD:
            return flat(task.lead)
        if col == self.COL_COOP:
            return flat(task.cooperate)
        if col == self.COL_DEADLINE:
            return flat(task.deadline_text)
        if col == self.COL_READING:
            return describe(task.deadline, report_days=self.report_days)
        if col == self.COL_CONCERN:
            return task.concern.label
        return ""
