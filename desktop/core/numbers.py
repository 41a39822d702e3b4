"""Numbers in and out: from data sources (Eastmoney's "-", empty strings, pandas' NaN and junk all mean "no
value"), and every number shown in 万/亿 (or M/B) — the watchlist, the heatmap, the index strip, the 涨停 pools,
the chart's volume, 持仓 and the CLI all format here, so one figure reads the same everywhere it is shown. The
caller says the language (`chinese`): this module knows no Qt (the window asks ui/i18n.chinese_numbers())."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


def to_float(v: Any, scale: float = 1.0) -> float | None:
    """`v` as a float times `scale`, or None when it is not a finite number ("-", "", None, NaN, "abc")."""
    if v is None or v == "-" or v == "" or isinstance(v, bool):
        return None
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    x *= scale
    return x if math.isfinite(x) else None      # 1.7e308 亿 in yuan overflows: not a value either


def amount_text(v: float | None, unit: str = "", chinese: bool = True) -> str:
    """Chinese readers count in 万, 亿 and 万亿 (10⁴, 10⁸, 10¹²); others in millions and billions. 万亿 keeps the
    largest caps (宁德时代 ≈ 1.25万亿, not 12497.72亿) inside a narrow column, as the terminals write them; from
    1000亿 the cents of a 亿 are dropped (1192亿, not 1191.87亿)."""
    if v is None:
        return "—"
    if chinese:
        text = (f"{v / 1e12:.2f}万亿" if v >= 1e12 else f"{v / 1e8:.0f}亿" if v >= 1e11 else
                f"{v / 1e8:.2f}亿" if v >= 1e8 else f"{v / 1e4:.0f}万" if v >= 1e4 else f"{v:.0f}")
        return text + unit
    return f"{v / 1e9:.2f}B" if v >= 1e9 else f"{v / 1e6:.1f}M" if v >= 1e6 else f"{v:.0f}"


def amount_yi(amount: float) -> str:
    """成交额 in 亿 as the index strip and `huohua breadth` show a whole market's: 13455亿 (no decimals from 100亿),
    0.52亿 — never 万亿, so the day's figure compares digit by digit with yesterday's."""
    return f"{amount / 1e8:.0f}亿" if amount >= 1e10 else f"{amount / 1e8:.2f}亿"


def volume_lots_text(shares: float | None, chinese: bool = True) -> str:
    """A volume stored in shares as the watchlist shows it: in 手 (100 shares), counted in 万/亿 ("1234万手")."""
    return amount_text(None if shares is None else shares / 100, "手", chinese)


def lots(shares: float) -> str:
    """The number of 手 (lots of 100 shares) in a volume of `shares`: the 分时 readout and axis ("3000")."""
    return f"{shares / 100:.0f}"


def wan_lots(shares: float, trim: bool = False) -> str:
    """The number of 万手 (10⁴ lots, 10⁶ shares — in English the same figure is million shares) in `shares`:
    the 日K readout's "12.35"; `trim` for axis labels ("20", not "20.00")."""
    text = f"{shares / 1e6:.2f}"
    if not trim:
        return text
    text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def money_text(d: Decimal | None, chinese: bool = True, signed: bool = False) -> str:
    """An amount of money in 元 from its exact Decimal (持仓): to the cent below 100万 ("28,404.00"), then in 万 and
    亿 with two decimals ("128.40万", "1.28亿"; M and B in English) — the units are the display's only, the value
    behind them stays exact. `signed`: a gain shows its "+". Rounded half up, never through a float."""
    if d is None:
        return "—"
    cent = Decimal("0.01")
    q = d.quantize(cent, rounding=ROUND_HALF_UP)
    a = abs(q)
    sign = "-" if q < 0 else "+" if signed and q > 0 else ""
    units = ((Decimal(10) ** 8, "亿"), (Decimal(10) ** 6, None)) if chinese else \
        ((Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"))
    for size, unit in units:
        if a >= size:
            if unit is None:                        # 100万 and up: in 万
                size, unit = Decimal(10) ** 4, "万"
            return f"{sign}{(a / size).quantize(cent, rounding=ROUND_HALF_UP)}{unit}"
    return f"{sign}{a:,.2f}"
