"""PyInstaller run-time hook (replaces PyInstaller's own ``pyi_rth_pyside6``): tell Qt where its plug-ins are.

PyInstaller's hook imports ``PySide6.QtCore`` at start-up (about 60 ms here) to register a ``qt.conf`` that the PyPI
wheels' QtCore registers by itself. This one only sets the paths, so ``kstthc --version`` and the subcommands start
without loading Qt - as they do from source - and the window still finds its platform plug-in.
"""

import os
import sys

_qt = os.path.join(sys._MEIPASS, "PySide6") if sys.platform == "win32" else os.path.join(sys._MEIPASS, "PySide6", "Qt")
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
if sys.platform == "win32":
    # as PyInstaller's hook does: Qt finds DLLs collected into the top folder
    os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")
del _qt
