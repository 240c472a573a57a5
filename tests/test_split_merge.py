"""Issue 14 item 9 (core): a task split in two and tasks merged into one, after import and in the preview; each one
action with every change in history, undone by one undo with every record back where it pointed."""

from __future__ import annotations

from datetime import date

import pytest

import two_level_plan as layout
from kstthc_desktop.domain import Evidence, ProgressEntry
from kstthc_desktop.errors import UserError
from kstthc_desktop.importers import extract
from kstthc_desktop.operations.split_merge import merge_tasks, propose_split, split_task
from kstthc_desktop.operations.undo import last_action, undo_last
from kstthc_desktop.splitting import merge_plan_tasks, split_numbers, split_plan_task, suggest_cut
from kstthc_desktop.store import Store

TWO_TASKS = "a) Rà soát quy định thủ tục hành chính; b) Công bố danh mục thủ tục hành chính."


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "kstthc.sqlite3") as s:
        s.save_plan(extract(layout.write_xlsx(tmp_path / "plan.xlsx")))
        yield s


def _tasks(store):
    return store.tasks(store.plans()[0].id)


def _snapshot(store) -> dict:
    """Everything a split or merge may touch, as rows: the undo must give back exactly this."""
    tables = {"tasks": "select * from tasks order by id", "progress": "select * from progress order by id",
              "evidence": "select * from evidence order by id", "events": "select * from events order by id",
              "return_results": "select * from return_results order by id",
              "task_links": "select * from task_links order by task_id, source_task_id",
              "task_bodies": "select * from task_bodies order by task_id, body_id, role"}
    return {name: store._query(sql) for name, sql in tables.items()}


# ------------------------------------------------------------------------------------------ the texts
def test_the_cut_is_proposed_at_the_markers_the_line_break_or_the_first_sentence():
    assert suggest_cut(TWO_TASKS) == ("a) Rà soát quy định thủ tục hành chính",
                                      "b) Công bố danh mục thủ tục hành chính.")
    assert suggest_cut("Rà soát quy định.\nCông bố danh mục.") == ("Rà soát quy định.", "Công bố danh mục.")
    assert suggest_cut("Rà soát quy định. Công bố danh mục.") == ("Rà soát quy định.", "Công bố danh mục.")
    assert suggest_cut("Rà soát quy định về phí, lệ phí") == ("Rà soát quy định về phí, lệ phí", "")


def test_a_split_task_is_numbered_3a_and_3b_or_the_next_free_letters():
    assert split_numbers("3") == ("3a", "3b")
    assert split_numbers("3", {"3a"}) == ("3b", "3c")
    assert split_numbers("3a", {"3b"}) == ("3a", "3c")
    assert split_numbers("") == ("", "")


# ------------------------------------------------------------------------------------------ split, stored
def test_a_split_makes_two_tasks_with_the_same_bodies_and_deadline_and_one_undo_restores_it(store):
    task = _tasks(store)[0]
    store.update_task(task.id, content=TWO_TASKS)
    entry = store.add_progress(ProgressEntry(task.id, date(2024, 1, 20), "Đã rà soát 12 quy định", "2024"))
    store.add_evidence(Evidence(task.id, "15/KH-SXD", date(2024, 1, 20), progress_id=entry))
    before = _snapshot(store)
    proposal = propose_split(store, task.id)
    assert (proposal.first_stt, proposal.second_stt) == ("1a", "1b")
    new_id = split_task(store, task.id, proposal.first, proposal.second)
    first, second = store.task(task.id), store.task(new_id)
    assert (first.stt, first.content) == ("1a", "a) Rà soát quy định thủ tục hành chính")
    assert (second.stt, second.content) == ("1b", "b) Công bố danh mục thủ tục hành chính.")
    assert (second.section, second.lead, second.cooperate, second.deadline) == \
        (first.section, first.lead, first.cooperate, first.deadline)
    assert [t.id for t in _tasks(store)][:2] == [task.id, new_id]  # the second part right under the first
    assert [e.text for e in store.progress(task_id=task.id)] == ["Đã rà soát 12 quy định"]  # stays with the first
    assert store.progress(task_id=new_id) == []
    assert last_action(store) == ("Tách nhiệm vụ", True)
    assert undo_last(store) == "Tách nhiệm vụ"
    assert _snapshot(store) == before


