"""Issue 14 item 9, last sentence: a re-import of an amended plan keeps the officer's corrections — of sections and of
task fields — and asks where the new file changed the same thing differently (kept the officer's by default)."""

from __future__ import annotations

import pytest

import two_level_plan as layout
from kstthc_desktop.cli import main
from kstthc_desktop.importers import extract
from kstthc_desktop.operations import plan_edit
from kstthc_desktop.operations.imports import changes_if_saved, save_import
from kstthc_desktop.store import Store

from datetime import datetime

NOW = datetime(2024, 6, 16, 9, 0)
FIRST = "Ban hành Kế hoạch kiểm soát thủ tục hành chính năm 2024 của Sở."


def amended_rows(**changes) -> list:
    """The plan's rows with some changed: a section's title by its place ("1.II": title), a task by content."""
    rows, group = [], ""
    for kind, number, value in layout.ROWS:
        if kind == "group":
            group = number
        if kind == "section" and f"{group}.{number}" in changes:
            value = changes[f"{group}.{number}"]
        if kind == "task" and value["content"] in changes:
            value = {**value, **changes[value["content"]]}
        rows.append((kind, number, value))
    return rows


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "kstthc.sqlite3") as s:
        save_import(s, extract(layout.write_xlsx(tmp_path / "plan.xlsx")), NOW)
        yield s


def amended(tmp_path, monkeypatch, name: str = "amended", **changes):
    monkeypatch.setattr(layout, "ROWS", amended_rows(**changes))
    return extract(layout.write_xlsx(tmp_path / f"{name}.xlsx"))


def sections(store) -> dict[str, tuple[int, str]]:
    return {s.code: (s.id, s.title) for s in store.load_plan(store.plans()[0].id, tasks=False).sections}


def test_the_officers_section_edits_survive_a_reimport_and_ids_stay(store, tmp_path, monkeypatch):
    before = sections(store)
    plan_id = store.plans()[0].id
    plan_edit.rename_section(store, before["1.I"][0], "Chỉ đạo, điều hành (đã sửa)")
    added = plan_edit.add_section(store, plan_id, "III", "Truyền thông về kiểm soát TTHC", parent="1",
                                  after=before["1.II"][0])
    for task in store.tasks(plan_id):  # the officer folds 2.II into 2.I, then deletes 2.II
        if task.section == "2.II":
            plan_edit.edit_task(store, task.id, section="2.I")
    plan_edit.delete_section(store, before["2.II"][0])

    new = amended(tmp_path, monkeypatch, **{"1.II": "Kiểm soát quy định TTHC (sửa đổi)"})
    changes = save_import(store, new, NOW).changes
    after = sections(store)
    assert after["1.I"] == (before["1.I"][0], "Chỉ đạo, điều hành (đã sửa)")  # the officer's title, the same row
    assert after["1.II"] == (before["1.II"][0], "Kiểm soát quy định TTHC (sửa đổi)")  # the file's change taken
    assert after["1.III"] == (added, "Truyền thông về kiểm soát TTHC")  # the officer's section kept …
    assert list(after) == ["1", "1.I", "1.II", "1.III", "2", "2.I"]  # … where the officer put it; 2.II not back
    assert {t.section for t in store.tasks(plan_id) if not t.withdrawn} <= set(after)
    lines = "\n".join(changes.summary())
    assert "Mục 2.II: cán bộ đã xóa, không thêm lại" in lines
    assert "giữ tên mục do cán bộ đã sửa" in lines


def test_a_section_renamed_by_both_is_asked_and_the_officer_may_take_the_files(store, tmp_path, monkeypatch):
    plan_id = store.plans()[0].id
    first = sections(store)["1.I"][0]
    plan_edit.rename_section(store, first, "Chỉ đạo (cán bộ sửa)")
    new = amended(tmp_path, monkeypatch, **{"1.I": "Chỉ đạo, điều hành và kiểm tra"})
    changes = changes_if_saved(store, new)
    [conflict] = changes.conflicts
    assert (conflict.officer, conflict.file) == ("Chỉ đạo (cán bộ sửa)", "Chỉ đạo, điều hành và kiểm tra")
    assert sections(store)["1.I"][1] == "Chỉ đạo (cán bộ sửa)"  # the preview writes nothing

    save_import(store, new, NOW)
    assert sections(store)["1.I"] == (first, "Chỉ đạo (cán bộ sửa)")  # by default the officer's stays
    assert changes_if_saved(store, new).conflicts == []  # decided: the same file does not ask again

    newer = amended(tmp_path, monkeypatch, "newer", **{"1.I": "Công tác chỉ đạo và kiểm tra"})
    [conflict] = changes_if_saved(store, newer).conflicts  # the file changed it again: asked again
    save_import(store, newer, NOW, take_file={conflict.key})
    assert sections(store)["1.I"] == (first, "Công tác chỉ đạo và kiểm tra")
    assert plan_id == store.plans()[0].id


