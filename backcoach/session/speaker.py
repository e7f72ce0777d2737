"""Speakers for spoken cues: espeak-ng (non-blocking), a silent one and a recording one."""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Callable, Sequence
from typing import Protocol

log = logging.getLogger(__name__)

ESPEAK_MISSING = "voice cues need espeak-ng: apt-get install espeak-ng"


class Speaker(Protocol):
    """Says a cue out loud without blocking the caller."""

    def say(self, text: str) -> None: ...

    def close(self) -> None: ...


class NullSpeaker:
    """Says nothing."""

    def say(self, text: str) -> None:
        return None

    def close(self) -> None:
        return None


class RecordingSpeaker:
    """Keeps what it was asked to say, for tests."""

    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)

    def close(self) -> None:
        return None


class EspeakSpeaker:
    """Speaks through an `espeak-ng` subprocess; a new cue cuts off one still being spoken."""

    def __init__(
        self,
        executable: str = "espeak-ng",
        *,
        extra_args: Sequence[str] = (),
        words_per_minute: int = 150,
    ) -> None:
        path = shutil.which(executable)
        if path is None:
            raise FileNotFoundError(ESPEAK_MISSING)
        self._cmd = [path, "-s", str(words_per_minute), *extra_args]
        self._proc: subprocess.Popen[bytes] | None = None

    def say(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        self._stop_current()
        try:
            self._proc = subprocess.Popen(
                [*self._cmd, "--", text],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError as exc:  # the binary vanished or cannot run: carry on silently
            log.warning("espeak-ng could not run: %s", exc)
            self._proc = None

    def wait(self, timeout: float | None = None) -> int | None:
        """Wait for the cue being spoken to end (tests use this); its exit code."""
        if self._proc is None:
            return None
        return self._proc.wait(timeout=timeout)

    def _stop_current(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=1)
            except subprocess.TimeoutExpired:
                self._proc.kill()
        self._proc = None

    def close(self) -> None:
        self._stop_current()


def make_speaker(voice: bool, warn: Callable[[str], None] | None = None) -> Speaker:
    """The espeak-ng speaker when `voice` is on and espeak-ng is installed, else a silent one.

    When voice is asked for but espeak-ng is missing, `warn` receives a plain message saying how
    to install it, and the session carries on silently.
    """
    if not voice:
        return NullSpeaker()
    try:
        return EspeakSpeaker()
    except FileNotFoundError:
        if warn is not None:
            warn(ESPEAK_MISSING)
        log.info(ESPEAK_MISSING)
        return NullSpeaker()
