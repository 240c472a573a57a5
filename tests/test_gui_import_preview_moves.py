"""Issue 14 item 9 in the import wizard: tasks and sections moved in the preview before saving (the buttons over
the table), with the window's rules; the saved plan has the order and numbers the officer saw."""

from __future__ import annotations


import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QToolButton, QWizard

import conftest
import two_level_plan as layout
from kstthc_desktop.store import Store
from kstthc_desktop.tracking import printed_section_codes, shown_stt

pytestmark = pytest.mark.gui


@pytest.fixture
def wizard(qtbot, tmp_path, monkeypatch):

    path = layout.write_docx(tmp_path / "plan.docx")
    store = Store.open(tmp_path / "kstthc.sqlite3")
    wizard = conftest.make_wizard(qtbot, store)
    conftest.open_through_button(qtbot, wizard, monkeypatch, path)
    yield wizard
    store.close()


def _click(qtbot, page, key: str) -> None:
    button = next(b for b in page.findChildren(QToolButton) if b.defaultAction() is page.moves.actions[key])
    qtbot.mouseClick(button, Qt.LeftButton)


def _shown(page) -> list[str]:
    """The preview's rows top to bottom: a section heading's number, or a task's STT and first word."""
    model = page.model
    return [model.index(r, 0).data().split(".")[0] if row.task_index is None
            else f"{model.index(r, model.COL_STT).data()} {model.plan.tasks[row.task_index].content.split()[0]}"
            for r, row in enumerate(model.rows)]


def test_a_task_and_a_group_are_moved_in_the_preview_and_saved_so(wizard, qtbot, monkeypatch):
    page = wizard.preview_page
    page.select_task(1)  # 1.I.2 "Kiện toàn…"
    _click(qtbot, page, "up")
    assert _shown(page)[2:4] == ["1 Kiện", "2 Ban"]  # the numbers follow the new order
    assert page.model.plan.tasks[0].content.startswith("Kiện")
    group_row = next(r for r, row in enumerate(page.model.rows) if row.task_index is None and row.section_code == "2")
    page.table.selectRow(group_row)
    _click(qtbot, page, "up")
    assert [s.code for s in page.model.plan.sections] == ["2", "2.I", "2.II", "1", "1.I", "1.II"]
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    _click(qtbot, page, "up")  # already first
    assert warnings and "đã ở đầu kế hoạch" in warnings[0]
    qtbot.mouseClick(wizard.button(QWizard.NextButton), Qt.LeftButton)
    qtbot.mouseClick(wizard.button(QWizard.FinishButton), Qt.LeftButton)
    store = wizard.store
    plan = store.load_plan(store.plan_id_for_year(2024))
    codes = printed_section_codes(plan.sections)
    numbers = [f"{shown_stt(t, codes)} {t.content.split()[0]}" for t in plan.tasks]
    assert numbers[0] == "2.I.1 Rà" and numbers[4:6] == ["1.I.1 Kiện", "1.I.2 Ban"]
