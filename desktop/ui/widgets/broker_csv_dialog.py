"""BrokerCsvDialog (`brokerCsvDialog`): a broker's CSV export mapped onto 持仓 trades (issue 27; docs/POSITIONS.md
"A broker's export", docs/UI.md).

The 持仓 pane's 导入持仓 CSV… opens it for a file that is not our own lots CSV. One combo a field
(`brokerCsvField_date` … `brokerCsvField_fee`, inside `brokerCsvMapping`) names the column it comes from — guessed
from the header's words, or the mapping remembered for this header; 费用 takes any number of columns, summed. The
preview (`brokerCsvPreview`) shows the rows as they would be imported, each row's problem in its last column, and
`brokerCsvSummary` counts them (N 笔成交, M 行跳过 (非交易), K 行有错误). `brokerCsvImport` is enabled only when
there are trades and no row has an error; it stores every trade or none (off the GUI thread) and remembers the
mapping. Everything from the file is plain text wherever it is shown (cells, combo items, tooltips, errors).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core import broker_csv as bc
from desktop.core.positions import PositionError
from desktop.ui.plain import plain_tip
from desktop.ui.qt_props import props
from desktop.ui.style import RED

PREVIEW_ROWS = 100      # the first rows shown; rows with an error further down are shown after them
MORE_ERRORS = 100
NONE = -1


class FeeCombo(QComboBox):
    """A combo of checkable columns (费用 is their sum). Item 0 is the summary ("手续费 + 印花税 + 过户费") and stays
    the current one; a click on another item checks or unchecks it, the list staying open. `changed` after every
    change."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items = QStandardItemModel(self)
        self.setModel(self.items)
        self.empty_text = ""
        self._keep_open = False        # a column was just ticked: the release that follows must not close the list
        self.view().pressed.connect(self._pressed)
        self.activated.connect(self._back_to_summary)          # a bound method: no cycle through a lambda
        self.items.itemChanged.connect(self._item_changed)

    def set_columns(self, names: list[str], tips: list[str], checked: tuple[int, ...], empty_text: str) -> None:
        self.empty_text = empty_text
        self.items.blockSignals(True)
        self.items.clear()
        self.items.appendRow(QStandardItem(""))
        for i, (name, tip) in enumerate(zip(names, tips, strict=True)):
            item = QStandardItem(name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if i in checked else Qt.CheckState.Unchecked)
            item.setToolTip(tip)
            self.items.appendRow(item)
        self.items.blockSignals(False)
        self._summary()

    def checked(self) -> tuple[int, ...]:
        return tuple(r - 1 for r in range(1, self.items.rowCount())
                     if self.items.item(r).checkState() == Qt.CheckState.Checked)

    def set_checked(self, columns) -> None:
        self.items.blockSignals(True)
        for r in range(1, self.items.rowCount()):
            self.items.item(r).setCheckState(Qt.CheckState.Checked if r - 1 in columns else Qt.CheckState.Unchecked)
        self.items.blockSignals(False)
        self._item_changed()

    def _back_to_summary(self, _index: int) -> None:
        self.setCurrentIndex(0)

    def _pressed(self, index) -> None:
        # the combo's item delegate ticks a checkable item on the release (toggling here too undid every tick)
        if index.row() > 0:
            self._keep_open = True

    def hidePopup(self) -> None:  # noqa: N802 (Qt's name)
        """The list stays open while columns are ticked (each tick closed it: three fee columns took three
        openings); a click outside it, Esc or Enter closes it."""
        if self._keep_open:
            self._keep_open = False
            return
        super().hidePopup()

    def _item_changed(self, *_args) -> None:
        self._summary()
        self.changed.emit()

    def _summary(self) -> None:
        names = [self.items.item(c + 1).text() for c in self.checked()]
        self.items.item(0).setText(" + ".join(names) if names else self.empty_text)
        self.setCurrentIndex(0)


