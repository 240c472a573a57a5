"""Corrections to a plan read from a file, before it is saved: the import preview's edits of the in-memory ``Plan``.

The same corrections as ``operations.plan_edit`` makes on a stored plan (a task's texts, section and number; tasks
added and deleted; sections added, renamed, deleted and gathered under a group), refused by the same rules in the
same words (``plan_rules``). Every change keeps the plan as the preview shows it, so saving stores exactly that:
tasks follow their sections' order in ``plan.tasks``, and each import warning stays with the task it was about
(its ``task_index`` follows the task; a deleted task's warnings go with it). ``PreviewUndo`` takes them back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

from kstthc_desktop import plan_rules
from kstthc_desktop.deadlines import read_deadline
from kstthc_desktop.domain import ImportWarning, Plan, Section, Task
from kstthc_desktop.errors import UserError
from kstthc_desktop.text import clean

#: The texts of a new task, besides its section.
TASK_TEXTS = ("stt", "content", "result", "lead", "cooperate", "deadline_text", "note")


# --- keeping the plan as the preview shows it -----------------------------------------------------------------
def _owner(plan: Plan, warning: ImportWarning, by_row: dict[int, Task]) -> Task | None:
    """The task a warning is about: by its index when given, else by the source row it points at."""
    if warning.task_index is not None:
        return plan.tasks[warning.task_index] if 0 <= warning.task_index < len(plan.tasks) else None
    return by_row.get(warning.row) if warning.row is not None else None


def follow_sections(plan: Plan) -> None:
    """Order ``plan.tasks`` as the preview lists them: tasks outside any known section first, then section by
    section in ``plan.sections`` order, each section's tasks in their present order (a stable sort)."""
    order = {s.code: i for i, s in enumerate(plan.sections)}
    plan.tasks.sort(key=lambda t: order.get(t.section, -1))


@contextmanager
def keeping_warnings(plan: Plan) -> Iterator[None]:
    """Change ``plan.tasks`` inside; afterwards each warning points at its task's new index (a warning about a
    task no longer in the plan is dropped) and the tasks follow their sections (``follow_sections``)."""
    by_row: dict[int, Task] = {}
    for task in plan.tasks:
        if task.source_row is not None:
            by_row.setdefault(task.source_row, task)
    owners = [_owner(plan, w, by_row) for w in plan.warnings]
    yield
    follow_sections(plan)
    where = {id(task): i for i, task in enumerate(plan.tasks)}
    kept = []
    for warning, owner in zip(plan.warnings, owners, strict=True):
        if owner is not None and id(owner) not in where:
            continue  # its task was deleted
        if owner is not None and warning.task_index is not None:
            warning.task_index = where[id(owner)]
        kept.append(warning)
    plan.warnings[:] = kept


def _codes(plan: Plan) -> set[str]:
    return {s.code for s in plan.sections}


def _section(plan: Plan, code: str) -> Section:
    section = next((s for s in plan.sections if s.code == code), None)
    if section is None:
        raise UserError("Không tìm thấy mục này của kế hoạch.")
    return section


def _task(plan: Plan, index: int) -> Task:
    if not 0 <= index < len(plan.tasks):
        raise UserError("Không tìm thấy nhiệm vụ này trong bảng xem trước.")
    return plan.tasks[index]


def _under(plan: Plan, code: str) -> list[str]:
    """``code`` and the codes of every section below it, in plan order."""
    codes = [code]
    for section in plan.sections:
        if section.parent in codes:
            codes.append(section.code)
    return codes


