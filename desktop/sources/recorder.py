"""The market source's HTTP tap: every exchange it makes passes here, to be limited, counted, recorded or replayed.

Why a tap and not a wrapper: akshare builds its own `requests` sessions deep inside each function (and a few
functions use curl_cffi), so the only place to see all of its traffic is the HTTP layer itself. `Session.send`
(and `curl_cffi.requests.request`) are patched once; the patch acts only inside `Tap.activate(...)`, a context
set by the market source on its worker threads, so the news pipeline's requests pass through untouched and
`responses` (which patches `HTTPAdapter.send`, one level below) still works in tests.

Recording format (docs/RECORDING.md): one JSON object per line in DIR/exchanges.jsonl, plus DIR/meta.json.
"""

from __future__ import annotations

import contextlib
import contextvars
import http.client
import json
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import requests
from requests.structures import CaseInsensitiveDict

from desktop.core import clock
from desktop.core.errors import SourceError
from desktop.sources.rate_limit import HostLimits

_KEEP_HEADERS = ("content-type", "date", "retry-after", "last-modified", "etag")


@dataclass(slots=True)
class Exchange:
    """One HTTP request and its answer, as stored in exchanges.jsonl."""

    method: str
    url: str                                    # without the query string
    params: dict[str, str]
    status: int
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    charset: str = "utf-8"
    t: float = 0.0                              # seconds since the recording started
    error: str = ""                             # set when the connection failed (status 0): replay raises

    def to_json(self) -> str:
        obj: dict[str, Any] = {"t": round(self.t, 3), "method": self.method, "url": self.url,
                               "params": self.params, "status": self.status, "headers": self.headers,
                               "body": self.body}
        if self.charset.lower() not in ("utf-8", "utf8"):
            obj["charset"] = self.charset
        if self.error:
            obj["error"] = self.error
        return json.dumps(obj, ensure_ascii=False)

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Exchange:
        return cls(method=str(obj.get("method", "GET")).upper(), url=str(obj["url"]),
                   params={str(k): str(v) for k, v in (obj.get("params") or {}).items()},
                   status=int(obj.get("status", 200)), body=str(obj.get("body", "")),
                   headers={str(k).lower(): str(v) for k, v in (obj.get("headers") or {}).items()},
                   charset=str(obj.get("charset") or "utf-8"), t=float(obj.get("t", 0.0)),
                   error=str(obj.get("error", "")))

    def to_response(self, full_url: str, request: Any = None) -> requests.Response:
        if self.error:
            raise requests.ConnectionError(f"(replayed) {self.error}")
        resp = requests.Response()
        resp.status_code = self.status
        resp.reason = http.client.responses.get(self.status, "")
        resp.headers = CaseInsensitiveDict(self.headers)
        resp._content = self.body.encode(self.charset, errors="replace")
        resp.encoding = self.charset
        resp.url = full_url
        resp.request = request
        return resp


