"""How the program says, in Vietnamese, what it read a printed deadline as: one wording for the import preview, the
task panel and ``kstthc deadline``, so the officer meets the same words wherever a reading is shown.

``describe`` is short enough for a table cell ("Hạn 15/12/2024", "Định kỳ: hằng quý (ngày 19 tháng cuối kỳ)");
``effective=True`` adds the due date rolled over a weekend or holiday when it moves (where there is room for it).
A periodic deadline that states no day is due on the officer's day for that kind of report (``report_days``, from
``Settings.report_deadlines``, as in ``occurrences``): the words say that day and where it was set ("hằng quý (ngày
19 tháng cuối kỳ, theo hạn nộp báo cáo trong Cài đặt)"), so the reading never hides where a due date comes from.
"""

from __future__ import annotations

from collections.abc import Mapping

from kstthc_desktop.calendar import effective_due
from kstthc_desktop.domain import Deadline, DeadlineKind
from kstthc_desktop.vndates import text_date

#: A periodic deadline's frequencies as the officer reads them, in the order they are printed.
FREQUENCY_LABELS = {"month": "hằng tháng", "quarter": "hằng quý", "halfyear": "6 tháng", "year": "hằng năm"}

#: Where a report day comes from: the "Hạn nộp báo cáo" box of Cài đặt → Thông tin đơn vị và báo cáo.
FROM_SETTINGS = "theo hạn nộp báo cáo trong Cài đặt"


def describe(deadline: Deadline, *, effective: bool = False, report_days: Mapping[str, int] | None = None) -> str:
    """The reading in words, e.g. "Hạn 31/01/2025", "Định kỳ: hằng tháng (ngày 20), hằng năm", "Khi phát sinh:
    trong 10 ngày". ``effective``: add the effective due of a dated deadline when it is not the printed day;
    ``report_days``: the officer's day per kind of report, named for a frequency whose day is not printed."""
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
        return _periodic(deadline, report_days or {})
    if kind == DeadlineKind.CONTINUOUS:
        return "Thường xuyên: có kết quả trong mỗi kỳ báo cáo"
    if kind == DeadlineKind.ON_DEMAND:
        if deadline.within_days:
            return f"Khi phát sinh: trong {deadline.within_days} ngày"
        return "Khi phát sinh: theo từng lần phát sinh"
    return "Chưa xác định thời hạn"


def _periodic(deadline: Deadline, report_days: Mapping[str, int]) -> str:
    """"Định kỳ: hằng quý (ngày 19 tháng cuối kỳ), hằng năm". A day not printed is the report day set in Cài đặt,
    said once at the end when every frequency takes its day from there ("…; các ngày theo hạn nộp báo cáo trong
    Cài đặt"), else beside each such frequency."""
    freqs = [freq for freq in FREQUENCY_LABELS if freq in deadline.every]
    if not freqs:
        return "Định kỳ, chưa rõ tần suất"
    from_settings = {f for f in freqs if not deadline.every[f] and report_days.get(f)}
    days = {f: deadline.every[f] or report_days.get(f) for f in freqs}
    if len(from_settings) > 1 and from_settings == set(freqs):
        return "Định kỳ: " + ", ".join(_frequency(f, days[f]) for f in freqs) + f"; các ngày {FROM_SETTINGS}"
    return "Định kỳ: " + ", ".join(_frequency(f, days[f], f in from_settings) for f in freqs)


def _frequency(freq: str, day: int | None, from_settings: bool = False) -> str:
    """"hằng tháng (ngày 20)", "hằng quý (ngày 19 tháng cuối kỳ)": the day is in the period's last month;
    ``from_settings``: the day is the officer's report day, not a printed one."""
    label = FREQUENCY_LABELS[freq]
    if not day:
        return label
    where = f"ngày {day}" if freq == "month" else f"ngày {day} tháng cuối kỳ"
    return f"{label} ({where}, {FROM_SETTINGS})" if from_settings else f"{label} ({where})"