# --- tasks ----------------------------------------------------------------------------------------------------
def edit_task(plan: Plan, index: int, **changes: str) -> Task:
    """Change some of task ``index``'s texts (``plan_rules.EDITABLE``); a changed deadline text is read again for
    the plan's year; a task moved to another section goes after that section's last task. Refused (UserError,
    nothing changed) on an empty content or a section not in the plan."""
    plan_rules.check_fields(changes)
    task = _task(plan, index)
    values = {name: clean(value) for name, value in changes.items()}
    if "content" in values:
        plan_rules.require_content(values["content"])
    if values.get("section") and values["section"] != task.section:
        plan_rules.require_section(values["section"], _codes(plan))
    changed = {k: v for k, v in values.items() if getattr(task, k) != v}
    with keeping_warnings(plan):
        if "section" in changed:  # shown among its new section's tasks, after the last of them
            plan.tasks.remove(task)
            plan.tasks.append(task)
        for name, value in changed.items():
            setattr(task, name, value)
        if "deadline_text" in changed:
            task.deadline = read_deadline(task.deadline_text, plan.document.year)
    return task


def add_task(plan: Plan, *, section: str, after: int | None = None, **texts: str) -> int:
    """Add a task the import missed to ``section``: after task ``after`` when it is in that section, else first
    in the section. Its index; the deadline read as the import would. Refused like ``edit_task``."""
    unknown = set(texts) - set(TASK_TEXTS)
    if unknown:
        raise ValueError(f"not a task text: {sorted(unknown)}")
    values = {name: clean(texts.get(name, "")) for name in TASK_TEXTS}
    plan_rules.require_content(values["content"])
    plan_rules.require_section(section, _codes(plan))
    task = Task(section=section)
    for name, value in values.items():
        setattr(task, name, value)
    task.deadline = read_deadline(task.deadline_text, plan.document.year)
    if after is not None and 0 <= after < len(plan.tasks) and plan.tasks[after].section == section:
        place = after + 1
    else:  # first among its section's tasks (the sort puts it into its section)
        place = next((i for i, t in enumerate(plan.tasks) if t.section == section), len(plan.tasks))
    with keeping_warnings(plan):
        plan.tasks.insert(place, task)
    return next(i for i, t in enumerate(plan.tasks) if t is task)


def delete_tasks(plan: Plan, indexes: Iterable[int]) -> list[Task]:
    """Delete tasks (with the warnings about them); the deleted tasks. ``PreviewUndo`` brings them back."""
    doomed = [_task(plan, i) for i in sorted(set(indexes))]
    if len(doomed) == len(plan.tasks):
        raise UserError("Kế hoạch phải còn ít nhất một nhiệm vụ: không xóa hết được.")
    with keeping_warnings(plan):
        gone = {id(t) for t in doomed}
        plan.tasks[:] = [t for t in plan.tasks if id(t) not in gone]
    return doomed


# --- sections -------------------------------------------------------------------------------------------------
def add_section(plan: Plan, code: str, title: str, *, parent: str | None = None, after: str | None = None) -> Section:
    """Add a section (``parent``: the code of its group) after section ``after`` and the sections below it; with
    no ``after``, at the end of its group (or of the plan). Refused like ``operations.plan_edit.add_section``."""
    code, title = clean(code), clean(title)
    full = plan_rules.new_section_code(code, title, parent, _codes(plan))
    section = Section(code=full, title=title, parent=parent, printed_code=code if full != code else None)
    anchor = after if after in _codes(plan) else parent
    if anchor:
        last = _under(plan, anchor)[-1]
        place = next(i for i, s in enumerate(plan.sections) if s.code == last) + 1
    else:
        place = len(plan.sections)
    with keeping_warnings(plan):
        plan.sections.insert(place, section)
    return section


def rename_section(plan: Plan, code: str, title: str) -> Section:
    """Give a section its right title."""
    title = clean(title)
    plan_rules.require_title(title)
    section = _section(plan, code)
    section.title = title
    return section


def delete_section(plan: Plan, code: str, *, move_tasks_to: str | None = None) -> None:
    """Delete a section; its tasks go to section ``move_tasks_to`` when given (after that section's tasks), else
    a section still holding tasks or sections is refused with the stored plan's sentence."""
    section = _section(plan, code)
    tasks = [t for t in plan.tasks if t.section == code]
    children = sum(1 for s in plan.sections if s.parent == code)
    if move_tasks_to is not None and tasks:
        if move_tasks_to == code:
            raise UserError("Hãy chọn một mục khác để chuyển nhiệm vụ sang.")
        plan_rules.require_section(move_tasks_to, _codes(plan))
        plan_rules.require_empty_section(section.title, 0, children)
    else:
        plan_rules.require_empty_section(section.title, len(tasks), children)
    with keeping_warnings(plan):
        for task in tasks:  # after the tasks already there
            plan.tasks.remove(task)
            plan.tasks.append(task)
            task.section = move_tasks_to or ""
        plan.sections.remove(section)


