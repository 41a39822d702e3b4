"""The on-demand market requests as typed values (Qt-free): one frozen dataclass per kind, and KINDS, the one
dispatch table — for each kind its name, its type, its priority and what it runs on the market service.

A request's key is its kind and its fields: two equal requests have one key, so a request already pending is
not queued twice, and the asker recognises its answer (`finished(key, error)`). A new kind is one dataclass and
one row of KINDS; nothing else dispatches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import astuple, dataclass, field
from typing import Any


class UnknownRequest(ValueError):
    """A kind no row of KINDS names (a typo, or a kind added without its row)."""


@dataclass(frozen=True, slots=True)
class Quotes:
    """Quotes for a list just edited (the codes are kept as a tuple: a request is a value)."""

    codes: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "codes", tuple(self.codes))


@dataclass(frozen=True, slots=True)
class History:
    """Daily bars for the chart's stock."""

    code: str
    days: int = 250
    adjust: str = "qfq"


@dataclass(frozen=True, slots=True)
class BoardMembers:
    """A board's members (the heatmap drilled into it); `board_type` None: the type the store knows it by."""

    board: str
    board_type: str | None = None


@dataclass(frozen=True, slots=True)
class Intraday:
    """One stock's 1-minute bars of the session (the 分时 view, a sparkline)."""

    code: str


@dataclass(frozen=True, slots=True)
class Follow:
    """The stock whose 1-minute bars the intraday job keeps fresh ("" = none)."""

    code: str


MarketRequest = Quotes | History | BoardMembers | Intraday | Follow


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    type: type
    priority: int                                   # lower first; equal ones in the order they were asked
    serve: Callable[[Any, Any], object] = field(repr=False)   # (market service, request) on the market thread


KINDS: tuple[Kind, ...] = (
    Kind("quotes", Quotes, 0, lambda svc, r: svc.refresh_quotes(list(r.codes))),
    Kind("follow", Follow, 0, lambda svc, r: svc.follow_intraday(r.code or None)),
    Kind("history", History, 1, lambda svc, r: svc.refresh_history(r.code, r.days, r.adjust)),
    Kind("board_members", BoardMembers, 1, lambda svc, r: svc.refresh_board_members(r.board, r.board_type)),
    Kind("intraday", Intraday, 2, lambda svc, r: svc.refresh_intraday(r.code)),
)
_BY_NAME = {k.name: k for k in KINDS}
_BY_TYPE = {k.type: k for k in KINDS}


def _unknown(what: str) -> UnknownRequest:
    return UnknownRequest(f"unknown market request {what}; the kinds are: {', '.join(_BY_NAME)}")


def make(kind: str, *args: Any) -> Any:
    """The request `kind(*args)` ("history", code, days, adjust …: the form panes ask in); UnknownRequest for a
    kind KINDS has no row for, TypeError for arguments its type does not take."""
    k = _BY_NAME.get(kind)
    if k is None:
        raise _unknown(repr(kind))
    return k.type(*(tuple(a) if isinstance(a, list) else a for a in args))


def kind_of(request: Any) -> Kind:
    k = _BY_TYPE.get(type(request))
    if k is None:
        raise _unknown(f"of type {type(request).__name__}")
    return k


def key(request: Any) -> str:
    """The request's key: its kind's name and its fields ("history:('300750', 250, 'qfq')")."""
    return f"{kind_of(request).name}:{astuple(request)!r}"


def serve(service: Any, request: Any) -> None:
    """Run `request` on the market service (the market thread): its row of KINDS says how."""
    kind_of(request).serve(service, request)
