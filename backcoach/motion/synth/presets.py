"""Named noise levels for the CLI and for quick test set-ups."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from backcoach.errors import InputError
from backcoach.motion.synth.spec import SynthSpec

NOISE_LEVELS: dict[str, dict[str, Any]] = {
    "none": {"jitter_px": 0.0, "drop_frames": 0.0},
    "low": {"jitter_px": 1.5, "drop_frames": 0.01},
    "medium": {"jitter_px": 3.0, "drop_frames": 0.03, "low_visibility": [(3.0, 4.0, "far_leg")]},
    "high": {"jitter_px": 6.0, "drop_frames": 0.06,
             "low_visibility": [(3.0, 4.5, "legs")], "second_person": True},
}


def with_noise(spec: SynthSpec, level: str) -> SynthSpec:
    """The spec with a named noise level's knobs applied."""
    try:
        knobs = NOISE_LEVELS[level]
    except KeyError:
        raise InputError(f"noise level must be one of {', '.join(NOISE_LEVELS)}") from None
    return replace(spec, **knobs)


def parse_fault(text: str, total: int) -> tuple[str, list[int]]:
    """"bent_knee" (every rep) or "bent_knee:2,4" -> (id, [reps])."""
    name, _, reps = text.partition(":")
    if not reps:
        return name.strip(), list(range(1, total + 1))
    try:
        return name.strip(), [int(r) for r in reps.split(",") if r.strip()]
    except ValueError:
        raise InputError(f"--fault {text!r}: write ID or ID:REP[,REP...], "
                         "e.g. bent_knee:2,4") from None
