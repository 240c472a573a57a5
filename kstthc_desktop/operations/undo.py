"""Undo the officer's last action of the session, for the window's Sửa › Hoàn tác (Ctrl+Z).

What an action changed is read from the history rows its transaction wrote (``store.undo``); the undo is one
transaction of its own, recorded in history like any change, and is not itself an action to undo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kstthc_desktop.errors import UserError
from kstthc_desktop.store.undo import action_rows, describe, revert, undoable

if TYPE_CHECKING:
    from kstthc_desktop.store import Store


def last_action(store: Store) -> tuple[str, bool] | None:
    """The last action of the session in words ("Xóa kết quả") and whether it can be undone; None: none yet."""
    if not store.session_actions:
        return None
    rows = action_rows(store, *store.session_actions[-1])
    if not rows:
        return None
    return describe(rows), undoable(rows)


def undo_last(store: Store) -> str:
    """Undo the last action of the session; its description. UserError (database unchanged) when there is none
    or it cannot be undone (an import, a setting)."""
    if not store.session_actions:
        raise UserError("Không có thao tác nào để hoàn tác.")
    first, last = store.session_actions[-1]
    rows = action_rows(store, first, last)
    label = describe(rows) if rows else ""
    if not undoable(rows):
        raise UserError(f"Không hoàn tác được thao tác «{label}» (chỉ hoàn tác được việc sửa nhiệm vụ, kết quả, "
                        "văn bản, sự việc phát sinh).")
    count = len(store.session_actions)
    with store.transaction():
        revert(store, first, last)
    del store.session_actions[count - 1:]  # the action undone and the undo's own transaction
    return label
