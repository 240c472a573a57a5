"""The body's draft plan from the province's: the tasks that concern the body, with internal leads and
deadlines, in the province plan's sections, each remembering the province task it comes from."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from kstthc_desktop.domain import Concern, Plan, PlanDocument, Section, Task
from kstthc_desktop.drafting.internal import internal_deadline
from kstthc_desktop.errors import UserError
from kstthc_desktop.concern import concern_for

#: The task table's headings in the drafted plan (and in its Word appendix).
HEADER = ["STT", "Nội dung công việc", "Kết quả/sản phẩm", "Đơn vị chủ trì", "Đơn vị phối hợp",
          "Thời gian hoàn thành", "Ghi chú"]


@dataclass
class DraftOptions:
    body: str  # the body whose plan this is ("Sở Tư pháp")
    lead_text: str = "Văn phòng Sở"
    cooperate_text: str = "Các phòng chuyên môn thuộc Sở"
    days_before: int = 5  # working days before the province's date
    year: int | None = None  # the plan's year (default: the province plan's)


@dataclass
class DraftTask:
    """One row of the draft: the task as it will print, and where it comes from (None: the body's own task)."""

    task: Task
    source_id: int | None = None
    chosen: bool = True
    role: Concern = Concern.NONE


@dataclass
class Draft:
    document: PlanDocument
    sections: list[Section]
    rows: list[DraftTask] = field(default_factory=list)

    def plan(self) -> Plan:
        """The chosen rows as a plan (plan-json format): the sections that keep a task numbered I, II, III … in
        order (the body's own document; a province plan may print a number twice), tasks anew within each."""
        tasks = [copy.deepcopy(r.task) for r in self.rows if r.chosen]
        used = {t.section for t in tasks}
        kept = [copy.deepcopy(s) for s in self.sections
                if s.code in used or any(u.startswith(f"{s.code}.") for u in used)]
        renamed = {}
        for number, section in enumerate((s for s in kept if not s.parent), 1):
            renamed[section.code] = roman(number)
            section.code, section.printed_code = renamed[section.code], None
        for task in tasks:
            task.section = renamed.get(task.section, task.section)
        counters: dict[str, int] = {}
        for task in tasks:
            if task.sub:
                task.stt = str(counters.get(task.section, 0))
                continue
            counters[task.section] = counters.get(task.section, 0) + 1
            task.stt = str(counters[task.section])
        return Plan(source="", document=self.document, header=list(HEADER), sections=kept, tasks=tasks)

    def links(self) -> list[int | None]:
        """The province task each chosen row comes from, in the plan's task order."""
        return [r.source_id for r in self.rows if r.chosen]


def source_name(source: Plan) -> str:
    """How the body's plan cites the province's: "Kế hoạch kiểm soát thủ tục hành chính năm 2024 của UBND tỉnh
    Vĩnh Long" (the title is often printed in capitals; the issuer says whose)."""
    year = f" năm {source.document.year}" if source.document.year else ""
    issuer = f" của {source.document.issuer}" if source.document.issuer else ""
    return f"Kế hoạch kiểm soát thủ tục hành chính{year}{issuer}"


def roman(number: int) -> str:
    """1 → "I", 4 → "IV", 14 → "XIV": how a plan numbers its sections."""
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out += letters
            number -= value
    return out


def proposed(task: Task, body: str) -> Concern:
    """LEAD or COOPERATE when the task concerns the body: it is named, or a phrase for many bodies includes it
    ("các sở, ban, ngành", "UBND các xã"); NONE otherwise."""
    return concern_for(task, body)


def draft_from(source: Plan, options: DraftOptions) -> Draft:
    """Every task of the province plan, those concerning the body chosen, with internal leads and deadlines."""
    if not options.body.strip():
        raise UserError("Hãy ghi tên cơ quan, đơn vị lập kế hoạch (ví dụ: Sở Tư pháp).")
    year = options.year or source.document.year
    document = PlanDocument(issuer=options.body.strip(), level="department", province=source.document.province,
                            year=year, title=f"KẾ HOẠCH Kiểm soát thủ tục hành chính năm {year}")
    draft = Draft(document, [copy.deepcopy(s) for s in source.sections])
    for task in source.tasks:
        role = proposed(task, options.body)
        text, deadline = internal_deadline(task, options.days_before, year)
        note = ""
        if role == Concern.COOPERATE and task.lead.strip():
            note = f"Phối hợp với {task.lead.strip().rstrip('.')}"
        mine = Task(section=task.section, stt=task.stt, sub=task.sub, content=task.content, result=task.result,
                    lead=options.lead_text, cooperate=options.cooperate_text, deadline_text=text, deadline=deadline,
                    note=note, concern=Concern.LEAD)
        draft.rows.append(DraftTask(mine, task.id, role in (Concern.LEAD, Concern.COOPERATE), role))
    return draft


def add_own_task(draft: Draft, section: str, content: str, *, result: str = "", deadline_text: str = "",
                 lead: str = "", cooperate: str = "") -> DraftTask:
    """A task of the body's own, not from the province's plan, at the end of ``section``."""
    from kstthc_desktop.deadlines import read_deadline

    if not content.strip():
        raise UserError("Nội dung công việc không được để trống.")
    if not any(s.code == section for s in draft.sections):
        raise UserError(f"Không có mục \"{section}\" trong kế hoạch.")
    task = Task(section=section, content=content.strip(), result=result.strip(), lead=lead or "Văn phòng Sở",
                cooperate=cooperate, deadline_text=deadline_text.strip(),
                deadline=read_deadline(deadline_text, draft.document.year), concern=Concern.LEAD)
    row = DraftTask(task, None, True, Concern.LEAD)
    last = max((i for i, r in enumerate(draft.rows) if r.task.section == section), default=len(draft.rows) - 1)
    draft.rows.insert(last + 1, row)
    return row
