"""What a period's report says, computed once from the store and then drawn as Word, PDF, Excel or a preview.

``build_report`` is the only place that decides which tasks (the body's own work, or the whole plan), progress,
evidence and statuses belong to a period (the data window of Nghị định 09/2019, art. 12); ``words.compose`` turns
it into the report's sentences and the writers only lay them out. Everything is plain data so a report can be
rebuilt identically from the same database and officer's texts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from kstthc_desktop.errors import UserError
from kstthc_desktop.status import Status
from kstthc_desktop.text import clean, nfc

if TYPE_CHECKING:
    from kstthc_desktop.domain import Evidence, Plan, ProgressEntry, Task
    from kstthc_desktop.periods import Period
    from kstthc_desktop.store.store import Store

#: The statuses in the order reports list them (a member equals its name: "OVERDUE").
STATUS_ORDER = (
    Status.DONE_ON_TIME, Status.DONE_LATE, Status.IN_TIME, Status.OVERDUE, Status.HAS_PROGRESS, Status.NO_PROGRESS,
    Status.NOT_ARISEN, Status.UNSPECIFIED, Status.WITHDRAWN,
)
#: Status name -> what the officer reads (``Status.label``), for data that holds names.
STATUS_LABELS: dict[str, str] = {status: status.label for status in STATUS_ORDER}
#: Statuses listed in the counts but outside their total and percentages: a withdrawn task is no longer part of
#: the plan being carried out (the dashboard leaves it out too), yet the reader still sees it on a line of its own,
#: which explains why the total is smaller than the plan's number of rows.
OUTSIDE_TOTAL = (Status.WITHDRAWN,)
OUTSIDE_TOTAL_NOTE = "không tính vào tổng số"
#: Statuses that put a task in part I even without progress in the window: it is late, or it is ongoing.
#: A task finished in an earlier period is not repeated (unless it was due in this window).
_ALWAYS_REPORTED = {Status.OVERDUE, Status.HAS_PROGRESS, Status.NO_PROGRESS}
NO_LEAD = "Chưa xác định"
#: Where the period goes in a report's title ("… quý I năm 2025").
PERIOD_SLOT = "{kỳ}"
#: The official scope of the report (docs/domain.md §8): the default trích yếu of every kind of report.
DEFAULT_TITLE = ("Tình hình, kết quả thực hiện công tác kiểm soát thủ tục hành chính, cơ chế một cửa, một cửa "
                 "liên thông và thực hiện thủ tục hành chính trên môi trường điện tử " + PERIOD_SLOT)


def report_title(template: str, period_name: str) -> str:
    """The trích yếu for a period: ``template`` (or DEFAULT_TITLE) with "{kỳ}" replaced by the period in
    running text ("quý I năm 2025"); a template without the slot gets the period at its end (a report's
    title always names its period, and the template is kept for every report of its kind)."""
    template = " ".join(nfc(template or "").split()) or DEFAULT_TITLE
    period = period_name[:1].lower() + period_name[1:]
    if PERIOD_SLOT not in template:
        template = f"{template.rstrip(' .')} {PERIOD_SLOT}"
    return template.replace(PERIOD_SLOT, period)


@dataclass
class ReportProgress:
    entry_date: date
    text: str
    done: bool = False
    occurrence_key: str = ""
    counts_for: str = ""  # the occurrence it counts for, as a line names it: "kỳ quý III" (occurrence_phrase)
    elsewhere: bool = False  # it counts for a period outside the report's (the Q3 report sent in Q4's window)

    @property
    def dated(self) -> str:
        """"27/9/2024, kỳ quý III": the entry's date and what it counts for (an entry of the Q3 report written in
        Q4's data window must not read as Q4's result)."""
        from kstthc_desktop.vndates import text_date

        return f"{text_date(self.entry_date)}, {self.counts_for}" if self.counts_for else text_date(self.entry_date)


@dataclass
class ReportEvidence:
    citation: str  # "Báo cáo số 15/BC-SNV ngày 12/3/2024"
    summary: str = ""  # trích yếu
    issuer: str = ""
    number: str = ""
    issued: date | None = None

    @property
    def text(self) -> str:
        """The citation followed by its summary: "Báo cáo số 15/BC-SNV ngày 12/3/2024 về …" (a summary written as
        its own sentence, "Báo cáo tình hình …", is set off by a dash)."""
        summary = trim_end(self.summary)
        if not summary:
            return self.citation
        return f"{self.citation} {summary}" if summary[:1].islower() else f"{self.citation} – {summary}"


@dataclass
class ReportTask:
    stt: str
    content: str
    status: str  # a Status (or its name: "OVERDUE")
    status_label: str
    lead: str = ""
    cooperate: str = ""
    result: str = ""
    deadline_text: str = ""
    due: date | None = None  # the relevant effective due date, when there is one
    progress: list[ReportProgress] = field(default_factory=list)  # inside the data window
    evidence: list[ReportEvidence] = field(default_factory=list)  # issued in the window or tied to its progress
    in_period: bool = True  # shown in part I: due, ongoing, or with something done in the window
    task_id: int | None = None
    section: str = ""
    sub: int = 0  # > 0: a sub-item of the task above (same content, its own result, lead or deadline)
    cited: str = ""  # the number a sentence cites, with its section ("IV.2"): a bare "2" repeats across sections

    @property
    def title(self) -> str:
        """How the task is named in the report: its content, and for a sub-item also its own result."""
        content = trim_end(self.content)
        return f"{content} – {trim_end(self.result)}" if self.sub and self.result else content

    @property
    def overdue(self) -> bool:
        return self.status == Status.OVERDUE

    @property
    def done_text(self) -> str:
        """What was done in the period, one dated line per entry (for tables)."""
        from kstthc_desktop.vndates import text_date

        return "\n".join(
            f"- {text_date(p.entry_date)} ({p.counts_for}): {p.text}" if p.counts_for else f"- {text_date(p.entry_date)}: {p.text}"
            for p in self.progress
        )

    @property
    def evidence_text(self) -> str:
        return "\n".join(f"- {e.text}" for e in self.evidence)


@dataclass
class ReportSection:
    code: str
    title: str
    printed_code: str = ""
    tasks: list[ReportTask] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.printed_code or self.code


@dataclass
class NextTask:
    """A task due in the next period (part III)."""

    stt: str
    content: str
    lead: str = ""
    due: date | None = None
    deadline_text: str = ""
    task_id: int | None = None
    cited: str = ""  # "IV.2"


@dataclass
class ReportData:
    plan_id: int | None
    plan_title: str
    plan_year: int | None
    period_key: str
    period_kind: str  # month | quarter | halfyear | ninemonths | year
    period_name: str  # "Quý I năm 2025"
    period_title: str  # "Quý I năm 2025 (từ ngày 15/12/2024 đến ngày 14/3/2025)"
    window_start: date
    window_end: date
    today: date
    sections: list[ReportSection] = field(default_factory=list)
    next_period_name: str = ""
    next_tasks: list[NextTask] = field(default_factory=list)
    status_labels: dict[str, str] = field(default_factory=lambda: dict(STATUS_LABELS))
    whole_plan: bool = True  # False: only the tasks the body leads or cooperates on (``scope_body``)
    scope_body: str = ""
    next_plan_year: int | None = None  # next_tasks come from that year's plan (annual report)
    title_template: str = ""  # Settings.report_titles[period_kind]; "" = DEFAULT_TITLE
    figures: Any = None  # reports.figures.ReportFigures: the period's figures, None when none are stored

    # ---- derived figures (computed, never stored, so they always match the tasks) ----
    def all_tasks(self) -> list[ReportTask]:
        return [t for s in self.sections for t in s.tasks]

    def counts_by_status(self) -> dict[str, int]:
        """Status name -> number of tasks, every status listed (zeros included), in STATUS_ORDER."""
        counts = Counter(t.status for t in self.all_tasks())
        return {name: counts.get(name, 0) for name in STATUS_ORDER}

    def total(self) -> int:
        """The tasks the totals and percentages speak of: all but the withdrawn ones (the dashboard's total)."""
        return sum(n for name, n in self.counts_by_status().items() if name not in OUTSIDE_TOTAL)

    def counts_by_section(self) -> dict[str, dict[str, int]]:
        """Section code -> status name -> count (only non-zero statuses)."""
        return {s.code: dict(Counter(t.status for t in s.tasks)) for s in self.sections}

    def counts_by_lead(self) -> dict[str, dict[str, int]]:
        """Lead body -> status name -> count. A task led by several bodies counts for each; bodies are told apart
        as the dashboard tells them (``tracking.lead_bodies``: "Các sở, ban, ngành tỉnh" and "các sở, ban, ngành
        tỉnh" are one body, named as first printed), so paper and window give the same figures."""
        from kstthc_desktop.tracking import lead_bodies

        result: dict[str, Counter[str]] = {}
        names: dict[str, str] = {}
        for task in self.all_tasks():
            for key, name in lead_bodies(task.lead) or (("", NO_LEAD),):
                result.setdefault(key, Counter())[task.status] += 1
                names.setdefault(key, name)

        def order(item: tuple[str, Counter[str]]) -> tuple[int, str]:
            key, counts = item
            return -sum(n for name, n in counts.items() if name not in OUTSIDE_TOTAL), names[key]

        return {names[key]: dict(c) for key, c in sorted(result.items(), key=order)}

    @property
    def summary_title(self) -> str:
        """The bold line under "BÁO CÁO" (the trích yếu): the officer's title for this kind of report, else the
        official scope (docs/domain.md §8), with the period filled in."""
        return report_title(self.title_template, self.period_name)

    def label(self, status: str) -> str:
        return self.status_labels.get(status, STATUS_LABELS.get(status, status))


def build_report(store: Store, plan_id: int, period_key: str, today: date, *, whole_plan: bool = False) -> ReportData:
    """Collect everything the report for ``period_key`` says about plan ``plan_id`` as of ``today``.

    By default the report covers the body's own work (``own_work``): a department reporting on the province's
    plan never lists another body's task. ``whole_plan`` covers every task (a province office on its plan)."""
    from kstthc_desktop.periods import parse_period
    from kstthc_desktop.reports.figures import report_figures
    from kstthc_desktop.tracking import build_rows, printed_section_codes, shown_stt

    period = parse_period(period_key)
    plan = store.load_plan(plan_id)
    if plan.document.year and period.year != plan.document.year:  # every status would be read in the wrong year
        raise UserError(f"{period.name} không thuộc kế hoạch năm {plan.document.year}: hãy chọn một kỳ của năm "
                        f"{plan.document.year}, hoặc kế hoạch năm {period.year}.")
    settings = store.settings()
    lo, hi = period.window_start, period.window_end

    all_progress = store.progress(plan_id=plan_id)
    all_events = store.events(plan_id=plan_id)
    rows = {row.task.id: row for row in build_rows(
        plan.tasks, all_progress, all_events, period, today, year=plan.document.year or period.year,
        my_body=settings.my_body, due_soon_days=settings.due_soon_days or 7, report_days=settings.report_deadlines)}
    progress_by_task: dict[int | None, list[ProgressEntry]] = {}
    for entry in all_progress:
        progress_by_task.setdefault(entry.task_id, []).append(entry)
    evidence_by_task: dict[int | None, list[Evidence]] = {}
    for ev in store.evidence(plan_id=plan_id):
        evidence_by_task.setdefault(ev.task_id, []).append(ev)
    events_by_task: dict[int | None, list[tuple[int, date]]] = {}
    for event in all_events:
        events_by_task.setdefault(event.task_id, []).append((event.id, event.event_date))

    sections = [ReportSection(code=s.code, title=nfc(s.title), printed_code=s.printed_code or "") for s in plan.sections]
    by_code = {s.code: s for s in sections}
    codes = printed_section_codes(plan.sections)
    body = settings.body_in_text
    whole_plan = whole_plan or not body.strip()  # no body named: nothing to tell its work by
    own = (lambda task: True) if whole_plan else own_work(plan, body, settings.my_aliases)
    scoped = [task for task in plan.tasks if own(task)]
    done_keys: dict[int | None, set[str]] = {}
    for entry in all_progress:
        if entry.done:
            done_keys.setdefault(entry.task_id, set()).add(entry.occurrence_key)
    for task in scoped:
        entries = sorted(progress_by_task.get(task.id, []), key=lambda e: (e.entry_date, e.id or 0))
        row = rows[task.id]
        if task.withdrawn:
            status, due = Status.WITHDRAWN, None
        else:
            status, due = row.status, row.due
        in_window = [e for e in entries if lo <= e.entry_date <= hi]
        named = _occurrence_namer(task, plan.document.year or period.year, events_by_task.get(task.id, []),
                                  settings.report_deadlines)
        window_ids = {e.id for e in in_window}
        evidence = [
            ev for ev in evidence_by_task.get(task.id, [])
            if (ev.issued is not None and lo <= ev.issued <= hi) or (ev.progress_id is not None and ev.progress_id in window_ids)
        ]
        evidence.sort(key=lambda ev: (ev.issued or date.max, ev.id or 0))
        rt = ReportTask(
            task_id=task.id,
            section=task.section,
            sub=task.sub,
            cited=nfc(shown_stt(task, codes)),
            stt=nfc(task.stt),
            content=clean(task.content),
            status=status,
            status_label=status.label,
            lead=clean(task.lead),
            cooperate=clean(task.cooperate),
            result=clean(task.result),
            deadline_text=clean(task.deadline_text),
            due=due,
            progress=[ReportProgress(e.entry_date, clean(e.text), e.done, e.occurrence_key, named(e.occurrence_key),
                                     _outside(e.occurrence_key, period))
                      for e in in_window],
            evidence=[
                ReportEvidence(citation=nfc(ev.citation()), summary=clean(ev.summary), issuer=clean(ev.issuer),
                               number=nfc(ev.number), issued=ev.issued)
                for ev in evidence
            ],
        )
        rt.in_period = bool(rt.progress or rt.evidence or status in _ALWAYS_REPORTED
                            or (due is not None and lo <= due <= hi))
        section = by_code.get(task.section)
        if section is None:  # a task whose section row was lost: keep it visible
            title = f"Phần {task.section}" if task.section else "Các nhiệm vụ khác"
            section = by_code.setdefault(task.section, ReportSection(code=task.section, title=title))
            sections.append(section)
        section.tasks.append(rt)

    nxt = period.upcoming()
    next_plan_year = None
    if period.kind == "year":  # next year's work is next year's plan, never this year's leftovers
        next_tasks = []
        next_id = store.plan_id_for_year(period.year + 1)
        if next_id is not None:
            next_plan = store.load_plan(next_id)
            next_own = (lambda task: True) if whole_plan else own_work(next_plan, body, settings.my_aliases)
            next_codes = printed_section_codes(next_plan.sections)
            next_plan_year = period.year + 1
            next_tasks = [NextTask(stt=nfc(t.stt), content=clean(t.content), lead=clean(t.lead),
                                   deadline_text=clean(t.deadline_text), task_id=t.id,
                                   cited=nfc(shown_stt(t, next_codes)))
                          for t in next_plan.tasks if not t.withdrawn and not t.sub and next_own(t)]
    else:
        next_tasks = _due_in(scoped, nxt.window_start, nxt.window_end, events_by_task,
                             plan.document.year or period.year, done_keys, codes, settings.report_deadlines)
    return ReportData(
        plan_id=plan_id,
        plan_title=clean(plan.document.title),
        plan_year=plan.document.year,
        period_key=period.key,
        period_kind=period.kind,
        period_name=period.name,
        period_title=period.title,
        window_start=lo,
        window_end=hi,
        today=today,
        sections=[s for s in sections if s.tasks],
        next_period_name=nxt.name,
        next_tasks=next_tasks,
        status_labels=dict(STATUS_LABELS),
        whole_plan=whole_plan,
        scope_body=body,
        next_plan_year=next_plan_year,
        title_template=(settings.report_titles or {}).get(period.kind, ""),
        figures=report_figures(store, period),
    )


def own_work(plan: Plan, body: str, aliases: Iterable[str] = ()) -> Callable[[Task], bool]:
    """The test "is this task the body's own work?" for a plan, read as the task table reads it
    (``tracking.is_mine``): every task of the body's own plan (its leads are its divisions, "Văn phòng Sở"), else
    the tasks it leads or cooperates on, by its name or one of the officer's names for "us" (``my_aliases``), or
    as the officer marked them."""
    from kstthc_desktop.concern import is_own_plan
    from kstthc_desktop.tracking import mine_test

    aliases = list(aliases)
    return mine_test(body, aliases, own_plan=is_own_plan(plan, body, aliases))


def _occurrence_namer(task: Task, year: int, events: list[tuple[int, date]],
                      report_days: dict[str, int] | None = None) -> Callable[[str], str]:
    """key → "kỳ quý III" / "lần phát sinh ngày 05/6/2023" / "hạn 31/01/2025" for the task's progress lines."""
    from kstthc_desktop.occurrences import occurrence_phrase, task_occurrences

    by_key = {o.key: o for o in task_occurrences(task, year, events, report_days=report_days)}
    return lambda key: occurrence_phrase(by_key.get(key) or key or "")


def _outside(key: str, period: Period) -> bool:
    """Does an entry keyed ``key`` count for a period outside ``period`` (not inside it, not holding it)?"""
    from kstthc_desktop.occurrences import period_of_key

    named = period_of_key(key or "")
    if named is None:
        return False
    inside = period.window_start <= named.window_start and named.window_end <= period.window_end
    holding = named.window_start <= period.window_start and period.window_end <= named.window_end
    return not (inside or holding)


def _due_in(tasks: list[Task], lo: date, hi: date, events_by_task: dict[int | None, list[tuple[int, date]]],
            plan_year: int, done_keys: dict[int | None, set[str]] | None = None,
            codes: dict[str, str] | None = None, report_days: dict[str, int] | None = None) -> list[NextTask]:
    """Tasks with an occurrence (in the plan's year) whose effective due date falls in [lo, hi] (periodic ones
    on the officer's ``report_days``), by due date; an occurrence already done (a task finished ahead of time) is
    not next period's work."""
    from kstthc_desktop.tracking import shown_stt

    from kstthc_desktop.occurrences import task_occurrences

    found: list[NextTask] = []
    from kstthc_desktop.domain import DeadlineKind

    for task in tasks:  # ongoing tasks are summed up in one line of part III, not listed
        if task.withdrawn or task.deadline.kind in (DeadlineKind.CONTINUOUS, DeadlineKind.UNSPECIFIED):
            continue
        events = events_by_task.get(task.id, [])
        dues = []
        done = (done_keys or {}).get(task.id, set())
        for occ in task_occurrences(task, plan_year, events, report_days=report_days):
            due = occ.effective_due or occ.due
            if due is not None and lo <= due <= hi and occ.key not in done:
                dues.append(due)
        if dues:
            found.append(NextTask(stt=nfc(task.stt), content=clean(task.content), lead=clean(task.lead),
                                  due=min(dues), deadline_text=clean(task.deadline_text), task_id=task.id,
                                  cited=nfc(shown_stt(task, codes))))
    found.sort(key=lambda t: (t.due, _stt_key(t.stt)))
    return found


def _stt_key(stt: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in re.split(r"[.\s]+", stt or "") if p)


#: Entries a task shows on paper; the rest are counted in one line and listed in full in the workbook.
#: A month or a quarter rarely has more; an annual report with monthly notes would otherwise run to 100+ pages.
PRINTED_ENTRIES = 6


def printed_progress(task: ReportTask, limit: int = PRINTED_ENTRIES) -> tuple[list[ReportProgress], int]:
    """The entries printed for ``task`` (completions first, then the latest), in date order, and how many are left out."""
    entries = task.progress
    if len(entries) <= limit:
        return list(entries), 0
    ranked = sorted(range(len(entries)), key=lambda i: (not entries[i].done, -i))[:limit]
    return [entries[i] for i in sorted(ranked)], len(entries) - limit


def assessment(data: ReportData) -> list[str]:
    """The generated sentences of part II ("18/20 nhiệm vụ đến hạn đã hoàn thành, trong đó 17 đúng hạn.")."""
    c = data.counts_by_status()
    on_time, late, overdue = c[Status.DONE_ON_TIME], c[Status.DONE_LATE], c[Status.OVERDUE]
    done = on_time + late
    due = done + overdue
    lines = []
    if due:
        line = f"{done}/{due} nhiệm vụ đến hạn đã hoàn thành, trong đó {on_time} đúng hạn"
        lines.append(line + (f", {late} quá hạn." if late else "."))
    else:
        lines.append("Đến cuối kỳ báo cáo chưa có nhiệm vụ nào đến hạn.")
    if overdue:
        lines.append(f"{overdue} nhiệm vụ đã quá hạn nhưng chưa hoàn thành.")
    ongoing = c[Status.HAS_PROGRESS] + c[Status.NO_PROGRESS]
    if ongoing:
        lines.append(f"{c[Status.HAS_PROGRESS]}/{ongoing} nhiệm vụ thường xuyên có kết quả trong kỳ.")
    if c[Status.IN_TIME]:
        lines.append(f"{c[Status.IN_TIME]} nhiệm vụ chưa hoàn thành, còn trong hạn.")
    if c[Status.NOT_ARISEN]:
        lines.append(f"{c[Status.NOT_ARISEN]} nhiệm vụ thực hiện khi có phát sinh, trong kỳ không phát sinh.")
    if c[Status.UNSPECIFIED]:
        lines.append(f"{c[Status.UNSPECIFIED]} nhiệm vụ chưa xác định thời hạn.")
    documents = sum(len(t.evidence) for t in data.all_tasks())
    if documents:
        lines.append(f"Trong kỳ đã ban hành {documents} văn bản là kết quả thực hiện nhiệm vụ.")
    return lines


def trim_end(text: str) -> str:
    """Text without its closing punctuation, to be followed by "(…)" or joined in a sentence."""
    return (text or "").rstrip(" .;,:")


#: The parts of a report only the officer can write, kept per plan and period (store.report_texts).
#: "date" (ISO) fixes the date line so a report produced again is the same document.
TEXT_FIELDS = (
    ("number", "Số báo cáo"),
    ("date", "Ngày báo cáo"),
    ("achievements", "Kết quả đạt được (bổ sung)"),
    ("shortcomings", "Tồn tại, hạn chế và nguyên nhân"),
    ("next_steps", "Phương hướng, nhiệm vụ kỳ tới (bổ sung)"),
    ("proposals", "Kiến nghị, đề xuất"),
)


def report_date(data: ReportData, texts: dict[str, str]) -> date:
    """The date printed on the report: the officer's saved date, else the day it is built."""
    value = (texts or {}).get("date") or ""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return data.today
