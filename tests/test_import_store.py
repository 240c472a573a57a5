"""Saving an import, re-importing an amended plan, and "my body's tasks", through the CLI and the API."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest

from conftest import PLANS
from kstthc_desktop.cli import main
from kstthc_desktop.domain import Concern, Evidence, Plan, ProgressEntry, Task
from kstthc_desktop.importers import extract
from kstthc_desktop.concern import concern_for
from kstthc_desktop.importers.reimport import compare
from kstthc_desktop.store import Store
from test_import_variants import VARIANTS, write_xlsx

PLAN = PLANS / "vinh-long-2024.docx"


def amended(tmp_path):
    """The Vĩnh Long plan amended mid-year: one deadline changed, one task dropped, one task added."""
    data = json.loads((PLANS / "vinh-long-2024.json").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    changed = data["tasks"][0]
    changed["deadline_text"] = "Quý I/2024"
    dropped = data["tasks"].pop(5)
    new = dict(data["tasks"][6], stt="12", content="Rà soát, công bố danh mục thủ tục hành chính được cắt giảm "
               "thời gian giải quyết theo chỉ đạo mới của Thủ tướng Chính phủ.", result="Quyết định công bố")
    index = data["tasks"].index(next(t for t in data["tasks"] if t["section"] == "III" and t["stt"] == "11"))
    data["tasks"].insert(index + 1, new)
    path = tmp_path / "vinh-long-2024-sua-doi.xlsx"
    write_xlsx(data, VARIANTS[0], path)
    return path, changed, dropped, new


def test_save_prints_summary_and_stores_plan(tmp_path, capsys):
    db = tmp_path / "kstthc.db"
    assert main(["import", str(PLAN), "--db", str(db), "--for", "Sở Nội vụ"]) == 0
    out = capsys.readouterr().out
    assert "Đã lưu kế hoạch năm 2024" in out
    assert "9 mục, 40 nhiệm vụ" in out
    assert "Thời hạn:" in out and "thường xuyên" in out
    assert "Liên quan đến Sở Nội vụ" in out
    with Store.open(db) as store:
        plan_id = store.plan_id_for_year(2024)
        plan = store.load_plan(plan_id)
    assert len(plan.tasks) == 40 and len(plan.sections) == 9
    assert plan.document.issuer == "Ủy ban nhân dân tỉnh Vĩnh Long"
    def find(start):
        return next(t for t in plan.tasks if t.content.startswith(start))

    assert find("Tổ chức tập huấn nghiệp vụ").concern == Concern.COOPERATE  # "Sở Nội vụ, các cơ quan …"
    assert find("Xây dựng Kế hoạch rà soát").concern == Concern.COOPERATE  # "Các sở, ban, ngành, UBND …"
    assert any(t.concern == Concern.LEAD for t in plan.tasks)


def test_dry_run_json_is_plan_json_and_writes_nothing(tmp_path, capsys):
    db = tmp_path / "kstthc.db"
    assert main(["import", str(PLANS / "dong-nai-so-noi-vu-2022.xlsx"), "--dry-run", "--json", "--db", str(db)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"source", "document", "header", "sections", "tasks"}
    assert data["tasks"][0]["stt"] == "1.1" and data["tasks"][0]["deadline"]["kind"] == "continuous"
    assert not db.exists()


def test_reimport_keeps_progress_and_evidence_marks_withdrawn(tmp_path, capsys):
    db = tmp_path / "kstthc.db"
    assert main(["import", str(PLAN), "--db", str(db)]) == 0
    with Store.open(db) as store:
        plan_id = store.plan_id_for_year(2024)
        tasks = store.tasks(plan_id)
        first, gone = tasks[0], tasks[5]
        progress_id = store.add_progress(ProgressEntry(first.id, date(2024, 1, 10), "Đã trình kế hoạch", "due", done=True))
        store.add_evidence(Evidence(first.id, "2974/QĐ-UBND", date(2023, 12, 26), summary="Ban hành kế hoạch"))
        store.add_progress(ProgressEntry(gone.id, date(2024, 2, 1), "Đang làm", "2024-Q1"))
        store.update_task(first.id, assignee="Đ/c Trần Thế Vũ")
    path, _changed, dropped, new = amended(tmp_path)
    capsys.readouterr()

    assert main(["import", str(path), "--db", str(db), "--dry-run"]) == 0  # the preview writes nothing
    preview = capsys.readouterr().out
    assert "1 nhiệm vụ thay đổi, 1 nhiệm vụ mới, 1 nhiệm vụ rút khỏi kế hoạch" in preview
    with Store.open(db) as store:
        assert len(store.tasks(plan_id)) == 40 and not any(t.withdrawn for t in store.tasks(plan_id))

    assert main(["import", str(path), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Đã cập nhật kế hoạch năm 2024" in out and "đổi thời hạn" in out and "rút khỏi kế hoạch" in out
    from kstthc_desktop.store.backup import list_backups

    # a copy before each write (operations.imports: always, in the window and here), the last one before the amendment
    assert sorted(b.reason for b in list_backups(db)) == ["truoc-nhap", "truoc-nhap-lai"]
    with Store.open(db) as store:
        tasks = store.tasks(plan_id)
        assert store.plan_id_for_year(2024) == plan_id and len(store.plans()) == 1
        assert len(tasks) == 41
        kept = store.task(first.id)
        assert kept.deadline_text == "Quý I/2024" and kept.deadline.due == date(2024, 3, 31)
        assert kept.assignee == "Đ/c Trần Thế Vũ"
        assert [p.id for p in store.progress(task_id=first.id)] == [progress_id]
        assert [e.number for e in store.evidence(task_id=first.id)] == ["2974/QĐ-UBND"]
        withdrawn = store.task(gone.id)
        assert withdrawn.withdrawn and withdrawn.content == dropped["content"]
        assert len(store.progress(task_id=gone.id)) == 1  # kept, with its progress
        assert any(t.content == new["content"] and not t.withdrawn for t in tasks)
        assert any(h.field == "withdrawn" for h in store.history("task", gone.id))


def test_compare_pairs_by_text_not_number():
    old = Plan(tasks=[Task(stt="1", content="Rà soát thủ tục hành chính", result="Báo cáo", id=1),
                      Task(stt="2", content="Công bố thủ tục", result="Quyết định", id=2)])
    new = Plan(tasks=[Task(stt="1", content="Nhiệm vụ mới hoàn toàn", result="Kế hoạch"),
                      Task(stt="2", content="Rà soát thủ tục hành chính.", result="Báo cáo"),
                      Task(stt="3", content="Công bố các thủ tục", result="Quyết định")])
    changes = compare(old, new)
    assert [t.content for t in changes.added] == ["Nhiệm vụ mới hoàn toàn"]
    assert not changes.withdrawn
    assert {c.old.id: set(c.fields) for c in changes.updated} == {1: {"stt", "content"}, 2: {"stt", "content"}}


@pytest.mark.parametrize("lead, cooperate, body, expected", [
    ("Các sở, ban, ngành tỉnh", "", "Sở Khoa học và Công nghệ", Concern.LEAD),
    ("Văn phòng UBND tỉnh", "Các sở, ban, ngành tỉnh; UBND cấp huyện", "Sở Khoa học và Công nghệ", Concern.COOPERATE),
    ("Văn phòng UBND tỉnh", "Các cơ quan, đơn vị có liên quan", "Sở Khoa học và Công nghệ", Concern.NONE),
    ("Văn phòng Ủy ban nhân dân tỉnh", "", "Văn phòng UBND tỉnh", Concern.LEAD),
    ("Sở Thông tin và Truyền thông chủ trì, phối hợp với Sở KH&CN", "", "Sở Khoa học và Công nghệ", Concern.COOPERATE),
    ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "", "Sở Khoa học và Công nghệ", Concern.LEAD),
    ("Sở Tư pháp", "", "Sở Khoa học và Công nghệ", Concern.NONE),
    ("UBND cấp huyện, cấp xã", "", "UBND xã Long Phú", Concern.LEAD),
])
def test_concern(lead, cooperate, body, expected):
    assert concern_for(Task(lead=lead, cooperate=cooperate), body) == expected


def test_concern_from_settings_when_no_for(tmp_path, capsys):
    db = tmp_path / "kstthc.db"
    with Store.open(db) as store:
        settings = store.settings()
        settings.my_body = "Sở Tư pháp"
        store.save_settings(settings)
    assert main(["import", str(PLANS / "soc-trang-2022.xlsx"), "--db", str(db)]) == 0
    assert "Liên quan đến Sở Tư pháp" in capsys.readouterr().out
    with Store.open(db) as store:
        tasks = store.tasks(store.plan_id_for_year(2022))
    thẩm_định = next(t for t in tasks if t.content.startswith("Thẩm định dự thảo"))
    assert thẩm_định.concern == Concern.LEAD


def test_columns_mapping_when_headings_unknown(tmp_path, capsys):
    text = ("Bảng 1\n"
            "Cột A\tCột B\tCột C\tCột D\tCột E\n"
            "1\tRà soát thủ tục hành chính\tVăn phòng Sở\tBáo cáo\tQuý II/2025\n"
            "2\tCông khai thủ tục\tCác phòng\tNiêm yết\tThường xuyên\n")
    path = tmp_path / "kh.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["import", str(path), "--dry-run"]) == 1
    assert "Không tìm thấy bảng kế hoạch" in capsys.readouterr().err
    assert main(["import", str(path), "--dry-run", "--json", "--year", "2025",
                 "--columns", "stt,content,lead,result,deadline"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [t["content"] for t in data["tasks"]] == ["Rà soát thủ tục hành chính", "Công khai thủ tục"]
    assert data["tasks"][0]["deadline"]["due"] == "2025-06-30" and data["tasks"][0]["lead"] == "Văn phòng Sở"
    assert main(["import", str(path), "--dry-run", "--columns", "stt,nonsense"]) == 2
    assert "--columns" in capsys.readouterr().err


def test_api_extract_never_writes(tmp_path):
    before = set(tmp_path.iterdir())
    plan = extract(PLANS / "soc-trang-2022.docx", body="Sở Tư pháp")
    assert set(tmp_path.iterdir()) == before
    assert plan.tasks[3].concern == Concern.LEAD


def province_and_department_2022(tmp_path):
    """A database holding the province's 2022 plan (Sóc Trăng) and a department's own (Đồng Nai, Sở Nội vụ), both
    imported by the command; returns the database and the province plan's JSON."""
    db = tmp_path / "kstthc.db"
    province = tmp_path / "tinh-2022.xlsx"
    data = json.loads((PLANS / "soc-trang-2022.json").read_text(encoding="utf-8"))
    write_xlsx(data, VARIANTS[0], province)
    assert main(["import", str(province), "--db", str(db)]) == 0
    assert main(["import", str(PLANS / "dong-nai-so-noi-vu-2022.docx"), "--db", str(db)]) == 0
    return db, data


