"""``kstthc plan draft``: the body's own plan drafted from the province's, as a Word document (and saved).

    kstthc plan draft --db DB --from-plan ID --for "Sở Tư pháp" --out kh.docx [--json] [--days 5] [--dry-run]
"""

from __future__ import annotations

import argparse

HELP = "lập dự thảo kế hoạch KSTTHC của đơn vị từ kế hoạch của tỉnh (Word)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="plan_command", metavar="VIỆC", required=True)
    draft = sub.add_parser("draft", help="dự thảo kế hoạch của đơn vị từ kế hoạch của tỉnh",
                           description="dự thảo kế hoạch của đơn vị từ kế hoạch của tỉnh")
    draft.add_argument("--from-plan", type=int, required=True, metavar="ID", help="số của kế hoạch của tỉnh")
    draft.add_argument("--for", dest="body", required=True, metavar="CƠ QUAN", help="ví dụ \"Sở Tư pháp\"")
    draft.add_argument("--out", metavar="TỆP", help="tệp Word (.docx) của kế hoạch")
    draft.add_argument("--json", action="store_true", help="in kế hoạch dự thảo dạng JSON")
    draft.add_argument("--days", type=int, default=5, metavar="N",
                       help="thời hạn nội bộ: trước hạn của tỉnh N ngày làm việc (mặc định 5)")
    draft.add_argument("--lead", default="Văn phòng Sở", metavar="TÊN", help="đơn vị chủ trì trong nội bộ")
    draft.add_argument("--cooperate", default="Các phòng chuyên môn thuộc Sở", metavar="TÊN",
                       help="đơn vị phối hợp trong nội bộ")
    draft.add_argument("--dry-run", action="store_true", help="không lưu kế hoạch vào cơ sở dữ liệu")
    draft.add_argument("--today", metavar="YYYY-MM-DD", help="ngày ghi trên văn bản (mặc định: hôm nay)")
    draft.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="tệp cơ sở dữ liệu")


def run(args: argparse.Namespace) -> int:
    import json
    from datetime import date
    from pathlib import Path

    from kstthc_desktop.commands import existing_database
    from kstthc_desktop.drafting.draft import DraftOptions, draft_from, source_name
    from kstthc_desktop.drafting.save import save_draft
    from kstthc_desktop.errors import UsageError, UserError
    from kstthc_desktop.store import Store

    if not args.out and not args.json:
        raise UsageError("Hãy cho biết --out kh.docx (tệp Word) hoặc --json.")
    if args.out and Path(args.out).suffix.lower() != ".docx":
        raise UsageError("Kế hoạch được lập ra tệp Word: --out phải có đuôi .docx.")
    today = date.fromisoformat(args.today) if args.today else date.today()
    db = existing_database(args)
    with Store.open(db, create=False) as store:
        if not any(p.id == args.from_plan for p in store.plans()):
            raise UserError(f"Không có kế hoạch số {args.from_plan} trong cơ sở dữ liệu.")
        source = store.load_plan(args.from_plan)
        draft = draft_from(source, DraftOptions(args.body, args.lead, args.cooperate, args.days))
        plan = draft.plan()
        if args.out:
            from kstthc_desktop.drafting.word import write_plan_docx

            write_plan_docx(plan, store.settings(), Path(args.out), today=today, source_title=source_name(source))
        if not args.dry_run:
            plan_id = save_draft(store, draft)
            if not args.json:
                print(f"Đã lưu kế hoạch năm {plan.document.year} của {plan.document.issuer} (số {plan_id}), "
                      f"{len(plan.tasks)} nhiệm vụ gắn với kế hoạch của tỉnh.")
    if args.json:
        print(json.dumps(plan.to_json(), ensure_ascii=False, indent=1))
    elif args.out:
        print(f"Đã lập dự thảo kế hoạch: {args.out}")
    return 0
