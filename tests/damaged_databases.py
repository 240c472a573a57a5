"""A sound database like the officer's (the demo's), and damage that only SQLite's check of the whole file finds."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from kstthc_desktop.demo import build_demo_db
from kstthc_desktop.store import Store


def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "kstthc.sqlite3"
    build_demo_db(path, date(2024, 12, 13))
    Store.open(path, lock=False).close()  # as the program leaves it: the -wal merged into the file
    return path


def damage_history(path: Path) -> bytes:
    """Scribble over one leaf page of the change history, which the first page of the window never reads: the
    damage only SQLite's check of the whole file finds. The file's bytes after it."""
    conn = sqlite3.connect(path)
    try:
        page, size = conn.execute("select pageno, pgsize from dbstat where name = 'history' and pagetype = 'leaf'"
                                  " order by pageno limit 1").fetchone()
    finally:
        conn.close()
    data = bytearray(path.read_bytes())
    data[(page - 1) * size + 8:page * size] = b"\x5a" * (size - 8)
    path.write_bytes(bytes(data))
    return bytes(data)
