"""A process killed mid-session keeps every set it recorded (each record_set commits)."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

from backcoach.store import Store

CHILD = textwrap.dedent("""
    import sys, time
    from datetime import UTC, datetime, timedelta
    from backcoach.store import SetRecord, Store
    store = Store.open(sys.argv[1])
    uid = store.local_user()
    t = datetime(2025, 3, 10, 8, 0, tzinfo=UTC)
    sid = store.start_session(uid, ["heel-slides"], t, pain_before=2)
    for n, side in enumerate(["left", "right"], 1):
        store.record_set(sid, SetRecord("heel-slides", side, 1, 10, 10 - n, t, t + timedelta(1)))
    print(sid, flush=True)
    time.sleep(600)
""")


def test_killed_process_keeps_recorded_sets(db_url: str) -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD, db_url], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()  # type: ignore[union-attr]
        assert line.strip().isdigit(), child.stderr.read()  # type: ignore[union-attr]
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    with Store.open(db_url) as store:
        item = store.session_detail(int(line))
    assert item["status"] == "interrupted"
    sets = item["exercises"][0]["sets"]
    assert [(s["side"], s["reps_done"]) for s in sets] == [("left", 9), ("right", 8)]
