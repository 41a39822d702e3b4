"""持仓 (positions): trades (buys and sells) of A-shares, their cost by FIFO or average cost, realised profit, and
the holdings' figures against a quote (issue 27). Pure and Qt-free: no store, no clock (the caller says which day
is today), no quote source.

Money is `decimal.Decimal`, exact: a price of 10.01 × 300 shares is 3003.00 and a total of many holdings never
drifts the way floats do. Costs are kept at full precision (a lot's cost is split by subtraction, so what is
taken out and what stays always add up to what was paid); `money()` rounds to 0.01 元 for display only.

Cost methods (docs/POSITIONS.md says which broker shows what):
- "fifo": 先进先出 — a sell takes the oldest shares first; the rest keep their own buy price.
- "average": 移动加权平均 — every buy joins one pool at its cost; a sell takes shares out at the pool's average,
  which a sell does not change.
Either way `diluted_cost` is the 摊薄成本: what was paid in minus what sells brought back, per share held — realised
profit lowers it, a loss raises it. It does not depend on the method.

Validation (docs/FACTS.md "Positions"): buys of 主板/创业板 in round lots of 100 shares; 科创板 (688, 689) at least 200
and then any number; 北交所 at least 100 and then any number; sells of any whole number up to what is held at that
date (odd lots may be sold). A problem is a PositionError with a message key, said in Chinese or English.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from desktop.core.errors import HuohuaError

METHODS = ("average", "fifo")
SIDES = ("buy", "sell")
CENT = Decimal("0.01")
MILLI = Decimal("0.001")
ZERO = Decimal(0)
HUNDRED = Decimal(100)
MAX_SHARES = 10**10          # more shares than any listed company has: a typo, not a holding
MAX_PRICE = Decimal(100000)  # 元 per share; the dearest A-share is a few thousand
_CODE = re.compile(r"\d{6}")

# Every problem in both languages: (中文, English), with {fields}.
MESSAGES: dict[str, tuple[str, str]] = {
    "bad_code": ("{code!r} 不是 A 股代码（6 位数字，例如 300750）",
                 "{code!r} is not an A-share code (6 digits, e.g. 300750)"),
    "unknown_code": ("未知的股票代码 {code}：股票列表中没有它",
                     "unknown stock code {code}: it is not in the stock list"),
    "bad_side": ("{side!r} 不是买卖方向（buy 或 sell）", "{side!r} is not a side (buy or sell)"),
    "bad_shares": ("股数必须是正整数（收到 {shares}）", "the number of shares must be a whole number above 0 (got {shares})"),
    "round_lot": ("{code} 买入须为 100 股的整数倍（收到 {shares} 股）",
                  "a buy of {code} must be a multiple of 100 shares (got {shares})"),
    "star_lot": ("{code} 是科创板股票：买入至少 200 股（收到 {shares} 股）",
                 "{code} is on the STAR Market (科创板): a buy is at least 200 shares (got {shares})"),
    "bse_lot": ("{code} 是北交所股票：买入至少 100 股（收到 {shares} 股）",
                "{code} is on the Beijing Stock Exchange: a buy is at least 100 shares (got {shares})"),
    "bad_price": ("价格必须大于 0 且不超过 100000 元（收到 {price}）",
                  "the price must be above 0 and at most 100000 yuan (got {price})"),
    "bad_fee": ("费用必须是 0 或正数（收到 {fee}）", "the fee must be 0 or more (got {fee})"),
    "bad_date": ("{date!r} 不是日期（格式 2026-11-20）", "{date!r} is not a date (use 2026-11-20)"),
    "future_date": ("成交日期 {date} 晚于今天 {today}", "the trade date {date} is after today ({today})"),
    "oversell": ("{code} 在 {date} 只持有 {held} 股，不能卖出 {shares} 股",
                 "{code}: only {held} shares are held on {date}, cannot sell {shares}"),
    "bad_method": ("{method!r} 不是成本算法（average 或 fifo）", "{method!r} is not a cost method (average or fifo)"),
    "bad_row": ("第 {line} 行：{problem}", "line {line}: {problem}"),
}


class PositionError(HuohuaError):
    """A trade that cannot be kept. `key` names the problem (MESSAGES); `text(language)` says it. str() is the
    English, like every other error's (logs read the same everywhere)."""

    def __init__(self, key: str, **fields: object):
        self.key, self.fields = key, fields
        self.trade: Trade | None = None
        super().__init__(self.text("en"))

    def text(self, language: str = "zh_CN") -> str:
        zh, en = MESSAGES[self.key]
        english = str(language).startswith("en")
        fields = {k: (v.text(language) if isinstance(v, PositionError) else v) for k, v in self.fields.items()}
        return (en if english else zh).format(**fields)


