"""Feed date parsing that knows Chinese feeds (FACTS.md): zone-less dates are Beijing time, not UTC.

feedparser reads `2025-01-01 10:30:00` as UTC, `CST` as US Central, and fails on `2025年01月01日 10:30`,
`2025/01/01 10:30`, `…13:08:54+0900` and Unix timestamps. We parse the raw string ourselves first and only
fall back to feedparser's parsers for the forms it gets right.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_tz

BEIJING = timezone(timedelta(hours=8))
EARLIEST = 788918400  # 1995-01-01: anything older is placeholder filler (1970 epochs in ad items)

_CN = re.compile(
    r"^(?P<y>\d{4})\s*[-/.年]?\s*(?P<m>\d{1,2})\s*[-/.月]?\s*(?P<d>\d{1,2})\s*日?"
    r"(?:[\sT]*(?P<ampm>上午|下午|早上|中午|晚上)?\s*(?P<H>\d{1,2})\s*[:时點点]\s*(?P<M>\d{1,2})"
    r"\s*(?:[:分]\s*(?P<S>\d{1,2})(?:\.\d+)?\s*秒?)?\s*分?)?"
    r"\s*(?P<tz>Z|(?:GMT|UTC)?\s*[+-]\d{1,2}(?::?\d{2})?|UTC|GMT|CST|北京时间)?\s*$",
    re.I,
)
_RFC_NOSPACE_TZ = re.compile(r"(\d{1,2}:\d{2}(?::\d{2})?)([+-]\d{4})$")
# "GMT+8", "GMT+08:00", "+08:00", "UTC+0800" at the end of an RFC 822 date → "+0800"
_RFC_ZONE = re.compile(r"\s*(?:GMT|UTC)?\s*([+-])(\d{1,2}):?(\d{2})?$", re.I)
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?(?:\.\d+)?$")


def _tz_offset(tz: str | None) -> timezone:
    if not tz or tz.upper() in ("CST", "北京时间"):
        return BEIJING
    t = tz.upper().replace(" ", "")
    if t in ("Z", "UTC", "GMT"):
        return UTC
    t = t.removeprefix("GMT").removeprefix("UTC")
    sign = -1 if t[0] == "-" else 1
    hours, _, minutes = t[1:].partition(":")
    if not minutes and len(hours) > 2:
        hours, minutes = hours[:-2], hours[-2:]
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes or 0)))


def parse_date(raw: str | None) -> int | None:
    """Unix seconds for a feed date string, or None when it cannot be read."""
    if not raw:
        return None
    s = " ".join(str(raw).split())
    if not s:
        return None
    if _EPOCH.match(s):
        whole = s.split(".")[0]
        value = int(whole)
        return value // 1000 if len(whole) == 13 else value
    m = _CN.match(s)
    if m:
        hour = int(m["H"] or 0)
        if m["ampm"] in ("下午", "晚上") and hour < 12:
            hour += 12
        elif m["ampm"] == "中午" and hour < 11:
            hour += 12
        try:
            dt = datetime(int(m["y"]), int(m["m"]), int(m["d"]), hour, int(m["M"] or 0), int(m["S"] or 0),
                          tzinfo=_tz_offset(m["tz"]))
        except ValueError:
            return None
        return int(dt.timestamp())
    return _parse_rfc822(s)


def _parse_rfc822(s: str) -> int | None:
    s = _RFC_NOSPACE_TZ.sub(r"\1 \2", s)
    zone = _RFC_ZONE.search(s)
    if zone and re.search(r"\d:\d{2}", s[:zone.start()]):
        sign, hours, minutes = zone.groups()
        s = s[:zone.start()] + f" {sign}{int(hours):02d}{minutes or '00'}"
    if s.upper().endswith(" CST"):
        s = s[:-4] + " +0800"  # in a Chinese feed CST is China Standard Time, not US Central
    parsed = parsedate_tz(s)
    if parsed is not None:
        offset = parsed[9] if parsed[9] is not None else 8 * 3600
        try:
            return calendar.timegm(parsed[:6] + (0, 0, 0)) - offset
        except (OverflowError, ValueError):
            return None
    if not s.isascii():
        return None   # Chinese text we did not recognise: better the fetch time than a wrong guess
    try:  # the remaining ASCII forms (W3C with zone, RFC 3339 variants …) through feedparser's own parsers
        from feedparser.datetimes import _parse_date

        tt = _parse_date(s)
    except Exception:
        return None
    return calendar.timegm(tt) if tt else None


FUTURE_SLACK_S = 300   # clocks disagree a little; more than this ahead is a wrong zone or a wrong date


def settle_date(parsed: int | None, fetched: int) -> tuple[int, bool]:
    """(published, missing): missing, placeholder and future dates become the fetch time and count as
    missing (a clamped date changes on every fetch, so it cannot identify an item)."""
    if parsed is None or parsed < EARLIEST or parsed > fetched + FUTURE_SLACK_S:
        return fetched, True
    return min(parsed, fetched), False
