"""The report as a Word document in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I: the draft leaders edit.

The words are ``words.compose()``'s, the same as the PDF's. A4 portrait, margins top/bottom 20 mm, left 30 mm,
right 15 mm; Times New Roman 13 pt; the header a borderless two-column table; page numbers centred at the top
from page 2 (a different first page); the signature block and "Nơi nhận" in a borderless table; the summary and
the appendix real Word tables, the appendix in a landscape section with its header row repeated on every page.
Every paragraph and table has a named style ("BC Nội dung", "BC Mục", "BC Bảng" …) so the officer can restyle
the whole report in Word at once.

Paragraphs and tables are written as WordprocessingML text and parsed once per part: python-docx's cell access
walks the whole table on every call, which makes a 2,000-row appendix quadratic.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from xml.sax.saxutils import escape

from kstthc_desktop.reports.columns import APPENDIX_COLUMNS, widths_mm
from kstthc_desktop.reports.data import ReportData
from kstthc_desktop.reports.words import COUNTS_HEADINGS, ReportText, compose, counts_rows
from kstthc_desktop.text import nfc

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import Section
    from docx.shared import Length

    from kstthc_desktop.domain import Settings


class HeadedText(Protocol):
    """What the header and the signature block draw: a report's words, or a drafted plan's (drafting.word)."""

    number: str
    parent: str
    body_name: str
    place_date: str
    closing: str

FONT = "Times New Roman"
BODY_PT = 13
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
A4_MM = (210, 297)
TWIPS_PER_MM = 1440 / 25.4
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def tw(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


# ---- styles ---------------------------------------------------------------------------------------------------
#: style id -> (name shown in Word, size pt, bold, italic, alignment, first-line indent cm, space before/after pt,
#: keep with next, outline level or None)
PARAGRAPH_STYLES = {
    "BCNoiDung": ("BC Nội dung", BODY_PT, False, False, "both", 1.27, 0, 6, False, None),
    "BCMuc": ("BC Mục", BODY_PT, True, False, "both", 1.27, 6, 6, True, 0),
    "BCTieuMuc": ("BC Tiểu mục", BODY_PT, True, False, "both", 1.27, 6, 6, True, 1),
    "BCCoQuanChuQuan": ("BC Cơ quan chủ quản", 12, False, False, "center", 0, 0, 0, False, None),
    "BCCoQuan": ("BC Cơ quan ban hành", 12, True, False, "center", 0, 0, 0, False, None),
    "BCSo": ("BC Số ký hiệu", 13, False, False, "center", 0, 4, 0, False, None),
    "BCQuocHieu": ("BC Quốc hiệu", 12, True, False, "center", 0, 0, 0, False, None),
    "BCTieuNgu": ("BC Tiêu ngữ", 13, True, False, "center", 0, 0, 0, False, None),
    "BCDiaDanh": ("BC Địa danh, ngày tháng", 13, False, True, "center", 0, 4, 0, False, None),
    "BCGach": ("BC Gạch ngang", 2, False, False, "center", 0, 0, 0, False, None),
    "BCTenLoai": ("BC Tên loại văn bản", 14, True, False, "center", 0, 18, 0, True, None),
    "BCTrichYeu": ("BC Trích yếu", 14, True, False, "center", 0, 0, 0, True, None),
    "BCKy": ("BC Kỳ báo cáo", BODY_PT, False, True, "center", 0, 6, 12, False, None),
    "BCBangO": ("BC Ô bảng", 12, False, False, "left", 0, 0, 0, False, None),
    "BCBangOGiua": ("BC Ô bảng giữa", 12, False, False, "center", 0, 0, 0, False, None),
    "BCBangTieuDe": ("BC Tiêu đề bảng", 12, True, False, "center", 0, 0, 0, False, None),
    "BCBangPhan": ("BC Phần trong bảng", 12, True, False, "left", 0, 0, 0, False, None),
    "BCChuThich": ("BC Tên bảng", BODY_PT, True, False, "center", 0, 6, 6, True, None),
    "BCNoiNhan": ("BC Nơi nhận", 12, True, True, "left", 0, 0, 0, False, None),
    "BCNoiNhanDong": ("BC Nơi nhận dòng", 11, False, False, "left", 0, 0, 0, False, None),
    "BCChucVu": ("BC Chức vụ người ký", BODY_PT, True, False, "center", 0, 0, 0, False, None),
    "BCNguoiKy": ("BC Họ tên người ký", BODY_PT, True, False, "center", 0, 0, 0, False, None),
    "BCSoTrang": ("BC Số trang", BODY_PT, False, False, "center", 0, 0, 0, False, None),
}
#: Cells of the appendix are 11 pt: six columns on a landscape page.
SMALL_CELL_STYLES = {"BCPhuLucO": ("BC Ô phụ lục", 11, "left"), "BCPhuLucOGiua": ("BC Ô phụ lục giữa", 11, "center")}


def _fonts_xml() -> str:
    return f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'


def _style_xml(sid: str, name: str, size: float, bold: bool, italic: bool, jc: str, first_cm: float,
               before: float, after: float, keep: bool, outline: int | None) -> str:
    ppr = ("<w:keepNext/>" if keep else "") + \
        f'<w:spacing w:before="{round(before * 20)}" w:after="{round(after * 20)}" w:line="240" w:lineRule="auto"/>'
    if first_cm:
        ppr += f'<w:ind w:firstLine="{round(first_cm / 2.54 * 1440)}"/>'
    ppr += f'<w:jc w:val="{jc}"/>'
    if outline is not None:
        ppr += f'<w:outlineLvl w:val="{outline}"/>'
    rpr = _fonts_xml() + ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "") + \
        f'<w:color w:val="000000"/><w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>'
    return (f'<w:style xmlns:w="{W}" w:type="paragraph" w:customStyle="1" w:styleId="{sid}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>')


def _table_style_xml(sid: str, name: str, borders: bool) -> str:
    kind = "single" if borders else "nil"
    sides = "".join(f'<w:{side} w:val="{kind}" w:sz="4" w:space="0" w:color="000000"/>'
                    for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    margin = 57 if borders else 0
    return (f'<w:style xmlns:w="{W}" w:type="table" w:customStyle="1" w:styleId="{sid}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            f'<w:tblPr><w:tblBorders>{sides}</w:tblBorders><w:tblCellMar>'
            f'<w:top w:w="{margin // 2}" w:type="dxa"/><w:left w:w="{margin}" w:type="dxa"/>'
            f'<w:bottom w:w="{margin // 2}" w:type="dxa"/><w:right w:w="{margin}" w:type="dxa"/>'
            f'</w:tblCellMar></w:tblPr></w:style>')


def _install_styles(doc: Document) -> None:
    """Times New Roman everywhere (the template's theme fonts removed), Vietnamese as the text's language, then the
    report's named styles."""
    from docx.oxml import parse_xml

    styles = doc.styles.element
    for rfonts in styles.iter(f"{{{W}}}rFonts"):  # docDefaults and Normal: theme fonts would win over ours
        for attr in list(rfonts.attrib):
            if attr.endswith("Theme"):
                del rfonts.attrib[attr]
        for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
            rfonts.set(f"{{{W}}}{attr}", FONT)
    for lang in styles.iter(f"{{{W}}}lang"):  # Word checks the spelling in Vietnamese, not English
        lang.set(f"{{{W}}}val", "vi-VN")
        lang.set(f"{{{W}}}eastAsia", "vi-VN")
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = _pt(BODY_PT)
    for sid, spec in PARAGRAPH_STYLES.items():
        styles.append(parse_xml(_style_xml(sid, *spec)))
    for sid, (name, size, jc) in SMALL_CELL_STYLES.items():
        styles.append(parse_xml(_style_xml(sid, name, size, False, False, jc, 0, 0, 0, False, None)))
    styles.append(parse_xml(_style_xml("BCPhuLucTieuDe", "BC Tiêu đề phụ lục", 11, True, False, "center",
                                       0, 0, 0, False, None)))
    styles.append(parse_xml(_style_xml("BCPhuLucPhan", "BC Phần phụ lục", 11, True, False, "left",
                                       0, 0, 0, False, None)))
    styles.append(parse_xml(_table_style_xml("BCBang", "BC Bảng", True)))
    styles.append(parse_xml(_table_style_xml("BCKhung", "BC Khung không viền", False)))


def _pt(size: float) -> Length:
    from docx.shared import Pt

    return Pt(size)


# ---- WordprocessingML text -----------------------------------------------------------------------------------
def _text(text: str) -> str:
    return escape(_BAD_XML.sub("", nfc(text)))


def _runs(text: str, bold: bool = False, italic: bool = False) -> str:
    """Runs for ``text``, its line breaks kept as breaks inside the paragraph."""
    rpr = ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
    rpr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    lines = _text(text).split("\n")
    inner = "<w:br/>".join(f'<w:t xml:space="preserve">{line}</w:t>' for line in lines)
    return f"<w:r>{rpr}{inner}</w:r>"


def para(style: str, text: str = "", *, bold: bool = False, italic: bool = False, extra_ppr: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{extra_ppr}</w:pPr>{_runs(text, bold, italic) if text else ""}</w:p>'


def rule(width_mm: float, column_mm: float) -> str:
    """A short centred line (under the body's name, under the motto, under the title): an empty paragraph whose
    top border is indented to ``width_mm``, as Word's own templates draw it without a drawing object."""
    side = tw(max(0.0, (column_mm - width_mm) / 2))
    ppr = (f'<w:pBdr><w:top w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
           f'<w:spacing w:before="80" w:after="40" w:line="40" w:lineRule="exact"/>'
           f'<w:ind w:left="{side}" w:right="{side}"/>')
    return f'<w:p><w:pPr><w:pStyle w:val="BCGach"/>{ppr}</w:pPr></w:p>'


def _cell(width_tw: int, content: str, span: int = 1, shade: str = "") -> str:
    props = f'<w:tcW w:w="{width_tw}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if shade:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content or '<w:p/>'}</w:tc>"


def table(style: str, widths_tw: list[int], rows: list[str], *, center: bool = False) -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths_tw)
    jc = '<w:jc w:val="center"/>' if center else ""
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="{sum(widths_tw)}" w:type="dxa"/>{jc}'
            f'<w:tblLayout w:type="fixed"/><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
            f'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
            f'<w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')