@dataclass(frozen=True, slots=True)
class Trade:
    """One buy (a lot) or sell. `fee` is everything paid on it (佣金, 印花税, 过户费), in 元."""

    code: str
    date: date
    side: str
    shares: int
    price: Decimal
    fee: Decimal = ZERO
    id: int | None = None          # the store's row id; orders trades of one day (entered order)


def decimal_of(value: object, key: str = "bad_price", name: str = "price") -> Decimal:
    """An exact Decimal from text, an int, a Decimal or a float (a float by its shortest repr: 284.04 is
    Decimal('284.04'), never 284.0399999…). PositionError `key` when it is not a finite number."""
    if isinstance(value, bool):
        raise PositionError(key, **{name: value})
    try:
        d = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise PositionError(key, **{name: value}) from None
    if not d.is_finite():
        raise PositionError(key, **{name: value})
    return d


def date_of(value: object) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise PositionError("bad_date", date=str(value)) from None


def is_star(code: str) -> bool:
    """科创板: 688xxx shares and 689xxx CDRs."""
    return code.startswith(("688", "689"))


def is_bse(code: str) -> bool:
    """北交所: 920xxx (since 2025), and the older 8xxxxx / 4xxxxx codes."""
    return code.startswith(("92", "8", "4"))


def make_trade(code: object, when: object, side: object, shares: object, price: object, fee: object = 0, *,
               known: Callable[[str], bool] | None = None, today: date | None = None,
               id: int | None = None) -> Trade:
    """A checked Trade from loose values (the CLI's, a CSV row's). Raises PositionError naming the problem.
    `known(code)`: is it a stock we know; `today`: no trade after it."""
    code = str(code).strip()
    if not _CODE.fullmatch(code) or not code.startswith(("60", "68", "00", "30", "92", "8", "4")):
        raise PositionError("bad_code", code=code)
    if known is not None and not known(code):
        raise PositionError("unknown_code", code=code)
    side = str(side).strip().lower()
    if side not in SIDES:
        raise PositionError("bad_side", side=side)
    n = _whole(shares)
    p = decimal_of(price)
    if not ZERO < p <= MAX_PRICE:
        raise PositionError("bad_price", price=price)
    f = decimal_of(fee, "bad_fee", "fee") if fee not in (None, "") else ZERO
    if f < ZERO:
        raise PositionError("bad_fee", fee=fee)
    d = date_of(when)
    if today is not None and d > today:
        raise PositionError("future_date", date=d.isoformat(), today=today.isoformat())
    if side == "buy":
        _check_buy_lot(code, n)
    return Trade(code, d, side, n, p, f, id)


def _whole(shares: object) -> int:
    if isinstance(shares, bool):
        raise PositionError("bad_shares", shares=shares)
    if isinstance(shares, float):
        ok = math.isfinite(shares) and shares.is_integer()
        n = int(shares) if ok else 0
    else:
        text = str(shares).strip().replace(",", "")
        n = int(text) if re.fullmatch(r"\+?\d{1,12}", text) else 0
    if not 0 < n <= MAX_SHARES:
        raise PositionError("bad_shares", shares=shares)
    return n


def _check_buy_lot(code: str, shares: int) -> None:
    if is_star(code):
        if shares < 200:
            raise PositionError("star_lot", code=code, shares=shares)
    elif is_bse(code):
        if shares < 100:
            raise PositionError("bse_lot", code=code, shares=shares)
    elif shares % 100:
        raise PositionError("round_lot", code=code, shares=shares)


