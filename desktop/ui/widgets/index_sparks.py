"""The index strip's 分时 sparklines (issue 26): each index label gets a tiny line of its session, drawn inside the
label's left margin (so the strip's fitting — index_strip.DROP_ORDER — measures and hides label and line as one,
and the strip never widens the window).

Points come as the watchlist's do (ui/widgets/sparkline.py, core/sparklines.py): the stored 1-minute bars of the
index's latest session merged with the quotes seen since; a session missing or behind is asked of the market
worker at most once every ten minutes an index. Imported only after the first paint (core/sparklines needs the
market hours' zoneinfo): the strip builds its sparks when its first data arrives.
"""

from __future__ import annotations

import time
from typing import Any, cast

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QLabel, QWidget

from desktop.core.intraday import SLOTS
from desktop.core.sparklines import Spark, Ticks, day_of, merge, stale_sessions

WIDTH = 36          # px: the line's width inside the label's left margin
GAP = 4
ASK_EVERY_S = 600
MUTED = "#9aa3ad"


class IndexSpark(QWidget):
    """A label's sparkline, a child placed in its left margin (objectName `spark_<key>`)."""

    def __init__(self, label: QLabel, key: str):
        super().__init__(label)
        self.setObjectName(f"spark_{key}")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)     # a click goes to the label (its chart)
        self.spark: Spark | None = None
        self.color = MUTED
        label.installEventFilter(self)
        self._place(label)

    def _place(self, label: QLabel) -> None:
        self.setGeometry(0, 2, WIDTH, max(6, label.height() - 4))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self._place(cast(QLabel, obj))       # it filters its label's events only
        return False

    def set_spark(self, spark: Spark | None, color: str) -> None:
        self.spark, self.color = spark, color
        self.update()

    def paintEvent(self, _event: Any) -> None:  # noqa: N802
        spark = self.spark
        if spark is None or not spark.points:
            return
        r = self.rect()
        base = spark.prev_close or spark.points[0][1]
        far = max(abs(p - base) for _s, p in spark.points) or base * 0.01 or 1.0
        mid, half, w = r.center().y(), r.height() / 2, r.width()
        line = QPolygonF([QPointF(s / (SLOTS - 1) * w, mid - (p - base) / far * half) for s, p in spark.points])
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(QColor(MUTED), 1, Qt.PenStyle.DotLine))
        painter.drawLine(QPointF(0, mid), QPointF(w, mid))
        painter.setPen(QPen(QColor(self.color), 1.2))
        painter.drawPolyline(line)
        painter.end()


class IndexSparks:
    """Keeps the strip's sparklines: `update(stored, rows)` after each reload."""

    def __init__(self, labels: dict[str, QLabel], requests: Any):
        self.labels, self.requests = labels, requests
        self.widgets: dict[str, IndexSpark] = {}
        self.ticks = Ticks()
        self._asked: dict[str, float] = {}

    def update(self, stored: dict[str, tuple[int, float | None, list]], rows: dict[str, Any], color: Any) -> None:
        """`stored`: MarketView.session_closes(INDEX_KEYS); `rows`: key → QuoteRow; `color(change)` → colour."""
        quotes = {}
        for key, row in rows.items():
            quotes[key] = row.quote
            if not row.stale:
                self.ticks.add(key, row.quote.time, row.quote.price)
        for key, label in self.labels.items():
            day, prev, bars = stored.get(key, (0, None, []))
            spark = merge(day, prev, bars, self.ticks.of(key))
            q = quotes.get(key)
            if spark is not None and q is not None and q.prev_close and day_of(q.time) == spark.day:
                spark = Spark(spark.day, q.prev_close, spark.points)          # the exchange's 昨收
            if spark is None or len(spark.points) < 2:
                continue
            widget = self.widgets.get(key)
            if widget is None:
                widget = self.widgets[key] = IndexSpark(label, key)
                label.setContentsMargins(WIDTH + GAP, 0, 0, 0)     # the label's size hint now holds the line
                widget.show()
            stale = key in rows and rows[key].stale
            assert spark.last is not None               # two points at least
            widget.set_spark(spark, MUTED if stale else color(spark.last - (spark.prev_close or spark.points[0][1])))
        self._ask(stored, quotes)

    def _ask(self, stored: dict, quotes: dict) -> None:
        if self.requests is None:
            return
        have = {k: (day, bars[-1][0]) for k, (day, _p, bars) in stored.items() if bars}
        clock = time.monotonic()
        for key in stale_sessions(have, {k: q.time for k, q in quotes.items()}):
            if clock - self._asked.get(key, -ASK_EVERY_S) >= ASK_EVERY_S:
                self._asked[key] = clock
                self.requests.intraday(key)
