"""财联社 电报 and 东方财富 全球快讯 read as akshare 1.19.5's `stock_info_global_cls(symbol="全部")` and
`stock_info_global_em()` read them, without akshare or pandas (issue 28): the feed refresher asks for them every
few minutes, and their DataFrames kept pandas (~38 MiB) resident in the market process for the whole session.

The same requests (URL, parameters, headers; 财联社's `last_time` and `sign` over it — replay ignores both), the
same retries (财联社: up to 10 tries, backing off 1, 2, 4 … s — skipped in a replay, cut at the call's deadline),
the same failures under the same exception names (sources/fetch_errors.translate reads akshare's by name), and
rows with akshare's columns for flash_news.entries:
- 财联社: 标题, 内容, 发布日期, 发布时间 (the date and the time of `ctime` in Asia/Shanghai), oldest first;
- 东方财富: 标题, 摘要, 发布时间, 链接 (https://finance.eastmoney.com/a/<code>.html).
An empty item list is an empty answer here (akshare raised on it, and flash_news turned that error into no
items: the same outcome).
"""

from __future__ import annotations

import hashlib
import time
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from desktop.core import clock
from desktop.core.market_hours import SHANGHAI
from desktop.sources.em_json import NAN, Rows
from desktop.sources.recorder import call_remaining, sleeps_skipped

CLS_URL = "https://www.cls.cn/v1/roll/get_roll_list"
EM_URL = "https://np-weblist.eastmoney.com/comm/web/getFastNewsList"
AKSHARE_HEADERS = {"User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                                 "Chrome/114.0.0.0 Safari/537.36"}      # akshare.utils.cons.headers


# akshare.exceptions' names: fetch_errors.translate tells them apart by name
class APIError(Exception):
    pass


class RateLimitError(Exception):
    pass


class DataParsingError(Exception):
    pass


class NetworkError(Exception):
    pass


def _json_with_retry(url: str, params: dict[str, Any], headers: dict[str, str], max_retries: int) -> Any:
    """akshare.request.make_request_with_retry_json."""
    import requests

    delay = 1.0
    for attempt in range(max_retries):
        try:
            resp = requests.get(url, params=params, headers=headers)
            if resp.status_code == 200:
                try:
                    data = resp.json()
                except ValueError:
                    raise DataParsingError("Failed to parse JSON response") from None
                if not data:
                    raise DataParsingError("Empty response data")
                return data
            if resp.status_code == 429:
                raise RateLimitError(f"Rate limit exceeded. Status code: {resp.status_code}")
            raise APIError(f"API request failed. Status code: {resp.status_code}")
        except (requests.RequestException, RateLimitError, APIError, DataParsingError) as exc:
            if attempt == max_retries - 1:
                if isinstance(exc, (RateLimitError, APIError, DataParsingError)):
                    raise
                raise NetworkError(f"Failed to connect after {max_retries} attempts: {exc}") from exc
            if not sleeps_skipped():
                time.sleep(max(0.0, min(delay, call_remaining())))
            delay *= 2
    raise NetworkError(f"Failed to connect after {max_retries} attempts")


def _columns(items: list[dict[str, Any]], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """`pd.DataFrame(items)[list(keys)]`: a key no item has is a KeyError, a key some lack is NaN."""
    present = {k for it in items for k in it}
    missing = [k for k in keys if k not in present]
    if missing:
        raise KeyError(f"{missing} not in index")
    return [{k: it.get(k, NAN) for k in keys} for it in items if isinstance(it, dict)]


def cls() -> Rows:
    params: dict[str, Any] = {"app": "CailianpressWeb", "category": "", "last_time": int(clock.now()), "os": "web",
                              "refresh_type": "1", "rn": "20", "sv": "8.4.6"}
    params["sign"] = hashlib.md5(hashlib.sha1(urlencode(params).encode("utf-8")).hexdigest().encode("utf-8")).hexdigest()
    items = _json_with_retry(CLS_URL, params, AKSHARE_HEADERS, max_retries=10)["data"]["roll_data"]
    if not items:
        return Rows([], [])
    rows = []
    for r in _columns(items, ("title", "content", "ctime", "level")):
        at = datetime.fromtimestamp(int(r["ctime"]), SHANGHAI)
        rows.append({"标题": r["title"], "内容": r["content"], "发布日期": at.date(), "发布时间": at.time(),
                     "_at": at})
    rows.sort(key=lambda r: r["_at"])
    keep = ["标题", "内容", "发布日期", "发布时间"]
    return Rows(keep, [{k: r[k] for k in keep} for r in rows])


def em() -> Rows:
    import requests

    params = {"client": "web", "biz": "web_724", "fastColumn": "102", "sortEnd": "", "pageSize": "200",
              "req_trace": "1710315450384"}
    items = requests.get(EM_URL, params=params).json()["data"]["fastNewsList"]
    if not items:
        return Rows([], [])
    rows = [{"标题": r["title"], "摘要": r["summary"], "发布时间": r["showTime"],
             "链接": f"https://finance.eastmoney.com/a/{r['code']}.html"}
            for r in _columns(items, ("title", "summary", "showTime", "code"))]
    return Rows(["标题", "摘要", "发布时间", "链接"], rows)
