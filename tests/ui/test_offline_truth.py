"""Offline, the window says what is true (issue 22): the 离线 banner stays while every source fails — a request
that ran past its deadline without an answer is offline too — and goes only when something succeeds."""

from __future__ import annotations

from desktop.core.status import SourceState, is_connection_error


def market_state(name: str, state: str, error: str, last_success: int | None = None) -> SourceState:
    """What MarketPoller._report emits for a failing market job."""
    return SourceState(name, state, last_success, error, bool(error) and is_connection_error(error))


def test_the_banner_stays_while_every_source_fails_past_its_deadline(make_gui):
    app = make_gui()
    w = app.window
    feeds = "0/12 人民网 财经: cannot connect: [Errno -2] Name or service not known"
    w.update_source(SourceState("feeds", "error", None, feeds, True, ok=0, total=12, checked=1))
    w.update_source(market_state("quotes", "error", "quotes: Eastmoney: cannot connect ([Errno -2] Name or "
                                                    "service not known)"))
    w.update_source(market_state("boards", "error", "industry boards: cannot connect ([Errno -2] Name or service "
                                                    "not known)"))
    assert not w.banner_bar.isHidden()
    # about a minute later akshare's retry loops end at their deadline: still no server has answered
    w.update_source(market_state("boards", "error", "industry boards: the market request ran past its deadline "
                                                    "and was abandoned"))
    w.update_source(market_state("quotes", "error", "quotes: no answer within 15 s"))
    assert not w.banner_bar.isHidden(), "a deadline without an answer is offline too"
    # a failure of another kind, or a source gone quiet, proves no network either
    w.update_source(market_state("boards", "error", "industry boards: HTTP 503"))
    w.update_source(SourceState("quotes", "stale", 1_700_000_000))
    assert not w.banner_bar.isHidden()
    # something actually succeeds: the banner goes
    w.update_source(SourceState("quotes", "ok", 1_700_000_100))
    assert w.banner_bar.isHidden()


def test_a_partial_feed_round_of_old_successes_does_not_end_it(make_gui):
    from desktop.core import clock

    app = make_gui()
    w = app.window
    for name in ("quotes", "boards"):
        w.update_source(market_state(name, "error", f"{name}: no answer within 15 s"))
    w.update_source(SourceState("feeds", "error", None, "1/1 a: cannot connect: refused", True, total=1))
    assert not w.banner_bar.isHidden()
    before = clock.now_s() - 3600          # RSS feeds fetched an hour ago, the 快讯 failing now
    w.update_source(SourceState("feeds", "partial", before, "2/5 …", ok=3, total=5, checked=clock.now_s()))
    assert not w.banner_bar.isHidden()
    w.update_source(SourceState("feeds", "partial", clock.now_s() + 1, "2/5 …", ok=3, total=5))
    assert w.banner_bar.isHidden()


def test_deadline_errors_count_as_unreachable():
    for raw in ("quotes: no answer within 15 s", "the market request ran past its deadline and was abandoned",
                "response too slow: not complete within 45 s", "no data for 20 s (timed out mid-response)",
                "history: the market process did not answer within 60 s; it is restarted on the next poll"):
        assert is_connection_error(raw), raw
    assert not is_connection_error("industry boards: HTTP 503")


def test_saved_content_is_promised_only_when_there_is_some(make_gui):
    app = make_gui()                       # a first run: nothing stored
    w = app.window
    assert not w.has_cache
    raw = "quotes: Eastmoney: cannot connect ([Errno -2] Name or service not known)"
    w.update_source(market_state("quotes", "error", raw))
    tip = w.source_status.labels["quotes"].toolTip()
    assert "无法连接网络" in tip and "请检查网络连接" in tip
    assert "已保存的内容照常可读" not in tip, tip
    w.has_cache = True                     # an article or a quote was committed
    w.update_source(market_state("quotes", "error", raw))
    assert "已保存的内容照常可读" in w.source_status.labels["quotes"].toolTip()


def test_the_cli_advice_never_promises_a_retry():
    from desktop.core.error_kinds import KINDS, one_line

    for k in KINDS:
        raw = f"x: {k.markers[0]}"
        for language in ("zh_CN", "en"):
            line = one_line(raw, language) + one_line(raw, language, market=True)
            assert "自动" not in line and "retries" not in line and "retried" not in line, (k.kind, line)
