"""``kstthc check``: check the database (quick; ``--full`` for SQLite's integrity_check and every file's hash)."""

from __future__ import annotations

import argparse

HELP = "kiểm tra cơ sở dữ liệu và các tệp minh chứng"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--full", action="store_true", help="kiểm tra toàn bộ (chậm hơn): từng trang và từng tệp")
    parser.add_argument("--clean", action="store_true",
                        help="dọn các tệp minh chứng không còn dùng (giữ những tệp mà bản sao lưu tự động còn cần)")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kstthc_desktop import paths
    from kstthc_desktop.errors import UserError
    from kstthc_desktop.store.backup import newest_good_backup
    from kstthc_desktop.store.checks import check_file

    db = Path(getattr(args, "db", None) or paths.default_db_path())
    try:
        report = check_file(db, full=args.full)
    except UserError as exc:
        good = newest_good_backup(db) if db.exists() else None
        if good:
            exc.message += f" Bản sao lưu tốt gần nhất: {good.path} (khôi phục bằng 'kstthc restore')."
            exc.args = (exc.message,)
        raise
    kind = "toàn bộ" if args.full else "nhanh"
    counts = ", ".join(f"{name}: {n}" for name, n in report.counts.items())
    if report.ok:
        print(f"Kiểm tra {kind}: {db} không có lỗi. ({counts})")
        if report.orphan_files and args.clean:
            from kstthc_desktop.store import Store

            with Store.open(db, create=False) as store:
                removed = store.remove_orphans()
            print(f"Đã dọn {removed} tệp minh chứng không còn dùng.")
        elif report.orphan_files:
            print(f"{len(report.orphan_files)} tệp minh chứng không còn dùng (dọn bằng 'kstthc check --clean').")
        return 0
    print(f"Kiểm tra {kind}: {db} có lỗi:")
    for problem in report.problems:
        print(f"- {problem}")
    good = newest_good_backup(db)
    if good:
        print(f"Bản sao lưu tốt gần nhất: {good.path} (khôi phục bằng 'kstthc restore').")
    return 1
