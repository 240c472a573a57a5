"""Split a stored task in two, or merge several into one (Sửa › Tách nhiệm vụ… / Gộp nhiệm vụ…, ``kstthc task
split`` / ``kstthc task merge``). Each is one transaction with every change in history, so one undo (Ctrl+Z) puts
the tasks back as they were, with every result, document, event, unit's result and link where it pointed.

The texts are decided by ``kstthc_desktop.splitting`` (the same rules as in the import preview). A merged task's
results whose period no longer names one of its occurrences count for the one ``merged_periods`` picks (written in
the same transaction, so the same undo restores them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from kstthc_desktop.deadlines import read_deadline
from kstthc_desktop.errors import UserError
from kstthc_desktop.merged_periods import PeriodMove, period_moves
from kstthc_desktop.splitting import check_parts, merge_section, merged_texts, split_numbers, suggest_cut
from kstthc_desktop.store import plan_edits, task_moves
from kstthc_desktop.text import clean

if TYPE_CHECKING:
    from kstthc_desktop.domain import Event, Evidence, ProgressEntry, Task
    from kstthc_desktop.store import Store


@dataclass
class SplitProposal:
    """What the split dialog (and ``kstthc task split`` without texts) starts from."""

    first: str
    second: str
    first_stt: str
    second_stt: str


def propose_split(store: Store, task_id: int) -> SplitProposal:
    """The cut an officer would most likely make (``splitting.suggest_cut``) and the two numbers."""
    task = store.task(task_id)
    first, second = suggest_cut(task.content)
    first_stt, second_stt = split_numbers(task.stt, _taken_numbers(store, task))
    return SplitProposal(first, second, first_stt, second_stt)


def own_records(store: Store, task_id: int) -> tuple[list[ProgressEntry], list[Evidence], list[Event]]:
    """The task's own results, documents not attached to a result, and events (not those of linked tasks): what the
    split dialog offers to move to the second part."""
    own = {table: set(task_moves.record_ids(store, table, task_id)) for table in ("progress", "evidence", "events")}
    return ([e for e in store.progress(task_id=task_id) if e.id in own["progress"]],
            [d for d in store.evidence(task_id=task_id) if d.id in own["evidence"] and d.progress_id is None],
            [e for e in store.events(task_id=task_id) if e.id in own["events"]])


def in_plan_order(store: Store, task_ids: Iterable[int]) -> list[Task]:
    """The tasks in the table's plan order (the first is the one a merge keeps)."""
    rows = sorted((store._task_row(i) for i in dict.fromkeys(task_ids)), key=lambda r: (r["position"], r["id"]))
    return [store.task(r["id"]) for r in rows]


def _taken_numbers(store: Store, task: Task) -> set[str]:
    return {r[0] for r in store.conn.execute("select stt from tasks where plan_id = ? and section = ? and id != ?",
                                             [task.plan_id, task.section, task.id])}


def split_task(store: Store, task_id: int, first: str, second: str, *, first_stt: str | None = None,
               second_stt: str | None = None, progress_ids: Iterable[int] = (), evidence_ids: Iterable[int] = (),
               event_ids: Iterable[int] = ()) -> int:
    """Cut task ``task_id`` in two: it keeps ``first`` and every record; a new task right after it takes
    ``second`` with the same section, bodies, deadline and note, and the records named (a document attached to a
    moved result goes with it). The new task's id. UserError (nothing saved) on an empty part or a record of
    another task."""
    first, second = check_parts(first, second)
    task = store.task(task_id)
    proposal = split_numbers(task.stt, _taken_numbers(store, task))
    numbers = (clean(first_stt) if first_stt is not None else proposal[0],
               clean(second_stt) if second_stt is not None else proposal[1])
    moved = _records_to_move(store, task_id, progress_ids, evidence_ids, event_ids)
    part = store.task(task_id)
    part.id, part.content, part.stt = None, second, numbers[1]
    with store.transaction():  # one action, one undo
        store.update_task(task_id, by_officer=True, content=first, stt=numbers[0])
        new_id = store.insert_task(task.plan_id or 0, part)
        for name, printed, now in (("content", task.content, second), ("stt", task.stt, numbers[1])):
            if printed != now:  # the officer's text: a re-import of the same file keeps it (reimport.officer_base)
                store._history("task", new_id, name, printed, now, "edit")
        task_moves.place_after(store, new_id, task_id)
        for table, ids in moved.items():
            task_moves.move_records(store, table, ids, new_id)
        store._history("task", task_id, "", None, f"Tách thành nhiệm vụ {numbers[0]} và {numbers[1]}", "split")
        store._history("task", new_id, "", None, f"Tách ra từ nhiệm vụ {task.stt}", "split")
    return new_id


def _records_to_move(store: Store, task_id: int, progress_ids: Iterable[int], evidence_ids: Iterable[int],
                     event_ids: Iterable[int]) -> dict[str, list[int]]:
    """The records going to the second part, checked to be the task's; a result's documents and units' results
    follow it."""
    own = {table: set(task_moves.record_ids(store, table, task_id)) for table in task_moves.RECORDS}
    progress_ids, evidence_ids, event_ids = set(progress_ids), set(evidence_ids), set(event_ids)
    for table, ids in (("progress", progress_ids), ("evidence", evidence_ids), ("events", event_ids)):
        if not ids <= own[table]:
            raise UserError("Chỉ chuyển được kết quả, văn bản, sự việc của chính nhiệm vụ đang tách.")
    progress = sorted(set(progress_ids))
    follow = {table: {r[0] for r in store.conn.execute(
        f"select id from [{table}] where task_id = ? and progress_id in ({','.join('?' * len(progress))})",
        [task_id, *progress])} if progress else set() for table in ("evidence", "return_results")}
    return {"progress": progress, "evidence": sorted(set(evidence_ids) | follow["evidence"]),
            "events": sorted(set(event_ids)), "return_results": sorted(follow["return_results"])}