def row(cells: str, *, header: bool = False, cant_split: bool = True) -> str:
    props = ("<w:cantSplit/>" if cant_split else "") + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{cells}</w:tr>"


# ---- parts ----------------------------------------------------------------------------------------------------
def _text_width_mm(text: str, size: float, bold: bool) -> float:
    """Printed width of ``text`` in Times New Roman (the metric-compatible font's widths), for the motto's line."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from kstthc_desktop.reports.fonts import register_fonts

    fonts = register_fonts()
    return stringWidth(text, fonts.bold if bold else fonts.regular, size) * 25.4 / 72


def header(rt: HeadedText, width_mm: float) -> str:
    left_mm = 68.0
    right_mm = width_mm - left_mm
    left = ""
    if rt.parent:
        left += para("BCCoQuanChuQuan", rt.parent)
    left += para("BCCoQuan", rt.body_name) + rule(22, left_mm) + para("BCSo", f"Số: {rt.number}")
    right = (para("BCQuocHieu", NATION) + para("BCTieuNgu", MOTTO)
             + rule(_text_width_mm(MOTTO, 13, True), right_mm) + para("BCDiaDanh", rt.place_date))
    return table("BCKhung", [tw(left_mm), tw(right_mm)], [row(_cell(tw(left_mm), left) + _cell(tw(right_mm), right))])


def title(rt: ReportText, width_mm: float) -> str:
    return (para("BCTenLoai", "BÁO CÁO") + para("BCTrichYeu", rt.title) + rule(40, width_mm)
            + para("BCKy", rt.period_line))


_BLOCK_STYLES = {"heading": "BCMuc", "subheading": "BCTieuMuc", "body": "BCNoiDung", "item": "BCNoiDung",
                 "placeholder": "BCNoiDung"}


def counts_table(data: ReportData, width_mm: float) -> str:
    widths = [tw(12), tw(width_mm - 62), tw(28), tw(22)]
    rows = [row("".join(_cell(w, para("BCBangTieuDe", h)) for w, h in zip(widths, COUNTS_HEADINGS, strict=False)), header=True)]
    for tt, label, n, share in counts_rows(data):
        strong = label == "Tổng số"
        rows.append(row(
            _cell(widths[0], para("BCBangOGiua", tt)) + _cell(widths[1], para("BCBangO", label, bold=strong))
            + _cell(widths[2], para("BCBangOGiua", n, bold=strong))
            + _cell(widths[3], para("BCBangOGiua", share, bold=strong))))
    return para("BCChuThich", "Bảng tổng hợp tình trạng thực hiện nhiệm vụ") + table("BCBang", widths, rows, center=True)


def body(rt: ReportText, data: ReportData, width_mm: float) -> str:
    out = []
    for block in rt.blocks:
        if block.style == "counts":
            out.append(counts_table(data, width_mm))
        else:
            out.append(para(_BLOCK_STYLES.get(block.style, "BCNoiDung"), block.text))
    return "".join(out)


def signature(rt: HeadedText, settings: Settings, width_mm: float) -> str:
    """The closing sentence kept with "Nơi nhận" and the signer (a page never holds only the signature)."""
    keep = "<w:keepNext/>"
    left = para("BCNoiNhan", "Nơi nhận:")
    for r in settings.recipients or []:
        r = nfc(r).strip()
        if r:
            left += para("BCNoiNhanDong", r if r.startswith("-") else f"- {r}")
    right = ""
    for line in (settings.signer_authority, settings.signer_title):
        if nfc(line).strip():
            right += para("BCChucVu", nfc(line).strip().upper())
    right += "".join(para("BCChucVu") for _ in range(4))  # space for the signature and the seal
    right += para("BCNguoiKy", nfc(settings.signer_name).strip())
    half = tw(width_mm / 2)
    return (para("BCNoiDung", rt.closing, extra_ppr=keep) + para("BCNoiDung", extra_ppr=keep)
            + table("BCKhung", [half, half], [row(_cell(half, left) + _cell(half, right))]))


def appendix(rt: ReportText, data: ReportData, width_mm: float) -> str:
    widths = [tw(w) for w in widths_mm(APPENDIX_COLUMNS, width_mm)]
    rows = [row("".join(_cell(w, para("BCPhuLucTieuDe", c.heading), shade="E6E6E6")
                        for w, c in zip(widths, APPENDIX_COLUMNS, strict=False)), header=True)]
    rest = sum(widths[1:])
    for section in data.sections:
        rows.append(row(_cell(widths[0], para("BCPhuLucPhan", section.label))
                        + _cell(rest, para("BCPhuLucPhan", section.title), span=len(widths) - 1)))
        for t in section.tasks:
            cells = []
            for w, c in zip(widths, APPENDIX_COLUMNS, strict=False):
                value = str(c.cell(t) or "")
                style = "BCPhuLucOGiua" if c.center else "BCPhuLucO"
                cells.append(_cell(w, para(style, value, bold=c.key == "status" and t.overdue)))
            rows.append(row("".join(cells)))
    return (para("BCTrichYeu", "PHỤ LỤC") + para("BCTrichYeu", rt.appendix_title) + para("BCKy", rt.appendix_note)
            + table("BCBang", widths, rows))


def _merged_cell(width_tw: int, content: str, span: int, vmerge: str) -> str:
    """A cell spanning ``span`` grid columns; ``vmerge`` "restart" opens a vertical merge, "continue" carries it."""
    props = f'<w:tcW w:w="{width_tw}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge:
        props += '<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>"
    props += '<w:shd w:val="clear" w:color="auto" w:fill="E6E6E6"/><w:vAlign w:val="center"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content or '<w:p/>'}</w:tc>"


def figure_annex(data: ReportData, width_mm: float) -> str:
    """Phụ lục II: the period's figures in the form's layout, real Word tables with merged heading cells and the
    (1)…(13) row, repeated on every page (``reports.figures``)."""
    from kstthc_desktop.figures.text import vn_number

    if data.figures is None or not data.figures.tables:
        return ""
    out = [para("BCTrichYeu", "PHỤ LỤC II")]
    for ft in data.figures.tables:
        n = ft.width - 2
        widths = [tw(10), tw(48)] + [tw((width_mm - 58) / n)] * n
        starts = {(r, c): cell for r, c, cell in ft.placed()}
        below = {(r + k, c): cell for (r, c), cell in starts.items() for k in range(1, cell.rowspan)}
        rows = []
        for r in range(len(ft.head)):
            cells, c = "", 0
            while c < ft.width:
                cell = starts.get((r, c)) or below.get((r, c))
                if cell is None:
                    cells += _merged_cell(widths[c], "", 1, "")
                    c += 1
                    continue
                width = sum(widths[c:c + cell.colspan])
                if (r, c) in starts:
                    cells += _merged_cell(width, para("BCPhuLucTieuDe", cell.text), cell.colspan,
                                          "restart" if cell.rowspan > 1 else "")
                else:
                    cells += _merged_cell(width, "", cell.colspan, "continue")
                c += cell.colspan
            rows.append(row(cells, header=True))
        rows.append(row("".join(_cell(w, para("BCPhuLucOGiua", x)) for w, x in zip(widths, ft.numbers, strict=False)), header=True))
        for stt, name, values, bold in ft.rows:
            rows.append(row(_cell(widths[0], para("BCPhuLucOGiua", stt))
                            + _cell(widths[1], para("BCPhuLucO", name, bold=bold))
                            + "".join(_cell(w, para("BCPhuLucOGiua", vn_number(v), bold=bold))
                                      for w, v in zip(widths[2:], values, strict=False))))
        out.append(para("BCKy", ft.title) + table("BCBang", widths, rows))
    return "".join(out)


def _sect_pr_xml(doc: Document) -> str:
    """The body's current section properties as text."""
    from lxml import etree

    xml: str = etree.tostring(doc.element.body.find(f"{{{W}}}sectPr"), encoding="unicode")  # lxml is untyped
    return xml


