"""Derive resources/stems.toml: the distinctive half of a company's short name, which 快讯 write for the company
(澜起 for 澜起科技, 旭创 for 中际旭创, 富联 for 工业富联), from two named sources and one rule.

    python scripts/build_stems.py PATH/TO/jieba/dict.txt

Sources: resources/stocks/a_shares.csv (the 5,550 short names) and jieba 0.42.1's dict.txt (MIT; PyPI sdist
jieba-0.42.1.tar.gz, jieba/dict.txt: 349,046 Chinese words, places and names). A stem is the first or last two
characters of a 4-character short name (ST marks, -U/-W and a trailing A removed) that
  - no other listed company's name contains (so it names one company), and
  - jieba does not know as a word (so it is not an ordinary word, a place or a person: 时代, 宁德, 茅台 are),
  - has none of the characters that join words in running text (我, 的, 大, 在 …: 我爱我家 gives no 我爱).
Stems link only with market context (tagging/companies.py treats them like the [context] nicknames without a
domain): "澜起：…", "旭创、新易盛双双创新高", "三花涨超5%".
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.core.stocklist import core_name  # noqa: E402

FUNCTION_CHARS = set("我你他她它的地得了着过是在和与及或有无不没人为上下个这那也就都而把被对从向到于以之其大小多少")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    words = {line.split(" ", 1)[0] for line in Path(argv[0]).read_text(encoding="utf-8").splitlines() if line}
    rows = list(csv.DictReader((ROOT / "resources" / "stocks" / "a_shares.csv").open(encoding="utf-8")))
    names = {r["code"]: core_name(r["name"]) for r in rows}
    every = list(names.values())
    stems: dict[str, str] = {}
    for code, name in sorted(names.items()):
        if name.endswith(("A", "B")) and len(name) == 5:
            name = name[:-1]
        if len(name) != 4 or not all("\u4e00" <= ch <= "\u9fff" for ch in name):
            continue
        for stem in (name[:2], name[2:]):
            if stem in words or FUNCTION_CHARS & set(stem) or sum(stem in other for other in every) != 1:
                continue
            stems[stem] = code
    lines = [__doc__.strip().splitlines()[0].replace('"""', "")]
    body = "\n".join(f"# {line}" if line else "#" for line in __doc__.strip().splitlines()) + "\n\n[stems]\n"
    body += "".join(f'"{stem}" = "{code}"   # {names[code]}\n' for stem, code in sorted(stems.items(), key=lambda kv: kv[1]))
    (ROOT / "resources" / "stems.toml").write_text(body, encoding="utf-8")
    print(f"{len(stems)} stems of {len(names)} names → resources/stems.toml ({lines[0][:40]}…)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
