"""Which bar each linked article belongs to, for the chart's news strip. Qt-free.

A daily bar covers its trading day in Asia/Shanghai; an article published on a weekend, a holiday or overnight
after the close still moves the next session, so it counts on the next bar (as terminals mark news on the K-line).
An article after the last bar counts on the last bar.
"""

from __future__ import annotations

import bisect
from datetime import datetime

from desktop.core.market_hours import SHANGHAI

CLOSE_HHMM = 1500


def bucket_daily(bar_times: list[int], articles: list[tuple[int, int]]) -> dict[int, list[int]]:
    """`bar_times`: each daily bar's time (00:00 Asia/Shanghai), ascending. `articles`: (id, published).
    Returns {bar index: [article ids, newest first]}."""
    if not bar_times:
        return {}
    out: dict[int, list[tuple[int, int]]] = {}
    for aid, published in articles:
        local = datetime.fromtimestamp(published, SHANGHAI)
        day = int(local.replace(hour=0, minute=0, second=0, microsecond=0).timestamp())
        after_close = local.hour * 100 + local.minute >= CLOSE_HHMM
        i = bisect.bisect_right(bar_times, day) if after_close else bisect.bisect_left(bar_times, day)
        if i >= len(bar_times):
            i = len(bar_times) - 1
        if published < bar_times[0] - 86400:
            continue                               # before the first bar's previous day: off the chart
        out.setdefault(i, []).append((published, aid))
    return {i: [aid for _p, aid in sorted(v, reverse=True)] for i, v in out.items()}


def bucket_intraday(day: int, articles: list[tuple[int, int]]) -> dict[int, list[int]]:
    """`day`: the session's 00:00 Asia/Shanghai. `articles`: (id, published). Returns {minute slot: [article
    ids, newest first]} for the session's day and the evening before it (from 15:00 the previous day): the
    evening's and the early morning's news on the open, lunch-break news on 13:01, after the close on 15:00."""
    from desktop.core.intraday import slot_of_time

    out: dict[int, list[tuple[int, int]]] = {}
    for aid, published in articles:
        if not overnight_from(day) <= published < day + 86400:
            continue
        slot = 0 if published < day else slot_of_time(published)
        out.setdefault(slot, []).append((published, aid))
    return {i: [aid for _p, aid in sorted(v, reverse=True)] for i, v in out.items()}


def overnight_from(day: int) -> int:
    """15:00 of the calendar day before `day` (a weekend's news reaches back only to Friday's evening
    when the session is Monday's — the daily chart shows the rest)."""
    return day - 9 * 3600
