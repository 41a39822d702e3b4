"""A market call that ends at its deadline names what its last try met (issue 22): akshare's retry loops keep
trying a refused or unresolvable connection until the deadline, and "no answer within 15 s" alone read as a
slow server, never as offline."""

from __future__ import annotations

import socket
import time

import pytest
import requests

from desktop.core.error_kinds import kind_of
from desktop.core.errors import SourceError
from desktop.core.status import is_connection_error

from .conftest import make_source


def closed_port() -> int:
    with socket.socket() as s:            # nobody listens there once it is closed: connection refused
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("limit", [0.6, 1.5])
def test_a_retry_loop_that_ends_at_the_deadline_says_why(limit):
    port = closed_port()

    def retrying(_ak):                     # akshare's 财联社 and board crawls retry like this
        while True:
            try:
                return requests.get(f"http://127.0.0.1:{port}/api", timeout=5).text
            except requests.RequestException:
                time.sleep(0.05)

    src = make_source(deadline_s=limit)
    try:
        with pytest.raises(SourceError) as err:
            src.call(retrying, "快讯 财联社 电报", akshare=False)
    finally:
        src.close()
    text = str(err.value)
    assert text.startswith("快讯 财联社 电报: ") and "the last try: cannot connect" in text, text
    assert "Connection refused" in text and kind_of(text) == "refused" and is_connection_error(text)
