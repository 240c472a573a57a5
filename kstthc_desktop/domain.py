"""The domain model: plain dataclasses shared by the importers, the store, the reports and the GUI.

Nothing here touches a file, a database or Qt. The JSON shape of a plan (``Plan.to_json``) is the
exchange format described in docs/plan-json.md, so that ``kstthc import --dry-run --json`` can be diffed
against a hand-made expectation.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any, NamedTuple


class DeadlineKind(str, enum.Enum):
    """How a printed deadline is read (docs/domain.md §3)."""

    CONTINUOUS = "continuous"  # thường xuyên
    PERIODIC = "periodic"  # hằng tháng / quý / năm
    DATED = "dated"  # one due date
    ON_DEMAND = "on_demand"  # khi có phát sinh, theo yêu cầu
    UNSPECIFIED = "unspecified"  # empty or no deadline at all: the officer decides

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    DeadlineKind.CONTINUOUS: "Thường xuyên",
    DeadlineKind.PERIODIC: "Định kỳ",
    DeadlineKind.DATED: "Có thời hạn",
    DeadlineKind.ON_DEMAND: "Khi phát sinh",
    DeadlineKind.UNSPECIFIED: "Chưa xác định",
}

#: Frequencies of a periodic deadline, in the order they are printed.
FREQUENCIES = ("month", "quarter", "halfyear", "year")


@dataclass(frozen=True)
class Deadline:
    """The reading of a printed deadline, exactly the ``deadline`` object of docs/plan-json.md.

    ``every`` maps a frequency (month, quarter, halfyear, year) to the stated due day of the period's
    last month, or None when no day is stated. ``within_days`` is the span of an on-demand task.
    """

    kind: DeadlineKind = DeadlineKind.UNSPECIFIED
    due: date | None = None
    every: dict[str, int | None] = field(default_factory=dict)
    within_days: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "due": self.due.isoformat() if self.due else None,
            "every": {k: self.every[k] for k in FREQUENCIES if k in self.every},
            "within_days": self.within_days,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Deadline:
        data = data or {}
        due = data.get("due")
        return cls(
            kind=DeadlineKind(data.get("kind") or "unspecified"),
            due=date.fromisoformat(due) if due else None,
            every={k: v for k, v in (data.get("every") or {}).items()},
            within_days=data.get("within_days"),
        )

    @cached_property
    def _hash(self) -> int:
        return hash((self.kind, self.due, tuple(sorted(self.every.items())), self.within_days))

    def __hash__(self) -> int:  # dict field: hash by its items; once, as a plan's tasks share their readings
        return self._hash


class Concern(str, enum.Enum):
    """How a task concerns the officer's own body (import issue §5)."""

    LEAD = "lead"
    COOPERATE = "cooperate"
    NONE = "none"
    UNKNOWN = ""

    @property
    def label(self) -> str:
        return {"lead": "Chủ trì", "cooperate": "Phối hợp", "none": "Không liên quan", "": "Chưa xác định"}[self.value]


@dataclass
class PlanDocument:
    """What the text around the table says about the plan."""

    issuer: str = ""
    level: str = ""  # "province" | "department" | "" (free text: levels change with reforms)
    province: str = ""
    year: int | None = None
    title: str = ""


@dataclass
class Section:
    """A section row of the plan ("I. Công tác chỉ đạo điều hành"), or a group of sections (``parent``)."""

    code: str
    title: str
    parent: str | None = None
    printed_code: str | None = None
    id: int | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "title": self.title}
        if self.printed_code and self.printed_code != self.code:
            data["printed_code"] = self.printed_code
        if self.parent:
            data["parent"] = self.parent
        return data


