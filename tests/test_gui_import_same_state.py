"""The import wizard and ``kstthc import`` save through one operation (``operations.imports.save_import``): for the
same file they leave the same database (every table, ids and timestamps aside) and take the same backups."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from conftest import PLANS
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWizard
from test_import_store import amended

from kstthc_desktop.cli import main
from kstthc_desktop.store import Store
from kstthc_desktop.store.backup import list_backups

pytestmark = pytest.mark.gui

#: Columns that differ between two saves of the same thing: row ids and the moment of writing.
UNCOMPARED = {"id", "at", "produced_at"}
#: The database's own identity (its id, its home path), not something an import writes.
OWN_TABLES = {"meta"}


def contents(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows (as sorted tuples of column=value), without ids, timestamps and the database's identity."""
    conn = sqlite3.connect(db)
    try:
        tables = [name for (name,) in conn.execute("select name from sqlite_master where type = 'table'")
                  if not name.startswith(("sqlite_", "_sqlite")) and name not in OWN_TABLES]
        found = {}
        for table in tables:
            cursor = conn.execute(f"select * from [{table}]")
            names = [d[0] for d in cursor.description]
            found[table] = sorted(repr([(n, v) for n, v in zip(names, row, strict=False) if n not in UNCOMPARED]) for row in cursor)
        return found
    finally:
        conn.close()


def import_with_the_wizard(qtbot, monkeypatch, db: Path, path: Path, take_file: bool = False) -> list[str]:
    """Import ``path`` through the wizard (``take_file``: «Lấy theo tệp mới» for every conflict); the "after"
    values its list of changes showed."""
    from kstthc_desktop.gui.import_wizard import ImportWizard
    from kstthc_desktop.gui.reimport_conflicts import TAKE

    with Store.open(db) as store:
        wizard = ImportWizard(store, date(2024, 7, 1))
        qtbot.addWidget(wizard)
        wizard.show()
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
        qtbot.mouseClick(wizard.source_page.open_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
        assert wizard.currentId() == wizard.PAGE_CONFIRM
        asked = wizard.confirm_page.conflicts
        for row in range(asked.table.rowCount() if take_file else 0):
            asked.choice(row).setCurrentText(TAKE)
        tree = wizard.confirm_page.changes
        shown = [grandchild.text(2) for i in range(tree.topLevelItemCount()) for j in
                 range(tree.topLevelItem(i).childCount()) for grandchild in
                 (tree.topLevelItem(i).child(j).child(k) for k in range(tree.topLevelItem(i).child(j).childCount()))]
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
        assert wizard.saved_plan_id is not None
        wizard.close()
    return shown


def import_with_the_command_line(db: Path, path: Path, *options: str) -> None:
    assert main(["import", str(path), "--db", str(db), *options]) == 0


def test_a_new_plan_saved_by_the_wizard_and_by_kstthc_import_is_the_same(qtbot, monkeypatch, tmp_path, capsys):
    plan = PLANS / "vinh-long-2024.xlsx"
    by_window, by_command = tmp_path / "cua-so.sqlite3", tmp_path / "dong-lenh.sqlite3"
    import_with_the_wizard(qtbot, monkeypatch, by_window, plan)
    import_with_the_command_line(by_command, plan)
    window, command = contents(by_window), contents(by_command)
    assert len(window["tasks"]) == 40 and window["history"]
    assert window == command
    assert [b.reason for b in list_backups(by_window)] == [b.reason for b in list_backups(by_command)] == ["truoc-nhap"]


def test_an_amended_plan_applied_by_the_wizard_and_by_kstthc_import_is_the_same(qtbot, monkeypatch, tmp_path, capsys):
    by_window, by_command = tmp_path / "cua-so.sqlite3", tmp_path / "dong-lenh.sqlite3"
    for db in (by_window, by_command):
        import_with_the_command_line(db, PLANS / "vinh-long-2024.docx")
    path, _changed, dropped, _new = amended(tmp_path)
    import_with_the_wizard(qtbot, monkeypatch, by_window, path)
    import_with_the_command_line(by_command, path)
    window, command = contents(by_window), contents(by_command)
    assert len(window["tasks"]) == 41 and any(dropped["content"][:40] in row for row in window["tasks"])
    assert window == command
    reasons = [sorted(b.reason for b in list_backups(db)) for db in (by_window, by_command)]
    assert reasons[0] == reasons[1] == ["truoc-nhap", "truoc-nhap-lai"]


def test_conflicts_given_to_the_file_in_the_wizard_and_by_kstthc_import_take_file_are_the_same(
        qtbot, monkeypatch, tmp_path, capsys):
    from kstthc_desktop.operations import plan_edit

    by_window, by_command = tmp_path / "cua-so.sqlite3", tmp_path / "dong-lenh.sqlite3"
    path, changed, _dropped, _new = amended(tmp_path)  # the file changes the first task's deadline to "Quý I/2024"
    for db in (by_window, by_command):
        import_with_the_command_line(db, PLANS / "vinh-long-2024.docx")
        with Store.open(db) as store:  # the officer corrected the same deadline by hand
            [task] = [t for t in store.tasks(store.plans()[0].id) if t.content == changed["content"]]
            plan_edit.edit_task(store, task.id, deadline_text="Trước ngày 20/02/2024")
    shown = import_with_the_wizard(qtbot, monkeypatch, by_window, path, take_file=True)
    import_with_the_command_line(by_command, path, "--take-file")
    assert "Quý I/2024" in shown  # the window showed the file's deadline among the changes …
    window, command = contents(by_window), contents(by_command)
    assert any("'Quý I/2024'" in row and changed["content"][:40] in row for row in window["tasks"])  # … and saved it
    assert window == command
