"""Accuracy of the camera coach on synthetic recordings with ground truth, and on real clips.

Every exercise is judged on recordings drawn at random (seeded, so the same every run) from
the variety a home camera meets: body heights 1.5-1.95 m, camera distance and height, a
little tilt and roll, head left or right, the sides or starting sides, tempos 0.6-1.6x,
frame rates 15-30 fps, landscape and portrait pictures, idle time before, between and after.
Four kinds:

- clean: no pose-model noise;
- noisy: landmark jitter 1-3 px, 2-10% dropped frames, longer idle time;
- fault: each fault of the catalogue (and too_fast) on marked reps, with a little jitter;
- hard: a low-visibility span, the moving limb leaving the picture, or a passer-by.

Scoring. Reps are matched to the truth by side and overlap in time. A recording is counted
right when every rep the truth marks observable is matched by one counted rep and no counted
rep is left without a true rep. Reps the truth marks `observable: false` (they overlap a span
where the person cannot be judged) may be counted or not, but a counted one must be a real
rep: refusing to count is fine, counting wrongly is not. Reps during which a body part the
exercise needs (its analyzer's `required_parts`, e.g. the hips) is outside the picture
count as unobservable too - on the rep's own side for a one-sided rep, on both sides for
the others: the generator's truth looks only at the limb of one side, but shifting the
picture to make that limb leave it can push the hips or shoulders out for the whole
recording, or the other leg when it is raised in its own reps, and a tilted camera can cut
off the feet.
Holds and faults are scored on observable reps only; a fault's recall is over the observable
reps carrying it (a rep not counted is a miss), its false alarms over the counted reps
without it (phantom reps included). A hold's error is the timed hold less the truth's (the
time between the end of the movement out and the start of the movement back).

    .venv/bin/python bench/accuracy.py                  # the test sample, writes docs/accuracy.md
    .venv/bin/python bench/accuracy.py --size full      # three times as many recordings
    .venv/bin/python bench/accuracy.py --exercise heel-slides --verbose --no-write
    .venv/bin/python bench/accuracy.py --real           # also the real clips (runs BlazePose)
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import math
import os
import random
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from backcoach.catalog.loader import EXERCISE_IDS, get_exercise
from backcoach.motion.analysis import analyze_frames
from backcoach.motion.analyzers import ANALYZERS
from backcoach.motion.geometry import lm_index
from backcoach.motion.recording import LandmarkRecording
from backcoach.motion.synth import SynthSpec, generate

ROOT = Path(__file__).resolve().parents[1]
HOLD_TOLERANCE_S = 0.3
REAL_RESULTS = ROOT / "bench" / "accuracy_real.json"   # the last --real run, for the docs
BEYOND_RESULTS = ROOT / "bench" / "accuracy_beyond.json"   # the last --beyond run
VIDEOS = ROOT.parent / "shared" / "data" / "videos"

# recordings per exercise: clean, noisy, fault runs per fault, hard (per kind of trouble)
SIZES = {"test": (8, 8, 2, 1), "full": (24, 24, 4, 3)}
TEMPOS = (0.6, 0.75, 0.9, 1.0, 1.15, 1.3, 1.6)
PICTURES = ((1280, 720), (1280, 720), (640, 480), (1920, 1080), (720, 1280))
# camera distance (m) the generator picks to fit the whole movement in a landscape picture
FIT_DISTANCE = {
    "ankle-pumps": 2.1, "heel-slides": 2.1, "wall-squats": 3.4, "knee-to-chest": 2.1,
    "hamstring-stretch": 2.4, "straight-leg-raises": 2.1, "lumbar-stabilization": 2.45,
    "ball-arm-heel-raise": 3.95, "ball-marching": 3.1,
}
# camera heights (m) of a home set-up: on the floor, a chair, a table or a shelf, about level
# with the body rather than looking steeply down on it
CAMERA_HEIGHTS = {"supine": (0.3, 1.0), "kneeling": (0.4, 1.0), "seated": (0.6, 1.2),
                  "standing": (0.8, 1.3)}
POSTURE = {"wall-squats": "standing", "lumbar-stabilization": "kneeling",
           "ball-arm-heel-raise": "seated", "ball-marching": "seated"}
# where a low-visibility span hides the exercise's moving parts
HIDDEN_PART = {"lumbar-stabilization": "legs", "ball-arm-heel-raise": "all"}


@dataclass(frozen=True)
class Case:
    """One synthetic recording to analyse: its kind and knobs."""

    kind: str           # "clean" | "noisy" | "fault" | "hard"
    spec: SynthSpec

    @property
    def label(self) -> str:
        s = self.spec
        trouble = ("lowvis " if s.low_visibility else "") + (
            "limb-out " if s.limb_out_of_frame else "") + ("passer-by " if s.second_person else "")
        return (f"{s.view} head={s.head} side={s.side} h={s.body_height_m} tempo={s.tempo} "
                f"{s.width}x{s.height}@{s.fps:g} jit={s.jitter_px} drop={s.drop_frames} "
                f"{trouble}seed={s.seed}")


def _views(exercise_id: str) -> list[str]:
    view = get_exercise(exercise_id).camera.view
    if view == "side-or-front":
        return ["side-left", "side-right", "front"]
    return ["side-left", "side-right"]


def _variety(rng: random.Random, exercise_id: str, i: int) -> dict[str, Any]:
    """Knobs every kind of recording varies: body, camera, sides, tempo, picture, idle time."""
    ex = get_exercise(exercise_id)
    posture = POSTURE.get(exercise_id, "supine")
    width, height = PICTURES[i % len(PICTURES)]
    views = _views(exercise_id)
    if ex.dosage.per_side:
        side: str | None = ("left", "right", "both")[i % 3]
    elif ex.dosage.alternating:
        side = ("left", "right")[i % 2]
    else:
        side = None
    lo, hi = CAMERA_HEIGHTS[posture]
    knobs: dict[str, Any] = dict(
        side=side, view=views[i % len(views)], head=("left", "right")[(i // 2) % 2],
        body_height_m=round(rng.uniform(1.5, 1.95), 2), tempo=rng.choice(TEMPOS),
        fps=rng.choice((15.0, 24.0, 30.0)), width=width, height=height,
        camera_height_m=round(rng.uniform(lo, hi), 2),
        tilt_deg=round(rng.uniform(-5, 5), 1), roll_deg=round(rng.uniform(-5, 5), 1),
        idle_before=round(rng.uniform(1.5, 4.0), 1), idle_between=round(rng.uniform(0.3, 3.0), 1),
        idle_after=round(rng.uniform(0.5, 2.5), 1),
    )
    if width > height and rng.random() < 0.5:       # farther than it needs to be
        knobs["distance_m"] = round(FIT_DISTANCE[exercise_id] * rng.uniform(1.0, 1.4), 2)
    return knobs


def _noise(rng: random.Random) -> dict[str, Any]:
    return dict(jitter_px=round(rng.uniform(1.0, 3.0), 1),
                drop_frames=round(rng.uniform(0.02, 0.1), 3),
                idle_between=round(rng.uniform(1.0, 5.0), 1))


def cases(exercise_id: str, size: str = "test") -> list[Case]:
    """The recordings one exercise is judged on (the "test" size runs in `make test`)."""
    n_clean, n_noisy, n_fault, n_hard = SIZES[size]
    ex = get_exercise(exercise_id)
    rng = random.Random(f"{exercise_id}/{size}")
    long_hold = ex.dosage.hold_seconds is not None and ex.dosage.hold_seconds.max > 8
    reps = 2 if long_hold else 3
    seed = 1000 * EXERCISE_IDS.index(exercise_id)
    out: list[Case] = []

    def add(kind: str, i: int, **extra: Any) -> None:
        knobs = _variety(rng, exercise_id, i)
        knobs.update(extra)
        out.append(Case(kind, SynthSpec(exercise=exercise_id, reps=reps,
                                        seed=seed + len(out), **knobs)))

    for i in range(n_clean):
        add("clean", i)
    for i in range(n_noisy):
        add("noisy", i + 1, **_noise(rng))
    faults = [*ex.camera.faults, "too_fast"] if "too_fast" not in ex.camera.faults else list(
        ex.camera.faults)
    for j, fault in enumerate(faults):
        for k in range(n_fault):
            i = j + k
            knobs = _variety(rng, exercise_id, i)
            sided = knobs["side"] == "both" or ex.dosage.alternating
            total = reps * (2 if sided else 1)
            marked = sorted({2, total} if k % 2 == 0 else {1, total - 1})
            knobs.update(jitter_px=round(rng.uniform(0.0, 1.5), 1))
            out.append(Case("fault", SynthSpec(exercise=exercise_id, reps=reps,
                                               faults={fault: marked}, seed=seed + len(out),
                                               **knobs)))
    part = HIDDEN_PART.get(exercise_id, "near_leg")
    for i in range(n_hard):
        start = round(rng.uniform(2.0, 8.0), 1)
        add("hard", i, low_visibility=[(start, start + round(rng.uniform(0.8, 2.5), 1), part)])
        add("hard", i + 1, limb_out_of_frame=True)
        add("hard", i + 2, second_person=True)
    return out


@dataclass
class CaseResult:
    exercise: str
    kind: str
    label: str
    expected: int
    counted: int
    right: bool                 # counted right under the observability rules
    unobservable: int = 0       # truth reps marked observable: false
    # hold errors (s) of matched observable reps with a hold; None: the coach gave no hold
    hold_errors: list[float | None] = field(default_factory=list)
    # fault id -> [true positives, positives, false alarms, negatives]
    faults: dict[str, list[int]] = field(default_factory=dict)


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> float:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def score(truth: dict[str, Any], reps: list[dict[str, Any]], fault_ids: list[str],
          exercise: str, kind: str = "", label: str = "") -> CaseResult:
    """Compare an analysis's reps with the truth (see the module docstring)."""
    found = list(reps)
    matched: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
    for t_rep in truth["reps"]:
        same_side = [r for r in found if r["side"] == t_rep["side"] and _overlap(t_rep, r) > 0]
        best = max(same_side, key=lambda r: _overlap(t_rep, r), default=None)
        if best is not None:
            found.remove(best)
        matched.append((t_rep, best))
    observable = [(t, r) for t, r in matched if t.get("observable", True)]
    right = all(r is not None for _, r in observable) and not found
    out = CaseResult(exercise=exercise, kind=kind, label=label, expected=truth["count"],
                     counted=len(reps), right=right,
                     unobservable=len(matched) - len(observable),
                     faults={f: [0, 0, 0, 0] for f in fault_ids})
    for t_rep, rep in observable:
        if t_rep["hold_seconds"] is not None and rep is not None:
            timed = rep["hold_seconds"]
            out.hold_errors.append(None if timed is None else timed - t_rep["hold_seconds"])
        got = set(rep["faults"]) if rep is not None else set()
        for f in fault_ids:
            tally = out.faults[f]
            if f in t_rep["faults"]:
                tally[1] += 1
                tally[0] += f in got
            elif rep is not None:
                tally[3] += 1
                tally[2] += f in got
    for extra in found:          # counted reps that did not happen: a rep without any fault
        for f in fault_ids:
            out.faults[f][3] += 1
            out.faults[f][2] += f in extra["faults"]
    return out


