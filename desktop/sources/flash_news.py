"""7×24 快讯 as feed entries: 财联社 电报, 东方财富 全球快讯, 新浪 7x24, 同花顺 直播 and 富途 快讯.

A 快讯 subscription is a feed whose URL is `akshare:<key>` (KEYS); the feed refresher hands it to the market
source (which runs in the market process in the window: one rate limiter and the record/replay layer cover it
like market data) instead of fetching and parsing XML. 财联社 and 东方财富 are read as akshare's functions read
them — the same requests, the same rows — by sources/flash_json.py without akshare or pandas (issue 28: their
DataFrames kept pandas resident in the market process); what akshare's reading drops is written down in
docs/NEWS.md:
- 财联社 (`stock_info_global_cls`): title, content, date, time (Asia/Shanghai) — the item id and link are dropped,
  so an item's identity is the source, its time and a hash of its text; an empty title is the text's first
  sentence (电报 often has none).
- 东方财富 (`stock_info_global_em`): title, summary, time (Asia/Shanghai), and a link built from its code.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
from datetime import datetime
from typing import Any

from desktop.core.errors import SourceError
from desktop.core.market_hours import SHANGHAI
from desktop.core.news import ParsedEntry
from desktop.core.normalize import clean_title, normalize

PREFIX = "akshare:"
KEYS = {"cls": "财联社 电报", "em": "东方财富 全球快讯", "sina": "新浪 7x24", "ths": "同花顺 直播", "futu": "富途 快讯",
        "notices": "公告（自选股）", "stocknews": "个股新闻（自选股）"}
PER_STOCK = ("notices", "stocknews")   # read for each watched stock, one request a stock
NOTICES_URL = "https://np-anotice-stock.eastmoney.com/api/security/ann"   # stock_individual_notice_report's
NOTICE_DAYS = 7          # a poll reads each watched stock's 公告 of the last week (one request a stock)
NOTICE_TAG = "公告"
# stock_news_em's endpoint (a JSONP search of Eastmoney's news for the code). akshare reads it with curl_cffi,
# which neither the Tap nor `responses` can see, and sends a fixed browser cookie: we ask it with requests,
# without the cookie, and strip the <em> marks of the hit ourselves (docs/NEWS.md).
STOCK_NEWS_URL = "https://search-api-web.eastmoney.com/search/jsonp"
STOCK_NEWS_CB = "jQuery_huohua"
STOCK_NEWS_PAGE = 20
# Read by akshare (its parsing keeps what we need) or by us from the same endpoint's JSON, through the same Tap
# (akshare formats 同花顺's and 富途's epoch times in the machine's zone, and drops 新浪's id): docs/NEWS.md
OWN_JSON = {
    "sina": ("https://zhibo.sina.com.cn/api/zhibo/feed",
             {"page": "1", "page_size": "20", "zhibo_id": "152", "tag_id": "0", "dire": "f", "dpc": "1",
              "pagesize": "20", "type": "1"}),
    "ths": ("https://news.10jqka.com.cn/tapp/news/push/stock", {"page": "1", "tag": "", "track": "website"}),
    "futu": ("https://news.futunn.com/news-site-api/main/get-flash-list", {"pageSize": "50"}),
}
BROWSER = {"User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                         "Chrome/124.0 Safari/537.36"}
TITLE_MAX = 60
# Caps per answer, as feeds are capped (feeds.max_body_mb): a source answering 50k items cost 588 MB at peak.
# The sources give 20-50 items a page; more than MAX_ITEMS keeps the newest MAX_ITEMS (one log warning), and an
# answer body over MAX_ANSWER_BYTES (the ones we read ourselves) is refused before it is parsed.
MAX_ITEMS = 500
MAX_ANSWER_BYTES = 10 * 1024 * 1024
log = logging.getLogger(__name__)
_SENTENCE = re.compile(r"^(.{8,60}?[。！？；])")        # up to TITLE_MAX characters
_BRACKETED = re.compile(r"^【([^】]{2,60})】")


def is_flash(url: str) -> bool:
    return url.startswith(PREFIX) and url[len(PREFIX):] in KEYS


def key_of(url: str) -> str:
    return url[len(PREFIX):]


def fetch(ak: Any, key: str, codes: tuple[str, ...] = (), today: str = "") -> Any:
    """akshare's rows for `key` (flash_json.py), or (OWN_JSON, notices) the endpoint's JSON — run under the Tap, on a worker,
    with a deadline either way. `codes`/`today` (YYYYMMDD): the watched stocks whose 公告 to read."""
    if key in PER_STOCK:       # one stock failing (delisted, not in a recording) must not lose the others'
        from desktop.core.indices import is_index_key

        answers, errors = {}, []
        for code in codes:
            if is_index_key(code):    # a watched index (sh000001) has no 公告 and no news of its own
                continue
            try:
                answers[code] = _notices_json(code, today) if key == "notices" else _stock_news_json(code)
            except SourceError as exc:
                errors.append(exc)
        if errors and not answers:
            raise errors[0]
        return answers
    if key in OWN_JSON:
        import requests

        url, params = OWN_JSON[key]
        resp = requests.get(url, params=params, headers=BROWSER, timeout=15)
        if resp.status_code >= 400:
            raise SourceError(f"快讯 {KEYS[key]}: HTTP {resp.status_code}")
        return json.loads(_capped(resp, f"快讯 {KEYS[key]}"))   # bytes: UTF-8 whatever charset the header forgets
    if key in ("cls", "em"):       # akshare's requests and rows, read without akshare or pandas (flash_json.py)
        from desktop.sources import flash_json

        return flash_json.cls() if key == "cls" else flash_json.em()
    raise ValueError(f"unknown 快讯 source {key!r}")


def is_empty_answer(key: str, body: str) -> bool:
    """An answer whose item list is empty (no news since: not an error — akshare fails on the empty frame)."""
    try:
        data = json.loads(body).get("data") or {}
    except (ValueError, AttributeError):
        return False
    items = data.get("roll_data" if key == "cls" else "fastNewsList") if isinstance(data, dict) else None
    return isinstance(items, list) and not items


def own_answer_is_empty(key: str, data: Any) -> bool:
    try:
        return not _own_rows(key, data)
    except (KeyError, TypeError, AttributeError):
        return False


def _capped(resp: Any, what: str) -> bytes:
    """The answer's body, refused (SourceError) when larger than MAX_ANSWER_BYTES, before it is parsed."""
    declared = str(resp.headers.get("content-length", "") or "")
    size = int(declared) if declared.isdigit() else len(resp.content)
    if size > MAX_ANSWER_BYTES:
        raise SourceError(f"{what}: answer too large ({size / 1e6:.1f} MB, limit {MAX_ANSWER_BYTES / 1e6:g} MB)")
    body: bytes = resp.content
    return body


