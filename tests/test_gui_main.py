"""The main window driven through its real widgets (offscreen): the demo's dashboard, filters and search, adding a
progress entry with its evidence document, and a wrong entry refused with a message."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import type_text

pytestmark = pytest.mark.gui

TODAY = date(2024, 12, 13)


@pytest.fixture
def window(demo_window):
    return demo_window  # conftest.demo_window: the demo database, "today" 13/12/2024


def shown_rows(win):
    proxy = win.task_page.proxy
    return [win.task_page.model.rows[proxy.mapToSource(proxy.index(i, 0)).row()] for i in range(proxy.rowCount())]


def card_value(win, key: str) -> int:
    return int(win.dashboard.cards[key].number.text())



def _when_shown(dialog_cls, act, timeout_ms=15000):
    """Call ``act(dialog)`` once a visible ``dialog_cls`` appears, polling: a busy machine may show it late.

    Returns the timer (stop it when done) and the list of dialogs acted on.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen = []
    timer = QTimer()
    timer.setInterval(50)
    waited = [0]

    def poll():
        waited[0] += 50
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, dialog_cls) and w.isVisible()]
        if found or waited[0] > timeout_ms:
            timer.stop()
        for w in found:
            seen.append(w)
            act(w)

    timer.timeout.connect(poll)
    timer.start()
    return timer, seen

def test_the_demo_opens_on_the_dashboard_with_every_status(window):
    from kstthc_desktop.status import Status

    assert window.tabs.currentIndex() == 0
    assert window.windowTitle().startswith("KSTTHC Desktop — Văn phòng UBND tỉnh — Kế hoạch năm 2024")
    for key in ("DONE_ON_TIME", "DONE_LATE", "IN_TIME", "OVERDUE", "due_7", "due_30", "no_progress", "on_demand"):
        assert card_value(window, key) > 0, key
    assert {r.status for r in window.rows} == set(Status)
    assert window.dashboard.section_chart.bars and window.dashboard.lead_chart.bars
    assert "quá hạn" in window.opening_notice_text()


def test_search_without_diacritics_finds_the_vietnamese_task(window, qtbot):
    window.tabs.setCurrentIndex(1)
    total = window.task_page.proxy.rowCount()
    type_text(qtbot, window.task_page.search, "phan anh kien nghi")
    found = shown_rows(window)
    assert 0 < len(found) < total
    assert all("phản ánh" in (r.task.content + r.task.result + r.task.lead).lower() or "pakn" in r.search_key for r in found)
    assert window.task_page.count_label.text() == f"{len(found)}/{total} nhiệm vụ"
    window.task_page.search.clear()
    type_text(qtbot, window.task_page.search, "PHẢN ÁNH kiến nghị")  # with diacritics and another case: the same tasks
    assert [r.task.id for r in shown_rows(window)] == [r.task.id for r in found]
    window.task_page.search.clear()
    assert window.task_page.proxy.rowCount() == total


def test_a_typed_word_must_begin_a_word_of_the_task(window, qtbot):
    """"ra soat" finds the "Rà soát …" tasks, not the demo's "kiểm tra … kiểm soát" ones; "danh gia" = "đánh giá"."""
    import re

    from kstthc_desktop.text import fold

    window.tabs.setCurrentIndex(1)
    total = window.task_page.proxy.rowCount()

    def search(text):
        window.task_page.search.clear()
        type_text(qtbot, window.task_page.search, text)
        return [r.task.id for r in shown_rows(window)]

    def texts(task):
        return fold(" ".join((task.content, task.result, task.lead, task.cooperate, task.deadline_text, task.note)))

    found = search("ra soat")
    assert 0 < len(found) < total and search("Rà soát") == search("RÀ SOÁT") == found
    assert window.task_page.count_label.text() == f"{len(found)}/{total} nhiệm vụ"
    for row in window.rows:  # every task whose words begin "ra" and "soat", and no other
        words = re.findall(r"\w+", texts(row.task))
        wanted = any(w.startswith("ra") for w in words) and any(w.startswith("soat") for w in words)
        assert (row.task.id in found) == wanted, row.task.content
    assert any("kiem tra" in texts(r.task) and r.task.id not in found for r in window.rows)  # the tester's case
    assert search("danh gia") == search("đánh giá") == search("dánh giá") != []


