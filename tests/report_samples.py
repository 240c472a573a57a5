"""Report data built by hand (no store) for the PDF / Excel / dialog tests, and PDF reading helpers."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from datetime import date

from kstthc_desktop.domain import Settings
from kstthc_desktop.reports.data import (
    STATUS_LABELS, NextTask, ReportData, ReportEvidence, ReportProgress, ReportSection, ReportTask,
)


def sample_settings() -> Settings:
    return Settings(
        parent_body="UBND tỉnh Sóc Trăng", body_name="Sở Khoa học và Công nghệ", body_short="SKHCN",
        my_body="Sở Khoa học và Công nghệ", place_name="Sóc Trăng", signer_authority="KT. Giám đốc",
        signer_title="Phó Giám đốc", signer_name="Nguyễn Văn An",
        recipients=["Văn phòng UBND tỉnh;", "Giám đốc, các PGĐ Sở;", "Lưu: VT, VP."],
    )


def _task(stt, content, status, *, lead="Văn phòng Sở", progress=(), evidence=(), due=None, deadline="", section=""):
    return ReportTask(
        stt=stt, content=content, status=status, status_label=STATUS_LABELS[status], lead=lead,
        deadline_text=deadline, due=due, section=section,
        progress=[ReportProgress(d, t, done) for d, t, done in progress],
        evidence=[ReportEvidence(citation=c, summary=s) for c, s in evidence],
        in_period=bool(progress or evidence or status in ("OVERDUE", "HAS_PROGRESS", "NO_PROGRESS")),
    )


def sample_data(extra_tasks: int = 0) -> ReportData:
    """Quý I năm 2025 of a small plan: every status, progress, evidence; NFD text on purpose."""
    nfd = unicodedata.normalize("NFD", "Rà soát, đánh giá thủ tục hành chính lĩnh vực khoa học")
    s1 = ReportSection("I", "Công tác chỉ đạo, điều hành", tasks=[
        _task("1", "Ban hành Kế hoạch kiểm soát thủ tục hành chính năm 2025", "DONE_ON_TIME",
              progress=[(date(2025, 1, 10), "Đã ban hành Kế hoạch", True)],
              evidence=[("Kế hoạch số 12/KH-SKHCN ngày 10/01/2025", "về kiểm soát thủ tục hành chính năm 2025")],
              due=date(2025, 1, 31), deadline="Tháng 01/2025", section="I"),
        _task("2", "Báo cáo tình hình, kết quả thực hiện kiểm soát thủ tục hành chính", "DONE_LATE",
              progress=[(date(2025, 3, 12), "Đã gửi báo cáo quý I", True)],
              evidence=[("Báo cáo số 15/BC-SKHCN ngày 12/3/2025", "")],
              due=date(2025, 3, 10), deadline="Hằng quý, trước ngày 10", section="I"),
    ])
    s2 = ReportSection("II", "Kiểm soát quy định thủ tục hành chính", tasks=[
        _task("3", nfd, "OVERDUE", lead="Phòng Quản lý chuyên ngành", due=date(2025, 2, 28),
              deadline="Tháng 02/2025", section="II"),
        _task("4", "Cập nhật, công khai thủ tục hành chính trên Cơ sở dữ liệu quốc gia", "HAS_PROGRESS",
              progress=[(date(2025, 1, 5), "Đã công khai 12 thủ tục hành chính mới", False),
                        (date(2025, 2, 20), "Cập nhật 3 thủ tục hành chính sửa đổi", False)],
              deadline="Thường xuyên", section="II"),
        _task("5", "Tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính", "NO_PROGRESS",
              deadline="Thường xuyên", section="II"),
        _task("6", "Tổ chức đối thoại với doanh nghiệp", "IN_TIME", due=date(2025, 9, 30),
              deadline="Quý III/2025", section="II"),
        _task("7", "Đánh giá tác động thủ tục hành chính khi có dự thảo", "NOT_ARISEN", deadline="Khi có phát sinh",
              section="II"),
    ])
    s3 = ReportSection("III", "Thực hiện cơ chế một cửa, một cửa liên thông", tasks=[
        _task("8", "Rà soát quy trình nội bộ giải quyết thủ tục hành chính", "UNSPECIFIED", lead="", section="III"),
    ])
    for i in range(extra_tasks):
        s3.tasks.append(_task(f"{9 + i}", f"Nhiệm vụ bổ sung số {i + 1} về số hóa hồ sơ, kết quả giải quyết "
                              "thủ tục hành chính tại Bộ phận Một cửa", "HAS_PROGRESS",
                              progress=[(date(2025, 2, 1), f"Số hóa {i + 10} hồ sơ", False)],
                              deadline="Thường xuyên", section="III"))
    return ReportData(
        plan_id=1, plan_title="Kế hoạch số 12/KH-SKHCN ngày 10/01/2025 của Sở Khoa học và Công nghệ",
        plan_year=2025, period_key="2025-Q1", period_kind="quarter", period_name="Quý I năm 2025",
        period_title="Quý I năm 2025 (từ ngày 15/12/2024 đến ngày 14/3/2025)",
        window_start=date(2024, 12, 15), window_end=date(2025, 3, 14), today=date(2025, 3, 17),
        sections=[s1, s2, s3], next_period_name="Quý II năm 2025",
        next_tasks=[NextTask("9", "Tổng kết 6 tháng công tác kiểm soát thủ tục hành chính", lead="Văn phòng Sở",
                             due=date(2025, 6, 13))],
    )


SAMPLE_TEXTS = {
    "number": "27",
    "date": "2025-03-17",
    "shortcomings": "Một số phòng chuyên môn chậm gửi báo cáo.\nNguyên nhân: nhân sự kiêm nhiệm.",
    "next_steps": "Đôn đốc các phòng gửi báo cáo đúng hạn.",
    "proposals": "Đề nghị Văn phòng UBND tỉnh tổ chức tập huấn nghiệp vụ.",
}


# ---- reading a PDF back ----

def pdf_text(path) -> str:
    """The whole text below the top margin (no page numbers breaking a sentence at a page end), NFC, whitespace
    folded to single spaces."""
    crop = ["-x", "0", "-y", "45", "-W", "3000", "-H", "3000"]  # points; the top margin is 56.7 pt
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", *crop, str(path), "-"], capture_output=True, text=True,
                         check=True)
    return " ".join(unicodedata.normalize("NFC", out.stdout).split())


def pdf_words(path) -> list[dict]:
    """Every word with its page size and box (pdftotext -bbox), in PDF points from the top-left."""
    out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    words, page = [], None
    for line in out.splitlines():
        m = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line)
        if m:
            page = {"n": (page or {"n": 0})["n"] + 1, "w": float(m[1]), "h": float(m[2])}
            continue
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m and page:
            words.append({"page": page["n"], "pw": page["w"], "ph": page["h"], "x0": float(m[1]), "y0": float(m[2]),
                          "x1": float(m[3]), "y1": float(m[4]), "text": m[5]})
    return words
