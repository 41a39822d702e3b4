"""The market indices the window keeps in view (上证指数 … 北证50), and their keys.

An index code can be a stock code too: 000001 is 平安银行 as a stock and 上证指数 as an index. So an index is
never named by its bare code anywhere in Huohua — not in a quote request, the quotes table, a pane or the CLI
— but by its exchange-prefixed key, "sh000001", which no stock code has (stocks are six digits). The prefix is
akshare's own (`stock_zh_index_daily_em`: sh → secid 1., sz → 0., bj → 0.; docs/FACTS.md) and is also the
index's Tencent symbol, so the key goes to either quote endpoint unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

_MARKET = {"sh": "1", "sz": "0", "bj": "0"}     # Eastmoney's secid prefix per exchange


@dataclass(frozen=True, slots=True)
class Index:
    key: str        # "sh000001": the only name an index goes by
    name: str       # 上证指数
    initials: str   # 拼音 initials (szzs) as core/stock_match.initials_of reads the name — fixed here, so the
                    # finder needs no pypinyin for them (tests/market/test_index_finder.py checks they agree)

    @property
    def code(self) -> str:
        """The six digits the exchange and the CLI show (not unique: see the module's docstring)."""
        return self.key[2:]

    @property
    def secid(self) -> str:
        return f"{_MARKET[self.key[:2]]}.{self.key[2:]}"


INDICES = (Index("sh000001", "上证指数", "szzs"), Index("sz399001", "深证成指", "szcz"),
           Index("sz399006", "创业板指", "cybz"), Index("sh000688", "科创50", "kc50"),
           Index("sh000300", "沪深300", "hs300"), Index("bj899050", "北证50", "bz50"))
INDEX_KEYS = tuple(i.key for i in INDICES)
_BY_KEY = {i.key: i for i in INDICES}
INDEX_SECIDS = frozenset(i.secid for i in INDICES)


def is_index_key(key: str) -> bool:
    return key in _BY_KEY


def index_of(key: str) -> Index | None:
    return _BY_KEY.get(key)
