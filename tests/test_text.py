"""Vietnamese text helpers: the dictionary order the task table sorts by."""

from __future__ import annotations

from kstthc_desktop.text import vi_sort_key


def test_vietnamese_order_puts_each_marked_letter_after_its_base_letter():
    alphabet = "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y".split()
    assert sorted(reversed(alphabet), key=vi_sort_key) == alphabet
    assert sorted(["Xây dựng", "Tổ chức", "Đề xuất", "Rà soát", "Dự thảo", "Ban hành"], key=vi_sort_key) == [
        "Ban hành", "Dự thảo", "Đề xuất", "Rà soát", "Tổ chức", "Xây dựng"]
    assert sorted(["ăn", "az", "b", "an"], key=vi_sort_key) == ["an", "az", "ăn", "b"]  # ă after every "a…"


def test_case_and_tones_only_break_ties():
    assert vi_sort_key("ĐỀ XUẤT")[:2] == vi_sort_key("đề xuất")[:2]
    assert sorted(["mạ", "mã", "mả", "má", "mà", "ma"], key=vi_sort_key) == ["ma", "mà", "má", "mả", "mã", "mạ"]
    assert sorted(["mà ma", "ma mà", "mà mb"], key=vi_sort_key) == ["ma mà", "mà ma", "mà mb"]  # letters first
    assert vi_sort_key("Rà  soát") == vi_sort_key("Ra\u0300 soa\u0301t")  # NFD and stray spaces
