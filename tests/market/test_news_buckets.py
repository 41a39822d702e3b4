"""The chart's news strip: which daily bar an article counts on (Asia/Shanghai; after the close → next bar)."""

from __future__ import annotations

from datetime import datetime

from desktop.core.market_hours import SHANGHAI
from desktop.core.news_buckets import bucket_daily


def t(s: str) -> int:
    return int(datetime.strptime(s, "%Y-%m-%d %H:%M").replace(tzinfo=SHANGHAI).timestamp())


BARS = [t("2026-11-26 00:00"), t("2026-11-27 00:00"), t("2026-11-30 00:00")]     # Thu, Fri, Mon


def test_articles_count_on_their_session_and_after_the_close_on_the_next():
    articles = [(1, t("2026-11-26 10:00")),            # Thursday in session → Thursday
                (2, t("2026-11-26 15:30")),            # Thursday after the close → Friday
                (3, t("2026-11-28 09:00")),            # Saturday → Monday
                (4, t("2026-11-30 08:00")),            # Monday before the open → Monday
                (5, t("2026-12-01 10:00")),            # after the last bar → the last bar
                (6, t("2026-11-01 10:00"))]            # long before the first bar → off the chart
    assert bucket_daily(BARS, articles) == {0: [1], 1: [2], 2: [5, 4, 3]}


def test_no_bars_no_buckets():
    assert bucket_daily([], [(1, t("2026-11-26 10:00"))]) == {}
