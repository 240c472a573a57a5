"""The task page at 1366 px (issue 14, item 8): the content has the room, on two lines; the panel stays folded
until a task is chosen; the sections' titles are readable on hover; the officer's widths are kept."""

from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.gui

TODAY = date(2024, 12, 13)


@pytest.fixture
def window(demo_window):
    return demo_window  # conftest.demo_window: the demo database, "today" 13/12/2024


def _task_page(window, qtbot):
    window.tabs.setCurrentIndex(1)
    page = window.ensure_task_page()
    qtbot.waitUntil(lambda: page.table.isVisible() and page.proxy.rowCount() > 0)
    return page


def _content_chars(page) -> float:
    from kstthc_desktop.gui.task_model import COL_CONTENT

    return page.table.columnWidth(COL_CONTENT) / page.table.fontMetrics().averageCharWidth()


def test_the_content_has_the_room_and_the_panel_waits_for_a_task(window, qtbot):
    from PySide6.QtCore import Qt

    page = _task_page(window, qtbot)
    assert page.splitter.sizes()[2] == 0  # nothing chosen: no empty panel
    assert _content_chars(page) >= 60  # was about 18 at 1366 px
    assert page.table.wordWrap()
    assert page.table.rowHeight(0) >= 2 * page.table.fontMetrics().lineSpacing()  # two lines per row
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.table.visualRect(page.proxy.index(2, 1)).center())
    qtbot.waitUntil(lambda: page.panel.row is not None)
    assert page.splitter.sizes()[2] >= 300  # the chosen task's panel opens
    assert _content_chars(page) >= 30


def test_a_section_title_is_whole_on_hover(window, qtbot):
    page = _task_page(window, qtbot)
    item = page.section_tree.topLevelItem(1)
    section = page.sections[0]
    assert section.title in item.toolTip(0)
    before = page.section_tree.visualItemRect(item).width()
    tree, table, panel = page.splitter.sizes()
    page.splitter.setSizes([tree + 200, table - 200, panel])
    qtbot.waitUntil(lambda: page.section_tree.visualItemRect(item).width() > before)


def test_the_officers_widths_are_kept_between_sessions(window, qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from conftest import show_main_window
    from kstthc_desktop.gui.task_model import COL_LEAD
    from kstthc_desktop.store import Store

    settings = QSettings()
    saved = {key: settings.value(key) for key in ("main/splitter", "main/taskHeader", "main/panelWidth")}
    try:
        page = _task_page(window, qtbot)
        page.table.setColumnWidth(COL_LEAD, 170)
        page.panel_width = 333
        tree = page.splitter.sizes()[0]
        page.splitter.setSizes([tree + 40, page.splitter.sizes()[1] - 40, 0])
        window.close()
        again = show_main_window(qtbot, Store.open(tmp_path / "demo.sqlite3", lock=False), TODAY, demo=True)
        page2 = _task_page(again, qtbot)
        assert page2.table.columnWidth(COL_LEAD) == 170
        assert page2.splitter.sizes()[0] == tree + 40 and page2.panel_width == 333
        again.store.close()
    finally:
        for key, value in saved.items():
            settings.remove(key) if value is None else settings.setValue(key, value)
