"""Schema migrations: a database made by the first schema opens in this program with its data intact.

``fixtures/db/schema-1.db`` was made by ``fixtures/db/make_schema1.py`` with only the first migration
and is committed, standing for an officer's file from the first release.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from kstthc_desktop.domain import DeadlineKind, ProgressEntry
from kstthc_desktop.store import NewerDatabase, Store
from kstthc_desktop.store.schema import KNOWN_MIGRATIONS, SCHEMA_VERSION

FIRST_SCHEMA = Path(__file__).parent / "fixtures" / "db" / "schema-1.db"


@pytest.fixture
def old_db(tmp_path) -> Path:
    target = tmp_path / "old.sqlite3"
    shutil.copyfile(FIRST_SCHEMA, target)
    return target


def test_the_fixture_really_is_the_first_schema():
    conn = sqlite3.connect(FIRST_SCHEMA)
    names = [r[0] for r in conn.execute("select name from _sqlite_migrations order by id")]
    conn.close()
    assert names == KNOWN_MIGRATIONS[:1] and SCHEMA_VERSION > 1


def test_a_first_schema_database_upgrades_with_its_data_intact(old_db, tmp_path):
    with Store.open(old_db, backup_dir=tmp_path / "backups", clock=lambda: datetime(2025, 1, 1, 9)) as store:
        assert store.schema_version() == SCHEMA_VERSION
        (plan,) = store.plans()
        assert plan.document.year == 2024 and plan.document.issuer == "UBND tỉnh Vĩnh Long"
        loaded = store.load_plan(plan.id)
        assert [s.code for s in loaded.sections] == ["I"]
        first, second = loaded.tasks
        assert first.assignee == "Đ/c Trần Thế Vũ" and first.deadline.due == date(2024, 1, 31)
        assert second.deadline.kind is DeadlineKind.PERIODIC and second.deadline.every == {"quarter": 19}
        assert [p.occurrence_key for p in store.progress(plan_id=plan.id)] == ["due", "2024-Q1"]
        assert store.evidence()[0].number == "12/KH-UBND"
        assert store.history("task", 1)[0].new == "Đ/c Trần Thế Vũ"
        assert store.settings().body_name == "SỞ NỘI VỤ" and store.settings().due_soon_days == 10
        assert store.task_bodies(1)[0] == ("Văn phòng UBND tỉnh", "lead")
        # and the upgraded database takes new work
        store.add_progress(ProgressEntry(second.id, date(2025, 1, 2), "Báo cáo quý IV", "2024-Q4", True))


def test_the_old_file_is_backed_up_before_it_is_migrated(old_db, tmp_path):
    original = old_db.read_bytes()
    Store.open(old_db, backup_dir=tmp_path / "backups", clock=lambda: datetime(2025, 1, 1, 9)).close()
    (backup,) = (tmp_path / "backups").glob("*.sqlite3")
    conn = sqlite3.connect(backup)
    assert [r[0] for r in conn.execute("select name from _sqlite_migrations")] == KNOWN_MIGRATIONS[:1]
    assert conn.execute("select count(*) from tasks").fetchone()[0] == 2
    conn.close()
    assert len(original) > 0


def test_a_database_from_a_newer_program_is_refused_untouched(old_db, tmp_path):
    conn = sqlite3.connect(old_db)
    conn.execute(
        "insert into _sqlite_migrations(migration_set, name, applied_at) values ('kstthc', 'm999_future', 'x')"
    )
    conn.commit()
    conn.close()
    before = old_db.read_bytes()
    with pytest.raises(NewerDatabase, match="phiên bản mới hơn"):
        Store.open(old_db, backup_dir=tmp_path / "backups")
    assert old_db.read_bytes() == before
    assert not (tmp_path / "backups").exists()
