"""KSTTHC Desktop: the plan, progress and reports of an administrative-procedure control officer.

The package is split like Anki's: everything here except ``gui/`` is a Qt-free core usable from the
``kstthc`` command line and from tests; ``gui/`` only calls the core.
"""

__version__ = "0.1.0"