def _newest(key: str, out: list[ParsedEntry], given: int) -> list[ParsedEntry]:
    """`out` newest first, cut to MAX_ITEMS (one warning when the answer had more)."""
    out.sort(key=lambda e: -e.published)
    if given > MAX_ITEMS:
        log.warning("快讯 %s: the answer had %d items; kept the newest %d (MAX_ITEMS)", KEYS.get(key, key), given,
                    MAX_ITEMS)
    return out[:MAX_ITEMS]


def _notices_json(code: str, today: str) -> Any:
    """One stock's 公告 of the last NOTICE_DAYS days, one page (akshare's own function asks twice: the count, then
    the page). The same endpoint and parameters as `stock_individual_notice_report(code, "全部", begin, end)`."""
    from datetime import date, timedelta

    import requests

    end = date(int(today[:4]), int(today[4:6]), int(today[6:8]))
    params = {"sr": "-1", "page_size": "50", "page_index": "1", "ann_type": "A", "client_source": "web",
              "f_node": "0", "s_node": "0", "stock_list": code,
              "begin_time": (end - timedelta(days=NOTICE_DAYS)).isoformat(), "end_time": end.isoformat()}
    resp = requests.get(NOTICES_URL, params=params, headers=BROWSER, timeout=15)
    if resp.status_code >= 400:
        raise SourceError(f"快讯 公告 {code}: HTTP {resp.status_code}")
    return json.loads(_capped(resp, f"快讯 公告 {code}"))   # bytes: UTF-8 whatever charset the header forgets


