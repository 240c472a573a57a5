"""Task status in a period (docs/domain.md §5) across period boundaries, weekends and Tết; today is always
passed in."""

from __future__ import annotations

from datetime import date

import pytest

from kstthc_desktop.deadlines import read_deadline
from kstthc_desktop.domain import ProgressEntry, Task
from kstthc_desktop.periods import parse_period
from kstthc_desktop.status import Status, task_status


def task(text: str, year: int = 2025, **kw) -> Task:
    return Task(id=1, deadline_text=text, deadline=read_deadline(text, year), **kw)


def done(day: date, key: str = "due") -> ProgressEntry:
    return ProgressEntry(task_id=1, entry_date=day, text="Đã ban hành", occurrence_key=key, done=True)


def note(day: date, key: str = "") -> ProgressEntry:
    return ProgressEntry(task_id=1, entry_date=day, text="Đang thực hiện", occurrence_key=key, done=False)


def test_labels_are_the_government_wording():
    assert Status.DONE_ON_TIME.label == "Hoàn thành đúng hạn"
    assert Status.OVERDUE.label == "Chưa hoàn thành – quá hạn"
    assert Status.NOT_ARISEN.label == "Không phát sinh"
    assert len(Status) == 9


def test_a_status_is_kept_and_read_back_under_its_name():
    """Reports, JSON and the dashboard's card keys hold a status by its name: the member is that name."""
    import json

    from kstthc_desktop.reports.data import STATUS_LABELS, STATUS_ORDER

    assert json.dumps({Status.OVERDUE: 1}) == '{"OVERDUE": 1}'
    assert Status("DONE_LATE") is Status.DONE_LATE and Status.DONE_LATE == "DONE_LATE"
    assert set(STATUS_ORDER) == set(Status) and len(STATUS_ORDER) == len(Status)
    assert STATUS_LABELS["WITHDRAWN"] == Status.WITHDRAWN.label == "Đã rút khỏi kế hoạch"
    assert len({s.label for s in Status}) == len(Status)  # no two statuses read alike


def test_the_row_colour_follows_the_status():
    from kstthc_desktop.status import Tone, tone_of

    assert tone_of(Status.OVERDUE, due_soon=True) == Tone.OVERDUE
    assert tone_of(Status.IN_TIME, due_soon=True) == Tone.DUE_SOON
    assert tone_of(Status.DONE_ON_TIME, due_soon=True) == Tone.DONE_ON_TIME  # done: no longer "due soon"
    assert tone_of(Status.HAS_PROGRESS) == Tone.DONE_ON_TIME
    assert tone_of(Status.IN_TIME, withdrawn=True) == Tone.WITHDRAWN
    assert tone_of(Status.NOT_ARISEN) == Tone.PLAIN


# -- dated, with Tết ---------------------------------------------------------------------------------------------
Q1 = parse_period("2025-Q1")


def test_due_on_a_tet_day_is_in_time_until_the_first_working_day_after_tet():
    t = task("Trước ngày 31/01/2025")
    st = task_status(t, [], Q1, date(2025, 2, 3))
    assert st.status == Status.IN_TIME and st.due == date(2025, 2, 3)
    assert task_status(t, [], Q1, date(2025, 2, 4)).status == Status.OVERDUE


def test_done_on_the_rolled_over_day_is_on_time_the_day_after_is_late():
    t = task("Trước ngày 31/01/2025")
    assert task_status(t, [done(date(2025, 2, 3))], Q1, date(2025, 3, 1)).status == Status.DONE_ON_TIME
    assert task_status(t, [done(date(2025, 2, 4))], Q1, date(2025, 3, 1)).status == Status.DONE_LATE


