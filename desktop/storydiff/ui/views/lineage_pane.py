"""The lineage pane: a small tree of which version derives from which, and the spin
figures of the version selected (its verdict, source, evidence, substituted words, quotes).

The tree is painted by ``LineageGraph`` from ``presentation.lineage_layout.lineage_tree``;
clicking a version there asks the window to select it (``version_clicked``).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from storydiff.core.model import Comparison
from storydiff.presentation.accessible_text import lineage_description
from storydiff.presentation.lineage_layout import LineageNode, lineage_tree, spin_summary
from storydiff.ui.accessibility import paint_focus_frame
from storydiff.ui.models.spin_pairs_model import SpinPairsModel
from storydiff.ui.palette import comparison_colour, paint_selection_tint

_INDENT = 16
_CHIP = 10
_PAD = 4


class LineageGraph(QWidget):
    """One line per version, indented under its source, joined by elbow lines."""

    version_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self._nodes: tuple[LineageNode, ...] = ()
        self._selected: str | None = None
        # Up / Down / Home / End move between versions as a click does; the versions panel
        # follows (and its selection comes back here through ``set_selected``).
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Lineage of the versions")

    def set_comparison(self, comparison: Comparison | None) -> None:
        self._comparison = comparison
        self._nodes = lineage_tree(comparison) if comparison is not None else ()
        self.updateGeometry()
        self.update()

    def set_selected(self, version_id: str | None) -> None:
        self._selected = version_id
        self.update()

    def nodes(self) -> tuple[LineageNode, ...]:
        return self._nodes

    def line_height(self) -> int:
        return QFontMetrics(self.font()).height() + 4

    def node_rect(self, node: LineageNode) -> QRect:
        """The line of ``node``: from its chip to the right edge."""
        top = node.line * self.line_height()
        return QRect(_PAD + node.depth * _INDENT, top, self.width() - node.depth * _INDENT - _PAD, self.line_height())

    def sizeHint(self) -> QSize:
        deepest = max((node.depth for node in self._nodes), default=0)
        return QSize(_PAD * 2 + deepest * _INDENT + 200, len(self._nodes) * self.line_height() + _PAD)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.sizeHint().height())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        line = int(event.position().y() // self.line_height())
        if 0 <= line < len(self._nodes):
            self.version_clicked.emit(self._nodes[line].version)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        line = self._line_after_key(event.key())
        if line is None:
            super().keyPressEvent(event)
            return
        self.version_clicked.emit(self._nodes[line].version)

    def _line_after_key(self, key: int) -> int | None:
        """The line Up, Down, Home or End leads to from the selected version; None for other keys."""
        if not self._nodes:
            return None
        lines = [node.version for node in self._nodes]
        current = lines.index(self._selected) if self._selected in lines else None
        last = len(lines) - 1
        moves = {Qt.Key.Key_Home: 0, Qt.Key.Key_End: last,
                 Qt.Key.Key_Up: 0 if current is None else max(0, current - 1),
                 Qt.Key.Key_Down: 0 if current is None else min(last, current + 1)}
        return moves.get(Qt.Key(key))

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, _event) -> None:
        if self._comparison is None:
            return
        painter = QPainter(self)
        palette = self.palette()
        lines = QPen(palette.color(QPalette.ColorRole.Mid), 1)
        by_id = {node.version: node for node in self._nodes}
        for node in self._nodes:
            rect = self.node_rect(node)
            if node.version == self._selected:
                # The cells' tint: text on it is measured at 4.5:1 in both themes (a lightened
                # highlight was 3.0:1 under the dark theme's light text).
                paint_selection_tint(painter, QRect(0, rect.top(), self.width(), rect.height()), palette)
            if node.parent is not None:
                parent = self.node_rect(by_id[node.parent])
                x = parent.left() + _CHIP // 2
                painter.setPen(lines)
                painter.drawLine(x, parent.center().y() + _CHIP // 2, x, rect.center().y())
                painter.drawLine(x, rect.center().y(), rect.left(), rect.center().y())
            self._paint_node(painter, node, rect)
            if node.version == self._selected and self.hasFocus():
                paint_focus_frame(painter, QRect(0, rect.top(), self.width(), rect.height()), palette)

    def _paint_node(self, painter: QPainter, node: LineageNode, rect: QRect) -> None:
        assert self._comparison is not None
        version = self._comparison.version(node.version)
        stats = self._comparison.stats.get(node.version)
        painter.fillRect(QRect(rect.left(), rect.center().y() - _CHIP // 2, _CHIP, _CHIP),
                         comparison_colour(self._comparison, node.version))
        is_reference = node.version == self._comparison.reference
        verdict = "reference" if is_reference else (stats.verdict if stats is not None else "")
        font = QFont(self.font())
        font.setBold(is_reference)
        painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        text = f"{version.label}  ({verdict})" if verdict else version.label
        room = rect.adjusted(_CHIP + _PAD, 0, 0, 0)
        painter.drawText(room, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideMiddle, room.width()))


class LineagePane(QWidget):
    """The lineage tree above the spin figures of the selected version."""

    version_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self.graph = LineageGraph(self)
        self.headline = QLabel(self, wordWrap=True)
        self.figures = QLabel(self, wordWrap=True)
        self.evidence = QLabel(self, wordWrap=True)
        self.evidence.setTextFormat(Qt.TextFormat.PlainText)
        self.pairs_model = SpinPairsModel(self)
        self.pairs = QTableView(self)
        self.pairs.setModel(self.pairs_model)
        self.pairs.verticalHeader().hide()
        self.pairs.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.pairs.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.pairs.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self._lay_out()
        self.graph.version_clicked.connect(self.version_clicked)
        self.show_version(None)

    def set_comparison(self, comparison: Comparison | None) -> None:
        self._comparison = comparison
        self.graph.set_comparison(comparison)
        # The tree is painted: a screen reader hears it from the focusable area around it.
        tree = lineage_description(comparison, self.graph.nodes()) if comparison is not None else "No versions."
        self.graph_area.setAccessibleDescription(tree)

    def show_version(self, version_id: str | None) -> None:
        """Show the spin figures of ``version_id`` (None or unknown: a hint)."""
        self.graph.set_selected(version_id)
        comparison = self._comparison
        summary = spin_summary(comparison, version_id) if comparison is not None and version_id else None
        if summary is None:
            self.headline.setText("Select a version to see what it is and where it comes from.")
            self.figures.clear()
            self.evidence.clear()
            self.pairs_model.set_pairs(())
            return
        label = comparison.version(version_id).label
        if version_id == comparison.reference:
            headline = "the reference"
        else:
            headline = summary.headline(lambda vid: comparison.version(vid).label)
        self.headline.setText(f"<b>{html.escape(label, quote=False)}</b>: {html.escape(headline, quote=False)}")
        self.figures.setText(summary.figures())
        self.evidence.setText("\n".join(f"• {line}" for line in summary.evidence))
        self.pairs_model.set_pairs(summary.pairs)

    def _lay_out(self) -> None:
        scroll = self.graph_area = QScrollArea(self)
        scroll.setWidget(self.graph)
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName("Lineage tree")
        # The figures scroll as one page when the pane is short: labels never overlap.
        spin = QWidget(self)
        column = QVBoxLayout(spin)
        column.setContentsMargins(_PAD, _PAD, _PAD, 0)
        for widget in (self.headline, self.figures, self.evidence):
            column.addWidget(widget)
        self.pairs.setMinimumHeight(6 * self.fontMetrics().height())
        column.addWidget(self.pairs, 1)
        spin_scroll = QScrollArea(self)
        spin_scroll.setWidget(spin)
        spin_scroll.setWidgetResizable(True)
        spin_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        spin_scroll.setAccessibleName("Spin figures of the selected version")
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(scroll)
        splitter.addWidget(spin_scroll)
        splitter.setSizes([200, 220])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        title = QLabel("<b>Lineage and spin</b>", self)
        title.setContentsMargins(_PAD, _PAD, 0, 0)
        outer.addWidget(title)
        outer.addWidget(splitter, 1)
