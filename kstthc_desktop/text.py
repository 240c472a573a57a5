"""Vietnamese text helpers: every input is normalised to NFC; matching ignores case and diacritics.

Plans arrive typed on many machines: decomposed Unicode (NFD), text without diacritics, "đ" written
as "d", stray spaces. Storing NFC and comparing folded keys makes all of them meet.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})


def nfc(text: str | None) -> str:
    """Return ``text`` in NFC (empty string for None)."""
    if not text:
        return ""
    return unicodedata.normalize("NFC", str(text))


def clean(text: str | None) -> str:
    """NFC, runs of spaces folded to one, spaces trimmed at each line's ends; newlines kept."""
    lines = [_SPACES.sub(" ", line).strip() for line in nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line)


def fold(text: str | None) -> str:
    """A key for matching: lower case, no diacritics (đ → d), whitespace folded to single spaces.

    >>> fold("  Thường  XUYÊN ") == fold("thuong xuyen")
    True
    """
    decomposed = unicodedata.normalize("NFD", nfc(text).translate(_FOLD_TABLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().translate(_FOLD_TABLE).split())


def contains_folded(haystack: str | None, needle: str | None) -> bool:
    """True when ``needle`` occurs in ``haystack`` ignoring case and diacritics."""
    return fold(needle) in fold(haystack)
