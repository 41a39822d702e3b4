"""An app that ends itself with os._exit while a child is being spawned must not leave the child to die loudly.

Seen once in the full run under load (tests/ui/test_help_and_quit.py, SIGTERM and SIGINT to the demo): a child
printed "EOFError: Ran out of input" from multiprocessing's spawn_main on the app's stderr — its start-up data never
fully arrived. Every spawn of ours runs inside `child_process.spawning()` and every os._exit of ours first calls
`wait_for_spawns()`. (A simulation — the exit between the child's exec and the write — did not make the child print:
it ended silently, so the race is not reproduced here; these tests hold the guard in place.)"""

from __future__ import annotations

import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_our_exits_and_spawns_go_through_the_guard():
    """The places that end the process at once, and those that start children, use the guard."""
    src = {p: (ROOT / p).read_text(encoding="utf-8") for p in (
        "desktop/gui_main.py", "desktop/runtime/signals.py", "desktop/sources/process_source.py",
        "desktop/services/parse_pool.py")}
    assert "wait_for_spawns(" in src["desktop/gui_main.py"] and "wait_for_spawns(" in src["desktop/runtime/signals.py"]
    assert "with spawning():" in src["desktop/sources/process_source.py"]
    assert "with spawning():" in src["desktop/services/parse_pool.py"]


def test_wait_for_spawns_waits_for_a_start_in_flight_and_no_longer():
    from desktop.core.child_process import spawning, wait_for_spawns

    assert wait_for_spawns(0.01)                  # nothing in flight: at once
    release = threading.Event()

    def start():
        with spawning():
            release.wait(5)

    t = threading.Thread(target=start)
    t.start()
    time.sleep(0.05)
    assert not wait_for_spawns(0.05)              # a start in flight: the exit waits (here: gives up)
    release.set()
    assert wait_for_spawns(2.0)
    t.join(5)
