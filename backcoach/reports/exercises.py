"""Per-exercise progress: reps done against target, range of motion and hold time over time."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from statistics import fmean
from typing import Any

from backcoach.errors import UnknownExerciseError
from backcoach.reports.queries import ExerciseRow, HoldRow, PeakRow

#: Sessions averaged at each end when comparing the start with now.
ENDS = 3
#: Units of the camera metrics that are not angles.
METRIC_UNITS = {"foot lift": "shank lengths"}
SIDE_ORDER = {None: 0, "left": 1, "right": 2}


@dataclass(frozen=True)
class ExercisePoint:
    """One exercise on one side in one session."""

    session_id: int
    date: date
    started_at: datetime
    side: str | None
    sets_done: int
    sets_skipped: int
    reps_done: int
    reps_target: int
    set_share: float = 0.0            # sum of each set's done/target (skipped sets: 0)
    sets_with_target: int = 0
    camera_reps: int = 0
    peak_mean: float | None = None    # mean peak angle of the camera reps
    peak_best: float | None = None    # the largest movement (min or max, see rom_direction)
    holds: int = 0
    hold_mean: float | None = None    # seconds
    hold_max: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["date"], d["started_at"] = self.date.isoformat(), self.started_at.isoformat()
        return d


@dataclass(frozen=True)
class ExerciseProgress:
    """Everything done of one exercise, oldest first, with its figures summed up."""

    exercise_id: str
    name: str
    metric: str | None            # what the peak angle measures, e.g. "knee angle"
    unit: str                     # "°" or e.g. "shank lengths"
    rom_direction: str            # "higher" or "lower": the way the value moves as range grows
    hold_target: float | None     # seconds, from the catalogue
    points: list[ExercisePoint] = field(default_factory=list)
    sessions: int = 0
    sets_done: int = 0
    sets_skipped: int = 0
    reps_done: int = 0
    reps_target: int = 0
    completion: float | None = None   # mean over sets of reps done / that set's target, %
    peak_start: float | None = None   # mean peak over the first ENDS camera sessions
    peak_recent: float | None = None  # ... over the last ENDS
    hold_start: float | None = None   # mean hold over the first ENDS sessions with holds
    hold_recent: float | None = None

    @property
    def peak_change(self) -> float | None:
        if self.peak_start is None or self.peak_recent is None:
            return None
        return round(self.peak_recent - self.peak_start, 1)

    @property
    def hold_change(self) -> float | None:
        if self.hold_start is None or self.hold_recent is None:
            return None
        return round(self.hold_recent - self.hold_start, 1)

    def series(self, value: str) -> dict[str | None, list[tuple[date, float]]]:
        """Side -> [(date, value)] for "peak_mean", "peak_best", "hold_mean" or "hold_max"."""
        out: dict[str | None, list[tuple[date, float]]] = {}
        for p in self.points:
            v = getattr(p, value)
            if v is not None:
                out.setdefault(p.side, []).append((p.date, v))
        return out

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["points"] = [p.to_dict() for p in self.points]
        d["peak_change"], d["hold_change"] = self.peak_change, self.hold_change
        return d


def _catalogue_facts(exercise_id: str) -> tuple[str, str | None, str, float | None]:
    """(name, metric, rom direction, hold target) from the catalogue and its analyzer."""
    from backcoach.catalog import get_exercise
    from backcoach.motion.analyzers import ANALYZERS

    try:
        ex = get_exercise(exercise_id)
    except UnknownExerciseError:
        return exercise_id, None, "higher", None
    analyzer = ANALYZERS.get(ex.camera.analyzer)
    metric = analyzer.metric if analyzer else None
    direction = "lower" if analyzer is not None and analyzer.direction == "down" else "higher"
    hold = ex.dosage.hold_seconds.min if ex.dosage.hold_seconds else None
    return ex.name, metric or None, direction, hold


def _ends(values: list[float]) -> tuple[float | None, float | None]:
    if not values:
        return None, None
    return round(fmean(values[:ENDS]), 1), round(fmean(values[-ENDS:]), 1)


def _per_session(points: list[ExercisePoint], value: str) -> list[float]:
    """One value per session (mean over its sides), in time order."""
    by_session: dict[int, list[float]] = {}
    for p in points:
        v = getattr(p, value)
        if v is not None:
            by_session.setdefault(p.session_id, []).append(v)
    return [fmean(vs) for vs in by_session.values()]


def _point(
    row: ExerciseRow, day: date, started: datetime, peak: PeakRow | None, hold: HoldRow | None,
    direction: str,
) -> ExercisePoint:
    best = None
    if peak is not None:
        best = peak.peak_min if direction == "lower" else peak.peak_max
    return ExercisePoint(
        session_id=row.session_id, date=day, started_at=started, side=row.side,
        sets_done=row.sets_done, sets_skipped=row.sets_skipped,
        reps_done=row.reps_done, reps_target=row.reps_target,
        set_share=row.set_share, sets_with_target=row.sets_with_target,
        camera_reps=peak.reps if peak else 0,
        peak_mean=_round(peak.peak_mean) if peak else None,
        peak_best=_round(best),
        holds=hold.holds if hold else 0,
        hold_mean=_round(hold.hold_mean) if hold else None,
        hold_max=_round(hold.hold_max) if hold else None,
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 1)


def exercise_progress(
    sets: Iterable[ExerciseRow],
    peaks: Iterable[PeakRow],
    holds: Iterable[HoldRow],
    starts: Mapping[int, tuple[date, datetime]],
    order: list[str] | None = None,
) -> list[ExerciseProgress]:
    """Per-exercise progress; `starts` maps a session id to its local date and start time.

    `order` lists exercise ids in the order to report them (others follow, by id).
    """
    peak_of = {(r.session_id, r.exercise_id, r.side): r for r in peaks}
    hold_of = {(r.session_id, r.exercise_id, r.side): r for r in holds}
    grouped: dict[str, list[ExerciseRow]] = {}
    for row in sets:
        if row.session_id in starts:
            grouped.setdefault(row.exercise_id, []).append(row)
    rank = {ex: i for i, ex in enumerate(order or [])}
    result = []
    for ex_id in sorted(grouped, key=lambda e: (rank.get(e, len(rank)), e)):
        name, metric, direction, hold_target = _catalogue_facts(ex_id)
        points = []
        for row in grouped[ex_id]:
            key = (row.session_id, ex_id, row.side)
            peak = peak_of.get(key)
            if peak is not None and peak.metric:
                metric = peak.metric
            points.append(_point(row, *starts[row.session_id], peak, hold_of.get(key), direction))
        points.sort(key=lambda p: (p.started_at, p.session_id, SIDE_ORDER.get(p.side, 3)))
        reps_done = sum(p.reps_done for p in points)
        reps_target = sum(p.reps_target for p in points)
        counted = sum(p.sets_with_target for p in points)
        peak_start, peak_recent = _ends(_per_session(points, "peak_mean"))
        hold_start, hold_recent = _ends(_per_session(points, "hold_mean"))
        result.append(ExerciseProgress(
            exercise_id=ex_id, name=name, metric=metric,
            unit=METRIC_UNITS.get(metric or "", "°"), rom_direction=direction,
            hold_target=hold_target, points=points,
            sessions=len({p.session_id for p in points if p.sets_done}),
            sets_done=sum(p.sets_done for p in points),
            sets_skipped=sum(p.sets_skipped for p in points),
            reps_done=reps_done, reps_target=reps_target,
            completion=(round(100.0 * sum(p.set_share for p in points) / counted, 1)
                        if counted else None),
            peak_start=peak_start, peak_recent=peak_recent,
            hold_start=hold_start, hold_recent=hold_recent,
        ))
    return result
