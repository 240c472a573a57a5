"""The report PDF read back: what the officer (and the province office) would check on paper."""

from __future__ import annotations

import re
import subprocess
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kstthc_desktop.reports.data import assessment
from kstthc_desktop.reports.pdf import MARGINS, write_pdf
from kstthc_desktop.reports.words import compose, task_sentence
from report_samples import SAMPLE_TEXTS, pdf_text, pdf_words, sample_data, sample_settings

A4 = (595.28, 841.89)
MM = 72 / 25.4


def check_report_pdf(path, data, settings, texts) -> None:
    """The checks every report must pass, whatever its plan (also used by the store-based tests)."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    first = reader.pages[0]
    assert (round(float(first.mediabox.width), 1), round(float(first.mediabox.height), 1)) == (595.3, 841.9)
    for page in reader.pages:  # A4, portrait or landscape (appendix)
        assert sorted(round(float(v), 1) for v in (page.mediabox.width, page.mediabox.height)) == [595.3, 841.9]

    text = pdf_text(path)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
                     settings.body_name.upper(), f"/BC-{settings.body_short}", data.summary_title,
                     data.period_title, "I. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN", "II. ĐÁNH GIÁ CHUNG",
                     "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", "IV. KIẾN NGHỊ, ĐỀ XUẤT", "Nơi nhận:", "PHỤ LỤC"):
        assert _squash(expected) in _squash(text), expected
    if settings.place_name:
        assert settings.place_name in text
    for line in assessment(data):
        assert _squash(line) in _squash(text), line
    # every paragraph the report composes (each task of the period in a sentence, or cited among the tasks still
    # in progress), and every document of the period
    for block in compose(data, settings, texts).blocks:
        if block.text:
            assert _squash(block.text) in _squash(text), block.text
    for task in data.all_tasks():
        if task.in_period:
            assert (_squash(task_sentence(task)) or task.cited or task.stt) in _squash(text), task.title
        for e in task.evidence if task.in_period else ():
            assert _squash(e.citation) in _squash(text), e.citation
    # the counts table matches the data: "<label> <count>" row by row, and the total
    counts = {k: v for k, v in data.counts_by_status().items() if v}
    for name, n in counts.items():  # a withdrawn task is listed below the total, outside it
        assert re.search(re.escape(_squash(data.label(name))) + r"(?: \(không tính vào tổng số\))?\s*" + str(n)
                         + r"\b", _squash(text)), name
    total = sum(n for name, n in counts.items() if name != "WITHDRAWN")
    total_rows = [w for w in pdf_words(path) if w["text"] == "100%"]
    assert any(
        any(o["page"] == w["page"] and abs(o["y0"] - w["y0"]) < 2 and o["text"] == str(total)
            for o in pdf_words(path))
        for w in total_rows
    ), "total row"
    for key in ("shortcomings", "proposals"):
        for para in (texts.get(key) or "").split("\n"):
            assert _squash(para) in _squash(text)

    # words stay inside the margins; only the page number lives in the top margin, never on page 1
    words = pdf_words(path)
    assert words
    numbers = {}
    for w in words:
        if w["y1"] <= MARGINS["top"] + 0.5:
            assert w["text"].isdigit() and w["page"] > 1, w
            assert abs((w["x0"] + w["x1"]) / 2 - (MARGINS["left"] + (w["pw"] - MARGINS["left"] - MARGINS["right"]) / 2)) < 3
            numbers[w["page"]] = int(w["text"])
            continue
        assert w["x0"] >= MARGINS["left"] - 0.5, w
        assert w["x1"] <= w["pw"] - MARGINS["right"] + 0.5, w
        assert w["y0"] >= MARGINS["top"] - 0.5, w
        assert w["y1"] <= w["ph"] - MARGINS["bottom"] + 0.5, w
    pages = len(reader.pages)
    assert numbers == {n: n for n in range(2, pages + 1)}

    # fonts: all embedded, one serif family (Times New Roman or Liberation Serif)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts
    for line in fonts:
        name, emb = line.split()[0], line.split()[-5]
        assert emb == "yes", line
        assert re.search(r"LiberationSerif|TimesNewRoman", name), line

    # the appendix: landscape, header row repeated on every one of its pages
    appendix = [i for i, p in enumerate(reader.pages) if float(p.mediabox.width) > float(p.mediabox.height)]
    assert appendix and appendix == list(range(appendix[0], pages))
    for i in appendix:
        page_text = _squash(reader.pages[i].extract_text())
        assert "STT" in page_text and "Nội dung nhiệm vụ" in page_text and "Tình trạng" in page_text


def _squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="module")
def big_pdf(tmp_path_factory):
    data = sample_data(extra_tasks=40)
    path = tmp_path_factory.mktemp("pdf") / "bao-cao.pdf"
    write_pdf(data, sample_settings(), SAMPLE_TEXTS, path)
    return path, data


def test_report_pdf_passes_the_layout_checks(big_pdf):
    path, data = big_pdf
    check_report_pdf(path, data, sample_settings(), SAMPLE_TEXTS)


def test_header_number_date_and_signature(big_pdf):
    path, _ = big_pdf
    text = pdf_text(path)
    assert "Số: 27/BC-SKHCN" in text
    assert "Sóc Trăng, ngày 17 tháng 3 năm 2025" in text
    assert "UBND TỈNH SÓC TRĂNG" in text
    assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text and "Nguyễn Văn An" in text
    assert "- Văn phòng UBND tỉnh;" in text and "- Lưu: VT, VP." in text
    assert "2/3 nhiệm vụ đến hạn đã hoàn thành, trong đó 1 đúng hạn, 1 quá hạn." in text


def test_text_is_drawn_in_nfc(big_pdf):
    """The plan typed in NFD (decomposed) still prints as ordinary NFC letters."""
    path, _ = big_pdf
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True).stdout
    assert "Rà soát, đánh giá thủ tục hành chính lĩnh vực khoa học" in " ".join(raw.split())
    assert unicodedata.normalize("NFC", raw) == raw


def test_no_page_number_on_page_one_and_tasks_next_period(big_pdf):
    path, _data = big_pdf
    first = [w for w in pdf_words(path) if w["page"] == 1 and w["y1"] <= MARGINS["top"]]
    assert first == []
    text = pdf_text(path)
    assert "Trong quý II năm 2025, tập trung thực hiện các nhiệm vụ sau:" in text
    assert "Tổng kết 6 tháng công tác kiểm soát thủ tục hành chính (chủ trì: Văn phòng Sở; thời hạn: 13/6/2025)" in text


def test_empty_officer_texts_leave_a_line_to_fill(tmp_path):
    path = tmp_path / "r.pdf"
    write_pdf(sample_data(), sample_settings(), {}, path)
    text = pdf_text(path)
    assert "……" in text
    words = [w for w in pdf_words(path) if w["page"] == 1]
    so = next(w for w in words if w["text"] == "Số:")
    blank = next(w for w in words if w["text"] == "/BC-SKHCN")  # a blank for the number, written by hand
    assert abs(so["y0"] - blank["y0"]) < 1 and blank["x0"] - so["x1"] > 10


def test_a_full_number_typed_is_printed_once(tmp_path):
    """Officers type the whole "số và ký hiệu"; it must not come out as "15/BC-SKHCN/BC-SKHCN"."""
    path = tmp_path / "r.pdf"
    write_pdf(sample_data(), sample_settings(), {"number": "15/BC-SKHCN"}, path)
    text = " ".join(pdf_text(path).split())
    assert "Số: 15/BC-SKHCN" in text and "Kèm theo Báo cáo số 15/BC-SKHCN ngày" in text
    assert "/BC-SKHCN/BC" not in text


def test_the_body_is_named_in_sentences_as_plans_write_it(tmp_path):
    """The header prints the name in capitals; the sentences use the officer's "my body" name, never a lower-cased
    header ("Sở khoa học và công nghệ", "ubnd")."""
    from dataclasses import replace

    path = tmp_path / "r.pdf"
    settings = replace(sample_settings(), body_name="SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    write_pdf(sample_data(), settings, {}, path)
    text = " ".join(pdf_text(path).split())
    assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in text
    assert ", Sở Khoa học và Công nghệ báo cáo tình hình, kết quả" in text and "của Sở Khoa học và Công nghệ./." in text
    assert "khoa học và công nghệ báo cáo" not in text


def test_many_entries_print_completions_and_the_latest(tmp_path):
    from datetime import date

    from kstthc_desktop.reports.data import ReportProgress

    data = sample_data()
    task = data.sections[1].tasks[1]
    task.progress = [ReportProgress(date(2025, 1, d), f"Cập nhật lần {d}", done=(d == 2)) for d in range(1, 11)]
    path = tmp_path / "r.pdf"
    write_pdf(data, sample_settings(), {}, path)
    text = pdf_text(path)
    printed = [d for d in range(1, 11) if re.search(rf"[Cc]ập nhật lần {d}\b", text)]
    assert printed == [2, 6, 7, 8, 9, 10]  # the completion, then the five latest
    assert "và 4 kết quả khác (chi tiết tại Phụ lục)" in text


def test_same_input_gives_the_same_file(tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    write_pdf(sample_data(), sample_settings(), SAMPLE_TEXTS, a)
    write_pdf(sample_data(), sample_settings(), SAMPLE_TEXTS, b)
    assert a.read_bytes() == b.read_bytes()


def test_markup_like_text_is_printed_as_typed(tmp_path):
    data = sample_data()
    data.sections[0].tasks[0].content = "Rà soát <b>quy trình</b> & biểu mẫu"
    path = tmp_path / "r.pdf"
    write_pdf(data, sample_settings(), {"proposals": "Đề nghị <tăng> kinh phí & nhân lực"}, path)
    text = pdf_text(path)
    assert "Rà soát <b>quy trình</b> & biểu mẫu" in text
    assert "Đề nghị <tăng> kinh phí & nhân lực" in text


def test_unwritable_target_is_a_user_error(tmp_path):
    from kstthc_desktop.errors import UserError

    with pytest.raises(UserError):
        write_pdf(sample_data(), sample_settings(), {}, tmp_path / "missing-folder" / "r.pdf")


def test_layout_stays_inside_the_legal_ranges():
    """Nghị định 30/2020: margins top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm; body 13–14 pt, first-line
    indent 1–1.27 cm, at least 6 pt between paragraphs, line spacing 1–1.5."""
    from kstthc_desktop.reports.pdf import _Styles

    assert 20 <= MARGINS["top"] / MM <= 25 and 20 <= MARGINS["bottom"] / MM <= 25
    assert 30 <= MARGINS["left"] / MM <= 35 and 15 <= MARGINS["right"] / MM <= 20
    st = _Styles()
    for style in (st.body, st.task, st.item, st.heading):
        assert 13 <= style.fontSize <= 14
        assert style.spaceAfter >= 6
        assert 1.0 <= style.leading / style.fontSize <= 1.5
    assert 1.0 <= st.body.firstLineIndent / MM / 10 <= 1.27 + 1e-9


def test_file_name_with_vietnamese_letters(tmp_path):
    path = tmp_path / "Báo cáo quý I năm 2025.pdf"
    write_pdf(sample_data(), sample_settings(), SAMPLE_TEXTS, path)
    assert "Quý I năm 2025" in pdf_text(path)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=400), word=st.text(alphabet="abcdđêơư/:._-0123456789", min_size=150,
                                                              max_size=300))
def test_any_typed_text_prints_inside_the_margins(tmp_path, text, word):
    """Whatever the officer types (markup characters, control characters, a 300-letter link) becomes a page."""
    data = sample_data()
    data.sections[0].tasks[0].content = f"{text} {word}"
    path = tmp_path / "fuzz.pdf"
    write_pdf(data, sample_settings(), {"shortcomings": text, "proposals": word}, path)
    for w in pdf_words(path):
        if w["y1"] > MARGINS["top"]:
            assert MARGINS["left"] - 0.5 <= w["x0"] and w["x1"] <= w["pw"] - MARGINS["right"] + 0.5, w
