"""A stand-in for curl_cffi in the frozen build (packaging/huohua.spec puts packaging/stubs first on the path).

akshare imports curl_cffi at import time in five modules (macro_china, macro_china_nbs, news_baidu,
news_stock, stock_hk_valuation_baidu) whose functions Huohua never calls: its per-stock news reads the same
endpoint through requests (sources/flash_news.py). The real package is 8 MB of libcurl-impersonate; this
keeps the bundle under its size bar (docs/PACKAGING.md). Calling anything here says so plainly.
"""

from curl_cffi import requests  # noqa: F401 - akshare does `from curl_cffi import requests`

__version__ = "0.0.0+huohua-stub"
