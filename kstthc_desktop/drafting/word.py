"""The body's plan as a Word document: a KẾ HOẠCH in the layout of Nghị định 30/2020/NĐ-CP, editable before signing.

The same page set-up, named styles, header table and signature block as the Word report (``reports/word.py``):
A4 portrait, the body's header and "Số: …/KH-…", place and date; "KẾ HOẠCH" and its title; I. MỤC ĐÍCH, YÊU
CẦU; II. NỘI DUNG; III. TỔ CHỨC THỰC HIỆN; the signature and "Nơi nhận"; then the task table as an appendix in a
landscape section, a real Word table whose heading row repeats on every page. ``kstthc import`` reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kstthc_desktop.domain import Plan, Settings
from kstthc_desktop.reports import word as w
from kstthc_desktop.text import nfc
from kstthc_desktop.vndates import long_date, text_date

#: Appendix columns: heading, width share of the landscape text width, centred
COLUMNS = (("STT", 6, True), ("Nội dung công việc", 30, False), ("Kết quả/sản phẩm", 16, False),
           ("Đơn vị chủ trì", 13, False), ("Đơn vị phối hợp", 13, False), ("Thời gian hoàn thành", 12, True),
           ("Ghi chú", 10, False))


@dataclass
class PlanText:
    """What ``reports.word.header`` and ``signature`` draw, for a plan."""

    number: str
    parent: str
    body_name: str
    place_date: str
    closing: str


_BLANK_NUMBER = "\u00a0" * 8  # the number is given by the e-office system when the plan is signed


def plan_number(settings: Settings) -> str:
    short = nfc(settings.body_short).strip()
    return f"{_BLANK_NUMBER}/KH-{short}" if short else f"{_BLANK_NUMBER}/KH"


def _plan_text(plan: Plan, settings: Settings, today: date) -> PlanText:
    body = nfc(settings.body_name or plan.document.issuer).strip().upper()
    return PlanText(plan_number(settings), nfc(settings.parent_body).strip().upper(), body,
                    long_date(today, nfc(settings.place_name).strip()), CLOSING)


def _body(plan: Plan, settings: Settings, source_title: str) -> list[tuple[str, str]]:
    """(style, text) paragraphs of the plan's body: purposes, contents by section, organisation."""
    year = plan.document.year
    who = nfc(plan.document.issuer).strip() or "cơ quan"
    basis = f"Căn cứ {source_title}" if source_title else "Căn cứ kế hoạch kiểm soát thủ tục hành chính của tỉnh"
    out = [("BCNoiDung", f"{basis}; {who} ban hành Kế hoạch kiểm soát thủ tục hành chính năm {year} như sau:"),
           ("BCMuc", "I. MỤC ĐÍCH, YÊU CẦU"), ("BCTieuMuc", "1. Mục đích"),
           ("BCNoiDung", "Triển khai kịp thời, đầy đủ các nhiệm vụ kiểm soát thủ tục hành chính, thực hiện cơ chế một "
                         "cửa, một cửa liên thông và thủ tục hành chính trên môi trường điện tử được giao; bảo đảm thủ "
                         "tục hành chính được công bố, công khai, giải quyết đúng quy định."),
           ("BCTieuMuc", "2. Yêu cầu"),
           ("BCNoiDung", "Xác định rõ nội dung công việc, thời hạn hoàn thành và trách nhiệm của từng đơn vị; bảo đảm "
                         "chất lượng, hiệu quả và tiến độ theo kế hoạch của tỉnh."),
           ("BCMuc", "II. NỘI DUNG"),
           ("BCNoiDung", f"Gồm {len([t for t in plan.tasks if not t.sub])} nhiệm vụ thuộc các nhóm sau (nội dung, kết "
                         "quả, đơn vị chủ trì, phối hợp và thời hạn của từng nhiệm vụ tại Phụ lục kèm theo):")]
    for number, section in enumerate(plan.sections, 1):
        count = sum(1 for t in plan.tasks if t.section == section.code and not t.sub)
        out.append(("BCNoiDung", f"{number}. {section.title.rstrip('.')} ({count} nhiệm vụ)."))
    leads = sorted({t.lead for t in plan.tasks if t.lead})
    lead = leads[0] if len(leads) == 1 else "Văn phòng"
    out += [("BCMuc", "III. TỔ CHỨC THỰC HIỆN"),
            ("BCNoiDung", f"1. {lead} chủ trì, theo dõi, đôn đốc việc thực hiện Kế hoạch; tổng hợp, báo cáo kết quả "
                          "theo định kỳ quý, 6 tháng, năm đúng thời hạn."),
            ("BCNoiDung", "2. Các đơn vị được giao nhiệm vụ tại Phụ lục chủ động triển khai, gửi kết quả về đầu mối "
                          "kiểm soát thủ tục hành chính trước thời hạn nêu tại Phụ lục.")]
    return out


