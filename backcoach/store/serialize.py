"""Model rows -> JSON-ready dicts (the history item shape in notes/contracts.md)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from backcoach.store.models import Decision, PainReport, Session, SessionSet


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def shown_status(session: Session) -> str:
    """The status users see: a session never finished was interrupted."""
    return "interrupted" if session.status == "in_progress" else session.status


def set_dict(row: SessionSet, *, detail: bool = False) -> dict[str, Any]:
    item: dict[str, Any] = {
        "side": row.side,
        "set_index": row.set_index,
        "reps_target": row.reps_target,
        "reps_done": row.reps_done,
        "holds": list(row.holds),
        "skipped": row.skipped,
        "source": row.source,
        "started_at": iso(row.started_at),
        "ended_at": iso(row.ended_at),
    }
    if detail:
        item["id"] = row.id
        item["reps"] = list(row.reps)
    return item


def pain_dict(row: PainReport) -> dict[str, Any]:
    return {
        "score": row.score,
        "moment": row.moment,
        "at": iso(row.at),
        "exercise_id": row.exercise_id,
        "sharp_leg_pain": row.sharp_leg_pain,
        "note": row.note,
    }


def decision_dict(row: Decision) -> dict[str, Any]:
    return {"kind": row.kind, "message": row.message, "at": iso(row.at),
            "exercise_id": row.exercise_id}


def group_sets(sets: Iterable[SessionSet], *, detail: bool = False) -> list[dict[str, Any]]:
    """Sets grouped by exercise, exercises in the order they were first done."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in sets:
        groups.setdefault(row.exercise_id, []).append(set_dict(row, detail=detail))
    return [{"exercise_id": ex, "sets": items} for ex, items in groups.items()]


def session_dict(
    session: Session,
    sets: Iterable[SessionSet],
    pains: Iterable[PainReport],
    decisions: Iterable[Decision],
    *,
    detail: bool = False,
) -> dict[str, Any]:
    """One history item; `sets`, `pains` and `decisions` must already be in time order."""
    return {
        "id": session.id,
        "user_id": session.user_id,
        "started_at": iso(session.started_at),
        "ended_at": iso(session.ended_at),
        "status": shown_status(session),
        "plan": list(session.plan),
        "pain_before": session.pain_before,
        "pain_after": session.pain_after,
        "exercises": group_sets(sets, detail=detail),
        "pain": [pain_dict(p) for p in pains],
        "decisions": [decision_dict(d) for d in decisions],
    }