def test_the_number_shown_in_the_stt_column_finds_its_task(window, qtbot):
    """Typing "III.5" as the STT column shows it finds that task (the search knew only "5")."""
    from kstthc_desktop.gui.task_model import COL_STT, TaskIdRole

    window.tabs.setCurrentIndex(1)
    proxy = window.task_page.proxy
    shown = [(proxy.index(i, COL_STT).data(), proxy.index(i, COL_STT).data(TaskIdRole)) for i in range(proxy.rowCount())]
    assert any(text == "III.5" for text, _ in shown)
    for text, task_id in shown:
        if text == "–":
            continue
        window.task_page.search.clear()
        type_text(qtbot, window.task_page.search, text)
        found = [proxy.index(i, COL_STT) for i in range(proxy.rowCount())]
        assert task_id in [i.data(TaskIdRole) for i in found if i.data() == text], text  # (VII-1, VII-2 print "VII")


def test_filters_narrow_the_table_and_combine(window, qtbot):
    from kstthc_desktop.domain import DeadlineKind
    from kstthc_desktop.status import Status

    window.tabs.setCurrentIndex(1)
    total = window.task_page.proxy.rowCount()
    window.task_page.status_combo.setCurrentIndex(window.task_page.status_combo.findData(Status.NO_PROGRESS))
    rows = shown_rows(window)
    assert rows and all(r.status == Status.NO_PROGRESS for r in rows)
    window.task_page.status_combo.setCurrentIndex(0)
    window.task_page.kind_filter.setCurrentIndex(window.task_page.kind_filter.findData(DeadlineKind.DATED))
    dated = shown_rows(window)
    assert dated and all(r.task.deadline.kind == DeadlineKind.DATED for r in dated)
    window.task_page.kind_filter.setCurrentIndex(0)
    window.task_page.mine_check.setChecked(True)
    mine = shown_rows(window)
    assert 0 < len(mine) < total
    assert all("văn phòng ubnd tỉnh" in (r.task.lead + r.task.cooperate).lower() for r in mine)
    window.task_page.kind_filter.setCurrentIndex(window.task_page.kind_filter.findData(DeadlineKind.DATED))
    both = shown_rows(window)
    assert both and {r.task.id for r in both} == {r.task.id for r in mine} & {r.task.id for r in dated}
    window.task_page.clear_filters()
    assert window.task_page.proxy.rowCount() == total
    # the sections tree: choosing section V shows its tasks only
    item = next(i for i in window.task_page._tree_items() if i.data(0, 0x0100) == "V")
    window.task_page.section_tree.setCurrentItem(item)
    assert {r.task.section for r in shown_rows(window)} == {"V"}
    assert item.text(1) == str(len(shown_rows(window)))


def test_sorting_by_due_date_is_done_by_the_model(window):
    from PySide6.QtCore import Qt

    from kstthc_desktop.gui.task_model import COL_DUE

    window.tabs.setCurrentIndex(1)
    window.task_page.table.sortByColumn(COL_DUE, Qt.SortOrder.AscendingOrder)
    dues = [r.due for r in shown_rows(window) if r.due]
    assert dues == sorted(dues) and len(dues) > 3
    assert [r.due for r in window.task_page.model.rows if r.due] == dues  # the model's own order, not a proxy mapping