def parts_out_of_picture(
    rec: LandmarkRecording, parts: tuple[str, ...], side: str | None = None
) -> list[tuple[float, float]]:
    """Spans (start, end) where a body part is outside the picture: on `side` ("left" or
    "right"), or on both sides when side is None.

    The generator's truth marks a rep unobservable when its key landmarks (those of one side)
    leave the picture; shifting the picture to make them leave can push other parts (hips,
    shoulders, the other leg raised in its own reps) out too, which its truth does not mark.
    Those reps cannot be judged either.
    """
    sides = ("left", "right") if side is None else (side,)
    idx = [[lm_index(s, p) for s in sides] for p in parts]
    spans: list[tuple[float, float]] = []
    start: float | None = None
    last = 0.0
    for frame in rec.frames:
        lm = frame.landmarks
        out = lm is not None and any(
            all(not (0.0 <= lm[i, 0] <= 1.0 and 0.0 <= lm[i, 1] <= 1.0) for i in group)
            for group in idx
        )
        if out and start is None:
            start = frame.t
        elif not out and start is not None:
            spans.append((start, last))
            start = None
        last = frame.t
    if start is not None:
        spans.append((start, last))
    return spans


def run_case(case: Case) -> CaseResult:
    """Generate, analyse and score one recording."""
    spec = case.spec
    rec = generate(spec)
    result = analyze_frames(rec.frames, spec.exercise, fps=rec.fps, width=rec.width,
                            height=rec.height).to_dict()
    exercise = get_exercise(spec.exercise)
    truth = dict(rec.truth or {})
    parts = ANALYZERS[exercise.camera.analyzer].required_parts
    hidden = {side: parts_out_of_picture(rec, parts, side) for side in ("left", "right", None)}
    truth["reps"] = [
        {**r, "observable": r.get("observable", True) and not any(
            a <= r["end"] and b >= r["start"]
            for a, b in hidden[r["side"] if r.get("side") in ("left", "right") else None])}
        for r in truth["reps"]
    ]
    return score(truth, result["reps"], list(exercise.camera.faults), spec.exercise,
                 case.kind, case.label)


