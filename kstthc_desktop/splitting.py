"""A task cut in two, or several joined into one: the texts, without a database.

An import is never perfect: a row may hold two tasks ("a) Rà soát …; b) Công bố …") and two rows may be one task.
The officer splits or merges them, in the import wizard's preview (``split_plan_task``/``merge_plan_tasks`` edit
the in-memory ``Plan``) or in the window after import (``operations.split_merge``, the same texts on the store).

Numbering of a split (docs/window.md): "3" becomes "3a" and "3b"; a number that already ends in a letter keeps
it and the second part takes the next free letter ("3a" → "3a", "3b"; "3c" when "3b" is taken in the section).
A merge keeps the first task's number, section and deadline (the officer may change the last two).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, field
from string import ascii_lowercase

from kstthc_desktop.domain import Concern, Plan, Task
from kstthc_desktop.errors import UserError
from kstthc_desktop.store.bodies import split_bodies
from kstthc_desktop.text import clean, fold

# "a) …; b) …" or "a/ … b/ …": the second part starts at the "b" marker (after a break, ";", "." or ",").
_FIRST_MARK = re.compile(r"(?:^|[\s;:.,])a[)/]\s")
_SECOND_MARK = re.compile(r"(?:^|(?<=[\s;:.,]))b[)/]\s")
# A sentence ends at ". " followed by a capital letter (Vietnamese capitals included).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ỹ])")


def suggest_cut(content: str) -> tuple[str, str]:
    """Where an officer would most likely cut ``content``: before a "b)" marker when an "a)" comes first, else at
    the first line break, else after the first sentence; ("whole text", "") when there is no such place."""
    text = clean(content)
    first = _FIRST_MARK.search(text)
    second = _SECOND_MARK.search(text, first.end()) if first else None
    if second:
        return _tidy(text[:second.start()]), _tidy(text[second.start():])
    if "\n" in text:
        head, tail = text.split("\n", 1)
        return _tidy(head), _tidy(tail)
    sentence = _SENTENCE_END.search(text)
    if sentence:
        return _tidy(text[:sentence.start()]), _tidy(text[sentence.end():])
    return text, ""


def _tidy(part: str) -> str:
    return clean(part).strip(" ;,")


def split_numbers(stt: str, taken: set[str] | frozenset[str] = frozenset()) -> tuple[str, str]:
    """The numbers of the two parts of task ``stt`` ("3" → "3a", "3b"), none of them in ``taken`` (the other
    numbers of its section); ("", "") for a task without a number."""
    stt = clean(stt)
    if not stt:
        return "", ""
    if re.search(r"\d[a-z]$", stt):  # "3a" split again: it keeps its number, the second part the next letter
        base, first = stt[:-1], stt
        letters = ascii_lowercase[ascii_lowercase.index(stt[-1]) + 1:]
        return first, next((base + c for c in letters if base + c not in taken), base + "z")
    free = [stt + c for c in ascii_lowercase if stt + c not in taken]
    return free[0], free[1]


def check_parts(first: str, second: str) -> tuple[str, str]:
    """Both parts' contents cleaned; UserError unless each has words and they differ from the whole."""
    first, second = clean(first), clean(second)
    if not first or not second:
        raise UserError("Hãy chia nội dung thành hai phần, phần nào cũng phải có chữ.")
    return first, second


def _join_unique(cells: list[str], separator: str) -> str:
    """The distinct non-empty texts (compared ignoring case and accents), in order, joined."""
    seen: set[str] = set()
    kept = []
    for cell in (clean(c) for c in cells):
        if cell and fold(cell) not in seen:
            seen.add(fold(cell))
            kept.append(cell)
    return separator.join(kept)


def _join_bodies(cells: list[str], besides: frozenset[str] = frozenset()) -> str:
    """The bodies of several lead (or cooperate) cells, each once; a cell adding no new body is left out.
    ``besides``: bodies (folded) already named elsewhere (a lead is not also listed as cooperating)."""
    seen = set(besides)
    kept = []
    for cell in (clean(c) for c in cells):
        names = [n for n in split_bodies(cell) if fold(n) not in seen]
        if not names:
            continue
        whole = len(names) == len(split_bodies(cell))
        kept.append(cell if whole else "; ".join(names))
        seen.update(fold(n) for n in names)
    return "; ".join(kept)


