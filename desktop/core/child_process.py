"""Child processes (the parse workers, the market source) end with the process that started them."""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

# Starts in flight (spawning): a process that ends itself with os._exit while a child is being spawned leaves
# the child reading its start-up data from a pipe whose writer is gone — it dies printing "EOFError: Ran out of
# input" from multiprocessing's spawn_main on the app's stderr (seen when SIGTERM met the demo's market process
# starting). The exits wait for the starts (wait_for_spawns) for a moment.
_spawn_lock = threading.Lock()
_spawns = 0
_no_spawn = threading.Event()
_no_spawn.set()


@contextmanager
def spawning() -> Iterator[None]:
    """Around `Process.start()` (or a pool call that may spawn): the start-up data is written when it returns."""
    global _spawns
    with _spawn_lock:
        _spawns += 1
        _no_spawn.clear()
    try:
        yield
    finally:
        with _spawn_lock:
            _spawns -= 1
            if _spawns == 0:
                _no_spawn.set()


def wait_for_spawns(timeout: float = 2.0) -> bool:
    """Before os._exit: let a child being started receive its start-up data (True), or give up after `timeout`."""
    return _no_spawn.wait(timeout)


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
