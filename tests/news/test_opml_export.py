"""OPML we write must read back (issue 24): a title with a C0 control character (or any character XML 1.0
cannot carry) used to make the export not well-formed, and our own import then refused the whole file; a feed's
`javascript:` channel link went into the export. Only http(s) links go out, and an export is written to a
temporary name, read back and only then renamed over the file."""

from __future__ import annotations

import pytest

from desktop.core.errors import OpmlError
from desktop.core.news import Feed
from desktop.services import feeds_io
from desktop.sources.opml import parse_opml, write_opml

BASE = "http://127.0.0.1:1200"
HOSTILE_TITLES = ["a\x01b", "esc\x1b[31mred", "nul\x00", "bell\x07", "vt\x0bff\x0c", "cr\rlf\n", "del\x7f",
                  "c1\x85\x9b", "\ufffe\uffff", "lone \ud800 surrogate", "bidi \u202eevil", "<b>&amp;\"'</b>",
                  "]]> end", "财联社\u3000电报"]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_an_export_with_any_title_is_well_formed_and_reads_back_whole(title):
    feeds = [Feed(id=1, url="https://example.com/a.xml", title=title, folder=title + "/子"),
             Feed(id=2, url="rsshub:/cls/telegraph", title="财联社", folder="快讯")]
    data = write_opml(feeds, BASE)
    back = parse_opml(data, BASE)
    assert [f.url for f in back] == ["https://example.com/a.xml", "rsshub:/cls/telegraph"]
    for text in (back[0].title, back[0].folder):
        assert not any(ord(c) < 0x20 and c not in "\t\n" or c in "\x7f\ufffe\uffff" or 0xD800 <= ord(c) < 0xE000
                       for c in text), repr(text)
    words = [c for c in title if c.isalnum()]
    assert [c for c in back[0].title if c.isalnum()] == words or back[0].title == "https://example.com/a.xml"


@pytest.mark.parametrize("link", ["javascript:alert(document.cookie)", " JavaScript:alert(1)", "data:text/html,x",
                                  "file:///etc/passwd", "vbscript:msgbox(1)", "//evil.example/", "smb://host/share"])
def test_only_http_links_go_into_an_export(link):
    data = write_opml([Feed(id=1, url="https://example.com/a.xml", title="x", site_url=link),
                       Feed(id=2, url="https://example.com/b.xml", title="y", site_url="https://example.com/")], BASE)
    assert link.strip().split(":")[0].lower().encode() not in data.lower().replace(b"https", b"")
    assert b'htmlUrl="https://example.com/"' in data


def test_an_imported_file_with_a_javascript_site_link_keeps_the_feed_but_not_the_link():
    data = (b'<opml version="2.0"><body><outline text="x" xmlUrl="https://example.com/a.xml" '
            b'htmlUrl="javascript:alert(1)"/><outline text="y" xmlUrl="https://example.com/b.xml" '
            b'htmlUrl="https://example.com/"/></body></opml>')
    assert [f.site_url for f in parse_opml(data, BASE)] == ["", "https://example.com/"]


def test_a_feeds_channel_link_that_is_not_http_is_not_stored():
    from desktop.sources.feed_parse import parse_feed

    body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>javascript:alert(1)</link>'
            b"<item><title>a</title><link>https://example.com/1</link></item></channel></rss>")
    assert parse_feed(body, {}, "https://example.com/feed.xml", 0).site_url == ""


def test_an_export_that_would_not_read_back_leaves_the_old_file(tmp_path, monkeypatch):
    out = tmp_path / "subs.opml"
    out.write_bytes(b"the previous export")
    feeds = [Feed(id=1, url="https://example.com/a.xml", title="a")]
    monkeypatch.setattr(feeds_io, "write_opml", lambda *_a: b"<opml><body><outline", raising=True)
    with pytest.raises(OpmlError, match="does not read back"):
        feeds_io.export_opml(out, feeds, BASE)
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["subs.opml"]          # no temporary file left
    monkeypatch.setattr(feeds_io, "write_opml", lambda *_a: b"<opml><body/></opml>", raising=True)
    with pytest.raises(OpmlError, match="does not read back"):
        feeds_io.export_opml(out, feeds, BASE)                                   # well-formed, but a feed short
    assert out.read_bytes() == b"the previous export"


def test_cli_export_of_a_hostile_title_imports_again(tmp_path):
    import sqlite3

    from desktop.__main__ import main

    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "feeds", "add", "https://example.com/a.xml", "--title", "ok"]) == 0
    conn = sqlite3.connect(data / "huohua.sqlite3")
    with conn:
        conn.execute("UPDATE feeds SET title = ?, site_url = ?", ("标题\x01\x1b[2J", "javascript:alert(1)"))
    conn.close()
    out = tmp_path / "subs.opml"
    assert main(["--data-dir", str(data), "feeds", "export", str(out)]) == 0
    assert b"javascript" not in out.read_bytes()
    other = tmp_path / "e"
    assert main(["--data-dir", str(other), "feeds", "import", str(out)]) == 0
