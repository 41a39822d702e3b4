"""The market requests are typed values with one dispatch table (runtime/market_request_kinds.py): every kind
is served by its row, equal requests share a key, and an unknown kind is a clear error where it is asked."""

from __future__ import annotations

import typing

import pytest

from desktop.runtime import market_request_kinds as kinds
from desktop.runtime.market_request_kinds import (
    KINDS,
    BoardMembers,
    Follow,
    History,
    Intraday,
    Quotes,
    UnknownRequest,
)


class Service:
    """Stands in for the market service: records what each request ran."""

    def __init__(self):
        self.calls: list[tuple] = []

    def refresh_quotes(self, codes):
        self.calls.append(("refresh_quotes", codes))

    def refresh_history(self, code, days, adjust):
        self.calls.append(("refresh_history", code, days, adjust))

    def refresh_board_members(self, board, kind):
        self.calls.append(("refresh_board_members", board, kind))

    def refresh_intraday(self, code):
        self.calls.append(("refresh_intraday", code))

    def follow_intraday(self, code):
        self.calls.append(("follow_intraday", code))


def test_each_kind_is_served_by_its_row():
    svc = Service()
    for request in (Quotes(["300750", "600900"]), History("300750", 60, ""), BoardMembers("BK1033", "industry"),
                    Intraday("688063"), Follow("300274"), Follow("")):
        kinds.serve(svc, request)
    assert svc.calls == [("refresh_quotes", ["300750", "600900"]), ("refresh_history", "300750", 60, ""),
                         ("refresh_board_members", "BK1033", "industry"), ("refresh_intraday", "688063"),
                         ("follow_intraday", "300274"), ("follow_intraday", None)]


def test_the_table_has_one_row_per_request_type():
    assert sorted(k.type.__name__ for k in KINDS) == sorted(t.__name__ for t in typing.get_args(kinds.MarketRequest))
    assert len({k.name for k in KINDS}) == len(KINDS)


def test_equal_requests_share_a_key_and_a_list_is_a_value():
    assert kinds.make("history", "300750") == History("300750", 250, "qfq")
    assert kinds.key(kinds.make("history", "300750")) == kinds.key(History("300750", 250, "qfq"))
    assert kinds.key(Quotes(["300750"])) == kinds.key(kinds.make("quotes", ("300750",))) == "quotes:(('300750',),)"
    assert kinds.key(History("300750")) != kinds.key(History("300750", adjust=""))
    hash(Quotes(["300750"]))                     # a value: usable as a key, frozen
    with pytest.raises(AttributeError):
        History("300750").code = "600900"        # type: ignore[misc]


def test_an_unknown_kind_is_a_clear_error_where_it_is_asked():
    with pytest.raises(UnknownRequest, match=r"unknown market request 'histroy'; the kinds are: quotes, .*history"):
        kinds.make("histroy", "300750")
    with pytest.raises(UnknownRequest, match="of type str"):
        kinds.key("history:('300750',)")
    with pytest.raises(TypeError):
        kinds.make("intraday")                   # its code is missing


def test_the_gui_side_and_the_poller_refuse_an_unknown_kind_at_once(qapp):
    from desktop.runtime.market_requests import MarketRequests
    from desktop.runtime.pollers import MarketPoller

    requests = MarketRequests()
    with pytest.raises(UnknownRequest):
        requests.request("board", "BK1033")
    poller = MarketPoller(lambda _cancel: None)
    with pytest.raises(UnknownRequest):
        poller.request("movers?")
    with pytest.raises(UnknownRequest):
        poller.submit(("history", "300750"))     # a tuple is not a request
    assert poller._requests == {}                # nothing was queued
