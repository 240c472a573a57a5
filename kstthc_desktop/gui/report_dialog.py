"""The report dialog (Ctrl+P): choose the period, write the parts only a person can write, preview, save (Word, PDF,
Excel), print. The trích yếu is kept per kind of report (settings), the scope (the body's own tasks or the whole
plan) with the report; the next report's own deadline is shown beside the period.

The officer's parts are kept per plan and period (store.save_report_texts), together with the report's number
and date, so the same report can be produced again identically. The preview shows the real PDF pages,
rasterised with PDFium (``reports.raster``): Qt's PDF module is not in PySide6-Essentials and reportlab cannot
draw to a screen, and an HTML imitation would show a different layout from the one that is printed.
Every saved or printed report is recorded with its SHA-256 (store.record_report).

On a database open read-only ("chỉ để xem") the dialog still previews, saves and prints the report, from the parts
already kept for the period: those fields cannot be typed in (nothing typed could be kept) and the report is not
recorded (the program holding the database records its own reports); a line in the dialog says so.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from kstthc_desktop.errors import UserError
from kstthc_desktop.gui.errors import show_error
from kstthc_desktop.reports.data import TEXT_FIELDS

KINDS = (("month", "Tháng"), ("quarter", "Quý"), ("halfyear", "6 tháng"), ("ninemonths", "9 tháng"), ("year", "Năm"))
#: Save buttons: format, button text, file-dialog filter.
SAVE_FORMATS = (("docx", "Lưu Word (.docx)…", "Văn bản Word (*.docx)"), ("pdf", "Lưu PDF…", "Tệp PDF (*.pdf)"),
                ("xlsx", "Lưu Excel…", "Sổ tính Excel (*.xlsx)"))
#: The report text that keeps the scope choice with the report (produced again, it covers the same tasks).
WHOLE_PLAN = "whole_plan"
PREVIEW_DPI = 72
PRINT_DPI = 300
_LONG_TEXTS = ("achievements", "shortcomings", "next_steps", "proposals")


def default_period(today: date, kind: str):
    """The period an officer most likely reports on: the one just closed (within 20 days), else the current one."""
    from kstthc_desktop.periods import period_containing

    current = period_containing(today, kind)
    previous = current.previous()
    return previous if 0 <= (today - previous.window_end).days <= 20 else current


class ReportDialog(QDialog):
    def __init__(self, store, plan_id: int, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.plan_id, self.today = store, plan_id, today
        self.read_only = bool(getattr(store, "read_only", False))
        self.setWindowTitle("Lập báo cáo (chỉ để xem)" if self.read_only else "Lập báo cáo")
        self.resize(1100, 760)
        self._texts_key: str | None = None
        self._dirty = False
        # removed when the dialog is collected (not in done(): a preview may still be writing into it)
        self._tmp = tempfile.TemporaryDirectory(prefix="kstthc-report-", ignore_cleanup_errors=True)
        self.preview_pdf: Path | None = None
        self._preview_pending = False
        plan = store.load_plan(plan_id)
        self.year = plan.document.year or today.year

        self.kind_box = QComboBox()
        for kind, label in KINDS:
            self.kind_box.addItem(label, kind)
        self.period_box = QComboBox()
        self.period_box.setMinimumWidth(220)
        top = QHBoxLayout()
        top.addWidget(QLabel("Kỳ báo cáo:"))
        top.addWidget(self.kind_box)
        top.addWidget(self.period_box)
        self.window_label = QLabel()
        top.addWidget(self.window_label, 1)
        self.due_label = QLabel()  # the report's own deadline, set per kind of report in Cài đặt
        self.due_label.setObjectName("reportDue")
        self.due_label.setStyleSheet("color: #8a5a00; font-weight: 600;")
        top.addWidget(self.due_label)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: the officer's paragraphs get the full width
        self.title_edit = QPlainTextEdit()  # the trích yếu, kept per kind of report in the settings
        self.title_edit.setObjectName("reportTitle")
        self.title_edit.setTabChangesFocus(True)
        self.title_edit.setFixedHeight(64)
        self.title_edit.setReadOnly(self.read_only)
        self.title_edit.textChanged.connect(self._mark_dirty)
        form.addRow("Trích yếu ({kỳ} là chỗ ghi kỳ báo cáo; giữ cho mọi báo cáo cùng loại):", self.title_edit)
        self.whole_plan_box = QCheckBox("Báo cáo mọi nhiệm vụ của kế hoạch (không chỉ nhiệm vụ cơ quan chủ trì, "
                                        "phối hợp)")
        self.whole_plan_box.setObjectName("wholePlan")
        self.whole_plan_box.setEnabled(not self.read_only)
        self.whole_plan_box.toggled.connect(self._mark_dirty)
        form.addRow(self.whole_plan_box)
        self.fields: dict[str, QDateEdit | QPlainTextEdit | QLineEdit] = {}
        for key, label in TEXT_FIELDS:
            w: QDateEdit | QPlainTextEdit | QLineEdit
            if key == "date":
                w = QDateEdit()
                w.setCalendarPopup(True)
                w.setDisplayFormat("dd/MM/yyyy")
                w.dateChanged.connect(self._mark_dirty)
            elif key in _LONG_TEXTS:
                w = QPlainTextEdit()
                w.setTabChangesFocus(True)
                w.textChanged.connect(self._mark_dirty)
            else:
                w = QLineEdit()
                if key == "number":
                    w.setPlaceholderText("ví dụ 15, hoặc cả số và ký hiệu: 15/BC-SNV")
                w.textChanged.connect(self._mark_dirty)
            w.setObjectName(f"text_{key}")
            w.setReadOnly(self.read_only)
            self.fields[key] = w
            form.addRow(label + ":", w)
        parts = QWidget()
        parts_layout = QVBoxLayout(parts)
        parts_layout.addLayout(form)
        hint = QLabel("Các phần trên được lưu theo kế hoạch và kỳ báo cáo, để lập lại báo cáo giống hệt.")
        hint.setWordWrap(True)
        parts_layout.addWidget(hint)
        from kstthc_desktop.gui.report_parts import AreaMapPanel, TaskTextsPanel

        self.task_texts = TaskTextsPanel(read_only=self.read_only)
        self.task_texts.changed.connect(self._mark_dirty)
        self.areas = AreaMapPanel(store, plan.sections, read_only=self.read_only)
        self.areas.changed.connect(lambda: self._guarded(self.refresh_preview))
        self._tasks_for = ""  # the period whose tasks the task tab lists
        left = QTabWidget()
        left.setObjectName("reportParts")
        left.addTab(parts, "Các phần")
        left.addTab(self.task_texts, "Từng nhiệm vụ")
        left.addTab(self.areas, "Lĩnh vực")
        left.currentChanged.connect(lambda i: i == 1 and self._guarded(self._fill_tasks))
        self.left_tabs = left

        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages_scroll = QScrollArea()
        self.pages_scroll.setWidgetResizable(True)
        self.pages_scroll.setWidget(self.pages)
        self.pages_scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.preview_note = QLabel()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.preview_note)
        right_layout.addWidget(self.pages_scroll, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([350, 750])

        self.preview_button = QPushButton("Xem trước")
        self.save_texts_button = QPushButton("Lưu nội dung")
        self.preview_format = QComboBox()  # what the preview shows: the Word file (through LibreOffice) or the PDF
        self.preview_format.setObjectName("previewFormat")
        self.preview_format.addItem("Xem trước bản PDF", "pdf")
        self.preview_format.addItem("Xem trước bản Word", "docx")
        self.save_buttons = {fmt: QPushButton(text) for fmt, text, _ in SAVE_FORMATS}
        self.docx_button, self.pdf_button, self.xlsx_button = (self.save_buttons[f] for f in ("docx", "pdf", "xlsx"))
        self.print_button = QPushButton("In…")
        close = QPushButton("Đóng")
        buttons = QHBoxLayout()
        for b in (self.preview_button, self.preview_format, self.save_texts_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (*self.save_buttons.values(), self.print_button, close):
            buttons.addWidget(b)

        from kstthc_desktop.reports.produce import missing_settings_notice

        self.settings_notice = QLabel(missing_settings_notice(store.settings()))
        self.settings_notice.setObjectName("settingsNotice")
        self.settings_notice.setWordWrap(True)
        self.settings_notice.setStyleSheet("color: #8a5a00;")
        self.settings_notice.setVisible(bool(self.settings_notice.text()))
        self.read_only_notice = QLabel(
            "Cơ sở dữ liệu đang mở chỉ để xem: báo cáo được lập từ các phần đã lưu cho kỳ này, không sửa được các "
            "phần đó ở đây, và báo cáo lưu hay in ra không được ghi vào danh sách báo cáo đã lập."
            if self.read_only else "")
        self.read_only_notice.setObjectName("readOnlyNotice")
        self.read_only_notice.setWordWrap(True)
        self.read_only_notice.setStyleSheet("color: #8a5a00;")
        self.read_only_notice.setVisible(self.read_only)
        self.save_texts_button.setEnabled(not self.read_only)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.settings_notice)
        layout.addWidget(self.read_only_notice)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        self.preview_button.clicked.connect(lambda: self._guarded(self.refresh_preview))
        self.save_texts_button.clicked.connect(lambda: self._guarded(self.save_texts))
        for fmt, button in self.save_buttons.items():
            button.clicked.connect(lambda _=False, f=fmt: self._guarded(self._ask_and_save, f))
        self.preview_format.currentIndexChanged.connect(lambda _: self._guarded(self.refresh_preview))
        self.print_button.clicked.connect(lambda: self._guarded(self.print_report))
        close.clicked.connect(self.accept)
        self.kind_box.currentIndexChanged.connect(self._fill_periods)
        self.period_box.currentIndexChanged.connect(lambda _: self._guarded(self._period_changed))

        self.kind_box.setCurrentIndex(1)  # quarterly reports are the most common
        self._fill_periods()

    # ---- periods and texts ----
    @property
    def period(self):
        return self.period_box.currentData()

    def set_period(self, key: str) -> None:
        """Select a period by key ("2025-Q1"), switching the kind as needed."""
        from kstthc_desktop.periods import parse_period

        p = parse_period(key)
        self.kind_box.setCurrentIndex([k for k, _ in KINDS].index(p.kind))
        for i in range(self.period_box.count()):
            if self.period_box.itemData(i).key == p.key:
                self.period_box.setCurrentIndex(i)
                return
        self.period_box.addItem(p.name, p)
        self.period_box.setCurrentIndex(self.period_box.count() - 1)

    def _fill_periods(self) -> None:
        from kstthc_desktop.periods import periods_of_year

        kind = self.kind_box.currentData()
        wanted = default_period(self.today, kind)
        periods = periods_of_year(self.year, kind)
        if wanted.year != self.year:
            wanted = periods[-1] if wanted.year > self.year else periods[0]
        self.period_box.blockSignals(True)
        self.period_box.clear()
        for p in periods:
            self.period_box.addItem(p.name, p)
        self.period_box.setCurrentIndex(next(i for i, p in enumerate(periods) if p.key == wanted.key))
        self.period_box.blockSignals(False)
        self._guarded(self._period_changed)

    def _period_changed(self) -> None:
        if self._dirty and self._texts_key:
            self.save_texts(self._texts_key)
        p = self.period
        if p is None:
            return
        self.window_label.setText(f"Số liệu từ ngày {p.window_start:%d/%m/%Y} đến ngày {p.window_end:%d/%m/%Y}")
        self.due_label.setText(self._due_text(p))
        texts = self.store.report_texts(self.plan_id, p.key)
        self.whole_plan_box.setChecked(texts.get(WHOLE_PLAN) == "1")
        self.title_edit.setPlainText(self._title_template(p.kind))
        for key, w in self.fields.items():
            value = texts.get(key, "")
            if isinstance(w, QDateEdit):
                try:
                    d = date.fromisoformat(value)
                except ValueError:
                    d = self.today
                w.setDate(QDate(d.year, d.month, d.day))
            elif isinstance(w, QPlainTextEdit):
                w.setPlainText(value)
            else:
                w.setText(value)
        self._texts_key = p.key
        self._tasks_for = ""
        self.task_texts.set_tasks([], {})
        if self.left_tabs.currentIndex() == 1:
            self._fill_tasks()
        self._dirty = False
        if self.isVisible():
            self.refresh_preview()
        else:  # built once the dialog is on screen: never block its opening
            self._preview_pending = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._preview_pending:
            self._preview_pending = False
            QTimer.singleShot(0, self, lambda: self._guarded(self.refresh_preview))  # not after the dialog is gone

    def _mark_dirty(self, *_):
        self._dirty = True

    def _due_text(self, period) -> str:
        """"Hạn nộp: 19/6/2025 (còn 3 ngày)" from the day set for this kind of report; "" when none is set."""
        from kstthc_desktop.reports.due import ReportDue, due_of

        due = due_of(self.store.settings().report_deadlines, period)
        if due is None:
            return ""
        return "Hạn nộp: " + ReportDue(period, due).describe(self.today).split(": hạn ", 1)[1]

    def _title_template(self, kind: str) -> str:
        from kstthc_desktop.reports.data import DEFAULT_TITLE

        return (self.store.settings().report_titles or {}).get(kind) or DEFAULT_TITLE

    def _save_title(self, kind: str) -> None:
        """Keep the trích yếu for every report of ``kind`` (in the settings; the default is not copied there)."""
        from dataclasses import replace

        from kstthc_desktop.reports.data import DEFAULT_TITLE
        from kstthc_desktop.text import nfc

        text = " ".join(nfc(self.title_edit.toPlainText()).split())
        settings = self.store.settings()
        titles = dict(settings.report_titles or {})
        if text and text != DEFAULT_TITLE:
            titles[kind] = text
        else:
            titles.pop(kind, None)
        if titles != (settings.report_titles or {}):
            self.store.save_settings(replace(settings, report_titles=titles))

    def texts(self) -> dict[str, str]:
        out = {}
        for key, w in self.fields.items():
            if isinstance(w, QDateEdit):
                out[key] = w.date().toPython().isoformat()  # type: ignore[attr-defined]  # a date; the stubs say object
            elif isinstance(w, QPlainTextEdit):
                out[key] = w.toPlainText()
            else:
                out[key] = w.text()
        out[WHOLE_PLAN] = "1" if self.whole_plan_box.isChecked() else ""
        out.update(self.task_texts.texts())
        return out

    def _fill_tasks(self, data=None) -> None:
        """List the period's tasks with the sentence each prints (kept texts first), once per period."""
        from kstthc_desktop.reports.words import task_key, task_sentence

        if self.period is None or (data is None and self._tasks_for == self.period.key):
            return
        data = data or self._data()
        body = self.store.settings().body_in_text
        items = [(task_key(t), f"{t.cited or t.stt}. {' '.join(t.title.split())[:90]}", task_sentence(t, body))
                 for t in data.all_tasks() if t.in_period and t.task_id is not None]
        saved = self.store.report_texts(self.plan_id, self.period.key)
        if self._tasks_for == self.period.key:  # refreshed: what was typed and not yet saved stays
            saved = {**saved, **{k: v for k, v in self.task_texts.texts().items() if v}}
        self.task_texts.set_tasks(items, saved)
        self._tasks_for = self.period.key

    def save_texts(self, period_key: str | None = None) -> None:
        """Keep the officer's parts in the database (one transaction); nothing to keep when read-only (the
        fields cannot be typed in)."""
        if self.read_only:
            self._dirty = False
            return
        key = period_key or self.period.key
        self.store.save_report_texts(self.plan_id, key, self.texts())
        from kstthc_desktop.periods import parse_period

        self._save_title(parse_period(key).kind)
        self._dirty = False

    # ---- producing ----
    def _data(self):
        """The report as on screen now: the scope ticked and the title typed (kept only when saved)."""
        from kstthc_desktop.reports.data import build_report

        data = build_report(self.store, self.plan_id, self.period.key, self.today,
                            whole_plan=self.whole_plan_box.isChecked())
        data.title_template = " ".join(self.title_edit.toPlainText().split())
        return data

    def _write_temp_pdf(self) -> Path:
        """The PDF of what is on screen now (typed texts included), in a temporary folder; nothing is saved."""
        from kstthc_desktop.gui.worker import run_with_progress
        from kstthc_desktop.reports.pdf import write_pdf

        data, settings, texts = self._data(), self.store.settings(), self.texts()
        path = Path(self._tmp.name) / f"bao-cao-{data.period_key}.pdf"
        run_with_progress(self, "Đang lập báo cáo…", write_pdf, data, settings, texts, path)
        return path

    def _write_temp_word_pdf(self) -> Path | None:
        """The Word file of what is on screen, as LibreOffice lays it out (converted to PDF); None without
        LibreOffice."""
        from kstthc_desktop.gui.worker import run_with_progress
        from kstthc_desktop.reports.convert import docx_to_pdf, find_office
        from kstthc_desktop.reports.word import write_docx

        if find_office() is None:
            return None
        data, settings, texts = self._data(), self.store.settings(), self.texts()
        folder = Path(self._tmp.name)
        docx = folder / f"bao-cao-{data.period_key}.docx"
        run_with_progress(self, "Đang lập báo cáo…", write_docx, data, settings, texts, docx)
        return run_with_progress(self, "Đang dàn trang bản Word (LibreOffice)…", docx_to_pdf, docx, folder / "word")

    def refresh_preview(self) -> None:
        from kstthc_desktop.gui.worker import run_with_progress

        note = ""
        if self.preview_format.currentData() == "docx":
            word_pdf = self._write_temp_word_pdf()
            if word_pdf is None:
                note = " (chưa cài LibreOffice nên không dàn trang được bản Word: đang xem bản PDF cùng nội dung)"
            self.preview_pdf = word_pdf or self._write_temp_pdf()
        else:
            self.preview_pdf = self._write_temp_pdf()
        if not self.isVisible():  # closed while the report was being written
            return
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        try:
            from kstthc_desktop.reports.raster import render_pages

            images = run_with_progress(self, "Đang dựng trang xem trước…", render_pages, self.preview_pdf, PREVIEW_DPI)
        except ImportError:  # PDFium missing: say so rather than show a layout that differs from the file
            self.preview_note.setText("Không xem trước được (thiếu thư viện pypdfium2); vẫn lưu và in được tệp PDF.")
            return
        for i, img in enumerate(images, 1):
            label = QLabel()
            label.setObjectName(f"page_{i}")
            label.setPixmap(QPixmap.fromImage(_qimage(img)))
            label.setStyleSheet("border: 1px solid #999; background: white;")
            self.pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        what = "bản Word" if self.preview_format.currentData() == "docx" and not note else "bản PDF"
        self.preview_note.setText(f"{self.period.title} — {what}, {len(images)} trang{note}")

    def page_count(self) -> int:
        items = (self.pages_layout.itemAt(i) for i in range(self.pages_layout.count()))
        return sum(1 for item in items if item is not None and item.widget() is not None)

    def save_report(self, path: Path | str):
        """Write the report to ``path`` (.docx, .pdf or .xlsx), record it, and return what was produced."""
        from kstthc_desktop.gui.worker import run_with_progress
        from kstthc_desktop.reports.produce import format_for, sha256_of, write_file

        path = Path(path)
        format_for(path)
        self.save_texts()
        data, settings = self._data(), self.store.settings()
        texts = self.texts() if self.read_only else self.store.report_texts(self.plan_id, self.period.key)
        written = run_with_progress(self, "Đang ghi báo cáo…", write_file, data, settings, texts, path)
        digest = sha256_of(written)
        if not self.read_only:
            self.store.record_report(self.plan_id, data.period_key, written.resolve(), digest, datetime.now())
        return written, digest

    def _ask_and_save(self, fmt: str) -> None:
        documents = Path.home() / "Documents"
        folder = documents if documents.is_dir() else Path.home()
        name = f"Bao-cao-KSTTHC-{self.period.key}.{fmt}"
        filters = next(f for key, _, f in SAVE_FORMATS if key == fmt)
        path, _ = QFileDialog.getSaveFileName(self, "Lưu báo cáo", str(folder / name), filters)
        if not path:
            return
        if not path.lower().endswith(f".{fmt}"):
            path += f".{fmt}"
        written, digest = self.save_report(path)
        self.preview_note.setText(f"Đã lưu {written.name} (SHA-256 {digest[:12]}…)")

    def print_report(self, printer=None) -> bool:
        """Print the same pages as the PDF (rasterised at 300 dpi); ask for a printer unless one is given."""
        from PySide6.QtGui import QPageLayout, QPageSize, QPainter
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from kstthc_desktop.reports.produce import sha256_of
        from kstthc_desktop.reports.raster import page_count, render_pages

        self.save_texts()  # what is printed can be produced again
        pdf = self._write_temp_pdf()
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            printer.setFullPage(True)
            printer.setDocName(f"Bao cao {self.period.key}")
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return False
        painter = QPainter()
        try:
            for index in range(page_count(pdf)):
                img = _qimage(render_pages(pdf, PRINT_DPI, [index])[0])
                landscape = img.width() > img.height()
                printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)
                if index == 0:
                    if not painter.begin(printer):
                        raise UserError("Không mở được máy in.")
                elif not printer.newPage():
                    raise UserError("Máy in không nhận thêm trang.")
                target = painter.viewport()
                scaled = img.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
                painter.setWindow(img.rect())
                painter.drawImage(0, 0, img)
                painter.setViewport(target)
        finally:
            if painter.isActive():
                painter.end()
        where = printer.printerName() or printer.outputFileName() or "máy in"
        if self.read_only:
            return True
        self.store.record_report(self.plan_id, self.period.key, f"(in) {where}", sha256_of(pdf), datetime.now())
        return True

    def _guarded(self, fn, *args):
        try:
            return fn(*args)
        except UserError as exc:
            show_error(self, exc)

    def done(self, result: int) -> None:  # closing keeps what was typed
        try:
            if self._dirty and self._texts_key:
                self.save_texts(self._texts_key)
        except UserError as exc:
            show_error(self, exc)
        super().done(result)


def _qimage(page) -> QImage:
    return QImage(page.rgbx, page.width, page.height, page.stride, QImage.Format.Format_RGBX8888).copy()
