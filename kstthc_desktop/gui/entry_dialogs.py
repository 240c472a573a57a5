"""The progress-entry and evidence dialogs (forms from ui/, compiled ahead by pyside6-uic).

They only collect what the officer typed and check it with the operations' own checks
(``operations.progress.*_problem``); the caller saves through an operation, so that one click is one
transaction and a refusal (``UserError``) is shown while the dialog stays open.
"""

from __future__ import annotations

import html

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMessageBox, QWidget

from kstthc_desktop.domain import Evidence, ProgressEntry, Task
from kstthc_desktop.gui.forms.ui_evidence_dialog import Ui_EvidenceDialog
from kstthc_desktop.gui.forms.ui_progress_dialog import Ui_ProgressDialog
from kstthc_desktop.operations.progress import event_problem, evidence_problem, progress_problem
from kstthc_desktop.text import clean

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
    that went through: a refusal (a UserError) is shown and the dialog stays open for a correction."""

    on_save = None

    def problem(self) -> str:
        return ""

    def saved_values(self) -> tuple:
        return ()

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

    ``choices`` are (occurrence key, label) pairs the entry can count for; ``default_key`` is preselected.
    After ``exec()`` returns Accepted, read ``entry()`` and ``evidence()`` (None when no document was given).
    """

    def __init__(
        self,
        task: Task,
        choices: list[tuple[str, str]],
        today: date,
        parent: QWidget | None = None,
        *,
        entry: ProgressEntry | None = None,
        default_key: str = "",
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
        self.ui.taskLabel.setText(task_caption(task, number))
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        for key, label in choices:
            self.ui.periodCombo.addItem(label, key)
        self._wire_evidence(today)
        self.ui.issuerEdit.setText(issuer)
        self.existing = entry
        if entry is not None:
            self.setWindowTitle("Sửa kết quả thực hiện")
            self.ui.dateEdit.setDate(qdate(entry.entry_date))
            self.ui.textEdit.setPlainText(entry.text)
            self.ui.doneCheck.setChecked(entry.done)
            default_key = entry.occurrence_key
            self.ui.evidenceGroup.setVisible(False)  # documents of an entry are edited on the "Văn bản" tab
        else:
            self.ui.dateEdit.setDate(qdate(today))
        index = self.ui.periodCombo.findData(default_key)
        if index < 0 and default_key:
            self.ui.periodCombo.addItem(default_key, default_key)
            index = self.ui.periodCombo.count() - 1
        self.ui.periodCombo.setCurrentIndex(max(0, index))
        self.ui.textEdit.setFocus()

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

    def __init__(
        self,
        task: Task,
        today: date,
        parent: QWidget | None = None,
        *,
        evidence: Evidence | None = None,
        progress_choices: list[tuple[int, str]] = (),
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
        self.ui.buttonBox.rejected.connect(self.reject)
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
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def problem(self) -> str:
        return event_problem(pydate(self.date_edit.date()), self.text_edit.text(), self.today)

    def saved_values(self) -> tuple:
        return (pydate(self.date_edit.date()), clean(self.text_edit.text()))
