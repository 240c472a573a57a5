"""The report's totals say what the window's dashboard says: a withdrawn task is outside the total and the
percentages (listed on a line of its own), and a lead body is one row however its name was typed."""

from __future__ import annotations

import re
from datetime import date

import pytest
from openpyxl import load_workbook

from kstthc_desktop.domain import (
    Deadline, DeadlineKind, Plan, PlanDocument, ProgressEntry, Section, Settings, Task,
)
from kstthc_desktop.periods import parse_period
from kstthc_desktop.reports.data import NO_LEAD, build_report
from kstthc_desktop.reports.excel import write_xlsx
from kstthc_desktop.reports.pdf import write_pdf
from kstthc_desktop.store import Store
from kstthc_desktop.tracking import dashboard, task_rows

from report_samples import pdf_text, pdf_words

TODAY = date(2024, 12, 13)
PERIOD = "2024-Q4"
SO_NGANH = "Các sở, ban, ngành tỉnh"


def _continuous():
    return Deadline(kind=DeadlineKind.CONTINUOUS)


def _dated(d):
    return Deadline(kind=DeadlineKind.DATED, due=d)


@pytest.fixture
def store(tmp_path):
    """A plan whose lead cells name the same body in several spellings, with one withdrawn task."""
    s = Store.open(tmp_path / "kstthc.sqlite3")
    s.save_settings(Settings(parent_body="UBND tỉnh Vĩnh Long", body_name="Văn phòng UBND tỉnh", body_short="VP",
                             place_name="Vĩnh Long", signer_authority="KT. CHÁNH VĂN PHÒNG",
                             signer_title="PHÓ CHÁNH VĂN PHÒNG", signer_name="Nguyễn Văn Mẫu"))
    tasks = [
        Task(section="I", stt="1", content="Công khai TTHC", lead="Các sở, ban, ngành tỉnh",
             deadline_text="Thường xuyên", deadline=_continuous()),
        Task(section="I", stt="2", content="Số hóa hồ sơ", lead="các sở, ban, ngành tỉnh",
             deadline_text="Thường xuyên", deadline=_continuous()),
        Task(section="I", stt="3", content="Rà soát quy trình nội bộ", lead="Các Sở,  ban, ngành tỉnh.",
             deadline_text="30/10/2024", deadline=_dated(date(2024, 10, 30))),
        Task(section="II", stt="1", content="Báo cáo quý", lead="Văn phòng UBND tỉnh; các sở, ban, ngành tỉnh",
             deadline_text="30/11/2024", deadline=_dated(date(2024, 11, 30))),
        Task(section="II", stt="2", content="Đề xuất sáng kiến", lead="Văn phòng UBND tỉnh",
             deadline_text="Thường xuyên", deadline=_continuous()),
        Task(section="II", stt="3", content="Đánh giá tác động khi có dự thảo", lead="Văn phòng UBND tỉnh",
             deadline_text="Khi có phát sinh", deadline=Deadline(kind=DeadlineKind.ON_DEMAND)),
        Task(section="II", stt="4", content="Tập huấn nghiệp vụ", lead="",
             deadline_text="31/12/2024", deadline=_dated(date(2024, 12, 31))),
    ]
    plan = Plan(document=PlanDocument(issuer="UBND tỉnh Vĩnh Long", year=2024,
                                      title="Kế hoạch kiểm soát thủ tục hành chính năm 2024"),
                sections=[Section("I", "Kiểm soát thực hiện TTHC"), Section("II", "Chế độ thông tin, báo cáo")],
                tasks=tasks)
    plan_id = s.save_plan(plan)
    ids = {(t.section, t.stt): t.id for t in s.tasks(plan_id)}
    s.update_task(ids["II", "2"], withdrawn=True)
    s.add_progress(ProgressEntry(ids["I", "1"], date(2024, 10, 5), "Đã công khai 12 TTHC", "2024-Q4"))
    s.add_progress(ProgressEntry(ids["I", "3"], date(2024, 10, 25), "Đã rà soát", "due", done=True))
    s.plan_id = plan_id
    yield s
    s.close()


def _window(store):
    """The dashboard the window shows for the same plan, period and day (every lead bar, not only the first 8)."""
    period = parse_period(PERIOD)
    rows = task_rows(store, store.plan_id, period, TODAY)
    return dashboard(rows, period, TODAY, store.load_plan(store.plan_id).sections, lead_bars=1000)


