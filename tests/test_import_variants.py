"""Plans we have not seen: the three real plans re-laid out the ways other provinces lay theirs out.

Each variant renders an expected plan (the hand-made JSON) into a new .docx / .xlsx with python-docx / openpyxl —
other column orders and headings, "Stt" + "Stt2", a "Ghi chú" column, no "phối hợp" column, a title block, header
rows repeated on every table, a row of column numbers, a two-row header, several tables with group headings
between them, Roman and "1." sections, "1.1" numbering, sub-items with an empty STT, vertically merged cells,
page-break fragments, multi-paragraph cells, a signature table — derives what a careful reader would expect from
it, and checks the import with the same comparison the golden tests use.
"""

from __future__ import annotations

import copy
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import PLAN_NAMES, PLANS
from kstthc_desktop.importers import extract
from kstthc_desktop.importers.compare import compare_plans

HEADINGS = {
    "stt": ["STT", "Số TT", "SỐ THỨ TỰ", "TT", "Stt"],
    "content": ["Nội dung công việc", "NHIỆM VỤ", "Nội dung nhiệm vụ", "Tên nhiệm vụ", "Nội dung thực hiện"],
    "result": ["Kết quả", "Sản phẩm", "KẾT QUẢ/SẢN PHẨM", "Dự kiến kết quả", "Hình thức sản phẩm"],
    "lead": ["Cơ quan chủ trì", "Đơn vị chủ trì", "CHỦ TRÌ", "Đơn vị chủ trì thực hiện"],
    "cooperate": ["Cơ quan phối hợp", "Đơn vị phối hợp", "PHỐI HỢP"],
    "deadline": ["Thời gian hoàn thành", "Thời hạn", "THỜI GIAN THỰC HIỆN", "Tiến độ", "Thời gian"],
    "note": ["Ghi chú", "GHI CHÚ"],
}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@dataclass
class Variant:
    name: str
    order: tuple[str, ...] = ("stt", "content", "result", "lead", "cooperate", "deadline")
    headings: dict[str, str] = field(default_factory=dict)
    stt2: bool = False  # "Stt" holds section numbers, "Stt2" task numbers
    note: bool = False  # a "Ghi chú" column (empty or with a word)
    title_block: bool = True
    numbering_row: bool = False  # "(1) (2) (3) …" under the header
    two_row_header: bool = False  # "Cơ quan thực hiện" over "Chủ trì" / "Phối hợp"
    arabic_sections: bool = False  # "1. Title" sections, tasks "1.1"
    tables_per_section: bool = False  # each section its own table, its heading a paragraph before it
    merge_subs: bool = True  # STT and content merged down over sub-items (else left empty)
    fragments: bool = False  # long rows broken in two at a page end
    paragraphs: bool = False  # multi-paragraph cells
    signature: bool = False  # a signature table after the plan
    repeat_header_every: int = 0  # xlsx: header printed again every N rows; docx: a new table every N rows
    code_in_title: bool = False  # section rows: one cell "I. Title" merged across the whole row


def expected_for(plan: dict, v: Variant) -> dict:
    """What a careful reader expects from the variant (the source's tasks, adjusted to the layout)."""
    plan = copy.deepcopy(plan)
    if "cooperate" not in v.order:
        for t in plan["tasks"]:
            t["cooperate"] = ""
    if v.note:
        for i, t in enumerate(plan["tasks"]):
            t["note"] = "Trọng tâm" if i % 3 == 0 else ""
    if v.arabic_sections:
        codes = {s["code"]: str(i + 1) for i, s in enumerate(plan["sections"])}
        for s in plan["sections"]:
            s["code"] = codes[s["code"]]
            s.pop("printed_code", None)
        for t in plan["tasks"]:
            if t["stt"] and t["stt"] == t["section"].split("-")[0]:
                t["stt"] = codes[t["section"]]
            elif t["stt"] and "." not in t["stt"]:
                t["stt"] = f"{codes[t['section']]}.{t['stt']}"
            t["section"] = codes[t["section"]]
    return plan


def _sections_with_tasks(plan: dict):
    for s in plan["sections"]:
        yield s, [t for t in plan["tasks"] if t["section"] == s["code"]]


def _printed_code(s: dict) -> str:
    return s.get("printed_code") or s["code"]


