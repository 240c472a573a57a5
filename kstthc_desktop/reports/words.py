"""The words of a report: what the officer files, composed once from ``ReportData`` and drawn by every writer.

A report tells its superiors what was done, in sentences, by the areas of the official outline (docs/domain.md §8);
it does not list tasks with tracker labels. So part I groups the plan's sections into those areas
(``AREAS``, re-mappable in ``Settings.section_areas``), turns each task with results into one sentence from
its documents and entries ("Ban hành Kế hoạch số 12/KH-SXD ngày 15/01/2025 về …"), or the officer's own text
for it (report text "task:<id>"), and folds the tasks with nothing in the period into one sentence per area.
The per-task table with statuses is the appendix. PDF and Word both draw ``compose()``'s blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kstthc_desktop.reports.data import (
    OUTSIDE_TOTAL, ReportData, ReportEvidence, ReportSection, ReportTask, assessment, printed_progress, report_date,
    trim_end,
)
from kstthc_desktop.status import Status
from kstthc_desktop.text import fold, nfc
from kstthc_desktop.vndates import long_date, text_date

if TYPE_CHECKING:
    from kstthc_desktop.domain import Settings

_BLANK_NUMBER = "\u00a0" * 8
DOTS = "…" * 20


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    words: tuple[str, ...]  # folded words that put a plan section in this area


#: Part I's areas in the order of the official outline (Nghị định 63/2010 art. 35 as amended, docs/domain.md §8).
AREAS: tuple[Area, ...] = (
    Area("direction", "Công tác chỉ đạo, điều hành", ("chi dao", "dieu hanh", "ke hoach", "bao cao", "to chuc")),
    Area("control", "Kiểm soát quy định thủ tục hành chính",
         ("kiem soat quy dinh", "danh gia tac dong", "du thao", "tham dinh", "quy dinh thu tuc")),
    Area("publish", "Công bố, công khai thủ tục hành chính", ("cong bo", "cong khai", "niem yet", "co so du lieu")),
    Area("simplify", "Rà soát, đơn giản hóa thủ tục hành chính", ("ra soat", "don gian hoa", "cat giam")),
    Area("feedback", "Tiếp nhận, xử lý phản ánh, kiến nghị", ("phan anh", "kien nghi")),
    Area("one_stop", "Giải quyết thủ tục hành chính, thực hiện cơ chế một cửa, một cửa liên thông",
         ("mot cua", "lien thong", "giai quyet thu tuc", "phuc vu hanh chinh cong")),
    Area("online", "Thực hiện thủ tục hành chính trên môi trường điện tử",
         ("dien tu", "truc tuyen", "dich vu cong", "so hoa", "chuyen doi so")),
    Area("media", "Công tác truyền thông", ("truyen thong", "tuyen truyen")),
    Area("inspection", "Công tác kiểm tra, tập huấn", ("kiem tra", "tap huan", "boi duong", "dao tao")),
)
#: The order sections are tried in: specific words before general ones ("rà soát … một cửa" is one-stop work,
#: "kế hoạch truyền thông" is media).
_MATCH_ORDER = ("feedback", "online", "one_stop", "media", "inspection", "control", "simplify", "publish",
                "direction")
_BY_KEY = {a.key: a for a in AREAS}


def area_of(section_title: str, remapped: dict[str, str] | None = None) -> str:
    """The area key of a plan section: the officer's re-mapping first, else the first area whose words occur in
    the title; "" when none does (the section then keeps its own title, after the official areas)."""
    folded = fold(section_title)
    chosen = (remapped or {}).get(folded, "")
    if chosen in _BY_KEY or chosen == "own":
        return "" if chosen == "own" else chosen
    for key in _MATCH_ORDER:
        if any(word in folded for word in _BY_KEY[key].words):
            return key
    return ""


@dataclass(frozen=True)
class Block:
    """One paragraph of the body: ``style`` is heading (I.), subheading (1.), body, item ("- …"),
    placeholder (dots to fill by hand) or counts (where the summary table goes)."""

    style: str
    text: str = ""


@dataclass
class ReportText:
    number: str  # "15/BC-SKHCN"
    parent: str  # header lines, as printed
    body_name: str
    place_date: str
    title: str  # the trích yếu
    period_line: str
    blocks: list[Block] = field(default_factory=list)
    closing: str = ""
    appendix_title: str = ""
    appendix_note: str = ""


def report_number(texts: dict[str, str], settings: Settings) -> str:
    """The report's "số và ký hiệu": the number typed in the report dialog followed by "/BC-<short name>", or the
    whole "15/BC-SNV" when that is what was typed; blank space to be filled by hand when none was typed."""
    number = nfc((texts or {}).get("number", "")).strip()
    if "/" in number:
        return number
    short = nfc(settings.body_short).strip()
    return f"{number or _BLANK_NUMBER}/BC-{short}" if short else f"{number or _BLANK_NUMBER}/BC"


def plan_name(data: ReportData) -> str:
    """How the opening sentence names the plan: its title when written in ordinary case (plans often print
    it in capitals, which would shout in the middle of a sentence), else "Kế hoạch … năm Y"."""
    title = nfc(data.plan_title).strip().rstrip(".")
    if title and title != title.upper() and title.lower().startswith("kế hoạch") and not title.startswith("KẾ HOẠCH"):
        return title
    year = f" năm {data.plan_year}" if data.plan_year else ""
    return f"Kế hoạch kiểm soát thủ tục hành chính{year}"


#: First words of names and titles that keep their capital in mid-sentence ("Văn phòng UBND tỉnh", "Chủ tịch UBND").
_NAME_HEADS = ("văn phòng", "chủ tịch", "ủy ban", "uỷ ban", "thường trực", "hội đồng", "ban chỉ đạo", "thủ tướng",
               "chính phủ", "nghị định", "nghị quyết", "quyết định số", "kế hoạch số", "báo cáo số", "công văn số")


def lower_first(text: str) -> str:
    """"Đã công khai …" → "đã công khai …" in mid-sentence. A name keeps its capital: an abbreviation ("UBND",
    "TTHC"), a name whose second word is capitalised ("Sở Tư pháp", "Phòng Kế hoạch"), a known head of a name or
    title ("Văn phòng UBND tỉnh", "Chủ tịch UBND tỉnh")."""
    text = text.strip()
    words = text.split()
    if len(text) < 2 or not (text[0].isupper() and text[1].islower()):
        return text
    second = words[1] if len(words) > 1 else ""
    if (second[:1].isupper() and not second.isupper()) or nfc(text).lower().startswith(_NAME_HEADS):  # not "Quý II"
        return text
    return text[0].lower() + text[1:]


# ---- part I ---------------------------------------------------------------------------------------------------
def task_sentence(task: ReportTask, body: str = "") -> str:
    """What the report says a task achieved in the period, from its documents and entries ("" when nothing)."""
    docs = [_document_clause(e, body) for e in task.evidence]
    shown, left_out = printed_progress(task)  # completions first, then the latest
    entries = [trim_end(p.text) + (f" ({p.counts_for})" if p.elsewhere and p.counts_for else "")
               for p in shown if p.text.strip()]  # another period's result says whose it is
    if docs:  # "Đã ban hành Kế hoạch" beside the document itself says it twice
        entries = [e for e in entries if not fold(e).lstrip("- ").startswith(("da ban hanh", "ban hanh"))]
    if not docs and not entries:
        return ""
    if left_out:
        entries.append(f"và {left_out} kết quả khác (chi tiết tại Phụ lục)")
    if docs and not entries and all(e.summary.strip() for e in task.evidence):
        return "; ".join(docs[:1] + [lower_first(d) for d in docs[1:]]) + "."
    parts = [lower_first(e) for e in entries] + [lower_first(d) for d in docs]
    return f"{trim_end(task.title)}: {'; '.join(parts)}."


def _document_clause(evidence: ReportEvidence, body: str) -> str:
    """"Ban hành Kế hoạch số 12/KH-SXD ngày 15/01/2025 về …"; a document another body issued on the officer's
    draft: "Tham mưu UBND tỉnh ban hành Quyết định số …"."""
    issuer = nfc(evidence.issuer).strip()
    who = f"Tham mưu {issuer} ban hành" if issuer and body and fold(body) not in fold(issuer) else "Ban hành"
    return f"{who} {trim_end(evidence.text)}"


def _waiting_sentence(tasks: list[ReportTask]) -> str:
    """The tasks of an area with nothing in the period, in one sentence (no task-by-task "no result")."""
    cited = ", ".join(t.cited or t.stt for t in tasks if t.cited or t.stt)
    which = f"Các nhiệm vụ {cited}" if len(tasks) > 1 else f"Nhiệm vụ {cited}"
    if not cited:
        which = f"{len(tasks)} nhiệm vụ khác"
    return f"{which} đang được tiếp tục triển khai thực hiện theo kế hoạch."


def areas(data: ReportData, remapped: dict[str, str] | None = None) -> list[tuple[str, list[ReportSection]]]:
    """Part I's areas that hold a task of the period, in the official order, each with its plan sections;
    sections no area's words match follow under their own titles."""
    grouped: dict[str, list[ReportSection]] = {}
    own: list[tuple[str, list[ReportSection]]] = []
    for section in data.sections:
        if not any(t.in_period for t in section.tasks):
            continue
        key = area_of(section.title, remapped)
        if key:
            grouped.setdefault(key, []).append(section)
        else:
            own.append((trim_end(section.title) or f"Phần {section.label}", [section]))
    return [(a.title, grouped[a.key]) for a in AREAS if a.key in grouped] + own


