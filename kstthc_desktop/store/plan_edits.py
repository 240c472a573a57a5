"""A plan corrected by hand after import: a task deleted, a section added, renamed or deleted, each row's change
written to history (entity "section" for a section row), so the history shows it and an undo can reverse it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kstthc_desktop.errors import UserError
from kstthc_desktop.plan_rules import require_empty_section
from kstthc_desktop.text import clean

if TYPE_CHECKING:
    from kstthc_desktop.store.store import Store


def section_rows(store: Store, plan_id: int) -> list[dict[str, Any]]:
    return store._query("select * from sections where plan_id = ? order by position, id", [plan_id])


def section_row(store: Store, section_id: int) -> dict[str, Any]:
    rows = store._query("select * from sections where id = ?", [section_id])
    if not rows:
        raise UserError("Không tìm thấy mục này của kế hoạch.")
    return rows[0]


def delete_task(store: Store, task_id: int) -> None:
    """Delete a task with its results, documents and events (each deletion in history, for undo)."""
    with store.transaction():
        store._task_row(task_id)
        store._delete_task_rows(task_id)


def insert_section(store: Store, plan_id: int, code: str, title: str, parent: str | None, after: int | None) -> int:
    """Add a section after section row ``after`` (None: at the end); its id."""
    with store.transaction():
        store._plan_row(plan_id)
        rows = section_rows(store, plan_id)
        index = next((i + 1 for i, r in enumerate(rows) if r["id"] == after), len(rows))
        for r in rows[index:]:  # make room: later sections move down one place
            store._update("sections", r["id"], {"position": r["position"] + 1})
            store._history("section", r["id"], "position", r["position"], r["position"] + 1, "update")
        position = rows[index - 1]["position"] + 1 if index > 0 else 0
        values = {"plan_id": plan_id, "code": clean(code), "title": clean(title), "parent": parent,
                  "printed_code": None, "position": position}
        section_id = store._insert("sections", values)
        store._history("section", section_id, "", None, {"id": section_id, **values}, "insert")
        return section_id


def update_section(store: Store, section_id: int, **fields: Any) -> None:
    """Change a section's title or printed number; each changed field in history."""
    with store.transaction():
        old = section_row(store, section_id)
        changed = {k: v for k, v in fields.items() if old.get(k) != v}
        store._update("sections", section_id, changed)
        for key, value in changed.items():
            store._history("section", section_id, key, old.get(key), value, "update")


def delete_section(store: Store, section_id: int) -> None:
    """Delete a section with no tasks and no sections under it (else a clear refusal)."""
    with store.transaction():
        old = section_row(store, section_id)
        tasks = store.conn.execute("select count(*) from tasks where plan_id = ? and section = ?",
                                   [old["plan_id"], old["code"]]).fetchone()[0]
        children = store.conn.execute("select count(*) from sections where plan_id = ? and parent = ?",
                                      [old["plan_id"], old["code"]]).fetchone()[0]
        require_empty_section(old["title"], tasks, children)
        store.conn.execute("delete from sections where id = ?", [section_id])
        store._history("section", section_id, "", old, None, "delete")


def place_in_section(store: Store, task_id: int, section: str) -> None:
    """Put a task moved to (or added in) ``section`` after that section's last task in plan order, so the table's
    plan order shows it among its section's tasks; later tasks move down one place (each move in history)."""
    with store.transaction():
        row = store._task_row(task_id)
        plan_id = row["plan_id"]
        last = store.conn.execute("select max(position) from tasks where plan_id = ? and section = ? and id != ?",
                                  [plan_id, section, task_id]).fetchone()[0]
        if last is None or last + 1 == row["position"]:
            return
        target = last + 1 if last < row["position"] else last
        step = 1 if last < row["position"] else -1  # moving up: tasks in between move down; moving down: up
        low, high = (target, row["position"]) if step == 1 else (row["position"], target + 1)
        between = store._query("select id, position from tasks where plan_id = ? and position >= ? and "
                               "position < ? and id != ?", [plan_id, low, high, task_id])
        for other in between:
            store._update("tasks", other["id"], {"position": other["position"] + step})
            store._history("task", other["id"], "position", other["position"], other["position"] + step, "update")
        store._update("tasks", task_id, {"position": target})
        store._history("task", task_id, "position", row["position"], target, "update")
