"""One analyzer per exercise, registered under the catalogue's `camera.analyzer` name."""

from __future__ import annotations

from backcoach.motion.analyzers.ankle_pumps import AnklePumps
from backcoach.motion.analyzers.ball_arm_heel_raise import BallArmHeelRaise
from backcoach.motion.analyzers.ball_marching import BallMarching
from backcoach.motion.analyzers.base import Analyzer
from backcoach.motion.analyzers.hamstring_stretch import HamstringStretch
from backcoach.motion.analyzers.heel_slides import HeelSlides
from backcoach.motion.analyzers.knee_to_chest import KneeToChest
from backcoach.motion.analyzers.lumbar_stabilization import LumbarStabilization
from backcoach.motion.analyzers.straight_leg_raises import StraightLegRaises
from backcoach.motion.analyzers.wall_squats import WallSquats

ANALYZERS: dict[str, type[Analyzer]] = {
    cls.name: cls
    for cls in (
        AnklePumps,
        HeelSlides,
        WallSquats,
        KneeToChest,
        HamstringStretch,
        StraightLegRaises,
        LumbarStabilization,
        BallArmHeelRaise,
        BallMarching,
    )
}

__all__ = ["ANALYZERS", "Analyzer"]
