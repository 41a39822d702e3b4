"""OPML import/export. Parsing goes through defusedxml: DTDs, entities and external references are refused,
so a hostile file (billion laughs, XXE) is an error, not a hang or a file leak. A file either imports whole
or not at all: every outline is validated before anything is returned.

What we write is well-formed whatever a feed's title holds: characters XML 1.0 cannot carry (C0 controls, lone
surrogates, U+FFFE/U+FFFF) and the other control characters are dropped from titles and folders (tabs and line
breaks become spaces) and percent-encoded in URLs. A site link (htmlUrl) goes out, and comes in, only when it
is http(s): a feed's `javascript:` channel link is left out.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError, SubElement, tostring

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from desktop.core.dedup import is_web_url
from desktop.core.errors import OpmlError
from desktop.core.news import Feed
from desktop.core.schedule import relative_to_rsshub, resolve_feed_url, valid_feed_url

MAX_OPML_BYTES = 5 * 1024 * 1024
MAX_FOLDER_DEPTH = 32
_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>", re.I)
_ENCODING = re.compile(rb"encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)[\"']", re.I)


def _as_utf8(data: bytes) -> bytes:
    """Python's XML parser refuses multi-byte encodings (gb2312, GBK, Big5 …), which older Chinese readers
    export: decode ourselves and hand the parser UTF-8 without the declaration."""
    decl = _DECLARATION.match(data)
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16" if not data.startswith(b"\xef\xbb\xbf") else "utf-8-sig"
    else:
        m = _ENCODING.search(decl.group(0)) if decl else None
        encoding = m.group(1).decode("ascii").lower() if m else "utf-8"
        if encoding in ("gb2312", "gbk"):
            encoding = "gb18030"
    try:
        text = data.decode(encoding)
    except (LookupError, UnicodeDecodeError) as exc:
        raise OpmlError(f"OPML file cannot be decoded as {encoding} ({exc}); nothing was imported") from None
    text = text.lstrip("\ufeff")
    if decl or text.lstrip().startswith("<?xml"):
        text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    return text.encode("utf-8")
ROUTE_ATTR = "huohuaRoute"  # our own attribute: the relative RSSHub route, so re-import keeps it relative
# Not XML 1.0 (C0 but tab/LF/CR, surrogates, U+FFFE/U+FFFF), plus DEL and C1: nothing a title means to show.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("[\t\r\n]+")
_NOT_URL = re.compile("[\x00-\x20\x7f-\x9f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """A title or folder as XML can carry it: line breaks and tabs as one space, other controls dropped."""
    return _NOT_TEXT.sub("", _BREAKS.sub(" ", text))


def xml_url(url: str) -> str:
    """A URL as XML can carry it: controls and spaces percent-encoded (UTF-8), lone surrogates dropped."""
    url = re.sub("[\ud800-\udfff]", "", url)
    return _NOT_URL.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode("utf-8")), url)


def web_link(url: str | None) -> str:
    """`url` when it is an http(s) link, else "" (a site link that is javascript:, data:, file: … is dropped)."""
    url = (url or "").strip()
    return url if is_web_url(url) else ""


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    url: str
    title: str
    folder: str
    site_url: str = ""


def read_opml_file(path: str | os.PathLike[str], rsshub_base: str = "") -> list[OpmlFeed]:
    """A file's feeds; the read is bounded (a huge file is refused after MAX_OPML_BYTES + 1 bytes, not loaded).
    OSError for an unreadable file, OpmlError for a bad one."""
    with open(path, "rb") as fh:
        data = fh.read(MAX_OPML_BYTES + 1)
    return parse_opml(data, rsshub_base)


def parse_opml(data: bytes, rsshub_base: str = "") -> list[OpmlFeed]:
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError(f"OPML file is too large ({len(data) / 1e6:.1f} MB; limit {MAX_OPML_BYTES / 1e6:g} MB)")
    if not data.strip():
        raise OpmlError("OPML file is empty")
    data = _as_utf8(data)
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise OpmlError(f"OPML file refused: it declares a DTD or entities ({type(exc).__name__}); "
                        "nothing was imported") from None
    except (ParseError, ValueError) as exc:
        raise OpmlError(f"OPML file is not well-formed XML ({exc}); nothing was imported") from None
    if root.tag.lower() != "opml":
        raise OpmlError(f"not an OPML file: the root element is <{root.tag}>, expected <opml>")
    body = root.find("body")
    if body is None:
        raise OpmlError("OPML file has no <body>")
    found: list[OpmlFeed] = []
    bad: list[str] = []
    seen: set[str] = set()

    # An explicit stack, not recursion: a hostile file nests thousands of outlines (RecursionError).
    stack: list[tuple[Element, list[str]]] = [(body, [])]
    while stack:
        node, folder = stack.pop()
        if len(folder) > MAX_FOLDER_DEPTH:
            raise OpmlError(f"OPML folders nest deeper than {MAX_FOLDER_DEPTH} levels; nothing was imported")
        children = []
        for child in node:
            if child.tag != "outline":
                continue
            title = (child.get("title") or child.get("text") or "").strip()
            xml_url = (child.get(ROUTE_ATTR) or child.get("xmlUrl") or child.get("xmlurl") or "").strip()
            if xml_url:
                url = relative_to_rsshub(xml_url, rsshub_base) if rsshub_base else xml_url
                if not valid_feed_url(url):
                    bad.append(xml_url[:100])
                elif url not in seen:
                    seen.add(url)
                    found.append(OpmlFeed(url=url, title=title, folder="/".join(folder),
                                          site_url=web_link(child.get("htmlUrl"))))
            else:
                children.append((child, folder + [title] if title else folder))
        stack.extend(reversed(children))   # keep document order
    if bad:
        listed = ", ".join(bad[:3]) + (" …" if len(bad) > 3 else "")
        raise OpmlError(f"OPML file has {len(bad)} feed(s) with an invalid URL ({listed}); nothing was imported")
    return found


def write_opml(feeds: list[Feed], rsshub_base: str, title: str = "Huohua subscriptions") -> bytes:
    root = Element("opml", version="2.0")
    head = SubElement(root, "head")
    SubElement(head, "title").text = xml_text(title)
    body = SubElement(root, "body")
    folders: dict[str, Element] = {}
    for feed in feeds:
        parent = body
        folder = xml_text(feed.folder)
        if folder:
            path = ""
            for part in folder.split("/"):
                path = f"{path}/{part}" if path else part
                if path not in folders:
                    folders[path] = SubElement(parent, "outline", text=part, title=part)
                parent = folders[path]
        url = xml_url(resolve_feed_url(feed.url, rsshub_base))
        name = xml_text(feed.title).strip() or url
        attrs = {"type": "rss", "text": name, "title": name, "xmlUrl": url}
        site = web_link(xml_url(feed.site_url))
        if site:
            attrs["htmlUrl"] = site
        if feed.is_rsshub:
            attrs[ROUTE_ATTR] = xml_url(feed.url)
        SubElement(parent, "outline", attrs)
    text: bytes = tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + text
