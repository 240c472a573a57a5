"""Undo, built on the history table: an action's history rows say what it changed; undoing writes the reverse.

Every outermost transaction of a session notes the history ids it wrote (``Store.session_actions``): that is one
officer action. Undoing it reads those rows newest first and, in one transaction, deletes what was inserted,
puts back what was deleted (with its id, so documents and results linked to it find it again) and sets each
changed field back; every reverse change is written to history like any other. Only the records the officer
keeps by hand are undone (tasks, sections, results, documents, events): an import, a restore or a setting is not.
A split or merge of tasks also writes a row naming it (action "split"/"merge", no field): it names the action and
has nothing to reverse.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from kstthc_desktop.errors import UserError

if TYPE_CHECKING:
    from kstthc_desktop.store.store import Store

#: history entity → its table; the entities an undo may touch.
TABLES = {"task": "tasks", "progress": "progress", "evidence": "evidence", "event": "events", "section": "sections",
          "return_result": "return_results"}
#: Rows keyed by two columns, not an id (history's entity_id is the first): put back or removed whole.
PAIRS = {"task_link": ("task_links", ("task_id", "source_task_id"))}

_ENTITY_NAMES = {"task": "nhiệm vụ", "progress": "kết quả", "evidence": "văn bản", "event": "phát sinh",
                 "section": "mục", "plan": "kế hoạch", "body": "cơ quan", "return_result": "kết quả của đơn vị",
                 "task_link": "liên kết nhiệm vụ"}
_ACTIONS = {"insert": "Thêm", "update": "Sửa", "edit": "Sửa", "delete": "Xóa"}


#: Records apart from the plan (settings, reports, units' returns and figures): an action touching only these is
#: passed over, so saving a report does not stand between the officer and the undo of a deleted result.
INDEPENDENT = {"setting", "report", "report_text", "figure_set", "unit", "return"}

#: Actions written as a row of their own naming them (``operations.split_merge``).
_NAMED_ACTIONS = {"split": "Tách", "merge": "Gộp"}


def last_plan_action(store: Store) -> int | None:
    """The index in ``store.session_actions`` of the last action that touched the plan's records."""
    for index in range(len(store.session_actions) - 1, -1, -1):
        rows = action_rows(store, *store.session_actions[index])
        if any(r["entity"] not in INDEPENDENT for r in rows):
            return index
    return None


def action_rows(store: Store, first: int, last: int) -> list[dict[str, Any]]:
    return store._query("select * from history where id between ? and ? order by id", [first, last])


def undoable(rows: list[dict[str, Any]]) -> bool:
    """Whether every change of an action is one an undo can reverse (a task's bodies follow its lead cells)."""
    return bool(rows) and all(r["entity"] in TABLES or r["entity"] in PAIRS or r["entity"] == "body" for r in rows)


def describe(rows: list[dict[str, Any]]) -> str:
    """The action in the officer's words, from its main change: "Xóa kết quả", "Sửa nhiệm vụ"; an import (it
    writes the plan's own history row) is "Nhập kế hoạch" or "Nhập lại kế hoạch", not the first task it added; a
    split or merge of tasks is named by its own row ("Tách nhiệm vụ", "Gộp nhiệm vụ")."""
    plan_rows = [r for r in rows if r["entity"] == "plan"]
    if any(not r["field"] for r in plan_rows):  # a plan added or deleted whole
        return "Nhập kế hoạch" if any(r["action"] == "insert" for r in plan_rows) else "Xóa kế hoạch"
    if plan_rows:  # every import records the sections it read; else the plan's own fields changed (its year)
        return "Nhập lại kế hoạch" if any(r["field"] == "sections" for r in plan_rows) else "Sửa kế hoạch"
    named = next((r for r in rows if r["action"] in _NAMED_ACTIONS), None)
    if named is not None:
        return f"{_NAMED_ACTIONS[named['action']]} {_ENTITY_NAMES[named['entity']]}"
    whole = [r for r in rows if r["entity"] in TABLES and not r["field"]]  # a record added or deleted
    whole.sort(key=lambda r: list(TABLES).index(r["entity"]))  # a task deleted with its results: the task
    main = whole[0] if whole else next((r for r in rows if r["entity"] in TABLES), rows[0])
    if not whole and any(r["field"] == "position" for r in rows):  # a move (its numbers may follow)
        return f"Chuyển {_ENTITY_NAMES.get(main['entity'], main['entity'])}"
    return f"{_ACTIONS.get(main['action'], main['action'])} {_ENTITY_NAMES.get(main['entity'], main['entity'])}"


