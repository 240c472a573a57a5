"""Saving an imported plan: the one way the window's import wizard and ``kstthc import`` write a plan.

A plan file either brings a plan of its own (saved beside the others) or amends the plan of the same year
and issuer already stored (re-import: progress, documents and assignees stay, see ``importers.reimport``).
Either way the database is backed up first, always (a failed backup writes nothing), and the write is one
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kstthc_desktop.domain import Plan
from kstthc_desktop.errors import UserError
from kstthc_desktop.importers.reimport import PlanChanges, apply, changes_against_store, matching_plan_id
from kstthc_desktop.store.backup import backup_before

if TYPE_CHECKING:  # the store is passed in
    from kstthc_desktop.store import Store

#: The backup's reason (in its file name) before a new plan and before an amended one.
BACKUP_NEW, BACKUP_AMEND = "truoc-nhap", "truoc-nhap-lai"


@dataclass(frozen=True)
class ImportOutcome:
    """What saving did: the plan's id, the changes when it amended a stored plan (None: a new plan), the backup."""

    plan_id: int
    changes: PlanChanges | None
    backup: Path

    @property
    def amended(self) -> bool:
        return self.changes is not None


def plan_it_amends(store: Store, plan: Plan) -> int | None:
    """The stored plan that saving ``plan`` would update (same year and issuer); None: it is saved as a new plan."""
    if plan.document.year is None:
        return None
    return matching_plan_id(store, plan)


def changes_if_saved(store: Store, plan: Plan, take_file: set[str] | frozenset[str] = frozenset()
                     ) -> PlanChanges | None:
    """What saving ``plan`` would change in the stored plan it amends (reads only); None when it is a new plan.
    Its ``conflicts`` are what the officer corrected by hand and the file changed too: the officer decides."""
    existing = plan_it_amends(store, plan)
    return changes_against_store(store, existing, plan, take_file) if existing is not None else None


def save_import(store: Store, plan: Plan, now: datetime, take_file: set[str] | frozenset[str] = frozenset()
                ) -> ImportOutcome:
    """Save ``plan`` as read (and corrected) from a file: a backup of the database, then one transaction.

    ``now`` names the backup. Amending a stored plan keeps what the officer corrected there by hand, except the
    conflicts (``PlanChanges.conflicts``) whose keys are in ``take_file``. Refused (UserError, nothing written) when the plan has no year, the database is
    open read-only, or the backup cannot be written.
    """
    if not plan.document.year:
        raise UserError("Không xác định được năm của kế hoạch từ tệp; hãy ghi rõ bằng --year (ví dụ --year 2025).")
    with store.transaction():  # read-only refused here; BEGIN is deferred, so the backup sees the state before
        existing = plan_it_amends(store, plan)
        backup = backup_before(store, BACKUP_NEW if existing is None else BACKUP_AMEND, now)
        if existing is None:
            return ImportOutcome(store.save_plan(plan), None, backup)
        return ImportOutcome(existing, apply(store, existing, plan, take_file), backup)
