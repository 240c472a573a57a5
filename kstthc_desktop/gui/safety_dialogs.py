"""Data safety in the window: "Sao lưu" (a complete backup to a place the officer chooses), "Khôi phục"
(restore one after checking it), and opening a database that is damaged, locked by another program or
written by a newer version: a clear message, and for a damaged one the offer to restore the newest good
backup.

The work itself is the store's (``kstthc_desktop.store.backup``); these functions only ask and tell.
Imported at start-up (``open_store_interactively``), so only Qt widgets are imported at module level.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from kstthc_desktop.errors import UserError

log = logging.getLogger(__name__)

BACKUP_FILTER = "Bản sao lưu KSTTHC (*.zip *.sqlite3);;Tất cả các tệp (*)"


def choose_backup_file(parent) -> Path | None:
    """The backup the officer picks to restore from (None when the dialog is cancelled)."""
    source, _ = QFileDialog.getOpenFileName(parent, "Chọn bản sao lưu cần khôi phục", str(Path.home()), BACKUP_FILTER)
    return Path(source) if source else None


def ask(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, choices: list[str],
        informative: str = "", default: int = 0) -> int:
    """A message box with our own Vietnamese buttons; the index of the chosen one (the last on Esc)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    from PySide6.QtCore import Qt  # here: naming Qt builds its namespace (~13 ms), not wanted at start-up

    box.setTextFormat(Qt.TextFormat.PlainText)  # file and task names are text, never markup (also informative)
    if informative:
        box.setInformativeText(informative)
    buttons = []
    for i, label in enumerate(choices):
        role = QMessageBox.ButtonRole.RejectRole if i == len(choices) - 1 else QMessageBox.ButtonRole.AcceptRole
        buttons.append(box.addButton(label, role))
    box.setDefaultButton(buttons[default])
    box.setEscapeButton(buttons[-1])
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else len(choices) - 1


def _tell(parent: QWidget | None, title: str, text: str, *, error: bool = False) -> None:
    from kstthc_desktop.gui.errors import plain

    text = plain(text)
    if error:
        QMessageBox.warning(parent, title, text)
    else:
        QMessageBox.information(parent, title, text)


def _show_unexpected(parent: QWidget | None, exc: BaseException) -> None:
    from kstthc_desktop.gui.errors import show_error

    show_error(parent, exc)


def _when(path: Path) -> str:
    try:
        moment = datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return ""
    return f"{moment:%H:%M} ngày {moment:%d/%m/%Y}"


# --------------------------------------------------------------------------------------------- Sao lưu
def backup_to_file(parent: QWidget | None, store, today: date | None = None) -> Path | None:
    """"Sao lưu": ask where, write a complete backup (database and evidence files) in one .zip there; its path."""
    from kstthc_desktop.store.archive import export_backup
    from kstthc_desktop.gui.worker import run_with_progress

    today = today or date.today()
    suggested = str(Path.home() / f"kstthc-sao-luu-{today:%Y-%m-%d}.zip")
    target, _ = QFileDialog.getSaveFileName(parent, "Sao lưu dữ liệu vào…", suggested, BACKUP_FILTER)
    if not target:
        return None
    target_path = Path(target)
    if target_path.suffix.lower() != ".zip":
        target_path = target_path.with_name(target_path.name + ".zip")
    try:
        # A path, not the Store: the export reads through its own connection, safe off the GUI thread.
        manifest = run_with_progress(parent, "Đang sao lưu dữ liệu…", export_backup, Path(store.path), target_path,
                                     now=datetime.now())
    except UserError as exc:
        _tell(parent, "Không sao lưu được", exc.message, error=True)
        return None
    except Exception as exc:  # noqa: BLE001 - the GUI's guard: message with the log's location
        _show_unexpected(parent, exc)
        return None
    missing = ""
    if manifest.missing_files:
        missing = (f"\n\nChú ý: {len(manifest.missing_files)} tệp minh chứng đã bị mất từ trước nên không có trong "
                   "bản sao lưu.")
    _tell(parent, "Đã sao lưu",
          f"Đã sao lưu toàn bộ dữ liệu và {len(manifest.files)} tệp minh chứng vào:\n{target_path}\n\n"
          f"Hãy giữ bản sao lưu này ở nơi an toàn, ví dụ một USB riêng.{missing}")
    return target_path


