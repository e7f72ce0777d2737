"""Guided sessions: the pure session engine and the safety (pain and red-flag) rules.

    plan = build_plan(["ankle-pumps", "heel-slides"])          # or build_plan() for all nine
    engine = SessionEngine(plan, clock=MonotonicClock())
    events = engine.start(screening=evaluate_full(answers), pain_before=2)
    events += engine.rep_done(); events += engine.tick()      # ... then engine.view() to draw
"""

from backcoach.session.clock import Clock, FakeClock, MonotonicClock
from backcoach.session.engine import SessionEngine
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
    event_to_dict,
)
from backcoach.session.pain import (
    LoadVerdict,
    PainVerdict,
    PreviousSession,
    assess_after,
    assess_before,
    assess_pain,
    next_session_load,
)
from backcoach.session.plan import ItemOverride, PlanItem, build_plan, describe_item, scale_plan
from backcoach.session.recorder import SessionRecorder
from backcoach.session.rules import SessionRules, is_one_sentence, load_rules
from backcoach.session.safety import (
    ScreeningOutcome,
    brief_question,
    evaluate_brief,
    evaluate_full,
    needs_full_screen,
    red_flags,
)
from backcoach.session.speaker import (
    EspeakSpeaker,
    NullSpeaker,
    RecordingSpeaker,
    Speaker,
    make_speaker,
)
from backcoach.session.state import Phase, SessionView, Step

__all__ = [
    "Clock",
    "Countdown",
    "Cue",
    "Decision",
    "EasierOffer",
    "EspeakSpeaker",
    "Event",
    "ExerciseCompleted",
    "ExerciseStarted",
    "FakeClock",
    "ItemOverride",
    "LoadVerdict",
    "MonotonicClock",
    "NullSpeaker",
    "PainReported",
    "PainVerdict",
    "Paused",
    "Phase",
    "PlanItem",
    "PreviousSession",
    "RecordingSpeaker",
    "RepCompleted",
    "RestStarted",
    "SafetyStopped",
    "ScreeningOutcome",
    "SessionCompleted",
    "SessionEngine",
    "SessionRecorder",
    "SessionRules",
    "SessionView",
    "SetCompleted",
    "Speaker",
    "Step",
    "assess_after",
    "assess_before",
    "assess_pain",
    "brief_question",
    "build_plan",
    "describe_item",
    "evaluate_brief",
    "evaluate_full",
    "event_to_dict",
    "is_one_sentence",
    "load_rules",
    "make_speaker",
    "needs_full_screen",
    "next_session_load",
    "red_flags",
    "scale_plan",
]
