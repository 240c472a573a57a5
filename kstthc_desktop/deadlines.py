"""Read the printed deadline of a plan task ("Hằng quý", "Quý III/2024", "Khi có phát sinh") into a ``Deadline``.

Officers type deadlines in many ways, so the reader works on a folded key (``text.fold``: NFC, lower case, no
diacritics, đ→d, spaces folded; "quí" → "quy") and looks for *signals* of each kind. It never raises: anything it
cannot read is ``unspecified``, for the officer to decide. The rules, in the order they are applied:

1. Empty text, "-", "…" or text with no letter or digit → **unspecified**.
2. Citations are removed first, so their dates are not read as deadlines: "Quyết định số 2236/QĐ-UBND ngày
   01/11/2022", "Nghị định 09/2019/NĐ-CP", "Công văn ngày 5/3/2024 của …".
   So are a column label typed into the cell ("Thời gian thực hiện: …", "Hoàn thành: …") and "(dự kiến)".
   Only the first 1,000 characters are read (a deadline cell is a few lines; this bounds the work on a paste).
3. Kinds, strongest first (the strongest kind with a signal wins):
   - **continuous**: "thường xuyên", "liên tục", "hằng ngày", "suốt năm", "xuyên suốt", "trong suốt …"
     ("Cả năm 2024" is dated 31/12 like "Trong năm 2024", docs/domain.md §3; "Hằng quý và cả năm" is
     periodic)
     ("Thường xuyên và đột xuất khi có yêu cầu", "Hằng năm, thường xuyên" are continuous).
   - **periodic**: "định kỳ", "hàng/hằng/mỗi" + a list of frequencies ("Hàng quý, năm", "Định kỳ 6 tháng, năm",
     "hằng quý và năm"), "6 tháng/lần", "1 lần/quý", "2 lần/năm" (half-year), "tháng cuối quý", "theo quý",
     "Báo cáo tháng, quý", "Sơ kết 6 tháng, tổng kết năm", "Hằng quý và cả năm", a cell that is only a
     frequency list ("Quý, năm"; "Ngày" alone is none), every quarter (or month) of a year
     listed ("Quý I, II, III, IV"), a day in the next period ("trước ngày 10 của tháng đầu quý sau" → quarter,
     no day: it is not in the period's last month), "Cuối quý" / "Đầu mỗi tháng" (no number: every one),
     "Các quý trong năm", each quarter's end listed ("Tháng 3, 6, 9, 12", "Trước 15/3, 15/6, 15/9, 15/12",
     "ngày 18 tháng 3, 6, 9, 12" → quarter, with the day). "Định kỳ", "kỳ báo cáo", "theo kỳ" alone: ``{}``.
     Frequencies: month, quarter (also "3 tháng"), halfyear ("6 tháng", "nửa năm"), year ("năm", "12
     tháng"); weeks and 9 months are noted in no frequency. "Định kỳ" alone gives ``every == {}`` (a frequency
     to confirm). The stated due day of a
     frequency is the day in the period's last month: "Ngày 05 hàng tháng" / "Hằng tháng (trước ngày 22)" →
     month; "trước ngày 19 của tháng cuối quý" → quarter; "trước ngày 19 tháng 12" / "15/12" → year (else
     half-year, else quarter when the month ends one); a day with no month goes to every frequency still without one.
     A day whose month ends no period of the frequencies is dropped (the key stays, with None).
     "Hằng năm" with months or quarters that end each half year ("Tháng 6 và tháng 12 hằng năm", "15/6 và
     15/12 hằng năm") → halfyear; each quarter ("Tháng 3, 6, 9, 12 hằng năm") → quarter.
     When the only frequency word names *which report* ("báo cáo / sơ kết / tổng kết" + one frequency) and a
     date, month or quarter with its year is printed, the text is dated: "Trước ngày 10/01/2025 (báo cáo năm)"
     → 10/01/2025, "Báo cáo năm: trước 15/01 năm sau" → 15/01 of the next year (but "Báo cáo năm trước ngày
     15/12", with no year, and "Báo cáo quý, năm: trước ngày 18/12/2024", two frequencies, stay periodic).
   - **dated**: a date ("15/02/2023", "ngày 5 tháng 3 năm 2024", "31/12/24", "Trước 15/12"), a month ("Tháng
     12/2023", "T6/2024", "Tháng 01 - 3/2024", "Từ tháng 3 đến tháng 6/2024", "06/2024"), a quarter ("Quý
     III/2022", "Quý 4 năm 2024", "Q2/2024", "Trong quý I, quý II/2022"), a half year ("6 tháng đầu/cuối
     năm", "nửa đầu năm"),
     "9 tháng đầu năm", a year ("Năm 2023", "Trong năm 2024", "Đến hết năm 2024", "2021-2025", "Trong năm",
     "cả năm" in a longer text), "10 ngày đầu tháng 12" → 10/12, a week of a month ("Tuần đầu tháng 3" → 7/3,
     "tuần thứ 2 tháng 4" → 14/4, "tuần cuối tháng 6" → 30/6), "Trước 20 tháng 12" (a day and a month in
     words after "trước / đến / chậm nhất").
     Civil Code 2015 art. 146: "đầu năm" 1/1, "giữa năm" 30/6, "cuối năm" 31/12; "đầu/giữa/cuối
     tháng" the 1st, 15th, last day. A month, quarter, half or year means its last day. Several dates or a range
     → the latest ("a range ends at its last period"), except that a date inside a named period is the precise
     deadline ("Quý I/2022 (trước ngày 15/3/2022)" → 15/3/2022), and so is a smaller period named inside a
     larger one when the two are not the ends of a range ("Trong năm 2024 (Quý III)" → 30/9, "Quý III/2024
     (tháng 8)" → 31/8; but "Từ Quý II đến hết năm 2024" → 31/12, "6 tháng đầu năm và cả năm" → 31/12). A
     bare year number is dropped beside anything more precise than a whole year ("Tháng 11/2024 (Kế hoạch năm
     2025)" → 30/11/2024, but "Trong năm 2024 và năm 2025" → 31/12/2025); the year of a named plan ("Kế hoạch
     năm 2025") beside anything else. A missing year is the next year printed after it, else the plan's year
     (``year``), else the year printed before it; with none at all ``due`` is None;
     "năm sau" is the plan's year + 1 ("Trước ngày 20/01 năm sau"); "các năm tiếp theo" is not ("Năm 2024
     và các năm tiếp theo" → 31/12/2024: the plan tracks its own year). Months may be Roman after "tháng" ("Tháng
     VI/2024").
     When the text *starts* with an on-demand phrase ("Theo kế hoạch năm 2024 …", "Khi …"), a bare year is
     not enough to make it dated (a date, month or quarter is). "10 ngày kể từ ngày 01/3/2024" → 11/3/2024.
   - **on_demand**: "khi …", "sau khi …", "theo yêu cầu / lộ trình / hướng dẫn / kế hoạch / thư mời / quy định
     / chỉ đạo … của …", a cell starting with "theo", "căn cứ", "kịp thời", "đột xuất", "phát sinh", "kể từ",
     "đúng quy định", "thời điểm …", "đồng thời với …", and any stated span:
     "Trong thời gian 10 ngày kể từ ngày tiếp nhận" → ``within_days == 10`` ("N tháng kể từ" counts 30 days a
     month, "N tuần" 7 days a week). Working days: "05 ngày làm việc" gives ``within_days == 5``, the number
     as printed — docs/plan-json.md has no unit; ``span_in_working_days`` tells the occurrences to count an
     event's due date in working days.
   - otherwise (e.g. "Báo cáo kết quả kiểm tra": words that are no deadline) → **unspecified**.

Where to add a phrasing: ``_read`` runs the stages above in order. A continuous or on-demand word goes into
``_CONTINUOUS`` / ``_ON_DEMAND``; a periodic phrasing is a pattern and a rule in ``_FREQUENCY_RULES``; a date, month,
quarter or year phrasing a pattern and a rule in ``_DATED_RULES``; a span from an event a rule in ``_SPAN_RULES``.
Each rule's docstring names the texts it exists for; the order of each list is the order the rules read in.
"""

