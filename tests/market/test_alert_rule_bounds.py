"""Alert rules take only numbers that can work (issue 24): --above nan/inf/1e400, --change-above nan and
--volume-spike 0/-3/nan were stored; --cooldown 99999999999999999999 printed a traceback. Each is now exit 2
with one line saying what is allowed, and nothing is stored — from the CLI and from the window's path alike."""

from __future__ import annotations

import json
import math
import sqlite3

import pytest

from desktop.core.alerts import Rule
from desktop.store import alerts as alert_ops
from desktop.store.writer import Writer


def run(argv, capsys):
    from desktop.__main__ import main

    rc = main(argv)
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def data(tmp_path):
    return ["--data-dir", str(tmp_path / "d")]


@pytest.mark.parametrize("args, words", [
    (["--above", "nan"], "price"), (["--above", "inf"], "price"), (["--above", "1e400"], "price"),
    (["--above=-inf"], "price"), (["--below", "nan"], "price"), (["--above", "1e7"], "price"),
    (["--change-above", "nan"], "change"), (["--change-below", "inf"], "change"),
    (["--change-above", "5000"], "change"),
    (["--volume-spike", "0"], "multiple"), (["--volume-spike", "-3"], "multiple"),
    (["--volume-spike", "nan"], "multiple"), (["--volume-spike", "inf"], "multiple"),
    (["--above", "300", "--cooldown", "99999999999999999999"], "cooldown"),
    (["--above", "300", "--cooldown", "-1"], "cooldown"),
])
def test_a_price_rule_with_a_number_that_cannot_work_is_refused_in_one_line(data, capsys, args, words):
    rc, out, err = run([*data, "alerts", "add", "price", "300750", *args], capsys)
    assert rc == 2, (out, err)
    assert err.startswith("error: ") and err.count("\n") == 1 and words in err and "Traceback" not in err
    rc, out, _ = run([*data, "alerts", "list", "--json"], capsys)
    assert rc == 0 and json.loads(out) == []


def test_a_news_rule_with_a_huge_cooldown_is_refused(data, capsys):
    rc, _, err = run([*data, "alerts", "add", "news", "--query", "固态电池", "--cooldown", "9" * 20], capsys)
    assert rc == 2 and "cooldown" in err and "Traceback" not in err


def test_reasonable_rules_still_go_in(data, capsys):
    for args in (["--above", "300"], ["--change-below", "-5"], ["--volume-spike", "2.5"],
                 ["--above", "1800", "--cooldown", str(30 * 86400)]):
        rc, _, err = run([*data, "alerts", "add", "price", "300750", *args], capsys)
        assert rc == 0, err


@pytest.mark.parametrize("fields", [{"value": math.nan}, {"value": math.inf}, {"value": 0.0},
                                    {"cooldown_s": 10 ** 20}, {"cooldown_s": -5}])
def test_the_windows_edit_path_refuses_them_too(tmp_path, fields):
    with Writer(tmp_path / "db.sqlite3") as w:
        rid = w.call(lambda c: alert_ops.add_rule(c, Rule(0, "price_above", "stock", "300750", value=300.0)))
        with pytest.raises(alert_ops.BadRule):
            w.call(lambda c: alert_ops.update_rule(c, rid, **fields))
        with pytest.raises(alert_ops.BadRule):
            w.call(lambda c: alert_ops.add_rule(c, Rule(0, "volume_spike", "stock", "300750",
                                                        value=fields.get("value", 2.0),
                                                        cooldown_s=fields.get("cooldown_s", 300))))
    conn = sqlite3.connect(tmp_path / "db.sqlite3")
    assert conn.execute("SELECT value, cooldown_s FROM alert_rules").fetchall() == [(300.0, 300)]
