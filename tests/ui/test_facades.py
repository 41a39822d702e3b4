"""The typed façades (ui/facades.py, issue 25.3) hold both ways: every attribute the UI reads off a reader or a
market is declared on its Protocol, and the concrete class has each declared member with the same parameters."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

from desktop.runtime.market_requests import MarketRequests
from desktop.services.market_view import MarketView
from desktop.services.reader import ReaderService
from desktop.ui.facades import MarketReads, NewsReads

UI = Path(__file__).resolve().parents[2] / "desktop" / "ui"
# the names a façade goes by in the UI: ctx.reader, self.reader, self._market, a local `market = self.ctx.market`
ALIASES = {"reader": "reader", "_reader": "reader", "market": "market", "_market": "market"}
PROTOCOLS = {"reader": (NewsReads, ReaderService), "market": (MarketReads, MarketView)}


def used_attributes(root: Path) -> dict[str, dict[str, str]]:
    """façade → attribute → the first place that reads it."""
    used: dict[str, dict[str, str]] = {"reader": {}, "market": {}}
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Attribute):
                continue
            base = node.value
            name = base.attr if isinstance(base, ast.Attribute) else base.id if isinstance(base, ast.Name) else ""
            if name in ALIASES:
                used[ALIASES[name]].setdefault(node.attr, f"{path.relative_to(root.parent.parent)}:{node.lineno}")
    return used


def declared(protocol: type) -> set[str]:
    names = {n for n in vars(protocol) if not n.startswith("_")}
    return names | set(getattr(protocol, "__annotations__", {}))


@pytest.mark.parametrize("facade", sorted(PROTOCOLS))
def test_every_attribute_the_ui_reads_is_declared(facade):
    protocol, _concrete = PROTOCOLS[facade]
    missing = {a: where for a, where in used_attributes(UI)[facade].items() if a not in declared(protocol)}
    assert not missing, f"declare these on ui/facades.{protocol.__name__} (or stop reaching for them): {missing}"


@pytest.mark.parametrize("facade", sorted(PROTOCOLS))
def test_the_concrete_class_has_each_member_with_its_parameters(facade):
    protocol, concrete = PROTOCOLS[facade]
    for name in sorted(n for n in vars(protocol) if not n.startswith("_")):
        want = inspect.getattr_static(protocol, name)
        have = inspect.getattr_static(concrete, name, None)
        assert have is not None, f"{concrete.__name__} has no {name}, which {protocol.__name__} promises"
        if isinstance(want, property):
            assert isinstance(have, property), f"{concrete.__name__}.{name} is not a property"
            continue
        assert list(inspect.signature(have).parameters) == list(inspect.signature(want).parameters), \
            f"{concrete.__name__}.{name}{inspect.signature(have)} differs from the Protocol's {inspect.signature(want)}"


def test_an_undeclared_reach_is_reported(tmp_path):
    """The check above can fail: a widget reading reader.conn (not on NewsReads) is named with its line."""
    (tmp_path / "desktop" / "ui").mkdir(parents=True)
    bad = tmp_path / "desktop" / "ui" / "bad.py"
    bad.write_text("def f(ctx):\n    return ctx.reader.conn().execute('x')\n", encoding="utf-8")
    used = used_attributes(tmp_path / "desktop" / "ui")["reader"]
    assert used == {"conn": "desktop/ui/bad.py:2"} and "conn" not in declared(NewsReads)


def test_requests_keep_one_name_per_job():
    """No two unrelated methods share a name across the façades (two were both `follow`)."""
    names = [set(n for n in vars(c) if not n.startswith("_") and callable(getattr(c, n)))
             for c in (ReaderService, MarketView, MarketRequests)]
    assert not (names[1] & names[2]), names[1] & names[2]
    assert "follow" not in set().union(*names)
