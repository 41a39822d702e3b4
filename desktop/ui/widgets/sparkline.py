"""The watchlist's 分时走势 column: SparkDelegate paints a stock's session as a mini line; SparkFeed keeps the
model's lines current.

SparkFeed: every quote reload adds the quotes' prices as points (core/sparklines.Ticks), and a task reads the
stored 1-minute sessions; codes whose session is missing or behind are asked of the market worker (at most once
every ten minutes a code, at the lowest priority: quotes and history come first).

SparkDelegate: x is the minute slot (the whole 09:30–15:00 session across the cell), y is symmetric around the
previous close (a dashed midline), coloured by the last price against it (red up / green down, or as set);
stale quotes grey. One polyline a cell, no Python per point beyond building it.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QStyle

from desktop.core.intraday import SLOTS
from desktop.core.sparklines import Spark, Ticks, day_of, merge, stale_sessions
from desktop.ui.models.quote_model import SPARK_ROLE
from desktop.ui.widgets.row_delegate import RowDelegate

ASK_EVERY_S = 600
PAD = 3


class SparkFeed:
    def __init__(self, market, requests, tasks, model):
        self.market, self.requests, self.tasks, self.model = market, requests, tasks, model
        self.ticks = Ticks()
        self._asked: dict[str, float] = {}

    def update(self, codes: list[str], rows: list) -> None:
        """After a quote reload: `rows` are the QuoteRows shown."""
        quotes = {}
        for qr in rows:
            q = qr.quote
            quotes[q.code] = q
            if not qr.stale:
                self.ticks.add(q.code, q.time, q.price)
        market = self.market

        def done(stored, error) -> None:
            if error is not None:
                return
            sparks: dict[str, Spark] = {}
            for code in codes:
                day, prev, bars = stored.get(code, (0, None, []))
                spark = merge(day, prev, bars, self.ticks.of(code))
                q = quotes.get(code)
                if spark is not None and q is not None and q.prev_close and day_of(q.time) == spark.day:
                    spark = Spark(spark.day, q.prev_close, spark.points)      # the exchange's 昨收
                if spark is not None:
                    sparks[code] = spark
            self.model.set_sparks(sparks)
            self._ask(stored, quotes)

        self.tasks.run("sparks", lambda _t: market.session_closes(codes), done)

    def _ask(self, stored: dict, quotes: dict) -> None:
        if self.requests is None:
            return
        have = {c: (day, bars[-1][0]) for c, (day, _p, bars) in stored.items() if bars}
        due = stale_sessions(have, {c: q.time for c, q in quotes.items()})
        clock = time.monotonic()
        for code in due:
            if clock - self._asked.get(code, -ASK_EVERY_S) >= ASK_EVERY_S:
                self._asked[code] = clock
                self.requests.intraday(code)


class SparkDelegate(RowDelegate):          # no focus frame on the current cell, as the other columns
    def __init__(self, colors, parent=None):
        super().__init__(parent)
        self.colors = colors              # callable → PriceColors (up, down, for_change)

    def paint(self, painter: QPainter, option, index) -> None:
        super().paint(painter, option, index)             # background, selection
        spark = index.data(SPARK_ROLE)
        if spark is None or not spark.points:
            return
        r = option.rect.adjusted(PAD, PAD, -PAD, -PAD)
        if r.width() < 8 or r.height() < 6:
            return
        base = spark.prev_close or spark.points[0][1]
        far = max(abs(p - base) for _s, p in spark.points) or base * 0.01 or 1.0
        x0, w, mid, half = r.left(), r.width(), r.center().y(), r.height() / 2

        def y(price: float) -> float:
            return mid - (price - base) / far * half

        line = QPolygonF([QPointF(x0 + s / (SLOTS - 1) * w, y(p)) for s, p in spark.points])
        stale = index.data(Qt.ItemDataRole.FontRole) is not None       # the model marks a stale row in italics
        c = self.colors()
        if option.state & QStyle.StateFlag.State_Selected:          # red or green on the selection colour is unreadable
            color = option.palette.highlightedText().color()
        else:
            color = QColor("#9aa3ad") if stale else QColor(c.for_change(spark.last - base))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(QColor("#9aa3ad"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x0, mid), QPointF(x0 + w, mid))
        painter.setPen(QPen(color, 1.2))
        painter.drawPolyline(line)
        painter.restore()
