"""The plan's issuer, level, province, title and year, read from the text around its table.

Plans print these in a fixed shape: the issuing body in capitals at the top left ("ỦY BAN NHÂN DÂN TỈNH SÓC
TRĂNG", "SỞ NỘI VỤ"), "<Place>, ngày … tháng … năm …" at the top right, then "KẾ HOẠCH" and the title line
("Kiểm soát thủ tục hành chính năm 2022"). Text exports lose some of it, so each item has a fallback in the body
("Ủy ban nhân dân tỉnh Sóc Trăng ban hành Kế hoạch …", "… của Sở Nội vụ").
"""

from __future__ import annotations

import re

from kstthc_desktop.domain import PlanDocument
from kstthc_desktop.importers.table import fold_chars
from kstthc_desktop.text import clean, fold

_PROVINCE = r"(?:tinh|thanh pho)[ ]+(?P<place>[a-z]+(?:[ ]+[a-z]+){0,3}?)"
_ISSUERS = [
    re.compile(r"(?:uy ban nhan dan|ubnd)\s+(?:\(ubnd\)\s+)?" + _PROVINCE + r"(?=\s*(?:ban hanh|$|\n|,|\.|;|\)|ve|kem))"),
    re.compile(r"^\s*(?:chu tich\s+)?(?:uy ban nhan dan|ubnd)\s+" + _PROVINCE + r"\s*$", re.M),
]
_BODY_LINE = re.compile(r"^\s*(?P<body>(?:so|ban|thanh tra|van phong|cuc|chi cuc|trung tam|bo chi huy|cong an)[ ]+[a-z ,&-]+?)[ ]*$", re.M)
_OF_BODY = re.compile(r"ke hoach[^\n]{0,200}?\bcua\s+(?P<body>(?:so|ban)\s+[a-z]+(?:\s+(?:va\s+)?[a-z]+){0,5}?)(?=[,.;\n]|\s+(?:yeu cau|tren|nhu|ve)\b|$)")
_PLACE_DATE = re.compile(r"^[ ]*(?P<place>[a-z]+(?:[ ]+[a-z]+){0,3}),[ ]*ngay\b", re.M)
_YEAR = re.compile(r"\bnam\s+(20\d\d)\b")


def _slice(original: str, folded: str, match: re.Match[str], group: str) -> str:
    return original[match.start(group):match.end(group)]


