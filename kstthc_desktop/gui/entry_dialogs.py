"""The progress-entry and evidence dialogs (forms from ui/, compiled ahead by pyside6-uic).

They only collect what the officer typed and check it with the operations' own checks
(``operations.progress.*_problem``); the caller saves through an operation, so that one click is one
transaction and a refusal (``UserError``) is shown while the dialog stays open.
"""

from __future__ import annotations

import html

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QMessageBox, QVBoxLayout, QWidget

from kstthc_desktop.domain import Evidence, Occurrence, ProgressEntry, Task
from kstthc_desktop.gui.forms.ui_evidence_dialog import Ui_EvidenceDialog
from kstthc_desktop.gui.forms.ui_progress_dialog import Ui_ProgressDialog
from kstthc_desktop.occurrences import choice_label, occurrence_for_date, occurrence_phrase
from kstthc_desktop.operations.progress import event_problem, evidence_problem, progress_problem
from kstthc_desktop.text import clean
from kstthc_desktop.vndates import text_date

FILE_FILTER = "Văn bản (*.pdf *.doc *.docx *.xls *.xlsx *.odt *.jpg *.jpeg *.png *.tif *.tiff);;Mọi tệp (*)"


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def task_caption(task: Task, number: str = "") -> str:
    """The task as the dialog names it: its number as the table shows it ("III.1"; several sections have a
    task "1.") and its text, cut at 180 characters."""
    text = " ".join(task.content.split())
    if len(text) > 180:
        text = text[:179] + "…"
    return f"<b>{html.escape(number or task.stt or '–')}.</b> {html.escape(text)}"  # the text is text, not markup


class _SavingDialog(QDialog):
    """A form that checks itself (``problem()``), hands ``saved_values()`` to ``on_save`` and closes only when
    that went through: a refusal (a UserError) is shown and the dialog stays open for a correction.

    Closed by the officer (Esc, ✕, "Hủy") after typing, it asks "Lưu / Bỏ / Quay lại" first (``cancel``);
    ``reject()`` itself stays silent for the program's own use. ``typed()`` is what the officer can type, compared
    with what the form held when it opened (``mark_pristine``)."""

    on_save: Callable[..., None] | None = None
    _pristine: tuple | None = None

    def problem(self) -> str:
        return ""

    def saved_values(self) -> tuple:
        return ()

    def typed(self) -> tuple:
        return ()

    def mark_pristine(self) -> None:
        """Remember the form as opened: closing it unchanged asks nothing."""
        self._pristine = self.typed()

    def has_unsaved_text(self) -> bool:
        return self._pristine is not None and self.typed() != self._pristine

    def cancel(self) -> None:
        """The officer's "Hủy", Esc or ✕: close, after asking when something typed would be lost."""
        if self._may_close():
            self.reject()

    def _may_close(self) -> bool:
        from kstthc_desktop.gui.unsaved import Choice, ask_unsaved

        if not self.has_unsaved_text():
            return True
        choice = ask_unsaved(self)
        if choice == Choice.SAVE:
            self.accept()  # closes when saved; a refusal keeps the form open with the text
            return False
        return choice == Choice.DISCARD

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        from PySide6.QtCore import Qt

        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.cancel()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name: the title bar's ✕
        if self.isVisible() and not self._may_close():
            event.ignore()
            return
        super().closeEvent(event)

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            from kstthc_desktop.gui.errors import plain

            QMessageBox.warning(self, "Chưa lưu được", plain(problem))
            return
        if self.on_save is not None:
            from kstthc_desktop.gui.errors import show_error

            try:
                self.on_save(*self.saved_values())
            except Exception as exc:  # noqa: BLE001 - shown; the dialog stays open for a correction
                show_error(self, exc)
                return
        super().accept()


class _EvidenceFields:
    """Shared handling of the evidence fields both forms carry."""

    ui: Ui_ProgressDialog | Ui_EvidenceDialog

    def _wire_evidence(self, today: date) -> None:
        self.today = today
        self.ui.issuedEdit.setDate(qdate(today))
        self.ui.browseButton.clicked.connect(self._browse)
        self.file_path: Path | None = None

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Chọn tệp văn bản", "", FILE_FILTER)  # type: ignore[arg-type]
        if name:
            self.set_file(Path(name))

    def set_file(self, path: Path | None) -> None:
        self.file_path = path
        self.ui.fileEdit.setText(str(path) if path else "")

    def _evidence_typed(self) -> tuple:
        ui = self.ui
        group = getattr(ui, "evidenceGroup", None)  # the progress form's optional document
        return (group.isChecked() if group is not None else True, ui.numberEdit.text(),
                pydate(ui.issuedEdit.date()), ui.issuerEdit.text(), ui.summaryEdit.toPlainText(), ui.fileEdit.text())

    def _evidence_problem(self) -> str:
        return evidence_problem(self.ui.numberEdit.text(), pydate(self.ui.issuedEdit.date()), self.today, self.file_path)

    def _evidence(self, task_id: int) -> Evidence:
        return Evidence(
            task_id=task_id,
            number=clean(self.ui.numberEdit.text()),
            issued=pydate(self.ui.issuedEdit.date()),
            issuer=clean(self.ui.issuerEdit.text()),
            summary=clean(self.ui.summaryEdit.toPlainText()),
            file_name=self.file_path.name if self.file_path else "",
        )


