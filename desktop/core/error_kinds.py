"""What a fetch error means for the user, in the user's language: what happened, then what to do. Qt-free, so
the window (ui/error_text.py) and the CLI say the same.

The sources write their errors in stable English (`cannot connect: [Errno 111] Connection refused`, `HTTP 404
Not Found`, `not a feed: the server returned an HTML page`, …) so that logs read the same on every machine; the
user is shown this explanation, with the source's own words kept as the detail (a server's reason phrase or an
errno helps whoever asks for help). The order of KINDS matters: the first match wins, so a more specific cause
comes before a more general one.

"Banned" is said only on evidence of a ban (a server that cut connections it had accepted, HTTP 403/429), never
for a machine without a network — that is "offline".
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Kind(NamedTuple):
    kind: str
    markers: tuple[str, ...]     # any of them in the error, case-insensitive
    what_zh: str
    do_zh: str
    what_en: str
    do_en: str


KINDS: tuple[Kind, ...] = (
    Kind("offline", ("name or service not known", "temporary failure in name resolution", "nodename nor servname", "getaddrinfo failed", "network is unreachable", "no route to host", "nameresolutionerror", "[errno -2]", "[errno -3]", "[errno 101]", "[errno 113]", "[errno 11001]"),
         "无法连接网络（域名无法解析或网络不可达）",
         "请检查网络连接；恢复后会自动重试",
         "No network connection (the name cannot be resolved or the network is unreachable)",
         "Check the network connection; Huohua retries once it is back"),
    Kind("refused", ("connection refused", "[errno 111]", "actively refused", "[errno 10061]"),
         "服务器拒绝连接（服务未运行，或地址、端口有误）",
         "检查订阅地址；RSSHub 路由需要 RSSHub 在运行，可在设置中修改或测试 RSSHub 地址",
         "The server refused the connection (the service is not running, or the address or port is wrong)",
         "Check the feed address; RSSHub routes need RSSHub running — change or test its address in Settings"),
    Kind("process", ("market process",),
         "行情进程意外退出或无响应",
         "火花会自动重启它并重试，无需操作；若反复出现，请查看日志",
         "The market data process stopped or stopped answering",
         "Huohua restarts it and retries by itself; if it keeps happening, look at the log"),
    Kind("banned", ("drops ips", "connection dropped", "http 429", "too many requests"),
         "请求过于频繁，服务器暂时拒绝了本机（限流）",
         "通常几分钟到数小时内解除；火花会自动放慢重试，无需操作",
         "Too many requests: the server is refusing this computer for a while (rate limit)",
         "This usually lifts within minutes to hours; Huohua slows its retries by itself, nothing to do"),
    Kind("timeout", ("timed out", "too slow", "no answer within", "no data for", "did not answer within"),
         "服务器响应超时",
         "稍后会自动重试；若一直超时，可在设置中调大超时时间",
         "The server did not answer in time",
         "Huohua retries later; if it keeps timing out, raise the timeout in Settings"),
    Kind("forbidden", ("http 403",),
         "服务器拒绝访问",
         "该源可能需要登录或屏蔽了程序访问；若是行情接口，多为请求过快，稍后会自动重试",
         "The server denied access",
         "The feed may need a login or block programs; for market data it usually means too many requests, and Huohua retries later"),
    Kind("not_found", ("http 404", "http 410"),
         "地址不存在或已失效",
         "检查订阅地址是否正确，或退订该源",
         "The address does not exist (any more)",
         "Check the feed address, or unsubscribe from the feed"),
    Kind("client", ("http 4",),
         "服务器拒绝了这个请求",
         "检查订阅地址；该源可能需要登录或已停止公开",
         "The server rejected the request",
         "Check the feed address; the feed may need a login or may no longer be public"),
    Kind("server", ("http 5",),
         "服务器内部出错",
         "多为临时故障，稍后会自动重试",
         "The server had an internal error",
         "Usually temporary; Huohua retries later"),
    Kind("not_feed", ("not a feed", "web page", "did not answer json", "not data"),
         "返回的是网页，不是订阅源或数据",
         "请使用 RSS/Atom 订阅地址而不是网站首页；若是反爬页面，稍后会重试",
         "The server sent a web page, not a feed or data",
         "Use the RSS/Atom feed address, not the site's home page; an anti-bot page is retried later"),
    Kind("too_large", ("too large",),
         "返回的内容过大，超过了上限",
         "该地址可能不是订阅源；确有需要可在设置中调整上限",
         "The answer is larger than the limit",
         "The address may not be a feed; raise the limit in Settings if it really is one"),
    Kind("tls", ("ssl", "certificate", "tls"),
         "安全连接（HTTPS）失败",
         "检查电脑的日期时间是否正确；若仍失败，可能是源站证书有问题",
         "The secure connection (HTTPS) failed",
         "Check the computer's date and time; if it still fails, the site's certificate may be at fault"),
    Kind("empty", ("empty response", "empty answer", "without data", "data: null", "no dates"),
         "服务器返回了空内容",
         "多为临时情况，稍后会自动重试",
         "The server answered with nothing",
         "Usually temporary; Huohua retries later"),
    Kind("format", ("columns changed", "unexpected answer format", "needs an update"),
         "数据格式变了，无法解析",
         "请更新火花；在此之前显示的是已保存的数据",
         "The data's format changed and cannot be read",
         "Update Huohua; until then it shows the saved data"),
    Kind("replay", ("not in the recording",),
         "回放的录制里没有这个请求",
         "回放只能显示录制时取到的数据",
         "This request is not in the recording being replayed",
         "A replay can only show what was recorded"),
    Kind("closing", ("closing",),
         "正在退出，请求已取消",
         "无需操作",
         "Quitting: the request was cancelled",
         "Nothing to do"),
    Kind("connection", ("cannot connect", "connection lost", "connection broke", "connection aborted", "reset by peer", "remotedisconnected", "stopped unexpectedly"),
         "连接中断",
         "稍后会自动重试；若一直失败，请检查网络",
         "The connection broke",
         "Huohua retries later; if it keeps failing, check the network"),
)
FALLBACK = Kind("", (), "获取失败", "稍后会自动重试", "Fetching failed", "Huohua retries later")
DETAIL = {"zh": "详情：", "en": "Details: "}
# A quote or history request has no feed address to check: its advice for these causes is the market's own
FEED_ADVICE = frozenset({"refused", "not_found", "client", "not_feed", "too_large", "forbidden"})
MARKET_DO = ("行情接口暂时不可用；火花会自动重试，期间显示已保存的数据",
             "The market data service is unavailable for now; Huohua retries and shows the saved data meanwhile")
# Offline with something stored: the advice says it stays readable (only then: issue 22, a promise about saved
# content on a first run that has saved nothing was untrue)
SAVED = ("，已保存的内容照常可读", ", and everything saved stays readable")
# A one-shot command (the CLI) retries nothing: where the window's advice promises a retry, it says what to do
ONCE = {
    "offline": ("请检查网络连接，联网后再运行一次该命令", "Check the network connection and run the command again once "
                                                         "it is back"),
    "process": ("再运行一次该命令；若反复出现，请查看日志", "Run the command again; if it keeps happening, look at the log"),
    "banned": ("通常几分钟到数小时内解除，稍后再运行该命令", "This usually lifts within minutes to hours; run the command "
                                                      "again later"),
    "timeout": ("稍后再运行一次该命令；若一直超时，可在设置中调大超时时间", "Run the command again later; if it keeps "
                                                                "timing out, raise the timeout in Settings"),
    "forbidden": ("该源可能需要登录或屏蔽了程序访问；若是行情接口，多为请求过快，稍后再运行该命令",
                  "The feed may need a login or block programs; for market data it usually means too many requests: "
                  "run the command again later"),
    "server": ("多为临时故障，稍后再运行一次该命令", "Usually temporary; run the command again later"),
    "not_feed": ("请使用 RSS/Atom 订阅地址而不是网站首页；若是反爬页面，稍后再运行该命令",
                 "Use the RSS/Atom feed address, not the site's home page; after an anti-bot page, run the command "
                 "again later"),
    "empty": ("多为临时情况，稍后再运行一次该命令", "Usually temporary; run the command again later"),
    "connection": ("稍后再运行一次该命令；若一直失败，请检查网络", "Run the command again later; if it keeps failing, "
                                                            "check the network"),
    "": ("稍后再运行一次该命令", "Run the command again later"),
}
MARKET_ONCE = ("行情接口暂时不可用，稍后再运行一次该命令", "The market data service is unavailable for now; run the "
                                                        "command again later")
_HTTP = re.compile(r"\bHTTP (\d{3})\b")


def kind_of(raw: str) -> str:
    """The cause of a source error ("offline", "refused", "banned", "timeout", "not_found", …, or "")."""
    low = (raw or "").lower()
    return next((k.kind for k in KINDS if any(m in low for m in k.markers)), "")


def explain(raw: str, language: str = "zh", market: bool = False, *, saved: bool = False,
            once: bool = False) -> tuple[str, str]:
    """(what happened, what to do) in `language` ("zh" or "en"; "zh_CN" counts as zh); an HTTP status is named
    in what happened. `market`: the error of a market data request (no feed address to check). `saved`: the
    database holds something to read (offline, the advice says so). `once`: a one-shot command (the CLI), which
    retries nothing: the advice says to run it again instead of promising a retry."""
    kind = kind_of(raw)
    k = next((k for k in KINDS if k.kind == kind), FALLBACK)
    en = language.startswith("en")
    what, do = (k.what_en, k.do_en) if en else (k.what_zh, k.do_zh)
    if market and kind in FEED_ADVICE:
        do = (MARKET_ONCE if once else MARKET_DO)[en]
    elif once and kind in ONCE:
        do = ONCE[kind][en]
    if saved and kind == "offline":
        do += SAVED[en]
    m = _HTTP.search(raw or "")
    if m and kind in ("not_found", "client", "server", "banned", "forbidden"):
        what += f" (HTTP {m.group(1)})"
    return what, do


def describe(raw: str, language: str = "zh", market: bool = False, *, saved: bool = False) -> str:
    """Three lines: what happened, what to do, and the source's own words."""
    if not raw:
        return ""
    what, do = explain(raw, language, market, saved=saved)
    return f"{what}\n{do}\n{DETAIL['en' if language.startswith('en') else 'zh']}{raw}"


