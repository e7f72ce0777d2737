"""Views, visibility and the noise knobs, seen through the recording a pose model would give."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pytest

from backcoach.errors import InputError
from backcoach.motion.landmarks import L
from backcoach.motion.recording import LandmarkRecording
from backcoach.motion.synth import SynthSpec, generate


def spec(exercise="straight-leg-raises", **kw) -> SynthSpec:
    base = dict(exercise=exercise, reps=1, side="left", hold_seconds=1.0, idle_before=0.5,
                idle_after=0.5, fps=15)
    if exercise in ("wall-squats", "ankle-pumps"):
        base.pop("side")
    base.update(kw)
    return SynthSpec(**base)


def stack(rec: LandmarkRecording) -> np.ndarray:
    return np.stack([f.landmarks for f in rec.frames if f.landmarks is not None])


def test_same_seed_same_file_and_other_seed_other_noise(tmp_path):
    knobs = dict(jitter_px=2.0, drop_frames=0.05, second_person=True)
    paths = []
    for n, seed in enumerate((7, 7, 8)):
        path = tmp_path / f"r{n}.json.gz"
        generate(spec(seed=seed, **knobs)).save(path)
        paths.append(path)
    raw = [gzip.decompress(p.read_bytes()) for p in paths]
    assert raw[0] == raw[1]
    assert raw[0] != raw[2]
    a, b = (json.loads(r)["frames"] for r in (raw[0], raw[2]))
    both = [(x["landmarks"], y["landmarks"]) for x, y in zip(a, b, strict=False)
            if x["landmarks"] and y["landmarks"]]
    diff = np.abs(np.array([x for x, _ in both]) - np.array([y for _, y in both]))[..., :2]
    assert np.median(diff) > 0.0003     # different noise, not just a different rep timing


def test_recording_round_trip_keeps_truth(tmp_path):
    rec = generate(spec(jitter_px=1.0, drop_frames=0.1))
    path = rec.save(tmp_path / "rec.json")
    back = LandmarkRecording.load(path)
    assert back.truth == json.loads(json.dumps(rec.truth))
    assert len(back) == len(rec) and back.width == 1280 and back.fps == 15
    assert sum(f.landmarks is None for f in back.frames) == sum(
        f.landmarks is None for f in rec.frames) > 0


def test_clean_side_view_fits_the_frame_with_near_side_more_visible():
    rec = generate(spec())
    lm = stack(rec)
    assert len(lm) == len(rec)
    assert lm[..., 0].min() > 0.02 and lm[..., 0].max() < 0.98
    assert lm[..., 1].min() > 0.02 and lm[..., 1].max() < 0.98
    near = rec.truth["knobs"]["near_side"]
    far = "left" if near == "right" else "right"
    limbs = ("HIP", "KNEE", "ANKLE", "SHOULDER", "ELBOW", "WRIST")
    vis = {s: lm[:, [L[f"{s.upper()}_{p}"] for p in limbs], 3] for s in (near, far)}
    assert vis[near].mean() > 0.9
    assert 0.45 < vis[far].mean() < 0.85


def test_head_side_and_view_rules():
    for head in ("left", "right"):
        rec = generate(spec(head=head))
        lm = stack(rec)
        nose_x = lm[:, L.NOSE, 0].mean()
        ankle_x = lm[:, L.LEFT_ANKLE, 0].mean()
        assert (nose_x < ankle_x) == (head == "left")
        # lying on the back with the head on the image's left shows the right side
        assert rec.truth["knobs"]["near_side"] == ("right" if head == "left" else "left")
    for view, near in (("side-left", "left"), ("side-right", "right")):
        rec = generate(spec("wall-squats", view=view))
        assert rec.truth["knobs"]["near_side"] == near
        lm = stack(rec)
        assert lm[:, L[f"{near.upper()}_KNEE"], 3].mean() > 0.9


def test_front_view_separates_left_and_right():
    side = stack(generate(spec("wall-squats")))
    front = stack(generate(spec("wall-squats", view="front")))
    gap = [np.abs(x[:, L.LEFT_SHOULDER, 0] - x[:, L.RIGHT_SHOULDER, 0]).mean()
           for x in (side, front)]
    assert gap[1] > 3 * gap[0]
    vis = front[:, [L.LEFT_KNEE, L.RIGHT_KNEE], 3]
    assert vis.min() > 0.8


def test_distance_height_and_tilt_move_the_picture():
    near = stack(generate(spec(distance_m=2.0)))
    far = stack(generate(spec(distance_m=4.0)))
    size = [np.ptp(x[0, :, 0]) for x in (near, far)]
    assert size[0] == pytest.approx(2 * size[1], rel=0.1)
    flat = stack(generate(spec(tilt_deg=0)))
    tilted = stack(generate(spec(tilt_deg=10)))
    assert tilted[..., 1].mean() < flat[..., 1].mean() - 0.1   # camera looks lower: body rises


def test_jitter_is_about_the_asked_size():
    clean = stack(generate(spec()))
    noisy = stack(generate(spec(jitter_px=3.0)))
    d = (noisy - clean)[..., :2] * np.array([1280, 720])
    near = noisy[..., 3] > 0.9
    sd = d[near].std()
    assert 2.0 < sd < 4.5


def test_dropped_frames_are_null_and_marked():
    rec = generate(spec(drop_frames=0.2))
    none = np.array([f.landmarks is None for f in rec.frames])
    assert 0.15 < none.mean() < 0.3
    spans = [u for u in rec.truth["unobservable"] if u["reason"] == "no_person"]
    t = np.array([f.t for f in rec.frames])
    covered = np.zeros(len(t), dtype=bool)
    for u in spans:
        covered |= (t >= u["start"] - 1e-3) & (t <= u["end"] + 1e-3)
    assert (covered == none).all()


def test_low_visibility_span():
    rec = generate(spec(low_visibility=[(1.0, 2.0, "legs")]))
    lm = stack(rec)
    t = np.array([f.t for f in rec.frames])
    inside = (t >= 1.0) & (t <= 2.0)
    knee = lm[:, [L.LEFT_KNEE, L.RIGHT_KNEE], 3]
    assert knee[inside].max() < 0.4 and knee[~inside].mean() > 0.6
    assert lm[inside][:, L.NOSE, 3].min() > 0.8
    assert {"start": 1.0, "end": 2.0, "reason": "low_visibility", "part": "legs"} in \
        rec.truth["unobservable"]


@pytest.mark.parametrize("exercise", ["straight-leg-raises", "ball-arm-heel-raise",
                                      "lumbar-stabilization"])
def test_limb_leaves_the_frame(exercise):
    rec = generate(spec(exercise, limb_out_of_frame=True, hold_seconds=2.0))
    lm = stack(rec)
    outside = (lm[..., :2] < -0.04) | (lm[..., :2] > 1.04)
    assert outside.any()
    assert lm[outside.any(axis=-1)][:, 3].max() < 0.5        # off-frame points are not trusted
    spans = [u for u in rec.truth["unobservable"] if u["reason"] == "out_of_frame"]
    assert 0 < sum(u["end"] - u["start"] for u in spans) < 0.8 * rec.duration
    assert not all(r["observable"] for r in rec.truth["reps"])


def test_second_person_takes_over_for_a_moment():
    rec = generate(spec(second_person=True, seed=2))
    span = next(u for u in rec.truth["unobservable"] if u["reason"] == "second_person")
    assert 0.5 <= span["end"] - span["start"] <= 1.1
    lm = stack(rec)
    t = np.array([f.t for f in rec.frames])
    inside = (t >= span["start"]) & (t <= span["end"])
    hip = (lm[:, L.LEFT_HIP, :2] + lm[:, L.RIGHT_HIP, :2]) / 2
    jump = np.linalg.norm(hip[inside] - hip[~inside].mean(axis=0), axis=1)
    assert np.median(jump) > 0.1
    # the passer-by stands: head well above the hips
    assert (lm[inside][:, L.NOSE, 1] < hip[inside][:, 1] - 0.1).all()


@pytest.mark.parametrize("exercise", ["straight-leg-raises", "lumbar-stabilization",
                                      "ball-marching", "wall-squats"])
@pytest.mark.parametrize("view", ["side-left", "side-right", "front", "oblique-left",
                                  "oblique-right"])
def test_every_view_frames_the_whole_body(exercise, view):
    rec = generate(spec(exercise, view=view, fps=8))
    lm = stack(rec)
    assert lm[..., :2].min() > 0.0 and lm[..., :2].max() < 1.0
    body = np.ptp(lm[..., 0], axis=1).max(), np.ptp(lm[..., 1], axis=1).max()
    assert max(body) > 0.3                          # big enough to see
    assert (rec.truth["knobs"]["near_side"] is None) == (view == "front")


@pytest.mark.parametrize("head", ["left", "right"])
def test_yaw_turns_a_side_view_into_the_oblique_one(head):
    side, oblique = (stack(generate(spec("straight-leg-raises", view=v, head=head, fps=8,
                                         yaw_deg=y)))
                     for v, y in (("side-right", 40.0), ("oblique-right", 0.0)))
    assert np.abs(side[..., :2] - oblique[..., :2]).max() < 1e-9
    square = stack(generate(spec("straight-leg-raises", view="side-right", head=head, fps=8)))
    assert np.abs(square[..., :2] - side[..., :2]).max() > 0.02


def test_yaw_beyond_sixty_degrees_is_refused():
    with pytest.raises(InputError, match="yaw"):
        generate(spec("wall-squats", yaw_deg=75.0))
