"""A new listing or a rename from the live universe reaches the company-link dictionary."""

from __future__ import annotations

from desktop.core import clock
from desktop.core.market import Stock
from desktop.core.normalize import normalize
from desktop.services.market_service import seed_bundled_stocks
from desktop.store import market_store as ms


def codes(core, text: str) -> list[str]:
    return [link.code for link in core.tagger().companies.link(normalize(text))]


def test_new_listing_and_rename_are_linked_after_a_refresh(core):
    from desktop.config import resources_dir

    now = int(clock.now())
    core.writer.call(lambda c: seed_bundled_stocks(c, resources_dir() / "stocks", now))
    core.invalidate_tagger()
    assert codes(core, "星火储能发布公告") == []
    core.writer.call(lambda c: ms.upsert_stocks(c, [Stock("301999", "星火储能", "SZ", "电池"),
                                                    Stock("300750", "宁德新能", "SZ", "电池")], now))
    core.invalidate_tagger()
    assert codes(core, "星火储能发布公告") == ["301999"]          # new listing
    assert codes(core, "宁德新能签下大单") == ["300750"]          # new name
    assert codes(core, "宁德时代签下大单") == ["300750"]          # the old name still links (former name)


def test_the_tagger_and_the_workers_spec_share_one_read_of_the_names(core):
    """Each read of the stock table made its own copy of every name (issue 28: ~2.5 MiB held twice)."""
    from desktop.config import resources_dir

    now = int(clock.now())
    core.writer.call(lambda c: seed_bundled_stocks(c, resources_dir() / "stocks", now))
    core.invalidate_tagger()
    spec = core.tagger_spec()
    assert spec.stocks is not None and len(spec.stocks) > 1000
    assert core.tagger_spec().stocks is spec.stocks
    assert core.tagger() is not None and core.tagger_spec().stocks is spec.stocks
    core.writer.call(lambda c: ms.upsert_stocks(c, [Stock("301999", "星火储能", "SZ", "电池")], now))
    core.invalidate_tagger()                                    # a new universe: read again
    fresh = core.tagger_spec().stocks
    assert fresh is not spec.stocks and "星火储能" in {s.name for s in fresh}
