"""Which period a result counts for once its task is merged into another (``operations.split_merge.merge_tasks``).

A progress entry names the occurrence it reports on by key ("2024-Q3", "2024-09", "due", "event:12"), computed from
its own task's deadline. Merged into a task with another deadline (a quarterly task into a monthly one, a dated
task into a periodic one), that key may name no occurrence of the merged task; the status would then judge the
entry by its date alone, and a Q3 report sent on 20/9 would count for October. So each such entry gets the merged
task's occurrence an officer would pick, its ``done`` kept:

- its period inside a longer one of the merged task (a July report of a task merged into a quarterly one): that
  one (the shortest, when several frequencies hold it);
- its period holding shorter ones (a Q3 report merged into a monthly task): the one whose data window holds the
  entry's date, else the last of them (September's report is due when the quarter's was);
- no period (a dated task's "due", an event's answer): the period whose data window holds the entry's date;
- a dated merged task: its one due date (a dated task is done by any result marked done);
- nothing fits (a period of another year, an event-driven merged task): the key is kept, and the merge says so.

Reads only; the merge writes what ``period_moves`` decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kstthc_desktop.occurrences import ReportDays, occurrence_phrase, period_of, period_of_key, task_occurrences
from kstthc_desktop.vndates import text_date

if TYPE_CHECKING:
    from kstthc_desktop.domain import Occurrence, ProgressEntry, Task
    from kstthc_desktop.periods import Period


@dataclass(frozen=True)
class PeriodMove:
    """One result (``entry``, as it is stored) whose key names no occurrence of the merged task: the occurrence
    it will count for (None: its key is kept)."""

    entry: ProgressEntry
    new: Occurrence | None

    def line(self) -> str:
        """One Vietnamese line for the merge's dialog and ``kstthc task merge``."""
        what = f"Kết quả ngày {text_date(self.entry.entry_date)} «{_short(self.entry.text)}»"
        old = _phrase(self.entry.occurrence_key)
        if self.new is None:
            return (f"{what}: giữ {old} vì nhiệm vụ gộp không có kỳ nào ứng với kết quả này "
                    "(sửa «Tính cho kỳ» của kết quả nếu cần).")
        return f"{what}: tính cho {occurrence_phrase(self.new)} (trước là {old})."


def period_moves(task: Task, entries: Iterable[ProgressEntry], year: int | None, events: Iterable[Any] = (), *,
                 report_days: ReportDays = None) -> list[PeriodMove]:
    """The entries (of merged ``task``, with its deadline after the merge) whose key names none of its occurrences
    in plan ``year``, each with the occurrence it will count for. None when the task has no occurrence to
    match (no deadline read yet, no year, an on-demand task with no event): nothing then to re-key."""
    if year is None:
        return []
    occs = task_occurrences(task, year, events, report_days=report_days)
    keys = {o.key for o in occs}
    if not occs:
        return []
    return [PeriodMove(e, occurrence_for_entry(e, occs)) for e in entries if e.occurrence_key not in keys]


def occurrence_for_entry(entry: ProgressEntry, occs: list[Occurrence]) -> Occurrence | None:
    """The occurrence among ``occs`` (another task's) that ``entry`` reports on; None when none fits."""
    periods = [(p, o) for o in occs if (p := period_of(o)) is not None]
    if not periods:
        due = [o for o in occs if o.key == "due"]
        return due[0] if due else None  # an event's answer is not guessed
    named = period_of_key(entry.occurrence_key or "")
    if named is None:
        return _shortest([(p, o) for p, o in periods if p.contains(entry.entry_date)])
    holding = [(p, o) for p, o in periods if _within(named, p)]
    if holding:
        return _shortest(holding)
    inside = [(p, o) for p, o in periods if _within(p, named)]
    if not inside:
        return None
    dated = [(p, o) for p, o in inside if p.contains(entry.entry_date)]
    return _shortest(dated) if dated else max(inside, key=lambda po: (po[0].window_end, po[0].window_start))[1]


def _within(inner: Period, outer: Period) -> bool:
    return outer.window_start <= inner.window_start and inner.window_end <= outer.window_end


def _shortest(found: list[tuple[Period, Occurrence]]) -> Occurrence | None:
    if not found:
        return None
    return min(found, key=lambda po: (po[0].window_end - po[0].window_start, po[0].window_start))[1]


def _phrase(key: str) -> str:
    """The old key in words: "kỳ quý III"; another task's due date or event, or no key at all, in general words."""
    said = occurrence_phrase(key)
    if said:
        return said
    if key.startswith("event:"):
        return "lần phát sinh của nhiệm vụ cũ"
    return "hạn của nhiệm vụ cũ" if key == "due" else "không ghi kỳ"


def _short(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