def ordered(trades: Iterable[Trade]) -> list[Trade]:
    """By date, then as entered (the store's id; a trade not stored yet comes after those of its day)."""
    return sorted(trades, key=lambda t: (t.date, t.id is None, t.id or 0))


@dataclass(slots=True)
class Book:
    """One stock's trades replayed: what is held, what it cost, what was realised."""

    code: str
    method: str
    shares: int = 0
    cost: Decimal = ZERO              # the held shares' cost by `method`, fees included, full precision
    realized: Decimal = ZERO          # 已实现盈亏: sells' proceeds (after fees) minus their shares' cost
    paid: Decimal = ZERO              # all buys' cash out (price × shares + fee)
    received: Decimal = ZERO          # all sells' cash in (price × shares − fee)
    lots: list[list[Any]] = field(default_factory=list)   # fifo: [date, shares left, cost left] oldest first

    @property
    def cost_price(self) -> Decimal | None:
        """成本价: the held shares' cost per share (by the method); None when nothing is held."""
        return self.cost / self.shares if self.shares else None

    @property
    def diluted_cost(self) -> Decimal | None:
        """摊薄成本价: (paid − received) / shares held; realised profit lowers it (it can go below 0)."""
        return (self.paid - self.received) / self.shares if self.shares else None


def replay(trades: Iterable[Trade], method: str = "average") -> dict[str, Book]:
    """Every stock's Book, trades applied in order. PositionError "oversell" when a sell is larger than what is
    held at its date (so a trade list that passes can be stored whole)."""
    if method not in METHODS:
        raise PositionError("bad_method", method=method)
    books: dict[str, Book] = {}
    for t in ordered(trades):
        b = books.setdefault(t.code, Book(t.code, method))
        gross = t.price * t.shares
        if t.side == "buy":
            cost = gross + t.fee
            b.shares += t.shares
            b.cost += cost
            b.paid += cost
            b.lots.append([t.date, t.shares, cost])
            continue
        if t.shares > b.shares:
            exc = PositionError("oversell", code=t.code, date=t.date.isoformat(), held=b.shares, shares=t.shares)
            exc.trade = t           # which one: an import names its line
            raise exc
        out = _take_fifo(b, t.shares) if method == "fifo" else _take_average(b, t.shares)
        proceeds = gross - t.fee
        b.shares -= t.shares
        b.cost -= out
        b.received += proceeds
        b.realized += proceeds - out
        if b.shares == 0:
            b.cost, b.lots = ZERO, []     # exactly nothing left (average's division leaves no residue then)
    return books


def _take_average(b: Book, n: int) -> Decimal:
    taken = b.cost if n == b.shares else b.cost * n / b.shares
    # the lots follow the pool (oldest first) only so that their shares stay true for the chart's markers
    _take_fifo(b, n)
    return taken


def _take_fifo(b: Book, n: int) -> Decimal:
    """The cost of the oldest n shares, taken out of b.lots; a partly sold lot keeps cost left by subtraction."""
    taken = ZERO
    while n:
        lot = b.lots[0]
        k = min(n, lot[1])
        part = lot[2] if k == lot[1] else lot[2] * k / lot[1]
        lot[1] -= k
        lot[2] -= part
        taken += part
        n -= k
        if lot[1] == 0:
            b.lots.pop(0)
    return taken


def check(trades: Iterable[Trade]) -> None:
    """PositionError when the trades cannot all stand (a sell larger than the holding at its date)."""
    replay(trades, "fifo")


