"""The import wizard: open a plan file (or paste a table copied from Word), check and correct what the
program understood, then save it, or update the year's plan already in the database after showing what
will change.

Extracting never writes; the only write is the last page's "Lưu" / "Cập nhật": ``operations.imports.save_import``,
the operation ``kstthc import`` calls too (a backup, then one transaction).
"""

from __future__ import annotations

from html import escape
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from kstthc_desktop.deadline_text import FREQUENCY_LABELS, describe
from kstthc_desktop.domain import Concern, Deadline, DeadlineKind, Plan, Task
from kstthc_desktop.gui.import_jobs import run_job, show_error
from kstthc_desktop.gui.import_preview_model import PreviewModel
from kstthc_desktop.importers.formats import file_dialog_filter
from kstthc_desktop.task_fields import FIELDS_BY_NAME, ROLES, field_label, field_of_role
from kstthc_desktop.text import clean

if TYPE_CHECKING:
    from kstthc_desktop.importers.reimport import PlanChanges

FILE_FILTER = file_dialog_filter()

#: Column roles the importers understand (``extract(columns=[...])``; None drops the column), as the officer sees them.
ROLE_LABELS: dict[str | None, str] = {role: field_of_role(role).title for role in ROLES}
ROLE_LABELS[None] = "Không dùng (giữ làm ghi chú thêm)"


def heading_role(heading: str) -> str | None:
    """The role the importers give a printed heading (None: not recognised, kept as extra text)."""
    from kstthc_desktop.importers.columns import column_role

    role = column_role(heading)
    return role if role in ROLE_LABELS else None


