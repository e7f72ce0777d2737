"""Builders for session engine tests: a cleared screen, an engine on a fake clock, drivers."""

from __future__ import annotations

from datetime import UTC, datetime

from backcoach.session import (
    Decision,
    Event,
    FakeClock,
    RepCompleted,
    SessionEngine,
    SetCompleted,
    build_plan,
    evaluate_full,
    red_flags,
)

T0 = datetime(2025, 3, 10, 8, 30, tzinfo=UTC)


def cleared():
    return evaluate_full({q.id: False for q in red_flags()})


def started(ids: list[str], *, pain_before: int | None = 2, **plan_kw):
    """An engine on a FakeClock, started with a cleared screen; returns (engine, clock, events)."""
    clock = FakeClock()
    engine = SessionEngine(build_plan(ids, **plan_kw), clock=clock)
    events = engine.start(screening=cleared(), pain_before=pain_before, started_at=T0)
    return engine, clock, events


def of(events: list[Event], kind: type) -> list:
    return [e for e in events if isinstance(e, kind)]


def sets(events: list[Event]):
    return [e.record for e in of(events, SetCompleted)]


def reps(events: list[Event]) -> list[RepCompleted]:
    return of(events, RepCompleted)


def decisions(events: list[Event]):
    return [e.record for e in of(events, Decision)]


def press(engine: SessionEngine, clock: FakeClock, n: int, gap: float = 1.0) -> list[Event]:
    """Press 'rep done' n times, `gap` seconds apart, ticking in between."""
    out: list[Event] = []
    for _ in range(n):
        clock.advance(gap)
        out += engine.tick()
        out += engine.rep_done()
    return out


def run_for(engine: SessionEngine, clock: FakeClock, seconds: float, step: float = 0.25):
    """Tick the engine every `step` seconds for `seconds`."""
    out: list[Event] = []
    end = clock.now() + seconds
    while clock.now() + step <= end + 1e-9:
        clock.advance(step)
        out += engine.tick()
    return out
