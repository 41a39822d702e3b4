"""Eastmoney's clist, kline and trends2 answers read as akshare 1.19.5 reads them, without akshare or pandas
(issue 28): the whole-market snapshot, the industry and concept boards, a board's members, a stock's daily
bars and 1-minute bars, an index's daily bars.

Why: these run every 30 s to 5 min while the market is open, and akshare builds a DataFrame of each — pandas
alone is ~38 MiB of the market process, resident as long as it trades (docs/PERFORMANCE.md). Quotes, the 涨停
pools and three 快讯 sources were already read from their JSON.

What stays exactly akshare's, so recordings made through akshare still answer (sources/replay.py matches the
URL and parameters) and the parsers in akshare_frames.py / index_bars.py see the same rows:
- the URLs, parameters, retries (request_with_retry: 3 tries, backing off 1 s, 2 s plus 0.5–1.5 s) and the
  0.5–1.5 s pause between pages — both skipped in a replay and cut at the call's deadline, as the _SleepGate
  of akshare_source.py does;
- the columns: akshare names the JSON's keys by their position (the first row's keys, after a rank column),
  so a key more or less is a length mismatch and a reordered answer puts prices where codes belong — the same
  `ValueError` / values here, hence the same "columns changed" errors (sources/fetch_errors.translate);
- its numbers (`pd.to_numeric(errors="coerce")`: a number, or NaN), its dates (a `date`, or None where pandas
  has NaT), its minute labels ("YYYY-MM-DD HH:MM:SS"), its order (pages sorted by f3 descending, NaN last —
  stable here, where pandas' quicksort may order equal changes differently);
- the failures: `data: null` is a TypeError on None, an empty first page a ZeroDivisionError, a web page a
  JSONDecodeError, as in akshare's code (translate turns each into the same words).
"""

from __future__ import annotations

import math
import random
import time
from datetime import date, datetime
from typing import Any

from desktop.sources.recorder import call_remaining, sleeps_skipped

NAN = float("nan")
UT = "bd1d9ddb04089700cf9c27f6f7426281"
HIST_UT = "7eea3edcaed734bea9cbfc24409ed989"
KLINE_URL = "https://push2his.eastmoney.com/api/qt/stock/kline/get"
TRENDS_URL = "https://push2his.eastmoney.com/api/qt/stock/trends2/get"


class Rows:
    """The little of a DataFrame the parsers use: `empty`, `columns`, a column's values, `to_dict("records")`."""

    def __init__(self, columns: list[str], records: list[dict[str, Any]]):
        self.columns = list(columns)
        self._records = records

    @property
    def empty(self) -> bool:
        return not self._records or not self.columns

    def __len__(self) -> int:
        return len(self._records)

    def __getitem__(self, column: str) -> list[Any]:
        if column not in self.columns:
            raise KeyError(column)
        return [r[column] for r in self._records]

    def to_dict(self, orient: str = "records") -> list[dict[str, Any]]:
        if orient != "records":
            raise ValueError(f"only records, not {orient!r}")
        return [dict(r) for r in self._records]


def number(v: Any) -> Any:
    """`pd.to_numeric(errors="coerce")` of one value: a number stays, a numeric text becomes a float, else NaN."""
    if isinstance(v, bool) or v is None:
        return NAN
    if isinstance(v, (int, float)):
        return v
    try:
        return float(str(v).strip())
    except ValueError:
        return NAN


def _mismatch(have: int, names: int) -> ValueError:
    return ValueError(f"Length mismatch: Expected axis has {have} elements, new values have {names} elements")


def _named(keys: list[str], rows: list[dict[str, Any]], names: list[str], keep: list[str],
           numeric: frozenset[str]) -> Rows:
    """akshare's `df.columns = names` (by position) then `df[keep]` and to_numeric of the numeric ones."""
    if len(keys) != len(names):
        raise _mismatch(len(keys), len(names))
    where = {name: keys[names.index(name)] for name in keep}
    out = []
    for r in rows:
        rec = {}
        for name in keep:
            v = r.get(where[name], NAN)
            rec[name] = number(v) if name in numeric else v
        out.append(rec)
    return Rows(keep, out)


def _pause(seconds: float) -> None:
    if not sleeps_skipped():
        time.sleep(max(0.0, min(seconds, call_remaining())))


