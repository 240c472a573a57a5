"""Returns from units: a workbook per unit, filled in with openpyxl as the unit's officer would, read back
exactly; consolidation of three units; a foreign, tampered or corrected return."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from kstthc_desktop.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
PLAN = FIXTURES / "plans" / "vinh-long-2024.docx"
UNITS = ["Sở Tư pháp", "Sở Nội vụ", "Sở Thông tin và Truyền thông"]


def run(capsys, *argv) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def db(tmp_path, capsys):
    db = tmp_path / "k.sqlite3"
    assert run(capsys, "import", PLAN, "--db", db)[0] == 0
    args = ["returns", "units", "--db", db, "--year", 2024]
    for unit in UNITS:
        args += ["--add", unit]
    assert run(capsys, *args)[0] == 0
    return db


def fill(path: Path, rows: list[tuple[str, list[int]]], results: dict[int, tuple[str, str, date | None, bool]]) -> None:
    """Type into the workbook as a unit's officer would: figures below the (1)…(13) row, results in the task sheet."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Số liệu"]
    number_row = next(r for r in range(1, 20) if ws.cell(r, 1).value == "(1)")
    for i, (name, values) in enumerate(rows):
        r = number_row + 2 + i  # the total row comes first, as in Biểu 06
        ws.cell(r, 2, name)
        for c, v in enumerate(values, start=3):
            ws.cell(r, c, v)
    tasks = wb["Nhiệm vụ"]
    for r in range(8, tasks.max_row + 1):
        offset = r - 8
        if offset in results:
            text, number, issued, done = results[offset]
            tasks.cell(r, 6, text)
            tasks.cell(r, 7, number)
            tasks.cell(r, 8, issued)
            tasks.cell(r, 9, "x" if done else None)
    wb.save(path)


FIGS = {
    "Sở Tư pháp": [("Hộ tịch", [8, 2, 6, 0, 8, 5, 3, 0, 0, 0, 0]), ("Lý lịch tư pháp", [70, 7, 60, 3, 60, 3, 53, 4, 10, 8, 2])],
    "Sở Nội vụ": [("Thi đua, khen thưởng", [12, 10, 2, 0, 12, 12, 0, 0, 0, 0, 0]), ("Hộ tịch", [1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0])],
    "Sở Thông tin và Truyền thông": [("Báo chí", [5, 5, 0, 0, 4, 4, 0, 0, 1, 1, 0])],
}
KEYS = ["received_total", "received_online", "received_direct", "received_carried", "resolved_total",
        "resolved_early", "resolved_on_time", "resolved_late", "pending_total", "pending_on_time", "pending_late"]


def test_three_units_returns_read_back_exactly_and_add_up(db, tmp_path, capsys):
    folder = tmp_path / "gui-di"
    status, out, err = run(capsys, "returns", "template", "--db", db, "--period", "2024-Q3", "--all", "--out", folder)
    assert status == 0, err
    files = sorted(folder.glob("*.xlsx"))
    assert len(files) == 3
    by_unit = {}
    for path in files:
        wb = openpyxl.load_workbook(path)
        unit = wb["Nhiệm vụ"]["B2"].value.removeprefix("Đơn vị: ")
        assert wb["kstthc"].sheet_state == "veryHidden" and wb["Nhiệm vụ"].protection.sheet
        assert [wb["Số liệu"].cell(10, c).value for c in range(1, 14)] == [f"({i})" for i in range(1, 14)]
        assert wb["Nhiệm vụ"].max_row > 8, "each unit gets the tasks it leads or cooperates on"
        by_unit[unit] = path
    assert sorted(by_unit) == sorted(UNITS)
    for unit, path in by_unit.items():
        fill(path, FIGS[unit], {0: (f"{unit} đã rà soát 5 thủ tục", "12/BC-X", date(2024, 8, 20), True)})
    status, out, err = run(capsys, "returns", "import", *by_unit.values(), "--db", db, "--today", "2024-09-10")
    assert status == 0, err
    for unit in UNITS:
        status, out, _ = run(capsys, "stats", "show", "--db", db, "--period", "2024-Q3", "--unit", unit, "--json")
        got = json.loads(out)
        assert [(r["name"], [r[k] for k in KEYS]) for r in got["rows"]] == [(n, v) for n, v in FIGS[unit]]
    status, out, _ = run(capsys, "stats", "show", "--db", db, "--period", "2024-Q3", "--json")
    total = json.loads(out)
    assert total["total"]["received_total"] == 8 + 70 + 12 + 1 + 5
    hotich = next(r for r in total["rows"] if r["name"] == "Hộ tịch")
    assert hotich["received_total"] == 9  # one field of two units, added up
    from kstthc_desktop.returns.filing import pending_results
    from kstthc_desktop.store import Store

    with Store.open(db) as store:
        pending = pending_results(store, "2024-Q3")
        assert sorted(p.unit for p in pending) == sorted(UNITS)
        assert all(p.doc_number == "12/BC-X" and p.doc_date == date(2024, 8, 20) and p.done for p in pending)