def test_a_weekend_deadline_rolls_to_monday():
    t = task("Trước ngày 29/6/2024", 2024)  # Saturday
    q2 = parse_period("2024-Q2")
    assert task_status(t, [], q2, date(2024, 7, 1)).status == Status.IN_TIME
    assert task_status(t, [], q2, date(2024, 7, 2)).status == Status.OVERDUE
    assert task_status(t, [done(date(2024, 7, 1))], q2, date(2024, 7, 10)).status == Status.DONE_ON_TIME


def test_due_soon_within_the_officers_days_only_while_in_time():
    t = task("Trước ngày 20/3/2025")
    assert task_status(t, [], Q1, date(2025, 3, 14)).due_soon
    assert not task_status(t, [], Q1, date(2025, 3, 1)).due_soon
    assert task_status(t, [], Q1, date(2025, 3, 1), due_soon_days=30).due_soon
    assert not task_status(t, [done(date(2025, 3, 2))], Q1, date(2025, 3, 14)).due_soon


def test_an_entry_typed_with_a_future_date_does_not_count_yet():
    t = task("Trước ngày 20/3/2025")
    assert task_status(t, [done(date(2025, 3, 25))], Q1, date(2025, 3, 10)).status == Status.IN_TIME


# -- periodic: occurrences in the period -----------------------------------------------------------------------

def test_quarterly_task_in_each_quarter_and_across_the_window_boundary():
    t = task("trước ngày 19 của tháng cuối quý")
    q3 = parse_period("2025-Q3")
    sent = [done(date(2025, 3, 18), "2025-Q1"), done(date(2025, 6, 10), "2025-Q2")]  # the earlier quarters' reports
    st = task_status(t, sent, q3, date(2025, 9, 19))
    assert st.status == Status.IN_TIME and st.due == date(2025, 9, 19) and [o.key for o in st.occurrences] == ["2025-Q3"]
    assert task_status(t, sent, q3, date(2025, 9, 20)).status == Status.OVERDUE
    # the Q3 report was sent on 19/9 (after the data window closed on 14/9): still Q3's occurrence, on time
    assert task_status(t, [*sent, done(date(2025, 9, 19), "2025-Q3")], q3, date(2025, 9, 30)).status == Status.DONE_ON_TIME
    # the same entry does not make Q4 done
    q4 = parse_period("2025-Q4")
    assert task_status(t, [*sent, done(date(2025, 9, 19), "2025-Q3")], q4, date(2025, 10, 1)).status == Status.IN_TIME


def test_a_done_entry_without_an_occurrence_key_counts_for_the_window_it_is_dated_in():
    t = task("Hàng quý")
    q2 = parse_period("2025-Q2")
    q1_sent = done(date(2025, 3, 20), "2025-Q1")  # Quý I's report, due 31/3 (inside Q2's window): sent
    assert task_status(t, [q1_sent, done(date(2025, 6, 14), "")], q2, date(2025, 7, 1)).status == Status.DONE_ON_TIME
    assert task_status(t, [q1_sent, done(date(2025, 6, 15), "")], q2, date(2025, 7, 1)).status == Status.OVERDUE


def test_year_report_combines_the_quarters_worst_first():
    t = task("trước ngày 19 của tháng cuối quý")
    year = parse_period("2025")
    all_on_time = [done(date(2025, m, 18), f"2025-Q{q}") for q, m in ((1, 3), (2, 6), (3, 9), (4, 12))]
    assert task_status(t, all_on_time, year, date(2025, 12, 31)).status == Status.DONE_ON_TIME
    one_late = all_on_time[:3] + [done(date(2025, 12, 22), "2025-Q4")]
    assert task_status(t, one_late, year, date(2025, 12, 31)).status == Status.DONE_LATE
    assert task_status(t, all_on_time[:3], year, date(2025, 12, 10)).status == Status.IN_TIME
    assert task_status(t, all_on_time[1:], year, date(2025, 12, 31)).status == Status.OVERDUE
    assert len(task_status(t, [], year, date(2025, 1, 1)).occurrences) == 4


