"""The deadline reader: every deadline printed in the three real plans, plus variants people really type."""

from __future__ import annotations

import json
import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kstthc_desktop.deadlines import read_deadline
from kstthc_desktop.domain import Deadline, DeadlineKind
from kstthc_desktop.text import fold

from conftest import PLAN_NAMES, PLANS


def _fixture_rows():
    rows = []
    for name in PLAN_NAMES:
        plan = json.loads((PLANS / f"{name}.json").read_text(encoding="utf-8"))
        year = plan["document"]["year"]
        for task in plan["tasks"]:
            if task["ambiguous"]:
                continue
            rows.append(pytest.param(task["deadline_text"], year, task["deadline"], id=f"{name}:{task['stt']}.{task['sub']}"))
    return rows


@pytest.mark.parametrize("text, year, expected", _fixture_rows())
def test_every_deadline_of_the_real_plans_reads_as_expected(text, year, expected):
    got = read_deadline(text, year).to_json()
    assert got["kind"] == expected["kind"]
    assert got["due"] == expected["due"]
    assert set(got["every"]) == set(expected["every"])


def test_the_ambiguous_rows_of_the_real_plans_read_as_expected_too():
    misses = []
    for name in PLAN_NAMES:
        plan = json.loads((PLANS / f"{name}.json").read_text(encoding="utf-8"))
        for task in plan["tasks"]:
            got = read_deadline(task["deadline_text"], plan["document"]["year"]).to_json()
            exp = task["deadline"]
            if (got["kind"], got["due"], set(got["every"])) != (exp["kind"], exp["due"], set(exp["every"])):
                misses.append(task["deadline_text"])
    assert not misses


D, P, C, O, U = "dated", "periodic", "continuous", "on_demand", "unspecified"

