"""What the market commands accept wherever a code goes: a code, a name or 拼音 initials (300750, 宁德时代, ndsd).

An unknown one is an error (exit 2) that suggests close matches; an ambiguous one lists the choices (exit 2) —
the same rules as `watchlist add`.
"""

from __future__ import annotations

import difflib
import sys

from desktop.config import Paths, resources_dir

MAX_CHOICES = 20


def resolve_codes(queries: list[str], paths: Paths) -> list[str] | None:
    """The codes `queries` name, in order; None after printing why one cannot be resolved (exit 2)."""
    from desktop.services.stock_directory import StockDirectory
    from desktop.sources.market import exchange_of

    if not queries:
        return []
    matcher = None
    codes: list[str] = []
    for q in queries:
        q = q.strip()
        if q.isdigit() and len(q) == 6 and exchange_of(q) is not None:
            codes.append(q)        # a well-formed code: the source says whether it trades (a new listing may)
            continue
        matcher = matcher or StockDirectory(paths.db, resources_dir()).matcher()
        found = matcher.resolve(q)
        if len(found) == 1:
            codes.append(found[0].code)
            continue
        if found:
            print(f"error: {q!r} matches {len(found)} stocks; say which one (a code or the full name):",
                  file=sys.stderr)
            for e in found[:MAX_CHOICES]:
                print(f"  {e.code}  {e.name}", file=sys.stderr)
            if len(found) > MAX_CHOICES:
                print(f"  … and {len(found) - MAX_CHOICES} more", file=sys.stderr)
            return None
        near = _close_matches(matcher, q)
        hint = ("; did you mean " + ", ".join(f"{e.code} {e.name}" for e in near) + "?") if near else ""
        print(f"error: no A-share stock matches {q!r}: not an A-share code, name or 拼音 initials we know (give a "
              f"6-digit code, a name such as 宁德时代, or initials such as ndsd){hint}", file=sys.stderr)
        return None
    return list(dict.fromkeys(codes))


def _close_matches(matcher, q: str, n: int = 5) -> list:
    """Codes one or two digits away (a typo), names that look alike, or stocks whose name contains the text."""
    if q.isdigit():
        pool = [e.code for e in matcher.entries]
        return [matcher.get(c) for c in difflib.get_close_matches(q, pool, n=n, cutoff=0.5)]
    found = matcher.search(q[:2], limit=n) if len(q) > 2 else []
    if found:
        return found
    names = {e.name: e for e in matcher.entries}
    return [names[m] for m in difflib.get_close_matches(q, list(names), n=n, cutoff=0.5)]
