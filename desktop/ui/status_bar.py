"""Status bar pieces: one indicator per source, the market phase (Asia/Shanghai), the offline banner.

Background failures show here (colour + tooltip with the error text), never as modal dialogs.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desktop.core import clock
from desktop.core.status import SourceState
from desktop.ui.plain import plain_tip

DOTS = {"ok": "#1aa260", "partial": "#e6a23c", "stale": "#e6a23c", "error": "#e0383e", "idle": "#9aa3ad"}
MAX_FAILED_LISTED = 6          # causes listed in the 资讯 tooltip (each with its feeds); the rest are counted


def _clock(ts: int) -> str:
    """A feed round's time in Beijing time, as every time in the window: HH:MM today, MM-DD HH:MM on an
    earlier day (a restart days later)."""
    when = datetime.fromtimestamp(ts, clock.SHANGHAI)
    return when.strftime("%H:%M") if when.date() == clock.today_shanghai() else when.strftime("%m-%d %H:%M")


class SourceStatus(QWidget):
    """objectName sourceStatus; children status_feeds, status_quotes, status_boards.

    status_feeds reads "资讯 HH:MM 15/16": of the enabled feeds fetched so far, how many succeeded at their
    latest fetch, and the last round's time; its `state` property is ok (all), partial (some failed), error
    (all failed) or idle (nothing fetched yet), and its tooltip names the failed feeds in plain words."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("sourceStatus")
        self.names = {"feeds": self.tr("资讯"), "quotes": self.tr("行情"), "boards": self.tr("板块")}
        self.states: dict[str, SourceState] = {}
        self.labels: dict[str, QLabel] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.dots: dict[str, QLabel] = {}
        for name in self.names:
            # plain text, coloured through the palette: rich text would cost ~20 ms before the first paint
            dot = QLabel("●", self, objectName=f"status_{name}_dot")
            label = QLabel(self, objectName=f"status_{name}", textFormat=Qt.TextFormat.PlainText)
            self.dots[name], self.labels[name] = dot, label
            row = QHBoxLayout()
            row.setSpacing(3)
            row.addWidget(dot)
            row.addWidget(label)
            layout.addLayout(row)
            self.update_state(SourceState(name, "idle", None))

    def update_state(self, st: SourceState) -> None:
        if st.name not in self.labels:
            return
        self.states[st.name] = st
        words = {"ok": self.tr("正常"), "partial": self.tr("部分失败"), "stale": self.tr("数据过时"),
                 "error": self.tr("失败"), "idle": self.tr("等待")}
        label = self.labels[st.name]
        tip = self.tr("%1：%2").replace("%1", self.names[st.name]).replace("%2", words.get(st.state, st.state))
        if st.name == "feeds":
            text, more = self._feeds_text(st)
            label.setText(text)
            tip += more
        else:
            # market sources in market time (Asia/Shanghai)
            tz = None
            if st.last_success:
                from desktop.core.market_hours import SHANGHAI  # zoneinfo: only once there is a time to show

                tz = SHANGHAI
            from desktop.ui.market_day import time_text

            # the data's own time when it has stopped moving (polls still succeed): never a fresh-looking clock;
            # the day when it is not today's (the demo's recording)
            shown = st.frozen_since or st.last_success
            label.setText(f"{self.names[st.name]} {time_text(shown) if shown else '—'}")
            if st.frozen_since:
                tip += "\n" + self.tr("行情自 %1 起未再变动（北京时间）：数据源仍在应答，但报价没有更新").replace(
                    "%1", time_text(st.frozen_since))
            if st.last_success:
                tip += "\n" + self.tr("上次成功：") + datetime.fromtimestamp(st.last_success, tz).strftime(
                    "%Y-%m-%d %H:%M:%S")
            if st.detail:
                tip += f"\n{st.detail}"
            if st.error:   # what happened and what to do, in the UI's language; the source's words as the detail
                from desktop.ui.error_text import describe

                tip += "\n" + describe(st.error, market=True)
        dot = self.dots[st.name]
        pal = dot.palette()
        pal.setColor(QPalette.ColorRole.WindowText, QColor(DOTS.get(st.state, "#999999")))
        dot.setPalette(pal)
        tip = plain_tip(tip)       # error texts quote servers (an HTML page's title): never markup
        label.setToolTip(tip)
        self.dots[st.name].setToolTip(tip)
        label.setProperty("state", st.state)

    def _feeds_text(self, st: SourceState) -> tuple[str, str]:
        """The 资讯 label ("资讯 14:02 15/16", "资讯 —" before any fetch) and its tooltip's lines after the
        first: the round's time and counts, the last success, each failed feed with what happened and what
        to do (feeds failing for the same reason share one entry). Beijing time, as every time shown."""
        name = self.names["feeds"]
        if st.total:
            text = f"{name} {_clock(st.checked)} {st.ok}/{st.total}" if st.checked else f"{name} {st.ok}/{st.total}"
        else:
            when = st.checked or st.last_success
            text = f"{name} {_clock(when)}" if when else f"{name} —"
        tip = ""
        if st.checked and st.total:
            tip += "\n" + (self.tr("上次抓取：%1，%2 个订阅源中 %3 个成功")
                           .replace("%1", datetime.fromtimestamp(st.checked, clock.SHANGHAI).strftime("%Y-%m-%d %H:%M"))
                           .replace("%2", str(st.total)).replace("%3", str(st.ok)))
        if st.last_success:
            tip += "\n" + self.tr("上次成功：") + datetime.fromtimestamp(st.last_success, clock.SHANGHAI).strftime(
                "%Y-%m-%d %H:%M:%S")
        if st.detail:
            tip += f"\n{st.detail}"
        if st.failures or st.error:
            from desktop.ui.error_text import describe, explain

            failures = st.failures or (("", st.error),)
            groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
            for title, raw in failures:
                groups.setdefault(explain(raw), []).append((title, raw))
            if st.failures:
                tip += "\n" + self.tr("失败的订阅源：")
            for feeds in list(groups.values())[:MAX_FAILED_LISTED]:
                titles = [t for t, _raw in feeds if t]
                head = self.tr("、").join(titles[:5]) + (self.tr(" 等 %1 个").replace("%1", str(len(titles)))
                                                if len(titles) > 5 else "")
                body = describe(feeds[0][1])
                tip += ("\n· " + head + "\n  " + body.replace("\n", "\n  ")) if head else "\n" + body
            if len(groups) > MAX_FAILED_LISTED:
                rest = sum(len(f) for f in list(groups.values())[MAX_FAILED_LISTED:])
                tip += "\n" + self.tr("…另有 %1 个订阅源失败").replace("%1", str(rest))
        return text, tip

    def show_progress(self, done: int, total: int) -> None:
        """While a feed round runs: 资讯 3/16 (the round's end sets the state text again)."""
        if total and done < total:
            self.labels["feeds"].setText(f"{self.names['feeds']} {done}/{total}…")

    def all_unreachable(self) -> bool:
        """True when every source that has tried has failed to reach its server (the offline banner)."""
        tried = [s for s in self.states.values() if s.state != "idle"]
        # "stale" counts too: a returning user has old data, so a failing source reports stale, not error
        return bool(tried) and all(s.state in ("error", "stale") and s.unreachable for s in tried)


