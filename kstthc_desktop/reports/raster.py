"""The report PDF's pages as images, for the dialog's preview and for printing.

reportlab only writes PDF, and Qt's own PDF module is not part of PySide6-Essentials, so the pages are
rasterised with PDFium (pypdfium2, a wheel with the library inside, same on Windows and Linux). The preview
then shows the very file that is saved and printed, not an approximation of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PageImage:
    width: int
    height: int
    stride: int
    rgbx: bytes  # 4 bytes a pixel: R, G, B, unused


def page_count(pdf_path: Path | str) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def render_pages(pdf_path: Path | str, dpi: float, pages: list[int] | None = None) -> list[PageImage]:
    """Render the given pages (all when None) at ``dpi``; white background, RGBX bytes."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        out = []
        for index in pages if pages is not None else range(len(pdf)):
            page = pdf[index]
            bitmap = page.render(scale=dpi / 72, prefer_bgrx=True, rev_byteorder=True)
            out.append(PageImage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer)))
            page.close()
        return out
    finally:
        pdf.close()
