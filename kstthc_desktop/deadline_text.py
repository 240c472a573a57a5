"""How the program says, in Vietnamese, what it read a printed deadline as: one wording for the import preview, the
task panel and ``kstthc deadline``, so the officer meets the same words wherever a reading is shown.

``describe`` is short enough for a table cell ("Hạn 15/12/2024", "Định kỳ: hằng quý (ngày 19 tháng cuối kỳ)");
``effective=True`` adds the due date rolled over a weekend or holiday when it moves (where there is room for it).
"""

from __future__ import annotations

from kstthc_desktop.calendar import effective_due
from kstthc_desktop.domain import Deadline, DeadlineKind
from kstthc_desktop.vndates import text_date

#: A periodic deadline's frequencies as the officer reads them, in the order they are printed.
FREQUENCY_LABELS = {"month": "hằng tháng", "quarter": "hằng quý", "halfyear": "6 tháng", "year": "hằng năm"}


def describe(deadline: Deadline, *, effective: bool = False) -> str:
    """The reading in words, e.g. "Hạn 31/01/2025", "Định kỳ: hằng tháng (ngày 20), hằng năm", "Khi phát sinh:
    trong 10 ngày". ``effective``: add the effective due of a dated deadline when it is not the printed day."""
    kind = deadline.kind
    if kind == DeadlineKind.DATED:
        if deadline.due is None:
            return "Có thời hạn, chưa rõ ngày"
        line = f"Hạn {text_date(deadline.due)}"
        rolled = effective_due(deadline.due) if effective else deadline.due
        if rolled != deadline.due:
            line += f" (rơi vào ngày nghỉ, hạn thực tế {text_date(rolled)})"
        return line
    if kind == DeadlineKind.PERIODIC:
        parts = [_frequency(freq, deadline.every[freq]) for freq in FREQUENCY_LABELS if freq in deadline.every]
        return "Định kỳ: " + ", ".join(parts) if parts else "Định kỳ, chưa rõ tần suất"
    if kind == DeadlineKind.CONTINUOUS:
        return "Thường xuyên: có kết quả trong mỗi kỳ báo cáo"
    if kind == DeadlineKind.ON_DEMAND:
        if deadline.within_days:
            return f"Khi phát sinh: trong {deadline.within_days} ngày"
        return "Khi phát sinh: theo từng lần phát sinh"
    return "Chưa xác định thời hạn"


def _frequency(freq: str, day: int | None) -> str:
    """"hằng tháng (ngày 20)", "hằng quý (ngày 19 tháng cuối kỳ)": the stated day is in the period's last month."""
    label = FREQUENCY_LABELS[freq]
    if not day:
        return label
    return f"{label} (ngày {day})" if freq == "month" else f"{label} (ngày {day} tháng cuối kỳ)"
