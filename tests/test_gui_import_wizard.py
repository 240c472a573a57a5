"""The import wizard through its real widgets: a plan file to saved tasks (with corrections on the way),
a re-import showing what will change before it does, a table pasted from Word."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

import pytest
from conftest import make_wizard, open_through_button, type_text
from PySide6.QtCore import QDate, QMimeData, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from kstthc_desktop.domain import Concern, DeadlineKind
from kstthc_desktop.store import Store

PLANS = Path(__file__).parent / "fixtures" / "plans"

pytestmark = pytest.mark.gui


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "kstthc.sqlite3") as s:
        yield s


@pytest.fixture
def clipboard(qapp):
    """The application clipboard, emptied afterwards: mime data left on it crashes Qt's shutdown (offscreen)."""
    board = QApplication.clipboard()
    yield board
    board.clear()


@pytest.fixture
def messages(monkeypatch):
    shown: list[str] = []
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(lambda parent, title, text, *a, **k: shown.append(text)))
    return shown


def click(qtbot, wizard, which) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.LeftButton)


def shown_column(page, column: int) -> list[str]:
    model = page.table.model()
    return [model.index(r, column).data() or "" for r in range(model.rowCount())]


def test_plan_file_to_saved_tasks_with_corrections(qtbot, store, messages, monkeypatch):
    from kstthc_desktop.gui.import_preview_model import WARN_BRUSH, PreviewModel

    saved: list[int] = []
    wizard = make_wizard(qtbot, store)
    wizard.planSaved.connect(saved.append)
    open_through_button(qtbot, wizard, monkeypatch, PLANS / "vinh-long-2024.xlsx")

    assert wizard.currentId() == wizard.PAGE_PREVIEW
    page = wizard.preview_page
    model = page.table.model()
    plan = wizard.plan
    # Sections appear as their own rows, the tasks under them.
    assert model.rowCount() == len(plan.sections) + len(plan.tasks)
    assert "II. Kiểm soát quy định về TTHC" in shown_column(page, 0)
    assert page.year_spin.value() == 2024
    # The deadline the importer could not read is flagged at its row and listed among the warnings.
    warned = next(i for i, t in enumerate(plan.tasks) if t.deadline_text == "Báo cáo kết quả kiểm tra")
    row = model.row_of_task(warned)
    assert model.index(row, PreviewModel.COL_CONTENT).data(Qt.BackgroundRole) == WARN_BRUSH
    assert "không đọc được thời hạn" in model.index(row, PreviewModel.COL_CONTENT).data(Qt.ToolTipRole)
    item = next(page.warning_list.item(i) for i in range(page.warning_list.count())
                if "Báo cáo kết quả kiểm tra" in page.warning_list.item(i).text())
    rect = page.warning_list.visualItemRect(item)
    qtbot.mouseClick(page.warning_list.viewport(), Qt.LeftButton, pos=rect.center())
    assert page.selected_task_indexes() == [warned]  # clicking the warning goes to its row

    # The officer reads that deadline as "by 15 December 2024" …
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(DeadlineKind.DATED.value))
    page.due_edit.setDate(QDate(2024, 12, 15))
    assert model.index(row, PreviewModel.COL_READING).data() == "Hạn 15/12/2024"
    # … and marks the first two tasks of section I as led by the body.
    first = model.index(model.row_of_task(0), 0)
    second = model.index(model.row_of_task(1), 0)
    qtbot.mouseClick(page.table.viewport(), Qt.LeftButton, pos=page.table.visualRect(first).center())
    qtbot.mouseClick(page.table.viewport(), Qt.LeftButton, Qt.ShiftModifier, page.table.visualRect(second).center())
    assert page.selected_task_indexes() == [0, 1]
    page.concern_combo.setCurrentIndex(page.concern_combo.findData(Concern.LEAD.value))
    page.concern_combo.activated.emit(page.concern_combo.currentIndex())
    assert model.index(model.row_of_task(1), PreviewModel.COL_CONCERN).data() == "Chủ trì"

    click(qtbot, wizard, QWizard.NextButton)
    assert wizard.currentId() == wizard.PAGE_CONFIRM
    assert "Kế hoạch năm 2024 sẽ được lưu" in wizard.confirm_page.intro.text()
    assert wizard.button(QWizard.FinishButton).text() == "Lưu kế hoạch"
    click(qtbot, wizard, QWizard.FinishButton)

    assert messages == []
    assert len(saved) == 1 and store.plan_id_for_year(2024) == saved[0]
    tasks = store.tasks(saved[0])
    assert len(tasks) == 40
    fixed = next(t for t in tasks if t.deadline_text == "Báo cáo kết quả kiểm tra")
    assert fixed.deadline.kind == DeadlineKind.DATED and fixed.deadline.due == date(2024, 12, 15)
    assert [t.concern for t in tasks[:2]] == [Concern.LEAD, Concern.LEAD]
    from kstthc_desktop.store.backup import list_backups

    assert any(b.reason == "truoc-nhap" for b in list_backups(store.path))  # backed up before writing