class ProgressDialog(_SavingDialog, _EvidenceFields):
    """Add or edit one progress entry, with an optional evidence document.

    ``occurrences`` are what the entry can count for ("Tính cho kỳ"); the choice follows the entry's date
    (``occurrences.occurrence_for_date``: a result dated 10/5 counts for Quý II) and changes with it, until the
    officer picks another by hand; a line under the list says which occurrence it is and why.
    After ``exec()`` returns Accepted, read ``entry()`` and ``evidence()`` (None when no document was given).
    """

    ui: Ui_ProgressDialog

    def __init__(
        self,
        task: Task,
        occurrences: list[Occurrence],
        today: date,
        parent: QWidget | None = None,
        *,
        entry: ProgressEntry | None = None,
        issuer: str = "",
        on_save=None,
        number: str = "",
        earliest: date | None = None,
    ):
        super().__init__(parent)
        self.ui = Ui_ProgressDialog()
        self.ui.setupUi(self)
        self.task = task
        self.on_save = on_save  # called with (entry, evidence|None); a UserError keeps the dialog open
        self.earliest = earliest  # the plan year's first data window opens then (15/12 of the year before)
        self.occurrences = list(occurrences)
        self.chosen_by_hand = False  # the officer picked an occurrence other than the date's
        self.ui.taskLabel.setText(task_caption(task, number))
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.cancel)
        for occ in self.occurrences:
            self.ui.periodCombo.addItem(choice_label(occ), occ.key)
        self.period_note = self._add_period_note()
        self._wire_evidence(today)
        self.ui.issuerEdit.setText(issuer)
        self.existing = entry
        if entry is not None:
            self.setWindowTitle("Sửa kết quả thực hiện")
            self.ui.dateEdit.setDate(qdate(entry.entry_date))
            self.ui.textEdit.setPlainText(entry.text)
            self.ui.doneCheck.setChecked(entry.done)
            self.ui.evidenceGroup.setVisible(False)  # documents of an entry are edited on the "Văn bản" tab
            self._select(entry.occurrence_key)
            self.chosen_by_hand = entry.occurrence_key != self._date_key()
        else:
            self.ui.dateEdit.setDate(qdate(today))
            self._select(self._date_key())
        self.ui.dateEdit.dateChanged.connect(self._follow_date)
        self.ui.periodCombo.activated.connect(self._chosen)
        self._show_period_note()
        self.ui.textEdit.setFocus()
        self.mark_pristine()

    # -- "Tính cho kỳ": follows the date unless chosen by hand
    def _add_period_note(self) -> QLabel:
        """A line under the occurrence list saying which occurrence the entry counts for, and why."""
        note = QLabel()
        note.setObjectName("periodNote")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        grid = self.ui.entryLayout
        grid.removeWidget(self.ui.periodCombo)
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(self.ui.periodCombo)
        column.addWidget(note)
        grid.addLayout(column, 1, 1)
        return note

    def _date_key(self) -> str:
        occ = occurrence_for_date(self.occurrences, pydate(self.ui.dateEdit.date()))
        return occ.key if occ is not None else ""

    def _select(self, key: str) -> None:
        index = self.ui.periodCombo.findData(key)
        if index < 0 and key:  # an entry kept for an occurrence the task no longer has
            self.ui.periodCombo.addItem(occurrence_phrase(key) or key, key)
            index = self.ui.periodCombo.count() - 1
        self.ui.periodCombo.setCurrentIndex(max(0, index))

    def _follow_date(self) -> None:
        if not self.chosen_by_hand:
            self._select(self._date_key())
        self._show_period_note()

    def _chosen(self) -> None:
        self.chosen_by_hand = self.ui.periodCombo.currentData() != self._date_key()
        self._show_period_note()

    def _show_period_note(self) -> None:
        when = text_date(pydate(self.ui.dateEdit.date()))
        chosen = self.ui.periodCombo.currentText()
        date_key = self._date_key()
        if not date_key:
            self.period_note.setText("")
        elif self.ui.periodCombo.currentData() == date_key:
            self.period_note.setText(f"Tính cho {chosen}: kỳ có ngày {when} (theo ngày ghi kết quả).")
        else:
            by_date = self.ui.periodCombo.itemText(self.ui.periodCombo.findData(date_key))
            self.period_note.setText(f"Tính cho {chosen} (đã chọn); theo ngày {when}, kết quả thuộc {by_date}.")

    def typed(self) -> tuple:
        ui = self.ui
        return (pydate(ui.dateEdit.date()), ui.periodCombo.currentData(), ui.textEdit.toPlainText(),
                ui.doneCheck.isChecked(), *self._evidence_typed())

    def problem(self) -> str:
        """What is wrong with the typed entry, in one Vietnamese sentence ("" when it can be saved)."""
        problem = progress_problem(self.entry(), self.today, self.earliest)
        if not problem and self.ui.evidenceGroup.isVisible() and self.ui.evidenceGroup.isChecked():
            return self._evidence_problem()
        return problem

    def entry(self) -> ProgressEntry:
        return ProgressEntry(
            task_id=self.task.id,  # type: ignore[arg-type]
            entry_date=pydate(self.ui.dateEdit.date()),
            text=clean(self.ui.textEdit.toPlainText()),
            occurrence_key=self.ui.periodCombo.currentData() or "",
            done=self.ui.doneCheck.isChecked(),
            id=self.existing.id if self.existing else None,
        )

    def evidence(self) -> Evidence | None:
        if self.existing is not None or not self.ui.evidenceGroup.isChecked():
            return None
        return self._evidence(self.task.id)  # type: ignore[arg-type]

    def saved_values(self) -> tuple:
        return (self.entry(), self.evidence(), self.file_path)


