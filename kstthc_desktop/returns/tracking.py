"""Who has sent: each unit's state for a period (sent, late, not due yet), its deadline, what is missing, and a
reminder text for the late ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from kstthc_desktop.periods import Period
from kstthc_desktop.returns.template import due_date
from kstthc_desktop.returns.units import Unit, units
from kstthc_desktop.vndates import text_date

if TYPE_CHECKING:
    from kstthc_desktop.store.store import Store

SENT, LATE, NOT_DUE = "sent", "late", "not_due"
LABELS = {SENT: "Đã gửi", LATE: "Chậm gửi", NOT_DUE: "Chưa đến hạn"}


@dataclass
class UnitState:
    unit: Unit
    state: str
    due: date
    received: date | None
    missing: list[str]

    @property
    def label(self) -> str:
        return LABELS[self.state]


def unit_states(store: Store, year: int, period: Period, today: date, *,
                default_day: int | None = None) -> list[UnitState]:
    """Every unit of ``year`` for ``period``: its state, due date, when its return came, and what it lacked."""
    from kstthc_desktop.store.figures import unit_key

    out = []
    for unit in units(store, year):
        due = due_date(period, unit.report_day if unit.report_day is not None else default_day)
        rows = store._query("select * from returns where period_key = ? and unit_key = ? and replaced_by is null",
                            [period.key, unit_key(unit.name)])
        figures = store.conn.execute(
            "select count(*) from figure_sets where period_key = ? and unit_key = ? and replaced_by is null "
            "and form = 'ho-so-tthc'", [period.key, unit_key(unit.name)]).fetchone()[0]
        if rows:
            received = date.fromisoformat(rows[0]["received_at"][:10])
            results = store.conn.execute("select count(*) from return_results where return_id = ?",
                                         [rows[0]["id"]]).fetchone()[0]
            missing = ([] if figures else ["số liệu hồ sơ"]) + ([] if results else ["kết quả nhiệm vụ"])
            out.append(UnitState(unit, SENT, due, received, missing))
        elif figures:  # the unit sent the one-stop export itself
            out.append(UnitState(unit, SENT, due, None, ["kết quả nhiệm vụ"]))
        else:
            out.append(UnitState(unit, LATE if today > due else NOT_DUE, due, None,
                                 ["số liệu hồ sơ", "kết quả nhiệm vụ"]))
    return out


def reminder(states: list[UnitState], period: Period, today: date, sender: str = "") -> str:
    """A reminder to paste into an e-mail to the late units ("" when none is late)."""
    late = [s for s in states if s.state == LATE]
    if not late:
        return ""
    names = "; ".join(s.unit.name for s in late)
    due = min(s.due for s in late)
    lines = [f"Kính gửi: {names}.", "",
             f"Đến ngày {text_date(today)}, {sender or 'chúng tôi'} chưa nhận được báo cáo kết quả thực hiện "
             f"công tác kiểm soát thủ tục hành chính {period.name} của quý đơn vị (hạn gửi ngày {text_date(due)}).",
             "Đề nghị quý đơn vị điền vào mẫu báo cáo đã gửi (trang Nhiệm vụ và trang Số liệu) và gửi lại sớm.",
             "", "Trân trọng."]
    return "\n".join(lines)
