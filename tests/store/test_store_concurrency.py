"""Two writers at once (the terminal session and the web app on one SQLite file) both succeed."""

from __future__ import annotations

import threading

from backcoach.store import Store
from tests.store.helpers import a_set, at


def test_two_stores_writing_at_once_lose_nothing(db_url: str) -> None:
    stores = [Store.open(db_url), Store.open(db_url)]
    try:
        uid = stores[0].local_user()
        assert stores[1].local_user() == uid
        sids = [s.start_session(uid, ["ankle-pumps"], at(n)) for n, s in enumerate(stores)]
        errors: list[BaseException] = []

        def write(store: Store, sid: int) -> None:
            try:
                for i in range(1, 26):
                    store.record_set(sid, a_set("ankle-pumps", None, i, at(i)))
                    store.history(uid, limit=1)  # readers in between the writes
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [
            threading.Thread(target=write, args=pair) for pair in zip(stores, sids, strict=True)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        assert errors == []
        for sid in sids:
            sets = stores[0].session_detail(sid)["exercises"][0]["sets"]
            assert [s["set_index"] for s in sets] == list(range(1, 26))
    finally:
        for s in stores:
            s.close()