def logical_rows(plan: dict, v: Variant):
    """(kind, values by role, section) in order; kind is "section", "task", "sub", "fragment"."""
    rng = random.Random(v.name)
    for s, tasks in _sections_with_tasks(plan):
        own = [t for t in tasks if t["stt"] == _printed_code(s) and t["content"] == s["title"]]
        code = _printed_code(s) + ("." if v.arabic_sections else "")
        if own:
            yield "section", {"stt": code, **own[0]}, s
            tasks = [t for t in tasks if t is not own[0]]
        else:
            yield "section", {"stt": code, "content": s["title"]}, s
        for i, t in enumerate(tasks):
            kind = "sub" if t["sub"] else "task"
            has_subs = i + 1 < len(tasks) and tasks[i + 1]["sub"]
            values = dict(t)
            if kind == "sub":
                values["stt"] = ""
            if v.paragraphs and len(values["content"]) > 80 and kind == "task":
                cut = values["content"].find(", ", 40)
                if cut > 0:
                    values["content"] = values["content"][: cut + 1] + "\n" + values["content"][cut + 2:]
            if v.fragments and kind == "task" and not has_subs and rng.random() < 0.4:
                head, tail = _break(values, rng)
                if tail:
                    yield kind, head, s
                    yield "fragment", tail, s
                    continue
            yield kind, values, s