from __future__ import annotations

import calendar as _stdcal
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

# span_in_working_days lives in occurrences.py, which counts an event's due date with it: importing this module
# compiles every phrasing's pattern (~25 ms), which the window's start-up does not need.
from kstthc_desktop.occurrences import span_in_working_days
from kstthc_desktop.domain import Deadline, DeadlineKind
from kstthc_desktop.text import fold

log = logging.getLogger(__name__)
_S = TypeVar("_S")

__all__ = ["normalise", "read_deadline", "span_in_working_days"]


def read_deadline(text: str | None, year: int | None = None) -> Deadline:
    """The reading of a printed deadline for a plan of ``year``; never raises (unreadable → unspecified)."""
    try:
        return _read(text if isinstance(text, str) else ("" if text is None else str(text)), year)
    except Exception:  # the reader must never stop an import
        log.exception("deadline reader failed on %r", text)
        return Deadline()


# --------------------------------------------------------------------------------------------------------------
# Normalisation

_MAX_CHARS = 1000
_LABEL = re.compile(
    r"^[\s\-.,;:+()*]*(?:thoi\s*(?:gian|han|diem)(?:\s*(?:thuc\s*hien|hoan\s*thanh|bao\s*cao))?|hoan\s*thanh|han)"
    r"\s*:\s*"
)
_EXPECTED = re.compile(r"\(?\s*\bdu\s*kien\b\s*\)?")
_DASHES = str.maketrans({"–": "-", "—": "-", "−": "-", "‐": "-", "‑": "-", "\\": "/", "…": " ", "＂": " "})


def normalise(text: str) -> str:
    """The folded key the rules match on: lower case, no diacritics, plain punctuation, single spaces."""
    s = fold(text).translate(_DASHES)
    s = re.sub(r"[^a-z0-9/.,;:&+()\-\s]", " ", s)
    s = re.sub(r"\bqui\b", "quy", s)
    s = re.sub(r"\bhan\s+g\b", "hang", s)
    s = re.sub(r"(?<=\d)\s*\.\s*(?=\d)", ".", s)
    return " ".join(s.split())


def _blank(s: str, m: re.Match[str]) -> str:
    """Replace a consumed match by spaces (same length, so positions stay)."""
    return s[: m.start()] + " " * (m.end() - m.start()) + s[m.end() :]


def _consume(rules: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], _S], None]], ...], s: str, state: _S) -> str:
    """Apply ``rules`` in order: each (pattern, rule) reads every match of its pattern into ``state``, and the
    match is blanked, so no later rule reads the same words."""
    for pattern, rule in rules:
        for m in list(pattern.finditer(s)):
            rule(m, state)
            s = _blank(s, m)
    return s


# --------------------------------------------------------------------------------------------------------------
# Citations: "Quyết định số 2236/QĐ-UBND ngày 01/11/2022", "Nghị định 09/2019/NĐ-CP"

_D = r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}"
_DW = r"\d{1,2}\s*thang\s*\d{1,2}\s*nam\s*\d{4}"
_CITE_DATE = rf"(?:\s*,?\s*(?:ban\s*hanh\s*)?ngay\s*(?:{_D}|{_DW}))"
_CITATION = re.compile(rf"\b(?:so\s*:?\s*)?\d+(?:\s*/\s*\d{{2,4}})?\s*/\s*[a-z][a-z0-9.-]*{_CITE_DATE}?")
_DOC_WORDS = (
    r"van\s*ban|cong\s*van|quyet\s*dinh|ke\s*hoach|thong\s*bao|chi\s*thi|nghi\s*quyet|huong\s*dan|thu\s*moi|"
    r"giay\s*moi|to\s*trinh|nghi\s*dinh|thong\s*tu|bao\s*cao|chuong\s*trinh"
)
_DOC_DATE = re.compile(rf"\b(?:{_DOC_WORDS})\s*(?:so\s*\S+\s*)?{_CITE_DATE}")
_DOC_NUMBER = re.compile(  # "Luật số 80/2015/QH13", "Nghị định 09/2019/NĐ-CP"; not "Ngày Pháp luật 9/11/2024"
    rf"\b(?:{_DOC_WORDS}|luat)\s*(?:so\s*\d+(?:/[a-z0-9-]+)*|\d+(?:/\d+)*/[a-z][a-z0-9.-]*(?:/[a-z0-9-]+)*)"
)


# --------------------------------------------------------------------------------------------------------------
# Kind signals

_CONTINUOUS = re.compile(
    r"\bthuong\s*xuyen\b|\blien\s*tuc\b|\b(?:hang|moi)\s*ngay\b|\bsuot\s*(?:ca\s*)?nam\b|\bxuyen\s*suot\b|\btrong\s*suot\b"
)


