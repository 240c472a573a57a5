"""Subcommands of ``kstthc``: one module each, with ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``.

A command module imports only argparse at import time; its ``run`` imports what the work needs, so that
``kstthc --version`` and the other commands never pay for Qt or for another command's libraries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

#: Subcommand name -> module under kstthc_desktop.commands. Add a line to add a command.
COMMANDS = {
    "backup": "backup",
    "restore": "restore",
    "check": "check",
    "deadline": "deadline",
    "import": "import_",
    "progress": "progress",
    "report": "report",
    "stats": "stats",
    "returns": "returns",
    "plan": "plan",
    "task": "task",
    "section": "section",
}


def existing_database(args: argparse.Namespace) -> Path:
    """The database a command works on (``--db``, else the officer's own), refused in words when it is not there:
    a command that reads or changes records never makes an empty database in its place."""
    from pathlib import Path

    from kstthc_desktop import paths
    from kstthc_desktop.errors import UserError

    db = Path(getattr(args, "db", None) or paths.default_db_path())
    if not db.exists():
        raise UserError(f"Không tìm thấy cơ sở dữ liệu {db}.")
    return db
