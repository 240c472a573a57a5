"""Figures typed in by the officer (the form of other figures: procedures published, feedback handled …)."""

from __future__ import annotations

from kstthc_desktop.errors import UserError
from kstthc_desktop.figures.export_reader import parse_number
from kstthc_desktop.figures.forms import OTHER, load_form
from kstthc_desktop.figures.model import Figures


def typed_figures(pairs: list[str], *, unit: str, form_id: str = OTHER,
                  earlier: dict[str, int] | None = None) -> Figures:
    """Figures from "key=number" pairs over the ``earlier`` ones of the same unit and period (typing one figure
    keeps the others); an unknown key or a value that is not a count is refused by name."""
    if not unit.strip():
        raise UserError("Không rõ số liệu của đơn vị nào: hãy ghi rõ (--unit \"Sở …\") hoặc khai báo tên cơ quan "
                        "trong Cài đặt.")
    form = load_form(form_id)
    values: dict[str, int] = dict(earlier or {})
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        key = key.strip()
        if not sep or key not in form.keys:
            raise UserError(f"Không có số liệu \"{key}\" trong biểu; dùng một trong: {', '.join(form.keys)}.")
        number = parse_number(raw)
        if number is None or number < 0:
            raise UserError(f"Giá trị của {key} phải là một số nguyên không âm, không phải \"{raw}\".")
        values[key] = number
    return Figures(form, unit, total=values)