def part_one(data: ReportData, texts: dict[str, str], remapped: dict[str, str] | None = None,
             body: str = "") -> list[Block]:
    blocks = [Block("heading", "I. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN")]
    found = areas(data, remapped)
    for number, (title, sections) in enumerate(found, 1):
        blocks.append(Block("subheading", f"{number}. {title}"))
        waiting = []
        for task in (t for s in sections for t in s.tasks if t.in_period):
            written = nfc(texts.get(task_key(task), "")).strip()
            sentence = written or task_sentence(task, body)
            if sentence:
                blocks += [Block("item", line if line.startswith("-") else f"- {line}")
                           for line in sentence.split("\n") if line.strip()]
            else:
                waiting.append(task)
        if waiting:
            blocks.append(Block("item", f"- {_waiting_sentence(waiting)}"))
    if not found:
        blocks.append(Block("body", "Trong kỳ không có nhiệm vụ đến hạn hoặc có kết quả."))
    if data.figures is not None and data.figures.sentences:
        blocks.append(Block("subheading", f"{len(found) + 1}. Số liệu giải quyết thủ tục hành chính"))
        lines = list(data.figures.sentences)
        if data.figures.tables:
            lines[-1] = lines[-1].rstrip(".") + " (chi tiết tại Phụ lục II)."
        blocks += [Block("item", f"- {line}") for line in lines]
    return blocks


