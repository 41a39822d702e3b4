"""akshare without importing all of it: its package imports ~390 modules (every data source it knows, with lxml,
bs4, html5lib…) for the dozen functions we call — ~27 MiB of the market process (docs/PERFORMANCE.md).

`install()` puts in sys.modules an `akshare` package object whose __init__ has not run: a function is imported
from its own submodule on first use (`ak.stock_zh_a_hist` → akshare.stock_feature.stock_hist_em), found in the
`from … import …` lines of akshare's __init__.py, read as text (that file holds only those lines, docstrings and
`__all__`). Anything unexpected (no such file, a shape we do not know) falls back to the real import.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import logging
import sys
import threading
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
_lock = threading.Lock()


def install() -> Any:
    """The `akshare` module in sys.modules (lazy when possible); idempotent."""
    with _lock:
        mod = sys.modules.get("akshare")
        if mod is not None:
            return mod
        try:
            return _lazy_package()
        except Exception as exc:    # akshare's layout changed: the whole package, as before
            log.debug("akshare imported whole (%s)", exc)
            sys.modules.pop("akshare", None)
            import akshare

            return akshare


def _lazy_package() -> Any:
    spec = importlib.util.find_spec("akshare")
    if spec is None or not spec.origin or not spec.submodule_search_locations:
        raise ImportError("akshare is not a package on disk")
    where: dict[str, tuple[str, str]] = {}
    for node in ast.parse(Path(spec.origin).read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.level in (0, 1):
            module = node.module if node.level == 0 else f"akshare.{node.module}"   # `from .exceptions import …`
            if not module.startswith("akshare."):
                raise ImportError(f"akshare/__init__.py imports from {module}")
            for alias in node.names:
                where[alias.asname or alias.name] = (module, alias.name)
        elif not isinstance(node, (ast.Import, ast.Expr, ast.Assign)):
            raise ImportError(f"akshare/__init__.py runs code we do not know ({type(node).__name__})")
    if len(where) < 100:
        raise ImportError("akshare/__init__.py imports fewer functions than expected")
    pkg = importlib.util.module_from_spec(spec)      # the package object; its __init__ is not executed
    pkg.__dict__["__all__"] = sorted(where)       # (a module's names live in its __dict__; PEP 562 below)

    def __getattr__(name: str) -> Any:
        try:
            module, attr = where[name]
        except KeyError:
            raise AttributeError(f"module 'akshare' has no attribute {name!r}") from None
        value = getattr(importlib.import_module(module), attr)
        setattr(pkg, name, value)
        return value

    pkg.__dict__["__getattr__"] = __getattr__
    sys.modules["akshare"] = pkg
    return pkg
