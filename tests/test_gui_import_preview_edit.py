"""Issue 14 item 9 in the import wizard: the preview's printed texts are corrected in place before saving
(a deadline text read again at once); the saved plan is what the officer sees."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QWizard

import conftest
import two_level_plan as layout
from kstthc_desktop.store import Store

pytestmark = pytest.mark.gui


def test_a_task_s_texts_are_corrected_in_the_preview_and_saved(qtbot, tmp_path, monkeypatch):
    from kstthc_desktop.gui.import_preview_model import PreviewModel

    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(lambda *a, **k: pytest.fail(str(a[2]))))
    path = layout.write_docx(tmp_path / "plan.docx")
    with Store.open(tmp_path / "kstthc.sqlite3") as store:
        wizard = conftest.make_wizard(qtbot, store)
        conftest.open_through_button(qtbot, wizard, monkeypatch, path)
        page = wizard.preview_page
        model = page.table.model()
        row = model.row_of_task(1)

        def type_into(column: int, text: str) -> None:
            index = model.index(row, column)
            page.table.setCurrentIndex(index)
            page.table.edit(index)
            editors = lambda: [w for w in page.table.viewport().findChildren(QLineEdit) if w.isVisible()]  # noqa: E731
            qtbot.waitUntil(lambda: len(editors()) == 1)
            editor = editors()[0]
            conftest.type_text(qtbot, editor, text, replace=True)
            qtbot.keyClick(editor, Qt.Key_Return)
            qtbot.waitUntil(lambda: not editors())

        type_into(PreviewModel.COL_CONTENT, "Kiện toàn cán bộ đầu mối (sửa)")
        type_into(PreviewModel.COL_DEADLINE, "Quý II/2024")
        assert model.index(row, PreviewModel.COL_READING).data() == "Hạn 30/6/2024"  # read again at once
        qtbot.mouseClick(wizard.button(QWizard.NextButton), Qt.LeftButton)
        qtbot.mouseClick(wizard.button(QWizard.FinishButton), Qt.LeftButton)
        saved = store.tasks(store.plan_id_for_year(2024))[1]
        assert (saved.content, saved.deadline_text, saved.deadline.due) == (
            "Kiện toàn cán bộ đầu mối (sửa)", "Quý II/2024", date(2024, 6, 30))
