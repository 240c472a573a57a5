"""Golden tests: each real plan, from each form it arrives in, reads as its hand-made expectation
(docs/plan-json.md)."""

from __future__ import annotations

import json

import pytest

from conftest import PLAN_NAMES, PLANS
from kstthc_desktop.importers import extract
from kstthc_desktop.importers.compare import compare_plans

# Measures a form cannot reach, with the reason (none at present: every plan reads exactly from every form).
KNOWN_SHORT: dict[tuple[str, str], dict[str, float]] = {}


@pytest.mark.parametrize("form", ["docx", "xlsx", "txt"])
@pytest.mark.parametrize("name", PLAN_NAMES)
def test_plan_reads_as_expected(name, form):
    expected = json.loads((PLANS / f"{name}.json").read_text(encoding="utf-8"))
    plan = extract(PLANS / f"{name}.{form}")
    score = compare_plans(plan, expected)
    floors = {"paired": 1.0, "no_extras": 1.0, "fields": 1.0, "deadlines": 1.0}
    floors.update(KNOWN_SHORT.get((name, form), {}))
    for measure, value in score.measures().items():
        assert value >= floors[measure], f"{name}.{form}: {measure} = {value:.3f}\n{score}"


@pytest.mark.parametrize("name", PLAN_NAMES)
def test_sections_and_document(name):
    expected = json.loads((PLANS / f"{name}.json").read_text(encoding="utf-8"))
    for form in ("docx", "xlsx", "txt"):
        plan = extract(PLANS / f"{name}.{form}")
        got = [(s.code, s.title) for s in plan.sections]
        assert got == [(s["code"], s["title"]) for s in expected["sections"]], form
        assert plan.header == expected["header"], form
        assert plan.document.year == expected["document"]["year"], form
        assert plan.document.issuer == expected["document"]["issuer"], form
        assert plan.document.level == expected["document"]["level"], form
        if form == "txt" or expected["document"]["level"] == "province":
            assert plan.document.province == expected["document"]["province"], form
        assert plan.document.title.casefold() == expected["document"]["title"].casefold(), form


def test_compare_reports_what_is_short():
    expected = json.loads((PLANS / "dong-nai-so-noi-vu-2022.json").read_text(encoding="utf-8"))
    actual = json.loads(json.dumps(expected))
    actual["tasks"][0]["lead"] = "Sở khác"
    actual["tasks"][1]["deadline"]["kind"] = "continuous"
    del actual["tasks"][2]
    actual["tasks"].append(dict(actual["tasks"][3], content="Một nhiệm vụ bịa ra hoàn toàn khác hẳn", result="X"))
    score = compare_plans(actual, expected)
    n = len(expected["tasks"])
    assert score.paired == pytest.approx((n - 1) / n)
    assert score.no_extras == pytest.approx((n - 1) / n)
    assert score.fields < 1.0 and score.deadlines < 1.0
    assert any("lead" in p for p in score.problems)
    assert any("not found" in p for p in score.problems) and any("extra" in p for p in score.problems)
    # whitespace, case and trailing punctuation do not count; "1." and "1" are the same number
    actual = json.loads(json.dumps(expected))
    actual["tasks"][0]["content"] = "  " + expected["tasks"][0]["content"].upper() + " ;"
    actual["tasks"][0]["stt"] += "."
    assert compare_plans(actual, expected).weakest == 1.0