# (text, plan year, kind, due, every, within_days); every None = don't care about days, only keys given as a set
CASES = [
    # continuous
    ("Thường xuyên", 2024, C, None, {}, None),
    ("Thường xuyên.", 2024, C, None, {}, None),
    ("THƯỜNG XUYÊN", 2024, C, None, {}, None),
    ("thuong xuyen", 2024, C, None, {}, None),
    ("Thường xuyên và đột xuất khi có yêu cầu", 2024, C, None, {}, None),
    ("Thường xuyên, liên tục", 2024, C, None, {}, None),
    ("Liên tục", 2024, C, None, {}, None),
    ("Hằng ngày", 2024, C, None, {}, None),
    ("Thường xuyên, định kỳ báo cáo hằng quý", 2024, C, None, {}, None),
    ("- Thường xuyên;", 2024, C, None, {}, None),
    # periodic
    ("Hàng quý", 2024, P, None, {"quarter": None}, None),
    ("Hằng quý", 2024, P, None, {"quarter": None}, None),
    ("Hằng quí", 2024, P, None, {"quarter": None}, None),
    ("hang quy", 2024, P, None, {"quarter": None}, None),
    ("Hàng tháng", 2024, P, None, {"month": None}, None),
    ("Hằng năm", 2024, P, None, {"year": None}, None),
    ("Hàng năm", 2024, P, None, {"year": None}, None),
    ("Hàng quý, năm", 2022, P, None, {"quarter": None, "year": None}, None),
    ("Hang quy, nam", 2022, P, None, {"quarter": None, "year": None}, None),
    ("Định kỳ hàng quý và năm hoặc đột xuất.", 2022, P, None, {"quarter": None, "year": None}, None),
    ("Định kỳ", 2024, P, None, {}, None),
    ("Định kỳ và đột xuất khi có yêu cầu", 2024, P, None, {}, None),
    ("Định kỳ 6 tháng", 2024, P, None, {"halfyear": None}, None),
    ("Định kỳ 06 tháng", 2024, P, None, {"halfyear": None}, None),
    ("Định kỳ 6 tháng, năm", 2024, P, None, {"halfyear": None, "year": None}, None),
    ("Định kỳ hằng quý, 6 tháng, năm", 2024, P, None, {"quarter": None, "halfyear": None, "year": None}, None),
    ("Hằng tháng, quý, năm", 2024, P, None, {"month": None, "quarter": None, "year": None}, None),
    ("Báo cáo quý, 6 tháng, năm", 2024, P, None, {"quarter": None, "halfyear": None, "year": None}, None),
    ("Quý, năm", 2024, P, None, {"quarter": None, "year": None}, None),
    ("6 tháng/lần", 2024, P, None, {"halfyear": None}, None),
    ("06 tháng 01 lần", 2024, P, None, {"halfyear": None}, None),
    ("3 tháng/lần", 2024, P, None, {"quarter": None}, None),
    ("1 lần/quý", 2024, P, None, {"quarter": None}, None),
    ("01 lần/năm", 2024, P, None, {"year": None}, None),
    ("2 lần/năm", 2024, P, None, {"halfyear": None}, None),
    ("Mỗi quý một lần", 2024, P, None, {"quarter": None}, None),
    ("Ngày 05 hàng tháng", 2024, P, None, {"month": 5}, None),
    ("Ngày 20 hằng tháng", 2024, P, None, {"month": 20}, None),
    ("Hằng tháng (trước ngày 22)", 2024, P, None, {"month": 22}, None),
    ("Định kỳ hằng tháng (trước ngày 20)", 2024, P, None, {"month": 20}, None),
    ("trước ngày 19 của tháng cuối quý", 2024, P, None, {"quarter": 19}, None),
    ("Trước ngày 19 tháng cuối quý", 2024, P, None, {"quarter": 19}, None),
    ("Chậm nhất trước ngày 25 tháng cuối quý", 2024, P, None, {"quarter": 25}, None),
    ("Hàng quý (trước ngày 15 tháng cuối quý)", 2024, P, None, {"quarter": 15}, None),
    ("Hằng năm, trước ngày 15/12", 2024, P, None, {"year": 15}, None),
    ("Hàng quý (trước ngày 19 tháng cuối quý), hàng năm (trước ngày 19/12)", 2024, P, None, {"quarter": 19, "year": 19}, None),
    ("Báo cáo định kỳ quý trước ngày 15 của tháng cuối quý; năm trước ngày 15/12", 2024, P, None, {"quarter": 15, "year": 15}, None),
    ("Định kỳ hằng quý (trước ngày 19 của tháng cuối quý) và hằng năm (trước ngày 19 tháng 12)", 2024, P, None, {"quarter": 19, "year": 19}, None),
    ("Ngày 10 hàng tháng và khi có yêu cầu", 2024, P, None, {"month": 10}, None),
    ("Hàng tuần", 2024, P, None, {}, None),
    ("Quý I hằng năm", 2024, P, None, {"year": None}, None),
    # dated
    ("15/02/2023", 2023, D, date(2023, 2, 15), {}, None),
    ("15/2/2023", 2023, D, date(2023, 2, 15), {}, None),
    ("Trước ngày 31/01/2025", 2025, D, date(2025, 1, 31), {}, None),
    ("Truoc ngay 31/1/2025", 2025, D, date(2025, 1, 31), {}, None),
    ("Trước 30/6/2024", 2024, D, date(2024, 6, 30), {}, None),
    ("Trước 15/12", 2024, D, date(2024, 12, 15), {}, None),
    ("Chậm nhất ngày 20/12/2024", 2024, D, date(2024, 12, 20), {}, None),
    ("Ngày 15.02.2024", 2024, D, date(2024, 2, 15), {}, None),
    ("31/12/24", 2024, D, date(2024, 12, 31), {}, None),
    ("Ngày 31 tháng 12 năm 2024", 2024, D, date(2024, 12, 31), {}, None),
    ("Trước ngày 15 tháng 3", 2025, D, date(2025, 3, 15), {}, None),
    ("Tháng 12/2023", 2024, D, date(2023, 12, 31), {}, None),
    ("Tháng 6/2024", 2024, D, date(2024, 6, 30), {}, None),
    ("Tháng 02/2024", 2024, D, date(2024, 2, 29), {}, None),
    ("Tháng 12 năm 2024", 2024, D, date(2024, 12, 31), {}, None),
    ("Trong tháng 3", 2024, D, date(2024, 3, 31), {}, None),
    ("Tháng 01 - 3/2024", 2024, D, date(2024, 3, 31), {}, None),
    ("Tháng 6 - 7/2024", 2024, D, date(2024, 7, 31), {}, None),
    ("Từ tháng 3 đến tháng 6/2024", 2024, D, date(2024, 6, 30), {}, None),
    ("Từ 01/3 đến 30/6/2024", 2024, D, date(2024, 6, 30), {}, None),
    ("06/2024", 2024, D, date(2024, 6, 30), {}, None),
    ("Cuối tháng 6/2024", 2024, D, date(2024, 6, 30), {}, None),
    ("Giữa tháng 6", 2024, D, date(2024, 6, 15), {}, None),
    ("Đầu tháng 7/2024", 2024, D, date(2024, 7, 1), {}, None),
    ("Quý III", 2024, D, date(2024, 9, 30), {}, None),
    ("Quý III/2022", 2022, D, date(2022, 9, 30), {}, None),
    ("Quý 3/2024", 2024, D, date(2024, 9, 30), {}, None),
    ("QUÝ IV/2024", 2024, D, date(2024, 12, 31), {}, None),
    ("Quý 4 năm 2024", 2024, D, date(2024, 12, 31), {}, None),
    ("Quí I/2024", 2024, D, date(2024, 3, 31), {}, None),
    ("quy iii/2024", 2024, D, date(2024, 9, 30), {}, None),
    ("Q2/2024", 2024, D, date(2024, 6, 30), {}, None),
    ("Quý II - 2024", 2024, D, date(2024, 6, 30), {}, None),
    ("  Quý   III / 2024 . ", 2024, D, date(2024, 9, 30), {}, None),
    ("Trong quý I, quý II/2022.", 2022, D, date(2022, 6, 30), {}, None),
    ("Quí I, II/2024", 2024, D, date(2024, 6, 30), {}, None),
    ("Trong quý I - quý II năm 2024", 2024, D, date(2024, 6, 30), {}, None),
    ("Quý I/2024 và Quý III/2024", 2024, D, date(2024, 9, 30), {}, None),
    ("Quý IV/2024 - Quý I/2025", 2024, D, date(2025, 3, 31), {}, None),
    ("6 tháng đầu năm", 2024, D, date(2024, 6, 30), {}, None),
    ("6 tháng cuối năm", 2024, D, date(2024, 12, 31), {}, None),
    ("06 tháng đầu năm 2025", 2024, D, date(2025, 6, 30), {}, None),
    ("Báo cáo 6 tháng đầu năm 2024", 2024, D, date(2024, 6, 30), {}, None),
    ("9 tháng đầu năm", 2024, D, date(2024, 9, 30), {}, None),
    ("Giữa năm", 2024, D, date(2024, 6, 30), {}, None),
    ("Cuối năm", 2024, D, date(2024, 12, 31), {}, None),
    ("Cuối năm 2025", 2024, D, date(2025, 12, 31), {}, None),
    ("Đầu năm 2024", 2024, D, date(2024, 1, 1), {}, None),
    ("Năm 2024", 2024, D, date(2024, 12, 31), {}, None),
    ("Năm 2023", 2024, D, date(2023, 12, 31), {}, None),
    ("Trong năm 2022.", 2022, D, date(2022, 12, 31), {}, None),
    ("Trong năm", 2024, D, date(2024, 12, 31), {}, None),
    ("Trong năm kế hoạch", 2024, D, date(2024, 12, 31), {}, None),
    ("Đến hết năm 2024", 2024, D, date(2024, 12, 31), {}, None),
    ("Năm 2023-2025", 2024, D, date(2025, 12, 31), {}, None),
    ("Giai đoạn 2021 - 2025", 2024, D, date(2025, 12, 31), {}, None),
    ("2024", 2024, D, date(2024, 12, 31), {}, None),
    ("Tháng 11/2024 (Kế hoạch năm 2025)", 2024, D, date(2024, 11, 30), {}, None),
    ("Kế hoạch kiểm soát, Kế hoạch rà soát ban hành trước ngày 31/01/2022.", 2022, D, date(2022, 1, 31), {}, None),
    ("Hoàn thành trong Quý II/2024; báo cáo kết quả trước 30/6", 2024, D, date(2024, 6, 30), {}, None),
    ("Theo Kế hoạch, Quý II/2024", 2024, D, date(2024, 6, 30), {}, None),
    ("Trong thời hạn 30 ngày kể từ ngày 01/3/2024", 2024, D, date(2024, 3, 31), {}, None),
    # on demand
    ("Khi có phát sinh", 2024, O, None, {}, None),
    ("Khi co phat sinh", 2024, O, None, {}, None),
    ("Theo yêu cầu", 2024, O, None, {}, None),
    ("Đột xuất", 2024, O, None, {}, None),
    ("Đột xuất theo yêu cầu của Văn phòng Chính phủ", 2024, O, None, {}, None),
    ("Theo lộ trình và hướng dẫn của Văn phòng Chính phủ.", 2022, O, None, {}, None),
    ("Theo lộ trình tại Quyết định số 2236/QĐ-UBND ngày 01/11/2022 của Chủ tịch UBND tỉnh", 2024, O, None, {}, None),
    ("Theo Thư mời của Cục Kiểm soát thủ tục hành chính.", 2022, O, None, {}, None),
    ("Theo Kế hoạch và hướng dẫn của tỉnh", 2022, O, None, {}, None),
    ("Theo Kế hoạch năm 2024 của UBND tỉnh", 2024, O, None, {}, None),
    ("Theo quy định", 2024, O, None, {}, None),
    ("Theo Nghị định 09/2019/NĐ-CP", 2024, O, None, {}, None),
    ("Thực hiện theo lộ trình quy định", 2024, O, None, {}, None),
    ("Thực hiện theo hướng dẫn của Bộ Nội vụ", 2024, O, None, {}, None),
    ("Khi ban hành văn bản QPPL có quy định TTHC", 2024, O, None, {}, None),
    ("Sau khi Bộ công bố", 2024, O, None, {}, None),
    ("Trước khi tổ chức hội nghị", 2024, O, None, {}, None),
    ("Trong thời gian 10 ngày kể từ ngày tiếp nhận", 2024, O, None, {}, 10),
    ("Trong thoi gian 10 ngay ke tu ngay tiep nhan", 2024, O, None, {}, 10),
    ("Trong vòng 03 ngày làm việc", 2024, O, None, {}, 3),
    ("Khi có yêu cầu, chậm nhất 05 ngày làm việc", 2024, O, None, {}, 5),
    ("Sau 15 ngày kể từ khi kết thúc đợt kiểm tra", 2024, O, None, {}, 15),
    # more real phrasings
    ("T6/2024", 2024, D, date(2024, 6, 30), {}, None),
    ("QIII/2024", 2024, D, date(2024, 9, 30), {}, None),
    ("Quý III.2024", 2024, D, date(2024, 9, 30), {}, None),
    ("Tháng 5, 6/2024", 2024, D, date(2024, 6, 30), {}, None),
    ("Từ tháng 02 - 5/2024", 2024, D, date(2024, 5, 31), {}, None),
    ("Hoàn thành trước ngày 30 tháng 6 năm 2024", 2024, D, date(2024, 6, 30), {}, None),
    ("Quý I/2022 (trước ngày 15/3/2022)", 2022, D, date(2022, 3, 15), {}, None),
    ("Trong năm 2024, trước 30/11", 2024, D, date(2024, 11, 30), {}, None),
    ("Tháng 6/2024 (trước ngày 20/6)", 2024, D, date(2024, 6, 20), {}, None),
    ("Ngày 30/6/2024 và 31/12/2024", 2024, D, date(2024, 12, 31), {}, None),
    ("Quý I, II, III, IV", 2024, P, None, {"quarter": None}, None),
    ("Ngày 20/12 hằng năm", 2024, P, None, {"year": 20}, None),
    ("Định kỳ 03 tháng", 2024, P, None, {"quarter": None}, None),
    ("Trước ngày 10 của tháng đầu quý sau", 2024, P, None, {"quarter": None}, None),
    ("Báo cáo định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12)", 2024, P, None, {"halfyear": 15, "year": 15}, None),
    ("Định kỳ hằng quý, 6 tháng, năm theo quy định", 2024, P, None, {"quarter": None, "halfyear": None, "year": None}, None),
    ("Căn cứ hướng dẫn của Bộ", 2024, O, None, {}, None),
    ("Theo quy định tại Thông tư số 01/2020/TT-VPCP", 2024, O, None, {}, None),
    ("Chậm nhất 05 ngày làm việc kể từ ngày nhận được Quyết định công bố", 2024, O, None, {}, 5),
    ("2 tháng kể từ ngày ban hành", 2024, O, None, {}, 60),
    ("Trước ngày 20/01 năm sau", 2024, D, date(2025, 1, 20), {}, None),
    ("Tháng 3 năm sau", 2024, D, date(2025, 3, 31), {}, None),
    ("Trong năm sau", 2024, D, date(2025, 12, 31), {}, None),
    ("Tháng VI/2024", 2024, D, date(2024, 6, 30), {}, None),
    ("Trước ngày 10 của tháng sau", 2024, P, None, {"month": None}, None),
    ("Đúng thời hạn quy định", 2024, O, None, {}, None),
    # unspecified
    ("", 2024, U, None, {}, None),
    ("-", 2024, U, None, {}, None),
    ("  ", 2024, U, None, {}, None),
    ("…", 2024, U, None, {}, None),
    ("x", 2024, U, None, {}, None),
    ("Báo cáo kết quả kiểm tra", 2024, U, None, {}, None),
    ("Đang thực hiện", 2024, U, None, {}, None),
    ("Quyết định số 15/QĐ-UBND", 2024, U, None, {}, None),
]


