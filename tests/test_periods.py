"""Reporting periods of Nghị định 09/2019: windows, names, keys, navigation, tiling."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kstthc_desktop.calendar import effective_due, is_working_day
from kstthc_desktop.errors import UserError
from kstthc_desktop.periods import Period, parse_period, period_containing, periods_of_year, year_window


@pytest.mark.parametrize(
    "key, title",
    [
        ("2024-Q3", "Quý III năm 2024 (từ ngày 15/6/2024 đến ngày 14/9/2024)"),
        ("2025-Q1", "Quý I năm 2025 (từ ngày 15/12/2024 đến ngày 14/3/2025)"),
        ("2025-03", "Tháng 3 năm 2025 (từ ngày 15/02/2025 đến ngày 14/3/2025)"),
        ("2025-01", "Tháng 01 năm 2025 (từ ngày 15/12/2024 đến ngày 14/01/2025)"),
        ("2025-H1", "6 tháng đầu năm 2025 (từ ngày 15/12/2024 đến ngày 14/6/2025)"),
        ("2025-H2", "6 tháng cuối năm 2025 (từ ngày 15/6/2025 đến ngày 14/12/2025)"),
        ("2025-9M", "9 tháng năm 2025 (từ ngày 15/12/2024 đến ngày 14/9/2025)"),
        ("2025", "Năm 2025 (từ ngày 15/12/2024 đến ngày 14/12/2025)"),
    ],
)
def test_titles_as_a_report_header_prints_them(key, title):
    period = parse_period(key)
    assert period.title == title
    assert period.key == key


def test_names_and_labels():
    assert parse_period("2024-Q3").name == "Quý III năm 2024"
    assert parse_period("2024-Q3").label == "Quý III/2024"
    assert parse_period("2025-03").name == "Tháng 3 năm 2025"
    assert parse_period("2025").name == "Năm 2025"
    assert parse_period("2025-q2") == Period("quarter", 2025, 2)


def test_calendar_bounds():
    q1 = parse_period("2024-Q1")
    assert (q1.start, q1.end) == (date(2024, 1, 1), date(2024, 3, 31))
    assert parse_period("2024-02").end == date(2024, 2, 29)


@pytest.mark.parametrize("bad", ["", "2024-Q5", "2024-13", "2024-H3", "abc", "24-Q1", "2024-00"])
def test_bad_keys_are_a_user_error_in_vietnamese(bad):
    with pytest.raises(UserError, match="Kỳ báo cáo"):
        parse_period(bad)


def test_next_and_previous_cross_the_year():
    assert parse_period("2024-Q4").next().key == "2025-Q1"
    assert parse_period("2025-Q1").previous().key == "2024-Q4"
    assert parse_period("2024-12").next().key == "2025-01"
    assert parse_period("2025-H1").previous().key == "2024-H2"
    assert parse_period("2025").next().key == "2026"


@pytest.mark.parametrize(
    "day, kind, key",
    [
        (date(2024, 9, 14), "quarter", "2024-Q3"),
        (date(2024, 9, 15), "quarter", "2024-Q4"),
        (date(2024, 12, 14), "year", "2024"),
        (date(2024, 12, 15), "year", "2025"),
        (date(2024, 12, 15), "quarter", "2025-Q1"),
        (date(2024, 12, 15), "month", "2025-01"),
        (date(2025, 1, 14), "month", "2025-01"),
        (date(2025, 6, 14), "halfyear", "2025-H1"),
        (date(2025, 6, 15), "halfyear", "2025-H2"),
        (date(2025, 9, 14), "ninemonths", "2025-9M"),
    ],
)
def test_a_date_belongs_to_the_period_whose_window_holds_it(day, kind, key):
    assert period_containing(day, kind).key == key


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1990, max_value=2100), st.sampled_from(["month", "quarter", "halfyear", "year"]))
def test_periods_of_a_kind_tile_the_year_window_without_gap_or_overlap(year, kind):
    periods = periods_of_year(year, kind)
    lo, hi = year_window(year)
    assert periods[0].window_start == lo
    assert periods[-1].window_end == hi
    for a, b in pairwise(periods):
        assert a.window_end + timedelta(days=1) == b.window_start
        assert a.next() == b and b.previous() == a
    assert sorted(periods) == periods


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 1)),
       st.sampled_from(["month", "quarter", "halfyear", "year"]))
def test_period_containing_really_contains(day, kind):
    period = period_containing(day, kind)
    assert period.window_start <= day <= period.window_end
    assert period_containing(day, kind) == parse_period(period.key)


# -- working days (Civil Code art. 148) -------------------------------------------------------------------------

def test_deadline_on_a_tet_day_moves_to_the_first_working_day_after_tet():
    # Tết Ất Tỵ 2025: 27/01 – 01/02 off, then Sunday 02/02.
    assert not is_working_day(date(2025, 1, 31))
    assert effective_due(date(2025, 1, 31)) == date(2025, 2, 3)
    assert effective_due(date(2025, 1, 27)) == date(2025, 2, 3)


def test_weekends_and_fixed_holidays_roll_forward_working_days_stay():
    assert effective_due(date(2024, 6, 29)) == date(2024, 7, 1)  # Saturday
    assert effective_due(date(2024, 9, 2)) == date(2024, 9, 4)  # National Day 2/9 and 3/9
    assert effective_due(date(2025, 4, 30)) == date(2025, 5, 5)  # 30/4, 1/5, swapped 2/5, weekend
    assert effective_due(date(2024, 3, 19)) == date(2024, 3, 19)
    assert is_working_day(date(2025, 4, 26))  # the Saturday worked in exchange for 2/5/2025


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)))
def test_effective_due_is_the_first_working_day_not_before(day):
    due = effective_due(day)
    assert due >= day and is_working_day(due)
    assert all(not is_working_day(day + timedelta(days=i)) for i in range((due - day).days))


def test_upcoming_is_the_next_period_but_after_nine_months_the_fourth_quarter():
    assert parse_period("2025-9M").upcoming() == parse_period("2025-Q4")
    assert parse_period("2025-Q4").upcoming() == parse_period("2026-Q1")
    assert parse_period("2025-H1").upcoming() == parse_period("2025-H2")
    assert parse_period("2025-03").upcoming() == parse_period("2025-04")
