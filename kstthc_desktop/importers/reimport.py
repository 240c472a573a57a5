"""Re-import: the province amends its plan mid-year; bring the stored plan up to date without losing work.

Tasks are paired by their text (content + result, folded; equal first, then the most similar by difflib), never
by number, since numbering shifts when a task is added. A paired task keeps its id, so its progress, evidence,
events, assignee and concern stay; its changed fields are updated (history records them). New tasks are added;
tasks that disappeared are marked withdrawn, kept and shown as such. ``compare`` only reads (the dry-run and the
GUI preview); ``apply`` writes all of it in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kstthc_desktop.domain import Concern, Plan, Task
from kstthc_desktop.importers.compare import pair_by_text
from kstthc_desktop.task_fields import PLAN_FIELDS, TASK_FIELDS
from kstthc_desktop.text import fold

if TYPE_CHECKING:
    from kstthc_desktop.store import Store

#: Each field as the summary names it ("đổi thời hạn"), from ``task_fields``.
FIELD_NAMES_VI = {f.name: f.in_sentence for f in TASK_FIELDS}
SIMILAR = 0.75
QUIET = {"ambiguous", "why", "deadline"}  # the importer's annotations: kept current, not reported as changes


@dataclass
class TaskChange:
    old: Task
    new: Task
    fields: dict[str, tuple[Any, Any]]  # field -> (old value, new value)

    def to_json(self) -> dict[str, Any]:
        def show(v: Any) -> Any:
            return v.to_json() if hasattr(v, "to_json") else v

        return {"task_id": self.old.id, "stt": self.new.stt, "content": self.new.content[:200],
                "fields": {k: [show(a), show(b)] for k, (a, b) in self.fields.items()}}


@dataclass
class PlanChanges:
    updated: list[TaskChange] = field(default_factory=list)
    added: list[Task] = field(default_factory=list)
    withdrawn: list[Task] = field(default_factory=list)
    reinstated: list[TaskChange] = field(default_factory=list)  # withdrawn before, back in the new version
    unchanged: int = 0
    sections_changed: bool = False
    refreshed: list[TaskChange] = field(default_factory=list)  # only the importer's own notes changed
    kept: list[TaskChange] = field(default_factory=list)  # fields the officer corrected by hand, left as they are

    @property
    def empty(self) -> bool:
        return not (self.updated or self.added or self.withdrawn or self.reinstated or self.sections_changed)

    def summary(self) -> list[str]:
        """Vietnamese lines saying what the new version changes."""
        lines = [f"{len(self.updated)} nhiệm vụ thay đổi, {len(self.added)} nhiệm vụ mới, "
                 f"{len(self.withdrawn)} nhiệm vụ rút khỏi kế hoạch (vẫn giữ lại), {self.unchanged} không đổi."]
        if self.reinstated:
            lines.append(f"{len(self.reinstated)} nhiệm vụ đã rút nay có lại trong kế hoạch.")
        if self.sections_changed:
            lines.append("Các mục của kế hoạch thay đổi.")
        for ch in self.updated + self.reinstated:
            names = ", ".join(FIELD_NAMES_VI.get(f, f) for f in ch.fields
                              if f not in ("deadline", "why", "ambiguous", "withdrawn"))  # reinstated: said above
            if names:
                lines.append(f"  ~ {ch.new.stt or '-'} {short(ch.new.content)}: đổi {names}")
        for ch in self.kept:
            names = ", ".join(FIELD_NAMES_VI.get(f, f) for f in ch.fields if f != "deadline")
            lines.append(f"  = {ch.new.stt or '-'} {short(ch.new.content)}: giữ {names} do cán bộ đã sửa "
                         "(bản mới ghi khác; sửa lại trong Sửa › Sửa nhiệm vụ nếu cần)")
        lines += [f"  + {t.stt or '-'} {short(t.content)}" for t in self.added]
        lines += [f"  - {t.stt or '-'} {short(t.content)} (rút khỏi kế hoạch)" for t in self.withdrawn]
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "updated": [c.to_json() for c in self.updated],
            "reinstated": [c.to_json() for c in self.reinstated],
            "added": [t.to_json() for t in self.added],
            "withdrawn": [{"task_id": t.id, "stt": t.stt, "content": t.content[:200]} for t in self.withdrawn],
            "unchanged": self.unchanged,
            "sections_changed": self.sections_changed,
        }


def short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _key(task: Task) -> str:
    return fold(f"{task.content} {task.result}")


def _value(task: Task, name: str) -> Any:
    value = getattr(task, name)
    if isinstance(value, str):
        return " ".join(value.split())
    return value


def compare(old: Plan, new: Plan) -> PlanChanges:
    """What importing ``new`` over the stored ``old`` would change (reads only)."""
    changes = PlanChanges()
    pairs = pair_by_text([_key(t) for t in old.tasks], [_key(t) for t in new.tasks], SIMILAR)
    paired_old = {a for a, _ in pairs}
    for a, b in pairs:
        before, after = old.tasks[a], new.tasks[b]
        fields = {name: (getattr(before, name), getattr(after, name))
                  for name in PLAN_FIELDS if _value(before, name) != _value(after, name)}
        if "deadline_text" not in fields:  # same printed deadline: the stored reading may be the officer's correction
            fields.pop("deadline", None)
        if before.withdrawn:
            fields["withdrawn"] = (True, False)
            changes.reinstated.append(TaskChange(before, after, fields))
        elif set(fields) - QUIET:
            changes.updated.append(TaskChange(before, after, fields))
        else:
            changes.unchanged += 1
            if fields:
                changes.refreshed.append(TaskChange(before, after, fields))
    paired_new = {b for _, b in pairs}
    changes.added = [t for i, t in enumerate(new.tasks) if i not in paired_new]
    changes.withdrawn = [t for i, t in enumerate(old.tasks) if i not in paired_old and not t.withdrawn]
    same_sections = [(s.code, s.title, s.parent) for s in old.sections] == [(s.code, s.title, s.parent) for s in new.sections]
    changes.sections_changed = not same_sections
    return changes


def matching_plan_id(store: Store, new: Plan) -> int | None:
    """The stored plan that ``new`` amends; None when ``new`` is a plan of its own (saved beside the others).

    Same year, and the same issuer when both issuers are known (a department keeps the province's plan and its
    own for one year side by side). When an issuer is unknown, the issuer cannot tell them apart: the plan whose
    tasks pair with the new version's, and none when no task pairs (amending the wrong plan would withdraw
    every task the officer tracks there)."""
    year = new.document.year
    issuer = fold(new.document.issuer)
    same_year = [p for p in store.plans() if p.document.year == year]  # newest first
    if issuer:
        for stored in same_year:
            if fold(stored.document.issuer) == issuer:
                return stored.id
    unsure = [p for p in same_year if not issuer or not fold(p.document.issuer)]
    best, best_paired = None, 0
    for stored in unsure:
        assert stored.id is not None  # plans read from the store have their ids
        paired = len(pair_by_text([_key(t) for t in store.load_plan(stored.id).tasks],
                                  [_key(t) for t in new.tasks], SIMILAR))
        if paired > best_paired:
            best, best_paired = stored.id, paired
    return best


def apply(store: Store, plan_id: int, new: Plan) -> PlanChanges:
    """Bring stored plan ``plan_id`` up to ``new`` in one transaction; what changed."""
    with store.transaction():
        old = store.load_plan(plan_id)
        changes = compare(old, new)
        for change in changes.updated + changes.reinstated + changes.refreshed:
            fields = {name: after for name, (_, after) in change.fields.items()}
            assert change.old.id is not None  # tasks read from the store have their ids
            edited = store.officer_edited_fields(change.old.id) & (set(fields) - QUIET | {"deadline_text"})
            if "deadline_text" in edited:
                edited.add("deadline")  # the officer's deadline text keeps its reading
            edited &= set(fields)
            if edited:  # never overwrite what the officer corrected by hand: keep it and say so
                changes.kept.append(TaskChange(change.old, change.new, {f: change.fields.pop(f) for f in edited}))
                fields = {k: v for k, v in fields.items() if k not in edited}
            if change.old.concern == Concern.UNKNOWN and change.new.concern != Concern.UNKNOWN:
                fields["concern"] = change.new.concern
            store.update_task(change.old.id, **fields)
        for task in changes.withdrawn:
            assert task.id is not None
            store.update_task(task.id, withdrawn=True)
        for task in changes.added:
            task.id = None
            store.insert_task(plan_id, task)
        stored = Plan(source=new.source, document=new.document, header=new.header, sections=new.sections, id=plan_id)
        store.save_plan(stored)
    return changes
