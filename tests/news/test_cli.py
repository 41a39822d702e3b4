"""The CLI contract, driven as a user would: a real `python -m desktop` process against a local server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime

from tests.conftest import CAPTURED
from tests.news import feedgen


def env() -> dict[str, str]:
    """Read when the command runs: HUOHUA_NOW is the test's pinned instant."""
    return {**os.environ, "HUOHUA_CONFIG_DIR": "", "PYTHONIOENCODING": "utf-8"}


def huohua(data_dir, *args, check=True) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env(), timeout=120)
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}: {proc.stderr}")
    return proc


def test_fetch_once_then_news_json(tmp_path, httpserver):
    httpserver.expect_request("/energy.xml").respond_with_data(feedgen.rss([
        {"title": "宁德时代储能订单大增", "link": "http://n.example/1", "description": "储能电池", "pubDate": "2026-11-20 09:30:00"},
        {"title": "英伟达发布新GPU", "link": "http://n.example/2", "description": "算力", "pubDate": "2026-11-20 10:30:00"},
    ]), content_type="application/rss+xml")
    httpserver.expect_request("/36kr.xml").respond_with_data((CAPTURED / "36kr-feed-2016.xml").read_bytes(),
                                                             content_type="text/xml")
    httpserver.expect_request("/broken.xml").respond_with_data("nope", status=500)
    for path in ("/energy.xml", "/36kr.xml", "/broken.xml"):
        huohua(tmp_path, "feeds", "add", httpserver.url_for(path), "--folder", "测试")
    out = huohua(tmp_path, "fetch", "--once")
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 4 and lines[-1].startswith("total: 3 feeds, 102 new articles")
    assert sum(line.startswith("error") for line in lines) == 1 and "HTTP 500" in out.stdout

    news = json.loads(huohua(tmp_path, "news", "--theme", "energy", "--json").stdout)
    first = next(a for a in news if a["title"] == "宁德时代储能订单大增")
    assert set(first) >= {"id", "title", "url", "feed", "published", "themes", "stocks", "read", "starred"}
    assert first["stocks"] == ["300750"] and "energy" in first["themes"]
    assert datetime.fromisoformat(first["published"]).isoformat() == "2026-11-20T09:30:00+08:00"
    assert first["read"] is False and first["starred"] is False

    assert [a["title"] for a in json.loads(huohua(tmp_path, "news", "--query", "算力", "--json").stdout)] == ["英伟达发布新GPU"]
    assert [a["title"] for a in json.loads(huohua(tmp_path, "news", "--stock", "300750", "--json").stdout)] == ["宁德时代储能订单大增"]
    assert len(json.loads(huohua(tmp_path, "news", "--limit", "5", "--json").stdout)) == 5
    since = json.loads(huohua(tmp_path, "news", "--since", "2026-11-20T10:00", "--json").stdout)
    assert [a["title"] for a in since] == ["英伟达发布新GPU"]

    again = huohua(tmp_path, "fetch", "--once", "--all")
    assert "total: 3 feeds, 0 new articles" in again.stdout

    # a theme by its key or its label in either language; labels in the output, as the window shows them
    by_label = json.loads(huohua(tmp_path, "news", "--theme", "能源", "--json").stdout)
    assert [a["id"] for a in by_label] == [a["id"] for a in news]
    assert [a["id"] for a in json.loads(huohua(tmp_path, "news", "--theme", "Energy", "--json").stdout)] == \
        [a["id"] for a in news]
    first = next(a for a in by_label if a["title"] == "宁德时代储能订单大增")
    assert "能源" in first["theme_labels"] and first["stock_names"] == ["宁德时代"]
    text = huohua(tmp_path, "news", "--theme", "energy").stdout
    line = next(x for x in text.splitlines() if "宁德时代储能订单大增" in x)
    assert "#能源" in line and "宁德时代(300750)" in line and "#energy" not in line
    english = huohua(tmp_path, "--lang", "en", "news", "--theme", "energy").stdout
    assert "#Energy" in next(x for x in english.splitlines() if "宁德时代储能订单大增" in x)
    unknown = huohua(tmp_path, "news", "--theme", "不存在的主题", check=False)
    assert unknown.returncode == 2 and "unknown theme" in unknown.stderr and "energy (能源 / Energy)" in unknown.stderr


def test_fetch_exits_non_zero_only_when_nothing_can_run(tmp_path):
    bad = tmp_path / "notadir"
    bad.write_text("a file where the data directory should be")
    proc = huohua(bad, "fetch", "--once", check=False)
    assert proc.returncode != 0 and "error" in proc.stderr.lower()
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    (corrupt / "huohua.sqlite3").write_bytes(b"this is not a database" * 100)
    proc = huohua(corrupt, "fetch", "--once", check=False)
    assert proc.returncode != 0 and "database" in proc.stderr.lower()
    assert (corrupt / "huohua.sqlite3").read_bytes() == b"this is not a database" * 100   # untouched


def test_bad_arguments_are_clear(tmp_path):
    proc = huohua(tmp_path, "news", "--since", "yesterday", check=False)
    assert proc.returncode == 2 and "ISO 8601" in proc.stderr
    proc = huohua(tmp_path, "news", "--stock", "ABC", check=False)
    assert proc.returncode == 2 and "6-digit" in proc.stderr
    proc = huohua(tmp_path, "feeds", "add", "ftp://x/y", check=False)
    assert proc.returncode == 2


def test_data_dir_from_environment(tmp_path):
    subprocess.run([sys.executable, "-m", "desktop", "feeds", "list"], env={**env(), "HUOHUA_DATA_DIR": str(tmp_path / "envdir")}, check=True, capture_output=True)
    assert (tmp_path / "envdir" / "huohua.sqlite3").exists()


def test_fetch_errors_are_plain_words_in_the_interface_language(tmp_path):
    """A refused connection reads as what happened and what to do (Chinese by default, English when the
    interface is English), with the source's own words kept in brackets."""
    import socket

    from desktop.config import Settings

    with socket.socket() as s:           # a port nobody listens on: connection refused
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = tmp_path / "data"
    assert huohua(data, "feeds", "add", f"http://127.0.0.1:{port}/feed.xml").returncode == 0
    out = huohua(data, "fetch", "--once", "--all")
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("error"))
    assert "Connection refused" in line and "服务器拒绝连接" in line and "检查订阅地址" in line, line
    settings = Settings.load(data / "settings.toml")
    settings.set("ui.language", "en")
    settings.save()
    out = huohua(data, "fetch", "--once", "--all")
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("error"))
    assert "The server refused the connection" in line and "Check the feed address" in line, line
