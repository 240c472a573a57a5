"""``kstthc progress add``: record a result of a task, with the document that proves it, as the window's
"Ghi kết quả…" does (the same operation, ``operations.progress.record_progress``: the same checks, one transaction).

    kstthc progress add --db DB --task IV.2 --text "Đã ban hành báo cáo" --done
    kstthc progress add --db DB --task IV.2 --text "…" --date 2024-12-10 --period 2024-Q4 \\
        --doc-number 15/BC-VPUBND --doc-date 2024-12-10 --doc-summary "Báo cáo kết quả" --doc-file bao-cao.pdf
``--task`` is the number the task table shows; the plan is the one of ``--year`` (default: this year) or
``--plan ID``. ``--period`` is the occurrence the result counts for (default: as the window proposes it).
"""

from __future__ import annotations

import argparse
from datetime import date

from kstthc_desktop.commands.deadline import _year

HELP = "ghi kết quả thực hiện một nhiệm vụ (kèm văn bản chứng minh nếu có)"


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày không hợp lệ: {value!r} (cần dạng YYYY-MM-DD, ví dụ 2024-12-10)") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="VIỆC", required=True)
    add = actions.add_parser("add", help="ghi một kết quả thực hiện", description=HELP)
    add.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="tệp cơ sở dữ liệu")
    add.add_argument("--task", required=True, metavar="STT", help="số nhiệm vụ như trong bảng nhiệm vụ, ví dụ IV.2")
    add.add_argument("--text", required=True, metavar="NỘI DUNG", help="kết quả đã thực hiện")
    add.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="ngày thực hiện (mặc định: hôm nay)")
    add.add_argument("--period", metavar="KỲ", help="kỳ hoặc lần thực hiện mà kết quả được tính, ví dụ 2024-Q4")
    add.add_argument("--done", action="store_true", help="nhiệm vụ (trong kỳ này) đã hoàn thành")
    add.add_argument("--year", type=_year, metavar="NĂM", help="năm của kế hoạch (mặc định: năm nay)")
    add.add_argument("--plan", type=int, metavar="ID", help="số của kế hoạch (khi một năm có nhiều kế hoạch)")
    add.add_argument("--today", type=_date, metavar="YYYY-MM-DD", default=argparse.SUPPRESS,
                     help="dùng ngày này làm 'hôm nay'")
    add.add_argument("--doc-number", metavar="SỐ", help="số, ký hiệu văn bản chứng minh, ví dụ 15/BC-VPUBND")
    add.add_argument("--doc-date", type=_date, metavar="YYYY-MM-DD", help="ngày ban hành văn bản (mặc định: --date)")
    add.add_argument("--doc-issuer", metavar="CƠ QUAN", help="cơ quan ban hành (mặc định: theo cài đặt)")
    add.add_argument("--doc-summary", metavar="TRÍCH YẾU", default="", help="trích yếu văn bản")
    add.add_argument("--doc-file", metavar="TỆP", help="tệp văn bản (PDF, ảnh quét…) lưu kèm")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kstthc_desktop.commands import existing_database
    from kstthc_desktop.domain import Evidence, ProgressEntry
    from kstthc_desktop.errors import UsageError, UserError
    from kstthc_desktop.operations import plans, progress
    from kstthc_desktop.reports.produce import choose_plan
    from kstthc_desktop.store import Store
    from kstthc_desktop.vndates import text_date

    today = getattr(args, "today", None) or date.today()  # also "kstthc --today D progress add …"
    if isinstance(today, str):
        try:
            today = date.fromisoformat(today)
        except ValueError:
            raise UsageError(f"Ngày '{today}' không đúng dạng YYYY-MM-DD.") from None
    if args.doc_number is None and (args.doc_file or args.doc_date or args.doc_summary or args.doc_issuer):
        raise UsageError("Các tùy chọn --doc-… cần có --doc-number (số, ký hiệu văn bản).")
    db = existing_database(args)
    with Store.open(db, create=False) as store:
        plan_id = choose_plan(store, args.year or today.year, args.plan,
                              doing="ghi kết quả, hoặc chọn kế hoạch đã nhập bằng --year")
        task = plans.find_task(store, plan_id, args.task)
        year = store.load_plan(plan_id, tasks=False).document.year or today.year
        events = store.events(task_id=task.id)
        report_days = store.settings().report_deadlines
        choices = dict(progress.occurrence_choices(task, year, events, report_days=report_days))
        key = args.period or progress.default_occurrence(task, year, events, args.date or today,
                                                         report_days=report_days)
        if key not in choices:
            raise UserError(f"«{key}» không phải kỳ hoặc lần thực hiện của nhiệm vụ {args.task}; "
                            f"chọn một trong: {', '.join(choices)}.")
        task_id: int = task.id  # type: ignore[assignment]  # a stored task has its id
        entry = ProgressEntry(task_id=task_id, entry_date=args.date or today, text=args.text, occurrence_key=key,
                              done=args.done)
        evidence = None
        if args.doc_number is not None:
            issuer = store.settings().body_in_text if args.doc_issuer is None else args.doc_issuer
            evidence = Evidence(task_id=task_id, number=args.doc_number, issued=args.doc_date or entry.entry_date,
                                issuer=issuer, summary=args.doc_summary,
                                file_name=Path(args.doc_file).name if args.doc_file else "")
        progress.record_progress(store, entry, today, evidence, args.doc_file)
    number = "".join(args.task.split()).upper()
    print(f"Đã ghi kết quả cho nhiệm vụ {number} ({choices[key]}), ngày {text_date(entry.entry_date)}"
          + (f", kèm văn bản {evidence.number}." if evidence is not None else "."))
    return 0
