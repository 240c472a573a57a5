"""Refuse files that would exhaust memory before a library ever opens them.

An .xlsx or .docx is a zip archive; a hostile or broken one can declare members that inflate to gigabytes
(a "zip bomb"). The central directory states every member's uncompressed size, so we check the sum and the
compression ratio there first: cheap, and openpyxl / python-docx never see a bad archive.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from kstthc_desktop.errors import UserError

MAX_FILE_BYTES = 50 * 1024 * 1024  # a plan is a few hundred kB; 50 MB leaves room for embedded images
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # everything, embedded pictures included
MAX_XML_BYTES = 20 * 1024 * 1024  # the parts a library parses into memory; a real plan has well under 1 MB
MAX_MEMBER_RATIO = 200  # XML compresses 10-30x; hundreds of times more is a bomb


def check_size(path: Path) -> None:
    size = path.stat().st_size
    if size == 0:
        raise UserError(f"Tệp \"{path.name}\" rỗng (0 byte): không có kế hoạch nào để nhập.")
    if size > MAX_FILE_BYTES:
        raise UserError(
            f"Tệp \"{path.name}\" quá lớn ({size // (1024 * 1024)} MB) để là một kế hoạch; "
            f"giới hạn là {MAX_FILE_BYTES // (1024 * 1024)} MB."
        )


def check_zip(path: Path, kind: str) -> None:
    """Raise UserError unless ``path`` is a sane zip archive (the container of .xlsx and .docx)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UserError(
            f"Không đọc được tệp \"{path.name}\": tệp {kind} bị hỏng, bị cắt cụt hoặc không đúng định dạng."
        ) from exc
    total = sum(info.file_size for info in infos)
    xml = sum(info.file_size for info in infos if info.filename.lower().endswith((".xml", ".rels")))
    worst = max((info.file_size / max(info.compress_size, 1) for info in infos), default=0)
    if total > MAX_UNZIPPED_BYTES or xml > MAX_XML_BYTES or (worst > MAX_MEMBER_RATIO and total > 10 * 1024 * 1024):
        raise UserError(
            f"Từ chối mở tệp \"{path.name}\": khi giải nén tệp sẽ chiếm {max(total, xml) // (1024 * 1024)} MB, "
            "bất thường đối với một kế hoạch (có thể là tệp độc hại)."
        )
