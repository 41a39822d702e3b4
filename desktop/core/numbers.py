"""Numbers from data sources: Eastmoney's "-", empty strings, pandas' NaN and junk all mean "no value"."""

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
