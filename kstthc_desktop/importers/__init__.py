"""Import a plan from the file (or clipboard) it arrives in. Extracting never writes anything.

``extract(path)`` picks a reader by the file's first bytes and name (xlsx, docx, text), lets it turn the file into
blocks, and hands those to the one table-understanding step; the deadline reader and the document-info reader
finish the Plan. Old formats (.doc, .xls, PDF, RTF, OpenDocument) get a message saying how to convert them.
"""

from __future__ import annotations

from pathlib import Path

from kstthc_desktop.domain import DeadlineKind, ImportWarning, Plan
from kstthc_desktop.errors import UserError
from kstthc_desktop.importers.base import Block, Reader, where
from kstthc_desktop.text import nfc

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def readers() -> list[Reader]:
    """A fresh reader of every format (``importers.formats.FORMATS``), in the order they are tried."""
    from kstthc_desktop.importers.formats import FORMATS

    return [fmt.new_reader() for fmt in FORMATS]


def ole_stream_names(data: bytes) -> set[str]:
    """The names in an OLE compound file's directory (the container of .doc / .xls, and of a password-protected
    .docx / .xlsx); empty when the directory cannot be read. Only the header, the FAT and the directory sectors
    are read: the file format of [MS-CFB], without a library."""
    import struct

    try:
        sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
        if sector not in (512, 4096):
            return set()
        fat_count, first_dir = struct.unpack_from("<II", data, 0x2C)
        difat_next, difat_count = struct.unpack_from("<II", data, 0x44)
        fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
        per_difat = sector // 4 - 1
        for _ in range(min(difat_count, 1000)):  # more FAT sector numbers, for files over ~7 MB
            if difat_next >= 0xFFFFFFFA:
                break
            entries = struct.unpack_from(f"<{per_difat + 1}I", data, (difat_next + 1) * sector)
            fat_sectors.extend(entries[:-1])
            difat_next = entries[-1]
        fat: list[int] = []
        for number in fat_sectors[:fat_count]:
            fat.extend(struct.unpack_from(f"<{sector // 4}I", data, (number + 1) * sector))
        names: set[str] = set()
        current, seen = first_dir, set[int]()
        while current < 0xFFFFFFFA and current not in seen and len(seen) < 10000:
            seen.add(current)
            start = (current + 1) * sector
            for offset in range(start, start + sector, 128):
                length = struct.unpack_from("<H", data, offset + 64)[0]
                if 2 <= length <= 64:
                    names.add(data[offset:offset + length - 2].decode("utf-16-le", "replace"))
            current = fat[current]
        return names
    except (struct.error, IndexError, ValueError):
        return set()


def _legacy_message(path: Path, head: bytes) -> str | None:
    name = path.name
    if head.startswith(_OLE):
        try:
            names = ole_stream_names(path.read_bytes())
        except OSError:
            names = set()
        if {"EncryptionInfo", "EncryptedPackage"} & names:  # Office "Encrypt with Password" on a .docx / .xlsx
            return (f"Tệp \"{name}\" được đặt mật khẩu (mã hóa), chương trình không đọc được: hãy mở tệp bằng Word "
                    "hoặc Excel (nhập mật khẩu), gỡ mật khẩu ở Tệp > Thông tin > Mã hóa bằng mật khẩu (xóa trống ô "
                    "mật khẩu), lưu lại rồi nhập lại.")
        return (f"Tệp \"{name}\" là tài liệu Word/Excel định dạng cũ (.doc/.xls), chương trình không đọc được: "
                "hãy mở bằng Word hoặc Excel rồi \"Lưu thành\" .docx hoặc .xlsx và nhập lại.")
    if head.startswith(b"%PDF"):
        return (f"Tệp \"{name}\" là PDF, chương trình không đọc bảng trong PDF: hãy mở bằng Word (Word chuyển PDF "
                "thành .docx) rồi nhập tệp .docx, hoặc chọn bảng trong PDF, sao chép và dán vào chương trình.")
    if head.startswith(b"{\\rtf"):
        return f"Tệp \"{name}\" là RTF: hãy mở bằng Word rồi \"Lưu thành\" .docx và nhập lại."
    if head.startswith(b"PK") and b"mimetypeapplication/vnd.oasis.opendocument" in head[:200]:
        return (f"Tệp \"{name}\" là OpenDocument (.odt/.ods): hãy mở bằng LibreOffice rồi lưu thành .docx "
                "hoặc .xlsx và nhập lại.")
    return None