def test_task_fields_the_officer_edited_are_kept_or_asked_and_the_rest_taken(store, tmp_path, monkeypatch):
    task = next(t for t in store.tasks(store.plans()[0].id) if t.content == FIRST)
    plan_edit.edit_task(store, task.id, content=FIRST + " (bổ sung)", lead="Văn phòng Sở (bộ phận một cửa)",
                        deadline_text="Trước ngày 31/01/2024")
    new = amended(tmp_path, monkeypatch, **{FIRST: {"result": "Kế hoạch được ban hành", "lead": "Phòng Hành chính"}})
    changes = changes_if_saved(store, new)
    assert [(c.what, c.officer, c.file) for c in changes.conflicts] == \
        [("chủ trì", "Văn phòng Sở (bộ phận một cửa)", "Phòng Hành chính")]  # content, deadline: only the officer

    save_import(store, new, NOW)
    saved = store.task(task.id)
    assert saved.result == "Kế hoạch được ban hành"  # the file's new result
    assert saved.content == FIRST + " (bổ sung)" and saved.deadline_text == "Trước ngày 31/01/2024"
    assert saved.deadline.due is not None and saved.deadline.due.isoformat() == "2024-01-31"
    assert saved.lead == "Văn phòng Sở (bộ phận một cửa)"  # asked, kept by default

    assert changes_if_saved(store, new).conflicts == []  # decided: the same file does not ask again
    newer = amended(tmp_path, monkeypatch, "newer", **{FIRST: {"lead": "Phòng Tổ chức - Hành chính"}})
    [conflict] = changes_if_saved(store, newer).conflicts  # changed again: asked again
    save_import(store, newer, NOW, take_file={conflict.key})
    assert store.task(task.id).lead == "Phòng Tổ chức - Hành chính"
    assert store.task(task.id).content == FIRST + " (bổ sung)"