class BrokerCsvDialog(QDialog):
    def __init__(self, parent, broker_file, *, language: str = "zh_CN", known: Callable[[str], bool] | None = None,
                 today=None, save: Callable | None = None):
        """`save(conversion, mapping, done)` stores the trades off the GUI thread and answers `done(error)`."""
        super().__init__(parent)
        self.setObjectName("brokerCsvDialog")
        self.setWindowTitle(self.tr("导入券商成交记录"))
        self.file, self.language, self.known, self.today, self.save = broker_file, language, known, today, save
        self.stored: int | None = None       # the number of trades stored, once they are
        header = broker_file.header
        self.name_col = bc.name_column(header)
        self.conversion = bc.Conversion()
        info = props(QLabel(self, textFormat=Qt.TextFormat.PlainText, wordWrap=True), objectName="brokerCsvFile")
        info.setText(self.tr("%1（%2，表头在第 %3 行）。请为每一项选择对应的列：").replace("%1", broker_file.path.name)
                     .replace("%2", broker_file.encoding).replace("%3", str(broker_file.header_line)))
        self.info = info
        self.mapping_box = props(QWidget(self), objectName="brokerCsvMapping")
        form = QFormLayout(self.mapping_box)
        samples = [self._sample(i) for i in range(len(header))]
        start = broker_file.remembered or bc.guess(header)
        self.combos: dict[str, QComboBox] = {}
        labels = {"date": self.tr("成交日期"), "code": self.tr("证券代码"), "side": self.tr("买卖方向"),
                  "shares": self.tr("成交数量"), "price": self.tr("成交价格"), "fee": self.tr("费用（可多选，相加）")}
        for f in bc.FIELDS:
            combo: QComboBox
            if f == "fee":
                combo = FeeCombo(self.mapping_box)
                combo.set_columns(list(header), samples, start.fee, self.tr("（无费用列）"))
                combo.changed.connect(self.refresh)
            else:
                combo = QComboBox(self.mapping_box)
                combo.addItem(self.tr("（未选择）"), NONE)
                for i, name in enumerate(header):
                    combo.addItem(name, i)
                    combo.setItemData(i + 1, samples[i], Qt.ItemDataRole.ToolTipRole)
                combo.setCurrentIndex(getattr(start, f) + 1)
                combo.currentIndexChanged.connect(self.refresh)
            combo.setObjectName(f"brokerCsvField_{f}")
            self.combos[f] = combo
            form.addRow(labels[f] + "：", combo)
        self.remembered_note = props(QLabel(self.tr("已按上次为这种文件选择的列填好。"), self),
                                     objectName="brokerCsvRemembered", visible=broker_file.remembered is not None)
        self.headers = [self.tr("行"), self.tr("日期"), self.tr("代码"), self.tr("名称"), self.tr("方向"),
                        self.tr("股数"), self.tr("价格"), self.tr("费用"), self.tr("问题")]
        self.table = props(QTableWidget(0, len(self.headers), self), objectName="brokerCsvPreview")
        self.table.setHorizontalHeaderLabels(self.headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = props(QLabel(self, textFormat=Qt.TextFormat.PlainText, wordWrap=True), objectName="brokerCsvSummary")
        self.error = props(QLabel(self, textFormat=Qt.TextFormat.PlainText, wordWrap=True), objectName="brokerCsvError", visible=False)
        self.error.setStyleSheet(f"color: {RED}")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = props(QPushButton(self.tr("导入"), self), objectName="brokerCsvImport")
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.clicked.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (info, self.mapping_box, self.remembered_note):
            layout.addWidget(w)
        layout.addWidget(self.table, 1)
        for w in (self.summary, self.error, self.buttons):
            layout.addWidget(w)
        self.resize(900, 600)
        self.refresh()

    def _sample(self, col: int) -> str:
        """A column's first values, for its tooltip (plain)."""
        values = [bc.clean(cells[col]) for _line, cells in self.file.rows[:3] if col < len(cells)]
        return plain_tip(self.tr("例：") + " · ".join(v for v in values if v)) if any(values) else ""

    def mapping(self) -> bc.Mapping:
        cols = {f: self.combos[f].currentData() for f in bc.REQUIRED}
        return bc.Mapping(**{f: NONE if v is None else int(v) for f, v in cols.items()},
                          fee=self._fee().checked())

    def set_mapping(self, mapping: bc.Mapping) -> None:
        """Choose every field's column at once (one refresh)."""
        for f in bc.REQUIRED:
            self.combos[f].blockSignals(True)
            self.combos[f].setCurrentIndex(getattr(mapping, f) + 1)
            self.combos[f].blockSignals(False)
        self._fee().set_checked(mapping.fee)

    def _fee(self) -> FeeCombo:
        combo = self.combos["fee"]
        assert isinstance(combo, FeeCombo)      # the fee field's box is one
        return combo

    # -- the preview ---------------------------------------------------------------------------------------
    def refresh(self, *_args) -> None:
        m = self.mapping()
        self.conversion = c = bc.convert(self.file.rows, m, self.known, self.today)
        self.error.hide()
        if m.missing():
            names = {"date": self.tr("成交日期"), "code": self.tr("证券代码"), "side": self.tr("买卖方向"),
                     "shares": self.tr("成交数量"), "price": self.tr("成交价格")}
            self.summary.setText(self.tr("请选择：%1").replace("%1", self.tr("、").join(names[f] for f in m.missing())))
            self.table.setRowCount(0)
            self.import_button.setEnabled(False)
            return
        errors = c.errors
        text = (self.tr("%1 笔成交，%2 行跳过（非交易），%3 行有错误").replace("%1", str(len(c.trades)))
                .replace("%2", str(len(c.skipped))).replace("%3", str(len(errors))))
        if errors:
            first = errors[0].error
            assert first is not None                  # a row among the errors has one
            text += "\n" + first.text(self.language)
        elif not c.trades:
            text += "\n" + self.tr("没有可导入的成交：请检查“买卖方向”选的列")
        self.summary.setText(text)
        self.import_button.setEnabled(c.ok and self.save is not None)
        shown = c.rows[:PREVIEW_ROWS] + [r for r in c.rows[PREVIEW_ROWS:] if r.error is not None][:MORE_ERRORS]
        self.table.setRowCount(len(shown))
        for i, r in enumerate(shown):
            for j, text in enumerate(self._cells(r, m)):
                item = QTableWidgetItem(text)
                if j == len(self.headers) - 1 and text:
                    item.setToolTip(plain_tip(text))
                    if r.error is not None:
                        item.setForeground(QColor(RED))
                self.table.setItem(i, j, item)

    def _cells(self, r: bc.Row, m: bc.Mapping) -> list[str]:
        def cell(i: int) -> str:
            return bc.clean(r.cells[i]) if 0 <= i < len(r.cells) else ""

        name = cell(self.name_col)
        if r.trade is not None:
            t = r.trade
            side = self.tr("买入") if t.side == "buy" else self.tr("卖出")
            return [str(r.line), t.date.isoformat(), t.code, name, side, str(t.shares), str(t.price), str(t.fee), ""]
        problem = (r.error.text(self.language) if r.error is not None else
                   self.tr("跳过（非交易）：%1").replace("%1", r.skipped))
        return [str(r.line), cell(m.date), cell(m.code), name, cell(m.side), cell(m.shares), cell(m.price),
                " + ".join(cell(i) for i in m.fee), problem]

    # -- storing -------------------------------------------------------------------------------------------
    def submit(self) -> None:
        if not self.conversion.ok or self.save is None:
            return
        self.import_button.setEnabled(False)         # one import at a time
        self.save(self.conversion, self.mapping(), self._saved)

    def _saved(self, error: BaseException | None, stored: int | None = None) -> None:
        if error is None:
            self.stored = stored
            self.accept()
            return
        self.import_button.setEnabled(True)
        text = error.text(self.language) if isinstance(error, PositionError) else str(error)
        self.error.setText(self.tr("未导入（没有保存任何成交）：") + text)
        self.error.show()

    def done_text(self) -> str:
        """What the pane says once the trades are stored."""
        return (self.tr("已导入 %1 笔成交，%2 行非交易已跳过").replace("%1", str(self.stored or 0))
                .replace("%2", str(len(self.conversion.skipped))))


def open_for(pane, broker_file, writer, config_dir):
    """The dialog for `broker_file`, opened window-modal from the 持仓 pane (`pane.dialog`); the import runs as
    a pane job (ui/ops.py), and the pane reloads and says what was stored."""
    from desktop.core import clock
    from desktop.services import broker_csv
    from desktop.ui import ops

    matcher = pane.market.directory.matcher()

    def save(conversion, mapping, done) -> None:
        def finished(n, error) -> bool:
            done(error, n)
            if error is None:
                pane._say(dialog.done_text())
                pane.reload()
            return isinstance(error, PositionError)

        ops.job(pane.ctx, pane.objectName(), "csv", QCoreApplication.translate("BrokerCsvDialog", "导入持仓 CSV"),
                lambda _t: broker_csv.store(writer, config_dir, broker_file, conversion, mapping), finished)

    dialog = BrokerCsvDialog(pane, broker_file, language=pane.settings["ui.language"],
                             known=lambda c: matcher.get(c) is not None, today=clock.today_shanghai(), save=save)
    dialog.open()
    return dialog
