"""Subscriptions in and out of OPML files: the one path the CLI, the File menu and the feeds editor share.

Reads are bounded (sources.opml.MAX_OPML_BYTES); an invalid file imports nothing; an import is one writer
transaction (all or nothing). Blocking: the GUI runs these in a task, never on its thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.errors import OpmlError
from desktop.core.files import write_verified
from desktop.sources.opml import parse_opml, read_opml_file, write_opml
from desktop.store import feeds as feed_ops

if TYPE_CHECKING:
    from desktop.store.writer import Writes


@dataclass(frozen=True, slots=True)
class ImportResult:
    found: int          # feeds in the file
    added: list[int]    # ids of the new subscriptions (the rest were subscribed already)

    @property
    def already(self) -> int:
        return self.found - len(self.added)


def read_feeds(path: Path, rsshub_base: str, interval_s: int) -> list[feed_ops.NewFeed]:
    """The subscriptions a file holds, ready to add. OSError (unreadable) or OpmlError (a bad file)."""
    return [feed_ops.NewFeed(url=f.url, title=f.title, folder=f.folder, site_url=f.site_url, interval_s=interval_s)
            for f in read_opml_file(path, rsshub_base)]


def import_opml(path: Path, writer: Writes, rsshub_base: str, interval_s: int) -> ImportResult:
    """OSError (unreadable file), OpmlError (a bad file: nothing imported) or StoreError (not saved)."""
    new = read_feeds(path, rsshub_base, interval_s)
    if not new:
        return ImportResult(0, [])
    ids, _ = writer.call(lambda c: feed_ops.add_feeds(c, new))
    return ImportResult(len(new), ids)


def export_opml(path: Path, feeds: list[Any], rsshub_base: str) -> int:
    """Write `feeds` to `path`; returns how many. The file is written to a temporary name, read back with our
    own import (every feed must come back, with its URL) and only then renamed over `path`. OSError if it
    cannot be written; OpmlError if what was written does not read back (`path` is then left as it was)."""
    data = write_opml(feeds, rsshub_base)
    want = [f.url for f in feeds]

    def verify(written: bytes) -> None:
        try:
            back = parse_opml(written, rsshub_base)
        except OpmlError as exc:
            raise OpmlError(f"the OPML written for {path} does not read back ({exc}); {path} was left as it "
                            "was") from None
        if sorted(f.url for f in back) != sorted(dict.fromkeys(want)):
            raise OpmlError(f"the OPML written for {path} does not read back ({len(back)} of {len(want)} feeds); "
                            f"{path} was left as it was")

    write_verified(Path(path), data, verify)
    return len(feeds)
