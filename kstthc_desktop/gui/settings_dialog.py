"""Settings kept in the database (reports depend on them): who the body is, who signs, who receives the
report, by which day each periodic report is due, and how many days count as "due soon".

All fields are saved together in one transaction; a bad value is refused with one Vietnamese sentence and
nothing is saved.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from kstthc_desktop.domain import Settings
from kstthc_desktop.errors import UserError
from kstthc_desktop.text import clean

#: Report kinds with a submission day the province sets (docs/domain.md §4), in the order the officer thinks of them.
REPORT_KINDS = {
    "month": "Báo cáo tháng",
    "quarter": "Báo cáo quý",
    "halfyear": "Báo cáo 6 tháng",
    "ninemonths": "Báo cáo 9 tháng",
    "year": "Báo cáo năm",
}

_SHORT_NAME = re.compile(r"^[0-9A-Za-zĐđ\-]+$")


def settings_from_fields(fields: dict[str, str], due_soon_days: int, base: Settings | None = None) -> Settings:
    """Check what the officer typed and build the Settings; UserError (Vietnamese) on the first bad value.

    ``fields`` holds the text of every field: the Settings' string fields by name, ``recipients`` (one per
    line) and ``deadline_<kind>`` (a day of the month, or empty for "end of the data window").
    """
    values = {name: clean(fields.get(name, "")) for name in (
        "parent_body", "body_name", "body_short", "my_body", "place_name",
        "signer_authority", "signer_title", "signer_name")}
    if not values["body_name"]:
        raise UserError("Hãy nhập tên cơ quan (dòng in đậm ở đầu báo cáo).")
    if values["body_short"] and not _SHORT_NAME.match(values["body_short"]):
        raise UserError(
            f"Tên viết tắt \"{values['body_short']}\" chỉ được gồm chữ, số và dấu gạch ngang (ví dụ: SKHCN, VP-UBND)."
        )
    deadlines: dict[str, int] = {}
    for kind, label in REPORT_KINDS.items():
        text = clean(fields.get(f"deadline_{kind}", ""))
        if not text:
            continue
        if not text.isdigit() or not 1 <= int(text) <= 31:
            raise UserError(f"Hạn nộp {label.lower()} phải là một ngày từ 1 đến 31 (hoặc để trống), không phải \"{text}\".")
        deadlines[kind] = int(text)
    if not 1 <= due_soon_days <= 90:
        raise UserError("Số ngày \"sắp đến hạn\" phải từ 1 đến 90.")
    aliases = [a.strip() for a in re.split(r"[;\n]", clean(fields.get("my_aliases", ""))) if a.strip()]
    recipients = [line for line in clean(fields.get("recipients", "")).split("\n") if line.strip()]
    recipients = [line.lstrip("-– ").strip() if line[0] in "-–" else line for line in recipients]  # the report adds "- "
    settings = Settings(**{**(base.to_json() if base else {}), **values})
    settings.recipients = recipients
    settings.my_aliases = list(dict.fromkeys(aliases))
    settings.report_deadlines = deadlines
    settings.due_soon_days = due_soon_days
    return settings


class SettingsDialog(QDialog):
    """"Thiết lập": edit every field of Settings and save them in one transaction (form: ui/settings_dialog.ui)."""

    def __init__(self, store, parent: QWidget | None = None):
        from kstthc_desktop.gui.forms.ui_settings_dialog import Ui_SettingsDialog

        super().__init__(parent)
        self.store = store
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        ui = self.ui
        #: Settings field (or ``deadline_<kind>``) → its line edit.
        self.edits: dict[str, QLineEdit] = {
            "parent_body": ui.parentBodyEdit,
            "body_name": ui.bodyNameEdit,
            "body_short": ui.bodyShortEdit,
            "my_body": ui.myBodyEdit,
            "place_name": ui.placeNameEdit,
            "signer_authority": ui.signerAuthorityEdit,
            "signer_title": ui.signerTitleEdit,
            "signer_name": ui.signerNameEdit,
            "deadline_month": ui.deadlineMonthEdit,
            "deadline_quarter": ui.deadlineQuarterEdit,
            "deadline_halfyear": ui.deadlineHalfyearEdit,
            "deadline_ninemonths": ui.deadlineNinemonthsEdit,
            "deadline_year": ui.deadlineYearEdit,
        }
        self.aliases_edit = QLineEdit()  # the body's other names ("us" in its own plan), under "Tên … kế hoạch ghi"
        self.aliases_edit.setObjectName("myAliasesEdit")
        self.aliases_edit.setPlaceholderText("Ví dụ: Văn phòng Sở; Phòng chuyên môn thuộc Sở")
        self.aliases_edit.setToolTip("Các tên khác chỉ cơ quan mình trong kế hoạch (văn phòng, các phòng), "
                                     "cách nhau bằng dấu chấm phẩy: nhiệm vụ do họ chủ trì hay phối hợp là của mình.")
        row = ui.bodyLayout.rowCount()
        ui.bodyLayout.addWidget(QLabel("Cũng là cơ quan mình:"), row, 0)
        ui.bodyLayout.addWidget(self.aliases_edit, row, 1)
        QWidget.setTabOrder(ui.myBodyEdit, self.aliases_edit)
        self.recipients_edit: QPlainTextEdit = ui.recipientsEdit
        self.due_soon_spin: QSpinBox = ui.dueSoonSpin
        self.buttons: QDialogButtonBox = ui.buttonBox
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.damaged_label = QLabel()  # settings found damaged in the database: say so, saving repairs them
        self.damaged_label.setWordWrap(True)
        self.damaged_label.setStyleSheet("background: #fff1c2; padding: 6px;")
        self.damaged_label.setVisible(False)
        ui.mainLayout.insertWidget(0, self.damaged_label)
        self.load()

    def load(self) -> None:
        self.current = self.store.settings()
        damaged = self._damaged_messages()
        if damaged:
            self.damaged_label.setText(
                "Một số thiết lập trong dữ liệu bị hỏng và đang dùng giá trị mặc định; hãy kiểm tra rồi bấm «Lưu»:\n"
                + "\n".join(damaged))
        self.damaged_label.setVisible(bool(damaged))
        for name, edit in self.edits.items():
            if name.startswith("deadline_"):
                day = self.current.report_deadlines.get(name.removeprefix("deadline_"))
                edit.setText(str(day) if day else "")
            else:
                edit.setText(getattr(self.current, name))
        self.aliases_edit.setText("; ".join(self.current.my_aliases))
        self.recipients_edit.setPlainText("\n".join(self.current.recipients))
        self.due_soon_spin.setValue(self.current.due_soon_days)

    def _damaged_messages(self) -> list[str]:
        """The store's notes about settings it found damaged (and replaced by defaults) when reading them."""
        return [w for w in getattr(self.store, "warnings", []) if w.startswith("Thiết lập")]

    def fields(self) -> dict[str, str]:
        values = {name: edit.text() for name, edit in self.edits.items()}
        values["recipients"] = self.recipients_edit.toPlainText()
        values["my_aliases"] = self.aliases_edit.text()
        return values

    def save(self) -> bool:
        """Check and save everything in one transaction; on a bad value, say why and keep the dialog open."""
        try:
            settings = settings_from_fields(self.fields(), self.due_soon_spin.value(), base=self.current)
            self.store.save_settings(settings)
            for message in self._damaged_messages():  # saved whole again: repaired
                self.store.warnings.remove(message)
        except UserError as exc:
            from kstthc_desktop.gui.errors import plain

            QMessageBox.warning(self, "Thiết lập chưa hợp lệ", plain(exc.message))
            return False
        except Exception as exc:  # noqa: BLE001 - the GUI's guard: message + log location
            from kstthc_desktop.gui.errors import show_error

            show_error(self, exc)
            return False
        self.accept()
        return True
