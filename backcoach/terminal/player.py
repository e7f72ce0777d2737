"""The guided session in a terminal: safety screen, pain before, the live screen, pain after.

`play_session` runs the whole flow against a Store; `live_session` is the key-driven loop over
a SessionEngine (keys and clock are injected, so tests can drive it without a terminal).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from rich.console import Console
from rich.live import Live
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backcoach.errors import SafetyStop
from backcoach.session import (
    Clock,
    Countdown,
    Cue,
    Decision,
    Event,
    MonotonicClock,
    Phase,
    PlanItem,
    PreviousSession,
    ScreeningOutcome,
    SessionEngine,
    SessionRecorder,
    Speaker,
    brief_question,
    describe_item,
    evaluate_brief,
    evaluate_full,
    load_rules,
    needs_full_screen,
)
from backcoach.store.records import SetRecord
from backcoach.terminal.controls import Controls
from backcoach.terminal.keys import KeySource
from backcoach.terminal.prompts import ask_pain, ask_yes_no
from backcoach.terminal.render import PANEL_WIDTH, render_view
from backcoach.words import times

log = logging.getLogger(__name__)

PAIN_BEFORE_Q = "How bad is your back pain right now, from 0 (none) to 10 (worst imaginable)?"
PAIN_AFTER_Q = "And now, after the session: your back pain from 0 to 10?"
SPOKEN_COUNTDOWN = 3      # say the last seconds of a hold
REDRAW_IDLE_POLLS = 5     # with nothing happening, redraw every fifth poll only
TIMED = (Phase.HOLD, Phase.REST)


def _utcnow() -> datetime:
    return datetime.now(UTC)


def run_screen(
    console: Console, store, user_id: int, *, full: bool, at: datetime | None = None
) -> ScreeningOutcome:
    """Ask the full red-flag screen or the brief check, store the answers, say the outcome."""
    data = load_rules().screening
    if full:
        console.print(Panel(f"{data.intro}\n\n[dim]{data.disclaimer}[/]", title=data.title,
                            width=min(console.width, PANEL_WIDTH)))
        answers = {q.id: ask_yes_no(console, q.question) for q in data.questions}
        outcome = evaluate_full(answers, data)
    else:
        console.print(f"[dim]{data.disclaimer}[/]")
        outcome = evaluate_brief(ask_yes_no(console, brief_question(data)), data)
    store.record_screening(user_id, outcome.kind, outcome.answers, outcome.cleared,
                           at or _utcnow())
    style = "green" if outcome.cleared else "bold red"
    console.print(Text(outcome.message, style=style))
    return outcome


def previous_session(store, user_id: int) -> PreviousSession | None:
    """The last session's pain before and start time, for the next-morning load rule."""
    last = store.last_session(user_id)
    if last is None or last.get("started_at") is None:
        return None
    return PreviousSession(last.get("pain_before"), datetime.fromisoformat(last["started_at"]))


