"""The report as a PDF in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I (DOMAIN.md §7), with reportlab platypus.

A4 portrait, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman (or the metric-compatible
Liberation Serif) embedded; body 13 pt justified with a 1.27 cm first-line indent and 6 pt between paragraphs;
page numbers centred in the top margin from page 2; the appendix table on landscape pages with its header row
repeated. The output is byte-for-byte reproducible (reportlab's invariant mode) so its SHA-256 identifies it.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from kstthc_desktop.domain import Settings
from kstthc_desktop.reports.data import (
    OUTSIDE_TOTAL, OUTSIDE_TOTAL_NOTE, ReportData, assessment, next_period_lines, printed_progress, report_date,
    trim_end,
)
from kstthc_desktop.status import Status
from kstthc_desktop.text import nfc
from kstthc_desktop.vndates import long_date, text_date

MM = 72 / 25.4
MARGINS = {"top": 20 * MM, "bottom": 20 * MM, "left": 30 * MM, "right": 15 * MM}
BODY_SIZE = 13
INDENT = 1.27 / 2.54 * 72  # 1.27 cm
PAGE_NUMBER_SIZE = 13
_BLANK_NUMBER = "\u00a0" * 8


def _p(text: str) -> str:
    """Officer or plan text made safe for a Paragraph: NFC, XML-escaped, line breaks kept."""
    return escape(nfc(text)).replace("\n", "<br/>")


class _Styles:
    def __init__(self):
        from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
        from reportlab.lib.styles import ParagraphStyle

        from kstthc_desktop.reports.fonts import register_fonts

        f = self.fonts = register_fonts()
        base = ParagraphStyle("base", fontName=f.regular, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.2,
                              bulletFontName=f.regular)
        self.body = ParagraphStyle("body", base, alignment=TA_JUSTIFY, firstLineIndent=INDENT, spaceAfter=6)
        self.heading = ParagraphStyle("heading", self.body, fontName=f.bold, spaceBefore=6)
        self.subheading = ParagraphStyle("subheading", self.body, fontName=f.bold)
        self.task = ParagraphStyle("task", self.body, fontName=f.bolditalic)  # 6 pt after every paragraph
        self.item = ParagraphStyle("item", self.body)
        self.center = ParagraphStyle("center", base, alignment=TA_CENTER)
        self.h_parent = ParagraphStyle("h_parent", self.center, fontSize=12, leading=14)
        self.h_body = ParagraphStyle("h_body", self.h_parent, fontName=f.bold)
        self.h_number = ParagraphStyle("h_number", self.center, fontSize=13, leading=15)
        self.h_nation = ParagraphStyle("h_nation", self.center, fontName=f.bold, fontSize=12, leading=14)
        self.h_motto = ParagraphStyle("h_motto", self.center, fontName=f.bold, fontSize=13, leading=15)
        self.h_date = ParagraphStyle("h_date", self.center, fontName=f.italic, fontSize=13, leading=15)
        self.title = ParagraphStyle("title", self.center, fontName=f.bold, fontSize=14, leading=17, spaceBefore=18)
        self.summary = ParagraphStyle("summary", self.title, spaceBefore=0)
        self.period = ParagraphStyle("period", self.center, fontName=f.italic, spaceBefore=6, spaceAfter=12)
        self.cell = ParagraphStyle("cell", base, fontSize=11, leading=13, alignment=TA_LEFT)
        self.cell_c = ParagraphStyle("cell_c", self.cell, alignment=TA_CENTER)
        self.cell_h = ParagraphStyle("cell_h", self.cell_c, fontName=f.bold)
        self.cell_b = ParagraphStyle("cell_b", self.cell, fontName=f.bold)
        self.table = ParagraphStyle("table", base, fontSize=12, leading=14.5)
        self.table_c = ParagraphStyle("table_c", self.table, alignment=TA_CENTER)
        self.table_h = ParagraphStyle("table_h", self.table_c, fontName=f.bold)
        self.caption = ParagraphStyle("caption", self.center, fontName=f.bold, spaceBefore=6, spaceAfter=6)
        self.recipients_h = ParagraphStyle("recipients_h", base, fontName=f.bolditalic, fontSize=12, leading=14)
        self.recipients = ParagraphStyle("recipients", base, fontSize=11, leading=13)
        self.sign = ParagraphStyle("sign", self.center, fontName=f.bold)


def _line(width_pt: float, thickness: float = 0.6, space_before: float = 3, space_after: float = 4):
    from reportlab.platypus.flowables import HRFlowable

    return HRFlowable(width=width_pt, thickness=thickness, color="black", hAlign="CENTER",
                      spaceBefore=space_before, spaceAfter=space_after)


def _header(data: ReportData, settings: Settings, texts: dict, st: _Styles, frame_width: float):
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph, Table, TableStyle

    left_w = 68 * MM
    right_w = frame_width - left_w
    left = []
    if settings.parent_body.strip():
        left.append(Paragraph(_p(settings.parent_body.upper()), st.h_parent))
    left.append(Paragraph(_p((settings.body_name or settings.my_body or "").upper()), st.h_body))
    left.append(_line(22 * MM))
    left.append(Paragraph(f"Số: {escape(report_number(texts, settings))}", st.h_number))
    motto = "Độc lập - Tự do - Hạnh phúc"
    when = report_date(data, texts)
    right = [
        Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", st.h_nation),
        Paragraph(motto, st.h_motto),
        _line(stringWidth(motto, st.fonts.bold, st.h_motto.fontSize)),
        Paragraph(_p(long_date(when, nfc(settings.place_name).strip())), st.h_date),
    ]
    table = Table([[left, right]], colWidths=[left_w, right_w])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("FONTNAME", (0, 0), (-1, -1), st.fonts.regular),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def _counts_table(data: ReportData, st: _Styles, width: float):
    from reportlab.platypus import Paragraph, Table

    all_counts = {k: v for k, v in data.counts_by_status().items() if v}
    counts = {k: v for k, v in all_counts.items() if k not in OUTSIDE_TOTAL}
    total = data.total()
    rows = [[Paragraph("TT", st.table_h), Paragraph("Tình trạng", st.table_h),
             Paragraph("Số nhiệm vụ", st.table_h), Paragraph("Tỷ lệ", st.table_h)]]
    for i, (name, n) in enumerate(counts.items(), 1):
        share = f"{100 * n / total:.1f}%".replace(".", ",") if total else "0%"
        rows.append([Paragraph(str(i), st.table_c), Paragraph(_p(data.label(name)), st.table),
                     Paragraph(str(n), st.table_c), Paragraph(share, st.table_c)])
    rows.append(["", Paragraph("Tổng số", st.table_h), Paragraph(str(total), st.table_h),
                 Paragraph("100%" if total else "0%", st.table_h)])
    for name in OUTSIDE_TOTAL:  # withdrawn tasks: shown, below the total and outside it
        if all_counts.get(name):
            rows.append(["", Paragraph(_p(f"{data.label(name)} ({OUTSIDE_TOTAL_NOTE})"), st.table),
                         Paragraph(str(all_counts[name]), st.table_c), Paragraph("–", st.table_c)])
    table = Table(rows, colWidths=[12 * MM, width - 62 * MM, 28 * MM, 22 * MM], repeatRows=1)
    table.setStyle(_grid())
    return table


def _grid():
    from reportlab.platypus import TableStyle

    from kstthc_desktop.reports.fonts import register_fonts

    return TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), register_fonts().regular),
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ])


def _part_one(data: ReportData, st: _Styles, width: float) -> list:
    from reportlab.platypus import KeepTogether, Paragraph

    story = [Paragraph("I. KẾT QUẢ THỰC HIỆN", st.heading)]
    number = 0
    for section in data.sections:
        tasks = [t for t in section.tasks if t.in_period]
        if not tasks:
            continue
        number += 1
        story.append(Paragraph(f"{number}. {_p(section.title or section.label)}", st.subheading))
        for t in tasks:
            head = f"Nhiệm vụ {_p(t.stt)}: {_p(t.title)}" if t.stt else _p(t.title)
            facts = [f"tình trạng: {_p(t.status_label)}"]
            if t.lead:
                facts.insert(0, f"chủ trì: {_p(trim_end(t.lead))}")
            if t.due:
                facts.append(f"thời hạn: {text_date(t.due)}")
            story.append(Paragraph(f"{head} <font name='{st.fonts.italic}'>({'; '.join(facts)})</font>", st.task))
            if t.progress:
                shown, left_out = printed_progress(t)
                story += [Paragraph(f"- {_p(p.text.rstrip('.'))} (ngày {text_date(p.entry_date)}).", st.item)
                          for p in shown]
                if left_out:
                    story.append(Paragraph(f"- Và {left_out} lần cập nhật kết quả khác trong kỳ "
                                           "(liệt kê đầy đủ trong tệp Excel của báo cáo).", st.item))
            elif t.status in (Status.DONE_ON_TIME, Status.DONE_LATE):
                story.append(Paragraph("- Đã hoàn thành trước kỳ báo cáo.", st.item))
            else:
                story.append(Paragraph("- Chưa có kết quả trong kỳ.", st.item))
            if t.evidence:
                story.append(Paragraph("- Văn bản: " + "; ".join(_p(trim_end(e.text)) for e in t.evidence) + ".", st.item))
    if number == 0:
        story.append(Paragraph("Trong kỳ không có nhiệm vụ đến hạn hoặc có kết quả.", st.body))
    story.append(KeepTogether([Paragraph("Bảng tổng hợp tình trạng thực hiện nhiệm vụ", st.caption),
                               _counts_table(data, st, width)]))  # a table of at most ten rows: never split
    return story


def _officer(text: str, st: _Styles) -> list:
    """The officer's own paragraphs; a dotted line to fill by hand when none were written."""
    from reportlab.platypus import Paragraph

    paras = [p.strip() for p in nfc(text or "").split("\n") if p.strip()]
    return [Paragraph(_p(p), st.body) for p in paras] or [Paragraph("…" * 20, st.body)]


