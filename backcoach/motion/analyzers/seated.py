"""What the exercises sitting on a ball share: one person, sitting, and the trunk's lean.

Sitting on a ball, the hips and knees stay put within a fraction of the trunk's length and the
body keeps its size in the picture. A pose that jumps elsewhere or changes size is someone
else (a passer-by the pose model locked on to) or a glitch: it is not measured, and the
landmark smoother starts afresh after it, so the next pose of the person is not blended with
it. A standing pose is not measured either.
"""

from __future__ import annotations

import logging
import math

import numpy as np

from backcoach.motion.analyzers.base import Analyzer, Body, Sample, is_standing
from backcoach.motion.counting import RepSpan
from backcoach.motion.events import Event
from backcoach.motion.geometry import dist, lm_index
from backcoach.motion.recording import PoseFrame

log = logging.getLogger(__name__)

FOLLOW_TAU_S = 2.0      # how fast the reference position follows the person
ADOPT_AFTER_S = 2.0     # a new, steady position held this long becomes the reference


def trunk_lean(body: Body) -> float:
    """The trunk's signed angle from upright in the picture (degrees, + towards image right)."""
    shoulder, hip = body.mid("shoulder"), body.mid("hip")
    return math.degrees(math.atan2(float(shoulder[0] - hip[0]), float(hip[1] - shoulder[1])))


class OnePerson:
    """Follows where the person sits and how big they look, and rejects poses that jump away.

    A pose is the same person when its hip midpoint and each knee lie within `max_shift`
    trunk lengths (shoulders to hips) of where they were, and its trunk length is within a
    factor (1 + max_scale) of the usual. (Someone walking past may cross the hips, but not
    with their knees where a sitting person's are.) The reference follows accepted poses; a
    different pose held steadily for ADOPT_AFTER_S (the person moved for good) becomes the
    new reference, and `changed` says so once.
    """

    POINTS = (("left", "hip"), ("right", "hip"), ("left", "knee"), ("right", "knee"))

    def __init__(self, max_shift: float, max_scale: float):
        self.max_shift = max_shift
        self.max_scale = max_scale
        self._index = [lm_index(side, part) for side, part in self.POINTS]
        self._shoulders = (lm_index("left", "shoulder"), lm_index("right", "shoulder"))
        # points as plain (x, y) floats: this runs every frame on four points
        self._ref: tuple[list[tuple[float, float]], float] | None = None   # points, trunk
        self._ref_t = 0.0
        self._new: tuple[list[tuple[float, float]], float, float] | None = None  # ..., since
        self.changed = False

    def _same(self, ref: tuple[list[tuple[float, float]], float],
              points: list[tuple[float, float]], trunk: float) -> bool:
        pts0, trunk0 = ref
        shifts = [dist(_middle(points[0], points[1]), _middle(pts0[0], pts0[1]))]
        shifts += [dist(p, q) for p, q in zip(points[2:], pts0[2:], strict=True)]
        return (
            max(shifts) <= self.max_shift * trunk0
            and abs(math.log(trunk / trunk0)) <= math.log1p(self.max_scale)
        )

    def check(self, t: float, px: np.ndarray) -> bool:
        """Whether the pose (33, 2 pixels) is the person followed so far (the first one is)."""
        self.changed = False
        pl = px.tolist()
        points = [(pl[i][0], pl[i][1]) for i in self._index]
        ls, rs = (pl[i] for i in self._shoulders)
        trunk = dist(_middle(points[0], points[1]), _middle(ls, rs))
        if not (all(math.isfinite(v) for p in points for v in p) and math.isfinite(trunk)
                and trunk > 0):
            return True     # nothing to compare: the visibility gate decides
        if self._ref is None:
            self._ref, self._ref_t = (points, trunk), t
            return True
        if self._same(self._ref, points, trunk):
            a = 1.0 - math.exp(-max(t - self._ref_t, 0.0) / FOLLOW_TAU_S)
            pts0, trunk0 = self._ref
            followed = [(x0 + a * (x - x0), y0 + a * (y - y0))
                        for (x0, y0), (x, y) in zip(pts0, points, strict=True)]
            self._ref = (followed, trunk0 + a * (trunk - trunk0))
            self._ref_t = t
            self._new = None
            return True
        # elsewhere: someone else, or the person moved; adopt it once it stays put
        if self._new is None or not self._same(self._new[:2], points, trunk):
            self._new = (points, trunk, t)
        elif t - self._new[2] >= ADOPT_AFTER_S:
            self._ref, self._ref_t, self._new = (points, trunk), t, None
            self.changed = True
            return True
        return False


def _middle(p: tuple[float, float] | list[float], q: tuple[float, float] | list[float]
            ) -> tuple[float, float]:
    return (p[0] + q[0]) / 2.0, (p[1] + q[1]) / 2.0


class SeatedAnalyzer(Analyzer):
    """Base of the ball exercises: measures only the one person, sitting."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = OnePerson(self.th["person_max_shift"], self.th["person_max_scale"])
        self._stranger = False

    def update(self, frame: PoseFrame) -> list[Event]:
        lm = frame.landmarks
        self._stranger = False
        if lm is not None and np.isfinite(lm[:, :2]).any():
            px = lm[:, :2] * np.array([float(self.width), float(self.height)])
            self._stranger = not self.person.check(float(frame.t), px)
            if self.person.changed:
                self.restart()
        events = super().update(frame)
        if self._stranger:
            self.smoother.reset()
        return events

    def restart(self) -> None:
        """The person sits somewhere else now: learn where each limb rests again."""
        for track in self.tracks.values():
            track.counter.reset(armed=False)
            track.baseline = None
            track.rest_seen = 0.0

    def leans(self, side: str, span: RepSpan, samples: list[Sample], held: np.ndarray) -> bool:
        """Whether the trunk leant while the limb was up: further than trunk_max_tilt_deg from
        upright in the picture, or trunk_max_shift_deg further than it sat just before (which
        a camera on a slant does not change). Needs the samples' "lean" (trunk_lean)."""
        lean = self.feature(samples, "lean")[held]
        lean = lean[np.isfinite(lean)]
        if not lean.size:
            return False
        rest = self.resting_feature(side, span, "lean")
        tilt = float(np.percentile(np.abs(lean), 75))
        shift = float(np.percentile(np.abs(lean - rest), 75)) if np.isfinite(rest) else 0.0
        log.debug("%s %.2f-%.2f: trunk tilt %.1f, shift %.1f", side, span.start, span.end, tilt,
                  shift)
        return tilt > self.th["trunk_max_tilt_deg"] or shift > self.th["trunk_max_shift_deg"]

    def in_position(self, body: Body) -> bool:
        return not self._stranger and not self.standing(body)

    def standing(self, body: Body) -> bool:
        """Standing up rather than sitting. Seen from the front by a camera above the hips, a
        sitting person's thighs, pointing at it, can look upright and long in the picture
        like a standing person's: their depth tells them apart."""
        if not is_standing(body):
            return False
        trunk = dist(body.plain_mid("shoulder"), body.plain_mid("hip"))
        depth = min(
            abs(float(body.z[lm_index(side, "knee")] - body.z[lm_index(side, "hip")]))
            for side in ("left", "right")
        ) * self.width
        return depth < self.th["standing_thigh_depth_max"] * trunk
