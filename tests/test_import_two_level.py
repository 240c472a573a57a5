"""Issue 14 item 10: a department plan whose Roman sections sit under Arabic-numbered groups, each heading a row
merged across the table, with two number columns (Stt | Stt2), in Word and Excel alike."""

from __future__ import annotations

import pytest
import two_level_plan as layout

from kstthc_desktop.importers import extract
from kstthc_desktop.tracking import printed_section_codes, shown_stt

WRITERS = {"docx": layout.write_docx, "xlsx": layout.write_xlsx, "txt": layout.write_text,
           "repeated.txt": lambda path: layout.write_text(path, repeat=True)}


def _import(tmp_path, kind: str, rows=None, monkeypatch=None):
    if rows is not None:
        monkeypatch.setattr(layout, "ROWS", rows)
    path = WRITERS[kind](tmp_path / f"plan.{kind}")
    return extract(path)


def _shown(plan) -> list[str]:
    codes = printed_section_codes(plan.sections)
    return [shown_stt(t, codes) for t in plan.tasks]


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_groups_hold_their_sections_and_every_title_is_kept(tmp_path, kind):
    plan = extract(WRITERS[kind](tmp_path / f"plan.{kind}"))
    sections = [s.to_json() for s in plan.sections]
    for s in sections:
        s.pop("printed_code", None)
    assert sections == layout.expected_sections()


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_no_heading_becomes_a_task_and_numbers_are_unique(tmp_path, kind):
    plan = extract(WRITERS[kind](tmp_path / f"plan.{kind}"))
    assert all(t.content and t.lead for t in plan.tasks), [t.stt for t in plan.tasks if not t.lead]
    assert not [w.message for w in plan.warnings if "không có nội dung" in w.message]
    assert _shown(plan) == layout.expected_numbers()  # "1.I.1", "1.I.2", "1.II.1", … "2.II.2"
    assert len(set(_shown(plan))) == len(plan.tasks)


@pytest.mark.parametrize("kind", sorted(WRITERS))
@pytest.mark.parametrize("number", ["", "B"])
def test_a_merged_heading_is_a_group_whatever_its_numbering(tmp_path, kind, number, monkeypatch):
    rows = list(layout.ROWS)
    at = next(i for i, r in enumerate(rows) if r[0] == "group" and r[1] == "2")
    rows[at] = ("group", number, "Nhiệm vụ cải cách thủ tục hành chính của Sở")
    plan = _import(tmp_path, kind, rows, monkeypatch)
    group = next(s for s in plan.sections if s.title == "Nhiệm vụ cải cách thủ tục hành chính của Sở")
    assert group.parent is None
    assert [s.title for s in plan.sections if s.parent == group.code] == [
        "Rà soát, đánh giá thủ tục hành chính", "Công khai thủ tục hành chính"]
    assert all(t.content and t.lead for t in plan.tasks)
    assert not any("cải cách thủ tục hành chính của Sở" in t.content for t in plan.tasks)  # not glued to a task
    assert len(set(_shown(plan))) == len(plan.tasks)


def test_plain_plans_keep_their_printed_numbers():
    from kstthc_desktop.domain import Section

    codes = printed_section_codes([Section("I", "A"), Section("II", "B"), Section("VII-2", "C", printed_code="VII")])
    assert codes == {"I": "I", "II": "II", "VII-2": "VII"}


def test_the_dashboard_names_each_section_apart(tmp_path):
    from datetime import date

    from kstthc_desktop.periods import Period
    from kstthc_desktop.tracking import build_rows, dashboard

    plan = extract(layout.write_xlsx(tmp_path / "plan.xlsx"))
    for i, task in enumerate(plan.tasks):
        task.id = i + 1
    rows = build_rows(plan.tasks, [], [], Period("year", 2024), date(2024, 6, 16), year=2024)
    data = dashboard(rows, Period("year", 2024), date(2024, 6, 16), plan.sections)
    labels = [bar.label for bar in data.by_section]
    assert "1.I. Công tác chỉ đạo, điều hành" in labels and "2.I. Rà soát, đánh giá thủ tục hành chính" in labels


def test_a_section_added_under_a_group_is_numbered_with_its_group_like_its_neighbours():
    """"III" added under group 1 of a plan whose groups repeat "I" and "II" reads "1.III" beside "1.I" and "1.II"."""
    from kstthc_desktop.domain import Section
    from kstthc_desktop.tracking import printed_section_codes

    sections = [Section("1", "Nhóm một"), Section("1.I", "A", parent="1", printed_code="I"),
                Section("1.II", "B", parent="1", printed_code="II"), Section("1.III", "Mới", parent="1",
                                                                          printed_code="III"),
                Section("2", "Nhóm hai"), Section("2.I", "C", parent="2", printed_code="I")]
    assert printed_section_codes(sections) == {"1": "1", "1.I": "1.I", "1.II": "1.II", "1.III": "1.III", "2": "2",
                                               "2.I": "2.I"}
    single = [Section("I", "A"), Section("II", "B")]
    assert printed_section_codes(single) == {"I": "I", "II": "II"}
