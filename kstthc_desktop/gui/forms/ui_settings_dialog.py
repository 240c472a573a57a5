# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QGridLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QPlainTextEdit, QSizePolicy, QSpacerItem,
    QSpinBox, QVBoxLayout, QWidget)

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.resize(980, 480)
        self.mainLayout = QVBoxLayout(SettingsDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.columnsLayout = QHBoxLayout()
        self.columnsLayout.setObjectName(u"columnsLayout")
        self.leftLayout = QVBoxLayout()
        self.leftLayout.setObjectName(u"leftLayout")
        self.bodyGroup = QGroupBox(SettingsDialog)
        self.bodyGroup.setObjectName(u"bodyGroup")
        self.bodyLayout = QGridLayout(self.bodyGroup)
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.parentBodyLabel = QLabel(self.bodyGroup)
        self.parentBodyLabel.setObjectName(u"parentBodyLabel")

        self.bodyLayout.addWidget(self.parentBodyLabel, 0, 0, 1, 1)

        self.parentBodyEdit = QLineEdit(self.bodyGroup)
        self.parentBodyEdit.setObjectName(u"parentBodyEdit")
        self.parentBodyEdit.setMinimumSize(QSize(320, 0))

        self.bodyLayout.addWidget(self.parentBodyEdit, 0, 1, 1, 1)

        self.bodyNameLabel = QLabel(self.bodyGroup)
        self.bodyNameLabel.setObjectName(u"bodyNameLabel")

        self.bodyLayout.addWidget(self.bodyNameLabel, 1, 0, 1, 1)

        self.bodyNameEdit = QLineEdit(self.bodyGroup)
        self.bodyNameEdit.setObjectName(u"bodyNameEdit")
        self.bodyNameEdit.setMinimumSize(QSize(320, 0))

        self.bodyLayout.addWidget(self.bodyNameEdit, 1, 1, 1, 1)

        self.bodyShortLabel = QLabel(self.bodyGroup)
        self.bodyShortLabel.setObjectName(u"bodyShortLabel")

        self.bodyLayout.addWidget(self.bodyShortLabel, 2, 0, 1, 1)

        self.bodyShortEdit = QLineEdit(self.bodyGroup)
        self.bodyShortEdit.setObjectName(u"bodyShortEdit")
        self.bodyShortEdit.setMinimumSize(QSize(320, 0))

        self.bodyLayout.addWidget(self.bodyShortEdit, 2, 1, 1, 1)

        self.myBodyLabel = QLabel(self.bodyGroup)
        self.myBodyLabel.setObjectName(u"myBodyLabel")

        self.bodyLayout.addWidget(self.myBodyLabel, 3, 0, 1, 1)

        self.myBodyEdit = QLineEdit(self.bodyGroup)
        self.myBodyEdit.setObjectName(u"myBodyEdit")
        self.myBodyEdit.setMinimumSize(QSize(320, 0))

        self.bodyLayout.addWidget(self.myBodyEdit, 3, 1, 1, 1)

        self.placeNameLabel = QLabel(self.bodyGroup)
        self.placeNameLabel.setObjectName(u"placeNameLabel")

        self.bodyLayout.addWidget(self.placeNameLabel, 4, 0, 1, 1)

        self.placeNameEdit = QLineEdit(self.bodyGroup)
        self.placeNameEdit.setObjectName(u"placeNameEdit")
        self.placeNameEdit.setMinimumSize(QSize(320, 0))

        self.bodyLayout.addWidget(self.placeNameEdit, 4, 1, 1, 1)


        self.leftLayout.addWidget(self.bodyGroup)

        self.signerGroup = QGroupBox(SettingsDialog)
        self.signerGroup.setObjectName(u"signerGroup")
        self.signerLayout = QGridLayout(self.signerGroup)
        self.signerLayout.setObjectName(u"signerLayout")
        self.signerAuthorityLabel = QLabel(self.signerGroup)
        self.signerAuthorityLabel.setObjectName(u"signerAuthorityLabel")

        self.signerLayout.addWidget(self.signerAuthorityLabel, 0, 0, 1, 1)

        self.signerAuthorityEdit = QLineEdit(self.signerGroup)
        self.signerAuthorityEdit.setObjectName(u"signerAuthorityEdit")
        self.signerAuthorityEdit.setMinimumSize(QSize(320, 0))

        self.signerLayout.addWidget(self.signerAuthorityEdit, 0, 1, 1, 1)

        self.signerTitleLabel = QLabel(self.signerGroup)
        self.signerTitleLabel.setObjectName(u"signerTitleLabel")

        self.signerLayout.addWidget(self.signerTitleLabel, 1, 0, 1, 1)

        self.signerTitleEdit = QLineEdit(self.signerGroup)
        self.signerTitleEdit.setObjectName(u"signerTitleEdit")
        self.signerTitleEdit.setMinimumSize(QSize(320, 0))

        self.signerLayout.addWidget(self.signerTitleEdit, 1, 1, 1, 1)

        self.signerNameLabel = QLabel(self.signerGroup)
        self.signerNameLabel.setObjectName(u"signerNameLabel")

        self.signerLayout.addWidget(self.signerNameLabel, 2, 0, 1, 1)

        self.signerNameEdit = QLineEdit(self.signerGroup)
        self.signerNameEdit.setObjectName(u"signerNameEdit")
        self.signerNameEdit.setMinimumSize(QSize(320, 0))

        self.signerLayout.addWidget(self.signerNameEdit, 2, 1, 1, 1)


        self.leftLayout.addWidget(self.signerGroup)

        self.leftSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.leftLayout.addItem(self.leftSpacer)


        self.columnsLayout.addLayout(self.leftLayout)

        self.rightLayout = QVBoxLayout()
        self.rightLayout.setObjectName(u"rightLayout")
        self.recipientsGroup = QGroupBox(SettingsDialog)
        self.recipientsGroup.setObjectName(u"recipientsGroup")
        self.recipientsLayout = QVBoxLayout(self.recipientsGroup)
        self.recipientsLayout.setObjectName(u"recipientsLayout")
        self.recipientsEdit = QPlainTextEdit(self.recipientsGroup)
        self.recipientsEdit.setObjectName(u"recipientsEdit")
        self.recipientsEdit.setTabChangesFocus(True)

        self.recipientsLayout.addWidget(self.recipientsEdit)


        self.rightLayout.addWidget(self.recipientsGroup)

        self.deadlinesGroup = QGroupBox(SettingsDialog)
        self.deadlinesGroup.setObjectName(u"deadlinesGroup")
        self.deadlinesLayout = QGridLayout(self.deadlinesGroup)
        self.deadlinesLayout.setObjectName(u"deadlinesLayout")
        self.deadlineMonthLabel = QLabel(self.deadlinesGroup)
        self.deadlineMonthLabel.setObjectName(u"deadlineMonthLabel")

        self.deadlinesLayout.addWidget(self.deadlineMonthLabel, 0, 0, 1, 1)

        self.deadlineMonthEdit = QLineEdit(self.deadlinesGroup)
        self.deadlineMonthEdit.setObjectName(u"deadlineMonthEdit")
        self.deadlineMonthEdit.setMaximumSize(QSize(70, 16777215))
        self.deadlineMonthEdit.setMaxLength(3)

        self.deadlinesLayout.addWidget(self.deadlineMonthEdit, 0, 1, 1, 1)

        self.deadlineQuarterLabel = QLabel(self.deadlinesGroup)
        self.deadlineQuarterLabel.setObjectName(u"deadlineQuarterLabel")

        self.deadlinesLayout.addWidget(self.deadlineQuarterLabel, 0, 2, 1, 1)

        self.deadlineQuarterEdit = QLineEdit(self.deadlinesGroup)
        self.deadlineQuarterEdit.setObjectName(u"deadlineQuarterEdit")
        self.deadlineQuarterEdit.setMaximumSize(QSize(70, 16777215))
        self.deadlineQuarterEdit.setMaxLength(3)

        self.deadlinesLayout.addWidget(self.deadlineQuarterEdit, 0, 3, 1, 1)

        self.deadlineHalfyearLabel = QLabel(self.deadlinesGroup)
        self.deadlineHalfyearLabel.setObjectName(u"deadlineHalfyearLabel")

        self.deadlinesLayout.addWidget(self.deadlineHalfyearLabel, 1, 0, 1, 1)

        self.deadlineHalfyearEdit = QLineEdit(self.deadlinesGroup)
        self.deadlineHalfyearEdit.setObjectName(u"deadlineHalfyearEdit")
        self.deadlineHalfyearEdit.setMaximumSize(QSize(70, 16777215))
        self.deadlineHalfyearEdit.setMaxLength(3)

        self.deadlinesLayout.addWidget(self.deadlineHalfyearEdit, 1, 1, 1, 1)

        self.deadlineNinemonthsLabel = QLabel(self.deadlinesGroup)
        self.deadlineNinemonthsLabel.setObjectName(u"deadlineNinemonthsLabel")

        self.deadlinesLayout.addWidget(self.deadlineNinemonthsLabel, 1, 2, 1, 1)

        self.deadlineNinemonthsEdit = QLineEdit(self.deadlinesGroup)
        self.deadlineNinemonthsEdit.setObjectName(u"deadlineNinemonthsEdit")
        self.deadlineNinemonthsEdit.setMaximumSize(QSize(70, 16777215))
        self.deadlineNinemonthsEdit.setMaxLength(3)

        self.deadlinesLayout.addWidget(self.deadlineNinemonthsEdit, 1, 3, 1, 1)

        self.deadlineYearLabel = QLabel(self.deadlinesGroup)
        self.deadlineYearLabel.setObjectName(u"deadlineYearLabel")

        self.deadlinesLayout.addWidget(self.deadlineYearLabel, 2, 0, 1, 1)

        self.deadlineYearEdit = QLineEdit(self.deadlinesGroup)
        self.deadlineYearEdit.setObjectName(u"deadlineYearEdit")
        self.deadlineYearEdit.setMaximumSize(QSize(70, 16777215))
        self.deadlineYearEdit.setMaxLength(3)

        self.deadlinesLayout.addWidget(self.deadlineYearEdit, 2, 1, 1, 1)


        self.rightLayout.addWidget(self.deadlinesGroup)

        self.dueSoonLayout = QHBoxLayout()
        self.dueSoonLayout.setObjectName(u"dueSoonLayout")
        self.dueSoonLabel = QLabel(SettingsDialog)
        self.dueSoonLabel.setObjectName(u"dueSoonLabel")

        self.dueSoonLayout.addWidget(self.dueSoonLabel)

        self.dueSoonSpin = QSpinBox(SettingsDialog)
        self.dueSoonSpin.setObjectName(u"dueSoonSpin")
        self.dueSoonSpin.setMinimum(1)
        self.dueSoonSpin.setMaximum(90)
        self.dueSoonSpin.setValue(7)

        self.dueSoonLayout.addWidget(self.dueSoonSpin)

        self.dueSoonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.dueSoonLayout.addItem(self.dueSoonSpacer)


        self.rightLayout.addLayout(self.dueSoonLayout)

        self.rightLayout.setStretch(0, 1)

        self.columnsLayout.addLayout(self.rightLayout)

        self.columnsLayout.setStretch(0, 3)
        self.columnsLayout.setStretch(1, 2)

        self.mainLayout.addLayout(self.columnsLayout)

        self.buttonBox = QDialogButtonBox(SettingsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.mainLayout.addWidget(self.buttonBox)

        QWidget.setTabOrder(self.parentBodyEdit, self.bodyNameEdit)
        QWidget.setTabOrder(self.bodyNameEdit, self.bodyShortEdit)
        QWidget.setTabOrder(self.bodyShortEdit, self.myBodyEdit)
        QWidget.setTabOrder(self.myBodyEdit, self.placeNameEdit)
        QWidget.setTabOrder(self.placeNameEdit, self.signerAuthorityEdit)
        QWidget.setTabOrder(self.signerAuthorityEdit, self.signerTitleEdit)
        QWidget.setTabOrder(self.signerTitleEdit, self.signerNameEdit)
        QWidget.setTabOrder(self.signerNameEdit, self.recipientsEdit)
        QWidget.setTabOrder(self.recipientsEdit, self.deadlineMonthEdit)
        QWidget.setTabOrder(self.deadlineMonthEdit, self.deadlineQuarterEdit)
        QWidget.setTabOrder(self.deadlineQuarterEdit, self.deadlineHalfyearEdit)
        QWidget.setTabOrder(self.deadlineHalfyearEdit, self.deadlineNinemonthsEdit)
        QWidget.setTabOrder(self.deadlineNinemonthsEdit, self.deadlineYearEdit)
        QWidget.setTabOrder(self.deadlineYearEdit, self.dueSoonSpin)

        self.retranslateUi(SettingsDialog)

        QMetaObject.connectSlotsByName(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"Thi\u1ebft l\u1eadp", None))
        self.bodyGroup.setTitle(QCoreApplication.translate("SettingsDialog", u"C\u01a1 quan (ti\u00eau \u0111\u1ec1 b\u00e1o c\u00e1o)", None))
        self.parentBodyLabel.setText(QCoreApplication.translate("SettingsDialog", u"C\u01a1 quan c\u1ea5p tr\u00ean:", None))
        self.parentBodyEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"V\u00ed d\u1ee5: UBND T\u1ec8NH S\u00d3C TR\u0102NG", None))
        self.bodyNameLabel.setText(QCoreApplication.translate("SettingsDialog", u"T\u00ean c\u01a1 quan (*):", None))
        self.bodyNameEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"V\u00ed d\u1ee5: S\u1ede KHOA H\u1eccC V\u00c0 C\u00d4NG NGH\u1ec6", None))
        self.bodyShortLabel.setText(QCoreApplication.translate("SettingsDialog", u"T\u00ean vi\u1ebft t\u1eaft (s\u1ed1 v\u0103n b\u1ea3n):", None))
        self.bodyShortEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"V\u00ed d\u1ee5: SKHCN \u2192 S\u1ed1: \u2026/BC-SKHCN", None))
        self.myBodyLabel.setText(QCoreApplication.translate("SettingsDialog", u"T\u00ean c\u01a1 quan nh\u01b0 k\u1ebf ho\u1ea1ch ghi:", None))
        self.myBodyEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"V\u00ed d\u1ee5: S\u1edf Khoa h\u1ecdc v\u00e0 C\u00f4ng ngh\u1ec7", None))
        self.placeNameLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u0110\u1ecba danh (d\u00f2ng ng\u00e0y th\u00e1ng):", None))
        self.placeNameEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"V\u00ed d\u1ee5: S\u00f3c Tr\u0103ng", None))
        self.signerGroup.setTitle(QCoreApplication.translate("SettingsDialog", u"Ng\u01b0\u1eddi k\u00fd", None))
        self.signerAuthorityLabel.setText(QCoreApplication.translate("SettingsDialog", u"Th\u1ea9m quy\u1ec1n k\u00fd:", None))
        self.signerAuthorityEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"V\u00ed d\u1ee5: KT. GI\u00c1M \u0110\u1ed0C", None))
        self.signerTitleLabel.setText(QCoreApplication.translate("SettingsDialog", u"Ch\u1ee9c v\u1ee5:", None))
        self.signerTitleEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"V\u00ed d\u1ee5: PH\u00d3 GI\u00c1M \u0110\u1ed0C", None))
        self.signerNameLabel.setText(QCoreApplication.translate("SettingsDialog", u"H\u1ecd v\u00e0 t\u00ean:", None))
        self.signerNameEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"V\u00ed d\u1ee5: Nguy\u1ec5n V\u0103n A", None))
        self.recipientsGroup.setTitle(QCoreApplication.translate("SettingsDialog", u"N\u01a1i nh\u1eadn (m\u1ed7i d\u00f2ng m\u1ed9t n\u01a1i)", None))
        self.recipientsEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"V\u0103n ph\u00f2ng UBND t\u1ec9nh;\n"