_ON_DEMAND = re.compile(
    r"\bkhi\b|\bdot\s*xuat\b|\bphat\s*sinh\b|\blo\s*trinh\b|\bke\s*tu\b|\btinh\s*tu\s*ngay\b|\bneu\s*co\b|"
    r"\bthu\s*moi\b|\bgiay\s*moi\b|\b(?:moi|tung|sau|theo)\s*dot\b|\bcan\s*cu\b|\bdung\s*(?:theo\s*)?quy\s*dinh\b|\bthoi\s*diem\b|\bdong\s*thoi\b|\bthoi\s*(?:gian|han)\s*(?:theo\s*)?quy\s*dinh\b|\bkip\s*thoi\b|\btuy\s*(?:theo|tinh\s*hinh)\b|\bco\s*yeu\s*cau\b|\bcan\s*thiet\b|"
    r"\btheo\s*(?:yeu\s*cau|huong\s*dan|ke\s*hoach|chi\s*dao|quy\s*dinh|van\s*ban|de\s*nghi|tien\s*do|"
    r"thong\s*bao|quyet\s*dinh|chuong\s*trinh|cong\s*van|nghi\s*dinh|thong\s*tu|luat|thoi\s*gian|lich|dot|"
    r"chu\s*truong|phan\s*cong|nhiem\s*vu|muc\s*tieu|thuc\s*te|so\s*luong)\b"
)
_LEADING_ON_DEMAND = re.compile(
    r"^[\s\-.,;:+()]*(?:thuc\s*hien\s*|trien\s*khai\s*|hoan\s*thanh\s*)?(?:theo\b|khi\b|sau\s*khi\b|ngay\s*sau\b|"
    r"truoc\s*khi\b|dot\s*xuat\b|tuy\b|neu\b)"
)

# Frequencies. "quy" must be the quarter, not "quy định / quy chế / quy trình …"; "năm" not a year number.
_NOT_QUARTER = (
    r"(?!\s*(?:dinh|che|trinh|hoach|mo\b|pham|uoc|chuan|luat|tac|cach|doi|trach|nhon|hop|tien|dao|chu|nap|gia\b|"
    r"don|tu\b|\.?\s*(?:iv|iii|ii|i)\b|\.?\s*0?[1-4]\b))"
)
_NOT_SPAN = r"(?!\s*(?:dau|cuoi|nam\s*\d|[/-]\s*\d|\d|ke\s*tu|tinh\s*tu|sau\s*khi))"
_FREQ_ITEM = (
    rf"(?:(?:0?6|sau)\s*thang{_NOT_SPAN}|nua\s*nam{_NOT_SPAN}|(?:0?9|chin)\s*thang{_NOT_SPAN}|"
    rf"(?:0?3|ba)\s*thang{_NOT_SPAN}|(?:12|muoi\s*hai)\s*thang{_NOT_SPAN}|(?:0?1|mot)\s*thang{_NOT_SPAN}|"
    rf"(?:0?1|mot)\s*nam(?!\s*\d)|thang(?!\s*\d)(?!\s*(?:cuoi|dau|giua))|quy{_NOT_QUARTER}|nam(?!\s*\d)(?!\s*(?:hoc|nay|tiep|sau|toi|ke\s*tiep))|"
    rf"tuan|ngay(?!\s*\d))"
)
_FREQ_SEP = r"(?:\s*(?:,|;|/|-|&|\+|\b(?:va|hoac|hay|cung|ca|hang|moi|dinh\s*ky|bao\s*cao|so\s*ket|tong\s*ket)\b))*\s*"
_FREQ_LIST = rf"{_FREQ_ITEM}(?:{_FREQ_SEP}{_FREQ_ITEM})*"
_FREQ_ITEM_RE = re.compile(_FREQ_ITEM)
_PERIODIC_MARKED = re.compile(
    rf"\b(?P<key>dinh\s*ky|hang|moi|cac|bao\s*cao|so\s*ket|tong\s*ket|theo)\b(?:\s*(?:bao\s*cao|theo|vao|:|,|\(|-)){{0,3}}"
    rf"\s*(?P<list>{_FREQ_LIST})\b"
)
_PERIODIC_ONLY_LIST = re.compile(rf"^[\s\-.,;:()/+*]*(?P<list>{_FREQ_LIST})[\s\-.,;:()/+*]*$")
_DINH_KY = re.compile(r"\bdinh\s*ky\b|\bky\s*bao\s*cao\b|\btheo\s*ky\b")
_CLAUSE_FREQ = re.compile(rf"(?:^|[;,(+]|\bva\b|\bhoac\b)\s*(?:bao\s*cao\s*)?(?P<list>{_FREQ_ITEM})")
_TIMES_PER = re.compile(r"\b(?P<n>\d{1,2}|mot|hai|bon)\s*lan\s*(?:/|trong|moi|tren|mot|1)?\s*(?P<unit>thang|quy|nam)\b")
_EVERY_N = re.compile(
    r"\b(?:(?P<n>\d{1,2}|mot|ba|sau|chin|muoi\s*hai)\s*)?(?P<unit>thang|quy|nam)\s*(?:/|mot|01|1)\s*lan\b"
)
_LAST_MONTH_OF = re.compile(
    r"\b(?:ngay\s*(?P<day>\d{1,2})\s*(?:cua\s*)?(?:cac\s*)?)?thang\s*cuoi\s*(?:cung\s*)?(?:cua\s*)?"
    r"(?:moi\s*|hang\s*|cac\s*)?(?P<unit>quy|ky)\b"
)
_DAY_OF_EVERY_MONTH = re.compile(r"\bngay\s*(?P<day>\d{1,2})\s*(?:cua\s*)?(?:hang|moi|cac)\s*thang\b")
_PERIOD_EDGE = re.compile(  # "Cuối quý", "Đầu mỗi tháng": no number, so every quarter / month
    rf"\b(?:dau|giua|cuoi)\s*(?:moi\s*|cac\s*|hang\s*)?(?P<unit>quy{_NOT_QUARTER}|thang(?!\s*\d)(?!\s*[ivx]+\b))"
)
_NEXT_PERIOD = re.compile(  # "trước ngày 10 của tháng đầu quý sau": due in the next period, every period
    r"\bngay\s*\d{1,2}\s*(?:cua\s*)?(?:thang\s*dau\s*(?:tien\s*)?(?:cua\s*)?)?(?P<unit>quy|thang|nam)\s*"
    r"(?:sau|tiep\s*theo|ke\s*tiep|lien\s*ke)\b"
)
_BARE_DAY = re.compile(
    r"\bngay\s*(?P<day>\d{1,2})\b(?!\s*(?:[/.-]\s*\d|(?:cua\s*)?thang\s*(?:\d|[ivx]+\b|dau|sau|tiep|ke|truoc|toi)))"
)

# Spans counted from an event: "trong thời gian 10 ngày kể từ …", "05 ngày làm việc".
_SPAN_DAYS = re.compile(
    r"\b(?P<n>\d{1,3})\s*ngay(?:\s*lam\s*viec)?\b(?!\s*\d)(?!\s*(?:dau|cuoi)\s*(?:thang|quy|nam))"
    rf"(?:\s*(?:ke\s*tu|tinh\s*tu)\s*ngay\s*(?P<from>{_D}))?"
)
_SPAN_MONTHS = re.compile(r"\b(?P<n>\d{1,2})\s*thang\s*(?=ke\s*tu|tinh\s*tu|sau\s*khi|sau\s*ngay)")
_SPAN_WEEKS = re.compile(r"\b(?P<n>\d{1,2})\s*tuan\b(?!\s*(?:/|mot\b|1\b|01\b)\s*lan)")

