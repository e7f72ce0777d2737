"""BlazePose on the real clips, and the replay estimator that stands in for it.

Each clip goes through the real model once per session (tests/motion/real_clips.py); these
tests check that the landmarks reaching the analyzers are right: a person in (nearly) every
frame, coordinates in the image's frame of reference, times in seconds, a body that lies,
kneels or sits the way the clip shows.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from backcoach.errors import InputError
from backcoach.motion.extract import (
    DEFAULT_SAMPLE_FPS,
    ExtractOptions,
    extract_landmarks,
    model_frames,
    person_share,
    require_person,
)
from backcoach.motion.landmarks import L
from backcoach.motion.pose import BlazePoseEstimator, Estimator, ReplayEstimator
from backcoach.motion.recording import LandmarkRecording
from backcoach.motion.sources import VideoSource
from tests.motion.real_clips import CLIPS, no_person_clip, recording_of, video_path

pytestmark = pytest.mark.video

BIRD_DOG = "bird-dog_side_polybag.mp4"


@pytest.fixture(scope="session")
def estimator():
    with BlazePoseEstimator() as est:
        yield est


def _mid(lm: np.ndarray, a: L, b: L) -> np.ndarray:
    return (lm[a, :2] + lm[b, :2]) / 2


@pytest.mark.parametrize("name", sorted(CLIPS))
def test_a_person_is_found_in_nearly_every_frame(name):
    rec = recording_of(name)
    width, height, frames = CLIPS[name]
    assert (rec.width, rec.height) == (width, height)
    assert rec.fps == pytest.approx(DEFAULT_SAMPLE_FPS)
    # every other frame of a 30 fps clip, in time order, starting at 0
    assert len(rec) == pytest.approx(frames / 2, abs=1)
    times = np.array([f.t for f in rec.frames])
    assert times[0] == 0.0
    assert np.allclose(np.diff(times), 1 / DEFAULT_SAMPLE_FPS, atol=1e-3)
    assert person_share(rec) >= 0.95
    assert rec.meta["source"] == name and "blazepose-full" in rec.meta["model"]
    for frame in rec.frames:
        if frame.landmarks is None:
            continue
        lm = frame.landmarks
        assert lm.shape == (33, 4) and np.isfinite(lm).all()
        assert ((lm[:, 3] >= 0) & (lm[:, 3] <= 1)).all()
        # the trunk is in the picture (limbs may leave it, the hips and shoulders do not)
        trunk = lm[[L.LEFT_SHOULDER, L.RIGHT_SHOULDER, L.LEFT_HIP, L.RIGHT_HIP], :2]
        assert ((trunk > -0.05) & (trunk < 1.05)).all()


def test_landmarks_match_the_postures_in_the_clips():
    """Lying: the trunk is level. Kneeling on all fours: the knees are below the hips.
    Seated: the shoulders are above the hips. (y grows downwards in image coordinates.)"""
    def trunk(name):
        rec = recording_of(name)
        pts = [f.landmarks for f in rec.frames if f.landmarks is not None]
        sh = np.array([_mid(p, L.LEFT_SHOULDER, L.RIGHT_SHOULDER) for p in pts])
        hip = np.array([_mid(p, L.LEFT_HIP, L.RIGHT_HIP) for p in pts])
        knee = np.array([_mid(p, L.LEFT_KNEE, L.RIGHT_KNEE) for p in pts])
        scale = np.array([[rec.width, rec.height]])
        return sh * scale, hip * scale, knee * scale

    sh, hip, _ = trunk("pelvic-tilt-supine_side_polybag.mp4")
    dx, dy = np.abs(sh - hip).T
    assert np.median(dy / dx) < 0.4          # lying down: the trunk is near horizontal
    sh, hip, knee = trunk("cat-camel_side_polybag.mp4")
    dx, dy = np.abs(sh - hip).T
    assert np.median(dy / dx) < 0.6          # on all fours: the back is roughly level
    assert np.median(knee[:, 1] - hip[:, 1]) > 0   # ...and the knees are below the hips
    sh, hip, _ = trunk("seated-cat-cow_side_polybag.mp4")
    assert np.median(hip[:, 1] - sh[:, 1]) > 0     # seated: shoulders above hips
    dx, dy = np.abs(sh - hip).T
    assert np.median(dy / dx) > 1.5                # ...and the trunk near upright


def test_the_estimator_takes_rgb_and_returns_33_landmarks(estimator):
    assert isinstance(estimator, Estimator)
    frame = next(VideoSource(video_path("glute-bridge_side_physioplus.mp4")).frames(start=20))
    rgb = frame.bgr[:, :, ::-1].copy()
    lm = estimator.estimate(rgb, 100.0)
    assert lm is not None and lm.shape == (33, 4) and lm.dtype == np.float64
    assert estimator.estimate(None, 100.1) is None
    with pytest.raises(ValueError, match="RGB image"):
        estimator.estimate(rgb[:, :, 0], 100.2)


def test_the_estimator_finds_nobody_in_an_empty_room(estimator):
    blank = np.full((480, 640, 3), 128, dtype=np.uint8)
    assert estimator.estimate(blank, 200.0) is None


def test_no_start_up_chatter_reaches_stderr(capfd):
    with BlazePoseEstimator() as est:
        frame = next(VideoSource(video_path("glute-bridge_side_physioplus.mp4")).frames())
        assert est.estimate(frame.bgr[:, :, ::-1].copy(), 0.0) is not None
    err = capfd.readouterr().err
    assert "XNNPACK" not in err and "W0000" not in err


def test_replay_serves_the_frame_at_or_before_each_time():
    rec = recording_of("glute-bridge_side_physioplus.mp4")
    replay = ReplayEstimator(rec)
    assert isinstance(replay, Estimator)
    assert replay.estimate(None, -0.5) is None
    third = rec.frames[3]
    between = (rec.frames[3].t + rec.frames[4].t) / 2
    for t in (third.t, third.t - 1e-9, between):
        got = replay.estimate(None, t)
        assert got is not None and np.array_equal(got, third.landmarks)
    got[0, 0] = 99.0  # a copy: the recording is not changed through it
    assert rec.frames[3].landmarks[0, 0] != 99.0


def test_replaying_a_recording_through_extraction_gives_it_back(tmp_path):
    name = "glute-bridge_side_physioplus.mp4"
    original = recording_of(name)
    path = original.save(tmp_path / "rec.json.gz")
    loaded = LandmarkRecording.load(path)
    again = extract_landmarks(video_path(name), estimator=ReplayEstimator(loaded))
    assert len(again) == len(original)
    assert (again.fps, again.width, again.height) == (original.fps, original.width,
                                                      original.height)
    for a, b in zip(original.frames, again.frames, strict=True):
        assert a.t == pytest.approx(b.t, abs=1e-4)   # saved to 0.1 ms
        assert (a.landmarks is None) == (b.landmarks is None)
        if a.landmarks is not None:
            assert np.allclose(a.landmarks, b.landmarks, atol=1e-5)


def test_splitting_in_two_halves_matches_one_pass():
    """The second half, done by a second model that warms up first, agrees with a single pass."""
    name = "childs-pose_side_polybag.mp4"
    split = recording_of(name)                     # auto: two halves at once for a 12.7 s clip
    single = extract_landmarks(video_path(name), workers=1)
    assert np.allclose([f.t for f in split.frames], [f.t for f in single.frames], atol=1e-4)
    half = len(single) // 2
    diffs = []
    for a, b in zip(single.frames[half:], split.frames[half:], strict=True):
        if a.landmarks is not None and b.landmarks is not None:
            diffs.append(np.abs(a.landmarks[:25, :2] - b.landmarks[:25, :2]).mean())
    assert len(diffs) >= 0.95 * (len(single) - half)
    assert np.median(diffs) < 0.01   # within 1% of the image: the same pose


def test_ffmpeg_and_opencv_decoding_give_the_same_frames():
    """ffmpeg (the fast path) picks, seeks to and converts the same frames as OpenCV."""
    small = VideoSource(video_path("glute-bridge_side_physioplus.mp4"))   # 640x480: no shrink
    for start, stop in ((0, 20), (37, 60)):
        a = list(model_frames(small, ExtractOptions(decoder="opencv"), start, stop))
        b = list(model_frames(small, ExtractOptions(decoder="ffmpeg"), start, stop))
        assert [f[0] for f in a] == [f[0] for f in b] == [i for i in range(start, stop)
                                                          if i % 2 == 0]
        for (_, ta, img_a), (_, tb, img_b) in zip(a, b, strict=True):
            assert ta == tb and img_a.shape == img_b.shape == (480, 640, 3)
            assert np.array_equal(img_a, img_b)
    big = VideoSource(video_path(BIRD_DOG))       # 1080x1920, shrunk to 360x640
    a = list(model_frames(big, ExtractOptions(decoder="opencv"), 201, 241))
    b = list(model_frames(big, ExtractOptions(decoder="ffmpeg"), 201, 241))
    assert [f[0] for f in a] == [f[0] for f in b]
    assert b[0][2].shape == (640, 360, 3)
    for k, (_, _, img) in enumerate(b):
        diffs = [np.abs(img.astype(int) - other[2].astype(int)).mean() for other in a]
        assert int(np.argmin(diffs)) == k and diffs[k] < 3


def test_every_frame_and_full_size_on_request():
    seen: list[tuple[int, int]] = []
    rec = extract_landmarks(video_path("glute-bridge_side_physioplus.mp4"), sample_fps=None,
                            max_side=None, progress=lambda done, total: seen.append((done, total)))
    assert rec.fps == pytest.approx(30.0) and len(rec) == 91
    assert seen[-1] == (91, 91)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert person_share(rec) >= 0.95


def test_the_opencv_path_finds_the_same_landmarks():
    """Without ffmpeg, extraction decodes with OpenCV; unshrunk frames give identical poses."""
    name = "glute-bridge_side_physioplus.mp4"
    fast = recording_of(name)
    plain = extract_landmarks(video_path(name), decoder="opencv")
    assert [f.t for f in plain.frames] == pytest.approx([f.t for f in fast.frames], abs=1e-4)
    for a, b in zip(plain.frames, fast.frames, strict=True):
        assert a.landmarks is not None and b.landmarks is not None
        assert np.allclose(a.landmarks, b.landmarks, atol=1e-4)


def test_a_clip_with_nobody_in_it():
    rec = extract_landmarks(no_person_clip())
    assert len(rec) > 0 and person_share(rec) < 0.05
    with pytest.raises(InputError, match="no person"):
        require_person(rec, "no-person.mp4")


def test_a_broken_video_fails_before_the_model_starts(tmp_path):
    bad = tmp_path / "x.mp4"
    bad.write_bytes(b"\x00\x01" * 5000)
    with pytest.raises(InputError, match="cannot be opened"):
        extract_landmarks(bad)


def test_matplotlib_still_works_after_the_model_loads():
    """The estimator keeps matplotlib out of mediapipe's import; later users get the real one."""
    code = (
        "from backcoach.motion.pose import BlazePoseEstimator\n"
        "BlazePoseEstimator().close()\n"
        "import matplotlib.pyplot as plt\n"
        "plt.figure()\n"
        "print(plt.__file__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("pyplot.py")
