"""The analysis API: analyzers for every exercise, events streamed as frames arrive, the result."""

from __future__ import annotations

import json

import pytest

from backcoach.catalog.loader import EXERCISE_IDS, get_exercise, load_catalog
from backcoach.errors import UnknownExerciseError
from backcoach.motion.analysis import analyze_frames, make_analyzer
from backcoach.motion.analyzers import ANALYZERS
from backcoach.motion.events import FormCue, FrameStatus, HoldProgress, RepCompleted, event_to_dict
from backcoach.motion.synth import SynthSpec, generate


def test_every_catalogue_exercise_has_its_analyzer():
    for exercise in load_catalog().values():
        assert exercise.camera.analyzer in ANALYZERS
        analyzer = make_analyzer(exercise.id, width=1280, height=720, fps=30)
        assert analyzer.reps == [] and isinstance(analyzer.status, FrameStatus)


def test_unknown_exercise():
    with pytest.raises(UnknownExerciseError):
        make_analyzer("cartwheels", width=640, height=480, fps=30)
    with pytest.raises(UnknownExerciseError):
        analyze_frames([], "cartwheels", fps=30, width=640, height=480)


def test_reps_stream_out_as_they_happen_not_at_the_end():
    rec = generate(SynthSpec(exercise="heel-slides", reps=2, side="left"))
    analyzer = make_analyzer("heel-slides", width=rec.width, height=rec.height, fps=rec.fps)
    seen_at = []
    for frame in rec.frames:
        for event in analyzer.update(frame):
            if isinstance(event, RepCompleted):
                seen_at.append((frame.t, event.rep))
    assert analyzer.finish(rec.frames[-1].t) == []
    assert len(seen_at) == 2
    for (t, rep), truth in zip(seen_at, rec.truth["reps"], strict=True):
        assert rep.side == "left"
        assert t < truth["end"] + 1.0           # announced within a second of the rep ending
        assert t < rec.frames[-1].t - 0.5
    assert [r.index for r in analyzer.reps] == [1, 2]


def test_hold_progress_counts_up_towards_the_catalogue_hold():
    rec = generate(SynthSpec(exercise="straight-leg-raises", reps=1, side="right"))
    events = []
    analyze_frames(rec.frames, "straight-leg-raises", fps=rec.fps, width=rec.width,
                   height=rec.height, on_event=events.append)
    holds = [e for e in events if isinstance(e, HoldProgress)]
    assert len(holds) >= 8
    assert all(h.target == get_exercise("straight-leg-raises").dosage.hold_seconds.min
               for h in holds)
    assert all(h.side == "right" for h in holds)
    elapsed = [h.elapsed for h in holds]
    assert elapsed == sorted(elapsed) and elapsed[-1] >= 8.5


def test_fault_cue_uses_the_catalogue_text_and_is_recorded_on_the_rep():
    rec = generate(SynthSpec(exercise="straight-leg-raises", reps=2, side="left",
                             faults={"bent_knee": [2]}))
    events = []
    result = analyze_frames(rec.frames, "straight-leg-raises", fps=rec.fps, width=rec.width,
                            height=rec.height, on_event=events.append)
    cues = [e for e in events if isinstance(e, FormCue) and e.cue == "bent_knee"]
    assert len(cues) == 1
    assert cues[0].text == get_exercise("straight-leg-raises").camera.faults["bent_knee"]
    assert [r.faults for r in result.reps] == [(), ("bent_knee",)]
    assert cues[0].t >= result.reps[0].end


def test_on_frame_sees_the_measurement_of_every_frame():
    rec = generate(SynthSpec(exercise="wall-squats", reps=1))
    statuses = []
    analyze_frames(rec.frames, "wall-squats", fps=rec.fps, width=rec.width, height=rec.height,
                   on_frame=lambda frame, status: statuses.append((frame.t, status)))
    assert len(statuses) == len(rec.frames)
    assert all(s.t == t for t, s in statuses)
    knee = [s.value for _, s in statuses if s.value is not None]
    assert min(knee) < 145 and max(knee) > 170
    assert statuses[-1][1].count == 1
    assert any(s.hold_elapsed and s.hold_elapsed > 3 for _, s in statuses)


def test_result_dict_is_json_ready_with_the_contract_keys():
    rec = generate(SynthSpec(exercise="lumbar-stabilization", reps=1, side="right"))
    d = analyze_frames(rec.frames, "lumbar-stabilization", fps=rec.fps, width=rec.width,
                       height=rec.height).to_dict()
    json.dumps(d)
    for key in ("exercise", "count", "count_by_side", "reps", "frames", "frames_with_person",
                "warnings"):
        assert key in d
    assert d["count"] == 2 and d["count_by_side"] == {"left": 1, "right": 1}
    assert [r["side"] for r in d["reps"]] == ["right", "left"]
    for rep in d["reps"]:
        for key in ("side", "start", "end", "peak_angle", "hold_seconds", "tempo_seconds",
                    "faults"):
            assert key in rep
        assert rep["end"] > rep["start"] and rep["hold_seconds"] > 1.5
    assert d["frames"] == d["frames_with_person"] == len(rec.frames)


def test_two_footed_exercises_count_both():
    for exercise in ("ankle-pumps", "wall-squats"):
        rec = generate(SynthSpec(exercise=exercise, reps=2))
        result = analyze_frames(rec.frames, exercise, fps=rec.fps, width=rec.width,
                                height=rec.height)
        assert result.count_by_side == {"both": 2}
        assert all(r.side is None for r in result.reps)


def test_events_serialise():
    rec = generate(SynthSpec(exercise="ankle-pumps", reps=2, faults={"small_range": [1]}))
    events = []
    analyze_frames(rec.frames, "ankle-pumps", fps=rec.fps, width=rec.width, height=rec.height,
                   on_event=events.append)
    kinds = [event_to_dict(e)["kind"] for e in events]
    assert kinds.count("rep") == 2 and "cue" in kinds


def test_catalogue_ids_all_analysed_without_error_on_an_empty_stream():
    for exercise_id in EXERCISE_IDS:
        result = analyze_frames([], exercise_id, fps=30, width=640, height=480)
        assert result.count == 0 and result.frames == 0