def test_results_wait_for_the_officer_and_become_progress_when_accepted(db, tmp_path, capsys):
    from kstthc_desktop.returns.filing import accept_result, pending_results
    from kstthc_desktop.store import Store

    path = tmp_path / "tp.xlsx"
    assert run(capsys, "returns", "template", "--db", db, "--period", "2024-Q3", "--unit", "Sở Tư pháp",
               "--out", path)[0] == 0
    fill(path, [], {0: ("Đã rà soát", "7/BC-STP", date(2024, 8, 1), False)})
    assert run(capsys, "returns", "import", path, "--db", db, "--today", "2024-09-10")[0] == 0
    with Store.open(db) as store:
        [result] = pending_results(store, "2024-Q3")
        before = len(store.progress(result.task_id))
        progress_id = accept_result(store, result.id, today=date(2024, 9, 10), text="Đã rà soát 5 TTHC")
        entries = store.progress(result.task_id)
        assert len(entries) == before + 1
        entry = next(e for e in entries if e.id == progress_id)
        assert entry.text == "Đã rà soát 5 TTHC (Sở Tư pháp)." and entry.entry_date == date(2024, 8, 1)
        assert [e.number for e in store.evidence(result.task_id)] == ["7/BC-STP"]
        assert pending_results(store, "2024-Q3") == []


def test_a_corrected_return_replaces_the_units_figures_and_the_first_stays(db, tmp_path, capsys):
    from kstthc_desktop.store import Store
    from kstthc_desktop.store.figures import replaced_figures

    path = tmp_path / "tp.xlsx"
    run(capsys, "returns", "template", "--db", db, "--period", "2024-Q3", "--unit", "Sở Tư pháp", "--out", path)
    first = tmp_path / "lan1.xlsx"
    first.write_bytes(path.read_bytes())
    fill(first, [("Hộ tịch", [8, 2, 6, 0, 8, 5, 3, 0, 0, 0, 0])], {})
    fill(path, [("Hộ tịch", [9, 3, 6, 0, 9, 6, 3, 0, 0, 0, 0])], {})
    assert run(capsys, "returns", "import", first, "--db", db)[0] == 0
    status, out, _ = run(capsys, "returns", "import", path, "--db", db)
    assert status == 0 and "Đã nhận bản sửa lại" in out
    status, out, _ = run(capsys, "stats", "show", "--db", db, "--period", "2024-Q3", "--json")
    assert json.loads(out)["total"]["received_total"] == 9
    with Store.open(db) as store:
        old = replaced_figures(store, "ho-so-tthc", "2024-Q3", "Sở Tư pháp")
        assert [s.figures.effective_total()["received_total"] for s in old] == [8]


def _digest(path: Path) -> bytes:
    import hashlib

    return hashlib.sha256(path.read_bytes()).digest()


