"""Live guided sessions: one session engine per running session, held by this web process.

The engine (backcoach.session) does all the walking and the safety rules; this module only
keeps one engine per session id, feeds it commands under a lock, ticks it before each one, stores
what it reports through the SessionRecorder (every finished set is committed at once), and
numbers its events so a page can fetch the ones it has not seen (to show and to speak).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

from backcoach.errors import SafetyStop
from backcoach.session import (
    Clock,
    Event,
    MonotonicClock,
    PreviousSession,
    ScreeningOutcome,
    SessionEngine,
    SessionRecorder,
    build_plan,
    event_to_dict,
)

if TYPE_CHECKING:
    from backcoach.store import Store

log = logging.getLogger(__name__)

Command = Literal[
    "rep", "pause", "resume", "toggle_pause", "next", "skip", "repeat", "quit", "accept_easier"
]
MAX_LOG = 500  # events kept per session for pages that reconnect
IDLE_LIMIT_S = 12 * 3600  # a session nobody has touched for this long is let go (it is stored)
# After a pain stop the page asks for this much rest, then a fresh pain rating the engine judges
# fine, before it offers the easier way (the stop message says to rest for a few minutes).
STOP_REST_S = 120.0


class NotYet(SafetyStop):
    """The easier way was asked for before the rest and a fresh pain rating after a stop."""


def _parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def previous_session(store: Store, user_id: int) -> PreviousSession | None:
    """What the next-session load rule needs from the user's last session, if any."""
    last = store.last_session(user_id)
    started = _parse_time(last["started_at"]) if last else None
    if last is None or started is None:
        return None
    return PreviousSession(pain_before=last["pain_before"], started_at=started)


@dataclass
class LiveSession:
    """One running session: its engine, its recorder and the numbered log of its events."""

    id: int
    engine: SessionEngine
    recorder: SessionRecorder
    log: list[dict[str, Any]] = field(default_factory=list)
    seq: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    ended_at_start: bool = False       # a red flag or high pain ended it before any exercise
    touched: float = field(default_factory=time.monotonic)  # real time of the last request
    clock: Clock = field(default_factory=MonotonicClock)
    begun: bool = False                # the person has pressed or reported something
    stopped_at: float | None = None    # clock time of the latest pain stop
    rated_ok: bool = False             # a pain rating since that stop did not stop again

    def _take(self, events: list[Event]) -> None:
        self.touched = time.monotonic()
        self.recorder.record(events)
        for event in events:
            if event.kind == "safety_stop" and not getattr(event, "session_ends", False):
                self.stopped_at, self.rated_ok = self.clock.now(), False
            self.seq += 1
            self.log.append({"seq": self.seq, **event_to_dict(event)})
        if len(self.log) > MAX_LOG:
            del self.log[: len(self.log) - MAX_LOG]

    def stop_rest_remaining(self) -> float | None:
        """Seconds of rest still asked for after a pain stop (None when not stopped)."""
        if self.engine.view().phase != "pain_stop" or self.stopped_at is None:
            return None
        return max(0.0, STOP_REST_S - (self.clock.now() - self.stopped_at))

    def can_carry_on(self) -> bool:
        """After a pain stop: rested, and a fresh pain rating the engine judged fine."""
        return self.stop_rest_remaining() == 0.0 and self.rated_ok

    def tick(self) -> None:
        with self.lock:
            self._take(self.engine.tick())

    def command(self, command: Command) -> None:
        """Run one player command (after ticking the timers)."""
        with self.lock:
            self.begun = True
            self._take(self.engine.tick())
            if command == "accept_easier" and self.engine.view().phase == "pain_stop" and (
                    not self.can_carry_on()):
                raise NotYet("Rest first, then rate your pain again: the easier way opens when "
                             "it has settled.")
            commands: dict[str, Callable[[], list[Event]]] = {
                "rep": self.engine.rep_done,
                "pause": self.engine.pause,
                "resume": self.engine.resume,
                "toggle_pause": self.engine.toggle_pause,
                "next": self.engine.next,
                "skip": self.engine.skip,
                "repeat": self.engine.repeat,
                "quit": self.engine.quit,
                "accept_easier": self.engine.accept_easier,
            }
            self._take(commands[command]())

    def camera_exercise(self) -> str | None:
        """The exercise the camera should coach now (None once the session is over)."""
        with self.lock:
            return None if self.engine.finished else self.engine.view().exercise_id

    def camera_rep(self, rep: dict[str, Any], hold_seconds: float | None) -> bool:
        """A rep the camera counted: into the engine (and so the record) as a camera rep.
        False when the engine was not waiting for a rep (resting, paused, stopped)."""
        with self.lock:
            self.begun = True
            self._take(self.engine.tick())
            events = self.engine.rep_done(
                source="camera", hold_seconds=hold_seconds, rep=rep, side=rep.get("side")
            )
            self._take(events)
            return bool(events)

    def report_pain(self, score: int, sharp_leg_pain: bool = False) -> None:
        with self.lock:
            self.begun = True
            self._take(self.engine.tick())
            stopped = self.engine.view().phase == "pain_stop"
            events = self.engine.report_pain(score, sharp_leg_pain)
            self._take(events)
            if stopped and not any(e.kind == "safety_stop" for e in events):
                self.rated_ok = True

    def report_pain_after(self, score: int) -> None:
        """Pain after the session: judged by the engine, then stored on the session."""
        with self.lock:
            if not self.engine.finished:
                self._take(self.engine.quit())
            self._take(self.engine.report_pain_after(score))
            self.recorder.finish(score)

    def events_since(self, seq: int) -> list[dict[str, Any]]:
        return [e for e in self.log if e["seq"] > seq]


class LiveSessions:
    """The running guided sessions of this process, by session id."""

    def __init__(self, clock: Clock | None = None) -> None:
        self.clock: Clock = clock or MonotonicClock()
        self._live: dict[int, LiveSession] = {}
        self._lock = threading.Lock()

    def start(
        self,
        store: Store,
        user_id: int,
        exercise_ids: list[str],
        screening: ScreeningOutcome,
        pain_before: int | None = None,
    ) -> LiveSession:
        """Create the session row, start its engine (which may stop it at once) and keep it."""
        plan = build_plan(exercise_ids)
        previous = previous_session(store, user_id)
        started_at = datetime.now(UTC)
        sid = store.start_session(
            user_id, [p.exercise_id for p in plan], started_at, pain_before=pain_before
        )
        engine = SessionEngine(plan, clock=self.clock)
        live = LiveSession(sid, engine, SessionRecorder(store, sid), clock=self.clock)
        with live.lock:
            live._take(
                engine.start(
                    screening=screening,
                    pain_before=pain_before,
                    previous=previous,
                    started_at=started_at,
                )
            )
            live.ended_at_start = engine.finished
        with self._lock:
            self._prune()
            self._live[sid] = live
        log.info("session %s started: %s", sid, ", ".join(p.exercise_id for p in plan))
        return live

    def _prune(self) -> None:
        """Let go of sessions that are over (pain after given) or idle for IDLE_LIMIT_S."""
        now = time.monotonic()
        for sid, live in list(self._live.items()):
            over = live.engine.finished and live.engine.pain_after is not None
            if over or now - live.touched > IDLE_LIMIT_S:
                del self._live[sid]

    def get(self, sid: int) -> LiveSession | None:
        with self._lock:
            return self._live.get(sid)

    def drop(self, sid: int) -> None:
        with self._lock:
            self._live.pop(sid, None)

    def close_all(self) -> None:
        with self._lock:
            self._live.clear()