def task_key(task: ReportTask) -> str:
    """The report text that holds the officer's own words for a task ("task:17")."""
    return f"task:{task.task_id}"


def computed_task_texts(data: ReportData, body: str = "") -> dict[str, str]:
    """The sentence the report would print for each task of the period: offered to the officer to edit."""
    return {task_key(t): task_sentence(t, body) for t in data.all_tasks() if t.in_period and t.task_id is not None}


# ---- parts II–IV --------------------------------------------------------------------------------------------
def next_period_lines(data: ReportData) -> list[str]:
    """Part III's generated items. A quarter's next quarter: the tasks due then (not those already done), the
    overdue ones by their section number ("IV.2"), the ongoing ones in one line. A year's next year: next year's
    plan when it is in the database, never this year's tasks presented as next year's work."""
    lines = []
    if data.period_kind == "year":
        shown = data.next_tasks[:15]
        lines += [f"{trim_end(t.content)}." for t in shown]
        if len(data.next_tasks) > len(shown):
            lines.append(f"Các nhiệm vụ khác theo Kế hoạch năm {data.next_plan_year} "
                         f"({len(data.next_tasks) - len(shown)} nhiệm vụ).")
    else:
        for t in data.next_tasks:
            lead = trim_end(t.lead)
            where = f"chủ trì: {lead}; " if lead else ""
            lines.append(f"{trim_end(t.content)} ({where}thời hạn: {text_date(t.due)})." if t.due
                         else f"{trim_end(t.content)}.")
    overdue = [t for t in data.all_tasks() if t.status == Status.OVERDUE]
    if overdue:
        names = "; ".join(f"{t.cited or t.stt} {trim_end(t.content)}".strip() for t in overdue[:10])
        more = f" và {len(overdue) - 10} nhiệm vụ khác" if len(overdue) > 10 else ""
        lines.append(f"Khẩn trương hoàn thành {len(overdue)} nhiệm vụ đã quá hạn: {names}{more}.")
    ongoing = sum(1 for t in data.all_tasks() if t.status in (Status.HAS_PROGRESS, Status.NO_PROGRESS))
    if ongoing and data.period_kind != "year":
        lines.append(f"Tiếp tục thực hiện {ongoing} nhiệm vụ thường xuyên theo kế hoạch.")
    return lines


