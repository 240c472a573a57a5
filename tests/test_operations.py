"""The officer's use cases from the core, without Qt: what the window's buttons and ``kstthc`` both call
(``kstthc_desktop.operations``). Each refusal is one Vietnamese sentence and leaves the database unchanged."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime

import pytest
from conftest import PLANS

from kstthc_desktop.domain import (
    Deadline,
    DeadlineKind,
    Evidence,
    Plan,
    PlanDocument,
    ProgressEntry,
    Section,
    Task,
)
from kstthc_desktop.errors import UserError
from kstthc_desktop.importers import extract
from kstthc_desktop.operations import imports, plans, progress
from kstthc_desktop.store import Store
from kstthc_desktop.store.backup import list_backups

TODAY = date(2024, 6, 1)
NOW = datetime(2024, 6, 1, 9, 30)


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "kstthc.sqlite3") as s:
        yield s


@pytest.fixture
def task_id(store) -> int:
    plan_id = imports.save_import(store, extract(PLANS / "vinh-long-2024.docx"), NOW).plan_id
    return store.tasks(plan_id)[0].id


def entry(task_id: int, when: date = date(2024, 5, 20), text: str = "Đã ban hành kế hoạch") -> ProgressEntry:
    return ProgressEntry(task_id=task_id, entry_date=when, text=text, occurrence_key="due", done=True)


def document(task_id: int, number: str = "15/BC-VPUBND") -> Evidence:
    return Evidence(task_id=task_id, number=number, issued=date(2024, 5, 20), summary="Báo cáo kết quả")


# --- progress and its document ---------------------------------------------------------------------------

def test_a_result_and_its_document_are_saved_together(store, task_id, tmp_path):
    scan = tmp_path / "bao-cao.pdf"
    scan.write_bytes(b"%PDF-1.4 scan\n")
    progress_id = progress.record_progress(store, entry(task_id), TODAY, document(task_id), scan)
    [saved] = store.evidence(task_id=task_id)
    assert [p.id for p in store.progress(task_id=task_id)] == [progress_id]
    assert saved.progress_id == progress_id and store.evidence_path(saved).read_bytes() == scan.read_bytes()


def test_a_refused_document_leaves_no_result_behind(store, task_id, tmp_path):
    with pytest.raises(UserError, match="Không tìm thấy tệp"):
        progress.record_progress(store, entry(task_id), TODAY, document(task_id), tmp_path / "missing.pdf")
    with pytest.raises(UserError, match="số/loại-cơ quan"):
        progress.record_progress(store, entry(task_id), TODAY, document(task_id, number="15BC"))
    assert store.progress(task_id=task_id) == [] and store.evidence(task_id=task_id) == []


@pytest.mark.parametrize("when, text, expected", [
    (date(2024, 6, 2), "Đã làm", "không thể sau hôm nay (01/6/2024)"),
    (date(2023, 6, 1), "Đã làm", "trước kỳ đầu tiên của kế hoạch (từ ngày 15/12/2023)"),
    (date(2024, 5, 1), "  ", "Hãy ghi kết quả"),
], ids=["future", "before-the-plan-year", "empty"])
def test_a_wrong_result_is_refused_as_the_window_refuses_it(store, task_id, when, text, expected):
    with pytest.raises(UserError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        progress.record_progress(store, entry(task_id, when, text), TODAY)
    assert store.progress(task_id=task_id) == []


def test_a_result_can_be_changed_and_deleted_and_its_documents_stay(store, task_id):
    progress_id = progress.record_progress(store, entry(task_id), TODAY, document(task_id))
    changed = entry(task_id, text="Đã ban hành và triển khai kế hoạch")
    changed.id = progress_id
    progress.change_progress(store, changed, TODAY)
    assert [p.text for p in store.progress(task_id=task_id)] == ["Đã ban hành và triển khai kế hoạch"]
    progress.delete_progress(store, progress_id)
    assert store.progress(task_id=task_id) == []
    assert [(e.number, e.progress_id) for e in store.evidence(task_id=task_id)] == [("15/BC-VPUBND", None)]


def test_documents_are_added_changed_and_removed(store, task_id):
    evidence_id = progress.add_document(store, document(task_id), TODAY)
    ev = store.evidence(task_id=task_id)[0]
    ev.summary = "Báo cáo kết quả quý II"
    progress.change_document(store, ev, TODAY)
    assert store.evidence(task_id=task_id)[0].summary == "Báo cáo kết quả quý II"
    late = document(task_id, "16/BC-VPUBND")
    late.issued = date(2024, 7, 1)
    with pytest.raises(UserError, match="Ngày ban hành văn bản không thể sau hôm nay"):
        progress.add_document(store, late, TODAY)
    progress.delete_document(store, evidence_id)
    assert store.evidence(task_id=task_id) == []


def test_an_on_demand_event_is_logged_and_a_wrong_one_refused(store, task_id):
    progress.log_event(store, task_id, date(2024, 5, 2), "Nhận dự thảo Quyết định có quy định TTHC", TODAY)
    with pytest.raises(UserError, match="Ngày phát sinh không thể sau hôm nay"):
        progress.log_event(store, task_id, date(2024, 6, 5), "Nhận dự thảo", TODAY)
    with pytest.raises(UserError, match="Hãy ghi việc gì đã phát sinh"):
        progress.log_event(store, task_id, date(2024, 5, 5), "", TODAY)
    assert [e.text for e in store.events(task_id=task_id)] == ["Nhận dự thảo Quyết định có quy định TTHC"]


# --- the plan: assignee and year -------------------------------------------------------------------------

def test_the_assignee_is_saved_once_and_an_unchanged_name_writes_nothing(store, task_id):
    assert plans.set_assignee(store, task_id, "  Đ/c Trần Thế Vũ ") is True
    assert store.task(task_id).assignee == "Đ/c Trần Thế Vũ"
    changes = len(store.history("task", task_id))
    assert plans.set_assignee(store, task_id, "Đ/c Trần Thế Vũ") is False
    assert len(store.history("task", task_id)) == changes


def test_a_new_plan_year_reads_yearless_deadlines_again_but_not_the_officer_s_own():
    texts = ["Quý II", "Trong năm", "Trước ngày 30/6/2024", "Tháng 3"]
    plan = Plan(document=PlanDocument(year=2024), tasks=[Task(content=f"Việc {i}", deadline_text=t) for i, t in enumerate(texts)])
    plans.set_plan_year(plan, 2024)
    plan.tasks[3].deadline = Deadline(DeadlineKind.DATED, date(2024, 4, 15))  # the officer's correction
    plans.set_plan_year(plan, 2025, corrected={3})
    assert plan.document.year == 2025
    assert [t.deadline.due for t in plan.tasks] == [date(2025, 6, 30), date(2025, 12, 31), date(2024, 6, 30),
                                                   date(2024, 4, 15)]


# --- saving an import ------------------------------------------------------------------------------------

def test_saving_an_import_backs_up_first_then_saves_or_amends(store):
    first = imports.save_import(store, extract(PLANS / "vinh-long-2024.docx"), NOW)
    assert first.changes is None and first.backup.exists() and len(store.tasks(first.plan_id)) == 40
    again = extract(PLANS / "vinh-long-2024.docx")
    again.tasks.pop(5)
    assert imports.changes_if_saved(store, again).withdrawn  # a preview: nothing written yet
    assert not any(t.withdrawn for t in store.tasks(first.plan_id))
    second = imports.save_import(store, again, datetime(2024, 6, 2, 8, 0))
    assert second.plan_id == first.plan_id and len(second.changes.withdrawn) == 1
    assert sum(t.withdrawn for t in store.tasks(first.plan_id)) == 1
    assert sorted(b.reason for b in list_backups(store.path)) == ["truoc-nhap", "truoc-nhap-lai"]


def test_an_import_is_refused_whole_without_a_year_or_on_a_read_only_database(store):
    yearless = Plan(sections=[Section("I", "Chỉ đạo")], tasks=[Task(section="I", content="Ban hành kế hoạch")])
    with pytest.raises(UserError, match="năm của kế hoạch"):
        imports.save_import(store, yearless, NOW)
    plan = extract(PLANS / "vinh-long-2024.docx")
    with Store.open(store.path, read_only=True, lock=False) as readonly, pytest.raises(UserError, match="chỉ đọc"):
        imports.save_import(readonly, plan, NOW)
    assert store.plans() == [] and list_backups(store.path) == []


def test_the_operations_run_without_loading_qt(tmp_path):
    """What the command line and scripts call: using the operations must not pull in PySide6."""
    code = (
        "import sys\nfrom datetime import date, datetime\nfrom pathlib import Path\n"
        "from kstthc_desktop.domain import ProgressEntry\n"
        "from kstthc_desktop.importers import extract\n"
        "from kstthc_desktop.operations import imports, plans, progress\n"
        "from kstthc_desktop.store import Store\n"
        f"with Store.open({str(tmp_path / 'db.sqlite3')!r}, backup_dir=Path({str(tmp_path / 'backups')!r})) as s:\n"
        f"    pid = imports.save_import(s, extract({str(PLANS / 'vinh-long-2024.docx')!r}), datetime(2024, 6, 1)).plan_id\n"
        "    tid = s.tasks(pid)[0].id\n"
        "    progress.record_progress(s, ProgressEntry(tid, date(2024, 5, 1), 'Đã làm', 'due'), date(2024, 6, 1))\n"
        "    plans.set_assignee(s, tid, 'Đ/c Vũ')\n"
        "print(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
