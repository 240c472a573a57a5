"""``kstthc backup``: "Sao lưu" — a complete backup (database + evidence files + manifest) in one zip."""

from __future__ import annotations

import argparse

HELP = "sao lưu toàn bộ dữ liệu (cơ sở dữ liệu và tệp minh chứng) vào một tệp .zip"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, metavar="TỆP.zip", help="tệp sao lưu sẽ tạo (ví dụ trên USB)")


def run(args: argparse.Namespace) -> int:
    from datetime import datetime
    from pathlib import Path

    from kstthc_desktop import paths
    from kstthc_desktop.errors import UserError
    from kstthc_desktop.store.archive import export_backup

    db = Path(getattr(args, "db", None) or paths.default_db_path())
    if not db.is_file():
        raise UserError(f"Không tìm thấy tệp cơ sở dữ liệu \"{db}\".")
    out = Path(args.out)
    manifest = export_backup(db, out, now=datetime.now())
    if out.suffix.lower() != ".zip":
        out = out.with_name(out.name + ".zip")
    print(f"Đã sao lưu vào {out}: cơ sở dữ liệu và {len(manifest.files)} tệp minh chứng.")
    if manifest.missing_files:
        print(f"Chú ý: {len(manifest.missing_files)} tệp minh chứng đã bị thiếu từ trước, không có trong bản sao lưu.")
    return 0
