"""Each database's identity: an id stored in it at creation, so that its backups are told apart from another's.

Every database is ``kstthc.sqlite3`` by default, so a file name says nothing about whose data a backup holds.
The id (``meta.database_id``, 32 hex digits) travels with the data: a backup holds it, restoring one's own backup
keeps it. Automatic backups carry its first 12 digits in their name (``store.backup``), and only the backups of
the same id are rotated together or offered after damage.

A copy of the file (a colleague's, a test) carries the same id; ``settle_identity`` notices it when it opens:
the database remembers where it lives (``meta.database_home``), and a file opened at another path while the
database at its home still holds the same id is a copy, which then gets an id of its own.

A damaged database may not be readable, so the id of the database at each path is also remembered beside the
backups (``databases.json`` in the backups folder, written with each backup): the program still knows whose
backups to offer.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from pathlib import Path

log = logging.getLogger(__name__)

ID_KEY = "database_id"
HOME_KEY = "database_home"
#: How many hex digits of the id an automatic backup's name carries.
SHORT = 12
REGISTRY = "databases.json"


def new_identity() -> str:
    import uuid  # here, not at the top: uuid imports platform (≈ 2.7 ms of every start), for a new database only

    return uuid.uuid4().hex


def short(identity: str) -> str:
    return identity[:SHORT]


def identity_in(conn: sqlite3.Connection) -> str | None:
    """The id stored in an open database, or None (an older database, or not ours)."""
    try:
        row = conn.execute("select value from meta where key = ?", [ID_KEY]).fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row and row[0] else None


def read_identity(db_path: Path) -> str | None:
    """The id stored in the database file at ``db_path``, read without changing a byte (None when unreadable)."""
    from kstthc_desktop.store.opening import inspection_connection

    try:
        with inspection_connection(Path(db_path)) as conn:
            return identity_in(conn)
    except Exception:  # noqa: BLE001 - a damaged or missing file simply has no readable id
        return None


def _registry_path(backup_dir: Path) -> Path:
    return backup_dir / REGISTRY


def _key(db_path: Path) -> str:
    try:
        return str(Path(db_path).resolve())
    except OSError:
        return str(Path(db_path).absolute())


def remembered(db_path: Path, backup_dir: Path) -> str | None:
    """The id last seen for the database at ``db_path`` (from the backups folder's register)."""
    try:
        data = json.loads(_registry_path(backup_dir).read_text(encoding="utf-8"))
        value = data.get(_key(db_path))
        return str(value) if value else None
    except (OSError, ValueError, AttributeError):
        return None


def remember(db_path: Path, identity: str, backup_dir: Path) -> None:
    """Note which id the database at ``db_path`` has (written whole or not at all; a failure is only logged)."""
    target = _registry_path(backup_dir)
    try:
        try:
            data = json.loads(target.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                data = {}
        except (OSError, ValueError):
            data = {}
        if data.get(_key(db_path)) == identity:
            return
        data[_key(db_path)] = identity
        tmp = target.with_name(target.name + ".part")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        log.warning("could not note the identity of %s in %s: %s", db_path, target, exc)


def identity_of(db_path: Path, backup_dir: Path | None) -> str | None:
    """The id of the database at ``db_path``: read from the file, else as remembered beside the backups."""
    found = read_identity(db_path) if Path(db_path).is_file() else None
    if found is None and backup_dir is not None:
        found = remembered(db_path, backup_dir)
    return found


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def settle_identity(conn: sqlite3.Connection, path: Path) -> str:
    """Give a writable database its id if it has none, or a new one if it is a copy; its id.

    Runs inside the caller's transaction; writes only when something changed (a first start, a moved file).
    """
    identity = identity_in(conn)
    here = _key(path)
    row = conn.execute("select value from meta where key = ?", [HOME_KEY]).fetchone()
    home = str(row[0]) if row and row[0] else ""
    if identity and home and home != here:
        other = Path(home)
        if other.is_file() and not _same_file(other, path) and read_identity(other) == identity:
            log.info("%s is a copy of %s: it gets an identity of its own", path, other)
            identity = None
    if not identity:
        identity = new_identity()
        conn.execute("insert or replace into meta(key, value) values (?, ?)", [ID_KEY, identity])
    if home != here:
        conn.execute("insert or replace into meta(key, value) values (?, ?)", [HOME_KEY, here])
    return identity
