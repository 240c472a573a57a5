"""Re-import: the province amends its plan mid-year; bring the stored plan up to date without losing work.

Tasks are paired by their text (content + result, folded; equal first, then the most similar by difflib), never
by number, since numbering shifts when a task is added. A paired task keeps its id, so its progress, evidence,
events, assignee and concern stay; its changed fields are updated (history records them). New tasks are added;
tasks that disappeared are marked withdrawn, kept and shown as such. ``compare`` only reads (the dry-run and the
GUI preview); ``apply`` writes all of it in one transaction.

What the officer corrected by hand stays: a task field edited (history "edit"), a task deleted, and the sections
(``reimport_sections``). Where the new file changed the same thing differently, ``changes_against_store`` makes it a
``Conflict``; the officer's version is kept unless the conflict's key is in ``take_file``, and the decision is
recorded (history "keep") so the same file does not ask again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kstthc_desktop.domain import Concern, Plan, Task
from kstthc_desktop.importers import reimport_sections
from kstthc_desktop.importers.compare import pair_by_text
from kstthc_desktop.importers.reimport_sections import DELETED, Conflict, SectionMerge
from kstthc_desktop.task_fields import PLAN_FIELDS, TASK_FIELDS
from kstthc_desktop.text import fold

if TYPE_CHECKING:
    from kstthc_desktop.store import Store

#: Each field as the summary names it ("đổi thời hạn"), from ``task_fields``.
FIELD_NAMES_VI = {f.name: f.in_sentence for f in TASK_FIELDS}
SIMILAR = 0.75
QUIET = {"ambiguous", "why", "deadline"}  # the importer's annotations: kept current, not reported as changes
KEEP = "keep"  # history action: a re-import kept the officer's value (new) over the file's (old)


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
    #: What the officer and the new file both changed, differently (tasks' fields, sections): the officer decides,
    #: ``take_file`` holding the keys where the file's version wins (none by default: the officer's stays).
    conflicts: list[Conflict] = field(default_factory=list)
    take_file: set[str] = field(default_factory=set)
    sections: SectionMerge | None = None  # the sections merged with the officer's (None: not compared with a store)
    held_back: dict[str, str] = field(default_factory=dict)  # a deleted task's key → the file's text not added

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
        if self.conflicts:
            lines.append(f"{len(self.conflicts)} chỗ cán bộ đã sửa mà tệp mới cũng ghi khác:")
            lines += [c.line(c.key in self.take_file) for c in self.conflicts]
        if self.sections is not None:
            lines += self.sections.kept
        for ch in self.updated + self.reinstated:
            names = ", ".join(FIELD_NAMES_VI.get(f, f) for f in ch.fields
                              if f not in ("deadline", "why", "ambiguous", "withdrawn"))  # reinstated: said above
            if names:
                lines.append(f"  ~ {ch.new.stt or '-'} {short(ch.new.content)}: đổi {names}")
        asked = {c.key for c in self.conflicts}
        for ch in self.kept:
            names = ", ".join(FIELD_NAMES_VI.get(f, f) for f in ch.fields
                              if f != "deadline" and f"task:{ch.old.id}:{f}" not in asked)  # said above
            if not names:
                continue
            lines.append(f"  = {ch.new.stt or '-'} {short(ch.new.content)}: giữ {names} do cán bộ đã sửa "
                         "(tệp mới không đổi chỗ này)")
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
            "conflicts": [{"key": c.key, "where": c.where, "field": c.what, "officer": c.officer, "file": c.file,
                           "kept": "file" if c.key in self.take_file else "officer"} for c in self.conflicts],
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


def changes_against_store(store: Store, plan_id: int, new: Plan, take_file: set[str] | frozenset[str] = frozenset()
                          ) -> PlanChanges:
    """``compare`` with what the officer corrected by hand in stored plan ``plan_id``: the task fields and sections
    the officer's version keeps, and the conflicts to decide (``take_file``: the keys where the file wins)."""
    from kstthc_desktop.tracking import printed_section_codes, shown_stt

    stored = store.load_plan(plan_id)
    changes = compare(stored, new)
    changes.take_file = set(take_file)
    codes = printed_section_codes(stored.sections)
    for change in changes.updated + changes.reinstated + changes.refreshed:
        _keep_officer_fields(store, change, changes, shown_stt(change.old, codes))
    _hold_back_deleted(store, plan_id, changes, lambda task: shown_stt(task, codes))
    _keep_split_parts(store, changes)
    for change in list(changes.updated):  # only what the officer keeps differed: nothing changes
        if not set(change.fields) - QUIET:
            changes.updated.remove(change)
            changes.refreshed.append(change)
            changes.unchanged += 1
    changes.sections = reimport_sections.merge(store, plan_id, store.load_plan(plan_id, tasks=False).sections,
                                               new.sections, changes.take_file, used=_sections_named(store, plan_id,
                                                                                                      changes))
    changes.conflicts += changes.sections.conflicts
    changes.sections_changed = changes.sections.changed
    return changes


