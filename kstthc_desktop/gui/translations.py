"""Vietnamese for the texts Qt itself writes on standard buttons ("&Yes", "Cancel", "Save" …).

Qt ships no Vietnamese translation (PySide6 carries qtbase_*.qm for 33 languages, not vi), so a confirmation
built with QMessageBox.question showed "&Yes" / "&No" to an officer who reads Vietnamese only. A small translator
answers for the standard buttons; everything else Qt writes (file dialogs on Windows are the system's own) falls
through to Qt's English.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

#: Qt's own source texts (context QPlatformTheme, as Qt 6 names the standard buttons) → what the officer reads.
STANDARD_BUTTONS = {
    "OK": "Đồng ý",
    "Save": "Lưu",
    "Save All": "Lưu tất cả",
    "Open": "Mở",
    "&Yes": "&Có",
    "Yes to &All": "Có với &tất cả",
    "&No": "&Không",
    "N&o to All": "K&hông với tất cả",
    "Abort": "Hủy bỏ",
    "Retry": "Thử lại",
    "Ignore": "Bỏ qua",
    "Close": "Đóng",
    "Cancel": "Hủy",
    "Discard": "Bỏ thay đổi",
    "Don't Save": "Không lưu",
    "Close without Saving": "Đóng, không lưu",
    "Help": "Trợ giúp",
    "Apply": "Áp dụng",
    "Reset": "Đặt lại",
    "Restore Defaults": "Khôi phục mặc định",
    "Show Details...": "Xem chi tiết…",
    "Hide Details...": "Ẩn chi tiết…",
}
_CONTEXTS = {"QPlatformTheme", "QDialogButtonBox", "QMessageBox"}


class StandardButtonsTranslator(QTranslator):
    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D401 - Qt API
        """The Vietnamese text, or None ("not translated here": Qt keeps its own text; an empty string would
        be taken as the translation and blank every other text Qt writes, page-size names included)."""
        if context in _CONTEXTS:
            return STANDARD_BUTTONS.get(source_text)
        return None

    def isEmpty(self) -> bool:  # noqa: N802 - Qt API: an "empty" translator is skipped by Qt
        return False


def install_vietnamese_buttons(app) -> QTranslator:
    """Install the translator on ``app`` (kept on it: a collected translator would leave Qt a dangling one)."""
    translator = StandardButtonsTranslator(app)
    app.installTranslator(translator)
    app._kstthc_translator = translator
    return translator