class MarketStatus(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("marketStatus")
        self.set_phase("")

    def set_phase(self, label: str, estimated: bool = False) -> None:
        """`label` is the core's Chinese phase name; shown through tr() like every visible string.
        `estimated`: today is past the official calendar, so open or closed is the holiday rules' guess."""
        names = {"未开盘": self.tr("未开盘"), "集合竞价": self.tr("集合竞价"), "交易中": self.tr("交易中"),
                 "午间休市": self.tr("午间休市"), "已收盘": self.tr("已收盘"), "休市": self.tr("休市")}
        self.setText(self.tr("A股：") + (names.get(label, label) or "…"))
        tip = self.tr("交易时段按北京时间（Asia/Shanghai）计算")
        if estimated and label == "休市":
            tip = self.tr("休市（按规则估计）：尚无今年的官方交易日历，节假日按放假规则推算") + "\n" + tip
        elif estimated:
            tip = self.tr("交易日（按规则估计）：尚无今年的官方交易日历，节假日按放假规则推算") + "\n" + tip
        self.setToolTip(tip)
        self.setProperty("estimated", estimated)


class DayPnl(QLabel):
    """objectName positionsDayPnl: the 持仓's 当日盈亏 total ("当日盈亏 +1,234.56"), red/green by the setting; hidden
    without holdings; "****" and uncoloured while amounts are hidden (隐藏金额). The 持仓 pane sets it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("positionsDayPnl")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.hide()

    def show_total(self, text: str | None, colour: str = "") -> None:
        """`text`: the amount as shown (None: no holdings, the label hides); `colour`: "" for the default."""
        if text is None:
            self.hide()
            return
        self.setText(self.tr("当日盈亏 %1").replace("%1", text))
        self.setStyleSheet(f"color: {colour}" if colour else "")
        self.show()