def _officer(text: str) -> list[Block]:
    """The officer's own paragraphs; a dotted line to fill by hand when none were written."""
    paras = [p.strip() for p in nfc(text or "").split("\n") if p.strip()]
    return [Block("body", p) for p in paras] or [Block("placeholder", DOTS)]


def part_three(data: ReportData, texts: dict[str, str]) -> list[Block]:
    blocks = [Block("heading", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI")]
    lines = next_period_lines(data)
    officer = nfc(texts.get("next_steps", "")).strip()
    if data.period_kind == "year" and data.next_tasks:
        lead_in = f"Năm {data.next_plan_year}, tập trung triển khai Kế hoạch kiểm soát thủ tục hành chính năm " \
                  f"{data.next_plan_year}, trong đó có các nhiệm vụ:"
    elif data.period_kind != "year" and lines:
        lead_in = f"Trong {lower_first(data.next_period_name)}, tập trung thực hiện các nhiệm vụ sau:"
    else:
        lead_in = ""
    if lead_in:
        blocks.append(Block("body", lead_in))
    blocks += [Block("item", f"- {line}") for line in lines]
    if officer or not lines or (data.period_kind == "year" and not data.next_tasks):  # next year: the officer's
        blocks += _officer(officer)
    return blocks


def compose(data: ReportData, settings: Settings, texts: dict[str, str] | None) -> ReportText:
    """Every word the report prints, in order, for the writers to lay out."""
    texts = texts or {}
    who = nfc(settings.body_in_text) or "cơ quan"
    title = data.summary_title
    number = report_number(texts, settings)
    when = report_date(data, texts)
    blocks = [Block("body", f"Thực hiện {plan_name(data)}, {who} báo cáo {lower_first(title)} như sau:")]
    blocks += part_one(data, texts, settings.section_areas, who)
    blocks += [Block("heading", "II. ĐÁNH GIÁ CHUNG"), Block("subheading", "1. Kết quả đạt được")]
    blocks += [Block("body", s) for s in assessment(data)]
    blocks.append(Block("counts"))
    if nfc(texts.get("achievements", "")).strip():
        blocks += _officer(texts["achievements"])
    blocks.append(Block("subheading", "2. Tồn tại, hạn chế và nguyên nhân"))
    blocks += _officer(texts.get("shortcomings", ""))
    blocks += part_three(data, texts)
    blocks.append(Block("heading", "IV. KIẾN NGHỊ, ĐỀ XUẤT"))
    blocks += _officer(texts.get("proposals", ""))
    return ReportText(
        number=number,
        parent=nfc(settings.parent_body).strip().upper(),
        body_name=nfc(settings.body_name or settings.my_body or "").strip().upper(),
        place_date=long_date(when, nfc(settings.place_name).strip()),
        title=title,
        period_line=f"Kỳ báo cáo: {data.period_title}",
        blocks=blocks,
        closing=f"Trên đây là báo cáo {lower_first(title)} của {who}./.",
        appendix_title=f"Tình trạng thực hiện các nhiệm vụ {lower_first(data.period_name)}",
        appendix_note=f"(Kèm theo Báo cáo số {number} ngày {text_date(when)})",
    )


def counts_rows(data: ReportData) -> list[tuple[str, str, str, str]]:
    """The summary table: (TT, status, tasks, share) rows after the heading, the total, then withdrawn tasks
    below it and outside it."""
    all_counts = {k: v for k, v in data.counts_by_status().items() if v}
    total = data.total()
    rows = []
    for i, (name, n) in enumerate(((k, v) for k, v in all_counts.items() if k not in OUTSIDE_TOTAL), 1):
        share = f"{100 * n / total:.1f}%".replace(".", ",") if total else "0%"
        rows.append((str(i), data.label(name), str(n), share))
    rows.append(("", "Tổng số", str(total), "100%" if total else "0%"))
    from kstthc_desktop.reports.data import OUTSIDE_TOTAL_NOTE

    for name in OUTSIDE_TOTAL:
        if all_counts.get(name):
            rows.append(("", f"{data.label(name)} ({OUTSIDE_TOTAL_NOTE})", str(all_counts[name]), "–"))
    return rows


COUNTS_HEADINGS = ("TT", "Tình trạng", "Số nhiệm vụ", "Tỷ lệ")
