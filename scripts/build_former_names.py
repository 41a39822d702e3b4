"""Derive resources/former_names.toml: a listed company's earlier short names → its code today, from a named source.

    python scripts/build_former_names.py [PATH/TO/a_shares_ext.csv]

Source: the `other_names_seen` column of a_shares_ext.csv (default resources/stocks/a_shares_ext.csv, the same file
as /work/shared/data/a_shares_ext.csv; its SOURCES.md: names seen for the same code in older public snapshots —
1nchaos/adata all_code.csv @ 9a43e3dc (2025-08-07, Apache-2.0), tushare stock_basic via yhhe2004/QuantSandbox
@ 4ef962f9 (2026-02-27, MIT) and yzq129/quant-factor @ 1c994429 (2026-06-21) — against the 2026-08-21 names of
ColinYYCC/stock-matrix @ 70573786). A name some other listed company goes by today is left out (it is theirs).
[merged] holds renames outside that column, each with its own source.
The linker (tagging/companies.py) links a former name like a short name, at 0.8; its 2-character core after an
ST mark (ST联合 → 联合, *ST阳光 → 阳光) is a common word and never links alone.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.core.stocklist import core_name  # noqa: E402

# Renames the column does not hold (the rename came before its oldest snapshot), each with its source.
MERGED = {
    "国泰君安": ("601211", "国泰君安 absorbed 海通证券 (600837, delisted) in 2025 and trades on as 国泰海通; its full name "
                       "in a_shares_ext.csv is 国泰海通证券股份有限公司; older public stock lists hold 601211 国泰君安. "
                       "The SSE 证券简称变更 notice was not available offline: check with akshare "
                       "stock_info_change_name('601211') when online"),
}


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else ROOT / "resources" / "stocks" / "a_shares_ext.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    current = {r["name"] for r in rows} | {core_name(r["name"]) for r in rows}
    former: dict[str, tuple[str, str]] = {}
    for r in rows:
        for old in filter(None, (n.strip() for n in r["other_names_seen"].split("|"))):
            if old not in current and old not in former:
                former[old] = (r["code"], r["name"])
    head = "\n".join(f"# {line}" if line else "#" for line in __doc__.strip().splitlines())
    body = (f"{head}\n#\n# Generated from {path.name} ({len(rows)} rows, data as of 2026-08-21).\n\n[former]\n"
            + "".join(f'"{old}" = "{code}"   # {name}\n' for old, (code, name) in sorted(former.items(),
                                                                                         key=lambda kv: kv[1][0]))
            + "\n[merged]\n" + "".join(f'"{old}" = "{code}"   # {why}\n' for old, (code, why) in MERGED.items()))
    (ROOT / "resources" / "former_names.toml").write_text(body, encoding="utf-8")
    print(f"{len(former)} former names, {len(MERGED)} merged → resources/former_names.toml")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
