"""The Word report an officer files: written by `kstthc report --out r.docx`, opened by LibreOffice and read back.

The store is a province plan seen from a department (Sở Thông tin và Truyền thông): its report covers the tasks it
leads or cooperates on, never the province office's own (issue 15 §2).
"""

from __future__ import annotations

import subprocess
from datetime import date

import pytest

from kstthc_desktop.domain import (
    Deadline, DeadlineKind, Evidence, Plan, PlanDocument, ProgressEntry, Section, Settings, Task,
)
from kstthc_desktop.store import Store

from report_samples import pdf_text, pdf_words

TODAY = date(2025, 3, 17)
OTHER_BODYS_TASK = "Xây dựng kế hoạch hoạt động kiểm soát thủ tục hành chính của tỉnh năm 2025"
MM = 72 / 25.4


def _dated(d):
    return Deadline(kind=DeadlineKind.DATED, due=d)


def department_settings(**changes) -> Settings:
    values = dict(parent_body="UBND tỉnh Sóc Trăng", body_name="Sở Thông tin và Truyền thông", body_short="STTTT",
                  my_body="Sở Thông tin và Truyền thông", place_name="Sóc Trăng", signer_authority="KT. GIÁM ĐỐC",
                  signer_title="PHÓ GIÁM ĐỐC", signer_name="Lâm Văn Bình",
                  recipients=["Văn phòng UBND tỉnh;", "Lưu: VT, VP."], report_deadlines={"quarter": 19, "year": 19})
    values.update(changes)
    return Settings(**values)


def make_province_db(path, settings: Settings | None = None):
    """The province's 2025 plan with a year of a department's work; returns the database path."""
    with Store.open(path) as s:
        s.save_settings(settings or department_settings())
        plan = Plan(
            document=PlanDocument(issuer="UBND tỉnh Sóc Trăng", year=2025, level="province",
                                  title="Kế hoạch kiểm soát thủ tục hành chính năm 2025 của tỉnh"),
            sections=[Section("I", "Công tác chỉ đạo, điều hành"),
                      Section("II", "Thực hiện thủ tục hành chính trên môi trường điện tử"),
                      Section("III", "Công tác truyền thông về kiểm soát thủ tục hành chính")],
            tasks=[
                Task(section="I", stt="1", content=OTHER_BODYS_TASK, lead="Văn phòng UBND tỉnh",
                     deadline_text="Tháng 01/2025", deadline=_dated(date(2025, 1, 31))),
                Task(section="I", stt="2", content="Ban hành Kế hoạch kiểm soát thủ tục hành chính năm 2025 của sở",
                     lead="Sở Thông tin và Truyền thông", deadline_text="15/02/2025",
                     deadline=_dated(date(2025, 2, 15))),
                Task(section="II", stt="1", content="Nâng cấp Cổng dịch vụ công của tỉnh",
                     lead="Sở Thông tin và Truyền thông", cooperate="Văn phòng UBND tỉnh",
                     deadline_text="Thường xuyên", deadline=Deadline(kind=DeadlineKind.CONTINUOUS)),
                Task(section="II", stt="2", content="Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
                     lead="Văn phòng UBND tỉnh", cooperate="Sở Thông tin và Truyền thông",
                     deadline_text="Thường xuyên", deadline=Deadline(kind=DeadlineKind.CONTINUOUS)),
                Task(section="II", stt="3", content="Kiểm tra việc số hóa hồ sơ tại các xã", lead="Sở Nội vụ",
                     deadline_text="Tháng 02/2025", deadline=_dated(date(2025, 2, 28))),
                Task(section="III", stt="1", content="Tuyên truyền về cải cách thủ tục hành chính",
                     lead="Sở Thông tin và Truyền thông", deadline_text="Quý II/2025",
                     deadline=_dated(date(2025, 6, 30))),
            ],
        )
        plan_id = s.save_plan(plan)
        ids = {(t.section, t.stt): t.id for t in s.tasks(plan_id)}
        done = s.add_progress(ProgressEntry(ids["I", "2"], date(2025, 1, 15), "Đã ban hành Kế hoạch", "due", done=True))
        s.add_evidence(Evidence(ids["I", "2"], "12/KH-STTTT", date(2025, 1, 15), progress_id=done,
                                summary="về kiểm soát thủ tục hành chính năm 2025"))
        s.add_progress(ProgressEntry(ids["II", "1"], date(2025, 2, 10),
                                     "Đã tích hợp 25 dịch vụ công trực tuyến toàn trình", "2025-Q1"))
    return path


def kstthc(*args: str) -> int:
    from kstthc_desktop.cli import main

    return main(list(args))


@pytest.fixture(scope="module")
def docx_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("word")
    db = make_province_db(folder / "kstthc.sqlite3")
    out = folder / "bao-cao.docx"
    assert kstthc("report", "--db", str(db), "--period", "2025-Q1", "--out", str(out), "--today", "2025-03-17") == 0
    return out


def to_pdf(docx_path):
    """The .docx converted by LibreOffice (headless), as the province office or a leader would open it."""
    from kstthc_desktop.reports.convert import docx_to_pdf, find_office

    if find_office() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return docx_to_pdf(docx_path, docx_path.parent / "pdf")


@pytest.fixture(scope="module")
def converted(docx_report):
    return to_pdf(docx_report)


