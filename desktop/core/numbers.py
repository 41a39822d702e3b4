"""Numbers from data sources: Eastmoney's "-", empty strings, pandas' NaN and junk all mean "no value"."""

from __future__ import annotations

import math
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
