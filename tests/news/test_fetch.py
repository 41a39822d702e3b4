"""Fetching against a local HTTP server: every failure becomes that feed's error and loses nothing."""

from __future__ import annotations

import gzip
import time

import pytest
from werkzeug import Response

from desktop.core import clock
from tests.news import feedgen
from tests.news.helpers import add_feed, articles, feed, refresh

GOOD = feedgen.rss(feedgen.items(3))


@pytest.fixture
def seeded(core, httpserver):
    """A feed that has already stored 3 articles; each test then breaks its server in one way."""
    httpserver.expect_oneshot_request("/feed.xml").respond_with_data(GOOD, content_type="application/rss+xml")
    fid = add_feed(core, httpserver.url_for("/feed.xml"))
    assert refresh(core, fid).new == 3
    return fid


def assert_error_kept(core, fid, outcome, pattern):
    assert outcome.status == "error"
    assert pattern in outcome.error, outcome.error
    f = feed(core, fid)
    assert f.last_error == outcome.error and f.failures == 1
    assert f.next_due > clock.now()            # backed off, not retried in a loop
    assert len(articles(core, feed_id=fid)) == 3  # earlier articles intact


def test_conditional_get_sends_validators_and_304_is_unchanged(core, httpserver):
    httpserver.expect_oneshot_request("/c.xml").respond_with_data(
        GOOD, content_type="application/rss+xml", headers={"ETag": '"v1"', "Last-Modified": "Wed, 25 Nov 2026 01:00:00 GMT"})
    fid = add_feed(core, httpserver.url_for("/c.xml"))
    assert refresh(core, fid).status == "new"
    httpserver.expect_oneshot_request("/c.xml", headers={"If-None-Match": '"v1"',
                                                         "If-Modified-Since": "Wed, 25 Nov 2026 01:00:00 GMT"}
                                      ).respond_with_data("", status=304)
    out = refresh(core, fid)
    assert out.status == "unchanged" and feed(core, fid).last_error is None
    httpserver.check_assertions()


def test_same_body_without_validators_is_not_reparsed(core, httpserver, monkeypatch):
    httpserver.expect_request("/same.xml").respond_with_data(GOOD, content_type="application/rss+xml")
    fid = add_feed(core, httpserver.url_for("/same.xml"))
    refresh(core, fid)
    import desktop.services.parse_pool as pp

    monkeypatch.setattr(pp, "parse_and_tag", lambda *a, **k: pytest.fail("unchanged body was parsed again"))
    assert refresh(core, fid).status == "unchanged"


def test_429_retry_after_is_honoured(core, httpserver, seeded):
    httpserver.expect_oneshot_request("/feed.xml").respond_with_data("slow down", status=429,
                                                                     headers={"Retry-After": "3600"})
    out = refresh(core, seeded)
    assert_error_kept(core, seeded, out, "HTTP 429")
    assert feed(core, seeded).next_due >= clock.now() + 3500


def test_503_with_http_date_retry_after(core, httpserver, seeded):
    when = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(clock.now() + 7200))
    httpserver.expect_oneshot_request("/feed.xml").respond_with_data("", status=503, headers={"Retry-After": when})
    out = refresh(core, seeded)
    assert_error_kept(core, seeded, out, "HTTP 503")
    assert feed(core, seeded).next_due >= clock.now() + 7000


def test_500(core, httpserver, seeded):
    httpserver.expect_oneshot_request("/feed.xml").respond_with_data("boom", status=500)
    assert_error_kept(core, seeded, refresh(core, seeded), "HTTP 500")


def test_slow_server_times_out(core, httpserver, seeded):
    def slow(request):
        time.sleep(3.5)                         # settings fixture: feeds.timeout_s = 2
        return Response(GOOD, content_type="application/rss+xml")

    httpserver.expect_oneshot_request("/feed.xml").respond_with_handler(slow)
    assert_error_kept(core, seeded, refresh(core, seeded), "timed out")


def test_oversized_body(core, httpserver, seeded, settings):
    settings.set("feeds.max_body_mb", 0.05)
    big = feedgen.rss(feedgen.items(400))
    assert len(big) > 60_000
    httpserver.expect_oneshot_request("/feed.xml").respond_with_data(big, content_type="application/rss+xml")
    assert_error_kept(core, seeded, refresh(core, seeded), "too large")


