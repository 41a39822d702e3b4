"""A server that answers and then trickles: the whole-exchange deadline must hold for every framing.

Each byte arrives well inside the socket read timeout, so only the deadline (2 x timeout) can end the read.
Before the fix a `Connection: close` / HTTP/1.0 / body-until-close answer hung for as long as the server kept
sending: http.client hands the socket to the response on `will_close`, the watchdog found no socket to shut
down and then blocked in `resp.close()` on the reader's lock (so did a server trickling its headers: the
watchdog only started once they were in). A regression fails in `bounded` (or on the pytest-timeout mark)
instead of hanging the run.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
import time

import pytest

from desktop.core.errors import SourceError
from desktop.sources.http_fetch import http_get
from tests.news import feedgen
from tests.news.helpers import add_feed, articles, feed

TIMEOUT = 1.0                  # socket timeout; the whole-exchange deadline is 2 x this
DEADLINE = 2 * TIMEOUT
HANG_GUARD = DEADLINE + 2.0    # a hang guard, not a benchmark
TICK = 0.3                     # one byte per tick: always inside the socket timeout

_OK = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
# name -> (header block, byte sent per tick). After the header block the server sends one byte per tick,
# forever (until the client hangs up). "headers" never finishes its header block.
FRAMINGS: dict[str, tuple[bytes, bytes]] = {
    "length-keepalive": ((_OK + "Content-Length: 100000\r\n\r\n").encode(), b"<"),
    "length-close": ((_OK + "Content-Length: 100000\r\nConnection: close\r\n\r\n").encode(), b"<"),
    "until-close": ((_OK + "Connection: close\r\n\r\n").encode(), b"<"),
    "http10": (b"HTTP/1.0 200 OK\r\nContent-Type: application/rss+xml\r\n\r\n", b"<"),
    "http10-length": (b"HTTP/1.0 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n",
                      b"<"),
    # one 100000-byte chunk whose bytes come one per tick
    "chunked": ((_OK + "Transfer-Encoding: chunked\r\n\r\n186a0\r\n").encode(), b"<"),
    "chunked-close": ((_OK + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n186a0\r\n").encode(), b"<"),
    # a status line, then a header whose value never ends
    "headers": (b"HTTP/1.1 200 OK\r\nX-Slow: ", b"a"),
}


class TrickleServer:
    """A raw-socket HTTP server on 127.0.0.1 (its own thread): reads one request, sends `framing`'s headers,
    then one byte per tick until the client hangs up or the server is stopped."""

    def __init__(self, framing: str, tick: float = TICK, tls: ssl.SSLContext | None = None):
        self.head, self.drip = FRAMINGS[framing]
        self.tick = tick
        self.tls = tls
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.stopped = threading.Event()
        self.hung_up = threading.Event()       # a client went away while being trickled to
        self._threads: list[threading.Thread] = []
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()
        self._start(self._accept)

    def url(self, path: str = "/feed.xml") -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}{path}"

    def _start(self, target, *args) -> None:
        t = threading.Thread(target=target, args=args, daemon=True, name="trickle-server")
        with self._lock:
            self._threads.append(t)
        t.start()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self._conns.append(conn)
            self._start(self._serve, conn)

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(TICK)
        request = b""
        try:
            if self.tls is not None:
                conn.settimeout(5)
                conn = self.tls.wrap_socket(conn, server_side=True)
                with self._lock:
                    self._conns.append(conn)
                conn.settimeout(TICK)
            while b"\r\n\r\n" not in request and not self.stopped.is_set():
                try:
                    data = conn.recv(4096)
                except TimeoutError:
                    continue
                if not data:
                    return
                request += data
            conn.sendall(self.head)
            while not self.stopped.wait(self.tick):
                conn.sendall(self.drip)
                if self._client_gone(conn):
                    break
        except OSError:   # broken pipe / reset: the client hung up
            pass
        if not self.stopped.is_set():
            self.hung_up.set()

    @staticmethod
    def _client_gone(conn: socket.socket) -> bool:
        """The client shut its end (EOF readable) — it will not read any more. (Over TLS only a failing send
        tells: SSLSocket cannot peek.)"""
        if isinstance(conn, ssl.SSLSocket):
            return False
        try:
            conn.setblocking(False)
            try:
                return conn.recv(1, socket.MSG_PEEK) == b""
            except BlockingIOError:
                return False
        finally:
            conn.settimeout(TICK)

    def close(self) -> None:
        self.stopped.set()
        self.listener.close()
        with self._lock:
            conns, threads = list(self._conns), list(self._threads)
        for c in conns:
            try:
                c.close()
            except OSError:
                pass
        for t in threads:
            t.join(timeout=5)


@pytest.fixture
def trickle():
    servers: list[TrickleServer] = []

    def start(framing: str, tls: ssl.SSLContext | None = None) -> TrickleServer:
        servers.append(TrickleServer(framing, tls=tls))
        return servers[-1]

    yield start
    for s in servers:
        s.close()


def bounded(fn, release, limit: float = HANG_GUARD + 5):
    """Run `fn` in a thread and wait at most `limit` s. On a hang, `release()` (e.g. stop the server, which
    ends the stuck read, so nothing outlives the test) and fail: a regression fails here instead of hanging
    the run (pytest-timeout could interrupt the test, but not a thread pool joining a stuck worker)."""
    result: dict[str, object] = {}

    def run() -> None:
        try:
            result["value"] = fn()
        except BaseException as exc:   # handed to the test thread
            result["error"] = exc

    runner = threading.Thread(target=run, daemon=True, name="trickle-client")
    started = time.monotonic()
    runner.start()
    runner.join(limit)
    took = time.monotonic() - started
    if runner.is_alive():
        release()
        runner.join(10)
        pytest.fail(f"still waiting after {took:.0f} s (fetch deadline {DEADLINE:g} s): held by a slow server")
    if "error" in result:
        raise result["error"]
    return result["value"], took


@pytest.mark.timeout(30)
@pytest.mark.parametrize("framing", list(FRAMINGS))
def test_trickling_server_is_cut_at_the_deadline(trickle, framing):
    server = trickle(framing)
    started = time.monotonic()
    with pytest.raises(SourceError) as err:
        bounded(lambda: http_get(server.url(), timeout=TIMEOUT), server.close)
    took = time.monotonic() - started
    assert took < HANG_GUARD, f"{framing}: {took:.1f} s"
    assert "response too slow" in str(err.value) and f"within {DEADLINE:g} s" in str(err.value), str(err.value)
    assert server.hung_up.wait(5), "the client never let go of the trickling connection"


@pytest.fixture
def tls_context(tmp_path, monkeypatch):
    """A server context with a self-signed certificate for 127.0.0.1, trusted by requests via
    REQUESTS_CA_BUNDLE (http_get verifies certificates)."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                           "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                           "-keyout", str(key), "-out", str(cert)], capture_output=True, timeout=60)
    if made.returncode != 0:
        pytest.skip(f"openssl could not make a certificate: {made.stderr[-200:]!r}")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    return ctx


