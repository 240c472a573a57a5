"""Arbitrary input to the text reader, the clipboard reader and the table understanding: a Plan or a UserError
with a Vietnamese sentence, never anything else (data-safety issue §5).

The grids are drawn from the words plans are made of (headings, section numerals, deadlines) mixed with noise, so
that hypothesis reaches deep into the table understanding, not only its "no header found" exit.
"""

from __future__ import annotations

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kstthc_desktop.domain import Plan
from kstthc_desktop.errors import UserError
from kstthc_desktop.importers import extract, extract_clipboard, extract_text, from_blocks
from kstthc_desktop.importers.base import Cell, Paragraph, Row, Table

WORDS = [
    "STT", "Số TT", "Nội dung công việc", "Kết quả", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện",
    "Phân công thực hiện", "Ghi chú", "Stt2", "I", "II", "IV", "1", "1.1", "2.", "a)", "-", "",
    "Thường xuyên", "Hằng quý", "Quý III/2024", "Trước ngày 31/01/2025", "Khi có phát sinh", "Năm 2024",
    "Công tác chỉ đạo điều hành", "Văn phòng UBND tỉnh", "Các sở, ban, ngành", "<b>II</b>", "\t", "\n\n",
    "KẾ HOẠCH Kiểm soát thủ tục hành chính năm 2024", "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG", "Nơi nhận:",
]
fragment = st.one_of(st.sampled_from(WORDS), st.text(max_size=30))
cell_text = st.lists(fragment, max_size=3).map(" ".join)
cell = st.builds(Cell, text=cell_text, vmerge=st.booleans(), hmerge=st.booleans())


@st.composite
def tables(draw):
    width = draw(st.integers(1, 8))
    rows = draw(st.lists(st.lists(cell, min_size=width, max_size=width), max_size=14))
    return Table(rows=[Row(cells=r, line=i + 1) for i, r in enumerate(rows)])


HEADINGS = ["STT", "Nội dung công việc", "Kết quả", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện",
            "Ghi chú", "Stt2", "Sản phẩm", "Đơn vị thực hiện"]
NUMBERS = ["I", "II", "III", "1", "2", "3", "1.1", "1.2", "2.", "", "", "a)", "-"]


@st.composite
def plan_tables(draw):
    """A header row of real headings (any order, any subset), then rows that look like sections and tasks."""
    header = draw(st.lists(st.sampled_from(HEADINGS), min_size=2, max_size=7, unique=True))
    rows = [Row(cells=[Cell(text=h) for h in header], line=1)]
    for i in range(draw(st.integers(0, 12))):
        cells = [draw(cell) for _ in header]
        cells[0] = Cell(text=draw(st.sampled_from(NUMBERS)), vmerge=draw(st.booleans()))
        rows.append(Row(cells=cells, line=i + 2, after_break=draw(st.booleans())))
    return Table(rows=rows)


blocks = st.lists(st.one_of(tables(), plan_tables(), st.builds(Paragraph, text=cell_text)), max_size=5)


def _plan_or_user_error(call) -> None:
    try:
        plan = call()
    except UserError as exc:
        assert exc.message.strip() and "Traceback" not in exc.message
        event("refused with a message")
        return
    event("read as a plan")
    assert isinstance(plan, Plan) and plan.tasks
    plan.to_json()  # what --dry-run --json prints must always serialise


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks, st.one_of(st.none(), st.integers(1990, 2100)))
def test_table_understanding_gives_a_plan_or_a_message(drawn, year):
    _plan_or_user_error(lambda: from_blocks(drawn, source="fuzz", year=year))


def _as_text(table: Table) -> str:
    return "\n".join("\t".join(c.text for c in row.cells) for row in table.rows)


def _as_html(table: Table) -> str:
    rows = "".join("<tr>" + "".join(f"<td>{c.text}</td>" for c in row.cells) + "</tr>" for row in table.rows)
    return f"<html><body><table>{rows}</table></body></html>"


@settings(max_examples=250, deadline=None)
@given(st.one_of(st.lists(st.lists(fragment, max_size=7).map("\t".join), max_size=25).map("\n".join),
                 plan_tables().map(_as_text)))
def test_text_reader_gives_a_plan_or_a_message(text):
    _plan_or_user_error(lambda: extract_text(text))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(["<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>",
                                           '<td rowspan="3">', '<td colspan="0">', '<td rowspan="x">', "<p>",
                                           "<br>", "&nbsp;", "&#x1F600;", "<!--", "-->"]), fragment),
                max_size=60).map("".join) | plan_tables().map(_as_html),
       st.one_of(st.none(), st.text(max_size=50)))
def test_clipboard_reader_gives_a_plan_or_a_message(html, text):
    _plan_or_user_error(lambda: extract_clipboard(html, text))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".docx", ".xlsx", ".csv", ""]))
def test_any_bytes_in_a_file_give_a_plan_or_a_message(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"ke-hoach{suffix}"
    path.write_bytes(data)
    _plan_or_user_error(lambda: extract(path))
