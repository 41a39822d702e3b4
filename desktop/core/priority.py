"""Background threads and processes yield the CPU to the window's thread (Linux: per-thread nice values).

With two cores, parse workers, the writer and fetch threads otherwise compete on equal terms with the GUI
thread, and a repaint during a burst of new articles took 3–10× longer (bench/ui.py).
"""

from __future__ import annotations

import os
import threading

BACKGROUND_NICE = 10


def lower_this_thread(nice: int = BACKGROUND_NICE) -> None:
    """Lower the calling thread's scheduling priority; a no-op where the OS has no per-thread nice."""
    if not hasattr(os, "setpriority"):
        return
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + nice))
    except (OSError, AttributeError):
        pass
