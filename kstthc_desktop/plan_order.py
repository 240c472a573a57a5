"""The order of a plan's tasks and sections, and where a move puts them: pure functions on lists of ``Task`` and
``Section``, shared by the stored plan (``operations.plan_moves``) and the plan in the import preview.

A task moves as a *unit*: its row and the rows continuing it (``sub`` > 0, "III.5(2)"). Moving up or down swaps it
with the neighbouring unit of the same section; the printed numbers stay with the places, so the two tasks
exchange their STT and the numbers still read 1, 2, 3 down the section (``renumber=False`` keeps each task's own).
A task moved to another section goes after that section's last task and takes the next number there; the section
it left closes the gap when its tasks were numbered 1…n.

A section moves with the sections under it (a group and its sections); the tasks follow their sections' order.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kstthc_desktop.domain import Section, Task
from kstthc_desktop.errors import UserError


@dataclass
class TaskMove:
    """A move's outcome: the tasks' new order (as old indexes), new STT and sections by old index."""

    order: list[int]
    stt: dict[int, str] = field(default_factory=dict)
    section: dict[int, str] = field(default_factory=dict)


def task_units(tasks: list[Task]) -> list[list[int]]:
    """The tasks' indexes grouped by unit: a row with the rows continuing it (same section and STT, sub > 0)."""
    units: list[list[int]] = []
    for i, task in enumerate(tasks):
        previous = tasks[units[-1][0]] if units else None
        if task.sub and previous is not None and previous.section == task.section and previous.stt == task.stt:
            units[-1].append(i)
        else:
            units.append([i])
    return units


def _unit_of(units: list[list[int]], index: int) -> int:
    return next(u for u, unit in enumerate(units) if index in unit)


def _section_name(sections: list[Section], code: str) -> str:
    section = next((s for s in sections if s.code == code), None)
    return f"«{section.printed_code or section.code}. {section.title}»" if section else "này"


def step_task(tasks: list[Task], index: int, step: int, sections: list[Section] = (),  # type: ignore[assignment]
              *, renumber: bool = True) -> TaskMove:
    """Move task ``index`` (with its continuation rows) one place up (``step`` -1) or down (+1) in its section."""
    units = task_units(tasks)
    u = _unit_of(units, index)
    section = tasks[units[u][0]].section
    others = range(u - 1, -1, -1) if step < 0 else range(u + 1, len(units))
    v = next((o for o in others if tasks[units[o][0]].section == section), None)
    if v is None:
        where = "đầu" if step < 0 else "cuối"
        raise UserError(f"Nhiệm vụ đã ở {where} mục {_section_name(list(sections), section)}, không chuyển "
                        f"{'lên' if step < 0 else 'xuống'} được nữa.")
    moved = TaskMove(order=[])
    mine, theirs = tasks[units[u][0]].stt, tasks[units[v][0]].stt
    if renumber and mine and theirs and mine != theirs:  # the numbers stay with the places
        moved.stt = {i: theirs for i in units[u]} | {i: mine for i in units[v]}
    units[u], units[v] = units[v], units[u]
    moved.order = [i for unit in units for i in unit]
    return moved


def _numbers(tasks: list[Task], units: list[list[int]]) -> list[int] | None:
    """The units' STT as whole numbers, or None when one is not ("2a", "")."""
    stts = [tasks[unit[0]].stt.strip() for unit in units]
    return [int(s) for s in stts] if all(s.isdigit() for s in stts) else None


