"""``kstthc task move`` and ``kstthc section move``: the window's moves from the command line (issue 14 item 9)."""

from __future__ import annotations

import pytest

import two_level_plan as layout
from kstthc_desktop.cli import main
from kstthc_desktop.importers import extract
from kstthc_desktop.store import Store
from kstthc_desktop.tracking import printed_section_codes, shown_stt


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "kstthc.sqlite3"
    with Store.open(path) as store:
        store.save_plan(extract(layout.write_xlsx(tmp_path / "plan.xlsx")))
    return path


def _table(db) -> list[str]:
    with Store.open(db) as store:
        plan = store.load_plan(store.plans()[0].id)
    codes = printed_section_codes(plan.sections)
    return [f"{shown_stt(t, codes)} {t.content.split()[0]}" for t in plan.tasks]


def _run(db, *words: str) -> int:
    return main([*words[:2], "--db", str(db), "--year", "2024", *words[2:]])


def test_a_task_moves_down_and_to_another_section_by_the_numbers_the_table_shows(db, capsys):
    assert _run(db, "task", "move", "--task", "1.I.1", "--down") == 0
    assert "nay là số 1.I.2" in capsys.readouterr().out
    assert _table(db)[:2] == ["1.I.1 Kiện", "1.I.2 Ban"]
    assert _run(db, "task", "move", "--task", "1.I.2", "--to-section", "2.II", "--keep-numbers") == 0
    assert _table(db)[-1] == "2.II.2 Ban"  # its own number kept, as asked
    assert _run(db, "task", "move", "--task", "1.I.1", "--up") == 1
    assert "đã ở đầu mục" in capsys.readouterr().err


def test_a_section_moves_up_and_out_of_its_group(db, capsys):
    assert _run(db, "section", "move", "--section", "2", "--up") == 0
    assert _table(db)[0] == "2.I.1 Rà"
    assert _run(db, "section", "move", "--section", "1.II", "--out") == 0
    with Store.open(db) as store:
        assert next(s for s in store.load_plan(store.plans()[0].id).sections if s.code == "1.II").parent is None
    assert _run(db, "section", "move", "--section", "9.IX", "--down") == 1
    assert "không có mục số «9.IX»" in capsys.readouterr().err
