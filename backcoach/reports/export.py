"""Export everything recorded for one user: sessions, sets (with camera reps), pain, decisions.

    summary = export_to_file(store, user_id, "csv", Path("backcoach.csv"))

JSON keeps the full structure (the session detail of `Store.session_detail`, oldest first).
CSV is one table a spreadsheet opens: a `record` column says what each row is ("session",
"set", "pain" or "decision"); every row carries its session's id and start so it sorts and
filters cleanly. Lists inside a cell (plan, holds, peak angles) are separated by ";".
Files are written to a temporary name and renamed, so a failed export never leaves half a file.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from backcoach.errors import InputError
from backcoach.store import Store
from backcoach.store.engine import translate_errors
from backcoach.store.models import Decision, PainReport, Session, SessionSet
from backcoach.store.serialize import iso, session_dict

FORMAT_NAME = "backcoach-export"
FORMAT_VERSION = 1
FORMATS = ("csv", "json")
LIST_SEP = ";"

CSV_COLUMNS = (
    "record", "session_id", "session_started_at", "session_ended_at", "session_status", "plan",
    "pain_before", "pain_after",
    "exercise_id", "side", "set_index", "reps_target", "reps_done", "skipped", "source",
    "holds_s", "peak_angles", "metric", "started_at", "ended_at",
    "at", "pain_score", "pain_moment", "sharp_leg_pain", "note",
    "decision_kind", "decision_message",
)


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    format: str
    sessions: int
    sets: int
    pain_reports: int


def _user_sessions(store: Store, user_id: int) -> list[dict[str, Any]]:
    """All sessions of the user, oldest first, as detailed history items."""
    with translate_errors(store.engine.url, "reading data to export"), \
            OrmSession(store.engine) as db:
        sessions = list(db.scalars(
            select(Session).where(Session.user_id == user_id)
            .order_by(Session.started_at, Session.id)
        ))
        sets: dict[int, list[SessionSet]] = {s.id: [] for s in sessions}
        pains: dict[int, list[PainReport]] = {s.id: [] for s in sessions}
        decisions: dict[int, list[Decision]] = {s.id: [] for s in sessions}
        for row in db.scalars(select(SessionSet).where(SessionSet.user_id == user_id)
                              .order_by(SessionSet.started_at, SessionSet.id)):
            sets[row.session_id].append(row)
        for pain in db.scalars(select(PainReport).where(PainReport.user_id == user_id)
                               .order_by(PainReport.at, PainReport.id)):
            if pain.session_id in pains:
                pains[pain.session_id].append(pain)
        for dec in db.scalars(select(Decision).where(Decision.user_id == user_id)
                              .order_by(Decision.at, Decision.id)):
            if dec.session_id in decisions:
                decisions[dec.session_id].append(dec)
        return [session_dict(s, sets[s.id], pains[s.id], decisions[s.id], detail=True)
                for s in sessions]


def export_data(store: Store, user_id: int, *, now: datetime | None = None) -> dict[str, Any]:
    """The JSON export as a dict: format, version, user, time of export and all sessions."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "user_id": user_id,
        "exported_at": iso(now or datetime.now(UTC)),
        "sessions": _user_sessions(store, user_id),
    }


def _joined(values: list[Any]) -> str:
    return LIST_SEP.join("" if v is None else f"{v:g}" if isinstance(v, float) else str(v)
                         for v in values)


def _bool(value: bool) -> str:
    return "true" if value else "false"


def csv_rows(sessions: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The CSV rows (dicts over CSV_COLUMNS) of detailed history items."""
    for s in sessions:
        head = {"session_id": s["id"], "session_started_at": s["started_at"]}
        yield {
            **head, "record": "session", "session_ended_at": s["ended_at"] or "",
            "session_status": s["status"], "plan": LIST_SEP.join(s["plan"]),
            "pain_before": s["pain_before"], "pain_after": s["pain_after"],
        }
        for ex in s["exercises"]:
            for st in ex["sets"]:
                reps = st.get("reps") or []
                yield {
                    **head, "record": "set", "exercise_id": ex["exercise_id"],
                    "side": st["side"] or "", "set_index": st["set_index"],
                    "reps_target": st["reps_target"], "reps_done": st["reps_done"],
                    "skipped": _bool(st["skipped"]), "source": st["source"],
                    "holds_s": _joined(st["holds"]),
                    "peak_angles": _joined([r.get("peak_angle") for r in reps]),
                    "metric": next((r["metric"] for r in reps if r.get("metric")), ""),
                    "started_at": st["started_at"], "ended_at": st["ended_at"],
                }
        for p in s["pain"]:
            yield {
                **head, "record": "pain", "at": p["at"], "pain_score": p["score"],
                "pain_moment": p["moment"], "exercise_id": p["exercise_id"] or "",
                "sharp_leg_pain": _bool(p["sharp_leg_pain"]), "note": p["note"] or "",
            }
        for d in s["decisions"]:
            yield {
                **head, "record": "decision", "at": d["at"], "decision_kind": d["kind"],
                "decision_message": d["message"], "exercise_id": d["exercise_id"] or "",
            }


def write_csv(sessions: list[dict[str, Any]], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    for row in csv_rows(sessions):
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})


def write_json(data: dict[str, Any], out: TextIO) -> None:
    json.dump(data, out, indent=2, ensure_ascii=False)
    out.write("\n")


def export_to_file(
    store: Store, user_id: int, fmt: str, path: Path, *, now: datetime | None = None
) -> ExportSummary:
    """Write the user's data to `path` as "csv" or "json", replacing the file only when done."""
    if fmt not in FORMATS:
        raise InputError(f"Unknown export format {fmt!r}; use csv or json.")
    data = export_data(store, user_id, now=now)
    sessions = data["sessions"]
    path = Path(path).expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"The folder {folder} does not exist; create it or choose another --out.")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            if fmt == "csv":
                write_csv(sessions, out)
            else:
                write_json(data, out)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        raise InputError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    sets = sum(len(e["sets"]) for s in sessions for e in s["exercises"])
    pains = sum(len(s["pain"]) for s in sessions)
    return ExportSummary(path, fmt, len(sessions), sets, pains)
