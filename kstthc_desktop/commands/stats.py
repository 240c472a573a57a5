"""``kstthc stats``: the period's figures (dossier statistics and other counts).

    kstthc stats import FILE --dry-run --json            → the figures JSON read from a one-stop export
    kstthc stats import FILE --db DB [--period KEY] [--unit NAME]   → stored under that unit and period
    kstthc stats show --db DB --period KEY [--unit NAME] [--json]   → one unit's figures, or all units added up
    kstthc stats set --db DB --period KEY feedback_received=12 …    → typed-in figures of the other form
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kstthc_desktop.figures.model import Figures

HELP = "số liệu của kỳ: nhập từ tệp Excel của hệ thống một cửa, nhập tay, xem và cộng số liệu các đơn vị"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="stats_command", metavar="VIỆC", required=True)
    imp = sub.add_parser("import", help="đọc số liệu hồ sơ từ tệp Excel xuất từ hệ thống một cửa",
                         description="đọc số liệu hồ sơ từ tệp Excel xuất từ hệ thống một cửa")
    imp.add_argument("file", metavar="TỆP", help="tệp .xlsx")
    imp.add_argument("--dry-run", action="store_true", help="chỉ đọc và hiển thị, không ghi gì")
    imp.add_argument("--json", action="store_true", help="in số liệu đã đọc dạng JSON")
    imp.add_argument("--period", metavar="KỲ", help="kỳ báo cáo (mặc định: theo ngày ghi trong tệp)")
    imp.add_argument("--unit", metavar="ĐƠN VỊ", help="đơn vị của số liệu (mặc định: theo tệp, rồi cơ quan mình)")
    show = sub.add_parser("show", help="xem số liệu đã lưu của một đơn vị, hoặc cộng tất cả đơn vị",
                          description="xem số liệu đã lưu của một đơn vị, hoặc cộng tất cả đơn vị")
    show.add_argument("--period", required=True, metavar="KỲ", help="kỳ báo cáo, ví dụ 2025-Q1")
    show.add_argument("--unit", metavar="ĐƠN VỊ", help="một đơn vị (mặc định: cộng số liệu mọi đơn vị)")
    show.add_argument("--form", default="ho-so-tthc", metavar="BIỂU", help="ho-so-tthc (mặc định) hoặc so-lieu-khac")
    show.add_argument("--json", action="store_true", help="in dạng JSON")
    typed = sub.add_parser("set", help="nhập tay các số liệu khác của kỳ (công bố TTHC, phản ánh kiến nghị…)",
                           description="nhập tay các số liệu khác của kỳ: khóa=giá trị, ví dụ feedback_received=12")
    typed.add_argument("values", nargs="+", metavar="KHÓA=SỐ", help="ví dụ procedures_new=3 feedback_received=12")
    typed.add_argument("--period", required=True, metavar="KỲ", help="kỳ báo cáo, ví dụ 2025-Q1")
    typed.add_argument("--unit", metavar="ĐƠN VỊ", help="đơn vị (mặc định: cơ quan mình)")
    for p in (imp, show, typed):
        p.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="tệp cơ sở dữ liệu")


def _db_path(args: argparse.Namespace, *, must_exist: bool) -> Path:
    from kstthc_desktop import paths
    from kstthc_desktop.errors import UserError

    db = Path(getattr(args, "db", None) or paths.default_db_path())
    if must_exist and not db.exists():
        raise UserError(f"Không tìm thấy cơ sở dữ liệu {db}.")
    return db


def _print(figures: Figures, period_key: str, as_json: bool, extra: dict[str, Any] | None = None) -> None:
    import json

    from kstthc_desktop.figures.text import summary_lines

    if as_json:
        data = figures.to_json()
        if extra:
            data.update(extra)
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print("\n".join(summary_lines(figures, period_key)))


def _run_import(args: argparse.Namespace) -> int:
    from kstthc_desktop.figures.export_reader import read_export
    from kstthc_desktop.figures.filing import decide_filing, store_filing
    from kstthc_desktop.store import Store

    path = Path(args.file)
    figures = read_export(path)  # a bad file is refused before a database is opened (or made)
    if args.dry_run:
        filing = decide_filing(figures, period_key=args.period, unit=args.unit)
    else:
        with Store.open(_db_path(args, must_exist=False)) as store:
            filing = decide_filing(figures, period_key=args.period, unit=args.unit,
                                   default_unit=store.settings().body_in_text)
            store_filing(store, filing, path.name)
    _print(filing.figures, filing.period.key, args.json, {"period_key": filing.period.key} if args.json else None)
    import sys

    for note in filing.notes + filing.figures.flags():
        print(f"Chú ý: {note}", file=sys.stderr)
    if not args.dry_run and not args.json:
        print(f"Đã lưu số liệu của {filing.figures.unit} vào kỳ {filing.period.label}.")
    return 0


def _run_show(args: argparse.Namespace) -> int:
    from kstthc_desktop.errors import UserError
    from kstthc_desktop.figures.forms import FORM_IDS, load_form
    from kstthc_desktop.figures.model import consolidate
    from kstthc_desktop.periods import parse_period
    from kstthc_desktop.store import Store
    from kstthc_desktop.store.figures import current_figures

    if args.form not in FORM_IDS:
        raise UserError(f"Không có biểu \"{args.form}\"; dùng một trong: {', '.join(FORM_IDS)}.")
    period = parse_period(args.period)
    with Store.open(_db_path(args, must_exist=True), create=False, read_only=True, lock=False) as store:
        stored = current_figures(store, args.form, period.key, args.unit)
    if not stored:
        who = f" của {args.unit}" if args.unit else ""
        raise UserError(f"Chưa có số liệu{who} cho kỳ {period.label}.")
    if args.unit:
        _print(stored[0].figures, period.key, args.json)
        return 0
    units = [s.figures.unit for s in stored]
    total = consolidate(load_form(args.form), [s.figures for s in stored])
    total.date_from, total.date_to = period.window_start, period.window_end
    _print(total, period.key, args.json, {"units": units})
    if not args.json:
        print(f"Cộng số liệu của {len(units)} đơn vị: {', '.join(units)}.")
    return 0


def _run_set(args: argparse.Namespace) -> int:
    from kstthc_desktop.figures.forms import OTHER
    from kstthc_desktop.figures.typed import typed_figures
    from kstthc_desktop.periods import parse_period
    from kstthc_desktop.store import Store
    from kstthc_desktop.store.figures import current_figures, save_figures

    period = parse_period(args.period)
    with Store.open(_db_path(args, must_exist=False)) as store:
        unit = args.unit or store.settings().body_in_text
        earlier = current_figures(store, OTHER, period.key, unit)
        figures = typed_figures(args.values, unit=unit, earlier=earlier[0].figures.total if earlier else None)
        with store.transaction():
            save_figures(store, figures, period.key, origin="typed")
    _print(figures, period.key, False)
    return 0


def run(args: argparse.Namespace) -> int:
    return {"import": _run_import, "show": _run_show, "set": _run_set}[args.stats_command](args)