@dataclass
class MergedTexts:
    """The texts of tasks merged in plan order: contents each on its own line, the rest each once."""

    content: str
    result: str
    lead: str
    cooperate: str
    note: str
    assignee: str
    concern: Concern
    extra: dict[str, str] = field(default_factory=dict)


def merged_texts(tasks: list[Task]) -> MergedTexts:
    lead = _join_bodies([t.lead for t in tasks])
    leads = frozenset(fold(n) for n in split_bodies(lead))
    concerns = {t.concern for t in tasks}
    concern = next((c for c in (Concern.LEAD, Concern.COOPERATE) if c in concerns), tasks[0].concern)
    extra: dict[str, str] = {}
    for heading in dict.fromkeys(h for t in tasks for h in t.extra):
        extra[heading] = _join_unique([t.extra.get(heading, "") for t in tasks], "\n")
    return MergedTexts(
        content="\n".join(clean(t.content) for t in tasks if clean(t.content)),
        result=_join_unique([t.result for t in tasks], "\n"),
        lead=lead,
        cooperate=_join_bodies([t.cooperate for t in tasks], leads),
        note=_join_unique([t.note for t in tasks], "\n"),
        assignee=_join_unique([t.assignee for t in tasks], ", "),
        concern=concern,
        extra=extra,
    )


def merge_section(tasks: list[Task], section: str | None) -> str:
    """The merged task's section: the one chosen, else the tasks' common one; UserError when they differ."""
    sections = list(dict.fromkeys(t.section for t in tasks))
    if section is not None:
        return section
    if len(sections) > 1:
        raise UserError("Các nhiệm vụ đã chọn thuộc nhiều mục khác nhau: hãy chọn mục cho nhiệm vụ gộp.")
    return sections[0]


# ---------------------------------------------------------------------------------------- the import preview
def split_plan_task(plan: Plan, index: int, first: str, second: str) -> int:
    """Cut ``plan.tasks[index]`` in two in memory (the preview, before saving); the index of the second part,
    placed right after the first with the same section, bodies and deadline."""
    first, second = check_parts(first, second)
    task = plan.tasks[index]
    taken = {t.stt for t in plan.tasks if t.section == task.section and t is not task}
    first_stt, second_stt = split_numbers(task.stt, taken)
    part = deepcopy(task)
    task.content, task.stt = first, first_stt
    part.content, part.stt = second, second_stt
    plan.tasks.insert(index + 1, part)
    _shift_warnings(plan, lambda i: i + 1 if i > index else i)
    return index + 1


def merge_plan_tasks(plan: Plan, indexes: list[int], *, section: str | None = None,
                     deadline_text: str | None = None) -> int:
    """Join ``plan.tasks[indexes]`` into the first of them in memory (the preview); its new index."""
    from kstthc_desktop.deadlines import read_deadline

    indexes = sorted(set(indexes))
    if len(indexes) < 2:
        raise UserError("Hãy chọn ít nhất hai nhiệm vụ để gộp.")
    tasks = [plan.tasks[i] for i in indexes]
    target = tasks[0]
    target.section = merge_section(tasks, section)
    texts = merged_texts(tasks)
    for name in ("content", "result", "lead", "cooperate", "note", "assignee", "concern", "extra"):
        setattr(target, name, getattr(texts, name))
    if deadline_text is not None and clean(deadline_text) != target.deadline_text:
        target.deadline_text = clean(deadline_text)
        target.deadline = read_deadline(target.deadline_text, plan.document.year)
    gone = set(indexes[1:])
    plan.tasks = [t for i, t in enumerate(plan.tasks) if i not in gone]

    def moved(old: int) -> int:
        old = indexes[0] if old in gone else old
        return old - sum(1 for g in gone if g < old)

    _shift_warnings(plan, moved)
    return moved(indexes[0])


def _shift_warnings(plan: Plan, move: Callable[[int], int]) -> None:
    """Keep each import warning on its task after tasks were inserted or removed."""
    for warning in plan.warnings:
        if warning.task_index is not None and warning.task_index >= 0:
            warning.task_index = move(warning.task_index)