"L\u01b0u: VT, VP.", None))
        self.deadlinesGroup.setTitle(QCoreApplication.translate("SettingsDialog", u"H\u1ea1n n\u1ed9p b\u00e1o c\u00e1o (ng\u00e0y c\u1ee7a th\u00e1ng cu\u1ed1i k\u1ef3; \u0111\u1ec3 tr\u1ed1ng: ng\u00e0y cu\u1ed1i c\u00f9ng c\u1ee7a k\u1ef3)", None))
        self.deadlineMonthLabel.setText(QCoreApplication.translate("SettingsDialog", u"B\u00e1o c\u00e1o th\u00e1ng:", None))
        self.deadlineMonthEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"cu\u1ed1i k\u1ef3", None))
        self.deadlineQuarterLabel.setText(QCoreApplication.translate("SettingsDialog", u"B\u00e1o c\u00e1o qu\u00fd:", None))
        self.deadlineQuarterEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"cu\u1ed1i k\u1ef3", None))
        self.deadlineHalfyearLabel.setText(QCoreApplication.translate("SettingsDialog", u"B\u00e1o c\u00e1o 6 th\u00e1ng:", None))
        self.deadlineHalfyearEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"cu\u1ed1i k\u1ef3", None))
        self.deadlineNinemonthsLabel.setText(QCoreApplication.translate("SettingsDialog", u"B\u00e1o c\u00e1o 9 th\u00e1ng:", None))
        self.deadlineNinemonthsEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"cu\u1ed1i k\u1ef3", None))
        self.deadlineYearLabel.setText(QCoreApplication.translate("SettingsDialog", u"B\u00e1o c\u00e1o n\u0103m:", None))
        self.deadlineYearEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"cu\u1ed1i k\u1ef3", None))
        self.dueSoonLabel.setText(QCoreApplication.translate("SettingsDialog", u"Coi l\u00e0 \u00abs\u1eafp \u0111\u1ebfn h\u1ea1n\u00bb khi c\u00f2n:", None))
        self.dueSoonSpin.setSuffix(QCoreApplication.translate("SettingsDialog", u" ng\u00e0y", None))
    # retranslateUi

