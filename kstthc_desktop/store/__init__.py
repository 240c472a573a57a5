"""The SQLite store of plans, tasks, progress, evidence, settings and history (see ``store.store.Store``)."""

from kstthc_desktop.store.lock import DatabaseLocked
from kstthc_desktop.store.opening import DamagedDatabase, NewerDatabase, ReadOnlyDatabase
from kstthc_desktop.store.store import Store

__all__ = ["DamagedDatabase", "DatabaseLocked", "NewerDatabase", "ReadOnlyDatabase", "Store"]