def test_pdf_total_and_percentages_leave_out_the_withdrawn_task(store, tmp_path):
    data = build_report(store, store.plan_id, PERIOD, TODAY, whole_plan=True)
    window = _window(store)
    assert len(data.all_tasks()) == 7 and window.total == 6
    path = write_pdf(data, store.settings(), {}, tmp_path / "r.pdf")
    text = pdf_text(path)
    words = pdf_words(path)

    def line_of(word):  # the words printed on the same line as ``word``, left to right, and where that line is
        w = next(w for w in words if w["text"] == word)
        line = [o for o in words if o["page"] == w["page"] and abs(o["y0"] - w["y0"]) < 2]
        return " ".join(o["text"] for o in sorted(line, key=lambda o: o["x0"])), (w["page"], w["y0"])

    total_line, total_at = line_of("100%")
    assert total_line == f"Tổng số {window.total} 100%"
    # every percentage is of the dashboard's total, and they add up to 100%
    shares = []
    for status, n in window.counts.items():
        share = f"{100 * n / window.total:.1f}%".replace(".", ",")
        assert re.search(re.escape(status.label) + rf" {n} {re.escape(share)}", text), status.label
        shares.append(100 * n / window.total)
    assert round(sum(shares), 6) == 100
    # the withdrawn task is still told, below the total and outside it
    withdrawn_line, withdrawn_at = line_of("rút")
    assert withdrawn_line == "Đã rút khỏi kế hoạch (không tính vào tổng số) 1 –"
    assert withdrawn_at[0] == total_at[0] and withdrawn_at[1] > total_at[1]


def test_workbook_totals_and_lead_bodies_agree_with_the_dashboard(store, tmp_path):
    data = build_report(store, store.plan_id, PERIOD, TODAY, whole_plan=True)
    window = _window(store)
    rows = list(load_workbook(write_xlsx(data, tmp_path / "r.xlsx"))["Tổng hợp"].iter_rows(values_only=True))
    values = {r[0]: r[1] for r in rows if r[0]}
    assert values["Tổng số"] == window.total == 6
    assert values["Đã rút khỏi kế hoạch (không tính vào tổng số)"] == 1
    for status, n in window.counts.items():
        assert values[status.label] == n, status.label

    start = next(i for i, r in enumerate(rows) if r[0] == "Theo cơ quan chủ trì")
    heads = list(rows[start])
    leads = {}
    for r in rows[start + 1:]:
        if not r[0]:
            break
        leads[r[0]] = dict(zip(heads[1:], r[1:], strict=False))
    # "Các sở, ban, ngành tỉnh", "các sở, ban, ngành tỉnh", "Các Sở,  ban, ngành tỉnh." are one body
    assert [name for name in leads if name.casefold().startswith("các sở")] == [SO_NGANH]
    assert leads[SO_NGANH]["Tổng số"] == 4
    assert leads["Văn phòng UBND tỉnh"]["Tổng số"] == 2  # its withdrawn task is outside the total...
    assert leads["Văn phòng UBND tỉnh"]["Đã rút khỏi kế hoạch (không tính vào tổng số)"] == 1  # ...and shown
    # each of the dashboard's bars (done / counted) is read off the same row of the workbook
    done = ("Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Có kết quả trong kỳ")
    not_counted = ("Không phát sinh", "Chưa xác định thời hạn")
    assert window.by_lead
    for bar in window.by_lead:
        row = leads[NO_LEAD if bar.label == "(không ghi)" else bar.label]  # a task with no lead: each says it its way
        assert sum(row.get(h) or 0 for h in done) == bar.done, bar.label
        assert row["Tổng số"] - sum(row.get(h) or 0 for h in not_counted) == bar.total, bar.label


def test_a_body_typed_with_or_without_commas_is_one_body_in_window_and_paper(tmp_path):
    """"Các sở, ban, ngành tỉnh", "các sở, ban ngành tỉnh", "Các sở ban ngành tỉnh": one bar in the window, one row
    in the workbook, and a click on the bar shows the three tasks."""
    from kstthc_desktop.tracking import RowFilter, filter_rows

    spellings = ("Các sở, ban, ngành tỉnh", "các sở, ban ngành tỉnh", "Các sở ban ngành tỉnh")
    with Store.open(tmp_path / "k.sqlite3") as s:
        plan_id = s.save_plan(Plan(document=PlanDocument(year=2024), sections=[Section("I", "Kiểm soát TTHC")], tasks=[
            Task(section="I", stt=str(i), content=f"Nhiệm vụ {i}", lead=lead, deadline_text="Thường xuyên",
                 deadline=_continuous()) for i, lead in enumerate(spellings, 1)]))
        period = parse_period(PERIOD)
        rows = task_rows(s, plan_id, period, TODAY)
        window = dashboard(rows, period, TODAY, s.load_plan(plan_id).sections)
        data = build_report(s, plan_id, PERIOD, TODAY, whole_plan=True)
    assert [(bar.label, bar.total) for bar in window.by_lead] == [(SO_NGANH, 3)]
    assert len(filter_rows(rows, RowFilter(lead=window.by_lead[0].key))) == 3
    assert list(data.counts_by_lead()) == [SO_NGANH]
    sheet = list(load_workbook(write_xlsx(data, tmp_path / "r.xlsx"))["Tổng hợp"].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(sheet) if r[0] == "Theo cơ quan chủ trì")
    assert [r[0] for r in sheet[start + 1:] if r[0]] == [SO_NGANH]