# -------------------------------------------------------------------------------------------- Khôi phục
def check_backup_file(source: Path, db_path: Path | None = None,
                      backup_dir: Path | None = None) -> tuple[str, str | None]:
    """Check a backup completely before anything changes: (a sentence on what it holds, and a sentence when it
    is another database's backup than the one at ``db_path``, else None). UserError when it cannot be used."""
    from kstthc_desktop.store.archive import foreign_backup_sentence, prepare_backup
    from kstthc_desktop.store.workdirs import work_folder

    with work_folder("kstthc-check-") as work:
        prepared = prepare_backup(source, work)
        foreign = (foreign_backup_sentence(Path(db_path), prepared.db_file, backup_dir, source)
                   if db_path is not None else None)
    if prepared.manifest is not None:
        made = prepared.manifest.created_at
        try:
            made = f"{datetime.fromisoformat(made):%H:%M ngày %d/%m/%Y}"
        except ValueError:
            pass
        return (f"Bản sao lưu đã được kiểm tra, dữ liệu nguyên vẹn: tạo lúc {made}, gồm cơ sở dữ liệu và "
                f"{len(prepared.files)} tệp minh chứng.", foreign)
    return (f"Bản sao lưu tự động đã được kiểm tra, dữ liệu nguyên vẹn (lúc {_when(source)}; không kèm tệp minh "
            "chứng).", foreign)


def confirm_foreign(parent: QWidget | None, sentence: str) -> bool:
    """Another database's backup: say so plainly and ask; "Hủy" is the default."""
    choice = ask(parent, QMessageBox.Icon.Warning, "Bản sao lưu của cơ sở dữ liệu khác", sentence,
                 ["Vẫn khôi phục bản sao lưu này", "Hủy"],
                 informative=("Thường đây là bản sao lưu của một máy khác, của đồng nghiệp hoặc của một bản thử. "
                              "Chỉ khôi phục nếu bạn chắc chắn muốn thay dữ liệu của mình bằng dữ liệu đó."),
                 default=1)
    return choice == 0


def restore_from_file(parent: QWidget | None, store, source: Path | str | None = None):
    """"Khôi phục": choose a backup, check it, confirm, keep a copy of the current state, restore.

    The store is closed for the restore (the core replaces the file under its own lock) and the database is
    opened again. Returns the newly opened Store when the data was replaced (the caller swaps it in and
    reloads its views), or None when nothing changed (``store`` is then still open and usable).
    """
    from kstthc_desktop.store import Store
    from kstthc_desktop.store.archive import restore_backup

    source = Path(source) if source is not None else choose_backup_file(parent)
    if source is None:
        return None
    from kstthc_desktop.gui.worker import run_with_progress

    try:
        description, foreign = run_with_progress(parent, "Đang kiểm tra bản sao lưu…", check_backup_file, source,
                                                 Path(store.path), getattr(store, "backup_dir", None))
    except UserError as exc:
        _tell(parent, "Không khôi phục được", exc.message, error=True)
        return None
    except Exception as exc:  # noqa: BLE001
        _show_unexpected(parent, exc)
        return None
    choice = ask(
        parent, QMessageBox.Icon.Question, "Khôi phục dữ liệu",
        f"Khôi phục dữ liệu từ bản sao lưu «{source.name}»?",
        ["Khôi phục", "Hủy"],
        informative=(f"{description}\n\nToàn bộ dữ liệu hiện tại sẽ được thay bằng dữ liệu của bản sao lưu. "
                     "Trước đó chương trình giữ một bản sao của dữ liệu hiện tại trong thư mục sao lưu tự động."),
    )
    if choice != 0:
        return None
    if foreign and not confirm_foreign(parent, foreign):
        return None
    db_path = Path(store.path)
    read_only = bool(getattr(store, "read_only", False))
    backup_dir = getattr(store, "backup_dir", None)  # the demo's own folder, not the officer's backups
    store.close()
    try:
        # Paths only: the restore opens its own connections, so it can run off the GUI thread.
        result = run_with_progress(parent, "Đang khôi phục dữ liệu…", restore_backup, db_path, source,
                                   now=datetime.now(), backup_dir=backup_dir, allow_foreign=bool(foreign))
    except Exception as exc:  # noqa: BLE001 - nothing changed: say why and give the old data back
        if isinstance(exc, UserError):
            _tell(parent, "Không khôi phục được", exc.message + "\nDữ liệu hiện tại được giữ nguyên.", error=True)
        else:
            _show_unexpected(parent, exc)
        return _reopen(parent, db_path, read_only, Store, changed=False, backup_dir=backup_dir)
    kept = f"\n\nDữ liệu trước khi khôi phục được giữ tại:\n{result.previous}" if result.previous else ""
    missing = (f"\n\nChú ý: bản sao lưu thiếu {len(result.missing_files)} tệp minh chứng."
               if result.missing_files else "")
    _tell(parent, "Đã khôi phục", f"Đã khôi phục dữ liệu từ «{source.name}».{kept}{missing}")
    return _reopen(parent, db_path, read_only, Store, changed=True, backup_dir=backup_dir)