def test_a_tampered_or_foreign_return_is_refused_and_nothing_changes(db, tmp_path, capsys):
    path = tmp_path / "tp.xlsx"
    run(capsys, "returns", "template", "--db", db, "--period", "2024-Q3", "--unit", "Sở Tư pháp", "--out", path)
    cases = {}
    moved = tmp_path / "doi-cho.xlsx"  # a task row deleted: the ids no longer match
    wb = openpyxl.load_workbook(path)
    wb["Nhiệm vụ"].delete_rows(8)
    wb.save(moved)
    cases[moved] = "dòng nhiệm vụ bị thêm, xóa hoặc đổi chỗ"
    meta = tmp_path / "sua-ma.xlsx"  # the hidden sheet edited to pass as another unit
    wb = openpyxl.load_workbook(path)
    sheet = wb["kstthc"]
    for row in sheet.iter_rows():
        if row[0].value == "unit":
            row[1].value = "Sở Nội vụ"
    wb.save(meta)
    cases[meta] = "phần nhận dạng bị thay đổi"
    plain = tmp_path / "thuong.xlsx"
    openpyxl.Workbook().save(plain)
    cases[plain] = "không phải mẫu báo cáo"
    other_db = tmp_path / "khac.sqlite3"
    run(capsys, "import", FIXTURES / "plans" / "soc-trang-2022.docx", "--db", other_db)
    before = _digest(db)
    for bad, words in cases.items():
        status, _, err = run(capsys, "returns", "import", bad, "--db", db)
        assert status == 1 and words in err, err
    assert _digest(db) == before
    status, _, err = run(capsys, "returns", "import", path, "--db", other_db)
    assert status == 1 and "được lập từ một cơ sở dữ liệu khác" in err
    status, _, err = run(capsys, "returns", "import", path, "--db", db, "--period", "2024-Q2")
    assert status == 1 and "là của kỳ Quý III/2024, không phải kỳ Quý II/2024" in err


def test_who_has_sent_and_the_reminder_for_the_late(db, tmp_path, capsys):
    path = tmp_path / "tp.xlsx"
    run(capsys, "returns", "template", "--db", db, "--period", "2024-Q3", "--unit", "Sở Tư pháp", "--out", path)
    fill(path, [("Hộ tịch", [8, 2, 6, 0, 8, 5, 3, 0, 0, 0, 0])], {})
    run(capsys, "returns", "import", path, "--db", db, "--today", "2024-09-10")
    status, out, _ = run(capsys, "returns", "status", "--db", db, "--period", "2024-Q3", "--today", "2024-09-16",
                         "--remind")
    assert status == 0
    assert "Sở Tư pháp: Đã gửi (hạn 14/9/2024, nhận ngày 10/9/2024; còn thiếu: kết quả nhiệm vụ)" in out
    assert "Sở Nội vụ: Chậm gửi (hạn 14/9/2024" in out
    assert "Kính gửi: Sở Nội vụ; Sở Thông tin và Truyền thông." in out
    status, out, _ = run(capsys, "returns", "status", "--db", db, "--period", "2024-Q3", "--today", "2024-09-01")
    assert "Sở Nội vụ: Chưa đến hạn" in out


def test_units_filled_from_the_plan_leave_out_collective_phrases_and_the_officers_body(tmp_path, capsys):
    from kstthc_desktop.returns.units import fill_from_plan, units
    from kstthc_desktop.store import Store

    db = tmp_path / "k.sqlite3"
    run(capsys, "import", PLAN, "--db", db)
    with Store.open(db) as store:
        added = [u.name for u in fill_from_plan(store, store.plan_id_for_year(2024), exclude="Văn phòng UBND tỉnh")]
        assert "Sở Tư pháp" in added and "Sở Nội vụ" in added
        assert not any(name.startswith(("UBND cấp", "các", "Các")) or "sở, ban, ngành" in name for name in added)
        assert "Văn phòng UBND tỉnh" not in added
        assert [u.name for u in units(store, 2024)] == added
        again = fill_from_plan(store, store.plan_id_for_year(2024), exclude="Văn phòng UBND tỉnh")
        assert again == []  # filling twice adds nobody twice
