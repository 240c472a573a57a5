"""The Store: one SQLite file holding plans, tasks, progress, evidence, settings and the history of every change.

Every public write method is one transaction (``store.transaction()``; nested calls become savepoints of the
caller's transaction), validates its input first and raises ``UserError`` with a Vietnamese message, leaving
the database unchanged. Every insert, update and delete writes rows to ``history``, which is never pruned.

Reads and writes go through plain sqlite3 (``_query``, ``_insert``, ``_update``): sqlite-utils, which costs
about 60 ms to import, is needed only for migrations, and ``store.db`` wraps the same connection on first use.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields as dc_fields
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kstthc_desktop.domain import (
    Concern,
    Deadline,
    DeadlineKind,
    Event,
    Evidence,
    HistoryEntry,
    Plan,
    PlanDocument,
    ProgressEntry,
    Section,
    Settings,
    Task,
)
from kstthc_desktop.errors import UserError
from kstthc_desktop.store import files as evfiles
from kstthc_desktop.store.bodies import split_bodies
from kstthc_desktop.task_fields import TEXT_FIELDS
from kstthc_desktop.text import clean, fold, nfc

if TYPE_CHECKING:
    from sqlite_utils import Database

    from kstthc_desktop.store.lock import DatabaseLock

log = logging.getLogger(__name__)

_TASK_FIELDS = {f.name for f in dc_fields(Task)} - {"id", "plan_id"}
_TASK_TEXT = TEXT_FIELDS
#: The columns a Task is read from, in ``domain.Task``'s field order (``Store._task_from_row`` passes them by
#: position); a test checks they are every column ``task_fields`` declares.
_TASK_COLUMNS = ("section", "stt", "sub", "content", "result", "lead", "cooperate", "deadline_text", "note",
                 "deadline_kind", "deadline_due", "deadline_every", "deadline_within_days", "ambiguous", "why",
                 "assignee", "concern", "withdrawn", "extra", "source_row", "id", "plan_id")
_SELECT_TASKS = f"select {', '.join(f'[{c}]' for c in _TASK_COLUMNS)} from tasks"
#: A progress entry's columns, in ``ProgressEntry``'s order.
_PROGRESS_COLUMNS = ("task_id", "entry_date", "text", "occurrence_key", "done", "id")
_KINDS = {k.value: k for k in DeadlineKind}
_CONCERNS = {c.value: c for c in Concern}


def _now() -> datetime:
    return datetime.now()


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _as_date(value: Any, what: str) -> date:
    """A date from a date or an ISO text; UserError naming ``what`` otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise UserError(f"{what} không phải là một ngày hợp lệ (ví dụ 2025-03-14).")


def _opt_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


_savepoints = itertools.count(1)


def _still_in_transaction(conn: sqlite3.Connection) -> bool:
    """Asked again after the work ran: mypy would otherwise keep the answer from before it (a narrowed bool)."""
    return conn.in_transaction


