"""The status bar's 资讯 item shows the last round's result — "资讯 HH:MM n/m", green when every feed worked,
amber when some failed, red when all did, the failed feeds named in plain words — and still shows it after a
restart, before any round of the new run."""

from __future__ import annotations

import re

from desktop.core import clock
from desktop.core.status import FeedResult, SourceState, feeds_state
from desktop.store import feeds as feed_ops
from tests.news import feedgen

TEXT = re.compile(r"^资讯 \d\d:\d\d (\d+)/(\d+)$")


def subscribe(app, httpserver, good: int, bad: int) -> None:
    """`good` feeds that answer with two articles, `bad` ones that answer 503; all titled."""
    for i in range(good):
        httpserver.expect_request(f"/ok{i}.xml").respond_with_data(
            feedgen.rss(feedgen.items(2, prefix=f"ok{i}", host=f"http://n{i}.example")), content_type="application/rss+xml")
    for i in range(bad):
        httpserver.expect_request(f"/down{i}.xml").respond_with_data("maintenance", status=503)
    new = [feed_ops.NewFeed(url=httpserver.url_for(f"/ok{i}.xml"), title=f"好源{i}") for i in range(good)]
    new += [feed_ops.NewFeed(url=httpserver.url_for(f"/down{i}.xml"), title=f"坏源{i}") for i in range(bad)]
    app.core.writer.call(lambda c: feed_ops.add_feeds(c, new))


def run_round(app, qtbot):
    app.start_background(market=False)
    status = app.window.source_status
    qtbot.waitUntil(lambda: status.states["feeds"].state != "idle", timeout=15_000)
    return status.labels["feeds"]


def counts(label) -> tuple[int, int]:
    m = TEXT.match(label.text())
    assert m, label.text()
    return int(m.group(1)), int(m.group(2))


def test_all_feeds_ok_is_green_with_the_count(make_gui, httpserver, qtbot):
    app = make_gui()
    subscribe(app, httpserver, good=2, bad=0)
    label = run_round(app, qtbot)
    assert counts(label) == (2, 2)
    assert label.property("state") == "ok"
    assert "2 个订阅源中 2 个成功" in label.toolTip()


def test_some_feeds_failing_is_amber_and_names_them(make_gui, httpserver, qtbot):
    """One of two working used to show green: now amber, "1/2", and the tooltip says which one failed and why."""
    app = make_gui()
    subscribe(app, httpserver, good=1, bad=1)
    label = run_round(app, qtbot)
    assert counts(label) == (1, 2)
    assert label.property("state") == "partial"
    tip = label.toolTip()
    assert "坏源0" in tip and "好源0" not in tip.split("失败的订阅源")[1]
    assert "服务器内部出错 (HTTP 503)" in tip            # what happened, in plain words (ui/error_text.py)
    assert "稍后会自动重试" in tip                       # and what to do


def test_all_feeds_failing_is_red(make_gui, httpserver, qtbot):
    app = make_gui()
    subscribe(app, httpserver, good=0, bad=2)
    label = run_round(app, qtbot)
    assert counts(label) == (0, 2)
    assert label.property("state") == "error"
    assert "坏源0、坏源1" in label.toolTip()             # the same cause: one entry naming both


def test_a_restart_shows_the_last_rounds_result(make_gui, httpserver, qtbot):
    """Was grey "资讯 —" until the next round although a round had run minutes before."""
    first = make_gui()
    subscribe(first, httpserver, good=1, bad=1)
    shown = run_round(first, qtbot).text()
    first.shutdown()

    second = make_gui()                          # the same data directory; no poller runs in this one
    label = second.window.source_status.labels["feeds"]
    qtbot.waitUntil(lambda: label.property("state") != "idle", timeout=5000)
    assert label.text() == shown and counts(label) == (1, 2)
    assert label.property("state") == "partial"
    assert "坏源0" in label.toolTip()


def test_a_new_database_waits():
    assert feeds_state([]) == SourceState("feeds", "idle", None)


def test_the_time_is_the_newest_attempt_and_success():
    now = int(clock.now())
    st = feeds_state([FeedResult("a", now - 600, now - 600, None), FeedResult("b", now - 60, now - 3600, "HTTP 503"),
                      FeedResult("c", now - 120, now - 120, None)])
    assert (st.state, st.ok, st.total, st.checked, st.last_success) == ("partial", 2, 3, now - 60, now - 120)
    assert st.failures == (("b", "HTTP 503"),) and st.error.startswith("1/3 b: HTTP 503")
