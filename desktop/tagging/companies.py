"""Company links: one Aho-Corasick automaton over every name a listed company goes by, plus false-link rules.

What is matched (on normalised, case-folded text, leftmost-longest so a longer name or a trap phrase wins):
  full legal names (1.0) · short names (0.9) · English/common aliases (0.85) · former names (0.8) ·
  codes written as codes — (300750), 300750.SZ, SZ300750 — (0.95, 1.0 with the name).
Rules against false links (FACTS.md): trap phrases hide the name inside them (其中一科技, 中国银行业协会);
names that are ordinary words (太阳能, 机器人) and 2-character core names (*ST发展 → 发展) need market context or their
code; short aliases (宁德) only corroborate a company linked by a stronger form. Latin aliases match whole words only.
Nicknames (resources/nicknames.toml): 交行, 宁王 link alone; 民生, 美的 and stems on the item's evidence (evidence.py,
docs/TAGGING.md "How a link is decided") and their domain's words; companies listed elsewhere (京东) are traps.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick

from desktop.core.news import StockLink
from desktop.core.normalize import normalize
from desktop.core.stocklist import StockName, core_name
from desktop.tagging import english, evidence
from desktop.tagging.themes import word_bounded

# kind → (priority for key collisions, confidence)
KINDS = {"full": (6, 1.0), "name": (5, 0.9), "alias": (4, 0.85), "nick": (4, 0.85), "former": (3, 0.8), "group": (4, 0.85),
         "ambiguous": (2, 0.6), "short": (1, 0.0), "trap": (7, 0.0), "wordstem": (1, 0.0), "shared": (1, 0.0)}
CONTEXT_AFTER = (
    "(", "股份", "股价", "股票", "涨停", "跌停", "公告", "董事", "股东", "公司", "披露", "年报", "半年报", "季报",
    "业绩", "净利", "营收", "市值", "收涨", "收跌", "涨超", "跌超", "大涨", "大跌", "盘中", "午后", "早盘",
    "尾盘", "回购", "减持", "增持", "定增", "中标", "签约", "发布", "宣布", "表示", "称", "方面", "旗下",
    "控股", "子公司", "集团", "董事长", "总经理", "高管", "研报", "评级", "目标价", "订单", "产能", "出货",
    "预计", "预告", "拟", "计划", "推出", "完成", "获得", "收到", "实现", "营业收入", "净利润", "股",
    "跟涨", "跟跌", "领涨", "领跌", "双双", "前三季度", "净息差", "归母", "集体", "均涨", "均跌", "齐涨", "纷纷",
    "收入", "获机构", "获主力", "获北向", "获游资", "获融资", "遭机构", "遭主力", "净买入", "净卖出", "净流入", "净流出",
)
# a report period after a nickname whose domain is in the text: 美的一季度营收 (not for word names: 机器人一季度销量)
PERIOD_AFTER = ("一季度", "二季度", "三季度", "四季度", "上半年", "下半年", "全年", "前三季度", "1-")
# a period and a reported figure after a nickname (美的一季度营收…亿元, 长城10月销量…): no domain word needed
_PERIOD_FIGURE = re.compile(r"(?:[一二三四]季度|上半年|下半年|全年|前三季度|1-\d+月|\d{1,2}月)(?:份)?"
                            r"(?:营收|营业收入|净利|归母|销量|销售|出货|交付|产量)")
# a 快讯 led by the company: "民生：…", "【寒武纪：…】"
LEAD_BEFORE = ("", "【", "。", ";", "\n", "|")   # "互动易|太阳能：…": a column's lead
# names joined by these form a list of companies (兴业、民生、光大跟涨): each is context for the others
LIST_JOINERS = ("、", "和", "与", "及", "/")
# 中国船舶工业行业协会, 中国化学工业联合会: an association of the industry, not the company
ASSOCIATION_AFTER = ("协会", "学会", "工业行业", "工业协会", "工业联合会", "行业协会", "大学", "学院")
# after a stem these name another company (润阳股份 is not 润阳科技): not context for a stem
STEM_NOT_CONTEXT = ("股份", "集团", "公司", "控股", "子公司", "旗下")
# A name followed by one of these is a place or an industry, not the company: 茅台镇, 宁德市, 宁波银行业.
PLACE_SUFFIX = ("镇", "县", "乡", "村", "省", "区", "州市", "市民", "市区", "市委", "市政府")
INDUSTRY_SUFFIX = "业"
INDUSTRY_TAILS = ("银行", "证券", "保险", "建筑", "医药", "化学", "电力", "能源", "传媒", "地产", "旅游", "电影", "出版")
# 上海电力市场, 中国建筑行业: after an industry tail these make a market or a trade, not the company
MARKET_OF_INDUSTRY = ("市场", "行业", "体制", "改革")
COMPANY_WORDS_WITH_YE = ("业绩", "业务", "业内", "业态", "业主")   # 招商银行业绩 is about the bank
# A bare code (no brackets, no exchange suffix) counts only in text that reads like market news.
MARKET_WORDS = ("涨", "跌", "股", "板块", "成交", "资金", "龙头", "收盘", "开盘", "市值", "净流入", "净流出")
NOT_CODE_BEFORE = ("邮编", "邮政编码", "电话", "编号", "号码", "代号", "工号", "订单号", "验证码")
CONTEXT_BEFORE = ("个股", "股票", "公司", "龙头", "证券代码", "旗下", "子公司", "买入", "卖出", "加仓", "抢筹", "首次覆盖")
_CODE = re.compile(r"(?<![0-9])([0-9]{6})(?![0-9])")
GENERIC_STEMS = ("公司", "股份", "集团", "控股", "科技")   # no stem: every company is one
_LEGAL_SUFFIX = re.compile(r"(?:集团)?(?:股份)?有限(?:责任)?公司$")


@dataclass(frozen=True, slots=True)
class _Entry:
    code: str
    kind: str
    display: str
    choices: tuple[tuple[str, str], ...] = ()   # nicknames with context: (code, domain or "") tried in order
    stem: bool = False                          # derived from the name (stems.toml)
    strict: bool = False                        # its domain is asked for even leading a 快讯 (中金: also 中金黄金)


@dataclass(frozen=True, slots=True)
class Aliases:
    aliases: dict[str, str]
    short: dict[str, str]
    ambiguous: frozenset[str]
    traps: tuple[str, ...]
    nicknames: dict[str, str] = field(default_factory=dict)
    context: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    stems: frozenset[str] = frozenset()
    domains: dict[str, tuple[str, ...]] = field(default_factory=dict)
    word_stems: dict[str, str] = field(default_factory=dict)          # stems.toml [word_stems]: lists and leads only
    shared: dict[str, tuple[str, ...]] = field(default_factory=dict)  # stems.toml [shared_stems]: lists, by industry
    former: dict[str, str] = field(default_factory=dict)              # former_names.toml
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)  # nicknames.toml [groups]: 两桶油 → every member

    @classmethod
    def load(cls, path: Path | None, common_words: Path | None = None, nicknames: Path | None = None,
             stems: Path | None = None, former: Path | None = None, english_names: Path | None = None) -> Aliases:
        """aliases.toml, plus common_word_names.toml (names that are places or words) as more ambiguous names,
        plus nicknames.toml (what 快讯 and investors call companies)."""
        raw = tomllib.loads(path.read_text(encoding="utf-8")) if path is not None and path.exists() else {}
        ambiguous = set(raw.get("ambiguous", {}).get("names", []))
        if common_words is not None and common_words.exists():
            for section in tomllib.loads(common_words.read_text(encoding="utf-8")).values():
                ambiguous.update(section.get("names", []))
        nick = tomllib.loads(nicknames.read_text(encoding="utf-8")) if nicknames is not None and nicknames.exists() \
            else {}
        context: dict[str, tuple[tuple[str, str], ...]] = {}
        stem_data = tomllib.loads(stems.read_text(encoding="utf-8")) if stems is not None and stems.exists() else {}
        # derived (scripts/build_stems.py): with context, no domain
        context.update({str(k): ((str(v), ""),) for k, v in stem_data.get("stems", {}).items()})
        old = tomllib.loads(former.read_text(encoding="utf-8")) if former is not None and former.exists() else {}
        context = {k: v for k, v in context.items() if k not in GENERIC_STEMS}   # 中微公司 → 公司
        stem_terms = frozenset(context)
        for term, spec in nick.get("context", {}).items():
            specs = spec if isinstance(spec, list) else [spec]
            context[str(term)] = tuple((str(c["code"]), str(c.get("domain", ""))) for c in specs)
        en_names, en_traps = english.load(english_names)
        return cls(
            aliases=en_names | {str(k): str(v) for k, v in raw.get("aliases", {}).items()},
            short={str(k): str(v) for k, v in raw.get("short_aliases", {}).items()},
            ambiguous=frozenset(ambiguous),
            traps=tuple(raw.get("traps", {}).get("phrases", [])) + tuple(nick.get("traps", {}).get("phrases", []))
            + tuple(nick.get("elsewhere", {}).get("names", [])) + en_traps,
            nicknames={str(k): str(v) for k, v in nick.get("nicknames", {}).items()},
            context=context,
            domains={str(k): tuple(_fold(w) for w in v) for k, v in nick.get("domains", {}).items()},
            stems=stem_terms - set(nick.get("context", {})),
            word_stems={str(k): str(v) for k, v in stem_data.get("word_stems", {}).items()},
            shared={str(k): tuple(map(str, v)) for k, v in stem_data.get("shared_stems", {}).items()
                    if k not in GENERIC_STEMS},
            former={str(k): str(v) for k, v in (old.get("former", {}) | old.get("merged", {})).items()},
            groups={str(k): tuple(map(str, v["codes"])) for k, v in nick.get("groups", {}).items()},
        )


def _fold(text: str) -> str:
    return normalize(text).casefold()


def _listed(folded: str, start: int, end: int, spans: set[tuple[int, int]]) -> bool:
    """The name is in a list of names: another name right before or after it, joined by 、/和/与 …"""
    if folded[end:end + 1] in LIST_JOINERS and any(s == end + 1 for s, _e in spans):
        return True
    return folded[start - 1:start] in LIST_JOINERS and any(e == start - 1 for _s, e in spans)


def _pair_of_names(folded: str, group: set[tuple[int, int]], undecided: list[tuple[_Entry, str, int, int]]) -> bool:
    """"长电与通富", "浪潮及曙光": two names joined by 和/与/及, each a form only a company goes by (a nickname, a stem,
    a short alias — not a word like 机器人 or 阳光), one of them a nickname or short alias: a list of companies."""
    (s1, e1), (s2, e2) = sorted(group) if len(group) == 2 else ((0, 0), (0, 0))
    if not e1 or folded[e1:s2] not in ("和", "与", "及"):
        return False
    kinds = {(s, e): entry for entry, _code, s, e in undecided}
    members = [m for span in ((s1, e1), (s2, e2)) if (m := kinds.get(span)) is not None]
    return len(members) == 2 and all(m.choices or m.kind == "short" for m in members) and \
        any(m.kind == "short" or (m.kind == "ambiguous" and not m.stem) for m in members)   # 电源及储能: two stems


def _company_forms(group: set[tuple[int, int]], undecided: list[tuple[_Entry, str, int, int]]) -> bool:
    """"汇川、三花", "长电、通富、华天": every member a form only companies go by (a nickname, a stem, a form several
    companies share — no word like 机器人), one of them decided (a stem, or a nickname whose domain is present)."""
    kinds = {(s, e): (entry, code) for entry, code, s, e in undecided}
    members = [m for span in group if (m := kinds.get(span)) is not None]
    return len(members) == len(group) and all(m[0].choices and m[0].kind != "wordstem" for m in members) and \
        any(m[1] or m[0].stem for m in members)


class CompanyLinker:
    def __init__(self, stocks: Iterable[StockName], aliases: Aliases):
        self.codes: set[str] = set()
        self.names: dict[str, str] = {}
        table: dict[str, _Entry | None] = {}

        ambiguous = {_fold(n) for n in aliases.ambiguous}

        def put(term: str, code: str, kind: str) -> None:
            key = _fold(term)
            if len(key) < 2:
                return
            if kind in ("name", "former", "alias") and (key in ambiguous or (len(key) == 2 and not key.isascii())):
                kind = "ambiguous"  # ordinary words and places (张家界, 发展): 2-character names are too often
            entry = _Entry(code, kind, term)
            old = table.get(key, _Entry("", "short", ""))
            if old is None:     # (only a name two companies claimed is stored as None)
                return
            if key not in table or KINDS[kind][0] > KINDS[old.kind][0]:
                table[key] = entry
            elif KINDS[kind][0] == KINDS[old.kind][0] and old.code != code and kind != "trap":
                table[key] = None  # two companies claim the same name at the same rank: link neither

        stocks = list(stocks)
        for s in stocks:
            self.codes.add(s.code)
            self.names[s.code] = s.name
        self.industry = {s.code: s.industry for s in stocks if s.industry}

        def put_former(old: str, code: str) -> None:
            put(old, code, "former")
            core = core_name(old)   # ST联合 → 联合, *ST阳光 → 阳光: a word, it only corroborates
            put(core, code, "short" if len(core) == 2 and core != old else "former")
        for s in stocks:
            core = core_name(s.name)

            put(s.name, s.code, "name")        # *ST发展 is unambiguous even though its core 发展 is a word
            put(core, s.code, "name")
            if core.endswith(("A", "B")) and len(core) >= 4:
                put(core[:-1], s.code, "name")  # 京东方A is written 京东方
            if s.full_name:
                put(s.full_name, s.code, "full")
                trade_name = _LEGAL_SUFFIX.sub("", s.full_name)
                if len(trade_name) >= 4 and trade_name != s.full_name:   # 太阳能 is ambiguous, 中节能太阳能 is not;
                    word = not trade_name.endswith(("银行", "证券", "保险")) and (   # (上海银行业: the rules above)
                        _fold(trade_name) in ambiguous or any(    # 广州发展(集团), 张家界旅游: a place and a word
                            _fold(trade_name[:n]) in ambiguous for n in range(len(trade_name) - 2, len(trade_name))))
                    put(trade_name, s.code, "ambiguous" if word else "full")
                if trade_name.startswith("中国") and trade_name.endswith(("证券", "银行")) and len(trade_name) >= 6:
                    put(trade_name[2:], s.code, "alias")   # 中国银河证券 → 银河证券, 中国邮政储蓄银行 → 邮政储蓄银行
            for old in s.former:
                put_former(old, s.code)
        for old, code in aliases.former.items():
            if code in self.codes:
                put_former(old, code)
        for term, code in aliases.aliases.items():
            if code in self.codes:
                put(term, code, "alias")
        for term, code in aliases.short.items():
            if code in self.codes:
                put(term, code, "short")
        for term, code in aliases.nicknames.items():
            if code in self.codes:
                put(term, code, "nick")
        for term, members in aliases.groups.items():      # 两桶油: every member, or none if one is not listed
            if all(c in self.codes for c in members):
                table[_fold(term)] = _Entry(members[0], "group", term, tuple((c, "") for c in members))
        self.domains = aliases.domains
        for term, choices in aliases.context.items():
            choices = tuple(c for c in choices if c[0] in self.codes)
            key = _fold(term)
            known = table.get(key)
            if choices and (known is None or KINDS[known.kind][0] <= KINDS["ambiguous"][0]):
                table[key] = _Entry(choices[0][0], "ambiguous", term, choices, stem=term in aliases.stems)
        for kind, weak in (("wordstem", {k: (v,) for k, v in aliases.word_stems.items()}), ("shared", aliases.shared)):
            for term, codes in weak.items():      # lists and leads only: never over a stronger form
                codes = tuple(c for c in codes if c in self.codes)
                if codes and _fold(term) not in table:
                    table[_fold(term)] = _Entry(codes[0], kind, term, tuple((c, "") for c in codes))
        for stem, codes in aliases.shared.items():   # 中金, 中微: the one whose short name is the form + 公司
            own = [c for c in codes if self.names.get(c) == stem + "公司"]
            if len(own) == 1 and ((known := table.get(_fold(stem))) is None or known.kind == "shared"):
                table[_fold(stem)] = _Entry(own[0], "ambiguous", stem, (  # with its industry's words: 中金 is also
                    (own[0], evidence.INDUSTRY_DOMAIN.get(self.industry.get(own[0], ""), "")),), strict=True)   # 中金黄金
        for phrase in aliases.traps:
            table[_fold(phrase)] = _Entry("", "trap", phrase)
        self._auto = ahocorasick.Automaton()
        for key, entry in table.items():
            if entry is not None:
                self._auto.add_word(key, (key, entry))
        self._auto.make_automaton()

    def link(self, text: str) -> tuple[StockLink, ...]:
        """Companies mentioned in already-normalised `text`, strongest first."""
        if not text:
            return ()
        folded = text.casefold()
        codes_written = self._codes_in(folded)
        best: dict[str, StockLink] = {}
        pending: list[tuple[_Entry, int, int]] = []   # ambiguous / short: decided once strong links are known
        spans: set[tuple[int, int]] = set()           # every company-like name found: lists of names

        def keep(code: str, matched: str, conf: float) -> None:
            cur = best.get(code)
            if cur is None or conf > cur.confidence:
                best[code] = StockLink(code=code, matched=matched, confidence=conf)

        for end, (key, entry) in self._auto.iter_long(folded):
            start = end - len(key) + 1
            if entry.kind == "trap":
                continue
            matched = text[start:end + 1]
            if key.isascii() and not (word_bounded(folded, start, end + 1) and english.proper(matched)):
                continue
            if self._continues_as_other_word(folded, key, end + 1):
                continue
            if folded.startswith(ASSOCIATION_AFTER, end + 1) or evidence.broker_seat(folded, key, end + 1) or \
                    evidence.vendor_source(folded, key, start, end + 1):
                continue
            spans.add((start, end + 1))
            for code, _domain in entry.choices if entry.kind == "group" else ():
                keep(code, matched, KINDS["group"][1])
            if entry.kind in ("ambiguous", "short", "wordstem", "shared"):
                pending.append((entry, start, end + 1))
                continue
            keep(entry.code, matched, KINDS[entry.kind][1])
        accepted = spans - {(s, e) for _entry, s, e in pending}
        undecided: list[tuple[_Entry, str, int, int]] = []    # (entry, code or "", start, end): decided by a list
        points: list[int] = []                                # the item's evidence (evidence.py), counted once if asked
        for entry, start, end in pending:
            matched = text[start:end]
            if entry.kind in ("short", "wordstem", "shared"):
                if entry.kind == "short" and (entry.code in best or entry.code in codes_written):
                    keep(entry.code, matched, best[entry.code].confidence if entry.code in best else 0.9)
                elif entry.kind == "wordstem" and self._leads(folded, start, end):
                    keep(entry.code, matched, KINDS["ambiguous"][1])      # "宝丰：…" leading a 快讯
                    accepted.add((start, end))
                else:
                    undecided.append((entry, entry.code if entry.kind != "shared" else "", start, end))
                continue
            leads = self._leads(folded, start, end)
            code = self._choose(entry, folded) or (leads and len(entry.choices) == 1 and not entry.strict and entry.code)
            near = self._context(folded, start, end) and not (
                entry.stem and folded[end:end + 3].startswith(STEM_NOT_CONTEXT))
            figure = evidence.firm_figure(folded, end) or bool(entry.choices) and (   # 中国建筑前10月新签合同额…亿元
                _PERIOD_FIGURE.match(folded, end) is not None or evidence.traded(folded, end, bool(best)))   # 茅台卖了换成招行
            stock = len(entry.choices) == 1 and folded[end:end + 4].startswith(evidence.STOCK_AFTER)
            near = near or figure or (any(d for _c, d in entry.choices) and folded[end:end + 4].startswith(PERIOD_AFTER))
            if not code:   # 美的一季度营收…亿元, 茅台股价跌破…: the figure or the stock word stands in for the domain;
                code = entry.choices[0][0] if (figure or stock) and len(entry.choices) == 1 else \
                    self._by_industry(entry, {self.industry.get(c) for c in best}, shared=True)   # or a linked peer
                if not code:
                    undecided.append((entry, "", start, end))
                    continue
            nick = entry.stem or any(d for _c, d in entry.choices)
            alone = nick and evidence.stands_alone(folded, start, end)
            half = nick and not alone and evidence.half_bounded(folded, start, end)
            if (alone or half) and not points:
                points.append(evidence.points(folded, False))
            score = points[0] + any(c != code for c in best) if points else 0
            if code in codes_written or code in best or near or leads or (alone and score) or (half and score >= 2):
                keep(code, matched, KINDS["ambiguous"][1])
                accepted.add((start, end))
            else:
                undecided.append((entry, code, start, end))
        # a list of nicknames whose domains are all in the text (美的、格力、海尔空调内销): companies, together
        in_domain = {(s, e) for entry, code, s, e in undecided if code and any(d for _c, d in entry.choices)}
        for _entry, code, start, end in undecided:
            if (start, end) in in_domain and _listed(folded, start, end, in_domain):
                keep(code, text[start:end], KINDS["ambiguous"][1])
                accepted.add((start, end))
        for group in self._lists(folded, spans) if undecided else ():     # "A、B、C" is one unit: a list of companies or of words
            if not (group & accepted or self._list_context(folded, group) or _pair_of_names(folded, group, undecided)
                    or (_company_forms(group, undecided) and (evidence.points(folded, bool(best)) or any(   # 华天和通富的
                        evidence.industry_words(folded, self.industry.get(c, ""), self.domains)   # 先进封装: chip words
                        for _e, c, s, e in undecided if c and (s, e) in group)))):
                continue
            industries = {self.industry.get(link.code) for link in best.values()
                          if any(text[s:e] == link.matched for s, e in group)}
            for entry, code, start, end in sorted(undecided, key=lambda u: not u[1]):   # decided first: 通富, then 华天
                if (start, end) not in group or (start, end) in accepted:
                    continue
                code = code or self._by_industry(entry, industries)
                if code:
                    keep(code, text[start:end], KINDS["ambiguous"][1])
                    accepted.add((start, end))
                    industries.add(self.industry.get(code))
        for code, written in codes_written.items():
            if code in best:
                keep(code, best[code].matched, 1.0)
            else:
                keep(code, written, 0.95)
        return tuple(sorted(best.values(), key=lambda link: (-link.confidence, link.code)))

    @staticmethod
    def _lists(folded: str, spans: set[tuple[int, int]]) -> list[set[tuple[int, int]]]:
        """Names joined by 、/和/与 … into lists (汇川4.3亿元、三花3.1亿元: a figure may follow each), as sets of spans."""
        groups: list[set[tuple[int, int]]] = []
        starts = {s: (s, e) for s, e in spans}
        seen: set[tuple[int, int]] = set()
        for span in sorted(spans):
            if span in seen:
                continue
            group, cur = {span}, span
            while folded[(at := evidence.past_figure(folded, cur[1])):at + 1] in LIST_JOINERS and at + 1 in starts:
                cur = starts[at + 1]
                group.add(cur)
            seen |= group
            if len(group) > 1:
                groups.append(group)
        return groups

    def _list_context(self, folded: str, group: set[tuple[int, int]]) -> bool:
        """A list of names enumerated with 、 and market context after its last or before its first member
        (沈飞、西飞、成飞集体涨超5%): every member is a company."""
        first, last = min(group), max(group)
        if any(folded[e:e + 1] not in ("、", "/") for _s, e in group if (_s, e) != last):
            return False
        return self._context(folded, last[0], last[1]) or self._leads(folded, last[0], last[1]) or \
            folded[max(0, first[0] - 5):first[0]].endswith(CONTEXT_BEFORE)

    def _by_industry(self, entry: _Entry, industries: set[str | None], shared: bool = False) -> str:
        """A form several companies share (成飞: 中航成飞, 成飞集成), or a nickname whose domain is not in the text,
        in a list of companies: the one candidate in the industry of a linked member, or a nickname's only choice.
        `shared`: a nickname too takes only a candidate in a linked company's industry (抢筹茅台，五粮液…)."""
        if entry.kind != "shared" and not shared:
            return entry.choices[0][0] if len(entry.choices) == 1 else ""
        fits = [c for c, _d in entry.choices if self.industry.get(c) in industries]
        return fits[0] if len(fits) == 1 else ""

    def _codes_in(self, folded: str) -> dict[str, str]:
        """Codes written as codes: (300750), 300750.sz, sz300750, 代码300750; bare codes in market news."""
        found: dict[str, str] = {}
        market = any(w in folded for w in MARKET_WORDS)
        for m in _CODE.finditer(folded):
            code = m.group(1)
            if code not in self.codes:
                continue
            before = folded[max(0, m.start() - 6):m.start()]
            after = folded[m.end():m.end() + 3]
            if before.rstrip(" :").endswith(NOT_CODE_BEFORE):
                continue                      # (邮编300204): a number that happens to be a code
            if (before.endswith(("(", "sh", "sz", "bj", "代码", "代码:", "代码 ", "股票"))
                    or after.startswith((".sh", ".sz", ".bj", ")", " sh", " sz"))):
                found.setdefault(code, code)
            elif market and not (after[:1].isascii() and after[:1].isalnum()) and after[:1] not in (".", "%"):
                found.setdefault(code, code)
        return found

    @staticmethod
    def _continues_as_other_word(folded: str, key: str, end: int) -> bool:
        """茅台镇, 宁德市民, 宁波银行业: the text goes on into a place or an industry word."""
        after = folded[end:end + 4]
        if after.startswith(PLACE_SUFFIX):
            return True
        if not key.endswith(INDUSTRY_TAILS):
            return False
        return after.startswith(MARKET_OF_INDUSTRY) or (after.startswith(INDUSTRY_SUFFIX)
                                                        and not after.startswith(COMPANY_WORDS_WITH_YE))

    def _choose(self, entry: _Entry, folded: str) -> str:
        """The code an ambiguous name stands for here: a nickname's first choice whose domain's words are in the
        text ("" when none is); any other ambiguous name's own code."""
        if not entry.choices:
            return entry.code
        for code, domain in entry.choices:
            if not domain or any(w in folded for w in self.domains.get(domain, ())):
                return code
        return ""

    @staticmethod
    def _leads(folded: str, start: int, end: int) -> bool:
        """"民生：…" at the head of a 快讯 (or of its 【lead】, or of a sentence, or asked: "投资者问汇川：…")."""
        return folded[end:end + 1] in (":", "：") and (folded[max(0, start - 1):start] in LEAD_BEFORE or
                                                      folded.endswith(evidence.ASKED_BEFORE, 0, start))

    @staticmethod
    def _context(folded: str, start: int, end: int) -> bool:
        if folded[start:end].isascii() and english.context(folded, start, end):
            return True       # "Ping An shares rose"
        after = folded[end:end + 6].lstrip()
        before = folded[max(0, start - 5):start]
        return after.startswith(CONTEXT_AFTER) or before.endswith(CONTEXT_BEFORE)
