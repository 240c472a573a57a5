"""Produce a report file and record it: one function shared by the command line and the report dialog.

The format follows the file's extension (.pdf, .docx or .xlsx). After writing, the file's SHA-256 is recorded with
the period and the time (store.record_report), so the officer can later prove which file was sent.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kstthc_desktop.errors import UsageError, UserError

if TYPE_CHECKING:
    from kstthc_desktop.domain import Settings
    from kstthc_desktop.reports.data import ReportData
    from kstthc_desktop.store import Store

FORMATS = {".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx"}


@dataclass(frozen=True)
class Produced:
    path: Path
    sha256: str
    format: str
    report_id: int | None


def format_for(path: Path | str) -> str:
    """"pdf", "docx" or "xlsx" from the file name; UsageError for anything else."""
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise UsageError(f"Không rõ định dạng của tệp {Path(path).name}: hãy đặt tên tệp có đuôi .pdf, .docx "
                         "hoặc .xlsx.")
    return fmt


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def write_file(data: ReportData, settings: Settings, texts: dict[str, str], out_path: Path | str) -> Path:
    """Write ``data`` as PDF, Word document or workbook, by the extension of ``out_path``."""
    out_path = Path(out_path)
    fmt = format_for(out_path)
    if not out_path.parent.is_dir():
        raise UserError(f"Thư mục {out_path.parent} không tồn tại.")
    if fmt == "pdf":
        from kstthc_desktop.reports.pdf import write_pdf

        return write_pdf(data, settings, texts, out_path)
    if fmt == "docx":
        from kstthc_desktop.reports.word import write_docx

        return write_docx(data, settings, texts, out_path)
    from kstthc_desktop.reports.excel import write_xlsx

    return write_xlsx(data, out_path)


def produce(store: Store, plan_id: int, period_key: str, today: date, out_path: Path | str, *,
            now: datetime, data: ReportData | None = None, whole_plan: bool = False) -> Produced:
    """Build (unless ``data`` is given), write and record the report of ``period_key``; return what was written.
    ``whole_plan``: every task of the plan, not only the body's own work."""
    from kstthc_desktop.reports.data import build_report

    fmt = format_for(out_path)
    if data is None:
        data = build_report(store, plan_id, period_key, today, whole_plan=whole_plan)
    path = write_file(data, store.settings(), store.report_texts(plan_id, data.period_key), out_path)
    digest = sha256_of(path)
    report_id = store.record_report(plan_id, data.period_key, path.resolve(), digest, now)
    return Produced(path=path, sha256=digest, format=fmt, report_id=report_id)


#: Settings a report prints, with the name the officer knows them by in the settings dialog.
_PRINTED_SETTINGS = (
    ("body_name", "tên cơ quan"),
    ("place_name", "địa danh (dòng ngày tháng)"),
    ("signer_title", "chức vụ người ký"),
    ("signer_name", "họ tên người ký"),
    ("recipients", "nơi nhận"),
)


def missing_settings_notice(settings: Settings) -> str:
    """A Vietnamese sentence naming the settings a report prints but the officer has not filled in ("" when all
    are): the report is still made, with those places left blank to be written by hand."""
    def filled(value: str | list[str]) -> bool:  # a text, or the list of recipients
        return bool(value.strip() if isinstance(value, str) else value)

    missing = [label for name, label in _PRINTED_SETTINGS if not filled(getattr(settings, name))]
    if not missing:
        return ""
    return (f"Chưa khai báo trong Cài đặt: {', '.join(missing)}. Báo cáo vẫn được lập, các chỗ đó để trống "
            "để ghi tay; khai báo một lần trong menu Cài đặt thì các báo cáo sau có đủ.")


def choose_plan(store: Store, year: int, plan_id: int | None = None, plan_year: int | None = None, *,
                doing: str = "lập báo cáo kỳ này") -> int:
    """The plan a report (or another command: what it is ``doing``, said in the refusal) is about: the one asked
    for (id or year), else the plan of the period's year.

    Never another year's plan: a 2025 report built from the 2024 plan would be wrong on every line (and
    ``build_report`` refuses a period outside its plan's year)."""
    plans = store.plans()
    if plan_id is not None:
        if not any(p.id == plan_id for p in plans):
            raise UserError(f"Không có kế hoạch số {plan_id} trong cơ sở dữ liệu.")
        return plan_id
    wanted = plan_year or year
    found = store.plan_id_for_year(wanted)
    if found is not None:
        return found
    if not plans:
        raise UserError(f"Cơ sở dữ liệu chưa có kế hoạch nào: hãy nhập kế hoạch trước khi {doing}.")
    years = ", ".join(sorted({str(p.document.year) for p in plans if p.document.year})) or "không rõ năm"
    raise UserError(f"Không có kế hoạch năm {wanted} (các kế hoạch đã nhập: {years}); "
                    f"hãy nhập kế hoạch năm {wanted} trước khi {doing}.")
