"""Moves the wall clock of every Python process started with this folder on PYTHONPATH (scripts/clock_matrix.py).

HUOHUA_TEST_WALL_CLOCK_OFFSET=<seconds>: time.time(), datetime.now() and the rest read the computer's clock plus
the offset, advancing in real time (time-machine, tick=True); the monotonic clock is left alone, so deadlines,
timeouts and sleeps behave. A test's child processes inherit the variable and this folder (tests/procs.child_env
keeps PYTHONPATH), so a CLI subprocess is moved by the same offset: one shifted wall clock for the whole tree,
as libfaketime's relative offset would give, without faking the monotonic clock. Not part of Huohua: only the
clock matrix puts it on the path.
"""

import os

_offset = os.environ.get("HUOHUA_TEST_WALL_CLOCK_OFFSET")
if _offset:
    import time

    import time_machine

    _traveller = time_machine.travel(time.time() + float(_offset), tick=True)
    _traveller.start()
