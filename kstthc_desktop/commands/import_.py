"""``kstthc import``: read a plan from .xlsx / .docx / .txt, show what was understood, save it.

    kstthc import KH.docx --dry-run --json      → the plan JSON (docs/plan-json.md), nothing written
    kstthc import KH.docx --db DB               → saved (``operations.imports.save_import``, as the window's
                                                  wizard: a backup, then one transaction); a Vietnamese summary
    kstthc import KH2.docx --db DB --dry-run    → for a year already stored: what the amended plan would change
Options: ``--columns "stt,content,lead,cooperate,result,deadline"`` when headings are not recognised; ``--for BODY``
marks each task as led / cooperated / not concerning that body (default: the body set in the settings);
``--year`` when the file does not say it. Amending a stored plan keeps what the officer corrected there by hand; where
the new file changed the same thing differently, one line says which version was kept (the officer's), and
``--take-file`` takes the file's in every such place.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from kstthc_desktop.commands.deadline import _year  # the same check of a year argument

if TYPE_CHECKING:
    from pathlib import Path

    from kstthc_desktop.domain import Plan
    from kstthc_desktop.importers.reimport import PlanChanges

TAKE_FILE_HINT = "Muốn lấy theo tệp mới ở các chỗ trên: nhập (không có --dry-run) với --take-file."
KEPT_HINT = ("Đã giữ bản cán bộ đã sửa ở các chỗ trên; muốn theo tệp mới thì sửa lại trong cửa sổ (menu Sửa: "
             "sửa nhiệm vụ, đổi tên mục); lần sau xem trước bằng --dry-run rồi nhập với --take-file.")
HELP = "nhập kế hoạch KSTTHC từ tệp Word (.docx), Excel (.xlsx) hoặc văn bản (.txt)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="TỆP", help="tệp kế hoạch: .docx, .xlsx hoặc .txt")
    parser.add_argument("--dry-run", action="store_true", help="chỉ đọc và hiển thị, không ghi gì vào cơ sở dữ liệu")
    parser.add_argument("--json", action="store_true", help="in kế hoạch đã đọc dạng JSON")
    parser.add_argument("--columns", metavar="CỘT,CỘT,…",
                        help="vai trò của từng cột theo thứ tự, ví dụ \"stt,content,lead,cooperate,result,deadline\"")
    parser.add_argument("--for", dest="body", metavar="CƠ QUAN",
                        help="cơ quan của mình, để đánh dấu nhiệm vụ chủ trì / phối hợp (mặc định: theo cài đặt)")
    parser.add_argument("--year", type=_year, metavar="NĂM", help="năm của kế hoạch khi tệp không ghi rõ")
    parser.add_argument("--take-file", action="store_true",
                        help="khi nhập lại: chỗ nào cán bộ đã sửa mà tệp mới cũng ghi khác thì lấy theo tệp mới "
                             "(mặc định giữ bản đã sửa)")


def run(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from kstthc_desktop.errors import UserError
    from kstthc_desktop.importers import extract
    from kstthc_desktop.importers.columns import parse_mapping
    from kstthc_desktop.paths import default_db_path

    mapping = parse_mapping(args.columns) if args.columns else None
    plan = extract(Path(args.file), columns=mapping, year=args.year, body=args.body)
    db_given = getattr(args, "db", None)
    db_path = Path(db_given) if db_given else default_db_path()

    if args.dry_run:
        changes = None
        if db_path.exists() and plan.document.year:
            changes = _preview_changes(db_path, plan)
        if args.json:
            data = plan.to_json()
            if changes is not None:
                data["changes"] = changes.to_json()
            print(json.dumps(data, ensure_ascii=False, indent=1))
        else:
            print("\n".join(summary_lines(plan, body=args.body)))
            if changes is not None:
                print(f"So với kế hoạch năm {plan.document.year} đã lưu (chưa ghi gì):")
                print("\n".join(changes.summary()))
                if changes.conflicts:
                    print(TAKE_FILE_HINT)
        return 0

    if not plan.document.year:  # refused before the database is opened (or created)
        raise UserError("Không xác định được năm của kế hoạch từ tệp; hãy ghi rõ bằng --year (ví dụ --year 2025).")
    from datetime import datetime

    from kstthc_desktop.concern import mark_concern
    from kstthc_desktop.operations.imports import save_import
    from kstthc_desktop.store import Store

    with Store.open(db_path) as store:
        settings = store.settings()
        body = args.body or settings.my_body
        if (body and not args.body) or settings.my_aliases:
            mark_concern(plan, body, settings.my_aliases)
        take_file: set[str] = set()
        if args.take_file:
            from kstthc_desktop.operations.imports import changes_if_saved

            preview = changes_if_saved(store, plan)
            take_file = {c.key for c in preview.conflicts} if preview is not None else set()
        changes = save_import(store, plan, datetime.now(), take_file).changes
    if args.json:
        print(json.dumps(plan.to_json(), ensure_ascii=False, indent=1))
        return 0
    if changes is None:
        print(f"Đã lưu kế hoạch năm {plan.document.year} vào {db_path}.")
        print("\n".join(summary_lines(plan, body=body)))
    else:
        print(f"Đã cập nhật kế hoạch năm {plan.document.year} đã có trong {db_path} theo bản mới:")
        print("\n".join(changes.summary()))
        if changes.conflicts and not args.take_file:
            print(KEPT_HINT)
        print("\n".join(line for line in summary_lines(plan, body=body) if line.startswith("Cảnh báo") or line.startswith("  ")))
    return 0


def _preview_changes(db_path: Path, plan: Plan) -> PlanChanges | None:
    """What saving would change in the plan of the same year, or None (no such plan, or the database unreadable:
    a preview must not fail because of the database; saving would say what is wrong with it)."""
    from kstthc_desktop.errors import UserError
    from kstthc_desktop.operations.imports import changes_if_saved
    from kstthc_desktop.store import Store

    try:
        with Store.open(db_path, create=False, read_only=True, lock=False) as store:
            return changes_if_saved(store, plan)
    except UserError:
        return None


def summary_lines(plan: Plan, *, body: str | None = None) -> list[str]:
    """A short Vietnamese account of what was read: sections, tasks, kinds of deadline, concern, warnings."""
    from collections import Counter

    from kstthc_desktop.domain import Concern, DeadlineKind

    doc = plan.document
    title = " ".join(doc.title.split()) or plan.source
    head = f"Kế hoạch: {title}"
    if doc.issuer:
        head += f" — {doc.issuer}"
    if doc.year:
        head += f" (năm {doc.year})"
    subs = sum(1 for t in plan.tasks if t.sub)
    lines = [head, f"{len(plan.sections)} mục, {len(plan.tasks)} nhiệm vụ" + (f" (trong đó {subs} ý con)." if subs else ".")]
    kinds = Counter(t.deadline.kind for t in plan.tasks)
    parts = [f"{kinds[k]} {k.label.lower()}" for k in DeadlineKind if kinds[k]]
    lines.append("Thời hạn: " + ", ".join(parts) + ".")
    if body:
        concern = Counter(t.concern for t in plan.tasks)
        lines.append(f"Liên quan đến {body}: {concern[Concern.LEAD]} chủ trì, {concern[Concern.COOPERATE]} phối hợp, "
                     f"{concern[Concern.NONE]} không liên quan.")
    if plan.warnings:
        lines.append(f"Cảnh báo ({len(plan.warnings)}):")
        lines += [f"  - {w.message}" for w in plan.warnings[:20]]
        if len(plan.warnings) > 20:
            lines.append(f"  … và {len(plan.warnings) - 20} cảnh báo khác (xem --json).")
    return lines
