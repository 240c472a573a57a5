"""The plan's issuer, level, province, title and year from the text around its table."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from conftest import PLANS
from kstthc_desktop.importers import extract
from kstthc_desktop.importers.docinfo import body_case, read_document


@pytest.mark.parametrize("lines, issuer, level, province, year", [
    (["UBND TỈNH ĐỒNG NAI", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Đồng Nai, ngày 05 tháng 01 năm 2025", "KẾ HOẠCH", "Kiểm soát thủ tục hành chính năm 2025"],
     "Sở Khoa học và Công nghệ", "department", "Đồng Nai", 2025),
    (["ỦY BAN NHÂN DÂN TỈNH CÀ MAU", "ỦY BAN NHÂN DÂN XÃ TÂN AN", "KẾ HOẠCH KIỂM SOÁT TTHC NĂM 2026"],
     "Ủy ban nhân dân xã Tân An", "commune", "Cà Mau", 2026),
    (["ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ", "Số: 12/KH-UBND", "KẾ HOẠCH", "Hoạt động kiểm soát TTHC năm 2023"],
     "Ủy ban nhân dân thành phố Cần Thơ", "province", "Cần Thơ", 2023),
    (["Căn cứ …, Ủy ban nhân dân (UBND) tỉnh Sóc Trăng ban hành Kế hoạch thực hiện năm 2022, như sau:"],
     "Ủy ban nhân dân tỉnh Sóc Trăng", "province", "Sóc Trăng", 2022),
    (["Số: /KH-SNV", "Đồng Nai, ngày tháng năm 2022", "KẾ HOẠCH", "Kiểm soát thủ tục hành chính năm 2022", "",
      "Trên đây là Kế hoạch kiểm soát thủ tục hành chính năm 2022 của Sở Nội vụ, yêu cầu các phòng thực hiện./."],
     "Sở Nội vụ", "department", "Đồng Nai", 2022),
])
def test_document_info(lines, issuer, level, province, year):
    doc = read_document(lines)
    assert (doc.issuer, doc.level, doc.province, doc.year) == (issuer, level, province, year)
    assert doc.title.startswith("KẾ HOẠCH") or not any(line.isupper() for line in lines)


def test_year_given_wins_and_no_title_is_empty():
    doc = read_document(["Bảng phân công"], year=2030)
    assert doc.year == 2030 and doc.title == "" and doc.issuer == ""


@pytest.mark.parametrize("lines, issuer, level, province", [
    # the header table read row by row: the issuer's cell, then the motto's cell, each on its own lines
    (["ỦY BAN NHÂN DÂN", "TỈNH SÓC TRĂNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
      "Số: 15/KH-UBND", "Sóc Trăng, ngày 10 tháng 01 năm 2022", "KẾ HOẠCH", "Kiểm soát TTHC năm 2022"],
     "Ủy ban nhân dân tỉnh Sóc Trăng", "province", "Sóc Trăng"),
    # a text export that ran the two columns into one line
    (["UBND TỈNH ĐỒNG NAI", "SỞ NỘI VỤ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
      "KẾ HOẠCH", "Kiểm soát TTHC năm 2022"],
     "Sở Nội vụ", "department", "Đồng Nai"),
    (["ỦY BAN NHÂN DÂN TỈNH VĨNH LONG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "KẾ HOẠCH", "Kiểm soát TTHC năm 2024"],
     "Ủy ban nhân dân tỉnh Vĩnh Long", "province", "Vĩnh Long"),
    # the place name keeps its capitals
    (["VĂN PHÒNG UBND TỈNH VĨNH LONG", "KẾ HOẠCH", "Kiểm soát TTHC năm 2024"],
     "Văn phòng UBND tỉnh Vĩnh Long", "department", "Vĩnh Long"),
])
def test_issuer_from_the_document_heading(lines, issuer, level, province):
    doc = read_document(lines)
    assert (doc.issuer, doc.level, doc.province) == (issuer, level, province)


@pytest.mark.parametrize("name, printed", [
    ("VĂN PHÒNG UBND TỈNH VĨNH LONG", "Văn phòng UBND tỉnh Vĩnh Long"),
    ("VĂN PHÒNG UBND TỈNH", "Văn phòng UBND tỉnh"),
    ("CỤC THI HÀNH ÁN DÂN SỰ TỈNH VĨNH LONG", "Cục Thi hành án dân sự tỉnh Vĩnh Long"),
    ("VĂN PHÒNG HĐND VÀ UBND THỊ XÃ BÌNH MINH", "Văn phòng HĐND và UBND thị xã Bình Minh"),
    ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Sở Khoa học và Công nghệ"),
    ("CHI CỤC THUẾ KHU VỰC II", "Chi cục Thuế khu vực II"),
])
def test_body_name_case(name, printed):
    assert body_case(name) == printed


def header_table_docx(source: Path, path: Path, issuer: str, motto: str) -> None:
    """The plan with its first paragraph (the issuer) replaced by the borderless two-column header table."""
    document = docx.Document(str(source))
    first = document.paragraphs[0]._p
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = issuer, motto
    table.cell(1, 0).text, table.cell(1, 1).text = "Số: 15/KH-UBND", "Vĩnh Long, ngày 10 tháng 01 năm 2024"
    first.addprevious(table._tbl)
    first.getparent().remove(first)
    document.save(str(path))


@pytest.mark.parametrize("issuer, motto, expected", [
    ("ỦY BAN NHÂN DÂN\nTỈNH VĨNH LONG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
     "Ủy ban nhân dân tỉnh Vĩnh Long"),
    ("ỦY BAN NHÂN DÂN TỈNH VĨNH LONG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Ủy ban nhân dân tỉnh Vĩnh Long"),
    ("UBND TỈNH VĨNH LONG\nSỞ NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", "Sở Nội vụ"),
])
def test_issuer_from_a_header_table_in_word(tmp_path, issuer, motto, expected):
    path = tmp_path / "ke-hoach.docx"
    header_table_docx(PLANS / "vinh-long-2024.docx", path, issuer, motto)
    doc = extract(path).document
    assert doc.issuer == expected
    assert doc.province == "Vĩnh Long"


def test_issuer_beside_the_motto_in_one_excel_row(tmp_path):
    workbook = openpyxl.load_workbook(PLANS / "soc-trang-2022.xlsx")
    sheet = workbook.worksheets[0]
    sheet.unmerge_cells(next(m.coord for m in sheet.merged_cells.ranges if m.min_row == 1))
    sheet["A1"], sheet["C1"] = "ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    sheet.merge_cells("A1:B1")
    sheet.merge_cells("C1:E1")
    path = tmp_path / "ke-hoach.xlsx"
    workbook.save(path)
    doc = extract(path).document
    assert (doc.issuer, doc.level, doc.province) == ("Ủy ban nhân dân tỉnh Sóc Trăng", "province", "Sóc Trăng")
