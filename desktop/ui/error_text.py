"""What a fetch error means for the user, in the UI's language: what happened, then what to do.

The sources write their errors in stable English (`cannot connect: [Errno 111] Connection refused`, `HTTP 404
Not Found`, `not a feed: the server returned an HTML page`, …) so that logs and the CLI read the same on every
machine. The window shows this explanation instead, translated, with the source's own words kept as the detail
(a server's reason phrase or an errno helps whoever asks for help). The order of KINDS matters: the first match
wins, so a more specific cause comes before a more general one.

"Banned" is said only on evidence of a ban (a server that cut connections it had accepted, HTTP 403/429), never
for a machine without a network — that is "offline".
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CTX = "ErrorText"

# kind, markers (any, case-insensitive), what happened, what to do
KINDS: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("offline", ("name or service not known", "temporary failure in name resolution", "nodename nor servname",
                 "getaddrinfo failed", "network is unreachable", "no route to host", "nameresolutionerror",
                 "[errno -2]", "[errno -3]", "[errno 101]", "[errno 113]", "[errno 11001]"),
     QT_TRANSLATE_NOOP("ErrorText", "无法连接网络（域名无法解析或网络不可达）"),
     QT_TRANSLATE_NOOP("ErrorText", "请检查网络连接；恢复后会自动重试，已保存的内容照常可读")),
    ("refused", ("connection refused", "[errno 111]", "actively refused", "[errno 10061]"),
     QT_TRANSLATE_NOOP("ErrorText", "服务器拒绝连接（服务未运行，或地址、端口有误）"),
     QT_TRANSLATE_NOOP("ErrorText", "检查订阅地址；RSSHub 路由需要 RSSHub 在运行，可在设置中修改或测试 RSSHub 地址")),
    ("process", ("market process",),
     QT_TRANSLATE_NOOP("ErrorText", "行情进程意外退出或无响应"),
     QT_TRANSLATE_NOOP("ErrorText", "火花会自动重启它并重试，无需操作；若反复出现，请查看日志")),
    ("banned", ("drops ips", "connection dropped", "http 429", "too many requests"),
     QT_TRANSLATE_NOOP("ErrorText", "请求过于频繁，服务器暂时拒绝了本机（限流）"),
     QT_TRANSLATE_NOOP("ErrorText", "通常几分钟到数小时内解除；火花会自动放慢重试，无需操作")),
    ("timeout", ("timed out", "too slow", "no answer within", "no data for", "did not answer within"),
     QT_TRANSLATE_NOOP("ErrorText", "服务器响应超时"),
     QT_TRANSLATE_NOOP("ErrorText", "稍后会自动重试；若一直超时，可在设置中调大超时时间")),
    ("forbidden", ("http 403",),
     QT_TRANSLATE_NOOP("ErrorText", "服务器拒绝访问"),
     QT_TRANSLATE_NOOP("ErrorText", "该源可能需要登录或屏蔽了程序访问；若是行情接口，多为请求过快，稍后会自动重试")),
    ("not_found", ("http 404", "http 410"),
     QT_TRANSLATE_NOOP("ErrorText", "地址不存在或已失效"),
     QT_TRANSLATE_NOOP("ErrorText", "检查订阅地址是否正确，或退订该源")),
    ("client", ("http 4",),
     QT_TRANSLATE_NOOP("ErrorText", "服务器拒绝了这个请求"),
     QT_TRANSLATE_NOOP("ErrorText", "检查订阅地址；该源可能需要登录或已停止公开")),
    ("server", ("http 5",),
     QT_TRANSLATE_NOOP("ErrorText", "服务器内部出错"),
     QT_TRANSLATE_NOOP("ErrorText", "多为临时故障，稍后会自动重试")),
    ("not_feed", ("not a feed", "web page", "did not answer json", "not data"),
     QT_TRANSLATE_NOOP("ErrorText", "返回的是网页，不是订阅源或数据"),
     QT_TRANSLATE_NOOP("ErrorText", "请使用 RSS/Atom 订阅地址而不是网站首页；若是反爬页面，稍后会重试")),
    ("too_large", ("too large",),
     QT_TRANSLATE_NOOP("ErrorText", "返回的内容过大，超过了上限"),
     QT_TRANSLATE_NOOP("ErrorText", "该地址可能不是订阅源；确有需要可在设置中调整上限")),
    ("tls", ("ssl", "certificate", "tls"),
     QT_TRANSLATE_NOOP("ErrorText", "安全连接（HTTPS）失败"),
     QT_TRANSLATE_NOOP("ErrorText", "检查电脑的日期时间是否正确；若仍失败，可能是源站证书有问题")),
    ("empty", ("empty response", "empty answer", "without data", "data: null", "no dates"),
     QT_TRANSLATE_NOOP("ErrorText", "服务器返回了空内容"),
     QT_TRANSLATE_NOOP("ErrorText", "多为临时情况，稍后会自动重试")),
    ("format", ("columns changed", "unexpected answer format", "needs an update"),
     QT_TRANSLATE_NOOP("ErrorText", "数据格式变了，无法解析"),
     QT_TRANSLATE_NOOP("ErrorText", "请更新火花；在此之前显示的是已保存的数据")),
    ("replay", ("not in the recording",),
     QT_TRANSLATE_NOOP("ErrorText", "回放的录制里没有这个请求"),
     QT_TRANSLATE_NOOP("ErrorText", "回放只能显示录制时取到的数据")),
    ("closing", ("closing",),
     QT_TRANSLATE_NOOP("ErrorText", "正在退出，请求已取消"),
     QT_TRANSLATE_NOOP("ErrorText", "无需操作")),
    ("connection", ("cannot connect", "connection lost", "connection broke", "connection aborted",
                    "reset by peer", "remotedisconnected", "stopped unexpectedly"),
     QT_TRANSLATE_NOOP("ErrorText", "连接中断"),
     QT_TRANSLATE_NOOP("ErrorText", "稍后会自动重试；若一直失败，请检查网络")),
)
FALLBACK = (QT_TRANSLATE_NOOP("ErrorText", "获取失败"), QT_TRANSLATE_NOOP("ErrorText", "稍后会自动重试"))
_HTTP = re.compile(r"\bHTTP (\d{3})\b")


def kind_of(raw: str) -> str:
    """The cause of a source error ("offline", "refused", "banned", "timeout", "not_found", …, or "")."""
    low = (raw or "").lower()
    for kind, markers, _what, _do in KINDS:
        if any(m in low for m in markers):
            return kind
    return ""


def explain(raw: str) -> tuple[str, str]:
    """(what happened, what to do), translated; an HTTP status is named in what happened."""
    kind = kind_of(raw)
    what, do = next(((w, d) for k, _m, w, d in KINDS if k == kind), FALLBACK)
    what, do = QCoreApplication.translate(CTX, what), QCoreApplication.translate(CTX, do)
    m = _HTTP.search(raw or "")
    if m and kind in ("not_found", "client", "server", "banned", "forbidden"):
        what += f" (HTTP {m.group(1)})"
    return what, do


def describe(raw: str) -> str:
    """Three lines for a tooltip: what happened, what to do, and the source's own words."""
    if not raw:
        return ""
    what, do = explain(raw)
    return f"{what}\n{do}\n" + QCoreApplication.translate("ErrorText", "详情：%1").replace("%1", raw)


def headline(raw: str) -> str:
    """One line for a table cell: what happened."""
    return explain(raw)[0] if raw else ""
