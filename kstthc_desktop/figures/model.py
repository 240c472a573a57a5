"""A reading of one form's figures for one unit and period: rows by field, their total, and what breaks.

Figures are kept as printed. A row that breaks one of the form's identities ((3) = (4)+(5)+(6) …) is flagged,
never corrected: the officer decides whether the export or the reading is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kstthc_desktop.figures.forms import Form, Identity
from kstthc_desktop.text import fold


@dataclass
class FigureRow:
    name: str
    values: dict[str, int] = field(default_factory=dict)


@dataclass
class Figures:
    form: Form
    unit: str = ""
    date_from: date | None = None
    date_to: date | None = None
    rows: list[FigureRow] = field(default_factory=list)
    total: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def computed_total(self) -> dict[str, int]:
        """The rows added up, figure by figure (what a total row should print)."""
        return {key: sum(r.values.get(key, 0) for r in self.rows) for key in self.form.keys
                if any(key in r.values for r in self.rows)}

    def effective_total(self) -> dict[str, int]:
        """The printed total when the file has one, else the rows added up."""
        return dict(self.total) if self.total else self.computed_total()

    def flags(self) -> list[str]:
        """Every broken identity, and a printed total that differs from its rows, as Vietnamese sentences."""
        out: list[str] = []
        for row in self.rows:
            out += [f"Dòng \"{row.name}\": {text}" for text in broken_identities(self.form, row.values)]
        if self.total:
            out += [f"Dòng tổng: {text}" for text in broken_identities(self.form, self.total)]
            if self.rows:
                computed = self.computed_total()
                for key, value in self.total.items():
                    if key in computed and computed[key] != value:
                        out.append(f"Dòng tổng: {column_name(self.form, key)} ghi {value} nhưng cộng các dòng được "
                                   f"{computed[key]}.")
        return out

    def to_json(self) -> dict[str, Any]:
        """The figures JSON (stats-json.md): form, unit, period, rows in the file's order, total."""
        return {
            "form": self.form.id,
            "unit": self.unit,
            "period": {"from": self.date_from.isoformat() if self.date_from else None,
                       "to": self.date_to.isoformat() if self.date_to else None},
            "rows": [{"name": r.name, **{k: r.values[k] for k in self.form.keys if k in r.values}} for r in self.rows],
            "total": {k: v for k, v in ((k, self.effective_total().get(k)) for k in self.form.keys) if v is not None},
        }


def column_name(form: Form, key: str) -> str:
    """"(7) Kết quả giải quyết – Tổng số": the printed column number and label of a figure."""
    column = form.column(key)
    number = f"({column.number}) " if column.number else ""
    group = form.group_label(column.group)
    label = f"{group} – {column.label}" if group and column.label == "Tổng số" else column.label
    return number + label


def _identity_text(form: Form, identity: Identity, values: dict[str, int]) -> str:
    def ref(key: str) -> str:
        number = form.column(key).number
        return f"({number})" if number else form.column(key).label

    right = " + ".join(ref(k) for k in identity.parts) + "".join(f" − {ref(k)}" for k in identity.minus)
    numbers = " + ".join(str(values[k]) for k in identity.parts) + "".join(f" − {values[k]}" for k in identity.minus)
    word = "thường phải bằng" if identity.usually else "phải bằng"
    return f"{ref(identity.total)} {word} {right}, nhưng {values[identity.total]} ≠ {numbers}."


def broken_identities(form: Form, values: dict[str, int]) -> list[str]:
    """The identities of ``form`` that ``values`` break, each as one sentence."""
    return [_identity_text(form, i, values) for i in form.identities if not i.holds(values)]


def row_key(name: str) -> str:
    """Rows of different files are the same field when their names fold alike (case, diacritics, punctuation)."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in fold(name)).split())


def consolidate(form: Form, readings: list[Figures]) -> Figures:
    """The readings of several units added up: rows summed by field name (first spelling kept, first-seen order),
    the total as the sum of the units' totals."""
    rows: dict[str, FigureRow] = {}
    total: dict[str, int] = {}
    for reading in readings:
        for row in reading.rows:
            target = rows.setdefault(row_key(row.name), FigureRow(row.name))
            for key, value in row.values.items():
                target.values[key] = target.values.get(key, 0) + value
        for key, value in reading.effective_total().items():
            total[key] = total.get(key, 0) + value
    starts = [r.date_from for r in readings if r.date_from]
    ends = [r.date_to for r in readings if r.date_to]
    return Figures(form, "", min(starts) if starts else None, max(ends) if ends else None, list(rows.values()), total)