def test_a_result_moved_to_the_second_part_takes_its_document_and_the_undo_brings_both_back(store):
    task = _tasks(store)[0]
    keep = store.add_progress(ProgressEntry(task.id, date(2024, 1, 10), "Đã rà soát", "2024"))
    move = store.add_progress(ProgressEntry(task.id, date(2024, 1, 20), "Đã công bố", "2024"))
    doc = store.add_evidence(Evidence(task.id, "20/QĐ-UBND", date(2024, 1, 20), progress_id=move))
    event = store.add_event(task.id, date(2024, 1, 5), "Có quy định mới")
    before = _snapshot(store)
    new_id = split_task(store, task.id, "Rà soát.", "Công bố.", progress_ids=[move], event_ids=[event])
    assert [e.id for e in store.progress(task_id=task.id)] == [keep]
    assert [e.id for e in store.progress(task_id=new_id)] == [move]
    assert [d.id for d in store.evidence(task_id=new_id)] == [doc]
    assert [e.id for e in store.events(task_id=new_id)] == [event]
    undo_last(store)
    assert _snapshot(store) == before


def test_a_split_is_refused_with_a_sentence_and_nothing_saved(store):
    task, other = _tasks(store)[:2]
    foreign = store.add_progress(ProgressEntry(other.id, date(2024, 1, 10), "Việc khác", "2024"))
    before = _snapshot(store)
    with pytest.raises(UserError, match="phần nào cũng phải có chữ"):
        split_task(store, task.id, task.content, "  ")
    with pytest.raises(UserError, match="của chính nhiệm vụ đang tách"):
        split_task(store, task.id, "Một.", "Hai.", progress_ids=[foreign])
    assert _snapshot(store) == before


# ------------------------------------------------------------------------------------------ merge, stored
def _link_and_return(store, task_id: int, source_id: int) -> int:
    """A province task linked to ``task_id`` and a unit's result recorded on it; the result's id."""
    with store.transaction():
        store.link_tasks(task_id, source_id)
        return_id = store._insert("returns", {"unit": "Phòng Tư pháp", "unit_key": "phong tu phap",
                                              "period_key": "2024-Q1", "plan_id": store.plans()[0].id})
        return store._insert("return_results", {"return_id": return_id, "task_id": task_id, "text": "Đã làm"})


def test_a_merge_joins_the_texts_and_moves_every_record_and_one_undo_restores_them(store):
    tasks = _tasks(store)
    a, b, c = tasks[0], tasks[1], tasks[4]  # 1.I.1, 1.I.2 and 2.I.1: not adjacent, two sections
    other_plan = tasks[7]  # a task standing for the province task the third is linked to
    store.add_progress(ProgressEntry(a.id, date(2024, 1, 10), "Đã ban hành kế hoạch", "2024"))
    moved = store.add_progress(ProgressEntry(c.id, date(2024, 2, 10), "Đã rà soát", "2024"))
    doc = store.add_evidence(Evidence(c.id, "30/BC-SXD", date(2024, 2, 10), progress_id=moved))
    event = store.add_event(b.id, date(2024, 3, 1), "Thay đổi cán bộ")
    result = _link_and_return(store, c.id, other_plan.id)
    before = _snapshot(store)
    with pytest.raises(UserError, match="nhiều mục khác nhau"):
        merge_tasks(store, [c.id, a.id, b.id])
    assert _snapshot(store) == before
    merged_id = merge_tasks(store, [c.id, a.id, b.id], section="1.I").task_id
    assert merged_id == a.id  # the first in plan order
    merged = store.task(a.id)
    assert merged.content.split("\n") == [a.content, b.content, c.content]
    assert merged.lead == "Văn phòng Sở" and merged.cooperate == "Các phòng chuyên môn"  # each once
    assert merged.result.split("\n") == ["Kế hoạch", "Quyết định", "Báo cáo kết quả rà soát"]
    assert merged.deadline == a.deadline
    assert {t.id for t in _tasks(store)} & {b.id, c.id} == set()
    assert {e.id for e in store.progress(task_id=a.id)} >= {moved}
    assert [d.id for d in store.evidence(task_id=a.id)] == [doc]
    assert [e.id for e in store.events(task_id=a.id)] == [event]
    assert store.conn.execute("select task_id from return_results where id = ?", [result]).fetchone()[0] == a.id
    assert store.linked_tasks(a.id) == [other_plan.id]
    assert {e.id: e.occurrence_key for e in store.progress(task_id=a.id)}[moved] == "due"  # the dated task's one due
    assert undo_last(store) == "Gộp nhiệm vụ"
    assert _snapshot(store) == before  # the results' periods back too


