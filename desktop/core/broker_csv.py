"""A broker's CSV export read as 持仓 trades (issue 27; docs/POSITIONS.md "A broker's export"). Pure and Qt-free:
the caller reads the file (services/broker_csv.py) and hands over its header and rows.

A broker's export (同花顺's 历史成交/交割单, 东方财富's 交割单, 华泰's, 国泰君安's …) names its columns its own way and
holds more than trades. A **mapping** says which column holds each of our fields (`date`, `code`, `side`,
`shares`, `price`, and `fee` as the sum of any number of columns: 佣金 + 印花税 + 过户费 …); `guess` proposes one
from the header's words; the user corrects it once and it is remembered by the header's **signature** (the header
line itself). `convert` turns every row into a trade, a skipped row (a 操作 that is not a buy or a sell: 红利入账,
股息红利税补缴, 银行转证券 … — counted, not an error) or an error naming the file's line — through
core/positions.make_trade, the same checks as every other way in.

Cells are only ever read as text: an Excel text-keeping cell `="002594"` gives `002594`, a `'` in front is taken
off, and anything else formula-looking stays the text it is (a code `=1+1` is a bad code, never evaluated).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop.core.positions import PositionError, Trade, make_trade

FIELDS = ("date", "code", "side", "shares", "price", "fee")
REQUIRED = FIELDS[:5]

# The header words each field goes by, the likeliest first (exports of 同花顺, 东方财富, 华泰, 国泰君安, 招商 …).
CANDIDATES: dict[str, tuple[str, ...]] = {
    "date": ("成交日期", "发生日期", "交易日期", "业务日期", "交收日期", "清算日期", "日期", "date"),
    "code": ("证券代码", "股票代码", "证券编码", "代码", "code"),
    "side": ("操作", "买卖标志", "业务名称", "买卖方向", "委托类别", "买卖类别", "交易类别", "业务类型", "摘要",
             "方向", "买卖", "side"),
    "shares": ("成交数量", "成交股数", "发生数量", "数量", "股数", "shares"),
    "price": ("成交均价", "成交价格", "成交价", "均价", "价格", "price"),
}
# Every fee column there is is summed (what a trade cost besides the shares); 净佣金 only when there is no 佣金.
FEE_PARTS = ("手续费", "佣金", "净佣金", "印花税", "过户费", "其他费", "其他杂费", "规费", "交易规费", "经手费", "证管费",
             "交易所清算费", "结算费", "fee")
NAME_COLUMNS = ("证券名称", "股票名称", "名称")      # shown beside the code in the preview, never imported

# 操作 words. Anything else — 红利入账, 股息红利税补缴, 银行转证券, 新股入帐, 申购配号, a 合计 line — is not a trade.
BUY_WORDS = frozenset({"买", "买入", "证券买入", "普通买入", "担保品买入", "融资买入", "b", "buy"})
SELL_WORDS = frozenset({"卖", "卖出", "证券卖出", "普通卖出", "担保品卖出", "卖券还款", "s", "sell"})
SHORT_WORDS = ("融券", "还券")     # a short sale or its cover is not a holding: skipped as not a trade

_BRACKETS = re.compile(r"[（(][^）)]*[）)]")
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_CODE_AFFIX = re.compile(r"^(?:SH|SZ|BJ)[.]?(\d{1,6})$|^(\d{1,6})[.](?:SH|SZ|BJ|SS)$", re.IGNORECASE)
_EXCEL_TEXT = re.compile(r'^="(.*)"$', re.DOTALL)


def word(cell: str) -> str:
    """A header word as compared: no spaces, no (元)-style unit."""
    return _BRACKETS.sub("", cell).replace(" ", "").replace("\u3000", "").strip().lower()


def clean(cell: str) -> str:
    """A cell as text: surrounding spaces off, `="002594"` (Excel's way of keeping a text) → 002594, one leading
    ' (ours or a spreadsheet's) off, NULs gone. Nothing is ever evaluated."""
    c = cell.replace("\0", "").strip()
    m = _EXCEL_TEXT.match(c)
    if m:
        c = m.group(1).strip()
    if c.startswith("'"):
        c = c[1:].strip()
    return c


def signature(header: Sequence[str]) -> str:
    """What a mapping is remembered by: the header line, its cells cleaned and joined by commas."""
    return ",".join(clean(c) for c in header)


@dataclass(frozen=True)
class Mapping:
    """Which column holds each field: a column index for date…price (-1: not chosen), fee as any number."""
    date: int = -1
    code: int = -1
    side: int = -1
    shares: int = -1
    price: int = -1
    fee: tuple[int, ...] = ()

    def missing(self) -> list[str]:
        return [f for f in REQUIRED if getattr(self, f) < 0]

    def names(self, header: Sequence[str]) -> dict[str, object]:
        """The mapping by column names (how it is remembered and written on the command line)."""
        out: dict[str, object] = {f: clean(header[getattr(self, f)]) for f in REQUIRED if getattr(self, f) >= 0}
        out["fee"] = [clean(header[i]) for i in self.fee]
        return out


def by_names(header: Sequence[str], names: dict[str, Any]) -> Mapping | None:
    """A mapping given by column names (remembered, or `--map`) on this header; None when a name is not in it or
    a value is not a name."""
    index: dict[str, int] = {}
    for i, c in enumerate(header):
        index.setdefault(clean(c), i)
    cols: dict[str, int] = {}
    for f in REQUIRED:
        n = names.get(f)
        if n is None:
            continue
        if not isinstance(n, str) or n not in index:
            return None
        cols[f] = index[n]
    fee = names.get("fee") or []
    if isinstance(fee, str):
        fee = [fee]
    if not isinstance(fee, list) or any(not isinstance(n, str) or n not in index for n in fee):
        return None
    return Mapping(**cols, fee=tuple(dict.fromkeys(index[n] for n in fee)))


def guess(header: Sequence[str]) -> Mapping:
    """The likeliest column for each field from the header's words; fee: every fee column there is."""
    words = [word(c) for c in header]
    cols: dict[str, int] = {}
    for f, names in CANDIDATES.items():
        for n in names:
            if n in words:
                cols[f] = words.index(n)
                break
    fee = [i for i, w in enumerate(words) if w in FEE_PARTS]
    if "佣金" in words:
        fee = [i for i in fee if words[i] != "净佣金"]
    return Mapping(**cols, fee=tuple(fee))


