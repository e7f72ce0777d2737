"""CSV and JSON exports hold everything recorded for the user, and read back intact."""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from backcoach.errors import InputError
from backcoach.reports import CSV_COLUMNS, export_to_file
from backcoach.store import PainRecord, SetRecord, Store
from tests.reports.history import History, one_session, other_user

NOW = datetime(2025, 4, 13, 20, 0, tzinfo=UTC)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
        return list(reader)


def floats(cell: str) -> list[float]:
    return [float(v) for v in cell.split(";")] if cell else []


def test_csv_round_trips_every_session_set_and_pain_rating(history: History,
                                                            tmp_path: Path) -> None:
    uid = history.built.user_id
    summary = export_to_file(history.store, uid, "csv", tmp_path / "all.csv", now=NOW)
    rows = read_csv(summary.path)
    assert Counter(r["record"] for r in rows) == {"session": 37, "set": 288, "pain": 73,
                                                 "decision": 1}
    assert (summary.sessions, summary.sets, summary.pain_reports) == (37, 288, 73)
    stored = {s["id"]: history.store.session_detail(s["id"]) for s in history.store.history(uid)}
    sessions = [r for r in rows if r["record"] == "session"]
    assert [int(r["session_id"]) for r in sessions] == sorted(stored)   # oldest first
    for row in sessions:
        s = stored[int(row["session_id"])]
        assert row["session_started_at"] == s["started_at"]
        assert row["session_status"] == s["status"]
        assert row["plan"].split(";") == s["plan"]
        assert row["pain_before"] == str(s["pain_before"])
        assert row["pain_after"] == ("" if s["pain_after"] is None else str(s["pain_after"]))
    for sid, s in stored.items():
        mine = [r for r in rows if r["session_id"] == str(sid)]
        sets = [r for r in mine if r["record"] == "set"]
        expected = [(ex["exercise_id"], st) for ex in s["exercises"] for st in ex["sets"]]
        assert len(sets) == len(expected)
        for row, (exercise_id, st) in zip(sets, expected, strict=True):
            assert row["session_started_at"] == s["started_at"]
            assert row["exercise_id"] == exercise_id
            assert row["side"] == (st["side"] or "")
            assert (int(row["reps_done"]), int(row["reps_target"])) == (st["reps_done"],
                                                                         st["reps_target"])
            assert row["skipped"] == ("true" if st["skipped"] else "false")
            assert row["source"] == st["source"]
            assert floats(row["holds_s"]) == st["holds"]
            assert floats(row["peak_angles"]) == [r["peak_angle"] for r in st["reps"]]
            assert (row["started_at"], row["ended_at"]) == (st["started_at"], st["ended_at"])
        pains = [(int(r["pain_score"]), r["pain_moment"], r["at"]) for r in mine
                 if r["record"] == "pain"]
        assert pains == [(p["score"], p["moment"], p["at"]) for p in s["pain"]]
    decision = next(r for r in rows if r["record"] == "decision")
    assert decision["decision_message"] == "Pain rose: rest now."
    heel = next(r for r in rows if r["exercise_id"] == "heel-slides" and r["record"] == "set")
    assert heel["metric"] == "knee angle" and len(floats(heel["peak_angles"])) == 10


def test_json_export_is_the_stored_detail_of_every_session(history: History,
                                                          tmp_path: Path) -> None:
    uid = history.built.user_id
    export_to_file(history.store, uid, "json", tmp_path / "all.json", now=NOW)
    data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert (data["format"], data["version"], data["user_id"]) == ("backcoach-export", 1, uid)
    assert data["exported_at"] == NOW.isoformat()
    ids = sorted(s["id"] for s in history.store.history(uid))
    assert data["sessions"] == [history.store.session_detail(i) for i in ids]


def test_export_keeps_awkward_text_and_leaves_other_users_out(store: Store,
                                                              tmp_path: Path) -> None:
    me, them = store.local_user(), other_user(store)
    t = datetime(2025, 5, 5, 18, tzinfo=UTC)
    sid = one_session(store, me, t)
    note = 'sharp, "stabbing"\nthen eased — été; ok'
    store.record_pain(sid, PainRecord(6, "during", t + timedelta(minutes=2),
                                      exercise_id="heel-slides", sharp_leg_pain=True, note=note))
    store.record_set(sid, SetRecord("ball-marching", None, 1, 10, 0, t, t, skipped=True))
    one_session(store, them, t + timedelta(hours=1))
    export_to_file(store, me, "csv", tmp_path / "me.csv")
    rows = read_csv(tmp_path / "me.csv")
    assert {r["session_id"] for r in rows} == {str(sid)}
    during = next(r for r in rows if r["pain_moment"] == "during")
    assert during["note"] == note and during["sharp_leg_pain"] == "true"
    assert during["exercise_id"] == "heel-slides"
    skipped = next(r for r in rows if r["exercise_id"] == "ball-marching")
    assert (skipped["skipped"], skipped["side"], skipped["holds_s"]) == ("true", "", "")
    data_path = tmp_path / "me.json"
    export_to_file(store, me, "json", data_path)
    assert [s["id"] for s in json.loads(data_path.read_text("utf-8"))["sessions"]] == [sid]


def test_a_failed_export_leaves_no_half_file(store: Store, tmp_path: Path) -> None:
    uid = store.local_user()
    one_session(store, uid, datetime(2025, 5, 5, 18, tzinfo=UTC))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(InputError, match="does not exist"):
        export_to_file(store, uid, "csv", out / "missing" / "x.csv")
    target = out / "taken"
    target.mkdir()                      # a folder where the file should go: rename fails
    with pytest.raises(InputError, match="Cannot write"):
        export_to_file(store, uid, "json", target)
    assert list(out.iterdir()) == [target] and not any(target.iterdir())
    with pytest.raises(InputError, match="csv or json"):
        export_to_file(store, uid, "xml", out / "x.xml")
    good = out / "good.csv"
    good.write_text("old contents")
    export_to_file(store, uid, "csv", good)
    assert read_csv(good)[0]["record"] == "session"
