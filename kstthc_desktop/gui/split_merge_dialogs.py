"""Sửa › Tách nhiệm vụ… / Gộp nhiệm vụ… and the same entries in the task table's and the import preview's context
menus. The dialogs know only texts: in the window they call ``operations.split_merge`` (the store, one undo), in the
preview ``splitting`` (the plan in memory, before saving)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kstthc_desktop.domain import Task
from kstthc_desktop.splitting import merged_texts, suggest_cut, split_numbers

_HINT = "color: #35506b;"
_PERIOD_LINES = 6  # results named in the merge dialog; the rest counted (the dialog stays on a laptop's screen)


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(_HINT)
    return label


class SplitDialog(QDialog):
    """The task's content with a cut: two boxes pre-filled from the "b)" marker (or the first line break or
    sentence), a button cutting where the cursor stands in the whole text, the two numbers, and the task's records
    that go to the second part (none unless ticked)."""

    def __init__(self, task: Task, first_stt: str, second_stt: str, records: list[tuple[str, int | None, str]] | None = None,
                 parent: QWidget | None = None):
        from PySide6.QtCore import Qt  # here: the Sửa menu is built before the first paint, which names no Qt

        super().__init__(parent)
        self.setObjectName("splitDialog")
        self.setWindowTitle("Tách nhiệm vụ")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Nội dung hiện có</b> — đặt con trỏ vào chỗ cần cắt rồi bấm «Cắt ở đây», "
                                "hoặc sửa thẳng hai ô bên dưới:"))
        self.whole = QPlainTextEdit(task.content)
        self.whole.setObjectName("wholeContent")
        self.whole.setReadOnly(True)
        self.whole.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse |
                                           Qt.TextInteractionFlag.TextSelectableByKeyboard)  # a cursor to place
        self.whole.setFixedHeight(70)
        layout.addWidget(self.whole)
        self.cut_button = QPushButton("✂ Cắt ở đây (vị trí con trỏ)")
        self.cut_button.setObjectName("cutButton")
        self.cut_button.clicked.connect(self.cut_at_cursor)
        row = QHBoxLayout()
        row.addWidget(self.cut_button)
        row.addStretch(1)
        layout.addLayout(row)
        first, second = suggest_cut(task.content)
        self.first_edit, self.second_edit = QPlainTextEdit(first), QPlainTextEdit(second)
        self.first_stt, self.second_stt = QLineEdit(first_stt), QLineEdit(second_stt)
        form = QFormLayout()
        for name, label, edit, number in (("first", "Nhiệm vụ thứ nhất", self.first_edit, self.first_stt),
                                          ("second", "Nhiệm vụ thứ hai", self.second_edit, self.second_stt)):
            edit.setObjectName(f"{name}Part")
            number.setObjectName(f"{name}Stt")
            edit.setFixedHeight(64)
            number.setMaximumWidth(90)
            form.addRow(f"{label} — số:", number)
            form.addRow("nội dung:", edit)
        layout.addLayout(form)
        layout.addWidget(_hint("Cả hai nhiệm vụ giữ cùng mục, cơ quan chủ trì, phối hợp, kết quả/sản phẩm và thời "
                               "hạn (sửa từng nhiệm vụ sau bằng Ctrl+E)."))
        self.records = QListWidget()
        self.records.setObjectName("movedRecords")
        for kind, record_id, text in records or []:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (kind, record_id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.records.addItem(item)
        if records:
            layout.addWidget(_hint("Kết quả, văn bản và sự việc phát sinh của nhiệm vụ <b>ở lại với nhiệm vụ thứ "
                                   "nhất</b>; đánh dấu những gì chuyển sang nhiệm vụ thứ hai (văn bản gắn với một "
                                   "kết quả đi cùng kết quả đó):"))
            self.records.setMaximumHeight(110)
            layout.addWidget(self.records)
        else:
            self.records.hide()
        layout.addWidget(_hint("Có thể hoàn tác bằng Sửa › Hoàn tác (Ctrl+Z)." if records is not None else
                               "Chưa lưu: kế hoạch được lưu khi bấm «Lưu» ở bước cuối."))
        layout.addStretch(1)
        self.buttons = _buttons(self, "Tách")
        layout.addWidget(self.buttons)
        self.resize(640, 560 if records else 460)

    def cut_at_cursor(self) -> None:
        """The whole text cut where the officer put the cursor."""
        text, at = self.whole.toPlainText(), self.whole.textCursor().position()
        self.first_edit.setPlainText(text[:at].strip().rstrip(";,").strip())
        self.second_edit.setPlainText(text[at:].strip())

    def parts(self) -> tuple[str, str]:
        return self.first_edit.toPlainText(), self.second_edit.toPlainText()

    def numbers(self) -> tuple[str, str]:
        return self.first_stt.text(), self.second_stt.text()

    def moved(self, kind: str) -> list[int]:
        """The ids of the ticked records of ``kind`` ("progress", "evidence", "event")."""
        from PySide6.QtCore import Qt

        items = (self.records.item(i) for i in range(self.records.count()))
        return [it.data(Qt.ItemDataRole.UserRole)[1] for it in items
                if it.checkState() == Qt.CheckState.Checked and it.data(Qt.ItemDataRole.UserRole)[0] == kind]


class MergeDialog(QDialog):
    """The tasks to merge, the merged content as it will read, the section (a choice when they are in several)
    and the deadline (the first task's, changeable; read as it is typed)."""

    def __init__(self, tasks: list[Task], sections: list, year: int | None, *, stored: bool,
                 numbers: list[str] | None = None, moving: str = "",
                 periods: Callable[[str], list[str]] | None = None, parent: QWidget | None = None,
                 report_days: dict[str, int] | None = None):
        """``periods``: for a deadline text, lines on which period each result will count for (stored tasks);
        ``report_days``: the officer's day per kind of report (Cài đặt), named in the deadline's reading."""
        from kstthc_desktop.tracking import printed_section_codes

        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(f"Gộp {len(tasks)} nhiệm vụ")
        self.year = year
        self.periods = periods
        self.report_days = report_days
        self.period_note = QLabel()
        self.period_note.setObjectName("mergePeriods")
        self.period_note.setWordWrap(True)
        self.period_note.setStyleSheet(_HINT)
        self.period_note.setVisible(False)
        layout = QVBoxLayout(self)
        shown = numbers or [t.stt or "–" for t in tasks]
        layout.addWidget(QLabel(f"<b>Gộp các nhiệm vụ {', '.join(shown)}</b> thành nhiệm vụ {shown[0]}. Nội dung "
                                "sau khi gộp (mỗi nhiệm vụ một dòng):"))
        texts = merged_texts(tasks)
        preview = QPlainTextEdit(texts.content)
        preview.setObjectName("mergedContent")
        preview.setReadOnly(True)
        preview.setFixedHeight(110)
        layout.addWidget(preview)
        form = QFormLayout()
        form.addRow("Chủ trì:", QLabel(texts.lead or "–"))
        form.addRow("Phối hợp:", QLabel(texts.cooperate or "–"))
        self.section_combo = QComboBox()
        self.section_combo.setObjectName("mergeSection")
        codes = printed_section_codes(sections)
        used = list(dict.fromkeys(t.section for t in tasks))
        for s in sections:
            self.section_combo.addItem(f"{codes[s.code]}. {s.title}", s.code)
        if self.section_combo.findData(used[0]) < 0:  # tasks outside any section stay so unless another is chosen
            self.section_combo.insertItem(0, "(không thuộc mục nào)", used[0])
        self.section_combo.setCurrentIndex(self.section_combo.findData(used[0]))
        self.several_sections = len(used) > 1
        form.addRow("Thuộc mục:", self.section_combo)
        self.deadline_edit = QLineEdit(tasks[0].deadline_text)
        self.deadline_edit.setObjectName("mergeDeadline")
        self.reading = QLabel()
        self.reading.setObjectName("mergeReading")
        self.reading.setStyleSheet(_HINT)
        self.deadline_edit.textChanged.connect(self._read_deadline)
        self._read_deadline()
        form.addRow("Thời hạn:", self.deadline_edit)
        form.addRow("Chương trình hiểu là:", self.reading)
        layout.addLayout(form)
        if self.several_sections:
            layout.addWidget(_hint("Các nhiệm vụ thuộc nhiều mục: hãy chọn mục cho nhiệm vụ gộp."))
        layout.addWidget(self.period_note)
        moved = (f"Kết quả, văn bản, sự việc phát sinh, kết quả đơn vị báo cáo và liên kết của các nhiệm vụ còn lại "
                 f"được chuyển về nhiệm vụ gộp{moving}. Có thể hoàn tác bằng Sửa › Hoàn tác (Ctrl+Z).") if stored else \
            "Chưa lưu: kế hoạch được lưu khi bấm «Lưu» ở bước cuối."
        layout.addWidget(_hint(moved))
        layout.addStretch(1)
        self.buttons = _buttons(self, "Gộp")
        layout.addWidget(self.buttons)
        self.resize(640, 400)

    def _read_deadline(self) -> None:
        from kstthc_desktop.deadline_text import describe
        from kstthc_desktop.deadlines import read_deadline

        self.reading.setText(describe(read_deadline(self.deadline_edit.text(), self.year),
                                      report_days=self.report_days))
        self._show_periods()

    def _show_periods(self) -> None:
        """The results whose period the merged task's deadline does not have: where each will count."""
        from kstthc_desktop.errors import UserError

        if self.periods is None:
            return
        try:
            lines = self.periods(self.deadline_edit.text())
        except UserError:  # the merge itself says why when confirmed
            lines = []
        shown = [f"• {line}" for line in lines[:_PERIOD_LINES]]
        if len(lines) > _PERIOD_LINES:
            shown.append(f"… và {len(lines) - _PERIOD_LINES} kết quả khác.")
        self.period_note.setText("Kỳ của kết quả sau khi gộp (theo thời hạn của nhiệm vụ gộp):\n" + "\n".join(shown))
        self.period_note.setVisible(bool(lines))

    def section(self) -> str:
        return self.section_combo.currentData() or ""

    def deadline_text(self) -> str:
        return self.deadline_edit.text()


# ---------------------------------------------------------------------------------------- the window
def _window_records(window, task_id: int) -> list[tuple[str, int | None, str]]:
    """The task's own results, documents not attached to a result, and events, as lines to tick."""
    from kstthc_desktop.operations.split_merge import own_records
    from kstthc_desktop.vndates import text_date

    progress, evidence, events = own_records(window.store, task_id)
    return ([("progress", e.id, f"Kết quả {text_date(e.entry_date)}: {e.text}") for e in progress] +
            [("evidence", d.id, f"Văn bản {d.citation()}") for d in evidence] +
            [("event", e.id, f"Sự việc {text_date(e.event_date)}: {e.text}") for e in events])


def split_task(window) -> None:
    """Sửa › Tách nhiệm vụ…: the current task cut in two (one undo puts it back)."""
    from kstthc_desktop.gui.plan_edit_dialogs import _current_task, _writable, refusals_said, reread
    from kstthc_desktop.operations import split_merge

    task = _current_task(window) if _writable(window) else None
    if task is None or task.id is None:
        return
    proposal = split_merge.propose_split(window.store, task.id)
    dialog = SplitDialog(task, proposal.first_stt, proposal.second_stt, _window_records(window, task.id), window)
    while dialog.exec():
        first_stt, second_stt = dialog.numbers()
        with refusals_said(window):
            split_merge.split_task(window.store, task.id, *dialog.parts(), first_stt=first_stt, second_stt=second_stt,
                                   progress_ids=dialog.moved("progress"), evidence_ids=dialog.moved("evidence"),
                                   event_ids=dialog.moved("event"))
            reread(window, "Đã tách nhiệm vụ (Ctrl+Z để hoàn tác).", task.id)
            return


def merge_tasks(window) -> None:
    """Sửa › Gộp nhiệm vụ…: the tasks chosen in the table become the first of them (one undo puts them back)."""
    from kstthc_desktop.gui.concern_menu import selected_task_ids
    from kstthc_desktop.gui.plan_edit_dialogs import _writable, refusals_said, reread
    from kstthc_desktop.operations import split_merge
    from kstthc_desktop.tracking import printed_section_codes, shown_stt

    if not _writable(window):
        return
    ids = selected_task_ids(window)
    if len(ids) < 2:
        QMessageBox.information(window, "Gộp nhiệm vụ", "Hãy chọn ít nhất hai nhiệm vụ trong bảng (giữ Ctrl và "
                                "bấm vào từng dòng).")
        return
    tasks = split_merge.in_plan_order(window.store, ids)
    codes = printed_section_codes(window.plan.sections)
    dialog = MergeDialog(tasks, window.plan.sections, window.plan.document.year, stored=True,
                         numbers=[shown_stt(t, codes) for t in tasks], moving=_moving(window, tasks[1:]),
                         periods=lambda text: [m.line() for m in split_merge.merge_periods(window.store, ids, text)],
                         parent=window, report_days=window.store.settings().report_deadlines)
    while dialog.exec():
        with refusals_said(window):
            merged = split_merge.merge_tasks(window.store, ids, section=dialog.section(),
                                             deadline_text=dialog.deadline_text())
            periods = merged.periods_said()
            reread(window, f"Đã gộp {len(ids)} nhiệm vụ{'; ' + periods if periods else ''} (Ctrl+Z để hoàn tác).",
                   merged.task_id)
            return


def _moving(window, others: list[Task]) -> str:
    """What moves to the merged task, counted: " (2 kết quả, 1 văn bản)"; "" when nothing."""
    from kstthc_desktop.store.task_moves import record_ids

    names = {"progress": "kết quả", "evidence": "văn bản", "events": "sự việc", "return_results": "kết quả đơn vị"}
    counts = {t: sum(len(record_ids(window.store, t, o.id)) for o in others if o.id) for t in names}
    said = [f"{n} {names[t]}" for t, n in counts.items() if n]
    return f" ({', '.join(said)})" if said else ""


def add_to_context_menu(window, menu: QMenu) -> None:
    """The two entries at the top of the task table's context menu."""
    first = menu.actions()[0] if menu.actions() else None
    actions = []
    for text, slot, name in (("Tách nhiệm vụ…", split_task, "splitTaskItem"),
                             ("Gộp nhiệm vụ…", merge_tasks, "mergeTasksItem")):
        act = QAction(text, menu)
        act.setObjectName(name)
        act.triggered.connect(lambda _checked=False, f=slot: f(window))
        actions.append(act)
    menu.insertActions(first, actions) if first else menu.addActions(actions)
    menu.insertSeparator(first) if first else None
    from kstthc_desktop.gui.edit_menu import enable_split_merge

    enable_split_merge(window, *actions)


# ---------------------------------------------------------------------------------------- the import preview
def add_preview_entries(menu: QMenu, page) -> None:
    """The preview table's split and merge (the plan in memory), for its one context menu
    (``gui.preview_corrections``): split the row chosen, merge the rows chosen."""
    count = len(page.selected_task_indexes())
    split = menu.addAction("Tách nhiệm vụ…", lambda: preview_split(page))
    split.setObjectName("previewSplit")
    split.setEnabled(count == 1)
    merge = menu.addAction("Gộp nhiệm vụ…", lambda: preview_merge(page))
    merge.setObjectName("previewMerge")
    merge.setEnabled(count >= 2)


def preview_split(page) -> None:
    """Split the chosen row in the preview: one correction, taken back by Ctrl+Z like the others."""
    from kstthc_desktop.splitting import split_plan_task

    indexes = page.selected_task_indexes()
    if len(indexes) != 1:
        return
    plan = page.model.plan
    task = plan.tasks[indexes[0]]
    taken = {t.stt for t in plan.tasks if t.section == task.section and t is not task}
    dialog = SplitDialog(task, *split_numbers(task.stt, taken), None, page)
    def split() -> int:
        first_stt, second_stt = dialog.numbers()
        index = split_plan_task(plan, indexes[0], *dialog.parts())
        plan.tasks[index - 1].stt, plan.tasks[index].stt = first_stt.strip(), second_stt.strip()
        return index

    while dialog.exec():

        index = page.corrections.change("Tách nhiệm vụ", split)  # a refusal is said there, nothing changed
        if index is not None:
            page.corrections.show_plan(task_index=index - 1)
            return


def preview_merge(page) -> None:
    """Merge the chosen rows in the preview: one correction, taken back by Ctrl+Z like the others."""
    from kstthc_desktop.splitting import merge_plan_tasks

    indexes = page.selected_task_indexes()
    if len(indexes) < 2:
        return
    plan = page.model.plan
    tasks = [plan.tasks[i] for i in sorted(indexes)]
    dialog = MergeDialog(tasks, plan.sections, plan.document.year, stored=False, parent=page,
                         report_days=page.model.report_days)
    if not dialog.exec():
        return
    index = page.corrections.change("Gộp nhiệm vụ", lambda: merge_plan_tasks(
        plan, indexes, section=dialog.section(), deadline_text=dialog.deadline_text()))
    if index is not None:
        page.corrections.show_plan(task_index=index)