_NUMBER_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "sau": 6, "chin": 9, "muoi hai": 12, "muoihai": 12}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ROMAN_MONTHS = {r: i for i, r in enumerate("i ii iii iv v vi vii viii ix x xi xii".split(), 1)}


def _number(word: str) -> int:
    word = " ".join(word.split())
    if word.isdigit():
        return int(word)
    return _ROMAN.get(word) or _NUMBER_WORDS.get(word) or _NUMBER_WORDS.get(word.replace(" ", ""), 0)


def _frequency(item: str) -> str | None:
    """One frequency word of a list → a key of ``Deadline.every`` (None: week/day/9 months, noted in none)."""
    item = " ".join(item.split())
    head = item.split(" ")[0]
    if item.endswith("thang") and head != "thang":
        n = _number(item.rsplit(" ", 1)[0])
        return {1: "month", 3: "quarter", 6: "halfyear", 12: "year"}.get(n)
    if item.startswith("nua"):
        return "halfyear"
    if item.endswith("nam"):
        return "year"
    return {"thang": "month", "quy": "quarter"}.get(head)


# --------------------------------------------------------------------------------------------------------------
# Dated items


@dataclass
class _Item:
    """A date, month, quarter, half year or year printed in the text; ``end(y)`` is its last day in year y."""

    pos: int
    end: Callable[[int], date]
    year: int | None = None
    day: int | None = None  # for a day-and-month date: binds a periodic frequency's due day
    month: int | None = None
    weak: bool = False  # a bare year: not enough after a leading on-demand phrase
    bare: bool = False  # a year number alone ("năm 2025"): ignored when something more precise is printed
    unit: str = ""  # "quarter" / "month" for a named quarter or month, with its ``number``
    number: int = 0
    begin: Callable[[int], date] | None = None  # first day of a named period: a date inside it is more precise
    cited: bool = False  # the year of a named document ("(Kế hoạch năm 2025)"): no deadline beside another


def _last_day(y: int, m: int) -> int:
    return _stdcal.monthrange(y, m)[1]


def _safe_date(y: int, m: int, d: int) -> date:
    return date(y, m, max(1, min(d, _last_day(y, m))))


def _year(text: str | None) -> int | None:
    if not text:
        return None
    y = int(text)
    if y < 100:
        y += 2000
    return y if 1900 <= y <= 2200 else None


_Y = r"(?:\s*(?:/|-|\.|,)?\s*(?:cua\s*)?(?:nam\s*)?(?P<year>(?:19|20)\d\d)\b)"
_MOD = r"(?:(?P<mod>dau|giua|cuoi|het)\s*)?"
_Q = r"(?:iv|iii|ii|i|0?[1-4]|mot|hai|ba|bon)"
_M = r"(?:1[0-2]|0?[1-9])"
_LIST_SEP = r"\s*(?:,|;|&|-|\+|\bva\b|\bhoac\b|\bden\b|\btoi\b|\bden\s*het\b)\s*"

_FULL_DATE_WORDS = re.compile(
    r"\b(?:ngay\s*)?(?P<d>\d{1,2})\s*thang\s*(?P<m>\d{1,2})\s*nam\s*(?P<year>\d{4})\b"
    r"|\b(?:ngay|(?<=truoc )|(?<=den )|(?<=nhat ))\s*(?P<d2>\d{1,2})\s*(?:cua\s*)?thang\s*(?P<m2>\d{1,2})\b"
    r"(?:\s*(?:nam|/|-)\s*(?P<year2>\d{4})\b)?"
)
_DAY_OF_MONTHS = re.compile(  # "ngày 18 tháng 3, 6, 9, 12": one day in several months
    rf"\bngay\s*(?P<d>\d{{1,2}})\s*(?:cua\s*)?(?:cac\s*)?thang\s*(?P<list>{_M}(?:\s*(?:,|;|\bva\b)\s*(?:thang\s*)?{_M}\b)+)(?:{_Y})?"
)
_FIRST_DAYS = re.compile(  # "10 ngày đầu tháng 12" → 10/12; "10 ngày cuối tháng 12" → 31/12
    r"\b(?P<n>\d{1,2})\s*ngay\s*(?:lam\s*viec\s*)?(?P<which>dau|cuoi)\s*(?:tien\s*|cung\s*)?(?:cua\s*)?thang\s*"
    r"(?P<m>1[0-2]|0?[1-9])\b(?:\s*(?:/|-|\.|,)?\s*(?:nam\s*)?(?P<year>(?:19|20)\d\d)\b)?"
)
# "Tuần đầu tháng 3" → 7/3, "tuần thứ 2 tháng 4" → 14/4, "tuần cuối tháng 6" → 30/6
_WEEK = re.compile(
    r"\btuan\s*(?:(?P<first>dau(?:\s*tien)?)|(?P<last>cuoi(?:\s*cung)?)|(?:thu\s*)?(?P<n>0?[1-5]|nhat|hai|ba|tu|bon|nam))\s*"
    r"(?:cua\s*)?thang\s*(?P<m>1[0-2]|0?[1-9])\b"
    r"(?:\s*(?:/|-|\.|,)?\s*(?:nam\s*)?(?P<year>(?:19|20)\d\d)\b)?"
)
_WEEK_NUMBERS = {"nhat": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5}
_HALF = re.compile(
    rf"\b(?:(?:0?6|sau)\s*thang|nua)\s*(?P<which>dau|cuoi)\s*(?:cua\s*)?nam(?:{_Y})?"
    rf"|\b(?:0?6|sau)\s*thang\s*(?:nam\s*|/\s*|-\s*)(?P<year2>(?:19|20)\d\d)\b"
)
_NINE = re.compile(
    rf"\b(?:0?9|chin)\s*thang\s*(?:dau\s*(?:cua\s*)?nam(?:{_Y})?|(?:nam\s*|/\s*|-\s*)(?P<year2>(?:19|20)\d\d)\b)"
)
_QUARTERS = re.compile(
    rf"\b{_MOD}(?:quy|q)\s*\.?\s*(?P<first>{_Q})\b(?P<rest>(?:{_LIST_SEP}(?:quy|q)?\s*\.?\s*{_Q}\b)*)"
    rf"(?:\s*(?:cuoi|cua)?\s*(?P<lastyear>cuoi\s*nam))?(?:{_Y})?"
)
_QUARTER_ITEM = re.compile(rf"\b(?:quy|q)?\s*\.?\s*(?P<q>{_Q})\b")
_MONTHS = re.compile(
    rf"\b{_MOD}(?:thang\s*|t\.?\s?(?=\d))(?P<first>{_M}|xii|xi|ix|x|viii|vii|vi|iv|v|iii|ii|i)\b(?!\s*(?:/\s*)?(?:lan|mot\s*lan|1\s*lan|01\s*lan))"
    rf"(?P<rest>(?:{_LIST_SEP}(?:thang\s*)?{_M}\b(?!\s*[/.-]\s*{_M}\b))*)(?:{_Y})?"
)
_MONTH_ITEM = re.compile(rf"(?P<m>{_M})\b")
_DATE_FULL = re.compile(
    r"\b(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<year>(?:19|20)\d\d)\b"
    r"|\b(?P<d2>\d{1,2})[/.-](?P<m2>\d{1,2})[/.-](?P<year2>\d\d)\b(?![/\d])(?!\.\d)"
)
_MONTH_YEAR = re.compile(rf"(?<![\d/.-])\b(?P<m>{_M})(?:\s*/\s*|-)(?P<year>(?:19|20)\d\d)\b")
_DAY_MONTH = re.compile(r"(?<![\d/.])\b(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\b(?!\s*[/\d])|\bngay\s*(?P<d2>\d{1,2})\s*[-.]\s*(?P<m2>\d{1,2})\b(?!\s*[-./]?\s*\d)")
_YEAR_WORDS = re.compile(
    rf"\b(?P<mod>dau|giua|cuoi|het|trong|ca|suot|den)\s*(?:ca\s*)?nam\b(?!\s*(?:hoc|sau|truoc|toi|qua))(?:{_Y})?"
    r"|\bnam\s*(?:nay|ke\s*hoach)\b"
)
_NEXT_YEAR = re.compile(
    r"(?<!cac )(?<!nhung )\b(?:(?P<mod>trong|cuoi|het|den\s*het)\s*)?nam\s*(?:sau|tiep\s*theo|ke\s*tiep|toi)\b"
)
_YEAR_NUMBER = re.compile(
    r"\b(?:nam\s*|giai\s*doan\s*)?(?P<y1>(?:19|20)\d\d)(?:\s*(?:-|den|toi|va)\s*(?:nam\s*)?(?P<y2>(?:19|20)\d\d))?\b"
)