def test_fixing_a_column_role_reads_the_file_again(qtbot, store, messages, monkeypatch):
    from kstthc_desktop.gui.import_preview_model import PreviewModel

    wizard = make_wizard(qtbot, store)
    open_through_button(qtbot, wizard, monkeypatch, PLANS / "dong-nai-so-noi-vu-2022.xlsx")
    page = wizard.preview_page
    qtbot.mouseClick(page.roles_button, Qt.LeftButton)
    assert page.roles_box.isVisible()
    headings = wizard.plan.header
    result_column = headings.index("Kết quả")
    assert page.chosen_columns()[result_column] == "result"
    combo = page.role_combos[result_column]
    combo.setCurrentIndex(combo.findData("note"))  # the officer says: that column is only notes
    qtbot.mouseClick(page.reread_button, Qt.LeftButton)

    assert messages == []
    assert wizard.plan.tasks[0].result == ""
    assert wizard.plan.tasks[0].note == "Quyết định, Văn bản"
    assert page.chosen_columns()[result_column] == "note"  # the choice stays shown
    assert shown_column(page, PreviewModel.COL_RESULT).count("") == page.table.model().rowCount()


def sheet_rows(path: Path) -> list[list[str]]:
    import openpyxl

    sheet = openpyxl.load_workbook(path).active
    return [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]


def amended_plan(tmp_path: Path, deadline: str = "Quý IV/2022") -> tuple[Path, dict]:
    """The Đồng Nai plan as the province amends it mid-year: one task dropped, one deadline changed (to
    ``deadline``), one added."""
    import openpyxl

    workbook = openpyxl.load_workbook(PLANS / "dong-nai-so-noi-vu-2022.xlsx")
    sheet = workbook.active
    rows = {str(sheet.cell(r, 1).value or "").strip(): r for r in range(1, sheet.max_row + 1)}
    dropped = sheet.cell(rows["2.5"], 2).value
    sheet.cell(rows["6.1"], 6).value = deadline  # was "Quý II/2022"
    changed = sheet.cell(rows["6.1"], 2).value
    # 2.5 disappears: the rows below move up one (section rows keep their merged title), a new task takes the last row.
    last = sheet.max_row
    below = [rng for rng in sheet.merged_cells.ranges if rng.min_row > rows["2.5"]]
    for rng in below:
        sheet.unmerge_cells(str(rng))
    for r in range(rows["2.5"], last):
        for c in range(1, 7):
            sheet.cell(r, c).value = sheet.cell(r + 1, c).value
    for rng in below:
        sheet.merge_cells(start_row=rng.min_row - 1, start_column=rng.min_col, end_row=rng.max_row - 1,
                          end_column=rng.max_col)
    added = "Tổ chức hội nghị sơ kết công tác kiểm soát thủ tục hành chính 6 tháng đầu năm 2022."
    for c, value in enumerate(["7.8", added, "Văn phòng Sở", "Các PCM & ĐVTT", "Báo cáo sơ kết", "Tháng 7/2022"], 1):
        sheet.cell(last, c).value = value
    path = tmp_path / "dong-nai-sua-doi.xlsx"
    workbook.save(path)
    return path, {"dropped": dropped, "changed": changed, "added": added}


