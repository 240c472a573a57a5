"""Subcommands of ``kstthc``: one module each, with ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``.

A command module imports only argparse at import time; its ``run`` imports what the work needs, so that
``kstthc --version`` and the other commands never pay for Qt or for another command's libraries.
"""

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
