""""Sao lưu" and "Khôi phục": a complete backup in one zip (database + evidence files + manifest), and restoring.

The zip holds ``manifest.json`` (program and schema version, when, the SHA-256 of the database snapshot and of
every file), ``database.sqlite3`` (a snapshot by SQLite's online backup API, consistent even while the program
writes) and ``files/<sha[:2]>/<sha>`` for every evidence file the snapshot refers to. Restoring checks all of it
first (zip readable, manifest hashes, integrity_check, exactly our schema), keeps the current state, and puts
the new database in place by one rename (``store.restoring``: a power cut leaves the old database or the new one).
Entries are read by the names we compute from hashes, never by names found in the zip, so nothing in a zip can
write outside the managed folder.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kstthc_desktop import __version__
from kstthc_desktop.errors import UserError
from kstthc_desktop.store import files as evfiles

if TYPE_CHECKING:
    from collections.abc import Callable

    from kstthc_desktop.store.store import Store

log = logging.getLogger(__name__)

FORMAT = "kstthc-backup"
FORMAT_VERSION = 1
DB_ENTRY = "database.sqlite3"
MANIFEST_ENTRY = "manifest.json"


@dataclass
class Manifest:
    program_version: str
    schema: list[str]
    created_at: str
    db_sha256: str
    files: dict[str, int] = field(default_factory=dict)  # sha256 -> size
    missing_files: list[str] = field(default_factory=list)  # referenced but absent when the backup was made

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "program_version": self.program_version,
            "schema": self.schema,
            "created_at": self.created_at,
            "database": {"name": DB_ENTRY, "sha256": self.db_sha256},
            "files": [{"sha256": sha, "size": size} for sha, size in sorted(self.files.items())],
            "missing_files": self.missing_files,
        }


def _sha256(path: Path) -> str:
    return evfiles.file_sha256(path)


def _referenced_files(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("select distinct file_sha256 from evidence where file_sha256 != '' order by 1")]


def export_backup(source: Store | Path | str, out_zip: Path | str, *, now: datetime,
                  wait_seconds: float | None = None) -> Manifest:
    """Write a complete backup of a database (a Store, or a path: read without taking its lock) to ``out_zip``.

    The zip appears whole or not at all (written beside it, fsynced, renamed). UserError when it cannot be written,
    or when a lock held by another writer does not go within ``wait_seconds`` (default ``backup.BACKUP_WAIT``).
    """
    from kstthc_desktop.store.backup import BACKUP_WAIT, busy_error

    wait = BACKUP_WAIT if wait_seconds is None else wait_seconds
    out_zip = Path(out_zip)
    if out_zip.suffix.lower() != ".zip":
        out_zip = out_zip.with_name(out_zip.name + ".zip")
    if not isinstance(source, (str, Path)):  # a Store
        return _export(source.conn, source.path, source.files_dir, out_zip, now, wait)
    from kstthc_desktop.store.opening import reading_connection

    db_path = Path(source)
    if not db_path.is_file():
        raise UserError(f"Không tìm thấy tệp cơ sở dữ liệu \"{db_path}\".")
    try:
        with reading_connection(db_path, timeout=wait) as conn:  # also from a write-protected USB drive
            return _export(conn, db_path, evfiles.files_dir_for(db_path), out_zip, now, wait)
    except sqlite3.DatabaseError as exc:
        raise (busy_error(exc) or UserError("Không đọc được cơ sở dữ liệu để sao lưu; hãy kiểm tra tệp.",
                                            detail=str(exc))) from exc


def _export(conn: sqlite3.Connection, db_path: Path, files_dir: Path, out_zip: Path, now: datetime,
            wait_seconds: float) -> Manifest:
    from kstthc_desktop.store.backup import busy_error, snapshot
    from kstthc_desktop.store.opening import applied_migrations
    from kstthc_desktop.store.workdirs import pending_file, work_folder

    tmp_zip = out_zip.with_name(out_zip.name + ".part")
    try:
        with work_folder("kstthc-backup-") as work, pending_file(tmp_zip):
            snap = snapshot(conn, Path(work) / DB_ENTRY, wait_seconds=wait_seconds)
            snap_conn = sqlite3.connect(snap)
            try:
                referenced = _referenced_files(snap_conn)
                schema = applied_migrations(snap_conn)
            finally:
                snap_conn.close()
            manifest = Manifest(__version__, schema, now.isoformat(timespec="seconds"), _sha256(snap))
            try:
                out_zip.parent.mkdir(parents=True, exist_ok=True)
                with zipfile.ZipFile(tmp_zip, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                    archive.write(snap, DB_ENTRY)
                    for sha in referenced:
                        stored = evfiles.stored_path(files_dir, sha)
                        if stored is None or not stored.is_file():
                            manifest.missing_files.append(sha)
                            continue
                        archive.write(stored, f"files/{sha[:2]}/{sha}", compress_type=zipfile.ZIP_STORED)
                        manifest.files[sha] = stored.stat().st_size
                    archive.writestr(MANIFEST_ENTRY, json.dumps(manifest.to_json(), ensure_ascii=False, indent=2))
                with open(tmp_zip, "rb+") as handle:
                    os.fsync(handle.fileno())
                os.replace(tmp_zip, out_zip)
            except OSError as exc:
                from kstthc_desktop.store.media import write_error

                _discard(tmp_zip)
                raise write_error(exc, out_zip, "bản sao lưu") from exc
    except sqlite3.DatabaseError as exc:
        raise (busy_error(exc) or UserError("Không đọc được cơ sở dữ liệu để sao lưu; hãy kiểm tra tệp.",
                                            detail=str(exc))) from exc
    except OSError as exc:  # the temporary folder: full or not writable
        from kstthc_desktop.store.media import medium_error

        _discard(tmp_zip)
        raise (medium_error(exc, Path(tempfile.gettempdir()), prefix="Không tạo được bản sao lưu (thư mục tạm).")
               or UserError("Không tạo được bản sao lưu: không ghi được vào thư mục tạm.", detail=str(exc))) from exc
    if manifest.missing_files:
        log.warning("backup %s: %d evidence files were missing", out_zip, len(manifest.missing_files))
    log.info("backup written to %s (%d files)", out_zip, len(manifest.files))
    return manifest


def _discard(path: Path) -> None:
    """Remove a half-written file if there is one; a folder that cannot even be listed must not hide the real error."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def _medium_first(exc: BaseException, work_dir: Path) -> None:
    """A full (or read-only, or pulled-out) disk where the backup is unpacked is told as such: a good backup
    must never be called damaged because the disk is full."""
    from kstthc_desktop.store.media import medium_error

    error = medium_error(exc, work_dir, prefix="Không khôi phục được; dữ liệu hiện tại được giữ nguyên.")
    if error is not None:
        raise error from exc