def test_reimport_shows_what_will_change_then_keeps_progress(qtbot, store, messages, monkeypatch, tmp_path):
    pytest.importorskip("kstthc_desktop.importers.reimport")
    from kstthc_desktop import importers
    from kstthc_desktop.domain import ProgressEntry

    plan_id = store.save_plan(importers.extract(PLANS / "dong-nai-so-noi-vu-2022.xlsx"))
    before = {t.content: t for t in store.tasks(plan_id)}
    path, what = amended_plan(tmp_path)
    kept_task = before[what["changed"]]
    store.add_progress(ProgressEntry(task_id=kept_task.id, entry_date=date(2022, 5, 10), text="Đã cử 2 công chức",
                                     occurrence_key="due"))

    saved: list[int] = []
    wizard = make_wizard(qtbot, store, today=date(2022, 7, 1))
    wizard.planSaved.connect(saved.append)
    open_through_button(qtbot, wizard, monkeypatch, path)
    click(qtbot, wizard, QWizard.NextButton)
    page = wizard.confirm_page
    assert "Dữ liệu đã có kế hoạch năm 2022" in page.intro.text()
    assert wizard.button(QWizard.FinishButton).text() == "Cập nhật kế hoạch"
    groups = {page.changes.topLevelItem(i).text(0).split(" (")[0]: page.changes.topLevelItem(i)
              for i in range(page.changes.topLevelItemCount())}
    assert set(groups) == {"Thêm mới", "Thay đổi", "Rút khỏi kế hoạch"}

    def lines(group):
        item = groups[group]
        return [item.child(i).text(0) + " | " + " | ".join(item.child(i).child(j).text(k)
                                                         for j in range(item.child(i).childCount()) for k in range(3))
                for i in range(item.childCount())]

    assert len(lines("Thêm mới")) == 1 and what["added"][:40] in lines("Thêm mới")[0]
    assert len(lines("Rút khỏi kế hoạch")) == 1 and what["dropped"][:40] in lines("Rút khỏi kế hoạch")[0]
    assert len(lines("Thay đổi")) == 1
    assert "Quý II/2022" in lines("Thay đổi")[0] and "Quý IV/2022" in lines("Thay đổi")[0]
    assert len(store.tasks(plan_id)) == len(before)  # nothing written yet

    click(qtbot, wizard, QWizard.FinishButton)
    assert messages == [] and saved == [plan_id]
    after = {t.content: t for t in store.tasks(plan_id)}
    assert after[what["dropped"]].withdrawn  # kept, marked withdrawn
    assert what["added"] in after
    assert after[what["changed"]].deadline_text == "Quý IV/2022"
    assert [p.text for p in store.progress(task_id=after[what["changed"]].id)] == ["Đã cử 2 công chức"]
    from kstthc_desktop.store.backup import list_backups

    assert any(b.reason == "truoc-nhap-lai" for b in list_backups(store.path))


def test_a_changed_deadline_in_the_change_list_names_the_officers_report_day(qtbot, store, messages, monkeypatch,
                                                                            tmp_path):
    from dataclasses import replace

    from kstthc_desktop import importers

    store.save_plan(importers.extract(PLANS / "dong-nai-so-noi-vu-2022.xlsx"))
    store.save_settings(replace(store.settings(), report_deadlines={"quarter": 19}))
    path, _ = amended_plan(tmp_path, deadline="Báo cáo định kỳ hằng quý")
    wizard = make_wizard(qtbot, store, today=date(2022, 7, 1))
    open_through_button(qtbot, wizard, monkeypatch, path)
    click(qtbot, wizard, QWizard.NextButton)
    changes = wizard.confirm_page.changes
    [changed] = [changes.topLevelItem(i) for i in range(changes.topLevelItemCount())
                 if changes.topLevelItem(i).text(0).startswith("Thay đổi")]
    shown = [changed.child(0).child(j).text(2) for j in range(changed.child(0).childCount())]
    assert "Định kỳ: hằng quý (ngày 19 tháng cuối kỳ, theo hạn nộp báo cáo trong Cài đặt)" in shown
    # The task's long line spans the columns, leaving "Trước" / "Sau" the room; a cut value is whole in its tooltip.
    assert changed.child(0).isFirstColumnSpanned() and changes.columnWidth(0) < changes.width() // 3
    assert [changed.child(0).child(j).toolTip(2) for j in range(changed.child(0).childCount())] == shown


def test_another_bodys_plan_of_the_same_year_is_saved_beside_it(qtbot, store, messages, monkeypatch):
    """The province's 2022 plan is stored; the department's own 2022 plan opened in the wizard is a new plan, not
    an update that would withdraw every task of the province's."""
    from kstthc_desktop import importers

    province = importers.extract(PLANS / "soc-trang-2022.xlsx")
    province_id = store.save_plan(province)
    saved: list[int] = []
    wizard = make_wizard(qtbot, store, today=date(2022, 7, 1))
    wizard.planSaved.connect(saved.append)
    open_through_button(qtbot, wizard, monkeypatch, PLANS / "dong-nai-so-noi-vu-2022.docx")
    click(qtbot, wizard, QWizard.NextButton)
    assert "Dữ liệu đã có kế hoạch năm 2022" not in wizard.confirm_page.intro.text()
    click(qtbot, wizard, QWizard.FinishButton)
    assert messages == [] and len(saved) == 1 and saved[0] != province_id
    assert len(store.plans()) == 2
    assert not any(t.withdrawn for t in store.tasks(province_id))


