"""Article images, fetched only when the user asks: size-capped, cached on disk by URL hash."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.core.errors import SourceError

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGES = 30
_IMG_SRC = re.compile(r"<img\b[^>]*\bsrc=\"(https?://[^\"]+)\"", re.I)


def image_urls(html: str) -> list[str]:
    return list(dict.fromkeys(_IMG_SRC.findall(html)))[:MAX_IMAGES]


class ImageCache:
    def __init__(self, folder: Path):
        self.folder = folder

    def _path(self, url: str) -> Path:
        import hashlib

        return self.folder / hashlib.sha256(url.encode()).hexdigest()[:32]

    def fetch(self, urls: list[str], timeout: float = 15.0) -> dict[str, bytes]:
        """Cached bytes for each URL, downloading what is missing; failures are skipped, not raised."""
        from desktop.sources.http_fetch import http_get  # requests: imported on first use, not at start-up

        self.folder.mkdir(parents=True, exist_ok=True)
        out: dict[str, bytes] = {}
        for url in urls:
            path = self._path(url)
            if path.exists():
                out[url] = path.read_bytes()
                continue
            try:
                res = http_get(url, timeout=timeout, max_bytes=MAX_IMAGE_BYTES, accept="image/*")
            except SourceError:
                continue
            if not res.headers.get("content-type", "image/").startswith("image/"):
                continue
            tmp = path.with_suffix(".part")
            tmp.write_bytes(res.body)
            tmp.replace(path)
            out[url] = res.body
        return out