_Day = Callable[[int], date]  # a day of a year: the end (or first day) of a printed period in year y


def _on(month: int, day: int) -> _Day:
    return lambda y: date(y, month, day)


def _day_in(month: int, day: int) -> _Day:
    """Day ``day`` of ``month``, or the month's last day when it has fewer ("31/6" → 30/6)."""
    return lambda y: _safe_date(y, month, day)


def _month_end(month: int) -> _Day:
    return lambda y: date(y, month, _last_day(y, month))


# Each dated phrasing is a pattern above and a rule below that turns one match into items; ``_DATED_RULES`` lists
# them in the order they are read. A rule's words are blanked once read, so a later, looser pattern never reads
# them again ("ngày 18 tháng 3, 6, 9, 12" before "tháng 3"; "15/02/2023" before "15/02"; "Quý III/2024" before
# "2024"). A new phrasing gets its pattern, its rule and its place in that list.

_DatedRule = Callable[[re.Match[str], str, "int | None"], list[_Item]]


def _day_of_months(m: re.Match[str], s: str, plan_year: int | None) -> list[_Item]:
    """"ngày 18 tháng 3, 6, 9, 12": one day in several months (each quarter's end, for a periodic reading)."""
    d = int(m["d"])
    months = [int(x["m"]) for x in _MONTH_ITEM.finditer(m["list"])]
    return [_Item(m.start(), _day_in(mo, d), _year(m["year"]), d, mo)
            for mo in months if 1 <= mo <= 12 and 1 <= d <= 31]


def _half(m: re.Match[str], s: str, plan_year: int | None) -> list[_Item]:
    """"6 tháng đầu năm" → 30/6, "6 tháng cuối năm 2024" / "nửa cuối năm" → 31/12, "6 tháng/2024" → 30/6."""
    second = m["which"] == "cuoi"
    y = m["year"] or m["year2"]
    return [_Item(m.start(), _on(12, 31) if second else _on(6, 30), _year(y),
                  begin=_on(7 if second else 1, 1))]


def _nine(m: re.Match[str], s: str, plan_year: int | None) -> list[_Item]:
    """"9 tháng đầu năm", "9 tháng/2024" → 30/9."""
    return [_Item(m.start(), _on(9, 30), _year(m["year"] or m["year2"]), begin=_on(1, 1))]


def _first_days(m: re.Match[str], s: str, plan_year: int | None) -> list[_Item]:
    """"10 ngày đầu tháng 12" → 10/12; "10 ngày cuối tháng 12" → 31/12."""
    mo, n = int(m["m"]), int(m["n"])
    if m["which"] == "cuoi":
        end = _month_end(mo)
    else:
        end = _day_in(mo, max(n, 1))
    return [_Item(m.start(), end, _year(m["year"]), None, mo)]


def _week(m: re.Match[str], s: str, plan_year: int | None) -> list[_Item]:
    """"Tuần đầu tháng 3" → 7/3, "tuần thứ 2 tháng 4" → 14/4, "tuần cuối tháng 6" → 30/6."""
    mo = int(m["m"])
    n = 1 if m["first"] else (int(m["n"]) if (m["n"] or "").isdigit() else _WEEK_NUMBERS.get(m["n"] or "", 0))
    if m["last"]:
        end = _month_end(mo)
    else:
        end = _day_in(mo, 7 * max(n, 1))
    return [_Item(m.start(), end, _year(m["year"]), None, mo)]


def _quarter_item(start: int, q: int, mod: str | None, y: int | None) -> _Item:
    """Quarter ``q``: its first day "đầu", the middle of its second month "giữa", else its last day."""
    if mod == "dau":
        end = _on(3 * q - 2, 1)
    elif mod == "giua":
        end = _on(3 * q - 1, 15)
    else:
        end = _month_end(3 * q)
    begin = _on(3 * q - 2, 1) if mod in (None, "cuoi", "het") else None
    return _Item(start, end, y, unit="quarter", number=q, begin=begin)


def _quarters(m: re.Match[str], s: str, plan_year: int | None) -> list[_Item]:
    """"Quý III/2022", "Quý 4 năm 2024", "Q2/2024", "Trong quý I, quý II/2022", "cuối quý II": one item a quarter."""
    numbers = [_number(m["first"])] + [_number(q["q"]) for q in _QUARTER_ITEM.finditer(m["rest"] or "")]
    return [_quarter_item(m.start(), q, m["mod"], _year(m["year"])) for q in numbers if 1 <= q <= 4]


def _month_item(start: int, mo: int, mod: str | None, y: int | None) -> _Item:
    """Month ``mo``: its first day "đầu", the 15th "giữa", else its last day (Civil Code art. 146)."""
    if mod == "dau":
        end = _on(mo, 1)
    elif mod == "giua":
        end = _on(mo, 15)
    else:
        end = _month_end(mo)
    begin = _on(mo, 1) if mod in (None, "cuoi", "het") else None
    return _Item(start, end, y, None, mo, unit="month", number=mo, begin=begin)


