"""`huohua quotes|boards|history` offline say each problem once, in plain words, and promise nothing that is not
there (issue 22): no "showing the last stored quotes" followed by "no quote for any of them", no retry promised
by a one-shot command, no raw `WARNING desktop.services.market_service: …` log line. The network is unreachable:
every proxy points at a closed loopback port."""

from __future__ import annotations

import pytest

from desktop.config import Settings
from desktop.core import clock
from desktop.core.market import Quote
from desktop.store import market_store as ms
from desktop.store.writer import Writer
from tests.cli_run import huohua

NOWHERE = "http://127.0.0.1:9"


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
        monkeypatch.setenv(k, NOWHERE)
    monkeypatch.setenv("NO_PROXY", "")
    monkeypatch.setenv("no_proxy", "")


def clean(err: str) -> None:
    assert "WARNING" not in err and "desktop.services" not in err, err     # no log lines
    assert "自动重试" not in err and "retries" not in err, err                # nothing retries after the command


@pytest.mark.parametrize("command", [("quotes", "300750"), ("quotes", "300750", "--json"), ("boards",),
                                     ("history", "300750", "--days", "5")])
def test_nothing_stored_is_one_error_line(tmp_path, command):
    out = huohua(tmp_path / "data", *command)
    assert out.returncode == 1
    clean(out.stderr)
    lines = out.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), out.stderr
    assert "显示的是已保存" not in lines[0] and "showing" not in lines[0]
    assert "还没有保存过" in lines[0] and "再运行" in lines[0], lines[0]
    assert out.stdout.strip() in ("", "[]")


def test_stored_quotes_are_shown_with_one_warning(tmp_path):
    data = tmp_path / "data"
    assert huohua(data, "watchlist", "list").returncode == 0          # creates the database
    now = clock.now_s()
    q = Quote("300750", "宁德时代", 284.04, 1.2, 3.4, 281.0, 286.0, 280.0, 280.6, 1e6, 2.8e8, 0.5, 1.2e12, now - 86400,
              now - 86400)
    with Writer(data / "huohua.sqlite3") as w:
        w.call(lambda c: ms.upsert_quotes(c, [q], "test"))
    out = huohua(data, "quotes", "300750")
    assert out.returncode == 1 and "284.04" in out.stdout
    clean(out.stderr)
    lines = out.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("warning: ") and "显示的是已保存的行情" in lines[0], out.stderr
    assert "no quote" not in out.stderr


def test_english_when_the_interface_is_english(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    settings = Settings(data / "settings.toml")
    settings.set("ui.language", "en")
    settings.save()
    out = huohua(data, "quotes", "300750")
    clean(out.stderr)
    assert "run the command again" in out.stderr and "no quote of these stocks is stored yet" in out.stderr, out