def test_gzip_bomb_is_capped_after_decompression(core, httpserver, seeded, settings):
    settings.set("feeds.max_body_mb", 0.5)
    bomb = gzip.compress(b"<rss>" + b" " * 20_000_000)
    assert len(bomb) < 100_000
    httpserver.expect_oneshot_request("/feed.xml").respond_with_data(
        bomb, content_type="application/rss+xml", headers={"Content-Encoding": "gzip"})
    assert_error_kept(core, seeded, refresh(core, seeded), "too large")


def test_redirect_loop(core, httpserver, seeded):
    httpserver.expect_request("/feed.xml").respond_with_data("", status=302, headers={"Location": "/loop.xml"})
    httpserver.expect_request("/loop.xml").respond_with_data("", status=302, headers={"Location": "/feed.xml"})
    assert_error_kept(core, seeded, refresh(core, seeded), "too many redirects")


def test_redirect_is_followed(core, httpserver):
    httpserver.expect_request("/old.xml").respond_with_data("", status=301, headers={"Location": "/new.xml"})
    httpserver.expect_request("/new.xml").respond_with_data(GOOD, content_type="application/rss+xml")
    fid = add_feed(core, httpserver.url_for("/old.xml"))
    assert refresh(core, fid).new == 3


@pytest.mark.parametrize("body, pattern", [
    (b"", "empty"),
    (b"<!DOCTYPE html><html><head><title>\xe7\xbb\xb4\xe6\x8a\xa4</title></head><body>x</body></html>", "HTML page"),
])
def test_not_a_feed(core, httpserver, seeded, body, pattern):
    httpserver.expect_oneshot_request("/feed.xml").respond_with_data(body, content_type="text/html")
    assert_error_kept(core, seeded, refresh(core, seeded), pattern)


def test_connection_refused(core):
    fid = add_feed(core, "http://127.0.0.1:9/feed.xml")
    out = refresh(core, fid)
    assert out.status == "error" and "cannot connect" in out.error


def test_one_failing_feed_does_not_stop_the_others(core, httpserver):
    httpserver.expect_request("/ok.xml").respond_with_data(GOOD, content_type="application/rss+xml")
    httpserver.expect_request("/bad.xml").respond_with_data("x", status=500)
    ok, bad = add_feed(core, httpserver.url_for("/ok.xml")), add_feed(core, httpserver.url_for("/bad.xml"))
    outcomes = {o.feed_id: o for o in refresh(core, ok, bad)}
    assert outcomes[ok].new == 3 and outcomes[bad].status == "error"


def test_backoff_grows_and_success_resets(core, httpserver, seeded):
    httpserver.expect_request("/feed.xml").respond_with_data("x", status=500)
    delays = []
    for _ in range(3):
        before = clock.now()
        refresh(core, seeded)
        delays.append(feed(core, seeded).next_due - before)
    assert delays[0] < delays[1] < delays[2] and feed(core, seeded).failures == 3
    httpserver.clear()
    httpserver.expect_request("/feed.xml").respond_with_data(GOOD, content_type="application/rss+xml")
    refresh(core, seeded)
    f = feed(core, seeded)
    assert f.failures == 0 and f.last_error is None and f.last_success is not None


def test_user_agent_and_accept(core, httpserver):
    httpserver.expect_request("/ua.xml").respond_with_data(GOOD, content_type="application/rss+xml")
    refresh(core, add_feed(core, httpserver.url_for("/ua.xml")))
    request, _ = httpserver.log[-1]
    assert request.headers["User-Agent"].startswith("Huohua/")
    assert "application/rss+xml" in request.headers["Accept"]


def test_rsshub_route_resolves_against_the_setting(core, httpserver, settings):
    settings.set("rsshub.base_url", httpserver.url_for("/hub"))
    httpserver.expect_request("/hub/cls/telegraph").respond_with_data(GOOD, content_type="application/rss+xml")
    fid = add_feed(core, "rsshub:/cls/telegraph")
    assert refresh(core, fid).new == 3
