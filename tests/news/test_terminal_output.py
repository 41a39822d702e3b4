"""Text from outside never drives the user's terminal (issue 24): every CLI command's stdout and stderr pass one
filter (desktop/cli_output.py → core/terminal.py). ESC, BEL, CR, C1 controls and bidi overrides are shown as
escapes; newlines and tabs of the CLI's own layout stay; `--json` stays valid JSON that decodes to the text."""

from __future__ import annotations

import json
import re

import pytest

from desktop.core.terminal import for_json, for_terminal
from tests.cli_run import huohua
from tests.news import feedgen

# What a terminal would act on (C0 but \t and \n, DEL, C1) or reorder (bidi overrides and isolates)
ACTS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

HOSTILE = [
    "\x1b[2J\x1b[H清屏",                 # clear the screen
    "\x1b]0;pwned\x07标题",              # retitle the terminal window, BEL
    "\x1b]52;c;Y2FsYw==\x07剪贴板",       # OSC 52: write the clipboard
    "好消息\r坏消息",                     # CR rewrites the line
    "\u202e股代码\u202c 300750",          # right-to-left override
    "\u2066隔离\u2069",                   # bidi isolate
    "\x9b31m红",                          # C1 CSI
    "\x01空\x7f",                       # (argv cannot carry NUL)
]


@pytest.mark.parametrize("text", HOSTILE)
def test_the_filter_shows_every_acting_character_and_keeps_the_rest(text):
    shown = for_terminal(text)
    assert not ACTS.search(shown)
    assert "\\x1b" in shown or "\\x0d" in shown or "\\u" in shown or "\\x9b" in shown or "\\x01" in shown
    assert for_terminal("行1\n\t行2") == "行1\n\t行2"
    doc = json.dumps({"t": text}, ensure_ascii=False)
    assert not ACTS.search(for_json(doc)) and json.loads(for_json(doc))["t"] == text


@pytest.mark.parametrize("note", HOSTILE, ids=range(len(HOSTILE)))
def test_an_alert_note_reaches_the_terminal_as_text(tmp_path, note):
    assert huohua(tmp_path, "alerts", "add", "price", "300750", "--above", "300", "--note", note).returncode == 0
    out = huohua(tmp_path, "alerts", "list")
    assert out.returncode == 0 and not ACTS.search(out.stdout + out.stderr), repr(out.stdout)
    assert "#1" in out.stdout and out.stdout.endswith("\n")
    js = huohua(tmp_path, "alerts", "list", "--json")
    assert not ACTS.search(js.stdout) and json.loads(js.stdout)[0]["note"] == note


def test_feed_and_item_titles_reach_the_terminal_as_text(tmp_path, httpserver):
    # XML 1.0 refuses C0 controls; a feed can still carry CR and bidi overrides, and titles with both
    items = [{"title": "利好\u202e涨停\u202c", "link": "http://n.example/1", "description": "宁德时代",
              "pubDate": "Mon, 07 Dec 2026 02:00:00 GMT"},
             {"title": "上半句\r覆盖", "link": "http://n.example/2", "description": "储能",
              "pubDate": "Mon, 07 Dec 2026 02:05:00 GMT"}]
    httpserver.expect_request("/f.xml").respond_with_data(feedgen.rss(items, title="源\u202e名"),
                                                          content_type="application/rss+xml")
    assert huohua(tmp_path, "feeds", "add", httpserver.url_for("/f.xml")).returncode == 0
    outs = [huohua(tmp_path, "fetch", "--once", "--all"), huohua(tmp_path, "feeds", "list"),
            huohua(tmp_path, "news"), huohua(tmp_path, "news", "--json")]
    for out in outs:
        assert out.returncode == 0, out.stderr
        assert not ACTS.search(out.stdout + out.stderr), repr(out.args[-2:]) + repr(out.stdout)
    rows = json.loads(outs[3].stdout)
    assert any("\u202e" in r["title"] for r in rows)          # stored as it came: only the terminal sees escapes
