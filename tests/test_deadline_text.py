"""One Vietnamese wording of a deadline reading, the same in the import preview, the task panel and ``kstthc deadline``."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from kstthc_desktop.deadline_text import describe
from kstthc_desktop.deadlines import read_deadline
from kstthc_desktop.domain import Deadline, DeadlineKind, Plan, Task

ROOT = Path(__file__).resolve().parent.parent

WORDING = [
    (Deadline(DeadlineKind.DATED, due=date(2024, 9, 30)), "Hạn 30/9/2024"),
    (Deadline(DeadlineKind.DATED), "Có thời hạn, chưa rõ ngày"),
    (Deadline(DeadlineKind.PERIODIC, every={"quarter": None, "year": None}), "Định kỳ: hằng quý, hằng năm"),
    (Deadline(DeadlineKind.PERIODIC, every={"year": 15, "month": 20}),
     "Định kỳ: hằng tháng (ngày 20), hằng năm (ngày 15 tháng cuối kỳ)"),
    (Deadline(DeadlineKind.PERIODIC, every={"halfyear": None}), "Định kỳ: 6 tháng"),
    (Deadline(DeadlineKind.PERIODIC), "Định kỳ, chưa rõ tần suất"),
    (Deadline(DeadlineKind.CONTINUOUS), "Thường xuyên: có kết quả trong mỗi kỳ báo cáo"),
    (Deadline(DeadlineKind.ON_DEMAND, within_days=10), "Khi phát sinh: trong 10 ngày"),
    (Deadline(DeadlineKind.ON_DEMAND), "Khi phát sinh: theo từng lần phát sinh"),
    (Deadline(DeadlineKind.UNSPECIFIED), "Chưa xác định thời hạn"),
]


@pytest.mark.parametrize("deadline, words", WORDING, ids=[w for _, w in WORDING])
def test_each_kind_of_reading_in_words(deadline, words):
    assert describe(deadline) == words


def test_every_kind_has_its_wording():
    assert {d.kind for d, _ in WORDING} == set(DeadlineKind)


def test_a_due_day_on_a_holiday_names_the_working_day_it_rolls_to():
    tet = Deadline(DeadlineKind.DATED, due=date(2025, 1, 31))  # a Tết day
    assert describe(tet, effective=True) == "Hạn 31/01/2025 (rơi vào ngày nghỉ, hạn thực tế 03/02/2025)"
    assert describe(tet) == "Hạn 31/01/2025"  # a table cell has no room for it
    working = Deadline(DeadlineKind.DATED, due=date(2025, 3, 14))
    assert describe(working, effective=True) == "Hạn 14/3/2025"


TEXTS = ["Trước ngày 31/01/2025", "Hằng quý (trước ngày 19 của tháng cuối quý)", "Thường xuyên",
         "Trong 10 ngày kể từ khi có phát sinh", "Định kỳ", ""]


def test_the_command_line_prints_the_same_words():
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    out = subprocess.run(  # noqa: PLW1510 - the exit status is asserted below
        [sys.executable, "-m", "kstthc_desktop", "deadline", "--year", "2025", "-"], input="\n".join(TEXTS) + "\n",
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=env, timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [describe(read_deadline(t, 2025), effective=True) for t in TEXTS]
    assert out.stdout.splitlines()[:3] == [
        "Hạn 31/01/2025 (rơi vào ngày nghỉ, hạn thực tế 03/02/2025)",
        "Định kỳ: hằng quý (ngày 19 tháng cuối kỳ)",
        "Thường xuyên: có kết quả trong mỗi kỳ báo cáo",
    ]


@pytest.mark.gui
def test_the_preview_and_the_task_panel_use_the_same_words(qtbot, tmp_path):
    from kstthc_desktop.gui.import_preview_model import PreviewModel
    from kstthc_desktop.gui.task_panel import TaskPanel
    from kstthc_desktop.periods import parse_period
    from kstthc_desktop.store import Store
    from kstthc_desktop.tracking import task_rows

    plan = Plan(tasks=[Task(stt=str(i + 1), content=f"Nhiệm vụ {i + 1}", deadline_text=t, deadline=read_deadline(t, 2025))
                       for i, t in enumerate(TEXTS)])
    plan.document.year = 2025
    preview = PreviewModel()
    preview.set_plan(plan)
    shown = [preview.index(preview.row_of_task(i), PreviewModel.COL_READING).data() for i in range(len(TEXTS))]
    assert shown == [describe(t.deadline) for t in plan.tasks]
    assert shown[1] == "Định kỳ: hằng quý (ngày 19 tháng cuối kỳ)"  # was "hằng quý (ngày 19)" here

    with Store.open(tmp_path / "kstthc.sqlite3") as store:
        plan_id = store.save_plan(plan)
        panel = TaskPanel(store, date(2025, 1, 6))
        qtbot.addWidget(panel)
        for row in task_rows(store, plan_id, parse_period("2025-Q1"), date(2025, 1, 6)):
            panel.show_task(row)
            assert describe(row.task.deadline, effective=True) in panel.details.toPlainText()
        panel.show_task(None)


# --- a periodic deadline with no printed day: the officer's report day (Cài đặt → Hạn nộp báo cáo) -------------

REPORT_DAYS = {"month": 22, "quarter": 19, "year": 19}
REPORT_DAY_WORDING = [
    ("Báo cáo định kỳ hằng quý", "Định kỳ: hằng quý (ngày 19 tháng cuối kỳ, theo hạn nộp báo cáo trong Cài đặt)"),
    ("Hàng tháng", "Định kỳ: hằng tháng (ngày 22, theo hạn nộp báo cáo trong Cài đặt)"),
    ("Định kỳ 6 tháng", "Định kỳ: 6 tháng"),  # no day set for half-year reports: due at the period's end
    ("Hàng quý, năm", "Định kỳ: hằng quý (ngày 19 tháng cuối kỳ), hằng năm (ngày 19 tháng cuối kỳ); "
                      "các ngày theo hạn nộp báo cáo trong Cài đặt"),
    ("Ngày 05 hàng tháng, hàng quý", "Định kỳ: hằng tháng (ngày 5), hằng quý (ngày 19 tháng cuối kỳ, theo hạn nộp "
                                     "báo cáo trong Cài đặt)"),
    ("Hằng quý (trước ngày 15 của tháng cuối quý)", "Định kỳ: hằng quý (ngày 15 tháng cuối kỳ)"),  # printed day wins
]


@pytest.mark.parametrize("text, words", REPORT_DAY_WORDING, ids=[t for t, _ in REPORT_DAY_WORDING])
def test_a_periodic_deadline_without_a_day_names_the_report_day_set_in_cai_dat(text, words):
    assert describe(read_deadline(text, 2025), report_days=REPORT_DAYS) == words


def test_the_named_report_day_is_the_due_date_the_program_counts():
    from kstthc_desktop.occurrences import occurrences

    quarterly = read_deadline("Báo cáo định kỳ hằng quý", 2025)
    assert [o.due for o in occurrences(quarterly, 2025, report_days=REPORT_DAYS)] == [
        date(2025, 3, 19), date(2025, 6, 19), date(2025, 9, 19), date(2025, 12, 19)]
    assert describe(quarterly) == "Định kỳ: hằng quý"  # no report day set: due at the quarter's last day


def _database_with_report_days(path: Path) -> Path:
    from dataclasses import replace

    from kstthc_desktop.store import Store

    with Store.open(path) as store:
        store.save_settings(replace(store.settings(), report_deadlines=REPORT_DAYS))
    return path


def test_kstthc_deadline_names_the_report_day_of_the_database(tmp_path):
    db = _database_with_report_days(tmp_path / "kstthc.sqlite3")
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    out = subprocess.run(  # noqa: PLW1510 - the exit status is asserted below
        [sys.executable, "-m", "kstthc_desktop", "deadline", "--db", str(db), "--year", "2025",
         "Báo cáo định kỳ hằng quý"], capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=env, timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "Định kỳ: hằng quý (ngày 19 tháng cuối kỳ, theo hạn nộp báo cáo trong Cài đặt)"


@pytest.mark.gui
def test_the_task_panel_and_the_preview_name_the_report_day(qtbot, tmp_path):
    from kstthc_desktop.gui.import_preview_model import PreviewModel
    from kstthc_desktop.gui.task_panel import TaskPanel
    from kstthc_desktop.periods import parse_period
    from kstthc_desktop.store import Store
    from kstthc_desktop.tracking import task_rows

    words = "Định kỳ: hằng quý (ngày 19 tháng cuối kỳ, theo hạn nộp báo cáo trong Cài đặt)"
    text = "Báo cáo định kỳ hằng quý"
    plan = Plan(tasks=[Task(stt="1", content="Báo cáo tình hình", deadline_text=text, deadline=read_deadline(text, 2025))])
    plan.document.year = 2025
    with Store.open(_database_with_report_days(tmp_path / "kstthc.sqlite3")) as store:
        plan_id = store.save_plan(plan)
        panel = TaskPanel(store, date(2025, 1, 6))
        qtbot.addWidget(panel)
        panel.set_context(2025, parse_period("2025-Q1"))
        [row] = task_rows(store, plan_id, parse_period("2025-Q1"), date(2025, 1, 6))
        panel.show_task(row)
        shown = panel.details.toPlainText()
        assert words in shown and "19/3/2025" in shown  # the words and the due dates table agree
        panel.show_task(None)

    preview = PreviewModel()
    preview.report_days = REPORT_DAYS
    preview.set_plan(plan)
    assert preview.index(preview.row_of_task(0), PreviewModel.COL_READING).data() == words