def one_line(raw: str, language: str = "zh", market: bool = False) -> str:
    """The source's words — what happened: what to do (for the CLI: its lines keep the source's words first; the
    advice is a one-shot command's, which retries nothing)."""
    what, do = explain(raw, language, market, once=True)
    return f"{raw} — {what}: {do}" if language.startswith("en") else f"{raw} —— {what}：{do}"


# A write the database refused (the window's ops.py, any write a user asked for): what happened, what to do.
# Matched against "<exception type>: <message>" — the store's typed errors (store/health.py) say the cause.
WRITE_KINDS: tuple[Kind, ...] = (
    Kind("closed", ("writerclosed", "writer closed", "writer is closed"),
         "程序正在退出，这次修改没有保存", "无需操作",
         "Huohua is quitting: this change was not saved", "Nothing to do"),
    Kind("read_only", ("readonlystore", "read-only", "readonly"),
         "数据目录只读，无法保存", "换一个可写的数据目录（--data-dir 或 HUOHUA_DATA_DIR）",
         "The data directory is read-only: nothing can be saved",
         "Use a writable data directory (--data-dir or HUOHUA_DATA_DIR)"),
    Kind("disk_full", ("diskfullerror", "is full"),
         "磁盘已满，无法保存", "释放一些磁盘空间后再试；已保存的内容不受影响",
         "The disk is full: nothing can be saved", "Free some disk space and try again; nothing stored was lost"),
    Kind("damaged", ("databasedamaged", "damaged", "malformed", "not a database"),
         "数据库文件已损坏", "运行 huohua db check 查看问题，huohua db recover 挽救能读出的内容",
         "The database file is damaged", "Run huohua db check to see what is wrong, huohua db recover to save what "
                                         "can be read"),
    Kind("busy", ("database is locked", "busy", "timeouterror"),
         "数据库正忙，没有及时保存", "稍后再试一次",
         "The database was busy and did not save in time", "Try again in a moment"),
    Kind("conflict", ("integrityerror", "constraint"),
         "数据库拒绝了这次修改（与已保存的内容冲突）", "刷新后再试；若反复出现，请查看日志",
         "The database refused the change (it conflicts with what is stored)",
         "Try again; if it keeps happening, look at the log"),
    Kind("file", ("filenotfounderror", "permissionerror", "isadirectoryerror", "no such file", "permission denied"),
         "文件无法读取或写入", "检查文件是否存在、是否有权限",
         "The file could not be read or written", "Check that the file exists and may be read or written"),
)
WRITE_FALLBACK = Kind("", (), "出错了，这次修改没有完成", "再试一次；若反复出现，请查看日志",
                      "Something went wrong: the change was not made", "Try again; if it keeps happening, look at "
                                                                       "the log")


def explain_write(raw: str, language: str = "zh") -> tuple[str, str]:
    """(what happened, what to do) for a failed write or job; `raw` is "<exception type>: <message>"."""
    low = (raw or "").lower()
    k = next((k for k in WRITE_KINDS if any(m in low for m in k.markers)), WRITE_FALLBACK)
    return (k.what_en, k.do_en) if language.startswith("en") else (k.what_zh, k.do_zh)
