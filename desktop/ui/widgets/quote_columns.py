"""The watchlist's column widths: a number is never cut.

Each column is as wide as the widest text it can show — its header (with the sort arrow) and its figures,
measured in the table's font — and when the list is wider than that the spare room is shared out; when it is
narrower the columns keep their widths and the list scrolls sideways, as 同花顺's and 东方财富's 自选股 pages
do: 代码, 名称, 最新价, 涨跌幅 and 涨跌额 come first, so they are in view at the left. (Stretching every column
to the dock's width cut them all to "284…" at 1024 px, with no scroll bar.)

The widths follow the figures: the price column grows when a price needs another digit, the name column with
the longest name. Measuring is cheap — per update one pass over the rows for the largest magnitudes and the
longest names (a few text measurements, not one per cell) — and the header is laid out again only when a
width changes.
"""

from __future__ import annotations

from operator import attrgetter

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

from desktop.ui.models.quote_model import COLUMNS, QuoteModel

SPARK_WIDTH = 72               # the mini line needs little width: the figures keep theirs
CELL_ROOM = 10                 # beyond the text: Qt's item margins (2 × (focus margin + 1)) and some air
PRICES = ("price", "open", "high", "low", "prev_close")
# Figures whose width does not follow a magnitude: every format they can take (core.numbers.amount_text)
FIXED = {
    "turnover_pct": ("88.88%",),
    "news": ("888",),
    "time": ("88:88:88", "88-88 88:88"),   # another day's quote says its date (ui/market_day.py)
    "code": ("888888",),
}
AMOUNTS_ZH = ("888.88亿", "8888亿", "8888万", "88.88万亿")
AMOUNTS_EN = ("8888.88B", "888.8M", "888888")


class QuoteColumns(QObject):
    def __init__(self, table: QTableView, model: QuoteModel):
        """Built when the pane loads (after the first paint: the style's metrics and the viewport are Python
        objects made on first use, milliseconds the first paint must not pay)."""
        super().__init__(table)
        self.table, self.model = table, model
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)     # the widths are ours (they used to stretch)
        self._digits: tuple = ()
        self._need: dict[str, int] = {}
        self._names: tuple[int, frozenset[str]] = (0, frozenset())
        self._quoted = -1
        self._codes: list[str] = []
        self._width = 0
        model.modelReset.connect(self.refresh)
        model.dataChanged.connect(lambda *_: self.refresh())
        # the viewport's size is the room (the table's own Resize comes before its viewport's)
        table.viewport().installEventFilter(self)
        self._width = table.viewport().width()
        self.refresh(force=True)

    # -- what each column needs ---------------------------------------------------------------------------------
    def _digit_char(self, metrics: QFontMetrics) -> str:
        return max("0123456789", key=metrics.horizontalAdvance)

    def refresh(self, force: bool = False) -> None:
        """Measure again when the figures' magnitudes or the longest names changed; lay out if a width did.
        Per quote update: the largest magnitudes in C-speed passes (map/filter, ~1 ms at 5,000 rows); the
        names only when the codes or the set of quoted rows changed."""
        model = self.model
        quotes = list(map(_QUOTE, filter(None, model.rows)))
        # the day's high is the largest of price, open, high and low; 昨收 can be above it
        ints = (_digits(quotes, ("high", "prev_close", "price")), _digits(quotes, ("change",)),
                _digits(quotes, ("change_pct",)))
        quoted = len(quotes)
        if force or quoted != self._quoted or model.codes != self._codes:
            self._quoted, self._codes = quoted, list(model.codes)
            names = [(r.quote.name if r is not None and r.quote.name else None) or model.names.get(c, "")
                     for c, r in zip(model.codes, model.rows, strict=False)]
            longest = max(map(len, names), default=0)
            name_key = (longest, frozenset(n for n in names if len(n) >= longest - 1))
        else:
            name_key = self._names
        if not force and ints == self._digits and name_key == self._names:
            return
        self._digits, self._names = ints, name_key
        self._need = self._measure(ints, name_key[1])
        self.fit()

    def _measure(self, ints: tuple[int, int, int], names: frozenset[str]) -> dict[str, int]:
        table = self.table
        plain = QFontMetrics(table.font())
        italic_font = QFont(table.font())
        italic_font.setItalic(True)                # a stale quote's figures are italic
        italic = QFontMetrics(italic_font)
        d = self._digit_char(plain)
        price_i, change_i, pct_i = (max(1, n) for n in ints)
        texts = {
            "price": (d * max(price_i, 3) + "." + d * 2, "—"),
            "change_pct": ("+" + d * max(pct_i, 2) + "." + d * 2 + "%", "-" + d * max(pct_i, 2) + "." + d * 2 + "%"),
            "change": ("+" + d * max(change_i, 2) + "." + d * 2, "-" + d * max(change_i, 2) + "." + d * 2),
            "name": tuple(names) + ("宁德时代",),
        }
        for key in PRICES[1:]:
            texts[key] = texts["price"]
        amounts = AMOUNTS_ZH if self.model._chinese else AMOUNTS_EN
        texts["amount"] = texts["total_cap"] = amounts
        texts["volume"] = tuple(t + "手" for t in amounts) if self.model._chinese else amounts
        for key, sample in FIXED.items():
            texts[key] = tuple(s.replace("8", d) for s in sample)
        header = table.horizontalHeader()
        heads = header.fontMetrics()
        style = header.style()
        # the header's text, its margins and the sort arrow Fusion draws beside it
        head_room = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header) + \
            style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + 6
        need = {}
        for col, key in enumerate(COLUMNS):
            head = heads.horizontalAdvance(self.model.headers[col]) + head_room
            if key == "spark":
                need[key] = max(SPARK_WIDTH, head)
                continue
            cells = max((max(plain.horizontalAdvance(t), italic.horizontalAdvance(t)) for t in texts.get(key, ())),
                        default=0)
            need[key] = max(head, cells + CELL_ROOM)
        return need

    # -- laying them out ----------------------------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.fit(event.size().width())
        return False

    def fit(self, room: int | None = None) -> None:
        """Every shown column at its need; the spare room of a wide list shared out among the figures (the
        mini line keeps its width); a narrow one scrolls. `room`: the viewport's width."""
        table, need = self.table, self._need
        if room is not None:
            self._width = room
        if not need or not self._width:
            return
        shown = [(col, key) for col, key in enumerate(COLUMNS) if not table.isColumnHidden(col)]
        growing = [(col, key) for col, key in shown if key != "spark"]
        spare = max(0, self._width - sum(need[key] for _c, key in shown))
        weight = sum(need[key] for _c, key in growing) or 1
        extra = {col: spare * need[key] // weight for col, key in growing}
        if growing:                                  # rounding: the last figure takes the rest
            extra[growing[-1][0]] += spare - sum(extra.values())
        for col, key in shown:
            width = need[key] + extra.get(col, 0)
            if table.columnWidth(col) != width:
                table.setColumnWidth(col, width)

    def needs(self) -> dict[str, int]:
        """Each column's narrowest whole width (px), by key."""
        return dict(self._need)


_QUOTE = attrgetter("quote")


def _digits(quotes: list, fields: tuple[str, ...]) -> int:
    """Digits before the point of the largest magnitude among `fields` of `quotes` (1 for none)."""
    top = 0.0
    for name in fields:
        top = max(top, max(map(abs, filter(None, map(attrgetter(name), quotes))), default=0.0))
    return len(str(int(top))) if top else 1

