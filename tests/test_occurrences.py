"""Occurrences: what is due when, for each kind of deadline."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from kstthc_desktop.deadlines import read_deadline
from kstthc_desktop.domain import Deadline, DeadlineKind
from kstthc_desktop.occurrences import occurrences
from kstthc_desktop.periods import year_window


def test_a_stated_day_is_due_in_each_periods_last_month():
    occ = occurrences(read_deadline("trước ngày 19 của tháng cuối quý", 2024), 2024)
    assert [o.key for o in occ] == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]
    assert [o.due for o in occ] == [date(2024, 3, 19), date(2024, 6, 19), date(2024, 9, 19), date(2024, 12, 19)]
    assert [o.label for o in occ] == ["Quý I/2024", "Quý II/2024", "Quý III/2024", "Quý IV/2024"]


def test_without_a_day_due_at_period_end_or_at_the_officers_report_day():
    occ = occurrences(read_deadline("Hàng quý, năm", 2024), 2024)
    assert {o.key: o.due for o in occ}["2024"] == date(2024, 12, 31)
    assert {o.key: o.due for o in occ}["2024-Q1"] == date(2024, 3, 31)
    occ = occurrences(read_deadline("Hàng quý, năm", 2024), 2024, report_days={"quarter": 19, "year": 15})
    assert {o.key: o.due for o in occ}["2024-Q1"] == date(2024, 3, 19)
    assert {o.key: o.due for o in occ}["2024"] == date(2024, 12, 15)


def test_monthly_day_31_is_kept_inside_short_months_and_rolled_over_holidays():
    occ = occurrences(read_deadline("Ngày 31 hàng tháng", 2025), 2025)
    assert len(occ) == 12
    feb = next(o for o in occ if o.key == "2025-02")
    assert feb.due == date(2025, 2, 28)
    jan = next(o for o in occ if o.key == "2025-01")
    assert jan.due == date(2025, 1, 31) and jan.effective_due == date(2025, 2, 3)  # Tết


def test_dated_has_one_occurrence_with_its_effective_due():
    occ = occurrences(read_deadline("Trước ngày 31/01/2025", 2025), 2025)
    assert len(occ) == 1 and occ[0].key == "due"
    assert occ[0].due == date(2025, 1, 31) and occ[0].effective_due == date(2025, 2, 3)
    assert occurrences(Deadline(DeadlineKind.DATED), 2025) == []


def test_ongoing_tasks_are_followed_by_quarter():
    occ = occurrences(read_deadline("Thường xuyên", 2024), 2024)
    assert [o.key for o in occ] == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]
    assert all(o.due is None for o in occ)
    assert [o.key for o in occurrences(read_deadline("Định kỳ", 2024), 2024)] == [o.key for o in occ]


def test_on_demand_one_per_event_in_the_year_with_the_stated_span():
    d = read_deadline("Trong thời gian 10 ngày kể từ ngày tiếp nhận", 2024)
    events = [(7, date(2024, 5, 10)), (3, date(2024, 2, 1)), (9, date(2024, 12, 20))]  # the last is in 2025's window
    occ = occurrences(d, 2024, events)
    assert [o.key for o in occ] == ["event:3", "event:7"]
    assert occ[0].due == date(2024, 2, 11) and occ[0].effective_due == date(2024, 2, 15)  # Tết Giáp Thìn
    assert [o.key for o in occurrences(d, 2025, events)] == ["event:9"]
    assert occurrences(read_deadline("Khi có yêu cầu", 2024), 2024, [(1, 2, date(2024, 3, 1), "text")])[0].due is None
    assert occurrences(read_deadline("Khi có yêu cầu", 2024), 2024) == []


_TEXTS = ["Hàng quý, năm", "Ngày 05 hàng tháng", "Định kỳ 6 tháng, năm", "Thường xuyên", "Trong năm",
          "Quý III", "Khi có phát sinh", "10 ngày kể từ ngày nhận", "Hằng tháng, quý, 6 tháng, năm", "", "Định kỳ"]


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(_TEXTS),
    st.integers(min_value=1995, max_value=2090),
    # Event ids are the store's primary keys: unique.
    st.lists(st.tuples(st.integers(1, 10_000), st.dates(date(1994, 1, 1), date(2091, 12, 31))), max_size=8,
             unique_by=lambda e: e[0]),
    st.one_of(st.none(), st.integers(min_value=1, max_value=31)),
)
def test_occurrences_of_any_year_are_sorted_and_fall_in_that_years_window(text, year, events, day):
    deadline = read_deadline(text, year)
    if day and deadline.every:
        deadline = Deadline(deadline.kind, every={k: day for k in deadline.every})
    occ = occurrences(deadline, year, events)
    anchors = [(o.start or o.due) for o in occ]
    assert anchors == sorted(anchors)
    lo, hi = year_window(year)
    for o in occ:
        if o.start is not None:
            assert lo <= o.start <= hi
        if o.due is not None and deadline.kind == DeadlineKind.PERIODIC:
            assert o.due.year == year
        if o.effective_due is not None:
            assert o.effective_due >= o.due
    assert len({o.key for o in occ}) == len(occ)
