"""The dashboard, the first thing the officer sees: counts by status for the period, what is due soon, what
has no progress, and completion by section and by lead body as bars painted with QPainter (QtCharts is a
separate 100+ MB package). Every number is a link to the matching tasks.

Colours and fonts are set with palettes and QFont (``look``), the cards painted by hand: style sheets cost
about 10 ms of the window's start-up here (each is parsed, and every widget under one is polished by Qt's
style-sheet style), for a look plain painting gives as well.

Nothing here touches ``Qt`` (the namespace) until the officer clicks or hovers: PySide6 builds the Python enums
of the whole namespace (~130 of them, ~13 ms) on its first use, and so do QPen's and QBrush's constructors and
QPainter.setPen/setBrush (their overloads take Qt.PenStyle and Qt.BrushStyle). So colours reach the painter as
brushes taken from a palette (``brush``), text is drawn in the widget's own colour, and item roles are ints.
docs/startup.md has the measurements."""

from __future__ import annotations

from functools import cache
from typing import NamedTuple, TypeVar

from PySide6.QtCore import QPointF, QRectF, QSize, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kstthc_desktop.status import Status
from kstthc_desktop.tracking import Bar, DashboardData, TaskRow, shown_stt
from kstthc_desktop.vndates import text_date

#: Qt.ItemDataRole.ToolTipRole and UserRole as the ints Qt's item APIs take (naming them builds ``Qt``: see above).
TOOLTIP_ROLE = 3
USER_ROLE = 256


@cache
def brush(colour: str) -> QBrush:
    """A solid brush of ``colour`` for ``QPainter.fillPath``, made by a palette (QBrush's own constructors
    build the ``Qt`` namespace's enums, ~13 ms of start-up)."""
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(colour))
    return palette.window()


def fill_rounded(painter: QPainter, rect: QRectF, radius: float, colour: str) -> None:
    path = QPainterPath()
    path.addRoundedRect(QRectF(rect), radius, radius)
    painter.fillPath(path, brush(colour))


def elided(fm: QFontMetrics, text: str, width: int) -> str:
    """``text`` cut at its end with "…" to fit ``width`` pixels (QFontMetrics.elidedText takes a Qt enum)."""
    full = fm.horizontalAdvance(text)
    if full <= width:
        return text
    keep = len(text) * width // full  # about as many characters as fit: one or two measures more to be sure
    while keep > 0 and fm.horizontalAdvance(text[:keep].rstrip() + "…") > width:
        keep -= 1
    return text[:keep].rstrip() + "…"