def test_own_cases_cover_each_kind_and_are_many():
    assert len(CASES) >= 80
    assert {c[2] for c in CASES} == {C, P, D, O, U}


@pytest.mark.parametrize("text, year, kind, due, every, within", CASES, ids=[c[0][:40] or "empty" for c in CASES])
def test_reading(text, year, kind, due, every, within):
    got = read_deadline(text, year)
    assert got.kind.value == kind
    assert got.due == due
    assert got.every == every
    assert got.within_days == within


def _variants(text: str) -> list[str]:
    """How the same words arrive: decomposed Unicode, capitals, no diacritics, stray spaces and punctuation."""
    return [
        unicodedata.normalize("NFD", text),
        text.upper(),
        text.lower(),
        fold(text),
        "  " + text.replace(" ", "   ") + " ;",
        "- " + text + ".",
        "(" + text + ")",
        "Thời gian thực hiện: " + text,
        text + " (dự kiến)",
        "+ " + text + "./.",
    ]


@pytest.mark.parametrize("text, year, kind, due, every, within", [c for c in CASES if c[0].strip()], ids=[c[0][:40] for c in CASES if c[0].strip()])
def test_reading_survives_how_people_type(text, year, kind, due, every, within):
    expected = read_deadline(text, year)
    for variant in _variants(text):
        assert read_deadline(variant, year) == expected, variant