def test_sorting_by_content_or_lead_follows_the_vietnamese_alphabet(window):
    """"Đề xuất…" sorts after "Dự thảo…" and before "Rà soát…", "Tổ chức…", "Xây dựng…" (it came after them)."""
    import unicodedata

    from PySide6.QtCore import Qt

    from kstthc_desktop.gui.task_model import COL_CONTENT, COL_LEAD

    alphabet = "aăâbcdđeêghiklmnoôơpqrstuưvxy"

    def first_letter(text):  # the letter a reader sorts by: its tone dropped, its vowel mark or đ kept
        base = unicodedata.normalize("NFD", text.strip()[:1].lower())
        kept = "".join(c for c in base if c not in "\u0300\u0301\u0303\u0309\u0323")
        return unicodedata.normalize("NFC", kept)

    window.tabs.setCurrentIndex(1)
    for column, text in ((COL_CONTENT, lambda r: r.task.content), (COL_LEAD, lambda r: r.task.lead)):
        window.task_page.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        letters = [first_letter(text(r)) for r in shown_rows(window) if text(r).strip()]
        ranks = [alphabet.index(c) for c in letters if c in alphabet]
        assert ranks == sorted(ranks) and len(ranks) > 20, letters
    window.task_page.table.sortByColumn(COL_CONTENT, Qt.SortOrder.AscendingOrder)
    firsts = [r.task.content[:1] for r in shown_rows(window)]
    assert "Đ" in firsts and firsts.index("Đ") < min(firsts.index(c) for c in "RTX" if c in firsts)


def test_a_dashboard_card_opens_the_matching_tasks(window, qtbot):
    from PySide6.QtCore import Qt

    from kstthc_desktop.status import Status

    qtbot.mouseClick(window.dashboard.cards["OVERDUE"], Qt.MouseButton.LeftButton)
    assert window.tabs.currentIndex() == 1
    rows = shown_rows(window)
    assert len(rows) == card_value(window, "OVERDUE") and all(r.status == Status.OVERDUE for r in rows)
    qtbot.mouseClick(window.dashboard.cards["due_30"], Qt.MouseButton.LeftButton)
    assert len(shown_rows(window)) == card_value(window, "due_30") and window.task_page.card_chip.isVisible()


def test_a_completion_bar_opens_exactly_the_tasks_it_counts(window, qtbot):
    """"Văn phòng UBND tỉnh 4/17" opens 17 tasks, 4 of them done, not the body's 21 (withdrawn, not arisen and
    undated tasks are not in the bar); the same for every section's and every body's bar, in every quarter."""
    from PySide6.QtCore import QPoint, Qt

    done_names = ("DONE_ON_TIME", "DONE_LATE", "HAS_PROGRESS")
    window.kind_combo.setCurrentIndex(window.kind_combo.findData("quarter"))  # QSettings may carry another kind
    for p in range(window.period_combo.count()):
        window.period_combo.setCurrentIndex(p)
        for chart, bars in ((window.dashboard.section_chart, window.dashboard_data.by_section),
                            (window.dashboard.lead_chart, window.dashboard_data.by_lead)):
            assert chart.bars == bars and bars
            for i, bar in enumerate(bars):
                window.tabs.setCurrentIndex(0)
                chart.resize(max(chart.width(), 400), chart.height())
                qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(20, 3 + i * chart.ROW + chart.ROW // 2))
                assert window.tabs.currentIndex() == 1
                rows = shown_rows(window)
                where = (window.period_combo.currentText(), bar.label)
                assert (sum(r.status.name in done_names for r in rows), len(rows)) == (bar.done, bar.total), where
                assert window.task_page.count_label.text() == f"{bar.total}/{len(window.rows)} nhiệm vụ", where
                assert window.task_page.card_chip.isVisible() and "phải thực hiện trong kỳ" in window.task_page.card_chip.text()
    # the demo's case: the province office's bar in Quý IV; the chip's ✕ shows all of the body's tasks again
    window.period_combo.setCurrentIndex(window.period_combo.findData("2024-Q4"))
    office = next(b for b in window.dashboard_data.by_lead if b.label == "Văn phòng UBND tỉnh")
    window.dashboard.leadClicked.emit(office.key)
    assert len(shown_rows(window)) == office.total
    window.task_page.card_chip.click()
    everything = shown_rows(window)
    assert len(everything) > office.total and window.task_page.lead_filter.currentData() == "Văn phòng UBND tỉnh"
    assert any(r.status.name in ("WITHDRAWN", "NOT_ARISEN", "UNSPECIFIED") for r in everything)


def test_the_attention_list_names_overdue_then_due_tasks_and_opens_them(window, qtbot):
    from PySide6.QtCore import QPoint, Qt

    attention = window.dashboard.attention
    data = window.dashboard_data
    overdue_ids = [r.task.id for r in data.overdue]
    ids = [row.task_id for row in attention.rows]
    assert ids[: len(overdue_ids)] == overdue_ids and len(ids) > len(overdue_ids)
    assert attention.rows[0].headline.startswith("Quá hạn") and attention.rows[-1].headline.startswith("Đến hạn")
    first = window.store.task(ids[0])
    # numbered as the table numbers it ("IV.2.", not "2.": several sections have a task 2)
    assert attention.rows[0].content.startswith(f"{first.section}.{first.stt}. ")
    assert first.content.split()[0] in attention.rows[0].content
    # the second row is clicked: its task is selected in the task table
    y = (attention._tops[1] + attention._tops[2]) // 2
    qtbot.mouseClick(attention, Qt.MouseButton.LeftButton, pos=QPoint(40, y))
    assert window.tabs.currentIndex() == 1 and window.current_task_id() == ids[1]
    # from the keyboard (once the window has painted): Down, then Enter opens the row under the cursor
    window.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: attention.focusPolicy() == Qt.FocusPolicy.StrongFocus)
    attention.setFocus()
    attention.current = 0
    qtbot.keyClick(attention, Qt.Key.Key_Down)
    qtbot.keyClick(attention, Qt.Key.Key_Return)
    assert window.tabs.currentIndex() == 1 and window.current_task_id() == ids[1]


