"""Keeping the period's figures: one current set per form, unit and period; a replaced set stays in the database,
pointing to its successor, so a corrected return never erases what was first filed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from kstthc_desktop.figures.forms import load_form
from kstthc_desktop.figures.model import FigureRow, Figures, row_key
from kstthc_desktop.store.store import Store


@dataclass
class StoredFigures:
    """A figure set as stored: the reading plus where it came from."""

    id: int
    period_key: str
    figures: Figures
    source: str
    origin: str
    stored_at: str


def unit_key(unit: str) -> str:
    """Units are the same when their names fold alike ("Sở Tư pháp" = "SỞ TƯ PHÁP")."""
    return row_key(unit)


def save_figures(store: Store, figures: Figures, period_key: str, *, source: str = "", origin: str = "import") -> int:
    """Store ``figures`` as the current set of its form, unit and period (call inside ``store.transaction()``);
    the set it replaces is kept, marked as replaced."""
    now = store.clock().isoformat(timespec="seconds")
    key = unit_key(figures.unit)
    old = [r[0] for r in store.conn.execute(
        "select id from figure_sets where form = ? and period_key = ? and unit_key = ? and replaced_by is null",
        [figures.form.id, period_key, key])]
    set_id = store._insert("figure_sets", {
        "form": figures.form.id, "unit": figures.unit, "unit_key": key, "period_key": period_key,
        "date_from": figures.date_from.isoformat() if figures.date_from else None,
        "date_to": figures.date_to.isoformat() if figures.date_to else None,
        "source": source, "origin": origin, "stored_at": now,
        "warnings": json.dumps(figures.warnings, ensure_ascii=False),
    })
    rows = [(i, r.name, 0, r.values) for i, r in enumerate(figures.rows)]
    if figures.total:
        rows.append((len(rows), "", 1, figures.total))
    store.conn.executemany(
        "insert into figure_rows (set_id, position, name, is_total, figures) values (?, ?, ?, ?, ?)",
        [(set_id, pos, name, total, json.dumps(values)) for pos, name, total, values in rows])
    for old_id in old:
        store.conn.execute("update figure_sets set replaced_by = ? where id = ?", [set_id, old_id])
    store._history("figure_set", set_id, "figures", old[0] if old else None,
                   f"{figures.form.id} {period_key} {figures.unit}", "replace" if old else "insert")
    return set_id


def _load(store: Store, row: dict[str, Any]) -> StoredFigures:
    form = load_form(row["form"])
    figures = Figures(form, row["unit"],
                      date.fromisoformat(row["date_from"]) if row["date_from"] else None,
                      date.fromisoformat(row["date_to"]) if row["date_to"] else None,
                      warnings=json.loads(row["warnings"] or "[]"))
    for r in store._query("select * from figure_rows where set_id = ? order by position", [row["id"]]):
        values = {k: int(v) for k, v in json.loads(r["figures"] or "{}").items()}
        if r["is_total"]:
            figures.total = values
        else:
            figures.rows.append(FigureRow(r["name"], values))
    return StoredFigures(row["id"], row["period_key"], figures, row["source"] or "", row["origin"] or "",
                         row["stored_at"] or "")


def current_figures(store: Store, form_id: str, period_key: str, unit: str | None = None) -> list[StoredFigures]:
    """The current sets of ``form_id`` for ``period_key``: of one unit, or of every unit (in the order filed)."""
    sql = "select * from figure_sets where form = ? and period_key = ? and replaced_by is null"
    params: list[Any] = [form_id, period_key]
    if unit is not None:
        sql += " and unit_key = ?"
        params.append(unit_key(unit))
    return [_load(store, row) for row in store._query(sql + " order by id", params)]


def replaced_figures(store: Store, form_id: str, period_key: str, unit: str) -> list[StoredFigures]:
    """Earlier sets of one unit and period, oldest first: what a corrected return replaced."""
    rows = store._query("select * from figure_sets where form = ? and period_key = ? and unit_key = ? "
                        "and replaced_by is not null order by id", [form_id, period_key, unit_key(unit)])
    return [_load(store, row) for row in rows]


def units_with_figures(store: Store, period_key: str) -> list[str]:
    """The units that have current figures for ``period_key``, by name as filed."""
    return [r[0] for r in store.conn.execute(
        "select unit from figure_sets where period_key = ? and replaced_by is null group by unit_key order by min(id)",
        [period_key])]