def _months(m: re.Match[str], s: str, plan_year: int | None) -> list[_Item]:
    """"Tháng 12/2023", "T6/2024", "Tháng 01 - 3/2024", "Tháng VI/2024", "cuối tháng 3": one item a month."""
    first = m["first"]
    numbers = [int(first) if first.isdigit() else _ROMAN_MONTHS.get(first, 0)]
    numbers += [int(x["m"]) for x in _MONTH_ITEM.finditer(m["rest"] or "")]
    return [_month_item(m.start(), mo, m["mod"], _year(m["year"])) for mo in numbers if 1 <= mo <= 12]


def _full_date(m: re.Match[str], s: str, plan_year: int | None) -> list[_Item]:
    """"15/02/2023", "31.12.2024", "31/12/24"; in words, "ngày 5 tháng 3 năm 2024", "Trước 20 tháng 12" (both
    patterns name their groups d, m, year, or d2, m2, year2 in their second spelling)."""
    d, mo, y = (m["d"], m["m"], m["year"]) if m["d"] else (m["d2"], m["m2"], m["year2"])
    d, mo = int(d), int(mo)
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return []
    return [_Item(m.start(), _day_in(mo, d), _year(y), d, mo)]


def _month_year(m: re.Match[str], s: str, plan_year: int | None) -> list[_Item]:
    """"06/2024", "6-2024": a month and its year."""
    mo = int(m["m"])
    return [_Item(m.start(), _month_end(mo), _year(m["year"]), None, mo,
                  unit="month", number=mo, begin=_on(mo, 1))]


def _day_month(m: re.Match[str], s: str, plan_year: int | None) -> list[_Item]:
    """"Trước 15/12", "ngày 15-12": a day and a month, the year from elsewhere."""
    d, mo = (m["d"], m["m"]) if m["d"] else (m["d2"], m["m2"])
    d, mo = int(d), int(mo)
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return []
    return [_Item(m.start(), _day_in(mo, d), None, d, mo)]


def _next_year(m: re.Match[str], s: str, plan_year: int | None) -> list[_Item]:
    """"năm sau", "trong năm tiếp theo": the plan's year + 1 (nothing when the plan's year is unknown)."""
    if not plan_year:
        return []
    return [_Item(m.start(), _on(12, 31), plan_year + 1, bare=m["mod"] is None,
                  begin=_on(1, 1))]


def _year_words(m: re.Match[str], s: str, plan_year: int | None) -> list[_Item]:
    """"Trong năm 2024", "Đến hết năm", "cả năm", "đầu năm" → 1/1, "giữa năm" → 30/6, "cuối năm" → 31/12."""
    mod = m.groupdict().get("mod")
    if mod == "dau":
        end = _on(1, 1)
    elif mod == "giua":
        end = _on(6, 30)
    else:
        end = _on(12, 31)
    begin = _on(1, 1) if mod not in ("dau", "giua") else None
    return [_Item(m.start(), end, _year(m.groupdict().get("year")), weak=mod in ("den", None), begin=begin)]


def _year_number(m: re.Match[str], s: str, plan_year: int | None) -> list[_Item]:
    """"Năm 2023", "2021-2025" (its last year), "(Kế hoạch năm 2025)" (a cited plan's year): a bare year."""
    y = _year(m["y2"] or m["y1"])
    if not y:
        return []
    cited = bool(re.search(r"\bke\s*hoach\s*$", s[: m.start()]))
    return [_Item(m.start(), _on(12, 31), y, weak=True, bare=True, begin=_on(1, 1),
                  cited=cited)]


_DATED_RULES: tuple[tuple[re.Pattern[str], _DatedRule], ...] = (
    (_DAY_OF_MONTHS, _day_of_months),
    (_FULL_DATE_WORDS, _full_date),
    (_HALF, _half),
    (_NINE, _nine),
    (_FIRST_DAYS, _first_days),
    (_WEEK, _week),
    (_QUARTERS, _quarters),
    (_MONTHS, _months),
    (_DATE_FULL, _full_date),
    (_MONTH_YEAR, _month_year),
    (_DAY_MONTH, _day_month),
    (_NEXT_YEAR, _next_year),
    (_YEAR_WORDS, _year_words),
    (_YEAR_NUMBER, _year_number),
)


def _dated_items(s: str, plan_year: int | None) -> tuple[list[_Item], str]:
    """All dates/months/quarters/halves/years printed in ``s`` (consumed from the returned string), by
    ``_DATED_RULES`` in order; each rule sees the text as the rules before it left it."""
    items: list[_Item] = []
    for pattern, rule in _DATED_RULES:
        before = s
        for m in list(pattern.finditer(before)):
            items.extend(rule(m, before, plan_year))
            s = _blank(s, m)
    items.sort(key=lambda it: it.pos)
    return items, s


def _whole_year(item: _Item) -> bool:
    return item.begin is not None and (item.end(2001) - item.begin(2001)).days >= 364


def _resolve_years(items: list[_Item], plan_year: int | None) -> list[tuple[_Item, int]]:
    """Give each item its year: its own, else the next one printed, else the plan's, else the previous one."""
    out = []
    for i, item in enumerate(items):
        y = item.year
        if y is None:
            y = next((later.year for later in items[i + 1 :] if later.year), None)
        if y is None:
            y = plan_year
        if y is None:
            y = next((earlier.year for earlier in reversed(items[:i]) if earlier.year), None)
        if y is not None:
            out.append((item, y))
    return out


# --------------------------------------------------------------------------------------------------------------
# The reader


def _read(text: str, year: int | None) -> Deadline:
    """The rules of the module docstring, in order; the first stage that reads a kind decides."""
    if year is not None and not (isinstance(year, int) and 1 <= year <= 9998):
        year = None
    s = normalise(text[: 4 * _MAX_CHARS])[:_MAX_CHARS]  # a deadline cell is a few lines; bound the work on pages
    if not re.search(r"[a-z0-9]", s):
        return Deadline()
    s = _without_citations(s)
    if _CONTINUOUS.search(s):
        return Deadline(DeadlineKind.CONTINUOUS)
    leading_on_demand = bool(_LEADING_ON_DEMAND.search(s))
    span, s = _read_spans(s)  # before any date, so "10 ngày" is no date
    periodic = _periodic(s, year)
    if periodic is not None:
        return periodic
    if span.start is not None and span.within is not None:  # "10 ngày kể từ ngày 01/3/2024" → 11/3/2024
        return Deadline(DeadlineKind.DATED, due=span.start + timedelta(days=span.within))
    dated = _dated(s, year, leading_on_demand)
    if dated is not None:
        return dated
    if span.within is not None or _ON_DEMAND.search(s) or leading_on_demand:
        return Deadline(DeadlineKind.ON_DEMAND, within_days=span.within)
    return Deadline()


