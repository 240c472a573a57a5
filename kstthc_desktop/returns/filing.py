"""Taking a unit's return into the database: checked against the plan and period, stored in one transaction.

The figures go under the unit and period (a corrected return replaces them; the old ones stay, marked replaced);
the task results wait for the officer (``pending_results``) and become progress entries only when accepted.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kstthc_desktop.errors import UserError
from kstthc_desktop.store.identity import ID_KEY
from kstthc_desktop.periods import parse_period
from kstthc_desktop.returns.reader import ReturnReading, read_return

if TYPE_CHECKING:
    from kstthc_desktop.store.store import Store


@dataclass
class Received:
    reading: ReturnReading
    return_id: int
    replaced: bool


def check_belongs(store: Store, reading: ReturnReading, period_key: str | None = None) -> None:
    """Refuse a return made for another database, plan or period than the one it is brought to."""
    meta = reading.meta
    own_id = store.meta(ID_KEY) or ""
    if meta.database_id and own_id and meta.database_id != own_id:
        raise UserError(f"Báo cáo của {meta.unit} được lập từ một cơ sở dữ liệu khác; không nhận vào đây.")
    rows = store._query("select year, issuer from plans where id = ?", [meta.plan_id])
    if not rows or rows[0]["year"] != meta.plan_year or (rows[0]["issuer"] or "") != meta.plan_issuer:
        raise UserError(f"Báo cáo của {meta.unit} thuộc kế hoạch năm {meta.plan_year} "
                        f"{('của ' + meta.plan_issuer) if meta.plan_issuer else ''} không có trong cơ sở dữ liệu này."
                        .replace("  ", " "))
    if period_key and parse_period(period_key).key != meta.period_key:
        raise UserError(f"Báo cáo của {meta.unit} là của kỳ {parse_period(meta.period_key).label}, không phải kỳ "
                        f"{parse_period(period_key).label} đang chọn.")


def receive_return(store: Store, path: Path, *, period_key: str | None = None, received: date) -> Received:
    """Read, check and store a unit's return (one transaction; nothing is written when anything refuses)."""
    reading = read_return(path)
    return store_return(store, reading, path, period_key=period_key, received=received)


def store_return(store: Store, reading: ReturnReading, path: Path, *, period_key: str | None = None,
                 received: date) -> Received:
    from kstthc_desktop.store.figures import save_figures, unit_key

    check_belongs(store, reading, period_key)
    meta = reading.meta
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with store.transaction():
        old = [r[0] for r in store.conn.execute(
            "select id from returns where period_key = ? and unit_key = ? and plan_id = ? and replaced_by is null",
            [meta.period_key, unit_key(meta.unit), meta.plan_id])]
        return_id = store._insert("returns", {
            "unit": meta.unit, "unit_key": unit_key(meta.unit), "period_key": meta.period_key,
            "plan_id": meta.plan_id, "source": path.name, "sha256": digest, "received_at": received.isoformat()})
        for old_id in old:
            store.conn.execute("update returns set replaced_by = ? where id = ?", [return_id, old_id])
        store.conn.executemany(
            "insert into return_results (return_id, task_id, text, doc_number, doc_date, done) values (?, ?, ?, ?, ?, ?)",
            [(return_id, r.task_id, r.text, r.doc_number, r.doc_date.isoformat() if r.doc_date else None, int(r.done))
             for r in reading.results])
        if reading.figures is not None:
            save_figures(store, reading.figures, meta.period_key, source=path.name, origin="return")
        store._history("return", return_id, "", old[0] if old else None, f"{meta.unit} {meta.period_key}",
                       "replace" if old else "insert")
    return Received(reading, return_id, bool(old))


@dataclass
class PendingResult:
    id: int
    unit: str
    task_id: int
    text: str
    doc_number: str
    doc_date: date | None
    done: bool


def pending_results(store: Store, period_key: str, task_id: int | None = None) -> list[PendingResult]:
    """Results from the units' current returns for ``period_key`` that the officer has not accepted yet."""
    sql = ("select rr.*, r.unit from return_results rr join returns r on r.id = rr.return_id "
           "where r.period_key = ? and r.replaced_by is null and rr.progress_id is null")
    params: list[Any] = [period_key]
    if task_id is not None:
        sql += " and rr.task_id = ?"
        params.append(task_id)
    return [PendingResult(r["id"], r["unit"], r["task_id"], r["text"] or "", r["doc_number"] or "",
                          date.fromisoformat(r["doc_date"]) if r["doc_date"] else None, bool(r["done"]))
            for r in store._query(sql + " order by rr.task_id, r.id", params)]


def accept_result(store: Store, result_id: int, *, today: date, text: str | None = None) -> int:
    """Make a unit's result a progress entry of the task (the officer may reword it first): "Đã rà soát 5 TTHC
    (Sở Tư pháp)." — the unit named after the result, so the report's sentence reads naturally; its id."""
    from kstthc_desktop.domain import ProgressEntry
    from kstthc_desktop.returns.occurrence import occurrence_for

    rows = store._query("select rr.*, r.unit, r.period_key from return_results rr join returns r on r.id = rr.return_id "
                        "where rr.id = ?", [result_id])
    if not rows:
        raise UserError("Không tìm thấy kết quả này của đơn vị.")
    row = rows[0]
    if row["progress_id"] is not None:
        raise UserError("Kết quả này đã được nhận trước đó.")
    when = date.fromisoformat(row["doc_date"]) if row["doc_date"] else min(today, parse_period(row["period_key"]).window_end)
    body = (text if text is not None else row["text"]).strip() or f"Văn bản số {row['doc_number']}"
    entry = ProgressEntry(row["task_id"], when, f"{body.rstrip('.')} ({row['unit']}).",
                          occurrence_for(store, row["task_id"], parse_period(row["period_key"]), when), bool(row["done"]))
    with store.transaction():
        progress_id = store.add_progress(entry)
        if row["doc_number"]:
            from kstthc_desktop.domain import Evidence

            store.add_evidence(Evidence(row["task_id"], row["doc_number"], when if row["doc_date"] else None,
                                        issuer=row["unit"], progress_id=progress_id))
        store.conn.execute("update return_results set progress_id = ? where id = ?", [progress_id, result_id])
        store._history("return_result", result_id, "progress_id", None, progress_id, "update")  # undone with it
    return progress_id
