"""``kstthc task``: correct a task of a stored plan as the window's Sửa menu does (``operations.plan_edit``,
``operations.concern``: the same checks, one transaction, every change in history).

    kstthc task edit --db DB --task 1.I.2 --content "…" --deadline "Quý II/2024"
    kstthc task delete --db DB --task 2.II.1
    kstthc task concern --db DB --task 1.I.1 --task 1.I.2 lead
    kstthc task move --db DB --task 1.I.2 --up          (or --down, --to-section 2.II; --keep-numbers)
``--task`` is the number the task table shows; the plan is the one of ``--year`` (default: this year) or ``--plan``.

Splitting and merging (``commands.task_split_merge``, ``operations.split_merge``):
    kstthc task split --db DB --task 2.I.1 [--first "a) …" --second "b) …"] [--move-progress ID]
    kstthc task merge --db DB --task 1.I.1 --task 1.I.2 [--section 1.I] [--deadline "Quý II/2024"]
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from kstthc_desktop.commands.deadline import _year

if TYPE_CHECKING:  # a command imports only argparse at import time
    from kstthc_desktop.store import Store

HELP = "sửa, xóa, chuyển một nhiệm vụ của kế hoạch đã nhập, hoặc đánh dấu nhiệm vụ liên quan đến cơ quan mình"
_FIELDS = {"content": "nội dung công việc", "result": "kết quả / sản phẩm", "lead": "cơ quan chủ trì",
           "cooperate": "cơ quan phối hợp", "deadline": "thời hạn ghi trong kế hoạch (đọc lại ngay)",
           "note": "ghi chú", "section": "mã mục mới (ví dụ 2.I)", "stt": "số thứ tự mới trong mục"}


def _common(parser: argparse.ArgumentParser, many: bool = False) -> None:
    parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="tệp cơ sở dữ liệu")
    parser.add_argument("--task", required=True, metavar="STT", action="append" if many else "store",
                        help="số nhiệm vụ như trong bảng nhiệm vụ, ví dụ 1.I.2" + (" (nhắc lại được)" if many else ""))
    parser.add_argument("--year", type=_year, metavar="NĂM", help="năm của kế hoạch (mặc định: năm nay)")
    parser.add_argument("--plan", type=int, metavar="ID", help="số của kế hoạch (khi một năm có nhiều kế hoạch)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="VIỆC", required=True)
    edit = actions.add_parser("edit", help="sửa chữ của một nhiệm vụ, mục hoặc số thứ tự của nó")
    _common(edit)
    for name, label in _FIELDS.items():
        edit.add_argument(f"--{name}", metavar="CHỮ", help=label)
    delete = actions.add_parser("delete", help="xóa một nhiệm vụ cùng kết quả, văn bản, sự việc của nó")
    _common(delete)
    _add_move(actions)
    concern = actions.add_parser("concern", help="đánh dấu nhiệm vụ liên quan đến cơ quan mình")
    _common(concern, many=True)
    concern.add_argument("concern", choices=["lead", "cooperate", "none", "unknown"],
                         help="chủ trì, phối hợp, không liên quan, chưa xác định")
    from kstthc_desktop.commands.task_split_merge import add_split_merge

    add_split_merge(actions)  # kstthc task split / merge


def _add_move(actions: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """``kstthc task move``: one place up or down in its section, or to the end of another section."""
    move = actions.add_parser("move", help="chuyển nhiệm vụ lên, xuống trong mục hoặc sang mục khác")
    _common(move)
    where = move.add_mutually_exclusive_group(required=True)
    where.add_argument("--up", action="store_const", const=-1, dest="step", help="lên một chỗ trong mục")
    where.add_argument("--down", action="store_const", const=1, dest="step", help="xuống một chỗ trong mục")
    where.add_argument("--to-section", metavar="MỤC", help="sang cuối mục này (số mục như trong cây mục, ví dụ 2.II)")
    move.add_argument("--keep-numbers", action="store_true",
                      help="giữ số thứ tự của nhiệm vụ (mặc định: số thứ tự đánh lại theo thứ tự mới)")


def _run_move(store: Store, plan_id: int, task_id: int, args: argparse.Namespace) -> int:
    from kstthc_desktop.commands.section import find_section
    from kstthc_desktop.operations import plan_moves

    renumber = not args.keep_numbers
    if args.to_section:
        code = find_section(store, plan_id, args.to_section).code
        plan_moves.move_task_to_section(store, task_id, code, renumber=renumber)
    else:
        plan_moves.move_task(store, task_id, args.step, renumber=renumber)
    from kstthc_desktop.tracking import printed_section_codes, shown_stt

    codes = printed_section_codes(store.load_plan(plan_id, tasks=False).sections)
    print(f"Đã chuyển nhiệm vụ {args.task}: nay là số {shown_stt(store.task(task_id), codes)}.")
    return 0


def run(args: argparse.Namespace) -> int:

    from kstthc_desktop.commands import existing_database
    from kstthc_desktop.domain import Concern
    from kstthc_desktop.errors import UsageError
    from kstthc_desktop.operations import plan_edit, plans
    from kstthc_desktop.operations.concern import set_concern
    from kstthc_desktop.reports.produce import choose_plan
    from kstthc_desktop.store import Store

    db = existing_database(args)
    with Store.open(db, create=False) as store:
        plan_id = choose_plan(store, args.year or date.today().year, args.plan,
                              doing="sửa nhiệm vụ, hoặc chọn kế hoạch đã nhập bằng --year")
        if args.action == "concern":
            ids = [plans.find_task(store, plan_id, number).id for number in args.task]
            value = Concern.UNKNOWN if args.concern == "unknown" else Concern(args.concern)
            changed = set_concern(store, [i for i in ids if i is not None], value)
            print(f"Đã đánh dấu {changed} nhiệm vụ: {value.label.lower()}.")
            return 0
        if args.action in ("split", "merge"):
            from kstthc_desktop.commands.task_split_merge import run_split_merge

            return run_split_merge(store, plan_id, args)
        task = plans.find_task(store, plan_id, args.task)
        assert task.id is not None  # a stored task
        if args.action == "move":
            return _run_move(store, plan_id, task.id, args)
        if args.action == "delete":
            plan_edit.delete_task(store, task.id)
            print(f"Đã xóa nhiệm vụ {args.task}.")
            return 0
        changes = {("deadline_text" if k == "deadline" else k): getattr(args, k)
                   for k in _FIELDS if getattr(args, k) is not None}
        if not changes:
            raise UsageError("Hãy cho biết cần sửa gì, ví dụ --content \"…\" hoặc --deadline \"Quý II/2024\".")
        saved = plan_edit.edit_task(store, task.id, **changes)
        report_days = store.settings().report_deadlines
    from kstthc_desktop.deadline_text import describe

    print(f"Đã sửa nhiệm vụ {args.task}. Thời hạn hiểu là: {describe(saved.deadline, report_days=report_days)}.")
    return 0
