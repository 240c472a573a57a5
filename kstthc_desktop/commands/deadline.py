"""``kstthc deadline``: read printed deadlines the way an import would, to check or script the reader.

    kstthc deadline --year 2024 --json "Quý III"      → one JSON deadline object (docs/plan-json.md)
    kstthc deadline --year 2024 --json - < texts.txt  → one object per input line, in order, empty lines included
Without ``--json`` it prints a short Vietnamese line per text (``deadline_text.describe``), the same words as the
task panel: a periodic deadline stating no day names the officer's report day for it, read from the database's
settings (``--db``, else the officer's own database when there is one). ``--year`` defaults to the current year.
"""

from __future__ import annotations

import argparse
import logging

HELP = "đọc thời hạn ghi bằng chữ (\"Hằng quý\", \"Quý III/2024\", \"Khi có phát sinh\") thành thời hạn cụ thể"


def _year(value: str) -> int:
    try:
        year = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"năm không hợp lệ: {value!r} (cần một số, ví dụ 2024)") from None
    if not 1900 <= year <= 2200:
        raise argparse.ArgumentTypeError(f"năm không hợp lệ: {value} (cần trong khoảng 1900–2200)")
    return year


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=_year, metavar="NĂM", help="năm của kế hoạch (mặc định: năm nay)")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON (một đối tượng mỗi dòng)")
    parser.add_argument("text", nargs="*", metavar="TEXT", help="thời hạn như in trong kế hoạch; '-' để đọc từng dòng từ đầu vào chuẩn")


def report_days(args: argparse.Namespace) -> dict[str, int]:
    """The officer's day per kind of report, from ``--db`` (which must exist) or else the officer's own database
    when there is one (read-only, without its lock: the window may have it open). {} without a database, or when
    the officer's own cannot be read: reading a deadline never fails for it, its words then name no report day."""
    from kstthc_desktop.commands import existing_database
    from kstthc_desktop.errors import UserError
    from kstthc_desktop.store import Store

    try:
        with Store.open(existing_database(args), create=False, read_only=True, lock=False) as store:
            return dict(store.settings().report_deadlines)
    except UserError as exc:
        if getattr(args, "db", None):
            raise
        logging.getLogger(__name__).info("report days not read from the officer's database: %s", exc.message)
        return {}


def run(args: argparse.Namespace) -> int:
    import json
    import sys
    from datetime import date

    from kstthc_desktop.deadline_text import describe
    from kstthc_desktop.deadlines import read_deadline
    from kstthc_desktop.errors import UsageError

    year = args.year if args.year is not None else date.today().year  # the CLI edge may read the clock
    if not args.text:
        raise UsageError("Thiếu thời hạn cần đọc (TEXT), hoặc '-' để đọc từ đầu vào chuẩn. Xem 'kstthc deadline --help'.")
    days = {} if args.json else report_days(args)  # JSON is the reading itself (docs/plan-json.md): no settings

    def emit(text: str) -> None:
        deadline = read_deadline(text, year)
        if args.json:
            print(json.dumps(deadline.to_json(), ensure_ascii=False), flush=True)
        else:
            print(describe(deadline, effective=True, report_days=days), flush=True)

    out = sys.stdout
    if hasattr(out, "reconfigure") and not out.isatty():
        out.reconfigure(encoding="utf-8")  # JSON for scripts is UTF-8 everywhere, Windows pipes included
    if args.text == ["-"]:
        stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
        if stream is None:
            for line in sys.stdin:
                emit(line.rstrip("\r\n"))
        else:
            first = True
            for raw in stream:
                if first:
                    raw = raw.removeprefix(b"\xef\xbb\xbf")  # a BOM from Windows editors
                    first = False
                emit(raw.decode("utf-8", errors="replace").rstrip("\r\n"))
        return 0
    emit(" ".join(args.text))
    return 0
