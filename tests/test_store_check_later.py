"""``Store.open(check_later=True)``: the window opens the officer's database without SQLite's quick_check of the
whole file (it grows with the file) and runs ``store.check()`` just after its first paint. What may not change:
a damaged file is still found (by ``check``), and nothing is written to a file nobody has checked."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from damaged_databases import damage_history, demo_db

from kstthc_desktop.store import DamagedDatabase, Store


def test_a_sound_database_opened_unchecked_passes_its_check(tmp_path):
    path = demo_db(tmp_path)
    with Store.open(path, check_later=True) as store:
        assert store.unchecked
        assert store.check() == []
        assert not store.unchecked


def test_damage_the_first_page_never_reads_is_found_by_the_check(tmp_path):
    path = demo_db(tmp_path)
    damage_history(path)
    with pytest.raises(DamagedDatabase):  # every other opening checks at once, as before
        Store.open(path)
    with Store.open(path, check_later=True) as store:
        plan_id = store.plans()[0].id
        assert len(store.tasks(plan_id)) == 40  # what the window shows first is read
        problems = store.check()
        assert problems and store.unchecked


def test_opening_that_writes_checks_first_and_changes_nothing(tmp_path):
    """A first start after an update notes the program's version in the file: a damaged file is refused before."""
    path = demo_db(tmp_path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("update meta set value = '0.0.1' where key = 'program_version'")
    conn.close()
    damaged = damage_history(path)
    with pytest.raises(DamagedDatabase):
        Store.open(path, check_later=True)
    assert path.read_bytes() == damaged


def test_a_write_before_the_check_checks_first_and_changes_nothing(tmp_path):
    path = demo_db(tmp_path)
    with Store.open(path, check_later=True) as sound:  # a sound file: the write checks it, then goes through
        sound.add_event(sound.tasks(sound.plans()[0].id)[0].id, date(2024, 12, 1), "Phát sinh")
        assert not sound.unchecked
    damaged = damage_history(path)
    with Store.open(path, check_later=True) as store:
        task = store.tasks(store.plans()[0].id)[0]
        with pytest.raises(DamagedDatabase):
            store.add_event(task.id, date(2024, 12, 2), "Phát sinh")
    assert path.read_bytes() == damaged
