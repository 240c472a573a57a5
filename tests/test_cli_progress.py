"""``kstthc progress add``: the window's "Ghi kết quả…" from the command line, through the same operation."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import PLANS

from kstthc_desktop.cli import main
from kstthc_desktop.store import Store

TODAY = "2024-12-13"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "kstthc.sqlite3"
    assert main(["import", str(PLANS / "vinh-long-2024.docx"), "--db", str(path)]) == 0
    return path


def progress_of(db, number: str):
    from kstthc_desktop.operations.plans import find_task

    with Store.open(db) as store:
        task = find_task(store, store.plan_id_for_year(2024), number)
        return store.progress(task_id=task.id), store.evidence(task_id=task.id)


def test_a_result_with_its_document_is_recorded_for_the_task_the_table_numbers(db, tmp_path, capsys):
    scan = tmp_path / "bao-cao.pdf"
    scan.write_bytes(b"%PDF-1.4 scan\n")
    assert main(["progress", "add", "--db", str(db), "--year", "2024", "--today", TODAY, "--task", "iv.2",
                 "--text", "Đã tổ chức rà soát", "--done", "--doc-number", "15/BC-VPUBND", "--doc-file", str(scan)]) == 0
    assert "Đã ghi kết quả cho nhiệm vụ IV.2" in capsys.readouterr().out
    [entry], [document] = progress_of(db, "IV.2")
    assert (entry.text, entry.entry_date, entry.done) == ("Đã tổ chức rà soát", date(2024, 12, 13), True)
    assert document.progress_id == entry.id and document.file_name == "bao-cao.pdf"


@pytest.mark.parametrize("extra, message", [
    (["--task", "IV.2", "--date", "2024-12-20"], "không thể sau hôm nay (13/12/2024)"),
    (["--task", "IV.2", "--date", "2023-06-01"], "trước kỳ đầu tiên của kế hoạch"),
    (["--task", "IV.2", "--doc-number", "15BC"], "số/loại-cơ quan"),
    (["--task", "IV.9"], "Không có nhiệm vụ số «IV.9»"),
    (["--task", "I.3", "--period", "2024-Q9"], "chọn một trong: 2024-Q1"),
], ids=["future", "before-the-plan-year", "bad-document-number", "no-such-task", "no-such-period"])
def test_what_the_window_refuses_is_refused_and_nothing_is_written(db, capsys, extra, message):
    assert main(["progress", "add", "--db", str(db), "--year", "2024", "--today", TODAY, "--text", "Đã làm", *extra]) == 1
    assert message in capsys.readouterr().err
    assert progress_of(db, "IV.2") == ([], []) and progress_of(db, "I.3") == ([], [])
