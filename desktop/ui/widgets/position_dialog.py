"""PositionTradeDialog (`positionTradeDialog`): one buy (a lot) or sell of the 持仓 — code, side, shares, price,
fee, date. OK checks the trade (core/positions.make_trade: the board's lot rules, a known code, a price above 0,
no date after today) and hands it to `save(trade, done)`, which stores it off the GUI thread and answers
`done(error)`; the dialog closes only once it is stored. Any problem is the PositionError's message in the
interface's language, shown in the dialog (`tradeError`), and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
)

from desktop.core.positions import PositionError, Trade, make_trade
from desktop.ui.qt_props import props
from desktop.ui.style import RED


class PositionTradeDialog(QDialog):
    def __init__(self, parent, *, side: str = "buy", code: str = "", day: date | None = None,
                 language: str = "zh_CN", matcher=None, today: date | None = None,
                 save: Callable[[Trade, Callable[[BaseException | None], None]], None] | None = None):
        super().__init__(parent)
        self.setObjectName("positionTradeDialog")
        self.setWindowTitle(self.tr("买入") if side == "buy" else self.tr("卖出"))
        self.language, self.matcher, self.today, self.save = language, matcher, today, save
        self.trade: Trade | None = None
        self.code = props(QLineEdit(code, self), objectName="tradeCode")
        self.code.setPlaceholderText(self.tr("股票代码，如 300750"))
        self.side = props(QComboBox(self), objectName="tradeSide")
        self.side.addItem(self.tr("买入"), "buy")
        self.side.addItem(self.tr("卖出"), "sell")
        self.side.setCurrentIndex(0 if side == "buy" else 1)
        self.shares = props(QLineEdit(self), objectName="tradeShares")
        self.shares.setPlaceholderText(self.tr("股数，买入按 100 股一手"))
        self.price = props(QLineEdit(self), objectName="tradePrice")
        self.price.setPlaceholderText(self.tr("成交价，元"))
        self.fee = props(QLineEdit("0", self), objectName="tradeFee")
        self.fee.setToolTip(self.tr("佣金、印花税、过户费合计，元"))
        self.date = props(QDateEdit(self), objectName="tradeDate", calendarPopup=True, displayFormat="yyyy-MM-dd")
        d = day or today
        if d is not None:
            self.date.setDate(QDate(d.year, d.month, d.day))
        self.error = props(QLabel(self, wordWrap=True, textFormat=Qt.TextFormat.PlainText), objectName="tradeError")
        self.error.setStyleSheet(f"color: {RED}")
        self.error.hide()
        form = QFormLayout(self)
        form.addRow(self.tr("股票："), self.code)
        form.addRow(self.tr("方向："), self.side)
        form.addRow(self.tr("股数："), self.shares)
        form.addRow(self.tr("价格："), self.price)
        form.addRow(self.tr("费用："), self.fee)
        form.addRow(self.tr("日期："), self.date)
        form.addRow(self.error)
        self.buttons = props(QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self),
                             objectName="tradeButtons")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def _code(self) -> str:
        """A code as typed, or the one stock a name (or its 拼音 initials) names."""
        text = self.code.text().strip()
        if text.isdigit() or self.matcher is None:
            return text
        found = self.matcher.resolve(text)
        if len(found) != 1:
            raise PositionError("unknown_code", code=text)
        return found[0].code

    def submit(self) -> None:
        """OK: check, then store (off the GUI thread); the dialog closes when the trade is stored."""
        try:
            d = self.date.date()
            known = None if self.matcher is None else (lambda c: self.matcher.get(c) is not None)
            trade = make_trade(self._code(), date(d.year(), d.month(), d.day()), self.side.currentData(),
                               self.shares.text(), self.price.text(), self.fee.text().strip() or "0",
                               known=known, today=self.today)
        except PositionError as exc:
            self.show_error(exc)
            return
        self.trade = trade
        if self.save is None:
            self.accept()
            return
        self.buttons.setEnabled(False)           # one save at a time
        self.save(trade, self._saved)

    def _saved(self, error: BaseException | None) -> None:
        self.buttons.setEnabled(True)
        if error is None:
            self.accept()
        else:
            self.show_error(error)

    def show_error(self, error: BaseException) -> None:
        text = error.text(self.language) if isinstance(error, PositionError) else str(error)
        self.error.setText(text)
        self.error.show()
