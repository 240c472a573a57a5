"""My body's tasks: does a task concern the officer's body as lead, as cooperating body, or not at all?

A department follows only its part of the province's plan. The lead and cooperate cells name bodies exactly
("Sở Khoa học và Công nghệ", "Sở KH&CN"), or by a collective phrase: "Các sở, ban, ngành tỉnh" concerns every
department; "UBND cấp xã" every commune. A lead cell that says "A chủ trì, phối hợp với B" leads with A and
cooperates with B. "Văn phòng UBND tỉnh" names one body: it concerns nobody else. The officer can change the
result by hand later; this only proposes it.

A department's own plan names its office and divisions as leads ("Văn phòng Sở", "Phòng chuyên môn thuộc Sở"),
never the department itself: when the plan's issuer is the body, every task concerns it, and the officer's own
aliases (Settings.my_aliases) say which names mean "us" in any plan.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kstthc_desktop.domain import Concern, Plan, Task
from kstthc_desktop.text import fold

_COOPERATION = re.compile(r"\bphoi hop\b")
_DEPARTMENT = re.compile(
    r"\b(cac so|so, ban, nganh|so, ban nganh|so, nganh|cac co quan chuyen mon|cac co quan, don vi thuoc ubnd tinh"
    r"|cac co quan, don vi cap tinh|co quan, don vi cap tinh)\b"
)
_DISTRICT = re.compile(r"\b(ubnd cap huyen|ubnd cac huyen|cap huyen)\b")
_COMMUNE = re.compile(r"\b(ubnd cap xa|ubnd cac xa|cap xa|ubnd xa, phuong)\b")


def key(text: str) -> str:
    """Folded, with the usual abbreviations spelled one way ("Ủy ban nhân dân" = "UBND", "&" = "và")."""
    text = fold(text).replace("uy ban nhan dan", "ubnd").replace("&", " va ")
    return " ".join(re.sub(r"[^\w,]+", " ", text).split())


def aliases(body: str) -> set[str]:
    """The body's name and its short forms: "Sở Khoa học và Công nghệ" → "so khcn", "so kh va cn"."""
    full = key(body)
    names = {full}
    words = full.split()
    if len(words) >= 3 and words[0] in ("so", "ban", "cuc"):
        rest = words[1:]
        initials = "".join(w[0] for w in rest if w != "va")
        names.add(f"{words[0]} {initials}")
        if "va" in rest:
            i = rest.index("va")
            names.add(f"{words[0]} {''.join(w[0] for w in rest[:i])} va {''.join(w[0] for w in rest[i + 1:])}")
    return {n for n in names if len(n) > 4}


def _collective(body_key: str) -> re.Pattern[str] | None:
    if body_key.startswith(("so ", "ban ", "thanh tra tinh", "cong an tinh", "bo chi huy")):
        return _DEPARTMENT
    if body_key.startswith(("ubnd huyen", "ubnd thi xa", "ubnd thanh pho", "ubnd quan")):
        return _DISTRICT
    if body_key.startswith(("ubnd xa", "ubnd phuong", "ubnd thi tran", "ubnd dac khu")):
        return _COMMUNE
    return None


def _names(text: str, names: set[str]) -> bool:
    padded = f" {text} "
    return any(re.search(rf"(?<![\w]){re.escape(n)}(?![\w])", padded) for n in names)


def names_for(body_name: str, my_aliases: Iterable[str] = ()) -> set[str]:
    """Every name meaning the body: its name, its short forms, and the officer's own aliases."""
    return aliases(body_name) | {key(a) for a in my_aliases if len(key(a)) > 2}


def is_own_plan(plan: Plan, body_name: str, my_aliases: Iterable[str] = ()) -> bool:
    """Whether the plan is the body's own: its issuer ("SỞ XÂY DỰNG TỈNH SÓC TRĂNG") names the body."""
    issuer = key(plan.document.issuer or "")
    return bool(issuer and (body_name or "").strip()) and _names(issuer, names_for(body_name, my_aliases))


def concern_for(task: Task, body_name: str, my_aliases: Iterable[str] = ()) -> Concern:
    """LEAD, COOPERATE or NONE for ``body_name`` (or one of ``my_aliases``) from the task's lead and cooperate
    cells."""
    if not (body_name or "").strip() and not any(a.strip() for a in my_aliases):
        return Concern.UNKNOWN
    lead_text = key(task.lead)
    parts = _COOPERATION.split(lead_text, maxsplit=1)
    leads = parts[0]
    cooperators = " ; ".join(p for p in (parts[1] if len(parts) > 1 else "", key(task.cooperate)) if p)
    names = names_for(body_name, my_aliases)
    if _names(leads, names):
        return Concern.LEAD
    if _names(cooperators, names):
        return Concern.COOPERATE
    collective = _collective(key(body_name))
    if collective is not None:
        if collective.search(leads):
            return Concern.LEAD
        if collective.search(cooperators):
            return Concern.COOPERATE
    return Concern.NONE


def mark_concern(plan: Plan, body_name: str, my_aliases: Iterable[str] = ()) -> None:
    """Each task's concern; in the body's own plan a task naming nobody of ours is still ours (as lead)."""
    own = is_own_plan(plan, body_name, my_aliases)
    for task in plan.tasks:
        concern = concern_for(task, body_name, my_aliases)
        task.concern = Concern.LEAD if own and concern == Concern.NONE else concern
