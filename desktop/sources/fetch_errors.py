"""What a failed request or a failed akshare call means, as a `SourceError` a user can act on (the window
explains these words in the UI's language: ui/error_text.py). Shared by the akshare source and http_fetch."""

from __future__ import annotations

import re

import requests

from desktop.core.errors import SourceError
from desktop.sources.recorder import Exchange


def errno_reason(text: str) -> str:
    """The innermost reason of a requests error chain ("[Errno 111] Connection refused")."""
    m = re.findall(r"\[Errno -?\d+\][^'\")]*", text)
    return (m[-1] if m else text).strip()[:120]


def translate(exc: BaseException, what: str, last: Exchange | None = None) -> SourceError:
    """akshare raises whatever its parsing trips over; turn it into words a user can act on. `last` is the
    exchange that preceded the failure: an HTTP error or a web page explains a parse error better."""
    if isinstance(exc, SourceError):
        return exc
    if last is not None and not isinstance(exc, requests.RequestException):
        if last.status >= 400:
            return SourceError(f"{what}: HTTP {last.status}")
        if last.body.lstrip()[:1] == "<":
            return SourceError(f"{what}: the server answered a web page, not data (an anti-bot or error page?)")
    name = type(exc).__name__            # akshare's own exceptions (akshare.exceptions), named not imported
    if name in ("APIError", "RateLimitError"):
        m = re.search(r"Status code: (\d{3})", str(exc))
        return SourceError(f"{what}: HTTP {m.group(1) if m else '?'}", retry_after=300 if name == "RateLimitError"
                           else None)
    if name == "DataParsingError":
        return SourceError(f"{what}: the server did not answer JSON (an anti-bot page?)"
                           if "parse" in str(exc) else f"{what}: empty answer")
    if name == "NetworkError":
        return SourceError(f"{what}: cannot connect ({errno_reason(str(exc))})")
    if isinstance(exc, requests.exceptions.JSONDecodeError):
        return SourceError(f"{what}: the server did not answer JSON (an anti-bot page?)")
    if isinstance(exc, requests.Timeout):
        return SourceError(f"{what}: timed out")
    if isinstance(exc, requests.ConnectionError):
        text = str(exc)
        dropped = any(m in text for m in ("RemoteDisconnected", "Connection aborted", "reset by peer"))
        offline = any(m in text for m in ("Network is unreachable", "No route to host", "Name or service",
                                          "Temporary failure in name resolution", "NameResolution",
                                          "[Errno 101]", "[Errno 113]", "[Errno -2]", "[Errno -3]"))
        if dropped and not offline and (last is None or "eastmoney" in last.url):
            # the one failure that is evidence of a ban: the server cut a connection it had accepted
            return SourceError(f"{what}: connection dropped (Eastmoney drops IPs that request too fast; "
                               "it usually lifts within hours)", retry_after=300)
        return SourceError(f"{what}: cannot connect ({errno_reason(text)})")
    if isinstance(exc, requests.HTTPError):
        status = exc.response.status_code if exc.response is not None else "?"
        return SourceError(f"{what}: HTTP {status}")
    if isinstance(exc, requests.RequestException):
        return SourceError(f"{what}: request failed ({type(exc).__name__})")
    if isinstance(exc, TypeError) and "NoneType" in str(exc):
        return SourceError(f"{what}: the server answered without data (data: null)")
    if isinstance(exc, ValueError) and "mismatch" in str(exc):
        return SourceError(f"{what}: columns changed ({exc}); akshare needs an update",
                           transient=False)
    if isinstance(exc, (KeyError, IndexError, AttributeError)):
        return SourceError(f"{what}: unexpected answer format ({type(exc).__name__}: {exc})", transient=False)
    if isinstance(exc, ZeroDivisionError):
        return SourceError(f"{what}: empty answer")
    return SourceError(f"{what}: {type(exc).__name__}: {exc}")
