"""What a correction of a plan must respect, and the sentence that refuses it: one place for both the stored plan
(``operations.plan_edit``) and the plan still in the import preview (``importers.corrections``), so the officer
meets the same rules, in the same words, before and after saving."""

from __future__ import annotations

from collections.abc import Collection

from kstthc_desktop.errors import UserError

#: The texts the officer may correct, as Task attributes.
EDITABLE = ("content", "result", "lead", "cooperate", "deadline_text", "note", "section", "stt")


def check_fields(names: Collection[str]) -> None:
    """A programming error, not the officer's: only ``EDITABLE`` fields are corrected."""
    unknown = set(names) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")


def require_content(content: str) -> None:
    if not content:
        raise UserError("Nội dung nhiệm vụ không được để trống.")


def require_section(code: str, codes: Collection[str]) -> None:
    """A task goes into a section the plan has ("" : none)."""
    if code and code not in codes:
        raise UserError(f"Kế hoạch không có mục «{code}».")


def new_section_code(code: str, title: str, parent: str | None, codes: Collection[str]) -> str:
    """The full code of a new section (``parent.code`` under a group), refused when a number or title is missing,
    the number is taken, or the group does not exist."""
    if not code or not title:
        raise UserError("Hãy nhập số và tên của mục.")
    full = f"{parent}.{code}" if parent else code
    if full in codes:
        raise UserError(f"Kế hoạch đã có mục số «{code}».")
    if parent:
        require_section(parent, codes)
    return full


def require_title(title: str) -> None:
    if not title:
        raise UserError("Tên mục không được để trống.")


def require_empty_section(title: str, tasks: int, children: int) -> None:
    """A section is deleted only once its tasks and sections have gone elsewhere."""
    if tasks or children:
        raise UserError(f"Mục «{title}» còn {tasks} nhiệm vụ và {children} mục con: hãy chuyển chúng "
                        "sang mục khác trước khi xóa.")
