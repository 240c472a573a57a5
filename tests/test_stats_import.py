"""``kstthc stats``: one-stop exports of many layouts read to the figures a careful reader takes from them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import openpyxl
import pytest

from kstthc_desktop.cli import main

STATS = Path(__file__).parent / "fixtures" / "stats"
EXPORTS = sorted(STATS.glob("*.xlsx"))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_there_are_real_and_built_exports():
    assert len(EXPORTS) >= 7


@pytest.mark.parametrize("export", EXPORTS, ids=lambda p: p.stem)
def test_an_export_reads_to_its_expected_figures_exactly(export, capsys):
    status, out, err = run(capsys, "stats", "import", str(export), "--dry-run", "--json")
    assert status == 0, err
    got = json.loads(out)
    got.pop("period_key")
    assert got == json.loads(export.with_suffix(".json").read_text(encoding="utf-8"))


def _write(path: Path, rows: list[list], *, hidden: str = "") -> Path:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    if hidden:
        wb.active.column_dimensions[hidden].hidden = True
    wb.save(path)
    return path


HEAD = ["STT", "Lĩnh vực", "Tổng tiếp nhận", "Trực tuyến", "Trực tiếp", "Kỳ trước", "Đã giải quyết", "Trước hạn",
        "Đúng hạn", "Quá hạn", "Đang giải quyết", "Trong hạn", "Quá hạn"]


def test_a_row_that_breaks_an_identity_is_kept_as_printed_and_flagged(tmp_path, capsys):
    export = _write(tmp_path / "sai.xlsx", [["Đơn vị: Sở Y tế"], ["Từ ngày 15/03/2025 đến ngày 14/06/2025"], HEAD,
                                            [1, "Dược", 10, 5, 4, 0, 8, 2, 6, 0, 2, 2, 0]])
    status, out, err = run(capsys, "stats", "import", str(export), "--dry-run", "--json")
    assert status == 0
    row = json.loads(out)["rows"][0]
    assert (row["received_total"], row["received_online"], row["received_direct"], row["received_carried"]) == (
        10, 5, 4, 0)  # not "corrected" to 9
    assert 'Dòng "Dược": (3) phải bằng (4) + (5) + (6), nhưng 10 ≠ 5 + 4 + 0.' in err


def test_a_file_on_calendar_dates_goes_to_the_matching_period_with_a_note(tmp_path, capsys):
    db = tmp_path / "k.sqlite3"
    status, out, err = run(capsys, "stats", "import", str(STATS / "ngay-duong-lich.xlsx"), "--db", str(db))
    assert status == 0, err
    assert "vào kỳ Quý I/2025" in out
    assert "ngày dương lịch" in err


def test_dates_that_match_no_period_are_refused_naming_them(tmp_path, capsys):
    export = _write(tmp_path / "lech.xlsx", [["Đơn vị: Sở Y tế"], ["Từ ngày 03/02/2025 đến ngày 20/05/2025"], HEAD,
                                             [1, "Dược", 9, 5, 4, 0, 7, 1, 6, 0, 2, 2, 0]])
    db = tmp_path / "k.sqlite3"
    status, _, err = run(capsys, "stats", "import", str(export), "--db", str(db))
    assert status == 1
    assert "từ ngày 03/02/2025 đến ngày 20/5/2025" in err and "--period" in err


def test_a_period_given_against_the_files_dates_stores_with_a_warning(tmp_path, capsys):
    db = tmp_path / "k.sqlite3"
    export = STATS / "thong-ke-so-tu-phap-vinh-long-2025-q3.xlsx"
    status, out, err = run(capsys, "stats", "import", str(export), "--db", str(db), "--period", "2025-Q2")
    assert status == 0
    assert "khác kỳ Quý II/2025" in err
    status, out, _ = run(capsys, "stats", "show", "--db", str(db), "--period", "2025-Q2", "--json")
    assert json.loads(out)["total"]["received_total"] == 206


def test_stats_show_adds_up_every_unit_of_the_period(tmp_path, capsys):
    db = tmp_path / "k.sqlite3"
    for name in ("mot-dong-viet-tat", "tach-truc-tuyen"):  # two units' figures for Quý II/2025, same fields
        status, _, err = run(capsys, "stats", "import", str(STATS / f"{name}.xlsx"), "--db", str(db),
                             "--unit", "Phòng A" if name.startswith("mot") else "Phòng B")
        assert status == 0, err
    status, out, _ = run(capsys, "stats", "show", "--db", str(db), "--period", "2025-Q2", "--json")
    data = json.loads(out)
    one = json.loads((STATS / "mot-dong-viet-tat.json").read_text(encoding="utf-8"))
    assert data["units"] == ["Phòng A", "Phòng B"]
    assert data["total"] == {k: 2 * v for k, v in one["total"].items()}
    assert [r["name"] for r in data["rows"]] == [r["name"] for r in one["rows"]]
    assert data["rows"][0]["received_total"] == 2 * one["rows"][0]["received_total"]
    status, out, _ = run(capsys, "stats", "show", "--db", str(db), "--period", "2025-Q2", "--unit", "phòng a",
                         "--json")
    assert json.loads(out)["total"] == one["total"]


def test_a_corrected_export_replaces_the_units_figures_and_the_first_stays_in_history(tmp_path, capsys):
    from kstthc_desktop.store import Store
    from kstthc_desktop.store.figures import current_figures, replaced_figures

    db = tmp_path / "k.sqlite3"
    head = [["Đơn vị: Sở Y tế"], ["Từ ngày 15/03/2025 đến ngày 14/06/2025"], HEAD]
    first = _write(tmp_path / "lan1.xlsx", [*head, [1, "Dược", 9, 5, 4, 0, 7, 1, 6, 0, 2, 2, 0]])
    second = _write(tmp_path / "lan2.xlsx", [*head, [1, "Dược", 11, 7, 4, 0, 9, 3, 6, 0, 2, 2, 0]])
    for export in (first, second):
        assert run(capsys, "stats", "import", str(export), "--db", str(db))[0] == 0
    with Store.open(db) as store:
        now = current_figures(store, "ho-so-tthc", "2025-Q2")
        assert [s.figures.effective_total()["received_total"] for s in now] == [11]
        assert [s.figures.effective_total()["received_total"] for s in replaced_figures(store, "ho-so-tthc", "2025-Q2",
                                                                              "Sở Y tế")] == [9]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name, content, words", [
    ("cu.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "lưu lại dưới dạng .xlsx"),
    ("hong.xlsx", b"PK\x03\x04 not really a zip", "bị hỏng"),
    ("rong.xlsx", b"", "rỗng"),
    ("van-ban.txt", b"STT\tLinh vuc", "không phải bảng tính Excel"),
])
def test_a_bad_file_gets_one_sentence_and_leaves_the_database_untouched(tmp_path, capsys, name, content, words):
    db = tmp_path / "k.sqlite3"
    assert run(capsys, "stats", "import", str(STATS / "cot-ma-an.xlsx"), "--db", str(db))[0] == 0
    before = _digest(db)
    bad = tmp_path / name
    bad.write_bytes(content)
    status, _out, err = run(capsys, "stats", "import", str(bad), "--db", str(db))
    assert status == 1 and words in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert _digest(db) == before


def test_a_workbook_without_a_statistics_table_is_refused(tmp_path, capsys):
    other = _write(tmp_path / "kehoach.xlsx", [["STT", "Nội dung", "Chủ trì", "Thời hạn"], [1, "Rà soát", "Sở", "Quý I"]])
    status, _, err = run(capsys, "stats", "import", str(other), "--dry-run")
    assert status == 1 and "Không tìm thấy bảng số liệu hồ sơ" in err


def test_the_unit_falls_back_to_the_officers_body_and_is_refused_when_unknown(tmp_path, capsys):
    from kstthc_desktop.store import Store

    export = _write(tmp_path / "khong-ten.xlsx", [["Từ ngày 15/03/2025 đến ngày 14/06/2025"], HEAD,
                                                  [1, "Dược", 9, 5, 4, 0, 7, 1, 6, 0, 2, 2, 0]])
    db = tmp_path / "k.sqlite3"
    status, _, err = run(capsys, "stats", "import", str(export), "--db", str(db))
    assert status == 1 and "--unit" in err
    with Store.open(db) as store:
        settings = store.settings()
        settings.my_body = "Sở Y tế"
        store.save_settings(settings)
    status, out, _ = run(capsys, "stats", "import", str(export), "--db", str(db))
    assert status == 0 and "Sở Y tế" in out


def test_a_bad_file_makes_no_database_where_there_was_none(tmp_path, capsys):
    bad = tmp_path / "hong.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    status, _, err = run(capsys, "stats", "import", str(bad), "--db", str(tmp_path / "moi.sqlite3"))
    assert status == 1 and "bị hỏng" in err
    assert not (tmp_path / "moi.sqlite3").exists()
