""""Why is it moving" as tooltip lines (issue 26): the stock's move, "随 光伏设备 +3.20%" (its boards that moved
the same way), its 异动 today and its top linked items since the previous close (core/why_moving.py picks them;
the panes read them once per refresh through MarketView.why_moving). Plain lines: the callers send the whole tip
through plain_tip (board names, titles and 相关信息 are outside text)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from desktop.core.market_hours import SHANGHAI
from desktop.core.why_moving import Why

T = QCoreApplication       # QCoreApplication.translate("WhyText", "…") with literals: lupdate extracts them


def move_line(change_pct: float | None) -> str:
    return T.translate("WhyText", "涨跌幅：%1").replace("%1", "—" if change_pct is None else f"{change_pct:+.2f}%")


def why_lines(why: Why | None, change_pct: float | None, *, with_move: bool = True) -> list[str]:
    """The lines, the move first (unless the caller shows it already); a stock with nothing else: its move."""
    lines = [move_line(change_pct)] if with_move else []
    if why is None:
        return lines
    if why.boards:
        moved = "、".join(f"{b.name} {b.change_pct:+.2f}%" for b in why.boards)
        lines.append(T.translate("WhyText", "随 %1").replace("%1", moved))
    if why.events:
        lines.append(T.translate("WhyText", "今日异动："))
        lines += [f"· {e.time[:5]} {e.type_name} {e.detail}".rstrip() for e in why.events]
    if why.items:
        lines.append(T.translate("WhyText", "昨收以来相关资讯："))
        for it in why.items:
            when = datetime.fromtimestamp(it.published, SHANGHAI).strftime("%m-%d %H:%M")
            lines.append(f"· {when} " + (T.translate("WhyText", "【公告】") if it.notice else "") + it.title)
    return lines
