"""The daily 复盘 (core/review.py) as plain text for a terminal and as Markdown a user can paste, in Chinese or
English. Outside text (names, boards, titles) is hostile: in Markdown every Markdown-active character of it is
escaped (`md_escape`), so a name cannot open a link, an image, a heading or a table cell; in plain text the
CLI's output filter (cli_output.py → core/terminal.py) shows control characters as escapes."""

from __future__ import annotations

import re
from typing import Any

from desktop.core.review import Review

_WORDS = {
    "title": ("{day} 复盘", "{day} market review"),
    "holiday": ("{day} 休市（不是交易日），没有复盘", "{day}: the exchanges were closed (not a trading day)"),
    "empty": ("{day} 没有保存任何行情：先在窗口中打开行情，或用 --replay 回放一段录制",
              "{day}: nothing of this day is stored (open the window during the session, or use --replay)"),
    "indices": ("指数", "Indices"),
    "breadth": ("涨跌", "Breadth"),
    "breadth_line": ("涨 {up} 跌 {down} 平 {flat} · 涨停 {limit_up} 跌停 {limit_down} · 成交 {amount}",
                     "up {up} down {down} flat {flat} · limit-up {limit_up} limit-down {limit_down} · "
                     "turnover {amount}"),
    "no_breadth": ("未保存这一天的全市场行情", "no whole-market snapshot of this day is stored"),
    "industry": ("行业板块", "Industry boards"),
    "concept": ("概念板块", "Concept boards"),
    "up": ("涨幅前列", "up most"),
    "down": ("跌幅前列", "down most"),
    "leader": ("领涨股 {0}", "leader {0}"),
    "no_boards": ("未保存这一天的板块行情", "no board quotes of this day are stored"),
    "limits": ("涨停", "Limit-up"),
    "pools": ("涨停 {zt} · 炸板 {zb} · 跌停 {dt} · 炸板率 {rate}", "limit-up {zt} · broken {zb} · limit-down {dt} · "
              "broken rate {rate}"),
    "no_pools": ("未保存这一天的涨停股池", "no 涨停 pool of this day is stored"),
    "ladder": ("连板梯队", "Streak ladder"),
    "level": ("{0}板", "{0} in a row"),
    "themes": ("涨停题材", "Limit-up by theme"),
    "watch": ("自选股", "Watchlists"),
    "no_watch": ("没有自选股", "no watched stock"),
    "news": ("资讯", "news"),
    "count": ("{0}只", "{0}"),
    # limited to holdings (`huohua review --holdings`)
    "holdings": ("持仓", "Holdings"),
    "no_holdings": ("没有持仓", "nothing held"),
    "held_mark": ("[持仓]", "[held]"),
    "held_in": ("持仓 {0}", "held: {0}"),
    "shares": ("{0}股", "{0} sh"),
    "pnl_today": ("当日盈亏 {0}", "day P&L {0}"),
}


def word(key: str, language: str) -> str:
    zh, en = _WORDS[key]
    return en if str(language).startswith("en") else zh


def md_escape(text: str) -> str:
    """Outside text as literal Markdown text: every ASCII punctuation CommonMark can treat as markup gets a
    backslash, line breaks become spaces (a name cannot start a heading, a list or a table row)."""
    text = re.sub(r"[\r\n\t\x0b\x0c\u2028\u2029]+", " ", str(text))
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~&\"'=:;$%^@?/,])", r"\\\1", text)


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:+.2f}%"


def _num(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f}"


def _amount(v: float) -> str:
    from desktop.core.numbers import amount_yi

    return amount_yi(v)


def money(v: float | None) -> str:
    """当日盈亏 as the 持仓 pane writes it: signed, thousands separated, to the cent."""
    return "—" if v is None else f"{v:+,.2f}"


