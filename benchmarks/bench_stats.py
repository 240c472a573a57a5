"""Reading a one-stop export: a province's export of 2,000 field rows (Biểu 06 layout) in-process.

Target (issue 16): ≤ 1 s for 2,000 rows. The real exports have tens of rows; a province office's consolidated
export, every department's fields, has a few thousand.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

_TMP: list[Path] = []


def export(rows: int) -> Path:
    """A Biểu 06 export of ``rows`` fields, three heading rows and a column-number row, the total first."""
    import openpyxl

    if not _TMP:
        _TMP.append(Path(tempfile.mkdtemp(prefix="bench-stats-")))
    path = _TMP[0] / f"export-{rows}.xlsx"
    if path.exists():
        return path
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["UBND TỈNH SÓC TRĂNG"])
    ws.append(["SỞ XÂY DỰNG"])
    ws.append(["Kỳ báo cáo: Quý I năm 2025 (Từ ngày 15/12/2024 đến ngày 14/03/2025)"])
    ws.append(["STT", "Lĩnh vực, công việc giải quyết theo cấp", "Số hồ sơ nhận giải quyết", None, None, None,
               "Kết quả giải quyết", None, None, None, "Số hồ sơ đang giải quyết"])
    ws.append([None, None, "Tổng số", "Trong đó", None, None, "Tổng số", "Số hồ sơ đã giải quyết", None, None,
               "Tổng số", "Trong hạn", "Quá hạn"])
    ws.append([None, None, None, "Số mới tiếp nhận trực tuyến", "Số mới tiếp nhận trực tiếp và qua dịch vụ bưu chính",
               "Số kỳ trước chuyển qua", None, "Trước hạn", "Đúng hạn", "Quá hạn"])
    for rng in ("C4:F4", "G4:J4", "K4:M4", "D5:F5", "H5:J5", "A4:A6", "B4:B6", "C5:C6", "G5:G6", "K5:K6", "L5:L6",
                "M5:M6"):
        ws.merge_cells(rng)
    ws.append([f"({i})" for i in range(1, 14)])
    ws.append([None, "Tổng số", *[rows * v for v in (10, 6, 3, 1, 9, 4, 4, 1, 1, 1, 0)]])
    for i in range(1, rows + 1):
        ws.append([i, f"Lĩnh vực số {i}", 10, 6, 3, 1, 9, 4, 4, 1, 1, 1, 0])
    wb.save(path)
    return path


def _reading(rows: int):
    def setup(quick: bool):
        from kstthc_desktop.figures.export_reader import read_export

        n = 200 if quick else rows
        path = export(n)
        return (lambda: read_export(path)), n

    return setup


BENCHMARKS = {"stats export 2,000 rows": _reading(2000), "stats export 100 rows": _reading(100)}
