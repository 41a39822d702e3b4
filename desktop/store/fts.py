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
import sqlite3

from desktop.core.normalize import normalize

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_RUNS = re.compile(rf"([{_CJK}]+)|([^\W_{_CJK}]+)")
# The FTS rowid ("search key") sorts by publication time, so newest-first is a reverse index walk, not a sort.
# It is published × 16 plus a free slot: 16 slots per second keep keys unique while the gaps between them stay
# small, and FTS5 stores each posting's rowid as a varint delta, so small gaps keep the index small (with
# published << 24 the deltas took 5 bytes per posting and the index was 2.1× the text).
KEY_SLOTS = 16


def key_floor(ts: int) -> int:
    return max(ts, 0) * KEY_SLOTS


class KeySlots:
    """Hands out free search keys during one ingest batch.

    A key is published × 16 + slot; many items in the same second (undated items all get the fetch time)
    spill into the next seconds' slots, keeping the order to within seconds. Probing remembers, per second,
    the next slot known to be free, so N items in one second cost O(N) lookups, not O(N²)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.taken: set[int] = set()
        self.next_free: dict[int, int] = {}

    def _used(self, key: int) -> bool:
        return key in self.taken or self.conn.execute(
            "SELECT 1 FROM articles WHERE search_key = ?", (key,)).fetchone() is not None

    def take(self, published: int, article_id: int) -> int:
        base = key_floor(published)
        key = max(base + article_id % KEY_SLOTS, self.next_free.get(base, 0))
        while self._used(key):
            key += 1
        self.taken.add(key)
        self.next_free[base] = key + 1
        return key


def tokens(text: str) -> str:
    """Index form of already-normalised text (see core.normalize)."""
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
