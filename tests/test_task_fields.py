"""A task's fields are declared once (kstthc_desktop.task_fields) and the model, the store and the labels agree."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from kstthc_desktop.domain import Concern, Deadline, DeadlineKind, Plan, Task
from kstthc_desktop.store import Store
from kstthc_desktop.task_fields import (
    FIELDS_BY_NAME,
    PLAN_FIELDS,
    PRINTED_FIELDS,
    ROLES,
    TASK_FIELDS,
    field_label,
)


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "kstthc.sqlite3") as s:
        yield s


def test_every_task_attribute_is_declared_once():
    names = [f.name for f in TASK_FIELDS]
    assert len(names) == len(set(names))
    kept_elsewhere = {"id", "plan_id", "source_sheet"}  # the row's identity; an import warning's sheet (not stored)
    assert set(names) == {f.name for f in dataclasses.fields(Task)} - kept_elsewhere


def test_every_store_column_of_a_task_is_declared(store):
    columns = {row[1] for row in store.conn.execute("pragma table_info(tasks)")}
    declared = {c for f in TASK_FIELDS for c in f.store_columns}
    assert declared <= columns
    assert columns - declared == {"id", "plan_id", "position"}


def test_the_plan_json_keys_are_field_names():
    task = Task(content="Rà soát", concern=Concern.LEAD, extra={"Ghi chú thêm": "x"}, source_row=7)
    assert set(task.to_json()) <= set(FIELDS_BY_NAME)
    assert set(PRINTED_FIELDS) <= set(task.to_json())


def test_roles_and_what_a_reimport_may_change():
    assert ROLES == ("stt", "content", "result", "lead", "cooperate", "deadline", "note")
    assert "assignee" not in PLAN_FIELDS and "withdrawn" not in PLAN_FIELDS  # the officer's own work is kept
    assert set(PRINTED_FIELDS) < set(PLAN_FIELDS)


def test_a_stored_column_is_named_by_its_field():
    assert field_label("deadline_due") == field_label("deadline") == "Cách hiểu thời hạn"
    assert field_label("deadline_text") == "Thời hạn"
    assert field_label("unknown_column") == "unknown_column"


@pytest.mark.gui
def test_the_import_wizard_offers_every_role_under_its_printed_heading(qtbot):
    from kstthc_desktop.gui.import_wizard import ROLE_LABELS

    assert list(ROLE_LABELS)[:-1] == list(ROLES) and ROLE_LABELS[None].startswith("Không dùng")
    assert ROLE_LABELS["deadline"] == "Thời gian thực hiện" and ROLE_LABELS["lead"] == "Cơ quan chủ trì"


@pytest.mark.gui
def test_the_history_names_a_changed_deadline_in_words(qtbot, store):
    """Changing how a deadline is read stores several columns; the history said "deadline_kind", "deadline_due"."""
    from kstthc_desktop.gui.task_panel import TaskPanel
    from kstthc_desktop.periods import parse_period
    from kstthc_desktop.tracking import task_rows

    plan = Plan(tasks=[Task(stt="1", content="Rà soát thủ tục", deadline_text="Quý III",
                            deadline=Deadline(DeadlineKind.DATED, due=date(2025, 9, 30)))])
    plan.document.year = 2025
    plan_id = store.save_plan(plan)
    task_id = store.tasks(plan_id)[0].id
    store.update_task(task_id, deadline=Deadline(DeadlineKind.PERIODIC, every={"quarter": None}), assignee="Chị Lan")

    panel = TaskPanel(store, date(2025, 1, 6))
    qtbot.addWidget(panel)
    panel.show_task(task_rows(store, plan_id, parse_period("2025-Q1"), date(2025, 1, 6))[0])
    shown = [panel.history_list.topLevelItem(i).text(1) for i in range(panel.history_list.topLevelItemCount())]
    assert "Sửa nhiệm vụ: Cách hiểu thời hạn" in shown
    assert "Sửa nhiệm vụ: Người được giao" in shown
    assert not [line for line in shown if "deadline_" in line or "_" in line.partition(":")[2]]


def test_the_store_reads_every_declared_column_of_a_task():
    from kstthc_desktop.store.store import _TASK_COLUMNS

    declared = [c for f in TASK_FIELDS for c in f.store_columns]
    assert sorted(_TASK_COLUMNS) == sorted([*declared, "id", "plan_id"])


def test_a_task_whose_every_field_differs_reads_back_the_same(store):
    """The store passes a task's fields by position: one out of place would put a text in another's place."""
    from kstthc_desktop.domain import PlanDocument

    task = Task(section="I", stt="2", sub=1, content="nội dung", result="kết quả", lead="chủ trì",
                cooperate="phối hợp", deadline_text="Quý III/2025", note="ghi chú",
                deadline=Deadline(DeadlineKind.DATED, due=date(2025, 9, 30)), ambiguous=True, why="lý do",
                assignee="người được giao", concern=Concern.COOPERATE, withdrawn=True, extra={"Cột lạ": "giá trị"},
                source_row=17)
    plan_id = store.save_plan(Plan(document=PlanDocument(title="Kế hoạch", year=2025), tasks=[task]))
    read = store.tasks(plan_id)[0]
    assert read == dataclasses.replace(task, id=read.id, plan_id=plan_id)
    assert store.task(read.id) == read
