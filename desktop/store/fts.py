"""Full-text tokens for Chinese and Latin text, and safe MATCH expressions built from user input.

FTS5's trigram tokenizer cannot find terms shorter than 3 characters, and 储能, 光伏, 算力 are 2. So each run
of CJK characters is indexed as overlapping bigrams plus its last character ("宁德时代" → 宁德 德时 时代 代),
and Latin/digit runs as lower-cased words. Then:
  - a 2-character term is one token lookup;
  - a longer phrase is an FTS5 phrase of its bigrams (consecutive bigrams ⇔ the substring is present);
  - a single character is a prefix query (every character starts some token of its run).
Tokens are letters, digits and CJK only, so user input can never inject FTS5 syntax (quotes, operators,
parentheses are not token characters and are dropped). The table is contentless: the text lives once, in
`articles`, and a row is deleted by replaying its tokens, which `tokens()` regenerates deterministically.
Changing `tokens()` therefore needs a migration that rebuilds the index.
"""

from __future__ import annotations

import re

from desktop.tagging.normalize import normalize

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_RUNS = re.compile(rf"([{_CJK}]+)|([^\W_{_CJK}]+)")
KEY_SHIFT = 24
KEY_MASK = (1 << KEY_SHIFT) - 1


def search_key(published: int, article_id: int) -> int:
    """FTS rowid that sorts by publication time, so newest-first is a reverse index walk."""
    return (max(published, 0) << KEY_SHIFT) | (article_id & KEY_MASK)


def key_floor(ts: int) -> int:
    return max(ts, 0) << KEY_SHIFT


def tokens(text: str) -> str:
    """Index form of already-normalised text (see tagging.normalize)."""
    out: list[str] = []
    for cjk, word in _RUNS.findall(text.lower()):
        if cjk:
            n = len(cjk)
            out.extend(cjk[i:i + 2] for i in range(n - 1))
            out.append(cjk[-1])
        else:
            out.append(word)
    return " ".join(out)


def document(title_normalized: str, text: str) -> str:
    return tokens(title_normalized + "\n" + text)


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH string for free user input; None when the input holds nothing searchable.

    Space-separated parts and script changes (AI芯片) are ANDed; each CJK part must appear as written.
    """
    parts: list[str] = []
    for cjk, word in _RUNS.findall(normalize(query).lower()):
        if cjk:
            if len(cjk) == 1:
                parts.append(f'"{cjk}"*')
            else:
                parts.append('"' + " ".join(cjk[i:i + 2] for i in range(len(cjk) - 1)) + '"')
        else:
            parts.append(f'"{word}"')
    return " AND ".join(dict.fromkeys(parts)) or None