def sections(r: Review, language: str, esc: Any = str, hide_amounts: bool = False) -> list[tuple[str, list[str]]]:
    """(heading, lines) of the review; outside text through `esc` (md_escape for Markdown); `hide_amounts`
    (隐藏金额): the holdings' shares and 当日盈亏 as ****."""
    def w(key: str) -> str:
        return word(key, language)

    if r.status != "ok":
        return [(w("title").format(day=r.day), [w(r.status).format(day=r.day)])]
    out: list[tuple[str, list[str]]] = []
    out.append((w("indices"), [f"{esc(i.name)} {_num(i.close)} {_pct(i.change_pct)}" for i in r.indices]))
    b = r.breadth
    out.append((w("breadth"), [w("breadth_line").format(**{**b, "amount": _amount(b["amount"])})] if b
                else [w("no_breadth")]))
    for kind in ("industry", "concept"):
        sides = r.boards.get(kind)
        if not sides:
            continue
        lines = []
        for side in ("up", "down"):
            for x in sides[side]:
                leader = (" · " + w("leader").format(f"{esc(x.leader)} {_pct(x.leader_change_pct)}")) if x.leader else ""
                held_names = r.held_boards.get(x.code)
                mine = (" · " + w("held_in").format("、".join(esc(n) for n in held_names))) if held_names else ""
                lines.append(f"{w(side)}  {esc(x.name)} {_pct(x.change_pct)}{leader}{mine}")
        out.append((w(kind), lines))
    if not r.boards:
        out.append((w("industry"), [w("no_boards")]))
    p = r.pools
    if all(v is None for v in p.values()):
        out.append((w("limits"), [w("no_pools")]))
    else:
        rate = "—" if r.zb_rate is None else f"{r.zb_rate:.1f}%"
        show = {k: ("—" if v is None else v) for k, v in p.items()}
        out.append((w("limits"), [w("pools").format(rate=rate, **show)]))
    if r.ladder:
        out.append((w("ladder"), [f"{w('level').format(s)} {w('count').format(n)}: {'、'.join(esc(x) for x in names)}"
                                  for s, n, names in r.ladder]))
    held_codes = r.held
    if r.themes:
        lines = []
        for theme, stocks in r.themes:
            lines.append(f"{esc(r.label(theme, language))} ({len(stocks)})")
            for stock in stocks:
                reason = f" — {esc(stock.reason['title'])} ({stock.evidence})" if stock.reason else ""
                streak = f" {w('level').format(stock.streak)}" if stock.streak > 1 else ""
                mark = f" {w('held_mark')}" if stock.code in held_codes else ""
                lines.append(f"  {stock.code} {esc(stock.name)}{streak}{mark}{reason}")
        out.append((w("themes"), lines))
    if r.holdings is not None:
        lines = []
        for h in r.holdings:
            news = f" — {esc(h.news['title'])} ({h.evidence})" if h.news else ""
            shares, pnl = ("****", "****") if hide_amounts else (h.shares, money(h.pnl_today))
            lines.append(f"{h.code} {esc(h.name)} {w('shares').format(shares)} {_num(h.price)} {_pct(h.change_pct)} "
                         f"{w('pnl_today').format(pnl)}{news}")
        out.append((w("holdings"), lines or [w("no_holdings")]))
        return out
    lines = []
    for held in r.watch:
        news = f" — {esc(held.news['title'])} ({held.evidence})" if held.news else ""
        lines.append(f"{held.code} {esc(held.name)} {_num(held.price)} {_pct(held.change_pct)}{news}")
    out.append((w("watch"), lines or [w("no_watch")]))
    return out


def text(r: Review, language: str) -> str:
    """Plain text for a terminal: a title line, then each section's heading and indented lines."""
    out = [word("title", language).format(day=r.day)] if r.status == "ok" else []
    for heading, lines in sections(r, language):
        out.append(f"【{heading}】" if r.status == "ok" else lines[0])
        if r.status == "ok":
            out.extend(f"  {line}" for line in lines)
    return "\n".join(out) + "\n"


def markdown(r: Review, language: str, hide_amounts: bool = False) -> str:
    """Markdown: a level-2 title, level-3 headings, list items; every outside string escaped."""
    out = [f"## {word('title', language).format(day=r.day)}", ""]
    for heading, lines in sections(r, language, md_escape, hide_amounts):
        if r.status != "ok":
            out += [md_escape(lines[0]), ""]
            continue
        out += [f"### {heading}", ""]
        out += [("  - " + line.strip()) if line.startswith("  ") else f"- {line}" for line in lines]
        out.append("")
    return "\n".join(out)
