"""The period's figures in the report: sentences for part I and annex tables in the form's layout.

One description, drawn by every writer: ``FigureTable`` holds the heading rows with their spans, the column-number
row "(1) … (13)" and the rows (fields, or units for a collecting body, and the total). The figures are those stored
for the period (``kstthc stats``, the "Số liệu" page, the units' returns): every unit's added up, with a table per
unit when more than one unit sent figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kstthc_desktop.figures.compare import changes, figures_of, same_period_last_year
from kstthc_desktop.figures.forms import DOSSIERS, OTHER, Form, load_form
from kstthc_desktop.figures.model import Figures
from kstthc_desktop.figures.text import sentences, vn_number, vn_percent
from kstthc_desktop.periods import Period

if TYPE_CHECKING:
    from kstthc_desktop.store.store import Store


@dataclass(frozen=True)
class HeadCell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class FigureTable:
    title: str
    head: list[list[HeadCell]]  # heading rows; a cell covered by a span above or left is not listed
    numbers: list[str]  # "(1)" … "(13)"
    rows: list[tuple[str, str, list[int], bool]] = field(default_factory=list)  # (stt, name, figures, bold)

    @property
    def width(self) -> int:
        return len(self.numbers)

    def placed(self) -> list[tuple[int, int, HeadCell]]:
        """(row, column, cell) of every heading cell, columns counted past the cells spanning into its row."""
        taken: set[tuple[int, int]] = set()
        out = []
        for r, head in enumerate(self.head):
            c = 0
            for cell in head:
                while (r, c) in taken:
                    c += 1
                out.append((r, c, cell))
                taken |= {(rr, cc) for rr in range(r, r + cell.rowspan) for cc in range(c, c + cell.colspan)}
                c += cell.colspan
        return out


@dataclass
class ReportFigures:
    """What the report prints of the period's figures."""

    sentences: list[str]
    tables: list[FigureTable]
    units: list[str]


def _head(form: Form, first_label: str) -> list[list[HeadCell]]:
    top = [HeadCell("STT", rowspan=2), HeadCell(first_label, rowspan=2)]
    below = []
    for group in form.groups:
        members = [c for c in form.columns if c.group == group.key]
        top.append(HeadCell(group.label, colspan=len(members)))
        below += [HeadCell(c.label) for c in members]
    return [top, below]


def dossier_table(form: Form, title: str, first_label: str, rows: list[tuple[str, dict[str, int]]],
                  total: dict[str, int]) -> FigureTable:
    table = FigureTable(title, _head(form, first_label), [f"({i})" for i in range(1, 3 + len(form.columns))])
    for i, (name, values) in enumerate(rows, 1):
        table.rows.append((str(i), name, [values.get(k, 0) for k in form.keys], False))
    table.rows.append(("", "Tổng số", [total.get(k, 0) for k in form.keys], True))
    return table


def _comparison(now: Figures, store: Store, period: Period) -> str:
    """"So với Quý I/2025, số hồ sơ tiếp nhận tăng 12,3%; so với cùng kỳ năm trước, giảm 4%." ("" without data)."""
    parts = []
    for label, other in ((period.previous().label, period.previous()),
                         ("cùng kỳ năm trước", same_period_last_year(period))):
        before = figures_of(store, DOSSIERS, other)
        change = next((c for c in changes(now, before) if c.key == "received_total"), None) if before else None
        if change is None or change.percent is None:
            continue
        way = "tăng" if change.percent > 0 else "giảm" if change.percent < 0 else "bằng"
        amount = "" if way == "bằng" else f" {vn_percent(abs(change.percent))}"
        parts.append(f"so với {label}, số hồ sơ tiếp nhận {way}{amount} ({vn_number(change.before or 0)} hồ sơ)")
    if not parts:
        return ""
    text = "; ".join(parts) + "."
    return text[0].upper() + text[1:]


def report_figures(store: Store, period: Period) -> ReportFigures | None:
    """The period's figures as the report prints them, or None when none are stored."""
    from kstthc_desktop.store.figures import current_figures

    form = load_form(DOSSIERS)
    stored = current_figures(store, DOSSIERS, period.key)
    total = figures_of(store, DOSSIERS, period)
    other = figures_of(store, OTHER, period)
    if total is None and other is None:
        return None
    units = [s.figures.unit for s in stored]
    lines: list[str] = []
    tables: list[FigureTable] = []
    if total is not None:
        lines += sentences(total)
        compared = _comparison(total, store, period)
        if compared:
            lines.append(compared)
        rows = [(r.name, r.values) for r in total.rows]
        who = f" của {len(units)} đơn vị" if len(units) > 1 else ""
        tables.append(dossier_table(form, f"Tình hình, kết quả giải quyết thủ tục hành chính{who} {period.name}",
                                    form.row_label, rows, total.effective_total()))
        if len(units) > 1:
            tables.append(dossier_table(form, f"Kết quả giải quyết thủ tục hành chính theo đơn vị {period.name}",
                                        "Đơn vị", [(s.figures.unit, s.figures.effective_total()) for s in stored],
                                        total.effective_total()))
    if other is not None:
        lines += sentences(other)
    return ReportFigures(lines, tables, units)
