"""Today's 成交额 against the previous session at the same minute (issue 26: breadth's "放量/缩量"), from stored
1-minute bars of the two market-wide indices 上证指数 (sh000001) and 深证成指 (sz399001), whose bars carry a 成交额
per minute (the market's pace as Eastmoney reports it for each index; not checked here to equal the sum over
stocks, which is why only the ratio is shown beside the snapshot's own 成交额). The whole-market snapshot holds the
latest quotes only — it cannot say what yesterday had traded by 14:35 — and the indices' minute bars can, for every
session the store holds (the 分时 request brings 5).

Both sessions are summed over the same codes up to the same minute slot (core/intraday.py), so the ratio compares
like with like; when a code or a minute is missing on either side the answer is None: no figure rather than a
wrong one. Pure: ≤ 5 ms for two sessions of two codes (bench/breadth.py prints it).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from desktop.core.intraday import MORNING, SLOTS, slot_label

CODES = ("sh000001", "sz399001")


@dataclass(frozen=True, slots=True)
class AmountPace:
    minute: str             # "14:35": the last minute both sessions are summed to
    day: str                # the session compared (ISO)
    previous_day: str       # the session it is compared with (ISO)
    today: float            # 成交额 (yuan) of CODES from the open to `minute`
    previous: float         # the same, the previous session
    change_pct: float       # today / previous − 1, in %

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "basis": "+".join(CODES)}


_UTC8 = 8 * 3600      # Asia/Shanghai has kept UTC+8 without summer time since 1991: plain arithmetic per bar


def _day_slot(ts: int) -> tuple[int, int]:
    """(the day number in Beijing, the bar's slot) without a datetime per bar (a few sessions are ~2,400 bars)."""
    local = ts + _UTC8
    day, m = divmod(local, 86400)
    m //= 60
    if m <= 570:                       # 09:30
        return day, 0
    if m <= 690:                       # 11:30
        return day, m - 570
    if m <= 780:                       # 13:00
        return day, MORNING
    return day, min(SLOTS - 1, MORNING + m - 780)


def _iso(day: int) -> str:
    return date.fromordinal(_EPOCH + day).isoformat()


_EPOCH = date(1970, 1, 1).toordinal()


def compare(rows: list[tuple[str, int, float | None]], until_slot: int | None = None) -> AmountPace | None:
    """`rows`: (code, label time, 成交额) of CODES' stored minute bars over a few sessions. The newest session is
    compared with the one before it, up to the last slot both codes reached in the newest (and at most
    `until_slot`: the snapshot's minute)."""
    by: dict[int, dict[str, dict[int, float]]] = {}       # day → code → slot → amount
    for code, t, amount in rows:
        if code in CODES and amount is not None and amount >= 0:
            day, slot = _day_slot(t)
            by.setdefault(day, {}).setdefault(code, {})[slot] = amount
    days = sorted(d for d, codes in by.items() if all(codes.get(c) for c in CODES))
    if len(days) < 2:
        return None
    today, previous = by[days[-1]], by[days[-2]]
    slot = min(max(today[c]) for c in CODES)
    if until_slot is not None:
        slot = min(slot, until_slot)
    if any(max(previous[c]) < slot for c in CODES):        # the previous session's bars stop short of the minute
        return None
    now = sum(a for c in CODES for s, a in today[c].items() if s <= slot)
    then = sum(a for c in CODES for s, a in previous[c].items() if s <= slot)
    if now <= 0 or then <= 0:
        return None
    return AmountPace(slot_label(slot), _iso(days[-1]), _iso(days[-2]), now, then, round((now / then - 1) * 100, 2))


def pace_text(p: AmountPace | None, english: bool = False) -> str:
    """"较上日同时 +5.2%" (English "vs prev. +5.2%"); "" without a comparison."""
    if p is None:
        return ""
    return f"vs prev. {p.change_pct:+.1f}%" if english else f"较上日同时 {p.change_pct:+.1f}%"
