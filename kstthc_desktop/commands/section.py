"""``kstthc section``: move a section of a stored plan as the window's Sửa menu does (``operations.plan_moves``:
the same checks, one transaction, every change in history; the section's tasks follow it).

    kstthc section move --db DB --section 2 --up            (a group moves with its sections)
    kstthc section move --db DB --section 1.II --down
    kstthc section move --db DB --section III --into 1      (into group 1, as its last section)
    kstthc section move --db DB --section 1.II --out        (out of its group, right after it)
``--section`` is the number the section tree shows ("1.II" where "II" is printed in several groups).
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from kstthc_desktop.commands.deadline import _year

if TYPE_CHECKING:  # a command imports only argparse at import time
    from kstthc_desktop.domain import Section
    from kstthc_desktop.store import Store

HELP = "chuyển một mục của kế hoạch đã nhập: lên, xuống, vào hoặc ra khỏi một nhóm mục"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="VIỆC", required=True)
    move = actions.add_parser("move", help="chuyển mục lên, xuống hoặc vào, ra khỏi nhóm mục")
    move.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="tệp cơ sở dữ liệu")
    move.add_argument("--section", required=True, metavar="SỐ", help="số mục như trong cây mục, ví dụ 1.II")
    move.add_argument("--year", type=_year, metavar="NĂM", help="năm của kế hoạch (mặc định: năm nay)")
    move.add_argument("--plan", type=int, metavar="ID", help="số của kế hoạch (khi một năm có nhiều kế hoạch)")
    where = move.add_mutually_exclusive_group(required=True)
    where.add_argument("--up", action="store_true", help="lên một chỗ (trong nhóm của nó)")
    where.add_argument("--down", action="store_true", help="xuống một chỗ (trong nhóm của nó)")
    where.add_argument("--into", metavar="NHÓM", help="vào nhóm mục này, ở cuối nhóm (ví dụ 2)")
    where.add_argument("--out", action="store_true", help="ra khỏi nhóm, ngay sau nhóm")


def find_section(store: Store, plan_id: int, number: str) -> Section:
    """The section shown as ``number`` in the tree ("1.II", "III"; its code works too). UserError when none."""
    from kstthc_desktop.errors import UserError
    from kstthc_desktop.text import clean
    from kstthc_desktop.tracking import printed_section_codes

    sections = store.load_plan(plan_id, tasks=False).sections
    shown = printed_section_codes(sections)
    wanted = "".join(clean(number).split()).upper().rstrip(".")
    for section in sections:
        if wanted in (shown[section.code].upper(), section.code.upper()):
            return section
    raise UserError(f"Kế hoạch không có mục số «{clean(number)}» (ghi số như trong cây mục, ví dụ 1.II).")


def run(args: argparse.Namespace) -> int:

    from kstthc_desktop.commands import existing_database
    from kstthc_desktop.operations import plan_moves
    from kstthc_desktop.reports.produce import choose_plan
    from kstthc_desktop.store import Store

    db = existing_database(args)
    with Store.open(db, create=False) as store:
        plan_id = choose_plan(store, args.year or date.today().year, args.plan,
                              doing="sửa mục, hoặc chọn kế hoạch đã nhập bằng --year")
        section = find_section(store, plan_id, args.section)
        assert section.id is not None  # a stored section
        if args.up or args.down:
            plan_moves.move_section(store, section.id, -1 if args.up else 1)
        elif args.out:
            plan_moves.move_section_to_group(store, section.id, None)
        else:
            plan_moves.move_section_to_group(store, section.id, find_section(store, plan_id, args.into).code)
    print(f"Đã chuyển mục {args.section}.")
    return 0
