"""The plan's issuer, level, province, title and year from the text around its table."""

from __future__ import annotations

import pytest

from kstthc_desktop.importers.docinfo import read_document


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