#: The plan's last sentence: drawn with the signature block, so that a page never holds the signature alone.
CLOSING = ("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị kịp thời phản ánh để tổng hợp, báo "
           "cáo lãnh đạo xem xét, quyết định./.")


def _appendix(plan: Plan, pt: PlanText, today: date, width_mm: float) -> str:
    total = sum(share for _, share, _ in COLUMNS)
    widths = [w.tw(width_mm * share / total) for _, share, _ in COLUMNS]
    rows = [w.row("".join(w._cell(width, w.para("BCPhuLucTieuDe", heading), shade="E6E6E6")
                          for width, (heading, _, _) in zip(widths, COLUMNS, strict=False)), header=True)]
    rest = sum(widths[1:])
    for section in plan.sections:
        rows.append(w.row(w._cell(widths[0], w.para("BCPhuLucPhan", section.code))
                          + w._cell(rest, w.para("BCPhuLucPhan", section.title), span=len(widths) - 1)))
        for task in (t for t in plan.tasks if t.section == section.code):
            values = [task.stt if not task.sub else "", task.content, task.result, task.lead, task.cooperate,
                      task.deadline_text, task.note]
            cells = "".join(w._cell(width, w.para("BCPhuLucOGiua" if centre else "BCPhuLucO", value))
                            for width, value, (_, _, centre) in zip(widths, values, COLUMNS, strict=False))
            rows.append(w.row(cells))
    year = plan.document.year
    return (w.para("BCTrichYeu", "PHỤ LỤC")
            + w.para("BCTrichYeu", f"NHIỆM VỤ KIỂM SOÁT THỦ TỤC HÀNH CHÍNH NĂM {year}")
            + w.para("BCKy", f"(Kèm theo Kế hoạch số {pt.number} ngày {text_date(today)} của {plan.document.issuer})")
            + w.table("BCBang", widths, rows))


def write_plan_docx(plan: Plan, settings: Settings, out_path: Path, *, today: date, source_title: str = "") -> Path:
    """Write the plan as a Word KẾ HOẠCH to ``out_path`` (replacing any file there)."""
    from docx import Document
    from docx.enum.section import WD_SECTION

    from kstthc_desktop.errors import UserError

    pt = _plan_text(plan, settings, today)
    doc = Document()
    w._install_styles(doc)
    section = doc.sections[0]
    w._page_setup(section, landscape=False)
    w._page_numbers(section)
    portrait = w._sect_pr_xml(doc)
    section.different_first_page_header_footer = False
    sect_pr = section._sectPr
    for ref in sect_pr.findall(f"{{{w.W}}}headerReference") + sect_pr.findall(f"{{{w.W}}}footerReference"):
        sect_pr.remove(ref)
    w._page_setup(section, landscape=True)
    section.start_type = WD_SECTION.NEW_PAGE
    landscape = w._sect_pr_xml(doc)
    width = w.A4_MM[0] - w.MARGINS_MM["left"] - w.MARGINS_MM["right"]
    land_width = w.A4_MM[1] - w.MARGINS_MM["left"] - w.MARGINS_MM["right"]
    title = (w.para("BCTenLoai", "KẾ HOẠCH")
             + w.para("BCTrichYeu", f"Kiểm soát thủ tục hành chính năm {plan.document.year}") + w.rule(40, width))
    body = "".join(w.para(style, text) for style, text in _body(plan, settings, source_title))
    _sign = w.signature(pt, settings, width)
    w._set_body(doc, w.header(pt, width) + title + body + _sign
                + f"<w:p><w:pPr>{w._strip_ns(portrait)}</w:pPr></w:p>" + _appendix(plan, pt, today, land_width)
                + w._strip_ns(landscape))
    doc.core_properties.title = f"Kế hoạch kiểm soát thủ tục hành chính năm {plan.document.year}"
    doc.core_properties.author = nfc(plan.document.issuer)
    doc.core_properties.language = "vi-VN"
    out_path = Path(out_path)
    tmp = out_path.with_name(out_path.name + ".part")
    try:
        doc.save(str(tmp))
        tmp.replace(out_path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"Không ghi được tệp kế hoạch {out_path.name}: {exc.strerror or exc}.") from exc
    return out_path
