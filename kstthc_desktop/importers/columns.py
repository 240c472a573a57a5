"""Column roles from printed headings, and the ``--columns`` mapping.

Headings vary in wording and case ("Số thứ tự", "STT", "SỐ TT"; "Cơ quan chủ trì", "Đơn vị chủ trì", "Phân công
thực hiện"; "Thời gian thực hiện", "Thời gian hoàn thành"). Rules are checked in order on the folded heading, so
"Kết quả công việc" is a result before "công việc" could make it the content, and "Thời gian thực hiện" a deadline
before "thực hiện" could make it the lead.
"""

from __future__ import annotations

import functools
import re

from kstthc_desktop.errors import UsageError
from kstthc_desktop.task_fields import ROLES, field_of_role
from kstthc_desktop.text import fold

#: Each role as a sentence names it ("thời hạn"), from ``task_fields``.
ROLE_NAMES_VI = {role: field_of_role(role).in_sentence for role in ROLES}

_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("note", re.compile(r"\bghi chu\b")),
    ("content", re.compile(r"^(noi dung|nhiem vu|cac nhiem vu|ten nhiem vu|ten cong viec|cong viec)\b(?!.*\bthoi gian\b)")),
    ("deadline", re.compile(r"\b(thoi gian|thoi han|tien do|han hoan thanh|moc thoi gian|thoi diem)\b|^(hoan thanh|ket thuc)")),
    ("lead", re.compile(r"\bchu tri\b")),
    ("cooperate", re.compile(r"\bphoi hop\b")),
    ("result", re.compile(r"\b(ket qua|san pham|hinh thuc|du kien dau ra)\b|^yeu cau\b")),
    ("lead", re.compile(r"^(?!lanh dao\b).*\bphu trach\b")),  # "Cán bộ phụ trách"; "Lãnh đạo phụ trách" oversees
    ("stt", re.compile(r"^(stt\s*\d*|s\.?\s?tt|tt|so tt|so t\.t|so thu tu|thu tu|so)\.?$")),
    ("content", re.compile(r"\b(noi dung|nhiem vu|cong viec|hoat dong|giai phap|muc tieu|ten)\b")),
    ("lead", re.compile(r"\b(phan cong|thuc hien|co quan|don vi|trach nhiem|bo phan|nguoi|can bo|cong chuc)\b")),
]

#: Words accepted by ``--columns`` (Vietnamese or English), folded.
_MAPPING_WORDS = {
    "stt": "stt", "so": "stt", "number": "stt", "no": "stt",
    "content": "content", "noi dung": "content", "nhiem vu": "content",
    "result": "result", "ket qua": "result", "san pham": "result",
    "lead": "lead", "chu tri": "lead",
    "cooperate": "cooperate", "phoi hop": "cooperate",
    "deadline": "deadline", "thoi han": "deadline", "thoi gian": "deadline",
    "note": "note", "ghi chu": "note",
    "skip": None, "-": None, "": None, "bo qua": None,
}


@functools.lru_cache(maxsize=8192)  # every row is tried as a header: cells like "Sở Tư pháp" come again and again
def column_role(heading: str) -> str | None:
    """The role of a column from its heading, or None when the heading is not recognised."""
    key = fold(heading).replace("/", " ").strip(" :.")
    key = re.sub(r"\s+", " ", key)
    if not key or len(key) > 120:
        return None
    for role, pattern in _RULES:
        if pattern.search(key):
            return role
    return None


def parse_mapping(spec: str) -> list[str | None]:
    """``"stt,content,lead,cooperate,result,deadline"`` → roles per column (``skip``/``-`` for a column to drop)."""
    roles: list[str | None] = []
    for part in spec.split(","):
        key = fold(part).strip()
        if key not in _MAPPING_WORDS:
            known = ", ".join(ROLES)
            raise UsageError(f"Tên cột \"{part.strip()}\" không hợp lệ trong --columns; dùng: {known}, skip.")
        roles.append(_MAPPING_WORDS[key])
    if "content" not in roles:
        raise UsageError("--columns phải có cột \"content\" (nội dung công việc).")
    return roles