def _columns(store: Store, table: str) -> dict[str, str]:
    return {r["name"]: (r["type"] or "").upper() for r in store._query(f"pragma table_info([{table}])")}


def _value(text: str | None, column_type: str) -> Any:
    """A history value back as the column holds it (history keeps text as is and anything else as JSON)."""
    if text is None or column_type == "TEXT":
        return text
    try:
        return json.loads(text)
    except ValueError:
        return text


def revert(store: Store, first: int, last: int) -> None:
    """Write the reverse of history rows ``first``…``last``, newest first, inside the caller's transaction."""
    touched_tasks: set[int] = set()
    for r in reversed(action_rows(store, first, last)):
        entity, row_id, field = r["entity"], r["entity_id"], r["field"]
        if entity == "body":
            continue  # bodies are names shared by tasks; the task's own cells decide its links (below)
        if entity in PAIRS:
            _revert_pair(store, r)
            continue
        table = TABLES[entity]
        if r["action"] == "insert" and not field:
            old = store._query(f"select * from [{table}] where id = ?", [row_id])
            if old:
                if entity == "task":
                    store.conn.execute("delete from task_bodies where task_id = ?", [row_id])
                store.conn.execute(f"delete from [{table}] where id = ?", [row_id])
                store._history(entity, row_id, "", old[0], None, "delete")
        elif r["action"] == "delete" and not field:
            record = json.loads(r["old"])
            if store._query(f"select id from [{table}] where id = ?", [row_id]):
                raise UserError("Không hoàn tác được: bản ghi đã xóa nay có một bản ghi khác mang cùng số hiệu.")
            columns = _columns(store, table)
            store._insert(table, {k: v for k, v in record.items() if k in columns})
            store._history(entity, row_id, "", None, record, "insert")
            if entity == "task":
                touched_tasks.add(row_id)
        elif field:
            current = store._query(f"select [{field}] as v from [{table}] where id = ?", [row_id])
            if not current:
                continue
            value = _value(r["old"], _columns(store, table).get(field, ""))
            store._update(table, row_id, {field: value})
            store._history(entity, row_id, field, current[0]["v"], value, "update")
            if entity == "task" and field in ("lead", "cooperate"):
                touched_tasks.add(row_id)
    for task_id in touched_tasks:
        row = store._query("select lead, cooperate from tasks where id = ?", [task_id])
        if row:
            store._set_task_bodies(task_id, row[0]["lead"] or "", row[0]["cooperate"] or "")


def _revert_pair(store: Store, r: dict[str, Any]) -> None:
    """Put back a deleted two-column row (a task's link to the plan task it comes from) or remove an added one.
    An added link may be recorded whole or, as ``Store.link_tasks`` writes it, as its second column's value."""
    table, (first_column, second_column) = PAIRS[r["entity"]]
    if r["action"] == "delete":
        record = json.loads(r["old"])
        store.conn.execute(f"insert or ignore into [{table}] ([{first_column}], [{second_column}]) values (?, ?)",
                           [record[first_column], record[second_column]])
        store._history(r["entity"], r["entity_id"], "", None, record, "insert")
    elif r["action"] == "insert":
        new = json.loads(r["new"]) if r["new"] else None
        record = new if isinstance(new, dict) else {first_column: r["entity_id"], second_column: new}
        store.conn.execute(f"delete from [{table}] where [{first_column}] = ? and [{second_column}] = ?",
                           [record[first_column], record[second_column]])
        store._history(r["entity"], r["entity_id"], "", record, None, "delete")
