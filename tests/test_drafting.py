"""The department's own plan drafted from the province's: which tasks are proposed, internal deadlines in working
days, and the link that shares progress between the two plans."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kstthc_desktop.deadlines import read_deadline
from kstthc_desktop.domain import Concern, Plan, PlanDocument, ProgressEntry, Section, Task
from kstthc_desktop.drafting.draft import DraftOptions, add_own_task, draft_from, roman
from kstthc_desktop.drafting.internal import internal_deadline, working_days_before
from kstthc_desktop.drafting.save import save_draft
from kstthc_desktop.errors import UserError
from kstthc_desktop.store import Store


def task(content: str, lead: str, cooperate: str = "", deadline: str = "Thường xuyên", section: str = "I") -> Task:
    return Task(section=section, stt="1", content=content, lead=lead, cooperate=cooperate, deadline_text=deadline,
                deadline=read_deadline(deadline, 2025))


def province() -> Plan:
    return Plan(document=PlanDocument(issuer="UBND tỉnh Sóc Trăng", level="province", province="Sóc Trăng",
                                      year=2025, title="KẾ HOẠCH Kiểm soát thủ tục hành chính năm 2025"),
                sections=[Section("I", "Công tác chỉ đạo"), Section("II", "Rà soát")],
                tasks=[task("Ban hành kế hoạch của tỉnh", "Văn phòng UBND tỉnh", deadline="Trước ngày 14/02/2025"),
                       task("Rà soát TTHC lĩnh vực tư pháp", "Sở Tư pháp", section="II"),
                       task("Rà soát TTHC của các sở", "Các sở, ban, ngành tỉnh", section="II"),
                       task("Góp ý dự thảo", "Văn phòng UBND tỉnh", "Sở Tư pháp", section="II"),
                       task("Tổng hợp số liệu cấp xã", "UBND các xã, phường", section="II")])


def test_the_tasks_concerning_the_body_are_proposed_and_others_not():
    draft = draft_from(province(), DraftOptions("Sở Tư pháp"))
    chosen = {r.task.content: r.role for r in draft.rows if r.chosen}
    assert chosen == {"Rà soát TTHC lĩnh vực tư pháp": Concern.LEAD, "Rà soát TTHC của các sở": Concern.LEAD,
                      "Góp ý dự thảo": Concern.COOPERATE}
    commune = draft_from(province(), DraftOptions("UBND xã Tân Phú"))
    assert [r.task.content for r in commune.rows if r.chosen] == ["Tổng hợp số liệu cấp xã"]


def test_internal_leads_are_the_bodys_own_and_a_cooperation_says_with_whom():
    plan = draft_from(province(), DraftOptions("Sở Tư pháp")).plan()
    assert {t.lead for t in plan.tasks} == {"Văn phòng Sở"}
    assert {t.cooperate for t in plan.tasks} == {"Các phòng chuyên môn thuộc Sở"}
    assert [t.note for t in plan.tasks if t.note] == ["Phối hợp với Văn phòng UBND tỉnh"]
    assert [(t.section, t.stt) for t in plan.tasks] == [("I", "1"), ("I", "2"), ("I", "3")]
    assert [(s.code, s.title) for s in plan.sections] == [("I", "Rà soát")]  # sections without a chosen task
    # are left out, the rest numbered anew: the body's own document
    assert plan.document.issuer == "Sở Tư pháp" and plan.document.title.endswith("năm 2025")


@pytest.mark.parametrize("due, days, expected", [
    (date(2025, 2, 14), 5, date(2025, 2, 7)),  # a plain week
    (date(2025, 2, 7), 5, date(2025, 1, 24)),  # Tết (27/1 – 31/1/2025) is skipped
    (date(2025, 5, 5), 3, date(2025, 4, 26)),  # 30/4 – 4/5 off; Saturday 26/4 was a swapped working day
    (date(2025, 3, 15), 1, date(2025, 3, 14)),  # a Saturday deadline rolls to Monday 17/3 first
])
def test_internal_deadlines_count_working_days_skipping_weekends_and_holidays(due, days, expected):
    assert working_days_before(due, days) == expected


def test_a_dated_task_gets_an_internal_date_and_an_ongoing_one_keeps_its_words():
    dated = task("x", "Sở Tư pháp", deadline="Trước ngày 14/02/2025")
    text, deadline = internal_deadline(dated, 5, 2025)
    assert text == "Trước ngày 07/02/2025" and deadline.due == date(2025, 2, 7)
    ongoing = task("y", "Sở Tư pháp", deadline="Thường xuyên")
    assert internal_deadline(ongoing, 5, 2025)[0] == "Thường xuyên"


def test_the_bodys_own_task_is_added_in_its_section():
    draft = draft_from(province(), DraftOptions("Sở Tư pháp"))
    add_own_task(draft, "II", "Rà soát quy trình nội bộ của Sở", deadline_text="Quý III/2025")
    plan = draft.plan()
    assert plan.tasks[-1].content == "Rà soát quy trình nội bộ của Sở" and plan.tasks[-1].stt == "4"
    assert [roman(n) for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]
    assert draft.links()[-1] is None
    with pytest.raises(UserError):
        add_own_task(draft, "IX", "Việc khác")


def test_progress_on_either_linked_task_shows_on_both(tmp_path: Path):
    with Store.open(tmp_path / "k.sqlite3") as store:
        source = province()
        province_id = store.save_plan(source)
        own_id = save_draft(store, draft_from(store.load_plan(province_id), DraftOptions("Sở Tư pháp")))
        own = store.load_plan(own_id)
        mine, theirs = own.tasks[0], next(t for t in store.tasks(province_id) if t.content == own.tasks[0].content)
        assert store.linked_tasks(mine.id) == [theirs.id]
        store.add_progress(ProgressEntry(mine.id, date(2025, 3, 1), "Sở đã rà soát 5 TTHC", "2025-Q1"))
        store.add_progress(ProgressEntry(theirs.id, date(2025, 3, 2), "Tỉnh ghi nhận", "2025-Q1"))
        for task_id, plan_id in ((mine.id, own_id), (theirs.id, province_id)):
            assert [e.text for e in store.progress(task_id)] == ["Sở đã rà soát 5 TTHC", "Tỉnh ghi nhận"]
            by_plan = [e for e in store.progress(plan_id=plan_id) if e.task_id == task_id]
            assert len(by_plan) == 2
        with pytest.raises(UserError, match="Đã có kế hoạch năm 2025 của Sở Tư pháp"):
            save_draft(store, draft_from(store.load_plan(province_id), DraftOptions("Sở Tư pháp")))