def test_monthly_task_in_a_quarter_looks_at_its_three_months():
    t = task("Ngày 05 hàng tháng")
    sent = [done(date(2025, m, 3), f"2025-{m:02d}") for m in (1, 2, 3)]
    st = task_status(t, sent, parse_period("2025-Q2"), date(2025, 4, 1))
    assert [o.key for o in st.occurrences] == ["2025-04", "2025-05", "2025-06"]
    # 5/4/2025 is a Saturday, 6/4 a Sunday, 7/4 Giỗ Tổ Hùng Vương: due on Tuesday 8/4
    assert st.due == date(2025, 4, 8)
    assert task_status(t, sent, parse_period("2025-04"), date(2025, 4, 8)).status == Status.IN_TIME


def test_yearly_task_in_a_quarter_report_is_in_time_until_its_day():
    t = task("Hằng năm, trước ngày 15/12")
    st = task_status(t, [], parse_period("2025-Q3"), date(2025, 9, 1))
    assert st.status == Status.IN_TIME and st.due == date(2025, 12, 15) and not st.due_soon


# -- ongoing ----------------------------------------------------------------------------------------------------

def test_ongoing_task_has_progress_in_the_period_whose_window_holds_the_entry():
    t = task("Thường xuyên")
    entry = note(date(2025, 3, 14))
    assert task_status(t, [entry], Q1, date(2025, 4, 1)).status == Status.HAS_PROGRESS
    assert task_status(t, [entry], parse_period("2025-Q2"), date(2025, 6, 1)).status == Status.NO_PROGRESS
    later = note(date(2025, 3, 15))  # one day later: the next quarter's window
    assert task_status(t, [later], Q1, date(2025, 4, 1)).status == Status.NO_PROGRESS
    assert task_status(t, [later], parse_period("2025-Q2"), date(2025, 4, 1)).status == Status.HAS_PROGRESS
    # 15/12/2024 belongs to 2025 already
    assert task_status(t, [note(date(2024, 12, 15))], Q1, date(2025, 1, 2)).status == Status.HAS_PROGRESS


def test_ongoing_entry_keyed_to_a_period_counts_there_and_in_the_periods_containing_it():
    t = task("Thường xuyên")
    entry = note(date(2025, 3, 20), "2025-Q1")  # written after the window closed, for Q1
    assert task_status(t, [entry], Q1, date(2025, 3, 25)).status == Status.HAS_PROGRESS
    assert task_status(t, [entry], parse_period("2025"), date(2025, 3, 25)).status == Status.HAS_PROGRESS
    assert task_status(t, [entry], parse_period("2025-Q2"), date(2025, 3, 25)).status == Status.NO_PROGRESS
    st = task_status(t, [entry], parse_period("2025"), date(2025, 3, 25))
    assert [o.status for o in st.occurrences] == [Status.HAS_PROGRESS] + [Status.NO_PROGRESS] * 3


def test_ongoing_entry_keyed_to_the_quarter_counts_for_the_month_it_was_written_in():
    """The progress dialog offers the quarter for an ongoing task: November's report must still see a result
    written on 18/10 (November's window is 15/10–14/11), and not one keyed to Quý III or written in December."""
    t = task("Thường xuyên", 2024)
    november = parse_period("2024-11")
    for_q4 = note(date(2024, 10, 18), "2024-Q4")
    assert task_status(t, [for_q4], november, date(2024, 11, 20)).status == Status.HAS_PROGRESS
    assert task_status(t, [for_q4], parse_period("2024-12"), date(2024, 12, 20)).status == Status.NO_PROGRESS
    late_for_q3 = note(date(2024, 10, 18), "2024-Q3")  # dated in November's window, but for Quý III
    assert task_status(t, [late_for_q3], november, date(2024, 11, 20)).status == Status.NO_PROGRESS
    assert task_status(t, [late_for_q3], parse_period("2024-Q3"), date(2024, 11, 20)).status == Status.HAS_PROGRESS


# -- on demand ---------------------------------------------------------------------------------------------------

