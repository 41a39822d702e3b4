"""AlertRuleDialog (`alertRuleDialog`): one rule — what to watch (a price level, a % move, 涨停/跌停, a volume
spike, news of the stock, a theme, a search), for which stock, the level, a note and a cooldown. Prefilled from
the stock it was opened for (its last price as the level).

Only the fields the chosen 条件 uses are shown (a price level has no theme; a theme has no stock), all labelled in
the interface's language; themes are listed by their label (能源, Energy), never by their key."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
)

from desktop.core.alerts import Rule
from desktop.ui.plain import plain_tip
from desktop.ui.qt_props import props

# (kind, needs a value, needs a stock)
CHOICES = (("price_above", True, True), ("price_below", True, True), ("change_above", True, True),
           ("change_below", True, True), ("limit_up", False, True), ("limit_down", False, True),
           ("limit_up_open", False, True), ("volume_spike", True, True), ("news_stock", False, True),
           ("notice", False, True), ("news_theme", False, False), ("news_query", False, False),
           ("holding_gain", True, True), ("holding_loss", True, True), ("breakeven", False, True),   # 持仓 (issue 27)
           ("mover", False, False))   # 盘口异动 of watched stocks (issue 26, core/alert_movers.py)


class AlertRuleDialog(QDialog):
    def __init__(self, parent, code: str = "", name: str = "", quote=None,
                 themes: list[str] | list[tuple[str, str]] | None = None):
        """`themes`: (key, label) pairs in the interface's language (a bare key is its own label)."""
        super().__init__(parent)
        self.setObjectName("alertRuleDialog")
        self.setWindowTitle(self.tr("添加提醒"))
        labels = {"price_above": self.tr("价格高于"), "price_below": self.tr("价格低于"),
                  "change_above": self.tr("涨幅超过 %"), "change_below": self.tr("跌幅超过 %"),
                  "limit_up": self.tr("涨停"), "limit_down": self.tr("跌停"), "limit_up_open": self.tr("涨停打开（开板）"),
                  "volume_spike": self.tr("成交量放大（倍于5日均量）"), "news_stock": self.tr("该股有新资讯"),
                  "notice": self.tr("该股有新公告"), "news_theme": self.tr("主题有新资讯"),
                  "news_query": self.tr("搜索词有新资讯"), "holding_gain": self.tr("持仓盈利达到 %"),
                  "holding_loss": self.tr("持仓亏损达到 %"), "breakeven": self.tr("持仓回本（回到成本价）"),
                  "mover": self.tr("自选股出现盘口异动")}
        self.kind = props(QComboBox(self), objectName="alertKind")
        for kind, _v, _s in CHOICES:
            self.kind.addItem(labels[kind], kind)
        self.code = props(QLineEdit(code, self), objectName="alertCode")
        self.code.setPlaceholderText(self.tr("股票代码，如 300750"))
        if name:
            self.code.setToolTip(plain_tip(name))     # a market answer's name: never markup
        # 全部持仓: the rule watches every holding (core/alert_holdings), not one code
        self.all_holdings = props(QCheckBox(self.tr("全部持仓"), self), objectName="alertAllHoldings")
        self.all_holdings.toggled.connect(self._follow_all_holdings)
        self.value = props(QDoubleSpinBox(self, decimals=2, maximum=1e6, minimum=0.0), objectName="alertValue")
        self.value_label = QLabel(self)           # 价格 / 幅度 / 倍数: set with the condition
        self.price = quote.price if quote is not None and quote.price else None
        self.value.setValue(round(self.price * 1.05, 2) if self.price else 0.0)
        self.theme = props(QComboBox(self), objectName="alertTheme")
        for t in themes or []:
            key, label = (t, t) if isinstance(t, str) else t
            self.theme.addItem(label, key)
        self.query = props(QLineEdit(self), objectName="alertQuery")
        from desktop.ui.widgets.mover_types import MoverTypesList

        self.mover_types = MoverTypesList(self)          # alertMoverTypes
        self.mover_types.itemChanged.connect(lambda _i: self._update_ok())
        self.note = props(QLineEdit(self), objectName="alertNote")
        # minutes as the settings dialog writes them (" 分钟" / " min")
        self.cooldown = props(QSpinBox(self, minimum=0, maximum=24 * 60, suffix=self.tr(" 分钟")),
                              objectName="alertCooldown")
        self.cooldown.setValue(5)
        self.cooldown.setToolTip(self.tr("同一只股票再次提醒前至少间隔的时间"))
        self.form = form = QFormLayout(self)
        form.addRow(self.tr("条件："), self.kind)
        form.addRow(self.tr("股票："), self.code)
        form.addRow("", self.all_holdings)
        form.addRow(self.value_label, self.value)
        form.addRow(self.tr("主题："), self.theme)
        form.addRow(self.tr("搜索词："), self.query)
        form.addRow(self.tr("异动类型："), self.mover_types)
        form.addRow(self.tr("备注："), self.note)
        form.addRow(self.tr("冷却："), self.cooldown)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.code.textChanged.connect(self._update_ok)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        _k, needs_value, needs_stock = next(c for c in CHOICES if c[0] == kind)
        # only the rows this condition uses (the dialog shrinks to them)
        for widget, shown in ((self.code, needs_stock), (self.all_holdings, needs_stock), (self.value, needs_value),
                              (self.theme, kind == "news_theme"), (self.query, kind == "news_query"),
                              (self.mover_types, kind == "mover")):
            self.form.setRowVisible(widget, shown)
        # the value's label and unit say what the number is
        if kind in ("change_above", "change_below", "holding_gain", "holding_loss"):
            self.value_label.setText(self.tr("幅度："))
            self.value.setSuffix(" %")
            self.value.setValue(5.0 if kind.startswith("change") else 10.0)
        elif kind == "volume_spike":
            self.value_label.setText(self.tr("倍数："))
            self.value.setSuffix(self.tr(" 倍"))
            self.value.setValue(2.0)
        else:
            self.value_label.setText(self.tr("价格："))
            self.value.setSuffix("")
            if kind in ("price_above", "price_below") and self.price:
                self.value.setValue(round(self.price * (1.05 if kind == "price_above" else 0.95), 2))
        self.adjustSize()
        self._update_ok()

    def _follow_all_holdings(self, on: bool) -> None:
        self.code.setEnabled(not on)
        self._update_ok()

    def _update_ok(self) -> None:
        """OK once the rule is whole: a stock's rule needs its code."""
        needs_stock = next(c[2] for c in CHOICES if c[0] == self.kind.currentData())
        whole = bool(self.code.text().strip()) or self.all_holdings.isChecked() or not needs_stock
        whole = whole and (self.kind.currentData() != "mover" or bool(self.mover_types.chosen()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(whole)

    def rule(self) -> Rule:
        kind = self.kind.currentData()
        _k, needs_value, needs_stock = next(c for c in CHOICES if c[0] == kind)
        holdings = needs_stock and self.all_holdings.isChecked()
        code = self.code.text().strip() if needs_stock and not holdings else ""
        scope = "holdings" if holdings else "stock" if code else "all"
        return Rule(0, kind, scope, code, theme=self.theme.currentData() or "" if kind == "news_theme" else "",
                    query=self.query.text().strip() if kind == "news_query" else
                    self.mover_types.query() if kind == "mover" else "",
                    value=self.value.value() if needs_value else None, cooldown_s=self.cooldown.value() * 60,
                    note=self.note.text().strip())
