"""The JSON API behind the pages, over loopback HTTP: documented, validated, driving the engine."""

from __future__ import annotations

import httpx
import pytest

from backcoach.catalog import EXERCISE_IDS
from backcoach.session import evaluate_brief


@pytest.fixture
def http(live_server):
    with httpx.Client(base_url=live_server.url, timeout=10) as client:
        yield client


def test_every_json_route_is_documented_with_a_response_schema(http):
    spec = http.get("/api/openapi.json").json()
    operations = [
        (path, method, op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
    ]
    assert all(path.startswith("/api/") for path, _, _ in operations)  # pages stay out
    expected = {
        ("/api/exercises", "get"),
        ("/api/exercises/{exercise_id}", "get"),
        ("/api/sessions/{sid}", "get"),
        ("/api/sessions/{sid}/commands", "post"),
        ("/api/sessions/{sid}/pain", "post"),
        ("/api/sessions/{sid}/pain-after", "post"),
        ("/api/sessions/{sid}/record", "get"),
        ("/api/analyses", "post"),
        ("/api/analyses", "get"),
        ("/api/analyses/{job_id}", "get"),
        ("/api/progress", "get"),
    }
    assert expected <= {(p, m) for p, m, _ in operations}
    for path, method, op in operations:
        ok = next(code for code in op["responses"] if code.startswith("2"))
        schema = op["responses"][ok]["content"]["application/json"]["schema"]
        assert schema.get("$ref") or schema.get("items", {}).get("$ref"), (path, method)
        assert op.get("summary"), (path, method)
    assert http.get("/api/docs").status_code == 200


def test_exercises_json(http):
    items = http.get("/api/exercises").json()
    assert [i["id"] for i in items] == list(EXERCISE_IDS)
    slr = http.get("/api/exercises/straight-leg-raises").json()
    assert (slr["reps"], slr["per_side"], slr["hold_seconds"]) == (
        10, True, {"min": 10.0, "max": 10.0}
    )
    assert slr["distances"][0]["min_in"] == 6 and slr["distances"][0]["max_cm"] == 30
    assert slr["illustrations"]["rep"] == "/illustrations/straight-leg-raises-rep.svg"
    missing = http.get("/api/exercises/cartwheels")
    assert missing.status_code == 404
    assert "ankle-pumps" in missing.json()["detail"]


def test_unknown_sessions_and_bad_input_are_clear_errors(http):
    gone = http.get("/api/sessions/987654")
    assert gone.status_code == 404 and "not running" in gone.json()["detail"]
    assert http.get("/api/sessions/987654/record").status_code == 404
    page = http.get("/session/987654/summary")
    assert page.status_code == 404 and "987654" in page.text
    assert http.get("/illustrations/..%2Fschema.py").status_code == 404


def test_a_session_driven_over_the_api_is_stored(http, live_server, store):
    sessions = live_server.app.state.sessions
    user = store.local_user()
    live = sessions.start(store, user, ["ankle-pumps"], evaluate_brief(False), pain_before=1)
    first = http.get(f"/api/sessions/{live.id}").json()
    assert first["view"]["phase"] == "move" and first["view"]["reps_target"] == 10
    cues = [e["text"] for e in first["events"] if e["kind"] == "cue"]
    assert cues[0].startswith("Ankle pumps.")
    seen = first["last_seq"]

    bad = http.post(f"/api/sessions/{live.id}/pain", json={"score": 11})
    assert bad.status_code == 422
    bad = http.post(f"/api/sessions/{live.id}/commands", json={"command": "jump"})
    assert bad.status_code == 422

    for _ in range(10):
        state = http.post(
            f"/api/sessions/{live.id}/commands", params={"since": seen}, json={"command": "rep"}
        ).json()
        assert all(e["seq"] > seen for e in state["events"])
        seen = state["last_seq"]
    assert state["finished"] and state["view"]["status"] == "completed"
    done = http.post(f"/api/sessions/{live.id}/pain-after", json={"score": 0}).json()
    assert done["pain_after"] == 0
    assert any(e["kind"] == "decision" and e["message"] for e in done["events"])

    record = http.get(f"/api/sessions/{live.id}/record").json()
    assert record["status"] == "completed"
    assert (record["pain_before"], record["pain_after"]) == (1, 0)
    (pumps,) = record["exercises"]
    assert [(s["reps_done"], s["side"]) for s in pumps["sets"]] == [(10, None)]


def test_worse_pain_than_last_time_lowers_the_load(http, live_server, store):
    sessions = live_server.app.state.sessions
    user = store.local_user()
    calm = sessions.start(store, user, ["heel-slides"], evaluate_brief(False), pain_before=0)
    http.post(f"/api/sessions/{calm.id}/commands", json={"command": "quit"})
    worse = sessions.start(store, user, ["heel-slides"], evaluate_brief(False), pain_before=3)
    view = http.get(f"/api/sessions/{worse.id}").json()["view"]
    assert view["load_factor"] < 1 and view["reps_target"] < 10
    assert "fewer reps" in view["message"]
    http.post(f"/api/sessions/{worse.id}/pain-after", json={"score": 1})
    decisions = http.get(f"/api/sessions/{worse.id}/record").json()["decisions"]
    assert decisions[0]["kind"] == "lower_load"