def _sections_named(store: Store, plan_id: int, changes: PlanChanges) -> set[str]:
    """The sections the plan's tasks will name once ``changes`` is saved (a section no task names is dropped when the
    file drops it): as ``apply`` finds them after writing the tasks, so the preview shows what saving does."""
    moved = {c.old.id: str(c.fields["section"][1]) for c in changes.updated + changes.reinstated + changes.refreshed
             if "section" in c.fields}
    stored = store.conn.execute("select id, section from tasks where plan_id = ?", [plan_id]).fetchall()
    return {moved.get(task_id, section) for task_id, section in stored} | {t.section for t in changes.added}


def deleted_tasks(store: Store, plan_id: int) -> list[tuple[int, str, str | None]]:
    """The plan's tasks the officer deleted (by hand or by merging them into another) and not brought back: their
    id, folded text and the folded text of the file's task their deletion was last kept over (None: never asked)."""
    rows = store.conn.execute(
        "select h.entity_id, h.old, (select k.old from history k where k.entity = 'task' and k.entity_id = h.entity_id "
        "and k.field = 'deleted' and k.action = ? and k.id > h.id order by k.id desc limit 1) from history h "
        "where h.entity = 'task' and h.field = '' and h.action = 'delete' and json_valid(h.old) and "
        "json_extract(h.old, '$.plan_id') = ? and h.entity_id not in (select id from tasks) and h.id = (select "
        "max(id) from history d where d.entity = 'task' and d.entity_id = h.entity_id and d.field = '')",
        [KEEP, plan_id]).fetchall()
    out = []
    for task_id, old, kept in rows:
        record = json.loads(old)
        out.append((task_id, fold(f"{record.get('content') or ''} {record.get('result') or ''}"), kept))
    return out


def _hold_back_deleted(store: Store, plan_id: int, changes: PlanChanges, number: Callable[[Task], str]) -> None:
    """A new task of the file that is one the officer deleted is not added back silently: a conflict (kept
    deleted by default), or nothing at all when the officer already kept it deleted over the same text."""
    gone = deleted_tasks(store, plan_id)
    if not gone or not changes.added:
        return
    back = []
    for a, b in pair_by_text([text for _, text, _ in gone], [_key(t) for t in changes.added], SIMILAR):
        task_id, _, kept_over = gone[a]
        task = changes.added[b]
        key = f"task:{task_id}:{DELETED}"
        if kept_over != _key(task):
            changes.conflicts.append(Conflict(key, f"Nhiệm vụ {number(task)} {short(task.content, 50)}",
                                              "nhiệm vụ đã xóa", "đã xóa", short(task.content, 120)))
        if key not in changes.take_file:
            back.append(task)
            changes.held_back[key] = _key(task)
    changes.added = [t for t in changes.added if all(t is not b for b in back)]


def _keep_split_parts(store: Store, changes: PlanChanges) -> None:
    """A task the officer split in two is two tasks for one row of the file: the part the file's row is not paired
    with stays in the plan, not withdrawn (``operations.split_merge`` writes a "split" row for both parts)."""
    split = {r[0] for r in store.conn.execute("select entity_id from history where entity = 'task' and "
                                              "action = 'split'")}
    changes.withdrawn = [t for t in changes.withdrawn if t.id not in split]