def evaluate(exercises: list[str] | None = None, processes: int | None = None,
             size: str = "test") -> list[CaseResult]:
    """Run every case of the given exercises (all nine by default) on `processes` cores."""
    todo = [c for e in (exercises or list(EXERCISE_IDS)) for c in cases(e, size)]
    # the longest recordings first, so the two processes finish together
    todo.sort(key=lambda c: -(c.spec.reps * (1 + (c.spec.side == "both"))) / c.spec.tempo)
    processes = processes or min(2, os.cpu_count() or 1)
    if processes <= 1:
        return [run_case(c) for c in todo]
    with cf.ProcessPoolExecutor(processes) as pool:
        return list(pool.map(run_case, todo, chunksize=1))


@dataclass
class HoldStats:
    timed: int = 0
    untimed: int = 0
    mean: float | None = None
    worst: float | None = None
    within: float | None = None


def hold_stats(errors: list[float | None]) -> HoldStats:
    timed = [abs(e) for e in errors if e is not None]
    untimed = sum(e is None for e in errors)
    if not errors:
        return HoldStats()
    return HoldStats(
        timed=len(timed), untimed=untimed,
        mean=sum(timed) / len(timed) if timed else None,
        worst=max(timed) if timed else None,
        within=sum(e <= HOLD_TOLERANCE_S for e in timed) / len(errors),
    )


