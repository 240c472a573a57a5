"""Figures in words: Vietnamese number format, the report's sentences, and a short account for the command line.

A form's sentences are templates in its definition ("Trong kỳ, tiếp nhận {received_total} hồ sơ …"): each
``{key}`` is a figure, a rate of the form (``{in_time_rate}`` → "99,2%"), or a sum the templates need
(``{resolved_in_time}`` = early + on time).
"""

from __future__ import annotations

import string

from kstthc_desktop.figures.model import Figures, column_name
from kstthc_desktop.periods import parse_period


def vn_number(value: int) -> str:
    """1234567 → "1.234.567" (Vietnamese thousands separator)."""
    return f"{value:,}".replace(",", ".")


def vn_percent(value: float | None) -> str:
    """99.24 → "99,2%"; a whole number without decimals ("100%"); "–" when there is no denominator."""
    if value is None:
        return "–"
    text = f"{value:.1f}".replace(".", ",")
    return (text[:-2] if text.endswith(",0") else text) + "%"


def sentence_values(figures: Figures) -> dict[str, str]:
    """Everything a form's sentence may name, already written in Vietnamese."""
    total = figures.effective_total()
    values = {key: vn_number(total.get(key, 0)) for key in figures.form.keys}
    for rate in figures.form.rates:
        values[rate.key] = vn_percent(rate.value(total))
    values["resolved_in_time"] = vn_number(total.get("resolved_early", 0) + total.get("resolved_on_time", 0))
    return values


def sentences(figures: Figures) -> list[str]:
    """The report's sentences for these figures; a sentence naming only figures the reading lacks is left out."""
    total = figures.effective_total()
    values = sentence_values(figures)
    out = []
    for template in figures.form.sentences:
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name]
        if not any(name in total or (name == "resolved_in_time" and "resolved_total" in total) for name in names):
            continue
        out.append(template.format(**values))
    return out


def summary_lines(figures: Figures, period_key: str) -> list[str]:
    """A short account: unit, period, rows read, the totals with their labels, rates and flags."""
    period = parse_period(period_key)
    lines = [f"{figures.form.code or figures.form.title} — {figures.unit or '(không rõ đơn vị)'} — {period.label}"]
    if figures.date_from and figures.date_to:
        lines.append(f"Số liệu từ ngày {figures.date_from:%d/%m/%Y} đến ngày {figures.date_to:%d/%m/%Y}.")
    if figures.form.kind == "rows":
        lines.append(f"{len(figures.rows)} lĩnh vực.")
    total = figures.effective_total()
    for key in figures.form.keys:
        if key in total:
            lines.append(f"  {column_name(figures.form, key)}: {vn_number(total[key])}")
    lines += sentences(figures)
    lines += [f"Cảnh báo: {w}" for w in figures.warnings]
    return lines