def _break(values: dict, rng) -> tuple[dict, dict]:
    """Split a row where a page ends: every long cell's words run on in the next row."""
    head, tail = dict(values), {"stt": ""}
    split_any = False
    for role in ("content", "result", "lead", "cooperate", "deadline_text"):
        words = (values.get(role) or "").split(" ")
        if len(words) < 6:
            continue
        for cut in range(len(words) // 2, len(words) - 1):
            nxt, prev = words[cut], words[cut - 1]
            if nxt[:1].islower() and not re.search(r"[.;:,)]$", prev) and "\n" not in prev + nxt:
                head[role] = " ".join(words[:cut])
                tail[role] = " ".join(words[cut:])
                split_any = True
                break
    return head, (tail if split_any else {})


def render_rows(plan: dict, v: Variant, roles: list[str]):
    """Rows of cell texts (plus merge instructions) for the chosen column roles."""
    rows, merges = [], []  # merges: (row0, col0, row1, col1) or ("v", row0, col, row1), inside these rows
    number_of = {s["code"]: str(i + 1) for i, s in enumerate(plan["sections"])} if v.arabic_sections else {}
    number_col = roles.index("stt2") if v.stt2 else roles.index("stt")
    content_col = roles.index("content")
    main_row = None
    for kind, values, s in logical_rows(plan, v):
        r = len(rows)
        cells = [""] * len(roles)
        for j, role in enumerate(roles):
            if role in ("stt", "stt2"):
                continue
            key = {"deadline": "deadline_text", "note": "_note"}.get(role, role)
            cells[j] = values.get(key) or ""
        if kind == "section":
            code = number_of[s["code"]] + "." if v.arabic_sections else _printed_code(s)
            cells[roles.index("stt")] = code
            plain = not any(values.get(k) for k in ("result", "lead", "deadline_text"))
            if plain and v.code_in_title:
                cells = [f"{code.rstrip('.')}. {values['content']}"] + [""] * (len(roles) - 1)
                merges.append((r, 0, r, len(roles) - 1))
            elif plain and content_col > roles.index("stt"):
                merges.append((r, content_col, r, len(roles) - 1))
        elif kind in ("task",):
            cells[number_col] = _num(values.get("stt", ""), s, number_of)
            main_row = r
        elif kind == "sub":
            cells[content_col] = ""
            if v.merge_subs:
                for role in ("stt", "stt2", "content"):
                    if role in roles:
                        merges.append(("v", main_row, roles.index(role), r))
        rows.append(cells)
    return rows, merges


def _num(stt: str, section: dict, number_of: dict) -> str:
    if number_of and stt and "." not in stt:
        return f"{number_of[section['code']]}.{stt}"
    return stt


def add_notes(plan: dict, v: Variant) -> None:
    if v.note:
        for i, t in enumerate(plan["tasks"]):
            t["_note"] = "Trọng tâm" if i % 3 == 0 else ""


def columns_for(v: Variant) -> list[str]:
    roles = list(v.order)
    if v.stt2:
        roles.insert(roles.index("stt") + 1, "stt2")
    if v.note:
        roles.append("note")
    return roles


def heading_for(role: str, v: Variant) -> str:
    if role == "stt2":
        return "Stt2"
    if role == "stt" and v.stt2:
        return "Stt"
    return v.headings.get(role) or HEADINGS[role][0]


def title_lines(plan: dict) -> list[str]:
    doc = plan["document"]
    return [doc["issuer"].upper() or "ỦY BAN NHÂN DÂN", "PHỤ LỤC", doc["title"]]


def write_docx(plan: dict, v: Variant, path: Path) -> None:
    import docx

    document = docx.Document()
    if v.title_block:
        for line in title_lines(plan):
            document.add_paragraph(line)
    roles = columns_for(v)
    add_notes(plan, v)
    groups = [(None, plan)]
    if v.tables_per_section:
        groups = []
        for s, tasks in _sections_with_tasks(plan):
            groups.append((s, {**plan, "sections": [s], "tasks": tasks}))
    chunks = []
    for s, part in groups:
        rows, merges = render_rows(part, v, roles)
        if v.repeat_header_every and s is None:
            # a table per page: rows cut every N rows (never inside a task with merged sub-items)
            start = 0
            for cut in range(v.repeat_header_every, len(rows), v.repeat_header_every):
                if any(m[0] == "v" and m[1] is not None and m[1] < cut <= m[3] for m in merges):
                    continue
                chunks.append((None, rows[start:cut], [_shift_by(m, -start) for m in merges if start <= _row0(m) < cut]))
                start = cut
            chunks.append((None, rows[start:], [_shift_by(m, -start) for m in merges if _row0(m) >= start]))
        else:
            chunks.append((s, rows, merges))
    for s, rows, merges in chunks:
        if s is not None:
            document.add_paragraph(f"{_printed_code(s)}. {s['title']}")
            part = {"tasks": [t for t in plan["tasks"] if t["section"] == s["code"]]}
        if (s is not None and not any(part["tasks"][0].get(k) for k in ("result", "lead"))) or (
                s is not None and part["tasks"][0]["stt"] != _printed_code(s)):
            # the heading is printed above the table, not as a row (unless the section row carries a task)
            rows, merges = rows[1:], [_shift(m, -1) for m in merges if _row0(m) > 0]
            if not rows:
                continue
        header = [[heading_for(r, v) for r in roles]]
        if v.two_row_header and "cooperate" in roles:
            header = _two_row(roles, v)
        if v.numbering_row:
            header.append([f"({i + 1})" for i in range(len(roles))])
        table = document.add_table(rows=len(header) + len(rows), cols=len(roles))
        table.style = "Table Grid"
        grid = [list(row.cells) for row in table.rows]  # table.cell() is slow: take every cell once
        for i, cells in enumerate(header + rows):
            for j, text in enumerate(cells):
                cell = grid[i][j]
                parts = text.split("\n")
                cell.text = parts[0]
                for extra in parts[1:]:
                    cell.add_paragraph(extra)
        if v.two_row_header and "cooperate" in roles:
            lead = roles.index("lead")
            grid[0][lead].merge(grid[0][lead + 1]).text = "Cơ quan thực hiện"
            for j in range(len(roles)):
                if j not in (lead, lead + 1):
                    keep = grid[0][j].text
                    grid[0][j].merge(grid[1][j]).text = keep
        off = len(header)
        for m in merges:
            if m[0] == "v":
                _, r0, c, r1 = m
                if r0 is None:
                    continue
                keep = grid[r0 + off][c].text
                grid[r0 + off][c].merge(grid[r1 + off][c]).text = keep
            else:
                r0, c0, r1, c1 = m
                keep = grid[r0 + off][c0].text
                grid[r0 + off][c0].merge(grid[r1 + off][c1]).text = keep
    if v.signature:
        document.add_paragraph("")
        sig = document.add_table(rows=1, cols=2)
        sig.cell(0, 0).text = "Nơi nhận:\n- Như trên;\n- Lưu: VT."
        sig.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    document.save(path)


def _shift_by(m, d):
    return _shift(m, d)


def _row0(m):
    return m[1] if m[0] == "v" else m[0]


def _shift(m, d):
    if m[0] == "v":
        return ("v", None if m[1] is None else m[1] + d, m[2], m[3] + d)
    return (m[0] + d, m[1], m[2] + d, m[3])


def _two_row(roles, v):
    top, below = [], []
    for r in roles:
        if r in ("lead", "cooperate"):
            top.append("Cơ quan thực hiện")
            below.append("Chủ trì" if r == "lead" else "Phối hợp")
        else:
            top.append(heading_for(r, v))
            below.append("")
    return [top, below]


def write_xlsx(plan: dict, v: Variant, path: Path) -> None:
    import openpyxl
    from openpyxl.styles import Alignment

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    roles = columns_for(v)
    add_notes(plan, v)
    r = 1
    if v.title_block:
        for line in title_lines(plan):
            ws.cell(r, 1, line)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(roles))
            r += 1
        r += 1

    def header_rows(at):
        if v.two_row_header and "cooperate" in roles:
            top, below = _two_row(roles, v)
            for j, text in enumerate(top):
                if j == 0 or top[j - 1] != text:
                    ws.cell(at, j + 1, text)
            for j, text in enumerate(below):
                ws.cell(at + 1, j + 1, text or None)
            lead = roles.index("lead")
            ws.merge_cells(start_row=at, start_column=lead + 1, end_row=at, end_column=lead + 2)
            for j in range(len(roles)):
                if j not in (lead, lead + 1):
                    ws.merge_cells(start_row=at, start_column=j + 1, end_row=at + 1, end_column=j + 1)
            at += 2
        else:
            for j, role in enumerate(roles):
                ws.cell(at, j + 1, heading_for(role, v))
            at += 1
        if v.numbering_row:
            for j in range(len(roles)):
                ws.cell(at, j + 1, f"({j + 1})")
            at += 1
        return at

    r = header_rows(r)
    rows, merges = render_rows(plan, v, roles)
    place = {}
    for i, cells in enumerate(rows):
        if v.repeat_header_every and i and i % v.repeat_header_every == 0:
            r = header_rows(r)
        place[i] = r
        for j, text in enumerate(cells):
            if text:
                value = int(text) if text.isdigit() else text
                ws.cell(r, j + 1, value).alignment = Alignment(wrap_text=True)
        r += 1
    for m in merges:
        if m[0] == "v":
            _, r0, c, r1 = m
            if r0 is not None and place[r1] - place[r0] == r1 - r0:
                ws.merge_cells(start_row=place[r0], start_column=c + 1, end_row=place[r1], end_column=c + 1)
        else:
            r0, c0, _, c1 = m
            ws.merge_cells(start_row=place[r0], start_column=c0 + 1, end_row=place[r0], end_column=c1 + 1)
    wb.save(path)


