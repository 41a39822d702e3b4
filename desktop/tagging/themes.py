"""Theme tagging: keyword lists (resources/themes.toml + the user's file) matched with Aho-Corasick.

Matching runs on normalised, case-folded text. Latin terms must stand as whole words ("AI" is not in
"said"); a term inside one of the theme's `exclude` phrases does not count (电力猫 is a router).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ahocorasick

from desktop.core.errors import ConfigError
from desktop.core.news import ThemeTag
from desktop.core.normalize import normalize


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    label_zh: str
    label_en: str
    terms: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()   # linking a company of these industries tags the theme too

    def label(self, language: str) -> str:
        return self.label_en if language.startswith("en") else self.label_zh


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"theme file {path} is unreadable: {exc}") from exc


def load_themes(bundled: Path, *user_files: Path | None) -> list[Theme]:
    """Bundled themes, extended (or replaced with `replace = true`, hidden with `enabled = false`) by user files."""
    merged: dict[str, dict[str, Any]] = {name: dict(body) for name, body in _read(bundled).items()}
    for path in user_files:
        if path is None or not path.exists():
            continue
        for name, body in _read(path).items():
            if not isinstance(body, dict):
                raise ConfigError(f"{path}: [{name}] must be a table")
            base = merged.setdefault(name, {"terms": [], "exclude": [], "industries": []})
            if body.get("replace"):
                base["terms"], base["exclude"], base["industries"] = [], [], []
            base["terms"] = list(base.get("terms", [])) + list(body.get("terms", []))
            base["exclude"] = list(base.get("exclude", [])) + list(body.get("exclude", []))
            base["industries"] = list(base.get("industries", [])) + list(body.get("industries", []))
            for key in ("label_zh", "label_en", "enabled"):
                if key in body:
                    base[key] = body[key]
    themes = []
    for name, body in merged.items():
        if body.get("enabled", True) is False:
            continue
        terms = tuple(dict.fromkeys(str(t) for t in body.get("terms", []) if str(t).strip()))
        if not terms:
            continue
        themes.append(Theme(
            name=name, label_zh=str(body.get("label_zh", name)), label_en=str(body.get("label_en", name)),
            terms=terms, exclude=tuple(str(t) for t in body.get("exclude", [])),
            industries=tuple(str(t) for t in body.get("industries", [])),
        ))
    return themes


def fold(term: str) -> str:
    return normalize(term).casefold()


def is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def word_bounded(text: str, start: int, end: int) -> bool:
    """For Latin terms: the characters around [start, end) are not ASCII letters or digits."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not is_word_char(before) and not is_word_char(after)


class ThemeMatcher:
    def __init__(self, themes: list[Theme]):
        self.themes = themes
        self._auto = ahocorasick.Automaton()
        entries: dict[str, list[tuple[str | None, str]]] = {}
        for theme in themes:
            for term in theme.terms:
                entries.setdefault(fold(term), []).append((theme.name, term))
            for phrase in theme.exclude:
                entries.setdefault(fold(phrase), []).append((None, theme.name))
        for key, value in entries.items():
            if key:
                self._auto.add_word(key, (key, tuple(value)))
        self._empty = not entries
        if not self._empty:
            self._auto.make_automaton()

    def match(self, text: str, industries: dict[str, str] | None = None) -> tuple[ThemeTag, ...]:
        """`text` must already be normalised (core.normalize); case is folded here. `industries` maps the
        names of companies linked in the text to their industry (宁德时代 → 电池)."""
        found: dict[str, list[str]] = {}
        for theme in self.themes:
            for name, industry in (industries or {}).items():
                if industry in theme.industries:
                    found.setdefault(theme.name, []).append(f"{name}({industry})")
        if self._empty or not text:
            return self._tags(found)
        folded = text.casefold()
        hits: list[tuple[int, int, str, str]] = []
        blocked: dict[str, list[tuple[int, int]]] = {}
        for end, (key, values) in self._auto.iter(folded):
            start = end - len(key) + 1
            if key.isascii() and not word_bounded(folded, start, end + 1):
                continue
            for theme_name, term in values:
                if theme_name is None:
                    blocked.setdefault(term, []).append((start, end))
                else:
                    hits.append((start, end, theme_name, term))
        for start, end, theme_name, term in hits:
            if any(s <= start and end <= e for s, e in blocked.get(theme_name, ())):
                continue
            terms = found.setdefault(theme_name, [])
            if term not in terms:
                terms.append(term)
        return self._tags(found)

    def _tags(self, found: dict[str, list[str]]) -> tuple[ThemeTag, ...]:
        order = {t.name: i for i, t in enumerate(self.themes)}
        return tuple(ThemeTag(theme=n, terms=tuple(found[n])) for n in sorted(found, key=order.__getitem__))