def test_a_department_plan_of_the_same_year_is_a_plan_of_its_own(tmp_path, capsys):
    db, _ = province_and_department_2022(tmp_path)
    out = capsys.readouterr().out
    assert out.count("Đã lưu kế hoạch năm 2022") == 2
    with Store.open(db) as store:
        plans = store.plans()
        assert sorted(p.document.issuer for p in plans) == ["Sở Nội vụ", "Ủy ban nhân dân tỉnh Sóc Trăng"]
        assert all(not t.withdrawn for p in plans for t in store.tasks(p.id))


def test_a_plan_whose_issuer_was_not_read_amends_the_plan_its_tasks_pair_with(tmp_path, capsys):
    """Two plans of 2022 (the province's and the department's); a new version of the province's plan whose issuer
    could not be read must amend the province's plan (its tasks pair), not the newest plan of the year."""
    from kstthc_desktop.importers.reimport import matching_plan_id

    db, data = province_and_department_2022(tmp_path)
    unread = Plan.from_json(dict(data, document=dict(data["document"], issuer="", province="")))
    elsewhere = Plan.from_json(dict(data, document=dict(data["document"], issuer=""), tasks=[
        dict(data["tasks"][0], content="Một nhiệm vụ không có trong kế hoạch nào đã lưu, về một việc khác hẳn.")]))
    with Store.open(db) as store:
        by_issuer = {p.document.issuer: p.id for p in store.plans()}
        assert matching_plan_id(store, unread) == by_issuer["Ủy ban nhân dân tỉnh Sóc Trăng"]
        assert matching_plan_id(store, elsewhere) is None  # pairs with neither: saved beside them, never over one