def task_to_section(tasks: list[Task], index: int, target: str, sections: list[Section], *,
                    renumber: bool = True) -> TaskMove:
    """Move task ``index`` (with its continuation rows) after the last task of section ``target``."""
    if target not in {s.code for s in sections}:
        raise UserError(f"Kế hoạch không có mục «{target}».")
    units = task_units(tasks)
    u = _unit_of(units, index)
    unit = units.pop(u)
    source = tasks[unit[0]].section
    if source == target:
        raise UserError(f"Nhiệm vụ đã ở mục {_section_name(sections, target)}.")
    rank = {s.code: i for i, s in enumerate(section_tree_order(sections))}
    place = 0  # after the last unit of the target or of a section before it; else first
    for o, other in enumerate(units):
        if rank.get(tasks[other[0]].section, -1) <= rank[target]:
            place = o + 1
    units.insert(place, unit)
    moved = TaskMove(order=[i for group in units for i in group], section={i: target for i in unit})
    if renumber:
        _renumber_after(tasks, units, unit, source, target, moved)
    return moved


def _renumber_after(tasks: list[Task], units: list[list[int]], unit: list[int], source: str, target: str,
                    moved: TaskMove) -> None:
    """The moved task takes the next number of its new section; its old section, numbered 1…n, closes the gap."""
    target_units = [g for g in units if g is not unit and tasks[g[0]].section == target]
    numbers = _numbers(tasks, target_units)
    if numbers is not None:
        moved.stt.update({i: str(max(numbers, default=0) + 1) for i in unit})
    left = [g for g in units if g is not unit and tasks[g[0]].section == source]
    before = sorted([*left, unit], key=lambda g: g[0])  # the old section as it was, in plan order
    if _numbers(tasks, before) == list(range(1, len(before) + 1)):
        for n, group in enumerate(left, start=1):
            if tasks[group[0]].stt != str(n):
                moved.stt.update({i: str(n) for i in group})


# ---------------------------------------------------------------------------------------------- sections
def _children(sections: list[Section]) -> dict[str | None, list[Section]]:
    """Sections by parent code (None: top level; a parent not in the plan counts as top level)."""
    codes = {s.code for s in sections}
    tree: dict[str | None, list[Section]] = {}
    for s in sections:
        tree.setdefault(s.parent if s.parent in codes else None, []).append(s)
    return tree


def _flatten(tree: dict[str | None, list[Section]]) -> list[Section]:
    return [s for top in tree.get(None, []) for s in (top, *tree.get(top.code, []))]


def section_tree_order(sections: list[Section]) -> list[Section]:
    """The sections as the tree shows them: each top-level section followed by the sections under it."""
    return _flatten(_children(sections))


def _find(sections: list[Section], code: str) -> Section:
    found = next((s for s in sections if s.code == code), None)
    if found is None:
        raise UserError(f"Kế hoạch không có mục «{code}».")
    return found


def step_section(sections: list[Section], code: str, step: int) -> list[Section]:
    """The sections after moving ``code`` (with the sections under it) one place up or down among its siblings."""
    tree = _children(sections)
    section = _find(sections, code)
    parent = section.parent if any(s.code == section.parent for s in sections) else None
    siblings = tree[parent]
    i = siblings.index(section)
    j = i + (1 if step > 0 else -1)
    if not 0 <= j < len(siblings):
        where = "đầu" if step < 0 else "cuối"
        raise UserError(f"Mục {_section_name(sections, code)} đã ở {where} {'nhóm' if parent else 'kế hoạch'}, "
                        f"không chuyển {'lên' if step < 0 else 'xuống'} được nữa.")
    siblings[i], siblings[j] = siblings[j], siblings[i]
    return _flatten(tree)


def is_group(sections: list[Section], code: str) -> bool:
    """Whether a top-level section heads sections (or is numbered as a group is: "1", "2")."""
    section = _find(sections, code)
    return not section.parent and (any(s.parent == code for s in sections)
                                   or (section.printed_code or section.code).isdigit())


def _shown(section: Section) -> str:
    return section.printed_code or section.code


