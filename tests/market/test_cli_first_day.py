"""The CLI as a newcomer meets it (issue 12): a compact quote table, names and 拼音 wherever a code goes, errors
that say why, a closed pipe ending quietly, and options that explain themselves. Real subprocesses."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest

from desktop.config import resources_dir
from tests.cli_run import ROOT, huohua
from tests.procs import child_env

DEMO = str(resources_dir() / "demo")


def width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def test_quotes_are_compact_by_default_and_wide_on_request(tmp_path):
    out = huohua(tmp_path, "quotes", "--replay", DEMO)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[1].split() == ["代码", "名称", "最新", "涨跌幅", "成交额", "时间"]
    assert all(width(line) <= 100 for line in lines), max(lines, key=width)
    catl = next(line for line in lines if line.startswith("300750"))
    assert "亿" in catl and "," not in catl and "%" in catl                  # 65.70亿, not 6,570,000,000
    rows = [line for line in lines[2:] if line[:6].isdigit()]
    assert len({width(r[:r.index("%") + 1]) for r in rows}) == 1            # numbers right-aligned: % in one column
    wide = huohua(tmp_path, "quotes", "300750", "--wide", "--replay", DEMO)
    assert "turnover_pct" in wide.stdout and "prev_close" in wide.stdout


@pytest.mark.parametrize("query", ["宁德时代", "ndsd", "300750"])
def test_a_name_or_pinyin_works_wherever_a_code_does(tmp_path, query):
    out = huohua(tmp_path, "quotes", query, "--replay", DEMO)
    assert out.returncode == 0 and "300750" in out.stdout and "宁德时代" in out.stdout, out.stderr
    hist = huohua(tmp_path, "history", query, "--days", "3", "--replay", DEMO)
    assert hist.returncode == 0 and len([ln for ln in hist.stdout.splitlines() if ln[:4] == "2026"]) == 3


def test_an_unknown_code_is_an_error_with_close_matches(tmp_path):
    out = huohua(tmp_path, "quotes", "999999", "--replay", DEMO)
    assert out.returncode == 2 and out.stdout == ""
    assert "error: no A-share stock matches '999999'" in out.stderr and "did you mean" in out.stderr
    typo = huohua(tmp_path, "quotes", "宁德时带", "--replay", DEMO)
    assert typo.returncode == 2 and "300750 宁德时代" in typo.stderr


def test_an_ambiguous_one_lists_the_choices(tmp_path):
    out = huohua(tmp_path, "quotes", "30075", "--replay", DEMO)
    assert out.returncode == 2 and "matches" in out.stderr and "300750  宁德时代" in out.stderr


def test_history_days_zero_says_why(tmp_path):
    out = huohua(tmp_path, "history", "300750", "--days", "0")
    assert out.returncode == 2 and "--days must be at least 1" in out.stderr and out.stdout == ""


def test_news_stock_takes_a_name_and_an_unknown_one_says_why(tmp_path):
    assert huohua(tmp_path, "news", "--stock", "宁德时代").returncode == 0
    bad = huohua(tmp_path, "news", "--stock", "不存在的公司")
    assert bad.returncode == 2 and bad.stderr.startswith("error: no A-share stock matches")


@pytest.mark.parametrize("args", [["history", "300750", "--days", "250", "--replay", DEMO],
                                  ["quotes", "--wide", "--replay", DEMO], ["feeds", "list"]])
def test_a_closed_pipe_ends_quietly(tmp_path, args, spawn):
    env = child_env()
    cmd = [sys.executable, "-m", "desktop", "--data-dir", str(tmp_path), *args]
    proc = spawn(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    proc.stdout.close()                    # `| head -0`: the reader is gone before the first line is written
    err = proc.stderr.read().decode()
    rc = proc.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert rc == 0


@pytest.mark.parametrize("command", [["fetch"], ["news"], ["feeds", "add"], ["quotes"], ["history"], ["boards"],
                                     ["record"], ["calendar"], ["watchlist", "add"]])
def test_every_option_has_a_description_and_the_command_an_example(tmp_path, command):
    out = huohua(tmp_path, *command, "--help")
    assert out.returncode == 0
    text = out.stdout
    assert "example" in text, text
    options = text.split("options:", 1)[1].split("\n\n", 1)[0].splitlines()
    entries, current = [], ""
    for line in options:                   # "  --days N   how many …" or a continuation line
        if line.startswith("  -"):
            entries.append(current := line)
        elif current:
            entries[-1] += line
    for entry in entries:
        flag, _, rest = entry.strip().partition("  ")
        assert rest.strip(), f"{command}: {flag} has no description"
