"""The log's guards (issue 24): a failure in a loop is written once a minute with a count of the ones left out
(the window wrote ~80 tracebacks a minute, 126 KB/min), and the file rotates by size while the app runs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from desktop.runtime.log_files import RepeatFilter, SizeRotatingFileHandler, guard


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def logged():
    clock = Clock()
    sink = Lines()
    sink.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    guard(sink, clock=clock)
    logger = logging.getLogger("huohua.test.repeats")
    logger.addHandler(sink)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    yield logger, sink.lines, clock
    logger.removeHandler(sink)
    logger.propagate = True
    logger.setLevel(logging.NOTSET)


def test_a_repeated_error_is_written_once_a_minute_with_a_count(logged):
    log, lines, clock = logged
    for _ in range(80):                                   # a failure every 5 s … at 16 a second
        log.warning("market quotes failed: %s", "OverflowError")
        clock.t += 0.75
    assert lines == ["WARNING market quotes failed: OverflowError"]
    clock.t += 1.0                                        # 61 s after the first
    log.warning("market quotes failed: %s", "OverflowError")
    assert lines[1] == "WARNING market quotes failed: OverflowError [79 more in the last 60 s not logged]"
    log.warning("market quotes failed: %s", "OverflowError")
    assert len(lines) == 2


def test_different_messages_and_lower_levels_pass(logged):
    log, lines, _clock = logged
    for code in ("300750", "601012", "300750"):
        log.warning("dropped %s", code)
    for _ in range(3):
        log.info("fetched 12 quotes")
    assert lines == ["WARNING dropped 300750", "WARNING dropped 601012"] + ["INFO fetched 12 quotes"] * 3


def test_tracebacks_in_a_loop_are_one_a_minute(logged):
    log, lines, clock = logged
    for i in range(50):
        try:
            raise OverflowError(f"Python int too large to convert to SQLite INTEGER ({i})")
        except OverflowError as exc:
            log.error("unhandled %s", type(exc).__name__, exc_info=True)
        clock.t += 1.0
    assert len(lines) == 1 and "Traceback" in lines[0]


def test_the_filter_forgets_old_messages_when_full():
    f = RepeatFilter(clock=lambda: 0.0, max_keys=10)
    for i in range(100):
        assert f.filter(logging.LogRecord("x", logging.WARNING, __file__, 1, f"message {i}", None, None))
    assert len(f._seen) <= 10


def test_the_file_rotates_while_running(tmp_path: Path):
    path = tmp_path / "huohua.log"
    handler = SizeRotatingFileHandler(path, max_bytes=2_000, backups=3)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("huohua.test.rotation")
    log.addHandler(handler)
    log.propagate = False
    try:
        for i in range(400):
            log.warning("line %04d %s", i, "x" * 40)
    finally:
        log.removeHandler(handler)
        log.propagate = True
        handler.close()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["huohua.log", "huohua.log.1", "huohua.log.2", "huohua.log.3"]
    assert all((tmp_path / name).stat().st_size <= 2_000 for name in files)
    assert "line 0399" in path.read_text(encoding="utf-8")
    kept = "".join((tmp_path / n).read_text(encoding="utf-8") for n in reversed(files))
    numbers = [int(ln.split()[1]) for ln in kept.splitlines()]
    assert numbers == sorted(numbers) and numbers[-1] == 399      # newest last, nothing shuffled


def test_setup_logging_rotates_and_limits(tmp_path: Path):
    pytest.importorskip("PySide6")
    from desktop.runtime.errors import setup_logging

    path = tmp_path / "logs" / "huohua.log"
    root = logging.getLogger()
    before = list(root.handlers)
    level = root.level
    assert setup_logging(path, max_bytes=3_000) is None
    try:
        for i in range(200):
            logging.getLogger("huohua.test.setup").warning("poll %d failed", i)   # all different: kept
        for _ in range(200):
            logging.getLogger("huohua.test.setup").error("the same failure")       # one line
    finally:
        for h in root.handlers[:]:
            if h not in before:
                root.removeHandler(h)
                h.close()
        root.setLevel(level)
    assert (path.parent / "huohua.log.1").exists() and path.stat().st_size <= 3_000
    text = "".join(p.read_text(encoding="utf-8") for p in path.parent.iterdir())
    assert text.count("the same failure") == 1 and "poll 199 failed" in text
