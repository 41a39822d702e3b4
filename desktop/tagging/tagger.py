"""Tagger: themes + company links for one parsed entry (pure; runs in fetch workers)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.news import ParsedEntry, StockLink, TaggedEntry, ThemeTag
from desktop.core.normalize import normalize
from desktop.core.stocklist import StockName
from desktop.tagging.companies import Aliases, CompanyLinker
from desktop.tagging.themes import Theme, ThemeMatcher


class Tagger:
    def __init__(self, themes: list[Theme], stocks: list[StockName], aliases: Aliases):
        self.themes = ThemeMatcher(themes)
        self.companies = CompanyLinker(stocks, aliases)
        self._industry = {s.code: s.industry for s in stocks if s.industry}

    @classmethod
    def from_resources(cls, resources: Path, stocks: list[StockName] | None = None,
                       user_themes: tuple[Path | None, ...] = ()) -> Tagger:
        from desktop.core.stocklist import load_bundled
        from desktop.tagging.themes import load_themes

        return cls(
            themes=load_themes(resources / "themes.toml", *user_themes),
            stocks=stocks if stocks is not None else load_bundled(resources / "stocks"),
            aliases=Aliases.load(resources / "aliases.toml", resources / "common_word_names.toml",
                                 resources / "nicknames.toml", resources / "stems.toml",
                                 resources / "former_names.toml", resources / "english_names.toml"),
        )

    def tag_text(self, title: str, text: str, title_norm: str | None = None
                 ) -> tuple[tuple[ThemeTag, ...], tuple[StockLink, ...]]:
        body = (normalize(title) if title_norm is None else title_norm) + "\n" + text
        links = self.companies.link(body)
        industries = {self.companies.names[link.code]: self._industry[link.code]
                      for link in links if link.code in self._industry}
        return self.themes.match(body, industries), links

    def tag(self, entry: ParsedEntry) -> TaggedEntry:
        themes, stocks = self.tag_text(entry.title, entry.text, entry.normalized_title)
        return TaggedEntry(entry=entry, themes=themes, stocks=stocks)