def test_a_merge_takes_another_deadline_when_asked_and_refuses_a_single_task(store):
    a, b = _tasks(store)[:2]
    with pytest.raises(UserError, match="ít nhất hai nhiệm vụ"):
        merge_tasks(store, [a.id, a.id])
    merge_tasks(store, [a.id, b.id], deadline_text="Quý II/2024")
    assert store.task(a.id).deadline.due == date(2024, 6, 30)


# ------------------------------------------------------------------------------------------ results' periods
MONTHLY = "Trước ngày 15 hằng tháng"
QUARTERLY = "Báo cáo tình hình, kết quả thực hiện kiểm soát thủ tục hành chính."  # "… 15 của tháng cuối quý"


def _status(store, task_id: int, period: str):
    from kstthc_desktop.periods import parse_period
    from kstthc_desktop.status import task_status

    return task_status(store.task(task_id), store.progress(task_id=task_id), parse_period(period), date(2024, 11, 1))


def test_a_quarterly_report_merged_into_a_monthly_task_counts_for_the_month_its_quarter_ends_in(store):
    """The Q3 report, sent late on 20/9 (in October's data window), was Q3's; merged into a monthly task it is
    September's, not October's: the quarter and September still read as reported, late, as before the merge."""
    from kstthc_desktop.status import Status

    tasks = _tasks(store)
    quarterly = next(t for t in tasks if t.content == QUARTERLY)
    monthly = tasks[tasks.index(quarterly) - 1]  # 2.II.1, given a monthly deadline by the merge
    for month in range(1, 9):  # every report sent until August, on time
        store.add_progress(ProgressEntry(monthly.id, date(2024, month, 10), f"Báo cáo tháng {month}",
                                         f"2024-{month:02d}", done=True))
    for quarter in (1, 2):
        store.add_progress(ProgressEntry(quarterly.id, date(2024, 3 * quarter, 10), f"Báo cáo quý {quarter}",
                                         f"2024-Q{quarter}", done=True))
    report = store.add_progress(ProgressEntry(quarterly.id, date(2024, 9, 20), "Báo cáo quý III", "2024-Q3",
                                              done=True))
    assert _status(store, quarterly.id, "2024-Q3").status == Status.DONE_LATE
    before = _snapshot(store)

    result = merge_tasks(store, [monthly.id, quarterly.id], deadline_text=MONTHLY)
    assert {e.id: e.occurrence_key for e in store.progress(task_id=monthly.id)}[report] == "2024-09"
    assert "Kết quả ngày 20/9/2024 «Báo cáo quý III»: tính cho kỳ tháng 9 (trước là kỳ quý III)." in result.lines()
    assert _status(store, monthly.id, "2024-Q3").status == Status.DONE_LATE  # reported, late, as before
    september = _status(store, monthly.id, "2024-09")
    assert september.status == Status.DONE_LATE and september.occurrences[-1].done_on == date(2024, 9, 20)
    assert _status(store, monthly.id, "2024-10").status == Status.OVERDUE  # October's was never sent
    undo_last(store)
    assert _snapshot(store) == before


