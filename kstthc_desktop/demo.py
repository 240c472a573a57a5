"""The demo database: a real plan (resources/demo/) with progress, evidence and events spread over its year.

``build_demo_db(path, today)`` writes a fresh database in which every status shows when "today" lies inside
the plan's year: tasks done on time and late, overdue, still in time, ongoing tasks with and without progress
in the period, an on-demand task with an event and others not arisen, one withdrawn task, unreadable
deadlines left for the officer. It decides from each task's own occurrences, so it works for any plan file.
Qt-free: the command line, the tests and the benchmarks build it too.
"""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path

from kstthc_desktop.domain import Deadline, DeadlineKind, Evidence, Plan, ProgressEntry, Settings

#: The plan the demo opens (a copy of the province of Vĩnh Long's 2024 plan, as read by a careful person).
DEMO_PLAN = "vinh-long-2024.json"

#: Raise it when ``build_demo_db`` writes something different: the cached demo templates are keyed by it (with
#: the program version, the migrations and the plan), so every machine builds the new demo on its next start.
DEMO_BUILD = 2

#: The demo officer's body and report settings (the plan's issuer is the province; the officer sits in its office).
DEMO_SETTINGS = Settings(
    parent_body="UBND TỈNH VĨNH LONG",
    body_name="VĂN PHÒNG",
    body_short="VP",
    my_body="Văn phòng UBND tỉnh",
    place_name="Vĩnh Long",
    signer_authority="KT. CHÁNH VĂN PHÒNG",
    signer_title="PHÓ CHÁNH VĂN PHÒNG",
    signer_name="Nguyễn Văn Mẫu",
    recipients=["Cục Kiểm soát TTHC - VPCP;", "Chủ tịch, các PCT UBND tỉnh;", "Lưu: VT, KSTT."],
    report_deadlines={"month": 22, "quarter": 19, "year": 19},
    due_soon_days=7,
)

_ISSUER = "Văn phòng UBND tỉnh Vĩnh Long"
_ONGOING_TEXTS = (
    "Đã ban hành văn bản đôn đốc các sở, ban, ngành triển khai nhiệm vụ trong kỳ.",
    "Đã tổng hợp, theo dõi tình hình thực hiện; không phát sinh vướng mắc.",
    "Đã hướng dẫn các cơ quan, đơn vị thực hiện; cập nhật kết quả trên Hệ thống.",
)


def demo_plan() -> Plan:
    """The demo plan as shipped in resources/demo/."""
    from kstthc_desktop.paths import resource

    data = json.loads(resource("demo", DEMO_PLAN).read_text(encoding="utf-8"))
    plan = Plan.from_json(data)
    plan.source = plan.source or DEMO_PLAN
    return plan


def _tiny_pdf(title: str) -> bytes:
    """A one-page PDF standing in for a scanned document (ASCII text: the base-14 fonts have no Vietnamese)."""
    text = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj 0 -24 Td (Van ban mau - KSTTHC Desktop demo) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _working_day_before(d: date) -> date:
    while d.weekday() >= 5:
        d -= timedelta(days=1)
    return d


class _Numbers:
    """Document numbers as an office issues them: one counter per kind."""

    def __init__(self) -> None:
        self.counters: dict[str, int] = {}

    def next(self, kind: str) -> str:
        self.counters[kind] = self.counters.get(kind, 10) + 7
        return f"{self.counters[kind]}/{kind}-VPUBND"


