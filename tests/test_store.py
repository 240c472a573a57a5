"""The Store: how plans, tasks, progress, evidence, settings and history are kept in one SQLite file.

Read top to bottom, these tests are the store's manual.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kstthc_desktop.domain import (
    Concern,
    Deadline,
    DeadlineKind,
    Evidence,
    Plan,
    ProgressEntry,
    Section,
    Settings,
    Task,
)
from kstthc_desktop.errors import UserError
from kstthc_desktop.store import Store

PLANS = Path(__file__).parent / "fixtures" / "plans"


class FixedClock:
    """A clock the test moves by hand: history timestamps become predictable."""

    def __init__(self, start=datetime(2025, 3, 10, 8, 30)):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def tick(self, **kw) -> None:
        self.now += timedelta(**kw)


@pytest.fixture
def clock():
    return FixedClock()


@pytest.fixture
def store(tmp_path, clock):
    with Store.open(tmp_path / "kstthc.sqlite3", clock=clock, backup_dir=tmp_path / "backups") as opened:
        yield opened


def real_plan(name="vinh-long-2024") -> Plan:
    return Plan.from_json(json.loads((PLANS / f"{name}.json").read_text(encoding="utf-8")))


def small_plan() -> Plan:
    return Plan(
        source="kh.docx",
        sections=[Section("I", "Công tác chỉ đạo")],
        tasks=[
            Task(section="I", stt="1", content="Ban hành kế hoạch", lead="Văn phòng UBND tỉnh",
                 cooperate="Các sở, ban, ngành tỉnh; UBND cấp huyện", deadline_text="Tháng 01/2025",
                 deadline=Deadline(DeadlineKind.DATED, date(2025, 1, 31))),
            Task(section="I", stt="2", content="Báo cáo quý", lead="Sở Nội vụ", deadline_text="Hàng quý",
                 deadline=Deadline(DeadlineKind.PERIODIC, every={"quarter": 19})),
        ],
    )


# --- opening -------------------------------------------------------------------------------------------------


def test_a_new_database_is_one_file_in_wal_mode_with_foreign_keys(store, tmp_path):
    assert store.path == tmp_path / "kstthc.sqlite3" and store.path.exists()
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.files_dir == tmp_path / "kstthc-files"


def test_create_false_refuses_a_missing_file(tmp_path):
    with pytest.raises(UserError, match="Không tìm thấy"):
        Store.open(tmp_path / "none.sqlite3", create=False)
    assert not (tmp_path / "none.sqlite3").exists()


# --- plans ---------------------------------------------------------------------------------------------------


def test_a_real_plan_round_trips_with_every_task_field(store):
    plan = real_plan()
    plan_id = store.save_plan(plan)
    loaded = store.load_plan(plan_id)
    assert loaded.id == plan_id and loaded.document == plan.document
    assert [s.code for s in loaded.sections] == [s.code for s in plan.sections]
    assert [t.to_json() for t in loaded.tasks] == [t.to_json() for t in plan.tasks]
    assert all(t.id and t.plan_id == plan_id for t in loaded.tasks)
    outline = store.load_plan(plan_id, tasks=False)  # what the window reads: the tasks come with their statuses
    assert outline.document == plan.document and [s.code for s in outline.sections] == [s.code for s in plan.sections]
    assert outline.tasks == []


def test_plans_lists_documents_without_tasks_and_finds_a_year(store):
    first = store.save_plan(real_plan("soc-trang-2022"))
    second = store.save_plan(real_plan("vinh-long-2024"))
    assert [p.id for p in store.plans()] == [second, first]  # newest year first
    assert store.plans()[0].tasks == []
    assert store.plan_id_for_year(2024) == second and store.plan_id_for_year(1999) is None


def test_delete_plan_removes_everything_under_it_but_history_remembers(store):
    plan_id = store.save_plan(small_plan())
    task_id = store.tasks(plan_id)[0].id
    store.add_progress(ProgressEntry(task_id, date(2025, 1, 20), "Đã ban hành", "due", True))
    store.delete_plan(plan_id)
    assert store.plans() == [] and store.progress() == []
    assert store.history("plan", plan_id)[-1].action == "delete"
    assert store.history("progress")[-1].action == "delete"


def test_replace_sections_keeps_the_given_order(store):
    plan_id = store.save_plan(small_plan())
    store.replace_sections(plan_id, [Section("II", "Rà soát"), Section("I", "Chỉ đạo")])
    assert [s.code for s in store.load_plan(plan_id).sections] == ["II", "I"]


# --- tasks and bodies ----------------------------------------------------------------------------------------


def test_update_task_changes_fields_and_records_each_change(store, clock):
    plan_id = store.save_plan(small_plan())
    task = store.tasks(plan_id)[0]
    clock.tick(days=1)
    store.update_task(task.id, assignee="Đ/c Trần Thế Vũ", concern=Concern.LEAD,
                      deadline=Deadline(DeadlineKind.DATED, date(2025, 2, 28)))
    changed = store.task(task.id)
    assert changed.assignee == "Đ/c Trần Thế Vũ" and changed.concern is Concern.LEAD
    assert changed.deadline.due == date(2025, 2, 28)
    updates = {h.field: h for h in store.history("task", task.id) if h.action == "update"}
    assert updates["assignee"].old == "" and updates["assignee"].new == "Đ/c Trần Thế Vũ"
    assert updates["deadline_due"].old == "2025-01-31" and updates["deadline_due"].new == "2025-02-28"
    assert updates["assignee"].at == datetime(2025, 3, 11, 8, 30)


def test_withdrawn_tasks_stay_in_the_plan(store):
    plan_id = store.save_plan(small_plan())
    task = store.tasks(plan_id)[1]
    store.update_task(task.id, withdrawn=True)
    assert [t.withdrawn for t in store.load_plan(plan_id).tasks] == [False, True]


def test_insert_task_appends_at_the_end(store):
    plan_id = store.save_plan(small_plan())
    new_id = store.insert_task(plan_id, Task(section="I", stt="3", content="Nhiệm vụ bổ sung"))
    assert store.tasks(plan_id)[-1].id == new_id


def test_bodies_are_named_once_with_their_role_on_each_task(store):
    plan_id = store.save_plan(small_plan())
    first = store.tasks(plan_id)[0]
    assert store.task_bodies(first.id) == [
        ("Văn phòng UBND tỉnh", "lead"), ("Các sở, ban, ngành tỉnh", "cooperate"), ("UBND cấp huyện", "cooperate"),
    ]
    store.insert_task(plan_id, Task(content="Khác", lead="VĂN PHÒNG UBND TỈNH"))  # same body, other spelling
    names = [name for _, name in store.bodies()]
    assert len(names) == len({n.casefold() for n in names}) == 4


def test_a_task_needs_content(store):
    plan_id = store.save_plan(small_plan())
    before = store.tasks(plan_id)
    with pytest.raises(UserError, match="Nội dung nhiệm vụ"):
        store.insert_task(plan_id, Task(content="   "))
    with pytest.raises(UserError):
        store.update_task(before[0].id, content="")
    assert store.tasks(plan_id) == before


# --- events, progress, evidence -------------------------------------------------------------------------------


def test_on_demand_events_are_logged_per_task(store):
    plan_id = store.save_plan(small_plan())
    task_id = store.tasks(plan_id)[0].id
    event_id = store.add_event(task_id, date(2025, 4, 2), "Có văn bản yêu cầu")
    (event,) = store.events(plan_id=plan_id)
    assert event == (event_id, task_id, date(2025, 4, 2), "Có văn bản yêu cầu")
    assert event.event_date == date(2025, 4, 2)


def test_progress_is_added_updated_and_deleted_with_history(store):
    plan_id = store.save_plan(small_plan())
    task_id = store.tasks(plan_id)[1].id
    entry = ProgressEntry(task_id, date(2025, 3, 12), "Đã gửi báo cáo quý I", "2025-Q1", True)
    entry_id = store.add_progress(entry)
    assert store.progress(task_id=task_id) == [entry]
    entry.text = "Đã gửi báo cáo quý I (Báo cáo số 15/BC-SNV)"
    store.update_progress(entry)
    assert store.progress(plan_id=plan_id)[0].text.endswith("15/BC-SNV)")
    store.delete_progress(entry_id)
    assert store.progress() == []
    assert [h.action for h in store.history("progress", entry_id)] == ["insert", "update", "delete"]


@pytest.mark.parametrize(
    "change, message",
    [
        ({"text": "  "}, "Nội dung kết quả"),
        ({"entry_date": "31/02/2025"}, "Ngày thực hiện"),
        ({"occurrence_key": ""}, "kỳ"),
        ({"task_id": 999}, "Không tìm thấy nhiệm vụ"),
    ],
)
def test_bad_progress_is_refused_and_nothing_changes(store, change, message):
    plan_id = store.save_plan(small_plan())
    task_id = store.tasks(plan_id)[0].id
    fields = {"task_id": task_id, "entry_date": date(2025, 1, 2), "text": "x", "occurrence_key": "due", **change}
    history_before = len(store.history())
    with pytest.raises(UserError, match=message):
        store.add_progress(ProgressEntry(**fields))
    assert store.progress() == [] and len(store.history()) == history_before


def test_evidence_files_are_copied_under_their_sha256(store, tmp_path):
    plan_id = store.save_plan(small_plan())
    task_id = store.tasks(plan_id)[0].id
    scan = tmp_path / "Kế hoạch số 12 (bản ký).pdf"
    scan.write_bytes(b"%PDF-1.4 scanned")
    ev = Evidence(task_id, "12/KH-UBND", date(2025, 1, 25), issuer="UBND tỉnh", summary="Kế hoạch KSTTHC")
    store.add_evidence(ev, scan)
    stored = store.evidence_path(ev)
    assert stored.read_bytes() == scan.read_bytes()
    assert stored.parent.parent == store.files_dir and stored.name == ev.file_sha256
    assert store.evidence(task_id=task_id)[0].file_name == "Kế hoạch số 12 (bản ký).pdf"


def test_the_same_file_attached_twice_is_stored_once(store, tmp_path):
    plan_id = store.save_plan(small_plan())
    task_id = store.tasks(plan_id)[0].id
    scan = tmp_path / "a.pdf"
    scan.write_bytes(b"same")
    a, b = Evidence(task_id, "1/BC-X", None), Evidence(task_id, "2/BC-X", None)
    store.add_evidence(a, scan)
    store.add_evidence(b, scan)
    assert store.evidence_path(a) == store.evidence_path(b)
    assert store.orphan_files() == []


def test_a_stored_name_never_escapes_the_managed_folder(store):
    sneaky = Evidence(1, "1/BC", None, file_sha256="../../../etc/passwd")
    assert store.evidence_path(sneaky) is None


def test_deleted_evidence_leaves_an_orphan_file_that_can_be_cleaned(store, tmp_path):
    plan_id = store.save_plan(small_plan())
    task_id = store.tasks(plan_id)[0].id
    scan = tmp_path / "a.pdf"
    scan.write_bytes(b"x")
    ev = Evidence(task_id, "1/BC-X", None)
    store.add_evidence(ev, scan)
    path = store.evidence_path(ev)
    store.delete_evidence(ev.id)
    assert store.orphan_files() == [path]
    assert store.remove_orphans() == 1 and not path.exists()


def test_cleaning_keeps_files_an_automatic_backup_still_needs(store, tmp_path):
    from kstthc_desktop.store.backup import backup_before

    plan_id = store.save_plan(small_plan())
    task_id = store.tasks(plan_id)[0].id
    scan = tmp_path / "a.pdf"
    scan.write_bytes(b"needed by the backup")
    ev = Evidence(task_id, "1/BC-X", None)
    store.add_evidence(ev, scan)
    backup_before(store, "truoc-nhap", datetime(2025, 3, 10, 9))
    path = store.evidence_path(ev)
    store.delete_evidence(ev.id)
    assert store.orphan_files() == [path]
    assert store.remove_orphans() == 0 and path.exists()


def test_evidence_without_a_number_is_refused(store):
    plan_id = store.save_plan(small_plan())
    with pytest.raises(UserError, match="Số và ký hiệu"):
        store.add_evidence(Evidence(store.tasks(plan_id)[0].id, "  ", None))


def test_the_same_document_twice_on_a_task_is_refused(store):
    """A slip of the hand (another case, a space) would cite one document twice; another task may cite it too."""
    tasks = store.tasks(store.save_plan(small_plan()))
    first = store.add_evidence(Evidence(tasks[0].id, "17/KH-VPUBND", date(2024, 1, 5)))
    count = len(store.evidence(task_id=tasks[0].id))
    with pytest.raises(UserError, match="17/KH-VPUBND đã có"):
        store.add_evidence(Evidence(tasks[0].id, "17/kh-vpubnd ", date(2024, 1, 5)))
    assert len(store.evidence(task_id=tasks[0].id)) == count
    store.add_evidence(Evidence(tasks[1].id, "17/KH-VPUBND", date(2024, 1, 5)))  # another task: fine
    second = store.add_evidence(Evidence(tasks[0].id, "18/KH-VPUBND", date(2024, 1, 6)))
    again = next(e for e in store.evidence(task_id=tasks[0].id) if e.id == second)
    again.number = "17/KH-VPUBND"
    with pytest.raises(UserError):
        store.update_evidence(again)
    mine = next(e for e in store.evidence(task_id=tasks[0].id) if e.id == first)
    mine.summary = "sửa trích yếu"
    store.update_evidence(mine)  # its own number is not a duplicate


def test_update_evidence_records_each_changed_field(store):
    plan_id = store.save_plan(small_plan())
    ev = Evidence(store.tasks(plan_id)[0].id, "1/BC-X", date(2025, 1, 2))
    store.add_evidence(ev)
    ev.summary = "Báo cáo tháng 1"
    store.update_evidence(ev)
    assert store.evidence()[0].summary == "Báo cáo tháng 1"
    assert store.history("evidence", ev.id)[-1].field == "summary"


# --- transactions ---------------------------------------------------------------------------------------------


def test_one_user_action_is_one_transaction(store):
    """Writes inside ``store.transaction()`` join it: a failure anywhere undoes them all."""
    plan_id = store.save_plan(small_plan())
    task_id = store.tasks(plan_id)[0].id
    with pytest.raises(UserError):
        with store.transaction():
            store.add_progress(ProgressEntry(task_id, date(2025, 1, 2), "một", "due"))
            store.add_progress(ProgressEntry(task_id, date(2025, 1, 3), "", "due"))  # refused
    assert store.progress() == []


def test_a_caught_inner_failure_does_not_undo_the_outer_work(store):
    plan_id = store.save_plan(small_plan())
    task_id = store.tasks(plan_id)[0].id
    with store.transaction():
        store.add_progress(ProgressEntry(task_id, date(2025, 1, 2), "một", "due"))
        with pytest.raises(UserError):
            store.add_evidence(Evidence(task_id, "", None))
    assert len(store.progress()) == 1


def test_a_database_error_mid_write_leaves_the_database_unchanged(store, monkeypatch):
    plan_id = store.save_plan(small_plan())
    task_id = store.tasks(plan_id)[0].id
    history_before = len(store.history())

    def disk_full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store, "_history", disk_full)
    with pytest.raises(UserError, match="ổ đĩa đầy"):
        store.add_progress(ProgressEntry(task_id, date(2025, 1, 2), "một", "due"))
    monkeypatch.undo()
    assert store.progress() == [] and len(store.history()) == history_before


# --- settings and reports -------------------------------------------------------------------------------------


def test_settings_round_trip_and_record_history(store):
    assert store.settings() == Settings()
    settings = Settings(body_name="SỞ NỘI VỤ", report_deadlines={"quarter": 19}, due_soon_days=5)
    store.save_settings(settings)
    assert store.settings() == settings
    assert {h.field for h in store.history("setting")} >= {"body_name", "report_deadlines", "due_soon_days"}


def test_a_damaged_setting_falls_back_to_its_default_with_a_warning(store):
    store.save_settings(Settings(body_name="SỞ NỘI VỤ", due_soon_days=3))
    with store.db.atomic():
        store.conn.execute("update settings set value = '{not json' where key = 'body_name'")
        store.conn.execute("update settings set value = '\"ba\"' where key = 'due_soon_days'")
    settings = store.settings()
    assert settings.body_name == "" and settings.due_soon_days == 7
    assert any("body_name" in w for w in store.warnings)


def test_report_texts_and_produced_reports_are_kept_per_period(store):
    plan_id = store.save_plan(small_plan())
    store.save_report_texts(plan_id, "2025-Q1", {"assessment": "Hoàn thành tốt", "next": "Tiếp tục"})
    assert store.report_texts(plan_id, "2025-Q1") == {"assessment": "Hoàn thành tốt", "next": "Tiếp tục"}
    assert store.report_texts(plan_id, "2025-Q2") == {}
    store.record_report(plan_id, "2025-Q1", "/tmp/bc.pdf", "ab" * 32, datetime(2025, 3, 14, 9))
    assert [r["period_key"] for r in store.reports(plan_id)] == ["2025-Q1"]


def test_text_is_stored_in_nfc(store):
    import unicodedata

    plan_id = store.save_plan(small_plan())
    task_id = store.tasks(plan_id)[0].id
    store.add_progress(ProgressEntry(task_id, date(2025, 1, 2), unicodedata.normalize("NFD", "Đã hoàn thành"), "due"))
    assert store.progress()[0].text == "Đã hoàn thành"
