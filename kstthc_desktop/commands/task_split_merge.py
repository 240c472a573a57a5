"""``kstthc task split`` and ``kstthc task merge``: a task cut in two, several joined into one, as the window's
Sửa › Tách nhiệm vụ… / Gộp nhiệm vụ… do (``operations.split_merge``: one transaction, one undo). Part of the
``task`` command (``commands.task``), not a command of its own."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a command imports only argparse at import time
    from kstthc_desktop.store import Store


def add_split_merge(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from kstthc_desktop.commands.task import _common

    split = actions.add_parser("split", help="tách một nhiệm vụ thành hai (cùng mục, cơ quan, thời hạn)")
    _common(split)
    split.add_argument("--first", metavar="CHỮ", help="nội dung phần thứ nhất (mặc định: cắt ở «b)», xuống dòng "
                       "hoặc hết câu đầu)")
    split.add_argument("--second", metavar="CHỮ", help="nội dung phần thứ hai")
    split.add_argument("--move-progress", type=int, action="append", default=[], metavar="ID",
                       help="số của kết quả chuyển sang phần thứ hai, cùng văn bản của nó (nhắc lại được)")
    merge = actions.add_parser("merge", help="gộp hai hay nhiều nhiệm vụ thành một (kết quả, văn bản dồn về)")
    _common(merge, many=True)
    merge.add_argument("--section", metavar="MÃ", help="mục của nhiệm vụ gộp khi các nhiệm vụ ở nhiều mục (ví dụ 1.I)")
    merge.add_argument("--deadline", metavar="CHỮ", help="thời hạn của nhiệm vụ gộp (mặc định: của nhiệm vụ đầu)")


def run_split_merge(store: Store, plan_id: int, args: argparse.Namespace) -> int:
    from kstthc_desktop.errors import UsageError
    from kstthc_desktop.operations import plans, split_merge

    if args.action == "merge":
        ids = [plans.find_task(store, plan_id, number).id for number in args.task]
        merged = split_merge.merge_tasks(store, [i for i in ids if i is not None], section=args.section,
                                         deadline_text=args.deadline)
        print(f"Đã gộp {len(set(ids))} nhiệm vụ thành nhiệm vụ {store.task(merged.task_id).stt or '–'}.")
        for line in merged.lines():  # results counted for another period of the merged task, or kept
            print(f"  {line}")
        return 0
    task_id = plans.find_task(store, plan_id, args.task).id
    assert task_id is not None  # a stored task
    proposal = split_merge.propose_split(store, task_id)
    first = args.first if args.first is not None else proposal.first
    second = args.second if args.second is not None else proposal.second
    if not second.strip() and args.second is None:
        raise UsageError("Không tìm thấy chỗ tách trong nội dung: hãy ghi --first \"…\" --second \"…\".")
    new_id = split_merge.split_task(store, task_id, first, second, progress_ids=args.move_progress)
    print(f"Đã tách thành nhiệm vụ {store.task(task_id).stt or '–'} và {store.task(new_id).stt or '–'}.")
    return 0
