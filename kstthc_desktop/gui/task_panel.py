"""The task panel: everything about one task: its texts, its deadline as printed and as read (with each
occurrence's status), the progress entries, the evidence documents, the officer's assignee and the history.

Each button calls one operation (``kstthc_desktop.operations``: one transaction, the same the command line
uses); after it the panel emits ``changed`` so the window recomputes statuses and the dashboard.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kstthc_desktop.deadline_text import describe
from kstthc_desktop.domain import DeadlineKind, Evidence, ProgressEntry, Task
from kstthc_desktop.gui.errors import plain, reporting_errors
from kstthc_desktop.operations import plans as plan_ops
from kstthc_desktop.operations import progress as progress_ops
from kstthc_desktop.task_fields import FIELDS_BY_NAME, field_label
from kstthc_desktop.tracking import printed_section_codes, shown_stt
from kstthc_desktop.vndates import text_date

if TYPE_CHECKING:
    from kstthc_desktop.periods import Period
    from kstthc_desktop.tracking import TaskRow

#: The fields of a progress entry or a document, as their history names them (a task's: ``task_fields``).
_RECORD_FIELD_NAMES = {
    "text": "Nội dung kết quả", "entry_date": "Ngày", "occurrence_key": "Kỳ", "done": "Hoàn thành",
    "number": "Số, ký hiệu", "issued": "Ngày ban hành", "issuer": "Cơ quan ban hành", "summary": "Trích yếu",
    "file_name": "Tệp",
}
_ENTITY_NAMES = {"task": "Nhiệm vụ", "progress": "Kết quả", "evidence": "Văn bản", "event": "Phát sinh"}
_ACTIONS = {"insert": "Thêm", "update": "Sửa", "edit": "Cán bộ sửa", "delete": "Xóa",
            "keep": "Nhập lại, giữ bản cán bộ sửa của",  # old: the new file's value, new: the officer's kept
            "split": "Tách", "merge": "Gộp"}


def _record_text(entity: str, value: str | None) -> str | None:
    """A whole record added or deleted, as the officer knows it: a result's text ("10/05/2023: Đã ban hành…"),
    a document's number and summary, an event's date and text; not its stored JSON."""
    import json

    try:
        record = json.loads(value) if value else None
    except ValueError:
        return value
    if not isinstance(record, dict):
        return value
    if entity == "task":
        return str(record.get("content") or "")
    day = record.get("entry_date") or record.get("event_date") or record.get("issued") or ""
    shown_day = text_date(date.fromisoformat(day)) if isinstance(day, str) and len(day) == 10 else ""
    words = record.get("text") or " ".join(str(record.get(k) or "") for k in ("number", "summary")).strip()
    return f"{shown_day}: {words}" if shown_day else str(words)


def viewable_copy(stored: Path, ev: Evidence) -> Path:
    """A copy named as the officer attached it, for the system's viewer (``store.files.viewable_copy``)."""
    from kstthc_desktop.store.files import viewable_copy as core_copy

    return core_copy(stored, ev.file_name, ev.file_sha256)


