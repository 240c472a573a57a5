"""The department's plan drafted from Vĩnh Long's 2024 plan as a Word KẾ HOẠCH, read back by ``kstthc import``
to the drafted tasks; its pages through LibreOffice."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from kstthc_desktop.cli import main
from kstthc_desktop.importers.compare import compare_plans

PLAN = Path(__file__).parent / "fixtures" / "plans" / "vinh-long-2024.docx"


@pytest.fixture
def drafted(tmp_path, capsys):
    db = tmp_path / "k.sqlite3"
    assert main(["import", str(PLAN), "--db", str(db)]) == 0
    out = tmp_path / "kh.docx"
    args = ["plan", "draft", "--db", str(db), "--from-plan", "1", "--for", "Sở Tư pháp", "--today", "2024-01-10"]
    capsys.readouterr()
    assert main([*args, "--json", "--dry-run"]) == 0
    expected = json.loads(capsys.readouterr().out)
    assert main([*args, "--out", str(out)]) == 0
    capsys.readouterr()
    return db, out, expected


def test_the_word_plan_reads_back_as_the_drafted_plan(drafted, capsys):
    _db, out, expected = drafted
    assert main(["import", str(out), "--dry-run", "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    score = compare_plans(got, expected)
    assert score.weakest >= 0.97, str(score)
    assert got["document"]["issuer"] == "Sở Tư pháp" and got["document"]["year"] == 2024
    assert len(expected["tasks"]) == 35


def test_the_drafted_plan_is_saved_and_linked(drafted):
    from kstthc_desktop.store import Store

    db, _out, expected = drafted
    with Store.open(db) as store:
        own = [p for p in store.plans() if p.document.issuer == "Sở Tư pháp"]
        assert len(own) == 1
        tasks = store.tasks(own[0].id)
        assert len(tasks) == len(expected["tasks"])
        assert all(store.linked_tasks(t.id) for t in tasks)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_word_plan_opens_in_libreoffice_as_an_a4_plan_with_a_landscape_appendix(drafted, tmp_path):
    from pypdf import PdfReader

    _db, out, _expected = drafted
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180)
    pages = PdfReader(str(tmp_path / "kh.pdf")).pages
    first, last = pages[0], pages[-1]
    assert round(float(first.mediabox.width) / 72 * 25.4) == 210 and round(float(first.mediabox.height) / 72 * 25.4) == 297
    assert float(last.mediabox.width) > float(last.mediabox.height)  # the appendix is landscape
    text = " ".join(first.extract_text().split())
    assert "KẾ HOẠCH" in text and "I. MỤC ĐÍCH, YÊU CẦU" in text and "SỞ TƯ PHÁP" in text
    appendix = " ".join(" ".join(p.extract_text().split()) for p in pages[2:])
    assert "PHỤ LỤC" in appendix and "Văn phòng Sở" in appendix
