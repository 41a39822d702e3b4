"""Errors a user sees say what happened and what to do, in the UI's language; "banned" only on evidence."""

from __future__ import annotations

import pytest

from desktop.ui.error_text import describe, explain, headline, kind_of

# (the sources' own words, as http_fetch / akshare_source / feed_parse write them) → the cause
CASES = [
    ("cannot connect: HTTPConnectionPool(host='x.example', port=80): Max retries exceeded (Caused by "
     "NameResolutionError(\"Failed to resolve 'x.example' ([Errno -2] Name or service not known)\"))", "offline"),
    ("cannot connect: [Errno 101] Network is unreachable", "offline"),
    ("quotes: cannot connect (Temporary failure in name resolution)", "offline"),
    ("cannot connect: [Errno 111] Connection refused", "refused"),
    ("no answer within 20 s (timed out)", "timeout"),
    ("response too slow: not complete within 40 s", "timeout"),
    ("HTTP 404 Not Found", "not_found"),
    ("HTTP 401 Unauthorized", "client"),
    ("HTTP 502 Bad Gateway", "server"),
    ("HTTP 429 Too Many Requests (retry after 60 s)", "banned"),
    ("HTTP 403 Forbidden", "forbidden"),                  # a feed's 403 is access denied, not a rate limit
    ("quotes: the market process stopped unexpectedly (exit code -9); it restarts on the next poll", "process"),
    ("history: the market process did not answer within 75 s; it is restarted on the next poll", "process"),
    ("boards: connection dropped (Eastmoney drops IPs that request too fast; it usually lifts within hours)",
     "banned"),
    ("not a feed: the server returned an HTML page (title: 登录)", "not_feed"),
    ("response too large: 31.0 MB (limit 20 MB)", "too_large"),
    ("request failed: SSLError(certificate verify failed)", "tls"),
    ("empty response: the server sent no feed", "empty"),
    ("market snapshot: columns changed (Length mismatch); akshare needs an update", "format"),
    ("connection lost: RemoteDisconnected('Remote end closed connection without response')", "connection"),
]


@pytest.mark.parametrize(("raw", "kind"), CASES)
def test_each_cause_is_recognised(raw, kind):
    assert kind_of(raw) == kind


def test_no_network_is_never_called_a_ban():
    for raw, kind in CASES:
        if kind == "offline":
            assert "限流" not in describe(raw) and "频繁" not in describe(raw)


def test_the_explanation_names_the_status_and_keeps_the_detail(qtbot):
    what, do = explain("HTTP 404 Not Found")
    assert what == "地址不存在或已失效 (HTTP 404)" and "订阅地址" in do
    text = describe("cannot connect: [Errno 111] Connection refused")
    assert text.splitlines()[0] == "服务器拒绝连接（服务未运行，或地址、端口有误）"
    assert "RSSHub" in text.splitlines()[1]
    assert text.splitlines()[2] == "详情：cannot connect: [Errno 111] Connection refused"
    assert headline("") == "" and describe("") == ""
    assert explain("something nobody expected")[0] == "获取失败"


def test_english_when_the_ui_is_english(qtbot):
    from PySide6.QtWidgets import QApplication

    from desktop.ui import i18n

    app = QApplication.instance()
    try:
        assert i18n.install(app, "en")
        what, do = explain("cannot connect: [Errno -3] Temporary failure in name resolution")
        assert what.isascii() and do.isascii() and "network" in what.lower()
    finally:
        i18n.install(app, "zh_CN")


def test_a_market_request_gets_market_advice_not_a_feed_address():
    from desktop.core.error_kinds import explain as core_explain
    from desktop.core.error_kinds import one_line

    raw = "quotes: Tencent: cannot connect ([Errno 111] Connection refused)"
    what, do = core_explain(raw, "zh", market=True)
    assert what.startswith("服务器拒绝连接") and "订阅地址" not in do and "行情" in do
    assert "订阅地址" in core_explain(raw, "zh")[1]                         # a feed's: check its address
    assert one_line(raw, "en", market=True).startswith(raw + " — The server refused the connection")
