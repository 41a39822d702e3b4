"""Eastmoney's 盘口异动 (push2ex getAllStockChanges) and board 异动 (getAllBKChanges), read as akshare's
stock_changes_em and stock_board_change_em read them: the same URLs and parameters (read at akshare 1.19.5), so a
recording holds the exchanges akshare would make and replays them (sources/replay.py matches them like any other).

Why we read the JSON ourselves rather than call the two akshare functions:
- they name the columns by position (`temp_df.columns = [...]`): a row lacking a field, or holding one more,
  raises a length mismatch or shifts every column; we read each field by its key;
- both index `data_json["data"]["allstock"]` / `["allbk"]` without checking for `data: null` (a holiday's, or
  a type without events before the open);
- stock_changes_em maps the row's type back through its dict: an unknown type becomes NaN silently.

The events go through the source's tap like every market request (the shared Eastmoney rate limiter counts
each; a recording records it), in the market process when the window asks (ProcessSource.movers).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from desktop.core.errors import SourceError
from desktop.core.market_checks import Screen
from desktop.core.movers import TYPES, BoardMove, MoverEvent, check_board, check_event, type_name

HOST = "https://push2ex.eastmoney.com/"
UT = "7eea3edcaed734bea9cbfc24409ed989"
MAX_ANSWER_BYTES = 10 * 1024 * 1024


def request(kind: int) -> tuple[str, dict[str, str]]:
    """(url, params) of one 异动 type's events, as akshare's stock_changes_em sends them."""
    return HOST + "getAllStockChanges", {"type": str(kind), "pageindex": "0", "pagesize": "5000", "ut": UT,
                                         "dpt": "wzchanges"}


def board_request() -> tuple[str, dict[str, str]]:
    """(url, params) of the boards' 异动, as akshare's stock_board_change_em sends them."""
    return HOST + "getAllBKChanges", {"ut": UT, "dpt": "wzchanges", "pageindex": "0", "pagesize": "5000"}


def _get(url: str, params: dict[str, str], timeout: float, what: str) -> str:
    import requests

    resp = requests.get(url, params=params, timeout=timeout)
    resp.raise_for_status()
    if len(resp.content) > MAX_ANSWER_BYTES:
        raise SourceError(f"{what}: an answer of {len(resp.content):,} bytes is refused", transient=False)
    return resp.text


def _data_list(body: str, key: str, what: str) -> list[Any] | None:
    """data[key] of an answer; None for `data: null` or a missing / null list (no events)."""
    try:
        obj = json.loads(body)
    except ValueError as exc:
        raise SourceError(f"{what}: the answer is not JSON ({exc})", transient=False) from exc
    if not isinstance(obj, dict):
        raise SourceError(f"{what}: unexpected answer format (not an object)", transient=False)
    data = obj.get("data")
    if data is None:
        return None
    if not isinstance(data, dict):
        raise SourceError(f"{what}: unexpected answer format (data is {type(data).__name__})", transient=False)
    rows = data.get(key)
    if rows is None:
        return None
    if not isinstance(rows, list):
        raise SourceError(f"{what}: unexpected answer format ({key} is {type(rows).__name__})", transient=False)
    return rows


def parse(kind: int, body: str, day: date) -> list[MoverEvent]:
    """The checked events of one type's answer, in the answer's order; [] for `data: null` or no `allstock`.
    A body that is not the JSON is a SourceError; rows that fail their check are dropped and named."""
    what = f"盘口异动 {type_name(kind)}"
    rows = _data_list(body, "allstock", what)
    if not rows:
        return []
    screen = Screen(what)
    out: list[MoverEvent] = []
    seen: set[tuple[Any, ...]] = set()
    iso = day.isoformat()
    for raw in rows:
        if not isinstance(raw, dict):
            continue
        event = screen.keep(check_event(iso, raw, kind))
        if event is not None and event.key not in seen:
            seen.add(event.key)
            out.append(event)
    screen.report()
    return out


def parse_boards(body: str, day: date) -> list[BoardMove]:
    """The checked boards of the boards' 异动 answer; [] for `data: null` or no `allbk`."""
    rows = _data_list(body, "allbk", "板块异动")
    if not rows:
        return []
    screen = Screen("板块异动")
    out: list[BoardMove] = []
    seen: set[str] = set()
    for raw in rows:
        if not isinstance(raw, dict):
            continue
        move = screen.keep(check_board(day.isoformat(), raw))
        if move is not None and move.board not in seen:
            seen.add(move.board)
            out.append(move)
    screen.report()
    return out


def read_movers(source: Any, kinds: tuple[int, ...], day: date) -> list[MoverEvent]:
    """On an AkshareSource (the CLI's, or the market process's): each type's events through the source's tap
    (one request a type), all or nothing."""
    out: list[MoverEvent] = []
    for kind in kinds:
        if kind not in TYPES:
            raise SourceError(f"unknown 异动 type {kind!r}", transient=False)
        url, params = request(kind)
        body = source.call(lambda _ak, u=url, p=params: _get(u, p, source.deadline_s, "盘口异动"),
                           f"异动 {type_name(kind)}", akshare=False)
        out += parse(kind, body, day)
    return out


def read_board_movers(source: Any, day: date) -> list[BoardMove]:
    url, params = board_request()
    body = source.call(lambda _ak: _get(url, params, source.deadline_s, "板块异动"), "板块异动", akshare=False)
    return parse_boards(body, day)


EXTRA_METHODS: dict[str, Callable[..., list[Any]]] = {"movers": read_movers, "board_movers": read_board_movers}


def movers(source: Any, kinds: tuple[int, ...], day: date) -> list[MoverEvent]:
    """Any market source: the market process's own call (ProcessSource.movers), else read here."""
    if hasattr(source, "movers"):
        events: list[MoverEvent] = source.movers(tuple(kinds), day)
        return events
    return read_movers(source, tuple(kinds), day)


def board_movers(source: Any, day: date) -> list[BoardMove]:
    if hasattr(source, "board_movers"):
        moves: list[BoardMove] = source.board_movers(day)
        return moves
    return read_board_movers(source, day)
