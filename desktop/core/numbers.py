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
    return x * scale if math.isfinite(x) else None
