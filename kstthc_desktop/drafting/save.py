"""Saving a draft as the body's own plan, each task linked to the province task it comes from (one transaction)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kstthc_desktop.drafting.draft import Draft
from kstthc_desktop.errors import UserError

if TYPE_CHECKING:
    from kstthc_desktop.store.store import Store


def save_draft(store: Store, draft: Draft) -> int:
    """Store the chosen rows as a new plan of the body and link its tasks; the new plan's id."""
    plan = draft.plan()
    if not plan.tasks:
        raise UserError("Chưa chọn nhiệm vụ nào cho kế hoạch của đơn vị.")
    issuer = plan.document.issuer
    for other in store.plans():
        if other.document.year == plan.document.year and (other.document.issuer or "").casefold() == issuer.casefold():
            raise UserError(f"Đã có kế hoạch năm {plan.document.year} của {issuer} trong cơ sở dữ liệu; hãy xóa "
                            "hoặc đổi tên kế hoạch cũ trước khi lưu bản mới.")
    with store.transaction():
        plan_id = store.save_plan(plan)
        for task, source_id in zip(plan.tasks, draft.links(), strict=False):
            if source_id is not None and task.id is not None:
                store.link_tasks(task.id, source_id)
    return plan_id
