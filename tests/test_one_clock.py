"""One clock: nothing in desktop/ reads the wall clock except desktop/core/clock.py (issue 30). A direct
`time.time()` or `datetime.now()` is a decision by the hour that no test can pin; deadlines use time.monotonic().
The check is static (every module, every branch) and is shown to fail on each pattern it knows."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "desktop"
ALLOWED = {PKG / "core" / "clock.py"}

# module.function calls that read the wall clock, and how many positional arguments make them not do so
# (time.localtime(ts) formats a given instant; time.localtime() reads the clock)
READS = {("time", "time"): None, ("time", "time_ns"): None, ("time", "localtime"): 0, ("time", "gmtime"): 0,
         ("time", "ctime"): 0, ("time", "asctime"): 0, ("time", "strftime"): 1,
         ("datetime", "now"): None, ("datetime", "utcnow"): None, ("datetime", "today"): None,
         ("date", "today"): None, ("QDateTime", "currentDateTime"): None,
         ("QDateTime", "currentDateTimeUtc"): None, ("QDateTime", "currentMSecsSinceEpoch"): None,
         ("QDateTime", "currentSecsSinceEpoch"): None, ("QDate", "currentDate"): None,
         ("QTime", "currentTime"): None}
TIME_FUNCS = {"time", "time_ns", "localtime", "gmtime", "ctime", "asctime", "strftime"}
# SQLite's own clock: a date function given 'now', or CURRENT_TIMESTAMP/DATE/TIME, in SQL text
SQL_NOW = re.compile(r"""\b(strftime|datetime|date|time|julianday|unixepoch)\s*\([^)]*['"]now['"]"""
                     r"""|\bCURRENT_(TIMESTAMP|DATE|TIME)\b""", re.I)
SQL_TEXT = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DEFAULT|VALUES|WHERE)\b")


def wall_clock_reads(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "time":
            bad = [a.name for a in node.names if a.name in TIME_FUNCS]
            if bad:
                found.append(f"{path.name}:{node.lineno}: from time import {', '.join(bad)}")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            key = (node.value.id, node.attr)
            if key in READS:
                found.append(f"{path.name}:{node.lineno}: {node.value.id}.{node.attr}")
    # calls with enough arguments format a given instant: drop those
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
            key = (node.func.value.id, node.func.attr)
            allowed_with = READS.get(key, None)
            if key in READS and allowed_with is not None and len(node.args) > allowed_with:
                found.remove(f"{path.name}:{node.lineno}: {key[0]}.{key[1]}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_NOW.search(node.value) \
                and SQL_TEXT.search(node.value):
            found.append(f"{path.name}:{node.lineno}: SQL reads SQLite's clock: {node.value.strip()[:60]!r}")
    return found


def test_nothing_in_desktop_reads_the_wall_clock_but_the_clock():
    offenders = [hit for p in sorted(PKG.rglob("*.py")) if p not in ALLOWED for hit in wall_clock_reads(p)]
    assert offenders == [], "read desktop.core.clock instead:\n" + "\n".join(offenders)


def test_no_test_reads_the_wall_clock():
    """Test data is stamped with the pinned clock (clock.now()), deadlines with time.monotonic(): a test that
    reads the wall clock passes or fails by the hour it runs."""
    tests = Path(__file__).resolve().parent
    offenders = [hit for p in sorted(tests.rglob("*.py")) if p != Path(__file__).resolve()
                 for hit in wall_clock_reads(p)]
    assert offenders == [], "use desktop.core.clock or time.monotonic():\n" + "\n".join(offenders)


@pytest.mark.parametrize("line", [
    "import time\nx = time.time()",
    "import time\nf = time.time",                      # passed on as a default: read later
    "import time\nx = time.localtime()",
    "import time\nx = time.strftime('%H')",
    "from time import time\n",
    "from datetime import datetime\nx = datetime.now()",
    "from datetime import date\nx = date.today()",
    "from PySide6.QtCore import QDateTime\nx = QDateTime.currentDateTime()",
    "SQL = \"SELECT strftime('%s', 'now')\"",
    "SQL = 'INSERT INTO t VALUES (CURRENT_TIMESTAMP)'",
])
def test_the_check_finds_each_kind_of_wall_clock_read(tmp_path, line):
    p = tmp_path / "m.py"
    p.write_text(line + "\n", encoding="utf-8")
    assert wall_clock_reads(p)


@pytest.mark.parametrize("line", [
    "import time\nx = time.monotonic()",
    "import time\nx = time.localtime(1700000000)",
    "import time\nx = time.strftime('%H', time.gmtime(0))",
    "from datetime import datetime\nx = datetime.fromtimestamp(0)",
    "text = 'now the market opens'",
    'DOC = """The test\'s "now" in Unix seconds: the date it runs (SELECT a marker)"""',
])
def test_the_check_lets_given_instants_and_deadlines_through(tmp_path, line):
    p = tmp_path / "m.py"
    p.write_text(line + "\n", encoding="utf-8")
    assert wall_clock_reads(p) == []
