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


def bucket_intraday(day: int, articles: list[tuple[int, int]], since: int | None = None) -> dict[int, list[int]]:
    """`day`: the session's 00:00 Asia/Shanghai. `articles`: (id, published). Returns {minute slot: [article
    ids, newest first]} for the session's day and the time since the previous session closed (`since`, from
    overnight_from): that evening's, a weekend's or a holiday's news and the early morning's on the open,
    lunch-break news on 13:01, after the close on 15:00."""
    from desktop.core.intraday import slot_of_time

    start = overnight_from(day) if since is None else since
    out: dict[int, list[tuple[int, int]]] = {}
    for aid, published in articles:
        if not start <= published < day + 86400:
            continue
        slot = 0 if published < day else slot_of_time(published)
        out.setdefault(slot, []).append((published, aid))
    return {i: [aid for _p, aid in sorted(v, reverse=True)] for i, v in out.items()}


def overnight_from(day: int, previous_session: int | None = None) -> int:
    """15:00 of the previous session (`previous_session`: its 00:00), when the chart knows it from the daily
    bars; else of the previous weekday (Monday's open collects Friday evening's and the weekend's news)."""
    if previous_session is not None and previous_session < day:
        return previous_session + 15 * 3600
    weekday = datetime.fromtimestamp(day, SHANGHAI).weekday()       # 0 = Monday
    back = 3 if weekday == 0 else 2 if weekday == 6 else 1
    return day - back * 86400 + 15 * 3600
