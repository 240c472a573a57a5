"""Readings that were wrong (issue 14): the period a result counts for follows its date; a quarter's counts show
the overdue months before it; an on-demand event falls due after its span (working days when printed so)."""

from __future__ import annotations

from datetime import date

from kstthc_desktop.deadlines import read_deadline
from kstthc_desktop.domain import Event, ProgressEntry, Task
from kstthc_desktop.occurrences import (
    occurrence_for_date,
    occurrence_phrase,
    occurrences,
    task_occurrences,
)
from kstthc_desktop.periods import parse_period
from kstthc_desktop.status import Status, task_status
from kstthc_desktop.tracking import build_rows, dashboard

TODAY = date(2023, 6, 16)  # the officers' week of writing up Quý II
Q2, Q3 = parse_period("2023-Q2"), parse_period("2023-Q3")


def task(text: str, task_id: int = 1) -> Task:
    return Task(id=task_id, stt=str(task_id), content=f"Nhiệm vụ {task_id}", deadline_text=text,
                deadline=read_deadline(text, 2023))


def done(day: date, key: str, task_id: int = 1) -> ProgressEntry:
    return ProgressEntry(task_id=task_id, entry_date=day, text="Đã gửi báo cáo", occurrence_key=key, done=True)


# -- 1. the occurrence a result counts for follows its date ------------------------------------------------

def test_a_result_dated_in_may_counts_for_quarter_two_not_the_quarter_being_looked_at():
    occs = occurrences(read_deadline("Hằng quý", 2023), 2023)
    assert occurrence_for_date(occs, date(2023, 5, 10)).key == "2023-Q2"
    assert occurrence_for_date(occs, date(2023, 6, 16)).key == "2023-Q3"  # the data window of Q3 opened on 15/6
    assert occurrence_for_date(occs, date(2023, 12, 20)).key == "2023-Q4"  # after the year's windows: the nearest


def test_the_shortest_period_holding_the_date_wins_and_a_dated_task_has_its_one_due_date():
    occs = occurrences(read_deadline("Hằng tháng, quý", 2023), 2023)
    assert occurrence_for_date(occs, date(2023, 5, 10)).key == "2023-05"
    dated = occurrences(read_deadline("Trước ngày 31/12/2023", 2023), 2023)
    assert occurrence_for_date(dated, date(2023, 3, 1)).key == "due"


def test_an_on_demand_result_counts_for_the_latest_event_before_it():
    occs = occurrences(read_deadline("Khi có phát sinh", 2023), 2023, [(4, date(2023, 2, 1)), (9, date(2023, 5, 2))])
    assert occurrence_for_date(occs, date(2023, 3, 1)).key == "event:4"
    assert occurrence_for_date(occs, date(2023, 5, 20)).key == "event:9"
    assert occurrence_for_date([], date(2023, 5, 20)) is None


def test_a_progress_line_names_its_occurrence():
    assert occurrence_phrase("2024-Q3") == "kỳ quý III"
    assert occurrence_phrase("2024-05") == "kỳ tháng 5"
    assert occurrence_phrase("2024") == "kỳ năm 2024"
    event = occurrences(read_deadline("Khi có phát sinh", 2023), 2023, [(4, date(2023, 6, 5))])[0]
    assert occurrence_phrase(event) == "lần phát sinh ngày 05/6/2023"


# -- 2. a quarter's counts include what is owed in it ----------------------------------------------------

def test_a_quarter_counts_the_overdue_months_before_it():
    monthly = [task("Ngày 05 hàng tháng", i) for i in range(1, 6)]
    rows = build_rows(monthly, [], [], Q3, TODAY, year=2023)
    board = dashboard(rows, Q3, TODAY)
    assert board.counts.get(Status.OVERDUE) == 5
    assert len(board.overdue) == 5


def test_june_report_due_at_the_end_of_june_is_asked_in_quarter_three():
    t = task("Hằng tháng")
    sent = [done(date(2023, m, 28), f"2023-{m:02d}") for m in range(1, 6)]
    st = task_status(t, sent, Q3, TODAY)
    keys = [o.key for o in st.occurrences]
    assert keys[0] == "2023-06" and st.status == Status.IN_TIME and st.due == date(2023, 6, 30)


