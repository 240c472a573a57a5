"""``kstthc restore``: "Khôi phục" — check a backup, keep the current state, then restore the backup."""

from __future__ import annotations

import argparse

HELP = "khôi phục dữ liệu từ một bản sao lưu (.zip, hoặc bản sao lưu tự động .sqlite3)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("backup", metavar="TỆP", help="tệp sao lưu")
    parser.add_argument("--other-database", action="store_true",
                        help="cho phép khôi phục bản sao lưu của một cơ sở dữ liệu KHÁC (thay toàn bộ dữ liệu hiện tại)")


def run(args: argparse.Namespace) -> int:
    from datetime import datetime
    from pathlib import Path

    from kstthc_desktop import paths
    from kstthc_desktop.store.archive import restore_backup

    db = Path(getattr(args, "db", None) or paths.default_db_path())
    result = restore_backup(db, Path(args.backup), now=datetime.now(),
                            allow_foreign=bool(getattr(args, "other_database", False)))
    print(f"Đã khôi phục {db} từ {args.backup} ({result.files_added} tệp minh chứng được chép thêm).")
    if result.previous:
        print(f"Dữ liệu trước khi khôi phục được giữ tại: {result.previous}")
    if result.missing_files:
        print(f"Chú ý: bản sao lưu thiếu {len(result.missing_files)} tệp minh chứng.")
    return 0