def wrapped(fm: QFontMetrics, text: str, width: int, max_lines: int) -> list[str]:
    """``text`` broken between words into lines of at most ``width`` pixels; the last of ``max_lines`` lines
    ends with "…" when the text goes on (a word longer than a line is cut the same way)."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for i, word in enumerate(words):
        trial = f"{current} {word}" if current else word
        if not current or fm.horizontalAdvance(trial) <= width:
            current = trial
            continue
        if len(lines) == max_lines - 1:  # the last line takes the rest, cut to fit
            current = " ".join([current, *words[i:]])
            break
        lines.append(current)
        current = word
    if current:
        lines.append(current)
    return [elided(fm, line, width) for line in lines] or [""]


def pointing_hand(widget: QWidget) -> None:
    """The hand cursor over a clickable widget, set on the first hover (``enterEvent``): Qt.CursorShape builds
    the ``Qt`` namespace, which the first paint does not need."""
    if not widget.property("kstthc_hand"):
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QCursor

        widget.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
        widget.setProperty("kstthc_hand", True)  # set once: a Qt property of our own on the widget


def left_click(event: QMouseEvent) -> bool:
    from PySide6.QtCore import Qt

    return event.button() == Qt.MouseButton.LeftButton


#: Any widget: ``look`` hands back the very widget it was given.
W = TypeVar("W", bound=QWidget)


def look(widget: W, colour: str | None = None, point_size: float | None = None, bold: bool = False,
         background: str | None = None) -> W:
    """Text colour, font size and weight (and a plain background) without a style sheet; returns the widget."""
    if point_size or bold:
        font = widget.font()
        if point_size:
            font.setPointSizeF(point_size)
        if bold:
            font.setWeight(QFont.Weight.DemiBold)
        widget.setFont(font)
    if colour or background:
        palette = widget.palette()
        if colour:
            palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
            palette.setColor(QPalette.ColorRole.Text, QColor(colour))
        if background:
            palette.setColor(QPalette.ColorRole.Window, QColor(background))
            widget.setAutoFillBackground(True)
        widget.setPalette(palette)
    return widget


class BarChart(QWidget):
    """Horizontal bars "done of total" with their labels; a click emits the bar's key."""

    barClicked = Signal(str)
    ROW = 28

    def __init__(self, parent=None):
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.setMouseTracking(True)
        self.setFixedHeight(self.ROW + 6)  # as tall as its bars (set_bars), as wide as its column
        look(self, "#333")  # the painter's pen: labels and counts are drawn in the widget's text colour

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = list(bars)
        self.setFixedHeight(max(1, len(self.bars)) * self.ROW + 6)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(420, max(1, len(self.bars)) * self.ROW + 6)

    def _bar_at(self, y: int) -> int:
        i = (y - 3) // self.ROW
        return i if 0 <= i < len(self.bars) else -1

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        width = self.width()
        if not self.bars:
            from PySide6.QtCore import Qt

            painter.setPen(QColor("#777"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Chưa có nhiệm vụ nào cần tính trong kỳ này.")
            return
        label_w = int(width * 0.56)
        count_w = fm.horizontalAdvance("100/100 ") + 4
        track_x = label_w + 8
        track_w = max(20, width - track_x - count_w - 4)
        baseline = (self.ROW - fm.height()) / 2 + fm.ascent()  # text centred in its row
        for i, bar in enumerate(self.bars):
            top = 3 + i * self.ROW
            painter.drawText(QPointF(0, top + baseline), elided(fm, bar.label, label_w))
            track = QRectF(track_x, top + 7, track_w, self.ROW - 14)
            fill_rounded(painter, track, 3, "#e7eaee")
            if bar.done:
                done = QRectF(track.x(), track.y(), max(4, int(track_w * bar.ratio)), track.height())
                fill_rounded(painter, done, 3, "#3f8f57" if bar.ratio >= 0.999 else "#5b8fd0")
            painter.drawText(QPointF(track_x + track_w + 6, top + baseline), f"{bar.done}/{bar.total}")

    def enterEvent(self, event) -> None:  # noqa: N802
        pointing_hand(self)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        i = self._bar_at(int(event.position().y()))
        if i >= 0:
            from PySide6.QtWidgets import QToolTip

            bar = self.bars[i]
            QToolTip.showText(
                event.globalPosition().toPoint(), f"{bar.label}\nĐã có kết quả: {bar.done}/{bar.total} nhiệm vụ", self
            )

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        i = self._bar_at(int(event.position().y()))
        if i >= 0 and left_click(event):
            self.barClicked.emit(self.bars[i].key)


class StatCard(QFrame):
    """A number with its meaning; clicking it shows the tasks behind it. A white card with a coloured left edge
    (painted here), a lighter background under the mouse."""

    clicked = Signal()
    EDGE = 5
    NUMBER_WIDTH = 40  # numbers are right-aligned in this width: the padding left of them is what they leave

    def __init__(self, title: str, colour: str, parent=None):
        super().__init__(parent)
        self.setObjectName("statCard")
        self.colour = colour
        self._hover = False
        layout = self.row_layout = QHBoxLayout(self)
        layout.setSpacing(10)
        self.number = look(QLabel("0"), colour, 19, bold=True)  # QLabel's default: left, centred vertically
        layout.setContentsMargins(12 + self.EDGE + self.NUMBER_WIDTH // 2, 7, 11, 7)  # till set_value: about "0"
        self.caption = look(QLabel(title), "#333")
        self.caption.setWordWrap(True)
        layout.addWidget(self.number)
        layout.addWidget(self.caption, 1)
        # Preferred size policies (the default): the grid shares its width out evenly and, beside the columns'
        # stretch, gives no card extra height

    def _set_number(self, text: str) -> None:
        self.number.setText(text)
        pad = max(0, self.NUMBER_WIDTH - self.number.fontMetrics().horizontalAdvance(text))
        self.row_layout.setContentsMargins(12 + self.EDGE + pad, 7, 11, 7)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect())
        fill_rounded(painter, box, 4.5, "#d9dde3")  # a 1-pixel border: the border colour under the card
        inner = QPainterPath()
        inner.addRoundedRect(box.adjusted(1, 1, -1, -1), 3.5, 3.5)
        painter.fillPath(inner, brush("#f5f8fc" if self._hover else "white"))
        painter.setClipPath(inner)
        edge = QPainterPath()  # fillPath: fillRect's overloads build QGradient's and Qt's enums
        edge.addRect(QRectF(0, 0, self.EDGE, self.height()))
        painter.fillPath(edge, brush(self.colour))

    def enterEvent(self, event) -> None:  # noqa: N802
        pointing_hand(self)
        self._hover = True
        self.update()

    def leaveEvent(self, event) -> None:  # noqa: N802
        self._hover = False
        self.update()

    def set_value(self, value: int, tooltip: str = "") -> None:
        self._set_number(str(value))
        self.setToolTip(tooltip)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if left_click(event):
            self.clicked.emit()


def due_soon_caption(days: int) -> str:
    """What the "due soon" card, chip and notice call it: the officer's setting (Settings.due_soon_days)."""
    return f"Đến hạn trong {days} ngày tới"


#: The cards: key, caption, colour. The key is what ``cardClicked`` emits ("due_7": due within the officer's
#: "due soon" days, 7 by default; its caption follows the setting in ``Dashboard.show_data``).
CARDS = (
    (Status.DONE_ON_TIME, Status.DONE_ON_TIME.label, "#1e6b34"),
    (Status.DONE_LATE, Status.DONE_LATE.label, "#5d6b12"),
    (Status.IN_TIME, Status.IN_TIME.label, "#2f5f98"),
    (Status.OVERDUE, Status.OVERDUE.label, "#a61b1b"),
    ("due_7", due_soon_caption(7), "#8a5a00"),
    ("due_30", "Đến hạn trong 30 ngày tới", "#9a7a2a"),
    ("no_progress", "Thường xuyên: chưa có kết quả trong kỳ", "#5b3f99"),
    ("on_demand", "Nhiệm vụ khi phát sinh / theo yêu cầu", "#546170"),
)


def card_caption(key: str, due_soon_days: int) -> str:
    """What a card, and the filter it opens, is called ("due_7" follows the officer's "due soon" days)."""
    if key == "due_7":
        return due_soon_caption(due_soon_days)
    return next(caption for card, caption, _ in CARDS if card == key)


class AttentionRow(NamedTuple):
    """One task in the "needs attention" list."""

    task_id: int
    headline: str  # why and when, and who leads: "Quá hạn 30/11/2024 · Chủ trì: Sở Tư pháp"
    content: str  # "5. Rà soát, đánh giá …"
    colour: str  # the row's edge: red for overdue, amber for due soon


class AttentionList(QWidget):
    """Overdue and due-soon tasks: why and when in bold, then the task wrapped to two lines at most (the full
    text in a tooltip), after a coloured edge. A click, or Enter on the current row, emits ``taskClicked``.

    Painted, like the bars: an item view (QListWidget, its delegate and style options) costs ~3 ms of start-up
    for a handful of rows. Keyboard focus is switched on by ``enable_keyboard`` once the window shows (a focus
    policy is a ``Qt`` enum: see the module's note)."""

    taskClicked = Signal(int)
    PAD = 6
    EDGE = 4
    TEXT_X = 1 + EDGE + 9
    CONTENT_LINES = 2  # one line when the content fits, else two (``_relayout`` counts on two)
    EMPTY = "Không có nhiệm vụ quá hạn hay đến hạn trong 7 ngày tới."

    def __init__(self, parent=None):
        super().__init__(parent)
        self.empty_text = self.EMPTY  # follows the officer's "due soon" days (``set_rows``)
        self.rows: list[AttentionRow] = []
        self._tops: list[int] = [1]  # each row's top, then the bottom of the last
        self._hover = -1
        self.current = -1
        self._bold: QFont | None = None
        self._wraps: dict[str, list[str]] = {}  # content -> its lines at ``_wrap_for`` (width, font)
        self._wrap_for: tuple[int, str] = (0, "")
        self._advances: dict[str, int] = {}  # content -> its width on one line, in the font ``_advances_for``
        self._advances_for = ""
        self._first_screen_only = False  # see ``measure_first_screen``
        self.setMouseTracking(True)
        self.setAccessibleName("Cần chú ý: quá hạn và sắp đến hạn")
        look(self, "#333")
        self._relayout()

    def set_rows(self, rows: list[AttentionRow], due_soon_days: int = 7) -> None:
        self.rows = list(rows)
        self.empty_text = f"Không có nhiệm vụ quá hạn hay {due_soon_caption(due_soon_days).lower()}."
        self._hover = -1
        self.current = min(self.current, len(self.rows) - 1)
        self._relayout()
        self.update()

    def _relayout(self) -> None:
        """Each row's height at the present width; the widget is as tall as its rows. A content that fits one line
        takes one, a longer one two (``wrapped`` fills the first and cuts the second): one measure per row. The
        lines themselves are broken when a row is first painted (``lines_of``): a 2,000-task plan lists hundreds
        of rows, and the layout goes through several widths while the window opens."""
        fm = self.fontMetrics()
        line = fm.lineSpacing() + 1  # a little air between the wrapped lines
        width = max(40, self.width() - self.TEXT_X - 8)
        font = self.font().key()
        if self._wrap_for != (width, font) or len(self._wraps) > 4096:
            self._wraps = {}
            self._wrap_for = (width, font)
        if self._advances_for != font or len(self._advances) > 4096:
            self._advances = {}
            self._advances_for = font
        self._tops = [1]
        laid_out: list[AttentionRow | None] = [*self.rows] or [None]  # an empty list lays out one blank row
        screen = self.window().height() if self._first_screen_only else None
        for row in laid_out:
            if screen is not None and self._tops[-1] > screen:  # below what the window can show: at most two lines
                fits = False
            else:
                fits = row is None or self._one_line_width(fm, row.content) <= width
            self._tops.append(self._tops[-1] + 2 * self.PAD + line * (1 + (1 if fits else self.CONTENT_LINES)) + 1)
        self.setFixedHeight(self._tops[-1] + 1)

    def measure_first_screen(self) -> None:
        """Until ``measure_all``, measure only the rows the window can show (its height from the list's top): the
        rows below take two lines each. A 2,000-task plan lists hundreds of rows, and measuring them all was
        ~3 ms of the window's start; the main window measures the rest just after its first paint, before the
        officer can scroll to them (docs/startup.md)."""
        self._first_screen_only = True

    def measure_all(self) -> None:
        """Every row's height measured (after ``measure_first_screen``): the list's height becomes exact."""
        if self._first_screen_only:
            self._first_screen_only = False
            self._relayout()
            self.update()

    def _one_line_width(self, fm: QFontMetrics, text: str) -> int:
        """The width ``text`` takes on one line (0 for a single word: ``wrapped`` never breaks one), measured once
        per font: the same texts come back at every width the window goes through."""
        width = self._advances.get(text)
        if width is None:
            words = text.split()
            width = self._advances[text] = fm.horizontalAdvance(" ".join(words)) if len(words) > 1 else 0
        return width

    def lines_of(self, i: int) -> list[str]:
        """Row ``i``'s content broken into lines at the present width (once per width: the same tasks come back
        at each period change)."""
        text = self.rows[i].content
        lines = self._wraps.get(text)
        if lines is None:
            lines = self._wraps[text] = wrapped(self.fontMetrics(), text, self._wrap_for[0], self.CONTENT_LINES)
        return lines

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # a new height alone (setFixedHeight) changes no row
            self._relayout()

    def row_at(self, y: float) -> int:
        for i in range(len(self.rows)):
            if self._tops[i] <= y < self._tops[i + 1]:
                return i
        return -1

    def enable_keyboard(self) -> None:
        """Tab reaches the list; Up and Down choose a row, Enter opens it."""
        from PySide6.QtCore import Qt

        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect())
        fill_rounded(painter, box, 4.5, "#d9dde3")  # a 1-pixel border, as the cards have
        fill_rounded(painter, box.adjusted(1, 1, -1, -1), 3.5, "white")
        fm = self.fontMetrics()
        line = fm.lineSpacing() + 1  # a little air between the wrapped lines
        x = self.TEXT_X
        width = max(40, self.width() - x - 8)
        if not self.rows:
            painter.drawText(QPointF(x, 1 + self.PAD + fm.ascent()), self.empty_text)
            return
        if self._bold is None:
            self._bold = QFont(self.font())
            self._bold.setWeight(QFont.Weight.DemiBold)
        bold_fm = QFontMetrics(self._bold)
        focused = self.hasFocus()
        shown = event.rect()  # the part of the list the scroll area shows: rows outside it are not drawn
        for i, row in enumerate(self.rows):
            top, bottom = self._tops[i], self._tops[i + 1]
            if bottom < shown.top() or top > shown.bottom():
                continue
            lines = self.lines_of(i)
            if i == self._hover or (focused and i == self.current):
                shade = "#dfe8f7" if focused and i == self.current else "#eef2f8"
                fill_rounded(painter, QRectF(1, top, self.width() - 2, bottom - top - 1), 3, shade)
            fill_rounded(painter, QRectF(4, top + self.PAD, self.EDGE, bottom - top - 2 * self.PAD - 1), 1.5, row.colour)
            painter.setFont(self._bold)
            painter.drawText(QPointF(x, top + self.PAD + bold_fm.ascent()), elided(bold_fm, row.headline, width))
            painter.setFont(self.font())
            for n, text in enumerate(lines, 1):
                painter.drawText(QPointF(x, top + self.PAD + n * line + fm.ascent()), text)
            if i < len(self.rows) - 1:
                rule = QPainterPath()
                rule.addRect(QRectF(x, bottom - 1, self.width() - x - 1, 1))
                painter.fillPath(rule, brush("#eceff3"))

    def enterEvent(self, event) -> None:  # noqa: N802
        pointing_hand(self)

    def leaveEvent(self, event) -> None:  # noqa: N802
        self._hover = -1
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        i = self.row_at(event.position().y())
        if i != self._hover:
            self._hover = i
            self.update()
        if i >= 0:
            from PySide6.QtWidgets import QToolTip

            row = self.rows[i]
            QToolTip.showText(event.globalPosition().toPoint(), f"{row.headline}\n{row.content}", self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        i = self.row_at(event.position().y())
        if i >= 0 and left_click(event):
            self.current = i
            self.taskClicked.emit(self.rows[i].task_id)

    def focusInEvent(self, event) -> None:  # noqa: N802
        if self.current < 0 and self.rows:
            self.current = 0
        self.update()

    def focusOutEvent(self, event) -> None:  # noqa: N802
        self.update()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        from PySide6.QtCore import Qt

        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.rows:
            step = 1 if key == Qt.Key.Key_Down else -1
            self.current = max(0, min(len(self.rows) - 1, self.current + step))
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and 0 <= self.current < len(self.rows):
            self.taskClicked.emit(self.rows[self.current].task_id)
        else:
            super().keyPressEvent(event)


def _section_title(text: str) -> QLabel:
    label = look(QLabel(text), "#1f2d3d", 11, bold=True)
    label.setContentsMargins(0, 6, 0, 0)
    return label


class Dashboard(QScrollArea):
    """Shows a ``DashboardData``. Signals: ``cardClicked(key)``, ``sectionClicked(code)``, ``leadClicked(lead)``,
    ``taskClicked(task_id)``."""

    cardClicked = Signal(str)
    sectionClicked = Signal(str)
    leadClicked = Signal(str)
    taskClicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = look(QWidget(), background="#f4f6f9")
        body.setObjectName("dashboardBody")
        self.setWidget(body)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(18, 12, 18, 16)
        outer.setSpacing(8)

        self.heading = look(QLabel(), "#1f2d3d", 14, bold=True)
        self.subheading = look(QLabel(), "#555")
        self.report_due = look(QLabel(), "#8a5a00", bold=True)  # the body's own next report and its day
        self.report_due.setObjectName("reportDue")
        outer.addWidget(self.heading)
        outer.addWidget(self.subheading)
        outer.addWidget(self.report_due)

        grid = QGridLayout()
        grid.setSpacing(10)
        self.cards: dict[str, StatCard] = {}
        for i, (key, title, colour) in enumerate(CARDS):
            card = StatCard(title, colour)
            card.clicked.connect(lambda k=key: self.cardClicked.emit(k))
            grid.addWidget(card, i // 4, i % 4)
            self.cards[key] = card
        outer.addLayout(grid)

        columns = QHBoxLayout()
        columns.setSpacing(18)
        self.attention = AttentionList()
        self.attention.setObjectName("attentionList")
        self.attention.taskClicked.connect(self.taskClicked)
        self.section_chart = BarChart()
        self.section_chart.barClicked.connect(self.sectionClicked)
        self.lead_chart = BarChart()
        self.lead_chart.barClicked.connect(self.leadClicked)
        for title, widget, stretch in (
            ("Cần chú ý: quá hạn và sắp đến hạn", self.attention, 4),
            ("Mức hoàn thành theo mục của kế hoạch", self.section_chart, 5),
            ("Theo cơ quan chủ trì", self.lead_chart, 5),
        ):
            column = QVBoxLayout()
            column.addWidget(_section_title(title))
            column.addWidget(widget)
            column.addStretch(1)
            columns.addLayout(column, stretch)
        outer.addLayout(columns, 1)
        note = QLabel(
            "Mức hoàn thành: số nhiệm vụ đã hoàn thành hoặc có kết quả trong kỳ trên số nhiệm vụ phải thực hiện "
            "trong kỳ (không tính nhiệm vụ không phát sinh, chưa xác định thời hạn hoặc đã rút). Bấm vào một số "
            "hay một thanh để xem các nhiệm vụ."
        )
        note.setWordWrap(True)
        look(note, "#666", 8.5)
        outer.addWidget(note)
        self.data: DashboardData | None = None

    def show_data(self, data: DashboardData, plan_title: str = "", section_codes: dict[str, str] | None = None,
                  report_due: str = "") -> None:
        """Show ``data``; ``section_codes`` (section code → as printed) number the tasks as the table does;
        ``report_due``: the next report of the body's own and its day (``reports.due``), "" for none."""
        self.data = data
        self.report_due.setText(report_due)
        self.report_due.setVisible(bool(report_due))
        self._section_codes = section_codes or {}
        period = data.period
        name = getattr(period, "name", "")
        self.heading.setText(f"Tổng quan {name[:1].lower() + name[1:]}".strip())
        window = ""
        if getattr(period, "window_start", None):
            window = f"Số liệu từ ngày {text_date(period.window_start)} đến ngày {text_date(period.window_end)} · "
        self.subheading.setText(
            f"{plan_title + ' · ' if plan_title else ''}{window}Hôm nay: {text_date(data.today)} · "
            f"{data.total} nhiệm vụ đang theo dõi"
        )
        caption = card_caption("due_7", data.due_soon_days)
        if self.cards["due_7"].caption.text() != caption:
            self.cards["due_7"].caption.setText(caption)
        for key, card in self.cards.items():
            tasks = data.task_list(key)
            card.set_value(data.counts.get(Status(key), 0) if tasks is None else len(tasks), "Bấm để xem các nhiệm vụ")
        rows: list[AttentionRow] = []
        seen: set[int] = set()
        for row, why in [(r, "Quá hạn") for r in data.overdue] + [(r, "Đến hạn") for r in data.due_7]:
            if row.task.id is not None and row.task.id not in seen:
                seen.add(row.task.id)
                rows.append(self._attention_row(row, why, data))
        self.attention.set_rows(rows, data.due_soon_days)
        self.section_chart.set_bars(data.by_section)
        self.lead_chart.set_bars(data.by_lead)

    def _attention_row(self, row: TaskRow, why: str, data: DashboardData) -> AttentionRow:
        assert row.task.id is not None  # rows of stored tasks
        upcoming = [d for d in row.open_dues if d >= data.today]
        when = row.due if why == "Quá hạn" else (min(upcoming) if upcoming else row.due)
        lead = " ".join(row.task.lead.split())
        headline = f"{why}{' ' + text_date(when) if when else ''}{' · Chủ trì: ' + lead if lead else ''}"
        content = f"{shown_stt(row.task, self._section_codes)}. {' '.join(row.task.content.split())}"  # "III.1."
        return AttentionRow(row.task.id, headline, content, "#a61b1b" if why == "Quá hạn" else "#d08a00")