@contextlib.contextmanager
def atomic(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All or nothing on ``conn``; inside an open transaction, a savepoint of it (as sqlite-utils' ``atomic``)."""
    if conn.in_transaction:
        name = f"kstthc_{next(_savepoints)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield conn
        except BaseException:
            if _still_in_transaction(conn):  # an error may already have ended the whole transaction
                conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        else:
            conn.execute(f"RELEASE SAVEPOINT {name}")
    else:
        conn.execute("BEGIN")
        try:
            yield conn
        except BaseException:
            if _still_in_transaction(conn):
                conn.execute("ROLLBACK")
            raise
        else:
            try:
                conn.execute("COMMIT")
            except BaseException:
                if _still_in_transaction(conn):
                    conn.execute("ROLLBACK")
                raise



@lru_cache(maxsize=1024)
def _deadline(kind: str | None, due: str | None, every: str | None, within_days: int | None) -> Deadline:
    """A task's deadline read from its four columns (an unknown kind reads as unspecified). Cached: a plan has a
    few dozen distinct deadlines, so the tasks that share one share its (frozen) reading; parsing each task's
    date, JSON and kind was a sixth of reading 2,000 tasks."""
    return Deadline(kind=_KINDS.get(kind or "unspecified", DeadlineKind.UNSPECIFIED), due=_opt_date(due),
                    every=_json_object(every), within_days=within_days)


def _json_object(text: str | None) -> dict[str, Any]:
    """A column holding a JSON object, {} when empty or unreadable. Most tasks hold none ("{}"): not parsed, since
    reading a 2,000-task plan parsed two per task (about a seventh of opening the window on it)."""
    if not text or text == "{}":
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


class Store:
    """A plan-and-progress database. Open with ``Store.open(path)``; close, or use as a context manager."""

    def __init__(self, conn: sqlite3.Connection | Database, path: Path, *, clock: Callable[[], datetime] = _now,
                 read_only: bool = False):
        self._db: Database | None
        if not isinstance(conn, sqlite3.Connection):  # an sqlite-utils Database, as older callers passed
            self._db = conn
            conn = conn.conn
        else:
            self._db = None
        self.conn = conn
        self.path = path
        self.files_dir = evfiles.files_dir_for(path)
        self.clock = clock
        self.read_only = read_only
        self.read_only_reason = ""  # why it was opened read-only, in a few Vietnamese words (set by the window)
        self._lock: DatabaseLock | None = None  # set by open(): the OS lock that keeps a second program from writing
        self.warnings: list[str] = []  # things the officer should be told after opening (Vietnamese)
        self.backup_dir: Path | None = None  # where automatic backups go (None: the user's backups folder)
        # The officer's actions of this session, oldest first: the history ids each outermost transaction wrote
        # (first, last), for undo (store/undo.py). An undo removes its action here instead of adding one.
        self.session_actions: list[tuple[int, int]] = []
        # Opened with ``check_later``: SQLite's quick_check of the file is still to run (``check``).
        self.unchecked = False

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        create: bool = True,
        clock: Callable[[], datetime] | None = None,
        read_only: bool = False,
        lock: bool = True,
        backup_dir: Path | None = None,
        check_later: bool = False,
    ) -> Store:
        """Open (or create) the database at ``path``, migrating an older schema after backing it up.

        Refuses with UserError a missing file (``create=False``), a damaged or non-database file and a database
        written by a newer program; raises ``DatabaseLocked`` when another program has it open (unless
        ``read_only``). ``backup_dir`` is where the pre-migration backup goes (default: the user's backups folder).

        ``check_later``: SQLite's quick_check of the whole file, which grows with it (≈ 4.5 ms at 3.4 MB), is left
        to the caller, who runs ``check()`` soon (the window: just after its first paint, before the officer can
        write anything). The header, the schema's version and whose database it is are still checked here, and
        the quick_check is run here anyway when opening writes (a migration, the program's version noted).
        """
        from kstthc_desktop.store.opening import open_store

        return open_store(
            cls, Path(path), create=create, clock=clock or _now, read_only=read_only, lock=lock, backup_dir=backup_dir,
            check_later=check_later,
        )

    def check(self) -> list[str]:
        """What SQLite's quick_check finds wrong in the database file ([] when it is sound), read through a
        connection of its own: safe from a worker thread while the store stays open."""
        from kstthc_desktop.store.opening import check_database, reading_connection

        try:
            with reading_connection(self.path) as conn:
                problems = check_database(conn)
        except sqlite3.DatabaseError as exc:  # too damaged to be read through
            problems = [str(exc)]
        self.unchecked = bool(problems)
        return problems

    def check_before_writing(self) -> None:
        """Opened with ``check_later`` and not yet checked: the check now, on this connection (DamagedDatabase
        when it fails), so that nothing is written to a file nobody has checked."""
        if self.unchecked:
            from kstthc_desktop.store.opening import refuse_damaged

            refuse_damaged(self.conn, self.path)
            self.unchecked = False

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def db(self) -> Database:
        """An sqlite-utils ``Database`` on the store's connection, made on first use (imports sqlite-utils)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn)
        return self._db

    def _query(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        """The rows of a select, as dicts by column name."""
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        """Insert one row (values already plain: text, numbers, None); its id."""
        names = ", ".join(f"[{k}]" for k in row)
        marks = ", ".join("?" for _ in row)
        row_id = self.conn.execute(f"insert into [{table}] ({names}) values ({marks})", list(row.values())).lastrowid
        assert row_id is not None  # set by every successful insert
        return row_id

    def _update(self, table: str, row_id: int, changed: dict[str, Any]) -> None:
        if changed:
            assignments = ", ".join(f"[{k}] = ?" for k in changed)
            self.conn.execute(f"update [{table}] set {assignments} where id = ?", [*changed.values(), row_id])

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """One user action: all or nothing. Inside another transaction this becomes a savepoint of it."""
        if self.read_only:
            raise UserError("Cơ sở dữ liệu đang mở ở chế độ chỉ đọc; không ghi được thay đổi.")
        outermost = not self.conn.in_transaction
        if outermost:
            self.check_before_writing()
        before = self.last_history_id() if outermost else 0
        try:
            with atomic(self.conn):
                yield self
            if outermost:
                after = self.last_history_id()
                if after > before:
                    self.session_actions.append((before + 1, after))
        except sqlite3.OperationalError as exc:
            raise _db_write_error(exc) from exc
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.IntegrityError):
                raise UserError("Dữ liệu không hợp lệ, không lưu được thay đổi.", detail=str(exc)) from exc
            raise _db_write_error(exc) from exc

    # ------------------------------------------------------------------ meta
    def meta(self, key: str) -> str | None:
        row = self.conn.execute("select value from meta where key = ?", [key]).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("insert or replace into meta(key, value) values (?, ?)", [key, value])

    def schema_version(self) -> int:
        from kstthc_desktop.store.versions import MIGRATION_SET

        try:
            return int(self.conn.execute(
                "select count(*) from _sqlite_migrations where migration_set = ?", [MIGRATION_SET]
            ).fetchone()[0])
        except sqlite3.OperationalError:
            return 0

    # ------------------------------------------------------------------ history
    def _history(self, entity: str, entity_id: int | None, field: str, old: Any, new: Any, action: str) -> None:
        def text(v: Any) -> str | None:
            if v is None:
                return None
            return v if isinstance(v, str) else _j(v)

        self.conn.execute(
            "insert into history(entity, entity_id, field, old, new, at, action) values (?, ?, ?, ?, ?, ?, ?)",
            [entity, entity_id, field, text(old), text(new), self.clock().isoformat(timespec="seconds"), action],
        )

    def last_history_id(self) -> int:
        try:
            return int(self.conn.execute("select coalesce(max(id), 0) from history").fetchone()[0])
        except sqlite3.OperationalError:  # no history table yet (a database being made)
            return 0

    def history(self, entity: str | None = None, entity_id: int | None = None) -> list[HistoryEntry]:
        """Every recorded change, oldest first; filtered by entity ("task", "progress", …) and id."""
        sql = "select * from history where 1=1"
        params: list[Any] = []
        if entity is not None:
            sql += " and entity = ?"
            params.append(entity)
        if entity_id is not None:
            sql += " and entity_id = ?"
            params.append(entity_id)
        rows = self._query(sql + " order by id", params)
        return [
            HistoryEntry(
                entity=r["entity"], entity_id=r["entity_id"], field=r["field"] or "", old=r["old"], new=r["new"],
                at=datetime.fromisoformat(r["at"]), action=r["action"], id=r["id"],
            )
            for r in rows
        ]

    def task_history(self, task_id: int) -> list[HistoryEntry]:
        """A task's changes with those of its progress entries, documents and events, deleted ones included
        (found by the task named in their insert or delete record), oldest first. An id SQLite gave again after
        a deletion counts for this task only between its insert and its delete here."""
        owned = "case when json_valid({col}) then json_extract({col}, '$.task_id') end = ?"
        rows = self._query(
            "select * from history where (entity = 'task' and entity_id = ?) or (entity in "
            "('progress', 'evidence', 'event') and (entity, entity_id) in (select entity, entity_id from history "
            f"where action in ('insert', 'delete') and ({owned.format(col='new')} or {owned.format(col='old')})))"
            " order by id", [task_id] * 3)
        owner: dict[tuple[str, int], bool] = {}
        kept = []
        for r in rows:
            key = (r["entity"], r["entity_id"])
            if r["entity"] != "task" and r["action"] in ("insert", "delete") and not r["field"]:
                record = json.loads(r["new"] if r["action"] == "insert" else r["old"] or "{}")
                owner[key] = isinstance(record, dict) and record.get("task_id") == task_id
            if r["entity"] == "task" or owner.get(key):
                kept.append(r)
            if r["action"] == "delete" and not r["field"]:
                owner[key] = False
        return [self._history_entry(r) for r in kept]

    @staticmethod
    def _history_entry(r: dict[str, Any]) -> HistoryEntry:
        return HistoryEntry(
            entity=r["entity"], entity_id=r["entity_id"], field=r["field"] or "", old=r["old"], new=r["new"],
            at=datetime.fromisoformat(r["at"]), action=r["action"], id=r["id"],
        )

    # ------------------------------------------------------------------ plans
    def save_plan(self, plan: Plan, *, sections: bool = True) -> int:
        """Store a whole plan (a new one when ``plan.id`` is None) with its sections, tasks and bodies; its id.

        For an existing plan the document, header and sections are replaced (``sections=False``: left alone, as
        re-import merges them with the officer's, ``importers.reimport_sections``), tasks with an id are updated
        and tasks without one are added; tasks are never deleted here (re-import marks them withdrawn).
        """
        if not plan.tasks and not plan.sections and not (plan.document.title or plan.document.year):
            raise UserError("Kế hoạch trống: không có nhiệm vụ nào để lưu.")
        with self.transaction():
            doc = plan.document
            row = {
                "source": nfc(plan.source),
                "issuer": clean(doc.issuer),
                "level": clean(doc.level),
                "province": clean(doc.province),
                "year": doc.year,
                "title": clean(doc.title),
                "header": _j([nfc(h) for h in plan.header]),
            }
            if plan.id is None:
                plan_id = self._insert("plans", row)
                self._history("plan", plan_id, "", None, {k: v for k, v in row.items() if k != "header"}, "insert")
            else:
                plan_id = plan.id
                old = self._plan_row(plan_id)
                for key, value in row.items():
                    if old[key] != value:
                        self._history("plan", plan_id, key, old[key], value, "update")
                self._update("plans", plan_id, row)
            if sections:
                self.replace_sections(plan_id, plan.sections)
            for task in plan.tasks:
                if task.id is None:
                    task.id = self.insert_task(plan_id, task)
                else:
                    self.update_task(task.id, **{f: getattr(task, f) for f in _TASK_FIELDS if f not in ("source_row",)})
                task.plan_id = plan_id
            plan.id = plan_id
            return plan_id

    def _plan_row(self, plan_id: int) -> dict[str, Any]:
        row = self.conn.execute("select * from plans where id = ?", [plan_id]).fetchone()
        if row is None:
            raise UserError("Không tìm thấy kế hoạch này trong cơ sở dữ liệu.")
        cols = [d[0] for d in self.conn.execute("select * from plans limit 0").description]
        return dict(zip(cols, row, strict=True))

    def _plan_from_row(self, r: dict[str, Any]) -> Plan:
        try:
            header = json.loads(r["header"] or "[]")
        except ValueError:
            header = []
        return Plan(
            source=r["source"] or "",
            document=PlanDocument(
                issuer=r["issuer"] or "", level=r["level"] or "", province=r["province"] or "", year=r["year"],
                title=r["title"] or "",
            ),
            header=header,
            id=r["id"],
        )

    def plans(self) -> list[Plan]:
        """Every plan (document and id; no sections or tasks), newest year first."""
        return [self._plan_from_row(r) for r in self._query("select * from plans order by year desc, id desc")]

    def load_plan(self, plan_id: int, *, tasks: bool = True) -> Plan:
        """A plan with its sections and all its tasks (withdrawn ones included), in plan order; with
        ``tasks=False`` its document and sections only (the window reads the tasks with their statuses)."""
        plan = self._plan_from_row(self._plan_row(plan_id))
        plan.sections = [
            Section(code=r["code"], title=r["title"] or "", parent=r["parent"], printed_code=r["printed_code"], id=r["id"])
            for r in self._query("select * from sections where plan_id = ? order by position, id", [plan_id])
        ]
        if tasks:
            plan.tasks = self.tasks(plan_id)
        return plan

    def plan_id_for_year(self, year: int) -> int | None:
        row = self.conn.execute("select id from plans where year = ? order by id desc limit 1", [year]).fetchone()
        return row[0] if row else None

    def delete_plan(self, plan_id: int) -> None:
        """Delete a plan with everything recorded under it (the history keeps what was there)."""
        with self.transaction():
            old = self._plan_row(plan_id)
            task_ids = [r[0] for r in self.conn.execute("select id from tasks where plan_id = ?", [plan_id])]
            for task_id in task_ids:
                self._delete_task_rows(task_id)
            self.conn.execute("delete from sections where plan_id = ?", [plan_id])
            self.conn.execute("delete from report_texts where plan_id = ?", [plan_id])
            self.conn.execute("delete from reports where plan_id = ?", [plan_id])
            self.conn.execute("delete from return_results where return_id in (select id from returns where plan_id = ?)",
                              [plan_id])
            self.conn.execute("delete from returns where plan_id = ?", [plan_id])
            self.conn.execute("delete from plans where id = ?", [plan_id])
            self._history("plan", plan_id, "", {k: v for k, v in old.items() if k != "header"}, None, "delete")

    def _delete_task_rows(self, task_id: int) -> None:
        """Delete a task and every row that names it, each deletion in history (links and units' results too,
        written first so an undo, which goes newest first, puts them back after the task and its progress)."""
        for r in self._query("select * from return_results where task_id = ?", [task_id]):
            self._history("return_result", r["id"], "", r, None, "delete")
        self.conn.execute("delete from return_results where task_id = ?", [task_id])
        for r in self._query("select * from task_links where task_id = ? or source_task_id = ?", [task_id, task_id]):
            self._history("task_link", r["task_id"], "", r, None, "delete")
        self.conn.execute("delete from task_links where task_id = ? or source_task_id = ?", [task_id, task_id])
        for table, entity in (("evidence", "evidence"), ("progress", "progress"), ("events", "event")):
            for r in self._query(f"select * from {table} where task_id = ?", [task_id]):
                self._history(entity, r["id"], "", r, None, "delete")
            self.conn.execute(f"delete from {table} where task_id = ?", [task_id])
        self.conn.execute("delete from task_bodies where task_id = ?", [task_id])
        old = self._task_row(task_id)
        self.conn.execute("delete from tasks where id = ?", [task_id])
        self._history("task", task_id, "", old, None, "delete")

    def replace_sections(self, plan_id: int, sections: list[Section]) -> None:
        """Make ``sections`` the plan's sections, in this order. History records them as the file gave them (a
        re-import tells the officer's later corrections from them, ``importers.reimport_sections``)."""
        def record(code: str, title: str, parent: str | None, printed_code: str | None) -> dict[str, str]:
            return {"code": clean(code), "title": clean(title), "parent": clean(parent or ""),
                    "printed_code": clean(printed_code or "")}

        with self.transaction():
            self._plan_row(plan_id)
            old = [record(*r) for r in self.conn.execute(
                "select code, title, parent, printed_code from sections where plan_id = ? order by position", [plan_id])]
            new = [record(s.code, s.title, s.parent, s.printed_code) for s in sections]
            self.conn.execute("delete from sections where plan_id = ?", [plan_id])
            for position, section in enumerate(sections):
                section.id = self._insert(
                    "sections",
                    {
                        "plan_id": plan_id,
                        "code": clean(section.code),
                        "title": clean(section.title),
                        "parent": section.parent,
                        "printed_code": section.printed_code,
                        "position": position,
                    }
                )
            if old != new:
                self._history("plan", plan_id, "sections", old or None, new, "update")

    # ------------------------------------------------------------------ tasks
    def _task_values(self, task: Task) -> dict[str, Any]:
        d = task.deadline if isinstance(task.deadline, Deadline) else Deadline.from_json(task.deadline)
        values: dict[str, Any] = {name: clean(getattr(task, name)) for name in _TASK_TEXT}
        values["content"] = nfc(task.content).strip()
        values.update(
            sub=int(task.sub or 0),
            deadline_kind=d.kind.value,
            deadline_due=d.due.isoformat() if d.due else None,
            deadline_every=_j({k: d.every[k] for k in d.every}),
            deadline_within_days=d.within_days,
            ambiguous=int(bool(task.ambiguous)),
            concern=Concern(task.concern).value,
            withdrawn=int(bool(task.withdrawn)),
            extra=_j({nfc(k): nfc(v) for k, v in (task.extra or {}).items()}),
            source_row=task.source_row,
        )
        return values

    def _check_task(self, values: dict[str, Any]) -> None:
        if not values["content"]:
            raise UserError("Nội dung nhiệm vụ không được để trống.")

    def insert_task(self, plan_id: int, task: Task) -> int:
        """Add a task at the end of the plan; its id."""
        try:
            values = self._task_values(task)
        except (ValueError, TypeError) as exc:
            raise UserError("Dữ liệu nhiệm vụ không hợp lệ.", detail=str(exc)) from exc
        self._check_task(values)
        with self.transaction():
            self._plan_row(plan_id)
            position = self.conn.execute("select coalesce(max(position), -1) + 1 from tasks where plan_id = ?", [plan_id]).fetchone()[0]
            task_id = self._insert("tasks", {"plan_id": plan_id, "position": position, **values})
            self._set_task_bodies(task_id, values["lead"], values["cooperate"])
            self._history("task", task_id, "", None, values, "insert")
            task.id, task.plan_id = task_id, plan_id
            return task_id

    def _set_task_bodies(self, task_id: int, lead: str, cooperate: str) -> None:
        self.conn.execute("delete from task_bodies where task_id = ?", [task_id])
        for role, cell in (("lead", lead), ("cooperate", cooperate)):
            for name in split_bodies(cell):
                key = fold(name)
                row = self.conn.execute("select id from bodies where key = ?", [key]).fetchone()
                if row:
                    body_id = row[0]
                else:
                    body_id = self._insert("bodies", {"name": name, "key": key})
                    self._history("body", body_id, "", None, name, "insert")
                self.conn.execute(
                    "insert or ignore into task_bodies(task_id, body_id, role) values (?, ?, ?)", [task_id, body_id, role]
                )

    def _task_row(self, task_id: int) -> dict[str, Any]:
        rows = list(self._query("select * from tasks where id = ?", [task_id]))
        if not rows:
            raise UserError("Không tìm thấy nhiệm vụ này trong cơ sở dữ liệu.")
        return rows[0]

    @staticmethod
    def _task_from_row(row: Sequence[Any]) -> Task:
        """A Task from a row of ``_TASK_COLUMNS``, its fields passed by position in Task's order: twenty keyword
        arguments were a third of reading a plan (2,000 tasks: 7 → 4 ms, read at every start). A test reads back
        a task whose every field differs from the others."""
        (section, stt, sub, content, result, lead, cooperate, deadline_text, note, kind, due, every, within_days,
         ambiguous, why, assignee, concern, withdrawn, extra, source_row, task_id, plan_id) = row
        return Task(
            section or "", stt or "", sub or 0, content or "", result or "", lead or "", cooperate or "",
            deadline_text or "", note or "", _deadline(kind, due, every, within_days), bool(ambiguous), why or "",
            assignee or "", _CONCERNS.get(concern or "", Concern.UNKNOWN), bool(withdrawn), _json_object(extra),
            source_row, "", task_id, plan_id,
        )

    def tasks(self, plan_id: int) -> list[Task]:
        """The plan's tasks in plan order, withdrawn ones included."""
        rows = self.conn.execute(_SELECT_TASKS + " where plan_id = ? order by position, id", [plan_id])
        return [self._task_from_row(r) for r in rows]

    def task(self, task_id: int) -> Task:
        row = self.conn.execute(_SELECT_TASKS + " where id = ?", [task_id]).fetchone()
        if row is None:
            raise UserError("Không tìm thấy nhiệm vụ này trong cơ sở dữ liệu.")
        return self._task_from_row(row)

    def update_task(self, task_id: int, *, by_officer: bool = False, **fields: Any) -> None:
        """Change some of a task's fields (any Task field; ``deadline`` a Deadline); each change goes to history,
        as an "edit" when the officer corrected the plan by hand (``by_officer``: a re-import keeps it)."""
        unknown = set(fields) - _TASK_FIELDS
        if unknown:
            raise ValueError(f"unknown task fields: {sorted(unknown)}")
        current = self.task(task_id)
        for name, value in fields.items():
            setattr(current, name, value)
        try:
            new = self._task_values(current)
        except (ValueError, TypeError) as exc:
            raise UserError("Dữ liệu nhiệm vụ không hợp lệ.", detail=str(exc)) from exc
        self._check_task(new)
        with self.transaction():
            old = self._task_row(task_id)
            changed = {k: v for k, v in new.items() if old.get(k) != v}
            if not changed:
                return
            self._update("tasks", task_id, changed)
            for key, value in changed.items():
                self._history("task", task_id, key, old.get(key), value, "edit" if by_officer else "update")
            if "lead" in changed or "cooperate" in changed:
                self._set_task_bodies(task_id, new["lead"], new["cooperate"])

    # ------------------------------------------------------------------ bodies
    def bodies(self) -> list[tuple[int, str]]:
        """Every body named in any plan, by name."""
        return [(r[0], r[1]) for r in self.conn.execute("select id, name from bodies order by key")]

    def task_bodies(self, task_id: int) -> list[tuple[str, str]]:
        """(body name, role "lead"/"cooperate") of a task, leads first."""
        return [
            (r[0], r[1])
            for r in self.conn.execute(
                "select b.name, tb.role from task_bodies tb join bodies b on b.id = tb.body_id where tb.task_id = ?"
                " order by tb.role = 'cooperate', b.key",
                [task_id],
            )
        ]

    # ------------------------------------------------------------------ events
    def add_event(self, task_id: int, event_date: date, text: str) -> int:
        """Log one event of an on-demand task ("khi có phát sinh"); its id."""
        event_date = _as_date(event_date, "Ngày phát sinh")
        with self.transaction():
            self._task_row(task_id)
            row = {"task_id": task_id, "event_date": event_date.isoformat(), "text": clean(text)}
            event_id = self._insert("events", row)
            self._history("event", event_id, "", None, row, "insert")
            return event_id

    def delete_event(self, event_id: int) -> None:
        with self.transaction():
            rows = list(self._query("select * from events where id = ?", [event_id]))
            if not rows:
                raise UserError("Không tìm thấy sự việc phát sinh này.")
            self.conn.execute("delete from events where id = ?", [event_id])
            self._history("event", event_id, "", rows[0], None, "delete")

    def events(self, task_id: int | None = None, plan_id: int | None = None) -> list[Event]:
        sql, params = _rows_of_task_or_plan("events", "e", task_id, plan_id)
        return [
            Event(r["id"], r["task_id"], date.fromisoformat(r["event_date"]), r["text"] or "")
            for r in self._query(sql + " order by e.event_date, e.id", params)
        ]

    # ------------------------------------------------------------------ progress
    def _progress_values(self, entry: ProgressEntry) -> dict[str, Any]:
        text = clean(entry.text)
        if not text:
            raise UserError("Nội dung kết quả thực hiện không được để trống.")
        key = clean(entry.occurrence_key)
        if not key:
            raise UserError("Chưa chọn kỳ (lần thực hiện) mà kết quả này thuộc về.")
        return {
            "task_id": entry.task_id,
            "entry_date": _as_date(entry.entry_date, "Ngày thực hiện").isoformat(),
            "text": text,
            "occurrence_key": key,
            "done": int(bool(entry.done)),
        }

    def add_progress(self, entry: ProgressEntry) -> int:
        """Record what was done on a task; its id (also set on ``entry``)."""
        values = self._progress_values(entry)
        with self.transaction():
            self._task_row(entry.task_id)
            entry.id = self._insert("progress", values)
            self._history("progress", entry.id, "", None, values, "insert")
            return entry.id

    def update_progress(self, entry: ProgressEntry) -> None:
        if entry.id is None:
            raise UserError("Không tìm thấy kết quả thực hiện này.")
        values = self._progress_values(entry)
        with self.transaction():
            old = self._row("progress", entry.id, "Không tìm thấy kết quả thực hiện này.")
            self._task_row(entry.task_id)
            self._update_row("progress", entry.id, old, values)

    def delete_progress(self, progress_id: int) -> None:
        """Delete a progress entry; evidence attached to it stays with the task."""
        with self.transaction():
            old = self._row("progress", progress_id, "Không tìm thấy kết quả thực hiện này.")
            for r in self._query("select * from evidence where progress_id = ?", [progress_id]):
                self.conn.execute("update evidence set progress_id = null where id = ?", [r["id"]])
                self._history("evidence", r["id"], "progress_id", progress_id, None, "update")
            self.conn.execute("delete from progress where id = ?", [progress_id])
            self._history("progress", progress_id, "", old, None, "delete")

    def progress(self, task_id: int | None = None, plan_id: int | None = None) -> list[ProgressEntry]:
        """A task's or a plan's progress entries, those recorded on a linked task included (shown under this
        task: a department's task and the province task it comes from share their progress)."""
        sql, params = _rows_of_task_or_plan("progress", "p", task_id, plan_id, columns=_PROGRESS_COLUMNS)
        # plain rows in SQLite's order (a dict per row and a sort in Python were a third of reading a plan's)
        rows = self.conn.execute(sql + " order by p.entry_date, p.id", params).fetchall()
        linked = self._linked_rows("progress", task_id, plan_id)
        if linked:
            rows = sorted(rows + [tuple(r[c] for c in _PROGRESS_COLUMNS) for r in linked], key=lambda r: (r[1], r[5]))
        return [
            ProgressEntry(task_id=task, entry_date=date.fromisoformat(day), text=text, occurrence_key=key or "",
                          done=bool(done), id=entry_id)
            for task, day, text, key, done, entry_id in rows
        ]

    def _linked_rows(self, table: str, task_id: int | None, plan_id: int | None) -> list[dict[str, Any]]:
        """Rows of ``table`` recorded on tasks linked to the task (or to the plan's tasks), each as if recorded on
        the task it is shown under."""
        if task_id is None and plan_id is None:
            return []
        links = ("select l.task_id as shown, l.source_task_id as other from task_links l union all "
                 "select l.source_task_id, l.task_id from task_links l")
        sql = (f"select x.*, k.shown as shown_task from ({links}) k join {table} x on x.task_id = k.other "
               "join tasks t on t.id = k.shown where 1=1")
        params: list[Any] = []
        if task_id is not None:
            sql += " and k.shown = ?"
            params.append(task_id)
        if plan_id is not None:
            sql += " and t.plan_id = ?"
            params.append(plan_id)
        rows = self._query(sql, params)
        for r in rows:
            r["task_id"] = r.pop("shown_task")
        return rows

    def link_tasks(self, task_id: int, source_task_id: int) -> None:
        """Link a task of the body's plan to the province task it comes from (call inside a transaction)."""
        self.conn.execute("insert or ignore into task_links (task_id, source_task_id) values (?, ?)",
                          [task_id, source_task_id])
        self._history("task_link", task_id, "source_task_id", None, source_task_id, "insert")

    def linked_tasks(self, task_id: int) -> list[int]:
        """The tasks linked to ``task_id``, either way."""
        return [r[0] for r in self.conn.execute(
            "select source_task_id from task_links where task_id = ? union select task_id from task_links "
            "where source_task_id = ?", [task_id, task_id])]

    def _row(self, table: str, row_id: int, missing: str) -> dict[str, Any]:
        rows = list(self._query(f"select * from {table} where id = ?", [row_id]))
        if not rows:
            raise UserError(missing)
        return rows[0]

    def _update_row(self, table: str, row_id: int, old: dict[str, Any], values: dict[str, Any]) -> None:
        entity = {"progress": "progress", "evidence": "evidence"}[table]
        changed = {k: v for k, v in values.items() if old.get(k) != v}
        if changed:
            self._update(table, row_id, changed)
            for key, value in changed.items():
                self._history(entity, row_id, key, old.get(key), value, "update")

    # ------------------------------------------------------------------ evidence
    def _evidence_values(self, ev: Evidence) -> dict[str, Any]:
        number = clean(ev.number)
        if not number:
            raise UserError("Số và ký hiệu văn bản minh chứng không được để trống.")
        issued = _as_date(ev.issued, "Ngày ban hành").isoformat() if ev.issued not in (None, "") else None
        return {
            "task_id": ev.task_id,
            "progress_id": ev.progress_id,
            "number": number,
            "issued": issued,
            "issuer": clean(ev.issuer),
            "summary": clean(ev.summary),
        }

    def _refuse_same_number(self, task_id: int, number: str, evidence_id: int | None = None) -> None:
        """One document is cited once per task: the same số và ký hiệu twice on a task is a slip of the hand
        (case, accents and spaces aside), and would count the document twice in the report."""
        key = fold("".join(number.split()))
        for other_id, other in self.conn.execute("select id, number from evidence where task_id = ?", [task_id]):
            if other_id != evidence_id and fold("".join(other.split())) == key:
                raise UserError(f"Văn bản số {other} đã có trong các minh chứng của nhiệm vụ này.")

    def add_evidence(self, ev: Evidence, file: Path | str | None = None) -> int:
        """Record an evidence document; with ``file``, copy it into the managed folder first. Its id.

        The file is on disk (fsynced) before the row is committed: a crash can leave an unused file, never a
        row pointing at a missing file.
        """
        values = self._evidence_values(ev)
        if file is not None:
            source = Path(file)
            evfiles.check_source(source)
        with self.transaction():
            self._task_row(ev.task_id)
            self._refuse_same_number(ev.task_id, values["number"])
            if ev.progress_id is not None:
                self._row("progress", ev.progress_id, "Không tìm thấy kết quả thực hiện mà minh chứng gắn vào.")
            if file is not None:
                sha, size = evfiles.store_file(self.files_dir, source)
                values.update(file_name=nfc(source.name), file_sha256=sha, file_size=size)
            else:  # an already stored file (the same scan cited twice) is kept only if it is really there
                stored = evfiles.stored_path(self.files_dir, ev.file_sha256)
                if stored is not None and stored.is_file():
                    values.update(file_name=nfc(ev.file_name), file_sha256=ev.file_sha256, file_size=stored.stat().st_size)
                else:
                    values.update(file_name="", file_sha256="")
            ev.id = self._insert("evidence", values)
            ev.file_name, ev.file_sha256 = values["file_name"], values["file_sha256"]
            self._history("evidence", ev.id, "", None, values, "insert")
            return ev.id

    def update_evidence(self, ev: Evidence, file: Path | str | None = None) -> None:
        """Change an evidence record (and replace its file when ``file`` is given)."""
        if ev.id is None:
            raise UserError("Không tìm thấy minh chứng này.")
        values = self._evidence_values(ev)
        if file is not None:
            source = Path(file)
            evfiles.check_source(source)
        with self.transaction():
            old = self._row("evidence", ev.id, "Không tìm thấy minh chứng này.")
            self._task_row(ev.task_id)
            self._refuse_same_number(ev.task_id, values["number"], ev.id)
            if file is not None:
                sha, size = evfiles.store_file(self.files_dir, source)
                values.update(file_name=nfc(source.name), file_sha256=sha, file_size=size)
                ev.file_name, ev.file_sha256 = values["file_name"], sha
            elif not ev.file_sha256:
                values.update(file_name="", file_sha256="", file_size=None)
            self._update_row("evidence", ev.id, old, values)

    def delete_evidence(self, evidence_id: int) -> None:
        """Delete an evidence record; its stored file goes when no other record uses it (``remove_orphans``)."""
        with self.transaction():
            old = self._row("evidence", evidence_id, "Không tìm thấy minh chứng này.")
            self.conn.execute("delete from evidence where id = ?", [evidence_id])
            self._history("evidence", evidence_id, "", old, None, "delete")

    def evidence(self, task_id: int | None = None, plan_id: int | None = None) -> list[Evidence]:
        """A task's or a plan's evidence, that of linked tasks included (see ``progress``)."""
        sql, params = _rows_of_task_or_plan("evidence", "e", task_id, plan_id)
        rows = self._query(sql, params) + self._linked_rows("evidence", task_id, plan_id)
        return [
            Evidence(
                task_id=r["task_id"], number=r["number"] or "", issued=_opt_date(r["issued"]), issuer=r["issuer"] or "",
                summary=r["summary"] or "", progress_id=r["progress_id"], file_name=r["file_name"] or "",
                file_sha256=r["file_sha256"] or "", id=r["id"],
            )
            for r in sorted(rows, key=lambda r: (r["issued"] or "", r["id"]))
        ]

    def evidence_path(self, ev: Evidence) -> Path | None:
        """The stored copy of an evidence file, or None when it has none (or it is missing)."""
        path = evfiles.stored_path(self.files_dir, ev.file_sha256)
        return path if path is not None and path.is_file() else None

    def orphan_files(self) -> list[Path]:
        """Stored files no evidence row uses (left by a crash or by deletions) and unfinished copies."""
        used = {r[0] for r in self.conn.execute("select distinct file_sha256 from evidence where file_sha256 != ''")}
        stored = evfiles.stored_files(self.files_dir)
        return sorted(p for sha, p in stored.items() if sha not in used) + evfiles.leftover_temp_files(self.files_dir)

    def remove_orphans(self, backup_dir: Path | None = None) -> int:
        """Delete the files ``orphan_files`` finds, except those an automatic backup still refers to; how many.

        Keeping those means restoring any kept automatic backup finds its files. Safe to run: only the program
        holding the lock writes the folder.
        """
        if self.read_only:
            raise UserError("Cơ sở dữ liệu đang mở ở chế độ chỉ đọc; không dọn được tệp.")
        from kstthc_desktop.store.backup import files_used_by_backups

        needed = files_used_by_backups(self.path, backup_dir or self.backup_dir)
        count = 0
        for path in self.orphan_files():
            if path.name in needed:
                continue
            try:
                path.unlink()
                count += 1
            except OSError:
                log.warning("could not remove orphan file %s", path)
        return count

    # ------------------------------------------------------------------ settings
    def settings(self) -> Settings:
        """The officer's settings; a damaged value falls back to its default (logged and in ``warnings``)."""
        defaults = Settings()
        values: dict[str, Any] = {}
        for key, raw in self.conn.execute("select key, value from settings"):
            if key not in Settings.__dataclass_fields__:
                continue
            try:
                value = json.loads(raw)
            except (TypeError, ValueError):
                value = _bad_setting
            default = getattr(defaults, key)
            if value is _bad_setting or not _same_shape(value, default):
                log.warning("damaged setting %r=%r: using the default", key, raw)
                message = f"Thiết lập \"{key}\" bị hỏng; đã dùng giá trị mặc định."
                if message not in self.warnings:
                    self.warnings.append(message)
                continue
            values[key] = value
        return Settings.from_json(values)

    def save_settings(self, settings: Settings) -> None:
        data = settings.to_json()
        defaults = Settings().to_json()
        for key, value in data.items():
            if not _same_shape(value, defaults[key]):
                raise UserError(f"Thiết lập \"{key}\" không hợp lệ.")
        with self.transaction():
            old = {k: v for k, v in self.conn.execute("select key, value from settings")}
            for key, value in data.items():
                if isinstance(value, str):
                    value = clean(value)
                text = _j(value)
                if old.get(key) != text:
                    self.conn.execute("insert or replace into settings(key, value) values (?, ?)", [key, text])
                    self._history("setting", None, key, old.get(key), text, "update" if key in old else "insert")

    # ------------------------------------------------------------------ reports
    def report_texts(self, plan_id: int, period_key: str) -> dict[str, str]:
        return {
            r[0]: r[1]
            for r in self.conn.execute(
                "select name, text from report_texts where plan_id = ? and period_key = ?", [plan_id, period_key]
            )
        }

    def save_report_texts(self, plan_id: int, period_key: str, texts: dict[str, str]) -> None:
        """Keep the officer's own report paragraphs (assessment, next steps, proposals) for a period."""
        with self.transaction():
            self._plan_row(plan_id)
            old = self.report_texts(plan_id, period_key)
            for name, text in texts.items():
                text = nfc(text)
                if old.get(name) != text:
                    self.conn.execute(
                        "insert or replace into report_texts(plan_id, period_key, name, text) values (?, ?, ?, ?)",
                        [plan_id, period_key, name, text],
                    )
                    self._history("report_text", plan_id, f"{period_key}/{name}", old.get(name), text,
                                  "update" if name in old else "insert")

    def record_report(self, plan_id: int, period_key: str, path: Path | str, sha256: str, produced_at: datetime) -> int:
        with self.transaction():
            self._plan_row(plan_id)
            row = {
                "plan_id": plan_id, "period_key": period_key, "path": str(path), "sha256": sha256,
                "produced_at": produced_at.isoformat(timespec="seconds") if isinstance(produced_at, datetime) else str(produced_at),
            }
            report_id = self._insert("reports", row)
            self._history("report", report_id, "", None, row, "insert")
            return report_id

    def reports(self, plan_id: int) -> list[dict[str, Any]]:
        return list(self._query("select * from reports where plan_id = ? order by produced_at, id", [plan_id]))


_bad_setting = object()


def _same_shape(value: Any, default: Any) -> bool:
    """Whether a stored setting has the type its default has (int for int, list of str for list …)."""
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, str):
        return isinstance(value, str)
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if isinstance(default, dict):
        return isinstance(value, dict) and all(isinstance(k, str) for k in value)
    return True


def _db_write_error(exc: sqlite3.DatabaseError) -> UserError:
    from kstthc_desktop.store.media import FULL

    text = str(exc).lower()
    if "full" in text:
        message = (f"Không lưu được thay đổi: {FULL}. Dữ liệu không bị hỏng; hãy giải phóng dung lượng rồi thử "
                   "lại.")
    elif "readonly" in text or "read-only" in text or "read only" in text:
        message = "Không ghi được vào cơ sở dữ liệu: thư mục hoặc tệp chỉ cho phép đọc."
    elif "locked" in text or "busy" in text:
        message = "Cơ sở dữ liệu đang bận (một chương trình khác đang ghi); hãy thử lại."
    elif "malformed" in text or "not a database" in text or "corrupt" in text:
        message = "Tệp cơ sở dữ liệu bị hỏng; hãy khôi phục từ bản sao lưu."
    else:
        message = "Không lưu được thay đổi vào cơ sở dữ liệu."
    log.error("database write failed: %s", exc)
    return UserError(message, detail=str(exc))


def _rows_of_task_or_plan(
    table: str, alias: str, task_id: int | None, plan_id: int | None, *, columns: tuple[str, ...] = ("*",),
) -> tuple[str, list[Any]]:
    """The query for a task's rows of ``table`` (events, progress, evidence), or a plan's, or all of them;
    ``columns``: those to select (every one by default)."""
    names = ", ".join(f"{alias}.{c}" for c in columns)
    sql = f"select {names} from {table} {alias} join tasks t on t.id = {alias}.task_id where 1=1"
    params: list[Any] = []
    if task_id is not None:
        sql += f" and {alias}.task_id = ?"
        params.append(task_id)
    if plan_id is not None:
        sql += " and t.plan_id = ?"
        params.append(plan_id)
    return sql, params
