"""The main window: a year's plan as a dashboard (shown first) and as a task table with filters, the
sections tree and the task panel; menus for import, report, settings, backup and restore.

Statuses come from ``kstthc_desktop.tracking`` (Qt-free, shared with the reports). Dialogs owned by other
modules (import wizard, report, settings, safety dialogs) are imported when opened, so the first paint
does not pay for them. Building the window up to the dashboard names no ``Qt.`` enum (see gui/dashboard.py:
the namespace costs ~13 ms on first use); the task page and the dialogs import ``Qt`` where they use it.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import date

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from kstthc_desktop.domain import DeadlineKind
from kstthc_desktop.gui.dashboard import TOOLTIP_ROLE, USER_ROLE, Dashboard, card_caption, due_soon_caption, look
from kstthc_desktop.gui.errors import reporting_errors
from kstthc_desktop.periods import parse_period, periods_of_year
from kstthc_desktop.tracking import (
    RowFilter,
    dashboard,
    default_period,
    lead_bodies,
    prefold,
    printed_section_codes,
    task_rows,
)
from kstthc_desktop.vndates import text_date

log = logging.getLogger(__name__)

PERIOD_KINDS = (("month", "Tháng"), ("quarter", "Quý"), ("halfyear", "6 tháng"), ("year", "Năm"))
#: The chip of a completion bar's click-through: the tasks the bar counts (the dashboard's note names them so).
BAR_FILTER_NAME = "Nhiệm vụ phải thực hiện trong kỳ"


class WelcomePage(QWidget):
    """Shown while the database holds no plan: what the program does and a button to import one."""

    def __init__(self, on_import, parent=None):
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QPushButton

        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel("Chào mừng đến với KSTTHC Desktop")
        title.setStyleSheet("font-size: 18pt; font-weight: 600; color: #1f2d3d;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            "Chương trình giúp theo dõi kế hoạch kiểm soát thủ tục hành chính: đọc kế hoạch từ tệp Word hoặc Excel,\n"
            "hiểu các thời hạn (thường xuyên, hằng quý, trước ngày…), ghi kết quả và văn bản chứng minh,\n"
            "báo những việc quá hạn hay sắp đến hạn và lập báo cáo định kỳ.\n\n"
            "Để bắt đầu, hãy nhập kế hoạch của năm."
        )
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setStyleSheet("font-size: 11pt; color: #333;")
        self.import_button = QPushButton("Nhập kế hoạch từ tệp…  (Ctrl+I)")
        self.import_button.setStyleSheet("font-size: 11pt; padding: 8px 18px;")
        self.import_button.clicked.connect(on_import)
        hint = QLabel("Muốn xem thử trước? Chạy  kstthc --demo  để mở chương trình trên dữ liệu mẫu.")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setStyleSheet("color: #666;")
        layout.addWidget(title)
        layout.addSpacing(12)
        layout.addWidget(text)
        layout.addSpacing(16)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.import_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addSpacing(10)
        layout.addWidget(hint)
        layout.addStretch(2)


class MainWindow(QMainWindow):
    """The program's window over one open ``Store``."""

    def __init__(self, store, today: date, *, demo: bool = False, parent=None):
        super().__init__(parent)
        self.store = store
        self.today = today
        self.demo = demo
        self.plan_id: int | None = None
        self.plan = None
        self.period = None
        self.rows: list = []
        self._card_filter: tuple[str, frozenset[int]] | None = None
        self._loading = False
        self._task_page_built = False
        self._painted = False
        self._after_paint: list = []
        self.resize(1280, 760)
        self._build_actions()
        self._build_toolbar()
        self._build_pages()
        self.statusBar().showMessage("Sẵn sàng")
        self._apply_read_only()
        self._restore_layout()
        self.reload_plans()

    # ------------------------------------------------------------------ building
    def _build_actions(self) -> None:
        menu = self.menuBar()

        def action(text: str, slot, shortcut=None, menu_=None) -> QAction:
            act = QAction(text, self)
            if isinstance(shortcut, str):  # setShortcuts: setShortcut's overloads build the Qt namespace
                act.setShortcuts([QKeySequence(shortcut)])
            elif shortcut is not None:
                act.setShortcuts(shortcut)
            act.triggered.connect(slot)
            (menu_ or file_menu).addAction(act)
            return act

        file_menu = menu.addMenu("&Tệp")
        self.import_action = action("Nhập kế hoạch…", self.open_import, "Ctrl+I")
        self.open_db_action = action("Mở cơ sở dữ liệu khác…", self.open_other_database, "Ctrl+O")
        file_menu.addSeparator()
        self.backup_action = action("Sao lưu dữ liệu…", self.backup)
        self.restore_action = action("Khôi phục từ bản sao lưu…", self.restore)
        file_menu.addSeparator()
        action("Thoát", self.close, QKeySequence.StandardKey.Quit)

        work = menu.addMenu("&Công việc")
        self.search_action = action("Tìm nhiệm vụ", self.focus_search, "Ctrl+F", work)
        self.new_progress_action = action("Ghi kết quả cho nhiệm vụ đang chọn…", self.new_progress, "Ctrl+N", work)
        work.addSeparator()
        self.dashboard_action = action("Tổng quan", lambda: self.tabs.setCurrentIndex(0), "Ctrl+1", work)
        self.tasks_action = action("Danh sách nhiệm vụ", lambda: self.tabs.setCurrentIndex(1), "Ctrl+2", work)
        self.refresh_action = action("Tính lại trạng thái", self.refresh, "F5", work)

        report = menu.addMenu("&Báo cáo")
        self.report_action = action("Lập báo cáo…", self.open_report, "Ctrl+P", report)

        tools = menu.addMenu("C&ài đặt")
        self.settings_action = action("Thông tin đơn vị và báo cáo…", self.open_settings, None, tools)
        for each in (file_menu, work, tools):  # a disabled action's tooltip says why (read-only mode)
            each.setToolTipsVisible(True)

        help_menu = menu.addMenu("Trợ &giúp")
        action("Nơi lưu dữ liệu và nhật ký", self.show_locations, None, help_menu)
        action("Giới thiệu", self.show_about, None, help_menu)

    def _build_toolbar(self) -> None:
        bar = self.plan_bar = QToolBar("Kế hoạch và kỳ")
        bar.setObjectName("planToolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        bar.addWidget(QLabel(" Kế hoạch năm: "))
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("yearCombo")
        self.year_combo.currentIndexChanged.connect(self._year_changed)
        bar.addWidget(self.year_combo)
        bar.addWidget(QLabel("   Kỳ theo dõi: "))
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("periodKindCombo")
        for key, label in PERIOD_KINDS:
            self.kind_combo.addItem(label, key)
        self.kind_combo.setCurrentIndex(1)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        bar.addWidget(self.kind_combo)
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("periodCombo")
        self.period_combo.setMinimumContentsLength(22)
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        bar.addWidget(self.period_combo)
        self.today_label = look(QLabel(), "#555")
        self.today_label.setContentsMargins(14, 0, 0, 0)
        bar.addWidget(self.today_label)

    def _build_pages(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.notice = QLabel()
        self.notice.setObjectName("openingNotice")
        self.notice.setWordWrap(True)  # its style sheet and text format are set when first shown
        self.notice.linkActivated.connect(self._notice_link)
        self.notice.hide()
        layout.addWidget(self.notice)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.welcome: WelcomePage | None = None  # built when the database holds no plan

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.dashboard = Dashboard()
        self.dashboard.cardClicked.connect(self.show_card)
        self.dashboard.sectionClicked.connect(self.show_section)
        self.dashboard.leadClicked.connect(self.show_lead)
        self.dashboard.taskClicked.connect(self.open_task)
        self.after_first_paint(self.dashboard.attention.enable_keyboard)
        self.tabs.addTab(self.dashboard, "Tổng quan")
        self.task_page = QWidget()  # filled on first visit: the first paint shows the dashboard only
        QVBoxLayout(self.task_page).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.task_page, "Nhiệm vụ")
        self.tabs.currentChanged.connect(lambda index: index == 1 and self.ensure_task_page())
        self.stack.addWidget(self.tabs)

    def ensure_task_page(self) -> None:
        """Build the task table, filters, sections tree and task panel the first time they are needed."""
        if self._task_page_built:
            return
        self._task_page_built = True
        self.task_page.layout().addWidget(self._build_task_page())
        splitter = QSettings().value("main/splitter")
        if splitter is not None:
            with contextlib.suppress(TypeError):  # not bytes: a damaged settings file; keep the default sizes
                self.splitter.restoreState(splitter)

        self._show_rows()

    def _build_task_page(self) -> QWidget:
        # Imported here: the first paint shows the dashboard, and every Qt class costs start-up time.
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import (
            QAbstractItemView, QCheckBox, QHeaderView, QLineEdit, QPushButton, QSplitter, QTableView, QTreeWidget,
        )

        from kstthc_desktop.gui.task_model import (
            COL_CONTENT, COL_DEADLINE, COL_DUE, COL_LEAD, COL_STATUS, COL_STT, TaskFilterProxy, TaskTableModel,
        )

        page = QWidget()
        outer = QHBoxLayout(page)
        outer.setContentsMargins(4, 4, 4, 4)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("taskSplitter")
        outer.addWidget(self.splitter)

        self.section_tree = QTreeWidget()
        self.section_tree.setObjectName("sectionTree")
        self.section_tree.setHeaderLabels(["Mục của kế hoạch", "Số NV"])
        self.section_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.section_tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.section_tree.header().setStretchLastSection(False)
        self.section_tree.setWordWrap(True)
        self.section_tree.currentItemChanged.connect(lambda *_: self.apply_filter())
        self.splitter.addWidget(self.section_tree)

        middle = QWidget()
        ml = QVBoxLayout(middle)
        ml.setContentsMargins(0, 0, 0, 0)
        ml.setSpacing(4)
        filters = QHBoxLayout()
        filters.setSpacing(6)
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText("Tìm nội dung, cơ quan, thời hạn… (gõ không dấu cũng được)  Ctrl+F")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda *_: self.apply_filter())
        filters.addWidget(self.search, 3)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusFilter")
        self.status_combo.currentIndexChanged.connect(lambda *_: self.apply_filter())
        filters.addWidget(self.status_combo, 2)
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("kindFilter")
        self.kind_filter.addItem("Mọi loại thời hạn", None)
        for kind in DeadlineKind:
            self.kind_filter.addItem(kind.label, kind)
        self.kind_filter.currentIndexChanged.connect(lambda *_: self.apply_filter())
        filters.addWidget(self.kind_filter, 1)
        ml.addLayout(filters)
        filters2 = QHBoxLayout()
        self.lead_filter = QComboBox()
        self.lead_filter.setObjectName("leadFilter")
        self.lead_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.lead_filter.setMinimumContentsLength(16)
        self.lead_filter.currentIndexChanged.connect(lambda *_: self.apply_filter())
        filters2.addWidget(self.lead_filter, 2)
        self.mine_check = QCheckBox("Chỉ nhiệm vụ của đơn vị tôi")
        self.mine_check.setObjectName("mineOnly")
        self.mine_check.toggled.connect(lambda *_: self.apply_filter())
        filters2.addWidget(self.mine_check)
        self.card_chip = QPushButton()
        self.card_chip.setObjectName("cardChip")
        self.card_chip.setStyleSheet("QPushButton { background: #e8eefb; border: 1px solid #b9c8e8; border-radius: 9px; padding: 2px 10px; }")
        self.card_chip.setToolTip("Bấm để bỏ lọc này")
        self.card_chip.clicked.connect(self.clear_card_filter)
        self.card_chip.hide()
        filters2.addWidget(self.card_chip)
        filters2.addStretch(1)
        self.clear_button = QPushButton("Bỏ mọi bộ lọc")
        self.clear_button.clicked.connect(self.clear_filters)
        filters2.addWidget(self.clear_button)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.count_label.setStyleSheet("color: #555; padding-left: 8px;")
        filters2.addWidget(self.count_label)
        ml.addLayout(filters2)

        self.model = TaskTableModel(self)
        self.proxy = TaskFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("taskTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setStyleSheet("QTableView { gridline-color: #e3e6ea; } QTableView::item:selected { background: #2f6db5; color: white; }")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_CONTENT, QHeaderView.ResizeMode.Stretch)
        from PySide6.QtGui import QFont, QFontMetrics

        from kstthc_desktop.status import Status

        bold = QFont(self.table.font())
        bold.setBold(True)  # an overdue status is shown in bold: its column fits "Chưa hoàn thành – quá hạn" whole
        status_width = max(QFontMetrics(bold).horizontalAdvance(s.label) for s in Status) + 16
        for col, width in ((COL_STT, 50), (COL_LEAD, 105), (COL_DEADLINE, 95), (COL_DUE, 80), (COL_STATUS, status_width)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(lambda *_: self.new_progress())
        ml.addWidget(self.table, 1)
        legend = QLabel(
            "<span style='background:#fde4e2'>&nbsp;quá hạn&nbsp;</span> "
            "<span style='background:#fff2d6'>&nbsp;sắp đến hạn&nbsp;</span> "
            "<span style='background:#e4f4e7'>&nbsp;hoàn thành đúng hạn / có kết quả&nbsp;</span> "
            "<span style='background:#edf1da'>&nbsp;hoàn thành quá hạn&nbsp;</span> "
            "<span style='background:#efeafa'>&nbsp;chưa có kết quả trong kỳ&nbsp;</span> "
            "<span style='background:#f3f3f3;color:#8a8a8a'>&nbsp;đã rút&nbsp;</span>"
        )
        legend.setStyleSheet("color: #444; font-size: 8.5pt;")
        ml.addWidget(legend)
        self.splitter.addWidget(middle)

        from kstthc_desktop.gui.task_panel import TaskPanel

        self.panel = TaskPanel(self.store, self.today)
        self.panel.set_read_only(self.read_only_reason())
        self.panel.changed.connect(self._task_changed)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)  # a wider window widens the table, not the tree or the panel
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([190, 780, 370])
        return page

    # ------------------------------------------------------------------ read-only mode
    def editing_actions(self) -> list[QAction]:
        """The actions that write the database (or replace it): off while it is open read-only."""
        return [self.import_action, self.restore_action, self.new_progress_action, self.settings_action]

    def _read_only_cause(self) -> str:
        """Why the store is read-only, in a few words ("" when it is writable)."""
        if not getattr(self.store, "read_only", False):
            return ""
        return getattr(self.store, "read_only_reason", "") or "cơ sở dữ liệu được mở ở chế độ chỉ đọc"

    def read_only_reason(self) -> str:
        """Why the database cannot be written here, as a sentence for the officer; "" when it can."""
        cause = self._read_only_cause()
        if not cause:
            return ""
        return (f"Chỉ để xem: {cause}. Xem, tìm và lập báo cáo ra tệp vẫn được; "
                "không ghi kết quả, nhập kế hoạch, khôi phục hay đổi cài đặt được.")

    def _apply_read_only(self) -> None:
        """Turn the editing actions and buttons off (with the reason as tooltip and in the status bar) while the
        database is open read-only, so the officer never types an entry that cannot be saved; on again otherwise."""
        why = self.read_only_reason()
        for act in self.editing_actions():
            act.setEnabled(not why)
            act.setToolTip(why)  # "": back to Qt's own tooltip (the action's text)
        if self.welcome is not None:
            self.welcome.import_button.setEnabled(not why)
            self.welcome.import_button.setToolTip(why)
        if self._task_page_built:
            self.panel.set_read_only(why)
        label = getattr(self, "read_only_label", None)
        if why and label is None:
            label = self.read_only_label = QLabel()
            label.setObjectName("readOnlyLabel")
            label.setStyleSheet("color: #8a5a00; padding: 0 8px;")
            self.statusBar().addPermanentWidget(label)
        if label is not None:
            label.setText(f"Chỉ để xem — {self._read_only_cause()}" if why else "")
            label.setToolTip(why)
            label.setVisible(bool(why))
        if why:
            self.statusBar().showMessage(why)
        elif self.statusBar().currentMessage().startswith("Chỉ để xem"):
            self.statusBar().clearMessage()

    # ------------------------------------------------------------------ layout memory
    def _restore_layout(self) -> None:
        qs = QSettings()
        geometry = qs.value("main/geometry")
        if geometry is not None:
            with contextlib.suppress(TypeError):  # not bytes: a damaged settings file; keep the default size
                self.restoreGeometry(geometry)
        kind = qs.value("main/periodKind")
        index = self.kind_combo.findData(kind) if kind else -1
        if index >= 0:
            self._loading = True
            self.kind_combo.setCurrentIndex(index)
            self._loading = False

    # ------------------------------------------------------------------ after the first paint
    def after_first_paint(self, job) -> None:
        """Run ``job`` as soon as the window has been painted once (at the next turn of the event loop if it
        has been): set-up the first sight does not need waits, and the officer sees the dashboard sooner.
        (A zero-timer alone is not enough: Qt runs timers that are due before it paints a newly shown window.)"""
        if self._painted:
            QTimer.singleShot(0, job)
        else:
            self._after_paint.append(job)

    def drop_after_paint_jobs(self) -> None:
        """Forget the jobs waiting for the first paint (``kstthc --exit-after-start`` leaves right after it)."""
        self._after_paint.clear()

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            jobs, self._after_paint = self._after_paint, []
            for job in jobs:
                QTimer.singleShot(0, job)

    def closeEvent(self, event) -> None:  # noqa: N802
        qs = QSettings()
        qs.setValue("main/geometry", self.saveGeometry())
        if self._task_page_built:
            qs.setValue("main/splitter", self.splitter.saveState())
        qs.setValue("main/periodKind", self.kind_combo.currentData())
        super().closeEvent(event)

    # ------------------------------------------------------------------ plans and periods
    def reload_plans(self, select_plan_id: int | None = None) -> None:
        plans = sorted(self.store.plans(), key=lambda p: (p.document.year or 0, p.id or 0))
        self._loading = True
        self.year_combo.clear()
        for plan in plans:
            self.year_combo.addItem(str(plan.document.year or "?"), plan.id)
        self._loading = False
        if not plans:
            self.plan_id = None
            self.plan_bar.hide()
            if self.welcome is None:
                self.welcome = WelcomePage(self.open_import)
                self.stack.addWidget(self.welcome)
            self._apply_read_only()
            self.stack.setCurrentWidget(self.welcome)
            self.setWindowTitle(f"KSTTHC Desktop — {self._body_name()} — chưa có kế hoạch{self._title_mark()}")
            self.today_label.setText(f"Hôm nay: {text_date(self.today)}")
            return
        self.plan_bar.show()
        self.stack.setCurrentWidget(self.tabs)
        if select_plan_id is None:
            this_year = [p for p in plans if p.document.year == self.today.year]
            select_plan_id = (this_year or [p for p in plans if (p.document.year or 0) < self.today.year] or plans)[-1].id
        index = max(0, self.year_combo.findData(select_plan_id))
        if self.year_combo.currentIndex() == index:
            self._year_changed(index)
        else:
            self.year_combo.setCurrentIndex(index)

    def _title_mark(self) -> str:
        """What the title adds: read-only first (it decides what the officer can do), else the demo's data."""
        if getattr(self.store, "read_only", False):
            return " (chỉ để xem)"
        return " (dữ liệu mẫu)" if self.demo else ""

    def _body_name(self) -> str:
        settings = self.store.settings()
        return settings.body_in_text or "KSTTHC"

    def _year_changed(self, index: int) -> None:
        if self._loading or index < 0:
            return
        self.plan_id = self.year_combo.itemData(index)
        self.plan = self.store.load_plan(self.plan_id, tasks=False)  # the tasks come with their statuses
        self.rows = []  # another plan (or the same, imported again): its tasks are read anew
        year = self.plan.document.year or self.today.year
        self.setWindowTitle(f"KSTTHC Desktop — {self._body_name()} — Kế hoạch năm {year}{self._title_mark()}")
        self.today_label.setText(f"Hôm nay: {text_date(self.today)}")
        self._fill_periods()

    def _kind_changed(self, _index: int) -> None:
        if not self._loading and self.plan_id is not None:
            self._fill_periods()

    def _fill_periods(self) -> None:
        year = self.plan.document.year or self.today.year
        kind = self.kind_combo.currentData() or "quarter"
        current = default_period(year, self.today, kind)
        self._loading = True
        self.period_combo.clear()
        for p in periods_of_year(year, kind):
            self.period_combo.addItem(p.name, p.key)
            self.period_combo.setItemData(self.period_combo.count() - 1, p.title, TOOLTIP_ROLE)
        self.period_combo.setCurrentIndex(max(0, self.period_combo.findData(current.key)))
        self._loading = False
        self._period_changed(self.period_combo.currentIndex())

    def _period_changed(self, index: int) -> None:
        if self._loading or index < 0:
            return
        self.period = parse_period(self.period_combo.itemData(index))
        self.refresh(same_tasks=True)

    # ------------------------------------------------------------------ computing and showing
    def refresh(self, *, same_tasks: bool = False) -> None:
        """Recompute every status for the chosen plan and period; keep the selection and the filters.
        ``same_tasks``: only the period changed, so the plan's tasks shown now serve again (not read anew)."""
        if self.plan_id is None or self.period is None:
            return
        settings = self.store.settings()
        shown = [row.task for row in self.rows] if same_tasks and self.rows else None
        self.rows = task_rows(
            self.store, self.plan_id, self.period, self.today, year=self.plan.document.year, settings=settings,
            tasks=shown,
        )
        year = self.plan.document.year or self.today.year
        data = dashboard(self.rows, self.period, self.today, self.plan.sections, due_soon_days=settings.due_soon_days)
        self.dashboard_data = data
        self.dashboard.show_data(data, self.plan.document.title and f"Kế hoạch năm {year}",
                                 printed_section_codes(self.plan.sections))
        if self._task_page_built:
            self._show_rows()
        rows, sections = self.rows, self.plan.sections
        self.after_first_paint(lambda: prefold(rows, sections))  # the first search is then as fast as the rest

    def _show_rows(self) -> None:
        """Put the computed rows into the task page (table, filters, tree, panel), keeping the selection."""
        if self.plan_id is None or self.period is None:
            return
        current = self.current_task_id()
        year = self.plan.document.year or self.today.year
        self.panel.set_context(year, self.period, self.plan.sections)
        self.proxy.sections = self.plan.sections
        self._fill_filter_choices()
        self.model.set_rows(self.rows, self.plan.sections)
        self._fill_sections()
        if self._card_filter is not None:
            self.show_card(self._card_filter[0], switch=False)
        self.apply_filter()
        if current is not None:
            self.select_task(current)
        else:
            self.panel.show_task(None)

    def _fill_filter_choices(self) -> None:
        self._loading = True
        status = self.status_combo.currentData()
        self.status_combo.clear()
        self.status_combo.addItem("Mọi trạng thái", None)
        from kstthc_desktop.status import DUE_STATUSES, Status

        present = {r.status for r in self.rows}
        for st in Status:
            if st in present or st in DUE_STATUSES:
                self.status_combo.addItem(st.label, st)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(status)) if status is not None else 0)
        lead = self.lead_filter.currentData()
        self.lead_filter.clear()
        self.lead_filter.addItem("Mọi cơ quan chủ trì", "")
        seen: dict[str, int] = {}
        for r in self.rows:  # one entry per body, as the dashboard's bars name them
            for _, text in lead_bodies(r.task.lead):
                seen[text] = seen.get(text, 0) + 1
        for text in sorted(seen, key=lambda t: (-seen[t], t)):
            self.lead_filter.addItem(f"{text} ({seen[text]})", text)
            self.lead_filter.setItemData(self.lead_filter.count() - 1, text, TOOLTIP_ROLE)
        self.lead_filter.setCurrentIndex(max(0, self.lead_filter.findData(lead)) if lead else 0)
        self._loading = False

    def _fill_sections(self) -> None:
        from PySide6.QtWidgets import QTreeWidgetItem

        selected = self._selected_section()
        self._loading = True
        self.section_tree.clear()
        counts: dict[str, int] = {}
        for r in self.rows:
            counts[r.task.section] = counts.get(r.task.section, 0) + 1
        all_item = QTreeWidgetItem(["Tất cả nhiệm vụ", str(len(self.rows))])
        all_item.setData(0, USER_ROLE, "")
        self.section_tree.addTopLevelItem(all_item)
        items: dict[str, QTreeWidgetItem] = {}
        for s in self.plan.sections:
            label = f"{s.printed_code or s.code}. {s.title}"
            item = QTreeWidgetItem([label, ""])
            item.setToolTip(0, label)
            item.setData(0, USER_ROLE, s.code)
            parent = items.get(s.parent or "")
            (parent.addChild(item) if parent is not None else self.section_tree.addTopLevelItem(item))
            items[s.code] = item
        for code, item in items.items():  # a group counts its sections' tasks too
            total = counts.get(code, 0) + sum(
                counts.get(s.code, 0) for s in self.plan.sections if s.parent == code
            )
            item.setText(1, str(total))
        self.section_tree.expandAll()
        target = items.get(selected or "", all_item)
        self.section_tree.setCurrentItem(target)
        self._loading = False

    def _selected_section(self) -> str:
        item = self.section_tree.currentItem()
        return item.data(0, USER_ROLE) if item is not None else ""

    def current_filter(self) -> RowFilter:
        status = self.status_combo.currentData()
        return RowFilter(
            search=self.search.text(),
            statuses=frozenset([status]) if status is not None else frozenset(),
            kind=self.kind_filter.currentData(),
            lead=self.lead_filter.currentData() or "",
            mine_only=self.mine_check.isChecked(),
            section=self._selected_section() or "",
            task_ids=self._card_filter[1] if self._card_filter else None,
        )

    def apply_filter(self) -> None:
        if self._loading or not self._task_page_built:
            return
        self.proxy.set_filter(self.current_filter())
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown}/{total} nhiệm vụ" if shown != total else f"{total} nhiệm vụ")

    def clear_filters(self) -> None:
        self.ensure_task_page()
        self._loading = True
        self.search.clear()
        self.status_combo.setCurrentIndex(0)
        self.kind_filter.setCurrentIndex(0)
        self.lead_filter.setCurrentIndex(0)
        self.mine_check.setChecked(False)
        if self.section_tree.topLevelItemCount():
            self.section_tree.setCurrentItem(self.section_tree.topLevelItem(0))
        self._card_filter = None
        self.card_chip.hide()
        self._loading = False
        self.apply_filter()

    def clear_card_filter(self) -> None:
        self.ensure_task_page()
        self._card_filter = None
        self.card_chip.hide()
        self.apply_filter()

    # ------------------------------------------------------------------ dashboard click-through
    def show_card(self, key: str, switch: bool = True) -> None:
        data = getattr(self, "dashboard_data", None)
        if data is None:
            return
        self.ensure_task_page()
        if switch:
            self.clear_filters()
        tasks = data.task_list(key)
        if tasks is not None:
            self._card_filter = (key, frozenset(r.task.id for r in tasks))
            self.card_chip.setText(f"{card_caption(key, data.due_soon_days)}  ✕")
            self.card_chip.show()
        elif key.startswith(("section:", "lead:")):  # a bar: the tasks it counts, recomputed with the rows
            from kstthc_desktop.tracking import bar_task_ids

            kind, _, value = key.partition(":")
            self._card_filter = (key, bar_task_ids(self.rows, **{kind: value}))
            self.card_chip.setText(f"{BAR_FILTER_NAME}  ✕")
            self.card_chip.show()
        else:
            from kstthc_desktop.status import Status

            index = self.status_combo.findData(Status[key])
            self.status_combo.setCurrentIndex(max(0, index))
        self.apply_filter()
        if switch:
            self.tabs.setCurrentIndex(1)

    def show_section(self, code: str) -> None:
        """A section's bar: the section chosen in the tree, and only the tasks its bar counts."""
        self.clear_filters()
        for item in self._tree_items():
            if item.data(0, USER_ROLE) == code:
                self.section_tree.setCurrentItem(item)
        self.show_card(f"section:{code}", switch=False)
        self.tabs.setCurrentIndex(1)

    def _tree_items(self):
        stack = [self.section_tree.topLevelItem(i) for i in range(self.section_tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            yield item
            stack.extend(item.child(i) for i in range(item.childCount()))

    def show_lead(self, lead: str) -> None:
        """A lead body's bar: the body chosen in the lead filter, and only the tasks its bar counts."""
        self.clear_filters()
        self.lead_filter.setCurrentIndex(max(0, self.lead_filter.findData(lead)))
        self.show_card(f"lead:{lead}", switch=False)
        self.tabs.setCurrentIndex(1)

    # ------------------------------------------------------------------ selection and the panel
    def current_task_id(self) -> int | None:
        if not self._task_page_built:
            return None
        index = self.table.currentIndex()
        from kstthc_desktop.gui.task_model import TaskIdRole

        return index.data(TaskIdRole) if index.isValid() else None

    def _current_changed(self, current, _previous) -> None:
        if not current.isValid():
            self.panel.show_task(None)
            return
        source = self.proxy.mapToSource(current)
        self.panel.show_task(self.model.rows[source.row()])

    def select_task(self, task_id: int, *, keep_panel: bool = False) -> bool:
        """Select the task in the table and show it in the panel; False when the table does not show it.

        A task not in the plan shown (another year, another database) leaves the panel empty: a result typed
        there would be saved on a task the officer no longer sees. ``keep_panel``: a task hidden only by the
        filters stays in the panel (the one just edited, so its document can be added next)."""
        self.ensure_task_page()
        row = self.model.row_of_task(task_id)
        if row < 0:
            self.panel.show_task(None)
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.table.clearSelection()
            self.panel.show_task(self.model.rows[row] if keep_panel else None)
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self.panel.show_task(self.model.rows[row])
        return True

    def open_task(self, task_id: int) -> None:
        self.tabs.setCurrentIndex(1)
        if not self.select_task(task_id):
            self.clear_filters()
            self.select_task(task_id)

    def _task_changed(self, task_id: int) -> None:
        self.refresh()
        if self.select_task(task_id, keep_panel=True):
            self.statusBar().showMessage("Đã lưu.", 4000)
        else:
            self.statusBar().showMessage("Đã lưu. Nhiệm vụ này không còn trong bộ lọc đang chọn; khung bên phải "
                                         "vẫn hiện nó.", 10000)

    # ------------------------------------------------------------------ actions
    def focus_search(self) -> None:
        if self.plan_id is None:
            return
        self.tabs.setCurrentIndex(1)
        self.ensure_task_page()
        self.search.setFocus()
        self.search.selectAll()

    def new_progress(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        if self.plan_id is None:
            return
        if self.read_only_reason():  # a double-click on the table: say why nothing opens
            self.statusBar().showMessage(self.read_only_reason(), 10000)
            return
        self.ensure_task_page()
        self.tabs.setCurrentIndex(1)  # the officer sees which task the result is for
        if self.panel.row is None:
            QMessageBox.information(self, "Ghi kết quả", "Hãy chọn một nhiệm vụ trong bảng trước.")
            return
        self.panel.tabs.setCurrentIndex(1)
        self.panel.add_progress()

    def open_import(self) -> None:
        from kstthc_desktop.gui.import_wizard import ImportWizard

        with reporting_errors(self):
            wizard = ImportWizard(self.store, self.today, self)
            wizard.planSaved.connect(lambda plan_id: self.reload_plans(plan_id))
            wizard.exec()

    def open_report(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        if self.plan_id is None:
            QMessageBox.information(self, "Lập báo cáo", "Hãy nhập kế hoạch trước khi lập báo cáo.")
            return
        from kstthc_desktop.gui.report_dialog import ReportDialog

        with reporting_errors(self):
            dialog = ReportDialog(self.store, self.plan_id, self.today, self)
            dialog.exec()

    def open_settings(self) -> None:
        from kstthc_desktop.gui.settings_dialog import SettingsDialog

        with reporting_errors(self):
            if SettingsDialog(self.store, self).exec():
                self.reload_plans(self.plan_id)

    def backup(self) -> None:
        with reporting_errors(self):
            from kstthc_desktop.gui.safety_dialogs import backup_to_file

            backup_to_file(self, self.store)

    def restore(self) -> None:
        with reporting_errors(self):
            from kstthc_desktop.gui.safety_dialogs import restore_from_file

            result = restore_from_file(self, self.store)
            if result is not None and hasattr(result, "plans"):  # a new Store after a restore
                self.use_store(result)
            else:
                self.reload_plans(self.plan_id)

    def open_other_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(
            self, "Mở cơ sở dữ liệu", str(self.store.path.parent), "Cơ sở dữ liệu KSTTHC (*.sqlite3 *.db);;Mọi tệp (*)"
        )
        if not name:
            return
        from pathlib import Path

        from kstthc_desktop.gui.app import _open_store

        with reporting_errors(self):
            if Path(name).resolve() == Path(self.store.path).resolve():
                return
            new = _open_store(Path(name), parent=self)
            if new is not None:
                self.demo = False  # the officer's own database now, not the demo's throwaway copy
                self.use_store(new)

    def use_store(self, store) -> None:
        """Switch the window to another open database (after opening another file or a restore)."""
        old, self.store = self.store, store
        if self._task_page_built:
            self.panel.store = store
        if old is not store:
            try:
                old.close()
            except Exception:  # noqa: BLE001 - the old file may be gone after a restore
                log.exception("closing the previous database")
        self._card_filter = None
        self._apply_read_only()
        self.reload_plans()

    def show_locations(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from kstthc_desktop.logsetup import log_path

        QMessageBox.information(
            self, "Nơi lưu dữ liệu",
            f"Cơ sở dữ liệu: {self.store.path}\nTệp văn bản đính kèm: {self.store.files_dir}\nNhật ký: {log_path()}",
        )

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from kstthc_desktop import __version__

        QMessageBox.about(
            self, "Giới thiệu",
            f"<b>KSTTHC Desktop {__version__}</b><br>Theo dõi kế hoạch kiểm soát thủ tục hành chính, ghi kết quả và "
            "văn bản chứng minh, lập báo cáo định kỳ.",
        )

    # ------------------------------------------------------------------ opening notice
    def opening_notice_text(self) -> str:
        data = getattr(self, "dashboard_data", None)
        if data is None:
            return ""
        from kstthc_desktop.status import Status

        parts = []
        if data.overdue:
            parts.append(f"<a href='{Status.OVERDUE}'>{len(data.overdue)} nhiệm vụ quá hạn</a>")
        if data.due_7:
            parts.append(f"<a href='due_7'>{len(data.due_7)} nhiệm vụ {due_soon_caption(data.due_soon_days).lower()}</a>")
        if not parts:
            return ""
        return "Lưu ý: có " + " và ".join(parts) + f" ({getattr(data.period, 'name', '')})."

    def show_opening_notice(self) -> None:
        text = self.opening_notice_text()
        if text:
            if not self.notice.styleSheet():
                from PySide6.QtCore import Qt

                self.notice.setTextFormat(Qt.TextFormat.RichText)
                self.notice.setStyleSheet(
                    "#openingNotice { background: #fff7e0; color: #5c4300; border-bottom: 1px solid #ead9a6;"
                    " padding: 6px 12px; }"
                )
            self.notice.setText(text + "  <a href='close' style='color:#777'>Ẩn</a>")
            self.notice.show()
            QTimer.singleShot(60_000, self.notice.hide)

    def _notice_link(self, link: str) -> None:
        if link == "close":
            self.notice.hide()
            return
        self.show_card(link)