def _bad(zip_path: Path, why: str, detail: str = "") -> UserError:
    return UserError(f"Bản sao lưu \"{zip_path.name}\" không dùng được: {why}", detail=detail)


def read_backup(zip_path: Path | str, work_dir: Path) -> tuple[Manifest, Path]:
    """Check a backup zip completely and extract its database into ``work_dir``; (manifest, database path)."""
    from kstthc_desktop.store.opening import applied_migrations
    from kstthc_desktop.store.versions import KNOWN_MIGRATIONS

    zip_path = Path(zip_path)
    if not zip_path.is_file():
        raise UserError(f"Không tìm thấy tệp sao lưu \"{zip_path}\".")
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _bad(zip_path, "tệp không phải là bản sao lưu của KSTTHC Desktop hoặc đã bị hỏng.", str(exc)) from exc
    with archive:
        try:
            data = json.loads(archive.read(MANIFEST_ENTRY).decode("utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError("wrong format")
            if int(data.get("format_version", 0)) > FORMAT_VERSION:
                raise _bad(zip_path, "được tạo bởi phiên bản mới hơn của chương trình.")
            manifest = Manifest(
                program_version=str(data.get("program_version", "")),
                schema=[str(s) for s in data.get("schema", [])],
                created_at=str(data.get("created_at", "")),
                db_sha256=str(data["database"]["sha256"]),
                files={str(f["sha256"]): int(f["size"]) for f in data.get("files", [])},
                missing_files=[str(s) for s in data.get("missing_files", [])],
            )
        except UserError:
            raise
        except (KeyError, ValueError, TypeError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
            raise _bad(zip_path, "thiếu hoặc hỏng phần mô tả (manifest).", str(exc)) from exc
        except OSError as exc:
            raise _bad(zip_path, "không đọc được tệp.", str(exc)) from exc
        unknown = [name for name in manifest.schema if name not in KNOWN_MIGRATIONS]
        if unknown:
            raise _bad(zip_path, "được tạo bởi phiên bản mới hơn của chương trình; hãy cập nhật KSTTHC Desktop.")
        db_file = work_dir / DB_ENTRY
        try:
            with archive.open(DB_ENTRY) as src, open(db_file, "wb") as dst:
                shutil.copyfileobj(src, dst)
            for sha in manifest.files:
                if not evfiles.is_sha256(sha):
                    raise _bad(zip_path, "danh sách tệp minh chứng không hợp lệ.")
                digest = hashlib.sha256()
                with archive.open(f"files/{sha[:2]}/{sha}") as src:
                    for chunk in iter(lambda: src.read(1024 * 1024), b""):
                        digest.update(chunk)
                if digest.hexdigest() != sha:
                    raise _bad(zip_path, "một tệp minh chứng bên trong bị hỏng.")
        except UserError:
            raise
        except (KeyError, zipfile.BadZipFile, OSError, EOFError) as exc:
            _medium_first(exc, work_dir)
            raise _bad(zip_path, "tệp bị hỏng hoặc thiếu nội dung.", str(exc)) from exc
    if _sha256(db_file) != manifest.db_sha256:
        raise _bad(zip_path, "cơ sở dữ liệu bên trong bị hỏng (sai mã kiểm tra).")
    _check_db_file(db_file, zip_path, KNOWN_MIGRATIONS, applied_migrations)
    return manifest, db_file


def _check_db_file(db_file: Path, shown: Path, known: list[str],
                   applied_migrations: Callable[[sqlite3.Connection], list[str]]) -> list[str]:
    """Check a copy of a backup's database (in a work folder): sound, ours, not newer, and exactly our schema
    (an older one brought up to date first). The copy may be changed (migrated); the backup never is."""
    from kstthc_desktop.store.restoring import migrate_copy, schema_differences

    try:
        conn = sqlite3.connect(db_file)
        try:
            if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                raise _bad(shown, "cơ sở dữ liệu bên trong không qua được kiểm tra toàn vẹn.")
            applied = applied_migrations(conn)
            extra = conn.execute("select type, name from sqlite_master where type in ('trigger', 'view')").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        _medium_first(exc, db_file.parent)
        raise _bad(shown, "cơ sở dữ liệu bên trong bị hỏng.", str(exc)) from exc
    if not applied:
        raise _bad(shown, "không phải cơ sở dữ liệu của KSTTHC Desktop.")
    if any(name not in known for name in applied):
        raise _bad(shown, "được tạo bởi phiên bản mới hơn của chương trình; hãy cập nhật KSTTHC Desktop.")
    if extra:  # no version of our schema has any: refused before anything runs on the copy
        differences = [f"thừa {kind} \"{name}\"" for kind, name in extra]
    else:
        try:
            if len(applied) < len(known):
                migrate_copy(db_file)
            conn = sqlite3.connect(db_file)
            try:
                differences = schema_differences(conn)
            finally:
                conn.close()
        except Exception as exc:  # noqa: BLE001 - a schema our migrations cannot bring up to date is not ours
            differences = [f"không nâng cấp được ({exc})"]
    if differences:
        log.error("backup %s: schema differs from ours: %s", shown, differences)
        raise _bad(shown, "cấu trúc cơ sở dữ liệu bên trong khác với cấu trúc của chương trình (" +
                   "; ".join(differences[:5]) + "); có thể nó đã bị sửa, chương trình không khôi phục nó.")
    return applied


class ForeignBackup(UserError):
    """The backup is of another database (another identity) than the one it would replace: say so and ask
    (the window), or require ``--other-database`` (the command line)."""


def foreign_backup_sentence(db_path: Path, new_db: Path, backup_dir: Path | None, shown: Path) -> str | None:
    """A plain sentence when the backup's database is another one than the database at ``db_path``; else None
    (the same database, or nothing at ``db_path`` to lose, or no way to tell)."""
    from kstthc_desktop.store.backup import default_backup_dir
    from kstthc_desktop.store.identity import identity_in, identity_of

    if not db_path.exists():
        return None
    target = identity_of(db_path, backup_dir or default_backup_dir())
    conn = sqlite3.connect(new_db)
    try:
        theirs = identity_in(conn)
        counts = _counts(conn)
    finally:
        conn.close()
    if target is None or theirs is None or theirs == target:
        return None
    mine = ""
    try:
        from kstthc_desktop.store.identity import read_identity
        from kstthc_desktop.store.opening import inspection_connection

        if read_identity(db_path) is not None:
            with inspection_connection(db_path) as current:
                mine = f" (hiện có {_counts(current)})"
    except Exception:  # noqa: BLE001 - the counts only help the officer decide
        mine = ""
    return (f"Bản sao lưu «{shown.name}» là của một cơ sở dữ liệu KHÁC ({counts}), không phải của cơ sở dữ liệu "
            f"\"{db_path.name}\"{mine}. Khôi phục sẽ thay toàn bộ dữ liệu hiện tại bằng dữ liệu của cơ sở dữ "
            "liệu kia.")


def _counts(conn: sqlite3.Connection) -> str:
    tasks = conn.execute("select count(*) from tasks").fetchone()[0]
    progress = conn.execute("select count(*) from progress").fetchone()[0]
    return f"{tasks} nhiệm vụ, {progress} kết quả thực hiện"


@dataclass
class RestoreResult:
    previous: Path | None  # where the state before the restore was kept (a backup, or the damaged file copied aside)
    files_added: int
    missing_files: list[str]


@dataclass
class PreparedBackup:
    """A backup checked completely, its database copied (and brought up to date) into a work folder."""

    db_file: Path
    files: list[str]  # the evidence files in a zip (by SHA-256)
    missing_files: list[str]
    manifest: Manifest | None


def prepare_backup(backup: Path, work: Path) -> PreparedBackup:
    """Check a backup (a "Sao lưu" zip, or an automatic ``.sqlite3`` backup) completely, its database copied
    into ``work``. Nothing outside ``work`` changes. UserError saying why it cannot be used."""
    from kstthc_desktop.store.opening import applied_migrations, looks_like_sqlite
    from kstthc_desktop.store.versions import KNOWN_MIGRATIONS

    if backup.suffix.lower() == ".zip":
        manifest, new_db = read_backup(backup, work)
        return PreparedBackup(new_db, list(manifest.files), list(manifest.missing_files), manifest)
    if not backup.is_file():
        raise UserError(f"Không tìm thấy tệp sao lưu \"{backup}\".")
    if not looks_like_sqlite(backup):
        raise _bad(backup, "không phải cơ sở dữ liệu.")
    new_db = work / DB_ENTRY
    try:
        src = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(new_db)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.DatabaseError as exc:
        _medium_first(exc, work)
        raise _bad(backup, "cơ sở dữ liệu bị hỏng.", str(exc)) from exc
    except OSError as exc:
        _medium_first(exc, work)
        raise
    _check_db_file(new_db, backup, KNOWN_MIGRATIONS, applied_migrations)
    return PreparedBackup(new_db, [], [], None)


def _keep_current_state(db_path: Path, work: Path, now: datetime, backup_dir: Path | None) -> Path | None:
    """Keep what is at ``db_path`` before it is replaced: a backup of a sound database, a copy of a damaged file
    (``<name>.hong-<time>``, with its -wal). The file itself stays in place until the final rename."""
    from kstthc_desktop.store.backup import make_backup
    from kstthc_desktop.store.opening import inspect_database, inspection_connection

    if not db_path.exists():
        return None
    try:
        inspect_database(db_path)
        sound = True
    except UserError:
        sound = False
    if sound:
        with inspection_connection(db_path) as current:
            return make_backup(current, db_path, reason="truoc-khoi-phuc", now=now, backup_dir=backup_dir)
    previous = db_path.with_name(f"{db_path.name}.hong-{now:%Y%m%d-%H%M%S}")
    for suffix in ("", "-wal"):
        part = Path(f"{db_path}{suffix}")
        if part.exists():
            aside = work / f"hong{suffix}"
            shutil.copyfile(part, aside)
            with open(aside, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(aside, Path(f"{previous}{suffix}"))
    return previous


def _add_files(backup: Path, files: list[str], files_dir: Path, work: Path) -> int:
    """Copy a zip's evidence files into the managed folder (named by hash: adding them never harms)."""
    added = 0
    if not files:
        return added
    with zipfile.ZipFile(backup) as archive:
        for sha in files:
            target = evfiles.stored_path(files_dir, sha)
            if target is None or (target.exists() and _sha256(target) == sha):
                continue
            extracted = work / sha
            with archive.open(f"files/{sha[:2]}/{sha}") as src_file, open(extracted, "wb") as out:
                shutil.copyfileobj(src_file, out)
            evfiles.store_file(files_dir, extracted)
            extracted.unlink()
            added += 1
    return added


def _give_identity(new_db: Path, db_path: Path, backup_dir: Path | None, foreign: bool) -> None:
    """The restored database's identity: its own (a restore of its own backup), a new one (another database's
    backup: it must not share, and rotate away, the other's backups), the target's (an older, id-less backup)."""
    from kstthc_desktop.store.backup import default_backup_dir
    from kstthc_desktop.store.identity import HOME_KEY, ID_KEY, _key, identity_in, identity_of, new_identity

    conn = sqlite3.connect(new_db)
    try:
        theirs = identity_in(conn)
        wanted = theirs
        if foreign:
            wanted = new_identity()
        elif theirs is None:
            wanted = identity_of(db_path, backup_dir or default_backup_dir()) if db_path.exists() else None
        with conn:
            if wanted and wanted != theirs:
                conn.execute("insert or replace into meta(key, value) values (?, ?)", [ID_KEY, wanted])
            conn.execute("insert or replace into meta(key, value) values (?, ?)", [HOME_KEY, _key(db_path)])
    finally:
        conn.close()


def restore_backup(
    db_path: Path | str, backup: Path | str, *, now: datetime, backup_dir: Path | None = None,
    allow_foreign: bool = False,
) -> RestoreResult:
    """Replace the database at ``db_path`` with a backup (a "Sao lưu" zip, or an automatic ``.sqlite3`` backup).

    Everything is checked before anything changes, the current state is kept (a backup of a sound database, a
    copy of a damaged file as ``<name>.hong-<time>``), and the new database goes in place by one rename
    (``store.restoring``: a kill at any moment leaves the old database or the new one, never none). The program
    must have closed the database (the lock is taken here; DatabaseLocked when another program has it open).
    Another database's backup raises ``ForeignBackup`` unless ``allow_foreign``.
    """
    from kstthc_desktop.store.lock import lock_path_for
    from kstthc_desktop.store.store import Store

    db_path, backup = Path(db_path), Path(backup)
    files_dir = evfiles.files_dir_for(db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _restore_error(exc, db_path) from exc
    new_lock_file = not lock_path_for(db_path).exists()
    try:
        prepared, previous, added = _restore_locked(db_path, backup, now, backup_dir, allow_foreign, files_dir)
    finally:
        if new_lock_file and not db_path.exists():  # nothing was here, nothing is: leave no sign a database was
            lock_path_for(db_path).unlink(missing_ok=True)
    # Reopen: checks it as every start does.
    try:
        Store.open(db_path, create=False, backup_dir=backup_dir, clock=lambda: now).close()
    except (OSError, sqlite3.DatabaseError) as exc:
        raise _restore_error(exc, db_path) from exc
    log.info("restored %s from %s (previous state: %s)", db_path, backup, previous)
    return RestoreResult(previous, added, prepared.missing_files)


def _restore_locked(db_path: Path, backup: Path, now: datetime, backup_dir: Path | None, allow_foreign: bool,
                    files_dir: Path) -> tuple[PreparedBackup, Path | None, int]:
    """The restore itself, under the database's lock: (the checked backup, where the old state was kept, how
    many evidence files were added)."""
    from kstthc_desktop.store.lock import DatabaseLock
    from kstthc_desktop.store.restoring import mark_ready, put_in_place, recover_interrupted_restore, work_prefix

    with DatabaseLock(db_path):
        recover_interrupted_restore(db_path)
        try:
            work = Path(tempfile.mkdtemp(prefix=work_prefix(db_path), dir=db_path.parent))
        except OSError as exc:
            raise _restore_error(exc, db_path) from exc
        try:
            prepared = prepare_backup(backup, work)
            foreign = foreign_backup_sentence(db_path, prepared.db_file, backup_dir, backup)
            if foreign and not allow_foreign:
                raise ForeignBackup(foreign + " Chưa thay đổi gì; nếu thật sự muốn, hãy khôi phục với "
                                              "--other-database.")
            _give_identity(prepared.db_file, db_path, backup_dir, bool(foreign))
            added = _add_files(backup, prepared.files, files_dir, work)
            previous = _keep_current_state(db_path, work, now, backup_dir)
            mark_ready(work, db_path, previous)
            put_in_place(work, db_path)
        except OSError as exc:
            raise _restore_error(exc, db_path) from exc
        except sqlite3.DatabaseError as exc:
            raise _restore_error(exc, db_path) from exc
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return prepared, previous, added


def _restore_error(exc: BaseException, db_path: Path) -> UserError:
    from kstthc_desktop.store.media import medium_error

    prefix = f"Không khôi phục được vào \"{db_path}\"; dữ liệu hiện tại được giữ nguyên."
    error = medium_error(exc, db_path.parent, prefix=prefix)
    return error or UserError(f"{prefix} (không có quyền ghi?)", detail=str(exc))