class EvidenceDialog(_SavingDialog, _EvidenceFields):
    """Add or edit one evidence document of a task; ``progress_choices`` are (progress id, label)."""

    ui: Ui_EvidenceDialog

    def __init__(
        self,
        task: Task,
        today: date,
        parent: QWidget | None = None,
        *,
        evidence: Evidence | None = None,
        progress_choices: Sequence[tuple[int, str]] = (),
        issuer: str = "",
        on_save=None,
        number: str = "",
    ):
        super().__init__(parent)
        self.ui = Ui_EvidenceDialog()
        self.ui.setupUi(self)
        self.task = task
        self.on_save = on_save
        self.ui.taskLabel.setText(task_caption(task, number))
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.cancel)
        self._wire_evidence(today)
        self.ui.progressCombo.addItem("(không gắn với kết quả nào)", None)
        for pid, label in progress_choices:
            self.ui.progressCombo.addItem(label, pid)
        self.existing = evidence
        self.ui.issuerEdit.setText(issuer)
        if evidence is not None:
            self.setWindowTitle("Sửa văn bản chứng minh")
            self.ui.numberEdit.setText(evidence.number)
            if evidence.issued:
                self.ui.issuedEdit.setDate(qdate(evidence.issued))
            self.ui.issuerEdit.setText(evidence.issuer)
            self.ui.summaryEdit.setPlainText(evidence.summary)
            self.ui.fileEdit.setText(evidence.file_name)
            self.ui.browseButton.setText("Thay tệp…")
            index = self.ui.progressCombo.findData(evidence.progress_id)
            self.ui.progressCombo.setCurrentIndex(max(0, index))
        self.mark_pristine()

    def typed(self) -> tuple:
        return (self.ui.progressCombo.currentData(), *self._evidence_typed())

    def problem(self) -> str:
        return self._evidence_problem()

    def evidence(self) -> Evidence:
        ev = self._evidence(self.task.id)  # type: ignore[arg-type]
        ev.progress_id = self.ui.progressCombo.currentData()
        if self.existing is not None:
            ev.id = self.existing.id
            if self.file_path is None:  # keep the stored file
                ev.file_name, ev.file_sha256 = self.existing.file_name, self.existing.file_sha256
        return ev

    def saved_values(self) -> tuple:
        return (self.evidence(), self.file_path)


class EventDialog(_SavingDialog):
    """One event of an on-demand task: the day it arose and what arose (a small form, built in code)."""

    def __init__(self, task: Task, today: date, parent: QWidget | None = None, *, on_save=None, number: str = ""):
        from PySide6.QtWidgets import QDateEdit, QFormLayout, QLabel, QLineEdit, QVBoxLayout

        super().__init__(parent)
        self.setWindowTitle("Ghi nhận phát sinh")
        self.today = today
        self.on_save = on_save
        layout = QVBoxLayout(self)
        caption = QLabel(task_caption(task, number))
        caption.setWordWrap(True)
        layout.addWidget(caption)
        form = QFormLayout()
        self.date_edit = QDateEdit(qdate(today))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText("ví dụ: Nhận dự thảo Quyết định của Sở Tư pháp có quy định TTHC")
        form.addRow("Ngày phát sinh:", self.date_edit)
        form.addRow("Việc phát sinh:", self.text_edit)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.cancel)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
        self.mark_pristine()

    def typed(self) -> tuple:
        return (pydate(self.date_edit.date()), self.text_edit.text())

    def problem(self) -> str:
        return event_problem(pydate(self.date_edit.date()), self.text_edit.text(), self.today)

    def saved_values(self) -> tuple:
        return (pydate(self.date_edit.date()), clean(self.text_edit.text()))