@dataclass
class Summary:
    exercise: str
    recordings: int
    clean_exact: float
    noisy_exact: float            # noisy and fault recordings
    hard_right: float | None      # hard recordings counted right
    unobservable: int             # reps the truth marked unobservable
    clean_holds: HoldStats
    noisy_holds: HoldStats        # noisy, fault and hard recordings
    faults: dict[str, tuple[float, float, int, int]]  # recall, false alarms, positives, negatives


def summarise(results: list[CaseResult]) -> list[Summary]:
    by_ex: dict[str, list[CaseResult]] = defaultdict(list)
    for r in results:
        by_ex[r.exercise].append(r)
    out = []
    for ex in [e for e in EXERCISE_IDS if e in by_ex]:
        rs = by_ex[ex]
        clean = [r for r in rs if r.kind == "clean"]
        noisy = [r for r in rs if r.kind in ("noisy", "fault")]
        hard = [r for r in rs if r.kind == "hard"]
        tallies: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for r in rs:
            for f, t in r.faults.items():
                for i in range(4):
                    tallies[f][i] += t[i]
        faults = {
            f: (t[0] / t[1] if t[1] else math.nan, t[2] / t[3] if t[3] else 0.0, t[1], t[3])
            for f, t in tallies.items()
        }
        out.append(Summary(
            exercise=ex, recordings=len(rs),
            clean_exact=sum(r.right for r in clean) / max(1, len(clean)),
            noisy_exact=sum(r.right for r in noisy) / max(1, len(noisy)),
            hard_right=sum(r.right for r in hard) / len(hard) if hard else None,
            unobservable=sum(r.unobservable for r in hard),
            clean_holds=hold_stats([e for r in clean for e in r.hold_errors]),
            noisy_holds=hold_stats([e for r in rs if r.kind != "clean" for e in r.hold_errors]),
            faults=faults,
        ))
    return out