def build_demo_db(path: Path | str, today: date) -> None:
    """Write the demo database at ``path`` (which must not exist yet) for the given "today"."""
    from kstthc_desktop.occurrences import occurrences
    from kstthc_desktop.periods import periods_of_year
    from kstthc_desktop.store import Store

    path = Path(path)
    plan = demo_plan()
    year = plan.document.year or today.year
    # The officer confirmed the frequency of the two "Định kỳ …" tasks the plan leaves open (quarterly, by the 19th).
    for task in plan.tasks:
        if task.deadline.kind == DeadlineKind.PERIODIC and not task.deadline.every:
            task.deadline = Deadline(kind=DeadlineKind.PERIODIC, every={"quarter": 19})
    numbers = _Numbers()
    files_dir = path.parent / (path.stem + "-tep-mau")
    files_dir.mkdir(parents=True, exist_ok=True)

    with Store.open(path, lock=False, backup_dir=path.parent / "backups") as store:
        with store.transaction():
            store.save_settings(DEMO_SETTINGS)
            plan_id = store.save_plan(plan)
            tasks = store.tasks(plan_id)
            quarters = [p for p in periods_of_year(year, "quarter") if p.window_start <= today]

            def evidence(task_id: int, progress_id: int, kind: str, issued: date, summary: str, with_file: bool) -> None:
                number = numbers.next(kind)
                file = None
                if with_file:
                    file = files_dir / f"{number.replace('/', '-')}.pdf"
                    file.write_bytes(_tiny_pdf(number))
                ev = Evidence(task_id=task_id, number=number, issued=issued, issuer=_ISSUER, summary=summary,
                              progress_id=progress_id)
                store.add_evidence(ev, file)

            def progress(task_id: int, when: date, text: str, key: str, done: bool) -> int:
                return store.add_progress(ProgressEntry(task_id=task_id, entry_date=when, text=text,
                                                        occurrence_key=key, done=done))

            dated_past = 0
            ongoing = 0
            on_demand = 0
            withdrawn_done = False
            for i, task in enumerate(tasks):
                assert task.id is not None  # tasks read from the store have their ids
                kind = task.deadline.kind
                if kind == DeadlineKind.CONTINUOUS:
                    ongoing += 1
                    if not withdrawn_done and ongoing == 7:
                        store.update_task(task.id, withdrawn=True)  # the province dropped it mid-year
                        withdrawn_done = True
                        continue
                    for q, period in enumerate(quarters):
                        current = period.window_end >= today
                        if (current and ongoing % 3 == 0) or (not current and (ongoing + q) % 4 == 0):
                            continue  # no progress recorded this quarter
                        when = min(today - timedelta(days=1), period.window_start + timedelta(days=20 + (ongoing * 7) % 50))
                        when = _working_day_before(when)
                        pid = progress(task.id, when, _ONGOING_TEXTS[(ongoing + q) % 3], period.key, False)
                        if q % 2 == 1 and ongoing % 3 == 0:
                            evidence(task.id, pid, "CV", when, "Về việc triển khai nhiệm vụ kiểm soát TTHC", False)
                elif kind in (DeadlineKind.DATED, DeadlineKind.PERIODIC):
                    occs = occurrences(task.deadline, year, report_days=DEMO_SETTINGS.report_deadlines)
                    for occ in occs:
                        due = occ.effective_due or occ.due
                        if due is None:
                            continue
                        if due < today:
                            dated_past += 1
                            choice = dated_past % 4
                            if choice == 3 and kind == DeadlineKind.DATED:
                                continue  # left overdue
                            late = choice == 2
                            when = due + timedelta(days=9) if late else due - timedelta(days=4)
                            when = _working_day_before(min(when, today - timedelta(days=1)))
                            text = "Đã hoàn thành" + (" (chậm so với thời hạn)." if late else ".")
                            pid = progress(task.id, when, f"{text} {task.result or ''}".strip(), occ.key, True)
                            evidence(task.id, pid, "BC" if kind == DeadlineKind.PERIODIC else "KH", when,
                                     task.result or task.content, True)
                        elif i % 3 == 0 and due > today + timedelta(days=10):
                            when = _working_day_before(today - timedelta(days=3))
                            progress(task.id, when, "Đang dự thảo, lấy ý kiến các cơ quan liên quan.", occ.key, False)
                elif kind == DeadlineKind.ON_DEMAND:
                    on_demand += 1
                    if on_demand in (1, 3):
                        event_day = _working_day_before(today - timedelta(days=40 if on_demand == 1 else 6))
                        event_id = store.add_event(task.id, event_day, "Tỉnh ban hành văn bản có quy định TTHC mới.")
                        if on_demand == 1:
                            when = _working_day_before(event_day + timedelta(days=8))
                            pid = progress(task.id, when, "Đã đánh giá tác động, góp ý dự thảo.", f"event:{event_id}", True)
                            evidence(task.id, pid, "CV", when, "Về việc góp ý dự thảo văn bản QPPL có quy định TTHC", True)
            first_id = tasks[0].id
            assert first_id is not None
            store.update_task(first_id, assignee="Đ/c Trần Thế Vũ")


