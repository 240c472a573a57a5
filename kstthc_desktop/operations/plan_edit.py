"""Correct a plan after import: a task's texts, section and number; tasks added and deleted; sections added,
renamed and deleted. Each is one transaction with every change in history (and so one action to undo).

A changed deadline text is read again at once for the plan's year, as the import would have read it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kstthc_desktop import plan_rules
from kstthc_desktop.deadlines import read_deadline
from kstthc_desktop.domain import Task
from kstthc_desktop.plan_rules import EDITABLE
from kstthc_desktop.store import plan_edits
from kstthc_desktop.text import clean

if TYPE_CHECKING:
    from kstthc_desktop.store import Store

__all__ = ["EDITABLE", "add_section", "add_task", "delete_section", "delete_task", "edit_task", "rename_section"]


def _section_codes(store: Store, plan_id: int) -> set[str]:
    return {r["code"] for r in plan_edits.section_rows(store, plan_id)}


def _plan_year(store: Store, plan_id: int) -> int | None:
    return next((p.document.year for p in store.plans() if p.id == plan_id), None)


def edit_task(store: Store, task_id: int, **changes: str) -> Task:
    """Change some of a task's texts (``EDITABLE``); the deadline is read again when its text changes. The task
    as saved. UserError (nothing saved) on an empty content, an unknown field or a section not in the plan."""
    plan_rules.check_fields(changes)
    task = store.task(task_id)
    plan_id = task.plan_id or 0  # a stored task has its plan
    values = {name: clean(value) for name, value in changes.items()}
    if "content" in values:
        plan_rules.require_content(values["content"])
    if values.get("section") and values["section"] != task.section:
        plan_rules.require_section(values["section"], _section_codes(store, plan_id))
    fields: dict[str, object] = {k: v for k, v in values.items() if getattr(task, k) != v}
    if "deadline_text" in fields:
        fields["deadline"] = read_deadline(values["deadline_text"], _plan_year(store, plan_id))
    if fields:
        with store.transaction():
            store.update_task(task_id, by_officer=True, **fields)
            if "section" in fields:  # moved: shown among its new section's tasks
                plan_edits.place_in_section(store, task_id, values["section"])
    return store.task(task_id)


def add_task(store: Store, plan_id: int, *, section: str, content: str, stt: str = "", result: str = "",
             lead: str = "", cooperate: str = "", deadline_text: str = "", note: str = "") -> int:
    """Add a task the import missed, at the end of the plan (its section and number place it in the table)."""
    plan_rules.require_section(section, _section_codes(store, plan_id))
    task = Task(stt=clean(stt), content=clean(content), result=clean(result), lead=clean(lead),
                cooperate=clean(cooperate), deadline_text=clean(deadline_text), note=clean(note), section=section)
    task.deadline = read_deadline(task.deadline_text, _plan_year(store, plan_id))
    with store.transaction():  # one action: added, then placed after its section's last task
        task_id = store.insert_task(plan_id, task)
        if section:
            plan_edits.place_in_section(store, task_id, section)
    return task_id


def delete_task(store: Store, task_id: int) -> None:
    """Delete a task with its results, documents and events (the window asks first; undo brings them back)."""
    plan_edits.delete_task(store, task_id)


def add_section(store: Store, plan_id: int, code: str, title: str, *, parent: str | None = None,
                after: int | None = None) -> int:
    """Add a section (``parent``: the code of its group) after section row ``after``; its id."""
    code, title = clean(code), clean(title)
    full = plan_rules.new_section_code(code, title, parent, _section_codes(store, plan_id))
    with store.transaction():  # one action, one undo
        section_id = plan_edits.insert_section(store, plan_id, full, title, parent, after)
        if full != code:
            plan_edits.update_section(store, section_id, printed_code=code)
    return section_id


def rename_section(store: Store, section_id: int, title: str) -> None:
    """Give a section its right title."""
    title = clean(title)
    plan_rules.require_title(title)
    plan_edits.update_section(store, section_id, title=title)


def delete_section(store: Store, section_id: int) -> None:
    """Delete an empty section (one still holding tasks or sections is refused with a sentence saying so)."""
    plan_edits.delete_section(store, section_id)