def _stock_news_json(code: str) -> Any:
    """The newest STOCK_NEWS_PAGE Eastmoney articles found for `code` (stock_news_em's request, one page)."""
    import requests

    inner = {"uid": "", "keyword": code, "type": ["cmsArticleWebOld"], "client": "web", "clientType": "web",
             "clientVersion": "curr", "param": {"cmsArticleWebOld": {
                 "searchScope": "default", "sort": "default", "pageIndex": 1, "pageSize": STOCK_NEWS_PAGE,
                 "preTag": "<em>", "postTag": "</em>"}}}
    params = {"cb": STOCK_NEWS_CB, "param": json.dumps(inner, ensure_ascii=False, separators=(",", ":"))}
    resp = requests.get(STOCK_NEWS_URL, params=params,
                        headers=BROWSER | {"Referer": f"https://so.eastmoney.com/news/s?keyword={code}"}, timeout=15)
    if resp.status_code >= 400:
        raise SourceError(f"个股新闻 {code}: HTTP {resp.status_code}")
    text = _capped(resp, f"个股新闻 {code}").decode("utf-8", "replace").strip()
    start, end = text.find("("), text.rfind(")")
    if not text.startswith(STOCK_NEWS_CB) or start < 0 or end < start:   # an HTML page, a changed callback
        raise SourceError(f"个股新闻 {code}: unexpected answer format (not the JSONP answer: {text[:60]!r})",
                          transient=False)
    return json.loads(text[start + 1:end])


def stock_news_entries(answers: dict[str, Any], fetched: int) -> list[ParsedEntry]:
    """Each watched stock's news → entries linked to that stock by the source (the search found its code); the
    hit marks (<em>) stripped; identity: the article's URL, so the same article from an RSS feed is one."""
    out: dict[str, ParsedEntry] = {}
    for code, data in answers.items():
        for it in ((data.get("result") or {}).get("cmsArticleWebOld") or []):
            art = _str(it.get("code"))
            title = clean_title(_strip_tags(_str(it.get("title"))))
            if not art or not title:
                continue
            text = _strip_tags(_str(it.get("content"))) or title
            url = f"https://finance.eastmoney.com/a/{art}.html"
            prev = out.get(url)
            links = tuple(dict.fromkeys((prev.links if prev else ()) + (code,)))
            out[url] = ParsedEntry(
                guid=url, url=url, title=title, summary_html=f"<p>{html.escape(text)}</p>", text=normalize(text),
                author=_str(it.get("mediaName")) or KEYS["stocknews"],
                published=_when(_str(it.get("date")), fetched), title_norm=normalize(title), links=links)
    return sorted(out.values(), key=lambda e: -e.published)


def notice_entries(answers: dict[str, Any], fetched: int) -> list[ParsedEntry]:
    """Each watched stock's 公告 → entries linked to that stock (by the source, not by the text) and tagged 公告,
    with the category (财务报告, 重大事项 …) in the text and the author."""
    out: dict[str, ParsedEntry] = {}
    for code, data in answers.items():
        for it in (data.get("data") or {}).get("list") or []:
            art = _str(it.get("art_code"))
            title = clean_title(_str(it.get("title")))
            if not art or not title:
                continue
            columns = it.get("columns") or [{}]
            category = _str(columns[0].get("column_name")) if columns else ""
            names = [c for c in it.get("codes") or [] if _str(c.get("stock_code"))]
            linked = tuple(dict.fromkeys([code] + [_str(c.get("stock_code")) for c in names
                                                   if _str(c.get("ann_type", "A")).startswith("A")]))
            short = next((_str(c.get("short_name")) for c in names if _str(c.get("stock_code")) == code), "")
            when = _when(_str(it.get("display_time"))[:19] or _str(it.get("notice_date"))[:19], fetched)
            text = f"{short}（{code}）公告：{title}" + (f"（{category}）" if category else "")
            out[art] = ParsedEntry(
                guid=f"{PREFIX}notice:{art}", url=f"https://data.eastmoney.com/notices/detail/{code}/{art}.html",
                title=title, summary_html=f"<p>{html.escape(text)}</p>", text=normalize(text),
                author=f"{NOTICE_TAG}·{category}" if category else NOTICE_TAG, published=when,
                title_norm=normalize(title), links=linked, tags=(NOTICE_TAG,))
    return _newest("notices", list(out.values()), len(out))


def _own_rows(key: str, data: Any) -> list[dict[str, Any]]:
    """Our own reading of 新浪/同花顺/富途's JSON → rows like akshare's (标题, 内容, 发布时间 as Unix seconds, 链接,
    id). KeyError/TypeError on a changed shape: the source reports an unexpected format."""
    if key == "sina":
        items = data["result"]["data"]["feed"]["list"]
        return [{"id": it.get("id"), "标题": "", "内容": it.get("rich_text"), "时间文本": it.get("create_time"),
                 "链接": it.get("docurl") or ""} for it in items]
    if key == "ths":
        items = data["data"]["list"]
        return [{"id": it.get("id") or it.get("seq"), "标题": it.get("title"), "内容": it.get("digest"),
                 "秒": it.get("rtime") or it.get("ctime"), "链接": it.get("url")} for it in items]
    items = data["data"]["data"]["news"]
    return [{"id": it.get("id"), "标题": it.get("title"), "内容": it.get("content"), "秒": it.get("time"),
             "链接": it.get("detailUrl")} for it in items]


