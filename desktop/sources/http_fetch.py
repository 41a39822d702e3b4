"""HTTP GET with the limits a feed reader needs: timeout, size cap, conditional GET, redirects, Retry-After.

The cap counts *decompressed* bytes (requests inflates gzip/deflate as we read), so a small gzip bomb is
stopped as early as a large plain body. `timeout` bounds each socket wait; a deadline of 2 x timeout bounds
the whole exchange (headers and body, any framing) so a server trickling one byte a second cannot hold a
worker forever.

How the deadline is enforced: a watchdog thread shuts the exchange's socket down (SHUT_RDWR), which wakes the
blocked recv() at once; the reading thread then fails and closes the response itself. The watchdog never
calls `resp.close()`: that takes the lock of the BufferedReader the reading thread is blocked in, so it would
wait for the very read it is meant to end. The socket is found through the connection while the headers are
awaited, and taken from the response's file once they have arrived, because on `Connection: close` / HTTP/1.0
http.client drops the connection's reference to it (the response's file is then the only holder).
"""

from __future__ import annotations

import email.utils
import ipaddress
import socket
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests

from desktop import __version__
from desktop.core import clock
from desktop.core.errors import NotModified, SourceError
from desktop.sources.fetch_errors import errno_reason

USER_AGENT = f"Huohua/{__version__} (desktop RSS reader; +https://github.com/huohua-app/huohua)"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
_CUT_RETRY_S = 0.1   # after the deadline, how often the watchdog looks for a socket it could not cut yet
_local = threading.local()
_inflight: set[_Exchange] = set()
_inflight_lock = threading.Lock()


def abort_all() -> None:
    """Cut every exchange in flight (any thread, any phase: connecting, awaiting headers, reading the body):
    used at application exit so no feed fetch holds the process open. (New fetches are stopped by the
    refresher's cancel event.)"""
    with _inflight_lock:
        pending = list(_inflight)
    for exchange in pending:
        exchange.cut()


class _Exchange:
    """One http_get in flight, as seen by its watchdog: which socket to shut down when the deadline passes.

    `conn` holds the socket the request connected (set by the connect hooks below), for the header phase.
    `sock` is the socket the response reads from, captured as soon as the headers are in."""

    __slots__ = ("conn", "sock", "expired", "done", "_cut")

    def __init__(self) -> None:
        self.conn: object | None = None
        self.sock: socket.socket | None = None
        self.expired = threading.Event()
        self.done = threading.Event()
        self._cut: list[socket.socket] = []   # sockets already shut down (a redirect may open another)

    def cut(self) -> bool:
        """Shut down the current socket: a blocked recv() in another thread returns at once (close() alone
        does not wake it on Linux). Never blocks. False when there was no connected socket to shut down."""
        for sock in (self.sock, getattr(self.conn, "sock", None)):
            if sock is None or any(sock is s for s in self._cut):
                continue
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except (OSError, ValueError):   # not connected yet, already closed: retried / nothing to do
                continue
            self._cut.append(sock)
            return True
        return False

    def expire(self) -> None:
        """Watchdog (Timer thread): mark the exchange late, then keep cutting until it ends: the socket may
        not exist yet (still connecting) or a redirect may open a new one."""
        self.expired.set()
        while True:
            self.cut()
            if self.done.wait(_CUT_RETRY_S):
                return


class _Socket:
    """Holds the socket an exchange connected (the watchdog's handle while the headers are awaited)."""

    __slots__ = ("sock",)

    def __init__(self, sock: socket.socket):
        self.sock = sock


def _install_connect_hooks() -> None:
    """Tell the exchange in flight on this thread which socket its request connected (and, over TLS, the
    wrapped one), so the watchdog can cut a server that trickles its status line or headers, before any
    response object exists. Hooks on urllib3's own connect and TLS-wrap functions, once per process; they do
    nothing on threads without an exchange (akshare's requests, for one). (A custom HTTPAdapter that tracked
    the pool's connections did the same but cost the window 20-50 ms stalls while feeds were ingested:
    bench/ui.py.)"""
    import urllib3.connection as uconnection
    import urllib3.util.connection as uconn

    if getattr(uconn.create_connection, "_huohua", False):
        return
    # ssl_wrap_socket is imported into urllib3.connection: patched there, where connect() looks it up
    connect, wrap = uconn.create_connection, uconnection.ssl_wrap_socket

    def create_connection(*args: Any, **kwargs: Any) -> socket.socket:
        sock = connect(*args, **kwargs)
        exchange = getattr(_local, "exchange", None)
        if exchange is not None:
            exchange.conn = _Socket(sock)
        return sock

    def ssl_wrap_socket(*args: Any, **kwargs: Any) -> Any:
        wrapped = wrap(*args, **kwargs)
        exchange = getattr(_local, "exchange", None)
        if exchange is not None:
            exchange.conn = _Socket(wrapped)
        return wrapped

    create_connection._huohua = True  # type: ignore[attr-defined]  # a mark on the function: hooked once
    uconn.create_connection = create_connection
    uconnection.ssl_wrap_socket = ssl_wrap_socket


