"""The live coach on a real clip sent as a webcam page sends it: JPEG frames at 15 fps, 480 px."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from backcoach.errors import InputError, UnknownExerciseError
from backcoach.live import LiveCoach, pack_frame, unpack_frame, video_jpegs
from tests.web.clips import clip

pytestmark = pytest.mark.video

BIRD_DOG = "bird-dog_side_polybag.mp4"


@cache
def bird_dog_frames() -> list[tuple[float, bytes]]:
    return list(video_jpegs(clip(BIRD_DOG)))


def test_frames_are_what_the_page_sends() -> None:
    frames = bird_dog_frames()
    assert len(frames) == 214                       # 427 frames at 30 fps, every other one
    assert frames[1][0] == pytest.approx(2 / 30)
    assert all(jpeg[:2] == b"\xff\xd8" for _, jpeg in frames[:5])
    assert max(len(j) for _, j in frames) < 100_000


def test_bird_dog_counts_one_reach_each_side() -> None:
    reps, seen, messages = [], 0, []
    with LiveCoach("lumbar-stabilization") as coach:
        for seq, (t, jpeg) in enumerate(bird_dog_frames(), 1):
            update = coach.process(jpeg, t, seq)
            assert update.seq == seq and update.t == pytest.approx(t)
            seen += update.landmarks is not None
            reps += update.reps
            messages.append(update.to_message())
    assert [r.rep.side for r in reps] == ["right", "left"]
    assert update.count == 2 and update.count_by_side == {"left": 1, "right": 1}
    assert seen / len(bird_dog_frames()) > 0.95
    rep_msgs = [m for m in messages if any(e["kind"] == "rep" for e in m["events"])]
    assert [m["count"] for m in rep_msgs] == [1, 2]
    one = messages[50]
    assert len(one["landmarks"]) == 33 and len(one["landmarks"][0]) == 3
    assert one["status"]["metric"] == "leg reach"
    assert set(one["ms"]) == {"decode", "pose", "analysis", "total"}


def test_switching_exercise_starts_counting_afresh() -> None:
    with LiveCoach("lumbar-stabilization") as coach:
        for t, jpeg in bird_dog_frames()[:100]:
            coach.process(jpeg, t)
        coach.switch("heel-slides")
        update = coach.process(bird_dog_frames()[100][1], bird_dog_frames()[100][0])
        assert update.exercise == "heel-slides" and update.count == 0


def test_bad_input_is_a_clear_error() -> None:
    with pytest.raises(UnknownExerciseError):
        LiveCoach("back-flips", estimator=_NoPose())
    coach = LiveCoach("heel-slides", estimator=_NoPose())
    with pytest.raises(InputError, match="could not be decoded as a JPEG"):
        coach.process(b"not a jpeg", 0.0)
    with pytest.raises(InputError, match="too short"):
        unpack_frame(b"abc")
    assert unpack_frame(pack_frame(7, 1.25, b"\xff\xd8jpeg")) == (7, 1.25, b"\xff\xd8jpeg")


def test_time_never_runs_backwards_for_the_model() -> None:
    coach = LiveCoach("heel-slides", estimator=_NoPose())
    t, jpeg = bird_dog_frames()[0]
    first = coach.process(jpeg, 5.0)
    second = coach.process(jpeg, 4.0)          # a client clock hiccup
    assert second.t > first.t
    assert second.landmarks is None and second.count == 0


class _NoPose:
    """An estimator that never finds anybody (no model needed)."""

    def estimate(self, rgb: np.ndarray | None, t: float) -> np.ndarray | None:
        return None

    def close(self) -> None:
        pass
