"""HTTP GET with the limits a feed reader needs: timeout, size cap, conditional GET, redirects, Retry-After.

The cap counts *decompressed* bytes (requests inflates gzip/deflate as we read), so a small gzip bomb is
stopped as early as a large plain body. `timeout` bounds each socket wait; `deadline` bounds the whole
exchange so a server trickling one byte a second cannot hold a worker forever.
"""

from __future__ import annotations

import email.utils
import socket
import threading
import time
from dataclasses import dataclass

import requests

from desktop import __version__
from desktop.core.errors import NotModified, SourceError

USER_AGENT = f"Huohua/{__version__} (desktop RSS reader; +https://github.com/huohua-app/huohua)"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
_local = threading.local()
_inflight: set[requests.Response] = set()
_inflight_lock = threading.Lock()


def abort_all() -> None:
    """Shut down every response being read (any thread): used at application exit so no feed fetch holds the
    process open. (New fetches are stopped by the refresher's cancel event.)"""
    with _inflight_lock:
        pending = list(_inflight)
    for resp in pending:
        _abort(resp)


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


def _session(max_redirects: int) -> requests.Session:
    # One session per worker thread: connection reuse without sharing a Session across threads.
    s = getattr(_local, "session", None)
    if s is None:
        s = _local.session = requests.Session()
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
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


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
    started = time.monotonic()
    try:
        resp = _session(max_redirects).get(url, headers=headers, timeout=(min(timeout, 10.0), timeout), stream=True)
    except requests.TooManyRedirects:
        raise SourceError(f"too many redirects (more than {max_redirects}); the feed URL loops") from None
    except requests.Timeout:
        raise SourceError(f"no answer within {timeout:g} s (timed out)") from None
    except requests.exceptions.InvalidSchema:
        raise SourceError(f"unsupported URL: {url}", transient=False) from None
    except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema):
        raise SourceError(f"invalid URL: {url}", transient=False) from None
    except requests.ConnectionError as exc:
        raise SourceError(f"cannot connect: {_reason(exc)}") from None
    except requests.RequestException as exc:
        raise SourceError(f"request failed: {exc}") from None
    # The whole exchange has a deadline: a server trickling one byte per read-timeout would otherwise hold a
    # worker for hours (each byte resets the socket timeout). At the deadline the connection is closed under
    # the blocked read, which then fails at once.
    expired = threading.Event()

    def expire() -> None:
        expired.set()
        _abort(resp)

    watchdog = threading.Timer(max(0.1, timeout * 2 - (time.monotonic() - started)), expire)
    watchdog.daemon = True
    watchdog.start()
    with _inflight_lock:
        _inflight.add(resp)
    try:
        return _read(resp, url, max_bytes, timeout, expired)
    except (SourceError, NotModified):
        raise
    except Exception as exc:
        if expired.is_set():
            raise SourceError(f"response too slow: not complete within {timeout * 2:g} s") from None
        raise SourceError(f"connection lost: {_reason(exc)}") from None
    finally:
        watchdog.cancel()
        with _inflight_lock:
            _inflight.discard(resp)


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
                raise SourceError(f"response too slow: not complete within {timeout * 2:g} s")
        except requests.exceptions.ChunkedEncodingError as exc:
            if expired.is_set():
                raise SourceError(f"response too slow: not complete within {timeout * 2:g} s") from None
            raise SourceError(f"connection broke mid-response: {_reason(exc)}") from None
        except requests.exceptions.ContentDecodingError:
            raise SourceError("response is not valid gzip/deflate data") from None
        except requests.Timeout:
            raise SourceError(f"no data for {timeout:g} s (timed out mid-response)") from None
        except requests.ConnectionError as exc:
            if expired.is_set():
                raise SourceError(f"response too slow: not complete within {timeout * 2:g} s") from None
            raise SourceError(f"connection lost: {_reason(exc)}") from None
        return HttpResult(url=resp.url, status=resp.status_code, headers=lowered, body=b"".join(chunks))


def _abort(resp: requests.Response) -> None:
    """Interrupt a read blocked in another thread: close() alone does not wake a blocked recv() on Linux,
    shutting the socket down does."""
    conn = getattr(resp.raw, "_connection", None)
    sock = getattr(conn, "sock", None)
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
    resp.close()


def _reason(exc: BaseException) -> str:
    """The innermost, most readable cause of a requests/urllib3 error."""
    text = str(exc)
    for marker in ("Failed to establish a new connection: ", "RemoteDisconnected(", "ConnectionResetError("):
        if marker in text:
            tail = text.split(marker, 1)[1]
            return tail.split("'))")[0].strip("'\"()")
    return text[:200]