def _template_stamp(today: date) -> str:
    """What the cached demo depends on: the day, the program version, the builder's ``DEMO_BUILD`` and the
    shipped plan. Not this module's source file: a bundle ships none (reading it was an error box in every
    packaged demo).

    A cache key, not a seal: CRC-32 of each part (zlib is loaded already; hashlib's OpenSSL would cost ~2 ms
    of the demo's start-up)."""
    import zlib

    from kstthc_desktop import __version__
    from kstthc_desktop.paths import resource
    from kstthc_desktop.store.versions import KNOWN_MIGRATIONS

    parts = [f"{today.isoformat()}|{__version__}|{DEMO_BUILD}|{','.join(KNOWN_MIGRATIONS)}".encode()]
    parts.append(resource("demo", DEMO_PLAN).read_bytes())
    return "".join(f"{zlib.crc32(part):08x}" for part in parts)


def _demo_cache(cache_dir: Path | None) -> Path:
    if cache_dir is None:
        from platformdirs import user_cache_dir

        cache_dir = Path(user_cache_dir("KSTTHC Desktop", "KSTTHC")) / "demo"
    return cache_dir


def fresh_demo_copy(folder: Path, today: date, cache_dir: Path | None = None, *, files_later: bool = False) -> Path:
    """A fresh demo database in ``folder`` (returns its path), copied from a template built once per "today"
    and program version in the user's cache folder: building costs about a second, copying a few milliseconds.

    ``files_later``: leave the evidence files to ``copy_demo_files`` (the window calls it after its first paint:
    a dozen small files and folders take ~8 ms to create, for files no one can open before the window shows)."""
    import shutil

    from kstthc_desktop.store.files import files_dir_for

    cache_dir = _demo_cache(cache_dir)
    target = folder / "demo.sqlite3"
    try:
        template = cache_dir / _template_stamp(today) / "demo.sqlite3"
        if not template.exists():
            building = cache_dir / f"building-{os.getpid()}"
            shutil.rmtree(building, ignore_errors=True)
            building.mkdir(parents=True)
            build_demo_db(building / "demo.sqlite3", today)
            shutil.rmtree(building / "demo-tep-mau", ignore_errors=True)
            try:
                building.rename(template.parent)
            except OSError:  # another start built it at the same moment
                shutil.rmtree(building, ignore_errors=True)
        shutil.copyfile(template, target)
        if not files_later:
            copy_demo_files(target, today, cache_dir)
    except OSError:  # no usable cache folder: build in place
        shutil.rmtree(files_dir_for(target), ignore_errors=True)
        target.unlink(missing_ok=True)
        build_demo_db(target, today)
    return target


def copy_demo_files(target: Path, today: date, cache_dir: Path | None = None) -> None:
    """Copy the demo template's evidence files beside the demo database ``target`` (nothing when already there)."""
    import shutil

    from kstthc_desktop.store.files import files_dir_for

    template = _demo_cache(cache_dir) / _template_stamp(today) / "demo.sqlite3"
    source, dest = files_dir_for(template), files_dir_for(Path(target))
    if source.is_dir() and not dest.exists():
        shutil.copytree(source, dest)
