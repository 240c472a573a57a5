"""build_report from a real store, against figures worked out by hand; and a plan never seen before."""

from __future__ import annotations

import json
from datetime import date

import pytest

from kstthc_desktop.domain import (
    Deadline, DeadlineKind, Evidence, Plan, PlanDocument, ProgressEntry, Section, Settings, Task,
)
from kstthc_desktop.reports.data import assessment, build_report
from kstthc_desktop.store import Store

from conftest import PLANS
from report_samples import pdf_text

TODAY = date(2025, 3, 17)


def _dated(d):
    return Deadline(kind=DeadlineKind.DATED, due=d)


def _settings() -> Settings:
    return Settings(parent_body="UBND tỉnh Sóc Trăng", body_name="Sở Khoa học và Công nghệ", body_short="SKHCN",
                    my_body="Sở Khoa học và Công nghệ", place_name="Sóc Trăng", signer_authority="KT. GIÁM ĐỐC",
                    signer_title="PHÓ GIÁM ĐỐC", signer_name="Trần Thị Bình")


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "kstthc.sqlite3")
    s.save_settings(_settings())
    plan = Plan(
        document=PlanDocument(issuer="Sở Khoa học và Công nghệ", year=2025,
                              title="Kế hoạch kiểm soát thủ tục hành chính năm 2025"),
        sections=[Section("I", "Công tác chỉ đạo, điều hành"), Section("II", "Kiểm soát quy định thủ tục hành chính")],
        tasks=[
            Task(section="I", stt="1", content="Ban hành Kế hoạch kiểm soát TTHC năm 2025", lead="Văn phòng Sở",
                 deadline_text="31/01/2025", deadline=_dated(date(2025, 1, 31))),
            Task(section="I", stt="2", content="Rà soát quy định nội bộ", lead="Văn phòng Sở",
                 deadline_text="28/02/2025", deadline=_dated(date(2025, 2, 28))),
            Task(section="II", stt="3", content="Công khai TTHC trên Cơ sở dữ liệu quốc gia",
                 lead="Phòng Kế hoạch; Văn phòng Sở", deadline_text="Thường xuyên",
                 deadline=Deadline(kind=DeadlineKind.CONTINUOUS)),
            Task(section="II", stt="4", content="Báo cáo quý I", lead="Văn phòng Sở", deadline_text="10/3/2025",
                 deadline=_dated(date(2025, 3, 10))),
            Task(section="II", stt="5", content="Đối thoại doanh nghiệp", lead="Phòng Kế hoạch",
                 deadline_text="Quý III/2025", deadline=_dated(date(2025, 9, 30))),
            Task(section="II", stt="6", content="Đánh giá tác động khi có dự thảo", lead="Phòng Kế hoạch",
                 deadline_text="Khi có phát sinh", deadline=Deadline(kind=DeadlineKind.ON_DEMAND)),
            Task(section="II", stt="7", content="Tổng kết 6 tháng", lead="Văn phòng Sở", deadline_text="15/5/2025",
                 deadline=_dated(date(2025, 5, 15))),
            Task(section="II", stt="8", content="Nhiệm vụ đã rút", lead="Văn phòng Sở", deadline_text="30/01/2025",
                 deadline=_dated(date(2025, 1, 30))),
        ],
    )
    plan_id = s.save_plan(plan)
    ids = {t.stt: t.id for t in s.tasks(plan_id)}
    s.update_task(ids["8"], withdrawn=True)
    s.add_progress(ProgressEntry(ids["1"], date(2025, 1, 20), "Đã ban hành Kế hoạch", "due", done=True))
    s.add_evidence(Evidence(ids["1"], "12/KH-SKHCN", date(2025, 1, 20), summary="về kiểm soát TTHC năm 2025"))
    s.add_progress(ProgressEntry(ids["3"], date(2024, 12, 1), "Công khai trước kỳ", "2024-Q4"))  # before the window
    p3 = s.add_progress(ProgressEntry(ids["3"], date(2025, 2, 10), "Công khai 12 TTHC mới", "2025-Q1"))
    s.add_progress(ProgressEntry(ids["3"], date(2025, 3, 15), "Công khai sau kỳ", "2025-Q2"))  # after the window
    s.add_evidence(Evidence(ids["3"], "2974/QĐ-UBND", None, progress_id=p3))  # undated, tied to in-window progress
    s.add_evidence(Evidence(ids["3"], "99/QĐ-UBND", date(2024, 11, 2)))  # outside the window
    s.add_progress(ProgressEntry(ids["4"], date(2025, 3, 12), "Đã gửi báo cáo quý I", "due", done=True))
    s.add_evidence(Evidence(ids["4"], "15/BC-SKHCN", date(2025, 3, 12)))
    s.plan_id = plan_id
    s.ids = ids
    yield s
    s.close()


