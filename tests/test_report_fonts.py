"""The report's typeface: Windows' Times New Roman when present and complete, else the shipped Liberation Serif."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kstthc_desktop.paths import resource
from kstthc_desktop.reports.fonts import font_files

WINDOWS_NAMES = ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf")
SHIPPED = ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf",
           "LiberationSerif-BoldItalic.ttf")


def test_shipped_fonts_and_licence_are_there():
    for name in SHIPPED:
        assert resource("fonts", name).is_file()
    licence = resource("fonts", "LICENSE-LiberationFonts.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence


def test_without_windows_the_shipped_font_is_used():
    source, files = font_files(None)
    assert source == "Liberation Serif"
    assert [p.name for p in files.values()] == list(SHIPPED)


def test_times_new_roman_from_the_windows_fonts_folder(tmp_path):
    for shipped, name in zip(SHIPPED, WINDOWS_NAMES, strict=True):  # stand-ins with the Windows file names
        shutil.copy(resource("fonts", shipped), tmp_path / name)
    source, files = font_files(tmp_path)
    assert source == "Times New Roman"
    assert [p.name for p in files.values()] == list(WINDOWS_NAMES)


def test_incomplete_windows_fonts_fall_back(tmp_path):
    shutil.copy(resource("fonts", SHIPPED[0]), tmp_path / "times.ttf")  # bold and italics missing
    assert font_files(tmp_path)[0] == "Liberation Serif"


def test_a_times_without_vietnamese_letters_is_not_used(tmp_path):
    old = Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")  # Liberation 1.x: no ơ, ư, ạ
    if not old.is_file():
        pytest.skip("Debian fonts-liberation (1.x) not installed")
    for name in WINDOWS_NAMES:
        shutil.copy(old, tmp_path / name)
    assert font_files(tmp_path)[0] == "Liberation Serif"