def test_the_due_soon_setting_drives_the_card_the_notice_and_the_attention_list(window, qtbot):
    """Settings → "Coi là «sắp đến hạn» khi còn N ngày": the card, its caption, the opening notice, the "Cần chú ý"
    list and the card's click-through all speak of N days, not 7 (the demo: none due within 3 days, 6 within 30)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from kstthc_desktop.gui.settings_dialog import SettingsDialog

    def due_within(days):  # tasks with an occurrence still open and due between today and today + days
        end = TODAY + timedelta(days=days)
        return {r.task.id for r in window.rows if not r.task.withdrawn and any(TODAY <= d <= end for d in r.open_dues)}

    overdue = {r.task.id for r in window.dashboard_data.overdue}
    for days in (3, 30, 14):
        def save(dialog, days=days):
            dialog.due_soon_spin.setValue(days)
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

        timer, seen = _when_shown(SettingsDialog, save)
        window.settings_action.trigger()
        timer.stop()
        assert seen and window.store.settings().due_soon_days == days
        expected = due_within(days)
        card = window.dashboard.cards["due_7"]
        assert card.caption.text() == f"Đến hạn trong {days} ngày tới"
        assert card_value(window, "due_7") == len(expected)
        notice = window.opening_notice_text()
        if expected:
            assert f"{len(expected)} nhiệm vụ đến hạn trong {days} ngày tới" in notice
        assert "7 ngày" not in notice
        attention = window.dashboard.attention
        due_lines = {row.task_id for row in attention.rows if row.headline.startswith("Đến hạn")}
        assert due_lines == expected - overdue
        if not attention.rows:
            assert f"trong {days} ngày tới" in attention.empty_text
        window.tabs.setCurrentIndex(0)
        qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
        assert {r.task.id for r in shown_rows(window)} == expected
        assert window.task_page.card_chip.text().startswith(f"Đến hạn trong {days} ngày tới")
    assert len(due_within(3)) < len(due_within(14)) < len(due_within(30))  # the demo tells the windows apart


def test_the_attention_list_wraps_a_long_task_to_two_lines_and_says_when_nothing_is_due(qtbot):
    from kstthc_desktop.gui.app import make_application
    from kstthc_desktop.gui.dashboard import AttentionList, AttentionRow

    make_application()
    attention = AttentionList()
    qtbot.addWidget(attention)
    attention.resize(300, 10)
    long_text = "12. " + " ".join(["Rà soát, đánh giá thủ tục hành chính thuộc phạm vi quản lý"] * 6)
    attention.set_rows([AttentionRow(7, "Quá hạn 30/11/2024", long_text, "#a61b1b"),
                        AttentionRow(8, "Đến hạn 19/12/2024", "3. Ngắn.", "#d08a00")])
    lines = [attention.lines_of(i) for i in range(2)]
    assert len(lines[0]) == 2 and lines[0][1].endswith("…") and lines[1] == ["3. Ngắn."]
    assert lines[0][0].startswith("12. Rà soát")
    fm = attention.fontMetrics()
    assert all(fm.horizontalAdvance(t) <= 300 - attention.TEXT_X - 8 for t in lines[0])
    assert attention.height() == attention._tops[-1] + 1 and attention._tops[1] - attention._tops[0] > attention._tops[2] - attention._tops[1]
    attention.set_rows([])
    assert attention.rows == [] and attention.height() > 0
    attention.show()
    qtbot.waitExposed(attention)
    image = attention.grab().toImage()  # the empty list still draws its sentence: dark pixels on white
    assert any(image.pixelColor(x, y).lightness() < 128 for x in range(20, 200) for y in range(4, attention.height() - 4))


def _in_time_dated_row(window):
    from kstthc_desktop.domain import DeadlineKind
    from kstthc_desktop.status import Status

    return next(r for r in window.rows if r.status == Status.IN_TIME and r.task.deadline.kind == DeadlineKind.DATED)


def _run_dialog(qtbot, window, fill):
    """Open the progress dialog with Ctrl+N on the selected task and let ``fill(dialog)`` act on it."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from kstthc_desktop.gui.entry_dialogs import ProgressDialog

    seen = []

    def act():
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ProgressDialog) and w.isVisible())
        seen.append(dialog)
        fill(dialog)

    QTimer.singleShot(50, act)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen, "Ctrl+N opened the progress dialog"
    return seen[0]


