"""The visibility gate: the coach only counts while it can see the joints an exercise needs.

Each frame is checked for a person, for the required joints being visible and inside the
image, and (for side-view exercises) for the person being side-on. A problem that lasts longer
than `warn_after` seconds raises one VisibilityWarning with a plain instruction; the all-clear,
once things have been fine for `restore_after` seconds, raises VisibilityRestored. The analyzer
does not measure on frames the gate rejects. One reason comes from the analyzer rather than
from `check`: "unsteady", a body seen so small or so poorly that the measured angle jitters
more than the exercise's movement can be told from (see Analyzer._follow_jitter); it is
still measured, to see when it steadies, but not counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from backcoach.motion.events import Event, VisibilityRestored, VisibilityWarning
from backcoach.motion.geometry import SIDES, angle_to_horizontal, lm_index, side_on_ratio
from backcoach.motion.landmarks import L

MESSAGES = {
    "no_person": "I can't see anyone. Step into the camera's view.",
    "out_of_frame": "Move so your whole body is in view.",
    "low_visibility": "I can't see you clearly. Move so your whole body is in view, in good light.",
    "wrong_view": "Turn side-on to the camera.",
    "wrong_position": "Get into the starting position for this exercise.",
    "unsteady": "Move closer to the camera or add light: I can't see your joints clearly.",
}

FRAME_MARGIN = 0.005   # normalised; a landmark this far past the edge counts as out of frame


@dataclass(frozen=True)
class GateResult:
    """The gate's verdict on one frame."""

    ok: bool
    reason: str | None = None
    sides: dict[str, bool] = field(default_factory=dict)   # per side: its chain is usable


def in_frame(
    px: np.ndarray | list[float], width: int, height: int, margin: float = FRAME_MARGIN
) -> bool:
    x, y = px[0] / width, px[1] / height
    return bool(-margin <= x <= 1 + margin and -margin <= y <= 1 + margin)


class VisibilityGate:
    """Decides frame by frame whether an analyzer may measure, and says why not.

    required: body parts ("shoulder", "hip", "knee", ...) that must be seen, on at least one
    side, with visibility >= min_visibility and inside the image. side_parts: the parts that
    make one side's chain usable (e.g. hip, knee, ankle for a leg). side_on_max: for side-view
    exercises, the largest shoulder/hip width to trunk length ratio that still counts as
    side-on (None: any view). trunk_range: the trunk's angle to horizontal (degrees) that
    fits the exercise's position, e.g. near 0 lying down, near 90 sitting (None: any).
    """

    def __init__(
        self,
        required: tuple[str, ...],
        *,
        width: int,
        height: int,
        min_visibility: float = 0.5,
        side_parts: tuple[str, ...] = (),
        side_min_visibility: float | None = None,
        side_on_max: float | None = None,
        trunk_range: tuple[float, float] | None = None,
        warn_after: float = 0.5,
        restore_after: float = 0.3,
    ):
        self.required = required
        self.side_parts = side_parts or required
        self.width, self.height = width, height
        self.min_visibility = min_visibility
        self.side_min_visibility = (
            min_visibility * 0.6 if side_min_visibility is None else side_min_visibility
        )
        self.side_on_max = side_on_max
        self.trunk_range = trunk_range
        self.warn_after = warn_after
        self.restore_after = restore_after
        self.warned: str | None = None      # the reason currently warned about
        self._bad_since: float | None = None
        self._good_since: float | None = None
        self._reason: tuple[str, float] | None = None   # the latest reason, and since when
        self.warnings: list[VisibilityWarning] = []

    def _part_ok(self, px: list, vis: list, side: str, part: str, min_vis: float) -> bool:
        i = lm_index(side, part)
        return vis[i] >= min_vis and in_frame(px[i], self.width, self.height)

    def check(self, t: float, px: np.ndarray | None, vis: np.ndarray | None) -> GateResult:
        """The verdict for one frame (px, vis None when no person was found)."""
        if px is None or vis is None:
            return GateResult(False, "no_person", {s: False for s in SIDES})
        # plain lists: this runs every frame, and numpy scalars are slow one by one
        pxl, visl = px.tolist(), vis.tolist()
        sides = {
            s: all(self._part_ok(pxl, visl, s, p, self.side_min_visibility)
                   for p in self.side_parts)
            for s in SIDES
        }
        for part in self.required:
            seen = [self._part_ok(pxl, visl, s, part, self.min_visibility) for s in SIDES]
            if not any(seen):
                i = [lm_index(s, part) for s in SIDES]
                inside = any(in_frame(pxl[j], self.width, self.height) for j in i)
                return GateResult(False, "low_visibility" if inside else "out_of_frame", sides)
        if self.side_on_max is not None and side_on_ratio(px) > self.side_on_max:
            return GateResult(False, "wrong_view", sides)
        if self.trunk_range is not None:
            trunk = angle_to_horizontal(
                (px[L.LEFT_SHOULDER] + px[L.RIGHT_SHOULDER]) / 2,
                (px[L.LEFT_HIP] + px[L.RIGHT_HIP]) / 2,
            )
            if not self.trunk_range[0] <= trunk <= self.trunk_range[1]:
                return GateResult(False, "wrong_position", sides)
        return GateResult(True, None, sides)

    def events(self, t: float, result: GateResult) -> list[Event]:
        """Warnings and all-clears due after this frame's verdict (debounced in time)."""
        out: list[Event] = []
        if result.ok:
            self._bad_since = None
            if self._good_since is None:
                self._good_since = t
            if self.warned and t - self._good_since >= self.restore_after:
                self.warned = None
                out.append(VisibilityRestored(t=t))
        else:
            self._good_since = None
            if self._bad_since is None:
                self._bad_since = t
            reason = result.reason or "low_visibility"
            if self._reason is None or self._reason[0] != reason:
                self._reason = (reason, t)
            # a first warning once things have been wrong long enough, whatever the reason;
            # a different one only once its own reason has lasted as long (one dropped frame
            # while the person is half hidden is not worth a new warning, nor two)
            since = self._bad_since if self.warned is None else self._reason[1]
            if t - since >= self.warn_after and self.warned != reason:
                self.warned = reason
                warning = VisibilityWarning(t=t, reason=reason, text=MESSAGES[reason])
                self.warnings.append(warning)
                out.append(warning)
        return out
