"""Start-up stays light: what the first paint needs, and nothing the officer does not see yet.

Each check runs in a fresh Python process (the test process has long imported everything)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _modules_after(code: str, tmp_path: Path) -> set[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_opening_and_reading_a_current_database_does_not_import_sqlite_utils(tmp_path):
    from kstthc_desktop.demo import build_demo_db

    db = tmp_path / "demo.sqlite3"
    build_demo_db(db, date(2024, 12, 13))
    code = (
        "from datetime import date\n"
        "from kstthc_desktop.store import Store\n"
        "from kstthc_desktop.tracking import task_rows\n"
        "from kstthc_desktop.periods import parse_period\n"
        f"store = Store.open({str(db)!r}, lock=False)\n"
        "plan = store.load_plan(store.plans()[0].id)\n"
        "assert task_rows(store, plan.id, parse_period('2024-Q4'), date(2024, 12, 13))\n"
        "store.settings(); store.progress(plan_id=plan.id); store.evidence(plan_id=plan.id)\n"
    )
    modules = _modules_after(code, tmp_path)
    assert "sqlite_utils" not in modules


def test_the_migration_names_the_store_checks_are_the_schema_migrations():
    from kstthc_desktop.store import schema, versions

    assert schema.KNOWN_MIGRATIONS == versions.KNOWN_MIGRATIONS
    assert schema.SCHEMA_VERSION == versions.SCHEMA_VERSION


def test_the_log_moves_aside_past_its_size_keeping_five_old_files(tmp_path):
    import logging

    from kstthc_desktop.logsetup import RotatingLog

    handler = RotatingLog(tmp_path / "kstthc.log", max_bytes=200, backups=5)
    handler.setFormatter(logging.Formatter("%(message)s"))
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "x" * 60, None, None)
    for _ in range(40):
        handler.emit(record)
    handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["kstthc.log"] + [f"kstthc.log.{i}" for i in range(1, 6)]
    assert all(p.stat().st_size <= 200 + 61 for p in tmp_path.iterdir())


def test_the_window_s_command_line_needs_no_subcommand_module():
    from kstthc_desktop.cli import _may_name_a_command, build_parser

    args = build_parser(commands=_may_name_a_command(["--demo", "--today", "2024-12-13"])).parse_args(
        ["--demo", "--today", "2024-12-13"])
    assert args.demo and args.today == "2024-12-13" and getattr(args, "_run", None) is None
    assert _may_name_a_command(["--db", "x.sqlite3", "report", "--period", "2024-Q4"])
    assert _may_name_a_command(["--help"])


def test_the_demo_s_evidence_files_can_follow_the_database(tmp_path):
    from kstthc_desktop.demo import copy_demo_files, fresh_demo_copy
    from kstthc_desktop.store import Store

    today = date(2024, 12, 13)
    (tmp_path / "run").mkdir()
    db = fresh_demo_copy(tmp_path / "run", today, tmp_path / "cache", files_later=True)
    with Store.open(db, lock=False) as store:
        with_files = [e for e in store.evidence() if e.file_sha256]
        assert with_files and not any(store.evidence_path(e) for e in with_files)
        copy_demo_files(db, today, tmp_path / "cache")
        assert all(store.evidence_path(e) for e in with_files)
        copy_demo_files(db, today, tmp_path / "cache")  # a second call changes nothing


def test_the_program_turns_the_garbage_collector_back_on_after_its_first_paint(tmp_path):
    # The program as the officer runs it (--exit-after-start drops what waits for the first paint), closed
    # once the collector is back on.
    code = (
        "import gc\n"
        "import kstthc_desktop.gui.app as app\n"
        "seen = []\n"
        "real = app._collect_garbage_again\n"
        "def collect():\n"
        "    from PySide6.QtWidgets import QApplication\n"
        "    seen.append(gc.isenabled())\n"
        "    real()\n"
        "    seen.append(gc.isenabled())\n"
        "    QApplication.quit()\n"
        "app._collect_garbage_again = collect\n"
        "from kstthc_desktop.cli import main\n"
        "status = main(['--demo'])\n"
        "assert status == 0 and seen == [False, True], (status, seen)\n"
    )
    _modules_after(code, tmp_path)


def test_the_first_paint_leaves_the_qt_namespace_unbuilt(tmp_path):
    # PySide6 turns the whole Qt namespace into Python enums (~13 ms) on its first use: the dashboard names none.
    code = (
        "from kstthc_desktop.cli import main\n"
        "status = main(['--demo', '--exit-after-start'])\n"
        "import PySide6.QtCore as core\n"
        "assert status == 0 and 'Qt' not in vars(core), 'the first paint built the Qt namespace'\n"
    )
    _modules_after(code, tmp_path)


def test_the_dashboard_s_cards_and_bars_show_a_hand_under_the_mouse(qtbot):
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QEnterEvent
    from PySide6.QtWidgets import QApplication

    from kstthc_desktop.gui.dashboard import BarChart, StatCard

    for widget in (StatCard("Quá hạn", "#a61b1b"), BarChart()):
        qtbot.addWidget(widget)
        QApplication.sendEvent(widget, QEnterEvent(QPointF(1, 1), QPointF(1, 1), QPointF(1, 1)))
        assert widget.cursor().shape() == Qt.CursorShape.PointingHandCursor