@dataclass
class Task:
    """One row (or sub-row, ``sub`` > 0) of the plan's task table, plus what the officer adds."""

    section: str = ""
    stt: str = ""
    sub: int = 0
    content: str = ""
    result: str = ""
    lead: str = ""
    cooperate: str = ""
    deadline_text: str = ""
    note: str = ""
    deadline: Deadline = field(default_factory=Deadline)
    ambiguous: bool = False
    why: str = ""
    # What the officer adds or the program keeps:
    assignee: str = ""
    concern: Concern = Concern.UNKNOWN
    withdrawn: bool = False
    extra: dict[str, str] = field(default_factory=dict)  # unknown columns, heading -> text
    source_row: int | None = None  # where the importer found it (for warnings)
    source_sheet: str = ""  # the sheet of source_row, when the plan spans sheets (import warnings only; not stored)
    id: int | None = None
    plan_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        data = {
            "section": self.section,
            "stt": self.stt,
            "sub": self.sub,
            "content": self.content,
            "result": self.result,
            "lead": self.lead,
            "cooperate": self.cooperate,
            "deadline_text": self.deadline_text,
            "note": self.note,
            "deadline": self.deadline.to_json(),
            "ambiguous": self.ambiguous,
            "why": self.why,
        }
        if self.concern != Concern.UNKNOWN:
            data["concern"] = self.concern.value
        if self.extra:
            data["extra"] = dict(self.extra)
        if self.source_row is not None:
            data["source_row"] = self.source_row
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Task:
        return cls(
            section=data.get("section") or "",
            stt=data.get("stt") or "",
            sub=int(data.get("sub") or 0),
            content=data.get("content") or "",
            result=data.get("result") or "",
            lead=data.get("lead") or "",
            cooperate=data.get("cooperate") or "",
            deadline_text=data.get("deadline_text") or "",
            note=data.get("note") or "",
            deadline=Deadline.from_json(data.get("deadline")),
            ambiguous=bool(data.get("ambiguous")),
            why=data.get("why") or "",
            concern=Concern(data.get("concern") or ""),
            extra=dict(data.get("extra") or {}),
            source_row=data.get("source_row"),
        )


@dataclass
class ImportWarning:
    """Something the importer was unsure of, pointing at the row (1-based, as the source shows it)."""

    message: str  # Vietnamese, shown to the officer
    row: int | None = None
    task_index: int | None = None  # index into Plan.tasks, when the warning is about a task
    code: str = ""  # machine-readable kind: unknown_column, merged_fragment, lost_number, deadline_unread …

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}


@dataclass
class Plan:
    """A whole plan as imported: the exchange format of docs/plan-json.md."""

    source: str = ""
    document: PlanDocument = field(default_factory=PlanDocument)
    header: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)
    id: int | None = None

    @property
    def year(self) -> int | None:
        return self.document.year

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "document": asdict(self.document),
            "header": list(self.header),
            "sections": [s.to_json() for s in self.sections],
            "tasks": [t.to_json() for t in self.tasks],
            "warnings": [w.to_json() for w in self.warnings],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Plan:
        doc = data.get("document") or {}
        return cls(
            source=data.get("source") or "",
            document=PlanDocument(**{k: doc.get(k) or "" for k in ("issuer", "level", "province", "title")},
                                  year=doc.get("year")),
            header=list(data.get("header") or []),
            sections=[
                Section(code=s["code"], title=s.get("title", ""), parent=s.get("parent"), printed_code=s.get("printed_code"))
                for s in data.get("sections") or []
            ],
            tasks=[Task.from_json(t) for t in data.get("tasks") or []],
            warnings=[ImportWarning(**w) for w in data.get("warnings") or []],
        )


@dataclass(frozen=True)
class Occurrence:
    """What is due when: one period of a periodic task, the one date of a dated task, one reporting
    period of an ongoing task, or one logged event of an on-demand task.

    ``key`` names it stably so progress entries can point at it: a period key ("2024-Q1", "2024-03",
    "2024-H1", "2024") or "event:<id>" for an on-demand event.
    """

    key: str
    label: str  # Vietnamese, e.g. "Quý I/2024"
    due: date | None = None  # as printed / computed
    effective_due: date | None = None  # rolled over weekends and holidays (Civil Code art. 148)
    start: date | None = None  # when the occurrence opens (period start, event date)


class Event(NamedTuple):
    """One logged event of an on-demand task ("khi có phát sinh"); unpacks as (id, task_id, date, text)."""

    id: int
    task_id: int
    event_date: date
    text: str


@dataclass
class ProgressEntry:
    """What the officer recorded: a dated note, the occurrence it counts for, done or not."""

    task_id: int
    entry_date: date
    text: str
    occurrence_key: str  # Occurrence.key it counts for
    done: bool = False
    id: int | None = None


