"""NewsSearch: the reader's search box — full-text search after a pause in typing (or Enter), stock completion
by code, name or 拼音 initials, the hit count beside the box ("N 条结果"), and the search's words marked in the
titles and, through the bus, in the article. Owned by NewsPane, which holds the filter."""

from __future__ import annotations

from PySide6.QtCore import QObject, QStringListModel, Qt, QTimer
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit

from desktop.core.indices import index_of, is_index_key

NAME = "newsPane"
TYPING_PAUSE_MS = 250
MARK = {"dark": "#6b5a1e", "light": "#ffe08a"}


class NewsSearch(QObject):
    def __init__(self, pane):
        super().__init__(pane)
        self.pane = pane
        self.box = QLineEdit(pane, objectName="newsSearch", clearButtonEnabled=True)
        self.box.setPlaceholderText(self.tr("搜索资讯（如 储能、算力、AI），或输入股票代码/名称/拼音首字母"))
        self.count = QLabel(pane, objectName="newsSearchCount", visible=False)
        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS, timeout=self.apply)
        self.box.textEdited.connect(lambda _t: self._timer.start())
        self.box.returnPressed.connect(self.apply)
        self._completions = QStringListModel(self)
        completer = QCompleter(self._completions, self)
        # the list is already the stock search's answer (code, name or 拼音 initials: "ndsd" → 宁德时代 300750):
        # the completer shows it as it is — its own filter would keep only entries containing the typed text
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated[str].connect(self._on_completion)
        self.box.setCompleter(completer)
        self.box.textEdited.connect(self._update_completions)
        self.completer = completer
        # the clear button (and select-all + delete) empties the box: the search it made goes at once
        self.box.textChanged.connect(lambda t: self.apply() if not t.strip() and pane.filter.query else None)
        self.announced = ""          # the query the article pane was last told about (bus.search_changed)

    def apply(self) -> None:
        text = self.box.text().strip()
        if text != self.pane.filter.query:
            self.pane._set(query=text)

    def _update_completions(self, text: str) -> None:
        text = text.strip()
        search = self.pane.stock_search
        if not search or not text or len(text) > 12:
            self._completions.setStringList([])
            self.completer.popup().hide()
            return
        # an index (its code is its key, sh000001) says so: 000001 lists 平安银行 and 上证指数（指数）
        index = self.tr("（指数）")          # outside the f-string: lupdate reads only plain tr() calls
        found = [f"{name}{index if is_index_key(code) else ''} {code}" for code, name in search(text)[:12]]
        self._completions.setStringList(found)
        if found and self.box.hasFocus():
            self.completer.complete()          # the line edit asked before this list was made: show this one
        else:
            self.completer.popup().hide()

    def _on_completion(self, text: str) -> None:
        code = text.rsplit(" ", 1)[-1]
        self.box.clear()
        self._timer.stop()
        index = index_of(code) if is_index_key(code) else None
        if index is not None:       # no article links an index: its name is searched, its chart follows the bus
            self.box.setText(index.name)
            self.pane._set(query=index.name)
        else:
            self.pane._set(query="", stock=code)
        self.pane.bus.select_stock(code, NAME)

    def feedback(self) -> None:
        """After the filter changed: the words marked in the titles and the article, the hit count."""
        pane = self.pane
        q = pane.filter.query
        if q != self.announced:
            self.announced = q
            pane.bus.search_changed.emit(q)
        pane.chip_delegate.terms = tuple(q.split()) if q else ()
        pane.chip_delegate.mark = MARK["dark" if pane.settings["ui.theme"] == "dark" else "light"]
        pane.table.viewport().update()
        self.count_hits()

    def count_hits(self) -> None:
        """The hit count (on a worker), again after each commit while a search is on: new articles may match."""
        f = self.pane.filter
        if not f.query:
            self.count.hide()
            return
        self.pane.tasks.run("search-count", lambda _task: self.pane.reader.count_articles(f),
                            lambda n, error: self._on_count(f, n, error))

    def _on_count(self, f, n, error) -> None:
        if error is not None or f != self.pane.filter:
            return
        self.count.setText(self.tr("%n 条结果", "", n))
        self.count.show()
