"""A database open read-only ("chỉ để xem") in the window: every action and button that writes is off and says
why, viewing, searching, backing up and reports to a file still work.

Read-only is real here, and works for root (CI runs the tests as root, who ignores file permissions): the first
program holds the database open (and its lock), the second opens it with ``read_only=True``, an SQLite
``mode=ro`` connection, exactly what "Mở chỉ để xem" does.
"""

from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.gui

TODAY = date(2024, 12, 13)


@pytest.fixture
def holder(tmp_path):
    """The first program: the demo database, open for writing (it holds the lock)."""
    from kstthc_desktop.demo import build_demo_db
    from kstthc_desktop.store import Store

    build_demo_db(tmp_path / "kstthc.sqlite3", TODAY)
    store = Store.open(tmp_path / "kstthc.sqlite3")
    yield store
    store.close()


@pytest.fixture
def viewer(qtbot, holder):
    """The second program's window over the same database opened read-only."""
    from conftest import show_main_window
    from kstthc_desktop.store import Store

    win = show_main_window(qtbot, Store.open(holder.path, read_only=True), TODAY)
    yield win
    win.store.close()


@pytest.fixture
def opened(monkeypatch):
    """The dialogs and message boxes that were opened (recorded and closed at once: none may block a test)."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    seen: list[str] = []
    monkeypatch.setattr(QDialog, "exec", lambda self: seen.append(type(self).__name__) or 0)
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(lambda *a, _k=kind, **k: seen.append(_k)))
    return seen


def test_read_only_window_turns_every_editing_action_off_and_says_why(viewer, qtbot, opened):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest

    assert viewer.windowTitle().endswith("(chỉ để xem)")
    for act in (viewer.import_action, viewer.new_progress_action, viewer.restore_action, viewer.settings_action):
        assert not act.isEnabled(), act.text()
        assert act.toolTip().startswith("Chỉ để xem"), act.text()
    label = viewer.read_only_label
    assert label.isVisible() and label.text().startswith("Chỉ để xem")
    assert "không ghi kết quả" in label.toolTip()
    assert viewer.statusBar().currentMessage().startswith("Chỉ để xem")
    # what only reads stays on
    for act in (viewer.search_action, viewer.backup_action, viewer.report_action, viewer.open_db_action,
                viewer.refresh_action):
        assert act.isEnabled(), act.text()

    # Ctrl+N, Ctrl+I and a double-click on a task open nothing
    row = next(r for r in viewer.rows if r.status.name == "IN_TIME")
    viewer.open_task(row.task.id)
    QTest.keySequence(viewer, QKeySequence("Ctrl+N"))
    QTest.keySequence(viewer, QKeySequence("Ctrl+I"))
    viewer.task_page.table.doubleClicked.emit(viewer.task_page.table.currentIndex())
    qtbot.wait(50)
    assert opened == []
    assert viewer.statusBar().currentMessage().startswith("Chỉ để xem")

    # the task panel: viewing yes, editing no
    panel = viewer.task_page.panel
    assert panel.row is not None and panel.row.task.id == row.task.id
    assert panel.tabs.isEnabled() and panel.progress_list.isEnabled()
    for button in panel.editing_buttons():
        assert not (button.isEnabled() and button.isVisibleTo(panel)), button.text()
        assert button.toolTip().startswith("Chỉ để xem"), button.text()
    assert not panel.assign_button.isVisibleTo(panel)  # "Lưu" of the assignee
    assert panel.assignee.isReadOnly() and panel.assignee.toolTip().startswith("Chỉ để xem")
    row_with_entries = next(r for r in viewer.rows if r.progress_count)
    viewer.open_task(row_with_entries.task.id)
    item = panel.progress_list.topLevelItem(0)  # a double-click on an entry opens no editor either
    panel.progress_list.setCurrentItem(item)
    panel.progress_list.itemDoubleClicked.emit(item, 0)
    assert opened == []

    # searching works
    viewer.task_page.search.setText("cong bo")
    assert 0 < viewer.task_page.proxy.rowCount() < viewer.task_page.model.rowCount()


def test_switching_to_a_writable_database_turns_editing_back_on(viewer, tmp_path):
    from kstthc_desktop.demo import build_demo_db
    from kstthc_desktop.store import Store

    viewer.ensure_task_page()
    build_demo_db(tmp_path / "khac.sqlite3", TODAY)
    viewer.use_store(Store.open(tmp_path / "khac.sqlite3"))
    assert not viewer.windowTitle().endswith("(chỉ để xem)")
    assert all(act.isEnabled() for act in viewer.editing_actions())
    assert not viewer.read_only_label.isVisible()
    assert not viewer.statusBar().currentMessage().startswith("Chỉ để xem")
    assert viewer.new_progress_action.toolTip().startswith("Ghi kết quả cho nhiệm vụ đang chọn")
    viewer.open_task(viewer.rows[0].task.id)
    assert viewer.task_page.panel.add_progress_button.isEnabled()
    assert viewer.task_page.panel.add_progress_button.toolTip() == "Ghi kết quả thực hiện cho nhiệm vụ này (Ctrl+N)"
    assert viewer.task_page.panel.assign_button.isVisibleTo(viewer.task_page.panel) and not viewer.task_page.panel.assignee.isReadOnly()


def test_an_empty_read_only_database_offers_no_import(qtbot, tmp_path):
    from kstthc_desktop.gui.app import make_application
    from kstthc_desktop.gui.main_window import MainWindow
    from kstthc_desktop.store import Store

    make_application()
    with Store.open(tmp_path / "trong.sqlite3"):
        store = Store.open(tmp_path / "trong.sqlite3", read_only=True)
        win = MainWindow(store, TODAY)
        qtbot.addWidget(win)
        try:
            assert win.welcome is not None and not win.welcome.import_button.isEnabled()
            assert win.welcome.import_button.toolTip().startswith("Chỉ để xem")
            assert not win.import_action.isEnabled()
        finally:
            store.close()


def test_a_report_to_a_file_is_made_from_a_read_only_database_without_writing_it(qtbot, holder, viewer, tmp_path):
    """Decision: a report is recorded in the database (store.record_report) and its typed parts are kept there;
    read-only, the dialog still previews, saves and prints it from the parts kept for the period, cannot take new
    parts (the fields are read-only) and records nothing, and says so."""
    from kstthc_desktop.gui.report_dialog import ReportDialog

    plan_id = viewer.plan_id
    holder.save_report_texts(plan_id, "2024-Q4", {"number": "27", "shortcomings": "Nhân sự kiêm nhiệm."})
    before = len(holder.reports(plan_id))
    dialog = ReportDialog(viewer.store, plan_id, TODAY, viewer)
    qtbot.addWidget(dialog)
    dialog.set_period("2024-Q4")
    assert "chỉ để xem" in dialog.windowTitle()
    assert dialog.read_only_notice.isVisibleTo(dialog) and "không được ghi" in dialog.read_only_notice.text()
    assert not dialog.save_texts_button.isEnabled()
    assert dialog.fields["shortcomings"].isReadOnly() and dialog.fields["number"].isReadOnly()
    assert dialog.fields["shortcomings"].toPlainText() == "Nhân sự kiêm nhiệm."
    written, digest = dialog.save_report(tmp_path / "bao-cao.pdf")
    assert written.is_file() and len(digest) == 64
    dialog.reject()
    assert len(holder.reports(plan_id)) == before  # nothing written to the database


@pytest.mark.parametrize("refusal, reason", [
    ("medium", "ổ đĩa hoặc thư mục chứa cơ sở dữ liệu chỉ cho phép đọc"),
    ("file", "tệp cơ sở dữ liệu chỉ cho phép đọc"),
], ids=["read-only-medium", "read-only-file"])
def test_a_database_that_cannot_be_written_here_opens_read_only_and_says_so(
        qtbot, tmp_path, monkeypatch, opened, refusal, reason):
    """A write-protected USB drive or read-only share (the folder), or a read-only file in a writable folder:
    opened read-only at once, no question asked, and the title and the status bar say so. Root ignores file
    permissions, so the OS's answer is given by the store's writability probe."""
    import errno

    from kstthc_desktop.demo import build_demo_db
    from kstthc_desktop.gui.app import _open_store, make_application
    from kstthc_desktop.gui.main_window import MainWindow
    from kstthc_desktop.store import opening

    make_application()
    db = tmp_path / "usb.sqlite3"
    build_demo_db(db, TODAY)
    error = (OSError(errno.EROFS, "Read-only file system", str(db)) if refusal == "medium"
             else PermissionError(errno.EACCES, "Permission denied", str(db)))
    monkeypatch.setattr(opening, "write_refusal", lambda path: error, raising=False)
    store = _open_store(db)  # what `kstthc --db` and "Mở cơ sở dữ liệu khác…" do
    assert store is not None and store.read_only and opened == []
    win = MainWindow(store, TODAY)
    qtbot.addWidget(win)
    try:
        assert win.windowTitle().endswith("Kế hoạch năm 2024 (chỉ để xem)")
        assert win.read_only_label.text() == f"Chỉ để xem — {reason}"
        assert win.statusBar().currentMessage().startswith(f"Chỉ để xem: {reason}.")
        assert not win.new_progress_action.isEnabled()
    finally:
        store.close()
    assert not list(tmp_path.glob("*.lock"))  # nothing made beside it
