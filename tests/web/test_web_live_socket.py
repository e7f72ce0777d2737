"""The live camera socket over loopback, driven by a real clip's frames (no browser): refusals,
and camera reps going into a running guided session's record."""

from __future__ import annotations

import json

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from backcoach.live import pack_frame, video_jpegs
from backcoach.session import evaluate_full, red_flags
from tests.web.clips import clip
from tests.web.conftest import BIRD_DOG

pytestmark = pytest.mark.video


def _ws(live_server, query: str):
    return connect(f"ws://127.0.0.1:{live_server.port}/ws/live?{query}", open_timeout=10,
                   max_size=2**22)


def _refused(ws) -> tuple[dict, int]:
    message = json.loads(ws.recv(timeout=30))
    with pytest.raises(ConnectionClosed) as closed:
        ws.recv(timeout=30)
    return message, closed.value.rcvd.code


def test_the_socket_refuses_what_it_cannot_coach(live_server):
    with _ws(live_server, "exercise=back-flips") as ws:
        message, code = _refused(ws)
    assert message["type"] == "error" and message["fatal"] and "back-flips" in message["message"]
    assert code == 4400
    with _ws(live_server, "session=999999") as ws:
        message, code = _refused(ws)
    assert message["message"] == "Session 999999 is not running here." and code == 4404
    with _ws(live_server, "") as ws:
        assert _refused(ws)[1] == 4400


def test_a_bad_frame_is_answered_and_the_socket_carries_on(live_server):
    with _ws(live_server, "exercise=heel-slides") as ws:
        assert json.loads(ws.recv(timeout=60))["type"] == "ready"
        ws.send(pack_frame(1, 0.0, b"not a jpeg"))
        error = json.loads(ws.recv(timeout=30))
        assert error == {"type": "error", "fatal": False,
                         "message": "a camera frame could not be decoded as a JPEG image"}
        t, jpeg = next(video_jpegs(clip(BIRD_DOG)))
        ws.send(pack_frame(2, t, jpeg))
        frame = json.loads(ws.recv(timeout=30))
        assert frame["type"] == "frame" and frame["seq"] == 2 and frame["exercise"] == "heel-slides"
        ws.send("hello")
        assert _refused(ws) == ({"type": "error", "fatal": True,
                                 "message": "Send camera frames as binary messages."}, 4400)


def test_camera_reps_over_the_socket_go_into_the_session(live_server, store):
    sessions = live_server.app.state.sessions
    cleared = evaluate_full({q.id: False for q in red_flags()})
    live = sessions.start(store, store.local_user(), ["lumbar-stabilization"], cleared,
                          pain_before=1)
    messages = []
    with _ws(live_server, f"session={live.id}") as ws:
        ready = json.loads(ws.recv(timeout=60))
        assert (ready["type"], ready["exercise"], ready["session"]) == (
            "ready", "lumbar-stabilization", live.id)
        for seq, (t, jpeg) in enumerate(video_jpegs(clip(BIRD_DOG)), 1):
            ws.send(pack_frame(seq, t, jpeg))
            messages.append(json.loads(ws.recv(timeout=30)))
    assert [m["seq"] for m in messages] == list(range(1, len(messages) + 1))
    assert sum(bool(m.get("session_changed")) for m in messages) == 2
    view = live.engine.view()
    assert sum(view.reps_by_side.values()) == 2 and view.reps_by_side == {"left": 1, "right": 1}
    live.command("quit")
    live.report_pain_after(1)
    stored = store.session_detail(live.id)
    sets = [s for g in stored["exercises"] for s in g["sets"]]
    assert sum(s["reps_done"] for s in sets) == 2
    assert all(s["source"] == "camera" for s in sets if s["reps_done"])
    assert sorted(r["side"] for s in sets for r in s["reps"]) == ["left", "right"]
    assert all(h > 0 for s in sets for h in s["holds"])   # the camera's measured holds