class ImportWizard(QWizard):
    """Import a plan: source → preview and corrections → save or update (with the change list)."""

    planSaved = Signal(int)

    PAGE_SOURCE, PAGE_PREVIEW, PAGE_CONFIRM = range(3)

    def __init__(self, store, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.today = today
        self.plan: Plan | None = None
        self.source: tuple | None = None  # ("file", Path) or ("clipboard", html, text)
        self.columns: list[str | None] | None = None  # the officer's column roles, when given
        self.saved_plan_id: int | None = None
        self.setWindowTitle("Nhập kế hoạch kiểm soát TTHC")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, "Tiếp theo >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< Quay lại")
        self.setButtonText(QWizard.WizardButton.CancelButton, "Hủy")
        self.setButtonText(QWizard.WizardButton.FinishButton, "Lưu kế hoạch")
        self.source_page = SourcePage(self)
        self.preview_page = PreviewPage(self)
        self.confirm_page = ConfirmPage(self)
        self.setPage(self.PAGE_SOURCE, self.source_page)
        self.setPage(self.PAGE_PREVIEW, self.preview_page)
        self.setPage(self.PAGE_CONFIRM, self.confirm_page)
        self._fit_screen()

    def _fit_screen(self) -> None:
        """As large as useful, never larger than the screen (a 1366x768 laptop included)."""
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1280, 760
        if screen is not None and screen.width() > 200:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 40)
        self.resize(width, height)

    def reject(self) -> None:
        """Hủy, Esc or ✕: when the preview holds corrections not yet saved, ask first ("Quay lại" the default)."""
        steps = len(self.preview_page.corrections.undo.steps)
        if steps and self.saved_plan_id is None and not self._may_drop_corrections(steps):
            return
        super().reject()

    def _may_drop_corrections(self, steps: int) -> bool:
        box = QMessageBox(self)
        box.setObjectName("dropCorrectionsQuestion")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Chưa lưu kế hoạch")
        box.setText(f"Bạn đã sửa {steps} chỗ trong bảng xem trước; kế hoạch chưa được lưu. "
                    "Đóng lúc này sẽ bỏ mọi chỉnh sửa đó.")
        drop = box.addButton("Bỏ và đóng", QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton("Quay lại", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        dropped = box.clickedButton() is drop
        box.deleteLater()
        return dropped

    # --- reading the source -------------------------------------------------------------------------
    def body_name(self) -> str:
        return clean(self.source_page.body_edit.text())

    def open_file(self, path: str | Path) -> bool:
        """Read a plan file; True when something was understood (the wizard then shows the preview)."""
        self.source = ("file", Path(path))
        return self._extract(columns=None, year=None)

    def paste_clipboard(self) -> bool:
        """Read the table the officer copied in Word (HTML, and TAB-separated text as fallback)."""
        mime = QApplication.clipboard().mimeData()
        html = mime.html() if mime is not None and mime.hasHtml() else None
        text = mime.text() if mime is not None and mime.hasText() else None
        if not (html or text or "").strip():
            QMessageBox.information(
                self, "Chưa có bảng để dán",
                "Bộ nhớ tạm đang trống. Hãy chọn cả bảng trong Word, bấm Ctrl+C, rồi bấm lại «Dán bảng đã sao chép».",
            )
            return False
        self.source = ("clipboard", html, text)
        return self._extract(columns=None, year=None)

    def reextract(self, columns: list[str | None] | None) -> bool:
        """Read the same source again with the column roles (and year) the officer chose."""
        if self.source is None:
            return False
        year = self.plan.year if self.plan is not None else None
        return self._extract(columns=columns, year=year)

    def _extract(self, columns: list[str | None] | None, year: int | None) -> bool:
        from kstthc_desktop import importers

        body = self.body_name() or None  # marks which tasks concern the body (importers.concern)
        source = self.source
        assert source is not None  # set by load_file / paste before any reading
        if source[0] == "file":
            job = lambda: importers.extract(source[1], columns=columns, year=year, body=body)  # noqa: E731
            label = f"Đang đọc {source[1].name}…"
        else:
            job = lambda: importers.extract_clipboard(source[1], source[2], columns=columns, year=year, body=body)  # noqa: E731
            label = "Đang đọc bảng đã dán…"
        try:
            plan = run_job(self, label, job)
        except Exception as exc:  # noqa: BLE001 - shown to the officer, details logged
            show_error(self, "Không đọc được kế hoạch", exc)
            return False
        if not plan.tasks:
            QMessageBox.warning(self, "Không tìm thấy nhiệm vụ",
                                "Không tìm thấy bảng nhiệm vụ nào trong nội dung này. Hãy kiểm tra lại tệp hoặc bảng đã sao chép.")
            return False
        if plan.document.year is None and year is not None:
            plan.document.year = year
        aliases = self._my_aliases()
        if aliases:  # the officer's names for "us" ("Văn phòng Sở") mark tasks too
            from kstthc_desktop.importers.concern import mark_concern

            mark_concern(plan, body or "", aliases)
        self.plan = plan
        self.columns = columns
        self.preview_page.show_plan(plan)
        self.source_page.show_result(self._source_name(), plan)
        if self.currentId() == self.PAGE_SOURCE:
            self.next()
        return True

    def _my_aliases(self) -> list[str]:
        try:
            return self.store.settings().my_aliases
        except Exception:  # noqa: BLE001 - settings are a convenience here
            return []

    def _source_name(self) -> str:
        if self.source is None:
            return ""
        return self.source[1].name if self.source[0] == "file" else "bảng dán từ Word"

    # --- saving ----------------------------------------------------------------------------------------
    def existing_plan_id(self) -> int | None:
        if self.plan is None:
            return None
        from kstthc_desktop.operations.imports import plan_it_amends

        return plan_it_amends(self.store, self.plan)  # the same year *and* issuer: never another body's plan

    def save(self) -> int | None:
        """Save the new plan, or update the year's plan; returns the plan id (None when refused)."""
        plan = self.plan
        if plan is None:
            return None
        if not plan.source:
            plan.source = self._source_name()
        from kstthc_desktop.operations.imports import save_import

        try:
            take_file = self.confirm_page.conflicts.take_file()  # the officer's answers to the re-import's questions
            plan_id = save_import(self.store, plan, datetime.now(), take_file).plan_id  # the store's connection lives in this thread
        except Exception as exc:  # noqa: BLE001
            show_error(self, "Không lưu được kế hoạch", exc)
            return None
        self.saved_plan_id = plan_id
        self.planSaved.emit(plan_id)
        return plan_id


class SourcePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle("Bước 1. Chọn kế hoạch cần nhập")
        intro = QLabel(
            "Mở tệp kế hoạch (Excel .xlsx, Word .docx hoặc văn bản .txt), hoặc chọn cả bảng nhiệm vụ trong Word, "
            "bấm Ctrl+C rồi bấm «Dán bảng đã sao chép» (hoặc Ctrl+V). Cũng có thể kéo thả tệp vào đây.\nViệc đọc không ghi gì vào dữ liệu: bạn sẽ xem lại và sửa "
            "trước khi lưu."
        )
        intro.setWordWrap(True)
        self.open_button = QPushButton("Mở tệp kế hoạch…")
        self.paste_button = QPushButton("Dán bảng đã sao chép")
        self.open_button.clicked.connect(self._choose_file)
        self.paste_button.clicked.connect(self.wiz.paste_clipboard)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.paste_button)
        buttons.addStretch(1)
        self.body_edit = QLineEdit(self._my_body())
        self.body_edit.setPlaceholderText("Ví dụ: Sở Khoa học và Công nghệ")
        form = QFormLayout()
        form.addRow("Cơ quan của tôi (để đánh dấu nhiệm vụ liên quan):", self.body_edit)
        self.result_label = QLabel("")
        self.result_label.setWordWrap(True)
        self.setAcceptDrops(True)
        paste = QShortcut(QKeySequence.StandardKey.Paste, self)  # Ctrl+V pastes the copied table
        paste.activated.connect(self.wiz.paste_clipboard)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addStretch(1)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API: a plan file dropped from Explorer
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.wiz.open_file(files[0])

    def _my_body(self) -> str:
        try:
            return self.wiz.store.settings().my_body
        except Exception:  # noqa: BLE001 - settings are a convenience here
            return ""

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Mở tệp kế hoạch", "", FILE_FILTER)
        if path:
            self.wiz.open_file(path)

    def show_result(self, name: str, plan: Plan) -> None:
        self.result_label.setText(f"Đã đọc: {name} — {len(plan.tasks)} nhiệm vụ.")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.wiz.plan is not None


class PreviewPage(QWizardPage):
    """What was understood, with the corrections: column roles, a row's deadline reading, concern."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle("Bước 2. Kiểm tra những gì chương trình đọc được")
        self._loading = False
        self.edited: set[int] = set()

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.valueChanged.connect(self._year_changed)
        self.roles_button = QToolButton()
        self.roles_button.setText("Vai trò các cột ▸")
        self.roles_button.setCheckable(True)
        self.roles_button.toggled.connect(self._toggle_roles)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel("Năm kế hoạch:"))
        top.addWidget(self.year_spin)
        top.addWidget(self.roles_button)

        self.roles_box = QGroupBox("Cột trong bảng gốc và vai trò chương trình hiểu (sửa nếu sai, rồi bấm «Đọc lại»)")
        self.roles_grid = QGridLayout(self.roles_box)
        self.role_combos: list[QComboBox] = []
        self.reread_button = QPushButton("Đọc lại theo vai trò đã chọn")
        self.reread_button.clicked.connect(self._reread)
        self.roles_box.setVisible(False)

        self.model = PreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PreviewModel.COL_CONTENT, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        # The row editor: full texts and the corrections for the selected row(s).
        self.editor = QGroupBox("Dòng đang chọn")
        self.full_text = QPlainTextEdit()
        self.full_text.setReadOnly(True)
        self.kind_combo = QComboBox()
        for kind in DeadlineKind:
            self.kind_combo.addItem(kind.label, kind.value)  # str enums lose their type in Qt
        self.due_edit = QDateEdit()
        self.due_edit.setDisplayFormat("dd/MM/yyyy")
        self.due_edit.setCalendarPopup(True)
        self.freq_checks: dict[str, QCheckBox] = {}
        freq_row = QHBoxLayout()
        for freq, label in FREQUENCY_LABELS.items():
            box = QCheckBox(label.removeprefix("hằng "))
            self.freq_checks[freq] = box
            freq_row.addWidget(box)
            box.toggled.connect(self._deadline_edited)
        self.day_spin = QSpinBox()
        self.day_spin.setRange(0, 31)
        self.day_spin.setSpecialValueText("không nêu")
        self.day_spin.setPrefix("ngày ")
        freq_row.addStretch(1)
        self.within_spin = QSpinBox()
        self.within_spin.setRange(0, 365)
        self.within_spin.setSpecialValueText("không nêu")
        self.within_spin.setSuffix(" ngày")
        self.concern_combo = QComboBox()
        for concern in (Concern.LEAD, Concern.COOPERATE, Concern.NONE, Concern.UNKNOWN):
            self.concern_combo.addItem(concern.label, concern.value)
        self.printed_label = QLabel()
        self.printed_label.setWordWrap(True)
        self.kind_combo.currentIndexChanged.connect(self._deadline_edited)
        self.due_edit.dateChanged.connect(self._deadline_edited)
        self.day_spin.valueChanged.connect(self._deadline_edited)
        self.within_spin.valueChanged.connect(self._deadline_edited)
        self.concern_combo.activated.connect(self._concern_edited)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Thời hạn ghi:", self.printed_label)
        form.addRow("Loại thời hạn:", self.kind_combo)
        form.addRow("Hạn:", self.due_edit)
        form.addRow("Định kỳ hằng:", freq_row)
        form.addRow("Hạn trong tháng cuối kỳ:", self.day_spin)
        form.addRow("Khi phát sinh, trong:", self.within_spin)
        form.addRow("Liên quan đến cơ quan:", self.concern_combo)
        form_box = self.form_box = QWidget()
        form_box.setLayout(form)
        form_box.setMaximumWidth(500)
        editor_layout = QHBoxLayout(self.editor)
        editor_layout.addWidget(self.full_text, 1)
        editor_layout.addWidget(form_box)

        self.warnings_box = QGroupBox("Cảnh báo")
        self.warning_list = QListWidget()
        self.warning_list.setWordWrap(True)
        self.warning_list.itemClicked.connect(self._warning_clicked)
        QVBoxLayout(self.warnings_box).addWidget(self.warning_list)

        bottom = QWidget()
        bottom_layout = QHBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.editor, 5)
        bottom_layout.addWidget(self.warnings_box, 3)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.roles_box)
        layout.addWidget(self._install_corrections())
        layout.addWidget(splitter, 1)
        self._set_editor_enabled(False)
        from kstthc_desktop.gui.preview_moves import PreviewMoves

        self.moves = PreviewMoves(self)  # tasks and sections moved before saving

    def _install_corrections(self) -> QWidget:
        """Tasks and sections added, edited, deleted, grouped; Ctrl+Z (gui.preview_corrections); its buttons."""
        from kstthc_desktop.gui.preview_corrections import PreviewCorrections

        self.corrections = PreviewCorrections(self)
        self.model.before_edit = self.corrections.remember  # a cell edited in place is undone by Ctrl+Z too
        return self.corrections.toolbar

    # --- showing a plan ----------------------------------------------------------------------------
    def show_plan(self, plan: Plan) -> None:
        self._loading = True
        self.edited = set()  # tasks whose deadline the officer corrected
        self.year_guessed = plan.year is None
        if plan.year is None:  # a pasted table has no title block: the year is the current one until changed
            from kstthc_desktop.operations.plans import set_plan_year

            set_plan_year(plan, self.wiz.today.year)
        self.model.report_days = self.wiz.store.settings().report_deadlines
        self.model.set_plan(plan)
        self.corrections.reset(plan)
        self._span_sections()
        widths = {PreviewModel.COL_ROW: 48, PreviewModel.COL_STT: 56, PreviewModel.COL_RESULT: 180,
                  PreviewModel.COL_LEAD: 150, PreviewModel.COL_COOP: 130, PreviewModel.COL_DEADLINE: 150,
                  PreviewModel.COL_READING: 170, PreviewModel.COL_CONCERN: 100}
        for col, width in widths.items():
            self.table.setColumnWidth(col, width)
        self.year_spin.setValue(plan.year or self.wiz.today.year)  # set above when the plan had none
        plan.document.year = self.year_spin.value()
        self._fill_roles(plan)
        self._fill_warnings()
        self._update_summary()
        self._loading = False
        self._set_editor_enabled(False)

    def _span_sections(self) -> None:
        self.table.clearSpans()
        for row in self.model.section_rows():
            self.table.setSpan(row, 0, 1, self.model.columnCount())

    def _update_summary(self) -> None:
        plan = self.model.plan
        doc = plan.document
        concern = sum(1 for t in plan.tasks if t.concern in (Concern.LEAD, Concern.COOPERATE))
        parts = [f"<b>{escape(doc.title or self.wiz._source_name())}</b>"]  # the file's text is text
        if doc.issuer:
            parts.append(escape(doc.issuer))
        counts = f"{len(plan.sections)} mục, {len(plan.tasks)} nhiệm vụ"
        if self.wiz.body_name():
            counts += f", {concern} nhiệm vụ liên quan đến cơ quan"
        warned = sum(1 for i in range(self.warning_list.count()) if self.warning_list.item(i).flags() & Qt.ItemFlag.ItemIsEnabled)
        counts += (f"; <span style='background:#fff1c2'>&nbsp;{warned} điểm cần xem lại (danh sách bên dưới)&nbsp;</span>"
                   if warned else "; không có cảnh báo")
        parts.append(counts)
        if getattr(self, "year_guessed", False):
            parts.append("<b>bảng không ghi năm: hãy kiểm tra ô «Năm kế hoạch»</b>")
        self.summary.setText(" — ".join(parts))

    def _fill_roles(self, plan: Plan) -> None:
        while self.roles_grid.count():
            item = self.roles_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.reread_button:
                widget.deleteLater()
        self.role_combos = []
        per_row = 3
        given = self.wiz.columns if self.wiz.columns and len(self.wiz.columns) == len(plan.header) else None
        for i, heading in enumerate(plan.header):
            combo = QComboBox()
            for role, label in ROLE_LABELS.items():
                combo.addItem(label, role)
            role = given[i] if given else heading_role(heading)
            combo.setCurrentIndex(list(ROLE_LABELS).index(role if role in ROLE_LABELS else None))
            caption = QLabel(f"«{' '.join(heading.split())}»")
            caption.setToolTip(heading)
            r, c = divmod(i, per_row)
            self.roles_grid.addWidget(caption, r, 2 * c)
            self.roles_grid.addWidget(combo, r, 2 * c + 1)
            self.role_combos.append(combo)
        self.roles_grid.addWidget(self.reread_button, (len(plan.header) + per_row - 1) // per_row, 0, 1, 2)
        self.roles_button.setEnabled(bool(plan.header))

    def _fill_warnings(self) -> None:
        self.warning_list.clear()
        plan = self.model.plan
        shown = 0
        for warning in plan.warnings:
            index = warning.task_index
            if index is None and warning.row is not None:
                index = next((i for i, t in enumerate(plan.tasks) if t.source_row == warning.row), None)
            where = ""
            if index is not None and 0 <= index < len(plan.tasks) and plan.tasks[index].stt:
                where = f"STT {plan.tasks[index].stt} — "
            if warning.row is not None and not warning.message.startswith("Dòng"):
                where += f"Dòng {warning.row}: "
            item = QListWidgetItem(f"⚠ {where}{warning.message}")
            item.setData(Qt.ItemDataRole.UserRole, index)
            self.warning_list.addItem(item)
            shown += 1
        for i, task in enumerate(plan.tasks):
            if task.ambiguous and task.why and not any(w.task_index == i for w in plan.warnings):
                item = QListWidgetItem(f"⚠ STT {task.stt}: {task.why}")
                item.setData(Qt.ItemDataRole.UserRole, i)
                self.warning_list.addItem(item)
                shown += 1
        unread = [i for i, t in enumerate(plan.tasks) if t.deadline.kind == DeadlineKind.UNSPECIFIED]
        for i in unread:
            task = plan.tasks[i]
            if i not in self.model.warnings_by_task:
                text = f"Chưa xác định được thời hạn của nhiệm vụ STT {task.stt or '?'}"
                item = QListWidgetItem(f"• {text}: «{task.deadline_text or 'để trống'}»")
                item.setData(Qt.ItemDataRole.UserRole, i)
                self.warning_list.addItem(item)
                shown += 1
        self.warnings_box.setTitle(f"Cảnh báo và điểm cần xem lại ({shown})")
        if not shown:
            item = QListWidgetItem("Không có cảnh báo nào: chương trình đọc được mọi dòng.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.warning_list.addItem(item)

    # --- corrections -------------------------------------------------------------------------------
    def chosen_columns(self) -> list[str | None]:
        return [combo.currentData() for combo in self.role_combos]

    def _toggle_roles(self, shown: bool) -> None:
        self.roles_box.setVisible(shown)
        self.roles_button.setText("Vai trò các cột ▾" if shown else "Vai trò các cột ▸")

    def _reread(self) -> None:
        columns = self.chosen_columns()
        if "content" not in columns:
            QMessageBox.warning(self, "Thiếu cột nội dung", "Hãy chọn một cột có vai trò «Nội dung công việc».")
            return
        twice = sorted({role for role in columns if role is not None and columns.count(role) > 1})
        if twice:
            QMessageBox.warning(self, "Hai cột cùng một vai trò",
                                f"Vai trò «{ROLE_LABELS[twice[0]]}» được chọn cho nhiều cột; mỗi vai trò chỉ chọn một cột "
                                "(cột thừa hãy chọn «Không dùng»).")
            return
        if self.corrections.may_drop_corrections():
            self.wiz.reextract(columns)

    def _year_changed(self, year: int) -> None:
        """A new plan year: deadlines without a year of their own ("Trong năm", "Quý II") are read again,
        except those the officer has already corrected by hand."""
        if self._loading or self.model.plan is None:
            return
        from kstthc_desktop.operations.plans import set_plan_year

        plan = self.model.plan
        set_plan_year(plan, year, corrected=self.edited)
        self.model.set_plan(plan)
        self._span_sections()
        self.completeChanged.emit()

    def selected_task_indexes(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [index for r in rows if (index := self.model.rows[r].task_index) is not None]

    def select_task(self, task_index: int) -> None:
        row = self.model.row_of_task(task_index)
        if row < 0:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _warning_clicked(self, item: QListWidgetItem) -> None:
        index = item.data(Qt.ItemDataRole.UserRole)
        if index is not None:
            self.select_task(index)

    def _set_editor_enabled(self, enabled: bool) -> None:
        for widget in (self.kind_combo, self.due_edit, self.day_spin, self.within_spin, self.concern_combo,
                       *self.freq_checks.values()):
            widget.setEnabled(enabled)
        self.form_box.setVisible(enabled)
        if not enabled:
            self.editor.setTitle("Dòng đang chọn")
            self.full_text.setPlainText(
                "Chọn một dòng trong bảng để xem đầy đủ nội dung, sửa cách hiểu thời hạn và đánh dấu nhiệm vụ "
                "liên quan đến cơ quan (chọn nhiều dòng bằng Ctrl hoặc Shift để đánh dấu cùng lúc). Bấm chuột phải vào "
                "bảng để tách một nhiệm vụ thành hai hoặc gộp các dòng đã chọn.")
            self.printed_label.setText("")

    def _selection_changed(self, *_):
        indexes = self.selected_task_indexes()
        if not indexes:
            self._set_editor_enabled(False)
            return
        task = self.model.plan.tasks[indexes[0]]
        self._loading = True
        self._set_editor_enabled(True)
        single = len(indexes) == 1
        for widget in (self.kind_combo, self.due_edit, self.day_spin, self.within_spin, *self.freq_checks.values()):
            widget.setEnabled(single)
        self.editor.setTitle(f"Dòng đang chọn: STT {task.stt}" if single else f"{len(indexes)} dòng đang chọn")
        self.full_text.setPlainText(self._describe(task, indexes[0]))
        self.printed_label.setText(f"«{task.deadline_text}»" if task.deadline_text else "(để trống)")
        deadline = task.deadline
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(deadline.kind.value))
        due = deadline.due or date(self.model.plan.year or self.wiz.today.year, 12, 31)
        self.due_edit.setDate(QDate(due.year, due.month, due.day))
        for freq, box in self.freq_checks.items():
            box.setChecked(freq in deadline.every)
        days = [d for d in deadline.every.values() if d]
        self.day_spin.setValue(days[0] if days else 0)
        self.within_spin.setValue(deadline.within_days or 0)
        self.concern_combo.setCurrentIndex(self.concern_combo.findData(task.concern.value))
        self._loading = False
        self._show_kind_fields(deadline.kind)

    def _describe(self, task: Task, index: int) -> str:
        lines = [f"{FIELDS_BY_NAME['content'].label}: {task.content}"]
        for name in ("result", "lead", "cooperate", "note"):
            if text := getattr(task, name):
                lines.append(f"{FIELDS_BY_NAME[name].label}: {text}")
        for heading, text in task.extra.items():
            lines.append(f"{heading}: {text}")
        for message in self.model.warnings_by_task.get(index, []):
            lines.append(f"⚠ {message}")
        return "\n".join(lines)

    def _show_kind_fields(self, kind: DeadlineKind) -> None:
        single = len(self.selected_task_indexes()) == 1
        self.due_edit.setEnabled(single and kind == DeadlineKind.DATED)
        for box in self.freq_checks.values():
            box.setEnabled(single and kind == DeadlineKind.PERIODIC)
        self.day_spin.setEnabled(single and kind == DeadlineKind.PERIODIC)
        self.within_spin.setEnabled(single and kind == DeadlineKind.ON_DEMAND)

    def _deadline_edited(self, *_):
        if self._loading:
            return
        indexes = self.selected_task_indexes()
        if len(indexes) != 1:
            return
        kind = DeadlineKind(self.kind_combo.currentData())
        self._show_kind_fields(kind)
        deadline = Deadline(kind=kind)
        if kind == DeadlineKind.DATED:
            deadline = Deadline(kind=kind, due=self.due_edit.date().toPython())  # type: ignore[arg-type]  # a date; the stubs say object
        elif kind == DeadlineKind.PERIODIC:
            day = self.day_spin.value() or None
            deadline = Deadline(kind=kind, every={f: day for f, box in self.freq_checks.items() if box.isChecked()})
        elif kind == DeadlineKind.ON_DEMAND:
            deadline = Deadline(kind=kind, within_days=self.within_spin.value() or None)
        task = self.model.plan.tasks[indexes[0]]
        if deadline != task.deadline:
            self.corrections.remember("Sửa cách hiểu thời hạn")
            task.deadline = deadline
            self.edited.add(indexes[0])
            task.ambiguous = False  # the officer decided
            self.model.task_changed(indexes[0])

    def _concern_edited(self, *_):
        concern = Concern(self.concern_combo.currentData())
        self.corrections.remember("Đánh dấu liên quan")
        for index in self.selected_task_indexes():
            self.model.plan.tasks[index].concern = concern
            self.model.task_changed(index)
        self._update_summary()

    def isComplete(self) -> bool:
        return self.model.plan is not None and bool(self.model.plan.tasks)


class ConfirmPage(QWizardPage):
    """Before writing: a summary of a new plan, or the list of changes to the year's plan."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle("Bước 3. Lưu vào dữ liệu")
        self.plan_changes: PlanChanges | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.changes = QTreeWidget()
        self.changes.setHeaderLabels(["Thay đổi", "Trước", "Sau"])
        # A task's or a section's line spans the three columns (_line): the first holds only the field's name, so
        # that "Trước" and "Sau" have the room (each cell's whole text is also its tooltip).
        self.changes.setColumnWidth(0, 220)
        self.changes.setColumnWidth(1, 320)
        self.changes.setWordWrap(True)
        self.changes.setAlternatingRowColors(True)
        from kstthc_desktop.gui.reimport_conflicts import ConflictTable

        self.conflicts = ConflictTable()
        self.conflicts.choicesChanged.connect(self.show_changes)  # the list follows the officer's answers
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.conflicts)
        layout.addWidget(self.changes, 1)
        layout.addStretch(0)  # keeps the text at the top when there is no change list
        self.plan_changes = None

    def initializePage(self) -> None:
        plan = self.wiz.plan
        assert plan is not None  # the last page follows a plan read on the page before
        existing = self.wiz.existing_plan_id()
        self.changes.clear()
        self.plan_changes = None
        self.conflicts.set_conflicts([])
        if existing is None:
            self.wiz.setButtonText(QWizard.WizardButton.FinishButton, "Lưu kế hoạch")
            self.intro.setText(self._new_plan_text(plan))
            self.changes.setVisible(False)
            return
        self.wiz.setButtonText(QWizard.WizardButton.FinishButton, "Cập nhật kế hoạch")
        self.changes.setVisible(True)
        self.show_changes()

    def show_changes(self) -> None:
        """What updating the stored plan will save, with the officer's current answers to the conflicts: computed
        by the core (``changes_if_saved``, as saving will), shown here; again after each answer."""
        plan = self.wiz.plan
        assert plan is not None
        take_file = self.conflicts.take_file()
        scrolled = self.changes.verticalScrollBar().value()
        self.changes.clear()
        try:
            from kstthc_desktop.operations.imports import changes_if_saved

            self.plan_changes = changes_if_saved(self.wiz.store, plan, take_file)
        except Exception as exc:  # noqa: BLE001
            self.plan_changes = None
            show_error(self, "Không so sánh được với kế hoạch đã có", exc)
            self.intro.setText("Không so sánh được với kế hoạch đã có; hãy quay lại hoặc hủy.")
            return
        if self.plan_changes is None:  # cannot be: the plan it amends was found on the way here
            return
        added, changed, withdrawn = change_lists(self.plan_changes)
        self.intro.setText(
            f"Dữ liệu đã có kế hoạch năm {plan.year}. Bấm «Cập nhật kế hoạch» để áp dụng các thay đổi dưới đây: "
            f"<b>{len(added)} nhiệm vụ thêm mới, {len(changed)} nhiệm vụ thay đổi, {len(withdrawn)} nhiệm vụ rút khỏi "
            f"kế hoạch</b>. Tiến độ và minh chứng đã ghi được giữ nguyên; nhiệm vụ bị rút vẫn được giữ và đánh dấu "
            f"«Đã rút khỏi kế hoạch». Trước khi cập nhật, chương trình tự sao lưu dữ liệu."
        )
        self._fill_tree(added, changed, withdrawn)
        self.changes.verticalScrollBar().setValue(scrolled)
        asked = self.plan_changes.conflicts
        if [c.key for c in asked] != [c.key for c in self.conflicts.conflicts]:  # an answer may settle another
            self.conflicts.set_conflicts(asked, take_file)

    def _fill_tree(self, added, changed, withdrawn) -> None:
        groups = (("Thêm mới", added, "#1b5e20"), ("Thay đổi", changed, "#0d47a1"),
                  ("Rút khỏi kế hoạch", withdrawn, "#8a1c1c"))
        days = self.wiz.preview_page.model.report_days  # a deadline's reading names the officer's report day
        for title, items, colour in groups:
            group = self._line(None, f"{title} ({len(items)})", bold=True)
            for task, fields in items:
                child = self._line(group, _task_line(task))
                child.setToolTip(0, task.content)
                child.setForeground(0, QColor(colour))
                for name, old, new in fields:
                    _field(child, field_label(name), _value(old, days), _value(new, days))
        self._fill_sections()
        kept = kept_lines(self.plan_changes) if self.plan_changes is not None else []
        if kept:
            group = self._line(None, f"Giữ bản bạn đã sửa ({len(kept)})")
            for line in kept:
                self._line(group, line.strip().removeprefix("= "))
        if not (added or changed or withdrawn):
            self._line(None, "Không có nhiệm vụ nào thay đổi so với kế hoạch đã lưu.")
        self.changes.expandAll()

    def _fill_sections(self) -> None:
        """The sections the update adds, drops or renames (values before and after); a line when only their order
        changes."""
        changes = self.plan_changes
        if changes is None or not changes.sections_changed:
            return
        edits = changes.sections.edits if changes.sections is not None else []
        if not edits:
            self._line(None, "Các mục (phần I, II, …) của kế hoạch cũng thay đổi.")
            return
        group = self._line(None, f"Các mục thay đổi ({len(edits)})", bold=True)
        for edit in edits:
            child = self._line(group, f"{edit.where} ({edit.how})" if edit.how != "đổi" else edit.where)
            for label, before, after in edit.fields:
                _field(child, f"{label[:1].upper()}{label[1:]}", before, after)

    def _line(self, parent: QTreeWidgetItem | None, text: str, *, bold: bool = False) -> QTreeWidgetItem:
        """A line of the list across its columns: a group's heading (``parent`` None), a task or a section."""
        item = QTreeWidgetItem([text])
        if bold:
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
        if parent is None:
            self.changes.addTopLevelItem(item)
        else:
            parent.addChild(item)
        item.setFirstColumnSpanned(True)  # once in the tree: the tree keeps the span
        return item

    def _new_plan_text(self, plan: Plan) -> str:
        kinds: dict[DeadlineKind, int] = {}
        for task in plan.tasks:
            kinds[task.deadline.kind] = kinds.get(task.deadline.kind, 0) + 1
        kind_text = ", ".join(f"{n} {k.label.lower()}" for k, n in kinds.items())
        concern = sum(1 for t in plan.tasks if t.concern in (Concern.LEAD, Concern.COOPERATE))
        text = (f"Kế hoạch năm {plan.year} sẽ được lưu: <b>{len(plan.sections)} mục, {len(plan.tasks)} nhiệm vụ</b> "
                f"({kind_text}).")
        if self.wiz.body_name():
            text += f"<br>{concern} nhiệm vụ liên quan đến {self.wiz.body_name()}."
        return text + "<br><br>Bấm «Lưu kế hoạch» để lưu. Bạn vẫn có thể sửa từng nhiệm vụ sau này."

    def validatePage(self) -> bool:
        return self.wiz.save() is not None