def spoken_text(events: Iterable[Event]) -> str:
    """What to say for a batch of events: their cues, and the last seconds of a hold."""
    parts: list[str] = []
    for e in events:
        if isinstance(e, Cue):
            parts.append(e.text)
        elif isinstance(e, Countdown) and e.phase == "hold" and e.remaining < e.total:
            whole = int(-(-e.remaining // 1))
            if 0 < whole <= SPOKEN_COUNTDOWN:
                parts.append(str(whole))
    return " ".join(parts)


def live_session(
    engine: SessionEngine,
    keys: KeySource,
    *,
    console: Console,
    on_events: Callable[[list[Event]], None],
    speaker: Speaker,
    poll: float = 0.1,
    notice: str | None = None,
) -> None:
    """Run the live screen until the session ends: read keys, tick timers, redraw."""
    controls = Controls(engine)
    width = min(console.width, PANEL_WIDTH)

    def draw():
        return render_view(engine.view(), controls.legend, entry=controls.entry, notice=notice,
                           width=width)

    def handle(events: list[Event]) -> None:
        if events:
            on_events(events)
            said = spoken_text(events)
            if said:
                speaker.say(said)

    with keys, Live(draw(), console=console, auto_refresh=False, transient=False) as live:
        idle = 0
        try:
            while not engine.finished:
                key = keys.read(poll)
                events = controls.press(key) if key else []
                events += engine.tick()
                handle(events)
                idle = 0 if key or events else idle + 1
                if idle % REDRAW_IDLE_POLLS == 0 or engine.phase in TIMED:
                    live.update(draw(), refresh=True)
        except KeyboardInterrupt:
            handle(engine.quit())
            live.update(draw(), refresh=True)


def set_done_text(s: SetRecord) -> str:
    """One set as a person reads it: "2 of 10", or "skipped"."""
    return "skipped" if s.skipped else f"{s.reps_done} of {s.reps_target}"


def summary_table(plan: list[PlanItem], sets: list[SetRecord]) -> Table:
    """One row per set, under its exercise: a stopped set and the easier set after it stay
    separate ("2 of 10", then "1 of 5"), never summed."""
    from backcoach.catalog import get_exercise

    table = Table(title="Session summary")
    for name in ("exercise", "planned", "set", "done", "holds"):
        table.add_column(name)
    items = {p.exercise_id: p for p in plan}
    order = dict.fromkeys([p.exercise_id for p in plan] + [s.exercise_id for s in sets])
    for ex_id in order:
        item = items.get(ex_id)
        name = item.name if item else get_exercise(ex_id).name
        planned = describe_item(item) if item else "-"
        mine = [s for s in sets if s.exercise_id == ex_id]
        if not mine:
            table.add_row(name, planned, "-", "-", "-")
        for n, s in enumerate(mine):
            holds = s.holds if not s.skipped else []
            hold_text = f"{len(holds)} x {sum(holds) / len(holds):.1f} s" if holds else "-"
            table.add_row(name if n == 0 else "", planned if n == 0 else "",
                          f"{s.set_index}{' ' + s.side if s.side else ''}",
                          set_done_text(s), hold_text)
    return table


def _print_decisions(console: Console, events: list[Event], skip: set[str]) -> None:
    for e in events:
        if isinstance(e, Decision) and e.record.kind not in skip:
            style = "red" if e.record.kind in ("do_not_start", "stop_exercise") else "yellow"
            console.print(Text(e.message, style=style))


def play_session(
    console: Console,
    store,
    plan: list[PlanItem],
    *,
    keys: KeySource,
    speaker: Speaker,
    clock: Clock | None = None,
    now: Callable[[], datetime] = _utcnow,
    force_full_screen: bool = False,
    notice: str | None = None,
) -> int:
    """The whole terminal session; returns the exit code (SafetyStop's when safety stopped it)."""
    user_id = store.local_user()
    full = force_full_screen or needs_full_screen(
        store.last_screening(user_id, "full"), store.last_screening(user_id, "brief"), now()
    )
    outcome = run_screen(console, store, user_id, full=full, at=now())
    engine = SessionEngine(plan, clock=clock or MonotonicClock())
    pain_before = previous = None
    if outcome.cleared:
        pain_before = ask_pain(console, PAIN_BEFORE_Q)
        previous = previous_session(store, user_id)
    started_at = now()
    sid = store.start_session(user_id, [p.exercise_id for p in plan], started_at, pain_before)
    recorder = SessionRecorder(store, sid)
    events = engine.start(screening=outcome, pain_before=pain_before, previous=previous,
                          started_at=started_at)
    recorder.record(events)
    _print_decisions(console, events, skip={"red_flag"})
    if engine.finished:
        return SafetyStop.exit_code
    console.print("[dim]The plan:[/] " + ", ".join(f"{p.name} ({describe_item(p)})"
                                                  for p in engine.plan))
    collected: list[Event] = list(events)

    def on_events(batch: list[Event]) -> None:
        recorder.record(batch)
        collected.extend(batch)

    live_session(engine, keys, console=console, on_events=on_events, speaker=speaker,
                 notice=notice)
    speaker.close()
    pain_after = ask_pain(console, PAIN_AFTER_Q)
    after = engine.report_pain_after(pain_after)
    recorder.record(after)
    recorder.finish(pain_after)
    console.print(summary_table(engine.plan, recorder.sets))
    stops = [e for e in collected if isinstance(e, Decision) and e.record.kind == "stop_exercise"]
    if stops:
        console.print(f"[red]Stopped for pain {times(len(stops))} during the session.[/]")
    _print_decisions(console, after, skip=set())
    console.print(f"Saved as session {sid} ({engine.status}). See it with `backcoach history`.")
    return 0
