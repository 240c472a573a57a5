"""Each dashboard card opens the tasks it counts, and the filter it leaves on the task table is called as the card is."""

from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.gui

TODAY = date(2024, 12, 13)


@pytest.fixture
def window(demo_window):
    return demo_window  # conftest.demo_window: the demo database, "today" 13/12/2024


def test_every_card_opens_its_tasks_under_its_own_name(window, qtbot):
    from PySide6.QtCore import Qt

    from kstthc_desktop.status import Status

    for key, card in window.dashboard.cards.items():
        qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
        shown = window.task_page.proxy.rowCount()
        assert shown == int(card.number.text()), key
        if key in window.dashboard_data.TASK_LISTS:
            assert window.task_page.card_chip.isVisible() and window.task_page.card_chip.text() == f"{card.caption.text()}  ✕", key
        else:
            assert window.task_page.status_combo.currentData() == Status(key)
            assert window.task_page.status_combo.currentText() == card.caption.text()
        window.task_page.clear_filters()
