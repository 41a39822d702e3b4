"""Build feed documents for tests: RSS 2.0, Atom, RDF in any encoding, with whatever quirks a test needs."""

from __future__ import annotations

from xml.sax.saxutils import escape


def rss(items: list[dict], *, title: str = "测试财经", encoding: str | None = "utf-8", link: str = "http://example.com/",
        declare: bool = True) -> bytes:
    """items: dicts with title, link, guid, description, pubDate (any may be missing)."""
    parts = []
    if declare:
        parts.append(f'<?xml version="1.0" encoding="{encoding}"?>' if encoding else '<?xml version="1.0"?>')
    parts.append(f'<rss version="2.0"><channel><title>{escape(title)}</title><link>{link}</link>'
                 "<description>fixture</description>")
    for it in items:
        parts.append("<item>")
        for tag in ("title", "link", "guid", "pubDate", "author"):
            if tag in it:
                parts.append(f"<{tag}>{escape(str(it[tag]))}</{tag}>")
        if "description" in it:
            parts.append(f"<description><![CDATA[{it['description']}]]></description>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    text = "\n".join(parts)
    return text.encode(_codec(encoding))


def atom(entries: list[dict], *, title: str = "原子财经") -> bytes:
    out = ['<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">',
           f"<title>{escape(title)}</title><id>urn:test</id><updated>2026-11-20T10:00:00+08:00</updated>"
           '<link href="http://atom.example.com/"/>']
    for e in entries:
        out.append(f"<entry><title>{escape(e['title'])}</title><id>{escape(e['id'])}</id>"
                   f'<link href="{escape(e["link"])}"/><updated>{e["updated"]}</updated>'
                   f'<content type="html">{escape(e.get("content", ""))}</content></entry>')
    out.append("</feed>")
    return "".join(out).encode("utf-8")


def rdf(items: list[dict], *, encoding: str = "utf-8") -> bytes:
    out = [f'<?xml version="1.0" encoding="{encoding}"?>',
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"'
           ' xmlns:dc="http://purl.org/dc/elements/1.1/">',
           '<channel rdf:about="http://rdf.example.com/"><title>RDF 新闻</title><link>http://rdf.example.com/</link>'
           "<description>x</description></channel>"]
    for it in items:
        out.append(f'<item rdf:about="{it["link"]}"><title>{escape(it["title"])}</title><link>{it["link"]}</link>'
                   f"<description>{escape(it.get('description', ''))}</description>"
                   f"<dc:date>{it['date']}</dc:date></item>")
    out.append("</rdf:RDF>")
    return "\n".join(out).encode(_codec(encoding))


def _codec(encoding: str | None) -> str:
    enc = (encoding or "utf-8").lower()
    return {"gb2312": "gb2312", "gbk": "gbk", "big5": "big5"}.get(enc, enc)


def items(n: int, prefix: str = "宁德时代储能新闻", host: str = "http://news.example.com", start: int = 0) -> list[dict]:
    return [{"title": f"{prefix}{i}", "link": f"{host}/a/{i}.html", "guid": f"{host}/a/{i}.html",
             "description": f"<p>第{i}条：宁德时代发布储能电池新品。</p>",
             "pubDate": f"2026-11-{20 + i % 5:02d} 10:{i % 60:02d}:00"} for i in range(start, start + n)]
