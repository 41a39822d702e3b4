"""The health of one background source (feeds, quotes, boards), as the status bar shows it."""

from __future__ import annotations

from dataclasses import dataclass

CONNECTION_MARKERS = ("cannot connect", "timed out", "connection", "Name or service", "RemoteDisconnected",
                      "无法连接", "超时")


@dataclass(frozen=True, slots=True)
class SourceState:
    name: str                    # "feeds" | "quotes" | "boards"
    state: str                   # "idle" | "ok" | "stale" | "error"
    last_success: int | None     # Unix seconds
    error: str = ""
    unreachable: bool = False    # the last failure was a network failure (for the offline banner)
    detail: str = ""


def is_connection_error(message: str) -> bool:
    return any(m.lower() in message.lower() for m in CONNECTION_MARKERS)
