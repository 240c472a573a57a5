"""A department plan in the two-level layout, written as .docx and .xlsx for the importer's tests.

Arabic-numbered groups ("1. Thực hiện các nhiệm vụ…") hold Roman sections ("I. Công tác chỉ đạo…"), each heading a
row merged across the table; two number columns: "Stt" (groups and sections) and "Stt2" (tasks). The sections'
Roman numbers start again in every group, and their tasks' numbers in every section, so a task is known only by
all three ("1.I.1"). ``EXPECTED`` is what a careful reader takes from it.
"""

from __future__ import annotations

from pathlib import Path

HEADER = ["Stt", "Stt2", "Nội dung công việc", "Kết quả/sản phẩm", "Đơn vị chủ trì", "Đơn vị phối hợp",
          "Thời gian hoàn thành"]
TITLE = ["SỞ XÂY DỰNG TỈNH SÓC TRĂNG", "KẾ HOẠCH",
         "Kiểm soát thủ tục hành chính năm 2024 của Sở Xây dựng"]


def _task(n: str, content: str, result: str, lead: str, cooperate: str, deadline: str) -> dict:
    return {"stt": n, "content": content, "result": result, "lead": lead, "cooperate": cooperate,
            "deadline_text": deadline}


#: (kind, printed number, title or task): "group", "section" and "task" rows in printed order.
ROWS: list[tuple[str, str, object]] = [
    ("group", "1", "Thực hiện các nhiệm vụ kiểm soát thủ tục hành chính theo Kế hoạch của UBND tỉnh"),
    ("section", "I", "Công tác chỉ đạo, điều hành"),
    ("task", "1", _task("1", "Ban hành Kế hoạch kiểm soát thủ tục hành chính năm 2024 của Sở.", "Kế hoạch",
                        "Văn phòng Sở", "Các phòng chuyên môn", "Tháng 01/2024")),
    ("task", "2", _task("2", "Kiện toàn đội ngũ cán bộ đầu mối kiểm soát thủ tục hành chính.", "Quyết định",
                        "Văn phòng Sở", "Các phòng chuyên môn", "Khi có thay đổi")),
    ("section", "II", "Kiểm soát quy định thủ tục hành chính trong dự thảo văn bản"),
    ("task", "1", _task("1", "Đánh giá tác động của thủ tục hành chính trong dự thảo văn bản quy phạm pháp luật.",
                        "Báo cáo đánh giá tác động", "Phòng Quản lý xây dựng", "Văn phòng Sở", "Thường xuyên")),
    ("task", "2", _task("2", "Lấy ý kiến về quy định thủ tục hành chính trong dự thảo.", "Văn bản góp ý",
                        "Phòng chuyên môn thuộc Sở", "Văn phòng Sở", "Thường xuyên")),
    ("group", "2", "Thực hiện các nhiệm vụ cải cách thủ tục hành chính của Sở"),
    ("section", "I", "Rà soát, đánh giá thủ tục hành chính"),
    ("task", "1", _task("1", "Rà soát, đánh giá thủ tục hành chính thuộc thẩm quyền giải quyết của Sở.",
                        "Báo cáo kết quả rà soát", "Văn phòng Sở", "Các phòng chuyên môn", "Quý III/2024")),
    ("task", "2", _task("2", "Đề xuất phương án đơn giản hóa thủ tục hành chính.", "Phương án đơn giản hóa",
                        "Phòng chuyên môn thuộc Sở", "Văn phòng Sở", "Trước ngày 15/10/2024")),
    ("section", "II", "Công khai thủ tục hành chính"),
    ("task", "1", _task("1", "Công khai thủ tục hành chính tại Bộ phận Một cửa và trên Trang thông tin điện tử của Sở.",
                        "Thủ tục được công khai", "Văn phòng Sở", "", "Thường xuyên")),
    ("task", "2", _task("2", "Báo cáo tình hình, kết quả thực hiện kiểm soát thủ tục hành chính.", "Báo cáo quý",
                        "Văn phòng Sở", "Các phòng chuyên môn", "Trước ngày 15 của tháng cuối quý")),
]


def expected_sections() -> list[dict]:
    """Groups coded by their number, sections under them by group and Roman number ("1.II")."""
    out, group = [], ""
    for kind, number, title in ROWS:
        if kind == "group":
            group = number
            out.append({"code": number, "title": title})
        elif kind == "section":
            out.append({"code": f"{group}.{number}", "title": title, "parent": group})
    return out


def expected_numbers() -> list[str]:
    """Each task's number as the window shows it: group, section and task ("1.I.1")."""
    out, section = [], ""
    for kind, number, _ in ROWS:
        if kind == "group":
            group = number
        elif kind == "section":
            section = f"{group}.{number}"
        else:
            out.append(f"{section}.{number}")
    return out


def _cells(kind: str, number: str, value) -> list[str]:
    if kind in ("group", "section"):
        return [number, value] + [""] * (len(HEADER) - 2)
    t = value
    return ["", number, t["content"], t["result"], t["lead"], t["cooperate"], t["deadline_text"]]


def write_docx(path: Path) -> Path:
    """Word: one table; each heading's title in "Stt2" merged to the right edge of the table."""
    import docx

    document = docx.Document()
    for line in TITLE:
        document.add_paragraph(line)
    table = document.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    table.style = "Table Grid"
    grid = [list(row.cells) for row in table.rows]
    for j, text in enumerate(HEADER):
        grid[0][j].text = text
    for i, (kind, number, value) in enumerate(ROWS, start=1):
        for j, text in enumerate(_cells(kind, number, value)):
            grid[i][j].text = text
        if kind != "task":
            grid[i][1].merge(grid[i][-1]).text = value
    document.save(path)
    return path


def write_xlsx(path: Path) -> Path:
    """Excel: a title block above the header; each heading's title in "Stt2" merged to the last column."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    r = 1
    for line in TITLE:
        ws.cell(r, 1, line)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(HEADER))
        r += 1
    r += 1
    for j, text in enumerate(HEADER, start=1):
        ws.cell(r, j, text)
    for kind, number, value in ROWS:
        r += 1
        for j, text in enumerate(_cells(kind, number, value), start=1):
            if text:
                ws.cell(r, j, int(text) if text.isdigit() else text)
        if kind != "task":
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=len(HEADER))
    wb.save(path)
    return path


def write_text(path: Path, *, repeat: bool = False) -> Path:
    """A TAB text export (copied from a PDF): no spans known; a heading's title alone after its number, or printed
    in every cell it spans (``repeat``)."""
    lines = TITLE + ["", "\t".join(HEADER)]
    for kind, number, value in ROWS:
        cells = _cells(kind, number, value)
        if kind != "task" and repeat:
            cells = [number] + [str(value)] * (len(HEADER) - 1)
        lines.append("\t".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":  # refresh the copies in tests/fixtures/two_level (for trying the window by hand)
    here = Path(__file__).parent / "fixtures" / "two_level"
    here.mkdir(parents=True, exist_ok=True)
    write_docx(here / "so-xay-dung-hai-cap-2024.docx")
    write_xlsx(here / "so-xay-dung-hai-cap-2024.xlsx")
