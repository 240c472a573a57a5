"""The words of a report (issue 15 §4, §5): the official outline, sentences from documents and entries, no tracker
labels in the body, one sentence for the tasks still in progress, and next period's work that is really next."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kstthc_desktop.domain import Deadline, DeadlineKind, Plan, PlanDocument, ProgressEntry, Section, Task
from kstthc_desktop.reports.data import STATUS_LABELS, build_report
from kstthc_desktop.reports.words import area_of, compose, part_one, part_three, task_key
from kstthc_desktop.store import Store
from kstthc_desktop.text import fold

from report_samples import sample_data, sample_settings
from test_report_word import department_settings, make_province_db


def _texts(blocks) -> list[str]:
    return [b.text for b in blocks]


def test_part_one_follows_the_official_outline_by_area():
    data = sample_data()
    data.sections.append(replace(data.sections[0], code="IV", title="Công tác truyền thông, tuyên truyền",
                                 tasks=[replace(data.sections[1].tasks[1], section="IV")]))
    heads = [b.text for b in part_one(data, {}) if b.style in ("heading", "subheading")]
    assert heads == ["I. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN", "1. Công tác chỉ đạo, điều hành",
                     "2. Kiểm soát quy định thủ tục hành chính", "3. Công tác truyền thông"]  # areas with work only


def test_the_officer_can_remap_a_section_to_another_area():
    data = sample_data()
    title = data.sections[1].title  # "Kiểm soát quy định thủ tục hành chính"
    assert area_of(title) == "control"
    remapped = {fold(title): "publish"}
    heads = [b.text for b in part_one(data, {}, remapped) if b.style == "subheading"]
    assert "2. Công bố, công khai thủ tục hành chính" in heads


def test_tasks_become_sentences_without_status_labels_and_the_rest_one_sentence_per_area():
    data = sample_data()
    body = _texts(part_one(data, {}))
    text = "\n".join(body)
    assert "- Ban hành Kế hoạch số 12/KH-SKHCN ngày 10/01/2025 về kiểm soát thủ tục hành chính năm 2025." in body
    assert ("- Cập nhật, công khai thủ tục hành chính trên Cơ sở dữ liệu quốc gia: đã công khai 12 thủ tục hành "
            "chính mới; cập nhật 3 thủ tục hành chính sửa đổi.") in body
    for label in STATUS_LABELS.values():
        assert label not in text, label
    assert "Chưa có kết quả trong kỳ" not in text and "tình trạng" not in text
    # the tasks of area 2 with nothing in the window: one sentence, citing them by number
    assert "- Các nhiệm vụ 3, 5 đang được tiếp tục triển khai thực hiện theo kế hoạch." in body


def test_the_officers_text_for_a_task_replaces_the_computed_sentence():
    data = sample_data()
    task = data.sections[1].tasks[1]
    task.task_id = 42
    own = "Công khai đầy đủ 12 thủ tục hành chính mới trên Cổng Dịch vụ công quốc gia."
    body = _texts(part_one(data, {task_key(task): own}))
    assert f"- {own}" in body
    assert not any("đã công khai 12 thủ tục" in line for line in body)


def _store_with_a_task_done_early(tmp_path):
    db = make_province_db(tmp_path / "k.sqlite3")
    s = Store.open(db)
    plan_id = s.plans()[0].id
    ids = {(t.section, t.stt): t.id for t in s.tasks(plan_id)}
    s.add_progress(ProgressEntry(ids["III", "1"], date(2025, 3, 1), "Đã tổ chức tuyên truyền", "due", done=True))
    return s, plan_id


def test_a_task_done_in_the_period_is_not_next_periods_work(tmp_path):
    s, plan_id = _store_with_a_task_done_early(tmp_path)
    try:
        data = build_report(s, plan_id, "2025-Q1", date(2025, 3, 17))
    finally:
        s.close()
    lines = "\n".join(_texts(part_three(data, {})))
    assert "Tuyên truyền về cải cách thủ tục hành chính" not in lines  # due in Quý II, done in Quý I


def test_overdue_tasks_are_cited_with_their_section(tmp_path):
    db = make_province_db(tmp_path / "k.sqlite3")
    with Store.open(db) as s:
        data = build_report(s, s.plans()[0].id, "2025-Q3", date(2025, 9, 16))
    lines = _texts(part_three(data, {}))
    assert "- Khẩn trương hoàn thành 1 nhiệm vụ đã quá hạn: III.1 Tuyên truyền về cải cách thủ tục hành chính." in lines


def test_next_year_comes_from_next_years_plan_never_this_years_leftovers(tmp_path):
    db = make_province_db(tmp_path / "k.sqlite3")
    with Store.open(db) as s:
        plan_id = s.plans()[0].id
        data = build_report(s, plan_id, "2025", date(2025, 12, 16))
        without = "\n".join(_texts(part_three(data, {})))
        assert "Nâng cấp Cổng dịch vụ công của tỉnh" not in without  # an ongoing task of 2025
        assert "nhiệm vụ thường xuyên" not in without
        assert "……" in without  # the officer writes next year's directions
        mine = "Triển khai nền tảng số hóa hồ sơ dùng chung của tỉnh"
        s.save_plan(Plan(document=PlanDocument(issuer="UBND tỉnh Sóc Trăng", year=2026),
                         sections=[Section("I", "Chuyển đổi số")],
                         tasks=[Task(section="I", stt="1", content=mine, lead="Sở Thông tin và Truyền thông",
                                     deadline_text="Thường xuyên", deadline=Deadline(kind=DeadlineKind.CONTINUOUS)),
                                Task(section="I", stt="2", content="Việc của Sở Nội vụ", lead="Sở Nội vụ",
                                     deadline_text="Thường xuyên", deadline=Deadline(kind=DeadlineKind.CONTINUOUS))]))
        data = build_report(s, plan_id, "2025", date(2025, 12, 16))
    lines = _texts(part_three(data, {}))
    assert lines[1] == ("Năm 2026, tập trung triển khai Kế hoạch kiểm soát thủ tục hành chính năm 2026, trong đó có "
                        "các nhiệm vụ:")
    assert f"- {mine}." in lines and "- Việc của Sở Nội vụ." not in lines  # the body's own, next year's


def test_the_whole_report_reads_without_tracker_labels_before_the_appendix():
    rt = compose(sample_data(), sample_settings(), {})
    part_one_text = []
    for block in rt.blocks:
        if block.text.startswith("II."):
            break
        part_one_text.append(block.text)
    assert not any(label in "\n".join(part_one_text) for label in STATUS_LABELS.values())


def test_department_settings_are_those_of_the_issue():  # the store helper the tests above share
    assert department_settings().report_deadlines == {"quarter": 19, "year": 19}


def test_names_keep_their_capital_in_mid_sentence():
    from kstthc_desktop.reports.words import lower_first

    assert lower_first("Đã công khai 12 thủ tục") == "đã công khai 12 thủ tục"
    assert lower_first("Sở Tư pháp đã rà soát 5 thủ tục") == "Sở Tư pháp đã rà soát 5 thủ tục"
    assert lower_first("Văn phòng UBND tỉnh đã ban hành hướng dẫn") == "Văn phòng UBND tỉnh đã ban hành hướng dẫn"
    assert lower_first("UBND tỉnh đã phê duyệt") == "UBND tỉnh đã phê duyệt"
    assert lower_first("Quý II năm 2025") == "quý II năm 2025"
