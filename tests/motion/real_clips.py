"""The real clips in ../shared/data/videos, run through the real pose model once per session.

    from tests.motion.real_clips import CLIPS, recording_of, video_path
    rec = recording_of("bird-dog_side_polybag.mp4")     # extracted on first use, then cached

The clips live beside the repository (CI has the same copy there); a missing folder fails the
test with a message saying where it was looked for, it never skips.
"""

from __future__ import annotations

import atexit
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

import pytest

from backcoach.motion.extract import extract_landmarks
from backcoach.motion.recording import LandmarkRecording

REPO = Path(__file__).resolve().parents[2]
VIDEOS = REPO.parent / "shared" / "data" / "videos"

# file name -> (width, height, frames) as ffprobe reports them
CLIPS: dict[str, tuple[int, int, int]] = {
    "bird-dog_side_polybag.mp4": (1080, 1920, 427),
    "cat-camel_side_polybag.mp4": (1080, 1920, 387),
    "pelvic-tilt-supine_side_polybag.mp4": (1080, 1920, 578),
    "childs-pose_side_polybag.mp4": (1080, 1920, 382),
    "seated-cat-cow_side_polybag.mp4": (1080, 1920, 485),
    "seated-side-bend_front_polybag.mp4": (464, 832, 485),
    "glute-bridge_side_physioplus.mp4": (640, 480, 91),
}


def video_path(name: str) -> Path:
    """The path of a real clip; fails the test clearly when the data folder is missing."""
    path = VIDEOS / name
    if not path.is_file():
        pytest.fail(
            f"real test clip {name} not found in {VIDEOS}: the shared data folder must sit "
            "beside the repository (../shared/data/videos)"
        )
    return path


@cache
def _cache_dir() -> Path:
    path = Path(tempfile.mkdtemp(prefix="backcoach-clips-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


@cache
def recording_path(name: str) -> Path:
    """The clip's landmark recording (.json.gz), extracted once per test session."""
    out = _cache_dir() / (Path(name).stem + ".json.gz")
    extract_landmarks(video_path(name)).save(out)
    return out


def recording_of(name: str) -> LandmarkRecording:
    """A fresh copy of the clip's landmark recording (safe to modify)."""
    return LandmarkRecording.load(recording_path(name))


@cache
def no_person_clip() -> Path:
    """A 3-second 30 fps test pattern: a readable video with nobody in it."""
    out = _cache_dir() / "no-person.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
         "testsrc=duration=3:size=320x240:rate=30", "-c:v", "libx264", "-pix_fmt", "yuv420p",
         str(out)],
        check=True, timeout=60,
    )
    return out


def ffprobe(path: Path) -> dict[str, str]:
    """codec_name, width, height, pix_fmt and nb_read_frames of a video's first stream."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames",
         "-show_entries", "stream=codec_name,width,height,pix_fmt,nb_read_frames",
         "-of", "default=noprint_wrappers=1", str(path)],
        capture_output=True, text=True, check=True, timeout=60,
    )
    return dict(line.split("=", 1) for line in out.stdout.split())