def test_adding_progress_with_evidence_changes_the_status_and_the_dashboard(window, qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from kstthc_desktop.status import Status

    row = _in_time_dated_row(window)
    before = {k: card_value(window, k) for k in ("DONE_ON_TIME", "IN_TIME")}
    window.open_task(row.task.id)
    assert window.task_page.panel.row.task.id == row.task.id
    scan = tmp_path / "ban-quet.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned report\n")

    def fill(dialog):
        type_text(qtbot, dialog.ui.textEdit, "Đã ban hành báo cáo kết quả")
        dialog.ui.doneCheck.setChecked(True)
        dialog.ui.evidenceGroup.setChecked(True)
        type_text(qtbot, dialog.ui.numberEdit, "99/BC-VPUBND")
        type_text(qtbot, dialog.ui.summaryEdit, "Báo cáo kết quả thực hiện")
        dialog.set_file(scan)
        qtbot.mouseClick(dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)

    dialog = _run_dialog(qtbot, window, fill)
    assert dialog.result() == dialog.DialogCode.Accepted
    updated = next(r for r in window.rows if r.task.id == row.task.id)
    assert updated.status == Status.DONE_ON_TIME
    assert card_value(window, "DONE_ON_TIME") == before["DONE_ON_TIME"] + 1
    assert card_value(window, "IN_TIME") == before["IN_TIME"] - 1
    assert window.task_page.panel.row.task.id == row.task.id  # the task stays selected
    numbers = [window.task_page.panel.evidence_list.topLevelItem(i).text(0) for i in range(window.task_page.panel.evidence_list.topLevelItemCount())]
    assert "99/BC-VPUBND" in numbers
    ev = next(e for e in window.store.evidence(task_id=row.task.id) if e.number == "99/BC-VPUBND")
    stored = window.store.evidence_path(ev)
    assert stored is not None and stored.read_bytes() == scan.read_bytes() and ev.progress_id is not None
    assert window.task_page.panel.tabs.tabText(1).startswith("Tiến độ (")


