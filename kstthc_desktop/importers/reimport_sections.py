"""Re-import of a plan's sections: the file's sections merged with the ones the officer corrected by hand.

Sections are matched by code ("II", "1.II" under group "1"), so a matched section keeps its row id. What the
officer changed is told apart from what the last import wrote by that import's own list of sections (history:
entity "plan", field "sections", its ``new``): a stored title that differs from the last file's is the officer's
rename; a stored section the last file did not have was added by the officer; a section of the last file no longer
stored was deleted by the officer. For each, the officer's version wins unless the new file changed the same thing
too — then it is a ``Conflict`` the officer decides (``take_file``), kept theirs by default. ``merge`` only reads;
``write`` applies a merge inside the caller's transaction, each row's change in history (entity "section").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kstthc_desktop.domain import Section
from kstthc_desktop.text import clean

if TYPE_CHECKING:
    from kstthc_desktop.store import Store

#: The section fields a file and the officer may both change, with their Vietnamese names.
FIELDS = {"title": "tên mục", "printed_code": "số mục in", "parent": "nhóm mục"}
DELETED = "deleted"  # a conflict's field: the officer deleted a section the new file still has


@dataclass
class Conflict:
    """One thing the officer and the new file both changed, differently; ``key`` names it in ``take_file``."""

    key: str
    where: str  # "Mục II" / "Nhiệm vụ 1.2 …"
    what: str  # the field in Vietnamese ("tên mục", "nội dung")
    officer: str  # the officer's version, as shown
    file: str  # the new file's version, as shown

    def line(self, take_file: bool = False) -> str:
        """One Vietnamese line saying which version the re-import keeps."""
        if self.key.endswith(f":{DELETED}"):
            if take_file:
                return f"  ~ {self.where}: thêm lại theo tệp mới «{self.file}» (cán bộ đã xóa mục này)"
            return f"  = {self.where}: cán bộ đã xóa, không thêm lại (tệp mới vẫn có «{self.file}»)"
        if take_file:
            return f"  ~ {self.where}: lấy {self.what} theo tệp mới «{self.file}» (thay bản đã sửa «{self.officer}»)"
        return f"  = {self.where}: giữ {self.what} do cán bộ đã sửa «{self.officer}» (tệp mới ghi «{self.file}»)"


@dataclass
class SectionEdit:
    """What the merge does to one stored section (or a new one), for the list of changes shown before saving."""

    where: str  # "Mục 1.I"
    how: str  # "đổi" / "thêm mới" / "bỏ"
    fields: list[tuple[str, str, str]]  # (the field in Vietnamese, value before, value after)


@dataclass
class SectionMerge:
    """The sections after a re-import, in order (a stored one with its id), and what the officer must decide."""

    sections: list[Section] = field(default_factory=list)
    removed: list[Section] = field(default_factory=list)  # stored rows the new file drops (no task names them)
    conflicts: list[Conflict] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # Vietnamese lines: the officer's edits kept without a question
    changed: bool = False
    edits: list[SectionEdit] = field(default_factory=list)  # each section written differently (order aside)


def _key(section: Section) -> str:
    return clean(section.code)


def _value(section: Section, name: str) -> str:
    return clean(getattr(section, name) or "")


def last_imported(store: Store, plan_id: int) -> dict[str, dict[str, str]] | None:
    """The sections as the last import of the plan wrote them, by code; None when no import recorded them."""
    row = store.conn.execute("select new from history where entity = 'plan' and entity_id = ? and field = 'sections' "
                             "order by id desc limit 1", [plan_id]).fetchone()
    if row is None or not row[0]:
        return None
    try:
        items = json.loads(row[0])
    except ValueError:
        return None
    out: dict[str, dict[str, str]] = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            out[clean(item.get("code") or "")] = {k: clean(item.get(k) or "") for k in FIELDS if k in item}
        elif isinstance(item, list) and len(item) >= 2:  # older records: [code, title]
            out[clean(item[0] or "")] = {"title": clean(item[1] or "")}
    return out


def imported_record(sections: list[Section]) -> list[dict[str, str]]:
    """What an import writes to history as the file's sections (read back by ``last_imported``)."""
    return [{"code": _key(s), **{k: _value(s, k) for k in FIELDS}} for s in sections]


def merge(store: Store, plan_id: int, stored: list[Section], new: list[Section], take_file: set[str],
          used: set[str] | None = None) -> SectionMerge:
    """The plan's sections once ``new`` (the file's) is merged with ``stored`` (the officer's); reads only.
    ``used``: the sections the plan's tasks will name (default: those they name now)."""
    base = last_imported(store, plan_id)
    result = SectionMerge()
    by_code = {_key(s): s for s in stored}
    if used is None:
        used = {r[0] for r in store.conn.execute("select distinct section from tasks where plan_id = ?", [plan_id])}
    merged: dict[str, Section] = {}
    for section in new:
        code = _key(section)
        mine = by_code.get(code)
        if mine is None:
            if base is not None and code in base:  # the officer deleted it
                key = f"section:{code}:{DELETED}"
                if code in used:  # a task of the file is in it: it must exist
                    result.kept.append(f"  ~ Mục {code}: thêm lại dù cán bộ đã xóa, vì tệp mới có nhiệm vụ thuộc "
                                       "mục này")
                else:
                    result.conflicts.append(Conflict(key, f"Mục {code}", "mục đã xóa", "đã xóa", section.title))
                    if key not in take_file:
                        continue
            merged[code] = Section(code, section.title, section.parent, section.printed_code)
            continue
        before = None if base is None else base.get(code, {name: "" for name in FIELDS})  # {…""}: both added it
        if before is not None and mine.id is not None:  # a record older than the field: the officer's first change
            before = {**_first_values(store, mine.id), **before}
        merged[code] = _merge_fields(mine, section, before, take_file, result)
    order = _order(stored, new, merged, base)
    for section in stored:
        code = _key(section)
        if code in merged:
            continue
        if base is None or code in base:  # the file drops it: kept only while a task still names it
            if code in used:
                merged[code] = section
                result.kept.append(f"  = Mục {code} không còn trong tệp mới; vẫn giữ vì "
                                   "còn nhiệm vụ thuộc mục này.")
            else:
                result.removed.append(section)
        else:  # added by the officer
            merged[code] = section
    result.sections = [merged[c] for c in order if c in merged]
    result.changed = bool(result.removed) or [(s.id, *(_value(s, k) for k in ("code", *FIELDS))) for s in stored] != \
        [(s.id, *(_value(s, k) for k in ("code", *FIELDS))) for s in result.sections]
    result.edits = _edits(stored, result)
    return result


