"""Bodies named in the lead / cooperate cells of a plan, each named once.

A cell lists several bodies separated by ";", new lines, "- " list marks or commas. A comma followed by a
lower-case word continues the same name ("UBND các huyện, thị xã, thành phố"), so it does not split there.
"""

from __future__ import annotations

import re

from kstthc_desktop.text import clean, fold

_HARD = re.compile(r"[;\n]+")
_LIST_MARK = re.compile(r"^\s*[-–•+*]\s*")
# "Sở A chủ trì, phối hợp với Sở B": two bodies in one sentence.
_COOPERATION = re.compile(r"\s*,?\s*(?:chủ trì,?\s*)?phối hợp(?:\s+với)?\s+", re.IGNORECASE)
_TRAILING = re.compile(r"\s+(?:chủ trì|chủ tri|tham mưu|thực hiện)\s*$", re.IGNORECASE)


def split_bodies(cell: str | None) -> list[str]:
    """The body names in a lead or cooperate cell, in order, each once (compared ignoring case and diacritics).

    >>> split_bodies("Sở Tư pháp; Văn phòng UBND tỉnh, Sở Nội vụ")
    ['Sở Tư pháp', 'Văn phòng UBND tỉnh', 'Sở Nội vụ']
    >>> split_bodies("UBND các huyện, thị xã, thành phố")
    ['UBND các huyện, thị xã, thành phố']
    >>> split_bodies("Sở Thông tin và Truyền thông chủ trì, phối hợp với các sở, ngành")
    ['Sở Thông tin và Truyền thông', 'các sở, ngành']
    """
    names: list[str] = []
    seen: set[str] = set()
    chunks = [part for chunk in _HARD.split(clean(cell)) for part in _COOPERATION.split(_LIST_MARK.sub("", chunk))]
    for chunk in chunks:
        parts: list[str] = []
        for piece in chunk.split(","):
            piece = piece.strip(" .…")
            if not piece:
                continue
            if parts and not piece[0].isupper() and not piece.lower().startswith("các "):
                parts[-1] = f"{parts[-1]}, {piece}"
            else:
                parts.append(piece)
        for name in parts:
            name = _TRAILING.sub("", name.strip(" .:…")).strip()
            key = fold(name)
            if key and key not in seen:
                seen.add(key)
                names.append(name)
    return names
