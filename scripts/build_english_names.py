"""Build resources/english_names.toml: the English names A-share companies go by, for company links in English items.

    python scripts/build_english_names.py PATH/stock_basic.csv [/usr/share/dict/words] > resources/english_names.toml

Source: yhhe2004/QuantSandbox data/stock_basic.csv @ 4ef962f99751eb1cf0acfa1d16df9daa197d7a4e (MIT, committed
2026-02-27): tushare `stock_basic`'s export with its `enname` column (英文名称, the companies' registered English
names as the exchanges list them), 5,485 listed A-shares. Codes are kept only where resources/stocks/a_shares.csv
lists them. The word list that says a token is an ordinary English word is SCOWL's, as Debian's `wamerican`
2020.12.07 ships it (/usr/share/dict/words).

Each name gives up to four matching forms (folded to lower case by the tagger, matched as whole words):
  1. the name without its legal form ("Co., Ltd.", "Company Limited", "Corporation", "Inc.", "Company of China"):
     Wanhua Chemical Group, Shenzhen Inovance Technology, China Merchants Bank, Great Wall Motor;
  2. that without a trailing Group / Holdings / Holding: Wanhua Chemical, Zijin Mining;
  3. that without a trailing Technology / Technologies / Tech: Shenzhen Inovance, NAURA;
  4. without a leading place (Shenzhen, Jiangsu …; "China" only when three or more words are left or one of them is
     not an English word): Hengrui Pharmaceuticals, Great Wall Securities;
  5. the first distinctive word alone: Inovance, Mindray, Zoomlion, Wuliangye, XCMG (not one of one or two pinyin
     syllables: Feitian is 飞天 as often as 飞天诚信, Zijin a word and a place).
Forms 2–4 are kept only with two or more words of which one is not an ordinary English word or a place (so "Digital
China", "Financial Street" are not forms); form 5 only when it is at least five letters (or an acronym of four), is not
an English word or a place, and no other company's name starts with it — or it is the whole distinctive name of one
of them (Inovance: Shenzhen Inovance Technology, not Suzhou Inovance Automotive, whose longer form wins where it is
written). A form two companies share is dropped.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "yhhe2004/QuantSandbox data/stock_basic.csv @ 4ef962f99751eb1cf0acfa1d16df9daa197d7a4e (MIT, 2026-02-27)"
LEGAL = {"co", "company", "corp", "corporation", "ltd", "limited", "inc", "incorporated", "llc", "plc", "stock",
         "joint"}
GROUPISH = {"group", "holdings", "holding"}
TECHISH = {"technology", "technologies", "tech"}
PLACES = {
    "china", "chinese", "beijing", "shanghai", "tianjin", "chongqing", "shenzhen", "guangzhou", "guangdong", "jiangsu",
    "zhejiang", "anhui", "fujian", "jiangxi", "shandong", "henan", "hubei", "hunan", "hainan", "sichuan", "guizhou",
    "yunnan", "shaanxi", "shanxi", "gansu", "qinghai", "hebei", "liaoning", "jilin", "heilongjiang", "guangxi",
    "xinjiang", "tibet", "xizang", "ningxia", "inner", "mongolia", "hangzhou", "nanjing", "suzhou", "wuxi", "ningbo",
    "xiamen", "qingdao", "dalian", "wuhan", "chengdu", "xi'an", "xian", "changsha", "hefei", "zhuhai", "foshan",
    "dongguan", "kweichow", "yibin", "luzhou", "jinan", "harbin", "shenyang", "changchun", "kunming", "nanning",
    "fuzhou", "nanchang", "taiyuan", "zhengzhou", "shijiazhuang", "lanzhou", "urumqi", "hohhot", "guiyang", "haikou",
    "yantai", "weifang", "zibo", "changzhou", "nantong", "wenzhou", "shaoxing", "jiaxing", "huzhou", "taizhou",
    "jinhua", "yangzhou", "xuzhou", "zhenjiang", "lianyungang", "huai'an", "yancheng", "zhongshan", "jiangmen",
    "shantou", "hong", "kong", "macau", "soochow", "erdos", "canton", "peking", "tsingtao", "amoy", "the", "of", "and",
}
# names the English items of every set use for companies listed elsewhere: never an A-share
TRAPS = ("Bank of China Hong Kong", "BOC Hong Kong", "Ping An Good Doctor", "BYD Electronic", "China Merchants Group",
         "CITIC Group", "CITIC Limited", "China Mobile Hong Kong", "Great Wall of China", "PetroChina International")


def words(path: str) -> set[str]:
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="ignore").split()
    except OSError:
        sys.exit(f"no word list at {path}: apt-get install wamerican")
    return {w.lower().removesuffix("'s") for w in lines}


def tokens(name: str) -> list[str]:
    name = re.sub(r"\([^)]*\)", " ", name)                 # (Group), (Hangzhou)
    name = re.sub(r"\b(?:Company|Co\.?)\s+of\s+China\b", " ", name, flags=re.I)
    name = name.replace(",", " ").replace(";", " ")
    out = [t for t in name.split() if t not in (".", "&amp;")]
    while out and out[-1].rstrip(".").lower() in LEGAL:
        out.pop()
    while out and out[-1].lower() in ("of", "and", "&", "the"):
        out.pop()
    return [t.rstrip(".") if t.rstrip(".").lower() in LEGAL else t for t in out]


def distinctive(tokens_: list[str], english: set[str]) -> bool:
    return any(t.lower() not in english and t.lower() not in PLACES for t in tokens_)


def forms(name: str, english: set[str]) -> list[str]:
    toks = tokens(name)
    if not toks:
        return []
    out = [toks]
    if toks[-1].lower() in GROUPISH:
        toks = toks[:-1]
        out.append(toks)
    if toks and toks[-1].lower() in TECHISH:
        toks = toks[:-1]
        out.append(toks)
    first = 0
    while first < len(toks) - 1 and toks[first].lower() in PLACES and toks[first].lower() != "china":
        first += 1
    if first == 0 and toks and toks[0].lower() == "china":
        rest = toks[1:]
        if len(rest) >= 3 or (len(rest) >= 2 and distinctive(rest, english)):
            first = 1
    if first:
        out.append(toks[first:])
    kept = [out[0]] if len(out[0]) >= 2 or single_ok(out[0][0], english) else []
    kept += [f for f in out[1:] if len(f) >= 2 and (distinctive(f, english) or (f is out[-1] and first and len(f) >= 3))]
    return [" ".join(f) for f in kept]


def core(name: str) -> list[str]:
    """The name without legal form, Group/Holdings, Technology and leading places: Shenzhen Inovance → [Inovance]."""
    toks = tokens(name)
    while toks and toks[-1].lower() in GROUPISH | TECHISH:
        toks = toks[:-1]
    return [t for t in toks if t.lower() not in PLACES]


_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s",
             "y", "w", "")
_FINALS = ("iang", "iong", "uang", "ang", "eng", "ing", "ong", "ian", "iao", "uai", "uan", "ai", "ei", "ao", "ou", "an",
           "en", "er", "ia", "ie", "iu", "in", "ua", "uo", "ui", "un", "ue", "ve", "a", "o", "e", "i", "u", "v")
_SYLLABLE = "(?:" + "|".join(_INITIALS[:-1]) + ")?(?:" + "|".join(_FINALS) + ")"


def two_syllables(low: str) -> bool:
    """Feitian (飞天, Moutai's brand), Zijin, Tongwei: a word of one or two pinyin syllables is as often a Chinese
    word, place or person as the company; coined names (Mindray, Inovance) and longer ones (Wuliangye) are not."""
    return re.fullmatch(f"(?:{_SYLLABLE}){{1,2}}", low.replace("'", "")) is not None


def single_ok(token: str, english: set[str]) -> bool:
    low = token.lower()
    if low in english or low in PLACES or not re.fullmatch(r"[A-Za-z][A-Za-z-]+", token) or two_syllables(low):
        return False
    return len(token) >= 5 or (token.isupper() and len(token) >= 4)


def build(rows: list[dict], codes: set[str], english: set[str]) -> dict[str, str]:
    claims: dict[str, set[str]] = defaultdict(set)
    firsts: dict[str, set[str]] = defaultdict(set)
    whole: dict[str, set[str]] = defaultdict(set)     # the word is the company's whole distinctive name
    for row in rows:
        code, name = row["code"], row["enname"].strip()
        if code not in codes or not name:
            continue
        for form in forms(name, english):
            claims[form.lower()].add(code)
            claims.setdefault("\0" + form.lower(), set()).add(form)   # keep the display form
        toks = tokens(name)
        lead = [t for t in toks if t.lower() not in PLACES]
        if lead:
            firsts[lead[0].lower()].add(code)
            claims.setdefault("\0first:" + lead[0].lower(), set()).add(lead[0])
            if len(core(name)) == 1:
                whole[lead[0].lower()].add(code)
    out: dict[str, str] = {}
    for key, owners in claims.items():
        if key.startswith("\0") or len(owners) != 1:
            continue
        out[sorted(claims["\0" + key])[0]] = next(iter(owners))
    for first, owners in firsts.items():
        display = sorted(claims["\0first:" + first])[0]
        # Inovance: 汇川 (Shenzhen Inovance Technology) and 联合动力 (Suzhou Inovance Automotive) start with it; only
        # 汇川's whole name is the word, and the other's longer form (Inovance Automotive) wins where it is written
        owner = owners if len(owners) == 1 else whole.get(first, set()) & owners
        if len(owner) == 1 and single_ok(display, english) and first not in claims:
            out[display] = next(iter(owner))
    return out


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    english = words(sys.argv[2] if len(sys.argv) > 2 else "/usr/share/dict/words")
    with open(ROOT / "resources" / "stocks" / "a_shares.csv", encoding="utf-8") as f:
        codes = {r["code"] for r in csv.DictReader(f)}
    with open(sys.argv[1], encoding="utf-8-sig") as f:
        rows = [{"code": r["股票代码"][:6], "enname": r["英文名称"]} for r in csv.DictReader(f)]
    names = build(rows, codes, english)
    print("# English names of A-share companies, for company links in English items (tagging/companies.py).")
    print("# Generated by `python scripts/build_english_names.py PATH/stock_basic.csv` — do not edit by hand.")
    print(f"# Source: {SOURCE}: tushare stock_basic's enname (英文名称);")
    print("# ordinary English words from SCOWL via Debian wamerican 2020.12.07. Forms: see the script's docstring.")
    print("# [traps]: English names of companies listed elsewhere that hold an A-share's English name.")
    print("\n[names]")
    for display in sorted(names, key=str.lower):
        print(f"{json.dumps(display, ensure_ascii=False)} = \"{names[display]}\"")
    print("\n[traps]\nphrases = [")
    for phrase in TRAPS:
        print(f'  "{phrase}",')
    print("]")


if __name__ == "__main__":
    main()