def _get_with_retry(url: str, params: dict[str, str], timeout: float = 15) -> Any:
    """akshare.utils.request.request_with_retry: a fresh session a try, 3 tries, raise_for_status."""
    import requests
    from requests.adapters import HTTPAdapter

    last: Exception | None = None
    for attempt in range(3):
        try:
            with requests.Session() as session:
                adapter = HTTPAdapter(pool_connections=1, pool_maxsize=1)
                session.mount("http://", adapter)
                session.mount("https://", adapter)
                resp = session.get(url, params=params, timeout=timeout)
                resp.raise_for_status()
                return resp
        except (requests.RequestException, ValueError) as exc:
            last = exc
            if attempt < 2:
                _pause(1.0 * (2 ** attempt) + random.uniform(0.5, 1.5))
    assert last is not None
    raise last


def _pages(url: str, params: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """akshare.utils.func.fetch_paginated_data: every page's `diff` rows, sorted by f3 descending with the rank
    in "index"; (the columns in akshare's order, the rows)."""
    params = dict(params)
    data = _get_with_retry(url, params).json()
    diff = data["data"]["diff"]
    total_page = math.ceil(data["data"]["total"] / len(diff))
    pages = [diff]
    for page in range(2, total_page + 1):
        params["pn"] = page
        _pause(random.uniform(0.5, 1.5))
        pages.append(_get_with_retry(url, params).json()["data"]["diff"])
    rows: list[dict[str, Any]] = []
    for diff in pages:
        rows.extend(r for r in (diff.values() if isinstance(diff, dict) else diff) if isinstance(r, dict))
    keys: dict[str, None] = {}
    for r in rows:
        keys.update(dict.fromkeys(r))
    if rows and "f3" not in keys:
        raise KeyError("f3")
    f3 = [number(r.get("f3", NAN)) for r in rows]
    order = sorted(range(len(rows)), key=lambda i: (math.isnan(f3[i]), -f3[i] if not math.isnan(f3[i]) else 0))
    ranked = [{"index": rank, **rows[i]} for rank, i in enumerate(order, 1)]
    return ["index", *keys], ranked


# -- the whole market, boards, members (clist) ----------------------------------------------------------
_CLIST = {"pn": "1", "pz": "100", "po": "1", "np": "1", "ut": UT, "fltt": "2", "invt": "2"}
_QUOTE_NUMBERS = frozenset({"最新价", "涨跌幅", "涨跌额", "成交量", "成交额", "振幅", "最高", "最低", "今开", "昨收",
                            "量比", "换手率", "市盈率-动态", "市净率", "总市值", "流通市值", "涨速", "5分钟涨跌",
                            "60日涨跌幅", "年初至今涨跌幅"})
_SPOT_NAMES = ("index _ 最新价 涨跌幅 涨跌额 成交量 成交额 振幅 换手率 市盈率-动态 量比 5分钟涨跌 代码 _ 名称 最高 最低 今开 昨收 "
               "总市值 流通市值 涨速 市净率 60日涨跌幅 年初至今涨跌幅 - - - - - - -").split()
_SPOT_KEEP = ("序号 代码 名称 最新价 涨跌幅 涨跌额 成交量 成交额 振幅 最高 最低 今开 昨收 量比 换手率 市盈率-动态 市净率 总市值 "
              "流通市值 涨速 5分钟涨跌 60日涨跌幅 年初至今涨跌幅").split()


def spot() -> Rows:
    """stock_zh_a_spot_em: every A share, page by page (the snapshot's pages are also watched as they arrive)."""
    params = {**_CLIST, "fid": "f12", "fs": "m:0 t:6,m:0 t:80,m:1 t:2,m:1 t:23,m:0 t:81 s:2048",
              "fields": "f1,f2,f3,f4,f5,f6,f7,f8,f9,f10,f12,f13,f14,f15,f16,f17,f18,f20,f21,f23,f24,f25,f22,f11,"
                        "f62,f128,f136,f115,f152"}
    keys, rows = _pages("https://82.push2.eastmoney.com/api/qt/clist/get", params)
    names = ["序号" if n == "index" else n for n in _SPOT_NAMES]      # akshare renames index → 序号
    return _named(keys, rows, names, _SPOT_KEEP, _QUOTE_NUMBERS)


_BOARD_KEEP = "排名 板块名称 板块代码 最新价 涨跌额 涨跌幅 总市值 换手率 上涨家数 下跌家数 领涨股票 领涨股票-涨跌幅".split()
_BOARD_NUMBERS = frozenset({"最新价", "涨跌额", "涨跌幅", "总市值", "换手率", "上涨家数", "下跌家数", "领涨股票-涨跌幅"})
_INDUSTRY_NAMES = ("排名 - 最新价 涨跌幅 涨跌额 - _ - 换手率 - - - 板块代码 - 板块名称 - - - - 总市值 - - - - - - - - 上涨家数 下跌家数 "
                   "- - - 领涨股票 - - 领涨股票-涨跌幅 - - - - -").split()
_CONCEPT_NAMES = ("排名 最新价 涨跌幅 涨跌额 换手率 _ 板块代码 板块名称 _ _ _ _ 总市值 _ _ _ _ _ _ 上涨家数 下跌家数 _ _ 领涨股票 _ _ "
                  "领涨股票-涨跌幅").split()
_CONCEPT_URLS = ("https://79.push2.eastmoney.com/api/qt/clist/get", "https://17.push2.eastmoney.com/api/qt/clist/get",
                 "https://push2.eastmoney.com/api/qt/clist/get")


def boards(kind: str) -> Rows:
    """stock_board_industry_name_em / stock_board_concept_name_em (the concept list tries three hosts)."""
    if kind == "industry":
        params = {**_CLIST, "fid": "f3", "fs": "m:90 t:2 f:!50",
                  "fields": "f1,f2,f3,f4,f5,f6,f7,f8,f9,f10,f12,f13,f14,f15,f16,f17,f18,f20,f21,f23,f24,f25,f26,"
                            "f22,f33,f11,f62,f128,f136,f115,f152,f124,f107,f104,f105,f140,f141,f207,f208,f209,f222"}
        keys, rows = _pages("https://17.push2.eastmoney.com/api/qt/clist/get", params)
        return _named(keys, rows, _INDUSTRY_NAMES, _BOARD_KEEP, _BOARD_NUMBERS)
    import requests

    params = {**_CLIST, "fid": "f12", "fs": "m:90 t:3 f:!50",
              "fields": "f2,f3,f4,f8,f12,f14,f15,f16,f17,f18,f20,f21,f24,f25,f22,f33,f11,f62,f128,f124,f107,f104,"
                        "f105,f136"}
    last: Exception | None = None
    for url in _CONCEPT_URLS:
        try:
            keys, rows = _pages(url, params)
            break
        except requests.RequestException as exc:
            last = exc
    else:
        assert last is not None
        raise last
    return _named(keys, rows, _CONCEPT_NAMES, _BOARD_KEEP, _BOARD_NUMBERS)


_MEMBER_NAMES = ("序号 _ 最新价 涨跌幅 涨跌额 成交量 成交额 振幅 换手率 市盈率-动态 _ _ 代码 _ 名称 最高 最低 今开 昨收 _ _ _ 市净率 "
                 "_ _ _ _ _ _ _ _ _ _").split()
_MEMBER_KEEP = "序号 代码 名称 最新价 涨跌幅 涨跌额 成交量 成交额 振幅 最高 最低 今开 昨收 换手率 市盈率-动态 市净率".split()


def members(code: str, kind: str) -> Rows:
    """stock_board_industry_cons_em / stock_board_concept_cons_em of a BK code (sorted by f3 / f12)."""
    params = {**_CLIST, "fid": "f3" if kind == "industry" else "f12", "fs": f"b:{code} f:!50",
              "fields": "f1,f2,f3,f4,f5,f6,f7,f8,f9,f10,f12,f13,f14,f15,f16,f17,f18,f20,f21,f23,f24,f25,f22,f11,"
                        "f62,f128,f136,f115,f152,f45"}
    keys, rows = _pages("https://29.push2.eastmoney.com/api/qt/clist/get", params)
    return _named(keys, rows, _MEMBER_NAMES, _MEMBER_KEEP, _QUOTE_NUMBERS)


# -- bars (kline, trends2) ---------------------------------------------------------------------------
def _split(lines: list[Any]) -> tuple[int, list[list[Any]]]:
    """`pd.DataFrame([item.split(",") ...])`: as many columns as the longest row, the short ones padded."""
    rows = [str(item).split(",") for item in lines]
    width = max((len(r) for r in rows), default=0)
    return width, [r + [None] * (width - len(r)) for r in rows]


def _day(text: Any) -> date | None:
    """`pd.to_datetime(errors="coerce").dt.date`: a date, None where pandas has NaT."""
    try:
        return datetime.fromisoformat(str(text).strip()).date()
    except ValueError:
        return None


def _by_position(width: int, rows: list[list[Any]], names: list[str], numeric: frozenset[str]
                 ) -> list[dict[str, Any]]:
    if width != len(names):
        raise _mismatch(width, len(names))
    return [{n: (number(v) if n in numeric else v) for n, v in zip(names, r, strict=True) if n != "_"} for r in rows]


_BAR_NUMBERS = frozenset({"开盘", "收盘", "最高", "最低", "成交量", "成交额", "振幅", "涨跌幅", "涨跌额", "换手率", "均价"})


def daily(symbol: str, start_date: str, adjust: str = "", timeout: float | None = None) -> Rows:
    """stock_zh_a_hist(symbol, "daily", start_date, "20500101", adjust, timeout); empty without klines."""
    import requests

    params = {"fields1": "f1,f2,f3,f4,f5,f6", "fields2": "f51,f52,f53,f54,f55,f56,f57,f58,f59,f60,f61,f116",
              "ut": HIST_UT, "klt": "101", "fqt": {"qfq": "1", "hfq": "2", "": "0"}[adjust],
              "secid": f"{1 if symbol.startswith('6') else 0}.{symbol}", "beg": start_date, "end": "20500101"}
    data = requests.get(KLINE_URL, params=params, timeout=timeout).json()
    if not (data["data"] and data["data"]["klines"]):
        return Rows([], [])
    width, rows = _split(data["data"]["klines"])
    names = ["日期", "开盘", "收盘", "最高", "最低", "成交量", "成交额", "振幅", "涨跌幅", "涨跌额", "换手率"]
    records = _by_position(width + 1, [r + [symbol] for r in rows], [*names, "股票代码"], _BAR_NUMBERS)
    for r in records:
        r["日期"] = _day(r["日期"])
    keep = ["日期", "股票代码", *names[1:]]
    return Rows(keep, [{k: r[k] for k in keep} for r in records])


def minutes(symbol: str) -> Rows:
    """stock_zh_a_hist_min_em(symbol, period="1"): the last 5 days' 1-minute bars (trends2)."""
    import requests

    params = {"fields1": "f1,f2,f3,f4,f5,f6,f7,f8,f9,f10,f11,f12,f13", "fields2": "f51,f52,f53,f54,f55,f56,f57,f58",
              "ut": HIST_UT, "ndays": "5", "iscr": "0", "secid": f"{1 if symbol.startswith('6') else 0}.{symbol}"}
    data = requests.get(TRENDS_URL, timeout=15, params=params).json()
    width, rows = _split(data["data"]["trends"])
    names = ["时间", "开盘", "收盘", "最高", "最低", "成交量", "成交额", "均价"]
    records = _by_position(width, rows, names, _BAR_NUMBERS)
    for i, r in enumerate(records):
        try:      # pd.to_datetime without errors="coerce": one bad label fails the answer, as in akshare
            r["时间"] = datetime.fromisoformat(str(r["时间"]).strip()).strftime("%Y-%m-%d %H:%M:%S")
        except ValueError:
            raise ValueError(f"Unknown datetime string format, unable to parse: {r['时间']}, at position {i}") from None
    # akshare's default slice 1979-09-01 09:32 … 2222-01-01 09:32
    records = [r for r in records if "1979-09-01 09:32:00" <= r["时间"] <= "2222-01-01 09:32:00"]
    return Rows(names, records)


def index_daily(symbol: str, start_date: str) -> Rows:
    """stock_zh_index_daily_em(symbol, start_date, "20500101"): an index's daily bars by its key (sh000001)."""
    import requests

    markets = {"sz": "0", "sh": "1", "csi": "2", "bj": "0"}
    for prefix in ("sz", "bj", "sh", "csi"):          # akshare's order of `find`
        if prefix in symbol:
            secid = f"{markets[prefix]}.{symbol.replace(prefix, '')}"
            break
    else:
        return Rows([], [])
    params = {"secid": secid, "fields1": "f1,f2,f3,f4,f5", "fields2": "f51,f52,f53,f54,f55,f56,f57,f58",
              "klt": "101", "fqt": "0", "beg": start_date, "end": "20500101"}
    data = requests.get(KLINE_URL, params=params).json()
    width, rows = _split(data["data"]["klines"])
    if not rows:
        return Rows([], [])
    names = ["date", "open", "close", "high", "low", "volume", "amount", "_"]
    numeric = frozenset({"open", "close", "high", "low", "volume", "amount"})
    return Rows(names[:-1], _by_position(width, rows, names, numeric))
