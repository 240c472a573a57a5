"""The demo (``kstthc --demo``) and the officer's data: a restore in the demo keeps its "before the restore" backup
in the demo's own temporary folder, never in the officer's backups folder; and once another database is opened
from the demo window, the title no longer calls it demo data (a read-only one says "(chỉ để xem)").

The restore runs in the real ``kstthc --demo`` (``run_gui``, its event loop driven by a timer); the title tests use a
window over a demo copy. Message boxes and file dialogs are answered by patching them; the user folders are the
test's own (conftest), so "the officer's backups folder" is the test's.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

pytestmark = pytest.mark.gui

TODAY = date(2024, 12, 13)


@pytest.fixture
def answered(monkeypatch):
    """Every question is answered with its first button; what was said is kept."""
    said: list[str] = []

    def fake_exec(box):
        said.append(f"{box.windowTitle()}: {box.text()}")
        box.buttons()[0].click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(
            lambda parent, title, text, *a, **k: said.append(f"{title}: {text}")))
    return said


@pytest.fixture
def demo_window(qtbot, tmp_path):
    from kstthc_desktop.demo import fresh_demo_copy
    from kstthc_desktop.gui.app import make_application
    from kstthc_desktop.gui.main_window import MainWindow
    from kstthc_desktop.store import Store

    make_application()
    workdir = tmp_path / "kstthc-demo-x"
    workdir.mkdir()
    win = MainWindow(Store.open(fresh_demo_copy(workdir, TODAY), lock=False), TODAY, demo=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.store.close()


def test_a_restore_in_the_demo_keeps_its_backup_out_of_the_officer_s_backups_folder(
        qapp, tmp_path, monkeypatch, answered):
    from types import SimpleNamespace

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kstthc_desktop.gui.app import run_gui
    from kstthc_desktop.gui.main_window import MainWindow
    from kstthc_desktop.store.backup import default_backup_dir

    import sys

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own: undone after the test
    real_backups = default_backup_dir()
    before = sorted(real_backups.glob("*")) if real_backups.exists() else []
    target = tmp_path / "sao-luu-demo.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(target), "")))
    seen = {}

    def officer():
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        try:
            window.backup_action.trigger()
            window.restore_action.trigger()
            folder = window.store.path.parent  # the demo's temporary folder (deleted on exit)
            seen["kept"] = sorted(p.name for p in folder.rglob("*truoc-khoi-phuc*"))
            seen["title"] = window.windowTitle()
        finally:
            QApplication.instance().exit(0)

    QTimer.singleShot(300, officer)
    never_hang = QTimer()  # stopped below: left running, it would end the event loops of the tests that follow
    never_hang.setSingleShot(True)
    never_hang.timeout.connect(lambda: QApplication.instance().exit(1))
    never_hang.start(30000)
    try:
        assert run_gui(SimpleNamespace(demo=True, today=None, exit_after_start=False)) == 0
    finally:
        never_hang.stop()
    assert target.is_file(), answered
    assert any(line.startswith("Đã khôi phục") for line in answered), answered
    after = sorted(real_backups.glob("*")) if real_backups.exists() else []
    assert after == before, f"demo data written into the officer's backups folder: {after}"
    assert len(seen["kept"]) == 1 and seen["kept"][0].startswith("demo-")  # kept in the demo's own folder
    assert seen["title"].endswith("(dữ liệu mẫu)")


def test_a_locked_database_opened_read_only_from_the_demo_is_titled_read_only(
        demo_window, tmp_path, monkeypatch, answered):
    from kstthc_desktop.demo import build_demo_db
    from kstthc_desktop.store import Store

    other = tmp_path / "cua-toi.sqlite3"
    build_demo_db(other, TODAY)
    with Store.open(other):  # another program has it open
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(other), "")))
        demo_window.open_db_action.trigger()  # "Mở chỉ để xem" is the first answer
        assert any("đang được mở" in line for line in answered), answered
        assert demo_window.store.path == other and demo_window.store.read_only
        title = demo_window.windowTitle()
        assert title.endswith("Kế hoạch năm 2024 (chỉ để xem)") and "dữ liệu mẫu" not in title
        assert demo_window.read_only_label.text().startswith("Chỉ để xem — một chương trình KSTTHC khác")


def test_a_writable_database_opened_from_the_demo_is_not_called_demo_data(demo_window, tmp_path, monkeypatch,
                                                                          answered):
    from kstthc_desktop.demo import build_demo_db

    other = tmp_path / "cua-toi.sqlite3"
    build_demo_db(other, TODAY)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(other), "")))
    demo_window.open_db_action.trigger()
    assert demo_window.store.path == other and not demo_window.store.read_only
    assert demo_window.windowTitle().endswith("Kế hoạch năm 2024")