@dataclass
class MergeResult:
    """What a merge did: the merged task's id, and the results that now count for another period of it (or keep
    their old one, ``PeriodMove.new`` None, when none fits)."""

    task_id: int
    periods: list[PeriodMove] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Vietnamese lines on the results' periods, for the window and ``kstthc task merge``."""
        return [move.line() for move in self.periods]

    def periods_said(self) -> str:
        """The results' periods in a few words for the window's status line ("" when none changed)."""
        moved = sum(1 for move in self.periods if move.new is not None)
        kept = len(self.periods) - moved
        said = [f"{moved} kết quả tính cho kỳ tương ứng của nhiệm vụ gộp"] if moved else []
        if kept:
            said.append(f"{kept} kết quả giữ kỳ cũ vì nhiệm vụ gộp không có kỳ tương ứng")
        return "; ".join(said)


def merge_tasks(store: Store, task_ids: list[int], *, section: str | None = None,
                deadline_text: str | None = None) -> MergeResult:
    """Join tasks of one plan into the first of them in plan order: contents each on its own line, results and
    bodies each once, its deadline (or ``deadline_text``, read again), ``section`` when they are in several.
    Every result, document, event, unit's result and link of the others moves to it, each result counting for the
    merged task's period that matches it (``merged_periods``); the others are deleted. UserError (nothing saved):
    fewer than two tasks, two plans, sections to choose."""
    tasks = _tasks_to_merge(store, task_ids)
    target = tasks[0]
    target_id: int = target.id or 0  # stored tasks
    plan_id = target.plan_id or 0
    chosen = merge_section(tasks, clean(section) if section is not None else None)
    if chosen and chosen not in {r["code"] for r in plan_edits.section_rows(store, plan_id)}:
        raise UserError(f"Kế hoạch không có mục «{chosen}».")
    texts = merged_texts(tasks)
    fields: dict[str, object] = {name: getattr(texts, name) for name in
                                 ("content", "result", "lead", "cooperate", "note", "assignee", "concern", "extra")}
    fields["section"] = chosen
    fields.update(_deadline_fields(store, target, deadline_text))
    moves = _period_moves(store, tasks, deadline_text)
    numbers = ", ".join(t.stt or "–" for t in tasks)
    with store.transaction():  # one action, one undo
        for other in tasks[1:]:
            other_id = other.id or 0
            task_moves.move_all_records(store, other_id, target_id)
            task_moves.move_links(store, other_id, target_id)
            store._delete_task_rows(other_id)
        store.update_task(target_id, by_officer=True, **fields)
        if chosen != target.section:
            plan_edits.place_in_section(store, target_id, chosen)
        for move in moves:  # the results moved to the merged task above, now counted for its period
            if move.new is not None:
                store.update_progress(replace(move.entry, task_id=target_id, occurrence_key=move.new.key))
        store._history("task", target_id, "", None, f"Gộp các nhiệm vụ {numbers}", "merge")
    return MergeResult(target_id, moves)


def merge_periods(store: Store, task_ids: list[int], deadline_text: str | None = None) -> list[PeriodMove]:
    """What merging ``task_ids`` (with ``deadline_text``, as ``merge_tasks``) would do to its results' periods,
    for the merge dialog before the officer confirms; reads only."""
    return _period_moves(store, _tasks_to_merge(store, task_ids), deadline_text)


def _tasks_to_merge(store: Store, task_ids: list[int]) -> list[Task]:
    ids = list(dict.fromkeys(task_ids))
    if len(ids) < 2:
        raise UserError("Hãy chọn ít nhất hai nhiệm vụ để gộp.")
    tasks = in_plan_order(store, ids)
    if len({t.plan_id for t in tasks}) > 1:
        raise UserError("Chỉ gộp được các nhiệm vụ của cùng một kế hoạch.")
    return tasks


def _deadline_fields(store: Store, target: Task, deadline_text: str | None) -> dict[str, Any]:
    """The merged task's deadline when the officer gave another text (read again in the plan's year)."""
    if deadline_text is None or clean(deadline_text) == target.deadline_text:
        return {}
    return {"deadline_text": clean(deadline_text),
            "deadline": read_deadline(clean(deadline_text), _plan_year(store, target.plan_id or 0))}


def _period_moves(store: Store, tasks: list[Task], deadline_text: str | None) -> list[PeriodMove]:
    """The results of ``tasks`` (their own, not a linked task's) whose period names none of the merged task's."""
    merged = replace(tasks[0], **_deadline_fields(store, tasks[0], deadline_text))
    ids = {t.id for t in tasks}
    entries = [e for t in tasks for e in store.progress(task_id=t.id) if e.task_id in ids]
    events = [e for t in tasks for e in store.events(task_id=t.id) if e.task_id in ids]
    return period_moves(merged, sorted(entries, key=lambda e: (e.entry_date, e.id or 0)),
                        _plan_year(store, merged.plan_id or 0), events,
                        report_days=store.settings().report_deadlines)


def _plan_year(store: Store, plan_id: int) -> int | None:
    return next((p.document.year for p in store.plans() if p.id == plan_id), None)
