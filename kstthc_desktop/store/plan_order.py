"""A plan's order written back: the tasks' and sections' positions (and a moved section's group), each change
written to history so that one undo puts the order back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kstthc_desktop.domain import Section

if TYPE_CHECKING:
    from kstthc_desktop.store.store import Store


def set_task_order(store: Store, plan_id: int, task_ids: list[int]) -> None:
    """Give the plan's tasks ``task_ids`` (all of them, in their new order) the plan's positions in that order;
    only a changed position is written (and recorded)."""
    rows = store._query("select id, position from tasks where plan_id = ? order by position, id", [plan_id])
    slots = sorted(r["position"] for r in rows)
    if len(set(slots)) != len(slots):  # positions not distinct (an old database): number them afresh
        slots = list(range(len(rows)))
    old = {r["id"]: r["position"] for r in rows}
    with store.transaction():
        for task_id, position in zip(task_ids, slots, strict=True):
            if old[task_id] != position:
                store._update("tasks", task_id, {"position": position})
                store._history("task", task_id, "position", old[task_id], position, "update")


def set_section_order(store: Store, plan_id: int, sections: list[Section]) -> None:
    """Make ``sections`` (every section of the plan, with ids) the plan's section order, with their groups."""
    rows = {r["id"]: r for r in store._query("select * from sections where plan_id = ?", [plan_id])}
    with store.transaction():
        for position, section in enumerate(sections):
            assert section.id is not None  # a stored section
            old = rows[section.id]
            changed = {k: v for k, v in (("position", position), ("parent", section.parent)) if old[k] != v}
            store._update("sections", section.id, changed)
            for key, value in changed.items():
                store._history("section", section.id, key, old[key], value, "update")