def _edits(stored: list[Section], result: SectionMerge) -> list[SectionEdit]:
    """Each section the merge adds, drops or writes with other values than ``stored`` (the officer's) has."""
    by_id = {s.id: s for s in stored if s.id is not None}
    out = []
    for section in result.sections:
        where = f"Mục {_key(section)}"
        mine = by_id.get(section.id) if section.id is not None else None
        if mine is None:
            out.append(SectionEdit(where, "thêm mới", [(FIELDS["title"], "", _value(section, "title"))]))
            continue
        fields = [(label, _value(mine, name), _value(section, name)) for name, label in FIELDS.items()
                  if _value(mine, name) != _value(section, name)]
        if fields:
            out.append(SectionEdit(where, "đổi", fields))
    out += [SectionEdit(f"Mục {_key(s)}", "bỏ", [(FIELDS["title"], _value(s, "title"), "")]) for s in result.removed]
    return out


def _first_values(store: Store, section_id: int) -> dict[str, str]:
    """Each field's value before the first change history records for the section row (for a last import whose
    record names only codes and titles: a group or printed number changed by hand is still the officer's)."""
    out: dict[str, str] = {}
    for name, old in store.conn.execute("select field, old from history where entity = 'section' and entity_id = ? "
                                        "and field != '' order by id", [section_id]):
        if name in FIELDS and name not in out:
            out[name] = clean(old or "")
    return out


def _merge_fields(mine: Section, theirs: Section, base: dict[str, str] | None, take_file: set[str],
                  result: SectionMerge) -> Section:
    """A matched section: each field the file's, unless the officer changed it (then theirs, or asked)."""
    out = Section(mine.code, mine.title, mine.parent, mine.printed_code, id=mine.id)
    code = _key(mine)
    for name, label in FIELDS.items():
        officer, file = _value(mine, name), _value(theirs, name)
        before = base.get(name, officer) if base is not None else officer
        if officer == file:
            continue
        if officer == before:  # the officer left it: the file's
            setattr(out, name, getattr(theirs, name))
        elif file == before:  # only the officer changed it
            result.kept.append(f"  = Mục {code}: giữ {label} do cán bộ đã sửa «{officer}»")
        else:
            key = f"section:{code}:{name}"
            result.conflicts.append(Conflict(key, f"Mục {code}", label, officer, file))
            if key in take_file:
                setattr(out, name, getattr(theirs, name))
    return out


def _order(stored: list[Section], new: list[Section], merged: dict[str, Section],
           base: dict[str, dict[str, str]] | None) -> list[str]:
    """Codes in the merged order: the file's order, or the officer's when the officer moved sections the file did
    not; sections only one side has come after the section they followed there."""
    stored_codes, new_codes = [_key(s) for s in stored], [_key(s) for s in new]
    both = [c for c in stored_codes if c in set(new_codes)]
    base_order = [c for c in (base or {}) if c in set(both)]
    officer_moved = base is not None and both != base_order
    primary, secondary = (stored_codes, new_codes) if officer_moved else (new_codes, stored_codes)
    order = list(primary)
    for index, code in enumerate(secondary):
        if code in order:
            continue
        before = next((c for c in reversed(secondary[:index]) if c in order), None)
        order.insert(order.index(before) + 1 if before is not None else 0, code)
    return order


def write(store: Store, plan_id: int, result: SectionMerge, new: list[Section]) -> None:
    """Make ``result`` the plan's sections inside the caller's transaction; the file's list recorded for the next
    re-import. Rows keep their ids; each change in history (entity "section")."""
    old = {r["id"]: r for r in store._query("select * from sections where plan_id = ?", [plan_id])}
    for section in result.removed:
        if section.id in old:
            store.conn.execute("delete from sections where id = ?", [section.id])
            store._history("section", section.id, "", old[section.id], None, "delete")
    for position, section in enumerate(result.sections):
        values: dict[str, Any] = {"code": _key(section), "title": _value(section, "title"),
                                  "parent": section.parent or None, "printed_code": section.printed_code or None,
                                  "position": position}
        if section.id is not None and section.id in old:
            row = old[section.id]
            changed = {k: v for k, v in values.items() if row.get(k) != v}
            store._update("sections", section.id, changed)
            for name, value in changed.items():
                store._history("section", section.id, name, row.get(name), value, "update")
        else:
            section.id = store._insert("sections", {"plan_id": plan_id, **values})
            store._history("section", section.id, "", None, {"id": section.id, "plan_id": plan_id, **values},
                           "insert")
    store._history("plan", plan_id, "sections", None, imported_record(new), "update")
