"""How an import is scored against a hand-made expectation (docs/plan-json.md), as a reusable function.

Tasks are paired by the text of content + result (not by numbering); a pair's fields are equal when equal after
folding whitespace and case and dropping trailing ". ;"; deadline kind, due date and the keys of ``every`` are
compared for tasks the expectation does not mark ambiguous. Each measure is a ratio; the weakest one is the score.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from kstthc_desktop.domain import Plan
from kstthc_desktop.task_fields import PRINTED_FIELDS

#: The fields compared: what the plan's table prints.
FIELDS = PRINTED_FIELDS
_TRAILING = re.compile(r"[\s.;,:]+$")


def norm(value: Any) -> str:
    text = " ".join(str(value if value is not None else "").split()).casefold()
    return _TRAILING.sub("", text)


def _stt(value: Any) -> str:
    return norm(value).strip(".")


def _key(task: dict[str, Any]) -> str:
    return norm(f"{task.get('content', '')} {task.get('result', '')}")


def _tasks(plan: Plan | dict[str, Any]) -> list[dict[str, Any]]:
    data = plan.to_json() if isinstance(plan, Plan) else plan
    return list(data.get("tasks") or [])


@dataclass
class Score:
    paired: float  # expected tasks that found a partner
    no_extras: float  # actual tasks that are paired (1.0: nothing invented)
    fields: float  # equal fields over all compared fields of the pairs
    deadlines: float  # equal deadline readings over pairs not marked ambiguous
    problems: list[str] = field(default_factory=list)

    @property
    def weakest(self) -> float:
        return min(self.paired, self.no_extras, self.fields, self.deadlines)

    def measures(self) -> dict[str, float]:
        return {"paired": self.paired, "no_extras": self.no_extras, "fields": self.fields, "deadlines": self.deadlines}

    def __str__(self) -> str:
        head = ", ".join(f"{k}={v:.3f}" for k, v in self.measures().items())
        return head + "".join(f"\n  - {p}" for p in self.problems)


def pair_tasks(actual: list[dict[str, Any]], expected: list[dict[str, Any]], threshold: float = 0.6) -> list[tuple[int, int]]:
    """(actual index, expected index) pairs: equal texts first, then the most similar remaining ones."""
    return pair_by_text([_key(t) for t in actual], [_key(t) for t in expected], threshold)


def pair_by_text(keys_a: list[str], keys_e: list[str], threshold: float) -> list[tuple[int, int]]:
    """Pair two lists of texts: equal ones in order first, then greedily by difflib ratio above ``threshold``."""
    pairs: list[tuple[int, int]] = []
    free_a = set(range(len(keys_a)))
    unpaired_e = []
    for e, key in enumerate(keys_e):
        a = next((a for a in sorted(free_a) if keys_a[a] == key), None)
        if a is None:
            unpaired_e.append(e)
        else:
            pairs.append((a, e))
            free_a.discard(a)
    candidates = []
    for e in unpaired_e:
        for a in free_a:
            matcher = difflib.SequenceMatcher(None, keys_a[a], keys_e[e], autojunk=False)
            if matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold:
                ratio = matcher.ratio()
                if ratio >= threshold:
                    candidates.append((ratio, a, e))
    used_e: set[int] = set()
    for _ratio, a, e in sorted(candidates, reverse=True):
        if a in free_a and e not in used_e:
            pairs.append((a, e))
            free_a.discard(a)
            used_e.add(e)
    return sorted(pairs, key=lambda p: p[1])


def _deadline_equal(a: dict[str, Any] | None, e: dict[str, Any] | None) -> bool:
    a, e = a or {}, e or {}
    return (a.get("kind") == e.get("kind") and (a.get("due") or None) == (e.get("due") or None)
            and set((a.get("every") or {}).keys()) == set((e.get("every") or {}).keys()))


def compare_plans(actual: Plan | dict[str, Any], expected: Plan | dict[str, Any]) -> Score:
    a_tasks, e_tasks = _tasks(actual), _tasks(expected)
    pairs = pair_tasks(a_tasks, e_tasks)
    problems: list[str] = []
    paired_e = {e for _, e in pairs}
    paired_a = {a for a, _ in pairs}
    for e, task in enumerate(e_tasks):
        if e not in paired_e:
            problems.append(f"expected task not found: {task.get('section')}/{task.get('stt')}/{task.get('sub')} "
                            f"{task.get('content', '')[:60]!r} / {task.get('result', '')[:40]!r}")
    for a, task in enumerate(a_tasks):
        if a not in paired_a:
            problems.append(f"extra task: {task.get('section')}/{task.get('stt')} {task.get('content', '')[:60]!r} "
                            f"/ {task.get('result', '')[:40]!r}")
    equal = total = 0
    d_equal = d_total = 0
    for a, e in pairs:
        at, et = a_tasks[a], e_tasks[e]
        for name in FIELDS:
            total += 1
            same = _stt(at.get(name)) == _stt(et.get(name)) if name in ("stt", "section") else \
                norm(at.get(name)) == norm(et.get(name))
            if same:
                equal += 1
            else:
                problems.append(f"{et.get('section')}/{et.get('stt')}/{et.get('sub')} {name}: "
                                f"got {str(at.get(name))[:70]!r}, expected {str(et.get(name))[:70]!r}")
        if not et.get("ambiguous"):
            d_total += 1
            if _deadline_equal(at.get("deadline"), et.get("deadline")):
                d_equal += 1
            else:
                problems.append(f"{et.get('section')}/{et.get('stt')}/{et.get('sub')} deadline of "
                                f"{et.get('deadline_text', '')[:40]!r}: got {at.get('deadline')}, "
                                f"expected {et.get('deadline')}")
    return Score(
        paired=len(pairs) / len(e_tasks) if e_tasks else 1.0,
        no_extras=len(paired_a) / len(a_tasks) if a_tasks else (1.0 if not e_tasks else 0.0),
        fields=equal / total if total else (1.0 if not e_tasks else 0.0),
        deadlines=d_equal / d_total if d_total else 1.0,
        problems=problems,
    )
