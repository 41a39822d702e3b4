"""A benchmark's bars and its verdict, the same way in every bench (not a bench itself).

Each bench ends with `finish(bars, out, as_json)`: it prints one verdict line, then (with `--json`) its JSON
object as the last line with two fields added — `bars`, one entry per bar, and `pass` — and returns the exit
status: 1 when any figure is over its bar (bench/all.py and a CI job read the status, not the prose).
"""

from __future__ import annotations

import json
import math
from typing import Any


def bar(name: str, figure: float | int | None, limit: float | int, *, at_least: bool = False,
        unit: str = "") -> dict[str, Any]:
    """One bar: `figure ≤ limit` (or `≥` when `at_least`). A missing figure (None, NaN: the bench never saw the
    thing it times) is over its bar."""
    missing = figure is None or (isinstance(figure, float) and math.isnan(figure))
    ok = not missing and (figure >= limit if at_least else figure <= limit)
    return {"name": name, "figure": None if missing else figure, "op": ">=" if at_least else "<=",
            "bar": limit, "unit": unit, "ok": bool(ok)}


def describe(b: dict[str, Any]) -> str:
    op = "≥" if b["op"] == ">=" else "≤"
    figure = "—" if b["figure"] is None else f"{b['figure']:g}" if isinstance(b["figure"], float) else b["figure"]
    return f"{b['name']} {figure}{b['unit']} (bar {op} {b['bar']:g}{b['unit']})"


def finish(bars: list[dict[str, Any]], out: dict[str, Any], as_json: bool, **dumps: Any) -> int:
    over = [b for b in bars if not b["ok"]]
    print("over its bar: " + "; ".join(map(describe, over)) if over else f"every bar met ({len(bars)})")
    if as_json:
        print(json.dumps(out | {"bars": bars, "pass": not over}, **dumps))
    return 1 if over else 0
