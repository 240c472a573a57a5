"""Whose work a report covers, and what it is titled (issue 15 §2, §3)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kstthc_desktop.reports.data import DEFAULT_TITLE, build_report
from kstthc_desktop.reports.word import write_docx
from kstthc_desktop.store import Store

from test_report_word import OTHER_BODYS_TASK, department_settings, kstthc, make_province_db

OFFICIAL = ("Tình hình, kết quả thực hiện công tác kiểm soát thủ tục hành chính, cơ chế một cửa, một cửa liên thông "
            "và thực hiện thủ tục hành chính trên môi trường điện tử quý I năm 2025")


def _docx_text(path) -> str:
    from docx import Document

    doc = Document(str(path))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_a_department_report_never_lists_another_bodys_task(tmp_path):
    db = make_province_db(tmp_path / "k.sqlite3")
    with Store.open(db) as s:
        plan_id = s.plans()[0].id
        data = build_report(s, plan_id, "2025-Q3", date(2025, 9, 16))
        contents = [t.content for t in data.all_tasks()]
        assert OTHER_BODYS_TASK not in contents
        assert "Kiểm tra việc số hóa hồ sơ tại các xã" not in contents  # Sở Nội vụ's
        assert "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính" in contents  # cooperates on it
        overdue = [t.content for t in data.all_tasks() if t.overdue]  # its own only, not the others' late tasks
        assert overdue == ["Tuyên truyền về cải cách thủ tục hành chính"]
        write_docx(data, s.settings(), {}, tmp_path / "r.docx")
    assert OTHER_BODYS_TASK not in _docx_text(tmp_path / "r.docx")


def test_the_whole_plan_option_covers_every_task(tmp_path):
    db = make_province_db(tmp_path / "k.sqlite3")
    out = tmp_path / "r.docx"
    assert kstthc("report", "--db", str(db), "--period", "2025-Q3", "--out", str(out), "--today", "2025-09-16",
                  "--whole-plan") == 0
    text = _docx_text(out)
    assert OTHER_BODYS_TASK in text and "Chưa hoàn thành – quá hạn" in text
    assert kstthc("report", "--db", str(db), "--period", "2025-Q3", "--out", str(out), "--today", "2025-09-16") == 0
    assert OTHER_BODYS_TASK not in _docx_text(out)


def test_the_bodys_own_plan_covers_its_divisions_tasks(tmp_path):
    """A department's own plan names its divisions as leads ("Văn phòng Sở"): all of it is the body's work."""
    db = make_province_db(tmp_path / "k.sqlite3", department_settings(my_body="UBND tỉnh Sóc Trăng",
                                                                        body_name="UBND tỉnh Sóc Trăng"))
    with Store.open(db) as s:
        data = build_report(s, s.plans()[0].id, "2025-Q1", date(2025, 3, 17))
    assert len(data.all_tasks()) == 6


def test_the_title_is_the_official_scope_by_default(tmp_path):
    db = make_province_db(tmp_path / "k.sqlite3")
    with Store.open(db) as s:
        data = build_report(s, s.plans()[0].id, "2025-Q1", date(2025, 3, 17))
        write_docx(data, s.settings(), {}, tmp_path / "r.docx")
    assert data.summary_title == OFFICIAL
    assert OFFICIAL in _docx_text(tmp_path / "r.docx")
    assert "{kỳ}" in DEFAULT_TITLE


def test_the_officers_title_is_kept_per_kind_of_report(tmp_path):
    db = make_province_db(tmp_path / "k.sqlite3")
    with Store.open(db) as s:
        s.save_settings(replace(s.settings(), report_titles={"quarter": "Kết quả cải cách thủ tục hành chính {kỳ}"}))
    with Store.open(db) as s:  # kept in the database
        plan_id = s.plans()[0].id
        quarter = build_report(s, plan_id, "2025-Q2", date(2025, 6, 16))
        year = build_report(s, plan_id, "2025", date(2025, 12, 16))
    assert quarter.summary_title == "Kết quả cải cách thủ tục hành chính quý II năm 2025"
    assert year.summary_title == DEFAULT_TITLE.replace("{kỳ}", "năm 2025")  # another kind keeps the default


def test_a_title_without_the_period_slot_still_names_the_period():
    from kstthc_desktop.reports.data import report_title

    assert report_title("Kết quả kiểm soát thủ tục hành chính.", "Quý I năm 2025") == \
        "Kết quả kiểm soát thủ tục hành chính quý I năm 2025"


def test_the_report_covers_exactly_the_tasks_the_table_marks_as_the_bodys(tmp_path):
    """The officer's own names for "us" (Cài đặt: "Văn phòng UBND tỉnh" for the province office's officer) make a
    task the body's in the task table ("Chỉ nhiệm vụ của đơn vị tôi"); the report covers the same tasks."""
    from kstthc_desktop.periods import parse_period
    from kstthc_desktop.tracking import task_rows

    settings = department_settings(my_body="Sở Thông tin và Truyền thông", my_aliases=["Văn phòng UBND tỉnh"])
    db = make_province_db(tmp_path / "k.sqlite3", settings)
    with Store.open(db) as s:
        plan_id = s.plans()[0].id
        mine = {r.task.content for r in task_rows(s, plan_id, parse_period("2025-Q3"), date(2025, 9, 16)) if r.mine}
        data = build_report(s, plan_id, "2025-Q3", date(2025, 9, 16))
    assert OTHER_BODYS_TASK in mine
    assert {t.content for t in data.all_tasks()} == mine
