"""Which tasks concern the officer's body, set by hand for many tasks at once (the import only proposes it:
in a department's own plan the leads are its office and divisions, names the import cannot know)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from kstthc_desktop.domain import Concern
from kstthc_desktop.errors import UserError

if TYPE_CHECKING:
    from kstthc_desktop.store import Store


def set_concern(store: Store, task_ids: Iterable[int], concern: Concern) -> int:
    """Mark each task as led, cooperated on, not concerning the body, or not known; in one transaction (one
    action to undo). The number of tasks changed; UserError when none is chosen."""
    ids = list(dict.fromkeys(task_ids))
    if not ids:
        raise UserError("Hãy chọn ít nhất một nhiệm vụ trong bảng.")
    changed = 0
    with store.transaction():
        for task_id in ids:
            if store.task(task_id).concern != concern:
                store.update_task(task_id, concern=concern)
                changed += 1
    return changed
