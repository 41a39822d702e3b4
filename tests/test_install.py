"""A plain `pip install .` carries every package and the resources the app reads at run time."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_package_is_listed():
    listed = set(config()["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "desktop").rglob("__init__.py")}
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    assert "desktop._resources" in listed


def test_resources_the_app_reads_are_package_data():
    globs = config()["package-data"]["desktop._resources"]
    needed = ["feeds.opml", "themes.toml", "aliases.toml", "common_word_names.toml", "stocks/a_shares.csv",
              "stocks/a_shares_ext.csv", "demo/exchanges.jsonl", "demo/meta.json", "demo/news.xml",
              "translations/huohua_en.qm"]
    for rel in needed:
        assert (ROOT / "resources" / rel).exists(), rel
        assert any(fnmatch.fnmatch(rel, g) for g in globs), f"{rel} would be missing from a wheel"