def _set_body(doc: Document, xml: str) -> None:
    """Replace the document's body by ``xml`` (paragraphs, tables, section properties), parsed in one go: moving
    thousands of parsed elements into the document one by one costs seconds (lxml re-walks each subtree)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    body = parse_xml(f"<w:body {nsdecls('w', 'r')}>{xml}</w:body>")
    doc.element.replace(doc.element.body, body)


def _strip_ns(xml: str) -> str:
    """An element serialised on its own declares its namespaces; inside the body they are declared once."""
    return re.sub(r' xmlns:\w+="[^"]*"', "", xml)


def _page_setup(section: Section, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    w, h = A4_MM
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(h), Mm(w)) if landscape else (Mm(w), Mm(h))
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance, section.footer_distance = Mm(10), Mm(10)


def _page_numbers(section: Section) -> None:
    """The page number centred in the top margin; the first page's header stays empty (Nghị định 30/2020)."""
    from lxml import etree

    section.different_first_page_header_footer = True
    header_el = section.header._element
    for p in list(header_el):
        header_el.remove(p)
    field = ('<w:fldSimple w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple>')
    header_el.append(etree.fromstring(
        f'<w:p xmlns:w="{W}"><w:pPr><w:pStyle w:val="BCSoTrang"/></w:pPr>{field}</w:p>'))
    section.first_page_header.is_linked_to_previous = False