def proper(name: str) -> str:
    """A place name in title case: "SÓC TRĂNG" → "Sóc Trăng"."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


#: Abbreviations printed in capitals inside a body's name ("Văn phòng UBND tỉnh").
_ACRONYMS = {"ubnd", "hdnd", "mttq", "cntt", "tthc", "ptth", "pt-th", "kcn", "kkt", "tw"}
#: Heads of a body's name that are common nouns of more than one word: the name proper starts after them.
_HEADS = ("van phong", "thanh tra", "chi cuc", "trung tam", "bo chi huy", "cong an")
_UNITS = {"tinh", "huyen", "xa", "phuong", "quan", "thi"}  # "… tỉnh", "… huyện Mộc Châu": a place name follows


def body_case(name: str) -> str:
    """A body's name as written in running text: "SỞ KHOA HỌC VÀ CÔNG NGHỆ" → "Sở Khoa học và Công nghệ",
    "VĂN PHÒNG UBND TỈNH" → "Văn phòng UBND tỉnh"."""
    words = name.split()
    if not words:
        return ""
    if not name.isupper():
        return name
    folded = fold(name)
    head = next((h for h in _HEADS if folded == h or folded.startswith(h + " ")), "")
    skip = len(head.split()) if head else 1
    out = [words[0][:1].upper() + words[0][1:].lower()] + [w.lower() for w in words[1:skip]]
    capital_next = True
    place = False  # after "tỉnh" / "huyện" …: a place name, every word capitalised ("tỉnh Vĩnh Long")
    rest = words[skip:]
    for i, w in enumerate(rest):
        lw = w.lower()
        if place:
            out.append(lw[:1].upper() + lw[1:])
            continue
        after_acronym = bool(out) and fold(out[-1].lower()) in _ACRONYMS
        following = [fold(x) for x in rest[i + 1:]]
        unit = fold(lw) in _UNITS and (fold(lw) != "thi" or following[:1] in (["xa"], ["tran"]))
        names_place = unit and 0 < len(following) <= 4 and not set(following) & _UNITS - {"xa", "tran"}
        if unit and (after_acronym or i == len(rest) - 1 or names_place):
            out.append(lw)  # "Văn phòng UBND tỉnh", "Thanh tra tỉnh", "Cục Thi hành án dân sự tỉnh Vĩnh Long"
            capital_next = True
            place = bool(following) and fold(lw) not in ("thi", "thanh")
            continue
        if fold(lw) in _ACRONYMS or "&" in w.strip("&"):
            out.append(w)  # UBND, KH&CN
            capital_next = False
            continue
        if lw in ("và", "-", "&"):
            out.append(lw)
            capital_next = True
            continue
        if len(w) > 1 and re.fullmatch(r"[IVX]+", w):
            out.append(w)  # "Chi cục Thuế khu vực II"
            continue
        out.append(lw[:1].upper() + lw[1:] if capital_next else lw)
        capital_next = False
    return _COMPOUNDS.sub(lambda m: _COMPOUND_NAMES[fold(m.group(0))], " ".join(out))


#: Sector names written with two capitals by convention ("Sở Công Thương", from Công nghiệp + Thương mại).
_COMPOUND_NAMES = {"cong thuong": "Công Thương"}
_COMPOUNDS = re.compile(r"\bCông thương\b")


_UNIT = r"(?P<unit>tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran|dac khu)"
_HEAD_UBND = re.compile(r"^[ ]*(?:chu tich[ ]+)?(?:uy ban nhan dan|ubnd)[ ]+" + _UNIT
                        + r"[ ]+(?P<place>[a-z]+(?:[ ]+[a-z]+){0,4})[ ]*$", re.M)
_LEVELS = {"tinh": "province", "thanh pho": "province", "huyen": "district", "quan": "district",
           "thi xa": "district", "xa": "commune", "phuong": "commune", "thi tran": "commune", "dac khu": "commune"}


def _capitalised(printed: str) -> bool:
    return all(w[:1].isupper() for w in printed.split())


#: The national motto printed at the top right, beside the issuer (Nghị định 30/2020): never part of the issuer.
_MOTTO = re.compile(r"cong hoa xa hoi chu nghia viet nam|doc lap\s*[-–—]\s*tu do\s*[-–—]\s*hanh phuc")
_UBND_ALONE = re.compile(r"^\s*(?:uy ban nhan dan|ubnd)\s*$")
_UNIT_START = re.compile(r"^\s*" + _UNIT + r"\s+\S")


def header_lines(lines: list[str]) -> list[str]:
    """The lines as the issuer's block reads: the motto taken out (a header table's row or a text export may run
    it into the issuer's line: "SỞ NỘI VỤ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), and "ỦY BAN NHÂN DÂN" printed
    over "TỈNH SÓC TRĂNG" joined into one line."""
    out: list[str] = []
    for line in clean("\n".join(lines)).split("\n"):
        folded = fold_chars(line)
        parts, start = [], 0
        for m in _MOTTO.finditer(folded):
            parts.append(line[start:m.start()])
            start = m.end()
        parts.append(line[start:])
        kept = [part.strip() for part in parts if part.strip()]
        if len(parts) > 1 and not kept:
            continue  # the motto's own line
        for part in kept or [line]:
            if out and _UBND_ALONE.match(fold_chars(out[-1])) and _UNIT_START.match(fold_chars(part)):
                out[-1] = f"{out[-1].strip()} {part}"
            else:
                out.append(part)
    return out


def read_document(lines: list[str], year: int | None = None) -> PlanDocument:
    text = clean("\n".join(header_lines(lines)))
    folded = fold_chars(text)
    doc = PlanDocument()
    head_len = len("\n".join(text.split("\n")[:12]))
    head, fhead = text[:head_len], folded[:head_len]
    ubnds = [m for m in _HEAD_UBND.finditer(fhead) if _capitalised(_slice(head, fhead, m, "place"))]
    for head_ubnd in ubnds:
        if _LEVELS[head_ubnd.group("unit")] == "province":
            doc.province = proper(_slice(head, fhead, head_ubnd, "place"))
            break
    ubnd = ubnds[1] if len(ubnds) > 1 and "\n" not in fhead[ubnds[0].end() + 1:ubnds[1].start()] else (
        ubnds[0] if ubnds else None)  # "UBND HUYỆN X" above "UBND XÃ Y": the commune issues it
    body = _BODY_LINE.search(fhead, ubnd.end() if ubnd else 0)
    if body:
        doc.issuer, doc.level = body_case(_slice(head, fhead, body, "body").strip()), "department"
        named = re.search(r"\b(?:tỉnh|thành phố) (?P<place>(?:[A-ZĐÀ-Ỹ]\w*(?: |$)){1,4})$", doc.issuer)
        if named and not doc.province:  # "Văn phòng UBND tỉnh Vĩnh Long": the body names its province
            doc.province = named.group("place").strip()
    elif ubnd:
        unit = _slice(head, fhead, ubnd, "unit").lower()
        doc.issuer = f"Ủy ban nhân dân {unit} {proper(_slice(head, fhead, ubnd, 'place'))}"
        doc.level = _LEVELS[ubnd.group("unit")]
        if ubnd is not ubnds[0] and doc.level == "province":
            doc.level = "district"  # "UBND TỈNH LÂM ĐỒNG" above "UBND THÀNH PHỐ BẢO LỘC": a city of the province
    else:
        for pattern in _ISSUERS:  # the issuer named in running text: "UBND tỉnh Sóc Trăng ban hành Kế hoạch"
            m: re.Match[str] | None = next(
                (m for m in pattern.finditer(folded) if _capitalised(_slice(text, folded, m, "place"))), None)
            if m:
                place = proper(_slice(text, folded, m, "place"))
                kind = "tỉnh" if "thanh pho" not in m.group(0) else "thành phố"
                doc.issuer, doc.level, doc.province = f"Ủy ban nhân dân {kind} {place}", "province", place
                break
        if not doc.issuer:
            m = _OF_BODY.search(folded)
            if m:
                doc.issuer, doc.level = body_case(_slice(text, folded, m, "body")), "department"
    if not doc.province:
        m = _PLACE_DATE.search(folded)
        lower_unit = m and re.search(r"\b(?:huyen|xa|phuong|quan|thi xa|thi tran)\s+" + re.escape(m.group("place")) + r"\b",
                                     folded)
        if m and not lower_unit:  # "Châu Thành, ngày …" of "huyện Châu Thành" names a district, not the province
            doc.province = proper(_slice(text, folded, m, "place"))
    doc.title = _title(text)
    found = _YEAR.search(fold(doc.title)) if doc.title else None
    doc.year = year or (int(found.group(1)) if found else _year_anywhere(folded))
    return doc


def _title(text: str) -> str:
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    for i, line in enumerate(lines):
        key = fold(line)
        if key == "ke hoach" and i + 1 < len(lines):
            following = lines[i + 1]
            return following if fold(following).startswith("ke hoach ") else f"{line} {following}"
        if key.startswith("ke hoach ") and len(line) < 250 and line[:8].isupper():
            return line
    return ""


def _year_anywhere(folded: str) -> int | None:
    years = re.findall(r"\bnam\s+(20\d\d)\b", folded)
    return int(max(set(years), key=years.count)) if years else None