_install_connect_hooks()


@dataclass(frozen=True, slots=True)
class HttpResult:
    url: str                 # final URL after redirects
    status: int
    headers: dict[str, str]  # lower-cased names
    body: bytes

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


def _resolve(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """The addresses `host` names: itself when it is an address literal, else what the resolver answers
    ([] when it cannot be resolved: the connect then fails on its own)."""
    host = host.strip("[]").split("%", 1)[0]
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    out = []
    for info in infos:
        try:
            out.append(ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]))
        except ValueError:
            continue
    return out


def _is_internal(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10 — the cloud
    metadata address among them), shared, unspecified …: anything not globally routable; an IPv4-mapped IPv6
    address is judged by its IPv4 address."""
    mapped = getattr(addr, "ipv4_mapped", None)
    if mapped is not None:
        addr = mapped
    return not addr.is_global


def check_redirect(source_url: str, target_url: str) -> None:
    """The redirect rule: a redirect may not go from a public address to a private, link-local or loopback one
    (SSRF: a public feed pointing the reader at 169.254.169.254 or the LAN). An address the user typed (a
    self-hosted RSSHub, a feed on 127.0.0.1) is never checked: only where a redirect leads, and only when it
    comes from a public host. Raises SourceError before anything connects to the target."""
    source_host = urlsplit(source_url).hostname or ""
    target_host = urlsplit(target_url).hostname or ""
    if not source_host or not target_host:
        return
    source = _resolve(source_host)
    if not source or any(_is_internal(a) for a in source):
        return   # the user's own (internal) address, or unknown: nothing public is being turned inward
    internal = [a for a in _resolve(target_host) if _is_internal(a)]
    if internal:
        raise SourceError(f"redirect refused: {source_host} (a public address) redirects to {target_host} "
                          f"({internal[0]}, a private/local address)", transient=False)


class _GuardedSession(requests.Session):
    """A Session that checks every redirect against `check_redirect` before following it (requests calls
    rebuild_auth on each redirect's new request, after the previous response is closed, before sending)."""

    def rebuild_auth(self, prepared_request: requests.PreparedRequest, response: requests.Response) -> None:
        came_from = response.url or (response.request.url if response.request else "") or ""
        check_redirect(came_from, prepared_request.url or "")
        return super().rebuild_auth(prepared_request, response)


def _session(max_redirects: int) -> requests.Session:
    # One session per worker thread: connection reuse without sharing a Session across threads.
    s = getattr(_local, "session", None)
    if s is None:
        s = _local.session = _GuardedSession()
        s.headers["User-Agent"] = USER_AGENT
    s.max_redirects = max_redirects
    return s


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Retry-After is either delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), 7 * 86400.0) if len(value) < 12 else 7 * 86400.0
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (now if now is not None else clock.now()))


def http_get(
    url: str,
    *,
    timeout: float = 20.0,
    max_bytes: int = 10 * 1024 * 1024,
    max_redirects: int = 5,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str = FEED_ACCEPT,
) -> HttpResult:
    headers = {"Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    # The whole exchange has a deadline: a server trickling one byte per read-timeout would otherwise hold a
    # worker for hours (each byte resets the socket timeout). At the deadline the socket is shut down under
    # the blocked read (headers or body), which then fails at once.
    exchange = _Exchange()
    watchdog = threading.Timer(max(0.1, timeout * 2), exchange.expire)
    watchdog.daemon = True
    _local.exchange = exchange
    with _inflight_lock:
        _inflight.add(exchange)
    watchdog.start()
    try:
        try:
            resp = _session(max_redirects).get(url, headers=headers, timeout=(min(timeout, 10.0), timeout),
                                               stream=True)
        except requests.TooManyRedirects:
            raise SourceError(f"too many redirects (more than {max_redirects}); the feed URL loops") from None
        except requests.exceptions.InvalidSchema:
            raise SourceError(f"unsupported URL: {url}", transient=False) from None
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema):
            raise SourceError(f"invalid URL: {url}", transient=False) from None
        except requests.RequestException as exc:
            if exchange.expired.is_set():
                raise _too_slow(timeout) from None
            if isinstance(exc, requests.Timeout):
                raise SourceError(f"no answer within {timeout:g} s (timed out)") from None
            if isinstance(exc, requests.ConnectionError):
                raise SourceError(f"cannot connect: {_reason(exc)}") from None
            raise SourceError(f"request failed: {exc}") from None
        # Take the socket now, before the body is read: on a closing response the connection no longer
        # holds it, and from here on the body read (in this thread) is what the watchdog has to interrupt.
        exchange.sock = _response_socket(resp)
        try:
            return _read(resp, url, max_bytes, timeout, exchange.expired)
        except (SourceError, NotModified):
            raise
        except Exception as exc:
            if exchange.expired.is_set():
                raise _too_slow(timeout) from None
            raise SourceError(f"connection lost: {_reason(exc)}") from None
    finally:
        exchange.done.set()          # ends a watchdog that is already cutting
        watchdog.cancel()
        _local.exchange = None
        with _inflight_lock:
            _inflight.discard(exchange)


