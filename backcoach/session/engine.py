"""The guided-session engine: a pure state machine over a plan, driven by commands and a clock.

It walks exercise -> set -> side -> rep -> hold -> rest. Commands (`start`, `rep_done`, `tick`,
`pause`, `resume`, `next`, `skip`, `repeat`, `quit`, `report_pain`, `accept_easier`,
`report_pain_after`) return the events they caused; `view()` is a snapshot for drawing. Time
comes only from the injected clock (or an explicit `now`), so tests run instantly with a
FakeClock and the same engine drives the terminal, the web player and the camera coach.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from backcoach.session.clock import Clock
from backcoach.session.events import (
    Countdown,
    Cue,
    Decision,
    EasierOffer,
    Event,
    ExerciseCompleted,
    ExerciseStarted,
    PainReported,
    Paused,
    RepCompleted,
    RestStarted,
    SafetyStopped,
    SessionCompleted,
    SetCompleted,
)
from backcoach.session.pain import (
    PreviousSession,
    assess_after,
    assess_before,
    assess_pain,
    check_score,
    next_session_load,
)
from backcoach.session.plan import PlanItem, plan_item, scale_item, scale_plan
from backcoach.session.rules import SessionRules, load_rules
from backcoach.session.safety import ScreeningOutcome
from backcoach.session.state import Phase, SessionView, Step
from backcoach.store.records import DecisionRecord, PainRecord, SetRecord

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Rep:
    side: str | None
    t: float
    hold: float | None
    source: str
    record: dict[str, Any] | None


class SessionEngine:
    """Walks a plan; see the module docstring. Build one per session."""

    def __init__(
        self,
        plan: list[PlanItem],
        *,
        clock: Clock,
        rules: SessionRules | None = None,
    ) -> None:
        if not plan:
            raise ValueError("a session plan needs at least one exercise")
        self._plan = list(plan)
        self._clock = clock
        self._rules = rules or load_rules()
        self._steps = self._build_steps()
        self._phase = Phase.READY
        self._i = 0
        self._reps: list[_Rep] = []
        self._stopped_reps: list[_Rep] = []   # the set a pain stop ended, shown while stopped
        self._set_started = 0.0
        self._current_recorded = False
        self._phase_started = 0.0
        self._hold_total: float | None = None
        self._rest_total: float | None = None
        self._rest_after: int | None = None
        self._paused_from: Phase | None = None
        self._paused_at = 0.0
        self._last_whole: int | None = None
        self._announced: int | None = None
        self._set_counts: dict[tuple[str, str | None], int] = {}
        self._easier_used: set[str] = set()
        self._offer: EasierOffer | None = None
        self._baseline: int | None = None
        self._pain_last: int | None = None
        self._pain_after: int | None = None
        self._load_factor = 1.0
        self._message: str | None = None
        self._status: str | None = None
        self._sets_done = 0
        self._exercises_done: list[str] = []
        self._t0 = 0.0
        self._wall0 = datetime.now(UTC)

    # ----------------------------------------------------------------- properties
    @property
    def phase(self) -> Phase:
        return self._phase

    @property
    def status(self) -> str | None:
        """None while running; then "completed", "stopped" (safety) or "quit"."""
        return self._status

    @property
    def finished(self) -> bool:
        return self._phase is Phase.DONE

    @property
    def plan(self) -> list[PlanItem]:
        """The plan as it stands (after any load reduction or easier variant)."""
        return list(self._plan)

    @property
    def pain_before(self) -> int | None:
        return self._baseline

    @property
    def pain_after(self) -> int | None:
        return self._pain_after

    @property
    def offer(self) -> EasierOffer | None:
        return self._offer

    @property
    def started_at(self) -> datetime:
        return self._wall0

    def wall_time(self, t: float) -> datetime:
        """The wall-clock (UTC) time of engine time `t`."""
        return self._wall0 + timedelta(seconds=t - self._t0)

    # ----------------------------------------------------------------- commands
    def start(
        self,
        *,
        screening: ScreeningOutcome,
        pain_before: int | None = None,
        previous: PreviousSession | None = None,
        started_at: datetime | None = None,
        now: float | None = None,
    ) -> list[Event]:
        """Begin: a red flag or pain above the limit ends it here; worse pain lowers the load."""
        if self._phase is not Phase.READY:
            return []
        t = self._now(now)
        self._t0 = t
        self._wall0 = started_at or datetime.now(UTC)
        ev: list[Event] = []
        if pain_before is not None:
            check_score(pain_before, self._rules.pain)
            self._pain(ev, t, pain_before, "before")
        if not screening.cleared:
            self._decide(ev, t, "red_flag", screening.message)
            ev.append(SafetyStopped(t, "red_flag", screening.message, session_ends=True))
            self._end(ev, t, "stopped")
            return ev
        if pain_before is not None:
            verdict = assess_before(pain_before, self._rules.pain)
            if verdict is not None:
                self._decide(ev, t, "do_not_start", verdict.message)
                ev.append(SafetyStopped(t, "pain_before", verdict.message, session_ends=True))
                self._end(ev, t, "stopped")
                return ev
        self._baseline = pain_before
        load = next_session_load(pain_before, previous, self._wall0, self._rules.load)
        if load.lowered:
            self._plan = scale_plan(self._plan, load.factor)
            self._load_factor = load.factor
            self._steps = self._build_steps()
        if load.message:
            self._decide(ev, t, "lower_load" if load.lowered else "keep_load", load.message)
        self._enter(ev, t, 0)
        return ev

    def rep_done(
        self,
        *,
        source: str = "manual",
        hold_seconds: float | None = None,
        rep: dict[str, Any] | None = None,
        side: str | None = None,
        now: float | None = None,
    ) -> list[Event]:
        """A rep happened (key press or camera). With a hold to time, a manual press starts it;
        a press during the hold ends it early. A camera rep brings its own measured hold, and
        in an alternating set the side the camera saw (when that side still has reps to do)."""
        t = self._now(now)
        ev: list[Event] = []
        if self._phase is Phase.MOVE:
            item = self._item()
            if item.hold_seconds and hold_seconds is None and source == "manual":
                self._phase = Phase.HOLD
                self._phase_started = t
                self._hold_total = item.hold_seconds
                self._last_whole = math.ceil(item.hold_seconds)
                self._cue(ev, t, "hold", item.cues.get("hold") or self._rules.cues.hold)
                ev.append(Countdown(t, "hold", item.hold_seconds, item.hold_seconds))
                return ev
            self._complete_rep(ev, t, hold_seconds, source, rep, side)
        elif self._phase is Phase.HOLD:
            held = round(min(t - self._phase_started, self._hold_total or 0.0), 2)
            self._complete_rep(ev, t, held, source, rep, side)
        return ev

    def tick(self, now: float | None = None) -> list[Event]:
        """Advance timers: a finished hold completes its rep, a finished rest starts what's next."""
        t = self._now(now)
        ev: list[Event] = []
        if self._phase is Phase.HOLD and self._hold_total is not None:
            remaining = self._hold_total - (t - self._phase_started)
            if remaining <= 0:
                self._complete_rep(ev, t, self._hold_total, "manual", None)
            else:
                self._countdown(ev, t, "hold", remaining, self._hold_total)
        elif self._phase is Phase.REST and self._rest_total is not None:
            remaining = self._rest_total - (t - self._phase_started)
            if remaining <= 0:
                self._enter(ev, t, self._i)
            else:
                self._countdown(ev, t, "rest", remaining, self._rest_total)
        return ev

    def next(self, now: float | None = None) -> list[Event]:
        """End a rest early."""
        t = self._now(now)
        ev: list[Event] = []
        if self._phase is Phase.REST:
            self._enter(ev, t, self._i)
        return ev

    def pause(self, now: float | None = None) -> list[Event]:
        """Freeze hold and rest timers until `resume`."""
        t = self._now(now)
        if self._phase not in (Phase.MOVE, Phase.HOLD, Phase.REST):
            return []
        self._paused_from, self._paused_at = self._phase, t
        self._phase = Phase.PAUSED
        ev: list[Event] = [Paused(t, True)]
        self._cue(ev, t, "paused", self._rules.cues.paused)
        return ev

    def resume(self, now: float | None = None) -> list[Event]:
        """Carry on where the pause left off; timers lose none of their remaining time."""
        t = self._now(now)
        if self._phase is not Phase.PAUSED or self._paused_from is None:
            return []
        self._phase_started += t - self._paused_at
        self._phase, self._paused_from = self._paused_from, None
        ev: list[Event] = [Paused(t, False)]
        self._cue(ev, t, "resumed", self._rules.cues.resumed)
        self._message = None
        return ev

    def toggle_pause(self, now: float | None = None) -> list[Event]:
        return self.resume(now) if self._phase is Phase.PAUSED else self.pause(now)

    def skip(self, now: float | None = None) -> list[Event]:
        """Skip the current exercise (during a rest: the one coming up); its sets are recorded
        as skipped, with any reps already done."""
        t = self._now(now)
        if self._phase in (Phase.READY, Phase.DONE):
            return []
        ev: list[Event] = []
        item_idx = self._steps[self._i].item
        item = self._plan[item_idx]
        if not self._current_recorded:
            started = self._set_started if self._reps else t
            self._record(ev, t, self._steps[self._i], self._reps, started, skipped=True)
        for k in range(self._i + 1, len(self._steps)):
            if self._steps[k].item == item_idx:
                self._record(ev, t, self._steps[k], [], t, skipped=True)
        ev.append(ExerciseCompleted(t, item.exercise_id, skipped=True))
        self._cue(ev, t, "skipped", self._rules.cues.skipped.format(name=item.name))
        self._offer = None
        self._paused_from = None
        nxt = next((k for k in range(self._i + 1, len(self._steps))
                    if self._steps[k].item != item_idx), None)
        if nxt is None:
            self._end(ev, t, "completed")
        else:
            self._enter(ev, t, nxt)
        return ev

    def repeat(self, now: float | None = None) -> list[Event]:
        """Redo the current set from its first rep (during a rest: the set just finished)."""
        t = self._now(now)
        ev: list[Event] = []
        phase = self._active_phase()
        if phase in (Phase.MOVE, Phase.HOLD):
            self._paused_from = None
            self._enter(ev, t, self._i, again=True)
        elif phase is Phase.REST and self._rest_after is not None:
            self._paused_from = None
            self._enter(ev, t, self._rest_after, again=True)
        return ev

    def quit(self, now: float | None = None) -> list[Event]:
        """End the session now; a set in progress is kept with the reps done so far."""
        t = self._now(now)
        if self._phase is Phase.DONE:
            return []
        ev: list[Event] = []
        if self._active_phase() in (Phase.MOVE, Phase.HOLD) and self._reps:
            self._record(ev, t, self._steps[self._i], self._reps, self._set_started)
        status = "stopped" if self._phase is Phase.PAIN_STOP else "quit"
        self._cue(ev, t, "quit", self._rules.cues.quit)
        self._end(ev, t, status)
        return ev

    def report_pain(
        self, score: int, sharp_leg_pain: bool = False, now: float | None = None
    ) -> list[Event]:
        """Pain now (0-10). Above the limit, a rise over the start or leg pain stops the
        exercise and offers an easier variant; otherwise it says why carrying on is fine."""
        t = self._now(now)
        check_score(score, self._rules.pain)
        if self._phase in (Phase.READY, Phase.DONE):
            return []
        ev: list[Event] = []
        item = self._item()
        self._pain(ev, t, score, "during", item.exercise_id, sharp_leg_pain)
        verdict = assess_pain(score, self._baseline, sharp_leg_pain, self._rules.pain)
        if self._baseline is None:
            self._baseline = score
        if not verdict.stop:
            self._decide(ev, t, "continue", verdict.message, item.exercise_id)
            self._cue(ev, t, "pain", verdict.message)
            return ev
        self._stopped_reps = list(self._reps)
        if self._active_phase() in (Phase.MOVE, Phase.HOLD) and self._reps:
            self._record(ev, t, self._steps[self._i], self._reps, self._set_started)
            self._reps = []
        self._decide(ev, t, "stop_exercise", verdict.message, item.exercise_id)
        self._offer = self._make_offer(item)
        ev.append(SafetyStopped(t, f"pain_{verdict.reason}" if verdict.reason != "leg"
                                else "leg_pain", verdict.message, item.exercise_id, self._offer))
        self._cue(ev, t, "stop", verdict.message)
        self._phase, self._paused_from = Phase.PAIN_STOP, None
        return ev

    def accept_easier(self, now: float | None = None) -> list[Event]:
        """After a pain stop, carry on with the easier variant on offer."""
        t = self._now(now)
        if self._phase is not Phase.PAIN_STOP or self._offer is None:
            return []
        offer, self._offer = self._offer, None
        step = self._steps[self._i]
        old = self._plan[step.item]
        variant = self._rules.easier.variant_for(old.exercise_id)
        if offer.swap_to:
            base = plan_item(offer.swap_to, cues=self._rules.cues)
        else:
            base = old
        new = scale_item(
            base, 1.0, reps_factor=variant.reps_factor, hold_factor=variant.hold_factor,
            min_reps=self._rules.load.min_reps, min_hold_seconds=self._rules.load.min_hold_seconds,
        )
        new = replace(new, note=variant.text)
        self._plan[step.item] = new
        self._easier_used.update({old.exercise_id, new.exercise_id})
        self._steps = self._build_steps()
        same = [k for k, s in enumerate(self._steps)
                if s.item == step.item and s.set_no == step.set_no and s.sides == step.sides]
        first = next(k for k, s in enumerate(self._steps) if s.item == step.item)
        ev: list[Event] = []
        msg = self._rules.easier.messages.accepted.format(name=old.name)
        self._decide(ev, t, "easier_variant", msg, new.exercise_id)
        self._announced = None
        self._enter(ev, t, same[0] if same and not offer.swap_to else first)
        return ev

    def report_pain_after(self, score: int, now: float | None = None) -> list[Event]:
        """Pain after the session, judged against the start, in one sentence."""
        t = self._now(now)
        check_score(score, self._rules.pain)
        if self._phase is not Phase.DONE:
            return []
        ev: list[Event] = []
        self._pain_after = score
        self._pain(ev, t, score, "after")
        verdict = assess_after(score, self._baseline, self._rules.pain)
        self._decide(ev, t, "after_check", verdict.message)
        return ev

    # ----------------------------------------------------------------- view
    def view(self, now: float | None = None) -> SessionView:
        """A snapshot of where the session is, for drawing."""
        t = self._now(now)
        phase = self._active_phase()
        clock_t = self._paused_at if self._phase is Phase.PAUSED else t
        running = self._phase not in (Phase.READY, Phase.DONE)
        step = self._steps[self._i] if self._phase is not Phase.READY else None
        item = self._plan[step.item] if step else None
        hold_rem = rest_rem = None
        if phase is Phase.HOLD and self._hold_total is not None:
            hold_rem = max(0.0, self._hold_total - (clock_t - self._phase_started))
        if phase is Phase.REST and self._rest_total is not None:
            rest_rem = max(0.0, self._rest_total - (clock_t - self._phase_started))
        # While stopped for pain, the reps of the set the stop ended (already recorded).
        reps = self._stopped_reps if self._phase is Phase.PAIN_STOP else self._reps
        by_side: dict[str, int] = {}
        side = None
        if step and phase is not Phase.REST:
            for s in step.sides:
                by_side[s] = sum(1 for r in reps if r.side == s)
            side = self._next_side(step)
        elif step and step.sides:
            side = step.sides[0]
            by_side = {s: 0 for s in step.sides}
        if side is not None and by_side:
            done = by_side.get(side, 0)
        else:
            done = len(reps) if phase is not Phase.REST else 0
        return SessionView(
            phase=self._phase.value,
            paused=self._phase is Phase.PAUSED,
            exercise_id=item.exercise_id if item else None,
            exercise_name=item.name if item else None,
            instruction=item.instruction if item else None,
            note=item.note if item else None,
            exercise_index=step.item if step else 0,
            exercise_count=len(self._plan),
            side=side,
            mode=item.mode if item else None,
            set_no=step.set_no if step else 0,
            sets=item.sets if item else 0,
            reps_done=done,
            reps_target=item.reps if item else 0,
            reps_by_side=by_side,
            hold_total=self._hold_total if phase is Phase.HOLD else item.hold_seconds if item
            else None,
            hold_remaining=hold_rem,
            rest_total=self._rest_total if phase is Phase.REST else None,
            rest_remaining=rest_rem,
            next_up=self._next_up_label() if running else None,
            message=self._message,
            offer=self._offer.text if self._offer else None,
            pain_baseline=self._baseline,
            pain_last=self._pain_last,
            load_factor=self._load_factor,
            status=self._status,
            plan=[p.exercise_id for p in self._plan],
        )

    # ----------------------------------------------------------------- internals
    def _now(self, now: float | None) -> float:
        return self._clock.now() if now is None else float(now)

    def _item(self) -> PlanItem:
        return self._plan[self._steps[self._i].item]

    def _active_phase(self) -> Phase:
        return self._paused_from if self._phase is Phase.PAUSED and self._paused_from else (
            self._phase)

    def _build_steps(self) -> list[Step]:
        steps: list[Step] = []
        for n, item in enumerate(self._plan):
            for set_no in range(1, item.sets + 1):
                if item.mode == "per_side":
                    steps += [Step(n, set_no, (s,)) for s in item.sides]
                else:
                    steps.append(Step(n, set_no, tuple(item.sides)))
        return steps

    def _next_side(self, step: Step) -> str | None:
        """The side to move next: in an alternating set, the side with fewer reps so far."""
        if not step.sides:
            return None
        counts = [sum(1 for r in self._reps if r.side == s) for s in step.sides]
        if len(set(counts)) == 1:
            return step.sides[len(self._reps) % len(step.sides)]
        return step.sides[counts.index(min(counts))]

    def _rep_side(self, step: Step, seen: str | None) -> str | None:
        """The side a rep counts on: the side seen (camera) if it still has reps to do."""
        if seen in step.sides and len(step.sides) > 1:
            item = self._plan[step.item]
            if sum(1 for r in self._reps if r.side == seen) < item.reps:
                return seen
        return self._next_side(step)

    def _cue(self, ev: list[Event], t: float, what: str, text: str) -> None:
        ev.append(Cue(t, text, what))
        if what in ("stop", "pain", "skipped", "quit", "finished", "paused"):
            self._message = text

    def _decide(
        self, ev: list[Event], t: float, kind: str, message: str, exercise_id: str | None = None
    ) -> None:
        ev.append(Decision(t, DecisionRecord(kind, message, self.wall_time(t), exercise_id)))
        self._message = message

    def _pain(
        self, ev: list[Event], t: float, score: int, moment: str,
        exercise_id: str | None = None, sharp_leg_pain: bool = False,
    ) -> None:
        self._pain_last = score
        ev.append(PainReported(t, PainRecord(score, moment, self.wall_time(t), exercise_id,
                                             sharp_leg_pain)))

    def _countdown(self, ev: list[Event], t: float, phase: str, remaining: float,
                   total: float) -> None:
        whole = math.ceil(remaining)
        if whole != self._last_whole:
            self._last_whole = whole
            ev.append(Countdown(t, phase, remaining, total))

    def _enter(self, ev: list[Event], t: float, i: int, again: bool = False) -> None:
        """Start step `i`: announce a new exercise, then the set's first cue."""
        self._i = i
        self._phase = Phase.MOVE
        self._reps = []
        self._set_started = t
        self._current_recorded = False
        self._hold_total = self._rest_total = None
        self._rest_after = None
        self._offer = None
        step = self._steps[i]
        item = self._plan[step.item]
        c = self._rules.cues
        if self._announced != step.item:
            self._announced = step.item
            ev.append(ExerciseStarted(t, item.exercise_id, item.name, item.instruction,
                                      step.item, len(self._plan)))
            self._cue(ev, t, "exercise_start",
                      c.exercise_start.format(name=item.name, summary=item.instruction))
            if item.note:
                self._cue(ev, t, "note", item.note)
        if again:
            text = c.repeat.format(reps=item.reps)
        elif item.mode == "per_side":
            text = c.set_start_side.format(side=c.side(step.sides[0]).capitalize(),
                                           reps=item.reps)
        elif item.mode == "alternating":
            text = c.set_start_alternating.format(side=c.side(step.sides[0]), reps=item.reps)
        else:
            text = c.set_start.format(reps=item.reps)
        if item.sets > 1 and not again:
            text = c.set_number.format(set=step.set_no, sets=item.sets) + " " + text
        self._cue(ev, t, "set_start", text)
        if item.cues.get("start"):
            self._cue(ev, t, "start", item.cues["start"])

    def _complete_rep(
        self, ev: list[Event], t: float, hold: float | None, source: str,
        record: dict[str, Any] | None, seen_side: str | None = None,
    ) -> None:
        step = self._steps[self._i]
        item = self._plan[step.item]
        side = self._rep_side(step, seen_side)
        had_hold = self._phase is Phase.HOLD
        self._reps.append(_Rep(side, t, hold, source, record))
        self._hold_total = None
        count = sum(1 for r in self._reps if r.side == side)
        ev.append(RepCompleted(t, item.exercise_id, side, count, item.reps, hold, source))
        c = self._rules.cues
        if had_hold:
            end = item.cues.get("down") or item.cues.get("up") or c.hold_end
            self._cue(ev, t, "hold_end", end)
        if len(self._reps) >= item.reps_per_set:
            self._cue(ev, t, "rep", c.rep.format(count=count))
            self._finish_step(ev, t)
            return
        self._phase = Phase.MOVE
        if item.mode == "alternating":
            nxt = self._next_side(step)
            self._cue(ev, t, "rep", c.rep_next_side.format(count=count, side=c.side(nxt)))
        else:
            self._cue(ev, t, "rep", c.rep.format(count=count))

    def _record(
        self, ev: list[Event], t: float, step: Step, reps: list[_Rep], started: float,
        skipped: bool = False,
    ) -> None:
        """Emit SetCompleted for a step: one record per side (alternating: both)."""
        item = self._plan[step.item]
        sides: tuple[str | None, ...] = step.sides or (None,)
        for side in sides:
            mine = [r for r in reps if r.side == side]
            key = (item.exercise_id, side)
            self._set_counts[key] = self._set_counts.get(key, 0) + 1
            record = SetRecord(
                exercise_id=item.exercise_id,
                side=side,
                set_index=self._set_counts[key],
                reps_target=item.reps,
                reps_done=len(mine),
                started_at=self.wall_time(started),
                ended_at=self.wall_time(t),
                holds=[r.hold for r in mine if r.hold is not None],
                skipped=skipped,
                source="camera" if any(r.source == "camera" for r in mine) else "manual",
                reps=[r.record for r in mine if r.record is not None],
            )
            if not skipped:
                self._sets_done += 1
            ev.append(SetCompleted(t, record))
        if step == self._steps[self._i]:
            self._current_recorded = True

    def _finish_step(self, ev: list[Event], t: float) -> None:
        step = self._steps[self._i]
        item = self._plan[step.item]
        self._record(ev, t, step, self._reps, self._set_started)
        j = self._i + 1
        if j >= len(self._steps) or self._steps[j].item != step.item:
            ev.append(ExerciseCompleted(t, item.exercise_id))
            self._exercises_done.append(item.exercise_id)
        if j >= len(self._steps):
            self._cue(ev, t, "finished", self._rules.cues.finished)
            self._end(ev, t, "completed")
            return
        if item.rest_seconds <= 0:
            self._enter(ev, t, j)
            return
        finished = self._i
        self._i = j
        self._reps = []
        self._current_recorded = False
        self._phase = Phase.REST
        self._phase_started = t
        self._rest_total = item.rest_seconds
        self._rest_after = finished
        self._last_whole = math.ceil(item.rest_seconds)
        label = self._next_up_label() or ""
        ev.append(RestStarted(t, item.rest_seconds, label))
        c = self._rules.cues
        self._cue(ev, t, "rest", c.rest.format(seconds=f"{item.rest_seconds:g}"))
        nxt = self._steps[j]
        if nxt.item != step.item:
            self._cue(ev, t, "next", c.next_exercise.format(name=self._plan[nxt.item].name))
        elif nxt.set_no != step.set_no:
            self._cue(ev, t, "next", c.next_set.format(set=nxt.set_no))
        else:
            self._cue(ev, t, "next", c.next_side.format(side=c.side(nxt.sides[0])))
        ev.append(Countdown(t, "rest", item.rest_seconds, item.rest_seconds))

    def _next_up_label(self) -> str | None:
        """During a rest: what the rest leads to; otherwise the next exercise."""
        c = self._rules.cues
        if self._phase is Phase.REST or self._paused_from is Phase.REST:
            nxt = self._steps[self._i]
            prev = self._steps[self._rest_after] if self._rest_after is not None else None
            if prev is None or nxt.item != prev.item:
                return self._plan[nxt.item].name
            if nxt.set_no != prev.set_no:
                return f"set {nxt.set_no}"
            return f"{c.side(nxt.sides[0])} side"
        cur = self._steps[self._i].item
        later = next((s.item for s in self._steps[self._i:] if s.item != cur), None)
        return self._plan[later].name if later is not None else None

    def _make_offer(self, item: PlanItem) -> EasierOffer | None:
        if item.exercise_id in self._easier_used:
            return None
        variant = self._rules.easier.variant_for(item.exercise_id)
        base = plan_item(variant.exercise, cues=self._rules.cues) if variant.exercise else item
        scaled = scale_item(
            base, 1.0, reps_factor=variant.reps_factor, hold_factor=variant.hold_factor,
            min_reps=self._rules.load.min_reps, min_hold_seconds=self._rules.load.min_hold_seconds,
        )
        text = self._rules.easier.messages.offer.format(variant=variant.text)
        return EasierOffer(item.exercise_id, text, scaled.reps, scaled.hold_seconds,
                           variant.exercise)

    def _end(self, ev: list[Event], t: float, status: str) -> None:
        self._phase = Phase.DONE
        self._paused_from = None
        self._status = status
        self._offer = None
        ev.append(SessionCompleted(t, status, self.wall_time(t), self._sets_done,
                                   list(self._exercises_done)))