def _reopen(parent, db_path: Path, read_only: bool, store_cls, *, changed: bool, backup_dir: Path | None = None):
    """Open the database again after a restore attempt; None (with a message) if even that fails."""
    try:
        return store_cls.open(db_path, read_only=read_only, backup_dir=backup_dir)
    except Exception:  # fall back to the full explanation and offers
        log.exception("reopening %s after a restore (changed=%s)", db_path, changed)
        return open_store_interactively(db_path, parent)


# ----------------------------------------------------------------------------------- opening a database
def open_store_interactively(path: Path | str, parent: QWidget | None = None):
    """Open the database at ``path``; explain and offer a way out when it cannot be opened. Store or None.

    Damaged or not a database → the offer to restore the newest good backup (or another one);
    locked by another program → the offer to open it read-only; on a read-only medium, share or file →
    opened read-only at once (nothing else is possible; the window's title and status bar say so, with
    ``store.read_only_reason``); newer version → refused, untouched.
    """
    from kstthc_desktop.store import DamagedDatabase, DatabaseLocked, NewerDatabase, ReadOnlyDatabase, Store
    from kstthc_desktop.store.opening import MissingDatabase

    path = Path(path)
    for _attempt in range(5):  # a restore, then opening again; never loop for ever
        try:
            return Store.open(path)
        except DatabaseLocked as exc:
            choice = ask(parent, QMessageBox.Icon.Warning, "Cơ sở dữ liệu đang được dùng", exc.message,
                         ["Mở chỉ để xem", "Thoát"],
                         informative="Ở chế độ chỉ để xem, bạn xem được mọi thứ nhưng không ghi được thay đổi.")
            if choice != 0:
                return None
            try:
                store = Store.open(path, read_only=True)
            except UserError as again:
                _tell(parent, "Không mở được cơ sở dữ liệu", again.message, error=True)
                return None
            store.read_only_reason = "một chương trình KSTTHC khác đang mở cơ sở dữ liệu này"
            _tell_warnings(parent, store)
            return store
        except ReadOnlyDatabase as exc:
            log.info("%s cannot be written here (%s); opening it read-only", path, exc.detail)
            try:
                store = Store.open(path, read_only=True)
            except UserError as again:
                _tell(parent, "Không mở được cơ sở dữ liệu", f"{exc.message}\n\n{again.message}", error=True)
                return None
            store.read_only_reason = exc.reason
            _tell_warnings(parent, store)
            return store
        except NewerDatabase as exc:
            from kstthc_desktop.gui.errors import plain

            QMessageBox.critical(parent, "Phiên bản chương trình cũ hơn dữ liệu", plain(exc.message))
            return None
        except (DamagedDatabase, MissingDatabase) as exc:
            log.error("damaged or missing database %s: %s %s", path, exc.message, exc.detail)
            if not _offer_restore(parent, path, exc.message):
                return None
        except UserError as exc:
            _tell(parent, "Không mở được cơ sở dữ liệu", exc.message, error=True)
            return None
        except Exception as exc:  # noqa: BLE001
            _show_unexpected(parent, exc)
            return None
    return None


