"""The task page of the main window: the sections tree, the filters, the task table and the task panel.

It shows the rows the window computed (``show_rows``: ``tracking.TaskRow`` with their statuses for the chosen
period) and filters them on screen; it never computes statuses itself. The window builds it the first time the
tab is visited (the first paint shows the dashboard only), asks it to filter when a dashboard card or bar is
clicked (``set_card_filter``, ``choose_status``, ``choose_section``, ``choose_lead``), and recomputes when the
panel saved something (``taskChanged``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kstthc_desktop.domain import DeadlineKind
from kstthc_desktop.gui.dashboard import TOOLTIP_ROLE, USER_ROLE
from kstthc_desktop.gui.task_model import (
    COL_CONTENT,
    COL_DEADLINE,
    COL_DUE,
    COL_LEAD,
    COL_STATUS,
    COL_STT,
    TaskFilterProxy,
    TaskIdRole,
    TaskTableModel,
)
from kstthc_desktop.gui.task_panel import TaskPanel
from kstthc_desktop.status import DUE_STATUSES, Status
from kstthc_desktop.tracking import RowFilter, lead_bodies

LEGEND = (
    "<span style='background:#fde4e2'>&nbsp;quá hạn&nbsp;</span> "
    "<span style='background:#fff2d6'>&nbsp;sắp đến hạn&nbsp;</span> "
    "<span style='background:#e4f4e7'>&nbsp;hoàn thành đúng hạn / có kết quả&nbsp;</span> "
    "<span style='background:#edf1da'>&nbsp;hoàn thành quá hạn&nbsp;</span> "
    "<span style='background:#efeafa'>&nbsp;chưa có kết quả trong kỳ&nbsp;</span> "
    "<span style='background:#f3f3f3;color:#8a8a8a'>&nbsp;đã rút&nbsp;</span>"
)


#: Default widths: the sections tree and the task panel when open. At 1366 px the content column gets the rest
#: (about 60 characters on two lines) while no task is chosen, and still about 35 with the panel open.
TREE_WIDTH = 210
PANEL_WIDTH = 380


class TaskPage(QWidget):
    """Sections tree | filters over the task table | task panel, in a splitter the window remembers."""

    taskChanged = Signal(int)  # the panel saved something on this task: the window recomputes
    progressRequested = Signal()  # a double-click on a row: the window opens "Ghi kết quả"

    def __init__(self, store, today, read_only_reason: str = "", parent=None):
        super().__init__(parent)
        self.rows: list = []
        self.sections: list = []
        self.card_filter: tuple[str, frozenset[int]] | None = None
        self._loading = False
        outer = QHBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("taskSplitter")
        outer.addWidget(self.splitter)
        self.splitter.addWidget(self._build_section_tree())
        middle = QWidget()
        ml = QVBoxLayout(middle)
        ml.setContentsMargins(0, 0, 0, 0)
        ml.setSpacing(4)
        ml.addLayout(self._build_search_row())
        ml.addLayout(self._build_filter_row())
        ml.addWidget(self._build_table(), 1)
        legend = QLabel(LEGEND)
        legend.setStyleSheet("color: #444; font-size: 8.5pt;")
        ml.addWidget(legend)
        self.splitter.addWidget(middle)
        self.panel = TaskPanel(store, today)
        self.panel.set_read_only(read_only_reason)
        self.panel.changed.connect(self.taskChanged)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)  # a wider window widens the table, not the tree or the panel
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setCollapsible(1, False)
        self.splitter.setCollapsible(2, True)
        self.panel_width = PANEL_WIDTH  # the panel's width when open (the officer's, kept between sessions)
        self.splitter.setSizes([TREE_WIDTH, 1100, 0])  # the panel stays folded until a task is chosen

    # ------------------------------------------------------------------ building
    def _build_section_tree(self) -> QTreeWidget:
        tree = self.section_tree = QTreeWidget()
        tree.setObjectName("sectionTree")
        tree.setHeaderLabels(["Mục của kế hoạch", "Số NV"])
        tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        tree.header().setStretchLastSection(False)
        from kstthc_desktop.gui.wrapping_delegate import WrappingDelegate

        tree.setItemDelegateForColumn(0, WrappingDelegate(tree))  # whole titles, wrapped at the tree's width
        tree.setMinimumWidth(180)  # narrower, a wrapped title would take a line per word or be cut inside words
        tree.currentItemChanged.connect(lambda *_: self.apply_filter())
        return tree

    def _build_search_row(self) -> QHBoxLayout:
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
        return filters

    def _build_filter_row(self) -> QHBoxLayout:
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
        return filters2

    def _build_table(self) -> QTableView:
        self.model = TaskTableModel(self)
        self.proxy = TaskFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        table = self.table = QTableView()
        table.setObjectName("taskTable")
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setWordWrap(True)  # the content on two lines: it is what the officer reads
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(2 * table.fontMetrics().lineSpacing() + 10)
        table.setStyleSheet("QTableView { gridline-color: #e3e6ea; } QTableView::item:selected { background: #2f6db5; color: white; }")
        header = table.horizontalHeader()
        header.setSectionResizeMode(COL_CONTENT, QHeaderView.ResizeMode.Stretch)
        bold = QFont(table.font())
        bold.setBold(True)  # an overdue status is shown in bold: its column fits "Chưa hoàn thành – quá hạn" whole
        status_width = max(QFontMetrics(bold).horizontalAdvance(s.label) for s in Status) + 16
        for col, width in ((COL_STT, 50), (COL_LEAD, 105), (COL_DEADLINE, 95), (COL_DUE, 80), (COL_STATUS, status_width)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            table.setColumnWidth(col, width)
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        table.doubleClicked.connect(lambda *_: self.progressRequested.emit())
        return table

    # ------------------------------------------------------------------ layout memory
    def restore_layout(self) -> None:
        """The officer's widths of the last session: the tree, the panel (when open) and the table's columns.
        The panel starts folded all the same: nothing is chosen yet."""
        settings = QSettings()
        splitter, header = settings.value("main/splitter"), settings.value("main/taskHeader")
        with contextlib.suppress(TypeError, ValueError):  # a damaged settings file: keep the default widths
            if splitter is not None:
                self.splitter.restoreState(splitter)
            if header is not None:
                self.table.horizontalHeader().restoreState(header)
                self.table.horizontalHeader().setSectionResizeMode(COL_CONTENT, QHeaderView.ResizeMode.Stretch)
            self.panel_width = int(str(settings.value("main/panelWidth", PANEL_WIDTH))) or PANEL_WIDTH
        self.fold_panel()

    def save_layout(self) -> None:
        settings = QSettings()
        if self.splitter.sizes()[2] > 0:
            self.panel_width = self.splitter.sizes()[2]
        settings.setValue("main/splitter", self.splitter.saveState())
        settings.setValue("main/taskHeader", self.table.horizontalHeader().saveState())
        settings.setValue("main/panelWidth", self.panel_width)

    def fold_panel(self) -> None:
        """Give the panel's width to the table (no task chosen: an empty panel is a third of a laptop's screen)."""
        tree, table, panel = self.splitter.sizes()
        if panel > 0:
            self.panel_width = panel
            self.splitter.setSizes([tree, table + panel, 0])

    def unfold_panel(self) -> None:
        """Open the panel at the officer's width, taken from the table."""
        tree, table, panel = self.splitter.sizes()
        if panel == 0:
            width = min(self.panel_width, max(table - 320, 200))
            self.splitter.setSizes([tree, table - width, width])

    # ------------------------------------------------------------------ showing rows
    def show_rows(self, rows: list, sections: list, year: int, period,
                  card: tuple[str, frozenset[int], str] | None = None) -> None:
        """Show the computed rows (table, filter choices, tree, panel), keeping the selection and the filters;
        ``card``: the dashboard filter still chosen, as (key, its tasks among these rows, caption)."""
        current = self.current_task_id()
        self.rows, self.sections = rows, sections
        self.panel.set_context(year, period, sections)
        self.proxy.sections = sections
        self._fill_filter_choices()
        self.model.set_rows(rows, sections)
        self._fill_sections()
        if card is not None:
            self.set_card_filter(*card)
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
        present = {r.status for r in self.rows}
        for st in Status:
            if st in present or st in DUE_STATUSES:  # the others only when some task has them
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
        for s in self.sections:
            label = f"{s.printed_code or s.code}. {s.title}"
            item = QTreeWidgetItem([label, ""])
            item.setToolTip(0, label)  # the whole title on hover; widening the tree shows it too
            item.setToolTip(1, label)
            item.setData(0, USER_ROLE, s.code)
            parent = items.get(s.parent or "")
            (parent.addChild(item) if parent is not None else self.section_tree.addTopLevelItem(item))
            items[s.code] = item
        for code, item in items.items():  # a group counts its sections' tasks too
            total = counts.get(code, 0) + sum(counts.get(s.code, 0) for s in self.sections if s.parent == code)
            item.setText(1, str(total))
        self.section_tree.expandAll()
        target = items.get(selected or "", all_item)
        self.section_tree.setCurrentItem(target)
        self._loading = False

    def _selected_section(self) -> str:
        item = self.section_tree.currentItem()
        return item.data(0, USER_ROLE) if item is not None else ""

    def _tree_items(self) -> Iterator[QTreeWidgetItem]:
        stack = [self.section_tree.topLevelItem(i) for i in range(self.section_tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item is None:
                continue
            yield item
            stack.extend(item.child(i) for i in range(item.childCount()))

    # ------------------------------------------------------------------ filtering
    def current_filter(self) -> RowFilter:
        status = self.status_combo.currentData()
        return RowFilter(
            search=self.search.text(),
            statuses=frozenset([status]) if status is not None else frozenset(),
            kind=self.kind_filter.currentData(),
            lead=self.lead_filter.currentData() or "",
            mine_only=self.mine_check.isChecked(),
            section=self._selected_section() or "",
            task_ids=self.card_filter[1] if self.card_filter else None,
        )

    def apply_filter(self) -> None:
        if self._loading:
            return
        self.proxy.set_filter(self.current_filter())
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown}/{total} nhiệm vụ" if shown != total else f"{total} nhiệm vụ")

    def clear_filters(self) -> None:
        self._loading = True
        self.search.clear()
        self.status_combo.setCurrentIndex(0)
        self.kind_filter.setCurrentIndex(0)
        self.lead_filter.setCurrentIndex(0)
        self.mine_check.setChecked(False)
        everything = self.section_tree.topLevelItem(0)  # "Tất cả nhiệm vụ"
        if everything is not None:
            self.section_tree.setCurrentItem(everything)
        self.card_filter = None
        self.card_chip.hide()
        self._loading = False
        self.apply_filter()

    def clear_card_filter(self) -> None:
        self.card_filter = None
        self.card_chip.hide()
        self.apply_filter()

    def set_card_filter(self, key: str, task_ids: frozenset[int], caption: str) -> None:
        """Only the tasks a dashboard card or bar counts, named by a chip that removes the filter when clicked."""
        self.card_filter = (key, task_ids)
        self.card_chip.setText(f"{caption}  ✕")
        self.card_chip.show()

    def choose_status(self, status: Status) -> None:
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(status)))

    def choose_section(self, code: str) -> None:
        for item in self._tree_items():
            if item.data(0, USER_ROLE) == code:
                self.section_tree.setCurrentItem(item)

    def choose_lead(self, lead: str) -> None:
        self.lead_filter.setCurrentIndex(max(0, self.lead_filter.findData(lead)))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # ------------------------------------------------------------------ selection and the panel
    def current_task_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(TaskIdRole) if index.isValid() else None

    def _current_changed(self, current, _previous) -> None:
        if not current.isValid():
            self.panel.show_task(None)
            return
        source = self.proxy.mapToSource(current)
        self.unfold_panel()
        self.panel.show_task(self.model.rows[source.row()])

    def select_task(self, task_id: int, *, keep_panel: bool = False) -> bool:
        """Select the task in the table and show it in the panel; False when the table does not show it.

        A task not in the plan shown (another year, another database) leaves the panel empty: a result typed
        there would be saved on a task the officer no longer sees. ``keep_panel``: a task hidden only by the
        filters stays in the panel (the one just edited, so its document can be added next)."""
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
