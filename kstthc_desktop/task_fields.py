"""A task's fields, declared once: the name (``domain.Task`` attribute and plan-JSON key), what the officer calls
it, the import column that fills it, the store columns that keep it, and where it comes from.

The tables that used to be written out by hand are read from here: the import wizard's column roles, the names in
a re-import's summary and in a task's history, the importer's roles, the fields a re-import may change and the
fields an import is scored on. A new task field: add it to ``domain.Task``, the store's schema and ``TASK_FIELDS``
(a test checks the three agree).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Source(enum.Enum):
    """Where a field's value comes from, which decides what a re-import may overwrite."""

    PRINTED = "printed"  # a cell of the plan's table
    IMPORT = "import"  # the importer's reading of the plan (deadline, doubts, unknown columns)
    OFFICER = "officer"  # what the officer adds; a re-import keeps it
    PROGRAM = "program"  # kept by the program for its own use


@dataclass(frozen=True)
class TaskField:
    """One field of a task. ``label``: short, for table headings and sentences ("Chủ trì"); ``heading``: as a
    plan prints it or a form names it ("Cơ quan chủ trì"); ``role``: the import column role that fills it;
    ``columns``: the store's columns (the name itself unless given); ``text``: kept as cleaned text."""

    name: str
    label: str
    source: Source
    heading: str = ""
    role: str | None = None
    columns: tuple[str, ...] = ()
    text: bool = False

    @property
    def title(self) -> str:
        return self.heading or self.label

    @property
    def store_columns(self) -> tuple[str, ...]:
        return self.columns or (self.name,)

    @property
    def in_sentence(self) -> str:
        """The label inside a sentence: "đổi thời hạn"."""
        return self.label.lower()


P, I, O, G = Source.PRINTED, Source.IMPORT, Source.OFFICER, Source.PROGRAM

#: In the order a plan prints them, then the importer's, the officer's and the program's.
TASK_FIELDS: tuple[TaskField, ...] = (
    TaskField("section", "Mục", P, text=True),
    TaskField("stt", "Số thứ tự", P, role="stt", text=True),
    TaskField("sub", "Ý con", P),
    TaskField("content", "Nội dung", P, heading="Nội dung công việc", role="content", text=True),
    TaskField("result", "Kết quả", P, heading="Kết quả / sản phẩm", role="result", text=True),
    TaskField("lead", "Chủ trì", P, heading="Cơ quan chủ trì", role="lead", text=True),
    TaskField("cooperate", "Phối hợp", P, heading="Cơ quan phối hợp", role="cooperate", text=True),
    TaskField("deadline_text", "Thời hạn", P, heading="Thời gian thực hiện", role="deadline", text=True),
    TaskField("note", "Ghi chú", P, role="note", text=True),
    TaskField("deadline", "Cách hiểu thời hạn", I,
              columns=("deadline_kind", "deadline_due", "deadline_every", "deadline_within_days")),
    TaskField("ambiguous", "Cần xem lại", I),
    TaskField("why", "Lý do cần xem lại", I, text=True),
    TaskField("extra", "Cột khác", I),
    TaskField("assignee", "Người được giao", O, text=True),
    TaskField("concern", "Liên quan", O),
    TaskField("withdrawn", "Rút khỏi kế hoạch", O),
    TaskField("source_row", "Dòng trong tệp gốc", G),
)

FIELDS_BY_NAME = {f.name: f for f in TASK_FIELDS}

#: The fields a plan's table prints: what an import is scored on against a hand-made expectation.
PRINTED_FIELDS = tuple(f.name for f in TASK_FIELDS if f.source == Source.PRINTED)
#: The fields an amended plan can change (what the officer added — assignee, concern, progress — it cannot).
PLAN_FIELDS = tuple(f.name for f in TASK_FIELDS if f.source in (Source.PRINTED, Source.IMPORT))
#: The column roles the importers fill, in the order a plan prints them.
ROLES = tuple(f.role for f in TASK_FIELDS if f.role)
#: The fields kept as cleaned text.
TEXT_FIELDS = tuple(f.name for f in TASK_FIELDS if f.text)


def field_of_role(role: str) -> TaskField:
    """The field an import column role fills ("deadline" → deadline_text)."""
    return next(f for f in TASK_FIELDS if f.role == role)


def field_label(name: str) -> str:
    """What the officer calls a field or one of its store columns ("deadline_due" → "Cách hiểu thời hạn"); an
    unknown name is shown as it is."""
    found = FIELDS_BY_NAME.get(name) or next((f for f in TASK_FIELDS if name in f.columns), None)
    return found.label if found else name
