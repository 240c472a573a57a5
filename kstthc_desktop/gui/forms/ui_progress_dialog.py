# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'progress_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDateEdit, QDialog, QDialogButtonBox, QGridLayout,
    QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_ProgressDialog(object):
    def setupUi(self, ProgressDialog):
        if not ProgressDialog.objectName():
            ProgressDialog.setObjectName(u"ProgressDialog")
        ProgressDialog.resize(560, 560)
        self.mainLayout = QVBoxLayout(ProgressDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.taskLabel = QLabel(ProgressDialog)
        self.taskLabel.setObjectName(u"taskLabel")
        self.taskLabel.setWordWrap(True)
        self.taskLabel.setStyleSheet(u"color: #444;")

        self.mainLayout.addWidget(self.taskLabel)

        self.entryLayout = QGridLayout()
        self.entryLayout.setObjectName(u"entryLayout")
        self.dateLabel = QLabel(ProgressDialog)
        self.dateLabel.setObjectName(u"dateLabel")

        self.entryLayout.addWidget(self.dateLabel, 0, 0, 1, 1)

        self.dateEdit = QDateEdit(ProgressDialog)
        self.dateEdit.setObjectName(u"dateEdit")
        self.dateEdit.setCalendarPopup(True)

        self.entryLayout.addWidget(self.dateEdit, 0, 1, 1, 1)

        self.periodLabel = QLabel(ProgressDialog)
        self.periodLabel.setObjectName(u"periodLabel")

        self.entryLayout.addWidget(self.periodLabel, 1, 0, 1, 1)

        self.periodCombo = QComboBox(ProgressDialog)
        self.periodCombo.setObjectName(u"periodCombo")

        self.entryLayout.addWidget(self.periodCombo, 1, 1, 1, 1)

        self.textLabel = QLabel(ProgressDialog)
        self.textLabel.setObjectName(u"textLabel")

        self.entryLayout.addWidget(self.textLabel, 2, 0, 1, 1)

        self.textEdit = QPlainTextEdit(ProgressDialog)
        self.textEdit.setObjectName(u"textEdit")
        self.textEdit.setTabChangesFocus(True)

        self.entryLayout.addWidget(self.textEdit, 2, 1, 1, 1)

        self.doneCheck = QCheckBox(ProgressDialog)
        self.doneCheck.setObjectName(u"doneCheck")

        self.entryLayout.addWidget(self.doneCheck, 3, 1, 1, 1)


        self.mainLayout.addLayout(self.entryLayout)

        self.evidenceGroup = QGroupBox(ProgressDialog)
        self.evidenceGroup.setObjectName(u"evidenceGroup")
        self.evidenceGroup.setCheckable(True)
        self.evidenceGroup.setChecked(False)
        self.evidenceLayout = QGridLayout(self.evidenceGroup)
        self.evidenceLayout.setObjectName(u"evidenceLayout")
        self.numberLabel = QLabel(self.evidenceGroup)
        self.numberLabel.setObjectName(u"numberLabel")

        self.evidenceLayout.addWidget(self.numberLabel, 0, 0, 1, 1)

        self.numberEdit = QLineEdit(self.evidenceGroup)
        self.numberEdit.setObjectName(u"numberEdit")

        self.evidenceLayout.addWidget(self.numberEdit, 0, 1, 1, 1)

        self.issuedLabel = QLabel(self.evidenceGroup)
        self.issuedLabel.setObjectName(u"issuedLabel")

        self.evidenceLayout.addWidget(self.issuedLabel, 1, 0, 1, 1)

        self.issuedEdit = QDateEdit(self.evidenceGroup)
        self.issuedEdit.setObjectName(u"issuedEdit")
        self.issuedEdit.setCalendarPopup(True)

        self.evidenceLayout.addWidget(self.issuedEdit, 1, 1, 1, 1)

        self.issuerLabel = QLabel(self.evidenceGroup)
        self.issuerLabel.setObjectName(u"issuerLabel")

        self.evidenceLayout.addWidget(self.issuerLabel, 2, 0, 1, 1)

        self.issuerEdit = QLineEdit(self.evidenceGroup)
        self.issuerEdit.setObjectName(u"issuerEdit")

        self.evidenceLayout.addWidget(self.issuerEdit, 2, 1, 1, 1)

        self.summaryLabel = QLabel(self.evidenceGroup)
        self.summaryLabel.setObjectName(u"summaryLabel")

        self.evidenceLayout.addWidget(self.summaryLabel, 3, 0, 1, 1)

        self.summaryEdit = QPlainTextEdit(self.evidenceGroup)
        self.summaryEdit.setObjectName(u"summaryEdit")
        self.summaryEdit.setMaximumSize(QSize(16777215, 70))
        self.summaryEdit.setTabChangesFocus(True)

        self.evidenceLayout.addWidget(self.summaryEdit, 3, 1, 1, 1)

        self.fileLabel = QLabel(self.evidenceGroup)
        self.fileLabel.setObjectName(u"fileLabel")

        self.evidenceLayout.addWidget(self.fileLabel, 4, 0, 1, 1)

        self.fileLayout = QHBoxLayout()
        self.fileLayout.setObjectName(u"fileLayout")
        self.fileEdit = QLineEdit(self.evidenceGroup)
        self.fileEdit.setObjectName(u"fileEdit")
        self.fileEdit.setReadOnly(True)

        self.fileLayout.addWidget(self.fileEdit)

        self.browseButton = QPushButton(self.evidenceGroup)
        self.browseButton.setObjectName(u"browseButton")

        self.fileLayout.addWidget(self.browseButton)


        self.evidenceLayout.addLayout(self.fileLayout, 4, 1, 1, 1)


        self.mainLayout.addWidget(self.evidenceGroup)

        self.buttonBox = QDialogButtonBox(ProgressDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.mainLayout.addWidget(self.buttonBox)


        self.retranslateUi(ProgressDialog)

        QMetaObject.connectSlotsByName(ProgressDialog)
    # setupUi

    def retranslateUi(self, ProgressDialog):
        ProgressDialog.setWindowTitle(QCoreApplication.translate("ProgressDialog", u"Ghi k\u1ebft qu\u1ea3 th\u1ef1c hi\u1ec7n", None))
        self.dateLabel.setText(QCoreApplication.translate("ProgressDialog", u"Ng\u00e0y:", None))
        self.dateEdit.setDisplayFormat(QCoreApplication.translate("ProgressDialog", u"dd/MM/yyyy", None))
        self.periodLabel.setText(QCoreApplication.translate("ProgressDialog", u"T\u00ednh cho k\u1ef3 / h\u1ea1n:", None))
        self.textLabel.setText(QCoreApplication.translate("ProgressDialog", u"K\u1ebft qu\u1ea3 \u0111\u00e3 l\u00e0m:", None))
        self.textEdit.setPlaceholderText(QCoreApplication.translate("ProgressDialog", u"V\u00ed d\u1ee5: \u0110\u00e3 ban h\u00e0nh B\u00e1o c\u00e1o k\u1ebft qu\u1ea3 ki\u1ec3m so\u00e1t TTHC qu\u00fd III", None))
        self.doneCheck.setText(QCoreApplication.translate("ProgressDialog", u"\u0110\u00e3 ho\u00e0n th\u00e0nh ph\u1ea7n vi\u1ec7c c\u1ee7a k\u1ef3 / h\u1ea1n n\u00e0y", None))
        self.evidenceGroup.setTitle(QCoreApplication.translate("ProgressDialog", u"K\u00e8m v\u0103n b\u1ea3n ch\u1ee9ng minh", None))
        self.numberLabel.setText(QCoreApplication.translate("ProgressDialog", u"S\u1ed1 v\u00e0 k\u00fd hi\u1ec7u:", None))
        self.numberEdit.setPlaceholderText(QCoreApplication.translate("ProgressDialog", u"v\u00ed d\u1ee5 15/BC-VPUBND", None))
        self.issuedLabel.setText(QCoreApplication.translate("ProgressDialog", u"Ng\u00e0y ban h\u00e0nh:", None))
        self.issuedEdit.setDisplayFormat(QCoreApplication.translate("ProgressDialog", u"dd/MM/yyyy", None))
        self.issuerLabel.setText(QCoreApplication.translate("ProgressDialog", u"C\u01a1 quan ban h\u00e0nh:", None))
        self.summaryLabel.setText(QCoreApplication.translate("ProgressDialog", u"Tr\u00edch y\u1ebfu:", None))
        self.fileLabel.setText(QCoreApplication.translate("ProgressDialog", u"T\u1ec7p \u0111\u00ednh k\u00e8m:", None))
        self.fileEdit.setPlaceholderText(QCoreApplication.translate("ProgressDialog", u"Ch\u01b0a ch\u1ecdn t\u1ec7p (b\u1ea3n qu\u00e9t PDF, Word\u2026)", None))
        self.browseButton.setText(QCoreApplication.translate("ProgressDialog", u"Ch\u1ecdn t\u1ec7p\u2026", None))
    # retranslateUi

