"""props(): Qt properties and signal connections set right after construction, typed.

PySide6 takes them as constructor keywords (`QLabel(self, objectName="x", wordWrap=True)`), but its type stubs
declare no such keywords, so a type checker rejects every such call. `props(QLabel(self), objectName="x",
wordWrap=True)` does what those keywords do, in the same order, and returns the object with its own type: for a
property, PySide6 calls the setter `set<Name>(value)`; for a signal, it connects the value; any other name is
an error (AttributeError here; PySide6 raises one too).
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject, SignalInstance

QObjectT = TypeVar("QObjectT", bound=QObject)


def props(obj: QObjectT, /, **properties: object) -> QObjectT:
    meta = obj.metaObject()
    for name, value in properties.items():
        if meta.indexOfProperty(name) != -1:
            getattr(obj, f"set{name[0].upper()}{name[1:]}")(value)
        elif isinstance(signal := getattr(obj, name, None), SignalInstance):
            signal.connect(value)
        else:
            raise AttributeError(f"{type(obj).__name__} has no Qt property or signal {name!r}")
    return obj