@pytest.mark.parametrize(
    "text, number, entry_date, expected",
    [
        ("", "", None, "Hãy ghi kết quả"),
        ("Đã làm", "15BC", None, "số/loại-cơ quan"),
        ("Đã làm", "", date(2025, 1, 5), "không thể sau hôm nay"),
        ("Đã làm", "", date(2023, 6, 1), "trước kỳ đầu tiên của kế hoạch (từ ngày 15/12/2023)"),
    ],
    ids=["empty-text", "bad-document-number", "future-date", "before-the-plan-year"],
)
def test_a_wrong_entry_is_refused_with_a_message(window, qtbot, monkeypatch, text, number, entry_date, expected):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    from kstthc_desktop.gui.entry_dialogs import qdate

    row = _in_time_dated_row(window)
    window.open_task(row.task.id)
    before = len(window.store.progress(task_id=row.task.id))
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, msg, *a, **k: messages.append(msg))

    def fill(dialog):
        assert window.task_page.panel.shown_number(row.task) + ".</b>" in dialog.ui.taskLabel.text()  # "IV.2.", not "2."
        if text:
            type_text(qtbot, dialog.ui.textEdit, text)
        if number:
            dialog.ui.evidenceGroup.setChecked(True)
            type_text(qtbot, dialog.ui.numberEdit, number)
        if entry_date:
            dialog.ui.dateEdit.setDate(qdate(entry_date))
        qtbot.mouseClick(dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
        assert dialog.isVisible()  # refused: the dialog stays open for a correction
        dialog.reject()

    _run_dialog(qtbot, window, fill)
    assert messages and expected in messages[0]
    assert len(window.store.progress(task_id=row.task.id)) == before


def test_a_store_refusal_is_shown_and_nothing_is_half_saved(window, qtbot, monkeypatch, tmp_path):
    """The progress entry and its document are one transaction: when the document is refused, no entry stays."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    from kstthc_desktop.errors import UserError

    row = _in_time_dated_row(window)
    window.open_task(row.task.id)
    before = len(window.store.progress(task_id=row.task.id))
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)

    def refuse(*_a, **_k):
        raise UserError("Tệp minh chứng quá lớn.")

    monkeypatch.setattr(window.store, "add_evidence", refuse)

    def fill(dialog):
        type_text(qtbot, dialog.ui.textEdit, "Đã làm xong")
        dialog.ui.evidenceGroup.setChecked(True)
        type_text(qtbot, dialog.ui.numberEdit, "7/BC-VP")
        qtbot.mouseClick(dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
        assert dialog.isVisible()
        dialog.reject()

    _run_dialog(qtbot, window, fill)
    assert shown == ["Tệp minh chứng quá lớn."]
    assert len(window.store.progress(task_id=row.task.id)) == before


def test_deleting_a_progress_entry_asks_first(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    row = next(r for r in window.rows if r.progress_count)
    window.open_task(row.task.id)
    panel = window.task_page.panel
    panel.progress_list.setCurrentItem(panel.progress_list.topLevelItem(0))
    count = len(window.store.progress(task_id=row.task.id))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    panel.delete_progress()
    assert len(window.store.progress(task_id=row.task.id)) == count
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    panel.progress_list.setCurrentItem(panel.progress_list.topLevelItem(0))
    panel.delete_progress()
    assert len(window.store.progress(task_id=row.task.id)) == count - 1


def test_changing_the_period_recomputes_statuses(window):
    window.kind_combo.setCurrentIndex(window.kind_combo.findData("year"))
    assert window.period.key == "2024"
    assert window.dashboard.heading.text().endswith("năm 2024")
    window.kind_combo.setCurrentIndex(window.kind_combo.findData("month"))
    assert window.period.key == "2024-12"


def test_an_empty_database_shows_the_welcome_screen(qtbot, tmp_path):
    from kstthc_desktop.gui.app import make_application
    from kstthc_desktop.gui.main_window import MainWindow
    from kstthc_desktop.store import Store

    make_application()
    with Store.open(tmp_path / "new.sqlite3") as store:
        win = MainWindow(store, TODAY)
        qtbot.addWidget(win)
        win.show()
        assert win.stack.currentWidget() is win.welcome
        assert "Nhập kế hoạch" in win.welcome.import_button.text()


def test_exit_after_start_paints_and_exits_zero(tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", "kstthc_desktop", "--demo", "--exit-after-start"],
        env=env, capture_output=True, text=True, timeout=60, cwd=Path(__file__).resolve().parent.parent,
    )
    assert done.returncode == 0, done.stderr


def test_a_wrong_today_is_a_clear_error(tmp_path, capsys):
    from kstthc_desktop.cli import main

    assert main(["--demo", "--today", "13/12/2024", "--exit-after-start"]) == 1
    assert "Lỗi: Ngày '13/12/2024' không hợp lệ" in capsys.readouterr().err


def test_an_on_demand_task_arises_when_the_officer_logs_an_event(window, qtbot):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from kstthc_desktop.gui.entry_dialogs import EventDialog
    from kstthc_desktop.status import Status

    row = next(r for r in window.rows if r.status == Status.NOT_ARISEN)
    window.open_task(row.task.id)
    assert not window.task_page.panel.add_event_button.isHidden()

    def fill():
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, EventDialog) and w.isVisible())
        type_text(qtbot, dialog.text_edit, "Nhận dự thảo văn bản có quy định TTHC")
        buttons = dialog.findChild(QDialogButtonBox)
        qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, fill)
    window.task_page.panel.add_event()
    updated = next(r for r in window.rows if r.task.id == row.task.id)
    assert updated.status == Status.IN_TIME  # it has arisen and is not done yet
    assert any(key.startswith("event:") for key, _ in window.task_page.panel.occurrence_choices())


@pytest.mark.parametrize(
    "shortcut, module, cls",
    [("Ctrl+I", "import_wizard", "ImportWizard"), ("Ctrl+P", "report_dialog", "ReportDialog")],
)
def test_shortcuts_open_the_import_wizard_and_the_report_dialog(window, qtbot, shortcut, module, cls):
    import importlib

    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest

    dialog_cls = getattr(importlib.import_module(f"kstthc_desktop.gui.{module}"), cls)
    timer, seen = _when_shown(dialog_cls, lambda dialog: dialog.reject())
    QTest.keySequence(window, QKeySequence(shortcut))
    timer.stop()
    assert seen, f"{shortcut} opened {cls}"


def test_the_settings_menu_opens_the_settings_dialog_and_a_new_body_name_shows_in_the_title(window, qtbot):
    from kstthc_desktop.gui.settings_dialog import SettingsDialog

    def change(dialog):
        settings = window.store.settings()
        settings.my_body = "Sở Nội vụ"
        window.store.save_settings(settings)
        dialog.reject()

    timer, seen = _when_shown(SettingsDialog, change)
    window.settings_action.trigger()
    timer.stop()
    assert seen
    window.reload_plans(window.plan_id)
    assert "Sở Nội vụ" in window.windowTitle()


def test_standard_buttons_speak_vietnamese(window):
    """Qt ships no Vietnamese: a delete confirmation used to offer "&Yes" / "&No"."""
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, "Xóa", "Xóa kết quả này?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, window)
    assert [box.button(b).text().replace("&", "") for b in (QMessageBox.StandardButton.Yes,
                                                            QMessageBox.StandardButton.No)] == ["Có", "Không"]
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    assert sorted(b.text() for b in buttons.buttons()) == ["Hủy", "Lưu"]
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("QPageSize", "A4") == "A4"  # every other text Qt writes is left as it is


def test_switching_the_plan_year_empties_the_task_panel(window, qtbot):
    """A result typed into the panel after switching years must not land on the other year's task."""
    import copy

    from kstthc_desktop.demo import demo_plan

    window.open_task(window.rows[3].task.id)
    assert window.task_page.panel.row is not None
    other = copy.deepcopy(demo_plan())
    other.document.year = 2025
    window.reload_plans(select_plan_id=window.store.save_plan(other))
    assert window.plan.document.year == 2025
    assert window.task_page.panel.row is None and "Chọn một nhiệm vụ" in window.task_page.panel.title.text()


def test_a_task_that_leaves_the_filter_after_saving_stays_in_the_panel(window, qtbot, monkeypatch):
    """From the "quá hạn" card, record the task as done: it leaves the filter, but stays in the panel so the
    officer can attach its document next."""
    from PySide6.QtCore import Qt

    qtbot.mouseClick(window.dashboard.cards["OVERDUE"], Qt.MouseButton.LeftButton)
    task_id = shown_rows(window)[0].task.id
    window.select_task(task_id)
    from kstthc_desktop.domain import ProgressEntry

    window.store.add_progress(ProgressEntry(task_id, TODAY, "Đã hoàn thành", "due", done=True))
    window._task_changed(task_id)  # what the progress dialog's save does
    assert task_id not in [r.task.id for r in shown_rows(window)]
    assert window.task_page.panel.row is not None and window.task_page.panel.row.task.id == task_id
    assert "không còn trong bộ lọc" in window.statusBar().currentMessage()


def test_a_documents_issuer_is_prefilled_as_the_body_is_written(window):
    """Without "my body", the issuer came from the header name through str.title(): "Văn Phòng Ubnd Tỉnh"."""
    from dataclasses import replace

    window.ensure_task_page()  # the task page (and its panel) is built on first use
    window.store.save_settings(replace(window.store.settings(), my_body="", body_name="VĂN PHÒNG UBND TỈNH VĨNH LONG"))
    assert window.task_page.panel._issuer() == "VĂN PHÒNG UBND TỈNH VĨNH LONG"
    window.store.save_settings(replace(window.store.settings(), my_body="Văn phòng UBND tỉnh"))
    assert window.task_page.panel._issuer() == "Văn phòng UBND tỉnh"


def test_the_status_column_shows_an_overdue_status_whole(window):
    """At 1366 px the status read "Chưa hoàn thành – quá …": the word that matters was cut."""
    from PySide6.QtGui import QFont, QFontMetrics

    from kstthc_desktop.gui.task_model import COL_STATUS
    from kstthc_desktop.status import Status

    window.ensure_task_page()
    bold = QFont(window.task_page.table.font())
    bold.setBold(True)
    assert window.task_page.table.columnWidth(COL_STATUS) > QFontMetrics(bold).horizontalAdvance(Status.OVERDUE.label) + 8


def test_the_attention_list_measures_the_rows_below_the_window_after_it_shows(qtbot):
    from PySide6.QtWidgets import QWidget

    from kstthc_desktop.gui.app import make_application
    from kstthc_desktop.gui.dashboard import AttentionList, AttentionRow

    make_application()
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(400, 150)
    attention = AttentionList(window)
    attention.resize(400, 10)
    attention.measure_first_screen()  # as the main window does till its first paint
    attention.set_rows([AttentionRow(i, "Đến hạn 19/12/2024", f"{i}. Ngắn.", "#d08a00") for i in range(40)])
    heights = [bottom - top for top, bottom in zip(attention._tops, attention._tops[1:], strict=False)]
    assert heights[0] < heights[-1]  # a short task in view takes one line; below the window, room for two
    attention.measure_all()
    heights = [bottom - top for top, bottom in zip(attention._tops, attention._tops[1:], strict=False)]
    assert len(set(heights)) == 1 and attention.height() == attention._tops[-1] + 1  # no gap under short rows


def test_the_main_window_s_attention_list_is_measured_whole_after_the_first_paint(window, qtbot):
    attention = window.dashboard.attention
    qtbot.waitUntil(lambda: not attention._first_screen_only)
    assert attention.rows and all(text in attention._advances for text in (row.content for row in attention.rows))
