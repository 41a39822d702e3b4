"""AlertsPane (提醒): what fired (newest first, unread bold; a click selects its stock or article on the bus)
and the rules (enable, note, remove; add from here or from a stock's context menu anywhere, prefilled).

Its tables are built when it is first shown or loaded, never before the window's first paint."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.core.alert_holdings import KINDS as HOLDING_KINDS
from desktop.ui import ops
from desktop.ui.pane import Pane, PaneContext
from desktop.ui.qt_props import props
from desktop.ui.widgets.empty_hint import EmptyHint

# The tables' classes are imported when the pane is built (first shown or loaded): PySide creates a class's
# Python type on first use, a few ms the window's first paint must not pay (bench/startup.py).

NAME = "alertsPane"
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class AlertsPane(QWidget, Pane):
    def __init__(self, ctx: PaneContext, parent=None):
        super().__init__(parent)
        self.setObjectName(NAME)
        self.ctx = ctx
        self.bus, self.reader, self.settings = ctx.bus, ctx.reader, ctx.settings
        self.tasks = ctx.tasks.scope(NAME)
        self.runner = None                 # runtime.alert_runner.AlertRunner, once the database is open
        self.rules: list = []
        self.log: list[dict] = []
        self._built = False
        self._loaded = False
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)

    # -- the pane interface --------------------------------------------------------------------------------
    def load(self) -> None:
        self._build()
        self._loaded = True
        self.refresh()

    def shortcuts(self):
        return [("Ctrl+Alt+A", self.add_for_selected)]

    # -- layout ---------------------------------------------------------------------------------------------
    def _build(self) -> None:
        if self._built:
            return
        self._built = True
        from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget

        self.tabs = props(QTabWidget(self), objectName="alertTabs")
        self.log_table = self._table("alertLog", [self.tr("时间"), self.tr("股票"), self.tr("提醒"), self.tr("内容")])
        self.log_table.itemActivated.connect(self._open_fired)
        self.log_table.itemClicked.connect(self._open_fired)
        self.rules_table = self._table("alertRules", [self.tr("启用"), self.tr("股票/范围"), self.tr("条件"),
                                                      self.tr("冷却"), self.tr("备注")])
        self.rules_table.itemChanged.connect(self._rule_edited)
        log_box = QWidget(self)
        lv = QVBoxLayout(log_box)
        lv.setContentsMargins(4, 4, 4, 4)
        self.mark_read = props(QPushButton(self.tr("全部标为已读"), self), objectName="alertMarkRead")
        self.mark_read.clicked.connect(self.mark_all_read)
        top = QHBoxLayout()
        self.summary = props(QLabel(self), objectName="alertSummary")
        top.addWidget(self.summary, 1)
        top.addWidget(self.mark_read)
        lv.addLayout(top)
        lv.addWidget(self.log_table)
        self.log_empty = EmptyHint.fired_alerts(self.log_table)   # points at 规则
        rules_box = QWidget(self)
        rv = QVBoxLayout(rules_box)
        rv.setContentsMargins(4, 4, 4, 4)
        buttons = QHBoxLayout()
        self.add_button = props(QPushButton(self.tr("添加提醒…"), self), objectName="alertAdd")
        self.add_button.clicked.connect(lambda: self.add_rule_for(self.bus.stock))
        self.remove_button = props(QPushButton(self.tr("删除"), self), objectName="alertRemove")
        self.remove_button.clicked.connect(self.remove_selected)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        rv.addLayout(buttons)
        rv.addWidget(self.rules_table)
        self.tabs.addTab(log_box, self.tr("已触发"))
        self.tabs.addTab(rules_box, self.tr("规则"))
        layout = self.layout()
        assert layout is not None           # made first thing in __init__
        layout.addWidget(self.tabs)

    def _table(self, name: str, headers: list[str]):
        from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget

        t = props(QTableWidget(0, len(headers), self), objectName=name)
        t.setHorizontalHeaderLabels(headers)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.verticalHeader().hide()
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        t.horizontalHeader().setStretchLastSection(True)
        return t

    # -- data -----------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Rules and the log, read on a worker."""
        if not self._loaded:
            return
        reader = self.reader
        self.tasks.run("alerts", lambda _t: (reader.alert_rules(), reader.fired_alerts(200)), self._on_data)

    def _on_data(self, result, error) -> None:
        if error is not None:
            return
        self._build()
        self.rules, self.log = result
        self._fill_rules()
        self._fill_log()

    def _stock(self, code: str) -> str:
        name = self.ctx.stock_names.get(code, "")
        return f"{name} {code}".strip() if code else "—"

    def describe(self, r) -> str:
        """The rule's condition in words, in the interface's language."""
        v = r.value
        words = {
            "price_above": self.tr("价格 ≥ %1"), "price_below": self.tr("价格 ≤ %1"),
            "change_above": self.tr("涨幅 ≥ %1%"), "change_below": self.tr("跌幅 ≥ %1%"),
            "limit_up": self.tr("涨停"), "limit_down": self.tr("跌停"), "limit_up_open": self.tr("涨停打开"),
            "limit_down_open": self.tr("跌停打开"), "volume_spike": self.tr("成交量 ≥ 均量 %1 倍"),
            "news_stock": self.tr("新资讯"), "news_list": self.tr("自选列表的新资讯"),
            "news_theme": self.tr("主题资讯：%1"), "news_query": self.tr("搜索命中：%1"), "notice": self.tr("新公告"),
            "holding_gain": self.tr("持仓盈利 ≥ %1%"), "holding_loss": self.tr("持仓亏损 ≥ %1%"),
            "breakeven": self.tr("持仓回本"), "mover": self.tr("盘口异动：%1"),
        }.get(r.kind, r.kind)
        theme = next((t.label(self.settings["ui.language"]) for t in self.ctx.themes if t.name == r.theme), r.theme)
        arg = theme or r.query or ("" if v is None else f"{abs(v):g}")
        return words.replace("%1", arg)

    def _scope(self, r) -> str:
        if r.scope == "list":
            return self.tr("列表：%1").replace("%1", r.list_name)
        if r.scope == "holdings":
            return self.tr("全部持仓")
        if r.scope == "all" or not r.code:
            return self.tr("全部自选股") if r.kind == "mover" else self.tr("全部")
        return self._stock(r.code)

    def _fill_rules(self) -> None:
        from PySide6.QtWidgets import QAbstractItemView, QTableWidgetItem

        t = self.rules_table
        t.blockSignals(True)
        t.setRowCount(len(self.rules))
        for i, r in enumerate(self.rules):
            on = QTableWidgetItem()
            on.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            on.setCheckState(Qt.CheckState.Checked if r.enabled else Qt.CheckState.Unchecked)
            on.setData(ID_ROLE, r.id)
            note = QTableWidgetItem(r.note)
            note.setFlags(note.flags() | Qt.ItemFlag.ItemIsEditable)
            cooldown = (self.tr("%1 分钟").replace("%1", str(r.cooldown_s // 60)) if r.cooldown_s >= 60 else
                        self.tr("%1 秒").replace("%1", str(r.cooldown_s)))
            for col, item in enumerate((on, QTableWidgetItem(self._scope(r)), QTableWidgetItem(self.describe(r)),
                                        QTableWidgetItem(cooldown), note)):
                t.setItem(i, col, item)
        t.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        t.blockSignals(False)

    def _fill_log(self) -> None:
        from datetime import datetime

        from PySide6.QtGui import QFont
        from PySide6.QtWidgets import QTableWidgetItem

        from desktop.core.market_hours import SHANGHAI

        t = self.log_table
        t.setRowCount(len(self.log))
        bold = QFont(t.font())
        bold.setBold(True)
        unread = 0
        names = {r.id: r for r in self.rules}
        for i, a in enumerate(self.log):
            when = datetime.fromtimestamp(a["time"], SHANGHAI).strftime("%m-%d %H:%M")
            rule = names.get(a["rule"])
            what = self.describe(rule) if rule is not None else a["kind"]
            if a["source"] != "live":
                what += "  " + (self.tr("（演示数据）") if a["source"] == "demo" else self.tr("（回放）"))
            value = a["title"] or ("" if a["value"] is None else f"{a['value']:g}")
            if a["kind"] in HOLDING_KINDS:    # 盈亏%, the amount only when amounts are shown (隐藏金额)
                value = f"{a['value']:+g}%" + ("" if self.settings["positions.hide_amounts"] else f"  {a['title']}")
            if a["note"]:
                value = f"{value}  — {a['note']}" if value else a["note"]
            items = [QTableWidgetItem(when), QTableWidgetItem(self._stock(a["code"])), QTableWidgetItem(what),
                     QTableWidgetItem(value)]
            for col, item in enumerate(items):
                item.setData(ID_ROLE, a["id"])
                if not a["read"]:
                    item.setFont(bold)
                t.setItem(i, col, item)
            unread += not a["read"]
        self.summary.setText(self.tr("%1 条提醒，%2 条未读").replace("%1", str(len(self.log)))
                             .replace("%2", str(unread)))

    # -- actions --------------------------------------------------------------------------------------------
    def _fired(self, row: int) -> dict | None:
        return self.log[row] if 0 <= row < len(self.log) else None

    def _open_fired(self, item) -> None:
        """A fired alert: its article opens (a news alert), its stock is selected everywhere; marked read."""
        a = self._fired(item.row())
        if a is None:
            return
        self.open_alert(a)

    def open_alert(self, a: dict) -> None:
        if a.get("code"):
            self.bus.select_stock(a["code"], NAME)
        if a.get("article"):
            self.bus.select_article(a["article"], NAME)
        if not a.get("read") and not self.reader.read_only:
            ops.write(self.ctx, self.tr("标为已读"), lambda: self.reader.mark_alerts_read([a["id"]]))
            a["read"] = 1
            self._fill_log()

    def open_fired(self, f) -> None:
        """A notification was clicked (core.alerts.Fired): its stock everywhere, its article in the reader."""
        if f.code:
            self.bus.select_stock(f.code, NAME)
        if f.article:
            self.bus.select_article(f.article, NAME)

    def mark_all_read(self) -> None:
        ids = [a["id"] for a in self.log if not a["read"]]
        if ids and not self.reader.read_only:
            ops.write(self.ctx, self.tr("全部标为已读"), lambda: self.reader.mark_alerts_read(ids),
                      lambda *_: self.refresh())

    def _rule_edited(self, item) -> None:
        row = item.row()
        if not 0 <= row < len(self.rules) or self.reader.read_only:
            return
        r = self.rules[row]
        what = self.tr("修改提醒规则")
        if item.column() == 0:
            self._write(what, lambda: self.reader.update_alert_rule(r.id, enabled=int(item.checkState() == Qt.CheckState.Checked)))
        elif item.column() == 4:
            self._write(what, lambda: self.reader.update_alert_rule(r.id, note=item.text().strip()))

    def attach_runner(self, runner) -> None:
        """The alert runner, once the database is open: rule edits make it read the rules again."""
        self.runner = runner

    def _write(self, what: str, start) -> None:
        """A rule edit (ui/ops.py: a failure is logged and said); then the evaluator reads the rules again and the
        tables follow (a failed edit shows the stored rule again)."""
        ops.write(self.ctx, what, start, self._rules_written)

    def _rules_written(self, _result, _error) -> None:
        if self.runner is not None:
            self.runner.reload()
        self.refresh()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.rules_table.selectedIndexes()})
        for row in rows:
            if 0 <= row < len(self.rules) and not self.reader.read_only:
                rule_id = self.rules[row].id
                self._write(self.tr("删除提醒规则"), lambda rule_id=rule_id: self.reader.remove_alert_rule(rule_id))

    def add_for_selected(self) -> None:
        """The quick 提醒 action: a rule for the stock selected anywhere (Ctrl+Alt+A)."""
        self.add_rule_for(self.bus.stock)

    def add_rule_for(self, code: str = "") -> bool:
        """The rule dialog, prefilled with `code` (from a watchlist row, a heatmap tile, an article's chip)."""
        from desktop.ui.widgets.alert_rule_dialog import AlertRuleDialog

        self._build()
        quote = None
        if code and self.ctx.market is not None:
            try:
                rows = self.ctx.market.quote_rows([code])
                quote = rows[0].quote if rows else None
            except Exception:            # no database yet: no prefilled price
                quote = None
        lang = self.settings["ui.language"]        # themes by their label (能源, Energy), never by their key
        dialog = AlertRuleDialog(self, code, self.ctx.stock_names.get(code, ""), quote,
                                 [(t.name, t.label(lang)) for t in self.ctx.themes])
        self.dialog = dialog
        if dialog.exec() != AlertRuleDialog.DialogCode.Accepted or self.reader.read_only:
            return False
        rule = dialog.rule()
        self._write(self.tr("添加提醒规则"), lambda: self.reader.add_alert_rule(rule))
        self.tabs.setCurrentIndex(1)
        return True

    def alert_text(self, f) -> str:
        """One fired alert in a line: "宁德时代 300750：价格 ≥ 280（284.04）" or the news headline."""
        rule = next((r for r in self.rules if r.id == f.rule), None)
        if rule is None:                 # a rule added a moment ago: the pane's copy may not have it yet
            try:
                self.rules = self.reader.alert_rules()
            except Exception:
                self.rules = []
            rule = next((r for r in self.rules if r.id == f.rule), None)
        what = self.describe(rule) if rule is not None else f.kind
        who = self._stock(f.code) if f.code else ""
        detail = f.title or ("" if f.value is None else f"{f.value:g}")
        if f.kind in HOLDING_KINDS:       # 盈亏% and 浮动盈亏: **** under 隐藏金额 (in any language)
            amount = "****" if self.settings["positions.hide_amounts"] else f.title
            detail = self.tr("%1%，浮动盈亏 %2 元").replace("%1", f"{f.value:+g}").replace("%2", amount)
        text = f"{who}：{what}" if who else what
        if detail:
            text += f"（{detail}）"
        if f.source != "live":
            text += self.tr("（演示数据）") if f.source == "demo" else self.tr("（回放）")
        return text

    def on_fired(self, fired: list) -> None:
        """New alerts (the runner, on the GUI thread): the log shows them."""
        self.refresh()
