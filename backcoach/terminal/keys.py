"""Single-key input from the terminal: cbreak mode with a select() timeout, always restored."""

from __future__ import annotations

import os
import select
import sys
import termios
import tty
from typing import IO, Protocol


class KeySource(Protocol):
    """Keys for the live screen; entered as a context manager while the screen runs."""

    def __enter__(self) -> KeySource: ...

    def __exit__(self, *exc: object) -> None: ...

    def read(self, timeout: float) -> str | None: ...


class TerminalKeys:
    """Reads one key at a time from a terminal without waiting for Enter.

    Use as a context manager: the terminal goes into cbreak mode (no echo, no line buffering;
    Ctrl-C still interrupts) and its settings are restored on exit, on errors and on Ctrl-C.
    On a non-terminal input (a pipe) keys are read as they come.
    """

    def __init__(self, stream: IO[str] | None = None) -> None:
        self._stream = stream or sys.stdin
        self._fd = self._stream.fileno()
        self._saved: list | None = None

    def __enter__(self) -> TerminalKeys:
        if os.isatty(self._fd):
            self._saved = termios.tcgetattr(self._fd)
            tty.setcbreak(self._fd, termios.TCSANOW)
        return self

    def __exit__(self, *exc: object) -> None:
        self.restore()

    def restore(self) -> None:
        """Put the terminal back as it was (safe to call twice)."""
        if self._saved is not None:
            termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved)
            self._saved = None

    def read(self, timeout: float) -> str | None:
        """One key, or None when nothing was pressed within `timeout` seconds.

        Escape sequences (arrow keys and the like) come back as "\\x1b" and are ignored by the
        player; end of input comes back as "q" (quit), so a closed terminal ends the session.
        """
        ready, _, _ = select.select([self._fd], [], [], timeout)
        if not ready:
            return None
        data = os.read(self._fd, 1)
        if not data:
            return "q"
        if data == b"\x1b":
            while select.select([self._fd], [], [], 0.01)[0]:   # drain the rest of the sequence
                if not os.read(self._fd, 16):
                    break
            return "\x1b"
        return data.decode("utf-8", errors="ignore")


class ScriptedKeys:
    """Keys from a list, for tests: each `read` returns the next key (None = a quiet tick)."""

    def __init__(self, keys: list[str | None]) -> None:
        self._keys = list(keys)

    def __enter__(self) -> ScriptedKeys:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def read(self, timeout: float) -> str | None:
        if not self._keys:
            return "q"
        return self._keys.pop(0)