def _keep_officer_fields(store: Store, change: TaskChange, changes: PlanChanges, number: str) -> None:
    """Take out of ``change`` the fields the officer corrected by hand (into ``changes.kept``); a field the file
    changed too becomes a conflict, and goes to the file when the officer chose so."""
    assert change.old.id is not None  # tasks read from the store have their ids
    kept: dict[str, tuple[Any, Any]] = {}
    for name in [f for f in change.fields if f not in QUIET or f == "deadline_text"]:
        before = officer_base(store, change.old.id, name)
        if before is None or _plain(before) == _value(change.old, name):
            continue  # never corrected by hand, or corrected back
        if _plain(before) != _value(change.new, name):
            key = f"task:{change.old.id}:{name}"
            changes.conflicts.append(Conflict(key, f"Nhiệm vụ {number} {short(change.old.content, 50)}",
                                              FIELD_NAMES_VI.get(name, name), _value(change.old, name),
                                              _value(change.new, name)))
            if key in changes.take_file:
                continue
        kept[name] = change.fields.pop(name)
        if name == "deadline_text" and "deadline" in change.fields:  # the officer's text keeps its reading
            kept["deadline"] = change.fields.pop("deadline")
    if kept:
        changes.kept.append(TaskChange(change.old, change.new, kept))


def _plain(text: str) -> str:
    return " ".join(text.split())


def officer_base(store: Store, task_id: int, column: str) -> str | None:
    """A task field's value before the officer's hand corrections since it was last imported; None when the
    officer has not corrected it since (history: "edit" rows after the last import's "update" or "insert"; a
    "keep" row records a file's value the officer's correction was kept over, so the same file is not asked again)."""
    rows = store.conn.execute("select action, old from history where entity = 'task' and entity_id = ? and "
                              "field = ? order by id", [task_id, column]).fetchall()
    edits: list[str | None] = []
    for action, old in rows:
        if action == "edit":
            edits.append(old)
        elif action == KEEP:  # a re-import kept the officer's over the file's value: as if the file had said it
            edits = [old]
        else:
            edits = []
    return (edits[0] or "") if edits else None


def apply(store: Store, plan_id: int, new: Plan, take_file: set[str] | frozenset[str] = frozenset()) -> PlanChanges:
    """Bring stored plan ``plan_id`` up to ``new`` in one transaction, keeping what the officer corrected by hand
    except where ``take_file`` names a conflict the officer gave to the file; what changed."""
    with store.transaction():
        changes = changes_against_store(store, plan_id, new, take_file)
        for change in changes.updated + changes.reinstated + changes.refreshed:
            fields = {name: after for name, (_, after) in change.fields.items()}
            assert change.old.id is not None  # tasks read from the store have their ids
            if change.old.concern == Concern.UNKNOWN and change.new.concern != Concern.UNKNOWN:
                fields["concern"] = change.new.concern
            store.update_task(change.old.id, **fields)
        for conflict in changes.conflicts:
            kind, task_id, name = conflict.key.split(":", 2)
            if kind == "task" and conflict.key not in changes.take_file:
                if name == DELETED:  # the file's text it was kept deleted over (``deleted_tasks``)
                    store._history("task", int(task_id), name, changes.held_back[conflict.key], None, KEEP)
                else:
                    store._history("task", int(task_id), name, conflict.file, conflict.officer, KEEP)
        for task in changes.withdrawn:
            assert task.id is not None
            store.update_task(task.id, withdrawn=True)
        for task in changes.added:
            task.id = None
            store.insert_task(plan_id, task)
        stored = Plan(source=new.source, document=new.document, header=new.header, id=plan_id)
        store.save_plan(stored, sections=False)
        sections = reimport_sections.merge(store, plan_id, store.load_plan(plan_id, tasks=False).sections,
                                           new.sections, changes.take_file)  # again: tasks may have left a section
        reimport_sections.write(store, plan_id, sections, new.sections)
        changes.sections = sections
    return changes
