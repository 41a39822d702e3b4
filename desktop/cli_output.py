"""One output filter for every CLI command (issue 24): stdout and stderr pass through core.terminal, so a name,
title or 快讯 from outside can never drive the user's terminal. `--json` output keeps valid JSON (\\uXXXX escapes
that decode to the same text)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from desktop.core.terminal import for_json, for_terminal


class FilteredStream:
    """A text stream that cleans what is written to it and forwards everything else to the real one."""

    def __init__(self, stream: TextIO, clean: Callable[[str], str]):
        self._stream = stream
        self._clean = clean

    def write(self, text: str) -> int:
        self._stream.write(self._clean(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:      # flush, fileno, buffer, encoding, isatty …
        return getattr(self._stream, name)


@contextmanager
def filtered(json_mode: bool) -> Iterator[None]:
    """stdout (JSON-safe when `json_mode`) and stderr filtered for the duration of a command."""
    out, err = sys.stdout, sys.stderr
    if out is not None:
        sys.stdout = FilteredStream(out, for_json if json_mode else for_terminal)
    if err is not None:
        sys.stderr = FilteredStream(err, for_terminal)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
