"""The report as a PDF in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I (docs/domain.md §7), with
reportlab platypus.

A4 portrait, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman (or the metric-compatible
Liberation Serif) embedded; body 13 pt justified with a 1.27 cm first-line indent and 6 pt between paragraphs;
page numbers centred in the top margin from page 2; the appendix table on landscape pages with its header row
repeated. The output is byte-for-byte reproducible (reportlab's invariant mode) so its SHA-256 identifies it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from kstthc_desktop.domain import Settings
from kstthc_desktop.reports.columns import APPENDIX_COLUMNS, widths_mm
from kstthc_desktop.reports.data import ReportData
from kstthc_desktop.reports.words import COUNTS_HEADINGS, ReportText, compose, counts_rows
from kstthc_desktop.text import nfc

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import BaseDocTemplate, Flowable, Frame, LongTable, TableStyle
    from reportlab.platypus.flowables import HRFlowable


#: A table's rows as reportlab takes them: flowables, or "" for an empty cell.
Rows = list[list[Any]]

MM = 72 / 25.4
MARGINS = {"top": 20 * MM, "bottom": 20 * MM, "left": 30 * MM, "right": 15 * MM}
BODY_SIZE = 13
INDENT = 1.27 / 2.54 * 72  # 1.27 cm
PAGE_NUMBER_SIZE = 13


def _p(text: str) -> str:
    """Officer or plan text made safe for a Paragraph: NFC, XML-escaped, line breaks kept."""
    return escape(nfc(text)).replace("\n", "<br/>")


class _Styles:
    def __init__(self) -> None:
        from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
        from reportlab.lib.styles import ParagraphStyle

        from kstthc_desktop.reports.fonts import register_fonts

        f = self.fonts = register_fonts()
        base = ParagraphStyle("base", fontName=f.regular, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.2,
                              bulletFontName=f.regular)
        self.body = ParagraphStyle("body", base, alignment=TA_JUSTIFY, firstLineIndent=INDENT, spaceAfter=6)
        self.heading = ParagraphStyle("heading", self.body, fontName=f.bold, spaceBefore=6, keepWithNext=1)
        self.subheading = ParagraphStyle("subheading", self.body, fontName=f.bold, spaceBefore=6, keepWithNext=1)
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


def _line(width_pt: float, thickness: float = 0.6, space_before: float = 3, space_after: float = 4) -> HRFlowable:
    from reportlab.platypus.flowables import HRFlowable

    return HRFlowable(width=width_pt, thickness=thickness, color="black", hAlign="CENTER",
                      spaceBefore=space_before, spaceAfter=space_after)


def _header(rt: ReportText, st: _Styles, frame_width: float) -> Flowable:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph, Table, TableStyle

    left_w = 68 * MM
    right_w = frame_width - left_w
    left: list[Flowable] = []
    if rt.parent:
        left.append(Paragraph(_p(rt.parent), st.h_parent))
    left.append(Paragraph(_p(rt.body_name), st.h_body))
    left.append(_line(22 * MM))
    left.append(Paragraph(f"Số: {escape(rt.number)}", st.h_number))
    motto = "Độc lập - Tự do - Hạnh phúc"
    right = [
        Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", st.h_nation),
        Paragraph(motto, st.h_motto),
        _line(stringWidth(motto, st.fonts.bold, st.h_motto.fontSize)),
        Paragraph(_p(rt.place_date), st.h_date),
    ]
    table = Table([[left, right]], colWidths=[left_w, right_w])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("FONTNAME", (0, 0), (-1, -1), st.fonts.regular),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def _counts_table(data: ReportData, st: _Styles, width: float) -> Flowable:
    from reportlab.platypus import Paragraph, Table

    rows = [[Paragraph(h, st.table_h) for h in COUNTS_HEADINGS]]
    for tt, label, n, share in counts_rows(data):
        strong = label == "Tổng số"
        rows.append([Paragraph(tt, st.table_c), Paragraph(_p(label), st.table_h if strong else st.table),
                     Paragraph(n, st.table_h if strong else st.table_c),
                     Paragraph(share, st.table_h if strong else st.table_c)])
    table = Table(rows, colWidths=[12 * MM, width - 62 * MM, 28 * MM, 22 * MM], repeatRows=1)
    table.setStyle(_grid())
    return table


def _grid() -> TableStyle:
    from reportlab.platypus import TableStyle

    from kstthc_desktop.reports.fonts import register_fonts

    return TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), register_fonts().regular),
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ])


def _blocks(rt: ReportText, data: ReportData, st: _Styles, width: float) -> list[Flowable]:
    """The body's paragraphs as composed by ``words.compose`` (the Word writer draws the same ones)."""
    from reportlab.platypus import KeepTogether, Paragraph

    styles = {"heading": st.heading, "subheading": st.subheading, "body": st.body, "item": st.item,
              "placeholder": st.body}
    story: list[Flowable] = []
    for block in rt.blocks:
        if block.style == "counts":  # a table of at most ten rows: never split
            story.append(KeepTogether([Paragraph("Bảng tổng hợp tình trạng thực hiện nhiệm vụ", st.caption),
                                       _counts_table(data, st, width)]))
        else:
            story.append(Paragraph(_p(block.text), styles.get(block.style, st.body)))
    return story