def test_statuses_progress_and_evidence_in_the_window(store):
    data = build_report(store, store.plan_id, "2025-Q1", TODAY)
    assert (data.window_start, data.window_end) == (date(2024, 12, 15), date(2025, 3, 14))
    assert data.period_title == "Quý I năm 2025 (từ ngày 15/12/2024 đến ngày 14/3/2025)"
    tasks = {t.stt: t for t in data.all_tasks()}
    assert {k: t.status for k, t in tasks.items()} == {
        "1": "DONE_ON_TIME", "2": "OVERDUE", "3": "HAS_PROGRESS", "4": "DONE_LATE", "5": "IN_TIME",
        "6": "NOT_ARISEN", "7": "IN_TIME", "8": "WITHDRAWN",
    }
    assert [p.text for p in tasks["3"].progress] == ["Công khai 12 TTHC mới"]  # 1/12/2024 and 15/3/2025 are outside
    assert [e.citation for e in tasks["3"].evidence] == ["Quyết định số 2974/QĐ-UBND"]
    assert [e.citation for e in tasks["1"].evidence] == ["Kế hoạch số 12/KH-SKHCN ngày 20/01/2025"]
    assert [e.citation for e in tasks["4"].evidence] == ["Báo cáo số 15/BC-SKHCN ngày 12/3/2025"]
    assert {k for k, t in tasks.items() if t.in_period} == {"1", "2", "3", "4"}
    assert [s.code for s in data.sections] == ["I", "II"]


def test_counts_by_status_section_and_lead(store):
    data = build_report(store, store.plan_id, "2025-Q1", TODAY)
    counts = {k: v for k, v in data.counts_by_status().items() if v}
    assert counts == {"DONE_ON_TIME": 1, "DONE_LATE": 1, "IN_TIME": 2, "OVERDUE": 1, "HAS_PROGRESS": 1,
                      "NOT_ARISEN": 1, "WITHDRAWN": 1}
    assert data.counts_by_section() == {
        "I": {"DONE_ON_TIME": 1, "OVERDUE": 1},
        "II": {"HAS_PROGRESS": 1, "DONE_LATE": 1, "IN_TIME": 2, "NOT_ARISEN": 1, "WITHDRAWN": 1},
    }
    lead = data.counts_by_lead()
    assert lead["Văn phòng Sở"] == {"DONE_ON_TIME": 1, "OVERDUE": 1, "HAS_PROGRESS": 1, "DONE_LATE": 1,
                                    "IN_TIME": 1, "WITHDRAWN": 1}
    assert lead["Phòng Kế hoạch"] == {"HAS_PROGRESS": 1, "IN_TIME": 1, "NOT_ARISEN": 1}
    assert assessment(data)[0] == "2/3 nhiệm vụ đến hạn đã hoàn thành, trong đó 1 đúng hạn, 1 quá hạn."


def test_part_one_of_the_next_quarter_leaves_out_what_was_finished_before(store):
    data = build_report(store, store.plan_id, "2025-Q2", date(2025, 6, 17))
    tasks = {t.stt: t for t in data.all_tasks()}
    assert {k for k, t in tasks.items() if t.in_period} == {"2", "3", "7"}  # late, ongoing with progress, due 15/5
    assert tasks["1"].status == "DONE_ON_TIME" and not tasks["1"].in_period
    assert [p.text for p in tasks["3"].progress] == ["Công khai sau kỳ"]  # 15/3/2025 opens Quý II's window


def test_next_period_lists_what_falls_due_in_it(store):
    data = build_report(store, store.plan_id, "2025-Q1", TODAY)
    assert data.next_period_name == "Quý II năm 2025"
    assert [(t.stt, t.due) for t in data.next_tasks] == [("7", date(2025, 5, 15))]


def test_nine_months_report_plans_for_the_fourth_quarter(store):
    """After the first nine months comes the rest of the year, not next year's nine months."""
    data = build_report(store, store.plan_id, "2025-9M", date(2025, 9, 16))
    assert data.next_period_name == "Quý IV năm 2025"
    assert [(t.stt, t.due) for t in data.next_tasks] == [("5", date(2025, 9, 30))]  # Quý IV's window opens 15/9


def test_a_period_outside_the_plans_year_is_refused(store):
    """Reading a 2025 plan's deadlines in 2024 would invent due dates (19/12/2024 for a task of 2025)."""
    from kstthc_desktop.errors import UserError

    with pytest.raises(UserError, match="Quý IV năm 2024 không thuộc kế hoạch năm 2025"):
        build_report(store, store.plan_id, "2024-Q4", TODAY)


def test_a_month_report_has_its_own_window(store):
    data = build_report(store, store.plan_id, "2025-02", TODAY)
    assert (data.window_start, data.window_end) == (date(2025, 1, 15), date(2025, 2, 14))
    tasks = {t.stt: t for t in data.all_tasks()}
    assert [p.text for p in tasks["1"].progress] == ["Đã ban hành Kế hoạch"]
    assert tasks["4"].progress == []