def _pct(x: float | None) -> str:
    return "–" if x is None or x != x else f"{100 * x:.0f}%"


def _sec(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def _holds(h: HoldStats) -> str:
    if not h.timed and not h.untimed:
        return "– | – | –"
    untimed = f" ({h.untimed} untimed)" if h.untimed else ""
    return f"{h.timed}{untimed} | {_sec(h.mean)} / {_sec(h.worst)} | {_pct(h.within)}"


def render(summaries: list[Summary]) -> str:
    """The accuracy tables as Markdown."""
    lines = [
        "| exercise | recordings | count right: clean | noisy | hard | clean holds "
        "| error mean / max (s) | within 0.3 s | noisy holds | error mean / max (s) "
        "| within 0.3 s | fault recall (lowest) | false alarms (highest) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for s in summaries:
        recalls = [v[0] for v in s.faults.values() if v[2]]
        alarms = [v[1] for v in s.faults.values()]
        lines.append(
            f"| {s.exercise} | {s.recordings} | {_pct(s.clean_exact)} | {_pct(s.noisy_exact)} "
            f"| {_pct(s.hard_right)} | {_holds(s.clean_holds)} | {_holds(s.noisy_holds)} "
            f"| {_pct(min(recalls) if recalls else None)} "
            f"| {_pct(max(alarms) if alarms else None)} |"
        )
    lines += ["", "| exercise | fault | recall | false alarms | reps with / without it |",
              "|---|---|---|---|---|"]
    for s in summaries:
        for f, (rec, fa, pos, neg) in s.faults.items():
            lines.append(f"| {s.exercise} | {f} | {_pct(rec)} | {_pct(fa)} | {pos} / {neg} |")
    return "\n".join(lines) + "\n"


# -- real clips ------------------------------------------------------------------------------

# clip -> {exercise: expected reps}; the bird-dog clip's reps are also held about 2.5-3 s
REAL_LABELS: dict[str, dict[str, int]] = {
    "bird-dog_side_polybag.mp4": {"lumbar-stabilization": 2},
    "cat-camel_side_polybag.mp4": {"lumbar-stabilization": 0},
    "childs-pose_side_polybag.mp4": {"lumbar-stabilization": 0},
    "pelvic-tilt-supine_side_polybag.mp4": {
        "heel-slides": 0, "knee-to-chest": 0, "straight-leg-raises": 0, "hamstring-stretch": 0},
    "seated-cat-cow_side_polybag.mp4": {"ball-marching": 0, "ball-arm-heel-raise": 0},
    "seated-side-bend_front_polybag.mp4": {"ball-marching": 0, "ball-arm-heel-raise": 0},
    "glute-bridge_side_physioplus.mp4": {"straight-leg-raises": 0},
}


def real_clip_results(cache: Path) -> dict[str, Any]:
    """Every clip through BlazePose (cached in `cache`), then all nine analyzers on it."""
    from backcoach.motion.extract import extract_landmarks

    cache.mkdir(parents=True, exist_ok=True)
    rows = []
    for clip, labels in REAL_LABELS.items():
        path = cache / (Path(clip).stem + ".json.gz")
        if not path.exists():
            extract_landmarks(VIDEOS / clip).save(path)
        rec = LandmarkRecording.load(path)
        for exercise in EXERCISE_IDS:
            result = analyze_frames(rec.frames, exercise, fps=rec.fps, width=rec.width,
                                    height=rec.height)
            rows.append({
                "clip": clip, "exercise": exercise, "labelled": labels.get(exercise),
                "count": result.count, "count_by_side": result.count_by_side,
                "holds": [r.hold_seconds for r in result.reps],
                "sides": [r.side for r in result.reps],
            })
    return {"rows": rows}


def render_real(real: dict[str, Any]) -> str:
    rows = real["rows"]
    lines = ["| clip | exercise | labelled reps | counted | holds (s) |", "|---|---|---|---|---|"]
    for row in rows:
        if row["labelled"] is None and row["count"] == 0:
            continue
        holds = ", ".join(f"{h:.2f} ({s})" for h, s in zip(row["holds"], row["sides"],
                                                              strict=True) if h is not None)
        labelled = "–" if row["labelled"] is None else str(row["labelled"])
        lines.append(f"| {row['clip']} | {row['exercise']} | {labelled} | {row['count']} "
                     f"| {holds or '–'} |")
    others = [r for r in rows if r["labelled"] is None]
    wrong = ", ".join(f"{r['clip']}/{r['exercise']}" for r in others if r["count"])
    lines.append("")
    lines.append(f"The other {len(others)} pairings of a clip with an exercise it does not show "
                 f"counted {sum(r['count'] for r in others)} reps"
                 f"{' (' + wrong + ')' if wrong else ''}.")
    return "\n".join(lines) + "\n"


# -- the document ----------------------------------------------------------------------------

DOC_INTRO = """# Camera coach accuracy

Generated by `bench/accuracy.py` (its test sample is also run by
`tests/motion/test_accuracy_synth.py`; the real clips by `tests/motion/test_accuracy_real.py`).

## Synthetic recordings

{n} recordings from the body model (`backcoach/motion/synth/`, `--size {size}`), drawn at
random but seeded: body heights 1.5-1.95 m; the camera 1-1.4x as far as needed to fit the
movement, 0.3-1.3 m high (by posture: on the floor, a chair, a table), tilted up to 5 degrees
and rolled up to 5; head left and right, each side and both; tempos 0.6-1.6x; 15, 24 and 30
fps; landscape and portrait pictures from 640x480 to 1920x1080; 1.5-4 s of stillness before
the first rep and 0.3-5 s between reps (the coach learns where a limb rests before counting).
*Clean*: no pose-model noise. *Noisy*: landmark jitter 1-3 px, 2-10% dropped frames, longer
idle time; the fault recordings (each fault on marked reps, some jitter) count here too.
*Hard*: a low-visibility span over the moving limb, the moving limb leaving the picture, or a
passer-by taking over the detection.

How it is scored: a recording is *counted right* when every rep the truth marks observable is
counted once on its side and no counted rep is left without a real one. Reps overlapping a
span where the person cannot be judged (`observable: false` in the truth, or a body part the
exercise needs outside the picture: {unobs} such reps in the hard recordings here) may be
counted or not - refusing to count is fine, counting wrongly is not. Holds and faults are
scored on observable reps only. A hold's error is the timed hold less the truth's; the
truth's hold runs from the end of the movement out to the start of the movement back, the
same moments the coach looks for. Fault recall is over the reps carrying the fault (a rep
not counted is a miss), false alarms over the counted reps without it (phantom reps
included).

"""

HOLD_NOTE = """
### What limits the hold times

The coach times a hold from the end of the movement out to the start of the movement back,
the same moments the truth uses, by fitting a smooth human reach (minimum jerk) to each
movement; a movement that is not one smooth move (a return that drops, stalls and goes on)
is timed on its part next to the hold. With the body model's sway switched off
(`SynthSpec(sway=0)`) every clean hold of the test sample comes out within 0.2 s (mean
0.02-0.08 s). With it on, the truth's moments are hidden: a held leg trembles about 2
degrees at about 1 Hz (straight leg raises), a held knee drifts 2-4 degrees over a few
seconds (wall squats, hamstring stretch), and the last fifth of a slow movement covers only
5% of its range - no more than the sway. Even given the true windows of each movement, the
same fit (or any other tried: speed thresholds, fits of half a movement or of its steep
middle only, a held level taken near the move, noise-whitened fits) leaves about 75-80% of
straight-leg-raise holds within 0.3 s, 80-90% of hamstring-stretch holds, about 95% of wall
squats, 96-98% of knee-to-chest holds and all bird-dog holds.

Is that sway realistic? The one real held limb we have, the bird-dog clip at 30 fps through
BlazePose, says it is if anything mild: the reaching leg drifts 4-6 degrees over the 1.6 s
it is held in the first rep and wobbles about 1 degree around the drift. So the issue's
0.3 s for every hold is met for the bird-dog and nearly for knee to chest; elsewhere the
holds are as good as the sway lets anyone time them: mean errors 0.1-0.2 s, the largest
0.4-0.6 s on clean recordings.
"""


# -- beyond the grid ----------------------------------------------------------------------

# conditions the grid does not draw from, each applied to the test sample's clean, noisy and
# fault recordings: how the coach does where it was not tuned
BEYOND: dict[str, str] = {
    "turned": "camera turned 10-30 degrees from the view (either way)",
    "fps10": "10 frames a second",
    "fps60": "60 frames a second",
    "far": "twice as far as needed, 640x480",
}


def beyond_case(case: Case, condition: str, rng: random.Random) -> Case:
    """The case under one of the BEYOND conditions."""
    s = case.spec
    if condition == "turned":
        spec = replace(s, yaw_deg=rng.choice((-1, 1)) * round(rng.uniform(10, 30), 1))
    elif condition == "fps10":
        spec = replace(s, fps=10.0)
    elif condition == "fps60":
        spec = replace(s, fps=60.0)
    elif condition == "far":
        spec = replace(s, distance_m=round(2 * FIT_DISTANCE[s.exercise], 2), width=640, height=480)
    else:
        raise ValueError(condition)
    return Case(case.kind, spec)


def evaluate_beyond(processes: int | None = None) -> dict[str, Any]:
    """Every BEYOND condition over the test sample: per condition and exercise, the share of
    recordings counted right, the lowest fault recall and the share of holds within 0.3 s."""
    rng = random.Random("beyond")
    todo = [(cond, beyond_case(c, cond, rng)) for cond in BEYOND for e in EXERCISE_IDS
            for c in cases(e) if c.kind != "hard"]
    processes = processes or min(2, os.cpu_count() or 1)
    with cf.ProcessPoolExecutor(processes) as pool:
        results = list(pool.map(run_case, [c for _, c in todo], chunksize=2))
    out: dict[str, Any] = {}
    for cond in BEYOND:
        rs = [r for (c, _), r in zip(todo, results, strict=True) if c == cond]
        rows = {}
        for s in summarise(rs):
            mine = [r for r in rs if r.exercise == s.exercise]
            recalls = [v[0] for v in s.faults.values() if v[2]]
            holds = hold_stats([e for r in mine for e in r.hold_errors])
            rows[s.exercise] = {
                "right": sum(r.right for r in mine) / len(mine),
                "wrong": sum(r.counted > r.expected for r in mine),
                "recall": min(recalls) if recalls else None,
                "alarms": max((v[1] for v in s.faults.values()), default=None),
                "holds": holds.within,
            }
        out[cond] = rows
    return out


def render_beyond(beyond: dict[str, Any]) -> str:
    conds = [c for c in BEYOND if c in beyond]
    lines = ["| exercise | " + " | ".join(BEYOND[c] for c in conds) + " |",
             "|---|" + "---|" * len(conds)]
    for e in EXERCISE_IDS:
        cells = []
        for c in conds:
            row = beyond[c].get(e)
            if row is None:
                cells.append("–")
                continue
            extra = f", {row['wrong']} over" if row["wrong"] else ""
            holds = f", holds {_pct(row['holds'])}" if row["holds"] is not None else ""
            cells.append(f"{_pct(row['right'])}{extra}; faults {_pct(row['recall'])}{holds}")
        lines.append(f"| {e} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


BEYOND_NOTE = """
## Beyond the grid

The test sample's clean, noisy and fault recordings again, under conditions the grid does not
draw from (`bench/accuracy.py --beyond`). Each cell: recordings counted right ("N over":
recordings with more reps counted than done), the lowest fault recall, and the share of holds
within 0.3 s.

"""

BEYOND_AFTER = """
What it shows. Turned 10-30 degrees, every exercise still counts right but the ankle pumps,
whose quickest pumps, seen at a slant, swing too little to count (missed, never invented);
holds get worse where the turn bends the measured angle's course (wall squats, hamstring
stretch). At 10 frames a second the ankle angle (a short segment, ankle to toes, jittering
2-3 pixels, with too few frames to smooth) is judged against its own measured jitter: pumps
that do not stand clear of it are not counted, and a very jittery one is refused with a
"move closer" message; one noisy recording still gets a wobble between two pumps counted.
Twice as far in a 640x480 picture the generator's jitter stays 1-3 image pixels on a body
half the size (harsher than BlazePose, whose errors follow the person's size since it works
on a crop around the person). Each analyzer measures how much its angle jitters at rest,
keeps its counting threshold clear of it, and above the catalogue's `rest_jitter_max` stops
counting and asks the person to move closer or add light: the heel-slide, wall-squat and
hamstring over-counts of the last run are gone; ankle pumps (1) and ball marching (1) still
over-count once, and more recordings are refused than missed before. A 75% fault recall is
one of the four reps carrying a fault missed (for the bird-dog's trunk tilt, all eight are
found at full size).
"""


def write_doc(summaries: list[Summary], real: dict[str, Any] | None, size: str = "test",
              path: Path = ROOT / "docs" / "accuracy.md",
              beyond: dict[str, Any] | None = None) -> Path:
    n = sum(s.recordings for s in summaries)
    unobs = sum(s.unobservable for s in summaries)
    text = DOC_INTRO.format(n=n, unobs=unobs, size=size) + render(summaries) + HOLD_NOTE
    text += "\n## Real people\n\n"
    text += ("Seven real clips (`../shared/data/videos`, labelled by eye to about 0.5 s) through "
             "BlazePose and every analyzer. The bird-dog clip is labelled 2 reps, one per side, "
             "each held about 2.5-3 s.\n\n")
    text += render_real(real) if real else "(not run: `bench/accuracy.py --real`)\n"
    if beyond:
        text += BEYOND_NOTE + render_beyond(beyond) + BEYOND_AFTER
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _run_or_cached(
    run: bool, cache: Path, compute: Callable[[], dict[str, Any]],
    show: Callable[[dict[str, Any]], str],
) -> dict[str, Any] | None:
    """Compute the results (and keep them in `cache` for the docs), or read the last ones."""
    if run:
        results = compute()
        cache.write_text(json.dumps(results, indent=1), encoding="utf-8")
        print(show(results))
        return results
    if cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exercise", action="append", help="only this exercise (repeatable)")
    parser.add_argument("--size", choices=sorted(SIZES), default="test")
    parser.add_argument("--processes", type=int, default=None)
    parser.add_argument("--real", action="store_true", help="also run the real clips")
    parser.add_argument("--beyond", action="store_true",
                        help="also run the test sample under conditions beyond the grid")
    parser.add_argument("--real-cache", type=Path, default=Path("/tmp/backcoach-real-clips"))
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--verbose", action="store_true", help="list every recording")
    args = parser.parse_args(argv)
    results = evaluate(args.exercise, args.processes, args.size)
    if args.verbose:
        for r in sorted(results, key=lambda r: (r.exercise, r.kind, r.label)):
            flag = "" if r.right else "   <-- count"
            holds = [None if e is None else round(e, 2) for e in r.hold_errors]
            print(f"{r.exercise:21s} {r.kind:5s} {r.label} {r.counted}/{r.expected} "
                  f"holds {holds}{flag}")
    summaries = summarise(results)
    print(render(summaries))
    real = _run_or_cached(args.real, REAL_RESULTS, lambda: real_clip_results(args.real_cache),
                          render_real)
    beyond = _run_or_cached(args.beyond, BEYOND_RESULTS,
                            lambda: evaluate_beyond(args.processes), render_beyond)
    if not args.no_write and not args.exercise:
        print(f"written to {write_doc(summaries, real, args.size, beyond=beyond)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