def test_missing_year_is_the_plan_year_and_no_year_at_all_gives_no_due():
    assert read_deadline("Quý II", 2030).due == date(2030, 6, 30)
    assert read_deadline("Quý II", None) == Deadline(DeadlineKind.DATED)
    assert read_deadline("Quý II/2026", None).due == date(2026, 6, 30)


def test_a_leap_day_and_an_impossible_day_are_kept_inside_the_month():
    assert read_deadline("Tháng 2", 2028).due == date(2028, 2, 29)
    assert read_deadline("31/6/2024", 2024).due == date(2024, 6, 30)


@settings(max_examples=300, deadline=None)
@given(st.text(), st.one_of(st.none(), st.integers(min_value=-5, max_value=10_000)))
def test_the_reader_never_raises(text, year):
    result = read_deadline(text, year)
    assert isinstance(result, Deadline)
    result.to_json()


_WORDS = ["Quý", "III", "/", "2024", "hàng", "tháng", "năm", "ngày", "31", "12", "trước", "khi", "đột xuất", "Thường",
          "xuyên", "6", "đầu", "cuối", "-", ",", "đến", "kể từ", "theo", "Định kỳ", "lần", "quí", "IV", "05", "02"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=12), st.integers(min_value=1990, max_value=2100))
def test_deadline_like_word_salad_never_raises_and_is_consistent(words, year):
    result = read_deadline(" ".join(words), year)
    data = result.to_json()
    assert (data["due"] is not None) <= (result.kind == DeadlineKind.DATED)
    assert bool(data["every"]) <= (result.kind == DeadlineKind.PERIODIC)
    assert (result.within_days is not None) <= (result.kind == DeadlineKind.ON_DEMAND)


@pytest.mark.parametrize("unit", ["bao cao ", "hang quy , ", "thang 1 - ", "quy i, ", "1/", "ngay 1 thang 2 ", "khi "])
def test_a_whole_pasted_page_is_read_quickly(unit):
    import time

    start = time.perf_counter()
    read_deadline(unit * 3000, 2024)
    assert time.perf_counter() - start < 2.0
