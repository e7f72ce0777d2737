"""One motion script per exercise, by exercise id."""

from __future__ import annotations

from backcoach.motion.synth.scripts.ankle_pumps import AnklePumps
from backcoach.motion.synth.scripts.ball_arm_heel_raise import BallArmHeelRaise
from backcoach.motion.synth.scripts.ball_marching import BallMarching
from backcoach.motion.synth.scripts.base import Context, RepPlan, RepTiming, Script
from backcoach.motion.synth.scripts.hamstring_stretch import HamstringStretch
from backcoach.motion.synth.scripts.heel_slides import HeelSlides
from backcoach.motion.synth.scripts.knee_to_chest import KneeToChest
from backcoach.motion.synth.scripts.lumbar_stabilization import LumbarStabilization
from backcoach.motion.synth.scripts.straight_leg_raises import StraightLegRaises
from backcoach.motion.synth.scripts.wall_squats import WallSquats

SCRIPTS: dict[str, type[Script]] = {
    "ankle-pumps": AnklePumps,
    "heel-slides": HeelSlides,
    "wall-squats": WallSquats,
    "knee-to-chest": KneeToChest,
    "hamstring-stretch": HamstringStretch,
    "straight-leg-raises": StraightLegRaises,
    "lumbar-stabilization": LumbarStabilization,
    "ball-arm-heel-raise": BallArmHeelRaise,
    "ball-marching": BallMarching,
}

__all__ = ["SCRIPTS", "Context", "RepPlan", "RepTiming", "Script"]