def _tell_warnings(parent: QWidget | None, store) -> None:
    """What the officer must know about a database just opened (changes a read-only view leaves out)."""
    if store.warnings:
        _tell(parent, "Chú ý", "\n\n".join(store.warnings))


def _offer_restore(parent: QWidget | None, path: Path, message: str) -> bool:
    """Offer the newest good backup (or another file); True to try opening again (restored, or the chosen
    backup was refused and the officer may pick another), False when the officer gives up."""
    from kstthc_desktop.logsetup import log_path
    from kstthc_desktop.store import backup as core
    from kstthc_desktop.store.archive import ForeignBackup, restore_backup

    try:
        found = core.newest_good_backup(path)
        newest = found.path if found is not None else None
        taken = f"{found.taken_at:%H:%M ngày %d/%m/%Y}" if found is not None else ""
    except Exception:  # looking for backups must not hide the real problem
        log.exception("looking for backups of %s", path)
        newest, taken = None, ""
    keep = "Tệp hỏng không bị xóa: chương trình giữ lại nó bên cạnh để có thể cứu dữ liệu sau."
    if newest is not None:
        informative = (f"Bản sao lưu tốt gần nhất: lúc {taken} («{Path(newest).name}»).\n"
                       f"Khôi phục từ bản này? Những gì ghi sau thời điểm đó sẽ không có.\n{keep}\n\n"
                       f"Chi tiết lỗi trong nhật ký: {log_path()}")
        choice = ask(parent, QMessageBox.Icon.Critical, "Cơ sở dữ liệu bị hỏng", message,
                     ["Khôi phục bản sao lưu gần nhất", "Chọn bản sao lưu khác…", "Thoát"], informative)
    else:
        informative = (f"Không tìm thấy bản sao lưu tự động nào còn tốt. Nếu bạn có bản sao lưu (ví dụ trên USB), "
                       f"hãy chọn nó để khôi phục.\n{keep}\n\nChi tiết lỗi trong nhật ký: {log_path()}")
        choice = ask(parent, QMessageBox.Icon.Critical, "Cơ sở dữ liệu bị hỏng", message,
                     ["Chọn bản sao lưu…", "Thoát"], informative)
        choice = {0: 1, 1: 2}[choice]
    if choice == 2:
        return False
    if choice == 1:
        newest = choose_backup_file(parent)
        if newest is None:
            return False
    assert newest is not None  # "restore the newest" is offered only when there is one
    try:
        from kstthc_desktop.gui.worker import run_with_progress

        try:
            result = run_with_progress(parent, "Đang khôi phục dữ liệu…", restore_backup, path, Path(newest),
                                       now=datetime.now())
        except ForeignBackup as exc:  # a backup the officer chose: another database's
            if not confirm_foreign(parent, exc.message.split(" Chưa thay đổi gì")[0]):
                return True
            result = run_with_progress(parent, "Đang khôi phục dữ liệu…", restore_backup, path, Path(newest),
                                       now=datetime.now(), allow_foreign=True)
    except UserError as exc:
        _tell(parent, "Không khôi phục được", exc.message, error=True)
        return True  # offered again: another backup may do
    except Exception as exc:  # noqa: BLE001
        _show_unexpected(parent, exc)
        return False
    kept = f"\nTệp hỏng được giữ tại: {result.previous}" if result.previous else ""
    _tell(parent, "Đã khôi phục", f"Đã khôi phục dữ liệu từ «{Path(newest).name}». Chương trình sẽ mở dữ liệu này.{kept}")
    return True
