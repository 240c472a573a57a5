"""``kstthc task``: the window's plan corrections from the command line (issue 14 items 9 and 11)."""

from __future__ import annotations

from datetime import date

import pytest

import two_level_plan as layout
from kstthc_desktop.cli import main
from kstthc_desktop.domain import Concern, ProgressEntry
from kstthc_desktop.importers import extract
from kstthc_desktop.store import Store


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "kstthc.sqlite3"
    with Store.open(path) as store:
        store.save_plan(extract(layout.write_xlsx(tmp_path / "plan.xlsx")))
    return path


def _task(db, number):
    from kstthc_desktop.operations.plans import find_task

    with Store.open(db) as store:
        return find_task(store, store.plans()[0].id, number)


def test_a_task_is_edited_by_the_number_the_table_shows(db, capsys):
    assert main(["task", "edit", "--db", str(db), "--year", "2024", "--task", "2.I.1",
                 "--deadline", "Quý II/2024", "--note", "Theo bản ký"]) == 0
    assert "Hạn 30/6/2024" in capsys.readouterr().out
    task = _task(db, "2.I.1")
    assert (task.deadline.due, task.note) == (date(2024, 6, 30), "Theo bản ký")


def test_tasks_are_marked_ours_and_deleted(db, capsys):
    assert main(["task", "concern", "--db", str(db), "--year", "2024", "--task", "1.I.1", "--task", "2.II.2",
                 "lead"]) == 0
    assert _task(db, "1.I.1").concern == Concern.LEAD and _task(db, "2.II.2").concern == Concern.LEAD
    assert main(["task", "delete", "--db", str(db), "--year", "2024", "--task", "1.II.2"]) == 0
    assert main(["task", "delete", "--db", str(db), "--year", "2024", "--task", "1.II.2"]) == 1
    assert "Không có nhiệm vụ số «1.II.2»" in capsys.readouterr().err


def test_a_task_is_split_and_two_merged_from_the_command_line(db, capsys):
    task = _task(db, "2.I.1")
    with Store.open(db) as store:
        store.update_task(task.id, content="a) Rà soát thủ tục hành chính; b) Công bố danh mục thủ tục.")
    assert main(["task", "split", "--db", str(db), "--year", "2024", "--task", "2.I.1"]) == 0
    assert "Đã tách thành nhiệm vụ 1a và 1b." in capsys.readouterr().out
    assert _task(db, "2.I.1b").content == "b) Công bố danh mục thủ tục."
    assert main(["task", "merge", "--db", str(db), "--year", "2024", "--task", "2.I.1a", "--task", "2.I.1b",
                 "--task", "2.II.1"]) == 1
    assert "nhiều mục khác nhau" in capsys.readouterr().err
    second = _task(db, "2.I.1b").id
    with Store.open(db) as store:  # a result keyed to the quarter: the merged task is due on a date (Quý III/2024)
        store.add_progress(ProgressEntry(second, date(2024, 9, 10), "Đã rà soát", "2024-Q3"))
    capsys.readouterr()
    assert main(["task", "merge", "--db", str(db), "--year", "2024", "--task", "2.I.1a", "--task", "2.I.1b"]) == 0
    assert "Kết quả ngày 10/9/2024 «Đã rà soát»: tính cho hạn 30/9/2024 (trước là kỳ quý III)." in \
        capsys.readouterr().out
    assert _task(db, "2.I.1a").content == "a) Rà soát thủ tục hành chính\nb) Công bố danh mục thủ tục."


def test_a_year_without_a_plan_is_refused_with_what_to_do_and_nothing_changes(db, capsys):
    before = db.read_bytes()
    assert main(["task", "merge", "--db", str(db), "--year", "2030", "--task", "1.I.1", "--task", "2.II.2"]) == 1
    said = capsys.readouterr().err
    assert "Không có kế hoạch năm 2030 (các kế hoạch đã nhập: 2024)" in said
    assert "chọn kế hoạch đã nhập bằng --year" in said and "báo cáo" not in said  # a merge, not a report
    assert db.read_bytes() == before