def test_bad_period_is_a_user_error(store):
    from kstthc_desktop.errors import UserError

    with pytest.raises(UserError):
        build_report(store, store.plan_id, "2025-Q7", TODAY)


def test_cli_writes_and_records_the_report(store, tmp_path, capsys):
    from kstthc_desktop.cli import main

    db, plan_id = store.path, store.plan_id
    store.close()  # the database is locked while a program has it open
    out = tmp_path / "bao-cao.pdf"
    assert main(["report", "--db", str(db), "--period", "2025-Q1", "--out", str(out), "--today", "2025-03-17"]) == 0
    assert "Quý I năm 2025" in pdf_text(out)
    with Store.open(db) as again:
        reports = again.reports(plan_id)
    import hashlib

    assert reports[-1]["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert reports[-1]["period_key"] == "2025-Q1"
    assert main(["report", "--db", str(db), "--period", "2025-Q1", "--out", str(tmp_path / "b.xlsx"),
                 "--today", "2025-03-17"]) == 0
    assert (tmp_path / "b.xlsx").stat().st_size > 0
    capsys.readouterr()
    assert main(["report", "--db", str(db), "--period", "2025-Q1", "--out", str(tmp_path / "b.doc")]) == 2
    assert main(["report", "--db", str(db), "--period", "quý 9", "--out", str(out)]) == 1
    assert main(["report", "--db", str(tmp_path / "none.sqlite3"), "--period", "2025-Q1", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("Lỗi: ") == 3 and "Traceback" not in err
    # never silently another year's plan
    assert main(["report", "--db", str(db), "--period", "2026-Q1", "--out", str(out)]) == 1
    assert "Không có kế hoạch năm 2026" in capsys.readouterr().err
    # nor another year's plan when asked for by name: its deadlines would be read in the wrong year
    assert main(["report", "--db", str(db), "--period", "2026-Q1", "--year", "2025", "--out", str(out),
                 "--today", "2026-03-17"]) == 1
    assert "Quý I năm 2026 không thuộc kế hoạch năm 2025" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["dong-nai-so-noi-vu-2022", "soc-trang-2022", "vinh-long-2024"])
def test_a_plan_never_seen_passes_the_same_checks(tmp_path, name):
    """Each real plan (none was used to build the report), imported into a fresh database, with progress added."""
    from test_report_excel import check_report_xlsx
    from test_report_pdf import check_report_pdf

    from kstthc_desktop.reports.excel import write_xlsx
    from kstthc_desktop.reports.pdf import write_pdf

    plan = Plan.from_json(json.loads((PLANS / f"{name}.json").read_text(encoding="utf-8")))
    year = plan.document.year
    with Store.open(tmp_path / "dn.sqlite3") as s:
        s.save_settings(Settings(parent_body="UBND tỉnh Đồng Nai", body_name="Sở Nội vụ", body_short="SNV",
                                 my_body="Sở Nội vụ", place_name="Đồng Nai", signer_authority="GIÁM ĐỐC",
                                 signer_name="Lê Văn C"))
        plan_id = s.save_plan(plan)
        tasks = s.tasks(plan_id)
        for i, task in enumerate(tasks[::3]):
            day = date(year, 4, 1 + i % 28)
            entry = s.add_progress(ProgressEntry(task.id, day, f"Đã thực hiện phần việc số {i + 1}", "due",
                                                 done=i % 2 == 0))
            s.add_evidence(Evidence(task.id, f"{10 + i}/BC-SNV", day, progress_id=entry))
        data = build_report(s, plan_id, f"{year}-Q2", date(year, 6, 20), whole_plan=True)  # any body's task
        settings = s.settings()
        texts = {"shortcomings": "Một số nhiệm vụ triển khai chậm.", "proposals": "Không."}
        assert sum(len(t.progress) for t in data.all_tasks()) == len(tasks[::3])
        assert len(data.all_tasks()) == len(tasks)
        pdf = write_pdf(data, settings, texts, tmp_path / "dn.pdf")
        check_report_pdf(pdf, data, settings, texts)
        check_report_xlsx(write_xlsx(data, tmp_path / "dn.xlsx"), data)
        assert f"Quý II năm {year} (từ ngày 15/3/{year} đến ngày 14/6/{year})" in pdf_text(pdf)


def test_tasks_without_a_section_still_appear(tmp_path):
    with Store.open(tmp_path / "k.sqlite3") as s:
        plan_id = s.save_plan(Plan(document=PlanDocument(year=2025), tasks=[
            Task(stt="1", content="Nhiệm vụ không thuộc phần nào", deadline=Deadline(kind=DeadlineKind.CONTINUOUS))]))
        data = build_report(s, plan_id, "2025-Q1", TODAY)
    assert [(sec.title, [t.content for t in sec.tasks]) for sec in data.sections] == [
        ("Các nhiệm vụ khác", ["Nhiệm vụ không thuộc phần nào"])]