def _signature(settings: Settings, st: _Styles, width: float, closing=None):
    """"Nơi nhận" and the signer, kept on one page with ``closing`` (the body's last paragraph): an official
    document never has a page holding only the signature."""
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

    left = [Paragraph("Nơi nhận:", st.recipients_h)]
    for r in settings.recipients or []:
        r = nfc(r).strip()
        if r:
            left.append(Paragraph(_p(r if r.startswith("-") else f"- {r}"), st.recipients))
    right = []
    for line in (settings.signer_authority, settings.signer_title):
        if nfc(line).strip():
            right.append(Paragraph(_p(nfc(line).strip().upper()), st.sign))
    right.append(Spacer(1, 28 * MM))
    if nfc(settings.signer_name).strip():
        right.append(Paragraph(_p(nfc(settings.signer_name).strip()), st.sign))
    table = Table([[left, right]], colWidths=[width * 0.5, width * 0.5])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), st.fonts.regular),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
    ]))
    return KeepTogether(([closing] if closing is not None else []) + [Spacer(1, 6), table])


def _appendix(data: ReportData, settings: Settings, texts: dict, st: _Styles, width: float) -> list:
    from reportlab.platypus import LongTable, Paragraph

    when = report_date(data, texts)
    story = [
        Paragraph("PHỤ LỤC", st.summary),
        Paragraph(f"Tình trạng thực hiện các nhiệm vụ {_p(data.period_name[:1].lower() + data.period_name[1:])}",
                  st.summary),
        Paragraph(f"(Kèm theo Báo cáo số {escape(report_number(texts, settings))} ngày {text_date(when)})",
                  st.period),
    ]
    cols = [14 * MM, 0, 38 * MM, 30 * MM, 32 * MM, 70 * MM]
    cols[1] = width - sum(cols)
    rows = [[Paragraph(h, st.cell_h) for h in
             ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tình trạng", "Kết quả, văn bản trong kỳ")]]
    style = list(_grid().getCommands()) + [("BACKGROUND", (0, 0), (-1, 0), "#e6e6e6")]
    for section in data.sections:
        r = len(rows)
        rows.append([Paragraph(_p(section.label), st.cell_b), Paragraph(_p(section.title), st.cell_b)] + [""] * 4)
        style.append(("SPAN", (1, r), (-1, r)))
        if section.tasks:  # a section row never ends a page alone: it goes over with its first task
            style.append(("NOSPLIT", (0, r), (-1, r + 1)))
        for t in section.tasks:
            deadline = t.deadline_text or ""
            if t.due and text_date(t.due) not in deadline:
                deadline = f"{deadline}\n(hạn {text_date(t.due)})".strip()
            done = _p(_short(_appendix_results(t)))
            rows.append([Paragraph(_p(_short(t.stt, 20)), st.cell_c), Paragraph(_p(_short(t.title)), st.cell),
                         Paragraph(_p(_short(t.lead, 300)), st.cell), Paragraph(_p(_short(deadline, 300)), st.cell),
                         Paragraph(_p(t.status_label), st.cell_b if t.overdue else st.cell), Paragraph(done, st.cell)])
    # LongTable: splits page by page without re-measuring the rest each time. Rows are never split (reportlab's
    # splitInRow draws the continuation over the repeated header), so cells are capped by _short().
    table = LongTable(rows, colWidths=cols, repeatRows=1)
    from reportlab.platypus import TableStyle

    table.setStyle(TableStyle(style))
    story.append(table)
    return story


#: The most characters an appendix cell prints (about 20 lines of its narrowest wide column): a row must fit
#: on one landscape page; the full text is in part I and in the workbook.
APPENDIX_CELL_CHARS = 900


def _short(text: str, limit: int = APPENDIX_CELL_CHARS) -> str:
    text = nfc(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _appendix_results(task) -> str:
    """The appendix's short "Kết quả trong kỳ" (part I has the details): the documents by number and date,
    else the latest entry and how many there were."""
    if task.evidence:
        return "; ".join(f"{e.number} ngày {text_date(e.issued)}" if e.issued and e.number else e.citation
                         for e in task.evidence)
    if not task.progress:
        return ""
    latest = task.progress[-1].text
    return f"{latest} ({len(task.progress)} lần cập nhật)" if len(task.progress) > 1 else latest


def _plan_name(data: ReportData) -> str:
    """How the opening sentence names the plan: its title when written in ordinary case (plans often print
    it in capitals, which would shout in the middle of a sentence), else "Kế hoạch … năm Y"."""
    title = nfc(data.plan_title).strip().rstrip(".")
    if title and title != title.upper() and title.lower().startswith("kế hoạch") and not title.startswith("KẾ HOẠCH"):
        return title
    year = f" năm {data.plan_year}" if data.plan_year else ""
    return f"Kế hoạch kiểm soát thủ tục hành chính{year}"


def report_number(texts: dict, settings: Settings) -> str:
    """The report's "số và ký hiệu": the number typed in the report dialog followed by "/BC-<short name>", or the
    whole "15/BC-SNV" when that is what was typed; blank space to be filled by hand when none was typed."""
    number = nfc((texts or {}).get("number", "")).strip()
    if "/" in number:
        return number
    short = nfc(settings.body_short).strip()
    return f"{number or _BLANK_NUMBER}/BC-{short}" if short else f"{number or _BLANK_NUMBER}/BC"


def build_story(data: ReportData, settings: Settings, texts: dict, st: _Styles, width: float, land_width: float):
    from reportlab.platypus import NextPageTemplate, PageBreak, Paragraph

    texts = texts or {}
    story = [
        _header(data, settings, texts, st, width),
        Paragraph("BÁO CÁO", st.title),
        Paragraph(_p(data.summary_title), st.summary),
        _line(40 * MM, space_before=4, space_after=2),
        Paragraph(_p(f"Kỳ báo cáo: {data.period_title}"), st.period),
    ]
    plan = _plan_name(data)
    who = nfc(settings.body_in_text)
    name_lower = data.period_name[:1].lower() + data.period_name[1:]
    story.append(Paragraph(_p(f"Thực hiện {plan}, {who or 'cơ quan'} báo cáo kết quả thực hiện công tác kiểm soát "
                              f"thủ tục hành chính {name_lower} như sau:"), st.body))
    story += _part_one(data, st, width)
    story.append(Paragraph("II. ĐÁNH GIÁ CHUNG", st.heading))
    story.append(Paragraph("1. Kết quả đạt được", st.subheading))
    story += [Paragraph(_p(s), st.body) for s in assessment(data)]
    if nfc(texts.get("achievements", "")).strip():
        story += _officer(texts["achievements"], st)
    story.append(Paragraph("2. Tồn tại, hạn chế và nguyên nhân", st.subheading))
    story += _officer(texts.get("shortcomings", ""), st)
    story.append(Paragraph("III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", st.heading))
    lines = next_period_lines(data)
    if lines:
        next_lower = data.next_period_name[:1].lower() + data.next_period_name[1:]
        story.append(Paragraph(_p(f"Trong {next_lower}, tập trung thực hiện các nhiệm vụ sau:"), st.body))
        story += [Paragraph(_p(f"- {s}"), st.body) for s in lines]
    if nfc(texts.get("next_steps", "")).strip() or not lines:
        story += _officer(texts.get("next_steps", ""), st)
    story.append(Paragraph("IV. KIẾN NGHỊ, ĐỀ XUẤT", st.heading))
    story += _officer(texts.get("proposals", ""), st)
    closing = Paragraph(_p(f"Trên đây là báo cáo kết quả thực hiện công tác kiểm soát thủ tục hành chính "
                           f"{name_lower} của {who or 'cơ quan'}./."), st.body)
    story.append(_signature(settings, st, width, closing))
    story += [NextPageTemplate("landscape"), PageBreak()]
    story += _appendix(data, settings, texts, st, land_width)
    return story


def _page_number(canvas, doc):
    """Page numbers centred in the top margin, none on page 1 (Nghị định 30/2020)."""
    if doc.page <= 1:
        return
    from kstthc_desktop.reports.fonts import register_fonts

    w, h = canvas._pagesize
    canvas.saveState()
    canvas.setFont(register_fonts().regular, PAGE_NUMBER_SIZE)
    canvas.drawCentredString(MARGINS["left"] + (w - MARGINS["left"] - MARGINS["right"]) / 2,
                             h - MARGINS["top"] / 2 - PAGE_NUMBER_SIZE / 3, str(doc.page))
    canvas.restoreState()


def write_pdf(report_data: ReportData, settings: Settings, texts: dict | None, out_path) -> Path:
    """Write the report to ``out_path`` (any existing file is replaced) and return the path."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    out_path = Path(out_path)
    st = _Styles()
    portrait_size, land_size = A4, landscape(A4)

    def frame(size, name):
        return Frame(MARGINS["left"], MARGINS["bottom"], size[0] - MARGINS["left"] - MARGINS["right"],
                     size[1] - MARGINS["top"] - MARGINS["bottom"], id=name,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    doc = BaseDocTemplate(
        str(out_path), pagesize=portrait_size, invariant=1,
        leftMargin=MARGINS["left"], rightMargin=MARGINS["right"], topMargin=MARGINS["top"],
        bottomMargin=MARGINS["bottom"], initialFontName=st.fonts.regular,
        title=report_data.summary_title, author=nfc(settings.body_name), creator="KSTTHC Desktop",
        subject=report_data.period_title, lang="vi-VN",
    )
    doc.addPageTemplates([
        PageTemplate("portrait", frames=[frame(portrait_size, "p")], pagesize=portrait_size, onPage=_page_number),
        PageTemplate("landscape", frames=[frame(land_size, "l")], pagesize=land_size, onPage=_page_number),
    ])
    width = portrait_size[0] - MARGINS["left"] - MARGINS["right"]
    land_width = land_size[0] - MARGINS["left"] - MARGINS["right"]
    tmp = out_path.with_name(out_path.name + ".part")
    doc.filename = str(tmp)
    from reportlab.platypus.doctemplate import LayoutError

    try:
        doc.build(build_story(report_data, settings, texts or {}, st, width, land_width))
        tmp.replace(out_path)
    except LayoutError as exc:  # a cell longer than a page that cannot be split: say what to shorten
        from kstthc_desktop.errors import UserError

        tmp.unlink(missing_ok=True)
        raise UserError("Không dàn trang được báo cáo: có một nội dung quá dài cho một trang; "
                        "hãy rút gọn nội dung đó rồi lập lại.", detail=str(exc)) from exc
    except OSError as exc:
        from kstthc_desktop.store.media import write_error

        tmp.unlink(missing_ok=True)
        raise write_error(exc, out_path, "tệp báo cáo") from exc
    return out_path