def split_url(full_url: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(full_url)
    base = f"{parts.scheme}://{parts.netloc}{parts.path}"
    return base, dict(parse_qsl(parts.query, keep_blank_values=True))


def decode_body(content: bytes, content_type: str) -> tuple[str, str]:
    """(text, charset): the declared charset, else UTF-8, else GB18030 (Tencent answers in GBK)."""
    m = re.search(r"charset=([\w-]+)", content_type or "", re.I)
    candidates = ([m.group(1).lower()] if m else []) + ["utf-8", "gb18030"]
    for cs in candidates:
        try:
            return content.decode(cs), cs
        except (LookupError, UnicodeDecodeError):
            continue
    return content.decode("utf-8", errors="replace"), "utf-8"


class Recorder:
    """Appends exchanges to DIR/exchanges.jsonl (one flushed line each) and writes DIR/meta.json."""

    def __init__(self, out_dir: Path, meta: dict[str, Any] | None = None):
        self.dir = out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        self._start = time.monotonic()
        self._lock = threading.Lock()
        self._fh = (out_dir / "exchanges.jsonl").open("w", encoding="utf-8")
        self.count = 0
        info = {"start": clock.local().isoformat(timespec="seconds"), "versions": _versions(),
                "demo": False}
        info.update(meta or {})
        (out_dir / "meta.json").write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    def write(self, ex: Exchange) -> None:
        with self._lock:
            ex.t = time.monotonic() - self._start
            self._fh.write(ex.to_json() + "\n")
            self._fh.flush()
            self.count += 1

    def close(self) -> None:
        with self._lock:
            self._fh.close()


def _versions() -> dict[str, str]:
    import platform
    from importlib import metadata

    out = {"python": platform.python_version()}
    for pkg in ("huohua", "akshare", "requests", "pandas"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            continue
    return out


Responder = Callable[[str, str, dict[str, str]], Exchange]


@dataclass(slots=True)
class _Call:
    tap: Tap
    deadline: float                                      # time.monotonic() value
    observer: Callable[[Exchange], None] | None


_current: contextvars.ContextVar[_Call | None] = contextvars.ContextVar("huohua_market_call", default=None)
_install_lock = threading.Lock()
_orig_send: Callable[..., Any] | None = None
_orig_curl: Callable[..., Any] | None = None


class Tap:
    """Per-source HTTP policy: rate limits, a deadline, optional recorder and optional replay responder."""

    def __init__(self, limits: HostLimits, *, recorder: Recorder | None = None,
                 responder: Responder | None = None, request_timeout: float = 15.0):
        self.limits = limits
        self.recorder = recorder
        self.responder = responder
        self.request_timeout = request_timeout
        self.skip_sleeps = False     # replay at full speed: akshare's politeness sleeps protect no server
        self.closed = False          # set at shutdown: every further request fails at once, sleeps are skipped
        self.count = 0
        self._lock = threading.Lock()
        _install()

    @contextlib.contextmanager
    def activate(self, deadline: float, observer: Callable[[Exchange], None] | None = None) -> Iterator[None]:
        token = _current.set(_Call(self, deadline, observer))
        try:
            yield
        finally:
            _current.reset(token)

    # -- one exchange ------------------------------------------------------------------------------------
    def close(self) -> None:
        self.closed = True
        self.skip_sleeps = True

    def _before(self, call: _Call, full_url: str) -> float:
        if self.closed:
            # Not a RequestException: akshare's retry loops must not swallow it and try again.
            raise SourceError("the market source is closing")
        remaining = call.deadline - time.monotonic()
        if remaining <= 0:
            # Not a RequestException: akshare's retry loops must not swallow it and try again.
            raise SourceError("the market request ran past its deadline and was abandoned")
        self.limits.acquire(full_url)
        with self._lock:
            self.count += 1
        return max(0.5, min(self.request_timeout, call.deadline - time.monotonic()))

    def _after(self, call: _Call, ex: Exchange) -> None:
        if self.recorder is not None:
            self.recorder.write(ex)
        if call.observer is not None:
            call.observer(ex)

    def send(self, call: _Call, session: requests.Session, request: requests.PreparedRequest,
             kwargs: dict[str, Any]) -> requests.Response:
        full_url = request.url or ""
        timeout = self._before(call, full_url)
        base, params = split_url(full_url)
        method = (request.method or "GET").upper()
        if self.responder is not None:
            ex = self.responder(method, base, params)
            self._after(call, ex)
            return ex.to_response(full_url, request)
        if kwargs.get("timeout") is None:   # akshare passes timeout=None in places: never hang
            kwargs["timeout"] = timeout
        try:
            # _install set _orig_send before the patch that brings a call here ([misc]: it is typed Optional)
            resp: requests.Response = _orig_send(session, request, **kwargs)  # type: ignore[misc]
        except requests.RequestException as exc:
            self._after(call, Exchange(method, base, params, 0, error=f"{type(exc).__name__}: {exc}"))
            raise
        text, charset = decode_body(resp.content, resp.headers.get("content-type", ""))
        headers = {k.lower(): v for k, v in resp.headers.items() if k.lower() in _KEEP_HEADERS}
        self._after(call, Exchange(method, base, params, resp.status_code, text, headers, charset))
        return resp

    def send_curl(self, call: _Call, method: str, url: str, kwargs: dict[str, Any]) -> Any:
        full_url = requests.Request(method.upper(), url, params=kwargs.get("params")).prepare().url or url
        timeout = self._before(call, full_url)
        base, params = split_url(full_url)
        if self.responder is not None:
            ex = self.responder(method.upper(), base, params)
            self._after(call, ex)
            return ex.to_response(full_url)
        kwargs.setdefault("timeout", timeout)
        try:
            resp = _orig_curl(method, url, **kwargs)  # type: ignore[misc]  # set before this patch went in
        except Exception as exc:   # a failed exchange is part of the session too: record it like requests'
            self._after(call, Exchange(method.upper(), base, params, 0, error=f"{type(exc).__name__}: {exc}"))
            raise
        text, charset = decode_body(resp.content, resp.headers.get("content-type", ""))
        headers = {k.lower(): v for k, v in resp.headers.items() if k.lower() in _KEEP_HEADERS}
        self._after(call, Exchange(method.upper(), base, params, resp.status_code, text, headers, charset))
        return resp


def call_remaining() -> float:
    """Seconds left before the current call's deadline (inf outside a call)."""
    call = _current.get()
    return float("inf") if call is None else call.deadline - time.monotonic()


def sleeps_skipped() -> bool:
    """True inside a replay call that is not paced (see akshare_source's sleep gate)."""
    call = _current.get()
    return call is not None and call.tap.skip_sleeps


def _patched_send(session: requests.Session, request: requests.PreparedRequest, **kwargs: Any) -> Any:
    call = _current.get()
    if call is None:
        return _orig_send(session, request, **kwargs)  # type: ignore[misc]  # set before this patch went in
    return call.tap.send(call, session, request, kwargs)


def _patched_curl(method: str, url: str, *args: Any, **kwargs: Any) -> Any:
    call = _current.get()
    if call is None or args:
        return _orig_curl(method, url, *args, **kwargs)  # type: ignore[misc]  # set before this patch went in
    return call.tap.send_curl(call, method, url, kwargs)


def _install() -> None:
    """Patch requests (and curl_cffi when it is already imported) once per process; idle outside
    `Tap.activate`. curl_cffi is not imported for it (~5 MiB of the market process, issue 28): only akshare uses
    it, and akshare_source imports akshare through `install_curl`."""
    global _orig_send
    with _install_lock:
        if _orig_send is None:
            _orig_send = requests.Session.send
            # on the class, so every Session sends through it; its first parameter is the session (not `self`)
            requests.Session.send = _patched_send  # type: ignore[method-assign, assignment]
    if "curl_cffi.requests" in sys.modules:
        install_curl()


def install_curl() -> None:
    """Import and patch curl_cffi (when installed) once per process: before any akshare function is imported."""
    global _orig_curl
    with _install_lock:
        if _orig_curl is None:
            try:
                import curl_cffi.requests as curl_requests
            except ImportError:
                return
            _orig_curl = curl_requests.request
            # akshare calls `requests.get(...)` on the curl_cffi module, which calls the module's `request`.
            curl_requests.request = _patched_curl
