"""The CLI's own sentences about missing data, in the interface language (settings' ui.language, or --lang):
Chinese first, English when the interface is English — the same choice core/error_kinds.one_line makes for
the errors these sentences follow. Kept apart from the commands so that both languages stay side by side."""

from __future__ import annotations

WORDS = {
    # after a failed market request: what the command shows instead (only when it has something to show)
    "stale_quotes": ("显示的是已保存的行情（已过时）", "showing the last stored quotes (stale)"),
    "stale_boards": ("显示的是已保存的板块数据（已过时）", "showing the last stored boards (stale)"),
    "stale_bars": ("显示的是已保存的日K线", "showing the stored daily bars"),
    "stale_indices": ("显示的是已保存的指数行情（已过时）", "showing the last stored index quotes (stale)"),
    "stale_breadth": ("显示的是按已保存的全市场行情统计的结果", "counted from the last stored market snapshot"),
    "stale_limit_pool": ("显示的是已保存的股池", "showing the pool as stored"),
    "stale_movers": ("显示的是已保存的盘口异动", "showing the 异动 as stored"),
    "stale_calendar": ("显示的是已保存的交易日历", "showing the calendar as stored"),
    # …and when nothing is stored either: one line, never a promise of stored data followed by its absence
    "no_quotes": ("这些股票还没有保存过行情", "no quote of these stocks is stored yet"),
    "no_boards": ("还没有保存过板块数据", "no boards are stored yet"),
    "no_bars": ("还没有保存过这只股票的日K线", "no daily bars of this stock are stored yet"),
    "no_indices": ("还没有保存过指数行情", "no index quote is stored yet"),
    "no_breadth": ("还没有保存过全市场行情，无法统计涨跌家数", "no market snapshot is stored yet to count from"),
    "no_limit_pool": ("这一天的股池还没有保存过", "this day's pool is not stored yet"),
    "no_movers": ("这一天的盘口异动还没有保存过", "this day's 异动 are not stored yet"),
    # `news` on a database without articles, and a filter matching nothing
    "no_articles": ("还没有保存任何资讯：先运行 huohua fetch --once 获取（订阅源：huohua feeds list）",
                    "no articles are stored yet: fetch some with huohua fetch --once (feeds: huohua feeds list)"),
    "no_match": ("没有符合条件的资讯（已保存 {n} 篇；去掉部分条件再试）",
                 "no stored article matches ({n} stored; try fewer conditions)"),
    # `fetch`: a per-stock feed (公告, 个股新闻) with no watched stock asks nothing
    "no_watched": ("没有自选股，未获取（添加：huohua watchlist add 300750）",
                   "no watched stocks, nothing fetched (add one: huohua watchlist add 300750)"),
}


def say(key: str, language: str, **fields: object) -> str:
    zh, en = WORDS[key]
    return (en if str(language).startswith("en") else zh).format(**fields)
