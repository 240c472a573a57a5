"""Where the report's pages break, as the officer sees it on paper: the signature never stands alone on a page,
and an appendix section row never ends a page without its first task."""

from __future__ import annotations

import json
import subprocess
import unicodedata
from datetime import date
from itertools import pairwise

import pytest

from kstthc_desktop.domain import Plan, Settings
from kstthc_desktop.reports.data import ReportTask
from kstthc_desktop.reports.pdf import MARGINS, MM, write_pdf
from kstthc_desktop.store import Store

from conftest import PLANS
from report_samples import SAMPLE_TEXTS, pdf_words, sample_data, sample_settings

CLOSING = "Trên đây là báo cáo tình hình, kết quả thực hiện công tác kiểm soát thủ tục hành chính"


def _page_texts(path) -> list[str]:
    """Each page's text (below the top margin's page number), whitespace folded."""
    from pypdf import PdfReader

    pages = len(PdfReader(str(path)).pages)
    texts = []
    for n in range(1, pages + 1):
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n), "-y", "45", "-W", "3000",
                              "-H", "3000", str(path), "-"], capture_output=True, text=True, check=True).stdout
        texts.append(" ".join(unicodedata.normalize("NFC", out).split()))
    return texts


def _check_signature_page(path) -> None:
    pages = _page_texts(path)
    signed = [i for i, text in enumerate(pages) if "Nơi nhận:" in text]
    assert len(signed) == 1, signed
    text = pages[signed[0]]
    assert CLOSING in text and "./." in text, f"page {signed[0] + 1} holds the signature without the body: {text!r}"
    assert text.index(CLOSING) < text.index("Nơi nhận:")


def test_dong_nai_quarter_two_signs_under_its_closing_sentence(tmp_path):
    """The case the officer reported: Sở Nội vụ Đồng Nai, Quý II năm 2022 (page 4 held only the signature)."""
    from kstthc_desktop.reports.data import build_report

    plan = Plan.from_json(json.loads((PLANS / "dong-nai-so-noi-vu-2022.json").read_text(encoding="utf-8")))
    with Store.open(tmp_path / "dn.sqlite3") as s:
        s.save_settings(Settings(
            parent_body="UBND TỈNH ĐỒNG NAI", body_name="SỞ NỘI VỤ", body_short="SNV", my_body="Sở Nội vụ",
            place_name="Đồng Nai", signer_authority="KT. GIÁM ĐỐC", signer_title="PHÓ GIÁM ĐỐC",
            signer_name="Trần Văn A", recipients=["Văn phòng UBND tỉnh;", "Lưu: VT, VP."]))
        data = build_report(s, s.save_plan(plan), "2022-Q2", date(2022, 6, 20))
        path = write_pdf(data, s.settings(), {}, tmp_path / "dn.pdf")
    _check_signature_page(path)


@pytest.mark.parametrize("paragraphs", range(0, 36, 4))
def test_signature_keeps_the_closing_sentence_wherever_the_page_ends(tmp_path, paragraphs):
    """However long the officer's proposals run (moving the end of the body down a page, one step at a time;
    whatever the font), the page with the signature also has the closing sentence."""
    texts = dict(SAMPLE_TEXTS, proposals="\n".join(f"Đề xuất số {i + 1}." for i in range(paragraphs)))
    path = write_pdf(sample_data(), sample_settings(), texts, tmp_path / "r.pdf")
    _check_signature_page(path)


def _stt_column(path) -> list[tuple[int, str]]:
    """(page, word) of the appendix's STT column, top to bottom, page by page (header cells left out)."""
    words = [w for w in pdf_words(path) if w["pw"] > w["ph"] and w["y0"] > MARGINS["top"]
             and MARGINS["left"] - 1 <= w["x0"] and w["x1"] <= MARGINS["left"] + 14 * MM + 1 and w["text"] != "STT"]
    return [(w["page"], w["text"]) for w in sorted(words, key=lambda w: (w["page"], w["y0"], w["x0"]))]


@pytest.mark.parametrize("extra", range(0, 18))
def test_appendix_section_row_goes_over_with_its_first_task(tmp_path, extra):
    """Rows added to section I move the later section rows down the landscape page, one row at a time: a section
    row ("II", "III") is never the last row of a page."""
    data = sample_data()
    first = data.sections[0]
    for i in range(extra):
        first.tasks.append(ReportTask(stt=str(100 + i), content=f"Nhiệm vụ thêm số {i + 1} về rà soát thủ tục hành "
                                      "chính của các phòng chuyên môn", status="IN_TIME",
                                      status_label="Chưa hoàn thành – trong hạn", lead="Văn phòng Sở", section="I",
                                      in_period=False))
    path = write_pdf(data, sample_settings(), SAMPLE_TEXTS, tmp_path / "r.pdf")
    column = _stt_column(path)
    labels = {s.label for s in data.sections}
    assert {word for _, word in column} >= labels
    for (page, word), (next_page, _) in pairwise(column):
        if word in labels:
            assert next_page == page, f"section row {word} ends page {page}; its tasks start on page {next_page}"
