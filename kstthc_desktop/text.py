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


# Control characters: Word's manual line break is a vertical tab in plain text, its page break a form feed; NUL, BEL
# and the rest come from broken exports. Excel cannot store any of them (a report listing such a task would fail),
# and they mean nothing to an officer. U+FFFE / U+FFFF and lone surrogates are not XML characters either.
_LINE_BREAKS = re.compile(r"\r\n?|[\v\f\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def clean_control(text: str | None) -> str:
    r"""``text`` without control characters: line and page breaks (vertical tab, form feed, CR, CR LF, Unicode line
    separators) become newlines; other C0 controls (NUL, BEL, …) and non-characters are removed; TAB and newline
    stay. For every text that comes from outside: imported files, pastes, typing, units' returns.

    >>> clean_control("Dòng 1\vDòng 2\x07\x00")
    'Dòng 1\nDòng 2'
    """
    if not text:
        return ""
    text = str(text)
    if text.isprintable():  # the usual case: nothing to do (isprintable is False for any control, TAB, newline)
        return text
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\n", text))


def clean(text: str | None) -> str:
    """NFC, control characters cleaned (``clean_control``), runs of spaces folded to one, spaces trimmed at each
    line's ends; newlines kept."""
    lines = [_fold_spaces(line).strip() for line in clean_control(nfc(text)).split("\n")]
    return "\n".join(line for line in lines if line)


_ODD_SPACES = re.compile(r"[\t\u00a0\u2000-\u200b\u202f\u3000]|  ")


def _fold_spaces(line: str) -> str:
    """Runs of spaces as one; a line with none to fold is returned as is (most lines: no substitution per space)."""
    return _SPACES.sub(" ", line) if _ODD_SPACES.search(line) else line


def fold(text: str | None) -> str:
    """A key for matching: lower case, no diacritics (đ → d), whitespace folded to single spaces.

    >>> fold("  Thường  XUYÊN ") == fold("thuong xuyen")
    True
    """
    decomposed = unicodedata.normalize("NFD", nfc(text).translate(_FOLD_TABLE))
    stripped = decomposed.translate(_NO_MARKS)
    return " ".join(stripped.casefold().translate(_FOLD_TABLE).split())


class _Marks(dict[int, int | None]):
    """A ``str.translate`` table that deletes combining marks, filled one character at a time as met (a few
    hundred in all): several times quicker than testing ``unicodedata.combining`` on every character."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_NO_MARKS = _Marks()


def contains_folded(haystack: str | None, needle: str | None) -> bool:
    """True when ``needle`` occurs in ``haystack`` ignoring case and diacritics."""
    return fold(needle) in fold(haystack)


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, then the tones
# (none, huyền, sắc, hỏi, ngã, nặng) only between words otherwise equal. In NFD a letter with a vowel mark is the base
# letter followed by the mark; the marks (and đ's) become characters above any that can follow a letter, so "ăn"
# sorts after "az" and before "b". Tone marks are dropped from the first key and ranked in the second.
_VOWEL_MARKS = (("\u0306", "\U0010fff1"), ("\u0302", "\U0010fff2"), ("\u031b", "\U0010fff3"), ("đ", "d\U0010fff1"))
_TONE_RANKS = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
_TONE = re.compile("[\u0300\u0301\u0309\u0303\u0323]")


def vi_sort_key(text: str | None) -> tuple[str, tuple[tuple[int, int], ...], str]:
    """A key that sorts Vietnamese text in dictionary order, ignoring case: base letters first ("Đề xuất" after
    "Dự thảo", before "Xây dựng"; "ă", "â" after "a"), then tones, then the text itself (a stable tie-break).

    >>> sorted(["Xây dựng", "Đề xuất", "Dự thảo", "Ban hành"], key=vi_sort_key)
    ['Ban hành', 'Dự thảo', 'Đề xuất', 'Xây dựng']
    """
    flat = " ".join(nfc(text).split())
    decomposed = unicodedata.normalize("NFD", flat.casefold())
    letters = _TONE.sub("", decomposed)
    for mark, rank in _VOWEL_MARKS:  # str.replace: several times quicker than translate or a regex per letter
        if mark in letters:
            letters = letters.replace(mark, rank)
    # Tones as (-position, rank): compared only when the letters are equal, so positions line up; the first tone
    # that differs decides, and an unmarked letter (the other text's tone comes later: a smaller -position) first.
    tones = tuple((-m.start(), _TONE_RANKS[m.group()]) for m in _TONE.finditer(decomposed))
    return letters, tones, flat