def test_monthly_reports_merged_into_a_quarterly_task_count_for_their_quarter(store):
    from kstthc_desktop.deadlines import read_deadline
    from kstthc_desktop.status import Status

    tasks = _tasks(store)
    monthly = next(t for t in tasks if t.content == QUARTERLY)
    target = tasks[tasks.index(monthly) - 1]
    store.update_task(monthly.id, deadline_text=MONTHLY, deadline=read_deadline(MONTHLY, 2024))
    june = store.add_progress(ProgressEntry(monthly.id, date(2024, 6, 20), "Báo cáo tháng 6", "2024-06", done=True))
    merge_tasks(store, [target.id, monthly.id], deadline_text="Trước ngày 15 của tháng cuối quý")
    assert {e.id: e.occurrence_key for e in store.progress(task_id=target.id)}[june] == "2024-Q2"
    [q2] = [o for o in _status(store, target.id, "2024-Q2").occurrences if o.key == "2024-Q2"]
    assert (q2.status, q2.done_on) == (Status.DONE_LATE, date(2024, 6, 20))  # due 15/6, sent 20/6


def test_a_result_no_period_of_the_merged_task_fits_keeps_its_own_and_the_merge_says_so(store):
    tasks = _tasks(store)
    on_demand, quarterly = tasks[1], next(t for t in tasks if t.content == QUARTERLY)  # "Khi có thay đổi"
    store.add_event(on_demand.id, date(2024, 3, 1), "Thay đổi cán bộ")
    entry = store.add_progress(ProgressEntry(quarterly.id, date(2024, 3, 10), "Báo cáo quý I", "2024-Q1", done=True))
    result = merge_tasks(store, [on_demand.id, quarterly.id], section=on_demand.section)
    assert {e.id: e.occurrence_key for e in store.progress(task_id=on_demand.id)}[entry] == "2024-Q1"
    assert result.lines() == ["Kết quả ngày 10/3/2024 «Báo cáo quý I»: giữ kỳ quý I vì nhiệm vụ gộp không có kỳ "
                              "nào ứng với kết quả này (sửa «Tính cho kỳ» của kết quả nếu cần)."]


# ------------------------------------------------------------------------------------------ in the preview
def test_in_the_preview_a_task_is_split_and_two_merged_in_memory(tmp_path):
    plan = extract(layout.write_xlsx(tmp_path / "plan.xlsx"))
    count = len(plan.tasks)
    plan.tasks[0].content = TWO_TASKS
    second = split_plan_task(plan, 0, *suggest_cut(TWO_TASKS))
    assert [(t.stt, t.content[:2]) for t in plan.tasks[:2]] == [("1a", "a)"), ("1b", "b)")]
    assert second == 1 and plan.tasks[1].lead == plan.tasks[0].lead and len(plan.tasks) == count + 1
    index = merge_plan_tasks(plan, [0, 1])
    assert index == 0 and len(plan.tasks) == count
    assert plan.tasks[0].content == "a) Rà soát quy định thủ tục hành chính\nb) Công bố danh mục thủ tục hành chính."


def test_a_reimport_of_the_same_file_keeps_the_split_parts_and_the_merged_task(store, tmp_path):
    from kstthc_desktop.importers.reimport import apply

    a, _, c, d = _tasks(store)[:4]
    split_task(store, a.id, "Ban hành Kế hoạch.", "Kiểm soát thủ tục hành chính năm 2024 của Sở.")
    merge_tasks(store, [c.id, d.id])
    before = [(t.id, t.stt, t.content, t.withdrawn) for t in _tasks(store)]
    apply(store, store.plans()[0].id, extract(layout.write_xlsx(tmp_path / "again.xlsx")))
    assert [(t.id, t.stt, t.content, t.withdrawn) for t in _tasks(store)] == before  # nothing withdrawn or undone