def build_document(data: ReportData, settings: Settings, texts: dict[str, str] | None) -> Document:
    """The python-docx Document of the report (not yet saved)."""
    from docx import Document
    from docx.enum.section import WD_SECTION

    rt = compose(data, settings, texts)
    doc = Document()
    _install_styles(doc)
    section = doc.sections[0]
    _page_setup(section, landscape=False)
    _page_numbers(section)
    portrait = _sect_pr_xml(doc)
    # the appendix's section: landscape, numbered on its first page too, its header the one before (page numbers)
    section.different_first_page_header_footer = False
    sect_pr = section._sectPr
    for ref in sect_pr.findall(f"{{{W}}}headerReference") + sect_pr.findall(f"{{{W}}}footerReference"):
        sect_pr.remove(ref)
    _page_setup(section, landscape=True)
    section.start_type = WD_SECTION.NEW_PAGE
    landscape = _sect_pr_xml(doc)
    width = A4_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
    land_width = A4_MM[1] - MARGINS_MM["left"] - MARGINS_MM["right"]
    _set_body(doc, header(rt, width) + title(rt, width) + body(rt, data, width) + signature(rt, settings, width)
              + f"<w:p><w:pPr>{_strip_ns(portrait)}</w:pPr></w:p>" + appendix(rt, data, land_width)
              + figure_annex(data, land_width) + _strip_ns(landscape))
    props = doc.core_properties
    props.title = rt.title
    props.author = nfc(settings.body_name)
    props.subject = data.period_title
    props.language = "vi-VN"
    props.comments = "KSTTHC Desktop"
    return doc


def write_docx(report_data: ReportData, settings: Settings, texts: dict[str, str] | None,
               out_path: Path | str) -> Path:
    """Write the report to ``out_path`` (any existing file is replaced) and return the path."""
    out_path = Path(out_path)
    doc = build_document(report_data, settings, texts)
    tmp = out_path.with_name(out_path.name + ".part")
    try:
        doc.save(str(tmp))
        tmp.replace(out_path)
    except OSError as exc:  # a full disk is said to be full (store.media), as for the PDF and the workbook
        from kstthc_desktop.store.media import write_error

        tmp.unlink(missing_ok=True)
        raise write_error(exc, out_path, "tệp báo cáo") from exc
    return out_path