def _tree(headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setWordWrap(True)
    tree.setUniformRowHeights(False)
    return tree


def _short(text: str | None, limit: int = 90) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class TaskPanel(QWidget):
    """Shows one task; ``show_task(row)`` with a ``tracking.TaskRow`` (or None)."""

    changed = Signal(int)  # task id whose progress, evidence or fields changed

    def __init__(self, store, today: date, parent=None):
        super().__init__(parent)
        self.store = store
        self.today = today
        self.year: int = today.year
        self.period: Period | None = None
        self.row: TaskRow | None = None
        self.section_codes: dict[str, str] = {}
        self.read_only = ""  # why the database cannot be written ("" when it can): set_read_only
        self.events: list = []
        self._progress: list[ProgressEntry] = []
        self._evidence: list[Evidence] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        self.title = QLabel("Chọn một nhiệm vụ trong bảng để xem chi tiết.")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setStyleSheet("font-size: 10.5pt; padding: 4px 2px;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        # Chi tiết
        details = QWidget()
        dl = QVBoxLayout(details)
        dl.setContentsMargins(4, 4, 4, 4)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        dl.addWidget(self.details, 1)
        assign = QHBoxLayout()
        assign.addWidget(QLabel("Người được giao:"))
        self.assignee = QLineEdit()
        self.assignee.setPlaceholderText("ví dụ Đ/c Trần Thế Vũ")
        self.assignee.returnPressed.connect(self.save_assignee)
        assign.addWidget(self.assignee, 1)
        self.assign_button = QPushButton("Lưu")
        self.assign_button.clicked.connect(self.save_assignee)
        assign.addWidget(self.assign_button)
        dl.addLayout(assign)
        self.tabs.addTab(details, "Chi tiết")

        # Tiến độ
        self.progress_list, (self.add_progress_button, self.edit_progress_button, self.delete_progress_button,
                             self.add_event_button) = self._list_tab(
            "Tiến độ", ["Ngày", "Kỳ / hạn", "Kết quả", "Xong"], self.edit_progress,
            [("Ghi kết quả…", self.add_progress, "Ghi kết quả thực hiện cho nhiệm vụ này (Ctrl+N)"),
             ("Sửa", self.edit_progress, ""),
             ("Xóa", self.delete_progress, ""),
             ("Phát sinh…", self.add_event,
              "Ghi nhận phát sinh: nhiệm vụ khi phát sinh được theo dõi và báo cáo theo từng lần phát sinh")])

        # Văn bản
        self.evidence_list, (self.add_evidence_button, self.edit_evidence_button, self.delete_evidence_button,
                             self.open_file_button) = self._list_tab(
            "Văn bản", ["Số, ký hiệu", "Ngày", "Trích yếu", "Tệp"], self.open_evidence_file,
            [("Thêm…", self.add_evidence, "Thêm văn bản chứng minh (số, ngày, trích yếu, tệp)"),
             ("Sửa", self.edit_evidence, ""),
             ("Xóa", self.delete_evidence, ""),
             ("Mở tệp", self.open_evidence_file, "")])

        # Lịch sử
        self.history_list = _tree(["Thời điểm", "Thay đổi", "Trước", "Sau"])
        self.tabs.addTab(self.history_list, "Lịch sử")
        for tree, widths in (
            (self.progress_list, (80, 112, 0, 44)),
            (self.evidence_list, (100, 78, 0, 90)),
            (self.history_list, (110, 120, 0, 0)),
        ):
            header = tree.header()
            header.setStretchLastSection(False)
            for i, w in enumerate(widths):
                if w:
                    tree.setColumnWidth(i, w)
                    header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                else:
                    header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        self.show_task(None)

    def editing_buttons(self) -> list[QPushButton]:
        """The buttons that write the database."""
        return [self.add_progress_button, self.edit_progress_button, self.delete_progress_button,
                self.add_event_button, self.add_evidence_button, self.edit_evidence_button,
                self.delete_evidence_button, self.assign_button]

    def set_read_only(self, why: str) -> None:
        """With ``why`` (a sentence: the database is open read-only), every editing button is off and says why
        as its tooltip, the assignee cannot be typed in and its "Lưu" is hidden (``show_task`` enables it for a
        selected task); with "" they are usable again. Viewing, the history and "Mở tệp" stay."""
        self.read_only = why
        for button in self.editing_buttons():
            if button.property("usualTip") is None:
                button.setProperty("usualTip", button.toolTip())
            button.setEnabled(not why)
            button.setToolTip(why or button.property("usualTip"))
        self.assign_button.setVisible(not why)
        self.assignee.setReadOnly(bool(why))
        self.assignee.setToolTip(why)

    # ------------------------------------------------------------------ showing
    def _list_tab(self, title: str, headers: list[str], on_double_click, buttons) -> tuple[QTreeWidget, list]:
        """A tab holding a list and, under it, a row of buttons ``(text, slot, tooltip)``; the list and the buttons."""
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        tree = _tree(headers)
        tree.itemDoubleClicked.connect(lambda *_: on_double_click())
        layout.addWidget(tree, 1)
        row = QHBoxLayout()
        made = []
        for text, slot, tip in buttons:
            button = QPushButton(text)
            if tip:
                button.setToolTip(tip)
            button.clicked.connect(slot)
            row.addWidget(button)
            made.append(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.tabs.addTab(page, title)
        return tree, made

    def set_context(self, year: int, period, sections=()) -> None:
        self.year = year
        self.period = period
        self.section_codes = printed_section_codes(sections)

    def show_task(self, row) -> None:
        self.row = row
        enabled = row is not None
        for w in (
            self.tabs, self.assignee, self.assign_button,
        ):
            w.setEnabled(enabled)
        if row is None:
            self.title.setText("Chọn một nhiệm vụ trong bảng để xem chi tiết.")
            self.details.clear()
            for tree in (self.progress_list, self.evidence_list, self.history_list):
                tree.clear()
            self.assignee.clear()
            return
        task = self.store.task(row.task.id)
        row.task = task
        self.events = self.store.events(task_id=task.id)
        self._progress = sorted(self.store.progress(task_id=task.id), key=lambda e: (e.entry_date, e.id or 0))
        self._evidence = self.store.evidence(task_id=task.id)
        status = html.escape(self._status_reading(task, row))
        stt = self.shown_number(task)
        head = f"<b>{html.escape(stt)}.</b> {html.escape(_short(task.content, 200))}"
        if task.withdrawn:
            head += " <span style='color:#8a8a8a'>(đã rút khỏi kế hoạch)</span>"
        self.title.setText(f"{head}<br><span style='color:#555'>Trạng thái trong kỳ: <b>{status}</b></span>")
        self.details.setHtml(self._details_html(task, row))
        self.assignee.setText(task.assignee)
        self.add_event_button.setVisible(task.deadline.kind == DeadlineKind.ON_DEMAND)
        self._fill_progress()
        self._fill_evidence()
        self._fill_history(task)
        self.tabs.setTabText(1, f"Tiến độ ({len(self._progress)})")
        self.tabs.setTabText(2, f"Văn bản ({len(self._evidence)})")

    def _status_reading(self, task: Task, row) -> str:
        """The task's status in the period as one reading, naming the occurrence it is about ("(kỳ quý IV)")."""
        from kstthc_desktop.status import status_reading, task_status

        if self.period is None:
            return row.status.label
        try:
            result = task_status(task, self._progress, self.period, self.today,
                                 events=[(e.id, e.event_date) for e in self.events], report_days=self.report_days())
        except Exception:  # noqa: BLE001 - the title must show even when a reading is odd
            return row.status.label
        return status_reading(result) if result.status == row.status else row.status.label

    def _occurrence_rows(self, task: Task) -> list[tuple[str, str, str, str]]:
        """(label, printed due, effective due, status) of each occurrence of the task this year."""
        from kstthc_desktop.status import task_status

        if self.period is None:
            return []
        try:
            result = task_status(
                task, self._progress, self.period, self.today, events=[(e.id, e.event_date) for e in self.events],
                report_days=self.report_days(),
            )
        except Exception:  # noqa: BLE001 - the details must show even when a reading is odd
            return []
        rows = []
        for item in getattr(result, "occurrences", []) or []:
            occ = getattr(item, "occurrence", item)
            st = getattr(item, "status", None)
            rows.append(
                (
                    getattr(occ, "label", ""),
                    text_date(occ.due) if getattr(occ, "due", None) else "",
                    text_date(occ.effective_due) if getattr(occ, "effective_due", None) else "",
                    getattr(st, "label", "") if st is not None else "",
                )
            )
        return rows

    def _details_html(self, task: Task, row) -> str:
        def para(label: str, text: str) -> str:
            if not text:
                return ""
            body = html.escape(text).replace("\n", "<br>")
            return f"<p style='margin:0 0 6px 0'><span style='color:#666'>{label}</span><br>{body}</p>"

        section = ""
        parts = [
            *(para(FIELDS_BY_NAME[name].title, getattr(task, name))
              for name in ("content", "result", "lead", "cooperate", "note")),
            para("Thời hạn ghi trong kế hoạch", task.deadline_text or "(để trống)"),
            para("Chương trình hiểu là", describe(task.deadline, effective=True, report_days=self.report_days())),
        ]
        if task.why or task.ambiguous:
            parts.append(para("Cần kiểm tra", task.why or "Dòng này có thể hiểu theo cách khác."))
        occ = self._occurrence_rows(task)
        if occ:
            cells = "".join(
                f"<tr><td>{html.escape(a)}</td><td>{b}</td><td>{c}</td><td>{html.escape(d)}</td></tr>" for a, b, c, d in occ
            )
            parts.append(
                "<p style='margin:6px 0 2px 0;color:#666'>Các lần đến hạn trong năm</p>"
                "<table cellspacing='0' cellpadding='3' border='1' style='border-color:#ccc;border-collapse:collapse'>"
                "<tr style='background:#eef1f5'><th>Kỳ / hạn</th><th>Hạn ghi</th><th>Hạn thực tế</th><th>Trạng thái</th></tr>"
                f"{cells}</table>"
            )
        if self.events:
            items = "".join(f"<li>{text_date(e.event_date)}: {html.escape(e.text)}</li>" for e in self.events)
            parts.append(f"<p style='margin:6px 0 2px 0;color:#666'>Các lần phát sinh</p><ul>{items}</ul>")
        return section + "".join(parts)

    def _fill_progress(self) -> None:
        self.progress_list.clear()
        labels = dict(self.occurrence_choices())
        for entry in self._progress:
            item = QTreeWidgetItem(
                [text_date(entry.entry_date), self._counts_for(entry, labels), entry.text, "✔" if entry.done else ""]
            )
            item.setToolTip(2, entry.text)
            item.setData(0, Qt.ItemDataRole.UserRole, entry.id)
            self.progress_list.addTopLevelItem(item)

    @staticmethod
    def _counts_for(entry: ProgressEntry, labels: dict[str, str]) -> str:
        """The occurrence a progress line counts for, as the list names it ("Quý III/2024 (hạn 19/9/2024)")."""
        from kstthc_desktop.occurrences import occurrence_phrase

        key = entry.occurrence_key
        return labels.get(key) or occurrence_phrase(key) or key or "(không gắn kỳ)"

    def _fill_evidence(self) -> None:
        self.evidence_list.clear()
        for ev in self._evidence:
            item = QTreeWidgetItem(
                [ev.number, text_date(ev.issued) if ev.issued else "", ev.summary, ev.file_name or "(không có tệp)"]
            )
            item.setToolTip(2, f"{ev.citation()}\n{ev.issuer}\n{ev.summary}")
            item.setData(0, Qt.ItemDataRole.UserRole, ev.id)
            self.evidence_list.addTopLevelItem(item)

    def _fill_history(self, task: Task) -> None:
        self.history_list.clear()
        entries = self.store.task_history(task.id)  # deleted entries, documents and events included
        entries.sort(key=lambda h: (h.at, h.id or 0), reverse=True)
        for h in entries:
            what = f"{_ACTIONS.get(h.action, h.action)} {_ENTITY_NAMES.get(h.entity, h.entity).lower()}"
            if h.field:
                what += f": {field_label(h.field) if h.entity == 'task' else _RECORD_FIELD_NAMES.get(h.field, h.field)}"
            old, new = _record_text(h.entity, h.old) if not h.field else h.old, \
                _record_text(h.entity, h.new) if not h.field else h.new
            item = QTreeWidgetItem([h.at.strftime("%d/%m/%Y %H:%M"), what, _short(old, 60), _short(new, 60)])
            item.setToolTip(2, old or "")
            item.setToolTip(3, new or "")
            self.history_list.addTopLevelItem(item)

    # ------------------------------------------------------------------ progress
    def entry_occurrences(self) -> list:
        """What a progress entry of this task can count for: its occurrences, or the year's periods."""
        from kstthc_desktop.occurrences import entry_occurrences

        if self.row is None:
            return []
        return entry_occurrences(self.row.task, self.year, self.events, report_days=self.report_days())

    def occurrence_choices(self) -> list[tuple[str, str]]:
        """(key, label) of each occurrence a progress entry can count for."""
        if self.row is None:
            return []
        return progress_ops.occurrence_choices(self.row.task, self.year, self.events, report_days=self.report_days())

    def report_days(self) -> dict[str, int]:
        """The officer's day per kind of report (Thiết lập): a periodic task stating no day is due on it, as in
        the table, the reports and the units' returns."""
        return self.store.settings().report_deadlines

    def shown_number(self, task) -> str:
        """The task's number as the table shows it: "III.1" (several sections have a task "1.")."""
        return shown_stt(task, self.section_codes)

    def _earliest_entry(self):
        """The first day a result of this plan's year can be dated (the dialog refuses earlier dates)."""
        return progress_ops.earliest_entry(self.year)

    def _issuer(self) -> str:
        """The body pre-filled as a document's issuer (Settings.body_in_text: never re-cased)."""
        return self.store.settings().body_in_text

    def add_progress(self) -> None:
        if self.row is None:
            return
        from kstthc_desktop.gui.entry_dialogs import ProgressDialog

        dialog = ProgressDialog(
            self.row.task, self.entry_occurrences(), self.today, self, issuer=self._issuer(),
            on_save=self._save_new_progress, number=self.shown_number(self.row.task), earliest=self._earliest_entry(),
        )
        dialog.setObjectName("progressDialog")
        if dialog.exec():
            self.changed.emit(self.row.task.id)

    def _save_new_progress(self, entry: ProgressEntry, evidence: Evidence | None, file_path) -> None:
        progress_ops.record_progress(self.store, entry, self.today, evidence, file_path)

    def _selected_id(self, tree: QTreeWidget) -> int | None:
        item = tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def edit_progress(self) -> None:
        if self.read_only:  # a double-click on an entry: nothing to edit in read-only mode
            return
        pid = self._selected_id(self.progress_list)
        entry = next((e for e in self._progress if e.id == pid), None)
        if entry is None or self.row is None:
            return
        from kstthc_desktop.gui.entry_dialogs import ProgressDialog

        dialog = ProgressDialog(
            self.row.task, self.entry_occurrences(), self.today, self, entry=entry,
            on_save=lambda e, _ev, _f: progress_ops.change_progress(self.store, e, self.today), number=self.shown_number(self.row.task),
            earliest=self._earliest_entry(),
        )
        if dialog.exec():
            self.changed.emit(self.row.task.id)

    def delete_progress(self) -> None:
        pid = self._selected_id(self.progress_list)
        entry = next((e for e in self._progress if e.id == pid), None)
        if entry is None or self.row is None or pid is None:
            return
        linked = [ev for ev in self._evidence if ev.progress_id == pid]
        more = f"\n\nVăn bản gắn với kết quả này ({len(linked)}) vẫn được giữ lại." if linked else ""
        answer = QMessageBox.question(
            self, "Xóa kết quả",
            plain(f"Xóa kết quả ngày {text_date(entry.entry_date)}:\n“{_short(entry.text, 160)}”?{more}"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        with reporting_errors(self):
            progress_ops.delete_progress(self.store, pid)
            self.changed.emit(self.row.task.id)

    def add_event(self) -> None:
        """Log one occurrence of an on-demand task ("khi có phát sinh"): its date and what arose."""
        if self.row is None or self.row.task.id is None:
            return
        from kstthc_desktop.gui.entry_dialogs import EventDialog

        task_id = self.row.task.id
        dialog = EventDialog(self.row.task, self.today, self, number=self.shown_number(self.row.task),
                             on_save=lambda d, text: progress_ops.log_event(self.store, task_id, d, text, self.today))
        if dialog.exec():
            self.changed.emit(self.row.task.id)

    # ------------------------------------------------------------------ evidence
    def _progress_choices(self) -> list[tuple[int, str]]:
        return [(e.id, f"{text_date(e.entry_date)}: {_short(e.text, 60)}") for e in self._progress]  # type: ignore[misc]

    def add_evidence(self) -> None:
        if self.row is None:
            return
        from kstthc_desktop.gui.entry_dialogs import EvidenceDialog

        dialog = EvidenceDialog(
            self.row.task, self.today, self, progress_choices=self._progress_choices(), issuer=self._issuer(),
            on_save=lambda ev, f: progress_ops.add_document(self.store, ev, self.today, f), number=self.shown_number(self.row.task),
        )
        if dialog.exec():
            self.changed.emit(self.row.task.id)

    def edit_evidence(self) -> None:
        eid = self._selected_id(self.evidence_list)
        ev = next((e for e in self._evidence if e.id == eid), None)
        if ev is None or self.row is None:
            return
        from kstthc_desktop.gui.entry_dialogs import EvidenceDialog

        dialog = EvidenceDialog(
            self.row.task, self.today, self, evidence=ev, progress_choices=self._progress_choices(),
            on_save=lambda e, f: progress_ops.change_document(self.store, e, self.today, f), number=self.shown_number(self.row.task),
        )
        if dialog.exec():
            self.changed.emit(self.row.task.id)

    def delete_evidence(self) -> None:
        eid = self._selected_id(self.evidence_list)
        ev = next((e for e in self._evidence if e.id == eid), None)
        if ev is None or self.row is None or eid is None:
            return
        answer = QMessageBox.question(
            self, "Xóa văn bản", plain(f"Xóa văn bản {ev.number} khỏi nhiệm vụ này?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            with reporting_errors(self):
                progress_ops.delete_document(self.store, eid)
                self.changed.emit(self.row.task.id)

    def open_evidence_file(self) -> None:
        eid = self._selected_id(self.evidence_list)
        ev = next((e for e in self._evidence if e.id == eid), None)
        if ev is None:
            return
        path = self.store.evidence_path(ev)
        if path is None:
            QMessageBox.information(self, "Không có tệp", "Văn bản này chưa có tệp đính kèm (hoặc tệp đã bị xóa khỏi thư mục dữ liệu).")
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(viewable_copy(path, ev))))

    # ------------------------------------------------------------------ assignee
    def assignee_unsaved(self) -> bool:
        """Is a name typed in "Người được giao" and not saved?"""
        from kstthc_desktop.text import clean

        return self.row is not None and not self.read_only and clean(self.assignee.text()) != self.row.task.assignee

    def confirm_leaving(self) -> bool:
        """Before the program closes: an assignee typed and not saved is saved, dropped or kept (the officer's
        choice); False when the officer goes back to it (or saving it was refused)."""
        from kstthc_desktop.gui.unsaved import Choice, ask_unsaved

        if not self.assignee_unsaved():
            return True
        choice = ask_unsaved(self.window(), "tên người được giao")
        if choice == Choice.SAVE:
            self.save_assignee()
            return not self.assignee_unsaved()
        return choice == Choice.DISCARD

    def save_assignee(self) -> None:
        if self.row is None or self.row.task.id is None or self.read_only:
            return
        with reporting_errors(self):
            if plan_ops.set_assignee(self.store, self.row.task.id, self.assignee.text()):
                self.changed.emit(self.row.task.id)
