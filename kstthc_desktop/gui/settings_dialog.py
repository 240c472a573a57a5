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
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kstthc_desktop.domain import Settings
from kstthc_desktop.errors import UserError
from kstthc_desktop.text import clean

#: Report kinds with a submission day the province sets (DOMAIN.md §4), in the order the officer thinks of them.
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
    recipients = [line for line in clean(fields.get("recipients", "")).split("\n") if line.strip()]
    recipients = [line.lstrip("-– ").strip() if line[0] in "-–" else line for line in recipients]  # the report adds "- "
    settings = Settings(**{**(base.to_json() if base else {}), **values})
    settings.recipients = recipients
    settings.report_deadlines = deadlines
    settings.due_soon_days = due_soon_days
    return settings


class SettingsDialog(QDialog):
    """"Thiết lập": edit every field of Settings and save them in one transaction."""

    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Thiết lập")
        self.edits: dict[str, QLineEdit] = {}

        body = QGroupBox("Cơ quan (tiêu đề báo cáo)")
        body_form = QFormLayout(body)
        self._line(body_form, "parent_body", "Cơ quan cấp trên:", "Ví dụ: UBND TỈNH SÓC TRĂNG")
        self._line(body_form, "body_name", "Tên cơ quan (*):", "Ví dụ: SỞ KHOA HỌC VÀ CÔNG NGHỆ")
        self._line(body_form, "body_short", "Tên viết tắt (số văn bản):", "Ví dụ: SKHCN → Số: …/BC-SKHCN")
        self._line(body_form, "my_body", "Tên cơ quan như kế hoạch ghi:", "Ví dụ: Sở Khoa học và Công nghệ")
        self._line(body_form, "place_name", "Địa danh (dòng ngày tháng):", "Ví dụ: Sóc Trăng")

        signer = QGroupBox("Người ký")
        signer_form = QFormLayout(signer)
        self._line(signer_form, "signer_authority", "Thẩm quyền ký:", "Ví dụ: KT. GIÁM ĐỐC")
        self._line(signer_form, "signer_title", "Chức vụ:", "Ví dụ: PHÓ GIÁM ĐỐC")
        self._line(signer_form, "signer_name", "Họ và tên:", "Ví dụ: Nguyễn Văn A")

        recipients = QGroupBox("Nơi nhận (mỗi dòng một nơi)")
        self.recipients_edit = QPlainTextEdit()
        self.recipients_edit.setPlaceholderText("Văn phòng UBND tỉnh;\nLưu: VT, VP.")
        self.recipients_edit.setTabChangesFocus(True)
        QVBoxLayout(recipients).addWidget(self.recipients_edit)

        deadlines = QGroupBox("Hạn nộp báo cáo (ngày của tháng cuối kỳ; để trống: cuối kỳ số liệu)")
        grid = QGridLayout(deadlines)
        for i, (kind, label) in enumerate(REPORT_KINDS.items()):
            edit = QLineEdit()
            edit.setPlaceholderText("cuối kỳ")
            edit.setMaxLength(3)
            edit.setMaximumWidth(70)
            self.edits[f"deadline_{kind}"] = edit
            grid.addWidget(QLabel(label + ":"), i // 2, (i % 2) * 2)
            grid.addWidget(edit, i // 2, (i % 2) * 2 + 1)
        self.due_soon_spin = QSpinBox()
        self.due_soon_spin.setRange(1, 90)
        self.due_soon_spin.setSuffix(" ngày")
        soon = QHBoxLayout()
        soon.addWidget(QLabel("Coi là «sắp đến hạn» khi còn:"))
        soon.addWidget(self.due_soon_spin)
        soon.addStretch(1)

        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Save).setText("Lưu")
        buttons.button(QDialogButtonBox.Cancel).setText("Hủy")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

        left = QVBoxLayout()
        left.addWidget(body)
        left.addWidget(signer)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(recipients, 1)
        right.addWidget(deadlines)
        right.addLayout(soon)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(buttons)
        self.resize(980, 480)
        self.load()

    def _line(self, form: QFormLayout, name: str, label: str, placeholder: str) -> None:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.setMinimumWidth(320)
        self.edits[name] = edit
        form.addRow(label, edit)

    def load(self) -> None:
        self.current = self.store.settings()
        for name, edit in self.edits.items():
            if name.startswith("deadline_"):
                day = self.current.report_deadlines.get(name.removeprefix("deadline_"))
                edit.setText(str(day) if day else "")
            else:
                edit.setText(getattr(self.current, name))
        self.recipients_edit.setPlainText("\n".join(self.current.recipients))
        self.due_soon_spin.setValue(self.current.due_soon_days)

    def fields(self) -> dict[str, str]:
        values = {name: edit.text() for name, edit in self.edits.items()}
        values["recipients"] = self.recipients_edit.toPlainText()
        return values

    def save(self) -> bool:
        """Check and save everything in one transaction; on a bad value, say why and keep the dialog open."""
        try:
            settings = settings_from_fields(self.fields(), self.due_soon_spin.value(), base=self.current)
            self.store.save_settings(settings)
        except UserError as exc:
            QMessageBox.warning(self, "Thiết lập chưa hợp lệ", exc.message)
            return False
        except Exception as exc:  # noqa: BLE001 - the GUI's guard: message + log location
            from kstthc_desktop.gui.errors import show_error

            show_error(self, exc)
            return False
        self.accept()
        return True
