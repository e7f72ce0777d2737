"""What each key does in the terminal player: a pure mapping from keys to engine commands."""

from __future__ import annotations

from dataclasses import dataclass

from backcoach.session import Event, Phase, SessionEngine

LEGEND: list[tuple[str, str]] = [
    ("space", "rep done"),
    ("p", "pause"),
    ("s", "skip"),
    ("r", "repeat set"),
    ("n", "end rest"),
    ("0-9", "pain now"),
    ("!", "pain 0-10"),
    ("l", "leg pain"),
    ("q", "quit"),
]
STOP_LEGEND: list[tuple[str, str]] = [
    ("e", "easier variant"),
    ("s", "skip to the next exercise"),
    ("q", "end the session"),
]


@dataclass
class Controls:
    """Turns keys into engine commands; `!` opens a pain entry that takes 0-10 and Enter."""

    engine: SessionEngine
    entry: str | None = None       # digits typed after `!`, None when not entering pain

    def press(self, key: str) -> list[Event]:
        if self.entry is not None:
            return self._entry_key(key)
        e = self.engine
        if key in (" ", "\n", "\r"):
            return e.rep_done()
        if key.isdigit():
            return e.report_pain(int(key))
        handlers = {
            "p": e.toggle_pause,
            "s": e.skip,
            "r": e.repeat,
            "n": e.next,
            "q": e.quit,
            "e": e.accept_easier,
        }
        key = key.lower()
        if key in handlers:
            return handlers[key]()
        if key == "!":
            self.entry = ""
        elif key == "l":
            view = e.view()
            score = view.pain_last if view.pain_last is not None else view.pain_baseline or 0
            return e.report_pain(score, sharp_leg_pain=True)
        return []

    def _entry_key(self, key: str) -> list[Event]:
        assert self.entry is not None
        if key.isdigit() and len(self.entry) < 2:
            candidate = self.entry + key
            if int(candidate) <= 10:
                self.entry = candidate
            return []
        if key in ("\x7f", "\b"):
            self.entry = self.entry[:-1]
            return []
        if key in ("\n", "\r") and self.entry:
            score, self.entry = int(self.entry), None
            return self.engine.report_pain(score)
        if key in ("\x1b", "!") or (key in ("\n", "\r") and not self.entry):
            self.entry = None
        return []

    @property
    def legend(self) -> list[tuple[str, str]]:
        if self.engine.phase is Phase.PAIN_STOP:
            return STOP_LEGEND
        if self.engine.phase is Phase.PAUSED:
            return [("p", "resume") if key == "p" else (key, what) for key, what in LEGEND]
        return LEGEND
