"""Status bar pieces: one indicator per source, the market phase (Asia/Shanghai), the offline banner.

Background failures show here (colour + tooltip with the error text), never as modal dialogs.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desktop.core.market_hours import SHANGHAI
from desktop.core.status import SourceState

DOTS = {"ok": "#1aa260", "stale": "#e6a23c", "error": "#e0383e", "idle": "#9aa3ad"}


class SourceStatus(QWidget):
    """objectName sourceStatus; children status_feeds, status_quotes, status_boards."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("sourceStatus")
        self.names = {"feeds": self.tr("资讯"), "quotes": self.tr("行情"), "boards": self.tr("板块")}
        self.states: dict[str, SourceState] = {}
        self.labels: dict[str, QLabel] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        for name in self.names:
            label = QLabel(self, objectName=f"status_{name}")
            self.labels[name] = label
            layout.addWidget(label)
            self.update_state(SourceState(name, "idle", None))

    def update_state(self, st: SourceState) -> None:
        if st.name not in self.labels:
            return
        self.states[st.name] = st
        # market sources in market time (Asia/Shanghai); feeds in the computer's local time
        tz = SHANGHAI if st.name != "feeds" else None
        when = datetime.fromtimestamp(st.last_success, tz).strftime("%H:%M:%S") if st.last_success else "—"
        words = {"ok": self.tr("正常"), "stale": self.tr("数据过时"), "error": self.tr("失败"),
                 "idle": self.tr("等待")}
        label = self.labels[st.name]
        label.setText(f"<span style='color:{DOTS.get(st.state, '#999')}'>●</span> {self.names[st.name]} {when}")
        tip = f"{self.names[st.name]}：{words.get(st.state, st.state)}"
        if st.last_success:
            tip += "\n" + self.tr("上次成功：") + datetime.fromtimestamp(st.last_success, tz).strftime("%Y-%m-%d %H:%M:%S")
        if st.detail:
            tip += f"\n{st.detail}"
        if st.error:
            tip += "\n" + self.tr("错误：") + st.error
        label.setToolTip(tip)
        label.setProperty("state", st.state)

    def all_unreachable(self) -> bool:
        """True when every source that has tried has failed to reach its server (the offline banner)."""
        tried = [s for s in self.states.values() if s.state != "idle"]
        return bool(tried) and all(s.state == "error" and s.unreachable for s in tried)


class MarketStatus(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("marketStatus")
        self.set_phase("")

    def set_phase(self, label: str) -> None:
        self.setText(self.tr("A股：") + (label or "…"))
        self.setToolTip(self.tr("交易时段按北京时间（Asia/Shanghai）计算"))
