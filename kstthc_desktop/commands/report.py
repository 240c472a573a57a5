"""``kstthc report``: write the period's report as Word, PDF or Excel (by the file's extension) and record it."""

from __future__ import annotations

import argparse

HELP = "lập báo cáo kỳ (tháng, quý, 6 tháng, 9 tháng, năm) ra tệp Word, PDF hoặc Excel"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", required=True, metavar="KỲ",
                        help="kỳ báo cáo: 2025-03 (tháng), 2025-Q1 (quý), 2025-H1 (6 tháng), 2025-9M (9 tháng), 2025 (năm)")
    parser.add_argument("--out", required=True, metavar="TỆP", help="tệp kết quả: .docx (Word), .pdf hoặc .xlsx")
    parser.add_argument("--plan", type=int, metavar="ID", help="số của kế hoạch (mặc định: kế hoạch của năm báo cáo)")
    parser.add_argument("--year", type=int, metavar="NĂM", help="chọn kế hoạch theo năm")
    parser.add_argument("--whole-plan", action="store_true",
                        help="báo cáo mọi nhiệm vụ của kế hoạch (mặc định: chỉ nhiệm vụ cơ quan chủ trì hoặc phối hợp)")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help="dùng ngày này làm 'hôm nay' (mặc định: hôm nay)")


def run(args: argparse.Namespace) -> int:
    from datetime import date, datetime
    from pathlib import Path

    from kstthc_desktop.commands import existing_database
    from kstthc_desktop.errors import UsageError
    from kstthc_desktop.periods import parse_period
    from kstthc_desktop.reports.produce import choose_plan, format_for, missing_settings_notice, produce
    from kstthc_desktop.store import Store

    out = Path(args.out)
    format_for(out)  # usage error before any work
    today = date.today()
    if getattr(args, "today", None):
        try:
            today = date.fromisoformat(args.today)
        except ValueError:
            raise UsageError(f"Ngày '{args.today}' không đúng dạng YYYY-MM-DD.") from None
    period = parse_period(args.period)
    db = existing_database(args)
    with Store.open(db, create=False) as store:
        plan_id = choose_plan(store, period.year, args.plan, args.year)
        done = produce(store, plan_id, period.key, today, out, now=datetime.now(),
                       whole_plan=bool(getattr(args, "whole_plan", False)))
        notice = missing_settings_notice(store.settings())
    print(f"Đã lập báo cáo {period.name}: {done.path} (SHA-256 {done.sha256})")
    if notice:
        import sys

        print(f"Chú ý: {notice}", file=sys.stderr)
    return 0