def test_a_task_withdrawn_then_back_is_reported_and_reinstated(tmp_path, capsys):
    """v1, then v2 without a task (withdrawn), then v1 again: the task comes back, the change list says so and
    the command succeeds (it used to fail after it had written)."""
    db = tmp_path / "kstthc.db"
    data = json.loads((PLANS / "vinh-long-2024.json").read_text(encoding="utf-8"))
    v1, v2 = tmp_path / "v1.xlsx", tmp_path / "v2.xlsx"
    write_xlsx(data, VARIANTS[0], v1)
    shorter = copy.deepcopy(data)
    gone = shorter["tasks"].pop(3)
    write_xlsx(shorter, VARIANTS[0], v2)
    assert main(["import", str(v1), "--db", str(db)]) == 0
    assert main(["import", str(v2), "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["import", str(v1), "--db", str(db), "--dry-run"]) == 0
    assert "1 nhiệm vụ đã rút nay có lại trong kế hoạch." in capsys.readouterr().out
    assert main(["import", str(v1), "--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert "1 nhiệm vụ đã rút nay có lại trong kế hoạch." in captured.out and "Lỗi" not in captured.err
    with Store.open(db) as store:
        back = [t for t in store.tasks(store.plan_id_for_year(2024)) if t.content == gone["content"]]
        assert len(back) == 1 and not back[0].withdrawn


def test_reimport_keeps_the_officers_corrected_reading_when_the_printed_deadline_is_unchanged(tmp_path, capsys):
    from kstthc_desktop.domain import Deadline, DeadlineKind

    db = tmp_path / "kstthc.db"
    assert main(["import", str(PLAN), "--db", str(db)]) == 0
    with Store.open(db) as store:
        plan_id = store.plan_id_for_year(2024)
        unread = next(t for t in store.tasks(plan_id) if t.deadline_text == "Báo cáo kết quả kiểm tra")
        corrected = Deadline(DeadlineKind.DATED, due=date(2024, 11, 30))
        store.update_task(unread.id, deadline=corrected)
    path, changed, _, _ = amended(tmp_path)  # changes another task's deadline text
    assert main(["import", str(path), "--db", str(db)]) == 0
    with Store.open(db) as store:
        assert store.task(unread.id).deadline == corrected  # the officer's reading stands
        first = next(t for t in store.tasks(plan_id) if t.content == changed["content"])
        assert first.deadline.due == date(2024, 3, 31)  # a changed printed deadline is read anew


def test_importing_another_plan_into_a_database_with_work_backs_it_up_first(tmp_path, capsys):
    from kstthc_desktop.store.backup import list_backups

    db = tmp_path / "kstthc.db"
    assert main(["import", str(PLAN), "--db", str(db)]) == 0
    assert [b.reason for b in list_backups(db)] == ["truoc-nhap"]  # always, as the window does (issue 6)
    assert main(["import", str(PLANS / "soc-trang-2022.docx"), "--db", str(db)]) == 0
    assert [b.reason for b in list_backups(db)] == ["truoc-nhap", "truoc-nhap"]
    with Store.open(db) as store:
        assert sorted(p.document.year for p in store.plans()) == [2022, 2024]
