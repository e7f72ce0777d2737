"""Seated ball arm and heel raise: one arm goes overhead while the opposite heel lifts a little.

The side is the arm that rises; its shoulder flexion (hip-shoulder-wrist angle) is counted. A
hand raised out of the top of the picture still counts: the pose model carries the arm on
beyond the edge, and it points up. The opposite heel's rise is read from the image (a fraction
of the shank's length) while the arm is up; see heel_rise. Seen from the front, an arm raised
forwards looks upright in the picture at any flexion past about 120 degrees; there the flexion
is read from how tall the arm stands against its full length, taken as ARM_TO_TRUNK times the
trunk's (shoulders to hips), which faces the camera at full length.
"""

from __future__ import annotations

import logging
import math

import numpy as np

from backcoach.motion.analyzers.base import VISIBILITY_DROP, Body, Sample, Verdict
from backcoach.motion.analyzers.seated import SeatedAnalyzer, trunk_lean
from backcoach.motion.counting import RepSpan
from backcoach.motion.gate import in_frame
from backcoach.motion.geometry import dist, lm_index, other_side, side_on_ratio

log = logging.getLogger(__name__)

# shoulder to wrist over shoulder to hip for an adult (Drillis and Contini: about 0.33 and 0.29
# of body height)
ARM_TO_TRUNK = 1.15
WRIST_VIS_TAU_S = 6.0     # how fast a wrist's usual visibility follows


class BallArmHeelRaise(SeatedAnalyzer):
    name = "ball_arm_heel_raise"
    metric = "arm raise"
    direction = "up"
    required_parts = ("shoulder", "hip", "knee", "ankle")
    # the arm is measured from shoulder to wrist; the wrist is checked here, not by the gate,
    # because a hand raised out of the top of the picture still shows where the arm points
    side_parts = ("shoulder", "hip")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._wrist_vis: dict[str, tuple[float, float]] = {}    # side -> (t, usual visibility)

    def thresholds(self) -> tuple[float, float]:
        return self.th["arm_count_deg"], self.th["arm_leave_deg"]

    def wrist_seen(self, body: Body, side: str) -> bool:
        """Whether the wrist can be measured: inside the picture, seen at least
        side_min_visibility and not much worse than usual (something in the way); or outside
        the picture, where the pose model carries the arm on beyond the edge."""
        i = lm_index(side, "wrist")
        if not in_frame(body.px[i], self.width, self.height):
            return True
        vis = float(body.vis[i])
        t0, usual = self._wrist_vis.get(side, (body.t, vis))
        a = 1.0 - math.exp(-max(body.t - t0, 0.0) / WRIST_VIS_TAU_S)
        self._wrist_vis[side] = (body.t, usual + a * (vis - usual))
        return vis >= self.th["side_min_visibility"] and vis >= VISIBILITY_DROP * usual

    def measure_side(self, body: Body, side: str):
        if not self.wrist_seen(body, side):
            return None
        arm = body.angle(side, "hip", "shoulder", "wrist")
        foot = other_side(side)
        heel = (body.xy(foot, "heel")[1] + body.xy(foot, "ankle")[1]) / 2.0
        feats = {
            "other_arm": body.angle(foot, "hip", "shoulder", "wrist"),
            "heel_y": float(heel),
            "oknee_y": body.xy(foot, "knee")[1],
            "shank": dist(body.p(foot, "knee"), body.p(foot, "ankle")),
            "lean": trunk_lean(body),
            "trunk_len": dist(body.mid("shoulder"), body.mid("hip")),
            "arm_up": body.xy(side, "shoulder")[1] - body.xy(side, "wrist")[1],
            "facing": side_on_ratio(body.px),
        }
        return arm, feats

    def flexion(self, side: str, span: RepSpan, samples: list[Sample], level: float) -> float:
        """The held shoulder flexion: the image angle from the side, the arm's height against
        its length from the front (where forward and upward look alike)."""
        values = np.array([x.value for x in samples])
        held = values >= 0.5 * (level + span.values[0])
        facing = self.feature(samples, "facing")[held]
        if not facing.size or float(np.nanmedian(facing)) < self.th["side_on_max_ratio"]:
            return level
        full = ARM_TO_TRUNK * float(np.nanmedian(self.feature(samples, "trunk_len")))
        up = self.feature(samples, "arm_up")[held]
        up = up[np.isfinite(up)]
        if not np.isfinite(full) or full <= 0 or not up.size:
            return level
        rise = float(np.clip(np.median(up) / full, -1.0, 1.0))
        return 90.0 + float(np.degrees(np.arcsin(rise)))

    def heel_rise(
        self, side: str, span: RepSpan, samples: list[Sample], held: np.ndarray
    ) -> float | None:
        """How far the opposite heel rose while the arm was up, as a fraction of the shank.

        Read on the heel and on the knee, which rises with it (the foot pivots on its toes),
        against where they rested before the arm went up and after it came down: a foot
        drifting towards or away from the camera moves up or down in the picture, and the
        knee, higher up, drifts less.
        """
        track = self.tracks[side]
        after = track.window(span.end, span.settled if span.settled is not None else span.end)
        shank = float(np.nanmedian(self.feature(samples, "shank")))
        if not (shank > 0 and held.any()):
            return None
        rises = []
        for name in ("heel_y", "oknee_y"):
            before = self.resting_feature(side, span, name)
            rest = self.feature(after, name)
            rest = rest[np.isfinite(rest)]
            if rest.size:
                before = 0.5 * (before + float(np.median(rest)))
            up = self.feature(samples, name)[held]
            up = up[np.isfinite(up)]
            if not (np.isfinite(before) and up.size):
                return None
            rises.append((before - float(np.median(up))) / shank)    # image y points down
        return float(np.mean(rises))

    def judge(self, side: str, span: RepSpan, samples: list[Sample]) -> Verdict:
        timing = self.timing(side, span)
        level = timing.level if timing else span.peak
        values = np.array([x.value for x in samples])
        held = values >= 0.5 * (level + span.values[0])
        # one arm at a time: both arms up together is another exercise
        other = self.feature(samples, "other_arm")[held]
        other = other[np.isfinite(other)]
        if other.size and float(np.median(other)) >= self.th["arm_count_deg"]:
            log.debug("%s %.2f-%.2f: both arms up", side, span.start, span.end)
            return Verdict(count=False)
        faults = []
        flexion = self.flexion(side, span, samples, level)
        rise = self.heel_rise(side, span, samples, held)
        log.debug("%s %.2f-%.2f: flexion %.1f, heel rise %s", side, span.start, span.end,
                  flexion, "unknown" if rise is None else f"{rise:.3f}")
        if flexion < self.th["arm_up_deg"]:
            faults.append("arm_low")
        if rise is not None and rise < self.th["heel_lift_min"]:
            faults.append("heel_down")
        if self.leans(side, span, samples, held):
            faults.append("trunk_lean")
        if "heel_down" in faults and "trunk_lean" in faults:
            # arm overhead, bending sideways, heels down: a side (flank) stretch, not this
            log.debug("%s %.2f-%.2f: a side stretch", side, span.start, span.end)
            return Verdict(count=False)
        return Verdict(
            peak=span.peak, faults=tuple(faults),
            start=timing.start if timing else None, end=timing.end if timing else None,
        )