def write_text(plan: dict, v: Variant, path: Path, per_line: bool = False) -> None:
    """The plan as a text export: TAB rows (a page break = blank lines before a fragment row), or one cell a line."""
    roles = columns_for(v)
    add_notes(plan, v)
    out = title_lines(plan) + [""] if v.title_block else []
    header = [heading_for(r, v) for r in roles]
    kinds = [k for k, _, _ in logical_rows(plan, v)]
    rows, _ = render_rows(plan, v, roles)
    if per_line:
        out += ["\t" + h for h in header] + [""]
        for kind, cells in zip(kinds, rows, strict=True):
            if kind == "section" and not any(cells[roles.index(r)] for r in ("result", "lead") if r in roles):
                title = cells[roles.index("content")] or cells[0].split(". ", 1)[-1]
                code = cells[roles.index("stt")].rstrip(".") or cells[0].split(".", 1)[0]
                cells = [f"{code}. {title}"] * len(roles)
            for cell in cells:
                out.append("\t" + cell)
            out.append("")
    else:
        out.append("\t".join(header))
        for kind, cells in zip(kinds, rows, strict=True):
            if kind == "fragment":
                out += ["", ""]
            out.append("\t".join(c.replace("\n", "  ") for c in cells))
    out += ["", "Nơi nhận:", "- Như trên;"]
    path.write_text("\n".join(out), encoding="utf-8")


