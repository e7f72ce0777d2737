"""SynthSpec: every knob of a synthetic recording, and its validation against the catalogue."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from backcoach.catalog import Exercise, get_exercise
from backcoach.errors import InputError

VIEWS = ("side-left", "side-right", "front", "oblique-left", "oblique-right")
EXTRA_FAULTS = ("too_fast",)   # every exercise can be done too fast
LOW_VIS_PARTS = ("all", "legs", "arms", "near_leg", "near_arm", "far_leg", "far_arm", "head")


@dataclass
class SynthSpec:
    """What to generate. Times are seconds, distances metres, angles degrees.

    faults: fault id (a key of the exercise's camera.faults, or "too_fast") -> 1-based indices
    of the reps (over the whole recording) that carry it.
    tempo: speed factor (2.0 moves twice as fast as the catalogue's tempo); tempo_jitter is the
    relative spread of each rep's pace. hold_seconds None = the catalogue's hold (a value in
    its min..max range for each rep). rom scales the range of motion (1.0 = the target).
    low_visibility: spans (start, end) or (start, end, part) where the pose model loses
    confidence; part is one of LOW_VIS_PARTS (default "legs").
    view: for standing and seated exercises its suffix names the side facing the camera. For
    lying and kneeling ones anatomy ties that side to where the head appears, so `head`
    decides (on the back with the head on the image's left, the right side faces the camera).
    Beyond the contract: roll_deg turns the picture about the lens axis; yaw_deg turns the
    camera about the vertical through the body from the chosen view (for side views towards
    the person's front, i.e. their feet when lying: a camera not quite square to the body);
    sway scales the body's natural sway (0 = perfectly still, as the illustrations use).
    """

    exercise: str
    reps: int = 5
    side: str | None = None
    faults: dict[str, list[int]] = field(default_factory=dict)
    tempo: float = 1.0
    tempo_jitter: float = 0.1
    hold_seconds: float | None = None
    rom: float = 1.0
    idle_before: float = 1.0
    idle_between: float = 0.5
    idle_after: float = 1.0
    view: str = "side-left"
    head: str = "left"
    distance_m: float | None = None
    camera_height_m: float | None = None
    tilt_deg: float = 0.0
    body_height_m: float = 1.75
    jitter_px: float = 0.0
    drop_frames: float = 0.0
    low_visibility: list[tuple] = field(default_factory=list)
    limb_out_of_frame: bool = False
    second_person: bool = False
    fps: float = 30.0
    width: int = 1280
    height: int = 720
    seed: int = 0
    roll_deg: float = 0.0
    sway: float = 1.0
    yaw_deg: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["low_visibility"] = [list(x) for x in self.low_visibility]
        d["faults"] = {k: list(v) for k, v in self.faults.items()}
        return d


def fault_ids(exercise: Exercise) -> list[str]:
    """Fault ids the generator can inject for an exercise."""
    ids = list(exercise.camera.faults)
    return ids + [f for f in EXTRA_FAULTS if f not in ids]


def sides_of(exercise: Exercise, side: str | None) -> list[str | None]:
    """The side of each block of reps: per-side exercises walk a list of sets, alternating
    exercises start from one side, two-footed exercises have one side None."""
    d = exercise.dosage
    if d.per_side:
        side = side or "both"
        if side not in ("left", "right", "both"):
            raise InputError(f"side must be left, right or both for {exercise.id}, not {side!r}")
        return ["left", "right"] if side == "both" else [side]
    if d.alternating:
        side = side or "left"
        if side not in ("left", "right"):
            raise InputError(f"{exercise.id} alternates: side names the starting side "
                             f"(left or right), not {side!r}")
        return [side, "right" if side == "left" else "left"]
    if side not in (None, "both"):
        raise InputError(f"{exercise.id} moves both sides together; leave out the side")
    return [None]


def validate(spec: SynthSpec) -> Exercise:
    """Check every knob; return the exercise. Raises InputError with a plain message."""
    exercise = get_exercise(spec.exercise)
    if not 1 <= spec.reps <= 100:
        raise InputError("reps must be between 1 and 100")
    sides_of(exercise, spec.side)
    known = fault_ids(exercise)
    total = spec.reps * (2 if (exercise.dosage.per_side and (spec.side or "both") == "both")
                         or exercise.dosage.alternating else 1)
    for fault, reps in spec.faults.items():
        if fault not in known:
            raise InputError(f"{exercise.id} has no fault {fault!r}; known: {', '.join(known)}")
        bad = [r for r in reps if not 1 <= int(r) <= total]
        if bad:
            raise InputError(f"fault {fault}: rep numbers {bad} are outside 1..{total}")
    if spec.view not in VIEWS:
        raise InputError(f"view must be one of {', '.join(VIEWS)}")
    if spec.head not in ("left", "right"):
        raise InputError("head must be left or right")
    checks = [
        (spec.tempo > 0, "tempo must be above 0"),
        (0 <= spec.tempo_jitter < 0.5, "tempo_jitter must be in 0..0.5"),
        (spec.hold_seconds is None or spec.hold_seconds >= 0, "hold_seconds must be >= 0"),
        (0.2 <= spec.rom <= 1.5, "rom must be in 0.2..1.5"),
        (min(spec.idle_before, spec.idle_between, spec.idle_after) >= 0, "idle times must be >= 0"),
        (1.2 <= spec.body_height_m <= 2.2, "body_height_m must be in 1.2..2.2"),
        (spec.distance_m is None or 0.8 <= spec.distance_m <= 10, "distance_m must be 0.8..10"),
        (spec.camera_height_m is None or 0.05 <= spec.camera_height_m <= 3,
         "camera_height_m must be 0.05..3"),
        (abs(spec.tilt_deg) <= 45 and abs(spec.roll_deg) <= 45, "tilt/roll must be within 45"),
        (abs(spec.yaw_deg) <= 60, "yaw_deg must be within 60"),
        (spec.jitter_px >= 0, "jitter_px must be >= 0"),
        (0 <= spec.drop_frames < 0.9, "drop_frames is a fraction in 0..0.9"),
        (5 <= spec.fps <= 120, "fps must be 5..120"),
        (64 <= spec.width <= 7680 and 64 <= spec.height <= 7680, "bad image size"),
        (spec.sway >= 0, "sway must be >= 0"),
    ]
    for ok, message in checks:
        if not ok:
            raise InputError(message)
    for span in spec.low_visibility:
        if len(span) not in (2, 3) or float(span[1]) <= float(span[0]):
            raise InputError(f"low_visibility span {span!r} must be (start, end[, part])")
        if len(span) == 3 and span[2] not in LOW_VIS_PARTS:
            raise InputError(f"low_visibility part must be one of {', '.join(LOW_VIS_PARTS)}")
    return exercise
