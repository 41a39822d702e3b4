"""EmptyHint: a centred line over an empty table's viewport saying why it is empty and what to do (issue 22: an
empty 自选 list never said that typing opens 键盘精灵, an empty 已触发 never pointed at 规则). Shown exactly while
the table's model has no rows; the panes create it in one line (`EmptyHint.watchlist(table)`)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QLabel


class EmptyHint(QLabel):
    def __init__(self, table: QAbstractItemView, object_name: str, text: str = ""):
        super().__init__(text, table.viewport(), wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter,
                         textFormat=Qt.TextFormat.PlainText)
        self.setObjectName(object_name)
        self.setVisible(False)
        self.setContentsMargins(16, 16, 16, 16)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.table = table
        model = table.model()
        for sig in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            sig.connect(self.refresh)
        table.viewport().installEventFilter(self)
        self.refresh()

    @classmethod
    def watchlist(cls, table: QAbstractItemView) -> EmptyHint:
        """objectName watchlistEmpty."""
        hint = cls(table, "watchlistEmpty")
        hint.setText(hint.texts()["watchlist"])
        return hint

    @classmethod
    def fired_alerts(cls, table: QAbstractItemView) -> EmptyHint:
        """objectName alertsFiredEmpty."""
        hint = cls(table, "alertsFiredEmpty")
        hint.setText(hint.texts()["fired"])
        return hint

    def texts(self) -> dict[str, str]:
        return {"watchlist": self.tr("这个列表还没有股票。\n直接输入代码、名称或拼音（如 300750、宁德时代、ndsd）即可打开键盘精灵，"
                                     "按 Ctrl+Enter 加入当前列表"),
                "fired": self.tr("还没有触发过提醒。\n在“规则”页点“添加提醒…”设置股价、涨跌幅或资讯主题提醒，条件满足时会列在这里")}

    def refresh(self, *_args) -> None:
        empty = self.table.model().rowCount() == 0
        self.setVisible(empty)
        if empty:
            self.setGeometry(self.table.viewport().rect())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self.table.viewport().rect())
        return False
