"""Undo the officer's last action of the session, for the window's Sửa › Hoàn tác (Ctrl+Z).

What an action changed is read from the history rows its transaction wrote (``store.undo``); the undo is one
transaction of its own, recorded in history like any change, and is not itself an action to undo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kstthc_desktop.errors import UserError
from kstthc_desktop.store.undo import action_rows, describe, last_plan_action, revert, undoable

if TYPE_CHECKING:
    from kstthc_desktop.store import Store


def last_action(store: Store) -> tuple[str, bool] | None:
    """The last action of the session on the plan's records in words ("Xóa kết quả") and whether it can be
    undone; None: none yet. Settings, reports and units' returns saved since are passed over."""
    index = last_plan_action(store)
    if index is None:
        return None
    rows = action_rows(store, *store.session_actions[index])
    return describe(rows), undoable(rows)


def undo_last(store: Store) -> str:
    """Undo the last action of the session on the plan's records; its description. UserError (database
    unchanged) when there is none or it cannot be undone (an import)."""
    index = last_plan_action(store)
    if index is None:
        raise UserError("Không có thao tác nào để hoàn tác.")
    first, last = store.session_actions[index]
    rows = action_rows(store, first, last)
    label = describe(rows)
    if not undoable(rows):
        raise UserError(f"Không hoàn tác được thao tác «{label}» (chỉ hoàn tác được việc sửa nhiệm vụ, mục, kết quả, "
                        "văn bản, sự việc phát sinh).")
    count = len(store.session_actions)
    with store.transaction():
        revert(store, first, last)
    del store.session_actions[count:]  # the undo's own transaction is not an action to undo
    del store.session_actions[index]
    return label
