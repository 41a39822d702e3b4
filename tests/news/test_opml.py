"""OPML import/export: round trip, RSSHub routes kept relative, hostile and broken files refused whole."""

from __future__ import annotations

import pytest

from desktop.config import resources_dir
from desktop.core.errors import OpmlError
from desktop.core.news import Feed
from desktop.sources.opml import parse_opml, write_opml

BASE = "http://127.0.0.1:1200"


def test_bundled_opml_has_folders_and_relative_routes():
    feeds = parse_opml((resources_dir() / "feeds.opml").read_bytes(), BASE)
    assert len(feeds) >= 10
    assert {"快讯", "能源", "科技"} <= {f.folder for f in feeds}
    assert any(f.url == "rsshub:/cls/telegraph" for f in feeds)
    assert any(f.url.startswith("https://") for f in feeds)


def test_round_trip_keeps_folders_titles_and_routes():
    feeds = [Feed(id=1, url="rsshub:/jin10", title="金十", folder="快讯"),
             Feed(id=2, url="https://36kr.com/feed", title="36氪", folder="科技/创投", site_url="https://36kr.com")]
    data = write_opml(feeds, BASE)
    assert b'xmlUrl="http://127.0.0.1:1200/jin10"' in data           # readable by any other reader
    back = parse_opml(data, "http://other-hub:1200")                  # our attribute keeps it relative
    assert [(f.url, f.title, f.folder) for f in back] == [
        ("rsshub:/jin10", "金十", "快讯"), ("https://36kr.com/feed", "36氪", "科技/创投")]


def test_foreign_rsshub_urls_become_relative_to_our_base():
    data = f'<opml version="2.0"><body><outline xmlUrl="{BASE}/cls/telegraph" text="x"/></body></opml>'.encode()
    assert parse_opml(data, BASE)[0].url == "rsshub:/cls/telegraph"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<opml version="2.0"><body><outline text="&lol3;" xmlUrl="http://x/f"/></body></opml>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<opml version="2.0"><body><outline text="&xxe;" xmlUrl="http://x/f"/></body></opml>"""


@pytest.mark.parametrize("data, pattern", [
    (BILLION_LAUGHS, "DTD or entities"),
    (XXE, "DTD or entities"),
    (b"<opml><body><outline xmlUrl='http://x/f'", "not well-formed"),
    (b"", "empty"),
    (b"<rss version='2.0'/>", "root element is <rss>"),
    (b"<opml version='2.0'><head/></opml>", "no <body>"),
    (b"<opml><body><outline xmlUrl='http://ok/f'/><outline xmlUrl='javascript:alert(1)'/></body></opml>",
     "invalid URL"),
])
def test_hostile_or_broken_opml_is_refused(data, pattern):
    with pytest.raises(OpmlError, match=pattern):
        parse_opml(data, BASE)


def test_cli_import_is_all_or_nothing(tmp_path):
    from desktop.__main__ import main

    bad = tmp_path / "bad.opml"
    bad.write_bytes(b"<opml><body><outline xmlUrl='http://ok/f'/><outline xmlUrl='ftp://x/f'/></body></opml>")
    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "feeds", "import", str(bad)]) == 2
    good = tmp_path / "good.opml"
    good.write_bytes((resources_dir() / "feeds.opml").read_bytes())
    assert main(["--data-dir", str(data), "feeds", "import", str(good)]) == 0
    import sqlite3

    conn = sqlite3.connect(data / "huohua.sqlite3")
    assert conn.execute("SELECT count(*) FROM feeds").fetchone()[0] == len(parse_opml(good.read_bytes(), BASE))
    assert conn.execute("SELECT count(*) FROM feeds WHERE url LIKE 'http://ok%'").fetchone()[0] == 0
