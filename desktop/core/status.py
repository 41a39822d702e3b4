"""The health of one background source (feeds, quotes, boards), as the status bar shows it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

CONNECTION_MARKERS = ("cannot connect", "timed out", "connection", "Name or service", "RemoteDisconnected",
                      "无法连接", "超时")
# A request that ran past its deadline reached no server either: without a network, akshare's own retry loops
# (财联社, the board crawl) keep trying until the deadline, so the error a source reports after a while is the
# deadline, not the refused connection (issue 22: the offline banner went at ~70 s while every source was red)
DEADLINE_MARKERS = ("no answer within", "ran past its deadline", "not complete within", "no data for",
                    "did not answer within")


@dataclass(frozen=True, slots=True)
class SourceState:
    name: str                    # "feeds" | "quotes" | "boards"
    state: str                   # "idle" | "ok" | "stale" | "error"; feeds: "partial" when some failed
    last_success: int | None     # Unix seconds
    error: str = ""
    unreachable: bool = False    # the last failure was a network failure (for the offline banner)
    detail: str = ""
    # feeds only: `ok` of `total` feeds fetched fine at their latest attempt, the newest attempt's time
    # (the last round's), and (title, error) of each feed that failed
    ok: int = 0
    total: int = 0
    checked: int | None = None
    failures: tuple[tuple[str, str], ...] = ()
    # quotes only: answered, but every watched quote stopped at this market time (Unix seconds): stale, not fresh
    frozen_since: int | None = None


@dataclass(frozen=True, slots=True)
class FeedResult:
    """One enabled feed's latest fetch, as the feeds table records it."""

    title: str
    attempted: int               # Unix seconds of the latest attempt
    last_success: int | None
    error: str | None            # None: the latest attempt succeeded


def feeds_state(results: Sequence[FeedResult]) -> SourceState:
    """The 资讯 indicator from every enabled feed's latest fetch (feeds never fetched yet are left out).

    Per feed rather than per round: a round fetches only the feeds that are due (快讯 every couple of minutes,
    RSS every quarter of an hour, one feed refreshed from the sidebar), so "2/2" after a 快讯 round would hide
    fourteen RSS feeds failing since the last full round. The time is the newest attempt: the last round's."""
    if not results:
        return SourceState("feeds", "idle", None)
    failed = [r for r in results if r.error]
    ok, total = len(results) - len(failed), len(results)
    successes = [r.last_success for r in results if r.last_success]
    state = "ok" if not failed else "error" if not ok else "partial"
    # the text the empty news list and the offline banner read: "3/16 title: error" lines, as a round said it
    text = f"{len(failed)}/{total} " + "\n".join(f"{r.title}: {r.error}" for r in failed[:8]) if failed else ""
    unreachable = state == "error" and all(is_connection_error(r.error or "") for r in failed)
    return SourceState("feeds", state, max(successes) if successes else None, text, unreachable, ok=ok,
                       total=total, checked=max(r.attempted for r in results),
                       failures=tuple((r.title, r.error or "") for r in failed))


def is_connection_error(message: str) -> bool:
    """No server answered: the connection failed, or the request ran past its deadline without an answer."""
    low = message.lower()
    return any(m.lower() in low for m in CONNECTION_MARKERS + DEADLINE_MARKERS)


def is_success(st: SourceState, since: int | None = None) -> bool:
    """Something actually came back: the source's latest attempt succeeded ("ok"), or — feeds — some feed
    fetched fine after `since` (a "partial" 资讯 can rest on feeds fetched before the network went)."""
    if st.state == "ok":
        return True
    return st.state == "partial" and st.last_success is not None and (since is None or st.last_success >= since)