def _signature(settings: Settings, st: _Styles, width: float, closing: Flowable | None = None) -> Flowable:
    """"Nơi nhận" and the signer, kept on one page with ``closing`` (the body's last paragraph): an official
    document never has a page holding only the signature."""
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

    left = [Paragraph("Nơi nhận:", st.recipients_h)]
    for r in settings.recipients or []:
        r = nfc(r).strip()
        if r:
            left.append(Paragraph(_p(r if r.startswith("-") else f"- {r}"), st.recipients))
    right: list[Flowable] = []
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


#: Appendix cells: size and leading (points), padding as in ``_grid``.
CELL_SIZE, CELL_LEADING, CELL_PADDING = 11, 13, 3


def wrap_cell(text: str, font: str, width: float, size: float = CELL_SIZE) -> str:
    """``text`` broken into lines that fit ``width`` points (words longer than the column cut), for a plain-text
    table cell: thousands of appendix cells laid out as Paragraphs cost seconds, plain lines a fraction of it."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    space = stringWidth(" ", font, size)
    out = []
    for para in nfc(text).split("\n"):
        line: list[str] = []
        line_w = 0.0
        for word in para.split():
            w = stringWidth(word, font, size)
            while w > width and len(word) > 1:  # a link or a run of letters wider than the column
                cut = max(1, min(len(word) - 1, int(len(word) * width / w)))
                while cut > 1 and stringWidth(word[:cut], font, size) > width:
                    cut -= 1
                if line:
                    out.append(" ".join(line))
                    line, line_w = [], 0.0
                out.append(word[:cut])
                word = word[cut:]
                w = stringWidth(word, font, size)
            if line and line_w + space + w > width:
                out.append(" ".join(line))
                line, line_w = [word], w
            else:
                line_w = line_w + space + w if line else w
                line.append(word)
        out.append(" ".join(line))
    return "\n".join(out)


def _appendix_table(rows: Rows, cols: list[float]) -> LongTable:
    """A LongTable whose keep-together ranges ("NOSPLIT": a section row with its first task) cost what they
    hold: reportlab maps every cell of the rest of the table at each page break (quadratic: seconds at 2,000
    rows), where the split only reads the first cell of each range (``Table._getRowImpossible``)."""
    from reportlab.platypus import LongTable

    class AppendixTable(LongTable):
        def _calcNoSplitRanges(self) -> None:
            ranges: dict[tuple[int, int], tuple[int, int, int, int]] = {}
            cells: list[tuple[int, int]] = []
            # reportlab's own attributes of a Table, which its stubs leave out
            nrows, ncols = self._nrows, self._ncols  # type: ignore[attr-defined]
            for _cmd, (x0, y0), (x1, y1) in self._nosplitCmds:  # type: ignore[attr-defined]
                y0, y1 = (y + nrows if y < 0 else y for y in (y0, y1))
                x0, x1 = (x + ncols if x < 0 else x for x in (x0, x1))
                (y0, y1), (x0, x1) = sorted((y0, y1)), sorted((x0, x1))
                if y0 != y1:
                    ranges[x0, y0] = (x0, y0, x1, y1)
                    cells.append((x0, y0))
            self._nosplitRanges, self._rowNoSplitCells = ranges, cells
            self._colNoSplitCells: list[tuple[int, int]] = []

    return AppendixTable(rows, colWidths=cols, repeatRows=1)


def _appendix(rt: ReportText, data: ReportData, st: _Styles, width: float) -> list[Flowable]:
    """The per-task table, its header row repeated on every page. Section rows are shaded, not merged (reportlab
    re-splits a long table with spans at every page break, a cost growing with the square of its rows: 2,000 tasks
    took 13 s), and cells are plain wrapped lines, not Paragraphs."""
    from reportlab.platypus import Paragraph, TableStyle

    story: list[Flowable] = [
        Paragraph("PHỤ LỤC", st.summary),
        Paragraph(_p(rt.appendix_title), st.summary),
        Paragraph(_p(rt.appendix_note), st.period),
    ]
    f = st.fonts
    cols = [w * MM for w in widths_mm(APPENDIX_COLUMNS, width / MM)]
    inner = [w - 2 * CELL_PADDING for w in cols]
    rows: Rows = [[Paragraph(c.heading, st.cell_h) for c in APPENDIX_COLUMNS]]
    style = list(_grid().getCommands()) + [
        ("BACKGROUND", (0, 0), (-1, 0), "#e6e6e6"), ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("FONTSIZE", (0, 1), (-1, -1), CELL_SIZE), ("LEADING", (0, 1), (-1, -1), CELL_LEADING),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
    ]
    status_col = next(i for i, c in enumerate(APPENDIX_COLUMNS) if c.key == "status")
    for section in data.sections:
        r = len(rows)
        rows.append([wrap_cell(section.label, f.bold, inner[0]), wrap_cell(section.title, f.bold, inner[1])]
                    + [""] * (len(cols) - 2))
        style += [("BACKGROUND", (0, r), (-1, r), "#f2f2f2"), ("FONTNAME", (0, r), (-1, r), f.bold)]
        if section.tasks:  # a section row never ends a page alone: it goes over with its first task
            style.append(("NOSPLIT", (0, r), (-1, r + 1)))
        for t in section.tasks:
            if t.overdue:
                style.append(("FONTNAME", (status_col, len(rows)), (status_col, len(rows)), f.bold))
            rows.append([wrap_cell(str(c.cell(t) or ""), f.bold if t.overdue and i == status_col else f.regular,
                                   inner[i]) for i, c in enumerate(APPENDIX_COLUMNS)])
    # Rows are never split (reportlab's splitInRow draws the continuation over the repeated header), so cells
    # are capped (columns.short).
    table = _appendix_table(rows, cols)
    table.setStyle(TableStyle(style))
    story.append(table)
    return story


def _figure_annex(data: ReportData, st: _Styles, width: float) -> list[Flowable]:
    """Phụ lục II: the period's figures in the form's layout (spanned headings, the (1)…(13) row), one table per
    ``data.figures.tables`` (the fields, then the units when several sent figures)."""
    from reportlab.platypus import CondPageBreak, Paragraph, Table, TableStyle

    from kstthc_desktop.figures.text import vn_number

    if data.figures is None or not data.figures.tables:
        return []
    story: list[Flowable] = [CondPageBreak(60 * MM), Paragraph("PHỤ LỤC II", st.summary)]
    for ft in data.figures.tables:
        first, n = 48 * MM, ft.width - 2
        cols = [10 * MM, first] + [(width - 10 * MM - first) / n] * n
        style = list(_grid().getCommands()) + [("BACKGROUND", (0, 0), (-1, len(ft.head)), "#e6e6e6"),
                                               ("ALIGN", (2, len(ft.head) + 1), (-1, -1), "RIGHT")]
        grid: list[list[Any]] = [[""] * ft.width for _ in ft.head]
        for r, c, cell in ft.placed():
            grid[r][c] = Paragraph(_p(cell.text), st.cell_h)
            if cell.colspan > 1 or cell.rowspan > 1:
                style.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
        grid.append([Paragraph(x, st.table_c) for x in ft.numbers])
        for stt, name, values, bold in ft.rows:
            cell_style = st.table_h if bold else st.table
            grid.append([Paragraph(stt, st.table_c), Paragraph(_p(name), cell_style)]
                        + [Paragraph(vn_number(v), st.table_h if bold else st.table_c) for v in values])
        table = Table(grid, colWidths=cols, repeatRows=len(ft.head) + 1)
        table.setStyle(TableStyle(style))
        story += [Paragraph(_p(ft.title), st.period), table]
    return story


def build_story(data: ReportData, settings: Settings, texts: dict[str, str], st: _Styles, width: float,
                land_width: float) -> list[Flowable]:
    from reportlab.platypus import NextPageTemplate, PageBreak, Paragraph

    rt = compose(data, settings, texts or {})
    story = [
        _header(rt, st, width),
        Paragraph("BÁO CÁO", st.title),
        Paragraph(_p(rt.title), st.summary),
        _line(40 * MM, space_before=4, space_after=2),
        Paragraph(_p(rt.period_line), st.period),
    ]
    story += _blocks(rt, data, st, width)
    story.append(_signature(settings, st, width, Paragraph(_p(rt.closing), st.body)))
    story += [NextPageTemplate("landscape"), PageBreak()]
    story += _appendix(rt, data, st, land_width)
    story += _figure_annex(data, st, land_width)
    return story


def _page_number(canvas: Canvas, doc: BaseDocTemplate) -> None:
    """Page numbers centred in the top margin, none on page 1 (Nghị định 30/2020)."""
    if doc.page <= 1:
        return
    from kstthc_desktop.reports.fonts import register_fonts

    w, h = canvas._pagesize  # type: ignore[attr-defined]  # set by Canvas.__init__; the stubs leave it out
    canvas.saveState()
    canvas.setFont(register_fonts().regular, PAGE_NUMBER_SIZE)
    canvas.drawCentredString(MARGINS["left"] + (w - MARGINS["left"] - MARGINS["right"]) / 2,
                             h - MARGINS["top"] / 2 - PAGE_NUMBER_SIZE / 3, str(doc.page))
    canvas.restoreState()


def write_pdf(report_data: ReportData, settings: Settings, texts: dict[str, str] | None, out_path: Path | str) -> Path:
    """Write the report to ``out_path`` (any existing file is replaced) and return the path."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    out_path = Path(out_path)
    st = _Styles()
    portrait_size, land_size = A4, landscape(A4)

    def frame(size: tuple[float, float], name: str) -> Frame:
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
