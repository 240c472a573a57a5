"""The import formats are named once: every file the importer reads can be picked in the wizard's open dialog."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from kstthc_desktop.importers import extract, readers
from kstthc_desktop.importers.formats import (
    FORMATS,
    accepted_suffixes,
    file_dialog_filter,
)

PLANS = Path(__file__).parent / "fixtures" / "plans"


def filter_patterns(entry: str) -> set[str]:
    """"Kế hoạch (*.xlsx *.txt)" -> {"*.xlsx", "*.txt"}."""
    return set(entry[entry.index("(") + 1:entry.rindex(")")].split())


def test_every_suffix_a_reader_accepts_is_a_registered_format():
    read = {suffix for reader in readers() for suffix in reader.suffixes}
    assert read == set(accepted_suffixes())
    assert {".xlsx", ".xlsm", ".docx", ".docm", ".txt", ".tsv"} <= read


@pytest.mark.gui
def test_the_open_dialog_offers_every_format_the_importer_reads(qtbot, tmp_path, monkeypatch):
    from kstthc_desktop.gui.import_wizard import ImportWizard
    from kstthc_desktop.store import Store

    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda parent, title, folder, flt: (asked.append(flt), ("", ""))[1]))
    with Store.open(tmp_path / "kstthc.sqlite3") as store:
        wizard = ImportWizard(store, date(2024, 1, 15))
        qtbot.addWidget(wizard)
        qtbot.mouseClick(wizard.source_page.open_button, Qt.LeftButton)
    assert asked, "the open button shows the file dialog"
    entries = asked[0].split(";;")
    plans = filter_patterns(entries[0])  # the entry the dialog opens on: every plan file at once
    assert {"*" + suffix for suffix in accepted_suffixes()} <= plans
    assert {"*.xlsm", "*.docm", "*.tsv"} <= plans  # hidden when the filter was written by hand
    labels = [entry.split(" (")[0] for entry in entries]
    assert labels == ["Kế hoạch", "Excel", "Word", "Văn bản", "Tất cả các tệp"]


def test_the_filter_lists_each_format_under_its_label():
    entries = file_dialog_filter().split(";;")
    for fmt, entry in zip(FORMATS, entries[1:], strict=False):  # the last entry is "any file"
        assert entry.startswith(fmt.label + " (")
        assert filter_patterns(entry) == {"*" + s for s in fmt.suffixes}
    assert entries[-1] == "Tất cả các tệp (*)"


@pytest.mark.parametrize("source, renamed", [("vinh-long-2024.xlsx", "ke-hoach.xlsm")])
def test_a_file_picked_under_another_accepted_ending_is_read(tmp_path, source, renamed):
    path = tmp_path / renamed
    shutil.copy(PLANS / source, path)
    assert extract(path).tasks == extract(PLANS / source).tasks
