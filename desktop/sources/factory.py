"""`make_source`: the live akshare source (with the batched quote provider), recording, or a replay.

Its own module so that the protocol and code helpers (sources/market.py), which the concrete sources import,
never import a concrete source back (that was an import cycle).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.sources.akshare_source import AkshareSource
from desktop.sources.market import QuoteSource


def make_source(replay_dir: Path | None = None, record_dir: Path | None = None, *,
                settings: Any = None, paced: bool = False) -> QuoteSource:
    """Live akshare (+ batched quote provider), optionally recording every exchange, or a replayed recording."""
    return AkshareSource.create(replay_dir=replay_dir, record_dir=record_dir, settings=settings, paced=paced)