def test_on_demand_without_event_in_the_period_has_not_arisen():
    t = task("Khi có phát sinh")
    assert task_status(t, [], Q1, date(2025, 3, 1), events=[(5, date(2025, 5, 1))]).status == Status.NOT_ARISEN


def test_on_demand_event_with_a_span_is_due_after_the_span():
    t = task("Trong thời gian 10 ngày kể từ ngày tiếp nhận")
    events = [(5, date(2025, 1, 20))]  # +10 = 30/01, Tết → 03/02
    st = task_status(t, [], Q1, date(2025, 2, 3), events=events)
    assert st.status == Status.IN_TIME and st.due == date(2025, 2, 3)
    assert task_status(t, [], Q1, date(2025, 2, 4), events=events).status == Status.OVERDUE
    assert task_status(t, [done(date(2025, 2, 3), "event:5")], Q1, date(2025, 2, 4), events=events).status == Status.DONE_ON_TIME
    # the store's rows (id, task_id, date, text) are accepted as well
    rows = [(5, 1, date(2025, 1, 20), "Nhận hồ sơ")]
    assert task_status(t, [], Q1, date(2025, 2, 4), events=rows).status == Status.OVERDUE


def test_on_demand_event_without_a_span_stays_in_time_until_done():
    t = task("Theo yêu cầu")
    events = [(1, date(2025, 2, 10))]
    assert task_status(t, [], Q1, date(2025, 12, 1), events=events).status == Status.IN_TIME
    assert task_status(t, [done(date(2025, 2, 20), "event:1")], Q1, date(2025, 12, 1), events=events).status == Status.DONE_ON_TIME


# -- withdrawn, unspecified --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Thường xuyên", "Quý I/2025", "Khi có phát sinh", ""])
def test_withdrawn_task_is_withdrawn_whatever_its_deadline(text):
    assert task_status(task(text, withdrawn=True), [], Q1, date(2025, 3, 1)).status == Status.WITHDRAWN


def test_unread_deadline_is_unspecified():
    st = task_status(task("Báo cáo kết quả kiểm tra"), [], Q1, date(2025, 3, 1))
    assert st.status == Status.UNSPECIFIED and st.due is None and not st.due_soon


# -- properties ---------------------------------------------------------------------------------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TEXTS = ["Thường xuyên", "Hằng quý", "Ngày 05 hàng tháng", "Hàng quý, năm", "Quý III/2025", "Trước ngày 31/01/2025",
          "Khi có phát sinh", "10 ngày kể từ ngày nhận", "Định kỳ", "", "Định kỳ 6 tháng, năm"]
_KEYS = ["", "due", "2025-Q1", "2025-Q3", "2025-03", "2025", "2025-H1", "event:1", "event:2", "bad-key"]


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(_TEXTS),
    st.lists(st.tuples(st.dates(date(2024, 11, 1), date(2026, 2, 1)), st.sampled_from(_KEYS), st.booleans()), max_size=6),
    st.sampled_from(["2025-Q1", "2025-Q3", "2025-H2", "2025-07", "2025", "2025-9M"]),
    st.dates(date(2024, 12, 1), date(2026, 1, 31)),
    st.lists(st.tuples(st.integers(1, 3), st.dates(date(2024, 12, 1), date(2025, 12, 31))), max_size=3),
)
def test_status_is_always_one_of_the_counted_statuses_and_consistent(text, raw, key, today, events):
    entries = [ProgressEntry(1, d, "x", k, done) for d, k, done in raw]
    st_ = task_status(task(text), entries, parse_period(key), today, events=events)
    assert isinstance(st_.status, Status)
    if st_.due_soon:
        assert st_.status == Status.IN_TIME and st_.due is not None and st_.due >= today
    if st_.status == Status.OVERDUE:
        assert st_.due is not None and st_.due < today
    for occ in st_.occurrences:
        assert isinstance(occ.status, Status)