VARIANTS = [
    Variant("plain"),
    Variant("reordered", order=("stt", "content", "lead", "cooperate", "deadline", "result"),
            headings={"stt": "SỐ TT", "content": "NHIỆM VỤ", "lead": "ĐƠN VỊ CHỦ TRÌ", "deadline": "THỜI HẠN",
                      "result": "SẢN PHẨM"}),
    Variant("stt2-note", stt2=True, note=True, headings={"content": "Nội dung nhiệm vụ"}),
    Variant("no-cooperate", order=("stt", "content", "result", "lead", "deadline"),
            headings={"lead": "Phân công thực hiện", "deadline": "Thời gian thực hiện"}),
    Variant("numbering-row-two-row-header", numbering_row=True, two_row_header=True,
            order=("stt", "content", "lead", "cooperate", "result", "deadline")),
    Variant("arabic-sections", arabic_sections=True, headings={"stt": "TT", "result": "Dự kiến kết quả"}),
    Variant("tables-per-section", tables_per_section=True, signature=True),
    Variant("subs-unmerged-fragments", merge_subs=False, fragments=True, paragraphs=True),
    Variant("no-title-repeat-header", title_block=False, repeat_header_every=7,
            order=("content", "stt", "result", "deadline", "lead", "cooperate")),
    Variant("two-row-header-numbers-repeated", two_row_header=True, numbering_row=True, repeat_header_every=6,
            order=("stt", "content", "result", "lead", "cooperate", "deadline"), note=True),
    Variant("code-in-title-page-tables", code_in_title=True, repeat_header_every=9,
            headings={"deadline": "Thời gian hoàn thành", "lead": "Cơ quan chủ trì thực hiện"}),
]


@pytest.mark.parametrize("form", ["docx", "xlsx"])
@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
@pytest.mark.parametrize("name", PLAN_NAMES)
def test_variant_reads_as_expected(tmp_path, name, variant, form):
    source = json.loads((PLANS / f"{name}.json").read_text(encoding="utf-8"))
    if variant.tables_per_section and form == "xlsx":
        pytest.skip("several tables are a Word layout")
    plan = copy.deepcopy(source)
    expected = expected_for(plan, variant)
    path = tmp_path / f"{name}-{variant.name}.{form}"
    (write_docx if form == "docx" else write_xlsx)(copy.deepcopy(plan), variant, path)
    plan = extract(path)
    score = compare_plans(plan, expected)
    assert score.weakest >= 0.99, f"{variant.name}/{form}: {score}"
    if not variant.tables_per_section:
        assert [(s.code, s.title) for s in plan.sections] == [(s["code"], s["title"]) for s in expected["sections"]]
    assert plan.document.year == expected["document"]["year"]


TEXT_VARIANTS = [VARIANTS[0], VARIANTS[1], VARIANTS[3], VARIANTS[5], VARIANTS[7]]


@pytest.mark.parametrize("per_line", [False, True], ids=["tab-rows", "cell-per-line"])
@pytest.mark.parametrize("variant", TEXT_VARIANTS, ids=lambda v: v.name)
@pytest.mark.parametrize("name", PLAN_NAMES)
def test_text_variant_reads_as_expected(tmp_path, name, variant, per_line):
    """Raw text loses merges and page layout; it must still read well (the bar for text is lower)."""
    if per_line and variant.fragments:
        pytest.skip("a one-cell-per-line export has no page-break rows")
    source = json.loads((PLANS / f"{name}.json").read_text(encoding="utf-8"))
    expected = expected_for(copy.deepcopy(source), variant)
    path = tmp_path / f"{name}-{variant.name}.txt"
    write_text(copy.deepcopy(source), variant, path, per_line=per_line)
    plan = extract(path)
    score = compare_plans(plan, expected)
    assert score.weakest >= 0.95, f"{variant.name}/text: {score}"
    assert [s.title for s in plan.sections] == [s["title"] for s in expected["sections"]]


def _docx(path: Path, rows: list[list[str]], before: list[str] = ()) -> Path:
    import docx

    document = docx.Document()
    for line in before:
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    grid = [list(r.cells) for r in table.rows]
    for i, cells in enumerate(rows):
        for j, text in enumerate(cells):
            grid[i][j].text = text
    document.save(path)
    return path


