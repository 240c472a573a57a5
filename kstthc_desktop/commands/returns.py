"""``kstthc returns``: collecting the period's results and figures from the units, by files.

    kstthc returns units --db DB --year 2025 [--fill] [--add NAME]     → the units of a plan year
    kstthc returns template --db DB --period KEY --unit NAME --out FILE.xlsx
    kstthc returns template --db DB --period KEY --all --out FOLDER     → every unit's workbook
    kstthc returns import FILE… --db DB [--period KEY]                  → read filled-in returns back
    kstthc returns status --db DB --period KEY [--remind]               → who has sent, who is late
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kstthc_desktop.store.store import Store

HELP = "báo cáo của các đơn vị: danh sách đơn vị, mẫu gửi đơn vị, nhận lại, theo dõi ai đã gửi"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="returns_command", metavar="VIỆC", required=True)
    units = sub.add_parser("units", help="danh sách đơn vị báo cáo của năm", description="danh sách đơn vị của năm")
    units.add_argument("--year", type=int, required=True, metavar="NĂM")
    units.add_argument("--fill", action="store_true", help="thêm các cơ quan chủ trì, phối hợp trong kế hoạch")
    units.add_argument("--add", metavar="TÊN", action="append", default=[], help="thêm một đơn vị")
    units.add_argument("--day", type=int, metavar="NGÀY", help="với --add: ngày hạn báo cáo trong tháng cuối kỳ")
    tpl = sub.add_parser("template", help="lập tệp mẫu (.xlsx) gửi đơn vị điền",
                         description="lập tệp mẫu (.xlsx) gửi đơn vị điền kết quả và số liệu")
    tpl.add_argument("--period", required=True, metavar="KỲ")
    who = tpl.add_mutually_exclusive_group(required=True)
    who.add_argument("--unit", metavar="ĐƠN VỊ")
    who.add_argument("--all", action="store_true", help="mọi đơn vị của năm (--out là thư mục)")
    tpl.add_argument("--out", required=True, metavar="TỆP/THƯ MỤC")
    tpl.add_argument("--plan", type=int, metavar="ID", help="số của kế hoạch (mặc định: kế hoạch của năm)")
    imp = sub.add_parser("import", help="nhận tệp đơn vị đã điền", description="nhận tệp đơn vị đã điền")
    imp.add_argument("files", nargs="+", metavar="TỆP")
    imp.add_argument("--period", metavar="KỲ", help="chỉ nhận báo cáo của kỳ này")
    imp.add_argument("--today", metavar="YYYY-MM-DD", help="ngày nhận (mặc định: hôm nay)")
    status = sub.add_parser("status", help="đơn vị nào đã gửi, chậm gửi", description="đơn vị nào đã gửi, chậm gửi")
    status.add_argument("--period", required=True, metavar="KỲ")
    status.add_argument("--today", metavar="YYYY-MM-DD", help="dùng ngày này làm 'hôm nay'")
    status.add_argument("--remind", action="store_true", help="in thư nhắc các đơn vị chậm gửi")
    for p in (units, tpl, imp, status):
        p.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="tệp cơ sở dữ liệu")


def _open(args: argparse.Namespace, *, read_only: bool = False) -> Store:

    from kstthc_desktop.commands import existing_database
    from kstthc_desktop.store import Store

    db = existing_database(args)
    return Store.open(db, create=False, read_only=read_only, lock=not read_only)


def _today(args: argparse.Namespace) -> date:
    from kstthc_desktop.errors import UsageError

    if not getattr(args, "today", None):
        return date.today()
    try:
        return date.fromisoformat(args.today)
    except ValueError:
        raise UsageError(f"Ngày '{args.today}' không đúng dạng YYYY-MM-DD.") from None


def _run_units(args: argparse.Namespace) -> int:
    from kstthc_desktop.returns.units import Unit, fill_from_plan, save_unit, units

    with _open(args) as store:
        if args.fill:
            plan_id = store.plan_id_for_year(args.year)
            if plan_id is None:
                from kstthc_desktop.errors import UserError

                raise UserError(f"Chưa có kế hoạch năm {args.year}.")
            added = fill_from_plan(store, plan_id, exclude=store.settings().body_in_text)
            print(f"Đã thêm {len(added)} đơn vị từ kế hoạch.")
        for name in args.add:
            save_unit(store, args.year, Unit(name, report_day=args.day))
        for i, unit in enumerate(units(store, args.year), 1):
            day = f" (hạn ngày {unit.report_day})" if unit.report_day else ""
            print(f"{i}. {unit.name}{day}")
    return 0


def _run_template(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kstthc_desktop.errors import UserError
    from kstthc_desktop.periods import parse_period
    from kstthc_desktop.reports.produce import choose_plan
    from kstthc_desktop.returns.template import write_return
    from kstthc_desktop.returns.units import find_unit, units

    period = parse_period(args.period)
    with _open(args, read_only=True) as store:
        plan_id = choose_plan(store, period.year, args.plan, None)
        year = store.load_plan(plan_id, tasks=False).document.year or period.year
        collector = store.settings().body_in_text
        default_day = store.settings().report_deadlines.get(period.kind)
        if args.all:
            chosen = units(store, year)
            if not chosen:
                raise UserError(f"Chưa có đơn vị nào trong danh sách năm {year} (kstthc returns units --fill).")
            from kstthc_desktop.returns.bulk import write_all_returns

            folder = Path(args.out)
            folder.mkdir(parents=True, exist_ok=True)
            for name, data in write_all_returns(store.path, plan_id, period):
                (folder / name).write_bytes(data)
                print(folder / name)
            return 0
        unit = find_unit(store, year, args.unit)
        day = unit.report_day if unit and unit.report_day is not None else default_day
        meta = write_return(store, plan_id, period, unit.name if unit else args.unit, Path(args.out),
                            report_day=day, collector=collector)
        print(f"Đã lập mẫu cho {meta.unit}: {len(meta.task_ids)} nhiệm vụ, {args.out}")
    return 0


def _run_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kstthc_desktop.errors import UserError
    from kstthc_desktop.returns.filing import receive_return

    today = _today(args)
    failures = 0
    with _open(args) as store:
        for name in args.files:
            try:
                got = receive_return(store, Path(name), period_key=args.period, received=today)
            except UserError as exc:
                import sys

                print(f"Lỗi: {exc.message}", file=sys.stderr)
                failures += 1
                continue
            meta, reading = got.reading.meta, got.reading
            rows = len(reading.figures.rows) if reading.figures else 0
            verb = "Đã nhận bản sửa lại" if got.replaced else "Đã nhận"
            print(f"{verb} báo cáo của {meta.unit} ({meta.period_key}): {len(reading.results)} kết quả nhiệm vụ, "
                  f"{rows} lĩnh vực số liệu.")
            for warning in reading.warnings:
                print(f"  Chú ý: {warning}")
    return 1 if failures else 0


def _run_status(args: argparse.Namespace) -> int:
    from kstthc_desktop.periods import parse_period
    from kstthc_desktop.reports.produce import choose_plan
    from kstthc_desktop.returns.tracking import reminder, unit_states
    from kstthc_desktop.vndates import text_date

    period = parse_period(args.period)
    today = _today(args)
    with _open(args, read_only=True) as store:
        plan_id = choose_plan(store, period.year, None, None)
        year = store.load_plan(plan_id, tasks=False).document.year or period.year
        settings = store.settings()
        states = unit_states(store, year, period, today, default_day=settings.report_deadlines.get(period.kind))
    for s in states:
        when = f", nhận ngày {text_date(s.received)}" if s.received else ""
        lack = f"; còn thiếu: {', '.join(s.missing)}" if s.missing else ""
        print(f"{s.unit.name}: {s.label} (hạn {text_date(s.due)}{when}{lack})")
    if args.remind:
        text = reminder(states, period, today, settings.body_in_text)
        print("\n" + (text or "Không có đơn vị nào chậm gửi."))
    return 0


def run(args: argparse.Namespace) -> int:
    return {"units": _run_units, "template": _run_template, "import": _run_import,
            "status": _run_status}[args.returns_command](args)