def _office_kind(path: Path) -> str | None:
    """"docx" or "xlsx" from what an Office zip holds (its main part, or the content type of it), else None."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            types = archive.read("[Content_Types].xml")[:200_000] if "[Content_Types].xml" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError, EOFError):
        return None  # the reader's own checks say what is wrong with it
    if "word/document.xml" in names or b"wordprocessingml.document.main" in types:
        return "docx"
    if "xl/workbook.xml" in names or b"spreadsheetml.sheet.main" in types:
        return "xlsx"
    return None


def choose_reader(path: Path, head: bytes) -> Reader:
    message = _legacy_message(path, head)
    if message:
        raise UserError(message)
    suffix = path.suffix.lower()
    if suffix in (".doc", ".xls"):
        raise UserError(f"Tệp \"{path.name}\" có đuôi {suffix} (định dạng cũ): hãy lưu lại thành "
                        f"{suffix}x bằng Word/Excel và nhập lại.")
    if suffix == ".pdf":
        raise UserError(f"Tệp \"{path.name}\" có đuôi .pdf nhưng không phải PDF đọc được.")
    from kstthc_desktop.importers.formats import import_format

    all_readers = readers()
    by_name = {reader.name: reader for reader in all_readers}
    office = {suffix: name for name in ("xlsx", "docx") for suffix in import_format(name).suffixes}
    if head.startswith(b"PK") and suffix in office:
        inside = _office_kind(path)  # a Word file saved or renamed as .xlsx, or the reverse: read what it is
        claimed = office[suffix]
        if inside and inside != claimed:
            reader = by_name[inside]
            what, said = ("Word (.docx)", "Excel") if inside == "docx" else ("Excel (.xlsx)", "Word")
            reader.notes.append((f"Tệp \"{path.name}\" có đuôi {suffix} ({said}) nhưng thực chất là tệp {what}; "
                                 "đã đọc như tệp " + what.split(" ")[0] + ".", "renamed_file"))
            return reader
    for reader in all_readers:
        if reader.identify(path, head):
            return reader
    if head.startswith(b"PK"):  # a zip under another name: look inside
        import zipfile

        try:
            names = zipfile.ZipFile(path).namelist()
        except (zipfile.BadZipFile, OSError) as exc:
            raise UserError(f"Không đọc được tệp \"{path.name}\": tệp nén bị hỏng.") from exc
        if "word/document.xml" in names:
            return by_name["docx"]
        if "xl/workbook.xml" in names:
            return by_name["xlsx"]
        raise UserError(f"Tệp \"{path.name}\" không phải tệp Word (.docx) hay Excel (.xlsx).")
    return by_name["text"]  # anything else: try it as text (decode refuses binary data)


def extract(path: Path | str, *, columns: list[str | None] | None = None, year: int | None = None,
            body: str | None = None) -> Plan:
    """Read a plan file into a Plan; raises UserError with a Vietnamese sentence when it cannot."""
    from kstthc_desktop.importers.safety import check_size, parse_deadline

    path = Path(path)
    if not path.exists():
        raise UserError(f"Không tìm thấy tệp \"{path}\".")
    if not path.is_file():
        raise UserError(f"\"{path}\" không phải là một tệp.")
    check_size(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise UserError(f"Không mở được tệp \"{path.name}\": {exc.strerror or exc}.") from exc
    reader = choose_reader(path, head)
    with parse_deadline(path.name):
        blocks = reader.blocks(path)
        try:
            plan = from_blocks(blocks, source=path.name, columns=columns, year=year, body=body)
        except UserError as exc:
            hidden = [message for message, code in reader.notes if code in ("hidden_sheet", "rows_dropped")]
            if hidden:  # the plan may be on the hidden sheet, or past the rows, the reader left out: say so
                raise UserError(f"{exc} {' '.join(hidden)}") from exc
            raise
    plan.warnings[:0] = [ImportWarning(message=message, code=code) for message, code in reader.notes]
    return plan


def extract_text(text: str, *, source: str = "văn bản dán", columns: list[str | None] | None = None,
                 year: int | None = None, body: str | None = None) -> Plan:
    """A plan from text (TAB-separated rows or one cell per line), e.g. pasted from a PDF."""
    from kstthc_desktop.importers.safety import parse_deadline
    from kstthc_desktop.importers.text import text_blocks

    if not (text or "").strip():
        raise UserError("Không có nội dung nào để nhập: văn bản trống.")
    notes: list[tuple[str, str]] = []
    with parse_deadline(source):
        blocks = text_blocks(nfc(text), notes)
        try:
            plan = from_blocks(blocks, source=source, columns=columns, year=year, body=body)
        except UserError as exc:
            if notes:  # the plan may be in the part left out
                raise UserError(f"{exc} {' '.join(message for message, _ in notes)}") from exc
            raise
    plan.warnings[:0] = [ImportWarning(message=message, code=code) for message, code in notes]
    return plan


def extract_clipboard(html: str | None, text: str | None, *, columns: list[str | None] | None = None,
                      year: int | None = None, body: str | None = None) -> Plan:
    """A plan from what the clipboard holds after copying a table in Word: its HTML, else its TAB text."""
    from kstthc_desktop.importers.clipboard import html_blocks
    from kstthc_desktop.importers.safety import parse_deadline

    if html and "<table" in html.lower():
        try:
            with parse_deadline("bảng dán"):
                blocks = html_blocks(html)
                if any(getattr(b, "rows", None) for b in blocks):
                    return from_blocks(blocks, source="bảng dán", columns=columns, year=year, body=body)
        except UserError:
            if not (text or "").strip():
                raise
    return extract_text(text or "", source="bảng dán", columns=columns, year=year, body=body)


def from_blocks(blocks: list[Block], *, source: str, columns: list[str | None] | None = None, year: int | None = None,
                body: str | None = None) -> Plan:
    """The shared finish of every import: understand the table, read the document info and the deadlines."""
    from kstthc_desktop.importers.docinfo import read_document
    from kstthc_desktop.importers.safety import bound_blocks
    from kstthc_desktop.importers.table import understand

    cut = bound_blocks(blocks, where)
    plan, lines = understand(blocks, mapping=columns)
    plan.source = source
    plan.warnings[:0] = cut_warnings(plan, cut) + bound_tasks(plan)
    for index, task in enumerate(plan.tasks):
        if not task.content.strip():  # a task is known by its content: borrow the nearest words, and say so
            task.content = task.result or task.lead or f"Nhiệm vụ {task.stt}".strip()
            message = f"{where(task.source_row, task.source_sheet)}: dòng không có nội dung công việc; tạm lấy \"{task.content[:60]}\"."
            plan.warnings.append(ImportWarning(message=message, row=task.source_row, task_index=index,
                                               code="content_missing"))
            task.ambiguous = True
            task.why = "; ".join(p for p in (task.why, message) if p)
    plan.document = read_document(lines, year)
    if plan.document.year is None:
        plan.document.year = year_from_tasks(plan)
        if plan.document.year is None:
            plan.warnings.append(ImportWarning(
                message="Không xác định được năm của kế hoạch; hãy nhập năm (--year) để đọc đúng các thời hạn.",
                code="year_unknown"))
    read_deadlines(plan)
    if body:
        from kstthc_desktop.concern import mark_concern

        mark_concern(plan, body)
    return plan


def bound_tasks(plan: Plan) -> list[ImportWarning]:
    """Cut a task text joined from many rows past ``MAX_FIELD_CHARS`` (a cell broken over pages joins its rows),
    with a warning pointing at the task."""
    from kstthc_desktop.importers.safety import MAX_FIELD_CHARS, vi_number

    warnings = []
    for index, task in enumerate(plan.tasks):
        for attr in ("content", "result", "lead", "cooperate", "deadline_text", "note"):
            value = getattr(task, attr)
            if len(value) > MAX_FIELD_CHARS:
                setattr(task, attr, value[:MAX_FIELD_CHARS - 1].rstrip() + "…")
                message = (f"{where(task.source_row, task.source_sheet)}: nhiệm vụ có phần chữ nối từ nhiều dòng dài quá "
                           f"{vi_number(MAX_FIELD_CHARS)} ký tự; chỉ giữ phần đầu. Hãy xem lại nhiệm vụ này trong tệp gốc.")
                warnings.append(ImportWarning(message=message, row=task.source_row, task_index=index,
                                              code="cell_too_long"))
                task.ambiguous = True
                task.why = "; ".join(p for p in (task.why, message) if p)
    return warnings


def cut_warnings(plan: Plan, cut: list[tuple[str, int | None, str, str]]) -> list[ImportWarning]:
    """The warnings about what ``bound_blocks`` cut, each pointing at the task read from its row (marked to check)."""
    by_row: dict[tuple[int | None, str], int] = {}
    for i, task in enumerate(plan.tasks):
        by_row.setdefault((task.source_row, task.source_sheet), i)
    warnings = []
    for message, row, sheet, code in cut:
        index = by_row.get((row, sheet)) if row is not None else None
        if index is not None:
            task = plan.tasks[index]
            task.ambiguous = True
            task.why = "; ".join(p for p in (task.why, message) if p)
        warnings.append(ImportWarning(message=message, row=row, task_index=index, code=code))
    return warnings


def year_from_tasks(plan: Plan) -> int | None:
    """The plan's year when no title names it: the year its deadlines name most often."""
    import re
    from collections import Counter

    years = Counter(int(y) for t in plan.tasks for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", t.deadline_text))
    return years.most_common(1)[0][0] if years else None


def read_deadlines(plan: Plan) -> None:
    from kstthc_desktop.deadlines import read_deadline as read
    any_printed = any(t.deadline_text for t in plan.tasks)
    for index, task in enumerate(plan.tasks):
        task.deadline = read(task.deadline_text, plan.document.year)
        if not task.deadline_text and any_printed:
            message = f"{where(task.source_row, task.source_sheet)}: nhiệm vụ không ghi thời hạn (có thể là ô gộp với dòng trên); cần xác định."
            plan.warnings.append(ImportWarning(message=message, row=task.source_row, task_index=index,
                                               code="deadline_missing"))
            task.ambiguous = True
            task.why = "; ".join(p for p in (task.why, message) if p)
        elif task.deadline_text and task.deadline.kind == DeadlineKind.UNSPECIFIED:
            plan.warnings.append(ImportWarning(
                message=f"{where(task.source_row, task.source_sheet)}: không đọc được thời hạn \"{task.deadline_text[:80]}\"; "
                        "cần xác định thủ công.",
                row=task.source_row, task_index=index, code="deadline_unread"))


__all__ = ["extract", "extract_clipboard", "extract_text", "from_blocks", "readers"]
