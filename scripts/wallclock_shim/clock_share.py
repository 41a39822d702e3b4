"""A pytest plugin for scripts/clock_matrix.py: keeps this instant's share of the suite.

HUOHUA_CLOCK_SHARE="seed:family:index:count" keeps the tests whose id hashes (with the seed and the family) to
`index` out of `count`, and deselects the rest (reported as deselected); unset, every test runs. The family is in
the hash so that which session instant a test meets says nothing about which off-hours instant it meets. Loaded
with `-p clock_share` (this folder is on PYTHONPATH for the matrix's runs); not part of Huohua.
"""

from __future__ import annotations

import os
import zlib

ENV = "HUOHUA_CLOCK_SHARE"


def keeps(nodeid: str, share: str) -> bool:
    seed, family, index, count = share.rsplit(":", 3)
    return zlib.crc32(f"{seed}\0{family}\0{nodeid}".encode()) % int(count) == int(index)


def pytest_collection_modifyitems(config, items):
    share = os.environ.get(ENV, "")
    if not share:
        return
    kept = [item for item in items if keeps(item.nodeid, share)]
    dropped = [item for item in items if not keeps(item.nodeid, share)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    items[:] = kept