def test_table_pasted_from_word(qtbot, store, messages, clipboard):
    pytest.importorskip("kstthc_desktop.importers.clipboard")
    rows = sheet_rows(PLANS / "dong-nai-so-noi-vu-2022.xlsx")[4:]  # what the officer selects: the table itself
    cells = "".join(
        "<tr>" + "".join(f"<td><p>{html.escape(c).replace(chr(10), '</p><p>')}</p></td>" for c in row) + "</tr>"
        for row in rows)
    mime = QMimeData()
    mime.setHtml(f"<html><body><table border=1>{cells}</table></body></html>")
    mime.setText("\n".join("\t".join(c.replace("\n", " ") for c in row) for row in rows))
    clipboard.setMimeData(mime)

    saved: list[int] = []
    wizard = make_wizard(qtbot, store, today=date(2022, 3, 1))
    wizard.planSaved.connect(saved.append)
    qtbot.mouseClick(wizard.source_page.paste_button, Qt.LeftButton)
    assert messages == []
    assert wizard.currentId() == wizard.PAGE_PREVIEW
    assert len(wizard.plan.tasks) == 22
    # No title block came with the table: the year is the one the officer sets.
    wizard.preview_page.year_spin.setValue(2022)
    click(qtbot, wizard, QWizard.NextButton)
    click(qtbot, wizard, QWizard.FinishButton)
    assert len(saved) == 1
    tasks = store.tasks(saved[0])
    assert len(tasks) == 22 and store.plan_id_for_year(2022) == saved[0]
    assert any(t.deadline_text == "Hàng quý, năm" for t in tasks)


def test_empty_clipboard_says_what_to_do(qtbot, store, messages, clipboard):
    clipboard.setMimeData(QMimeData())
    wizard = make_wizard(qtbot, store)
    qtbot.mouseClick(wizard.source_page.paste_button, Qt.LeftButton)
    assert wizard.currentId() == wizard.PAGE_SOURCE
    assert len(messages) == 1 and "Ctrl+C" in messages[0]


def test_bad_file_is_refused_with_a_message(qtbot, store, messages, monkeypatch, tmp_path):
    bad = tmp_path / "kế hoạch.docx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)  # an old .doc renamed .docx
    wizard = make_wizard(qtbot, store)
    open_through_button(qtbot, wizard, monkeypatch, bad)
    assert wizard.currentId() == wizard.PAGE_SOURCE
    assert len(messages) == 1 and ".docx" in messages[0]
    assert store.plans() == []


def test_changing_the_plan_year_reads_yearless_deadlines_again(qtbot, store, messages, monkeypatch):
    from kstthc_desktop.gui.import_preview_model import PreviewModel

    wizard = make_wizard(qtbot, store)
    open_through_button(qtbot, wizard, monkeypatch, PLANS / "vinh-long-2024.xlsx")
    page = wizard.preview_page
    model = page.table.model()
    in_year = [i for i, t in enumerate(wizard.plan.tasks) if t.deadline_text == "Trong năm"]
    assert len(in_year) == 2
    page.select_task(in_year[1])  # the officer fixes this one by hand first
    page.due_edit.setDate(QDate(2024, 6, 30))
    page.year_spin.setValue(2025)
    assert model.index(model.row_of_task(in_year[0]), PreviewModel.COL_READING).data() == "Hạn 31/12/2025"
    assert model.index(model.row_of_task(in_year[1]), PreviewModel.COL_READING).data() == "Hạn 30/6/2024"
    assert wizard.plan.year == 2025


def test_tasks_concerning_my_body_are_marked_from_the_name_typed(qtbot, store, messages, monkeypatch):
    from kstthc_desktop.gui.import_preview_model import PreviewModel

    wizard = make_wizard(qtbot, store, today=date(2022, 2, 1))
    edit = wizard.source_page.body_edit
    type_text(qtbot, edit, "Thanh tra Sở")
    assert edit.text() == "Thanh tra Sở"
    open_through_button(qtbot, wizard, monkeypatch, PLANS / "dong-nai-so-noi-vu-2022.xlsx")
    page = wizard.preview_page
    model = page.table.model()
    led = [t for t in wizard.plan.tasks if t.concern == Concern.LEAD]
    assert [t.stt for t in led] == ["5.1"]  # the one task Thanh tra Sở leads
    assert model.index(model.row_of_task(wizard.plan.tasks.index(led[0])), PreviewModel.COL_CONCERN).data() == "Chủ trì"
    assert "liên quan đến cơ quan" in page.summary.text()


