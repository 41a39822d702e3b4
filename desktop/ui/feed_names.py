"""The names of the folders and sources Huohua itself subscribes (resources/feeds.opml, the 快讯 sources of
sources/flash_news.py, the demo's in services/first_run.py), shown in the interface's language, and the short
source name the news list's 来源 column shows.

Like a watchlist's name (ui/list_names.py), a folder's or a feed's name is the user's data: the database keeps
快讯 whatever the language; only the display is translated (Qt context "FeedNames" in
resources/translations/en.toml), and a folder or feed the user renamed shows the name they gave it. A feed's
own title (an RSS channel's, 财联社 深度) is the publisher's name and is shown as it is.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from desktop.ui.i18n import QT_TRANSLATE_NOOP

FOLDERS = frozenset((
    QT_TRANSLATE_NOOP("FeedNames", "快讯"), QT_TRANSLATE_NOOP("FeedNames", "公告"),
    QT_TRANSLATE_NOOP("FeedNames", "个股新闻"), QT_TRANSLATE_NOOP("FeedNames", "深度"),
    QT_TRANSLATE_NOOP("FeedNames", "能源"), QT_TRANSLATE_NOOP("FeedNames", "综合财经"),
    QT_TRANSLATE_NOOP("FeedNames", "科技"), QT_TRANSLATE_NOOP("FeedNames", "演示数据"),
))
# The sources whose names are ours (akshare's 快讯, the per-stock 公告 and 个股新闻, the demo's), not a channel's
FEEDS = frozenset((
    QT_TRANSLATE_NOOP("FeedNames", "财联社 电报"), QT_TRANSLATE_NOOP("FeedNames", "东方财富 全球快讯"),
    QT_TRANSLATE_NOOP("FeedNames", "新浪 7x24"), QT_TRANSLATE_NOOP("FeedNames", "同花顺 直播"),
    QT_TRANSLATE_NOOP("FeedNames", "富途 快讯"), QT_TRANSLATE_NOOP("FeedNames", "公告（自选股）"),
    QT_TRANSLATE_NOOP("FeedNames", "个股新闻（自选股）"), QT_TRANSLATE_NOOP("FeedNames", "财联社 电报（演示数据）"),
    QT_TRANSLATE_NOOP("FeedNames", "东方财富 全球快讯（演示数据）"), QT_TRANSLATE_NOOP("FeedNames", "新浪 7x24（演示数据）"),
    QT_TRANSLATE_NOOP("FeedNames", "同花顺 直播（演示数据）"), QT_TRANSLATE_NOOP("FeedNames", "富途 快讯（演示数据）"),
    QT_TRANSLATE_NOOP("FeedNames", "公告（自选股，演示数据）"), QT_TRANSLATE_NOOP("FeedNames", "个股新闻（自选股，演示数据）"),
    QT_TRANSLATE_NOOP("FeedNames", "演示资讯（演示数据）"),
))
_QUALIFIER = re.compile(r"\s*[（(].*$")            # "演示资讯（演示数据）" → "演示资讯", "X (RSSHub)" → "X"
_HAN = re.compile(r"[\u3400-\u9fff]")


def shown_folder(name: str) -> str:
    """A folder's name as the interface shows it: a bundled folder's in the interface's language."""
    return QCoreApplication.translate("FeedNames", name) if name in FOLDERS else name


def shown_feed(title: str) -> str:
    """A feed's name as the interface shows it (the sidebar, tooltips, the article header)."""
    return QCoreApplication.translate("FeedNames", title) if title in FEEDS else title


def sidebar_feed(title: str) -> str:
    """A feed's name in the sidebar: a demo source's without its 演示数据 mark ("财联社 电报（演示数据）" → "财联社
    电报", "公告（自选股，演示数据）" → "公告（自选股）"), which the badge, the folder and the article header say
    already; the long marks cut the names at 1440 px. The whole name stays in the item's tooltip."""
    base = title.replace("，演示数据）", "）").replace("（演示数据）", "")
    return shown_feed(base) if base != title and base in FEEDS else shown_feed(title)


def short_source(title: str) -> str:
    """What the news list's 来源 column shows: the publisher, as the terminals' lists do — 财联社 for
    "财联社 电报（演示数据）", 东方财富 for "东方财富 全球快讯", "CLS Telegraph" for "CLS Telegraph (demo data)";
    the whole name is in the cell's tooltip. A Latin name ("Reuters Business News") is cut at no space."""
    shown = shown_feed(title)
    short = _QUALIFIER.sub("", shown).strip() or shown
    head = short.split(" ", 1)[0]
    if head != short and _HAN.search(head):
        return head
    return short
