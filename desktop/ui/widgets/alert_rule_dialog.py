"""AlertRuleDialog (`alertRuleDialog`): one rule — what to watch (a price level, a % move, 涨停/跌停, a volume
spike, news of the stock, a theme, a search), for which stock, the level, a note and a cooldown. Prefilled from
the stock it was opened for (its last price as the level)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
)

from desktop.core.alerts import Rule

# (kind, needs a value, needs a stock)
CHOICES = (("price_above", True, True), ("price_below", True, True), ("change_above", True, True),
           ("change_below", True, True), ("limit_up", False, True), ("limit_down", False, True),
           ("limit_up_open", False, True), ("volume_spike", True, True), ("news_stock", False, True),
           ("notice", False, True), ("news_theme", False, False), ("news_query", False, False))


class AlertRuleDialog(QDialog):
    def __init__(self, parent, code: str = "", name: str = "", quote=None, themes: list[str] | None = None):
        super().__init__(parent)
        self.setObjectName("alertRuleDialog")
        self.setWindowTitle(self.tr("添加提醒"))
        labels = {"price_above": self.tr("价格高于"), "price_below": self.tr("价格低于"),
                  "change_above": self.tr("涨幅超过 %"), "change_below": self.tr("跌幅超过 %"),
                  "limit_up": self.tr("涨停"), "limit_down": self.tr("跌停"), "limit_up_open": self.tr("涨停打开（开板）"),
                  "volume_spike": self.tr("成交量放大（倍于5日均量）"), "news_stock": self.tr("该股有新资讯"),
                  "notice": self.tr("该股有新公告"), "news_theme": self.tr("主题有新资讯"),
                  "news_query": self.tr("搜索词有新资讯")}
        self.kind = QComboBox(self, objectName="alertKind")
        for kind, _v, _s in CHOICES:
            self.kind.addItem(labels[kind], kind)
        self.code = QLineEdit(code, self, objectName="alertCode")
        self.code.setPlaceholderText(self.tr("股票代码，如 300750"))
        if name:
            self.code.setToolTip(name)
        self.value = QDoubleSpinBox(self, objectName="alertValue", decimals=2, maximum=1e6, minimum=0.0)
        self.price = quote.price if quote is not None and quote.price else None
        self.value.setValue(round(self.price * 1.05, 2) if self.price else 0.0)
        self.theme = QComboBox(self, objectName="alertTheme")
        for t in themes or []:
            self.theme.addItem(t, t)
        self.query = QLineEdit(self, objectName="alertQuery")
        self.note = QLineEdit(self, objectName="alertNote")
        self.cooldown = QSpinBox(self, objectName="alertCooldown", minimum=0, maximum=24 * 60, suffix=" min")
        self.cooldown.setValue(5)
        form = QFormLayout(self)
        form.addRow(self.tr("条件："), self.kind)
        form.addRow(self.tr("股票："), self.code)
        form.addRow(self.tr("数值："), self.value)
        form.addRow(self.tr("主题："), self.theme)
        form.addRow(self.tr("搜索词："), self.query)
        form.addRow(self.tr("备注："), self.note)
        form.addRow(self.tr("冷却："), self.cooldown)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        _k, needs_value, needs_stock = next(c for c in CHOICES if c[0] == kind)
        self.value.setEnabled(needs_value)
        self.code.setEnabled(needs_stock)
        self.theme.setEnabled(kind == "news_theme")
        self.query.setEnabled(kind == "news_query")
        if kind in ("change_above", "change_below"):
            self.value.setValue(5.0)
        elif kind == "volume_spike":
            self.value.setValue(2.0)
        elif kind in ("price_above", "price_below") and self.price:
            self.value.setValue(round(self.price * (1.05 if kind == "price_above" else 0.95), 2))
        ok = self.buttons.button(QDialogButtonBox.Ok)
        ok.setEnabled(bool(self.code.text().strip()) or not needs_stock)

    def rule(self) -> Rule:
        kind = self.kind.currentData()
        _k, needs_value, needs_stock = next(c for c in CHOICES if c[0] == kind)
        code = self.code.text().strip() if needs_stock else ""
        scope = "stock" if code else "all"
        return Rule(0, kind, scope, code, theme=self.theme.currentData() or "" if kind == "news_theme" else "",
                    query=self.query.text().strip() if kind == "news_query" else "",
                    value=self.value.value() if needs_value else None, cooldown_s=self.cooldown.value() * 60,
                    note=self.note.text().strip())
