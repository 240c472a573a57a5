"""Issue 14 item 11: "my body" in a department's own plan, where the leads are its office and divisions."""

from __future__ import annotations

from datetime import date

import pytest

import two_level_plan as layout
from kstthc_desktop.domain import Concern, Settings
from kstthc_desktop.importers import extract
from kstthc_desktop.concern import concern_for, is_own_plan, mark_concern
from kstthc_desktop.periods import Period
from kstthc_desktop.store import Store
from kstthc_desktop.tracking import task_rows


@pytest.fixture
def own_plan(tmp_path):
    """The Sở Xây dựng's own plan: every lead is "Văn phòng Sở" or one of its divisions, never the Sở."""
    return extract(layout.write_xlsx(tmp_path / "plan.xlsx"))


def test_the_body_s_own_plan_concerns_it_in_every_task(own_plan):
    assert not [t for t in own_plan.tasks if concern_for(t, "Sở Xây dựng") != Concern.NONE]  # the names never match
    assert is_own_plan(own_plan, "Sở Xây dựng")
    mark_concern(own_plan, "Sở Xây dựng")
    assert {t.concern for t in own_plan.tasks} == {Concern.LEAD}


def test_another_body_s_plan_is_not_ours(own_plan):
    assert not is_own_plan(own_plan, "Sở Tư pháp")
    mark_concern(own_plan, "Sở Tư pháp")
    assert {t.concern for t in own_plan.tasks} == {Concern.NONE}


def test_the_officer_s_aliases_mean_us_in_any_plan(own_plan):
    own_plan.document.issuer = "Ủy ban nhân dân tỉnh Sóc Trăng"  # a province's plan naming our office
    mark_concern(own_plan, "Sở Xây dựng", ["Phòng Quản lý xây dựng"])
    led = [t.content for t in own_plan.tasks if t.concern == Concern.LEAD]
    assert led == ["Đánh giá tác động của thủ tục hành chính trong dự thảo văn bản quy phạm pháp luật."]


def test_setting_the_body_after_import_finds_every_task_of_its_own_plan(tmp_path, own_plan):
    with Store.open(tmp_path / "db.sqlite3") as store:
        plan_id = store.save_plan(own_plan)  # imported with no body named: concern unknown
        store.save_settings(Settings(body_name="SỞ XÂY DỰNG", my_body="Sở Xây dựng"))
        rows = task_rows(store, plan_id, Period("year", 2024), date(2024, 6, 16))
        assert len(rows) == 8 and all(r.mine for r in rows)


def test_aliases_find_our_tasks_in_a_plan_imported_without_a_body(tmp_path, own_plan):
    own_plan.document.issuer = "Ủy ban nhân dân tỉnh Sóc Trăng"
    with Store.open(tmp_path / "db.sqlite3") as store:
        plan_id = store.save_plan(own_plan)
        store.save_settings(Settings(body_name="SỞ XÂY DỰNG", my_body="Sở Xây dựng", my_aliases=["Văn phòng Sở"]))
        rows = task_rows(store, plan_id, Period("year", 2024), date(2024, 6, 16))
        assert sum(r.mine for r in rows) == 8  # every task names "Văn phòng Sở" as lead or cooperating
        store.save_settings(Settings(body_name="SỞ XÂY DỰNG", my_body="Sở Xây dựng", my_aliases=[]))
        assert not any(r.mine for r in task_rows(store, plan_id, Period("year", 2024), date(2024, 6, 16)))