def test_the_docx_has_the_decree_layout(docx_report):
    from docx import Document
    from docx.enum.section import WD_ORIENT

    doc = Document(str(docx_report))
    first, appendix = doc.sections[0], doc.sections[-1]
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    mm = {side: round(getattr(first, f"{side}_margin").mm, 1) for side in ("top", "bottom", "left", "right")}
    assert 20 <= mm["top"] <= 25 and 20 <= mm["bottom"] <= 25, mm  # stored in twips: 15 mm is 14.99
    assert 30 <= mm["left"] <= 35 and 15 <= mm["right"] <= 20, mm
    assert first.different_first_page_header_footer  # no number on page 1
    assert "PAGE" in first.header._element.xml
    assert appendix.orientation == WD_ORIENT.LANDSCAPE and round(appendix.page_width.mm) == 297
    body = doc.styles["BC Nội dung"]
    assert body.font.name == "Times New Roman" and 13 <= body.font.size.pt <= 14
    assert body.paragraph_format.first_line_indent.cm == pytest.approx(1.27, abs=0.01)
    assert body.paragraph_format.space_after.pt >= 6
    for name in ("BC Mục", "BC Tiểu mục", "BC Trích yếu", "BC Bảng", "BC Nơi nhận"):
        assert doc.styles[name] is not None
    tables = doc.tables
    header = tables[0]
    assert header.style.name == "BC Khung không viền" and len(header.columns) == 2
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.cell(0, 1).text
    assert "Số: " in header.cell(0, 0).text and "/BC-STTTT" in header.cell(0, 0).text
    appendix_table = tables[-1]
    assert appendix_table.rows[0].cells[0].text == "STT"
    assert "<w:tblHeader/>" in appendix_table.rows[0]._tr.xml  # repeated on every page
    summary = next(t for t in tables if t.rows[0].cells[0].text == "TT")
    assert summary.style.name == "BC Bảng" and summary.rows[-1].cells[1].text == "Tổng số"
    paragraphs = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in paragraphs
    assert 'w:val="vi-VN"' in doc.styles.element.xml  # spelling checked as Vietnamese


def test_libreoffice_reads_back_a4_times_the_header_figures_and_tasks(converted):
    from pypdf import PdfReader

    reader = PdfReader(str(converted))
    sizes = [sorted(round(float(v)) for v in (p.mediabox.width, p.mediabox.height)) for p in reader.pages]
    assert all(size == [595, 842] for size in sizes)
    assert float(reader.pages[0].mediabox.width) < float(reader.pages[0].mediabox.height)
    assert float(reader.pages[-1].mediabox.width) > float(reader.pages[-1].mediabox.height)  # the appendix
    fonts = subprocess.run(["pdffonts", str(converted)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert names and all(("TimesNewRoman" in n or "LiberationSerif" in n) for n in names), names

    text = pdf_text(converted)
    for expected in ("UBND TỈNH SÓC TRĂNG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc", "/BC-STTTT", "Sóc Trăng, ngày 17 tháng 3 năm 2025", "BÁO CÁO",
                     "I. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN", "II. ĐÁNH GIÁ CHUNG", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
                     "IV. KIẾN NGHỊ, ĐỀ XUẤT", "Nơi nhận:", "KT. GIÁM ĐỐC", "Lâm Văn Bình", "PHỤ LỤC"):
        assert expected in text, expected
    # the figures and the tasks
    assert "Ban hành Kế hoạch số 12/KH-STTTT ngày 15/01/2025 về kiểm soát thủ tục hành chính năm 2025." in text
    assert "Đã tích hợp 25 dịch vụ công trực tuyến toàn trình" in text
    assert "Tổng số" in text and "1/1 nhiệm vụ đến hạn đã hoàn thành" in text
    for task in ("Nâng cấp Cổng dịch vụ", "Số hóa hồ sơ", "Tuyên truyền về cải"):  # wrapped in table cells
        assert task in text, task
    # page numbers: centred in the top margin from page 2, none on page 1
    top = [w for w in pdf_words(converted) if w["y1"] <= 20 * MM]
    assert {w["page"] for w in top} == set(range(2, len(reader.pages) + 1))
    assert all(w["text"] == str(w["page"]) for w in top)
    assert all(abs((w["x0"] + w["x1"]) / 2 - (30 * MM + (w["pw"] - 45 * MM) / 2)) < 6 for w in top)


def test_the_dialog_and_the_command_line_name_word_files(tmp_path):
    from kstthc_desktop.reports.produce import format_for

    assert format_for(tmp_path / "Báo cáo.DOCX") == "docx"


def test_markup_and_control_characters_are_written_as_text(tmp_path):
    """What an officer or a pasted plan typed ("<b>", "&", a vertical tab from Word) never breaks the file."""
    from docx import Document

    from kstthc_desktop.reports.word import write_docx
    from report_samples import sample_data, sample_settings

    data = sample_data()
    data.sections[0].tasks[0].content = "Rà soát <b>quy trình</b> & biểu\x0b mẫu"
    path = write_docx(data, sample_settings(), {"proposals": "Đề nghị <tăng> kinh phí & nhân lực\x00"},
                      tmp_path / "r.docx")
    doc = Document(str(path))
    text = "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    assert "Rà soát <b>quy trình</b> & biểu mẫu" in text
    assert "Đề nghị <tăng> kinh phí & nhân lực" in text
