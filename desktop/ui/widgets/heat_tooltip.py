"""The heatmap's tile tooltip (split out of panes/heatmap_pane.py, which keeps `tooltip(t)` calling this): name,
code, %, cap, a board's breadth and leader, freshness, and why the tile moves — its last 24 h of linked articles
and the newest three headlines, read once per tile per reload (the pane clears the cache when it reloads).
Names, leaders and headlines are outside text: the whole tip goes out through plain_tip, never as markup.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop.ui.plain import plain_tip

NEWS_WINDOW_S = 86400


class HeatTips(QObject):
    """One per HeatmapPane: its headline cache and the tooltip text for a tile (a QObject for tr())."""

    def __init__(self, pane):
        super().__init__(pane)
        self.pane = pane
        self.headlines: dict[str, list[tuple[int, str, int]]] = {}
        self.why: dict = {}         # code → core.why_moving.Why, read with the tiles (a hover reads no database)

    def clear(self) -> None:
        self.headlines.clear()
        self.why = {}

    def text(self, t) -> str:
        """Name, code, %, cap, members' breadth and leader (boards), freshness, and why it moves."""
        from datetime import datetime

        from desktop.core.market_hours import SHANGHAI
        from desktop.core.numbers import amount_text
        from desktop.ui.i18n import chinese_numbers

        lines = [f"{t.name}  {t.key}"]
        lines.append(self.tr("涨跌幅：%1").replace("%1", "—" if t.pct is None else f"{t.pct:+.2f}%"))
        if t.cap:
            lines.append(self.tr("总市值：%1").replace("%1", amount_text(t.cap, chinese=chinese_numbers())))
        if t.kind == "board" and t.up is not None:
            lines.append(self.tr("上涨 %1 家，下跌 %2 家").replace("%1", str(t.up)).replace("%2", str(t.down or 0)))
            if t.leader:
                lines.append(self.tr("领涨：%1").replace("%1", t.leader))
        if t.updated:
            stamp = datetime.fromtimestamp(t.updated, SHANGHAI).strftime("%m-%d %H:%M:%S")
            lines.append(self.tr("更新于 %1").replace("%1", stamp) + (self.tr("（数据已过时）") if t.stale else ""))
        else:
            lines.append(self.tr("暂无行情"))
        lines.append(self.tr("近24小时相关资讯 %1 篇").replace("%1", str(t.news)))
        if t.kind == "stock":       # why it moves: its boards, 异动 today, items since the previous close
            from desktop.ui.why_text import why_lines

            lines += why_lines(self.why.get(t.key), t.pct, with_move=False)
            return plain_tip("\n".join(lines))
        for _id, title, published in self.headlines_for(t):
            lines.append(f"· {datetime.fromtimestamp(published, SHANGHAI).strftime('%H:%M')} {title}")
        return plain_tip("\n".join(lines))     # names, leaders and headlines are outside text: never markup

    def headlines_for(self, t) -> list[tuple[int, str, int]]:
        pane = self.pane
        if not t.news or pane.ctx.reader is None:
            return []
        cached = self.headlines.get(t.key)
        if cached is None:
            codes = pane._members.get(t.key, []) if t.kind == "board" else [t.key]
            since = int(pane.ctx.market.now()) - NEWS_WINDOW_S
            cached = self.headlines[t.key] = pane.ctx.reader.newest_linked(codes, since, 3)
        return cached
