"""Market fixtures: no network (responses intercepts every requests call), no real sleeping, fake clocks."""

from __future__ import annotations

import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
import responses

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop.config import Settings  # noqa: E402
from desktop.core.market_hours import SHANGHAI  # noqa: E402
from desktop.sources.akshare_source import AkshareSource  # noqa: E402
from desktop.sources.rate_limit import HostLimits  # noqa: E402
from desktop.sources.recorder import Tap  # noqa: E402
from desktop.store.writer import Writer  # noqa: E402
from scripts.make_demo import DEMO_NOW, EXTRA_CODES, FakeMarket, bundled_universe  # noqa: E402

SH = SHANGHAI


def pytest_configure(config: pytest.Config) -> None:
    # akshare 1.19.5 uses pandas' inplace=, deprecated in pandas 3.1: its warning, not ours.
    import pandas

    if hasattr(pandas.errors, "Pandas4Warning"):     # pandas 2 (which akshare allows) has no such class
        config.addinivalue_line("filterwarnings", "ignore::pandas.errors.Pandas4Warning")


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH)


@pytest.fixture(autouse=True)
def slept(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every sleep anywhere (akshare's page delays, retries, our limiter) is recorded, not slept."""
    calls: list[float] = []
    monkeypatch.setattr(time, "sleep", lambda s: calls.append(s))
    return calls


@pytest.fixture
def rsps():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture(scope="session")
def small_market_spec() -> list[tuple[str, str, str]]:
    return bundled_universe(("电池", "光伏设备"), EXTRA_CODES + ("002230", "688256", "300308", "601012"))


@pytest.fixture
def market(rsps, small_market_spec) -> FakeMarket:
    fm = FakeMarket(small_market_spec, history_days=40,
                    concepts={"储能": (["300750", "300274"], ("电池",)), "人工智能": (["002230"], ("电池",))})
    fm.register(rsps)
    return fm


def make_source(**kw) -> AkshareSource:
    kw.setdefault("wall_clock", DEMO_NOW.timestamp)
    return AkshareSource(Tap(HostLimits.unlimited()), **kw)


@pytest.fixture
def source():
    src = make_source()
    yield src
    src.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings.toml")


@pytest.fixture
def writer(tmp_path: Path):
    w = Writer(tmp_path / "db" / "huohua.sqlite3", tmp_path / "backups").start()
    yield w
    w.close()
