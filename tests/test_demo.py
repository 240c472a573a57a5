"""The demo database: a real plan with progress and evidence so that every status shows on the demo's "today"."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from kstthc_desktop.demo import build_demo_db
from kstthc_desktop.status import Status
from kstthc_desktop.store import Store
from kstthc_desktop.tracking import dashboard, dashboard_for, default_period, task_rows

DEMO_TODAY = date(2024, 12, 13)


def _open(tmp_path, today):
    build_demo_db(tmp_path / "demo.sqlite3", today)
    return Store.open(tmp_path / "demo.sqlite3")


def test_every_status_shows_in_the_demo_period(tmp_path):
    with _open(tmp_path, DEMO_TODAY) as store:
        (plan,) = store.plans()
        assert plan.document.year == 2024 and "VĨNH LONG" in plan.document.title
        period = default_period(2024, DEMO_TODAY)
        rows = task_rows(store, plan.id, period, DEMO_TODAY)
        counts = Counter(r.status for r in rows)
        assert set(counts) == set(Status), counts
        data = dashboard(rows, period, DEMO_TODAY, store.load_plan(plan.id).sections)
        assert data.due_7 and data.due_30 and data.overdue and data.no_progress and data.on_demand
        assert dashboard_for(store, plan.id, period, DEMO_TODAY).counts == data.counts


def test_the_demo_has_evidence_with_files_and_the_officers_settings(tmp_path):
    with _open(tmp_path, DEMO_TODAY) as store:
        (plan,) = store.plans()
        evidence = store.evidence(plan_id=plan.id)
        assert len(evidence) >= 5
        assert any(store.evidence_path(ev) for ev in evidence)
        assert all("/" in ev.number for ev in evidence)
        assert store.settings().my_body == "Văn phòng UBND tỉnh"


@pytest.mark.parametrize("today", [date(2024, 3, 20), date(2024, 7, 1), date(2025, 2, 1)])
def test_another_today_gives_a_consistent_demo(tmp_path, today):
    with _open(tmp_path, today) as store:
        (plan,) = store.plans()
        entries = store.progress(plan_id=plan.id)
        assert entries and all(e.entry_date < today for e in entries)
        period = default_period(2024, today)
        rows = task_rows(store, plan.id, period, today)
        assert {Status.HAS_PROGRESS, Status.NO_PROGRESS, Status.WITHDRAWN} <= {r.status for r in rows}


def test_a_fresh_demo_copy_comes_from_a_template_built_once(tmp_path):
    from kstthc_desktop.demo import fresh_demo_copy

    cache = tmp_path / "cache"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = fresh_demo_copy(tmp_path / "a", DEMO_TODAY, cache)
    second = fresh_demo_copy(tmp_path / "b", DEMO_TODAY, cache)
    assert len([p for p in cache.iterdir() if p.is_dir()]) == 1
    with Store.open(first) as a, Store.open(second) as b:
        ev = a.evidence()
        assert ev and all(a.evidence_path(e) for e in ev if e.file_sha256)
        a.update_task(a.tasks(a.plans()[0].id)[0].id, assignee="Người khác")  # copies are independent
        assert b.tasks(b.plans()[0].id)[0].assignee == "Đ/c Trần Thế Vũ"


def test_the_demo_starts_and_copies_its_files_where_no_source_file_is_shipped(tmp_path, monkeypatch):
    """A PyInstaller bundle ships compiled modules only: the demo's cache key must not read demo.py itself."""
    from kstthc_desktop import demo

    monkeypatch.setattr(demo, "__file__", str(tmp_path / "not-shipped" / "demo.py"))
    cache = tmp_path / "cache"
    (tmp_path / "run").mkdir()
    db = demo.fresh_demo_copy(tmp_path / "run", DEMO_TODAY, cache, files_later=True)
    demo.copy_demo_files(db, DEMO_TODAY, cache)  # the job after the window's first paint
    with Store.open(db) as store:
        with_files = [e for e in store.evidence() if e.file_sha256]
        assert with_files and all(store.evidence_path(e) for e in with_files)