def name_column(header: Sequence[str]) -> int:
    words = [word(c) for c in header]
    return next((words.index(n) for n in NAME_COLUMNS if n in words), -1)


def side_of(cell: str) -> str | None:
    """'buy', 'sell', or None for a row that is not a trade."""
    w = word(cell)
    if any(s in w for s in SHORT_WORDS):
        return None
    if w in BUY_WORDS or (w.endswith("买入") and "卖" not in w):
        return "buy"
    if w in SELL_WORDS or (w.endswith("卖出") and "买" not in w):
        return "sell"
    return None


def norm_code(cell: str) -> str:
    """600900 as it is; 2594 (Excel dropped the zeros) → 002594; SH600900, sz.002594, 600900.SH → the digits;
    2594.0 (a number Excel wrote) → 002594. Anything else is left for make_trade to refuse."""
    c = cell.strip()
    m = _CODE_AFFIX.match(c)
    if m:
        c = m.group(1) or m.group(2)
    elif re.fullmatch(r"\d{1,6}\.0+", c):
        c = c.split(".")[0]
    return c.zfill(6) if c.isdigit() and len(c) < 6 else c


def norm_date(cell: str) -> str:
    """20261120, 2026-11-20, 2026/11/20, 2026.11.20, 2026年11月20日, with or without a time after it → 2026-11-20;
    anything else as it is (make_trade says it is not a date)."""
    c = cell.strip()
    if re.fullmatch(r"\d{8}", c):
        return f"{c[:4]}-{c[4:6]}-{c[6:]}"
    m = _DATE.match(c)
    if m and (len(m.group(0)) == len(c) or c[len(m.group(0))] in " T"):
        y, mo, d = m.groups()
        return f"{y}-{int(mo):02d}-{int(d):02d}"
    return c