@pytest.mark.timeout(30)
@pytest.mark.parametrize("framing", ["length-close", "chunked", "headers"])
def test_trickling_tls_server_is_cut_at_the_deadline(trickle, tls_context, framing):
    server = trickle(framing, tls=tls_context)
    started = time.monotonic()
    with pytest.raises(SourceError) as err:
        bounded(lambda: http_get(server.url(), timeout=TIMEOUT), server.close)
    took = time.monotonic() - started
    assert took < HANG_GUARD, f"TLS {framing}: {took:.1f} s"
    assert "response too slow" in str(err.value), str(err.value)
    assert server.hung_up.wait(5), "the client never let go of the trickling connection"


@pytest.mark.timeout(30)
def test_a_trickling_feed_does_not_hold_up_the_round(core, settings, httpserver, trickle):
    settings.set("feeds.timeout_s", TIMEOUT)
    httpserver.expect_request("/good.xml").respond_with_data(feedgen.rss(feedgen.items(3)),
                                                             content_type="application/rss+xml")
    slow_server = trickle("length-close")
    slow = add_feed(core, slow_server.url())
    good = add_feed(core, httpserver.url_for("/good.xml"))
    core.tagger()                          # build the tagger now, not inside the timed round
    refresher = core.refresher()
    feeds = refresher.due(feed_ids=[slow, good])
    arrived: dict[int, float] = {}
    started = time.monotonic()
    outcomes, took = bounded(lambda: refresher.refresh(
        feeds, on_outcome=lambda o: arrived.setdefault(o.feed_id, time.monotonic())), slow_server.close)
    by_id = {o.feed_id: o for o in outcomes}
    assert by_id[good].status == "new" and by_id[good].new == 3
    assert by_id[slow].status == "error" and "response too slow" in by_id[slow].error, by_id[slow].error
    assert feed(core, slow).last_error == by_id[slow].error
    assert arrived[good] < arrived[slow]            # written and reported without waiting for the slow feed
    assert arrived[good] - started < DEADLINE
    assert took < HANG_GUARD, f"round took {took:.1f} s"


@pytest.mark.timeout(30)
def test_a_fetch_that_outlives_its_deadline_does_not_hold_the_round(core, settings, httpserver, monkeypatch):
    """Last line of defence: a fetch the HTTP layer cannot cut (say a resolver that never answers) is
    reported as that feed's error once past its deadline plus a grace, and the round ends without it."""
    import desktop.services.feed_refresh as feed_refresh

    settings.set("feeds.timeout_s", TIMEOUT)
    monkeypatch.setattr(feed_refresh.FeedRefresher, "STUCK_GRACE_S", 0.5, raising=False)
    httpserver.expect_request("/good.xml").respond_with_data(feedgen.rss(feedgen.items(3)),
                                                             content_type="application/rss+xml")
    gate, late = threading.Event(), threading.Event()
    real_get = feed_refresh.http_get

    def http_get(url, **kwargs):
        if not url.endswith("/stuck.xml"):
            return real_get(url, **kwargs)
        try:
            gate.wait(60)                                        # ignores every timeout
            return real_get(httpserver.url_for("/good.xml"), **kwargs)   # a valid answer, far too late
        finally:
            late.set()

    monkeypatch.setattr(feed_refresh, "http_get", http_get)
    stuck = add_feed(core, httpserver.url_for("/stuck.xml"))
    good = add_feed(core, httpserver.url_for("/good.xml"))
    core.tagger()
    refresher = core.refresher()
    feeds = refresher.due(feed_ids=[stuck, good])
    try:
        outcomes, took = bounded(lambda: refresher.refresh(feeds), gate.set)
    finally:
        gate.set()
    by_id = {o.feed_id: o for o in outcomes}
    assert by_id[good].status == "new" and by_id[good].new == 3
    assert by_id[stuck].status == "error" and "response too slow" in by_id[stuck].error, by_id[stuck].error
    assert took < HANG_GUARD + 0.5 + 1.0, f"round took {took:.1f} s"
    assert late.wait(10)                                         # the abandoned fetch ends later...
    time.sleep(0.2)
    assert feed(core, stuck).last_error == by_id[stuck].error    # ...and its late answer is not stored
    assert articles(core, feed_id=stuck) == []