def test_an_occurrence_done_before_the_period_is_not_asked_again():
    t = task("Hằng quý")
    st = task_status(t, [done(date(2023, 3, 20), "2023-Q1"), done(date(2023, 6, 10), "2023-Q2")], Q3, TODAY)
    assert [o.key for o in st.occurrences] == ["2023-Q3"]


# -- 3. an on-demand event falls due ---------------------------------------------------------------------

def test_a_complaint_logged_in_june_is_overdue_after_its_ten_days():
    t = task("Trong thời gian 10 ngày kể từ ngày tiếp nhận")
    events = [(7, date(2023, 6, 5))]  # in Quý II's window; due 15/6, in Quý III's
    assert task_status(t, [], Q3, TODAY, events=events).status == Status.OVERDUE
    assert task_status(t, [], Q2, TODAY, events=events).status == Status.OVERDUE
    answered = [done(date(2023, 6, 14), "event:7")]
    assert task_status(t, answered, Q2, TODAY, events=events).status == Status.DONE_ON_TIME
    assert task_status(t, answered, Q3, TODAY, events=events).status == Status.NOT_ARISEN  # nothing owed any more


def test_a_span_in_working_days_skips_weekends_and_holidays():
    t = task("Trong thời gian 10 ngày làm việc kể từ ngày tiếp nhận")
    [occ] = task_occurrences(t, 2023, [(7, date(2023, 6, 5))])
    assert occ.due == date(2023, 6, 19)  # Monday 5/6 + 10 working days (two weekends skipped)
    assert task_status(t, [], Q3, TODAY, events=[(7, date(2023, 6, 5))]).status == Status.IN_TIME
    assert task_status(t, [], Q3, date(2023, 6, 20), events=[(7, date(2023, 6, 5))]).status == Status.OVERDUE
    # Tết 2023: 20/1–26/1 off; 10 working days from 18/1 end on 8/2
    [tet] = task_occurrences(t, 2023, [(8, date(2023, 1, 18))])
    assert tet.due == date(2023, 2, 8)


def test_the_dashboard_counts_an_unanswered_event_as_overdue():
    t = task("Trong thời gian 10 ngày kể từ ngày tiếp nhận")
    rows = build_rows([t], [], [Event(id=7, task_id=1, event_date=date(2023, 6, 5), text="Đơn phản ánh")], Q3,
                      TODAY, year=2023)
    assert dashboard(rows, Q3, TODAY).counts.get(Status.OVERDUE) == 1


# -- 4. a progress line names the occurrence it counts for --------------------------------------------------

def test_the_quarter_three_report_written_in_quarter_four_reads_as_quarter_three_in_the_q4_report(tmp_path):
    """Demo task V.3 in Quý IV/2024: the Q3 report sent late on 27/9 (inside Q4's data window) printed as
    "Đã hoàn thành (chậm…)" under "Chưa hoàn thành – trong hạn"; each line now says which occurrence it is."""
    from kstthc_desktop.domain import Plan, PlanDocument, Section
    from kstthc_desktop.reports.data import build_report
    from kstthc_desktop.store import Store

    with Store.open(tmp_path / "kstthc.sqlite3") as store:
        plan = Plan(document=PlanDocument(year=2024, title="Kế hoạch"), sections=[Section("V", "Báo cáo")],
                    tasks=[Task(section="V", stt="3", content="Báo cáo quý", deadline_text="Hằng quý",
                                deadline=read_deadline("Hằng quý", 2024))])
        plan_id = store.save_plan(plan)
        task_id = store.tasks(plan_id)[0].id
        for day, key in ((date(2024, 3, 20), "2024-Q1"), (date(2024, 6, 20), "2024-Q2"), (date(2024, 9, 27), "2024-Q3")):
            store.add_progress(ProgressEntry(task_id=task_id, entry_date=day, text="Đã hoàn thành (chậm so với thời hạn).",
                                             occurrence_key=key, done=True))
        data = build_report(store, plan_id, "2024-Q4", date(2024, 10, 20))
    [reported] = [t for s in data.sections for t in s.tasks]
    assert reported.status == Status.IN_TIME
    assert reported.done_text == "- 27/9/2024 (kỳ quý III): Đã hoàn thành (chậm so với thời hạn)."
    assert reported.progress[0].dated == "27/9/2024, kỳ quý III"
    from kstthc_desktop.reports.words import task_sentence

    assert "(kỳ quý III)" in task_sentence(reported)  # the PDF and Word part I say it too