def _without_citations(s: str) -> str:
    """A column label typed into the cell ("Thời gian: Quý III"), "(dự kiến)" and citations ("Quyết định số
    2236/QĐ-UBND ngày 01/11/2022", "Nghị định 09/2019/NĐ-CP") say nothing about the deadline: out first, so their
    numbers and dates are not read as one."""
    s = _LABEL.sub("", s)
    s = _EXPECTED.sub(" ", s)
    s = _DOC_DATE.sub(" ", s)
    s = _CITATION.sub(" ", s)
    return _DOC_NUMBER.sub(" ", s)


# --------------------------------------------------------------------------------------------------------------
# Spans counted from an event: the first one printed is the span


@dataclass
class _Span:
    within: int | None = None  # days
    start: date | None = None  # the date it is counted from, when printed


def _span_days(m: re.Match[str], span: _Span) -> None:
    """"Trong thời gian 10 ngày kể từ ngày tiếp nhận", "05 ngày làm việc", "10 ngày kể từ ngày 01/3/2024"."""
    n = int(m["n"])
    if not (0 < n <= 3650 and span.within is None):
        return
    span.within = n
    if m["from"]:
        parts = [int(p) for p in re.split(r"\s*[/.-]\s*", m["from"].strip())]
        try:
            span.start = date(_year(str(parts[2])) or 0, parts[1], parts[0])
        except (ValueError, IndexError):
            span.start = None


def _span_months(m: re.Match[str], span: _Span) -> None:
    """"2 tháng kể từ ngày …", "3 tháng sau khi …": 30 days a month."""
    n = int(m["n"])
    if 0 < n <= 120 and span.within is None:
        span.within = 30 * n


def _span_weeks(m: re.Match[str], span: _Span) -> None:
    """"trong 2 tuần": 7 days a week (not "2 tuần/lần", a frequency)."""
    n = int(m["n"])
    if 0 < n <= 520 and span.within is None:
        span.within = 7 * n


_SPAN_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], _Span], None]], ...] = (
    (_SPAN_DAYS, _span_days), (_SPAN_MONTHS, _span_months), (_SPAN_WEEKS, _span_weeks),
)


def _read_spans(s: str) -> tuple[_Span, str]:
    """The span counted from an event, and ``s`` with every span phrase consumed."""
    span = _Span()
    return span, _consume(_SPAN_RULES, s, span)


# --------------------------------------------------------------------------------------------------------------
# Dated readings


def _dated(s: str, year: int | None, leading_on_demand: bool) -> Deadline | None:
    """A dated reading from the dates, months, quarters and years printed in ``s``; None when none is printed."""
    items, _rest = _dated_items(s, year)
    # Years first (a bare "năm sau" / "năm 2025" still gives its year to a date printed before it), then drop
    # what is not a deadline by itself.
    years = {id(item): y for item, y in _resolve_years(items, year)}
    items = _deadline_items(items, leading_on_demand)
    listed = _every_period_listed(items)
    if listed is not None:
        return listed
    resolved = [(item, years[id(item)]) for item in items if id(item) in years]
    if items and not resolved:  # a date, but no year anywhere: dated, due unknown
        return Deadline(DeadlineKind.DATED)
    if not resolved:
        return None
    # "Quý I/2022 (trước ngày 15/3/2022)": a date inside a named period is the precise deadline
    precise = [item.end(y) for item, y in resolved if item.day is not None]
    kept = [
        (item, y) for item, y in resolved
        if item.day is not None or item.begin is None or not any(item.begin(y) <= d <= item.end(y) for d in precise)
    ]
    kept = _drop_enclosing(kept, s)
    return Deadline(DeadlineKind.DATED, due=max(item.end(y) for item, y in kept))


def _deadline_items(items: list[_Item], leading_on_demand: bool) -> list[_Item]:
    """The items that are a deadline by themselves: a bare year is not after an on-demand opening ("Theo kế hoạch
    năm 2024"); a cited plan's year ("(Kế hoạch năm 2025)") is not beside anything else; a bare year number is not
    beside anything more precise than a whole year ("Tháng 11/2024 (năm 2025)"; "Trong năm 2024 và năm 2025" keeps
    2025)."""
    if leading_on_demand:
        items = [it for it in items if not it.weak]
    if any(not it.cited for it in items):
        items = [it for it in items if not it.cited]
    if any(not it.bare and not _whole_year(it) for it in items):
        items = [it for it in items if not it.bare]
    return items


def _every_period_listed(items: list[_Item]) -> Deadline | None:
    """Every quarter (or month) of one year listed ("Quý I, II, III, IV"), or each quarter's end ("Tháng 3, 6, 9,
    12", "Trước 15/3, 15/6, 15/9, 15/12", "ngày 18 tháng 3, 6, 9, 12"): periodic, not the last of them."""
    one_year = len({it.year for it in items if it.year}) <= 1
    for unit, count in (("quarter", 4), ("month", 12)):
        if items and all(it.unit == unit for it in items) and len({it.number for it in items}) == count and one_year:
            return Deadline(DeadlineKind.PERIODIC, every={unit: None})
    if len(items) == 4 and all(it.month and it.unit in ("", "month") for it in items) \
            and {it.month for it in items} == {3, 6, 9, 12} and len({it.day for it in items}) == 1 and one_year:
        return Deadline(DeadlineKind.PERIODIC, every={"quarter": items[0].day})
    return None


_RANGE_WORD = re.compile(r"\bden\b|\btoi\b|-|\btu\b|\bva\b|\bhoac\b|;|,")


def _drop_enclosing(kept: list[tuple[_Item, int]], s: str) -> list[tuple[_Item, int]]:
    """"Trong năm 2024 (Quý III)", "Quý III/2024 (tháng 8)": a smaller period named inside a larger one is the
    precise deadline, unless the two are the ends of a range ("Từ Quý II đến hết năm 2024") or a list ("6 tháng
    đầu năm và cả năm")."""

    def bounds(item: _Item, y: int) -> tuple[date, date]:
        return (item.begin(y) if item.begin else item.end(y)), item.end(y)

    out = []
    for a, ya in kept:
        if a.begin is None or a.day is not None:
            out.append((a, ya))
            continue
        a0, a1 = bounds(a, ya)
        inner = False
        for b, yb in kept:
            if b is a or b.day is not None or b.begin is None:
                continue
            b0, b1 = bounds(b, yb)
            if a0 <= b0 and b1 <= a1 and (b1 - b0) < (a1 - a0):
                lo, hi = sorted((a.pos, b.pos))
                if not _RANGE_WORD.search(s[lo:hi]):
                    inner = True
                    break
        if not inner:
            out.append((a, ya))
    return out or kept


