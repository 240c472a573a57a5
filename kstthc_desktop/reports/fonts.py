"""The report's typeface: Times New Roman where Windows has it, else the metric-compatible Liberation Serif we ship.

Nghị định 30/2020 asks for Times New Roman. Liberation Serif 2.x (SIL OFL, in ``resources/fonts/`` with its
licence) has the same advance widths, so a report lays out line for line the same on either; its 1.x releases
lack the Vietnamese letters (ơ, ư, ạ …), which is why we ship 2.x instead of relying on the system's copy.
The font is embedded (subset) in every PDF, so the printed page does not depend on the reader's machine.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kstthc_desktop.paths import resource

FAMILY = "ReportSerif"
#: style -> (Windows Times New Roman file, shipped Liberation file)
_FILES = {
    "regular": ("times.ttf", "LiberationSerif-Regular.ttf"),
    "bold": ("timesbd.ttf", "LiberationSerif-Bold.ttf"),
    "italic": ("timesi.ttf", "LiberationSerif-Italic.ttf"),
    "bolditalic": ("timesbi.ttf", "LiberationSerif-BoldItalic.ttf"),
}
#: Letters a font must have to print Vietnamese.
_PROBE = "ĐđƠơƯưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"


@dataclass(frozen=True)
class ReportFonts:
    """The registered font names: use ``regular`` etc. in styles; ``source`` says which typeface was found."""

    regular: str
    bold: str
    italic: str
    bolditalic: str
    source: str  # "Times New Roman" or "Liberation Serif"
    files: tuple[Path, ...]


_registered: ReportFonts | None = None


def windows_fonts_dir() -> Path | None:
    """The Windows Fonts folder, when this is Windows."""
    windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT")
    if not windir:
        return None
    folder = Path(windir) / "Fonts"
    return folder if folder.is_dir() else None


def _covers_vietnamese(path: Path) -> bool:
    from reportlab.pdfbase.ttfonts import TTFontFile

    try:
        cmap = TTFontFile(str(path)).charToGlyph
    except Exception:  # noqa: BLE001 - a damaged or unreadable font (any error of the parser): do not use it
        return False
    return all(ord(ch) in cmap for ch in _PROBE)


def font_files(windows_dir: Path | None = None) -> tuple[str, dict[str, Path]]:
    """Which files to use: all four Times New Roman styles when present and Vietnamese-capable, else Liberation."""
    folder = windows_dir if windows_dir is not None else windows_fonts_dir()
    if folder is not None:
        found = {style: folder / names[0] for style, names in _FILES.items()}
        if all(p.is_file() for p in found.values()) and _covers_vietnamese(found["regular"]):
            return "Times New Roman", found
    return "Liberation Serif", {style: resource("fonts", names[1]) for style, names in _FILES.items()}


def register_fonts() -> ReportFonts:
    """Register the family with reportlab once per process and return its names."""
    global _registered
    if _registered is not None:
        return _registered
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    source, files = font_files()
    names = {style: f"{FAMILY}-{style}" for style in _FILES}
    for style, path in files.items():
        pdfmetrics.registerFont(TTFont(names[style], str(path)))
    pdfmetrics.registerFontFamily(
        names["regular"], normal=names["regular"], bold=names["bold"], italic=names["italic"],
        boldItalic=names["bolditalic"],
    )
    styles: tuple[tuple[Literal[0, 1], Literal[0, 1], str], ...] = (
        (0, 0, "regular"), (1, 0, "bold"), (0, 1, "italic"), (1, 1, "bolditalic"))
    for bold, italic, style in styles:
        addMapping(names["regular"], bold, italic, names[style])
    _registered = ReportFonts(source=source, files=tuple(files.values()), **names)
    return _registered