def section_to_group(sections: list[Section], code: str, group: str | None) -> list[Section]:
    """The sections after moving ``code`` into group ``group`` (as its last section) or, ``group`` None, out of its
    group (right after it). The moved section is a new object; the others are the same."""
    section = _find(sections, code)
    if group is None and not section.parent:
        raise UserError(f"Mục {_section_name(sections, code)} không nằm trong nhóm nào.")
    if any(s.parent == code for s in sections):
        raise UserError(f"Mục {_section_name(sections, code)} là một nhóm có mục con: kế hoạch chỉ có hai cấp.")
    if group is not None:
        if group == code or _find(sections, group).parent:
            raise UserError(f"Mục «{group}» không phải là một nhóm mục.")
        if section.parent == group:
            raise UserError(f"Mục {_section_name(sections, code)} đã ở trong nhóm này.")
    siblings = [s for s in sections if (s.parent or None) == group and s.code != code]
    if any(_shown(s) == _shown(section) for s in siblings):
        raise UserError(f"{'Nhóm' if group else 'Kế hoạch'} đã có mục số «{_shown(section)}»: hãy đổi số mục "
                        "trước khi chuyển.")
    tree = _children([s for s in sections if s.code != code])
    new = replace(section, parent=group)
    if group is not None:
        tree.setdefault(group, []).append(new)
    else:
        tops = tree.setdefault(None, [])
        old_group = next((i for i, s in enumerate(tops) if s.code == section.parent), len(tops) - 1)
        tops.insert(old_group + 1, new)
    return _flatten(tree)


def tasks_following(tasks: list[Task], sections: list[Section]) -> list[int]:
    """The tasks' order (old indexes) once sorted by their sections' new order, each section's tasks keeping
    theirs; tasks outside any section keep their places."""
    rank = {s.code: i for i, s in enumerate(sections)}
    placed = [i for i, t in enumerate(tasks) if t.section in rank]
    sorted_placed = iter(sorted(placed, key=lambda i: (rank[tasks[i].section], i)))
    inside = set(placed)
    return [next(sorted_placed) if i in inside else i for i in range(len(tasks))]


def apply_to_plan_tasks(tasks: list[Task], moved: TaskMove) -> list[Task]:
    """The in-memory tasks in their new order with their new STT and sections (the import preview's plan)."""
    for index, stt in moved.stt.items():
        tasks[index].stt = stt
    for index, code in moved.section.items():
        tasks[index].section = code
    return [tasks[i] for i in moved.order]


def place_section(sections: list[Section], code: str, parent: str | None, before: str | None) -> list[Section]:
    """The sections after putting ``code`` (with the sections under it) under ``parent`` (None: top level) just
    before its section ``before`` (None: last) — a section dragged in the tree. The same refusals as the menu's."""
    section = _find(sections, code)
    if before == code:
        raise UserError(f"Mục {_section_name(sections, code)} đã ở chỗ này.")
    if (section.parent or None) != parent:
        if parent is not None and _find(sections, parent).parent:
            raise UserError(f"Mục «{parent}» không phải là một nhóm mục.")
        if parent is not None and any(s.parent == code for s in sections):
            raise UserError(f"Mục {_section_name(sections, code)} là một nhóm có mục con: kế hoạch chỉ có hai cấp.")
        if any(_shown(s) == _shown(section) for s in sections if (s.parent or None) == parent and s.code != code):
            raise UserError(f"{'Nhóm' if parent else 'Kế hoạch'} đã có mục số «{_shown(section)}»: hãy đổi số mục "
                            "trước khi chuyển.")
    tree = _children(sections)
    for group in tree.values():  # out of its old place; the sections under it stay under it (by its code)
        if section in group:
            group.remove(section)
    siblings = tree.setdefault(parent, [])
    index = next((i for i, s in enumerate(siblings) if s.code == before), len(siblings))
    siblings.insert(index, replace(section, parent=parent))
    new = _flatten(tree)
    if [(s.code, s.parent) for s in new] == [(s.code, s.parent) for s in section_tree_order(sections)]:
        raise UserError(f"Mục {_section_name(sections, code)} đã ở chỗ này.")
    return new