def add_group(plan: Plan, code: str, title: str, sections: Iterable[str] = ()) -> Section:
    """Gather top-level ``sections`` under a new group (a two-level plan: "1. Thực hiện…" over "I.", "II."): the
    group goes where the first of them was, they follow it in their order, each keeps its printed number and
    takes the group's code in its own ("I" → "1.I"), and so do its tasks. No sections: an empty group at the end."""
    code, title = clean(code), clean(title)
    plan_rules.new_section_code(code, title, None, _codes(plan))
    chosen = [_section(plan, c) for c in dict.fromkeys(sections)]
    nested = next((s for s in chosen if s.parent), None)
    if nested is not None:
        raise UserError(f"Mục «{nested.printed_code or nested.code}. {nested.title}» đã thuộc một nhóm mục.")
    grouped = next((s for s in chosen if any(o.parent == s.code for o in plan.sections)), None)
    if grouped is not None:
        raise UserError(f"Mục «{grouped.code}. {grouped.title}» đã là một nhóm mục: không đặt nhóm trong nhóm.")
    group = Section(code=code, title=title)
    chosen.sort(key=plan.sections.index)
    place = plan.sections.index(chosen[0]) if chosen else len(plan.sections)
    renamed = {s.code: f"{code}.{s.printed_code or s.code}" for s in chosen}
    taken = _codes(plan) - set(renamed)
    clash = next((new for new in renamed.values() if new in taken), None)
    if clash is not None:
        raise UserError(f"Kế hoạch đã có mục số «{clash}».")
    with keeping_warnings(plan):
        rest = [s for s in plan.sections if s not in chosen]
        rest.insert(min(place, len(rest)), group)
        at = rest.index(group) + 1
        plan.sections[:] = rest[:at] + chosen + rest[at:]
        for section in chosen:
            section.printed_code = section.printed_code or section.code
            section.code, section.parent = renamed[section.code], code
        for task in plan.tasks:
            task.section = renamed.get(task.section, task.section)
    return group


# --- undo -----------------------------------------------------------------------------------------------------
@dataclass
class _Snapshot:
    label: str
    sections: list[Section]
    tasks: list[Task]
    warnings: list[ImportWarning]
    year: int | None
    extra: Any = None


@dataclass
class PreviewUndo:
    """The preview's changes, newest last, each with the plan as it was before: ``undo`` puts it back (in the same
    ``Plan`` object, which the wizard and its model share). ``extra``: what the caller keeps beside the plan."""

    plan: Plan
    steps: list[_Snapshot] = field(default_factory=list)

    def record(self, label: str, extra: Any = None) -> None:
        """Remember the plan before a change called ``label`` ("Xóa 2 nhiệm vụ")."""
        plan = self.plan
        self.steps.append(_Snapshot(label, deepcopy(plan.sections), deepcopy(plan.tasks), deepcopy(plan.warnings),
                                    plan.document.year, deepcopy(extra)))

    def forget_last(self) -> None:
        """The change just recorded did not happen (it was refused)."""
        if self.steps:
            self.steps.pop()

    @property
    def label(self) -> str:
        """What ``undo`` would take back ("" : nothing)."""
        return self.steps[-1].label if self.steps else ""

    def undo(self) -> _Snapshot | None:
        """Put the plan back as it was before the last change; that step (None: nothing to undo)."""
        if not self.steps:
            return None
        step = self.steps.pop()
        self.plan.sections[:] = step.sections
        self.plan.tasks[:] = step.tasks
        self.plan.warnings[:] = step.warnings
        self.plan.document.year = step.year
        return step
