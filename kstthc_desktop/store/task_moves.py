"""Records moved from one task to another, and a task placed right after another: the row changes a split or a
merge of tasks is made of (``operations.split_merge``), each written to history so that one undo puts every
progress entry, document, event, unit's result and task link back where it pointed.

A task link has no id of its own: it is written to history as entity "task_link", id the task's, removed whole
(old: both columns) or added as ``Store.link_tasks`` writes it; ``store.undo`` reverses both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kstthc_desktop.store.store import Store

#: A task's own records that follow it: table → history entity.
RECORDS = {"progress": "progress", "evidence": "evidence", "events": "event", "return_results": "return_result"}


def record_ids(store: Store, table: str, task_id: int) -> list[int]:
    return [r[0] for r in store.conn.execute(f"select id from [{table}] where task_id = ? order by id", [task_id])]


def move_records(store: Store, table: str, ids: list[int], to_task: int) -> None:
    """Give records ``ids`` of ``table`` to task ``to_task`` (each change in history; call inside a transaction)."""
    entity = RECORDS[table]
    for row_id in ids:
        old = store.conn.execute(f"select task_id from [{table}] where id = ?", [row_id]).fetchone()
        if old is None or old[0] == to_task:
            continue
        store._update(table, row_id, {"task_id": to_task})
        store._history(entity, row_id, "task_id", old[0], to_task, "update")


def move_all_records(store: Store, from_task: int, to_task: int) -> None:
    """Every progress entry, document, event and unit's result of ``from_task`` to ``to_task``."""
    for table in RECORDS:
        move_records(store, table, record_ids(store, table, from_task), to_task)


def move_links(store: Store, from_task: int, to_task: int) -> None:
    """The task links of ``from_task`` (either way) become ``to_task``'s; a link the target has already, or one
    between the two tasks themselves, is dropped. Each link removed or added in history."""
    rows = store._query("select task_id, source_task_id from task_links where task_id = ? or source_task_id = ?",
                        [from_task, from_task])
    for row in rows:
        unlink(store, row["task_id"], row["source_task_id"])
        mine, other = (to_task, row["source_task_id"]) if row["task_id"] == from_task else \
            (row["task_id"], to_task)
        if mine != other:
            link(store, mine, other)


def unlink(store: Store, task_id: int, source_task_id: int) -> None:
    store.conn.execute("delete from task_links where task_id = ? and source_task_id = ?", [task_id, source_task_id])
    store._history("task_link", task_id, "", {"task_id": task_id, "source_task_id": source_task_id}, None, "delete")


def link(store: Store, task_id: int, source_task_id: int) -> None:
    exists = store.conn.execute("select 1 from task_links where task_id = ? and source_task_id = ?",
                                [task_id, source_task_id]).fetchone()
    if not exists:
        store.link_tasks(task_id, source_task_id)


def place_after(store: Store, task_id: int, anchor_id: int) -> None:
    """Put ``task_id`` right after ``anchor_id`` in plan order; the tasks after it move down one place."""
    anchor = store._task_row(anchor_id)
    later = store._query("select id, position from tasks where plan_id = ? and position > ? and id != ? "
                         "order by position desc", [anchor["plan_id"], anchor["position"], task_id])
    for other in later:
        store._update("tasks", other["id"], {"position": other["position"] + 1})
        store._history("task", other["id"], "position", other["position"], other["position"] + 1, "update")
    old = store._task_row(task_id)["position"]
    store._update("tasks", task_id, {"position": anchor["position"] + 1})
    store._history("task", task_id, "position", old, anchor["position"] + 1, "update")
