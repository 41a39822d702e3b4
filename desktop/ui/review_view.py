"""The 复盘 view (issue 26): the daily review of a trading day in a dialog — the same content as `huohua review`
(services/review.py, read from the local store on a task) — with a date selector, 复制为 Markdown, and every stock
name a link that selects the stock on the bus (an index's opens its chart). 只看持仓 (`reviewHoldingsOnly`, issue 27)
limits it to holdings: the held stocks with their 当日盈亏 in place of the watchlists (amounts as **** under 隐藏金额),
the boards and 涨停 stocks that concern them marked.

The rich text is built from escaped parts only: every outside string (names, boards, titles) goes through
html.escape, and the anchors we write carry only a code or an article id we checked. Opened from 视图 → 复盘
(`actionReview`, Ctrl+R).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
)

from desktop.ui.qt_props import props
from desktop.ui.style import price_colors

if TYPE_CHECKING:
    from desktop.core.review import Review

NAME = "reviewView"
HIDE_KEY = "positions.hide_amounts"        # 隐藏金额: the holdings' shares and 当日盈亏 read ****
_CODE = re.compile(r"(?:[0-9]{6}|(?:sh|sz|bj)[0-9]{6})")


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:+.2f}%"


class ReviewView(QDialog):
    def __init__(self, ctx: Any, parent: Any = None):
        super().__init__(parent)
        self.setObjectName(NAME)
        self.setWindowTitle(self.tr("复盘"))
        self.ctx = ctx
        self.tasks = ctx.tasks.scope(NAME)
        self.review: Review | None = None  # the review shown
        self.date = props(QDateEdit(self), objectName="reviewDate", calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.date.setEnabled(False)        # until the default day is known
        self.copy_button = props(QPushButton(self.tr("复制为 Markdown"), self), objectName="reviewCopyMarkdown")
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copy_markdown)
        self.holdings_box = props(QCheckBox(self.tr("只看持仓"), self), objectName="reviewHoldingsOnly")
        self.holdings_box.setToolTip(self.tr("只看持仓：持仓股及其当日盈亏代替自选股，并标出含持仓的板块和涨停股"))
        self.holdings_box.toggled.connect(lambda _on: self.load())
        self.browser = props(QTextBrowser(self, openLinks=False, openExternalLinks=False), objectName="reviewText")
        self.browser.anchorClicked.connect(self.follow)
        self.status = props(QLabel(self, textFormat=Qt.TextFormat.PlainText), objectName="reviewStatus")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("交易日"), self))
        top.addWidget(self.date)
        top.addWidget(self.holdings_box)
        top.addStretch(1)
        top.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.status)
        self.resize(720, 640)
        self.date.dateChanged.connect(lambda _d: self.load())
        ctx.settings.subscribe(self.apply_settings)

    # -- data ------------------------------------------------------------------------------------------
    def load(self, day: Any = None) -> None:
        """Read the review of the selected day (the first time: the newest session stored) on a task."""
        from datetime import date, datetime

        market = self.ctx.market
        if market is None:
            self.status.setText(self.tr("行情功能未开启"))
            return
        if day is None and self.date.isEnabled():
            q = self.date.date()
            day = date(q.year(), q.month(), q.day())
        self.status.setText(self.tr("读取中…"))

        def work(_task: Any) -> Any:
            from desktop.core.market_hours import SHANGHAI
            from desktop.services.review import review_of

            return review_of(market.db_path, day, datetime.fromtimestamp(market.now(), SHANGHAI), holdings)

        holdings = self.holdings_box.isChecked()

        self.tasks.run("review", work, self._show)

    def _show(self, review: Any, error: Any) -> None:
        if error is not None:
            self.status.setText(self.tr("读取失败：{0}").format(str(error)[:200]))
            return
        self.review = review
        y, m, d = (int(x) for x in review.day.split("-"))
        if not self.date.isEnabled() or self.date.date() != QDate(y, m, d):
            self.date.blockSignals(True)
            self.date.setDate(QDate(y, m, d))
            self.date.blockSignals(False)
            self.date.setEnabled(True)
        self.copy_button.setEnabled(review.status == "ok")
        self.browser.setHtml(self.html())
        self.status.setText("")

    def apply_settings(self, keys: frozenset[str]) -> None:
        if self.review is not None and keys & {"ui.colors", "ui.theme", "ui.language", HIDE_KEY}:
            self.browser.setHtml(self.html())

    def language(self) -> str:
        return str(self.ctx.settings["ui.language"])

    # -- actions ---------------------------------------------------------------------------------------
    def copy_markdown(self) -> str:
        """The review as Markdown (outside text escaped) on the clipboard; returns it. Under 隐藏金额 the holdings'
        shares and 当日盈亏 are left out of it too."""
        from desktop.core.review_text import markdown

        if self.review is None:
            return ""
        text = markdown(self.review, self.language(), bool(self.ctx.settings[HIDE_KEY]))
        QGuiApplication.clipboard().setText(text)
        self.status.setText(self.tr("已复制为 Markdown"))
        return text

    def follow(self, url: QUrl) -> None:
        """A stock's link selects it everywhere; an index's opens its chart; a title opens the article."""
        kind, _, value = url.toString().partition(":")
        if kind == "stock" and _CODE.fullmatch(value):
            if value[:2] in ("sh", "sz", "bj"):
                self.ctx.bus.show_chart(value, NAME)
            else:
                self.ctx.bus.select_stock(value, NAME)
        elif kind == "article" and value.isdigit():
            self.ctx.bus.select_article(int(value), NAME)

    # -- the rich text, from escaped parts only ------------------------------------------------------------
    def html(self) -> str:
        from desktop.core.review_text import sections

        r = self.review
        assert r is not None, "html() is asked for once a review is shown"
        if r.status != "ok":
            return f"<p>{html.escape(sections(r, self.language())[0][1][0])}</p>"
        s = self.ctx.settings
        pc = price_colors(s["ui.colors"], s["ui.theme"])
        lang = self.language()
        from desktop.core.review_text import word

        def pct(v: float | None) -> str:
            color = pc.for_change(v) if v is not None else ""
            return f"<span style='color:{color}'>{html.escape(_pct(v))}</span>" if color else html.escape(_pct(v))

        def stock(code: str | None, name: str) -> str:
            if code and _CODE.fullmatch(code):
                return f"<a href='stock:{code}'>{html.escape(name)}</a>"
            return html.escape(name)

        codes = {x.name: x.code for _t, lines in r.themes for x in lines}
        out = [f"<h2>{html.escape(word('title', lang).format(day=r.day))}</h2>"]

        def section(key: str, rows: list[str]) -> None:
            out.append(f"<h3>{html.escape(word(key, lang))}</h3>")
            out.append("<br>".join(rows) or "—")

        section("indices", [f"{stock(i.key, i.name)} {i.close or 0:.2f} {pct(i.change_pct)}" for i in r.indices])
        b = r.breadth
        from desktop.core.numbers import amount_yi

        section("breadth", [html.escape(word("breadth_line", lang).format(**{**b, "amount": amount_yi(b["amount"])}))]
                if b else [html.escape(word("no_breadth", lang))])
        for kind in ("industry", "concept"):
            sides = r.boards.get(kind)
            if sides:
                section(kind, [f"{html.escape(word(side, lang))} {html.escape(x.name)} {pct(x.change_pct)} · "
                               f"{html.escape(word('leader', lang).format(''))}{stock(x.leader_code, x.leader)} "
                               f"{pct(x.leader_change_pct)}" + self._held_in(r, x.code, lang)
                               for side in ("up", "down") for x in sides[side]])
        p = r.pools
        if all(v is None for v in p.values()):
            section("limits", [html.escape(word("no_pools", lang))])
        else:
            rate = "—" if r.zb_rate is None else f"{r.zb_rate:.1f}%"
            section("limits", [html.escape(word("pools", lang).format(
                rate=rate, **{k: ("—" if v is None else v) for k, v in p.items()}))])
        if r.ladder:
            section("ladder", [f"{html.escape(word('level', lang).format(s))} {html.escape(word('count', lang).format(n))}"
                               f": {'、'.join(stock(codes.get(x), x) for x in names)}" for s, n, names in r.ladder])
        if r.themes:
            rows = []
            held = r.held
            for theme, lines in r.themes:
                rows.append(f"<b>{html.escape(r.label(theme, lang))}</b> ({len(lines)})")
                rows += [f"&nbsp;&nbsp;{stock(x.code, x.name)}"
                         + (f" {html.escape(word('level', lang).format(x.streak))}" if x.streak > 1 else "")
                         + (f" <b>{html.escape(word('held_mark', lang))}</b>" if x.code in held else "")
                         + self._item(x.reason, x.evidence) for x in lines]
            section("themes", rows)
        if r.holdings is not None:
            from desktop.core.review_text import money

            hide = bool(s[HIDE_KEY])

            def pnl(v: float | None) -> str:
                text = "****" if hide else money(v)
                color = pc.for_change(v) if v is not None and not hide else ""
                return f"<span style='color:{color}'>{html.escape(text)}</span>" if color else html.escape(text)

            section("holdings", [f"{stock(h.code, h.name)} "
                                 f"{html.escape(word('shares', lang).format('****' if hide else h.shares))} "
                                 f"{'—' if h.price is None else f'{h.price:.2f}'} {pct(h.change_pct)} "
                                 f"{html.escape(word('pnl_today', lang).format(''))}{pnl(h.pnl_today)}"
                                 f"{self._item(h.news, h.evidence)}" for h in r.holdings]
                    or [html.escape(word("no_holdings", lang))])
            return "".join(out)
        section("watch", [f"{stock(w.code, w.name)} {'—' if w.price is None else f'{w.price:.2f}'} "
                          f"{pct(w.change_pct)}{self._item(w.news, w.evidence)}" for w in r.watch]
                or [html.escape(word("no_watch", lang))])
        return "".join(out)

    @staticmethod
    def _held_in(r: Any, board: str, lang: str) -> str:
        from desktop.core.review_text import word

        names = r.held_boards.get(board)
        return f" · <b>{html.escape(word('held_in', lang).format('、'.join(names)))}</b>" if names else ""

    @staticmethod
    def _item(item: dict | None, evidence: int) -> str:
        if not item:
            return ""
        aid = int(item["article_id"])
        return f" — <a href='article:{aid}'>{html.escape(item['title'])}</a> ({evidence})"
