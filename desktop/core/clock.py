"""The one wall clock. Every decision by the time of day or the date (trading phase, sessions, staleness,
"today", due feeds, alert cooldowns, file stamps) asks here for "now"; nothing else in desktop/ reads the wall
clock (tests/test_layers.py fails on `time.time()`, `datetime.now()` … elsewhere). Deadlines, intervals and
timeouts keep `time.monotonic()`: a wall clock jumps (NTP, a user's change), a deadline must not.

"Now" is the computer's clock unless it is pinned:
- `HUOHUA_NOW` in the environment (or the CLI's `--now`, which sets it): the process starts at that instant
  and the clock advances in real time from there. ISO 8601 (`2026-11-20T10:45:00+08:00`, `2026-11-20 10:45`;
  without a zone it is Beijing time) or Unix seconds. A child process inherits it, so a test's CLI subprocess
  runs at the test's instant.
- `pin(instant)` in-process (tests; tests/conftest.py pins every test): the same, until `unpin()`.
  `tick=False` freezes it instead.

A replay or the demo has its own market clock (sources/replay.py: the recording's time, advancing); that is a
different question ("what time was it in the recording") and stays there.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

ENV = "HUOHUA_NOW"
_BEIJING = timezone(timedelta(hours=8))  # no DST since 1991: a naive HUOHUA_NOW means this
# zoneinfo is imported on first use: the window imports this module before its first paint, which has no
# milliseconds to spare (bench/startup.py)
_shanghai: ZoneInfo | None = None


def __getattr__(name: str) -> ZoneInfo:
    if name == "SHANGHAI":
        return _zone()
    raise AttributeError(name)


def _zone() -> ZoneInfo:
    """Asia/Shanghai, the market's zone (the same object as core.market_hours.SHANGHAI: ZoneInfo caches)."""
    global _shanghai
    if _shanghai is None:
        from zoneinfo import ZoneInfo

        _shanghai = ZoneInfo("Asia/Shanghai")
    return _shanghai


def parse_instant(text: str | float | datetime) -> float:
    """Unix seconds from ISO 8601 (naive = Beijing time), a datetime, or a number. ValueError if neither."""
    if isinstance(text, datetime):
        return (text if text.tzinfo else text.replace(tzinfo=_BEIJING)).timestamp()
    if isinstance(text, int | float):
        return float(text)
    s = str(text).strip()
    try:
        return float(s)
    except ValueError:
        pass
    if s.endswith(("Z", "z")):
        s = s[:-1] + "+00:00"
    try:
        dt = datetime.fromisoformat(s)
    except ValueError:
        raise ValueError(f"not a date and time: {text!r} (use ISO 8601, e.g. 2026-11-20T10:45:00+08:00)") from None
    return (dt if dt.tzinfo else dt.replace(tzinfo=_BEIJING)).timestamp()


def _ticking(start: float) -> Callable[[], float]:
    t0 = time.monotonic()
    return lambda: start + (time.monotonic() - t0)


def _computer() -> float:
    return time.time()


_source: Callable[[], float] = _computer
_env_error = ""


def _from_environment() -> None:
    global _source, _env_error
    raw = os.environ.get(ENV, "").strip()
    if not raw:
        return
    try:
        _source = _ticking(parse_instant(raw))
    except ValueError as exc:
        _env_error = f"{ENV}: {exc}"


_from_environment()


def env_error() -> str:
    """Why HUOHUA_NOW could not be read ("" if it was, or is unset): the CLI reports it and exits 2."""
    return _env_error


# -- "now" -----------------------------------------------------------------------------------------------
def now() -> float:
    """Unix seconds."""
    return _source()


def now_s() -> int:
    return int(_source())


def shanghai() -> datetime:
    """Now, in the market's zone (aware)."""
    return datetime.fromtimestamp(_source(), _zone())


def local() -> datetime:
    """Now, in the computer's zone (aware): for times shown as the user's own (the news list)."""
    return datetime.fromtimestamp(_source()).astimezone()


def today_shanghai() -> date:
    return shanghai().date()


def stamp() -> str:
    """Local YYYYmmdd-HHMMSS, for file names (backups of a damaged or migrated database)."""
    return local().strftime("%Y%m%d-%H%M%S")


# -- pinning (tests, HUOHUA_NOW) ---------------------------------------------------------------------------
def pin(instant: str | float | datetime, *, tick: bool = True) -> float:
    """Make "now" `instant` (advancing in real time unless tick=False). Returns it in Unix seconds."""
    global _source
    start = parse_instant(instant)
    _source = _ticking(start) if tick else (lambda: start)
    return start


def unpin() -> None:
    """Back to the computer's clock (HUOHUA_NOW is not re-read)."""
    global _source
    _source = _computer


def is_pinned() -> bool:
    return _source is not _computer


@contextmanager
def pinned(instant: str | float | datetime, *, tick: bool = True) -> Iterator[float]:
    global _source
    before = _source
    try:
        yield pin(instant, tick=tick)
    finally:
        _source = before
