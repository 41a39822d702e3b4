"""The `QuoteSource` protocol every market source follows, and the stock-code helpers (exchange, secid)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Protocol

from desktop.core.indices import index_of
from desktop.core.market import STOCK_CODE, Bar, Board, Quote, Stock

BOARD_KINDS = ("industry", "concept")
ADJUSTS = ("", "qfq")

PageCallback = Callable[[list[Quote]], None]


class QuoteSource(Protocol):
    """Blocking fetchers returning core objects; each raises `SourceError` with a readable message."""

    mode: str                    # "live" | "record" | "replay"
    demo: bool                   # serving the bundled synthetic recording: label every view 演示数据

    def stocks(self) -> list[Stock]:
        """The A-share universe (code, name, exchange, caps); industry is left empty (the store keeps its own)."""
        ...

    def boards(self, kind: str) -> list[Board]:
        """Industry or concept boards with % change, cap, up/down counts and leader."""
        ...

    def board_members(self, board: str, kind: str) -> list[Quote]:
        """Constituents of a board (BK code or current name) with their quotes."""
        ...

    def resolve_board(self, board: str, kind: str) -> str:
        """A board name (or BK code) to its BK code, from the current board list."""
        ...

    def quotes(self, codes: list[str]) -> list[Quote]:
        """Latest quotes for up to a few hundred codes in a few batched requests; unknown codes are left out."""
        ...

    def daily_bars(self, code: str, days: int, adjust: str = "") -> list[Bar]:
        ...

    def intraday_bars(self, code: str) -> list[Bar]:
        """1-minute bars of the latest trading day."""
        ...

    def snapshot(self, on_page: PageCallback | None = None) -> list[Quote]:
        """The whole market (~57 paginated requests); each page is handed to `on_page` as it arrives."""
        ...

    def trade_dates(self) -> list[date]:
        """Exchange trading dates from an online calendar."""
        ...

    def flash_news(self, key: str) -> list[Any]:
        """A 快讯 source's latest items as feed entries (ParsedEntry), newest first (sources/flash_news.py)."""
        ...

    def limit_pool(self, kind: str, day: date) -> list[Any]:
        """One day's 涨停/炸板/跌停 pool ("zt" | "zb" | "dt") as checked LimitRows (core/limit_pools.py)."""
        ...

    def status(self) -> dict[str, Any]:
        """Source-side state (active quote backend, circuit breaker, requests made)."""
        ...

    def close(self) -> None:
        ...


def exchange_of(code: str) -> str | None:
    """"SH" | "SZ" | "BJ" from the code prefix, None for anything that is not an A-share code."""
    if not STOCK_CODE.match(code or ""):
        return None
    if code.startswith(("60", "68")):
        return "SH"
    if code.startswith(("00", "30")):
        return "SZ"
    if code.startswith(("92", "8", "4")):
        return "BJ"
    return None


def secid(code: str) -> str:
    """Eastmoney's id: `1.` Shanghai, `0.` Shenzhen and Beijing; an index key ("sh000001") its own."""
    if (index := index_of(code)) is not None:
        return index.secid
    return f"{1 if exchange_of(code) == 'SH' else 0}.{code}"


def tencent_symbol(code: str) -> str:
    """Tencent's symbol: the exchange in lower case and the code; an index key is one already."""
    if index_of(code) is not None:
        return code
    return f"{(exchange_of(code) or 'SZ').lower()}{code}"


def valid_codes(codes: list[str]) -> list[str]:
    """A-share codes and index keys (core/indices.py) only, order kept, duplicates dropped (one bad code can
    blank a Tencent batch)."""
    seen: set[str] = set()
    out: list[str] = []
    for c in codes:
        c = (c or "").strip()
        if c not in seen and (exchange_of(c) is not None or index_of(c) is not None):
            seen.add(c)
            out.append(c)
    return out