def test_column_roles_that_cannot_work_are_refused_before_reading(qtbot, store, messages, monkeypatch):
    wizard = make_wizard(qtbot, store)
    open_through_button(qtbot, wizard, monkeypatch, PLANS / "soc-trang-2022.xlsx")
    page = wizard.preview_page
    first = wizard.plan.tasks[0].content
    qtbot.mouseClick(page.roles_button, Qt.LeftButton)
    lead, deadline = page.role_combos[3], page.role_combos[4]
    deadline.setCurrentIndex(deadline.findData("lead"))  # two "lead" columns
    qtbot.mouseClick(page.reread_button, Qt.LeftButton)
    assert len(messages) == 1 and "nhiều cột" in messages[0]
    content = page.role_combos[1]
    deadline.setCurrentIndex(deadline.findData("deadline"))
    content.setCurrentIndex(content.findData(None))  # no content column at all
    qtbot.mouseClick(page.reread_button, Qt.LeftButton)
    assert len(messages) == 2 and "Nội dung công việc" in messages[1]
    assert wizard.plan.tasks[0].content == first  # what was read stays as it was
    assert lead.currentData() == "lead"


def test_a_read_only_database_refuses_the_import_with_a_message(qtbot, store, messages, monkeypatch):
    readonly = Store.open(store.path, read_only=True)  # what a second program gets (the first holds the lock)
    try:
        saved: list[int] = []
        wizard = make_wizard(qtbot, readonly)
        wizard.planSaved.connect(saved.append)
        open_through_button(qtbot, wizard, monkeypatch, PLANS / "soc-trang-2022.docx")
        click(qtbot, wizard, QWizard.NextButton)
        click(qtbot, wizard, QWizard.FinishButton)
        assert saved == [] and wizard.currentId() == wizard.PAGE_CONFIRM  # stays, nothing saved
        assert len(messages) == 1 and "chỉ đọc" in messages[0]
        assert store.plans() == []
    finally:
        readonly.close()


def conflicting_reimport(qtbot, store, monkeypatch, tmp_path):
    """A plan imported, its first task's lead and a section's title corrected by the officer, then the file amended
    on the same two and on the task's result, read again in the wizard up to its last page: (wizard, plan id, the
    task, the section)."""
    import two_level_plan as layout
    from test_reimport_edits import FIRST, NOW, amended_rows

    from kstthc_desktop import importers
    from kstthc_desktop.operations import plan_edit
    from kstthc_desktop.operations.imports import save_import

    plan_id = save_import(store, importers.extract(layout.write_xlsx(tmp_path / "plan.xlsx")), NOW).plan_id
    task = next(t for t in store.tasks(plan_id) if t.content == FIRST)
    section = next(s for s in store.load_plan(plan_id, tasks=False).sections if s.code == "1.I")
    plan_edit.edit_task(store, task.id, lead="Văn phòng Sở (bộ phận một cửa)")
    plan_edit.rename_section(store, section.id, "Chỉ đạo (cán bộ sửa)")
    monkeypatch.setattr(layout, "ROWS", amended_rows(**{
        "1.I": "Chỉ đạo, điều hành và kiểm tra",
        FIRST: {"lead": "Phòng Hành chính", "result": "Kế hoạch được ban hành"}}))
    path = layout.write_xlsx(tmp_path / "amended.xlsx")

    wizard = make_wizard(qtbot, store, today=date(2024, 6, 16))
    open_through_button(qtbot, wizard, monkeypatch, path)
    click(qtbot, wizard, QWizard.NextButton)
    return wizard, plan_id, task, section


