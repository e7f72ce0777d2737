"""Video, camera and recording sources: real clips read right, bad input told plainly."""

from __future__ import annotations

import gzip

import numpy as np
import pytest

from backcoach.errors import InputError
from backcoach.motion.recording import LandmarkRecording, PoseFrame
from backcoach.motion.sources import (
    CameraSource,
    RecordingSource,
    VideoSource,
    open_source,
)
from tests.motion.real_clips import CLIPS, ffprobe, video_path

SMALL = "glute-bridge_side_physioplus.mp4"   # 91 frames, 640x480: cheap to decode fully


@pytest.mark.parametrize("name", sorted(CLIPS))
def test_video_source_reports_the_clip_as_ffprobe_does(name):
    width, height, frames = CLIPS[name]
    source = VideoSource(video_path(name))
    assert (source.width, source.height) == (width, height)
    assert source.fps == pytest.approx(30.0)
    assert abs(source.frame_count - frames) <= 1
    assert source.duration == pytest.approx(frames / 30.0, abs=0.05)


def test_every_frame_decodes_with_its_time():
    path = video_path(SMALL)
    probe = ffprobe(path)
    frames = list(VideoSource(path))
    assert len(frames) == int(probe["nb_read_frames"])
    assert [f.index for f in frames] == list(range(len(frames)))
    assert frames[30].t == pytest.approx(1.0)
    assert frames[0].bgr.shape == (480, 640, 3) and frames[0].bgr.dtype == np.uint8


def test_seeking_and_skipping_give_the_same_pixels_as_reading_through():
    source = VideoSource(video_path(SMALL))
    through = {f.index: f.bgr for f in source.frames()}
    seeked = list(source.frames(start=50, stop=60))
    assert [f.index for f in seeked] == list(range(50, 60))
    for f in seeked:
        assert np.array_equal(f.bgr, through[f.index])
    even = list(source.frames(want=lambda i: i % 2 == 0))
    assert [f.index for f in even] == list(range(0, len(through), 2))
    assert np.array_equal(even[10].bgr, through[20])


def test_random_bytes_are_not_a_video(tmp_path):
    # seeded: about one random blob in forty happens to decode as a raw 352x288 video stream
    # (ffmpeg probes it so); that one then finds no person, which analyze also reports
    bad = tmp_path / "x.mp4"
    bad.write_bytes(np.random.default_rng(0).bytes(200_000))
    with pytest.raises(InputError, match="cannot be opened as a video"):
        VideoSource(bad)


def test_a_text_file_is_not_a_video(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("three sets of ten\n")
    with pytest.raises(InputError, match="not a video format"):
        VideoSource(text)


def test_a_truncated_video_is_reported(tmp_path):
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(video_path("bird-dog_side_polybag.mp4").read_bytes()[:100_000])
    with pytest.raises(InputError) as info:
        VideoSource(cut)
    assert cut.name in str(info.value)


def test_missing_empty_and_folder_inputs(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        VideoSource(tmp_path / "nowhere.mp4")
    empty = tmp_path / "empty.mp4"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        VideoSource(empty)
    with pytest.raises(InputError, match="folder"):
        VideoSource(tmp_path)


def test_no_camera_gives_a_clear_error():
    with pytest.raises(InputError, match="no camera found at index 57"):
        CameraSource(57)


def _small_recording() -> LandmarkRecording:
    rng = np.random.default_rng(3)
    frames = [PoseFrame(t=i / 10, landmarks=rng.random((33, 4)), index=i) for i in range(5)]
    frames.append(PoseFrame(t=0.5, landmarks=None, index=5))
    return LandmarkRecording(fps=10.0, width=640, height=480, frames=frames)


@pytest.mark.parametrize("suffix", [".json", ".json.gz"])
def test_recording_source_reads_what_was_saved(tmp_path, suffix):
    rec = _small_recording()
    path = rec.save(tmp_path / f"rec{suffix}")
    source = open_source(path)
    assert isinstance(source, RecordingSource)
    assert (source.fps, source.width, source.height, source.frame_count) == (10.0, 640, 480, 6)
    back = list(source)
    assert back[-1].landmarks is None
    for a, b in zip(rec.frames[:5], back[:5], strict=True):
        assert b.t == pytest.approx(a.t)
        assert np.allclose(a.landmarks, b.landmarks, atol=1e-5)


def test_bad_recordings_are_reported(tmp_path):
    empty = tmp_path / "empty.json"
    empty.write_text("")
    with pytest.raises(InputError, match="empty"):
        RecordingSource(empty)
    garbage = tmp_path / "garbage.json.gz"
    with gzip.open(garbage, "wt") as fh:
        fh.write("{not json")
    with pytest.raises(InputError, match="not readable JSON"):
        RecordingSource(garbage)
    other = tmp_path / "other.json"
    other.write_text('{"hello": 1}')
    with pytest.raises(InputError, match="not a BackCoach landmark recording"):
        RecordingSource(other)


def test_open_source_picks_video_for_other_names():
    assert isinstance(open_source(video_path(SMALL)), VideoSource)


def test_a_recording_is_not_opened_as_a_video(tmp_path):
    path = _small_recording().save(tmp_path / "rec.json")
    with pytest.raises(InputError, match="landmark recording, not a video"):
        VideoSource(path)
