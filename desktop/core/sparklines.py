"""The watchlist's 分时走势 sparkline: each stock's session as (minute slot, price) points. Qt-free.

Two sources, merged: the stored 1-minute bars (the market worker fetches a watched stock's session on demand:
`stale_sessions` says which to ask for) and the quotes the window saw since (`Ticks`: every 5-second poll adds
a point), so the line keeps moving between fetches, as a terminal's mini chart does. Points are kept per
minute slot (core/intraday.py), the newest price of a minute winning.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop.core.intraday import MORNING, SLOTS, slot_of_label, slot_of_time
from desktop.core.market_hours import SHANGHAI


@dataclass(frozen=True, slots=True)
class Spark:
    day: int                                   # the session's 00:00 Asia/Shanghai (Unix seconds)
    prev_close: float | None                   # 昨收: the line's baseline
    points: tuple[tuple[int, float], ...]      # (slot 0..240, price), ascending

    @property
    def last(self) -> float | None:
        return self.points[-1][1] if self.points else None


def day_of(ts: int) -> int:
    dt = datetime.fromtimestamp(ts, SHANGHAI)
    return int(dt.replace(hour=0, minute=0, second=0, microsecond=0).timestamp())


class Ticks:
    """Quote prices seen during this run, per code, for the latest session only (a new day starts over)."""

    def __init__(self) -> None:
        self._by_code: dict[str, tuple[int, dict[int, float]]] = {}

    def add(self, code: str, time: int, price: float | None) -> None:
        if price is None or not time:
            return
        day = day_of(time)
        known = self._by_code.get(code)
        if known is None or known[0] < day:
            known = self._by_code[code] = (day, {})
        elif known[0] > day:
            return                             # an older quote than the session already held
        known[1][_tick_slot(time)] = price

    def of(self, code: str) -> tuple[int, dict[int, float]] | None:
        return self._by_code.get(code)


def _tick_slot(ts: int) -> int:
    """A quote's slot: one stamped exactly on a minute label (09:31:00) belongs to that label; one in the lunch
    break (an 11:30:05 quote is the morning's last price) to 11:30, not to the afternoon's first minute."""
    if ts % 60 == 0:
        return slot_of_label(ts)
    slot = slot_of_time(ts)
    dt = datetime.fromtimestamp(ts, SHANGHAI)
    if slot == MORNING + 1 and dt.hour * 60 + dt.minute < 13 * 60:
        return MORNING
    return slot


def merge(day: int, prev_close: float | None, bars: list[tuple[int, float]],
          ticks: tuple[int, dict[int, float]] | None) -> Spark | None:
    """`bars`: (label time, close) of the stored session `day` (may be empty); `ticks`: Ticks.of(code). The
    stored minutes are authoritative; ticks add the minutes after the last stored one. None: nothing to draw."""
    points = {slot_of_label(t): c for t, c in bars}
    if ticks is not None:
        t_day, t_points = ticks
        if t_day > day:                        # the quotes are of a newer session than what is stored
            day, points = t_day, {}
        if t_day == day:
            last = max(points, default=-1)
            points.update({s: p for s, p in t_points.items() if s > last})
    if not points:
        return None
    return Spark(day, prev_close, tuple(sorted((s, p) for s, p in points.items() if 0 <= s < SLOTS)))


def stale_sessions(stored: dict[str, tuple[int, int]], quote_times: dict[str, int], behind_s: int = 600) -> list[str]:
    """Codes whose stored session should be fetched: none stored, older than the quote's day, or more than
    `behind_s` behind the quote (the ticks fill the gap meanwhile). `stored`: code → (day, last label time).
    The caller throttles (a source that cannot complete a session is not asked again at once)."""
    out = []
    for code, qt in quote_times.items():
        if not qt:
            continue
        have = stored.get(code)
        if have is None or have[0] < day_of(qt) or qt - have[1] > behind_s:
            out.append(code)
    return out
