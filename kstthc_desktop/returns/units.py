"""The units that report to the officer, per plan year: filled from the plan's lead and cooperating bodies,
then edited by the officer (name, kind, contact, the report day set for them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kstthc_desktop.errors import UserError
from kstthc_desktop.figures.model import row_key
from kstthc_desktop.text import clean

if TYPE_CHECKING:
    from kstthc_desktop.store.store import Store
    from kstthc_desktop.domain import Task


@dataclass
class Unit:
    name: str
    kind: str = ""  # "phòng", "đơn vị trực thuộc", "sở", "xã" … as the officer writes it
    contact: str = ""  # e-mail or phone, for the reminder
    report_day: int | None = None  # day of the period's last month; None: the officer's report day
    id: int | None = None

    @property
    def key(self) -> str:
        return unit_key(self.name)


def unit_key(name: str) -> str:
    return row_key(name)


_MANY = re.compile(r"\b(cac|cap huyen|cap xa|cap tinh|so ban nganh|ban nganh|co quan don vi)\b")


def _collective(name: str) -> bool:
    """"Các sở, ban, ngành", "UBND cấp huyện", "Văn phòng UBND tỉnh, sở, ban, ngành tỉnh": a phrase naming many
    bodies is not one unit."""
    key = row_key(name)
    return not key or name[:1].islower() or _MANY.search(key) is not None


def units(store: Store, year: int) -> list[Unit]:
    return [Unit(r["name"], r["kind"] or "", r["contact"] or "", r["report_day"], r["id"])
            for r in store._query("select * from units where year = ? order by position, id", [year])]


def find_unit(store: Store, year: int, name: str) -> Unit | None:
    key = unit_key(name)
    return next((u for u in units(store, year) if u.key == key), None)


def save_unit(store: Store, year: int, unit: Unit) -> int:
    """Add or change a unit (one transaction); a second unit of the same name is refused."""
    name = clean(unit.name)
    if not name:
        raise UserError("Tên đơn vị không được để trống.")
    if unit.report_day is not None and not 1 <= unit.report_day <= 31:
        raise UserError("Ngày hạn báo cáo phải từ 1 đến 31.")
    same = find_unit(store, year, name)
    if same is not None and same.id != unit.id:
        raise UserError(f"Đã có đơn vị \"{same.name}\" trong danh sách năm {year}.")
    values = {"year": year, "name": name, "key": unit_key(name), "kind": unit.kind, "contact": unit.contact,
              "report_day": unit.report_day}
    with store.transaction():
        if unit.id is None:
            position = store.conn.execute("select coalesce(max(position), 0) + 1 from units where year = ?",
                                          [year]).fetchone()[0]
            unit.id = store._insert("units", {**values, "position": position})
            store._history("unit", unit.id, "", None, values, "insert")
        else:
            store._update("units", unit.id, values)
            store._history("unit", unit.id, "", None, values, "update")
    return unit.id


def remove_unit(store: Store, unit_id: int) -> None:
    with store.transaction():
        old = store._query("select * from units where id = ?", [unit_id])
        store.conn.execute("delete from units where id = ?", [unit_id])
        store._history("unit", unit_id, "", old[0] if old else None, None, "delete")


def fill_from_plan(store: Store, plan_id: int, *, exclude: str = "") -> list[Unit]:
    """Add every body the plan names as lead or cooperating (not collective phrases, not the officer's own body)
    as a unit of the plan's year; the units added."""
    plan = store.load_plan(plan_id, tasks=False)
    year = plan.document.year
    if not year:
        raise UserError("Kế hoạch chưa có năm; không lập được danh sách đơn vị.")
    known = {u.key for u in units(store, year)} | ({unit_key(exclude)} if exclude else set())
    added: list[Unit] = []
    names = [r[0] for r in store.conn.execute(
        "select b.name from bodies b join task_bodies tb on tb.body_id = b.id join tasks t on t.id = tb.task_id "
        "where t.plan_id = ? group by b.id order by min(t.position)", [plan_id])]
    with store.transaction():
        for name in names:
            if _collective(name) or unit_key(name) in known:
                continue
            unit = Unit(name)
            save_unit(store, year, unit)
            known.add(unit.key)
            added.append(unit)
    return added


def unit_tasks(store: Store, plan_id: int, unit_name: str) -> list[tuple[Task, str]]:
    """The plan's tasks the unit leads or cooperates on, with its role ("Chủ trì" / "Phối hợp"), in plan order."""
    from kstthc_desktop.domain import Concern
    from kstthc_desktop.concern import concern_for

    out = []
    for task in store.tasks(plan_id):
        concern = concern_for(task, unit_name)
        if concern in (Concern.LEAD, Concern.COOPERATE):
            out.append((task, "Chủ trì" if concern == Concern.LEAD else "Phối hợp"))
    return out
