"""Entry point of the frozen ``kstthc`` executable (PyInstaller runs this file as ``__main__``).

On Windows the bundle is a windowed program (no black console window when the officer opens it from the Start
menu), so Windows gives it no standard output. When it is started from a console (``kstthc.exe --version`` in
cmd or PowerShell), we attach to that parent console so that ``--version``, the subcommands and error lines
are seen. Output redirected to a file or a pipe already has handles: it is kept, and written as UTF-8.
"""

from __future__ import annotations

import os
import sys


def _utf8_when_redirected() -> None:
    """Output sent to a file or a pipe gets UTF-8, not the ANSI code page (cp1252), which cannot write Vietnamese."""
    if sys.platform != "win32" or not getattr(sys, "frozen", False):
        return
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure") and not stream.isatty():
            stream.reconfigure(encoding="utf-8", errors="replace")


def _attach_parent_console() -> None:
    """Give a windowed Windows executable the console of the process that started it, if there is one."""
    if sys.platform != "win32" or not getattr(sys, "frozen", False):
        return
    if sys.stdout is not None and sys.stderr is not None:
        return  # redirected by the caller (file, pipe): keep it
    import ctypes

    attach_parent_process = -1
    if ctypes.windll.kernel32.AttachConsole(attach_parent_process):
        if sys.stdout is None:
            # "CONOUT$" opens as a Windows console stream: Unicode text shows as it is, whatever the code page
            sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
        if sys.stderr is None:
            sys.stderr = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
        if sys.stdin is None:
            try:
                sys.stdin = open("CONIN$", encoding="utf-8")  # noqa: SIM115
            except OSError:
                pass
    # Started from Explorer or the Start menu: nowhere to print; swallow writes instead of failing on None.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


if __name__ == "__main__":
    _utf8_when_redirected()
    _attach_parent_console()
    from kstthc_desktop.cli import main

    sys.exit(main())
