# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'evidence_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateEdit,
    QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout,
    QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_EvidenceDialog(object):
    def setupUi(self, EvidenceDialog):
        if not EvidenceDialog.objectName():
            EvidenceDialog.setObjectName(u"EvidenceDialog")
        EvidenceDialog.resize(540, 380)
        self.mainLayout = QVBoxLayout(EvidenceDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.taskLabel = QLabel(EvidenceDialog)
        self.taskLabel.setObjectName(u"taskLabel")
        self.taskLabel.setWordWrap(True)
        self.taskLabel.setStyleSheet(u"color: #444;")

        self.mainLayout.addWidget(self.taskLabel)

        self.evidenceLayout = QGridLayout()
        self.evidenceLayout.setObjectName(u"evidenceLayout")
        self.numberLabel = QLabel(EvidenceDialog)
        self.numberLabel.setObjectName(u"numberLabel")

        self.evidenceLayout.addWidget(self.numberLabel, 0, 0, 1, 1)

        self.numberEdit = QLineEdit(EvidenceDialog)
        self.numberEdit.setObjectName(u"numberEdit")

        self.evidenceLayout.addWidget(self.numberEdit, 0, 1, 1, 1)

        self.issuedLabel = QLabel(EvidenceDialog)
        self.issuedLabel.setObjectName(u"issuedLabel")

        self.evidenceLayout.addWidget(self.issuedLabel, 1, 0, 1, 1)

        self.issuedEdit = QDateEdit(EvidenceDialog)
        self.issuedEdit.setObjectName(u"issuedEdit")
        self.issuedEdit.setCalendarPopup(True)

        self.evidenceLayout.addWidget(self.issuedEdit, 1, 1, 1, 1)

        self.issuerLabel = QLabel(EvidenceDialog)
        self.issuerLabel.setObjectName(u"issuerLabel")

        self.evidenceLayout.addWidget(self.issuerLabel, 2, 0, 1, 1)

        self.issuerEdit = QLineEdit(EvidenceDialog)
        self.issuerEdit.setObjectName(u"issuerEdit")

        self.evidenceLayout.addWidget(self.issuerEdit, 2, 1, 1, 1)

        self.summaryLabel = QLabel(EvidenceDialog)
        self.summaryLabel.setObjectName(u"summaryLabel")

        self.evidenceLayout.addWidget(self.summaryLabel, 3, 0, 1, 1)

        self.summaryEdit = QPlainTextEdit(EvidenceDialog)
        self.summaryEdit.setObjectName(u"summaryEdit")
        self.summaryEdit.setMaximumSize(QSize(16777215, 70))
        self.summaryEdit.setTabChangesFocus(True)

        self.evidenceLayout.addWidget(self.summaryEdit, 3, 1, 1, 1)

        self.fileLabel = QLabel(EvidenceDialog)
        self.fileLabel.setObjectName(u"fileLabel")

        self.evidenceLayout.addWidget(self.fileLabel, 4, 0, 1, 1)

        self.fileLayout = QHBoxLayout()
        self.fileLayout.setObjectName(u"fileLayout")
        self.fileEdit = QLineEdit(EvidenceDialog)
        self.fileEdit.setObjectName(u"fileEdit")
        self.fileEdit.setReadOnly(True)

        self.fileLayout.addWidget(self.fileEdit)

        self.browseButton = QPushButton(EvidenceDialog)
        self.browseButton.setObjectName(u"browseButton")

        self.fileLayout.addWidget(self.browseButton)


        self.evidenceLayout.addLayout(self.fileLayout, 4, 1, 1, 1)

        self.progressLabel = QLabel(EvidenceDialog)
        self.progressLabel.setObjectName(u"progressLabel")

        self.evidenceLayout.addWidget(self.progressLabel, 5, 0, 1, 1)

        self.progressCombo = QComboBox(EvidenceDialog)
        self.progressCombo.setObjectName(u"progressCombo")

        self.evidenceLayout.addWidget(self.progressCombo, 5, 1, 1, 1)


        self.mainLayout.addLayout(self.evidenceLayout)

        self.buttonBox = QDialogButtonBox(EvidenceDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.mainLayout.addWidget(self.buttonBox)


        self.retranslateUi(EvidenceDialog)

        QMetaObject.connectSlotsByName(EvidenceDialog)
    # setupUi

    def retranslateUi(self, EvidenceDialog):
        EvidenceDialog.setWindowTitle(QCoreApplication.translate("EvidenceDialog", u"V\u0103n b\u1ea3n ch\u1ee9ng minh", None))
        self.numberLabel.setText(QCoreApplication.translate("EvidenceDialog", u"S\u1ed1 v\u00e0 k\u00fd hi\u1ec7u:", None))
        self.numberEdit.setPlaceholderText(QCoreApplication.translate("EvidenceDialog", u"v\u00ed d\u1ee5 15/BC-VPUBND", None))
        self.issuedLabel.setText(QCoreApplication.translate("EvidenceDialog", u"Ng\u00e0y ban h\u00e0nh:", None))
        self.issuedEdit.setDisplayFormat(QCoreApplication.translate("EvidenceDialog", u"dd/MM/yyyy", None))
        self.issuerLabel.setText(QCoreApplication.translate("EvidenceDialog", u"C\u01a1 quan ban h\u00e0nh:", None))
        self.summaryLabel.setText(QCoreApplication.translate("EvidenceDialog", u"Tr\u00edch y\u1ebfu:", None))
        self.fileLabel.setText(QCoreApplication.translate("EvidenceDialog", u"T\u1ec7p \u0111\u00ednh k\u00e8m:", None))
        self.fileEdit.setPlaceholderText(QCoreApplication.translate("EvidenceDialog", u"Ch\u01b0a ch\u1ecdn t\u1ec7p (b\u1ea3n qu\u00e9t PDF, Word\u2026)", None))
        self.browseButton.setText(QCoreApplication.translate("EvidenceDialog", u"Ch\u1ecdn t\u1ec7p\u2026", None))
        self.progressLabel.setText(QCoreApplication.translate("EvidenceDialog", u"Thu\u1ed9c k\u1ebft qu\u1ea3:", None))
    # retranslateUi