def _number(cell: str, whole: bool = True) -> str:
    """'1,000' → '1000'; with `whole`, '300.00' → '300' (shares Excel wrote as a decimal); other text as it is."""
    c = cell.replace(",", "").replace("，", "").strip()
    if whole and re.fullmatch(r"-?\d+\.0*", c):
        c = c.split(".")[0]
    return c


@dataclass
class Row:
    """One data row of the file: its line, cells, and what it became."""
    line: int
    cells: list[str]
    trade: Trade | None = None
    skipped: str = ""                    # the 操作 word of a row that is not a trade ("" when it is one)
    error: PositionError | None = None   # "bad_row", naming the line

    @property
    def is_skipped(self) -> bool:
        return self.trade is None and self.error is None


@dataclass
class Conversion:
    rows: list[Row] = field(default_factory=list)

    @property
    def trades(self) -> list[tuple[int, Trade]]:
        return [(r.line, r.trade) for r in self.rows if r.trade is not None]

    @property
    def skipped(self) -> list[Row]:
        return [r for r in self.rows if r.is_skipped]

    @property
    def errors(self) -> list[Row]:
        return [r for r in self.rows if r.error is not None]

    @property
    def ok(self) -> bool:
        return bool(self.trades) and not self.errors


def convert(rows: Iterable[tuple[int, list[str]]], mapping: Mapping, known: Callable[[str], bool] | None = None,
            today: date | None = None) -> Conversion:
    """Every row as a trade, a skipped row or an error (see the module's doc). A mapping that leaves a field out
    converts nothing (Conversion with no rows is not ok)."""
    out = Conversion()
    if mapping.missing():
        return out
    for line, cells in rows:
        out.rows.append(_row(line, cells, mapping, known, today))
    return out


def _row(line: int, cells: list[str], m: Mapping, known: Callable[[str], bool] | None, today: date | None) -> Row:
    def cell(i: int) -> str:
        return clean(cells[i]) if 0 <= i < len(cells) else ""

    row = Row(line, cells)
    side = side_of(cell(m.side))
    if side is None:
        row.skipped = cell(m.side) or "—"
        return row
    shares = _number(cell(m.shares))
    if side == "sell" and shares.startswith("-"):
        shares = shares[1:]             # a sell's quantity written negative (some brokers)
    try:
        row.trade = make_trade(norm_code(cell(m.code)), norm_date(cell(m.date)), side, shares,
                               _number(cell(m.price), whole=False), _fee([cell(i) for i in m.fee]), known=known, today=today)
    except PositionError as exc:
        row.error = PositionError("bad_row", line=line, problem=exc)
    return row


def _fee(parts: list[str]) -> str:
    """The fee columns summed exactly; an empty cell is 0; a cell that is not a number is handed on as it is (the
    fee check then names it)."""
    total = Decimal(0)
    for p in parts:
        p = _number(p, whole=False)
        if not p:
            continue
        try:
            total += Decimal(p)
        except InvalidOperation:
            return p
    return str(total)


def parse_map(text: str) -> dict[str, object]:
    """`date=成交日期,code=证券代码,side=操作,shares=成交数量,price=成交均价,fee=佣金+印花税+过户费` → names by
    field. ValueError naming what is wrong."""
    out: dict[str, object] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, eq, value = part.partition("=")
        key = key.strip()
        if not eq or key not in FIELDS or not value.strip():
            raise ValueError(f"{part!r} is not FIELD=COLUMN (fields: {', '.join(FIELDS)})")
        out[key] = [v.strip() for v in value.split("+") if v.strip()] if key == "fee" else value.strip()
    missing = [f for f in REQUIRED if f not in out]
    if missing:
        raise ValueError(f"the mapping leaves out {', '.join(missing)}")
    return out
