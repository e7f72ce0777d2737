"""The recorder writes every set, pain report and decision to a real store as it happens."""

from __future__ import annotations

from backcoach.session import SessionRecorder
from tests.session.helpers import T0, press, started


def test_a_session_with_a_pain_stop_and_a_skip_reads_back_from_history(store):
    uid = store.local_user()
    engine, clock, ev = started(["heel-slides", "ankle-pumps"], pain_before=3)
    sid = store.start_session(uid, engine.view().plan, T0, pain_before=3)
    recorder = SessionRecorder(store, sid)
    recorder.record(ev)
    recorder.record(press(engine, clock, 10))              # left side: stored at once
    mid = store.session_detail(sid)
    assert mid["status"] == "interrupted"
    assert [(s["side"], s["reps_done"]) for s in mid["exercises"][0]["sets"]] == [("left", 10)]
    recorder.record(engine.next())
    recorder.record(press(engine, clock, 2))
    recorder.record(engine.report_pain(7))                 # stop: the 2 reps are kept
    recorder.record(engine.skip())
    recorder.record(press(engine, clock, 10))
    assert engine.status == "completed"
    recorder.record(engine.report_pain_after(4))
    recorder.finish(engine.pain_after)

    item = store.history(uid)[0]
    assert item["status"] == "completed" and (item["pain_before"], item["pain_after"]) == (3, 4)
    by_ex = {e["exercise_id"]: e["sets"] for e in item["exercises"]}
    assert [(s["side"], s["set_index"], s["reps_done"], s["skipped"])
            for s in by_ex["heel-slides"]] == [
        ("left", 1, 10, False), ("right", 1, 2, False)]     # the stopped set, then skipped on
    assert [(s["reps_done"], s["skipped"]) for s in by_ex["ankle-pumps"]] == [(10, False)]
    assert [(p["moment"], p["score"]) for p in item["pain"]] == [
        ("before", 3), ("during", 7), ("after", 4)]
    kinds = [d["kind"] for d in item["decisions"]]
    assert kinds == ["stop_exercise", "after_check"]
    assert item["ended_at"] is not None
