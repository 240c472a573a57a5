"""Whole titles in the section tree (issue 14 item 8): a tree row as tall as its title wrapped at the column's
width, so a widened tree shows more of each title on fewer lines and a narrow one shows it all on several lines,
never "Công tác chỉ đạo, điề…". QTreeView paints wrapped text when ``wordWrap`` is on, but asks the delegate for a
row's height without the column's width; this delegate gives it that width."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeView


class WrappingDelegate(QStyledItemDelegate):
    """Row heights from the title wrapped at the width its column gives it (indentation taken off)."""

    def __init__(self, tree: QTreeView):
        super().__init__(tree)
        self.tree = tree
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        tree.header().sectionResized.connect(self._relayout)

    def _relayout(self, column: int, _old: int, _new: int) -> None:
        if column == 0:
            self.tree.doItemsLayout()  # heights asked again for the new width

    def _depth(self, index) -> int:
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        return depth

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 - Qt API
        if index.column() != 0:
            return super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        levels = self._depth(index) + (1 if self.tree.rootIsDecorated() else 0)
        width = max(40, self.tree.columnWidth(0) - self.tree.indentation() * levels)
        opt.rect = QRect(0, 0, width, 10_000)
        opt.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        size = super().sizeHint(opt, index)
        return QSize(width, size.height() + 4)
