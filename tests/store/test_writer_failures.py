"""One failing operation leaves a line in the log naming it, whoever submitted it (issue 25, item 1): a caller
that drops the future still leaves a trace. Its neighbours in the batch are committed."""

from __future__ import annotations

import logging

import pytest

from desktop.core.errors import StoreError, WriterClosed
from desktop.store.writer import Writer


def test_a_failing_operation_is_logged_with_its_name(tmp_path, caplog):
    def put_note(conn):
        conn.execute("INSERT INTO meta (key, value) VALUES ('note', 'kept')")

    def break_the_rules(conn):
        raise ValueError("a bug in this operation")

    with Writer(tmp_path / "huohua.db") as writer:
        kept, broken = writer.submit(put_note), writer.submit(break_the_rules)
        with pytest.raises(ValueError):
            broken.result(10)
        kept.result(10)
        assert writer.call(lambda c: c.execute("SELECT value FROM meta WHERE key = 'note'").fetchone()[0]) == "kept"
    lines = [r for r in caplog.records if r.name == "desktop.store.writer" and r.levelno == logging.WARNING]
    assert len(lines) == 1
    assert "break_the_rules" in lines[0].getMessage() and "a bug in this operation" in lines[0].getMessage()


def test_a_write_after_close_is_refused_as_the_writer_closing(tmp_path):
    writer = Writer(tmp_path / "huohua.db").start()
    writer.close()
    with pytest.raises(WriterClosed) as err:
        writer.submit(lambda c: None)
    assert isinstance(err.value, StoreError)         # what callers catching StoreError already handle
