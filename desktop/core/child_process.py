"""Child processes (the parse workers, the market source) end with the process that started them."""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading
import time


def exit_with_parent() -> None:
    """End this worker as soon as the process that started it is gone, however it went.

    The parent sentinel is the read end of the pipe the parent sent the start-up data through; the parent holds
    the only write end until it exits, so the sentinel becomes readable (EOF) exactly when the parent dies,
    SIGKILL included. A daemon thread waits on it and then calls os._exit: the main thread is blocked in the
    task queue and cannot be interrupted, and a normal exit would run finalizers that wait on the dead parent's
    queues. No cleanup is lost: a worker holds no state of its own (results go back through the parent, which
    alone writes the database)."""
    parent = multiprocessing.parent_process()
    sentinel = getattr(parent, "sentinel", None)
    if sentinel is not None:
        def watch() -> None:
            multiprocessing.connection.wait([sentinel])
            os._exit(0)
    else:   # not started by multiprocessing (never the case in the pool): fall back to noticing re-parenting
        ppid = os.getppid()

        def watch() -> None:
            while os.getppid() == ppid:
                time.sleep(1.0)
            os._exit(0)

    threading.Thread(target=watch, name="huohua-parent-watch", daemon=True).start()
