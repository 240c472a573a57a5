"""The concern reading for the import's callers: it lives in ``kstthc_desktop.concern`` (the dashboard reads it at
every start, and this package's own modules cost 2-3.5 ms to import; docs/startup.md)."""

from kstthc_desktop.concern import concern_for, is_own_plan, mark_concern

__all__ = ["concern_for", "is_own_plan", "mark_concern"]
