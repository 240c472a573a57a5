"""Form definitions: which figures a form has, their labels and column numbers, identities, and sentences.

A definition is a JSON file in ``resources/forms/`` (``ho-so-tthc.json`` is Biểu số 06/VPCP/KSTT). The reader
matches an export's headings with each column's ``words`` and each group's ``words`` (folded: no case, no
diacritics), so teaching the program a new heading is adding a word to a file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from kstthc_desktop.paths import resource
from kstthc_desktop.text import fold

#: The dossier form (Biểu 06) and the typed-in form of other figures.
DOSSIERS = "ho-so-tthc"
OTHER = "so-lieu-khac"
FORM_IDS = (DOSSIERS, OTHER)


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    group: str
    number: int | None = None  # the column's number in the printed form, "(3)"
    words: tuple[str, ...] = ()
    short: str = ""  # a column heading where room is short ("Trực tuyến")


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Identity:
    """``total`` = sum of ``parts`` − sum of ``minus``; ``usually``: may be broken by a real export (not an error)."""

    total: str
    parts: tuple[str, ...]
    minus: tuple[str, ...] = ()
    usually: bool = False

    def holds(self, values: dict[str, int]) -> bool:
        if self.total not in values or any(k not in values for k in (*self.parts, *self.minus)):
            return True  # a figure the reading does not have is not a broken identity
        return values[self.total] == sum(values[k] for k in self.parts) - sum(values[k] for k in self.minus)


@dataclass(frozen=True)
class Rate:
    key: str
    label: str
    of: tuple[str, ...]
    over: tuple[str, ...]

    def value(self, values: dict[str, int]) -> float | None:
        """The share in per cent, or None when the denominator is zero."""
        den = sum(values.get(k, 0) for k in self.over)
        return None if den == 0 else 100.0 * sum(values.get(k, 0) for k in self.of) / den


@dataclass(frozen=True)
class Form:
    id: str
    kind: str  # "rows": one row per field and a total (Biểu 06); "fields": one value per figure
    code: str
    title: str
    basis: str = ""
    unit_label: str = ""
    row_label: str = ""
    row_words: tuple[str, ...] = ()
    total_words: tuple[str, ...] = ()
    ignore_words: tuple[str, ...] = ()
    abbreviations: tuple[tuple[str, str], ...] = ()  # folded short word → folded words ("gq" → "giai quyet")
    groups: tuple[Group, ...] = ()
    columns: tuple[Column, ...] = ()
    identities: tuple[Identity, ...] = ()
    carry: tuple[str, str] | None = None  # (figure of the previous period, figure it becomes)
    rates: tuple[Rate, ...] = ()
    sentences: tuple[str, ...] = field(default=())

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def group_label(self, key: str) -> str:
        return next((g.label for g in self.groups if g.key == key), "")


def _words(items: list[str] | None) -> tuple[str, ...]:
    return tuple(fold(w) for w in items or ())


def parse_form(data: dict[str, Any]) -> Form:
    """A form from its JSON definition (folded match words, typed parts)."""
    carry = data.get("carry")
    return Form(
        id=data["id"],
        kind=data.get("kind", "rows"),
        code=data.get("code", ""),
        title=data.get("title", ""),
        basis=data.get("basis", ""),
        unit_label=data.get("unit_label", ""),
        row_label=data.get("row_label", ""),
        row_words=_words(data.get("row_words")),
        total_words=_words(data.get("total_words")),
        ignore_words=_words(data.get("ignore_words")),
        abbreviations=tuple((fold(k), fold(v)) for k, v in data.get("abbreviations", {}).items()),
        groups=tuple(Group(g["key"], g["label"], _words(g.get("words"))) for g in data.get("groups", ())),
        columns=tuple(Column(c["key"], c["label"], c.get("group", ""), c.get("number"), _words(c.get("words")),
                             c.get("short", ""))
                      for c in data["columns"]),
        identities=tuple(Identity(i["total"], tuple(i["parts"]), tuple(i.get("minus", ())), bool(i.get("usually")))
                         for i in data.get("identities", ())),
        carry=(carry["from"], carry["to"]) if carry else None,
        rates=tuple(Rate(r["key"], r["label"], tuple(r["of"]), tuple(r["over"])) for r in data.get("rates", ())),
        sentences=tuple(data.get("sentences", ())),
    )


@cache
def load_form(form_id: str) -> Form:
    """The shipped definition of ``form_id`` (``resources/forms/<id>.json``)."""
    path = resource("forms", f"{form_id}.json")
    return parse_form(json.loads(path.read_text(encoding="utf-8")))
