"""Alert rules, fired alerts and each (rule, stock)'s arming in SQLite (schema v3). Writes go through the
single writer (these functions take its connection); reads take any connection."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from desktop.core import clock
from desktop.core.alert_fired import Fired
from desktop.core.alert_movers import problem as mover_problem
from desktop.core.alerts import KINDS, SCOPES, Rule, normalise_level, rule_problem
from desktop.core.errors import HuohuaError
from desktop.store.db import inserted_id

_RULE_COLUMNS = "id, kind, scope, code, list_name, theme, query, value, cooldown_s, enabled, note, created"


class BadRule(HuohuaError):
    pass


def _rule(row: tuple[Any, ...]) -> Rule:
    (rid, kind, scope, code, list_name, theme, query, value, cooldown_s, enabled, note, created) = row
    return Rule(rid, kind, scope, code, list_name, theme, query, value, cooldown_s, bool(enabled), note, created)


def rules(conn: sqlite3.Connection) -> list[Rule]:
    return [_rule(r) for r in conn.execute(f"SELECT {_RULE_COLUMNS} FROM alert_rules ORDER BY id")]


def add_rule(conn: sqlite3.Connection, rule: Rule) -> int:
    """Store a new rule (its id is assigned); a rule that cannot work is refused with a clear error."""
    if rule.kind not in KINDS:
        raise BadRule(f"unknown alert kind {rule.kind!r} (one of: {', '.join(KINDS)})")
    if rule.scope not in SCOPES:
        raise BadRule(f"unknown scope {rule.scope!r} (one of: {', '.join(SCOPES)})")
    if rule.scope == "stock" and not rule.code and rule.kind not in ("news_theme", "news_query"):
        raise BadRule("this alert needs a stock")
    if rule.scope == "list" and not rule.list_name:
        raise BadRule("this alert needs a watchlist name")
    problem = rule_problem(rule.kind, rule.value, rule.cooldown_s)
    if problem:
        raise BadRule(problem)
    if rule.kind == "news_theme" and not rule.theme:
        raise BadRule("a theme alert needs a theme")
    if rule.kind == "news_query" and not rule.query.strip():
        raise BadRule("a search alert needs words to look for")
    if rule.kind == "mover" and (why := mover_problem(rule.query)):
        raise BadRule(why)                  # no known 异动 type: the rule could never fire
    cur = conn.execute(
        "INSERT INTO alert_rules(kind, scope, code, list_name, theme, query, value, cooldown_s, enabled, note, created)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (rule.kind, rule.scope, rule.code, rule.list_name, rule.theme, rule.query.strip(),
         normalise_level(rule.kind, rule.value), rule.cooldown_s, int(rule.enabled), rule.note,
         rule.created or clock.now_s()))
    return inserted_id(cur)


def update_rule(conn: sqlite3.Connection, rule_id: int, **fields: Any) -> None:
    allowed = {"enabled", "note", "value", "cooldown_s"}
    bad = set(fields) - allowed
    if bad:
        raise BadRule(f"cannot change {', '.join(sorted(bad))}")
    if "value" in fields or "cooldown_s" in fields:
        row = conn.execute("SELECT kind, value, cooldown_s FROM alert_rules WHERE id = ?", (rule_id,)).fetchone()
        if row is not None:
            problem = rule_problem(row[0], fields.get("value", row[1]), fields.get("cooldown_s", row[2]))
            if problem:
                raise BadRule(problem)
            if "value" in fields:
                fields["value"] = normalise_level(row[0], fields["value"])
    if fields:
        sets = ", ".join(f"{k} = ?" for k in fields)
        conn.execute(f"UPDATE alert_rules SET {sets} WHERE id = ?", (*fields.values(), rule_id))
        conn.execute("DELETE FROM alert_state WHERE rule_id = ?", (rule_id,))   # a new level: armed afresh


def remove_rule(conn: sqlite3.Connection, rule_id: int) -> bool:
    """Delete a rule (its fired alerts stay in the log). False when there is no such rule."""
    gone = conn.execute("DELETE FROM alert_rules WHERE id = ?", (rule_id,)).rowcount
    conn.execute("DELETE FROM alert_state WHERE rule_id = ?", (rule_id,))
    return bool(gone)


def record_fired(conn: sqlite3.Connection, fired: Iterable[Fired], now: int | None = None) -> list[int]:
    now = clock.now_s() if now is None else now
    ids = []
    for f in fired:
        cur = conn.execute(
            "INSERT INTO alerts_fired(rule_id, code, kind, value, time, article_id, source, note, title, fired)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (f.rule, f.code, f.kind, f.value, f.time, f.article, f.source, f.note, f.title, now))
        ids.append(inserted_id(cur))
    return ids


def fired_log(conn: sqlite3.Connection, limit: int = 200, source: str | None = None) -> list[dict[str, Any]]:
    """Newest first; `source` "live", "replay" or "demo" to keep them apart."""
    where, params = ("WHERE source = ?", (source,)) if source else ("", ())
    rows = conn.execute(
        "SELECT id, rule_id, code, kind, value, time, article_id, source, note, title, read, fired FROM alerts_fired"
        f" {where} ORDER BY fired DESC, id DESC LIMIT ?", (*params, limit)).fetchall()
    keys = ("id", "rule", "code", "kind", "value", "time", "article", "source", "note", "title", "read", "fired")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def mark_fired_read(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    conn.executemany("UPDATE alerts_fired SET read = 1 WHERE id = ?", [(i,) for i in ids])


def load_state(conn: sqlite3.Connection) -> tuple[dict[tuple[int, str], float], dict[tuple[int, str], int]]:
    disarmed, last = {}, {}
    for rule_id, code, rearm_at, last_fired in conn.execute(
            "SELECT rule_id, code, rearm_at, last_fired FROM alert_state"):
        if rearm_at is not None:
            disarmed[(rule_id, code)] = rearm_at
        if last_fired is not None:
            last[(rule_id, code)] = last_fired
    return disarmed, last


def save_state(conn: sqlite3.Connection, disarmed: dict[tuple[int, str], float],
               last_fired: dict[tuple[int, str], int]) -> None:
    """The evaluator's arming, replaced whole (a few rows: only pairs that fired are kept)."""
    conn.execute("DELETE FROM alert_state")
    keys = set(disarmed) | set(last_fired)
    conn.executemany("INSERT INTO alert_state(rule_id, code, rearm_at, last_fired) VALUES (?, ?, ?, ?)",
                     [(k[0], k[1], disarmed.get(k), last_fired.get(k)) for k in keys])
