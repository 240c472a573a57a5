"""Checking a database on demand ("Kiểm tra dữ liệu", ``kstthc check``): SQLite's own checks plus evidence files.

Reads only (a read-only connection, no lock), so it can run while the program has the database open. The one
exception: a restore a crash interrupted is first finished or undone, as every start does, when nobody holds the
database (``finish_interrupted_restore``): the check judges the database the next start would open, and never calls
damaged, advising a restore, the file a decided restore was about to replace.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from kstthc_desktop.errors import UserError
from kstthc_desktop.store import files as evfiles


@dataclass
class CheckReport:
    """What a check found. ``problems`` are Vietnamese sentences; empty means all is well."""

    path: Path
    full: bool
    problems: list[str] = field(default_factory=list)
    missing_files: list[str] = field(default_factory=list)  # referenced by a row, absent on disk
    damaged_files: list[str] = field(default_factory=list)  # content does not match its name (full check only)
    orphan_files: list[Path] = field(default_factory=list)  # on disk, used by no row (harmless; can be cleaned)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_file(db_path: Path | str, *, full: bool = False) -> CheckReport:
    """Check the database at ``db_path``: quick_check (integrity_check and file hashes when ``full``)."""
    from kstthc_desktop.store.opening import DamagedDatabase, damaged_message, looks_like_sqlite, reading_connection

    db_path = Path(db_path)
    report = CheckReport(db_path, full)
    finish_interrupted_restore(db_path)
    if not db_path.is_file():
        raise UserError(f"Không tìm thấy tệp cơ sở dữ liệu \"{db_path}\".")
    try:
        if not looks_like_sqlite(db_path):
            raise DamagedDatabase(damaged_message(db_path))
    except OSError as exc:
        raise UserError(f"Không đọc được tệp \"{db_path}\".", detail=str(exc)) from exc
    try:
        with reading_connection(db_path) as conn:
            used = _check_connection(conn, report, db_path, full)
    except sqlite3.DatabaseError as exc:
        raise DamagedDatabase(damaged_message(db_path), detail=str(exc)) from exc
    except OSError as exc:
        from kstthc_desktop.store.media import medium_error

        raise (medium_error(exc, None, prefix=f"Không kiểm tra được \"{db_path.name}\".")
               or UserError(f"Không đọc được tệp \"{db_path}\".", detail=str(exc))) from exc
    if used is None:
        return report
    files_dir = evfiles.files_dir_for(db_path)
    for sha in used:
        path = evfiles.stored_path(files_dir, sha)
        if path is None or not path.is_file():
            report.missing_files.append(sha)
        elif full and evfiles.file_sha256(path) != sha:
            report.damaged_files.append(sha)
    stored = evfiles.stored_files(files_dir)
    report.orphan_files = sorted(p for sha, p in stored.items() if sha not in set(used))
    report.orphan_files += evfiles.leftover_temp_files(files_dir)
    if report.missing_files:
        report.problems.append(f"Thiếu {len(report.missing_files)} tệp minh chứng trong thư mục \"{files_dir}\".")
    if report.damaged_files:
        report.problems.append(f"{len(report.damaged_files)} tệp minh chứng bị thay đổi hoặc hỏng.")
    return report


def finish_interrupted_restore(db_path: Path) -> None:
    """Finish (or undo) a restore a crash interrupted, as a start would, if nobody holds the database (a program
    holding it has done so already; a read-only medium cannot have one)."""
    from kstthc_desktop.store.lock import DatabaseLock
    from kstthc_desktop.store.restoring import recover_interrupted_restore, restore_work_folders

    if not restore_work_folders(db_path):
        return
    try:
        with DatabaseLock(db_path):
            recover_interrupted_restore(db_path)
    except (UserError, OSError):  # locked by a running program, or a folder that cannot be written
        return


def _check_connection(conn: sqlite3.Connection, report: CheckReport, db_path: Path, full: bool) -> list[str] | None:
    """SQLite's checks and the counts into ``report``; the evidence files the rows use (None: stop here)."""
    from kstthc_desktop.store.opening import applied_migrations, check_database
    from kstthc_desktop.store.versions import KNOWN_MIGRATIONS

    sqlite_problems = check_database(conn, full=full)
    if sqlite_problems:
        report.problems.append(f"SQLite báo lỗi trong tệp ({len(sqlite_problems)} lỗi): {sqlite_problems[0]}")
        return None
    applied = applied_migrations(conn)
    if not applied:
        report.problems.append("Tệp không phải là cơ sở dữ liệu của KSTTHC Desktop.")
        return None
    if any(name not in KNOWN_MIGRATIONS for name in applied):
        report.problems.append("Cơ sở dữ liệu được tạo bởi phiên bản mới hơn của chương trình.")
        return None
    for table in ("plans", "tasks", "progress", "evidence", "history"):
        report.counts[table] = conn.execute(f"select count(*) from {table}").fetchone()[0]
    return [r[0] for r in conn.execute("select distinct file_sha256 from evidence where file_sha256 != ''")]