def test_reimport_asks_where_the_officer_and_the_file_both_changed_something(qtbot, store, messages, monkeypatch,
                                                                             tmp_path):
    """Issue 14 item 9: the officer's corrections survive a re-import; a place both changed is asked on the last
    page (kept the officer's by default), and the file's other changes are taken."""
    from kstthc_desktop.gui.reimport_conflicts import KEEP, TAKE

    wizard, plan_id, task, section = conflicting_reimport(qtbot, store, monkeypatch, tmp_path)
    asked = wizard.confirm_page.conflicts
    assert asked.isVisible() and asked.table.rowCount() == 2
    rows = {asked.table.item(r, 1).text(): r for r in range(2)}
    assert [asked.table.item(rows["chủ trì"], c).text() for c in (2, 3)] == \
        ["Văn phòng Sở (bộ phận một cửa)", "Phòng Hành chính"]
    assert [asked.choice(r).currentText() for r in range(2)] == [KEEP, KEEP]  # the officer's by default
    asked.choice(rows["tên mục"]).setCurrentText(TAKE)

    click(qtbot, wizard, QWizard.FinishButton)
    assert messages == []
    saved = store.task(task.id)
    assert saved.lead == "Văn phòng Sở (bộ phận một cửa)"  # kept, as chosen by default
    assert saved.result == "Kế hoạch được ban hành"  # the file's other change taken
    [after] = [s for s in store.load_plan(plan_id, tasks=False).sections if s.code == "1.I"]
    assert (after.id, after.title) == (section.id, "Chỉ đạo, điều hành và kiểm tra")  # the file's, as chosen


def shown_changes(page) -> dict[str, dict[str, tuple[str, str]]]:
    """The last page's list of changes: each task or section line → {field: (before, after)}, by group."""
    out = {}
    for i in range(page.changes.topLevelItemCount()):
        group = page.changes.topLevelItem(i)
        for j in range(group.childCount()):
            child = group.child(j)
            out[f"{group.text(0).split(' (')[0]} › {child.text(0)}"] = {
                child.child(k).text(0).strip(): (child.child(k).text(1), child.child(k).text(2))
                for k in range(child.childCount())}
    return out


def test_the_change_list_follows_the_officers_answers_and_saving_does_what_it_shows(qtbot, store, messages,
                                                                                    monkeypatch, tmp_path):
    """Choosing «Lấy theo tệp mới» for a conflict shows the file's value among the changes (and back again with
    «Giữ bản đã sửa»); saving then writes exactly the changes shown."""
    from kstthc_desktop.gui.reimport_conflicts import KEEP, TAKE

    wizard, plan_id, task, section = conflicting_reimport(qtbot, store, monkeypatch, tmp_path)
    page, asked = wizard.confirm_page, wizard.confirm_page.conflicts
    rows = {asked.table.item(r, 1).text(): r for r in range(asked.table.rowCount())}
    [line] = [k for k in shown_changes(page) if k.startswith("Thay đổi ›")]
    assert shown_changes(page)[line] == {"Kết quả": ("Kế hoạch", "Kế hoạch được ban hành")}  # the officer's lead kept
    assert not any(k.startswith("Các mục thay đổi") for k in shown_changes(page))

    asked.choice(rows["chủ trì"]).setCurrentText(TAKE)
    asked.choice(rows["tên mục"]).setCurrentText(TAKE)
    shown = shown_changes(page)
    assert shown[line]["Chủ trì"] == ("Văn phòng Sở (bộ phận một cửa)", "Phòng Hành chính")
    assert shown["Các mục thay đổi › Mục 1.I"] == {"Tên mục": ("Chỉ đạo (cán bộ sửa)",
                                                              "Chỉ đạo, điều hành và kiểm tra")}
    assert [asked.choice(r).currentText() for r in range(2)] == [TAKE, TAKE]  # the answers stay as given
    asked.choice(rows["chủ trì"]).setCurrentText(KEEP)  # changed its mind: the list follows back
    assert "Chủ trì" not in shown_changes(page)[line]
    asked.choice(rows["chủ trì"]).setCurrentText(TAKE)
    shown = shown_changes(page)

    click(qtbot, wizard, QWizard.FinishButton)
    assert messages == [] and wizard.saved_plan_id == plan_id
    saved = store.task(task.id)
    assert {"Chủ trì": saved.lead, "Kết quả": saved.result} == {k: after for k, (_, after) in shown[line].items()}
    assert [(s.id, s.title) for s in store.load_plan(plan_id, tasks=False).sections if s.code == "1.I"] == \
        [(section.id, "Chỉ đạo, điều hành và kiểm tra")]
    changed = [k for k in shown if k.startswith(("Thêm mới ›", "Rút khỏi kế hoạch ›", "Các mục thay đổi ›"))]
    assert changed == ["Các mục thay đổi › Mục 1.I"]  # nothing else was shown, so nothing else may change
