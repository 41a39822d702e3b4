"""The market at a glance, always in view: the six indices (value, change %, coloured by the red/green setting)
and the whole market's breadth — 涨 N 跌 M 平 F · 涨停 X 跌停 Y · 成交 Z亿 — in a toolbar row of its own.

The indices come with the watchlist's quote poll (stored under their keys, core/indices.py); breadth is
counted from the stored whole-market snapshot (core/breadth.py). Both are read on a task after quotes are
committed (a snapshot page is 100 rows: one read for a burst of pages), never on the GUI thread. A click on an
index (or `strip.click(key)`) selects its key on the bus and brings its chart up (日K / 分时, chart_pane).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QSizePolicy, QToolBar, QWidget

from desktop.core.indices import INDEX_KEYS, INDICES
from desktop.core.numbers import amount_text, amount_yi
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.plain import plain_tip
from desktop.ui.qt_props import props
from desktop.ui.style import colors, price_colors

NAME = "indexStrip"
# what a narrow window drops first: the smaller indices, then breadth, then the big three (上证指数 stays longest)
if TYPE_CHECKING:       # breadth → market_checks → market_hours (zoneinfo): ~10-20 ms, after the first paint
    from desktop.core.breadth import Breadth

DROP_ORDER = ("index_bj899050", "index_sh000688", "index_sh000300", "marketBreadth", "index_sz399006",
              "index_sz399001", "index_sh000001")
RELOAD_MS = 400
# the indices' names, for lupdate (the strip shows them through QCoreApplication.translate)
_NAMES = (QT_TRANSLATE_NOOP("IndexStrip", "上证指数"), QT_TRANSLATE_NOOP("IndexStrip", "深证成指"),
          QT_TRANSLATE_NOOP("IndexStrip", "创业板指"), QT_TRANSLATE_NOOP("IndexStrip", "科创50"),
          QT_TRANSLATE_NOOP("IndexStrip", "沪深300"), QT_TRANSLATE_NOOP("IndexStrip", "北证50"))


def index_name(key: str) -> str:
    names = {i.key: i.name for i in INDICES}
    return QCoreApplication.translate("IndexStrip", names.get(key, key))


class IndexStrip(QWidget):
    def __init__(self, ctx: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(NAME)
        self.ctx = ctx
        self.tasks = ctx.tasks.scope(NAME)
        self.rows: dict[str, Any] = {}            # index key → QuoteRow (core/market.py)
        self.breadth: Breadth | None = None
        self.pace: Any = None                     # core/amount_pace.AmountPace: 成交额 against the previous session
        self.sparks: Any = None                   # ui/widgets/index_sparks.IndexSparks, built with the first data
        self._stored: dict = {}                   # key → the stored 分时 session (MarketView.session_closes)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(14)
        self.labels: dict[str, QLabel] = {}
        for key in INDEX_KEYS:
            label = props(QLabel(self, textFormat=Qt.TextFormat.PlainText), objectName=f"index_{key}")
            label.setCursor(Qt.CursorShape.PointingHandCursor)
            label.setProperty("indexKey", key)
            label.installEventFilter(self)
            self.labels[key] = label
            layout.addWidget(label)
        self.breadth_label = props(QLabel(self, textFormat=Qt.TextFormat.PlainText), objectName="marketBreadth")
        layout.addWidget(self.breadth_label)
        layout.addStretch(1)
        # A toolbar's widget sets the window's least width: the strip must never widen the window (at 1024 px
        # the whole strip would be ~1,300 px in English). It shows what fits, dropping in DROP_ORDER.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._reload = props(QTimer(self, singleShot=True, interval=RELOAD_MS), timeout=self.reload)
        ctx.bus.data_committed.connect(self._on_committed)
        ctx.bus.market_ready.connect(self._reload.start)     # a bound method: dropped with the widget
        ctx.settings.subscribe(self.apply_settings)
        self.render()

    # -- data ------------------------------------------------------------------------------------------
    def _on_committed(self, changes: Any) -> None:
        if changes.quotes:
            self._reload.start()

    def reload(self) -> None:
        market = self.ctx.market

        def work(_task: Any) -> tuple[list, Breadth | None, Any, Any]:
            from desktop.services.market_glance import breadth_and_pace, index_rows

            conn = market.conn()
            return (index_rows(conn, now=int(market.now()), stale_before=market.stale_before()),
                    *breadth_and_pace(conn), market.session_closes(list(INDEX_KEYS)))

        def done(result: Any, error: Any) -> None:
            if error is not None:       # no database yet (a first start): the next commit reloads
                return
            rows, self.breadth, self.pace, self._stored = result
            self.rows = {r.quote.code: r for r in rows}
            self.render()

        self.tasks.run("glance", work, done)

    def apply_settings(self, keys: frozenset[str]) -> None:
        if "ui.colors" in keys or "ui.theme" in keys:
            self.render()

    # -- clicking ----------------------------------------------------------------------------------------------
    def click(self, key: str) -> None:
        """What a click on an index does: its key selected everywhere, its chart brought to the front."""
        self.ctx.bus.show_chart(key, NAME)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        mouse = cast(QMouseEvent, event)        # read only once its type says it is one
        if event.type() == QEvent.Type.MouseButtonRelease and mouse.button() == Qt.MouseButton.LeftButton \
                and obj.property("indexKey") and cast(QWidget, obj).rect().contains(mouse.position().toPoint()):
            self.click(obj.property("indexKey"))
            return True
        return super().eventFilter(obj, event)

    # -- fitting -----------------------------------------------------------------------------------------
    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, super().minimumSizeHint().height())

    def shown(self) -> list[str]:
        """The objectNames of the parts shown (the rest did not fit the window's width)."""
        return [w.objectName() for w in (*self.labels.values(), self.breadth_label) if not w.isHidden()]

    def fit(self) -> None:
        """Show every part that fits the strip's width; drop the rest in DROP_ORDER (北证50 first, 上证指数 last)."""
        parts = {f"index_{k}": w for k, w in self.labels.items()} | {"marketBreadth": self.breadth_label}
        layout = self.layout()
        assert layout is not None                      # made with the strip
        margins = layout.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        spacing = layout.spacing()
        need = {name: w.sizeHint().width() for name, w in parts.items()}
        shown = set(parts)
        while shown and sum(need[n] for n in shown) + spacing * (len(shown) - 1) > room:
            shown.discard(next(n for n in DROP_ORDER if n in shown))
        changed = False
        for name, w in parts.items():
            if w.isHidden() != (name not in shown):
                w.setHidden(name not in shown)
                changed = True
        if changed:
            layout.activate()           # now, not at the next event loop turn: no frame with squeezed labels

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit()

    # -- showing -----------------------------------------------------------------------------------------
    # not QWidget.render (painting into a device), which this strip never uses: its own redraw
    def render(self) -> None:  # type: ignore[override]
        s = self.ctx.settings
        pc = price_colors(s["ui.colors"], s["ui.theme"])
        muted = colors(s["ui.theme"])["muted"]
        for key, label in self.labels.items():
            row = self.rows.get(key)
            q = row.quote if row is not None else None
            if row is None or q is None or q.price is None:
                label.setText(f"{index_name(key)} —")
                label.setStyleSheet(f"color: {muted}")
                label.setToolTip(plain_tip(self.tr("{0}：还没有行情").format(index_name(key))))
                continue
            pct = "—" if q.change_pct is None else f"{q.change_pct:+.2f}%"
            label.setText(f"{index_name(key)} {q.price:.2f} {pct}")
            label.setStyleSheet(f"color: {muted if row.stale else pc.for_change(q.change_pct)}")
            label.setToolTip(plain_tip(self._tip(key, row)))
        if self.rows or self._stored:             # after the first paint: the sparks' imports are paid then
            from desktop.ui.widgets.index_sparks import IndexSparks

            if self.sparks is None:
                self.sparks = IndexSparks(self.labels, getattr(self.ctx, "requests", None))
            self.sparks.update(self._stored, self.rows, pc.for_change)
        self.breadth_label.setStyleSheet(f"color: {muted}" if self.breadth is None else "")
        self.breadth_label.setText(self.breadth_text())
        tip = self.tr("全市场涨跌家数、涨停跌停家数（按各板块涨跌停价计）和成交额，统计自最近一次全市场行情")
        if self.pace is not None:
            p = self.pace
            tip += "\n" + self.tr("上证指数、深证成指分时成交额合计截至 {0}：{1}，上一交易日（{2}）同时 {3}，{4}").format(
                p.minute, amount_text(p.today), p.previous_day, amount_text(p.previous), f"{p.change_pct:+.1f}%")
        self.breadth_label.setToolTip(plain_tip(tip))
        self.fit()                      # the texts' widths changed

    def _tip(self, key: str, row: Any) -> str:
        q = row.quote

        def num(v: float | None, fmt: str) -> str:
            return "—" if v is None else format(v, fmt)

        from desktop.core.market_hours import SHANGHAI

        when = datetime.fromtimestamp(q.time, SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")
        lines = [f"{index_name(key)} {q.code[2:]}", self.tr("最新 {0}").format(num(q.price, ".2f")),
                 self.tr("涨跌 {0}（{1}）").format(num(q.change, "+.2f"), num(q.change_pct, "+.2f") + "%"),
                 self.tr("昨收 {0}").format(num(q.prev_close, ".2f")), self.tr("时间 {0}").format(when)]
        if row.stale:
            lines.append(self.tr("行情已过时"))
        return "\n".join(lines)

    def breadth_text(self) -> str:
        b = self.breadth
        if b is None:
            return self.tr("涨跌家数：等待全市场行情")
        english = self.tr("成交") != "成交"
        amount = amount_text(b.amount, chinese=False) if english else amount_yi(b.amount)
        text = self.tr("涨 {0} 跌 {1} 平 {2} · 涨停 {3} 跌停 {4} · 成交 {5}").format(
            b.up, b.down, b.flat, b.limit_up, b.limit_down, amount)
        if self.pace is not None:        # only when the stored minute bars hold both sessions: never a guess
            text += self.tr("（较上日同时 {0}）").format(f"{self.pace.change_pct:+.1f}%")
        return text


def install_index_strip(window: QMainWindow, ctx: Any) -> IndexStrip:
    """The strip in a toolbar row of its own under the window's banners: not movable, not closable (always in
    view). Returns the strip."""
    strip = IndexStrip(ctx, window)
    bar = props(QToolBar(QCoreApplication.translate("IndexStrip", "指数"), window, movable=False), objectName="indexBar")
    bar.addWidget(strip)
    bar.toggleViewAction().setVisible(False)
    window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return strip
