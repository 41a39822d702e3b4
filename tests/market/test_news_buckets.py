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


def test_monday_open_collects_the_weekends_news():
    from datetime import datetime

    from desktop.core.market_hours import SHANGHAI
    from desktop.core.news_buckets import bucket_intraday, overnight_from

    monday = int(datetime(2026, 11, 23, tzinfo=SHANGHAI).timestamp())
    saturday_news = int(datetime(2026, 11, 21, 11, 0, tzinfo=SHANGHAI).timestamp())
    friday_lunch = int(datetime(2026, 11, 20, 12, 0, tzinfo=SHANGHAI).timestamp())
    articles = [(1, saturday_news), (2, friday_lunch)]
    assert bucket_intraday(monday, articles) == {0: [1]}              # Friday 15:00 onwards: Saturday's counts
    friday = int(datetime(2026, 11, 20, tzinfo=SHANGHAI).timestamp())
    assert overnight_from(monday, friday) == friday + 15 * 3600
    thursday = friday - 86400                                          # a holiday Friday: from Thursday's close
    assert bucket_intraday(monday, articles, overnight_from(monday, thursday)) == {0: [1, 2]}