@dataclass
class _Frequencies:
    """What the periodic rules gather: the frequencies (``Deadline.every``), the stated due day of each ("*": any
    without one), whether any signal was found, and whether one is *strong* (not only "báo cáo / sơ kết / tổng
    kết <frequency>", which may just name which report a dated deadline is for)."""

    every: dict[str, int | None] = field(default_factory=dict)
    days: dict[str, int] = field(default_factory=dict)
    found: bool = False
    strong: bool = False

    def add(self, freq: str | None) -> None:
        self.found = True
        if freq:
            self.every.setdefault(freq, None)

    def add_list(self, text: str) -> None:
        for item in _FREQ_ITEM_RE.finditer(text):
            freq = _frequency(item.group(0))
            if freq:
                self.every.setdefault(freq, None)


def _day_of_every_month(m: re.Match[str], f: _Frequencies) -> None:
    """"Ngày 05 hàng tháng": monthly, due on the 5th."""
    f.add("month")
    f.days.setdefault("month", int(m["day"]))


def _next_period(m: re.Match[str], f: _Frequencies) -> None:
    """"trước ngày 10 của tháng đầu quý sau" (due in the next period: no day), "Cuối quý", "Đầu mỗi tháng"."""
    f.add({"quy": "quarter", "thang": "month", "nam": "year"}[m["unit"]])


def _last_month_of(m: re.Match[str], f: _Frequencies) -> None:
    """"trước ngày 19 của tháng cuối quý" → quarterly on the 19th; "tháng cuối kỳ": the day for every frequency."""
    unit = " ".join(m["unit"].split())
    freq = {"quy": "quarter", "6 thang": "halfyear", "nam": "year"}.get(unit)
    f.add(freq)
    if m["day"]:
        f.days.setdefault(freq or "*", int(m["day"]))


def _times_per(m: re.Match[str], f: _Frequencies) -> None:
    """"1 lần/quý", "2 lần/năm" (half-yearly), "4 lần trong năm" (quarterly)."""
    n, unit = _number(m["n"]), m["unit"]
    if unit == "thang":
        f.add("month")
    elif unit == "quy":
        f.add("quarter")
    else:
        f.add({1: "year", 2: "halfyear", 4: "quarter", 12: "month"}.get(n))


def _every_n(m: re.Match[str], f: _Frequencies) -> None:
    """"6 tháng/lần", "quý/lần", "năm một lần"."""
    n = _number(m["n"]) if m["n"] else 1
    unit = m["unit"]
    if unit == "quy":
        f.add("quarter")
    elif unit == "nam":
        f.add("year")
    else:
        f.add({1: "month", 3: "quarter", 6: "halfyear", 12: "year"}.get(n))


def _marked(m: re.Match[str], f: _Frequencies) -> None:
    """"Định kỳ 6 tháng, năm", "Hàng quý, năm", "hằng quý và năm", "Báo cáo tháng, quý", "Sơ kết 6 tháng, tổng
    kết năm" (which report: weak), "theo quý"."""
    f.found = True
    f.strong = f.strong or not re.match(r"bao|so|tong", m["key"])
    f.add_list(m["list"])


def _clause_frequency(m: re.Match[str], f: _Frequencies) -> None:
    """"…; năm trước ngày 15/12": a frequency opening a later clause, once another signal was found."""
    f.add_list(m["list"])


# The periodic signals, in the order they are read (each consumes its words). A new periodic phrasing gets its
# pattern above, its rule here and its place in this list (or in ``_periodic`` when it is a weaker signal).
_FREQUENCY_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], _Frequencies], None]], ...] = (
    (_DAY_OF_EVERY_MONTH, _day_of_every_month),
    (_NEXT_PERIOD, _next_period),
    (_LAST_MONTH_OF, _last_month_of),
    (_PERIOD_EDGE, _next_period),
    (_TIMES_PER, _times_per),
    (_EVERY_N, _every_n),
)


def _periodic(s: str, year: int | None) -> Deadline | None:
    """A periodic reading when the text says how often, else None. Stated days bind to frequencies."""
    f = _Frequencies()
    work = _consume(_FREQUENCY_RULES, s, f)
    f.strong = f.found
    work = _consume(((_PERIODIC_MARKED, _marked),), work, f)
    if _DINH_KY.search(work):  # "Định kỳ", "kỳ báo cáo", "theo kỳ" alone: a frequency to confirm
        f.found = f.strong = True
    if f.found:
        work = _consume(((_CLAUSE_FREQ, _clause_frequency),), work, f)
    else:  # a cell that is only a frequency list: "Quý, năm" ("Ngày" alone is none)
        only = _PERIODIC_ONLY_LIST.match(work)
        if only and not _ON_DEMAND.search(work) and re.search(r"\b(?:thang|quy|nam|tuan)\b", only["list"]):
            f.found = f.strong = True
            f.add_list(only["list"])
    if not f.found:
        return None
    return _with_due_days(f, work, year)


def _with_due_days(f: _Frequencies, work: str, year: int | None) -> Deadline | None:
    """The periodic reading with its stated days: dated items left in the text bind to the frequencies whose
    period ends in their month; None when the text is one dated report named by its period ("Trước ngày
    10/01/2025 (báo cáo năm)")."""
    items, rest = _dated_items(work, year)
    if not f.strong and len(f.every) <= 1 and any(it.year and not it.cited for it in items):
        return None
    every = _twice_or_four_times_a_year(f.every, [it for it in items if not it.bare])
    days = f.days
    for item in items:
        if item.day is not None and item.month is not None:
            freq = _frequency_ending_in(every, item.month)
            if freq:
                days.setdefault(freq, item.day)
    for m in _BARE_DAY.finditer(rest):
        days.setdefault("*", int(m["day"]))
    for freq in every:
        day = days.get(freq, days.get("*"))
        if every[freq] is None and day and 1 <= day <= 31:
            every[freq] = day
    return Deadline(DeadlineKind.PERIODIC, every={k: every[k] for k in ("month", "quarter", "halfyear", "year") if k in every})


def _twice_or_four_times_a_year(every: dict[str, int | None], named: list[_Item]) -> dict[str, int | None]:
    """"Tháng 6 và tháng 12 hằng năm", "15/6 và 15/12 hằng năm" → half-yearly; "Tháng 3, 6, 9, 12 hằng năm" →
    quarterly (a yearly word with each period's end listed)."""
    if list(every) != ["year"] or len(named) < 2:
        return every
    ends = {3 * it.number if it.unit == "quarter" else it.month or 0 for it in named}
    freq = {frozenset({6, 12}): "halfyear", frozenset({3, 6, 9, 12}): "quarter"}.get(frozenset(ends))
    return {freq: None} if freq and len(named) == len(ends) else every


def _frequency_ending_in(every: dict[str, int | None], month: int) -> str | None:
    """The frequency a stated day in ``month`` belongs to: "15/12" → year (else half-year, else quarter),
    "15/6" → half-year (else quarter), "15/3" → quarter, any other month → month."""
    if "year" in every and month == 12:
        return "year"
    if "halfyear" in every and month in (6, 12):
        return "halfyear"
    if "quarter" in every and month in (3, 6, 9, 12):
        return "quarter"
    return "month" if "month" in every else None