@dataclass
class Evidence:
    """An official document proving a result (docs/domain.md §6)."""

    task_id: int
    number: str  # số và ký hiệu, "15/BC-SNV"
    issued: date | None
    issuer: str = ""
    summary: str = ""  # trích yếu
    progress_id: int | None = None
    file_name: str = ""  # the name the officer knows it by
    file_sha256: str = ""  # the stored copy, under the managed folder
    id: int | None = None

    def citation(self) -> str:
        """How a report cites it: "Báo cáo số 15/BC-SNV ngày 12/3/2024"."""
        from kstthc_desktop.vndates import text_date  # local: keep the model import-light

        kind = document_kind(self.number)
        head = f"{kind} số {self.number}" if kind else f"Văn bản số {self.number}"
        return f"{head} ngày {text_date(self.issued)}" if self.issued else head


_DOC_KINDS = {
    "BC": "Báo cáo",
    "QĐ": "Quyết định",
    "KH": "Kế hoạch",
    "CV": "Công văn",
    "TB": "Thông báo",
    "TTr": "Tờ trình",
    "CT": "Chỉ thị",
    "HD": "Hướng dẫn",
    "NQ": "Nghị quyết",
    "GM": "Giấy mời",
}


def document_kind(number: str) -> str:
    """The kind of an official document from its số và ký hiệu ("15/BC-SNV" → "Báo cáo")."""
    parts = (number or "").split("/")
    if len(parts) < 2:
        return ""
    code = parts[1].split("-")[0].strip()
    return _DOC_KINDS.get(code, "")


@dataclass
class HistoryEntry:
    """One change, kept forever: what changed, from what, to what, when."""

    entity: str  # "task", "progress", "evidence", "plan", "setting"
    entity_id: int | None
    field: str
    old: str | None
    new: str | None
    at: datetime
    action: str = "update"  # insert | update | delete
    id: int | None = None


@dataclass
class Settings:
    """The officer's settings, kept in the database because reports depend on them (desktop issue §5).

    Every list here is data the officer edits: bodies, levels and provinces change with reforms.
    """

    parent_body: str = ""  # "UBND TỈNH SÓC TRĂNG" (left header, first line)
    body_name: str = ""  # "SỞ KHOA HỌC VÀ CÔNG NGHỆ" (left header, bold)
    body_short: str = ""  # "SKHCN" for "Số: …/BC-SKHCN"
    my_body: str = ""  # the name as plans write it, for "my tasks": "Sở Khoa học và Công nghệ"
    # Other names that mean "us" in the body's own plan: its office and divisions ("Văn phòng Sở", "Phòng …").
    my_aliases: list[str] = field(default_factory=list)
    place_name: str = ""  # "Sóc Trăng" for the date line
    signer_authority: str = ""  # "KT. GIÁM ĐỐC"
    signer_title: str = ""  # "PHÓ GIÁM ĐỐC"
    signer_name: str = ""
    recipients: list[str] = field(default_factory=lambda: ["Văn phòng UBND tỉnh;", "Lưu: VT, VP."])
    # Day of the period's last month by which each report is due ({"month": 22, "quarter": 19, "year": 19});
    # a kind missing here is due at the end of its data window.
    report_deadlines: dict[str, int] = field(default_factory=dict)
    due_soon_days: int = 7
    # The trích yếu of each kind of report ({"quarter": "Tình hình … {kỳ}"}); a kind missing: the official scope.
    report_titles: dict[str, str] = field(default_factory=dict)
    # Part I's area for a plan section, when the officer re-mapped it: folded section title -> area key.
    section_areas: dict[str, str] = field(default_factory=dict)

    @property
    def body_in_text(self) -> str:
        """The body's name inside a sentence, a title or a form: as plans write it ("Sở Khoa học và Công nghệ"),
        else the header's name as typed; never re-cased ("SỞ KHOA HỌC…" is not "Sở khoa học…", "UBND" not "Ubnd")."""
        return self.my_body.strip() or self.body_name.strip()

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Settings:
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in (data or {}).items() if k in known})
