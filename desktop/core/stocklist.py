"""The names a listed company goes by: the bundled list (resources/stocks) or the refreshed `stocks` table."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

_ST_PREFIX = re.compile(r"^(?:XD|XR|DR)?\*?S?\*?ST", re.I)
_SUFFIX = re.compile(r"-(?:UWD|UW|WD|U|W|D)$", re.I)


@dataclass(frozen=True, slots=True)
class StockName:
    code: str
    name: str                               # current short name, e.g. "*ST美丽", "宁德时代"
    exchange: str = ""
    industry: str = ""
    full_name: str = ""                     # legal name, e.g. 宁德时代新能源科技股份有限公司
    former: tuple[str, ...] = ()            # earlier short names, e.g. 中伟股份 for 中伟新材


def core_name(name: str) -> str:
    """宁德时代 → 宁德时代, *ST美丽 → 美丽, 宇树-W → 宇树, 万科A → 万科A (A-share suffix handled by the linker)."""
    return _SUFFIX.sub("", _ST_PREFIX.sub("", name.strip())).strip()


def bundled_file(stocks_dir: Path) -> Path:
    """The bundled list: a_shares_ext.csv (full and former names) or, failing that, a_shares.csv."""
    ext = stocks_dir / "a_shares_ext.csv"
    return ext if ext.exists() else stocks_dir / "a_shares.csv"


def load_bundled(stocks_dir: Path) -> list[StockName]:
    """The one reader of the bundled stock list (the tagger, the stock table's seed, the names before it)."""
    path = bundled_file(stocks_dir)
    out: list[StockName] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            former = tuple(n for n in (row.get("other_names_seen") or "").split("|") if n.strip())
            out.append(StockName(
                code=row["code"], name=row["name"], exchange=row.get("exchange", ""),
                industry=row.get("industry_l2") or row.get("industry", ""),
                full_name=row.get("full_name", "") or "", former=former,
            ))
    return out