@dataclass(frozen=True, slots=True)
class Holding:
    """One stock's row of the 持仓 table. Money in 元, exact; None where there is no quote."""

    code: str
    name: str
    shares: int                     # 持仓
    cost_price: Decimal             # 成本价 (by the method)
    diluted_cost: Decimal           # 摊薄成本价
    cost: Decimal                   # the held shares' total cost
    price: Decimal | None           # 现价
    value: Decimal | None           # 市值 = shares × price, exactly
    pnl_today: Decimal | None       # 当日盈亏
    pnl: Decimal | None             # 浮动盈亏 = value − cost
    pnl_pct: Decimal | None         # 盈亏% = pnl / cost × 100
    weight_pct: Decimal | None      # 仓位占比: value / all holdings' value × 100
    realized: Decimal               # 已实现盈亏


@dataclass(frozen=True, slots=True)
class Totals:
    value: Decimal
    cost: Decimal
    pnl_today: Decimal
    pnl: Decimal
    realized: Decimal

    @property
    def pnl_pct(self) -> Decimal | None:
        return self.pnl / self.cost * HUNDRED if self.cost else None


@dataclass(frozen=True, slots=True)
class Quote:
    """What the figures need of a quote: the price, the previous close and the day it is from."""

    price: Decimal
    prev_close: Decimal | None = None
    day: date | None = None
    name: str = ""


def day_pnl(trades: Iterable[Trade], code: str, quote: Quote, today: date) -> Decimal | None:
    """当日盈亏 of one stock: shares held overnight against the previous close, shares bought today against what
    they cost (their price and fee), shares sold today for what they brought. The cash way: value now − value
    at the previous close of the shares held then − today's buys + today's sells. None without a previous close.
    A quote from an earlier day (before today's open) has not moved today: its price stands for the close."""
    mine = [t for t in trades if t.code == code and t.date <= today]
    stale = quote.day is not None and quote.day < today
    ref = quote.price if stale else quote.prev_close
    if ref is None:
        return None
    overnight = sum((t.shares if t.side == "buy" else -t.shares) for t in mine if t.date < today)
    now_shares = sum((t.shares if t.side == "buy" else -t.shares) for t in mine)
    flow = ZERO
    for t in mine:
        if t.date == today:
            gross = t.price * t.shares
            flow += -(gross + t.fee) if t.side == "buy" else gross - t.fee
    return now_shares * quote.price - overnight * ref + flow


def holdings(trades: Iterable[Trade], quotes: dict[str, Quote], today: date, method: str = "average",
             names: dict[str, str] | None = None) -> tuple[list[Holding], Totals]:
    """The 持仓 rows (stocks with shares held, in code order) and the totals. Totals' realised profit counts
    stocks sold out too; value, cost and 浮动盈亏 count only the rows with a quote."""
    trades = list(trades)
    books = replay(trades, method)
    held = [b for b in books.values() if b.shares]
    values = {b.code: quotes[b.code].price * b.shares for b in held if b.code in quotes}
    total_value = sum(values.values(), ZERO)
    rows = []
    for b in sorted(held, key=lambda b: b.code):
        q = quotes.get(b.code)
        value = values.get(b.code)
        pnl = value - b.cost if value is not None else None
        name = (names or {}).get(b.code) or (q.name if q else "")
        cost_price, diluted_cost = b.cost_price, b.diluted_cost
        assert cost_price is not None and diluted_cost is not None     # None only when nothing is held
        rows.append(Holding(
            b.code, name, b.shares, cost_price, diluted_cost, b.cost, q.price if q else None, value,
            day_pnl(trades, b.code, q, today) if q else None, pnl,
            pnl / b.cost * HUNDRED if pnl is not None and b.cost else None,
            value / total_value * HUNDRED if value is not None and total_value else None, b.realized))
    priced = [r for r in rows if r.value is not None]
    totals = Totals(total_value, sum((r.cost for r in priced), ZERO),
                    sum((r.pnl_today for r in priced if r.pnl_today is not None), ZERO),
                    sum((r.pnl for r in priced if r.pnl is not None), ZERO),
                    sum((b.realized for b in books.values()), ZERO))
    return rows, totals


def money(d: Decimal | None, places: Decimal = CENT) -> Decimal | None:
    """For display: rounded half up to 0.01 元 (or `places`). Never stored rounded."""
    return None if d is None else d.quantize(places, rounding=ROUND_HALF_UP)
