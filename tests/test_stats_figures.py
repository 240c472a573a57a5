"""The figures' core: identities, carry-over, comparisons, typed-in figures and the report's sentences."""

from __future__ import annotations

from datetime import date

import pytest

from kstthc_desktop.errors import UserError
from kstthc_desktop.figures.compare import carried_over, changes, figures_of, same_period_last_year
from kstthc_desktop.figures.forms import DOSSIERS, OTHER, load_form
from kstthc_desktop.figures.model import FigureRow, Figures, broken_identities
from kstthc_desktop.figures.text import sentences, vn_number, vn_percent
from kstthc_desktop.figures.typed import typed_figures
from kstthc_desktop.periods import parse_period
from kstthc_desktop.store import Store
from kstthc_desktop.store.figures import save_figures

FORM = load_form(DOSSIERS)


def dossiers(unit: str, received=(171, 74, 39), resolved=(115, 147, 2), pending=(17, 3)) -> Figures:
    keys = FORM.keys
    values = [sum(received), *received, sum(resolved), *resolved, sum(pending), *pending]
    return Figures(FORM, unit, rows=[FigureRow("Đất đai", dict(zip(keys, values, strict=False)))])


def test_the_dossier_form_is_the_eleven_figures_of_bieu_06():
    assert [c.number for c in FORM.columns] == list(range(3, 14))
    assert FORM.code == "Biểu số 06/VPCP/KSTT"


@pytest.mark.parametrize("key, value, broken", [
    ("received_online", 170, "(3) phải bằng (4) + (5) + (6)"),
    ("resolved_late", 3, "(7) phải bằng (8) + (9) + (10)"),
    ("pending_late", 4, "(11) phải bằng (12) + (13)"),
])
def test_each_identity_of_the_form_is_checked(key, value, broken):
    values = dict(dossiers("A").rows[0].values)
    assert broken_identities(FORM, values) == []
    values[key] = value
    assert any(text.startswith(broken) for text in broken_identities(FORM, values))


def test_a_printed_total_that_differs_from_its_rows_is_flagged():
    reading = dossiers("A")
    reading.total = {**reading.computed_total(), "received_total": 999}
    assert any("ghi 999 nhưng cộng các dòng được 284" in flag for flag in reading.flags())


def test_the_report_sentences_are_written_in_vietnamese_number_format():
    reading = dossiers("A", received=(1171, 74, 39))
    text = " ".join(sentences(reading))
    assert "tiếp nhận 1.284 hồ sơ" in text and "trực tuyến 1.171 hồ sơ (91,2%)" in text
    assert "trước hạn và đúng hạn 262 hồ sơ (99,2%)" in text
    assert vn_number(1234567) == "1.234.567" and vn_percent(100.0) == "100%" and vn_percent(None) == "–"


def test_carry_over_and_comparisons_come_from_the_stored_periods(tmp_path):
    with Store.open(tmp_path / "k.sqlite3") as store:
        q1, q2 = parse_period("2025-Q1"), parse_period("2025-Q2")
        with store.transaction():
            save_figures(store, dossiers("Sở A", pending=(10, 2)), q1.key)
            save_figures(store, dossiers("Sở B", pending=(5, 0)), q1.key)
            save_figures(store, dossiers("Sở A", received=(100, 20, 12)), q2.key)
            save_figures(store, dossiers("Sở A", received=(50, 20, 12)), same_period_last_year(q2).key)
        assert carried_over(store, DOSSIERS, q2, "Sở A") == 12
        assert carried_over(store, DOSSIERS, q2) == 17  # both units' in-progress dossiers
        assert carried_over(store, DOSSIERS, q1, "Sở A") is None
        now = figures_of(store, DOSSIERS, q2, "Sở A")
        last_year = figures_of(store, DOSSIERS, same_period_last_year(q2), "Sở A")
        change = {c.key: c for c in changes(now, last_year)}["received_total"]
        assert (change.now, change.before, round(change.percent, 1)) == (132, 82, 61.0)


def test_typed_figures_keep_the_earlier_ones_and_refuse_unknown_keys_and_non_counts():
    first = typed_figures(["feedback_received=12"], unit="Sở A")
    second = typed_figures(["feedback_handled=10"], unit="Sở A", earlier=first.total)
    assert second.total == {"feedback_received": 12, "feedback_handled": 10}
    with pytest.raises(UserError, match="Không có số liệu \"phan_anh\""):
        typed_figures(["phan_anh=3"], unit="Sở A")
    with pytest.raises(UserError, match="số nguyên không âm"):
        typed_figures(["feedback_received=-1"], unit="Sở A")
    assert load_form(OTHER).kind == "fields"


def test_a_figure_set_keeps_its_dates_and_warnings(tmp_path):
    with Store.open(tmp_path / "k.sqlite3") as store:
        reading = dossiers("Sở A")
        reading.date_from, reading.date_to = date(2025, 3, 15), date(2025, 6, 14)
        reading.warnings = ["Dòng 9: không đọc được số"]
        with store.transaction():
            save_figures(store, reading, "2025-Q2")
        again = figures_of(store, DOSSIERS, parse_period("2025-Q2"), "sở a")
        assert (again.date_from, again.date_to, again.warnings) == (reading.date_from, reading.date_to, reading.warnings)
        assert again.rows[0].values == reading.rows[0].values
