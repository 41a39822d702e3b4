"""The watchlist's columns as one table (vn.py's `headers` idea): for each column its key, its label, how a
quote becomes its text, its colour rule, the number it sorts by, and whether it starts hidden.

QuoteModel reads this table and nothing else about its columns; every 万/亿 figure goes through core/numbers, as
everywhere else in the window and the CLI.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.numbers import amount_text, volume_lots_text
from desktop.ui.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from desktop.core.market import Quote

# Colour rules: by the quote's % change; by the cell's value against 昨收 (open, high and low, as every terminal
# colours them); none.
CHANGE, VS_PREV_CLOSE, NONE = "change", "vs_prev_close", ""


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str                                        # the Chinese source text (QT_TRANSLATE_NOOP "QuoteModel")
    text: Callable[[Quote, bool], str] | None         # (quote, chinese) → the cell; None: the model's own cell
    colour: str = NONE                                # CHANGE, VS_PREV_CLOSE or NONE
    stale_grey: bool = False                          # greyed while the quote is stale or frozen
    sort: str = ""                                    # "code", "name", "news" or the Quote field it sorts by
    right: bool = True                                # figures align right; code and name left
    hidden: bool = False                              # hidden until the user shows it (persisted by the pane)
    tip: str = ""                                     # the header's tooltip (QT_TRANSLATE_NOOP "QuoteModel")


def _num(v: float | None, digits: int = 2, suffix: str = "", signed: bool = False) -> str:
    if v is None:
        return "—"
    return f"{v:+.{digits}f}{suffix}" if signed else f"{v:.{digits}f}{suffix}"


def _price(field: str) -> Callable[[Quote, bool], str]:
    return lambda q, _zh: _num(getattr(q, field))


def _amount(field: str) -> Callable[[Quote, bool], str]:
    return lambda q, zh: amount_text(getattr(q, field), "", zh)


def _time(q: Quote, _zh: bool) -> str:
    """With its day when not today's (the demo's 11-20, Friday's close on Monday)."""
    from desktop.ui.market_day import time_text  # zoneinfo: not before the first paint

    return time_text(q.time) if q.time else "—"


# The columns of a trading terminal's 自选股 page, in its order.
QUOTE_COLUMNS: tuple[Column, ...] = (
    Column("code", QT_TRANSLATE_NOOP("QuoteModel", "代码"), None, sort="code", right=False),
    Column("name", QT_TRANSLATE_NOOP("QuoteModel", "名称"), None, sort="name", right=False),
    Column("price", QT_TRANSLATE_NOOP("QuoteModel", "最新价"), _price("price"), CHANGE, True, "price"),
    Column("change_pct", QT_TRANSLATE_NOOP("QuoteModel", "涨跌幅"), lambda q, _zh: _num(q.change_pct, 2, "%", signed=True),
           CHANGE, True, "change_pct"),
    Column("change", QT_TRANSLATE_NOOP("QuoteModel", "涨跌额"), lambda q, _zh: _num(q.change, 2, signed=True), CHANGE, True,
           "change"),
    Column("open", QT_TRANSLATE_NOOP("QuoteModel", "今开"), _price("open"), VS_PREV_CLOSE, True, "open", hidden=True),
    Column("high", QT_TRANSLATE_NOOP("QuoteModel", "最高"), _price("high"), VS_PREV_CLOSE, True, "high", hidden=True),
    Column("low", QT_TRANSLATE_NOOP("QuoteModel", "最低"), _price("low"), VS_PREV_CLOSE, True, "low", hidden=True),
    Column("prev_close", QT_TRANSLATE_NOOP("QuoteModel", "昨收"), _price("prev_close"), sort="prev_close", hidden=True),
    Column("volume", QT_TRANSLATE_NOOP("QuoteModel", "成交量"), lambda q, zh: volume_lots_text(q.volume, zh), sort="volume",
           hidden=True),
    Column("amount", QT_TRANSLATE_NOOP("QuoteModel", "成交额"), _amount("amount"), sort="amount"),
    Column("turnover_pct", QT_TRANSLATE_NOOP("QuoteModel", "换手率"), lambda q, _zh: _num(q.turnover_pct, 2, "%"),
           sort="turnover_pct", hidden=True),
    Column("total_cap", QT_TRANSLATE_NOOP("QuoteModel", "总市值"), _amount("total_cap"), sort="total_cap"),
    Column("news", QT_TRANSLATE_NOOP("QuoteModel", "今日资讯"), None, sort="news"),
    # every time in the window is Beijing time: the quote's own (market) time
    Column("time", QT_TRANSLATE_NOOP("QuoteModel", "时间"), _time, stale_grey=True, sort="time",
           tip=QT_TRANSLATE_NOOP("QuoteModel", "北京时间（UTC+8），与交易所的时间一致")),
    Column("spark", QT_TRANSLATE_NOOP("QuoteModel", "分时走势"), None, sort="change_pct"),   # a line sorts by how far it moved
)
COLUMNS = tuple(c.key for c in QUOTE_COLUMNS)
HIDDEN_BY_DEFAULT = tuple(c.key for c in QUOTE_COLUMNS if c.hidden)
