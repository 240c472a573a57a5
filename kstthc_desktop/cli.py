"""The ``kstthc`` command line: subcommands for the core, and the desktop program when none is given.

Errors are one clear Vietnamese line on standard error: exit status 2 for wrong usage, 1 for a failure;
details go to the log file. Never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import sys
from typing import NoReturn

from kstthc_desktop import __version__
from kstthc_desktop.commands import COMMANDS
from kstthc_desktop.errors import UsageError, UserError

log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so usage errors get our Vietnamese line and status 2."""

    def error(self, message: str) -> NoReturn:  # noqa: D401 - argparse API
        raise UsageError(f"Lệnh không đúng cách dùng: {message}. Xem 'kstthc --help'.")


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; with ``commands=False`` only the window's options (no subcommand modules loaded)."""
    parser = _Parser(prog="kstthc", description="KSTTHC Desktop: kế hoạch và báo cáo kiểm soát thủ tục hành chính.")
    parser.add_argument("--version", action="version", version=f"KSTTHC Desktop {__version__}")
    parser.add_argument("--db", metavar="PATH", help="tệp cơ sở dữ liệu (mặc định: trong thư mục dữ liệu của người dùng)")
    parser.add_argument("--demo", action="store_true", help="mở chương trình trên một cơ sở dữ liệu mẫu tạm thời")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help="dùng ngày này làm 'hôm nay'")
    parser.add_argument("--exit-after-start", action="store_true", help="hiện cửa sổ chính một lần rồi thoát (đo khởi động)")
    parser.add_argument("--smoke-test", action="store_true",
                        help="hiện cửa sổ chính, chạy hết các việc sau lần vẽ đầu rồi thoát; có lỗi thì mã thoát 1 (kiểm tra bản cài)")
    if not commands:
        return parser
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="LỆNH")
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(f"kstthc_desktop.commands.{module_name}")
        command_parser = sub.add_parser(name, help=module.HELP, description=module.HELP)
        command_parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="tệp cơ sở dữ liệu")
        module.add_arguments(command_parser)
        command_parser.set_defaults(_run=module.run)
    return parser


def _may_name_a_command(argv: list[str]) -> bool:
    """Whether any word could be a subcommand (or asks for help): only then are the command modules loaded."""
    return any(word in COMMANDS or word in ("-h", "--help") for word in argv)


def main(argv: list[str] | None = None) -> int:
    # Start-up makes many objects that live as long as the program: collecting garbage meanwhile is wasted
    # time (~7 ms of the window's start). The window turns the collector back on after its first paint.
    collecting = gc.isenabled()
    gc.disable()
    from kstthc_desktop.logsetup import log_path, setup_logging

    setup_logging()
    try:
        words = sys.argv[1:] if argv is None else list(argv)
        args = build_parser(commands=_may_name_a_command(words)).parse_args(words)
        run = getattr(args, "_run", None)
        if run is None:
            from kstthc_desktop.gui.app import run_gui  # Qt only when the window is wanted

            return run_gui(args)
        if collecting:
            gc.enable()
        return int(run(args) or 0)
    except UserError as exc:
        log.info("user error: %s %s", exc.message, exc.detail)
        print(f"Lỗi: {exc.message}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 1
    except Exception:  # the last guard: never a traceback on the user's screen
        log.exception("unexpected error")
        print(f"Lỗi: đã xảy ra lỗi không mong muốn. Chi tiết ghi trong nhật ký: {log_path()}", file=sys.stderr)
        return 1
    finally:
        if collecting:
            gc.enable()