def test_the_command_line_keeps_the_officers_and_says_so_or_takes_the_files(tmp_path, monkeypatch, capsys):
    db = tmp_path / "k.sqlite3"
    assert main(["import", str(layout.write_xlsx(tmp_path / "plan.xlsx")), "--db", str(db)]) == 0
    with Store.open(db) as store:
        plan_edit.rename_section(store, sections(store)["1.I"][0], "Chỉ đạo (cán bộ sửa)")
    monkeypatch.setattr(layout, "ROWS", amended_rows(**{"1.I": "Chỉ đạo, điều hành và kiểm tra"}))
    path = layout.write_xlsx(tmp_path / "amended.xlsx")
    capsys.readouterr()
    assert main(["import", str(path), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "  = Mục 1.I: giữ tên mục do cán bộ đã sửa «Chỉ đạo (cán bộ sửa)» (tệp mới ghi «Chỉ đạo, điều hành và " \
           "kiểm tra»)" in out
    assert "Đã giữ bản cán bộ đã sửa ở các chỗ trên" in out
    monkeypatch.setattr(layout, "ROWS", amended_rows(**{"1.I": "Công tác chỉ đạo và kiểm tra"}))
    path = layout.write_xlsx(tmp_path / "newer.xlsx")
    assert main(["import", str(path), "--db", str(db), "--take-file"]) == 0
    out = capsys.readouterr().out
    assert "  ~ Mục 1.I: lấy tên mục theo tệp mới" in out and "Đã giữ" not in out
    with Store.open(db) as store:
        assert sections(store)["1.I"][1] == "Công tác chỉ đạo và kiểm tra"


def test_sections_the_officer_reordered_keep_the_officers_order(store, tmp_path, monkeypatch):
    from kstthc_desktop.store import plan_edits

    before = sections(store)
    plan_edits.update_section(store, before["1.I"][0], position=2)  # the officer puts 1.II before 1.I
    plan_edits.update_section(store, before["1.II"][0], position=1)
    new = amended(tmp_path, monkeypatch, **{"2.I": "Rà soát, đánh giá TTHC (sửa đổi)"})
    save_import(store, new, NOW)
    after = sections(store)
    assert list(after) == ["1", "1.II", "1.I", "2", "2.I", "2.II"]
    assert after["2.I"] == (before["2.I"][0], "Rà soát, đánh giá TTHC (sửa đổi)")


def test_a_deleted_section_comes_back_when_a_new_task_of_the_file_is_in_it(store, tmp_path, monkeypatch):
    plan_id = store.plans()[0].id
    for task in store.tasks(plan_id):
        if task.section == "2.II":
            plan_edit.edit_task(store, task.id, section="2.I")
    plan_edit.delete_section(store, sections(store)["2.II"][0])
    rows = amended_rows()
    rows.append(("task", "3", {"stt": "3", "content": "Niêm yết công khai số điện thoại đường dây nóng.",
                               "result": "Niêm yết", "lead": "Văn phòng Sở", "cooperate": "",
                               "deadline_text": "Thường xuyên"}))
    monkeypatch.setattr(layout, "ROWS", rows)
    changes = save_import(store, extract(layout.write_xlsx(tmp_path / "more.xlsx")), NOW).changes
    assert "2.II" in sections(store)  # the new task is not left in a section that does not exist
    assert {t.section for t in store.tasks(plan_id)} <= set(sections(store))
    assert any("thêm lại dù cán bộ đã xóa" in line for line in changes.summary())


def test_a_database_imported_before_sections_were_recorded_whole_keeps_a_section_moved_to_another_group(
        store, tmp_path, monkeypatch):
    import json

    from kstthc_desktop.store import plan_edits

    plan_id = store.plans()[0].id
    old_record = [[s.code, s.title] for s in store.load_plan(plan_id, tasks=False).sections]  # codes and titles only
    with store.transaction():
        store.conn.execute("update history set new = ? where entity = 'plan' and field = 'sections'",
                           [json.dumps(old_record, ensure_ascii=False)])
    moved = sections(store)["1.II"][0]
    plan_edits.update_section(store, moved, parent="2")  # as the window's "Vào nhóm…" records it
    save_import(store, amended(tmp_path, monkeypatch), NOW)
    [section] = [s for s in store.load_plan(plan_id, tasks=False).sections if s.id == moved]
    assert section.parent == "2"


def test_the_officers_moves_survive_a_reimport(store, tmp_path, monkeypatch):
    from kstthc_desktop.operations import plan_moves
    from kstthc_desktop.store import plan_edits

    plan_id = store.plans()[0].id
    before = sections(store)
    plan_moves.move_section(store, before["1.II"][0], -1)  # 1.II before 1.I
    plan_edits.update_section(store, before["2.II"][0], printed_code="III")  # numbered anew, then into group 1
    plan_moves.move_section_to_group(store, before["2.II"][0], "1")
    task = next(t for t in store.tasks(plan_id) if t.content == FIRST)
    plan_moves.move_task_to_section(store, task.id, "2.I")
    shown = [(s.code, s.parent, s.printed_code) for s in store.load_plan(plan_id, tasks=False).sections]

    save_import(store, amended(tmp_path, monkeypatch, **{"2.I": "Rà soát, đánh giá TTHC (sửa đổi)"}), NOW)
    assert [(s.code, s.parent, s.printed_code) for s in store.load_plan(plan_id, tasks=False).sections] == shown
    assert sections(store)["2.I"][1] == "Rà soát, đánh giá TTHC (sửa đổi)"  # the file's rename taken
    assert store.task(task.id).section == "2.I"


def test_a_task_the_officer_deleted_is_not_added_back_without_asking(store, tmp_path, monkeypatch):
    plan_id = store.plans()[0].id
    task = next(t for t in store.tasks(plan_id) if t.content == FIRST)
    plan_edit.delete_task(store, task.id)
    count = len(store.tasks(plan_id))
    new = amended(tmp_path, monkeypatch)  # the same plan again: the deleted task is still in it
    [conflict] = changes_if_saved(store, new).conflicts
    assert (conflict.what, conflict.officer) == ("nhiệm vụ đã xóa", "đã xóa")
    changes = save_import(store, new, NOW).changes
    assert len(store.tasks(plan_id)) == count and changes.added == []  # kept deleted by default
    assert any("cán bộ đã xóa, không thêm lại" in line for line in changes.summary())
    assert changes_if_saved(store, new).conflicts == []  # decided: not asked again for the same file

    newer = amended(tmp_path, monkeypatch, "newer", **{FIRST: {"result": "Kế hoạch năm 2024 được ban hành"}})
    [conflict] = changes_if_saved(store, newer).conflicts  # the file changed the task: asked again
    save_import(store, newer, NOW, take_file={conflict.key})
    assert [t.result for t in store.tasks(plan_id) if t.content == FIRST] == ["Kế hoạch năm 2024 được ban hành"]


def test_the_preview_drops_a_section_the_file_drops_when_its_tasks_move_out_as_saving_does(store, tmp_path,
                                                                                          monkeypatch):
    """The file folds section 2.II into 2.I: its tasks move, so saving drops 2.II; the preview said it stayed."""
    monkeypatch.setattr(layout, "ROWS", [r for r in layout.ROWS if r[2] != "Công khai thủ tục hành chính"])
    new = extract(layout.write_xlsx(tmp_path / "folded.xlsx"))
    preview = changes_if_saved(store, new)
    assert [(e.where, e.how) for e in preview.sections.edits] == [("Mục 2.II", "bỏ")]
    assert not any("vẫn giữ vì còn nhiệm vụ" in line for line in preview.summary())
    save_import(store, new, NOW)
    assert "2.II" not in sections(store)
    assert changes_if_saved(store, new).sections_changed is False