def _too_slow(timeout: float) -> SourceError:
    return SourceError(f"response too slow: not complete within {timeout * 2:g} s")


def _read(resp: requests.Response, url: str, max_bytes: int, timeout: float, expired: threading.Event) -> HttpResult:
    with resp:
        lowered = {k.lower(): v for k, v in resp.headers.items()}
        if resp.status_code == 304:
            raise NotModified()
        if resp.status_code in (429, 503):
            wait = retry_after_seconds(lowered.get("retry-after"))
            hint = f"; retry after {wait:.0f} s" if wait is not None else ""
            raise SourceError(f"HTTP {resp.status_code} {resp.reason or ''}".rstrip() + hint, retry_after=wait)
        if resp.status_code >= 400:
            raise SourceError(f"HTTP {resp.status_code} {resp.reason or ''}".rstrip(),
                              transient=resp.status_code >= 500 or resp.status_code == 408)
        declared = lowered.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes and "content-encoding" not in lowered:
            raise SourceError(f"response too large: {int(declared) / 1e6:.1f} MB (limit {max_bytes / 1e6:g} MB)")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in resp.iter_content(chunk_size=65536):
                size += len(chunk)
                if size > max_bytes:
                    raise SourceError(f"response too large: over {max_bytes / 1e6:g} MB (limit, after decompression)")
                chunks.append(chunk)
            if expired.is_set():
                raise _too_slow(timeout)
        except requests.exceptions.ChunkedEncodingError as exc:
            if expired.is_set():
                raise _too_slow(timeout) from None
            raise SourceError(f"connection broke mid-response: {_reason(exc)}") from None
        except requests.exceptions.ContentDecodingError:
            raise SourceError("response is not valid gzip/deflate data") from None
        except requests.Timeout:
            raise SourceError(f"no data for {timeout:g} s (timed out mid-response)") from None
        except requests.ConnectionError as exc:
            if expired.is_set():
                raise _too_slow(timeout) from None
            raise SourceError(f"connection lost: {_reason(exc)}") from None
        return HttpResult(url=resp.url, status=resp.status_code, headers=lowered, body=b"".join(chunks))


def _response_socket(resp: requests.Response) -> socket.socket | None:
    """The socket a streamed response reads from, or None (e.g. a mocked adapter).

    First through the response's file: http.client.HTTPResponse.fp is `sock.makefile("rb")`, a BufferedReader
    over a SocketIO whose `_sock` is the socket; this is the only reference left when the server said
    `Connection: close` or spoke HTTP/1.0 (http.client then sets the connection's `sock` to None). Then
    through the urllib3 connection (keep-alive) and urllib3's own saved `sock.shutdown` (urllib3 >= 2.3)."""
    raw = getattr(resp, "raw", None)
    buffered = getattr(getattr(raw, "_fp", None), "fp", None)
    candidates = (
        getattr(getattr(buffered, "raw", None), "_sock", None),
        getattr(getattr(raw, "_connection", None), "sock", None),
        getattr(getattr(raw, "_sock_shutdown", None), "__self__", None),
    )
    for sock in candidates:
        if sock is not None and callable(getattr(sock, "shutdown", None)):
            found: socket.socket = sock
            return found
    return None


def _reason(exc: BaseException) -> str:
    """The innermost, most readable cause of a requests/urllib3 error."""
    text = str(exc)
    for marker in ("Failed to establish a new connection: ", "RemoteDisconnected(", "ConnectionResetError("):
        if marker in text:
            tail = text.split(marker, 1)[1]
            return tail.split("'))")[0].strip("'\"()")
    # a long URL must not push the cause out of the cut (a DNS failure read as a broken connection)
    if "[Errno" in text:
        return errno_reason(text)
    if "Failed to resolve" in text or "NameResolutionError" in text:
        return "Failed to resolve the host name (Name or service not known)"
    return text[:200]