def entries(key: str, df: Any, fetched: int) -> list[ParsedEntry]:
    """akshare's frame (or, for OWN_JSON sources, the endpoint's JSON) → entries, newest first; rows without
    text are skipped."""
    if key == "notices":
        return notice_entries(df, fetched)
    if key == "stocknews":
        return stock_news_entries(df, fetched)
    if key in OWN_JSON:
        rows = _own_rows(key, df)
    elif df is None or getattr(df, "empty", True):
        return []
    else:
        rows = df.to_dict("records")
    given = len(rows)
    if given > MAX_ITEMS:   # only the newest MAX_ITEMS are turned into entries (the rest cost no memory)
        times = [_published(key, r, fetched) for r in rows]
        keep = sorted(range(given), key=lambda i: -times[i])[:MAX_ITEMS]
        rows = [rows[i] for i in sorted(keep)]
    out = []
    for r in rows:
        published = _published(key, r, fetched)
        if key in OWN_JSON:
            title, text = _str(r.get("标题")), _strip_tags(_str(r.get("内容")))
            url = _str(r.get("链接")) or None
        elif key == "cls":
            title, text = _str(r.get("标题")), _str(r.get("内容"))
            url = None
        else:
            title, text = _str(r.get("标题")), _str(r.get("摘要"))
            url = _str(r.get("链接")) or None
        if not text and not title:
            continue
        text = text or title
        title = clean_title(title) or _title_from(clean_title(text))   # markup in 内容: never in the title
        digest = hashlib.sha1(normalize(text).encode("utf-8")).hexdigest()[:16]
        item_id = _str(r.get("id")) if key in OWN_JSON else ""
        out.append(ParsedEntry(
            # stable: the same item fetched again is the same (the source's id where we have it)
            guid=f"{PREFIX}{key}:{item_id}" if item_id else f"{PREFIX}{key}:{published}:{digest}",
            url=url if url and url.startswith(("http://", "https://")) else None,
            title=title, summary_html=f"<p>{html.escape(text)}</p>", text=normalize(text), author=KEYS[key],
            published=published, date_missing=published == fetched, title_norm=normalize(title)))
    return _newest(key, out, given)


def _published(key: str, r: dict[str, Any], fetched: int) -> int:
    """A row's time (Unix seconds; the fetch time when missing or unreadable)."""
    if key in OWN_JSON:
        seconds = _int(r.get("秒"))
        return min(seconds, fetched) if seconds else _when(_str(r.get("时间文本")), fetched)
    if key == "cls":
        return _when(f"{r.get('发布日期')} {r.get('发布时间')}", fetched)
    return _when(_str(r.get("发布时间")), fetched)


def _str(v: Any) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    return " ".join(str(v).split())


def _int(v: Any) -> int:
    try:
        return int(float(v))
    except (TypeError, ValueError):
        return 0


_TAGS = re.compile(r"<[^>]+>")


def _strip_tags(text: str) -> str:
    """新浪's rich_text and 同花顺's digest may carry markup (<b>, <a>): plain text, entities decoded."""
    return " ".join(html.unescape(_TAGS.sub("", text)).split())


def _when(text: str, fetched: int) -> int:
    """"2026-11-20 14:31:05" (Asia/Shanghai, as both sources give it) → Unix seconds; the fetch time if unreadable
    or in the future."""
    try:
        dt = datetime.fromisoformat(text.strip()[:19]).replace(tzinfo=SHANGHAI)
    except ValueError:
        return fetched
    ts = int(dt.timestamp())
    return fetched if ts > fetched + 300 else ts


def _title_from(text: str) -> str:
    """电报 without a title: its 【bracketed lead】, else its first sentence, else its start."""
    m = _BRACKETED.match(text) or _SENTENCE.match(text)
    if m:
        return m.group(1).rstrip("。！？；")
    return text[:TITLE_MAX] + ("…" if len(text) > TITLE_MAX else "")
