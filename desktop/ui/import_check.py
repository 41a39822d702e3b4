"""PySide6's check of every import, made cheap (first paint, issue 28).

Once PySide6.QtCore is imported, PySide replaces `__import__` and, after every import in the process, asks
`shibokensupport.feature._mod_uses_pyside(module)` whether the module's source mentions "PySide6" (for its opt-in
`from __feature__ import snake_case`). It answers with `inspect.getsource`, whose `inspect.getmodule` walks all of
`sys.modules` on each call: ~10 ms over the ~110 modules the window imports before its first paint (measured:
median 84.5 → 73.0 ms for the imports, 12 alternating runs). Reading the file and looking for the same bytes gives
the same answer for every module (checked over all of them: tests/ui/test_import_check.py). Huohua uses no
`__feature__`; the answer only has to stay right for code that would.

An internal of PySide6: if it is not there (another version), nothing is changed.
"""

from __future__ import annotations

import sys
from types import ModuleType

_REAL = "_mod_uses_pyside"


def uses_pyside(module: ModuleType) -> bool:
    """What PySide's own check answers: the module's source file mentions PySide6 (no source file: False)."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def lighten() -> bool:
    """Installs the cheap check; False when PySide's internal is not where 6.x keeps it."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, _REAL, None)):
        return False
    setattr(feature, _REAL, uses_pyside)
    return True
