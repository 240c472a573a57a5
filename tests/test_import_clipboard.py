"""Paste: a table copied out of Word arrives as HTML (with colspan/rowspan) and as TAB text."""

from __future__ import annotations

import html
import json

import pytest

from conftest import PLAN_NAMES, PLANS
from kstthc_desktop.importers import extract_clipboard
from kstthc_desktop.importers.compare import compare_plans


def word_html(plan: dict) -> str:
    """The plan's table as Word puts it on the clipboard: CF_HTML header, <p> per paragraph, spans for merges."""
    e = html.escape
    head = ["STT", "Nội dung công việc", "Kết quả", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
    rows = ["<tr>" + "".join(f"<td><p><b>{e(h)}</b></p></td>" for h in head) + "</tr>"]
    tasks = plan["tasks"]
    for s in plan["sections"]:
        code = s.get("printed_code") or s["code"]
        own = [t for t in tasks if t["section"] == s["code"] and t["stt"] == code and t["content"] == s["title"]]
        if not own:
            rows.append(f"<tr><td>{e(code)}</td><td colspan=5><p><b>{e(s['title'])}</b></p></td></tr>")
        section_tasks = [t for t in tasks if t["section"] == s["code"]]
        for i, t in enumerate(section_tasks):
            cells = [t["result"], t["lead"], t["cooperate"], t["deadline_text"]]
            body = "".join("<td>" + "".join(f"<p>{e(p)}</p>" for p in c.split("\n")) + "</td>" for c in cells)
            if t["sub"]:
                rows.append(f"<tr>{body}</tr>")
                continue
            span = 1 + sum(1 for _ in _subs(section_tasks, i))
            number = e(t["stt"])
            content = "".join(f"<p>{e(p)}</p>" for p in t["content"].split("\n"))
            rows.append(f"<tr><td rowspan={span}>{number}</td><td rowspan={span}>{content}</td>{body}</tr>")
    table = "<table border=1>" + "\n".join(rows) + "</table>"
    doc = f"<html><head><style>p {{margin:0}}</style></head><body><!--StartFragment-->{table}<!--EndFragment--></body></html>"
    return f"Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:{len(doc):010d}\r\n{doc}"


def _subs(tasks, i):
    for t in tasks[i + 1:]:
        if not t["sub"]:
            return
        yield t


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_word_html_paste(name):
    expected = json.loads((PLANS / f"{name}.json").read_text(encoding="utf-8"))
    plan = extract_clipboard(word_html(expected), None, year=expected["document"]["year"])
    score = compare_plans(plan, expected)
    assert score.weakest >= 0.99, str(score)
    assert plan.source == "bảng dán"


def test_tab_text_paste():
    lines = (PLANS / "dong-nai-so-noi-vu-2022.txt").read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("STT\t"))
    text = "\n".join(lines[start:start + 35])
    expected = json.loads((PLANS / "dong-nai-so-noi-vu-2022.json").read_text(encoding="utf-8"))
    plan = extract_clipboard(None, text, year=2022)
    assert compare_plans(plan, expected).weakest == 1.0


def test_html_without_table_falls_back_to_text():
    text = "STT\tNội dung\tChủ trì\tThời hạn\n1\tRà soát thủ tục\tVăn phòng\tQuý II/2025"
    plan = extract_clipboard("<html><body><p>chỉ có chữ</p></body></html>", text)
    assert [t.content for t in plan.tasks] == ["Rà soát thủ tục"]
    assert plan.tasks[0].deadline.kind.value == "dated"


def test_a_stray_marked_section_opener_in_a_cell_is_kept_as_text():
    """Python 3.11's HTML parser stopped with an AssertionError on "<![" not followed by a name (found by
    test_import_fuzz): the pasted table was lost. Word's own "<![if …]>" still goes."""
    html = ("<html><body><table><tr><td>STT</td><td>Nội dung công việc</td><td>Cơ quan chủ trì</td>"
            "<td>Thời gian thực hiện</td></tr><tr><td>1</td><td>Rà soát <![ thủ tục<![if !supportLists]>x"
            "<![endif]></td><td>Sở Tư pháp</td><td>Quý III/2025</td></tr></table></body></html>")
    plan = extract_clipboard(html, None)
    assert [t.content for t in plan.tasks] == ["Rà soát <![ thủ tụcx"]