def test_unnamed_number_column_and_titles_repeated_across(tmp_path):
    rows = [["", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian"],
            ["I", "CÔNG TÁC CHỈ ĐẠO", "CÔNG TÁC CHỈ ĐẠO", "CÔNG TÁC CHỈ ĐẠO", "CÔNG TÁC CHỈ ĐẠO"],
            ["1", "Ban hành kế hoạch KSTTHC", "Văn phòng", "Các phòng", "Tháng 01/2025"],
            ["2", "Rà soát thủ tục hành chính", "Các phòng", "Văn phòng", "Quý III/2025"],
            ["II", "CÔNG KHAI", "", "", ""],
            ["1", "Niêm yết thủ tục", "Bộ phận Một cửa", "", "Thường xuyên"]]
    plan = extract(_docx(tmp_path / "kh.docx", rows, ["KẾ HOẠCH", "Kiểm soát thủ tục hành chính năm 2025"]))
    assert [(s.code, s.title) for s in plan.sections] == [("I", "CÔNG TÁC CHỈ ĐẠO"), ("II", "CÔNG KHAI")]
    assert [(t.section, t.stt, t.content) for t in plan.tasks] == [
        ("I", "1", "Ban hành kế hoạch KSTTHC"), ("I", "2", "Rà soát thủ tục hành chính"), ("II", "1", "Niêm yết thủ tục")]
    assert plan.tasks[1].deadline.due.isoformat() == "2025-09-30"


def test_unknown_column_kept_with_warning_and_signature_table_ignored(tmp_path):
    import docx

    rows = [["TT", "Nhiệm vụ", "Kinh phí (triệu đồng)", "Chủ trì", "Thời hạn"],
            ["1", "Tập huấn nghiệp vụ", "20", "Văn phòng Sở", "Quý II/2025"]]
    path = _docx(tmp_path / "kh.docx", rows, ["SỞ TƯ PHÁP", "KẾ HOẠCH KIỂM SOÁT TTHC NĂM 2025"])
    document = docx.Document(path)
    sig = document.add_table(rows=1, cols=2)
    sig.cell(0, 0).text = "Nơi nhận:"
    sig.cell(0, 1).text = "GIÁM ĐỐC"
    document.save(path)
    plan = extract(path)
    assert len(plan.tasks) == 1
    assert plan.tasks[0].extra == {"Kinh phí (triệu đồng)": "20"}
    assert any(w.code == "unknown_column" and "Kinh phí" in w.message for w in plan.warnings)
    assert plan.document.issuer == "Sở Tư pháp" and plan.document.level == "department"


def test_markdown_pipe_table_and_form_feed():
    from kstthc_desktop.importers import extract_text

    text = ("**KẾ HOẠCH**\n**Kiểm soát thủ tục hành chính năm 2025**\n\n"
            "| STT | Nội dung | Chủ trì | Thời hạn |\n|---|---|---|---|\n"
            "| I | **CÔNG TÁC CHỈ ĐẠO** | | |\n| 1 | Rà soát thủ tục | Văn phòng | Quý II |\n\f"
            "| 2 | Công bố thủ tục | Văn phòng | Thường xuyên |\n")
    plan = extract_text(text)
    assert [(s.code, s.title) for s in plan.sections] == [("I", "CÔNG TÁC CHỈ ĐẠO")]
    assert [(t.stt, t.content) for t in plan.tasks] == [("1", "Rà soát thủ tục"), ("2", "Công bố thủ tục")]
    assert plan.tasks[0].deadline.due.isoformat() == "2025-06-30"


def test_appendix_framed_in_a_one_cell_table(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH KIỂM SOÁT THỦ TỤC HÀNH CHÍNH NĂM 2025")
    frame = document.add_table(rows=1, cols=1).cell(0, 0)
    inner = frame.add_table(rows=3, cols=4)
    for i, cells in enumerate([["STT", "Nội dung", "Chủ trì", "Thời hạn"], ["I", "CÔNG TÁC", "", ""],
                               ["1", "Rà soát thủ tục", "Văn phòng", "Quý II"]]):
        for j, text in enumerate(cells):
            inner.cell(i, j).text = text
    path = tmp_path / "kh.docx"
    document.save(path)
    plan = extract(path)
    assert [(t.section, t.stt, t.content) for t in plan.tasks] == [("I", "1", "Rà soát thủ tục")]


def test_groups_of_sections_in_one_table_and_in_several():
    """A plan in groups of sections: group rows "1", "2" above Roman sections, or a table per group."""
    from kstthc_desktop.importers import extract_text

    text = ("KẾ HOẠCH năm 2025\nSTT\tNội dung\tChủ trì\tThời hạn\n"
            "1\tNHÓM NHIỆM VỤ CHUNG\t\t\nI\tCông tác chỉ đạo\t\t\n1\tRà soát\tVăn phòng\tQuý II/2025\n"
            "II\tCông khai\t\t\n1\tCông bố\tVăn phòng\tThường xuyên\n"
            "2\tNHÓM NHIỆM VỤ RIÊNG\t\t\nI\tKiểm tra\t\t\n1\tKiểm tra nội bộ\tVăn phòng\tTrong năm\n")
    plan = extract_text(text)
    assert [(s.code, s.parent) for s in plan.sections] == [("1", None), ("1.I", "1"), ("1.II", "1"), ("2", None),
                                                           ("2.I", "2")]
    assert [t.section for t in plan.tasks] == ["1.I", "1.II", "2.I"]


def test_groups_as_tables_with_headings_between(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH KIỂM SOÁT THỦ TỤC HÀNH CHÍNH NĂM 2025")
    document.add_paragraph("PHỤ LỤC")
    for group, sections in (("Phần 1. NHIỆM VỤ CỦA UBND TỈNH", ["I", "II"]), ("Phần 2. NHIỆM VỤ CỦA CÁC SỞ", ["I"])):
        document.add_paragraph(group)
        rows = [["STT", "Nội dung", "Chủ trì", "Thời hạn"]]
        for code in sections:
            rows += [[code, f"Mục {code} của {group[:6]}", "", ""], ["1", f"Việc 1 mục {code} {group[:6]}", "VP", "Quý I"]]
        table = document.add_table(rows=len(rows), cols=4)
        for i, cells in enumerate(rows):
            for j, text in enumerate(cells):
                table.cell(i, j).text = text
    path = tmp_path / "kh.docx"
    document.save(path)
    plan = extract(path)
    assert [(s.code, s.parent) for s in plan.sections] == [("1", None), ("1.I", "1"), ("1.II", "1"), ("2", None),
                                                           ("2.I", "2")]
    assert [t.section for t in plan.tasks] == ["1.I", "1.II", "2.I"]
    assert plan.sections[0].title == "NHIỆM VỤ CỦA UBND TỈNH"


def test_section_title_merged_from_a_column_other_than_the_content(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH KIỂM SOÁT THỦ TỤC HÀNH CHÍNH NĂM 2025")
    rows = [["STT", "Đơn vị chủ trì", "Nội dung", "Thời hạn"], ["I", "CÔNG TÁC CHỈ ĐẠO", "", ""],
            ["1", "Văn phòng", "Rà soát thủ tục", "Quý II"], ["II", "KIỂM TRA", "", ""],
            ["1", "Thanh tra", "Kiểm tra nội bộ", "Quý IV"]]
    table = document.add_table(rows=len(rows), cols=4)
    grid = [list(r.cells) for r in table.rows]
    for i, cells in enumerate(rows):
        for j, text in enumerate(cells):
            grid[i][j].text = text
    for i in (1, 3):
        keep = grid[i][1].text
        grid[i][1].merge(grid[i][3]).text = keep
    path = tmp_path / "kh.docx"
    document.save(path)
    plan = extract(path)
    assert [(s.code, s.title) for s in plan.sections] == [("I", "CÔNG TÁC CHỈ ĐẠO"), ("II", "KIỂM TRA")]
    assert [(t.section, t.stt, t.content, t.lead) for t in plan.tasks] == [
        ("I", "1", "Rà soát thủ tục", "Văn phòng"), ("II", "1", "Kiểm tra nội bộ", "Thanh tra")]


def test_two_row_header_in_a_text_export():
    from kstthc_desktop.importers import extract_text

    text = ("KẾ HOẠCH KIỂM SOÁT THỦ TỤC HÀNH CHÍNH NĂM 2025\n"
            "STT\tNội dung\tCơ quan thực hiện\t\tThời hạn\n\t\tChủ trì\tPhối hợp\t\n"
            "1\tRà soát thủ tục\tVăn phòng\tCác phòng\tQuý II\n")
    plan = extract_text(text)
    task = plan.tasks[0]
    assert (task.lead, task.cooperate, task.deadline_text) == ("Văn phòng", "Các phòng", "Quý II")
    assert len(plan.tasks) == 1


@pytest.mark.slow
def test_random_layouts(tmp_path):
    """Many random combinations of the layout choices above, in every form: none may read worse than 0.95."""
    rng = random.Random(2025)
    roles = ["content", "result", "lead", "cooperate", "deadline"]
    worst = []
    for n in range(150):
        order = roles[:]
        rng.shuffle(order)
        if rng.random() < 0.3:
            order.remove("cooperate")
        order.insert(rng.choice([0, 0, 0, 1]), "stt")
        v = Variant(f"random-{n}", order=tuple(order),
                    headings={r: rng.choice(HEADINGS[r]) for r in HEADINGS},
                    stt2=rng.random() < 0.2, note=rng.random() < 0.3, title_block=rng.random() < 0.8,
                    numbering_row=rng.random() < 0.3, two_row_header=rng.random() < 0.2 and "cooperate" in order,
                    arabic_sections=rng.random() < 0.3, tables_per_section=rng.random() < 0.2,
                    merge_subs=rng.random() < 0.7, fragments=rng.random() < 0.3, paragraphs=rng.random() < 0.3,
                    signature=rng.random() < 0.3, repeat_header_every=rng.choice([0, 0, 5, 8]),
                    code_in_title=rng.random() < 0.2)
        if v.two_row_header and v.order.index("cooperate") != v.order.index("lead") + 1:
            v.two_row_header = False
        if v.tables_per_section:  # the generator numbers "1." sections within one table only
            v.arabic_sections = False
        name = rng.choice(PLAN_NAMES)
        source = json.loads((PLANS / f"{name}.json").read_text(encoding="utf-8"))
        expected = expected_for(copy.deepcopy(source), v)
        form = rng.choice(["docx", "xlsx", "txt"])
        if form == "xlsx" and v.tables_per_section:
            form = "docx"
        path = tmp_path / f"{name}-{n}.{form}"
        if form == "docx":
            write_docx(copy.deepcopy(source), v, path)
        elif form == "xlsx":
            write_xlsx(copy.deepcopy(source), v, path)
        else:
            if v.tables_per_section or v.two_row_header or v.code_in_title:
                continue
            write_text(copy.deepcopy(source), v, path, per_line=not v.fragments and rng.random() < 0.3)
        score = compare_plans(extract(path), expected)
        if score.weakest < 0.95:
            worst.append(f"{path.name} {v}: {score}")
    assert not worst, "\n\n".join(worst)


def test_html_table_inside_a_text_export():
    """Converters to Markdown write a table with merged cells as an HTML <table> inside the text."""
    from kstthc_desktop.importers import extract_text
    from test_import_clipboard import word_html

    source = json.loads((PLANS / "soc-trang-2022.json").read_text(encoding="utf-8"))
    html = word_html(source)
    table = html[html.index("<table"):html.index("</table>") + len("</table>")]
    text = "# KẾ HOẠCH\n**Thực hiện công tác kiểm soát thủ tục hành chính năm 2022**\n\n" + table + "\n\nNơi nhận:\n"
    plan = extract_text(text)
    assert plan.document.year == 2022
    assert compare_plans(plan, source).weakest >= 0.99


def test_sub_items_that_print_their_task_again():
    from kstthc_desktop.importers import extract_text

    text = ("STT\tNội dung\tKết quả\tChủ trì\tThời hạn\n1\tRà soát TTHC\tBáo cáo\tVăn phòng\tQuý I/2025\n"
            "1\tRà soát TTHC\tKế hoạch\tSở Tư pháp\tQuý II/2025\n\tRà soát TTHC\tQuyết định\tSở Nội vụ\tQuý III/2025\n"
            "2\tCông bố TTHC\tQuyết định\tVăn phòng\tThường xuyên\n")
    plan = extract_text(text)
    assert [(t.stt, t.sub, t.result) for t in plan.tasks] == [
        ("1", 0, "Báo cáo"), ("", 1, "Kế hoạch"), ("", 2, "Quyết định"), ("2", 0, "Quyết định")]
    assert not plan.warnings
