"""core/positions.py: lots, sells, both cost methods, the figures, exact decimals and the validation errors."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from desktop.core.positions import MESSAGES, PositionError, Quote, Trade, holdings, make_trade, money, replay

TODAY = date(2026, 11, 20)


def buy(code, day, shares, price, fee="0", id=None):
    return Trade(code, date.fromisoformat(day), "buy", shares, D(price), D(fee), id)


def sell(code, day, shares, price, fee="0", id=None):
    return Trade(code, date.fromisoformat(day), "sell", shares, D(price), D(fee), id)


TRADES = [buy("300750", "2026-01-05", 100, "200", "5"), buy("300750", "2026-03-02", 200, "260", "5"),
          sell("300750", "2026-06-01", 150, "300", "10")]


def test_fifo_sells_the_oldest_lot_first():
    b = replay(TRADES, "fifo")["300750"]
    # 100 @ 200 (+5) and 50 of the 200 @ 260 (+5): 20005 + 13001.25; proceeds 45000 − 10 = 44990
    assert b.shares == 150
    assert b.realized == D("44990") - D("33006.25")
    assert b.cost == D("39003.75")            # 150 of the 260 lot: 52005 − 13001.25
    assert b.cost_price == D("260.025")


def test_average_cost_takes_the_pool_average_and_a_sell_does_not_move_it():
    b = replay(TRADES, "average")["300750"]
    avg = D("72010") / 300                    # (20005 + 52005) / 300
    assert b.shares == 150
    assert b.cost_price == avg                # unchanged by the sell
    assert b.realized == D("44990") - avg * 150
    assert b.cost == D("72010") - avg * 150


def test_diluted_cost_folds_realised_profit_into_what_is_left_and_does_not_depend_on_the_method():
    for method in ("fifo", "average"):
        b = replay(TRADES, method)[TRADES[0].code]
        assert b.diluted_cost == (D("72010") - D("44990")) / 150     # 180.1333…


def test_selling_everything_leaves_exactly_nothing():
    trades = [buy("600900", "2026-01-05", 300, "10.01", "0.1"), sell("600900", "2026-02-02", 100, "11"),
              sell("600900", "2026-02-03", 200, "12")]
    for method in ("fifo", "average"):
        b = replay(trades, method)["600900"]
        assert (b.shares, b.cost) == (0, D(0))
        assert b.realized == D("3500") - D("3003.1")     # every cent back, no residue


def test_a_sell_larger_than_the_holding_at_its_date_is_refused():
    trades = [buy("600900", "2026-03-01", 100, "10"), sell("600900", "2026-02-01", 100, "11")]
    with pytest.raises(PositionError) as e:
        replay(trades)
    assert e.value.key == "oversell"
    assert "600900" in e.value.text("en") and "2026-02-01" in e.value.text("zh_CN")
    assert "只持有 0 股" in e.value.text("zh_CN")


def test_same_day_trades_keep_the_order_they_were_entered():
    trades = [sell("600900", "2026-03-01", 100, "11", id=2), buy("600900", "2026-03-01", 100, "10", id=1)]
    assert replay(trades)["600900"].realized == D(100)


def test_totals_are_exact_where_floats_drift():
    prices = ["14.87", "67.57", "63.33", "5.56", "79.46", "96.47"]
    shares = [200, 1100, 700, 700, 200, 1100]
    codes = ["600010", "600020", "600030", "600040", "600050", "600060"]
    trades = [buy(c, "2026-01-05", n, p) for c, n, p in zip(codes, shares, prices, strict=True)]
    quotes = {c: Quote(D(p), D(p)) for c, p in zip(codes, prices, strict=True)}
    rows, totals = holdings(trades, quotes, TODAY)
    assert sum(float(p) * n for p, n in zip(prices, shares, strict=True)) == 247532.99999999997   # floats drift
    assert totals.value == D("247533.00") and str(money(totals.value)) == "247533.00"
    assert totals.cost == totals.value and totals.pnl == 0 and totals.pnl_today == 0
    assert abs(sum((r.weight_pct for r in rows), D(0)) - 100) < D("1e-20")


def test_holding_figures_against_a_quote():
    trades = [buy("300750", "2026-01-05", 100, "200", "5"), buy("600900", "2026-11-19", 1000, "10.5"),
              buy("600900", "2026-11-20", 500, "11.2", "1")]
    quotes = {"300750": Quote(D("284.04"), D("282.01"), TODAY, "宁德时代"),
              "600900": Quote(D("11.05"), D("10.94"), TODAY, "长江电力")}
    rows, totals = holdings(trades, quotes, TODAY, "fifo")
    catl, yangtze = rows
    assert (catl.code, catl.name, catl.shares) == ("300750", "宁德时代", 100)
    assert catl.value == D("28404.00")
    assert catl.pnl == D("28404") - D("20005")
    assert catl.pnl_pct == (D("28404") - D("20005")) / D("20005") * 100
    assert catl.pnl_today == (D("284.04") - D("282.01")) * 100
    # 1000 held overnight against 10.94, the 500 bought today against their price and fee
    assert yangtze.pnl_today == D("0.11") * 1000 + (D("11.05") - D("11.2")) * 500 - 1
    assert yangtze.value == D("11.05") * 1500
    assert totals.value == catl.value + yangtze.value
    assert abs(catl.weight_pct + yangtze.weight_pct - 100) < D("1e-20")
    assert totals.pnl_today == catl.pnl_today + yangtze.pnl_today


def test_a_quote_from_before_today_has_not_moved_today():
    trades = [buy("600900", "2026-11-02", 100, "10")]
    rows, _ = holdings(trades, {"600900": Quote(D("11"), D("10.5"), date(2026, 11, 19))}, TODAY)
    assert rows[0].pnl_today == 0


def test_a_stock_sold_out_leaves_the_table_but_its_realised_profit_stays_in_the_totals():
    trades = [buy("600900", "2026-01-05", 100, "10"), sell("600900", "2026-02-05", 100, "12")]
    rows, totals = holdings(trades, {}, TODAY)
    assert rows == [] and totals.realized == D(200)


def test_money_rounds_half_up_for_display_only():
    assert money(D("0.005")) == D("0.01") and money(D("-1.005")) == D("-1.01")
    assert str(money(D("3"))) == "3.00"


# -- validation -------------------------------------------------------------------------------------------
def known(code):
    return code in {"600900", "300750", "688063", "920239"}


@pytest.mark.parametrize(("args", "key"), [
    (("60090", "2026-11-02", "buy", 100, "10"), "bad_code"),
    (("abcdef", "2026-11-02", "buy", 100, "10"), "bad_code"),
    (("600000", "2026-11-02", "buy", 100, "10"), "unknown_code"),
    (("600900", "2026-11-02", "hold", 100, "10"), "bad_side"),
    (("600900", "2026-11-02", "buy", 150, "10"), "round_lot"),
    (("688063", "2026-11-02", "buy", 100, "10"), "star_lot"),
    (("920239", "2026-11-02", "buy", 99, "10"), "bse_lot"),
    (("600900", "2026-11-02", "buy", 0, "10"), "bad_shares"),
    (("600900", "2026-11-02", "buy", -100, "10"), "bad_shares"),
    (("600900", "2026-11-02", "buy", "1e3", "10"), "bad_shares"),
    (("600900", "2026-11-02", "buy", 100.5, "10"), "bad_shares"),
    (("600900", "2026-11-02", "buy", 100, "0"), "bad_price"),
    (("600900", "2026-11-02", "buy", 100, "-3"), "bad_price"),
    (("600900", "2026-11-02", "buy", 100, "nan"), "bad_price"),
    (("600900", "2026-11-02", "buy", 100, "ten"), "bad_price"),
    (("600900", "2026-11-02", "buy", 100, "10", "-1"), "bad_fee"),
    (("600900", "2026-13-02", "buy", 100, "10"), "bad_date"),
    (("600900", "2026-11-21", "buy", 100, "10"), "future_date"),
])
def test_a_bad_trade_is_a_clear_error_in_both_languages(args, key):
    with pytest.raises(PositionError) as e:
        make_trade(*args, known=known, today=TODAY)
    assert e.value.key == key
    zh, en = e.value.text("zh_CN"), e.value.text("en")
    assert zh != en and str(e.value) == en
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh)


def test_lot_rules_by_board():
    make_trade("688063", "2026-11-02", "buy", 201, "50", known=known)     # 科创板: ≥ 200, then any number
    make_trade("920239", "2026-11-02", "buy", 101, "5", known=known)      # 北交所: ≥ 100, then any number
    make_trade("300750", "2026-11-02", "buy", 300, "284.04", known=known)
    t = make_trade("600900", "2026-11-02", "sell", 37, "11", known=known)    # odd lots may be sold
    assert (t.shares, t.price, t.fee) == (37, D("11"), D(0))


def test_prices_from_floats_keep_their_shortest_form():
    t = make_trade("600900", "2026-11-02", "buy", 100, 284.04, 0.1)
    assert (t.price, t.fee) == (D("284.04"), D("0.1"))


def test_every_message_has_both_languages():
    assert all(len(pair) == 2 and all(pair) for pair in MESSAGES.values())
