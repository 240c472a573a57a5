"""Restoring without a moment where a power cut leaves no database, and refusing a backup that carries a trap.

A restore builds the new database in a work folder beside the target (``.<name>.khoi-phuc-*``: the same disk,
so the last step is one rename), copies the evidence files into the managed folder (named by their hash, so
adding them harms nothing), keeps the current state (a backup, or a copy of a damaged file), and only then writes
``san-sang.json`` into the work folder: from that moment the restore is decided. The last step renames the new
database over the target. A restore killed at any moment leaves either the old database or the new one at the
path; the next start (``recover_interrupted_restore``, under the database's lock) finishes a decided restore and
undoes (removes) an undecided one, and says so in the log.

A restored database must have exactly the schema our migrations build (``schema_differences``): an extra trigger
that deletes all progress on the next change, or a dropped table, passes SQLite's integrity check but is refused.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sqlite3
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

READY = "san-sang.json"
NEW_DB = "database.sqlite3"


def work_prefix(db_path: Path) -> str:
    return f".{db_path.name}.khoi-phuc-"


def restore_work_folders(db_path: Path) -> list[Path]:
    prefix = work_prefix(db_path)
    try:
        return sorted(p for p in db_path.parent.iterdir() if p.name.startswith(prefix) and p.is_dir())
    except OSError:
        return []


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def mark_ready(work: Path, db_path: Path, previous: Path | None) -> None:
    """Decide the restore: the new database in ``work`` is complete and the old state is kept."""
    from kstthc_desktop.store.files import fsync_dir

    _fsync_file(work / NEW_DB)
    tmp = work / (READY + ".part")
    tmp.write_text(json.dumps({"target": str(db_path), "previous": str(previous or "")}, ensure_ascii=False),
                   encoding="utf-8")
    _fsync_file(tmp)
    os.replace(tmp, work / READY)
    fsync_dir(work)


def put_in_place(work: Path, db_path: Path) -> None:
    """The one rename that switches the database (the old -wal/-shm go first: they belong to the old file)."""
    from kstthc_desktop.store.files import fsync_dir

    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    os.replace(work / NEW_DB, db_path)
    fsync_dir(db_path.parent)


def recover_interrupted_restore(db_path: Path) -> list[str]:
    """Finish a decided restore a crash interrupted, undo an undecided one; what was done (also in the log).
    Called with the database's lock held, before the database is looked at."""
    done: list[str] = []
    for work in restore_work_folders(db_path):
        if (work / READY).is_file() and (work / NEW_DB).is_file():
            put_in_place(work, db_path)
            log.warning("finished the restore of %s that was interrupted (%s)", db_path, work)
            done.append("finished")
        elif (work / READY).is_file():  # renamed into place already: only the folder was left
            log.warning("removed the work folder of a finished restore of %s: %s", db_path, work)
            done.append("cleaned")
        else:
            log.warning("removed the work folder of a restore of %s that was interrupted before it was decided: %s",
                        db_path, work)
            done.append("undone")
        shutil.rmtree(work, ignore_errors=True)
    return done


# ---------------------------------------------------------------------------------------------- the schema
def _normal_sql(sql: str | None) -> str:
    return re.sub(r"\s+", " ", sql or "").strip().lower()


def schema_signature(conn: sqlite3.Connection) -> dict[str, tuple[object, ...]]:
    """What makes up a database's schema, comparable between two files: every table's columns and foreign keys,
    every index's table, uniqueness and columns, every trigger's and view's text."""
    found: dict[str, tuple[object, ...]] = {}
    rows = conn.execute("select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_%'").fetchall()
    for kind, name, table, sql in rows:
        if kind == "table":
            columns = tuple(tuple(r[1:6]) for r in conn.execute(f"PRAGMA table_xinfo([{name}])"))
            keys = tuple(sorted(tuple(r[2:5]) for r in conn.execute(f"PRAGMA foreign_key_list([{name}])")))
            found[f"bảng \"{name}\""] = (columns, keys)
        elif kind == "index":
            columns = tuple(r[2] for r in conn.execute(f"PRAGMA index_info([{name}])"))
            unique = _normal_sql(sql).startswith("create unique")
            found[f"chỉ mục \"{name}\""] = (table, unique, columns, _normal_sql(sql).split(" where ", 1)[1:])
        else:
            found[f"{'trigger' if kind == 'trigger' else 'view'} \"{name}\""] = (table, _normal_sql(sql))
    return found


@lru_cache(maxsize=1)
def reference_signature() -> tuple[tuple[str, tuple[object, ...]], ...]:
    """The schema every migration builds on an empty database (made once, in memory)."""
    from sqlite_utils import Database

    from kstthc_desktop.store.schema import migrations

    conn = sqlite3.connect(":memory:")
    try:
        migrations.apply(Database(conn))
        return tuple(sorted(schema_signature(conn).items()))
    finally:
        conn.close()


def schema_differences(conn: sqlite3.Connection) -> list[str]:
    """How the schema behind ``conn`` differs from ours (Vietnamese phrases); [] when it is exactly ours."""
    expected = dict(reference_signature())
    actual = schema_signature(conn)
    problems = [f"thiếu {what}" for what in expected if what not in actual]
    problems += [f"thừa {what}" for what in actual if what not in expected]
    problems += [f"{what} khác" for what in expected if what in actual and actual[what] != expected[what]]
    return problems


def migrate_copy(db_file: Path) -> None:
    """Bring a restored copy of an older program's database to the current schema (in the work folder)."""
    from sqlite_utils import Database

    from kstthc_desktop.store.schema import migrations

    conn = sqlite3.connect(str(db_file))
    try:
        migrations.apply(Database(conn))
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()