#: Fields not worth showing in the change list (the importer's own doubts about a row).
HIDDEN_FIELDS = ("why", "ambiguous")


def _field(parent: QTreeWidgetItem, label: str, before: str, after: str) -> None:
    """A changed field under its task or section: its name, then its value before and after."""
    item = QTreeWidgetItem([f"   {label}", before, after])
    item.setToolTip(1, before)
    item.setToolTip(2, after)
    parent.addChild(item)


def _task_line(task: Task) -> str:
    content = " ".join(task.content.split())
    if len(content) > 110:
        content = content[:107] + "…"
    return f"{task.stt}. {content}" if task.stt else content


def _value(value, report_days: dict[str, int]) -> str:
    if isinstance(value, Deadline):
        return describe(value, report_days=report_days)
    if isinstance(value, Concern):
        return value.label
    if isinstance(value, bool):
        return "có" if value else "không"
    return " ".join(str(value if value is not None else "").split())


def kept_lines(changes: PlanChanges) -> list[str]:
    """The summary's lines on what the officer corrected by hand and the re-import keeps without asking."""
    return [line for line in changes.summary() if line.startswith("  = ") and
            not any(line == c.line() for c in changes.conflicts)]


def change_lists(changes) -> tuple[list, list, list]:
    """(added, changed, withdrawn) from ``reimport.PlanChanges``, as lists of (task, [(field, old, new), …]).

    A task withdrawn before and back in the new version counts as changed (its "withdrawn" field goes back).
    """
    added: list[tuple[Task, list[tuple[str, Any, Any]]]] = [(task, []) for task in changes.added]
    changed = [(change.new, [(name, old, new) for name, (old, new) in change.fields.items()
                             if name not in HIDDEN_FIELDS])
               for change in [*changes.updated, *changes.reinstated]]
    withdrawn: list[tuple[Task, list[tuple[str, Any, Any]]]] = [(task, []) for task in changes.withdrawn]
    return added, changed, withdrawn
