"""The main window: a year's plan as a dashboard (shown first) and as the task page (``gui/task_page.py``: the
task table with filters, the sections tree and the task panel); the plan and period bar, menus for import,
report, settings, backup and restore, the status bar and the opening notice.

Statuses come from ``kstthc_desktop.tracking`` (Qt-free, shared with the reports). Dialogs owned by other
modules (import wizard, report, settings, safety dialogs) are imported when opened, so the first paint
does not pay for them. Building the window up to the dashboard names no ``Qt.`` enum (see gui/dashboard.py:
the namespace costs ~13 ms on first use); the task page and the dialogs import ``Qt`` where they use it.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import date
from typing import TYPE_CHECKING

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

from kstthc_desktop.gui.edit_menu import install_edit_menu
from kstthc_desktop.gui.dashboard import TOOLTIP_ROLE, Dashboard, card_caption, due_soon_caption, look
from kstthc_desktop.gui.errors import plain, reporting_errors
from kstthc_desktop.periods import parse_period, periods_of_year
from kstthc_desktop.tracking import (
    dashboard,
    default_period,
    prefold,
    printed_section_codes,
    task_rows,
)
from kstthc_desktop.vndates import text_date

if TYPE_CHECKING:
    from kstthc_desktop.domain import Plan
    from kstthc_desktop.gui.auto_backup import DailyBackup
    from kstthc_desktop.gui.database_check import DatabaseCheck
    from kstthc_desktop.gui.figures_page import FiguresPage
    from kstthc_desktop.gui.task_page import TaskPage
    from kstthc_desktop.gui.units_page import UnitsPage
    from kstthc_desktop.periods import Period

log = logging.getLogger(__name__)

PERIOD_KINDS = (("month", "Tháng"), ("quarter", "Quý"), ("halfyear", "6 tháng"), ("year", "Năm"))
#: The chip of a completion bar's click-through: the tasks the bar counts (the dashboard's note names them so).
BAR_FILTER_NAME = "Nhiệm vụ phải thực hiện trong kỳ"


class WelcomePage(QWidget):
    """Shown while the database holds no plan: what the program does and a button to import one."""

    def __init__(self, on_import, parent=None):
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QPushButton

        from kstthc_desktop.paths import how_to_open_the_demo

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
        hint = QLabel(how_to_open_the_demo())
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
        self.daily_backup: DailyBackup | None = None  # the backup taken on opening (set by gui.app)
        self.database_check: DatabaseCheck | None = None  # the file's check after the first paint (set by gui.app)
        self.plan_edit_actions: list[QAction] = []  # the Sửa menu's plan corrections (set by gui.edit_menu)
        self.store = store
        self.today = today
        self.demo = demo
        self.plan_id: int | None = None
        self.plan: Plan | None = None
        self.period: Period | None = None
        self.rows: list = []
        self._loading = False
        self._task_page: TaskPage | None = None  # built on the first visit of its tab
        self._painted = False
        self._after_paint: list = []
        self.resize(1280, 760)
        self._build_actions()
        self._build_toolbar()
        self._build_pages()
        self.statusBar().showMessage("Sẵn sàng")
        self._apply_read_only()
        self._restore_layout()
        try:
            self.reload_plans()
        except BaseException:  # a file found damaged while read (gui.app offers its backup): no half-built window left
            self.deleteLater()
            raise

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
        self.draft_action = action("Lập kế hoạch của đơn vị từ kế hoạch này…", self.open_draft, None, report)

        tools = menu.addMenu("C&ài đặt")
        self.settings_action = action("Thông tin đơn vị và báo cáo…", self.open_settings, None, tools)
        for each in (file_menu, work, tools):  # a disabled action's tooltip says why (read-only mode)
            each.setToolTipsVisible(True)

        self.undo_action = install_edit_menu(self)
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
        self.dashboard.attention.measure_first_screen()  # the rows below it just after the first paint
        self.after_first_paint(self.dashboard.attention.measure_all)
        self.tabs.addTab(self.dashboard, "Tổng quan")
        self.task_tab = QWidget()  # filled on first visit: the first paint shows the dashboard only
        self._task_tab_layout = QVBoxLayout(self.task_tab)
        self._task_tab_layout.setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.task_tab, "Nhiệm vụ")
        self.tabs.currentChanged.connect(lambda index: self.ensure_task_page() if index == 1 else None)
        self.figures_tab = QWidget()  # the "Số liệu" page, built on first visit
        self.figures_layout = QVBoxLayout(self.figures_tab)
        self.figures_layout.setContentsMargins(0, 0, 0, 0)
        self.figures_page: FiguresPage | None = None
        self.tabs.addTab(self.figures_tab, "Số liệu")
        self.tabs.currentChanged.connect(lambda index: self.ensure_figures_page() if index == 2 else None)
        self.units_tab = QWidget()  # the "Đơn vị" page, built on first visit
        self.units_layout = QVBoxLayout(self.units_tab)
        self.units_layout.setContentsMargins(0, 0, 0, 0)
        self.units_page: UnitsPage | None = None
        self.tabs.addTab(self.units_tab, "Đơn vị")
        self.tabs.currentChanged.connect(lambda index: self.ensure_units_page() if index == 3 else None)
        self.stack.addWidget(self.tabs)

    def ensure_units_page(self) -> None:
        """Build the units page the first time it is shown, on the chosen plan and period."""
        if self.units_page is None:
            from kstthc_desktop.gui.units_page import UnitsPage

            self.units_page = UnitsPage()
            self.units_page.changed.connect(self.refresh)
            self.units_layout.addWidget(self.units_page)
        self._units_context()

    def _units_context(self) -> None:
        if self.units_page is not None and self.period is not None and self.plan_id is not None:
            year = (self.plan.document.year if self.plan is not None else None) or self.period.year
            self.units_page.set_context(self.store, self.plan_id, year, self.period, self.today)

    def ensure_figures_page(self) -> None:
        """Build the figures page the first time it is shown, on the chosen period."""
        if self.figures_page is None:
            from kstthc_desktop.gui.figures_page import FiguresPage

            self.figures_page = FiguresPage()
            self.figures_layout.addWidget(self.figures_page)
        if self.period is not None:
            self.figures_page.set_context(self.store, self.period, self.store.settings().body_in_text)

    def ensure_task_page(self) -> TaskPage:
        """The task page (table, filters, sections tree, task panel), built the first time it is needed."""
        if self._task_page is not None:
            return self._task_page
        # Imported here: the first paint shows the dashboard only, and every Qt class costs start-up time.
        from kstthc_desktop.gui.task_page import TaskPage

        page = self._task_page = TaskPage(self.store, self.today, self.read_only_reason())
        page.taskChanged.connect(self._task_changed)
        page.progressRequested.connect(self.new_progress)
        from kstthc_desktop.gui.concern_menu import enable_marking

        enable_marking(self, page.table)  # several rows chosen at once, marked as ours or not
        from kstthc_desktop.gui.plan_move_actions import install_tree_menu

        install_tree_menu(self, page)  # the section tree's moves and rename
        self._task_tab_layout.addWidget(page)
        page.restore_layout()
        self._show_rows(page)
        return page

    @property
    def task_page(self) -> TaskPage:
        """The task page (``gui.task_page.TaskPage``), built now if it was not yet."""
        return self.ensure_task_page()

    # ------------------------------------------------------------------ read-only mode
    def editing_actions(self) -> list[QAction]:
        """The actions that write the database (or replace it): off while it is open read-only."""
        return [self.import_action, self.restore_action, self.new_progress_action, self.settings_action,
                self.draft_action, self.undo_action, *self.plan_edit_actions]

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
        if self._task_page is not None:
            self._task_page.panel.set_read_only(why)
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
            QTimer.singleShot(0, self, job)  # tied to the window: never run after it is gone
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
                QTimer.singleShot(0, self, job)

    def closeEvent(self, event) -> None:  # noqa: N802
        if self._task_page is not None and not self._task_page.panel.confirm_leaving():  # an unsaved assignee
            event.ignore()
            return
        qs = QSettings()
        qs.setValue("main/geometry", self.saveGeometry())
        if self._task_page is not None:
            self._task_page.save_layout()
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
        year = (self.plan.document.year if self.plan is not None else None) or self.today.year
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
        if self.plan_id is None or self.period is None or self.plan is None:
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
        from kstthc_desktop.reports.due import next_report_text

        produced = {r["period_key"] for r in self.store.reports(self.plan_id)}
        self.dashboard.show_data(data, self.plan.document.title and f"Kế hoạch năm {year}",
                                 printed_section_codes(self.plan.sections),
                                 report_due=next_report_text(settings.report_deadlines, self.today, produced))
        if self._task_page is not None:
            self._show_rows(self._task_page)
        if self.figures_page is not None:
            self.figures_page.set_context(self.store, self.period, settings.body_in_text)
        self._units_context()
        rows, sections = self.rows, self.plan.sections
        self.after_first_paint(lambda: prefold(rows, sections))  # the first search is then as fast as the rest

    def _show_rows(self, page: TaskPage) -> None:
        """Put the computed rows into the task page, with the dashboard filter still chosen recomputed for them."""
        if self.plan_id is None or self.period is None or self.plan is None:
            return
        year = self.plan.document.year or self.today.year
        card = None
        if page.card_filter is not None:
            key = page.card_filter[0]
            found = self._card_tasks(key)
            card = (key, *found) if found is not None else None
        page.show_rows(self.rows, self.plan.sections, year, self.period, card)

    # ------------------------------------------------------------------ dashboard click-through
    def _card_tasks(self, key: str) -> tuple[frozenset[int], str] | None:
        """The tasks a dashboard card or bar counts, and the chip's caption; None for a status card."""
        data = self.dashboard_data
        tasks = data.task_list(key)
        if tasks is not None:
            return frozenset(r.task.id for r in tasks if r.task.id is not None), card_caption(key, data.due_soon_days)
        if key.startswith(("section:", "lead:")):  # a bar: the tasks it counts, recomputed with the rows
            from kstthc_desktop.tracking import bar_task_ids

            kind, _, value = key.partition(":")
            return bar_task_ids(self.rows, **{kind: value}), BAR_FILTER_NAME
        return None

    def show_card(self, key: str, switch: bool = True) -> None:
        if getattr(self, "dashboard_data", None) is None:
            return
        page = self.task_page
        if switch:
            page.clear_filters()
        card = self._card_tasks(key)
        if card is not None:
            page.set_card_filter(key, *card)
        else:
            from kstthc_desktop.status import Status

            page.choose_status(Status[key])
        page.apply_filter()
        if switch:
            self.tabs.setCurrentIndex(1)

    def show_section(self, code: str) -> None:
        """A section's bar: the section chosen in the tree, and only the tasks its bar counts."""
        self.task_page.clear_filters()
        self.task_page.choose_section(code)
        self.show_card(f"section:{code}", switch=False)
        self.tabs.setCurrentIndex(1)

    def show_lead(self, lead: str) -> None:
        """A lead body's bar: the body chosen in the lead filter, and only the tasks its bar counts."""
        self.task_page.clear_filters()
        self.task_page.choose_lead(lead)
        self.show_card(f"lead:{lead}", switch=False)
        self.tabs.setCurrentIndex(1)

    # ------------------------------------------------------------------ selection and the panel
    def current_task_id(self) -> int | None:
        return self._task_page.current_task_id() if self._task_page is not None else None

    def select_task(self, task_id: int, *, keep_panel: bool = False) -> bool:
        """Select the task in the table and show it in the panel (see ``TaskPage.select_task``)."""
        return self.task_page.select_task(task_id, keep_panel=keep_panel)

    def open_task(self, task_id: int) -> None:
        self.tabs.setCurrentIndex(1)
        if not self.select_task(task_id):
            self.task_page.clear_filters()
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
        self.task_page.focus_search()

    def new_progress(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        if self.plan_id is None:
            return
        if self.read_only_reason():  # a double-click on the table: say why nothing opens
            self.statusBar().showMessage(self.read_only_reason(), 10000)
            return
        panel = self.task_page.panel
        self.tabs.setCurrentIndex(1)  # the officer sees which task the result is for
        if panel.row is None:
            QMessageBox.information(self, "Ghi kết quả", "Hãy chọn một nhiệm vụ trong bảng trước.")
            return
        panel.tabs.setCurrentIndex(1)
        panel.add_progress()

    def open_import(self) -> None:
        from kstthc_desktop.gui.import_wizard import ImportWizard

        with reporting_errors(self):
            wizard = ImportWizard(self.store, self.today, self)
            wizard.planSaved.connect(lambda plan_id: self.reload_plans(plan_id))
            wizard.exec()

    def open_draft(self) -> None:
        """Draft the body's own plan from the plan shown; the new plan is then shown."""
        if self.plan_id is None:
            return
        from kstthc_desktop.gui.draft_dialog import DraftDialog

        dialog = DraftDialog(self.store, self.plan_id, self.today, self)
        if dialog.exec() and dialog.saved_plan_id is not None:
            self.reload_plans(select_plan_id=dialog.saved_plan_id)

    def open_report(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        if self.plan_id is None:
            QMessageBox.information(self, "Lập báo cáo", "Hãy nhập kế hoạch trước khi lập báo cáo.")
            return
        from PySide6.QtCore import Qt

        from kstthc_desktop.gui.report_dialog import ReportDialog

        with reporting_errors(self):
            dialog = ReportDialog(self.store, self.plan_id, self.today, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # not one more hidden dialog per Ctrl+P
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
        if self._task_page is not None:
            self._task_page.panel.store = store
            self._task_page.clear_card_filter()
        if old is not store:
            try:
                old.close()
            except Exception:  # the old file may be gone after a restore
                log.exception("closing the previous database")
        self._apply_read_only()
        self.reload_plans()

    def show_locations(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from kstthc_desktop.logsetup import log_path

        QMessageBox.information(
            self, "Nơi lưu dữ liệu",
            plain(f"Cơ sở dữ liệu: {self.store.path}\nTệp văn bản đính kèm: {self.store.files_dir}\nNhật ký: {log_path()}"),
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
            QTimer.singleShot(60_000, self.notice, self.notice.hide)

    def _notice_link(self, link: str) -> None:
        if link == "close":
            self.notice.hide()
            return
        self.show_card(link)
