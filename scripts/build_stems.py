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
Two weaker kinds, from the same sources, link only inside a list of companies (or, for word stems, leading a 快讯):
  [word_stems]    halves that name one company but that jieba knows as a word or place (神火, 宝丰):
                  "云铝、神火、天山铝业涨超3%", "宝丰：…";
  [shared_stems]  halves contained in 2–4 companies' names (华天: 华天科技, 华天酒店; 成飞: 中航成飞, 成飞集成):
                  in a list of companies, the candidate in the industry of a linked member ("沈飞、西飞、成飞").
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
    stems: dict[str, str] = {}
    word_stems: dict[str, str] = {}
    shared: dict[str, list[str]] = {}
    for code, name in sorted(names.items()):
        if name.endswith(("A", "B")) and len(name) == 5:
            name = name[:-1]
        if len(name) != 4 or not all("\u4e00" <= ch <= "\u9fff" for ch in name):
            continue
        for stem in (name[:2], name[2:]):
            if FUNCTION_CHARS & set(stem):
                continue
            holders = sorted(c for c, other in names.items() if stem in other)
            if len(holders) == 1:
                (word_stems if stem in words else stems)[stem] = code
            elif 2 <= len(holders) <= 4:
                shared[stem] = holders
    lines = [__doc__.strip().splitlines()[0].replace('"""', "")]
    body = "\n".join(f"# {line}" if line else "#" for line in __doc__.strip().splitlines()) + "\n\n[stems]\n"
    body += "".join(f'"{stem}" = "{code}"   # {names[code]}\n' for stem, code in sorted(stems.items(), key=lambda kv: kv[1]))
    body += "\n[word_stems]\n" + "".join(f'"{stem}" = "{code}"   # {names[code]}\n'
                                          for stem, code in sorted(word_stems.items(), key=lambda kv: kv[1]))
    body += "\n[shared_stems]\n" + "".join(
        f'"{stem}" = [{", ".join(map(repr, codes))}]   # {" ".join(names[c] for c in codes)}\n'.replace("'", '"')
        for stem, codes in sorted(shared.items()))
    (ROOT / "resources" / "stems.toml").write_text(body, encoding="utf-8")
    print(f"{len(stems)} stems, {len(word_stems)} word stems, {len(shared)} shared stems of {len(names)} names"
          f" → resources/stems.toml ({lines[0][:40]}…)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
